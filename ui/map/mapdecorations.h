// What a map needs besides its layers, drawn with QPainter in the painter's current coordinates (screen pixels on
// the canvas, points of the page in exports): the scale bar with its length, and the north arrow.
//
// Thread: any thread with its own QPainter.
#pragma once

#include "mapscale.h"

#include <QRectF>

class QPainter;

namespace lodestone {

/** \brief Scale bars and north arrows in the style of Lodestone's maps. */
class MapDecorations {
public:
    /** \brief Draws bar with its left end at origin (the top-left corner of its black and white band) and
     *  bandHeight tall: alternate black and white segments with 0, the middle and the length written below.
     *  Returns the rectangle it covered, text included. */
    static QRectF paintScaleBar(QPainter &painter, const QPointF &origin, const ScaleBar &bar, double bandHeight);
    /** \brief The size paintScaleBar() covers with the painter's current font. */
    static QSizeF scaleBarSize(QPainter &painter, const ScaleBar &bar, double bandHeight);
    /** \brief A north arrow (half-filled arrow head above an "N") fitted in box; grid north is up. */
    static void paintNorthArrow(QPainter &painter, const QRectF &box);
};

} // namespace lodestone
