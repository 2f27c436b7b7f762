#include "featurerasters.h"

#include "autoencoder.h"
#include "error.h"
#include "feedback.h"
#include "patches.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lodestone {

std::vector<const float *> FeatureRasters::planes() const
{
    std::vector<const float *> p;
    for (int k = 0; k < count; ++k)
        p.push_back(plane(k));
    return p;
}

FeatureRasters stitchFeaturesExact(const Autoencoder &model, const NormalizedImage &image,
                                   const std::vector<uint8_t> &valid, int stride, Feedback *feedback)
{
    if (image.channels != model.params().channels)
        throw Error(ErrorCode::BadParameter, "The model takes " + std::to_string(model.params().channels) +
                                                 " input layer(s) but the image has " + std::to_string(image.channels) +
                                                 ".");
    auto encode = [&model](const float *patches, int n, float *out) { model.encodeResized(patches, n, out); };
    FeatureRasters out =
        stitchPatches(encode, model.featureCount(), model.params().patchSize, image, valid, stride, feedback);
    out.names = model.featureNames();
    return out;
}

FeatureRasters stitchPatches(const PatchEncoder &encode, int channels, int p, const NormalizedImage &image,
                             const std::vector<uint8_t> &valid, int stride, Feedback *feedback)
{
    const int h = p / 2;
    const int w = image.width, ht = image.height;
    if (stride < 1 || stride > p)
        throw Error(ErrorCode::BadParameter, "The stride must be between 1 and the patch size (" + std::to_string(p) +
                                                 "), not " + std::to_string(stride) + ".");
    if (p > w || p > ht)
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p) + ") is larger than the survey (" +
                                                 std::to_string(w) + " x " + std::to_string(ht) + ").");
    const int pw = w + p, ph = ht + p; // padded accumulation grid, as in the paper's stitch
    std::vector<float> acc(std::size_t(channels) * pw * ph, 0.0f);
    std::vector<float> cnt(std::size_t(pw) * ph, 0.0f);

    std::vector<std::pair<int, int>> centres;
    for (int y = 0; y < ht; y += stride)
        for (int x = 0; x < w; x += stride)
            centres.emplace_back(x, y);

    const int batch = 256;
    const std::size_t patchArea = std::size_t(p) * p;
    const std::size_t patchFloats = std::size_t(image.channels) * patchArea; // every input channel of a patch
    std::vector<float> patches(batch * patchFloats);
    std::vector<float> maps(std::size_t(batch) * channels * patchArea);
    for (std::size_t start = 0; start < centres.size(); start += batch) {
        checkCanceled(feedback);
        const int n = int(std::min<std::size_t>(batch, centres.size() - start));
        for (int k = 0; k < n; ++k)
            extractPatch(image, centres[start + k].first, centres[start + k].second, p,
                         patches.data() + k * patchFloats);
        encode(patches.data(), n, maps.data());
        for (int k = 0; k < n; ++k) {
            const auto [x, y] = centres[start + k]; // patch occupies padded rows y..y+p-1, columns x..x+p-1
            for (int r = 0; r < p; ++r) {
                float *c = cnt.data() + std::size_t(y + r) * pw + x;
                for (int q = 0; q < p; ++q)
                    c[q] += 1.0f;
            }
            for (int ch = 0; ch < channels; ++ch) {
                const float *src = maps.data() + (std::size_t(k) * channels + ch) * patchArea;
                float *dstPlane = acc.data() + std::size_t(ch) * pw * ph;
                for (int r = 0; r < p; ++r) {
                    float *dst = dstPlane + std::size_t(y + r) * pw + x;
                    const float *s = src + std::size_t(r) * p;
                    for (int q = 0; q < p; ++q)
                        dst[q] += s[q];
                }
            }
        }
        reportProgress(feedback, double(start + n) / double(centres.size()));
    }

    FeatureRasters out;
    out.width = w;
    out.height = ht;
    out.count = channels;
    for (int ch = 0; ch < channels; ++ch)
        out.names.push_back("feature" + std::to_string(ch + 1));
    out.data.resize(std::size_t(channels) * w * ht);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int ch = 0; ch < channels; ++ch) {
        const float *src = acc.data() + std::size_t(ch) * pw * ph;
        float *dst = out.plane(ch);
        for (int y = 0; y < ht; ++y)
            for (int x = 0; x < w; ++x) {
                const std::size_t i = std::size_t(y) * w + x;
                const std::size_t j = std::size_t(y + h) * pw + (x + h);
                dst[i] = (valid[i] && cnt[j] > 0) ? src[j] / cnt[j] : nan;
            }
    }
    return out;
}

} // namespace lodestone
