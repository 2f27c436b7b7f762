// Training labels on the survey grid: label rasters, known occurrences as points (CSV or any OGR vector),
// random non-deposit pixels away from the occurrences, and the label raster written for the user.
//
// Labels follow the paper's convention: 0 non-deposit, 1 deposit, 2 unknown (unlabelled). Labels never sit on
// invalid survey pixels (nodata or NaN): those are dropped or skipped and counted so that the caller can warn.
#pragma once

#include "raster.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace lodestone {

/** \brief Label value of a non-deposit pixel. */
constexpr uint8_t LabelNonDeposit = 0;
/** \brief Label value of a deposit pixel. */
constexpr uint8_t LabelDeposit = 1;
/** \brief Label value of an unlabelled pixel. */
constexpr uint8_t LabelUnknown = 2;
/** \brief Nodata value of written label rasters, on invalid survey pixels. */
constexpr uint8_t LabelNoData = 255;

/** \brief Per-pixel labels on a grid (normally the survey's). */
struct LabelImage {
    GridSpec grid;
    std::vector<uint8_t> values; ///< row-major, width*height; each 0, 1 or 2 (invalid survey pixels hold 2)

    uint8_t at(int col, int row) const { return values[std::size_t(row) * grid.width + col]; }
    /** \brief Number of pixels holding cls (LabelNonDeposit, LabelDeposit or LabelUnknown). */
    std::size_t count(uint8_t cls) const;
    /** \brief Pixels per class: [non-deposit, deposit, unknown]. */
    std::array<std::size_t, 3> counts() const;
    /** \brief Pixels labelled non-deposit or deposit. */
    std::size_t labelledCount() const { return count(LabelNonDeposit) + count(LabelDeposit); }
};

/** \brief A label image on grid with every pixel unknown (2). */
LabelImage emptyLabels(const GridSpec &grid);

/** \brief What loading labels dropped or skipped, for the caller to warn about. */
struct LabelLoadReport {
    std::size_t droppedOnInvalid = 0;  ///< label raster: 0/1 labels on invalid survey pixels, dropped
    std::size_t outside = 0;           ///< points outside the grid (or not transformable to the survey's CRS)
    std::size_t onInvalid = 0;         ///< points on invalid survey pixels, skipped
    std::size_t sharedPixel = 0;       ///< points on a pixel that an earlier point had already labelled
    std::size_t burned = 0;            ///< pixels labelled deposit from points
    std::vector<std::string> warnings; ///< complete English sentences, one per dropped or skipped group
};

/** \brief Reads a label raster (band 1) that must be on the survey's grid: 0 non-deposit, 1 deposit,
 *  2 unknown, nodata = unknown. Throws Error (GridMismatch) saying how the grid differs, and Error (BadLabels)
 *  naming the file, value and position of any other value. 0/1 labels on invalid survey pixels are dropped
 *  and counted in report->droppedOnInvalid. */
LabelImage readLabelRaster(const std::string &path, const Raster &survey, LabelLoadReport *report = nullptr);

/** \brief Point coordinates read from a file, in that file's CRS. */
struct PointSet {
    std::vector<double> x, y;     ///< traditional GIS order: x is easting or longitude, y northing or latitude
    std::string crsWkt;           ///< the points' CRS; empty when unknown (the survey's CRS is then assumed)
    std::string path;             ///< file they were read from, if any
    std::string xColumn, yColumn; ///< for tables (CSV): the columns the coordinates came from
    std::size_t skipped = 0;      ///< rows with empty coordinates or features without geometry, ignored
    std::vector<std::string> attributeNames;          ///< the file's fields (columns)
    std::vector<std::vector<std::string>> attributes; ///< per point, its feature's fields as text

    std::size_t size() const { return x.size(); }
};

/** \brief Reads points from a CSV (or another table without geometry) with X/Y columns, or from a Shapefile,
 *  GeoPackage, GeoJSON or any OGR vector with point or multipoint geometries (the first such layer).
 *
 *  Coordinate columns are found case-insensitively, in this order: X/Y, Easting/Northing, Lon/Lat,
 *  Longitude/Latitude. crs is anything OGRSpatialReference::SetFromUserInput accepts (e.g. "EPSG:4326"); when
 *  given it overrides the file's own CRS, otherwise the file's CRS is used (none for CSV: the survey's is then
 *  assumed). Throws Error (BadPoints) naming the file, e.g. listing the columns found when none is X/Y. */
PointSet readPoints(const std::string &path, const std::string &crs = "");

/** \brief The points in the CRS given as WKT (traditional GIS order); points that cannot be transformed become
 *  NaN. When either CRS is empty the coordinates are kept as they are. Throws Error when no transformation
 *  between the two exists. */
PointSet reprojectPoints(const PointSet &points, const std::string &crsWkt);

/** \brief What to do with points that fall outside the survey grid. */
enum class OutsidePolicy {
    Error, ///< throw Error (BadPoints) naming the file, the count and an example coordinate
    Skip,  ///< drop them and count them in LabelLoadReport::outside
};

/** \brief Burns points onto the survey's grid as deposit (1), after reprojecting them to the survey's CRS.
 *  Points on invalid survey pixels are always skipped and counted; points outside the grid follow policy.
 *  Throws Error (BadPoints) when no point falls on a valid pixel, with a hint when the file declares no CRS or
 *  its coordinates look like degrees. */
LabelImage labelsFromPoints(const PointSet &points, const Raster &survey, OutsidePolicy policy,
                            LabelLoadReport *report = nullptr);

/** \brief Labels count random pixels non-deposit (0): valid in the survey, unknown (2) in labels, and at least
 *  minDistance map units (between pixel centres and points) from every occurrence, i.e. every point of
 *  occurrences (in any CRS; reprojected to the survey's, including points outside the grid) and every
 *  pixel labelled deposit. The draw depends only on seed and the inputs (std::mt19937_64 with a portable
 *  integer draw), so it is identical across platforms. Throws Error (TooFewLabels) when fewer than count such
 *  pixels exist, leaving labels unchanged. */
void addRandomNegatives(LabelImage &labels, const Raster &survey, const PointSet &occurrences, int count,
                        double minDistance, std::uint64_t seed);

/** \brief As above, with the deposit pixels of labels as the only occurrences. */
void addRandomNegatives(LabelImage &labels, const Raster &survey, int count, double minDistance, std::uint64_t seed);

/** \brief Writes labels as a Byte GeoTIFF on the survey's grid, atomically: 0 non-deposit, 1 deposit,
 *  2 unknown, 255 (nodata) on invalid survey pixels, with a colour table (0 blue, 1 red, 2 transparent white:
 *  GeoTIFF palettes drop alpha, so viewers show it white unless told otherwise). */
void writeLabelRaster(const std::string &path, const LabelImage &labels, const Raster &survey);

} // namespace lodestone
