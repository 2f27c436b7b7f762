// Airborne line data to a grid: readings along flight lines (CSV, CSV.gz, CSV.xz or any OGR point source),
// reprojected to a map CRS, decimated per cell by GMT's blockmedian and gridded by minimum curvature in tension
// (GMT's surface), with cells far from every reading set to nodata.
//
// GMT is a private dependency: its headers stay in gridding.cpp and gridworker.cpp (the helper process that runs
// GMT's modules).
#pragma once

#include "raster.h"

#include <cstddef>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief Readings along survey lines: a position and one value each. */
struct LineData {
    std::vector<double> x, y;  ///< traditional GIS order: x is easting or longitude, y northing or latitude
    std::vector<double> value; ///< the gridded quantity, e.g. total field anomaly in nT
    std::string crsWkt;        ///< the positions' CRS; empty when unknown
    std::string path;          ///< file they were read from, if any
    std::string xColumn, yColumn, valueColumn; ///< the columns or fields used
    std::size_t skipped = 0; ///< rows or features with an empty or non-numeric coordinate or value, ignored

    std::size_t size() const { return value.size(); }
};

/** \brief Which columns of a table hold the positions and the value, and the positions' CRS. */
struct LineReadOptions {
    std::string xColumn;     ///< empty: the first of X, Easting, Lon, Longitude (any case); features: the geometry
    std::string yColumn;     ///< empty: the first of Y, Northing, Lat, Latitude (any case); features: the geometry
    std::string valueColumn; ///< required
    std::string crs;         ///< anything GDAL accepts (e.g. EPSG:4326); overrides the file's CRS (CSV has none)
};

/** \brief Reads readings from a delimited text table (.csv, .txt, .tsv, .xyz, .dat; comma, semicolon, tab or
 *  blanks; each optionally compressed as .gz or .xz) or from any OGR vector with point geometries (Shapefile,
 *  GeoPackage, ...; x/y columns, when given, are read from its fields instead).
 *
 *  Text tables are parsed directly (a million rows take about a second). Rows with an empty or non-numeric
 *  position or value are skipped and counted. Throws Error naming the file when it is missing, empty, has no
 *  such column (listing the columns it has), holds no usable row, or when crs is not a CRS. Cancel is checked
 *  every 64k rows. */
LineData readLineData(const std::string &path, const LineReadOptions &options, Feedback *feedback = nullptr);

/** \brief The first rows of a line-data file, as text, for choosing its columns. */
struct LineTablePreview {
    std::vector<std::string> columns;           ///< header names (text tables) or attribute fields (vector files)
    std::vector<std::vector<std::string>> rows; ///< the first rows' fields as written, one entry per column
    bool pointGeometry = false; ///< a vector file whose features are points: x and y may come from the geometry
    std::string crsWkt;         ///< a vector file's CRS; empty for text tables, which declare none
};

/** \brief Reads the header and up to rows rows of a file readLineData() reads, with the same parsing (delimiter,
 *  quotes, comments, compression). Throws Error naming the file when it is missing, empty or unreadable. */
LineTablePreview previewLineTable(const std::string &path, int rows = 20);

/** \brief The WGS 84 UTM zone (e.g. "EPSG:32754") holding the centre of the readings' bounds, for gridding data given
 *  in longitude/latitude or another CRS. Empty when the readings declare no CRS or the centre cannot be converted
 *  to longitude/latitude. */
std::string utmCrsForLineData(const LineData &data);

/** \brief The WKT of a CRS given as anything GDAL accepts (EPSG:32754, a WKT, a PROJ string). Throws Error
 *  (BadParameter) saying what was given and, when not empty, for which file. */
std::string crsWktFromUserInput(const std::string &crs, const std::string &forFile = {});

/** \brief Reprojects the readings in place to the CRS given as WKT (traditional GIS axis order); readings that
 *  cannot be transformed are dropped and returned as a count. Throws Error naming the file when the readings
 *  declare no CRS or no transformation exists. */
