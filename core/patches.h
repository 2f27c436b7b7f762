// Patch geometry shared by training, feature extraction and the patch-wise SVM modes.
//
// A P x P patch "around" pixel (col, row) covers columns col - P/2 .. col - P/2 + P - 1 (likewise rows), so
// for even P the centre pixel sits at index P/2 of the patch. Outside the grid, pixels are mirrored
// without repeating the edge (numpy's "reflect"), so a patch at the border sees a plausible continuation.
#pragma once

#include <cstddef>
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

/** \brief The input layers scaled for the network: finite everywhere (invalid pixels filled), values in about
 *  [0, 1]. One channel per layer (the survey, or the survey and co-registered evidence layers such as its
 *  analytic signal), stored plane after plane. */
struct NormalizedImage {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<float> data;          ///< channels * height * width: channel 0's rows, then channel 1's ...
    std::vector<double> offsets{0.0}; ///< per channel: normalised = (value - offset) * scale
    std::vector<double> scales{1.0};

    std::size_t planeSize() const { return std::size_t(width) * height; }
    const float *plane(int c) const { return data.data() + std::size_t(c) * planeSize(); }
    float *plane(int c) { return data.data() + std::size_t(c) * planeSize(); }
};

/** \brief Min-max normalisation of one layer to [0, 1] over its valid pixels; invalid pixels take the median of
 *  the valid ones (so that they add no edge to the patches that reach them). Throws Error(EmptyData) naming the
 *  file when no pixel is valid. */
NormalizedImage normalizeMinMax(const Raster &survey);

/** \brief Applies a stored normalisation (e.g. a model's) to one layer; invalid pixels take the median. */
NormalizedImage normalizeWith(const Raster &survey, double offset, double scale);

/** \brief Min-max normalisation of co-registered layers, each on its own, over the pixels where valid is 1 (the
 *  caller passes the union of the layers' nodata as 0); every other pixel takes that layer's median over those
 *  pixels. A constant layer normalises to 0 (its range is taken as at least 1e-12). Throws Error naming what is
 *  wrong when there is no layer, the layers differ in size, valid does not match them, or a layer has no value
 *  where valid is 1 anywhere. */
NormalizedImage normalizeLayers(const std::vector<const Raster *> &layers, const std::vector<uint8_t> &valid);

/** \brief Applies stored normalisations (one offset and scale per layer, e.g. a model's) to co-registered layers;
 *  pixels where valid is 0 take that layer's median over the others. Throws Error when the counts or sizes do
 *  not match. */
NormalizedImage normalizeLayersWith(const std::vector<const Raster *> &layers, const std::vector<double> &offsets,
                                    const std::vector<double> &scales, const std::vector<uint8_t> &valid);

/** \brief Copies the P x P patch around (col, row) of every channel into out (channels * P * P floats: channel 0's
 *  P x P row-major, then channel 1's ...) with reflected borders. */
void extractPatch(const NormalizedImage &image, int col, int row, int patchSize, float *out);

/** \brief count distinct-or-repeated pixel indices (row * width + col) drawn uniformly from valid pixels,
 *  reproducibly from seed. */
std::vector<std::size_t> sampleValidPixels(const std::vector<uint8_t> &valid, std::size_t count, std::uint64_t seed);

} // namespace lodestone
