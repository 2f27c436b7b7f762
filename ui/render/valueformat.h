// Number formatting shared by the status bar and the legend: locale-aware, no digit grouping, and as many
// decimals as the data's range or the grid's cell size make meaningful.
//
// Thread: stateless, any thread.
#pragma once

#include <QString>

namespace lodestone {

/** \brief Formats data values and map coordinates. */
class ValueFormat {
public:
    /** \brief Decimals for values of a band whose values span range (e.g. 19 000 nT -> 0, 1 -> 4). */
    static int decimalsForRange(double range);
    /** \brief Decimals for map coordinates on a grid with cells of this size (100 m -> 0, 0.001 deg -> 4). */
    static int decimalsForCellSize(double cellSize);
    /** \brief v in the current locale with the given decimals and no group separators. */
    static QString number(double v, int decimals);
};

} // namespace lodestone