std::size_t reprojectLineData(LineData &data, const std::string &crsWkt, Feedback *feedback = nullptr);

/** \brief How readings are reduced to one per cell before gridding. */
enum class Decimation {
    BlockMedian, ///< GMT blockmedian: median position and value of the readings in each cell (default)
    BlockMean,   ///< GMT blockmean: mean position and value
};

/** \brief Settings of gridLineData(). */
struct GriddingParams {
    /// The output grid. When it has a geotransform (e.g. from another raster, see gridFromRaster(), or an extent,
    /// see gridFromExtent()), that grid is used exactly; otherwise the readings' bounds are snapped outward to
    /// multiples of cell.
    GridSpec grid;
    double cell = 0.0;     ///< cell size in map units; used when grid has no geotransform
    double tension = 0.25; ///< GMT surface -T, from 0 (minimum curvature) to 1 (harmonic)
    /// Cells whose centre is farther than this (map units) from the centre of every cell holding a reading are
    /// nodata (0: only cells holding readings are kept). Negative: 5 cells. Infinity: no mask.
    double maxDistance = -1.0;
    Decimation decimation = Decimation::BlockMedian;
    double convergence = 0.0; ///< GMT surface -C in value units; 0: GMT's default (1e-4 of the data's rms
                              ///< deviation from a plane)
    int maxIterations = 0;    ///< GMT surface -N; 0: GMT's default (500)
};

/** \brief A gridded field and how it was made. */
struct GriddingResult {
    GridSpec grid;
    std::vector<float> values; ///< row-major, width*height; nodata (masked) cells hold NaN
    std::size_t readings = 0;  ///< readings inside the grid's area that were used
    std::size_t blocks = 0;    ///< cells holding readings, i.e. points given to surface after decimation
    std::size_t validCells = 0;
    double maxDistance = 0.0; ///< the mask distance applied (map units; infinity when none)
    double decimateSeconds = 0.0, surfaceSeconds = 0.0, maskSeconds = 0.0;
    std::vector<std::string> warnings; ///< complete English sentences, e.g. GMT's warnings
};

/** \brief Grids the readings (already in the output's CRS) by GMT blockmedian (or blockmean) and surface, then
 *  masks cells far from every reading. Readings without a CRS are taken to be in the grid's; readings in another
 *  CRS than a given grid's are refused (reproject them first). GMT's modules run in a helper process,
 *  lodestone-grid-worker, fed and read through memory files; cancel is polled every 20 ms while they run, and a
 *  cancel kills the helper and throws Canceled within that time, leaving nothing behind. Throws Error (BadParameter)
 *  for a bad cell size, tension or grid, (EmptyData) when fewer than 4 readings fall in the grid, and (Internal) with
 *  GMT's message when GMT fails or the helper is missing. */
GriddingResult gridLineData(const LineData &data, const GriddingParams &params, Feedback *feedback = nullptr);

/** \brief The grid of a raster file (size, geotransform, CRS), for gridding onto it exactly. Throws Error when the
 *  raster cannot be read, has no geotransform or a rotated one. */
GridSpec gridFromRaster(const std::string &path);

/** \brief The grid covering [xmin, xmax] x [ymin, ymax] with square cells of size cell, snapped outward to whole
 *  cells from (xmin, ymax). Throws Error (BadParameter) for an empty extent or a bad cell. */
GridSpec gridFromExtent(double xmin, double ymin, double xmax, double ymax, double cell, const std::string &crsWkt);

/** \brief Writes the grid as a one-band Float32 GeoTIFF, NaN as nodata, atomically (see writeFloatGeoTiff()). */
void writeGriddingResult(const std::string &path, const GriddingResult &result, const std::string &bandName,
                         Feedback *feedback = nullptr);

/** \brief The GMT library's version, e.g. "6.4.0". */
std::string gmtVersion();

} // namespace lodestone
