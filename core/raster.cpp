// Raster I/O through GDAL.
#include "raster.h"

#include "error.h"
#include "feedback.h"
#include "gdalhelpers.h"
#include "parallel.h"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <locale>
#include <memory>
#include <mutex>
#include <sstream>

#include <sys/statvfs.h>
#include <unistd.h>

namespace lodestone {

namespace {

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetConfigOption("GDAL_PAM_ENABLED", "NO"); // no .aux.xml beside outputs or inputs we read
    });
}

GDALDatasetUniquePtr openRaster(const std::string &path, const char *const *openOptions = nullptr)
{
    ensureGdalRegistered();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::FileNotFound, "File not found: " + path);
    GDALDataset *ds = nullptr;
    std::string gdalMessage;
    {
        QuietGdal quiet;
        ds = static_cast<GDALDataset *>(
            GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, openOptions, nullptr));
        gdalMessage = quiet.lastMessage();
    }
    if (!ds) {
        std::string msg = path + " is not a raster that GDAL can read";
        if (!gdalMessage.empty())
            msg += " (" + gdalMessage + ")";
        throw Error(ErrorCode::NotARaster, msg + ".");
    }
    if (ds->GetRasterCount() < 1 || ds->GetRasterXSize() < 1 || ds->GetRasterYSize() < 1) {
        GDALClose(GDALDataset::ToHandle(ds));
        throw Error(ErrorCode::NotARaster, path + " holds no raster band.");
    }
    return GDALDatasetUniquePtr(ds);
}

GridSpec gridOf(GDALDataset &ds)
{
    GridSpec g;
    g.width = ds.GetRasterXSize();
    g.height = ds.GetRasterYSize();
    double gt[6];
    if (ds.GetGeoTransform(gt) == CE_None) {
        std::copy(gt, gt + 6, g.geoTransform.begin());
        g.hasGeoTransform = true;
    }
    if (const OGRSpatialReference *srs = ds.GetSpatialRef()) {
        char *wkt = nullptr;
        const char *options[] = {"FORMAT=WKT2_2018", nullptr};
        if (srs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt)
            g.crsWkt = wkt;
        CPLFree(wkt);
    }
    return g;
}

GDALRasterBand *bandOf(GDALDataset &ds, int band, const std::string &path)
{
    if (band < 1 || band > ds.GetRasterCount()) {
        std::ostringstream s;
        s << path << " has " << ds.GetRasterCount() << " band(s); band " << band << " does not exist.";
        throw Error(ErrorCode::BadBand, s.str());
    }
    return ds.GetRasterBand(band);
}

void applyGrid(GDALDataset &ds, const GridSpec &grid)
{
    if (grid.hasGeoTransform) {
        double gt[6];
        std::copy(grid.geoTransform.begin(), grid.geoTransform.end(), gt);
        ds.SetGeoTransform(gt);
    }
    if (!grid.crsWkt.empty()) {
        OGRSpatialReference srs;
        if (srs.importFromWkt(grid.crsWkt.c_str()) == OGRERR_NONE)
            ds.SetSpatialRef(&srs);
    }
}

/** Creation options of compression for a raster of type (see Compression in raster.h). */
std::vector<const char *> creationOptions(Compression compression, GDALDataType type)
{
    std::vector<const char *> o{"TILED=YES", "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS"};
    if (compression == Compression::Fast) {
        o.insert(o.end(), {"COMPRESS=ZSTD", "ZSTD_LEVEL=1", "INTERLEAVE=BAND"});
    } else {
        o.push_back("COMPRESS=DEFLATE");
    }
    if (type == GDT_Float32)
        o.push_back("PREDICTOR=3");
    o.push_back(nullptr);
    return o;
}

GDALDatasetUniquePtr createGeoTiff(const std::string &tmp, const std::string &path, const GridSpec &grid, int bands,
                                   GDALDataType type, Compression compression = Compression::Deflate)
{
    ensureGdalRegistered();
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver)
        throw Error(ErrorCode::Internal, "GDAL has no GTiff driver.");
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
        throw Error(ErrorCode::WriteFailed, "Cannot write " + finalPathOf(path) + ": folder " +
                                                finalPathOf(parent.string()) + " does not exist.");
    std::vector<const char *> options = creationOptions(compression, type);
    GDALDataset *ds = nullptr;
    int error = 0;
    std::string gdalMessage;
    {
        QuietGdal quiet;
        errno = 0;
        ds = driver->Create(tmp.c_str(), grid.width, grid.height, bands, type, const_cast<char **>(options.data()));
        error = errno;
        gdalMessage = quiet.lastMessage();
    }
    if (!ds) {
        removeFileIfExists(tmp);
        throwWriteFailed(tmp, error, gdalMessage);
    }
    applyGrid(*ds, grid);
    return GDALDatasetUniquePtr(ds);
}

} // namespace

