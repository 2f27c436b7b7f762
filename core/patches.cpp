#include "patches.h"

#include "error.h"
#include "random.h"
#include "raster.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace lodestone {

namespace {

/** The median of the layer's values where valid is 1 (the upper one of an even count), 0 when there are none. */
double medianOfValid(const Raster &layer, const std::vector<uint8_t> &valid)
{
    std::vector<float> v;
    v.reserve(layer.data.size());
    for (std::size_t i = 0; i < layer.data.size(); ++i)
        if (valid[i])
            v.push_back(layer.data[i]);
    if (v.empty())
        return 0.0;
    auto mid = v.begin() + v.size() / 2;
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

std::string layerName(const Raster &layer, std::size_t index)
{
    return layer.path.empty() ? "Layer " + std::to_string(index + 1) : layer.path;
}

/** Checks that there are layers, all of one size, and a validity mask of that size. */
void checkLayers(const std::vector<const Raster *> &layers, const std::vector<uint8_t> &valid)
{
    if (layers.empty())
        throw Error(ErrorCode::BadParameter, "At least one input layer is needed to normalise.");
    for (std::size_t c = 0; c < layers.size(); ++c)
        if (!layers[c])
            throw Error(ErrorCode::BadParameter, "Input layer " + std::to_string(c + 1) + " is missing (null).");
    const Raster &first = *layers[0];
    for (std::size_t c = 0; c < layers.size(); ++c) {
        const Raster &l = *layers[c];
        if (l.width() != first.width() || l.height() != first.height())
            throw Error(ErrorCode::GridMismatch,
                        layerName(l, c) + " is " + std::to_string(l.width()) + " x " + std::to_string(l.height()) +
                            " pixels but " + layerName(first, 0) + " is " + std::to_string(first.width()) + " x " +
                            std::to_string(first.height()) + ": input layers must be on one grid.");
        if (l.data.size() != std::size_t(l.width()) * l.height())
            throw Error(ErrorCode::BadParameter, layerName(l, c) + " holds " + std::to_string(l.data.size()) +
                                                     " values for " + std::to_string(l.width()) + " x " +
                                                     std::to_string(l.height()) + " pixels.");
    }
    if (valid.size() != first.data.size())
        throw Error(ErrorCode::BadParameter, "The validity mask has " + std::to_string(valid.size()) +
                                                 " pixels but the input layers have " +
                                                 std::to_string(first.data.size()) + ".");
}

} // namespace

NormalizedImage normalizeLayersWith(const std::vector<const Raster *> &layers, const std::vector<double> &offsets,
                                    const std::vector<double> &scales, const std::vector<uint8_t> &valid)
{
    checkLayers(layers, valid);
    if (offsets.size() != layers.size() || scales.size() != layers.size())
        throw Error(ErrorCode::BadParameter,
                    std::to_string(layers.size()) + " input layer" + (layers.size() == 1 ? " was" : "s were") +
                        " given for a normalisation of " + std::to_string(offsets.size()) + " layer" +
                        (offsets.size() == 1 ? "" : "s") + " (" + std::to_string(scales.size()) + " scales).");
    NormalizedImage n;
    n.width = layers[0]->width();
    n.height = layers[0]->height();
    n.channels = int(layers.size());
    n.offsets = offsets;
    n.scales = scales;
    const std::size_t pixels = n.planeSize();
    n.data.resize(pixels * layers.size());
    for (int c = 0; c < n.channels; ++c) {
        const Raster &layer = *layers[std::size_t(c)];
        const double offset = offsets[std::size_t(c)], scale = scales[std::size_t(c)];
        const float fill = float((medianOfValid(layer, valid) - offset) * scale);
        float *out = n.plane(c);
        for (std::size_t i = 0; i < pixels; ++i)
            out[i] = valid[i] ? float((layer.data[i] - offset) * scale) : fill;
    }
    return n;
}

NormalizedImage normalizeLayers(const std::vector<const Raster *> &layers, const std::vector<uint8_t> &valid)
{
    checkLayers(layers, valid);
    std::vector<double> offsets, scales;
    for (std::size_t c = 0; c < layers.size(); ++c) {
        const Raster &layer = *layers[c];
        double lo = INFINITY, hi = -INFINITY;
        for (std::size_t i = 0; i < layer.data.size(); ++i) {
            if (!valid[i])
                continue;
            lo = std::min(lo, double(layer.data[i]));
            hi = std::max(hi, double(layer.data[i]));
        }
        if (!(hi >= lo))
            throw Error(ErrorCode::EmptyData, layerName(layer, c) + " holds no valid pixel to normalise.");
        const double range = std::max(hi - lo, 1e-12); // a constant layer maps to 0
        offsets.push_back(lo);
        scales.push_back(1.0 / range);
    }
    return normalizeLayersWith(layers, offsets, scales, valid);
}

NormalizedImage normalizeWith(const Raster &survey, double offset, double scale)
{
    return normalizeLayersWith({&survey}, {offset}, {scale}, survey.valid);
}

NormalizedImage normalizeMinMax(const Raster &survey)
{
    return normalizeLayers({&survey}, survey.valid);
}

void extractPatch(const NormalizedImage &image, int col, int row, int patchSize, float *out)
{
    const int half = patchSize / 2;
    const int x0 = col - half, y0 = row - half;
    const bool inside = x0 >= 0 && y0 >= 0 && x0 + patchSize <= image.width && y0 + patchSize <= image.height;
    const std::size_t area = std::size_t(patchSize) * patchSize;
    for (int ch = 0; ch < image.channels; ++ch) {
        const float *plane = image.plane(ch);
        float *patch = out + std::size_t(ch) * area;
        for (int r = 0; r < patchSize; ++r) {
            float *dst = patch + std::size_t(r) * patchSize;
            if (inside) {
                const float *src = plane + std::size_t(y0 + r) * image.width + x0;
                std::copy(src, src + patchSize, dst);
                continue;
            }
            const int y = reflectIndex(y0 + r, image.height);
            const float *line = plane + std::size_t(y) * image.width;
            for (int c = 0; c < patchSize; ++c)
                dst[c] = line[reflectIndex(x0 + c, image.width)];
        }
    }
}

std::vector<std::size_t> sampleValidPixels(const std::vector<uint8_t> &valid, std::size_t count, std::uint64_t seed)
{
    // Rejection sampling keeps memory flat on very large grids (no list of valid indices).
    const std::size_t validCount = std::size_t(std::count(valid.begin(), valid.end(), uint8_t(1)));
    if (validCount == 0)
        throw Error(ErrorCode::EmptyData, "The survey has no valid pixel to sample training patches from.");
    std::uint64_t state = seed;
    std::vector<std::size_t> out;
    out.reserve(count);
    while (out.size() < count) {
        const std::size_t i = uniformIndex(state, valid.size());
        if (valid[i])
            out.push_back(i);
    }
    return out;
}

} // namespace lodestone
