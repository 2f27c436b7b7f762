// PanTool: moves the view by the mouse displacement since the last event.
#include "pantool.h"

#include "mapcanvas.h"
#include "mapmouseevent.h"

namespace lodestone {

PanTool::PanTool(MapCanvas *canvas) : MapTool(canvas)
{
    setCursor(Qt::OpenHandCursor);
}

void PanTool::canvasPressEvent(MapMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_last = event->pos();
    setCursor(Qt::ClosedHandCursor);
}

void PanTool::canvasMoveEvent(MapMouseEvent *event)
{
    if (!m_dragging || !(event->buttons() & Qt::LeftButton))
        return;
    canvas()->panBy(event->pos() - m_last);
    m_last = event->pos();
}

void PanTool::canvasReleaseEvent(MapMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_dragging)
        return;
    m_dragging = false;
    setCursor(Qt::OpenHandCursor);
}

} // namespace lodestone
