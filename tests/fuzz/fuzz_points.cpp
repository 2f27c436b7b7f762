// Occurrence points (readPoints, then labelsFromPoints on the 16 x 12 survey of fuzzinput.h), in the format of
// the file extension this harness is built with (LODESTONE_FUZZ_EXTENSION: ".csv" or ".geojson"). Seeds: point
// tables written by lodestone-fuzz-seeds.
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
    const std::string path = fuzz::writeInput(data, size, LODESTONE_FUZZ_EXTENSION);
    fuzz::expectReadOrError(
        path, [](const std::string &p) { labelsFromPoints(readPoints(p), fuzz::survey(), OutsidePolicy::Skip); });
    return 0;
}