void GridSpec::pixelToMap(double col, double row, double &x, double &y) const
{
    const double c = col + 0.5, r = row + 0.5;
    x = geoTransform[0] + c * geoTransform[1] + r * geoTransform[2];
    y = geoTransform[3] + c * geoTransform[4] + r * geoTransform[5];
}

void GridSpec::mapToPixel(double x, double y, double &col, double &row) const
{
    const double *g = geoTransform.data();
    const double det = g[1] * g[5] - g[2] * g[4];
    const double dx = x - g[0], dy = y - g[3];
    if (det == 0) {
        col = row = -1;
        return;
    }
    col = (g[5] * dx - g[2] * dy) / det;
    row = (-g[4] * dx + g[1] * dy) / det;
}

bool GridSpec::sameGrid(const GridSpec &other) const
{
    return describeDifference(other).empty();
}

std::string GridSpec::describeDifference(const GridSpec &o) const
{
    std::ostringstream s;
    if (width != o.width || height != o.height) {
        s << "size " << o.width << " x " << o.height << " instead of " << width << " x " << height;
        return s.str();
    }
    if (hasGeoTransform && o.hasGeoTransform) {
        const double tolX = 1e-3 * std::max(std::abs(geoTransform[1]), std::abs(geoTransform[2]));
        const double tolY = 1e-3 * std::max(std::abs(geoTransform[4]), std::abs(geoTransform[5]));
        const double tol[6] = {tolX, tolX * 1e-3, tolX * 1e-3, tolY, tolY * 1e-3, tolY * 1e-3};
        for (int i = 0; i < 6; ++i) {
            if (std::abs(geoTransform[i] - o.geoTransform[i]) > std::max(tol[i], 1e-12)) {
                s.precision(12);
                s << "geotransform (" << o.geoTransform[0] << ", " << o.geoTransform[1] << ", " << o.geoTransform[2]
                  << ", " << o.geoTransform[3] << ", " << o.geoTransform[4] << ", " << o.geoTransform[5]
                  << ") instead of (" << geoTransform[0] << ", " << geoTransform[1] << ", " << geoTransform[2] << ", "
                  << geoTransform[3] << ", " << geoTransform[4] << ", " << geoTransform[5] << ")";
                return s.str();
            }
        }
    } else if (hasGeoTransform != o.hasGeoTransform) {
        return o.hasGeoTransform ? "a geotransform where the survey has none" : "no geotransform";
    }
    return {};
}

std::size_t Raster::validCount() const
{
    std::size_t n = 0;
    for (uint8_t v : valid)
        n += v;
    return n;
}

std::size_t availableMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    while (meminfo >> key) {
        if (key == "MemAvailable:") {
            unsigned long long kb = 0;
            if (meminfo >> kb)
                return std::size_t(kb) * 1024;
            break;
        }
        meminfo.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    const long pages = ::sysconf(_SC_AVPHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
    return pages > 0 && pageSize > 0 ? std::size_t(pages) * std::size_t(pageSize) : 0;
}

std::string formatBytes(double bytes)
{
    char buf[64];
    if (bytes >= 1e12)
        std::snprintf(buf, sizeof buf, "%.1f TB", bytes / 1e12);
    else if (bytes >= 1e9)
        std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
    else
        std::snprintf(buf, sizeof buf, "%.0f MB", std::ceil(bytes / 1e6));
    return buf;
}

namespace {

std::string formatNumber(double v)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::setprecision(6) << v;
    return s.str();
}

} // namespace

void checkSurveyValues(const Raster &survey)
{
    std::vector<float> values;
    values.reserve(survey.data.size());
    for (std::size_t i = 0; i < survey.data.size(); ++i)
        if (survey.valid[i] && std::isfinite(survey.data[i]))
            values.push_back(survey.data[i]);
    const std::string name = survey.path.empty() ? std::string("The survey") : survey.path;
    if (values.empty())
        throw Error(ErrorCode::EmptyData, name + " has no valid cell.");
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const double low = *lo, high = *hi;
    if (low == high)
        throw Error(ErrorCode::EmptyData, name + ": every valid cell holds the same value (" + formatNumber(low) +
                                              "), so there is nothing to learn from it. Is it the right band?");
    // The middle 99 % of the values.
    const std::size_t n = values.size(), a = n / 200, b = n - 1 - n / 200;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(a), values.end());
    const double p05 = values[a];
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(b), values.end());
    const double p995 = values[b];
    const double middle = p995 - p05, full = high - low;
    if (middle == 0)
        throw Error(ErrorCode::EmptyData, name + ": 99 % of its valid cells hold the same value (" + formatNumber(p05) +
                                              "), so there is almost nothing to learn from it. Is it the right band?");
    if (full > 1e4 * middle)
        throw Error(ErrorCode::EmptyData,
                    name + ": its values run from " + formatNumber(low) + " to " + formatNumber(high) +
                        ", but 99 % of them lie between " + formatNumber(p05) + " and " + formatNumber(p995) +
                        ". A few extreme cells (often a nodata value that the file does not declare) would flatten "
                        "the rest when the survey is scaled. Declare them as nodata (e.g. gdal_translate -a_nodata) "
                        "or remove them.");
}

