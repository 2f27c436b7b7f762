// How airborne readings lie along their flight lines (reading spacing, line direction and line spacing), estimated
// from the positions in file order, to suggest a cell size before gridding: a quarter to a fifth of the line
// spacing is the usual choice for magnetic surveys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lodestone {

/** \brief The layout of survey lines, estimated by estimateLineGeometry(). Distances are in the positions' units. */
struct LineGeometry {
    std::size_t readings = 0;      ///< readings with finite positions
    std::size_t lines = 0;         ///< runs of readings along a straight-ish path (flight lines and their pieces)
    std::size_t traverseLines = 0; ///< lines within 15 degrees of the dominant direction (pieces count apart)
    double readingSpacing = 0.0;   ///< median distance between consecutive readings; 0 when unknown
    double direction = 0.0;        ///< dominant line direction, degrees clockwise from north (y up), in [0, 180)
    std::size_t crossLines = 0;    ///< lines more than 15 degrees off it: usually tie lines
    std::size_t crossReadings = 0; ///< readings on those lines
    double lineSpacing = 0.0;      ///< median distance between neighbouring traverse lines; 0 when unknown
    double areaSpacing = 0.0;      ///< sqrt(area of the readings' bounds / readings): the spacing of scattered points
};

/** \brief Estimates the line layout of readings given in file order (as flown), in a projected CRS.
 *
 *  Consecutive readings farther apart than 5 reading spacings, or turning back by more than 120 degrees, start a
 *  new line. Lines of at least 10 readings and 10 reading spacings long vote for the dominant direction (by
 *  length); those within 15 degrees of it are the traverse lines (tie lines cross them). The line spacing is the
 *  median gap between neighbouring crossings of the traverse lines in 15 narrow strips (3 reading spacings wide)
 *  across them, evenly spread along them; readings less than 2 reading spacings apart in a strip are one crossing.
 *  Measured locally, it follows lines that wander, converge or were flown in pieces. lineSpacing stays 0 with fewer
 *  than 3 traverse lines, e.g. for scattered points. alongLines, when given, receives one flag per reading: 0 on
 *  the cross lines (tie lines), 1 elsewhere (traverse lines, short runs and invalid positions). */
LineGeometry estimateLineGeometry(const std::vector<double> &x, const std::vector<double> &y,
                                  std::vector<std::uint8_t> *alongLines = nullptr);

/** \brief The nearest (by ratio) of 1, 2, 2.5 and 5 times a power of ten (e.g. 47.8 gives 50, 30 gives 25,
 *  12.4 gives 10); 0 for a size that is not positive and finite. */
double roundCellSize(double size);

} // namespace lodestone
