// LabelPaintTool on a MapCanvas: left-drag paints the cells under the cursor, Space + drag and middle-drag
// pan without painting, the wheel zooms, [ and ] resize the brush, the outline follows the cursor.
#include "brushingmodel.h"
#include "brushoutlineitem.h"
#include "labeldocument.h"
#include "labeleditor.h"
#include "labellayer.h"
#include "labelpainttool.h"
#include "labels.h"
#include "layerstack.h"
#include "mapcanvas.h"
#include "rasterlayer.h"
#include "testrasters.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

#include <cmath>

using namespace lodestone;

namespace {

void sendMouse(QWidget *viewport, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, viewport->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

void sendKey(QWidget *widget, QEvent::Type type, int key, bool autoRepeat = false)
{
    QKeyEvent event(type, key, Qt::NoModifier, QString(), autoRepeat);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestLabelPaintTool : public QObject {
    Q_OBJECT
private:
    LayerStack *m_stack = nullptr;
    MapCanvas *m_canvas = nullptr;
    LabelDocument *m_doc = nullptr;
    LabelEditor *m_editor = nullptr;

    QPointF at(double col, double row) const { return m_canvas->viewportPosOfPixel(QPointF(col, row)); }
    void drag(Qt::MouseButton button, const QList<QPointF> &cells)
    {
        QWidget *vp = m_canvas->viewport();
        sendMouse(vp, QEvent::MouseButtonPress, at(cells.front().x(), cells.front().y()), button, button);
        for (int i = 1; i < cells.size(); ++i)
            sendMouse(vp, QEvent::MouseMove, at(cells[i].x(), cells[i].y()), Qt::NoButton, button);
        sendMouse(vp, QEvent::MouseButtonRelease, at(cells.back().x(), cells.back().y()), button, Qt::NoButton);
    }

private Q_SLOTS:
    void init()
    {
        qRegisterMetaType<CanvasPosition>();
        m_stack = new LayerStack;
        m_canvas = new MapCanvas;
        m_canvas->resize(400, 300);
        m_canvas->setLayerStack(m_stack);
        auto raster = std::make_shared<Raster>(
            test::makeRaster(40, 30, [](int c, int r) { return c == 20 ? NAN : float(c + r); }));
        auto *survey = new RasterLayer(raster, BandStatistics::compute(*raster), QStringLiteral("survey"));
        m_stack->insertLayer(survey);
        m_doc = new LabelDocument(m_canvas);
        m_doc->reset(raster->grid);
        m_stack->insertLayer(new LabelLayer(m_doc, QStringLiteral("Labels")), 0);
        m_canvas->setReferenceLayer(survey);
        m_editor = new LabelEditor(m_doc, m_canvas, m_canvas);
        m_editor->setSurvey(raster);
        m_canvas->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_canvas));
        m_canvas->zoomToFullExtent();
        m_editor->activatePaintTool();
        QCOMPARE(m_canvas->mapTool(), m_editor->paintTool());
        QVERIFY(m_editor->paintAction()->isChecked());
    }
    void cleanup()
    {
        delete m_canvas;
        delete m_stack;
    }

    void leftDragPaintsTheCellsUnderTheCursor()
    {
        drag(Qt::LeftButton, {{2.5, 2.5}, {5.2, 3.1}, {8.9, 4.7}});
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(7));
        for (const QPoint &p :
             {QPoint(2, 2), QPoint(3, 2), QPoint(4, 3), QPoint(5, 3), QPoint(6, 3), QPoint(7, 4), QPoint(8, 4)})
            QCOMPARE(m_doc->at(p.x(), p.y()), LabelDeposit);
        QCOMPARE(m_editor->undoStack()->count(), 1);
        m_editor->undoAction()->trigger();
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(0));
        QVERIFY(!m_doc->isModified()); // back to the state it was saved (opened) in
        m_editor->redoAction()->trigger();
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(7));
        QVERIFY(m_doc->isModified());
    }
    void spaceDragPansWithoutPainting()
    {
        const int h = m_canvas->horizontalScrollBar()->value();
        sendKey(m_canvas, QEvent::KeyPress, Qt::Key_Space);
        QVERIFY(m_editor->paintTool()->isSpaceHeld());
        sendKey(m_canvas, QEvent::KeyPress, Qt::Key_Space, true); // auto-repeat while held
        QWidget *vp = m_canvas->viewport();
        const QPointF start = at(10.5, 10.5);
        sendMouse(vp, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        QVERIFY(m_editor->paintTool()->isPanning());
        sendMouse(vp, QEvent::MouseMove, start + QPointF(-60, 0), Qt::NoButton, Qt::LeftButton);
        sendMouse(vp, QEvent::MouseButtonRelease, start + QPointF(-60, 0), Qt::LeftButton, Qt::NoButton);
        sendKey(m_canvas, QEvent::KeyRelease, Qt::Key_Space);
        QVERIFY(!m_editor->paintTool()->isSpaceHeld());
        QCOMPARE(m_canvas->horizontalScrollBar()->value(), h + 60);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(0));
        QCOMPARE(m_editor->undoStack()->count(), 0);
        // After Space is released, the left button paints again.
        drag(Qt::LeftButton, {{5.5, 5.5}});
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(1));
    }
    void middleDragPansWithoutPainting()
    {
        const int v = m_canvas->verticalScrollBar()->value();
        drag(Qt::MiddleButton, {{10.5, 10.5}, {10.5, 5.5}});
        QVERIFY(m_canvas->verticalScrollBar()->value() != v);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(0));
        QCOMPARE(m_canvas->mapTool(), m_editor->paintTool());
    }
    void theWheelZooms()
    {
        const double scale = m_canvas->scale();
        const QPointF pos = at(10.5, 10.5);
        QWheelEvent wheel(pos, m_canvas->viewport()->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_canvas->viewport(), &wheel);
        QVERIFY(m_canvas->scale() > scale);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(0));
    }
    void nodataCellsStayUnlabelled()
    {
        m_editor->brushingModel()->setBrushSize(3);
        drag(Qt::LeftButton, {{18.5, 5.5}, {22.5, 5.5}});
        QCOMPARE(m_doc->at(20, 5), LabelUnknown);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(6 * 3));
    }
    void bracketsResizeTheBrushAndTheOutlineFollows()
    {
        BrushingModel *brush = m_editor->brushingModel();
        sendKey(m_canvas, QEvent::KeyPress, Qt::Key_BracketRight);
        sendKey(m_canvas, QEvent::KeyPress, Qt::Key_BracketRight);
        QCOMPARE(brush->brushSize(), 3);
        sendKey(m_canvas, QEvent::KeyPress, Qt::Key_BracketLeft);
        QCOMPARE(brush->brushSize(), 2);
        sendMouse(m_canvas->viewport(), QEvent::MouseMove, at(12.4, 7.6), Qt::NoButton, Qt::NoButton);
        BrushOutlineItem *outline = m_editor->paintTool()->outlineItem();
        QVERIFY(outline->isVisible());
        QCOMPARE(outline->scene(), m_canvas->scene());
        QCOMPARE(outline->outline().boundingRect(), QRectF(11, 7, 2, 2)); // 2 x 2 around corner (12, 8)
        // Leaving the canvas hides it; another tool removes it.
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(m_canvas, &leave);
        QVERIFY(!outline->isVisible());
        m_canvas->setMapTool(nullptr);
        QVERIFY(!m_editor->paintAction()->isChecked());
        QVERIFY(outline->scene() == nullptr);
    }
    void theEraserClassActionErases()
    {
        drag(Qt::LeftButton, {{3.5, 3.5}, {9.5, 3.5}});
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(7));
        m_canvas->setMapTool(nullptr);
        m_editor->classAction(LabelUnknown)->trigger(); // also brings the paint tool back
        QCOMPARE(m_canvas->mapTool(), m_editor->paintTool());
        QVERIFY(m_editor->brushingModel()->isErasing());
        drag(Qt::LeftButton, {{5.5, 3.5}, {6.5, 3.5}});
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(5));
        QCOMPARE(m_doc->at(5, 3), LabelUnknown);
        QCOMPARE(m_editor->undoStack()->undoText(), QStringLiteral("Erase labels"));
    }
};

QTEST_MAIN(TestLabelPaintTool)
#include "test_labelpainttool.moc"
