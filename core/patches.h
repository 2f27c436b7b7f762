// Patch geometry shared by training, feature extraction and the patch-wise SVM modes.
//
// A P x P patch "around" pixel (col, row) covers columns col - P/2 .. col - P/2 + P - 1 (likewise rows), so
// for even P the centre pixel sits at index P/2 of the patch. Outside the grid, pixels are mirrored
// without repeating the edge (numpy's "reflect"), so a patch at the border sees a plausible continuation.
#pragma once

#include <cstdint>
#include <vector>

namespace lodestone {

struct Raster;

/** \brief Mirrors an index into [0, n) without repeating the edge: -1 -> 1, n -> n - 2. */
inline int reflectIndex(int i, int n)
{
    if (n == 1)
        return 0;
    const int period = 2 * (n - 1);
    i %= period;
    if (i < 0)
        i += period;
    return i < n ? i : period - i;
}

/** \brief The survey scaled for the network: finite everywhere (invalid pixels filled), values in about [0, 1]. */
struct NormalizedImage {
    int width = 0;
    int height = 0;
    std::vector<float> data;
    double offset = 0.0;  ///< normalised = (value - offset) * scale
    double scale = 1.0;
};

/** \brief Min-max normalisation to [0, 1] over valid pixels; invalid pixels take the median of the valid ones
 *  (so that they add no edge to the patches that reach them). */
NormalizedImage normalizeMinMax(const Raster &survey);

/** \brief Applies a stored normalisation (e.g. a model's) to a survey; invalid pixels take the median. */
NormalizedImage normalizeWith(const Raster &survey, double offset, double scale);

/** \brief Copies the P x P patch around (col, row) into out (P*P floats, row-major) with reflected borders. */
void extractPatch(const NormalizedImage &image, int col, int row, int patchSize, float *out);

/** \brief count distinct-or-repeated pixel indices (row * width + col) drawn uniformly from valid pixels,
 *  reproducibly from seed. */
std::vector<std::size_t> sampleValidPixels(const std::vector<uint8_t> &valid, std::size_t count, std::uint64_t seed);

/** \brief Portable pseudo-random helpers (std:: distributions differ between standard libraries). */
std::uint64_t splitMix64(std::uint64_t &state);
/** \brief Uniform integer in [0, n) from a splitmix state, without modulo bias worth noting for n < 2^32. */
std::uint64_t uniformIndex(std::uint64_t &state, std::uint64_t n);

} // namespace lodestone
