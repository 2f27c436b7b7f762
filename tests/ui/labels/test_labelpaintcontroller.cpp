// LabelPaintController with a BrushingModel: a stroke writes exactly the cells under the brush path, one undo
// step per stroke restores them and redo reapplies them; the eraser; nodata pixels are never labelled;
// counts and the modified flag follow.
#include "brushingmodel.h"
#include "labeldocument.h"
#include "labeleditcommand.h"
#include "labelpaintcontroller.h"
#include "labels.h"
#include "testrasters.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <memory>

using namespace lodestone;

class TestLabelPaintController : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<LabelDocument> m_doc;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<BrushingModel> m_brush;
    std::unique_ptr<LabelPaintController> m_controller;
    std::shared_ptr<Raster> m_survey;

    /** The cells of the grid holding value. */
    QSet<QPoint> cellsWith(uint8_t value) const
    {
        QSet<QPoint> cells;
        const LabelImage &l = m_doc->labels();
        for (int r = 0; r < l.grid.height; ++r)
            for (int c = 0; c < l.grid.width; ++c)
                if (l.at(c, r) == value)
                    cells.insert(QPoint(c, r));
        return cells;
    }
    void stroke(const QList<QPointF> &points)
    {
        m_brush->beginStroke(points.front());
        for (int i = 1; i < points.size(); ++i)
            m_brush->continueStroke(points[i]);
        m_brush->endStroke();
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QVector<QPoint>>(); }
    void init()
    {
        // 20 x 12 cells; column 12 is nodata.
        m_survey = std::make_shared<Raster>(
            test::makeRaster(20, 12, [](int c, int r) { return c == 12 ? NAN : float(c + r); }));
        m_doc = std::make_unique<LabelDocument>();
        m_doc->reset(m_survey->grid);
        m_undo = std::make_unique<QUndoStack>();
        m_brush = std::make_unique<BrushingModel>();
        m_controller = std::make_unique<LabelPaintController>(m_doc.get(), m_undo.get());
        m_controller->setBrushingModel(m_brush.get());
        m_controller->setSurvey(m_survey);
    }
    void cleanup()
    {
        m_controller.reset();
        m_brush.reset();
        m_undo.reset();
        m_doc.reset();
    }

    void aStrokeSetsTheCellsUnderThePath()
    {
        QSignalSpy changed(m_doc.get(), &LabelDocument::labelsChanged);
        stroke({{2.5, 2.5}, {5.2, 3.1}, {8.9, 4.7}});
        const QSet<QPoint> expected{{2, 2}, {3, 2}, {4, 3}, {5, 3}, {6, 3}, {7, 4}, {8, 4}};
        QCOMPARE(cellsWith(LabelDeposit), expected);
        QCOMPARE(cellsWith(LabelNonDeposit), QSet<QPoint>());
        QVERIFY(changed.count() >= 1);
        QCOMPARE(m_undo->count(), 1); // one command for the whole stroke
        QCOMPARE(m_undo->text(0), QStringLiteral("Paint deposit"));
        QVERIFY(m_doc->isModified());
    }
    void undoRestoresAndRedoReapplies()
    {
        // Some labels before the stroke, which the stroke partly overwrites.
        m_brush->setBrushClass(LabelNonDeposit);
        stroke({{3.5, 2.5}, {4.5, 2.5}});
        m_brush->setBrushClass(LabelDeposit);
        m_brush->setBrushSize(3);
        stroke({{3.5, 3.5}});
        QCOMPARE(m_undo->count(), 2);
        QSet<QPoint> block;
        for (int r = 2; r <= 4; ++r)
            for (int c = 2; c <= 4; ++c)
                block.insert(QPoint(c, r));
        QCOMPARE(cellsWith(LabelDeposit), block);
        QCOMPARE(cellsWith(LabelNonDeposit), QSet<QPoint>());

        m_undo->undo();
        QCOMPARE(cellsWith(LabelDeposit), QSet<QPoint>());
        QCOMPARE(cellsWith(LabelNonDeposit), QSet<QPoint>({{3, 2}, {4, 2}}));
        m_undo->redo();
        QCOMPARE(cellsWith(LabelDeposit), block);
        QCOMPARE(cellsWith(LabelNonDeposit), QSet<QPoint>());
        m_undo->undo();
        m_undo->undo();
        QCOMPARE(m_doc->counts()[LabelNonDeposit] + m_doc->counts()[LabelDeposit], std::size_t(0));
    }
    void theEraserMakesCellsUnknown()
    {
        m_brush->setBrushSize(3);
        stroke({{5.5, 5.5}, {8.5, 5.5}}); // rows 4-6, columns 4-9
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(18));
        m_brush->setBrushClass(LabelUnknown);
        m_brush->setBrushSize(1);
        stroke({{6.5, 3.5}, {6.5, 7.5}}); // column 6, rows 3-7
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(15));
        QCOMPARE(m_doc->at(6, 5), LabelUnknown);
        QCOMPARE(m_doc->at(5, 5), LabelDeposit);
        QCOMPARE(m_undo->text(1), QStringLiteral("Erase labels"));
        // Erasing only touched the three labelled cells.
        const auto *erase = static_cast<const LabelEditCommand *>(m_undo->command(1));
        QCOMPARE(erase->changeCount(), std::size_t(3));
        m_undo->undo();
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(18));
    }
    void nodataPixelsAreNeverLabelled()
    {
        m_brush->setBrushSize(3);
        stroke({{10.5, 6.5}, {14.5, 6.5}}); // columns 9-15 across the nodata column 12
        QCOMPARE(m_doc->at(12, 6), LabelUnknown);
        QCOMPARE(m_doc->at(12, 5), LabelUnknown);
        QCOMPARE(m_doc->at(11, 6), LabelDeposit);
        QCOMPARE(m_doc->at(13, 6), LabelDeposit);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(6 * 3));
        QVERIFY(!m_controller->isLabellable(12, 0));
        QVERIFY(m_controller->isLabellable(11, 0));
        QVERIFY(!m_controller->isLabellable(-1, 0));
        QVERIFY(!m_controller->isLabellable(20, 0));
        // A stroke only on nodata or off the grid changes nothing and pushes nothing.
        m_brush->setBrushSize(1);
        stroke({{12.5, 0.5}, {12.5, 11.5}});
        stroke({{-5.5, -5.5}, {-1.5, -3.5}});
        QCOMPARE(m_undo->count(), 1);
    }
    void strokesOffTheGridAreClipped()
    {
        m_brush->setBrushSize(5);
        stroke({{0.5, 0.5}});
        QCOMPARE(cellsWith(LabelDeposit),
                 QSet<QPoint>({{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}, {0, 2}, {1, 2}}));
    }
    void countsFollowEveryStep()
    {
        QSignalSpy counts(m_doc.get(), &LabelDocument::countsChanged);
        stroke({{1.5, 1.5}, {4.5, 1.5}});
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(4));
        QVERIFY(counts.count() >= 1);
        m_brush->setBrushClass(LabelNonDeposit);
        stroke({{1.5, 5.5}, {2.5, 5.5}});
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(2));
        QCOMPARE(m_doc->counts()[LabelUnknown], std::size_t(20 * 12 - 6));
        const int before = counts.count();
        m_undo->undo();
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(0));
        QVERIFY(counts.count() > before);
    }
    void replacingTheLabelsAbortsAStroke()
    {
        m_brush->beginStroke(QPointF(1.5, 1.5));
        m_doc->reset(m_survey->grid);
        m_brush->continueStroke(QPointF(3.5, 1.5));
        m_brush->endStroke();
        QCOMPARE(m_undo->count(), 0);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(0));
    }
};

QTEST_MAIN(TestLabelPaintController)
#include "test_labelpaintcontroller.moc"
