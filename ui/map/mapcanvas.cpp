// MapCanvas: the view transform is a plain scale (screen pixels per column, times the cell aspect ratio for
// rows); scroll bars are hidden and drive panning; layers learn the settled extent through a short timer.
#include "mapcanvas.h"

#include "layerstack.h"
#include "magneticfilters.h"
#include "mapdecorations.h"
#include "maplayer.h"
#include "maplayeritem.h"
#include "mapmouseevent.h"
#include "pantool.h"
#include "rasterlayer.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace lodestone {

MapCanvas::MapCanvas(QWidget *parent) : QGraphicsView(parent), m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setDragMode(QGraphicsView::NoDrag);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(Qt::white);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    // Files dropped on the map are handled by the main window.
    setAcceptDrops(false);
    viewport()->setAcceptDrops(false);
    setFocusPolicy(Qt::StrongFocus);

    m_extentTimer = new QTimer(this);
    m_extentTimer->setSingleShot(true);
    m_extentTimer->setInterval(60);
    connect(m_extentTimer, &QTimer::timeout, this, &MapCanvas::notifyExtent);

    m_panTool = new PanTool(this);
    setMapTool(m_panTool);
}

MapCanvas::~MapCanvas()
{
    // Tools are children; delete them while the canvas is still whole, since they unregister themselves.
    m_tool = nullptr;
    m_panTool = nullptr;
    qDeleteAll(findChildren<MapTool *>(Qt::FindDirectChildrenOnly));
    // Items refer to layers owned elsewhere; drop them before the scene goes.
    m_scene->clear();
    m_items.clear();
}

void MapCanvas::setLayerStack(LayerStack *stack)
{
    if (m_stack == stack)
        return;
    if (m_stack) {
        disconnect(m_stack, nullptr, this, nullptr);
        for (MapLayer *layer : m_stack->layers())
            removeItemFor(layer);
    }
    m_stack = stack;
    if (!m_stack)
        return;
    for (MapLayer *layer : m_stack->layers())
        addItemFor(layer);
    restack();
    connect(m_stack, &LayerStack::layerAdded, this, &MapCanvas::addItemFor);
    connect(m_stack, &LayerStack::layerAboutToBeRemoved, this, [this](MapLayer *layer) {
        removeItemFor(layer);
        if (layer == m_reference)
            setReferenceLayer(nullptr);
    });
    connect(m_stack, &LayerStack::orderChanged, this, &MapCanvas::restack);
}

void MapCanvas::addItemFor(MapLayer *layer)
{
    if (!layer || m_items.contains(layer))
        return;
    auto *item = new MapLayerItem(layer);
    m_scene->addItem(item);
    m_items.insert(layer, item);
    connect(layer, &MapLayer::repaintRequested, this, [item] { item->update(); });
    connect(layer, &MapLayer::visibilityChanged, this, [item](bool visible) { item->setVisible(visible); });
    connect(layer, &MapLayer::opacityChanged, this, [item](double opacity) { item->setOpacity(opacity); });
    restack();
    scheduleExtentChanged();
    viewport()->update();
}

void MapCanvas::removeItemFor(MapLayer *layer)
{
    MapLayerItem *item = m_items.take(layer);
    if (!item)
        return;
    disconnect(layer, nullptr, this, nullptr);
    m_scene->removeItem(item);
    delete item;
    viewport()->update();
}

void MapCanvas::restack()
{
    if (!m_stack)
        return;
    const auto &layers = m_stack->layers();
    for (int i = 0; i < layers.size(); ++i) {
        if (MapLayerItem *item = m_items.value(layers[i]))
            item->setZValue(double(layers.size() - i));
    }
    viewport()->update();
}

void MapCanvas::setReferenceLayer(RasterLayer *layer)
{
    m_reference = layer;
    m_grid = layer ? layer->raster().grid : GridSpec();
    m_crs = CrsInfo(QString::fromStdString(m_grid.crsWkt));
    m_aspect = cellAspect(m_grid); // cells in their ground proportions: a grid in degrees at its middle latitude
    updateSceneRect();
    if (layer)
        zoomToFullExtent();
    viewport()->update();
}

void MapCanvas::updateSceneRect()
{
    if (!m_reference) {
        m_scene->setSceneRect(QRectF(0, 0, 1, 1));
        return;
    }
    // Room around the grid so that it can be panned off-centre, as in a GIS.
    const QRectF grid(0, 0, m_grid.width, m_grid.height);
    const double margin = 4.0 * std::max(grid.width(), grid.height());
    m_scene->setSceneRect(grid.adjusted(-margin, -margin, margin, margin));
}

QPointF MapCanvas::pixelToMap(const QPointF &pixel) const
{
    if (!m_grid.hasGeoTransform)
        return pixel;
    const auto &gt = m_grid.geoTransform;
    return QPointF(gt[0] + pixel.x() * gt[1] + pixel.y() * gt[2], gt[3] + pixel.x() * gt[4] + pixel.y() * gt[5]);
}