void requireMemoryFor(const std::string &path, const GridSpec &grid, double bytesPerPixel)
{
    const double needed = double(grid.width) * double(grid.height) * bytesPerPixel;
    const std::size_t available = availableMemoryBytes();
    // Beyond what the address space or a vector can hold, or beyond the memory left: refuse before allocating.
    const bool impossible = needed > double(std::numeric_limits<std::ptrdiff_t>::max()) / 2;
    if (!impossible && (available == 0 || needed <= double(available)))
        return;
    std::ostringstream s;
    s << path << " is " << grid.width << " x " << grid.height << " pixels: holding it in memory takes "
      << formatBytes(needed);
    if (available > 0)
        s << ", and this machine has " << formatBytes(double(available)) << " available";
    s << ". Work on a smaller window of it (e.g. gdal_translate -srcwin) or a coarser cell size (gdalwarp -tr); "
         "the streamed run (--stream on) bounds the memory of the feature rasters, not of the survey itself.";
    throw Error(ErrorCode::TooLarge, s.str());
}

RasterInfo readRasterInfo(const std::string &path)
{
    GDALDatasetUniquePtr ds = openRaster(path);
    RasterInfo info;
    info.grid = gridOf(*ds);
    info.bandCount = ds->GetRasterCount();
    info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    for (int b = 1; b <= info.bandCount; ++b)
        info.bandDescriptions.emplace_back(ds->GetRasterBand(b)->GetDescription());
    return info;
}

std::string infiniteCellsNote(const Raster &raster)
{
    if (raster.infiniteCells == 0)
        return {};
    const std::size_t n = raster.infiniteCells;
    return std::to_string(n) + (n == 1 ? " cell" : " cells") + " of band " + std::to_string(raster.band) + " of " +
           raster.path + (n == 1 ? " holds" : " hold") + " an infinite value, read as nodata. " +
           (n == 1 ? "If it stands for a real value, the grid needs repairing; if it marks"
                   : "If they stand for real values, the grid needs repairing; if they mark") +
           " missing data, declaring a nodata value (e.g. gdal_translate -a_nodata) says so.";
}

Raster readRaster(const std::string &path, int band)
{
    GDALDatasetUniquePtr ds = openRaster(path);
    GDALRasterBand *b = bandOf(*ds, band, path);
    Raster r;
    r.grid = gridOf(*ds);
    r.path = path;
    r.band = band;
    int hasNoData = 0;
    const double nd = b->GetNoDataValue(&hasNoData);
    r.hasNoData = hasNoData != 0;
    r.noData = nd;
    requireMemoryFor(path, r.grid, sizeof(float) + 1); // values and validity mask
    const std::size_t n = r.grid.pixelCount();
    r.data.resize(n);
    r.valid.assign(n, 1);
    CPLErr err = CE_None;
    std::string gdalMessage;
    {
        QuietGdal quiet;
        err = b->RasterIO(GF_Read, 0, 0, r.grid.width, r.grid.height, r.data.data(), r.grid.width, r.grid.height,
                          GDT_Float32, 0, 0, nullptr);
        gdalMessage = quiet.lastMessage();
    }
    if (err != CE_None)
        throw Error(ErrorCode::NotARaster,
                    "Cannot read band " + std::to_string(band) + " of " + path + ": " + gdalMessage);
    // Compare in float, as the data were converted to float: a nodata of -1e32 stored in Float32 matches.
    const float ndf = static_cast<float>(nd);
    std::size_t validCount = 0;
    for (std::size_t i = 0; i < n; ++i) {
        float &v = r.data[i];
        if (!std::isfinite(v) || (r.hasNoData && (v == ndf || double(v) == nd))) {
            r.infiniteCells += std::isinf(v) && !(r.hasNoData && v == ndf); // an Inf nodata is declared
            v = std::numeric_limits<float>::quiet_NaN();
            r.valid[i] = 0;
        } else {
            ++validCount;
        }
    }
    if (validCount == 0)
        throw Error(ErrorCode::EmptyData,
                    "Band " + std::to_string(band) + " of " + path + " holds no valid pixel (all nodata or NaN).");
    return r;
}

bool crsEquivalent(const std::string &a, const std::string &b)
{
    if (a.empty() || b.empty())
        return a.empty() && b.empty();
    if (a == b)
        return true;
    OGRSpatialReference sa, sb;
    if (sa.importFromWkt(a.c_str()) != OGRERR_NONE || sb.importFromWkt(b.c_str()) != OGRERR_NONE)
        return false;
    return sa.IsSame(&sb);
}

