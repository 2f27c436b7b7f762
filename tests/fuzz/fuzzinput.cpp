#include "fuzzinput.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace lodestone::fuzz {

namespace {

struct WorkDir {
    std::string path;
    WorkDir()
    {
        const char *tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/lodestone-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot make a folder from " + pattern);
        path = pattern;
    }
    ~WorkDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

} // namespace

const std::string &workDir()
{
    static const WorkDir dir;
    return dir.path;
}

std::string writeInput(const std::uint8_t *data, std::size_t size, const std::string &extension)
{
    std::error_code ec;
    for (const auto &f : std::filesystem::directory_iterator(workDir(), ec))
        std::filesystem::remove_all(f.path(), ec);
    const std::string path = workDir() + "/input" + extension;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), std::streamsize(size));
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path);
    return path;
}

void initGdal()
{
    CPLSetErrorHandler(CPLQuietErrorHandler);
    GDALAllRegister();
}

const Raster &survey()
{
    static const Raster s = [] {
        Raster r;
        r.grid.width = 16;
        r.grid.height = 12;
        r.grid.hasGeoTransform = true;
        r.grid.geoTransform = {500000, 100, 0, 7500000, 0, -100};
        OGRSpatialReference srs;
        srs.importFromEPSG(3067);
        char *wkt = nullptr;
        srs.exportToWkt(&wkt);
        r.grid.crsWkt = wkt;
        CPLFree(wkt);
        r.data.resize(r.grid.pixelCount());
        r.valid.assign(r.grid.pixelCount(), 1);
        for (std::size_t i = 0; i < r.data.size(); ++i) {
            r.data[i] = float(std::sin(double(i) * 0.3) * 50);
            if (i % 16 < 3 && i / 16 < 4) { // a nodata block in the top left corner
                r.data[i] = NAN;
                r.valid[i] = 0;
            }
        }
        return r;
    }();
    return s;
}

} // namespace lodestone::fuzz
