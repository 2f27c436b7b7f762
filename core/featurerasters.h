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
    std::vector<float> data;        ///< count * width * height
    std::vector<std::string> names; ///< one per plane

    const float *plane(int k) const { return data.data() + std::size_t(k) * width * height; }
    float *plane(int k) { return data.data() + std::size_t(k) * width * height; }
    std::vector<const float *> planes() const;
};

/** \brief Encodes n patches (n * C * P * P floats for an image of C channels, as extractPatch writes them) into
 *  n * channels * P * P floats. */
using PatchEncoder = std::function<void(const float *patches, int n, float *out)>;

/** \brief The stitch with any patch encoder of the given output channel count (see stitchFeaturesExact); the
 *  encoder receives patches of all of image's channels. */
FeatureRasters stitchPatches(const PatchEncoder &encode, int channels, int patchSize, const NormalizedImage &image,
                             const std::vector<uint8_t> &valid, int stride, Feedback *feedback);

/** \brief The paper's stitch, kept as the reference implementation: for every stride-th pixel (in rows and
 *  columns), the P x P patch around it is encoded, each activation map is resized bilinearly to P x P and
 *  added into place; every pixel's value is the mean over the patches that covered it. Patches are centred
 *  on every grid position, valid or not (invalid pixels carry the median there), and invalid pixels are
 *  NaN in the result. Cost grows as pixels / stride^2 x P^2 x features. image must have the model's channel count
 *  (Error otherwise). */
FeatureRasters stitchFeaturesExact(const Autoencoder &model, const NormalizedImage &image,
                                   const std::vector<uint8_t> &valid, int stride, Feedback *feedback);

/** \brief The feature rasters of stitchFeaturesExact at stride 1, computed exactly without patches: the
 *  encoder runs densely (dilated convolutions, every pooling phase at once) over the reflect-extended grid
 *  once for every pair of cell kinds (a cell's position relative to the patch border, which decides where the
 *  patch's zero padding and partial pooling windows enter), and each of these maps is filtered by the exact
 *  per-axis weights of the bilinear resizes and of the overlap averaging, clipped at the grid border as the
 *  stitch's patch centres are. Equal to the stitch up to float rounding, for any patch size, at about 30k
 *  multiply-adds per pixel (16-8-8 filters, P = 50) instead of P^2 encoder passes; see densefeatures.cpp.
 *  Works in tiles of tileRows x 128 pixels shared between at::get_num_threads() threads (memory about 50 MB
 *  per thread for 256-row tiles); the result does not depend on tileRows. Invalid pixels are NaN. image must have
 *  the model's channel count (Error otherwise); the first layer's convolution sums over its channels. */
FeatureRasters denseFeatures(const Autoencoder &model, const NormalizedImage &image, const std::vector<uint8_t> &valid,
                             Feedback *feedback, int tileRows = 256);

/** \brief Rows rowBegin .. rowEnd - 1 of denseFeatures() (a result of rowEnd - rowBegin rows), bit for bit the
 *  same values: the pass reads the survey around the rows as it needs, so that a map can be computed strip by
 *  strip in the memory of one strip. */
FeatureRasters denseFeatureRows(const Autoencoder &model, const NormalizedImage &image,
                                const std::vector<uint8_t> &valid, int rowBegin, int rowEnd, Feedback *feedback,
                                int tileRows = 256);

} // namespace lodestone
