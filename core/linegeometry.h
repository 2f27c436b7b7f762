// How airborne readings lie along their flight lines (reading spacing, line direction and line spacing), estimated
// from the positions in file order, to suggest a cell size before gridding: a quarter to a fifth of the line
// spacing is the usual choice for magnetic surveys.
#pragma once

#include <cstddef>
#include <vector>

namespace lodestone {

/** \brief The layout of survey lines, estimated by estimateLineGeometry(). Distances are in the positions' units. */
struct LineGeometry {
    std::size_t readings = 0;      ///< readings with finite positions
    std::size_t lines = 0;         ///< runs of readings along a straight-ish path (flight lines and their pieces)
    std::size_t traverseLines = 0; ///< lines within 15 degrees of the dominant direction
    double readingSpacing = 0.0;   ///< median distance between consecutive readings; 0 when unknown
    double direction = 0.0;        ///< dominant line direction, degrees clockwise from north (y up), in [0, 180)
    double lineSpacing = 0.0;      ///< median distance between neighbouring traverse lines; 0 when unknown
    double areaSpacing = 0.0;      ///< sqrt(area of the readings' bounds / readings): the spacing of scattered points
};

/** \brief Estimates the line layout of readings given in file order (as flown), in a projected CRS.
 *
 *  Consecutive readings farther apart than 5 reading spacings, or turning back by more than 120 degrees, start a
 *  new line. Lines of at least 10 readings and 10 reading spacings long vote for the dominant direction (by
 *  length); those within 15 degrees of it are the traverse lines (tie lines cross them), and the line spacing is
 *  the median gap, across that direction, between neighbouring traverse lines (pieces less than 2 reading spacings
 *  apart across it are one line). lineSpacing stays 0 with fewer than 3 traverse lines, e.g. for scattered points. */
LineGeometry estimateLineGeometry(const std::vector<double> &x, const std::vector<double> &y);

/** \brief The largest of 1, 2, 2.5 and 5 times a power of ten not above size (e.g. 49.7 gives 25, 50 gives 50);
 *  0 for a size that is not positive and finite. */
double roundCellSize(double size);

} // namespace lodestone
