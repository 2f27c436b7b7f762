// Label rasters (readLabelRaster) against the 16 x 12 survey of fuzzinput.h. Seeds: GeoTIFF label rasters on
// that grid (Byte with a nodata value, Float32 without one) and one on another grid, written by lodestone-fuzz-seeds.
#include "fuzzinput.h"
#include "labels.h"

using namespace lodestone;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initGdal();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string path = fuzz::writeInput(data, size, ".tif");
    fuzz::expectReadOrError(path, [](const std::string &p) {
        LabelLoadReport report;
        readLabelRaster(p, fuzz::survey(), &report);
    });
    return 0;
}
