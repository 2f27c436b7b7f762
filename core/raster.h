// Georeferenced rasters: reading any format GDAL reads, writing GeoTIFFs atomically.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief One band's statistics as GDAL's exact ComputeStatistics() gives them: over the pixels that are finite
 *  and not the nodata value; ok is false when there is none. The classifier's standardisation uses the same. */
struct PlaneStatistics {
    bool ok = false;
    double minimum = 0, maximum = 0, mean = 0, sd = 0;
    double validPercent = 0; ///< share of the band's pixels counted, percent
};

/** \brief PlaneStatistics of each plane of pixels floats, over the pixels that valid (may be null) marks, that are
 *  finite and differ from nodata (NaN: no nodata value); planes in parallel (threads: 0 = all cores), cancel
 *  checked between planes (throws Canceled). A run's feature rasters are still in memory when it writes them, so
 *  their statistics need not be read back from the compressed file. */
std::vector<PlaneStatistics> planeStatistics(const std::vector<const float *> &planes, std::size_t pixels,
                                             const std::uint8_t *valid, float nodata, int threads = 0,
                                             Feedback *feedback = nullptr);

/** \brief Pixel grid and its georeferencing: size, GDAL geotransform and CRS (WKT, may be empty). */
struct GridSpec {
    int width = 0;
    int height = 0;
    /// GDAL convention: x = gt[0] + col*gt[1] + row*gt[2]; y = gt[3] + col*gt[4] + row*gt[5] (pixel corner).
    std::array<double, 6> geoTransform{0, 1, 0, 0, 0, 1};
    bool hasGeoTransform = false;
    std::string crsWkt;

    std::size_t pixelCount() const { return std::size_t(width) * std::size_t(height); }
    /** \brief Map coordinates of the centre of pixel (col, row). */
    void pixelToMap(double col, double row, double &x, double &y) const;
    /** \brief Fractional pixel coordinates (col, row) of a map point; the pixel centre is at +0.5. */
    void mapToPixel(double x, double y, double &col, double &row) const;
    /** \brief Same size and geotransform (within a tolerance of a thousandth of a pixel). */
    bool sameGrid(const GridSpec &other) const;
    /** \brief Human-readable difference to another grid, empty when sameGrid(). */
    std::string describeDifference(const GridSpec &other) const;
};

/** \brief One band of a raster as float, with a validity mask (0 where nodata or NaN). */
struct Raster {
    GridSpec grid;
    std::vector<float> data;    ///< row-major, width*height; invalid pixels hold NaN
    std::vector<uint8_t> valid; ///< 1 valid, 0 invalid
    std::string path;           ///< file it was read from, if any
    int band = 1;
    bool hasNoData = false;
    double noData = 0.0;           ///< the source's nodata value, when hasNoData
    std::size_t infiniteCells = 0; ///< readRaster(), readRasterOnGrid(): the file's cells holding +-Inf (those the
                                   ///< grid covers, when resampled), read as invalid like NaN and nodata

    int width() const { return grid.width; }
    int height() const { return grid.height; }
    float at(int col, int row) const { return data[std::size_t(row) * grid.width + col]; }
    bool isValid(int col, int row) const { return valid[std::size_t(row) * grid.width + col] != 0; }
    std::size_t validCount() const;
};

/** \brief The note for a raster read with infinite cells (readRaster() reads them as nodata, which no format
 *  declares them to be): how many, naming the file. Empty when there are none. */
std::string infiniteCellsNote(const Raster &raster);

/** \brief What a raster file holds, without reading its pixels. */
struct RasterInfo {
    GridSpec grid;
    int bandCount = 0;
    std::string driver;
    std::vector<std::string> bandDescriptions;
};

/** \brief Bytes of memory the system can still give this process (MemAvailable of /proc/meminfo, else the free
 *  physical pages), or 0 when unknown. */
std::size_t availableMemoryBytes();

/** \brief "1.5 GB", "200 MB": a byte count for messages. */
std::string formatBytes(double bytes);

