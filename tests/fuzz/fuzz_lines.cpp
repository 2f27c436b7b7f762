// Line data (readLineData: the text-table reader, and liblzma for .xz), in the form of the file extension this
// harness is built with (LODESTONE_FUZZ_EXTENSION: ".csv" or ".csv.xz"). Seeds: survey lines written by
// lodestone-fuzz-seeds.
#include "fuzzinput.h"
#include "gridding.h"

using namespace lodestone;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initGdal();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string path = fuzz::writeInput(data, size, LODESTONE_FUZZ_EXTENSION);
    fuzz::expectReadOrError(path, [](const std::string &p) {
        LineReadOptions options;
        options.valueColumn = "tfa";
        options.crs = "EPSG:3067";
        readLineData(p, options);
    });
    return 0;
}
