// Icons of the labelling actions (class swatches, brush, undo, redo, import), drawn with QPainter like
// MapIcons so that they need no icon theme.
//
// Thread: GUI thread (QPixmap).
#pragma once

#include <QIcon>

#include <cstdint>

namespace lodestone {

/** \brief Icons of the label actions and panel. */
class LabelIcons {
public:
    /** \brief A square in the class colour (the eraser: an empty square crossed out). */
    static QIcon classSwatch(uint8_t value);
    static QIcon paintBrush();
    static QIcon undo();
    static QIcon redo();
    static QIcon importPoints();
};

} // namespace lodestone
