// Feature rasters: encoder activations of the patch around every pixel, stitched back to the survey's grid.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lodestone {

class Autoencoder;
class Feedback;
struct NormalizedImage;

/** \brief One full-size raster per encoder filter, stored plane after plane; NaN on invalid pixels. */
struct FeatureRasters {
    int width = 0;
    int height = 0;
    int count = 0;
    std::vector<float> data;         ///< count * width * height
    std::vector<std::string> names;  ///< one per plane

    const float *plane(int k) const { return data.data() + std::size_t(k) * width * height; }
    float *plane(int k) { return data.data() + std::size_t(k) * width * height; }
    std::vector<const float *> planes() const;
};

/** \brief Encodes n patches (n * P * P floats) into n * channels * P * P floats. */
using PatchEncoder = std::function<void(const float *patches, int n, float *out)>;

/** \brief The stitch with any patch encoder of the given channel count (see stitchFeaturesExact). */
FeatureRasters stitchPatches(const PatchEncoder &encode, int channels, int patchSize, const NormalizedImage &image,
                             const std::vector<uint8_t> &valid, int stride, Feedback *feedback);

/** \brief The paper's stitch, kept as the reference implementation: for every stride-th pixel (in rows and
 *  columns), the P x P patch around it is encoded, each activation map is resized bilinearly to P x P and
 *  added into place; every pixel's value is the mean over the patches that covered it. Patches are centred
 *  on every grid position, valid or not (invalid pixels carry the median there), and invalid pixels are
 *  NaN in the result. Cost grows as pixels / stride^2 x P^2 x features. */
FeatureRasters stitchFeaturesExact(const Autoencoder &model, const NormalizedImage &image,
                                   const std::vector<uint8_t> &valid, int stride, Feedback *feedback);

/** \brief The same feature rasters computed densely: one fully convolutional pass of the encoder over the
 *  whole grid (reflect-padded, in strips of tileRows rows) for every max-pooling phase, each layer's maps
 *  resampled at the position the bilinear resize of the patch-wise stitch would read, and the phases
 *  averaged (2 x 2 for layer 2, 4 x 4 for layer 3), as the overlapping patches of the stitch average them.
 *  It differs from stitchFeaturesExact only by the zero padding at patch borders, and costs a few thousand
 *  multiply-adds per pixel instead of P^2 times more. Invalid pixels are NaN. */
FeatureRasters denseFeatures(const Autoencoder &model, const NormalizedImage &image, const std::vector<uint8_t> &valid,
                             Feedback *feedback, int tileRows = 256);

} // namespace lodestone
