// MapTool: default handlers do nothing; activation keeps the tool's action checked and sets the cursor.
#include "maptool.h"

#include "mapcanvas.h"

#include <QAction>

namespace lodestone {

MapTool::MapTool(MapCanvas *canvas) : QObject(canvas), m_canvas(canvas), m_cursor(Qt::ArrowCursor) {}

MapTool::~MapTool()
{
    if (m_canvas && m_canvas->mapTool() == this)
        m_canvas->unsetMapTool(this);
}

void MapTool::canvasPressEvent(MapMouseEvent *) {}
void MapTool::canvasMoveEvent(MapMouseEvent *) {}
void MapTool::canvasReleaseEvent(MapMouseEvent *) {}
void MapTool::keyPressEvent(QKeyEvent *) {}
void MapTool::keyReleaseEvent(QKeyEvent *) {}

void MapTool::activate()
{
    m_active = true;
    if (m_action)
        m_action->setChecked(true);
    if (m_canvas)
        m_canvas->viewport()->setCursor(m_cursor);
    Q_EMIT activated();
}

void MapTool::deactivate()
{
    m_active = false;
    if (m_action)
        m_action->setChecked(false);
    Q_EMIT deactivated();
}

void MapTool::setCursor(const QCursor &cursor)
{
    m_cursor = cursor;
    if (m_active && m_canvas)
        m_canvas->viewport()->setCursor(cursor);
}

void MapTool::setAction(QAction *action)
{
    m_action = action;
    if (m_action)
        m_action->setChecked(m_active);
}

MapCanvas *MapTool::canvas() const
{
    return m_canvas;
}

QAction *MapTool::action() const
{
    return m_action;
}

} // namespace lodestone
