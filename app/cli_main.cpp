// lodestone-cli: the command-line front end of the core pipeline.
#include "consolefeedback.h"
#include "error.h"
#include "lodestone_version.h"
#include "raster.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

using namespace lodestone;

namespace {

const char *kUsage = R"(Usage: lodestone-cli COMMAND [OPTIONS]

Deposit prospectivity from a magnetic survey grid: autoencoder features and an SVM trained on a
handful of labelled pixels.

Commands:
  info FILE [--band B]     Size, georeferencing and value range of a raster.

Options:
  --help                   Show this help and exit.
  --version                Show the version and exit.
)";

int cmdInfo(const std::vector<std::string> &args)
{
    std::string path;
    int band = 1;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--band" && i + 1 < args.size())
            band = std::stoi(args[++i]);
        else if (path.empty())
            path = args[i];
        else
            throw Error(ErrorCode::BadParameter, "Unexpected argument: " + args[i]);
    }
    if (path.empty())
        throw Error(ErrorCode::BadParameter, "info needs a raster file.");
    RasterInfo info = readRasterInfo(path);
    Raster r = readRaster(path, band);
    float lo = 0, hi = 0;
    bool first = true;
    for (std::size_t i = 0; i < r.data.size(); ++i) {
        if (!r.valid[i])
            continue;
        if (first || r.data[i] < lo)
            lo = r.data[i];
        if (first || r.data[i] > hi)
            hi = r.data[i];
        first = false;
    }
    std::printf("file: %s\ndriver: %s\nsize: %d x %d\nbands: %d\n", path.c_str(), info.driver.c_str(), info.grid.width,
                info.grid.height, info.bandCount);
    const auto &g = info.grid.geoTransform;
    if (info.grid.hasGeoTransform)
        std::printf("geotransform: %.10g %.10g %.10g %.10g %.10g %.10g\n", g[0], g[1], g[2], g[3], g[4], g[5]);
    std::printf("crs: %s\n", info.grid.crsWkt.empty() ? "(none)" : "defined");
    std::printf("band %d: valid %zu of %zu, min %.6g, max %.6g\n", band, r.validCount(), r.data.size(), lo, hi);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::printf("lodestone-cli %s (GDAL %s)\n", LODESTONE_VERSION, gdalVersion().c_str());
        return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "info")
            return cmdInfo(args);
        std::fprintf(stderr, "lodestone-cli: unknown command '%s'. See lodestone-cli --help.\n", command.c_str());
        return 2;
    } catch (const Error &e) {
        std::fprintf(stderr, "lodestone-cli: %s\n", e.what());
        return 1;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "lodestone-cli: %s\n", e.what());
        return 1;
    }
}
