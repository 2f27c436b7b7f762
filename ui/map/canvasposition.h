// Where the cursor is on the canvas: map coordinates, grid cell and the survey's value there.
//
// Thread: a value type.
#pragma once

#include <QMetaType>
#include <QPointF>

namespace lodestone {

/** \brief A canvas position in every coordinate system the application uses. */
struct CanvasPosition {
    QPointF map;   ///< map coordinates (CRS units); equal to pixel when the grid has no geotransform
    QPointF pixel; ///< fractional grid coordinates (column, row); cell (c, r) spans [c, c+1) x [r, r+1)
    int col = -1;  ///< cell column (floor of pixel.x())
    int row = -1;  ///< cell row
    bool insideGrid = false;
    bool hasValue = false; ///< false outside the grid and on nodata
    double value = 0.0;
};

} // namespace lodestone

Q_DECLARE_METATYPE(lodestone::CanvasPosition)