/** \brief Throws Error(TooLarge) naming path when a grid of its size, at bytesPerPixel, would not fit in the memory
 *  available: the message says how much memory that is, how much is available, and that a smaller window or a
 *  coarser cell size of the survey is the way. readRaster(), readByteRaster() and readRasterOnGrid() check it before
 *  they allocate. */
void requireMemoryFor(const std::string &path, const GridSpec &grid, double bytesPerPixel);

/** \brief Refuses a survey whose values cannot train a network, naming its file: every valid cell holding the same
 *  value, or a few cells so far from the rest (more than 10,000 times the range of the middle 99 % of the values;
 *  typically an unmarked nodata such as -3.4e38) that scaling the survey to [0, 1] would flatten everything else.
 *  Throws Error(EmptyData) when no cell is valid. */
void checkSurveyValues(const Raster &survey);

/** \brief Reads size, band count and georeferencing. Throws Error naming the file. */
RasterInfo readRasterInfo(const std::string &path);

/** \brief Reads one band (1-based) as float. nodata and NaN become invalid. Throws Error naming the file. */
Raster readRaster(const std::string &path, int band = 1);

/** \brief True when two CRSs given as WKT are the same (GDAL's IsSame), or both are empty. */
bool crsEquivalent(const std::string &wktA, const std::string &wktB);

/** \brief What a CRS given as WKT is called and measured in, read by GDAL's OGRSpatialReference. */
struct CrsDescription {
    bool valid = false;            ///< GDAL could read the WKT
    std::string name;              ///< e.g. "ETRS89 / TM35FIN(E,N)"
    std::string authId;            ///< authority and code of the CRS as a whole, e.g. "EPSG:3067"; empty when none
    bool geographic = false;       ///< coordinates are angles
    double linearUnitMetres = 1.0; ///< metres per unit of a projected CRS's coordinates; 0 for a geographic CRS
};

/** \brief Describes the CRS of wkt; valid is false (and the rest empty) when the text is empty or no CRS GDAL
 *  can read. */
CrsDescription describeCrs(const std::string &wkt);

/** \brief Reads one band (1-based) resampled onto grid with GDAL's warper: bilinear, reprojected from the file's CRS
 *  when grid has another (a CRS missing on either side is taken to be the other's). Cells of grid outside the file
 *  or on its nodata are invalid. Throws Error naming the file when it cannot be read, has no geotransform, or
 *  covers no cell of grid; Canceled when feedback asks. The result's path is path. */
Raster readRasterOnGrid(const std::string &path, int band, const GridSpec &grid, Feedback *feedback = nullptr);

/** \brief Reads one band as bytes (e.g. a label or class raster); nodata pixels keep their value and
 *  hasNoData/noData tell what it is. */
struct ByteRaster {
    GridSpec grid;
    std::vector<uint8_t> data;
    bool hasNoData = false;
    double noData = 0.0;
    std::string path;
};
ByteRaster readByteRaster(const std::string &path, int band = 1);

/** \brief How GeoTIFFs are compressed. Both are lossless and use all cores. */
enum class Compression {
    Deflate, ///< DEFLATE (with the floating-point predictor for Float32): what most TIFF readers read
    Fast,    ///< ZSTD level 1 with the floating-point predictor, band by band: for feature rasters, about 2.5 times
             ///< smaller than raw floats at a fraction of DEFLATE's time; read by GDAL 2.3 and later (QGIS, rasterio)
};

/** \brief Float32 GeoTIFF with one band per entry of bands (each width*height), NaN written as nodata.
 *  Written to a temporary name in the same folder and renamed when complete. Tiled 256 x 256, compressed as
 *  compression says.
 *  Cancel is checked every 64 rows: a canceled write removes its temporary file and throws Canceled. */
void writeFloatGeoTiff(const std::string &path, const GridSpec &grid, const std::vector<const float *> &bands,
                       float noData = -9999.0f, const std::vector<std::string> &bandNames = {},
                       Compression compression = Compression::Deflate, Feedback *feedback = nullptr);

