// A mouse event on the map canvas that already carries map and grid coordinates (as QgsMapMouseEvent), so
// map tools never convert coordinates themselves.
//
// Thread: GUI thread.
#pragma once

#include "canvasposition.h"

#include <QPoint>

class QMouseEvent;

namespace lodestone {

/** \brief Mouse event with the canvas position it happened at. */
class MapMouseEvent {
public:
    MapMouseEvent(const QMouseEvent &event, const CanvasPosition &position);

    /** \brief Position in viewport (widget) coordinates. */
    QPoint pos() const { return m_pos; }
    Qt::MouseButton button() const { return m_button; }
    Qt::MouseButtons buttons() const { return m_buttons; }
    Qt::KeyboardModifiers modifiers() const { return m_modifiers; }

    const CanvasPosition &position() const { return m_position; }
    QPointF mapPoint() const { return m_position.map; }
    QPointF pixelPoint() const { return m_position.pixel; }
    int col() const { return m_position.col; }
    int row() const { return m_position.row; }
    bool isInsideGrid() const { return m_position.insideGrid; }

private:
    QPoint m_pos;
    Qt::MouseButton m_button;
    Qt::MouseButtons m_buttons;
    Qt::KeyboardModifiers m_modifiers;
    CanvasPosition m_position;
};

} // namespace lodestone
