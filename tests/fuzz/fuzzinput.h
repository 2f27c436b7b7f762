// Shared by the libFuzzer harnesses: the input written to a file (GDAL, OGR and the line readers take paths),
// the survey the readers are given, and the contract every reader keeps on damaged input.
#pragma once

#include "error.h"
#include "raster.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace lodestone::fuzz {

/** A private folder for this process's input files, made on first use (libFuzzer runs one input at a time). */
const std::string &workDir();

/** Writes the fuzz input to workDir()/input<extension> (removing the previous one and anything GDAL left beside
 *  it) and returns the path. */
std::string writeInput(const std::uint8_t *data, std::size_t size, const std::string &extension);

/** A 16 x 12 survey on a UTM grid (EPSG:3067, 100 m pixels from 500000, 7500000) with a nodata block. */
const Raster &survey();

/** Quietens GDAL's error printing and registers its drivers. */
void initGdal();

/** Runs read(path) on the written input: reading, or a lodestone::Error whose message names the file, are the
 *  only allowed outcomes; anything else (another exception, a message without the file's name) aborts, which
 *  libFuzzer reports as a crash and saves the input. */
template <class Read> void expectReadOrError(const std::string &path, Read &&read)
{
    try {
        read(path);
    } catch (const Error &e) {
        const std::string what = e.what();
        if (what.find(path) == std::string::npos) {
            std::fprintf(stderr, "The error does not name the file %s: %s\n", path.c_str(), what.c_str());
            std::abort();
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "Not a lodestone::Error: %s\n", e.what());
        std::abort();
    }
}

} // namespace lodestone::fuzz