/** \brief An entry of a byte raster's colour table. */
struct ColorEntry {
    uint8_t value, r, g, b, a;
};

/** \brief Byte GeoTIFF, one band, with an optional nodata value and colour table; written atomically. */
void writeByteGeoTiff(const std::string &path, const GridSpec &grid, const uint8_t *data, int noData = -1,
                      const std::vector<ColorEntry> &colors = {}, Feedback *feedback = nullptr);

/** \brief A GeoTIFF written rows by rows (tiled 256 x 256, BigTIFF when needed), for rasters larger than memory.
 *  It is written under path itself: the caller makes the result atomic (a staging folder). Destroyed before
 *  close(), it removes the file. Throws Error(WriteFailed) naming the file. */
class GeoTiffRowWriter {
public:
    /** isFloat: Float32 bands (NaN written as noData), else Byte bands (no nodata when noData is negative);
     *  compression as writeFloatGeoTiff(); colors apply to the first band. Error messages name shownPath
     *  (default: path), e.g. the final name of a file written under a temporary one. */
    GeoTiffRowWriter(const std::string &path, const GridSpec &grid, int bands, bool isFloat, double noData,
                     Compression compression, const std::vector<std::string> &bandNames = {},
                     const std::vector<ColorEntry> &colors = {}, const std::string &shownPath = {});
    ~GeoTiffRowWriter();
    GeoTiffRowWriter(const GeoTiffRowWriter &) = delete;
    GeoTiffRowWriter &operator=(const GeoTiffRowWriter &) = delete;

    /** \brief rows full rows (width * rows values) of band (0-based) from rowBegin. */
    void writeFloatRows(int band, int rowBegin, int rows, const float *data);
    void writeByteRows(int band, int rowBegin, int rows, const uint8_t *data);
    /** \brief Flushes and closes; throws when the file could not be completed. */
    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/** \brief Reads rows of Float32 bands of a raster (nodata becomes NaN), keeping the file open between reads. */
class GeoTiffRowReader {
public:
    explicit GeoTiffRowReader(const std::string &path);
    ~GeoTiffRowReader();
    int bandCount() const;
    /** \brief rows full rows of band (0-based) from rowBegin into data (width * rows floats). */
    void readFloatRows(int band, int rowBegin, int rows, float *data) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/** \brief Removes path if it exists; used to keep failed runs from leaving files that look complete. */
void removeFileIfExists(const std::string &path);

/** \brief The temporary name under which a file is written before it is renamed to path. */
std::string temporaryPathFor(const std::string &path);

/** \brief Renames a finished temporary file to its final name, replacing what was there. */
void commitTemporary(const std::string &temporary, const std::string &path);

/** \brief The name a user knows a file by: a file written under its temporary name (temporaryPathFor()) or in a
 *  run's staging folder (".lodestone-partial-PID" inside the output folder) by the name it will have when the
 *  run is committed. Other paths are returned as they are. */
std::string finalPathOf(const std::string &path);

/** \brief Why writing path failed, in words for the user: "the disk is full (no space left on device)" when
 *  errorNumber is ENOSPC, detail says so or the file system of path has (almost) no space left; likewise for a
 *  file-size limit, a quota, a read-only file system or a permission; otherwise detail (a library's message)
 *  with temporary and staging paths replaced by final names, or "an input/output error" when it is empty. */
std::string writeFailureReason(const std::string &path, int errorNumber, const std::string &detail);

/** \brief Throws Error(WriteFailed) "Cannot write FINAL: REASON." with FINAL = finalPathOf(path) and REASON from
 *  writeFailureReason(). */
[[noreturn]] void throwWriteFailed(const std::string &path, int errorNumber, const std::string &detail = {});

/** \brief GDAL's version string, e.g. "3.6.2". */
std::string gdalVersion();

} // namespace lodestone
