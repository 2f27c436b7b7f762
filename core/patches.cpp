#include "patches.h"

#include "error.h"
#include "raster.h"

#include <algorithm>
#include <cmath>

namespace lodestone {

namespace {

double medianOfValid(const Raster &survey)
{
    std::vector<float> v;
    v.reserve(survey.data.size());
    for (std::size_t i = 0; i < survey.data.size(); ++i)
        if (survey.valid[i])
            v.push_back(survey.data[i]);
    if (v.empty())
        return 0.0;
    auto mid = v.begin() + v.size() / 2;
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

} // namespace

NormalizedImage normalizeWith(const Raster &survey, double offset, double scale)
{
    NormalizedImage n;
    n.width = survey.width();
    n.height = survey.height();
    n.offset = offset;
    n.scale = scale;
    const float fill = float((medianOfValid(survey) - offset) * scale);
    n.data.resize(survey.data.size());
    for (std::size_t i = 0; i < survey.data.size(); ++i)
        n.data[i] = survey.valid[i] ? float((survey.data[i] - offset) * scale) : fill;
    return n;
}

NormalizedImage normalizeMinMax(const Raster &survey)
{
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < survey.data.size(); ++i) {
        if (!survey.valid[i])
            continue;
        lo = std::min(lo, double(survey.data[i]));
        hi = std::max(hi, double(survey.data[i]));
    }
    if (!(hi >= lo))
        throw Error(ErrorCode::EmptyData, survey.path + " holds no valid pixel to normalise.");
    const double range = std::max(hi - lo, 1e-12);
    return normalizeWith(survey, lo, 1.0 / range);
}

void extractPatch(const NormalizedImage &image, int col, int row, int patchSize, float *out)
{
    const int half = patchSize / 2;
    const int x0 = col - half, y0 = row - half;
    const bool inside = x0 >= 0 && y0 >= 0 && x0 + patchSize <= image.width && y0 + patchSize <= image.height;
    for (int r = 0; r < patchSize; ++r) {
        float *dst = out + std::size_t(r) * patchSize;
        if (inside) {
            const float *src = image.data.data() + std::size_t(y0 + r) * image.width + x0;
            std::copy(src, src + patchSize, dst);
            continue;
        }
        const int y = reflectIndex(y0 + r, image.height);
        const float *line = image.data.data() + std::size_t(y) * image.width;
        for (int c = 0; c < patchSize; ++c)
            dst[c] = line[reflectIndex(x0 + c, image.width)];
    }
}

std::uint64_t splitMix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t uniformIndex(std::uint64_t &state, std::uint64_t n)
{
    // Lemire's multiply-shift on 64 bits: portable and unbiased enough for sampling.
    return std::uint64_t((static_cast<unsigned __int128>(splitMix64(state)) * n) >> 64);
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