CrsDescription describeCrs(const std::string &wkt)
{
    CrsDescription d;
    OGRSpatialReference srs;
    if (wkt.empty() || srs.importFromWkt(wkt.c_str()) != OGRERR_NONE)
        return d;
    d.valid = true;
    if (const char *name = srs.GetName())
        d.name = name;
    const char *authority = srs.GetAuthorityName(nullptr), *code = srs.GetAuthorityCode(nullptr);
    if (authority && code)
        d.authId = std::string(authority) + ":" + code;
    d.geographic = srs.IsGeographic();
    d.linearUnitMetres = d.geographic ? 0.0 : srs.GetLinearUnits();
    return d;
}

Raster readRasterOnGrid(const std::string &path, int band, const GridSpec &grid, Feedback *feedback)
{
    GDALDatasetUniquePtr src = openRaster(path);
    bandOf(*src, band, path);
    const GridSpec srcGrid = gridOf(*src);
    if (!srcGrid.hasGeoTransform)
        throw Error(ErrorCode::BadParameter, path + " has no georeferencing, so it cannot be placed on another grid.");
    if (!grid.hasGeoTransform || grid.width < 1 || grid.height < 1)
        throw Error(ErrorCode::BadParameter, "The grid to resample " + path + " onto has no georeferencing.");
    requireMemoryFor(path, grid, 2 * sizeof(float) + 1); // the warped grid, its copy and the validity mask
    GDALDriver *mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem)
        throw Error(ErrorCode::Internal, "GDAL has no MEM driver.");
    GDALDatasetUniquePtr dst(mem->Create("", grid.width, grid.height, 1, GDT_Float32, nullptr));
    if (!dst)
        throw Error(ErrorCode::Internal, "Cannot allocate a " + std::to_string(grid.width) + " x " +
                                             std::to_string(grid.height) + " grid to resample " + path + " onto.");
    GridSpec dstGrid = grid;
    if (dstGrid.crsWkt.empty() || srcGrid.crsWkt.empty())
        dstGrid.crsWkt.clear(); // no reprojection: the geotransforms alone place the cells
    applyGrid(*dst, dstGrid);
    GDALRasterBand *out = dst->GetRasterBand(1);
    out->SetNoDataValue(std::numeric_limits<double>::quiet_NaN());
    out->Fill(std::numeric_limits<double>::quiet_NaN());

    const char *srcWkt = dstGrid.crsWkt.empty() ? nullptr : srcGrid.crsWkt.c_str();
    const char *dstWkt = dstGrid.crsWkt.empty() ? nullptr : dstGrid.crsWkt.c_str();
    void *transformer = nullptr;
    std::string gdalMessage;
    {
        QuietGdal quiet;
        transformer = GDALCreateGenImgProjTransformer(GDALDataset::ToHandle(src.get()), srcWkt,
                                                      GDALDataset::ToHandle(dst.get()), dstWkt, FALSE, 0, 1);
        gdalMessage = quiet.lastMessage();
    }
    if (!transformer)
        throw Error(ErrorCode::BadParameter, "Cannot transform " + path + " onto the grid: " + gdalMessage);
    GDALWarpOptions *wo = GDALCreateWarpOptions();
    wo->hSrcDS = GDALDataset::ToHandle(src.get());
    wo->hDstDS = GDALDataset::ToHandle(dst.get());
    wo->nBandCount = 1;
    wo->panSrcBands = static_cast<int *>(CPLMalloc(sizeof(int)));
    wo->panSrcBands[0] = band;
    wo->panDstBands = static_cast<int *>(CPLMalloc(sizeof(int)));
    wo->panDstBands[0] = 1;
    wo->eResampleAlg = GRA_Bilinear;
    wo->eWorkingDataType = GDT_Float32;
    int hasNoData = 0;
    const double nd = src->GetRasterBand(band)->GetNoDataValue(&hasNoData);
    if (hasNoData) {
        wo->padfSrcNoDataReal = static_cast<double *>(CPLMalloc(sizeof(double)));
        wo->padfSrcNoDataReal[0] = nd;
    }
    wo->padfDstNoDataReal = static_cast<double *>(CPLMalloc(sizeof(double)));
    wo->padfDstNoDataReal[0] = std::numeric_limits<double>::quiet_NaN();
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "NO_DATA");
    wo->pfnTransformer = GDALGenImgProjTransform;
    wo->pTransformerArg = transformer;
    wo->pfnProgress = [](double fraction, const char *, void *arg) -> int {
        auto *fb = static_cast<Feedback *>(arg);
        if (!fb)
            return TRUE;
        fb->setProgress(fraction);
        return fb->isCanceled() ? FALSE : TRUE;
    };
    wo->pProgressArg = feedback;
    CPLErr err;
    {
        GDALWarpOperation op;
        QuietGdal quiet;
        err = op.Initialize(wo);
        if (err == CE_None)
            err = op.ChunkAndWarpImage(0, 0, grid.width, grid.height);
        gdalMessage = quiet.lastMessage();
    }
    // The window of the file that the grid covers (its edges and interior sampled back through the transformer, two
    // cells of margin for the bilinear kernel): where its infinite cells, counted below, can reach the grid.
    int winX0 = 0, winY0 = 0, winX1 = srcGrid.width, winY1 = srcGrid.height;
    {
        std::vector<double> xs, ys, zs;
        const int steps = 32;
        for (int i = 0; i <= steps; ++i)
            for (int j = 0; j <= steps; ++j) {
                xs.push_back(double(grid.width) * i / steps);
                ys.push_back(double(grid.height) * j / steps);
            }
        zs.assign(xs.size(), 0.0);
        std::vector<int> ok(xs.size(), 0);
        GDALGenImgProjTransform(transformer, TRUE, int(xs.size()), xs.data(), ys.data(), zs.data(), ok.data());
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        bool all = true;
        for (std::size_t i = 0; all && i < xs.size(); ++i) {
            all = ok[i] && std::isfinite(xs[i]) && std::isfinite(ys[i]);
            x0 = std::min(x0, xs[i]);
            x1 = std::max(x1, xs[i]);
            y0 = std::min(y0, ys[i]);
            y1 = std::max(y1, ys[i]);
        }
        if (all) { // otherwise the whole file
            winX0 = int(std::clamp(std::floor(x0) - 2, 0.0, double(srcGrid.width)));
            winY0 = int(std::clamp(std::floor(y0) - 2, 0.0, double(srcGrid.height)));
            winX1 = int(std::clamp(std::ceil(x1) + 2, 0.0, double(srcGrid.width)));
            winY1 = int(std::clamp(std::ceil(y1) + 2, 0.0, double(srcGrid.height)));
        }
    }
    GDALDestroyGenImgProjTransformer(transformer);
    GDALDestroyWarpOptions(wo);
    checkCanceled(feedback);
    if (err != CE_None)
        throw Error(ErrorCode::NotARaster,
                    "Cannot resample band " + std::to_string(band) + " of " + path + " onto the grid: " + gdalMessage);

    Raster r;
    r.grid = grid;
    r.path = path;
    r.band = band;
    r.hasNoData = true;
    r.noData = std::numeric_limits<double>::quiet_NaN();
    GDALRasterBand *in = src->GetRasterBand(band);
    if (GDALDataTypeIsFloating(in->GetRasterDataType()) && winX1 > winX0 && winY1 > winY0) {
        // The file's own +-Inf cells (not a declared nodata) in the window the grid covers, counted for the same note
        // as readRaster()'s: the warp reads them as nodata too, or smears them onto neighbouring cells. Integer bands
        // hold none.
        const float ndf = static_cast<float>(nd);
        const int width = winX1 - winX0;
        const int rows =
            int(std::clamp<std::size_t>((std::size_t(8) << 20) / std::size_t(width), 1, std::size_t(winY1 - winY0)));
        std::vector<float> block(std::size_t(width) * std::size_t(rows));
        for (std::int64_t row = winY0; row < winY1; row += rows) {
            checkCanceled(feedback);
            const int h = int(std::min<std::int64_t>(rows, winY1 - row));
            if (in->RasterIO(GF_Read, winX0, int(row), width, h, block.data(), width, h, GDT_Float32, 0, 0, nullptr) !=
                CE_None)
                throw Error(ErrorCode::NotARaster, "Cannot read band " + std::to_string(band) + " of " + path + ".");
            for (std::size_t i = 0; i < std::size_t(width) * std::size_t(h); ++i)
                r.infiniteCells += std::isinf(block[i]) && !(hasNoData && block[i] == ndf);
        }
    }
    const std::size_t n = grid.pixelCount();
    r.data.resize(n);
    if (out->RasterIO(GF_Read, 0, 0, grid.width, grid.height, r.data.data(), grid.width, grid.height, GDT_Float32, 0, 0,
                      nullptr) != CE_None)
        throw Error(ErrorCode::Internal, "Cannot read back the resampled " + path + ".");
    r.valid.assign(n, 0);
    std::size_t validCount = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isfinite(r.data[i])) {
            r.valid[i] = 1;
            ++validCount;
        } else {
            r.data[i] = std::numeric_limits<float>::quiet_NaN();
        }
    }
    if (validCount == 0)
        throw Error(ErrorCode::EmptyData,
                    path + " does not overlap the grid it was resampled onto: no valid cell of it falls on that grid.");
    return r;
}

