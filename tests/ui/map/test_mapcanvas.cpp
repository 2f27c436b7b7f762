// MapCanvas: coordinates, cell and value under the cursor after zooming; zoom under the cursor; panning
// with the pan tool and the middle button; zoom to full extent; map tools get map coordinates.
#include "gridding.h"
#include "layerstack.h"
#include "magneticfilters.h"
#include "mapcanvas.h"
#include "mapmouseevent.h"
#include "maptool.h"
#include "pantool.h"
#include "rasterlayer.h"
#include "testrasters.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace lodestone;

namespace {

class RecordingTool : public MapTool {
public:
    using MapTool::MapTool;
    void canvasPressEvent(MapMouseEvent *e) override { presses.append(e->position()); }
    QList<CanvasPosition> presses;
};

void sendMouse(QWidget *viewport, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, viewport->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

void sendWheel(QWidget *viewport, QPointF pos, int delta)
{
    QWheelEvent event(pos, viewport->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &event);
}

} // namespace

class TestMapCanvas : public QObject {
    Q_OBJECT
private:
    LayerStack *m_stack = nullptr;
    MapCanvas *m_canvas = nullptr;
    RasterLayer *m_layer = nullptr;

private Q_SLOTS:
    void init()
    {
        qRegisterMetaType<CanvasPosition>();
        m_stack = new LayerStack;
        m_canvas = new MapCanvas;
        m_canvas->resize(400, 300);
        m_canvas->setLayerStack(m_stack);
        // 100 x 80 cells of 10 m, top-left corner at (1000, 5000); value = col + 1000 * row.
        auto raster = std::make_shared<Raster>(
            test::makeRaster(100, 80, [](int c, int r) { return c == 99 ? NAN : float(c + 1000 * r); }));
        m_layer = new RasterLayer(raster, BandStatistics::compute(*raster), QStringLiteral("survey"));
        m_stack->insertLayer(m_layer);
        m_canvas->setReferenceLayer(m_layer);
        m_canvas->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_canvas));
        m_canvas->zoomToFullExtent();
    }
    void cleanup()
    {
        delete m_canvas;
        delete m_stack;
    }

    void fullExtentShowsTheWholeGrid()
    {
        const QRectF visible = m_canvas->visiblePixelRect();
        QVERIFY(visible.contains(QRectF(0, 0, 100, 80)));
        // Fitted, not tiny: the grid fills one dimension of the view up to the margins.
        QVERIFY(m_canvas->scale() > 2.5 && m_canvas->scale() < 4.0);
    }
    void reportsCoordinateCellAndValueAfterZoom()
    {
        QSignalSpy moved(m_canvas, &MapCanvas::cursorMoved);
        m_canvas->zoomBy(3.0, QPointF(100, 100));
        // Where is the centre of cell (col 37, row 21) on screen now?
        const QPointF pos = m_canvas->viewportPosOfPixel(QPointF(37.5, 21.5));
        QVERIFY(m_canvas->viewport()->rect().contains(pos.toPoint()));
        sendMouse(m_canvas->viewport(), QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
        QCOMPARE(moved.count(), 1);
        const auto p = moved.takeFirst().at(0).value<CanvasPosition>();
        QCOMPARE(p.col, 37);
        QCOMPARE(p.row, 21);
        QVERIFY(p.insideGrid && p.hasValue);
        QCOMPARE(p.value, 21037.0);
        // Map coordinates of the cell centre: x = 1000 + 37.5 * 10, y = 5000 - 21.5 * 10 (within a screen pixel).
        const double tolerance = 10.0 / m_canvas->scale();
        QVERIFY(std::abs(p.map.x() - 1375.0) <= tolerance);
        QVERIFY(std::abs(p.map.y() - 4785.0) <= tolerance);
    }
    void nodataAndOutsideHaveNoValue()
    {
        const auto nodata = m_canvas->positionAt(m_canvas->viewportPosOfPixel(QPointF(99.5, 10.5)));
        QVERIFY(nodata.insideGrid);
        QVERIFY(!nodata.hasValue);
        const auto outside = m_canvas->positionAt(m_canvas->viewportPosOfPixel(QPointF(-3.0, 10.5)));
        QVERIFY(!outside.insideGrid);
        QVERIFY(std::abs(outside.map.x() - 970.0) < 1e-6);
    }
    void wheelZoomsUnderTheCursor()
    {
        const QPointF cursor(130, 170);
        const QPointF before = m_canvas->positionAt(cursor).pixel;
        const double scale = m_canvas->scale();
        sendWheel(m_canvas->viewport(), cursor, 120);
        QVERIFY(std::abs(m_canvas->scale() - scale * MapCanvas::kWheelStep) < 1e-9);
        const QPointF after = m_canvas->positionAt(cursor).pixel;
        // The scene point under the cursor stays put (to within a screen pixel).
        QVERIFY(std::abs(after.x() - before.x()) * m_canvas->scale() < 1.0);
        QVERIFY(std::abs(after.y() - before.y()) * m_canvas->scale() < 1.0);
        sendWheel(m_canvas->viewport(), cursor, -240);
        QVERIFY(m_canvas->scale() < scale);
    }
    void leftDragPansWithThePanTool()
    {
        m_canvas->zoomBy(4.0, QPointF(200, 150));
        QCOMPARE(m_canvas->mapTool(), static_cast<MapTool *>(m_canvas->panTool()));
        const QPointF grab(200, 150);
        const QPointF cell = m_canvas->positionAt(grab).pixel;
        sendMouse(m_canvas->viewport(), QEvent::MouseButtonPress, grab, Qt::LeftButton, Qt::LeftButton);
        sendMouse(m_canvas->viewport(), QEvent::MouseMove, grab + QPointF(40, -25), Qt::NoButton, Qt::LeftButton);
        sendMouse(m_canvas->viewport(), QEvent::MouseButtonRelease, grab + QPointF(40, -25), Qt::LeftButton,
                  Qt::NoButton);
        // The cell that was under the cursor followed it.
        const QPointF moved = m_canvas->positionAt(grab + QPointF(40, -25)).pixel;
        QVERIFY(std::abs(moved.x() - cell.x()) * m_canvas->scale() < 1.5);
        QVERIFY(std::abs(moved.y() - cell.y()) * m_canvas->scale() < 1.5);
    }
    void middleDragPansWithAnyTool()
    {
        RecordingTool tool(m_canvas);
        m_canvas->setMapTool(&tool);
        m_canvas->zoomBy(4.0, QPointF(200, 150));
        const QPointF grab(150, 100);
        const QPointF cell = m_canvas->positionAt(grab).pixel;
        sendMouse(m_canvas->viewport(), QEvent::MouseButtonPress, grab, Qt::MiddleButton, Qt::MiddleButton);
        sendMouse(m_canvas->viewport(), QEvent::MouseMove, grab + QPointF(-30, 20), Qt::NoButton, Qt::MiddleButton);
        sendMouse(m_canvas->viewport(), QEvent::MouseButtonRelease, grab + QPointF(-30, 20), Qt::MiddleButton,
                  Qt::NoButton);
        const QPointF moved = m_canvas->positionAt(grab + QPointF(-30, 20)).pixel;
        QVERIFY(std::abs(moved.x() - cell.x()) * m_canvas->scale() < 1.5);
        QVERIFY(tool.presses.isEmpty()); // the middle button never reaches the tool
        m_canvas->unsetMapTool(&tool);
        QCOMPARE(m_canvas->mapTool(), static_cast<MapTool *>(m_canvas->panTool()));
    }
    void mapToolsReceiveMapCoordinates()
    {
        RecordingTool tool(m_canvas);
        QSignalSpy changed(m_canvas, &MapCanvas::mapToolChanged);
        m_canvas->setMapTool(&tool);
        QCOMPARE(changed.count(), 1);
        QVERIFY(tool.isActive());
        QVERIFY(!m_canvas->panTool()->isActive());
        const QPointF pos = m_canvas->viewportPosOfPixel(QPointF(12.5, 40.5));
        sendMouse(m_canvas->viewport(), QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
        sendMouse(m_canvas->viewport(), QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
        QCOMPARE(tool.presses.size(), 1);
        QCOMPARE(tool.presses[0].col, 12);
        QCOMPARE(tool.presses[0].row, 40);
        QVERIFY(std::abs(tool.presses[0].map.x() - 1125.0) < 10.0 / m_canvas->scale() + 1e-9);
    }
    void zoomToFullExtentAfterZoomingRestoresTheView()
    {
        m_canvas->zoomBy(8.0, QPointF(10, 10));
        QVERIFY(!m_canvas->visiblePixelRect().contains(QRectF(0, 0, 100, 80)));
        m_canvas->zoomToFullExtent();
        QVERIFY(m_canvas->visiblePixelRect().contains(QRectF(0, 0, 100, 80)));
    }
    void pixelAndMapCoordinatesRoundTrip()
    {
        const QPointF map = m_canvas->pixelToMap(QPointF(12.25, 7.75));
        QCOMPARE(map, QPointF(1122.5, 4922.5));
        const QPointF back = m_canvas->mapToPixel(map);
        QVERIFY(std::abs(back.x() - 12.25) < 1e-9 && std::abs(back.y() - 7.75) < 1e-9);
    }
    void layersAreDrawnInStackOrderWithTheirOpacity()
    {
        m_layer->setSettings([] {
            RenderSettings s;
            s.hillshade = false;
            return s;
        }());
        QSignalSpy finished(m_layer, &RasterLayer::renderFinished);
        QVERIFY(finished.wait(5000) || !m_layer->overview().isNull());
        const QPoint centre = m_canvas->viewportPosOfPixel(QPointF(50.5, 40.5)).toPoint();
        auto grabPixel = [&] { return m_canvas->viewport()->grab().toImage().pixel(centre); };
        const QRgb survey = grabPixel();
        m_layer->setVisible(false);
        QCOMPARE(grabPixel(), qRgb(255, 255, 255)); // the white canvas background
        m_layer->setVisible(true);
        m_layer->setOpacity(0.5);
        const QRgb half = grabPixel();
        QVERIFY(std::abs(qRed(half) - (qRed(survey) + 255) / 2) <= 2);
    }
    void showsAScaleBarAndTheScale()
    {
        // 10 m cells: metres per screen pixel are 10 / scale; the scale is that over a screen pixel's width.
        const double dpi = m_canvas->viewport()->logicalDpiX();
        QCOMPARE(m_canvas->mapScale().metresPerPixel(), 10.0 / m_canvas->scale());
        QCOMPARE(m_canvas->scaleText(), MapScale::ratioText(10.0 / m_canvas->scale() * dpi / 0.0254));
        if (dpi == 96) // fitted at 3.55 pixels a cell: 2.817 m a pixel of 0.2646 mm
            QCOMPARE(m_canvas->scaleText(), QStringLiteral("1:10 600"));
        const QRectF box = m_canvas->scaleOverlayRect();
        QVERIFY(!box.isEmpty());
        QVERIFY(QRectF(m_canvas->viewport()->rect()).contains(box));
        QVERIFY(box.bottom() > m_canvas->viewport()->height() / 2 && box.left() < m_canvas->viewport()->width() / 2);
        auto blackIn = [&](const QImage &image) {
            int black = 0;
            for (int y = int(box.top()); y < int(box.bottom()); ++y)
                for (int x = int(box.left()); x < int(box.right()); ++x)
                    black += qGray(image.pixel(x, y)) < 40;
            return black;
        };
        const int shown = blackIn(m_canvas->viewport()->grab().toImage());
        m_canvas->setScaleOverlayVisible(false);
        QVERIFY(m_canvas->scaleOverlayRect().isEmpty());
        const int hidden = blackIn(m_canvas->viewport()->grab().toImage());
        QVERIFY2(shown > hidden + 100, qPrintable(QStringLiteral("%1 %2").arg(shown).arg(hidden)));
        // Zooming in shortens the ground length of a pixel and the scale with it.
        m_canvas->setScaleOverlayVisible(true);
        const double before = m_canvas->mapScale().denominator(dpi);
        m_canvas->zoomIn();
        QCOMPARE(m_canvas->mapScale().denominator(dpi), before / 2);
    }
    void cellsAreDrawnInTheirGroundProportions()
    {
        // 10 x 20 m cells in EPSG:3067: twice as tall as wide on the screen.
        GridSpec projected = test::makeGrid(40, 30);
        projected.geoTransform[5] = -20.0;
        auto tall = std::make_shared<Raster>(test::makeRaster(
            40, 30, [](int c, int r) { return float(c + r); }, projected));
        auto *tallLayer = new RasterLayer(tall, BandStatistics::compute(*tall), QStringLiteral("tall"));
        m_stack->insertLayer(tallLayer);
        m_canvas->setReferenceLayer(tallLayer);
        QCOMPARE(m_canvas->aspect(), 2.0);

        // 0.001 x 0.0005 degree cells from 60.0125 N: about 55.8 m east-west and 55.7 m north-south on the ground,
        // drawn nearly square (as square degrees they would be half as tall as wide).
        GridSpec geographic = test::makeGrid(40, 50, 24.0, 60.0125, 0.001);
        geographic.geoTransform[5] = -0.0005;
        geographic.crsWkt = crsWktFromUserInput("EPSG:4326");
        auto degrees = std::make_shared<Raster>(test::makeRaster(
            40, 50, [](int c, int r) { return float(c * r); }, geographic));
        auto *degreesLayer = new RasterLayer(degrees, BandStatistics::compute(*degrees), QStringLiteral("degrees"));
        m_stack->insertLayer(degreesLayer);
        m_canvas->setReferenceLayer(degreesLayer);
        double dx = 0, dy = 0;
        QVERIFY(groundCellSize(geographic, &dx, &dy));
        QVERIFY2(std::abs(dx - 55.8) < 0.1 && std::abs(dy - 55.7) < 0.1,
                 qPrintable(QStringLiteral("%1 %2").arg(dx).arg(dy)));
        QCOMPARE(m_canvas->aspect(), dy / dx);
        // The scale bar holds north-south too: a screen pixel covers the same ground both ways at the middle.
        const double eastWest = m_canvas->mapScale().metresPerPixel();
        const double northSouth = dy / (m_canvas->scale() * m_canvas->aspect());
        QVERIFY2(std::abs(northSouth / eastWest - 1.0) < 0.002,
                 qPrintable(QStringLiteral("%1 %2").arg(eastWest).arg(northSouth)));
    }
};

QTEST_MAIN(TestMapCanvas)
#include "test_mapcanvas.moc"
