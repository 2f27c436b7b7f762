// Toolbar icons for map navigation, drawn with QPainter so that they need no icon theme or image plugin.
//
// Thread: GUI thread (QPixmap).
#pragma once

#include <QIcon>

namespace lodestone {

/** \brief Icons of the navigation actions. */
class MapIcons {
public:
    static QIcon pan();
    static QIcon zoomIn();
    static QIcon zoomOut();
    static QIcon zoomFull();
    /** \brief The application icon (PNG renderings of resources/lodestone.svg). */
    static QIcon application();
};

} // namespace lodestone
