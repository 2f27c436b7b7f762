// MapComposer: the exported map has the size of the grid in view at the canvas's scale with the layers reaching
// its edges, the legend shows the layers' own colours, the scale bar is as long as its ground length on a known
// grid, and the PNG (with its world file) and the PDF (a page of the map's size) are written.
#include "classmaplayer.h"
#include "gridding.h"
#include "layerstack.h"
#include "mapcanvas.h"
#include "mapcomposer.h"
#include "probabilitylayer.h"
#include "rasterlayer.h"
#include "resultfixture.h"
#include "uncertaintylayer.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lodestone;

namespace {

bool near(QRgb a, QRgb b, int tolerance)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance &&
           std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

bool isWhite(QRgb c)
{
    return qRed(c) == 255 && qGreen(c) == 255 && qBlue(c) == 255;
}

} // namespace

class TestMapComposer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    LayerStack *m_stack = nullptr;
    MapCanvas *m_canvas = nullptr;
    RasterLayer *m_survey = nullptr;
    ProbabilityLayer *m_probability = nullptr;
    ClassMapLayer *m_classes = nullptr;

private Q_SLOTS:
    void init()
    {
        // The fixture's grid: 20 x 10 cells of 10 m in EPSG:3067, top-left corner at (1000, 5000).
        const auto result = test::fixtureResult();
        auto raster = std::make_shared<Raster>(test::makeRaster(
            20, 10, [](int c, int r) { return float(c + 20 * r); }, result->grid));
        raster->path = "/data/kolari survey.tif";
        m_stack = new LayerStack;
        m_survey = new RasterLayer(raster, BandStatistics::compute(*raster), QStringLiteral("Survey"));
        m_survey->setUnits(QStringLiteral("nT"));
        m_classes = new ClassMapLayer(result, QStringLiteral("Classes"));
        m_probability = new ProbabilityLayer(result);
        m_probability->setBelowThreshold(ProbabilityLayer::BelowThreshold::Transparent); // the class map shows below
        QSignalSpy surveyDone(m_survey, &RasterLayer::renderFinished);
        QSignalSpy classesDone(m_classes, &ClassMapLayer::renderFinished);
        QSignalSpy probabilityDone(m_probability, &ProbabilityLayer::renderFinished);
        m_stack->insertLayer(m_survey);
        m_stack->insertLayer(m_classes);
        m_stack->insertLayer(m_probability);
        m_canvas = new MapCanvas;
        m_canvas->resize(800, 600);
        m_canvas->setLayerStack(m_stack);
        m_canvas->setReferenceLayer(m_survey);
        m_canvas->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_canvas));
        m_canvas->zoomToFullExtent();
        QVERIFY(!m_survey->overview().isNull() || surveyDone.wait(5000));
        QVERIFY(!m_classes->image().isNull() || classesDone.wait(5000));
        QVERIFY(!m_probability->image().isNull() || probabilityDone.wait(5000));
    }
    void cleanup()
    {
        delete m_canvas;
        delete m_stack;
    }

    void theMapIsTheGridInViewAtTheCanvasScale()
    {
        // Fitted in 800 x 600 with 8 pixels of margin: 784 / 20 = 39.2 pixels a cell, so 784 x 392.
        QCOMPARE(m_canvas->scale(), 39.2);
        const MapComposer composer(*m_canvas);
        QVERIFY(composer.isValid());
        QCOMPARE(composer.extent(), QRectF(0, 0, 20, 10));
        QCOMPARE(composer.mapSize(), QSize(784, 392));
        MapLayout layout;
        const QImage image = composer.render(2.0, &layout);
        QCOMPARE(image.size(), QSize(1568, 784));
        QCOMPARE(layout.map, QRectF(0, 0, 784, 392));

        // No white margin: just inside the neat line (2 pixels at this factor), no row or column along the
        // edges is white, and the map's cells reach the edges with their colours.
        for (int x : {2, 3, image.width() - 4, image.width() - 3}) {
            int white = 0;
            for (int y = 0; y < image.height(); ++y)
                white += isWhite(image.pixel(x, y));
            QVERIFY2(white < image.height() / 2, qPrintable(QStringLiteral("column %1").arg(x)));
        }
        for (int y : {2, 3, image.height() - 4, image.height() - 3}) {
            int white = 0;
            for (int x = 0; x < image.width(); ++x)
                white += isWhite(image.pixel(x, y));
            QVERIFY2(white < image.width() / 2, qPrintable(QStringLiteral("row %1").arg(y)));
        }
        // The probability layer is on top: cell (col 19, row 5) at the right edge holds probability 1.
        const QRgb top = ProbabilityLayer::colorOf(1.0, m_probability->threshold(), m_probability->belowThreshold());
        QVERIFY(near(image.pixel(image.width() - 4, int(5.5 * 39.2 * 2)), top, 2));
        // Below the threshold the probability is not drawn, so the class map shows: non-deposit at col 3, row 9.
        QVERIFY(near(image.pixel(int(3.5 * 39.2 * 2), image.height() - 4), ClassMapLayer::colorOf(0).rgb(), 2));
    }
    void theLegendShowsTheLayersColours()
    {
        const MapComposer composer(*m_canvas);
        const QVector<LegendSection> legend = composer.legend();
        QCOMPARE(legend.size(), 3); // probability, classes, survey: top layer first
        QCOMPARE(legend[0].title, QStringLiteral("Deposit probability"));
        QCOMPARE(legend[0].items[0].markerText, QStringLiteral("threshold 0.50"));
        QCOMPARE(legend[1].items[0].text, QStringLiteral("deposit"));
        QCOMPARE(legend[1].items[1].text, QStringLiteral("non-deposit"));
        QCOMPARE(legend[2].title, QStringLiteral("Survey (nT)"));

        const double factor = 2.0;
        MapLayout layout;
        const QImage image = composer.render(factor, &layout);
        QCOMPARE(layout.itemRects.size(), 4); // the probability ramp, two class swatches, the survey's ramp
        QVERIFY(layout.map.contains(layout.legend));
        auto at = [&](const QPointF &p) { return image.pixel((p * factor).toPoint()); };
        QCOMPARE(at(layout.itemRects[1].center()), ClassMapLayer::colorOf(1).rgb());
        QCOMPARE(at(layout.itemRects[2].center()), ClassMapLayer::colorOf(0).rgb());
        // The ramps: each colour bar at a quarter, half and three quarters of its length holds the layer's colour
        // there (measured where the image's pixel centre falls on the bar).
        auto rampAt = [&](const QRectF &bar, double t) {
            const int x = int(std::lround((bar.left() + t * bar.width()) * factor));
            const double exact = ((x + 0.5) / factor - bar.left()) / bar.width();
            return std::make_pair(image.pixel(x, int(bar.center().y() * factor)), exact);
        };
        for (double t : {0.625, 0.75, 0.875}) {
            const auto [pixel, exact] = rampAt(layout.itemRects[0], t);
            QVERIFY(near(pixel, ProbabilityLayer::colorOf(exact, 0.5, m_probability->belowThreshold()), 6));
        }
        for (double t : {0.25, 0.5, 0.75}) {
            const auto [pixel, exact] = rampAt(layout.itemRects[3], t);
            QVERIFY(near(pixel, m_survey->renderer().ramp().rgbAt(exact), 8));
        }

        // Hidden layers leave the legend.
        m_classes->setVisible(false);
        QCOMPARE(MapComposer(*m_canvas).legend().size(), 2);
    }
    void theScaleBarMatchesTheGroundDistance()
    {
        const MapComposer composer(*m_canvas);
        // 10 m cells at 39.2 pixels: 0.255 m a pixel; the bar may take 180 pixels (45.9 m): 20 m, 78.4 pixels.
        QCOMPARE(composer.mapScale().metresPerPixel(), 10.0 / 39.2);
        const double factor = 2.0;
        MapLayout layout;
        const QImage image = composer.render(factor, &layout);
        QCOMPARE(layout.scaleBar.metres, 20.0);
        QCOMPARE(layout.scaleBar.pixels, 20.0 / (10.0 / 39.2));
        QCOMPARE(layout.scaleBar.segments, 4);
        QCOMPARE(layout.scaleBar.label, QStringLiteral("20 m"));
        QCOMPARE(layout.scaleBarBand.width(), layout.scaleBar.pixels);
        // Measured on the image: from the bar's left end, black for a quarter (5 m), then white, then black.
        const int y = int(std::lround(layout.scaleBarBand.center().y() * factor));
        const int left = int(std::lround(layout.scaleBarBand.left() * factor));
        int black = 0;
        while (qGray(image.pixel(left + black, y)) < 128)
            ++black;
        QVERIFY2(std::abs(black - 78.4 / 4 * factor) <= 2, qPrintable(QString::number(black)));
        int dark = 0; // the whole bar: its last segment is white, closed by the outline
        for (int x = left; x < left + int(std::lround(78.4 * factor)) + 3; ++x)
            dark = qGray(image.pixel(x, int(std::lround(layout.scaleBarBand.top() * factor)))) < 128 ? x - left : dark;
        QVERIFY2(std::abs(dark - 78.4 * factor) <= 2, qPrintable(QString::number(dark)));

        // The particulars: CRS, scale at 96 dpi (0.255 m a pixel: 1:964), data and date.
        const QString info = layout.infoLines.join(QLatin1Char('\n'));
        QVERIFY2(info.contains(QStringLiteral("ETRS89 / TM35FIN(E,N) (EPSG:3067)")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Scale 1:964 at 207 × 104 mm")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Data: kolari survey.tif")), qPrintable(info));
        QVERIFY2(info.contains(QDate::currentDate().toString(Qt::ISODate)), qPrintable(info));
        QVERIFY(layout.map.contains(layout.info));
        QVERIFY(!layout.info.intersects(layout.legend));
    }
    void writesThePngWithItsWorldFileAndThePdf()
    {
        const MapComposer composer(*m_canvas);
        const QString png = m_dir.filePath(QStringLiteral("map.png"));
        QCOMPARE(composer.writePng(png), QString());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1568, 784));
        QCOMPARE(image.dotsPerMeterX(), int(std::lround(96.0 * 2 / 0.0254)));
        QFile world(m_dir.filePath(QStringLiteral("map.pgw")));
        QVERIFY(world.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromLatin1(world.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        const double cell = 10.0 / (39.2 * 2);
        QVERIFY(std::abs(lines[0].toDouble() - cell) < 1e-9);
        QVERIFY(std::abs(lines[3].toDouble() + cell) < 1e-9);
        QVERIFY(std::abs(lines[4].toDouble() - (1000 + cell / 2)) < 1e-6);
        QVERIFY(std::abs(lines[5].toDouble() - (5000 - cell / 2)) < 1e-6);

        const QString pdf = m_dir.filePath(QStringLiteral("map.pdf"));
        QCOMPARE(composer.writePdf(pdf), QString());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        // One page of the map's size: 784 x 392 pixels at 96 dpi are 588 x 294 points.
        const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto m = box.match(QString::fromLatin1(bytes));
        QVERIFY(m.hasMatch());
        QVERIFY2(std::abs(m.captured(1).toDouble() - 588) < 1, qPrintable(m.captured(0)));
        QVERIFY2(std::abs(m.captured(2).toDouble() - 294) < 1, qPrintable(m.captured(0)));

        // A file that cannot be written: the message names it.
        const QString bad = QStringLiteral("/proc/lodestone/map.png");
        QVERIFY(composer.writePng(bad).contains(bad));
    }
    void theUncertaintyOfAnEnsembleHasItsRamp()
    {
        auto result = std::make_shared<PipelineResult>(*test::fixtureResult());
        result->ensemble = 3;
        result->uncertainty.assign(result->probability.size(), 0.0f);
        for (std::size_t i = 0; i < result->uncertainty.size(); ++i)
            result->uncertainty[i] = std::isnan(result->probability[i]) ? NAN : 0.25f * result->probability[i];
        auto *layer = new UncertaintyLayer(result);
        QSignalSpy done(layer, &UncertaintyLayer::renderFinished);
        m_stack->insertLayer(layer);
        QVERIFY(layer->scaleMaximum() > 0 || done.wait(5000));
        const QVector<LegendSection> legend = MapComposer(*m_canvas).legend();
        QCOMPARE(legend.size(), 4);
        QCOMPARE(legend[0].title, QStringLiteral("Uncertainty (standard deviation of the ensemble)"));
        const LegendItem &ramp = legend[0].items[0];
        QCOMPARE(layer->scaleMaximum(), 0.25); // 0.25 at probability 1, already a round number
        QCOMPARE(ramp.ramp.last(), UncertaintyLayer::colorOf(0.25, 0.25));
        QCOMPARE(ramp.ramp.first(), UncertaintyLayer::colorOf(0.0, 0.25));
        QCOMPARE(ramp.ticks.size(), 3);
        QCOMPARE(ramp.ticks.last().first, 1.0);
    }
    void aGeographicGridIsMeasuredAlongItsCentreParallel()
    {
        // 100 x 100 cells of 0.01 degree from 20 E, 61 N: the centre is at 60.5 N.
        GridSpec grid = test::makeGrid(100, 100, 20.0, 61.0, 0.01);
        grid.crsWkt = crsWktFromUserInput("EPSG:4326");
        auto raster = std::make_shared<Raster>(test::makeRaster(
            100, 100, [](int c, int r) { return float(c * r); }, grid));
        auto *survey = new RasterLayer(raster, BandStatistics::compute(*raster), QStringLiteral("Geographic"));
        LayerStack stack;
        stack.insertLayer(survey);
        MapCanvas canvas;
        canvas.resize(500, 500);
        canvas.setLayerStack(&stack);
        canvas.setReferenceLayer(survey);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        canvas.zoomToFullExtent();
        const MapComposer composer(canvas);
        QVERIFY(composer.mapScale().isGeographic());
        QCOMPARE(composer.mapScale().latitude(), 60.5);
        QCOMPARE(composer.mapScale().metresPerPixel(),
                 0.01 * MapScale::metresPerDegreeLongitude(60.5) / canvas.scale());
        MapLayout layout;
        composer.render(1.0, &layout);
        const QString info = layout.infoLines.join(QLatin1Char('\n'));
        QVERIFY2(info.contains(QStringLiteral("; true along latitude 60.50°")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("CRS: WGS 84 (EPSG:4326)")), qPrintable(info));
        QVERIFY(layout.scaleBar.isValid());
        QCOMPARE(layout.scaleBar.pixels * composer.mapScale().metresPerPixel(), layout.scaleBar.metres);
    }
    void nothingInViewIsNotAMap()
    {
        m_canvas->panBy(QPoint(5000, 0));
        const MapComposer composer(*m_canvas);
        QVERIFY(!composer.isValid());
        QVERIFY(!composer.writePng(m_dir.filePath(QStringLiteral("none.png"))).isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.png"))));
    }
};

QTEST_MAIN(TestMapComposer)
#include "test_mapcomposer.moc"
