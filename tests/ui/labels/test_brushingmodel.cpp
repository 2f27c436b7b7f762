// BrushingModel: brush footprints per size, anchors, gap-free strokes between distant positions.
#include "brushingmodel.h"
#include "labels.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace lodestone;

namespace {

QSet<QPoint> cellsOf(const QSignalSpy &spy)
{
    QSet<QPoint> cells;
    for (const QList<QVariant> &args : spy)
        for (const QPoint &p : args.front().value<QVector<QPoint>>())
            cells.insert(p);
    return cells;
}

} // namespace

class TestBrushingModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QVector<QPoint>>(); }

    void footprintsAreBlocksThenDiscs()
    {
        QCOMPARE(BrushingModel::footprint(1), QVector<QPoint>({QPoint(0, 0)}));
        QCOMPARE(BrushingModel::footprint(2).size(), 4);  // 2 x 2 around a corner
        QCOMPARE(BrushingModel::footprint(3).size(), 9);  // 3 x 3
        QCOMPARE(BrushingModel::footprint(4).size(), 12); // 4 x 4 without the corners
        QCOMPARE(BrushingModel::footprint(5).size(), 21); // 5 x 5 without the corners' 4
        const QVector<QPoint> two = BrushingModel::footprint(2);
        for (const QPoint &p : {QPoint(-1, -1), QPoint(0, -1), QPoint(-1, 0), QPoint(0, 0)})
            QVERIFY(two.contains(p));
        QVERIFY(!BrushingModel::footprint(4).contains(QPoint(1, 1)));
        QVERIFY(!BrushingModel::footprint(4).contains(QPoint(-2, -2)));
    }
    void anchorsAreTheCellOrTheNearestCorner()
    {
        QCOMPARE(BrushingModel::anchorOf(QPointF(3.9, 7.2), 1), QPoint(3, 7));
        QCOMPARE(BrushingModel::anchorOf(QPointF(3.9, 7.2), 3), QPoint(3, 7));
        QCOMPARE(BrushingModel::anchorOf(QPointF(3.9, 7.2), 2), QPoint(4, 7));
        QCOMPARE(BrushingModel::anchorOf(QPointF(-0.2, -0.7), 1), QPoint(-1, -1));
    }
    void aLineVisitsEveryCellOnce()
    {
        const QVector<QPoint> line = BrushingModel::line(QPoint(2, 2), QPoint(8, 4));
        QCOMPARE(line, QVector<QPoint>({{2, 2}, {3, 2}, {4, 3}, {5, 3}, {6, 3}, {7, 4}, {8, 4}}));
        QCOMPARE(BrushingModel::line(QPoint(5, 5), QPoint(5, 5)), QVector<QPoint>({{5, 5}}));
        QCOMPARE(BrushingModel::line(QPoint(0, 3), QPoint(0, 0)).size(), 4);
    }
    void aStrokeRasterisesTheWholePath()
    {
        BrushingModel model;
        QSignalSpy started(&model, &BrushingModel::strokeStarted);
        QSignalSpy cells(&model, &BrushingModel::strokeCells);
        QSignalSpy finished(&model, &BrushingModel::strokeFinished);
        model.setBrushClass(LabelNonDeposit);
        model.beginStroke(QPointF(2.5, 2.5));
        model.continueStroke(QPointF(5.2, 3.1));
        model.continueStroke(QPointF(5.7, 3.9)); // same cell: nothing new
        model.continueStroke(QPointF(8.9, 4.7));
        QVERIFY(model.isStroking());
        model.endStroke();
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.front().front().value<uint8_t>(), LabelNonDeposit);
        QCOMPARE(cells.count(), 3);
        QCOMPARE(cellsOf(cells), QSet<QPoint>({{2, 2}, {3, 2}, {4, 3}, {5, 3}, {6, 3}, {7, 4}, {8, 4}}));
        QCOMPARE(finished.count(), 1);
        model.endStroke(); // no stroke running: nothing
        QCOMPARE(finished.count(), 1);
    }
    void aBigBrushStampsItsFootprint()
    {
        BrushingModel model;
        model.setBrushSize(3);
        QSignalSpy cells(&model, &BrushingModel::strokeCells);
        model.beginStroke(QPointF(10.5, 10.5));
        model.endStroke();
        QSet<QPoint> expected;
        for (int r = 9; r <= 11; ++r)
            for (int c = 9; c <= 11; ++c)
                expected.insert(QPoint(c, r));
        QCOMPARE(cellsOf(cells), expected);
    }
    void sizeAndClassAreClampedAndSignalled()
    {
        BrushingModel model;
        QSignalSpy size(&model, &BrushingModel::brushSizeChanged);
        QSignalSpy cls(&model, &BrushingModel::brushClassChanged);
        model.setBrushSize(0);
        QCOMPARE(model.brushSize(), 1);
        QCOMPARE(size.count(), 0);
        model.setBrushSize(1000);
        QCOMPARE(model.brushSize(), BrushingModel::kMaxSize);
        QCOMPARE(size.count(), 1);
        QCOMPARE(model.brushClass(), LabelDeposit);
        model.setBrushClass(LabelUnknown);
        QVERIFY(model.isErasing());
        model.setBrushClass(7); // not a label: ignored
        QCOMPARE(model.brushClass(), LabelUnknown);
        QCOMPARE(cls.count(), 1);
        QVERIFY(!model.outlineAt(QPointF(3.2, 4.8)).isEmpty());
        QCOMPARE(model.outlineAt(QPointF(3.2, 4.8)).boundingRect(), QRectF(3 - 49, 4 - 49, 99, 99));
    }
};

QTEST_MAIN(TestBrushingModel)
#include "test_brushingmodel.moc"
