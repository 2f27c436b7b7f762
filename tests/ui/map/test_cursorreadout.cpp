// CursorReadout: "X, Y (CRS) | row r, col c | value v units", and the shorter forms off the grid and on nodata;
// the probability, class and label of the cell from the layers of a stack.
#include "classmaplayer.h"
#include "cursorreadout.h"
#include "labeldocument.h"
#include "labellayer.h"
#include "labels.h"
#include "layerstack.h"
#include "probabilitylayer.h"
#include "rasterlayer.h"
#include "resultfixture.h"

#include <QTest>

using namespace lodestone;

class TestCursorReadout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatsPositionCellAndValue()
    {
        CursorReadout readout;
        readout.setSurvey(QStringLiteral("EPSG:3067"), QStringLiteral("nT"), 100.0, 19000.0);
        CanvasPosition p;
        p.map = QPointF(380012.4, 7499075.6);
        p.col = 340;
        p.row = 410;
        p.insideGrid = true;
        p.hasValue = true;
        p.value = 123.456;
        readout.showPosition(p);
        QCOMPARE(readout.text(), QStringLiteral("380012, 7499076 (EPSG:3067) | row 410, col 340 | value 123 nT"));
    }
    void decimalsFollowTheCellSizeAndRange()
    {
        CursorReadout readout;
        readout.setSurvey(QStringLiteral("EPSG:4326"), QStringLiteral("nT"), 0.001, 250.0);
        CanvasPosition p;
        p.map = QPointF(23.5, 67.25);
        p.col = 1;
        p.row = 2;
        p.insideGrid = true;
        p.hasValue = true;
        p.value = -12.3456;
        QCOMPARE(readout.format(p), QStringLiteral("23.5000, 67.2500 (EPSG:4326) | row 2, col 1 | value -12.35 nT"));
    }
    void nodataAndOutsideTheGrid()
    {
        CursorReadout readout;
        readout.setSurvey(QStringLiteral("EPSG:3067"), QStringLiteral("nT"), 100.0, 19000.0);
        CanvasPosition p;
        p.map = QPointF(10, 20);
        QCOMPARE(readout.format(p), QStringLiteral("10, 20 (EPSG:3067)"));
        p.insideGrid = true;
        p.col = 0;
        p.row = 0;
        QCOMPARE(readout.format(p), QStringLiteral("10, 20 (EPSG:3067) | row 0, col 0 | no data"));
        readout.showPosition(p);
        readout.clearPosition();
        QVERIFY(readout.text().isEmpty());
    }
    void givesProbabilityClassAndLabelUnderTheCursor()
    {
        // The fixture: probability col / 19, deposit where it is above 0.5, nodata where col < 2 and row < 2.
        const auto result = test::fixtureResult();
        LayerStack stack;
        LabelDocument labels;
        labels.reset(result->grid);
        labels.setAt(15, 4, LabelDeposit);
        labels.setAt(3, 6, LabelNonDeposit);
        labels.notifyChanged(QRect(0, 0, 20, 10));
        stack.insertLayer(new LabelLayer(&labels, QStringLiteral("Labels")));
        stack.insertLayer(new ClassMapLayer(result, QStringLiteral("Classes")));
        stack.insertLayer(new ProbabilityLayer(result));
        CursorReadout readout;
        readout.setSurvey(QStringLiteral("EPSG:3067"), QStringLiteral("nT"), 100.0, 19000.0);
        readout.setLayerStack(&stack);

        CanvasPosition p;
        p.map = QPointF(1155, 4955);
        p.col = 15;
        p.row = 4;
        p.insideGrid = true;
        p.hasValue = true;
        p.value = 5;
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 4, col 15 | value 5 nT | "
                                                   "probability 0.79, class deposit | label deposit"));
        p.col = 3;
        p.row = 6;
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 6, col 3 | value 5 nT | "
                                                   "probability 0.16, class non-deposit | label non-deposit"));
        p.col = 10; // 10 / 19 = 0.526: deposit, no label
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 6, col 10 | value 5 nT | "
                                                   "probability 0.53, class deposit"));
        // Nodata in the result: nothing of it.
        p.col = 0;
        p.row = 0;
        p.hasValue = false;
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 0, col 0 | no data"));
        // Outside the grid: the coordinates only.
        p.insideGrid = false;
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067)"));
    }
    void givesTheTopRasterLayersValueAndTheEnsemblesSpread()
    {
        auto result = test::fixtureResult();
        result->uncertainty.assign(result->valid.size(), 0.04f);
        auto surveyRaster = std::make_shared<Raster>(test::makeRaster(
            20, 10, [](int c, int r) { return float(c + 20 * r); }, result->grid));
        auto productRaster = std::make_shared<Raster>(test::makeRaster(
            20, 10, [](int c, int r) { return c == 7 ? NAN : 0.125f * float(c); }, result->grid));
        LayerStack stack;
        auto *survey = new RasterLayer(surveyRaster, BandStatistics::compute(*surveyRaster), QStringLiteral("Survey"));
        auto *product = new RasterLayer(productRaster, BandStatistics::compute(*productRaster),
                                        QStringLiteral("Analytic signal (as)"));
        product->setUnits(QStringLiteral("nT/m"));
        stack.insertLayer(survey);
        stack.insertLayer(product, 0);
        stack.insertLayer(new ProbabilityLayer(result), 0);
        CursorReadout readout;
        readout.setSurvey(QStringLiteral("EPSG:3067"), QStringLiteral("nT"), 100.0, 19000.0);
        readout.setLayerStack(&stack);
        readout.setSurveyLayer(survey);

        CanvasPosition p;
        p.map = QPointF(1155, 4955);
        p.col = 4;
        p.row = 3;
        p.insideGrid = true;
        p.hasValue = true;
        p.value = 64;
        // The product's range is 0..2.375: four decimals, as for a survey of that range; the probability 4 / 19 with
        // the members' spread.
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 3, col 4 | value 64 nT | "
                                                   "Analytic signal (as) 0.5000 nT/m | probability 0.21 (sd 0.04)"));
        p.col = 7;
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 3, col 7 | value 64 nT | "
                                                   "Analytic signal (as) no data | probability 0.37 (sd 0.04)"));
        // A hidden product says nothing; nor does the survey when it is the top raster layer.
        product->setVisible(false);
        p.col = 4;
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 3, col 4 | value 64 nT | "
                                                   "probability 0.21 (sd 0.04)"));
        // Below the survey, the product is hidden by it.
        product->setVisible(true);
        stack.moveLayer(product, stack.count() - 1);
        QCOMPARE(readout.format(p), QStringLiteral("1155, 4955 (EPSG:3067) | row 3, col 4 | value 64 nT | "
                                                   "probability 0.21 (sd 0.04)"));
    }
};

QTEST_MAIN(TestCursorReadout)
#include "test_cursorreadout.moc"
