// The JSON documents Lodestone reads back, in the format of the file extension this harness is built with
// (LODESTONE_FUZZ_EXTENSION): ".lodestone", a project file (projectFromJson); ".json", a run's report.json
// (readPipelineReport, as the application reads a result folder). The readers take text, so no file is written.
// Seeds: a project file and a report of a short run, written by lodestone-fuzz-seeds.
#include "fuzzinput.h"
#include "pipeline.h"
#include "projectschema.h"
#include "reportschema.h"

#include <string>

using namespace lodestone;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initGdal();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const std::string name = std::string("fuzzed") + LODESTONE_FUZZ_EXTENSION;
    fuzz::expectReadOrError(name, [&text](const std::string &n) {
        if (std::string(LODESTONE_FUZZ_EXTENSION) == ".json") {
            PipelineResult result;
            readPipelineReport(text, result, n);
        } else {
            projectFromJson(text, n);
        }
    });
    return 0;
}