ByteRaster readByteRaster(const std::string &path, int band)
{
    GDALDatasetUniquePtr ds = openRaster(path);
    GDALRasterBand *b = bandOf(*ds, band, path);
    ByteRaster r;
    r.grid = gridOf(*ds);
    r.path = path;
    int hasNoData = 0;
    r.noData = b->GetNoDataValue(&hasNoData);
    r.hasNoData = hasNoData != 0;
    requireMemoryFor(path, r.grid, sizeof(float) + 1);
    // Read as float first so that values outside 0..255 are detected rather than clipped.
    std::vector<float> values(r.grid.pixelCount());
    if (b->RasterIO(GF_Read, 0, 0, r.grid.width, r.grid.height, values.data(), r.grid.width, r.grid.height, GDT_Float32,
                    0, 0, nullptr) != CE_None)
        throw Error(ErrorCode::NotARaster, "Cannot read band " + std::to_string(band) + " of " + path + ".");
    r.data.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float v = values[i];
        if (r.hasNoData && (v == static_cast<float>(r.noData))) {
            r.data[i] = 255;
            continue;
        }
        if (!std::isfinite(v) || v < 0 || v > 254 || v != std::floor(v)) {
            std::ostringstream s;
            s << path << " holds the value " << v << " at column " << (i % r.grid.width) << ", row "
              << (i / r.grid.width) << ", which is not a whole number from 0 to 254.";
            throw Error(ErrorCode::BadLabels, s.str());
        }
        r.data[i] = static_cast<uint8_t>(v);
    }
    if (r.hasNoData)
        r.noData = 255; // nodata pixels were mapped to 255 above
    return r;
}