QPointF MapCanvas::mapToPixel(const QPointF &map) const
{
    if (!m_grid.hasGeoTransform)
        return map;
    const auto &gt = m_grid.geoTransform;
    const double det = gt[1] * gt[5] - gt[2] * gt[4];
    if (det == 0)
        return {};
    const double dx = map.x() - gt[0], dy = map.y() - gt[3];
    return QPointF((dx * gt[5] - dy * gt[2]) / det, (dy * gt[1] - dx * gt[4]) / det);
}

CanvasPosition MapCanvas::positionAt(const QPointF &viewportPos) const
{
    CanvasPosition p;
    p.pixel = viewportTransform().inverted().map(viewportPos);
    p.map = pixelToMap(p.pixel);
    p.col = int(std::floor(p.pixel.x()));
    p.row = int(std::floor(p.pixel.y()));
    p.insideGrid = m_reference && p.col >= 0 && p.row >= 0 && p.col < m_grid.width && p.row < m_grid.height;
    if (p.insideGrid)
        p.hasValue = m_reference->valueAt(p.col, p.row, &p.value);
    return p;
}

QPointF MapCanvas::viewportPosOfPixel(const QPointF &pixel) const
{
    return viewportTransform().map(pixel);
}

QRectF MapCanvas::visiblePixelRect() const
{
    return viewportTransform().inverted().mapRect(QRectF(viewport()->rect()));
}

double MapCanvas::minimumScale() const
{
    if (!m_reference)
        return 1e-6;
    const double side = std::max(m_grid.width, int(std::ceil(m_grid.height * m_aspect)));
    const double view = std::max(1, std::min(viewport()->width(), viewport()->height()));
    return std::min(1.0, view / (8.0 * std::max(1.0, side)));
}

void MapCanvas::applyScale(double scale)
{
    m_scale = std::clamp(scale, minimumScale(), kMaxScale);
    setTransform(QTransform::fromScale(m_scale, m_scale * m_aspect));
    scheduleExtentChanged();
}

void MapCanvas::zoomBy(double factor, const QPointF &anchor)
{
    if (!m_reference || factor <= 0)
        return;
    const QPointF scenePos = viewportTransform().inverted().map(anchor);
    applyScale(m_scale * factor);
    const QPointF moved = viewportTransform().map(scenePos) - anchor;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(moved.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(moved.y())));
    m_fitOnResize = false;
    if (m_mouseInside)
        Q_EMIT cursorMoved(positionAt(m_lastMousePos));
}

void MapCanvas::zoomIn()
{
    zoomBy(2.0, QRectF(viewport()->rect()).center());
}

void MapCanvas::zoomOut()
{
    zoomBy(0.5, QRectF(viewport()->rect()).center());
}

void MapCanvas::zoomToFullExtent()
{
    if (!m_reference)
        return;
    const double margin = 8.0;
    const double w = std::max(1.0, viewport()->width() - 2 * margin);
    const double h = std::max(1.0, viewport()->height() - 2 * margin);
    applyScale(std::min(w / m_grid.width, h / (m_grid.height * m_aspect)));
    centerOn(QPointF(m_grid.width / 2.0, m_grid.height / 2.0));
    m_fitOnResize = true;
    if (m_mouseInside)
        Q_EMIT cursorMoved(positionAt(m_lastMousePos));
}

void MapCanvas::panBy(const QPoint &delta)
{
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    m_fitOnResize = false;
}

void MapCanvas::setMapTool(MapTool *tool)
{
    if (!tool)
        tool = m_panTool;
    if (tool == m_tool)
        return;
    if (m_tool)
        m_tool->deactivate();
    m_tool = tool;
    m_tool->activate();
    Q_EMIT mapToolChanged(tool);
}

void MapCanvas::unsetMapTool(MapTool *tool)
{
    if (tool && tool == m_tool && tool != m_panTool)
        setMapTool(m_panTool);
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(kWheelStep, delta / 120.0), event->position());
    event->accept();
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::MiddleButton) {
        m_middlePanning = true;
        m_lastPanPos = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (m_tool) {
        MapMouseEvent e(*event, positionAt(event->position()));
        m_tool->canvasPressEvent(&e);
    }
    event->accept();
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    m_mouseInside = true;
    m_lastMousePos = event->position();
    if (m_middlePanning) {
        const QPoint pos = event->position().toPoint();
        panBy(pos - m_lastPanPos);
        m_lastPanPos = pos;
    } else if (m_tool) {
        MapMouseEvent e(*event, positionAt(event->position()));
        m_tool->canvasMoveEvent(&e);
    }
    Q_EMIT cursorMoved(positionAt(event->position()));
    event->accept();
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton && m_middlePanning) {
        m_middlePanning = false;
        viewport()->setCursor(m_tool ? m_tool->cursor() : QCursor(Qt::ArrowCursor));
        event->accept();
        return;
    }
    if (m_tool) {
        MapMouseEvent e(*event, positionAt(event->position()));
        m_tool->canvasReleaseEvent(&e);
    }
    event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    const int step = std::max(20, std::min(viewport()->width(), viewport()->height()) / 4);
    switch (event->key()) {
    case Qt::Key_Left: panBy(QPoint(step, 0)); break;
    case Qt::Key_Right: panBy(QPoint(-step, 0)); break;
    case Qt::Key_Up: panBy(QPoint(0, step)); break;
    case Qt::Key_Down: panBy(QPoint(0, -step)); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus: zoomOut(); break;
    default:
        if (m_tool)
            m_tool->keyPressEvent(event);
        if (!event->isAccepted())
            QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void MapCanvas::keyReleaseEvent(QKeyEvent *event)
{
    // Tools that act while a key is held (Space pans while painting) need the release.
    if (m_tool)
        m_tool->keyReleaseEvent(event);
    if (!event->isAccepted())
        QGraphicsView::keyReleaseEvent(event);
}

void MapCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitOnResize)
        zoomToFullExtent();
    scheduleExtentChanged();
}

