// LabelPaintTool: the outline item lives in the canvas's scene only while the tool is active.
#include "labelpainttool.h"

#include "brushingmodel.h"
#include "brushoutlineitem.h"
#include "labellayer.h"
#include "mapcanvas.h"
#include "mapmouseevent.h"

#include <QGraphicsScene>
#include <QKeyEvent>

#include <algorithm>

namespace lodestone {

LabelPaintTool::LabelPaintTool(MapCanvas *canvas, BrushingModel *model)
    : MapTool(canvas), m_model(model), m_outline(new BrushOutlineItem)
{
    m_outline->setVisible(false);
    setCursor(Qt::CrossCursor);
    connect(model, &BrushingModel::brushSizeChanged, this, &LabelPaintTool::updateOutline);
    connect(model, &BrushingModel::brushClassChanged, this, &LabelPaintTool::updateOutline);
    connect(canvas, &MapCanvas::cursorLeft, this, [this] {
        m_hasPosition = false;
        hideOutline();
    });
    // Also emitted when the map zooms under a still cursor: the brush then covers other cells.
    connect(canvas, &MapCanvas::cursorMoved, this, [this](const CanvasPosition &position) {
        m_lastPixel = position.pixel;
        m_hasPosition = true;
        updateOutline();
    });
}

LabelPaintTool::~LabelPaintTool()
{
    if (m_outline->scene())
        m_outline->scene()->removeItem(m_outline);
    delete m_outline;
}

BrushingModel *LabelPaintTool::brushingModel() const
{
    return m_model;
}

void LabelPaintTool::activate()
{
    if (canvas() && canvas()->scene() && !m_outline->scene())
        canvas()->scene()->addItem(m_outline);
    m_space = false;
    m_panning = false;
    MapTool::activate();
}

void LabelPaintTool::deactivate()
{
    if (m_model)
        m_model->endStroke();
    m_panning = false;
    m_space = false;
    hideOutline();
    if (m_outline->scene())
        m_outline->scene()->removeItem(m_outline);
    MapTool::deactivate();
}

void LabelPaintTool::canvasPressEvent(MapMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_space) {
        m_panning = true;
        m_lastPan = event->pos();
        updateCursor();
        return;
    }
    if (!m_model || !canvas() || !canvas()->hasGrid())
        return;
    m_lastPixel = event->pixelPoint();
    m_hasPosition = true;
    m_model->beginStroke(event->pixelPoint());
    updateOutline();
}

void LabelPaintTool::canvasMoveEvent(MapMouseEvent *event)
{
    m_lastPixel = event->pixelPoint();
    m_hasPosition = true;
    if (m_panning) {
        canvas()->panBy(event->pos() - m_lastPan);
        m_lastPan = event->pos();
        return;
    }
    if (m_model && m_model->isStroking() && (event->buttons() & Qt::LeftButton))
        m_model->continueStroke(event->pixelPoint());
    updateOutline();
}

void LabelPaintTool::canvasReleaseEvent(MapMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_panning) {
        m_panning = false;
        updateCursor();
        updateOutline();
        return;
    }
    if (m_model)
        m_model->endStroke();
}

void LabelPaintTool::keyPressEvent(QKeyEvent *event)
{
    if (!m_model) {
        event->ignore();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_space = true;
            m_model->endStroke();
            hideOutline();
            updateCursor();
        }
        break;
    case Qt::Key_BracketLeft: m_model->setBrushSize(m_model->brushSize() - 1); break;
    case Qt::Key_BracketRight: m_model->setBrushSize(m_model->brushSize() + 1); break;
    default: event->ignore(); return;
    }
    event->accept();
}

void LabelPaintTool::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() != Qt::Key_Space || event->isAutoRepeat()) {
        event->ignore();
        return;
    }
    m_space = false;
    m_panning = false;
    updateCursor();
    updateOutline();
    event->accept();
}

void LabelPaintTool::updateCursor()
{
    setCursor(m_panning ? Qt::ClosedHandCursor : m_space ? Qt::OpenHandCursor : Qt::CrossCursor);
}

void LabelPaintTool::updateOutline()
{
    if (!isActive() || !m_model || !m_hasPosition || m_space || !canvas() || !canvas()->hasGrid()) {
        hideOutline();
        return;
    }
    const uint8_t value = m_model->brushClass();
    m_outline->setColor(m_model->isErasing() ? QColor(Qt::white) : LabelLayer::colorOf(value).lighter(120));
    m_outline->setViewScale(canvas()->scale() * std::min(1.0, canvas()->aspect())); // the finer of the two axes
    m_outline->setOutline(m_model->outlineAt(m_lastPixel));
    m_outline->setVisible(true);
}

void LabelPaintTool::hideOutline()
{
    m_outline->setVisible(false);
}

} // namespace lodestone