void writeFloatGeoTiff(const std::string &path, const GridSpec &grid, const std::vector<const float *> &bands,
                       float noData, const std::vector<std::string> &bandNames, Compression compression,
                       Feedback *feedback)
{
    const std::string tmp = temporaryPathFor(path);
    GeoTiffRowWriter writer(tmp, grid, int(bands.size()), true, noData, compression, bandNames, {}, path);
    for (std::size_t b = 0; b < bands.size(); ++b)
        for (int y = 0; y < grid.height; y += 64) {
            checkCanceled(feedback); // the writer removes its file when it goes unclosed
            writer.writeFloatRows(int(b), y, std::min(64, grid.height - y), bands[b] + std::size_t(y) * grid.width);
        }
    writer.close();
    commitTemporary(tmp, path);
}

void writeByteGeoTiff(const std::string &path, const GridSpec &grid, const uint8_t *data, int noData,
                      const std::vector<ColorEntry> &colors, Feedback *feedback)
{
    const std::string tmp = temporaryPathFor(path);
    GeoTiffRowWriter writer(tmp, grid, 1, false, noData, Compression::Deflate, {}, colors, path);
    for (int y = 0; y < grid.height; y += 64) {
        checkCanceled(feedback);
        writer.writeByteRows(0, y, std::min(64, grid.height - y), data + std::size_t(y) * grid.width);
    }
    writer.close();
    commitTemporary(tmp, path);
}

// ---------------------------------------------------------------------------------------------------------
// Block-by-block writing and reading

struct GeoTiffRowWriter::Impl {
    GDALDatasetUniquePtr ds;
    std::string path, shown;
    GridSpec grid;
    bool isFloat = true;
    float noData = -9999.0f;
    std::vector<float> buffer;

    [[noreturn]] void fail(int error)
    {
        const std::string message = CPLGetLastErrorMsg();
        const std::string reason = writeFailureReason(path, error, message); // before the file's space is freed
        {
            QuietGdal quiet;
            ds.reset();
        }
        removeFileIfExists(path);
        throw Error(ErrorCode::WriteFailed, "Cannot write " + shown + ": " + reason + ".");
    }
    void checkRows(int rowBegin, int rows) const
    {
        if (!ds)
            throw Error(ErrorCode::Internal, shown + " is already closed.");
        if (rowBegin < 0 || rows < 0 || rowBegin + rows > grid.height)
            throw Error(ErrorCode::Internal, "Rows " + std::to_string(rowBegin) + " + " + std::to_string(rows) +
                                                 " are outside " + shown + ".");
    }
};

GeoTiffRowWriter::GeoTiffRowWriter(const std::string &path, const GridSpec &grid, int bands, bool isFloat,
                                   double noData, Compression compression, const std::vector<std::string> &bandNames,
                                   const std::vector<ColorEntry> &colors, const std::string &shownPath)
    : d(std::make_unique<Impl>())
{
    d->path = path;
    d->shown = finalPathOf(shownPath.empty() ? path : shownPath);
    if (bands < 1)
        throw Error(ErrorCode::Internal, "No band to write to " + d->shown + ".");
    d->grid = grid;
    d->isFloat = isFloat;
    d->noData = float(noData);
    d->ds = createGeoTiff(path, d->shown, grid, bands, isFloat ? GDT_Float32 : GDT_Byte, compression);
    for (int b = 0; b < bands; ++b) {
        GDALRasterBand *band = d->ds->GetRasterBand(b + 1);
        if (isFloat || noData >= 0) // a negative noData of a Byte raster: none
            band->SetNoDataValue(noData);
        if (b < int(bandNames.size()))
            band->SetDescription(bandNames[b].c_str());
    }
    if (!colors.empty()) {
        GDALColorTable table;
        for (const ColorEntry &c : colors) {
            GDALColorEntry e{c.r, c.g, c.b, c.a};
            table.SetColorEntry(c.value, &e);
        }
        GDALRasterBand *band = d->ds->GetRasterBand(1);
        band->SetColorTable(&table);
        band->SetColorInterpretation(GCI_PaletteIndex);
    }
}

