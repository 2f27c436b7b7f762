// CursorReadout: "X, Y (CRS) | row r, col c | value v units", and the shorter forms off the grid and on nodata.
#include "cursorreadout.h"

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
};

QTEST_MAIN(TestCursorReadout)
#include "test_cursorreadout.moc"