void MapCanvas::leaveEvent(QEvent *event)
{
    m_mouseInside = false;
    Q_EMIT cursorLeft();
    QGraphicsView::leaveEvent(event);
}

void MapCanvas::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    scheduleExtentChanged();
}

void MapCanvas::scheduleExtentChanged()
{
    m_extentTimer->start();
}

void MapCanvas::notifyExtent()
{
    const QRectF visible = visiblePixelRect();
    if (m_stack) {
        for (MapLayer *layer : m_stack->layers())
            layer->setViewExtent(visible, m_scale);
    }
    Q_EMIT extentChanged(visible, m_scale);
}

MapScale MapCanvas::mapScale() const
{
    if (!m_reference)
        return {};
    return MapScale::forView(m_grid, m_crs, visiblePixelRect().center(), m_scale);
}

QString MapCanvas::scaleText() const
{
    return MapScale::ratioText(mapScale().denominator(viewport()->logicalDpiX()));
}

void MapCanvas::setScaleOverlayVisible(bool visible)
{
    if (m_scaleOverlay == visible)
        return;
    m_scaleOverlay = visible;
    viewport()->update();
}

namespace {

constexpr double kOverlayMargin = 8.0;
constexpr double kOverlayPadding = 5.0;
constexpr double kOverlayBarPixels = 120.0;
constexpr double kOverlayBand = 5.0;

} // namespace

QRectF MapCanvas::scaleOverlayRect() const
{
    if (!m_scaleOverlay || !m_stack || m_stack->count() == 0)
        return {};
    const ScaleBar bar = mapScale().scaleBar(kOverlayBarPixels);
    if (!bar.isValid())
        return {};
    const QFontMetricsF fm(font());
    const double zero = fm.horizontalAdvance(QLocale().toString(0)) / 2;
    const double barWidth = zero + bar.pixels + fm.horizontalAdvance(bar.label) / 2;
    const double barHeight = kOverlayBand + 2 + fm.height();
    const QString ratio = scaleText();
    const double width = barWidth + fm.height() + fm.horizontalAdvance(ratio);
    const double height = std::max(barHeight, fm.height());
    const QRectF view(viewport()->rect());
    return QRectF(view.left() + kOverlayMargin, view.bottom() + 1 - kOverlayMargin - height - 2 * kOverlayPadding,
                  width + 2 * kOverlayPadding, height + 2 * kOverlayPadding);
}

void MapCanvas::paintScaleOverlay(QPainter *painter) const
{
    const QRectF box = scaleOverlayRect();
    if (box.isEmpty())
        return;
    const ScaleBar bar = mapScale().scaleBar(kOverlayBarPixels);
    painter->save();
    painter->resetTransform();
    painter->setFont(font());
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QColor(0, 0, 0, 90));
    painter->setBrush(QColor(255, 255, 255, 215));
    painter->drawRoundedRect(box, 3, 3);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QFontMetricsF fm(painter->font());
    const double zero = fm.horizontalAdvance(QLocale().toString(0)) / 2;
    const QPointF origin(box.left() + kOverlayPadding + zero, box.top() + kOverlayPadding + 1);
    const QRectF drawn = MapDecorations::paintScaleBar(*painter, origin, bar, kOverlayBand);
    painter->setPen(Qt::black);
    painter->drawText(
        QRectF(drawn.right() + fm.height(), box.top(), box.right() - drawn.right() - fm.height(), box.height()),
        Qt::AlignLeft | Qt::AlignVCenter, scaleText());
    painter->restore();
}

void MapCanvas::drawForeground(QPainter *painter, const QRectF &)
{
    if (m_stack && m_stack->count() > 0) {
        paintScaleOverlay(painter);
        return;
    }
    painter->save();
    painter->resetTransform();
    painter->setPen(palette().color(QPalette::PlaceholderText));
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    painter->setFont(font);
    painter->drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                      tr("Open a magnetic survey grid with File > Open, or drop a raster file here."));
    painter->restore();
}

LayerStack *MapCanvas::layerStack() const
{
    return m_stack;
}

RasterLayer *MapCanvas::referenceLayer() const
{
    return m_reference;
}

bool MapCanvas::hasGrid() const
{
    return m_reference != nullptr;
}

MapTool *MapCanvas::mapTool() const
{
    return m_tool;
}

} // namespace lodestone