GeoTiffRowWriter::~GeoTiffRowWriter()
{
    if (d && d->ds) { // not closed: an abandoned write leaves no file that looks complete
        d->ds.reset();
        removeFileIfExists(d->path);
    }
}

void GeoTiffRowWriter::writeFloatRows(int band, int rowBegin, int rows, const float *data)
{
    d->checkRows(rowBegin, rows);
    const int w = d->grid.width;
    d->buffer.resize(std::size_t(w) * rows);
    for (std::size_t i = 0; i < d->buffer.size(); ++i)
        d->buffer[i] = std::isfinite(data[i]) ? data[i] : d->noData;
    CPLErr err = CE_None;
    int error = 0;
    {
        QuietGdal quiet; // failures are reported by the Error below, not on stderr
        errno = 0;
        err = d->ds->GetRasterBand(band + 1)->RasterIO(GF_Write, 0, rowBegin, w, rows, d->buffer.data(), w, rows,
                                                       GDT_Float32, 0, 0, nullptr);
        error = errno;
    }
    if (err != CE_None)
        d->fail(error);
}

void GeoTiffRowWriter::writeByteRows(int band, int rowBegin, int rows, const uint8_t *data)
{
    d->checkRows(rowBegin, rows);
    const int w = d->grid.width;
    CPLErr err = CE_None;
    int error = 0;
    {
        QuietGdal quiet;
        errno = 0;
        err = d->ds->GetRasterBand(band + 1)->RasterIO(GF_Write, 0, rowBegin, w, rows, const_cast<uint8_t *>(data), w,
                                                       rows, GDT_Byte, 0, 0, nullptr);
        error = errno;
    }
    if (err != CE_None)
        d->fail(error);
}

void GeoTiffRowWriter::close()
{
    if (!d->ds)
        return;
    GDALDataset *raw = d->ds.release();
    int error = 0;
    bool failed = false;
    std::string message;
    {
        QuietGdal quiet;
        errno = 0;
        raw->FlushCache(true);
        error = errno;
        GDALClose(GDALDataset::ToHandle(raw));
        if (!error)
            error = errno;
        failed = CPLGetLastErrorType() >= CE_Failure;
        message = quiet.lastMessage();
    }
    if (failed) {
        const std::string reason = writeFailureReason(d->path, error, message);
        removeFileIfExists(d->path);
        throw Error(ErrorCode::WriteFailed, "Cannot write " + d->shown + ": " + reason + ".");
    }
}

struct GeoTiffRowReader::Impl {
    GDALDatasetUniquePtr ds;
    std::string path;
    int width = 0, height = 0, bands = 0;
};

GeoTiffRowReader::GeoTiffRowReader(const std::string &path) : d(std::make_unique<Impl>())
{
    // Tiles are decoded on the calling thread: GDAL 3.6's multi-threaded decoding (the NUM_THREADS open option)
    // fails on band-interleaved files of many bands ("Bad value for ExtraSamples").
    d->ds = openRaster(path);
    d->path = path;
    d->width = d->ds->GetRasterXSize();
    d->height = d->ds->GetRasterYSize();
    d->bands = d->ds->GetRasterCount();
}

GeoTiffRowReader::~GeoTiffRowReader() = default;

int GeoTiffRowReader::bandCount() const
{
    return d->bands;
}

void GeoTiffRowReader::readFloatRows(int band, int rowBegin, int rows, float *data) const
{
    if (band < 0 || band >= d->bands || rowBegin < 0 || rows < 0 || rowBegin + rows > d->height)
        throw Error(ErrorCode::Internal, "Band " + std::to_string(band + 1) + ", rows " + std::to_string(rowBegin) +
                                             " + " + std::to_string(rows) + " are outside " + d->path + ".");
    GDALRasterBand *b = d->ds->GetRasterBand(band + 1);
    if (b->RasterIO(GF_Read, 0, rowBegin, d->width, rows, data, d->width, rows, GDT_Float32, 0, 0, nullptr) != CE_None)
        throw Error(ErrorCode::NotARaster,
                    "Cannot read band " + std::to_string(band + 1) + " of " + d->path + ": " + CPLGetLastErrorMsg());
    int hasNoData = 0;
    const double noData = b->GetNoDataValue(&hasNoData);
    if (hasNoData) {
        const float nd = float(noData), nan = std::numeric_limits<float>::quiet_NaN();
        for (std::size_t i = 0; i < std::size_t(d->width) * rows; ++i)
            if (data[i] == nd)
                data[i] = nan;
    }
}

