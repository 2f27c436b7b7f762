// MapMouseEvent: a copy of the parts of QMouseEvent tools need, plus the canvas position.
#include "mapmouseevent.h"

#include <QMouseEvent>

namespace lodestone {

MapMouseEvent::MapMouseEvent(const QMouseEvent &event, const CanvasPosition &position)
    : m_pos(event.position().toPoint()), m_button(event.button()), m_buttons(event.buttons()),
      m_modifiers(event.modifiers()), m_position(position)
{
}

} // namespace lodestone