void removeFileIfExists(const std::string &path)
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

std::string temporaryPathFor(const std::string &path)
{
    // Same folder, so that the final rename is atomic; keeps the extension so drivers recognise it.
    std::filesystem::path p(path);
    return (p.parent_path() / ("." + p.stem().string() + ".partial" + p.extension().string())).string();
}

void commitTemporary(const std::string &temporary, const std::string &path)
{
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        removeFileIfExists(temporary);
        throwWriteFailed(path, ec.value(), ec.message());
    }
}

std::string finalPathOf(const std::string &path)
{
    namespace fs = std::filesystem;
    const fs::path p(path);
    std::string name = p.filename().string();
    fs::path parent = p.parent_path();
    // ".STEM.partial.EXT" (temporaryPathFor) -> "STEM.EXT"
    const std::size_t at = name.rfind(".partial");
    if (name.size() > 1 && name[0] == '.' && at != std::string::npos && at > 1) {
        const std::string ext = name.substr(at + 8);
        if (ext.empty() || (ext[0] == '.' && ext.find('.', 1) == std::string::npos))
            name = name.substr(1, at - 1) + ext;
    }
    if (parent.filename().string().rfind(".lodestone-partial-", 0) == 0)
        parent = parent.parent_path();
    if (name == p.filename().string() && parent == p.parent_path())
        return path;
    return (parent / name).string();
}

namespace {

bool mentions(const std::string &text, const char *part)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return lower.find(part) != std::string::npos;
}

/** True when the file system holding path (or its nearest existing folder) has less than 1 MiB left. */
bool fileSystemNearlyFull(const std::string &path)
{
    namespace fs = std::filesystem;
    fs::path p(path);
    std::error_code ec;
    while (!p.empty() && !fs::exists(p, ec))
        p = p.parent_path();
    struct statvfs s {};
    if (p.empty() || ::statvfs(p.c_str(), &s) != 0)
        return false;
    return double(s.f_bavail) * double(s.f_frsize) < 1024.0 * 1024.0;
}

} // namespace

std::string writeFailureReason(const std::string &path, int errorNumber, const std::string &detail)
{
    if (errorNumber == ENOSPC || mentions(detail, "no space left") || mentions(detail, "disk is full") ||
        fileSystemNearlyFull(path))
        return "the disk is full (no space left on device)";
    if (errorNumber == EDQUOT || mentions(detail, "quota"))
        return "the disk quota is exceeded";
    if (errorNumber == EFBIG || mentions(detail, "file too large"))
        return "the file is larger than the file size limit allows";
    if (errorNumber == EROFS || mentions(detail, "read-only file system"))
        return "the file system is read-only";
    if (errorNumber == EACCES || errorNumber == EPERM || mentions(detail, "permission denied"))
        return "permission denied";
    std::string text = detail;
    while (!text.empty() && (text.back() == '\n' || text.back() == '.' || text.back() == ' '))
        text.pop_back();
    const std::string shown = finalPathOf(path);
    for (std::size_t at; !shown.empty() && shown != path && (at = text.find(path)) != std::string::npos;)
        text.replace(at, path.size(), shown);
    if (!text.empty())
        return text;
    if (errorNumber != 0)
        return std::strerror(errorNumber);
    return "an input/output error";
}

void throwWriteFailed(const std::string &path, int errorNumber, const std::string &detail)
{
    throw Error(ErrorCode::WriteFailed,
                "Cannot write " + finalPathOf(path) + ": " + writeFailureReason(path, errorNumber, detail) + ".");
}

std::string gdalVersion()
{
    return GDALVersionInfo("RELEASE_NAME");
}

std::vector<PlaneStatistics> planeStatistics(const std::vector<const float *> &planes, std::size_t pixels,
                                             const std::uint8_t *valid, float nodata, int threads, Feedback *feedback)
{
    std::vector<PlaneStatistics> out(planes.size());
    parallelFor(int(planes.size()), threads, feedback, [&](int k) {
        const float *p = planes[std::size_t(k)];
        double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
        std::size_t n = 0;
        auto counted = [&](std::size_t i) { return (!valid || valid[i]) && std::isfinite(p[i]) && p[i] != nodata; };
        for (std::size_t i = 0; i < pixels; ++i)
            if (counted(i)) {
                const double v = p[i];
                sum += v;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                ++n;
            }
        PlaneStatistics &st = out[std::size_t(k)];
        if (n == 0)
            return;
        st.ok = true;
        st.minimum = lo;
        st.maximum = hi;
        st.mean = sum / double(n);
        double sum2 = 0;
        for (std::size_t i = 0; i < pixels; ++i)
            if (counted(i))
                sum2 += (p[i] - st.mean) * (p[i] - st.mean);
        st.sd = std::sqrt(sum2 / double(n));
        st.validPercent = 100.0 * double(n) / double(pixels);
    });
    return out;
}

} // namespace lodestone
