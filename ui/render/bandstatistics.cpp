// Band statistics: one pass for the moments, a sorted (sub)sample for the quantiles, a strided sample of
// central differences for the gradient scale.
#include "bandstatistics.h"

#include "raster.h"
#include "rasterrenderer.h"

#include <algorithm>
#include <cmath>

namespace lodestone {

BandStatistics BandStatistics::compute(const Raster &raster, const std::atomic_bool *cancel)
{
    double cellX = 1, cellY = -1;
    RasterRenderer::shadingCellSize(raster.grid, &cellX, &cellY);
    return compute(raster.data.data(), raster.valid.data(), raster.width(), raster.height(), cellX, cellY, cancel);
}

BandStatistics BandStatistics::compute(const float *data, const std::uint8_t *valid, int width, int height,
                                       double cellX, double cellY, const std::atomic_bool *cancel)
{
    auto canceled = [cancel] { return cancel && cancel->load(); };
    BandStatistics s;
    const std::size_t n = std::size_t(width) * std::size_t(height);

    double sum = 0, sumSq = 0;
    double lo = INFINITY, hi = -INFINITY;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!valid[i] || !std::isfinite(data[i]))
            continue;
        const double v = data[i];
        sum += v;
        sumSq += v * v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        ++count;
    }
    if (count == 0 || canceled())
        return {};
    s.m_validCount = count;
    s.m_min = lo;
    s.m_max = hi;
    s.m_mean = sum / double(count);
    s.m_stdDev = std::sqrt(std::max(0.0, sumSq / double(count) - s.m_mean * s.m_mean));

    // Quantiles from a sorted sample.
    const std::size_t stride = std::max<std::size_t>(1, (count + kMaxSamples - 1) / kMaxSamples);
    std::vector<float> sample;
    sample.reserve(count / stride + 1);
    std::size_t seen = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!valid[i] || !std::isfinite(data[i]))
            continue;
        if (seen++ % stride == 0)
            sample.push_back(data[i]);
    }
    if (canceled())
        return {};
    std::sort(sample.begin(), sample.end());
    if (canceled())
        return {};
    s.m_quantiles.resize(kQuantiles + 1);
    const double last = double(sample.size() - 1);
    for (int k = 0; k <= kQuantiles; ++k) {
        const double pos = last * k / kQuantiles;
        const std::size_t i0 = std::size_t(pos);
        const std::size_t i1 = std::min(i0 + 1, sample.size() - 1);
        const double f = pos - double(i0);
        s.m_quantiles[std::size_t(k)] = sample[i0] + (double(sample[i1]) - sample[i0]) * f;
    }
    s.m_quantiles.front() = lo;
    s.m_quantiles.back() = hi;

    // Histogram of the sample between robust limits.
    s.m_histLow = s.quantile(0.001);
    s.m_histHigh = s.quantile(0.999);
    if (!(s.m_histHigh > s.m_histLow)) {
        s.m_histLow = lo;
        s.m_histHigh = hi > lo ? hi : lo + 1.0;
    }
    s.m_histogram.assign(kHistogramBins, 0.0);
    const double binScale = kHistogramBins / (s.m_histHigh - s.m_histLow);
    for (float v : sample) {
        const int bin = std::clamp(int((v - s.m_histLow) * binScale), 0, kHistogramBins - 1);
        s.m_histogram[std::size_t(bin)] += 1.0;
    }
    for (double &h : s.m_histogram)
        h /= double(sample.size());

    // Gradient scale: central differences on about 250 000 regularly spaced interior cells.
    const double ax = std::abs(cellX) > 0 ? std::abs(cellX) : 1.0;
    const double ay = std::abs(cellY) > 0 ? std::abs(cellY) : 1.0;
    const int step = std::max(1, int(std::sqrt(double(n) / 250000.0)));
    std::vector<float> gradients;
    for (int r = 1; r + 1 < height; r += step) {
        for (int c = 1; c + 1 < width; c += step) {
            const std::size_t i = std::size_t(r) * width + c;
            if (!valid[i - 1] || !valid[i + 1] || !valid[i - width] || !valid[i + width])
                continue;
            const double gx = (double(data[i + 1]) - data[i - 1]) / (2 * ax);
            const double gy = (double(data[i + width]) - data[i - width]) / (2 * ay);
            gradients.push_back(float(std::hypot(gx, gy)));
        }
        if (canceled())
            return {};
    }
    if (!gradients.empty()) {
        auto mid = gradients.begin() + std::ptrdiff_t(gradients.size() / 2);
        std::nth_element(gradients.begin(), mid, gradients.end());
        s.m_medianGradient = *mid;
    }
    return s;
}

double BandStatistics::quantile(double p) const
{
    if (m_quantiles.empty())
        return 0.0;
    p = std::clamp(p, 0.0, 1.0);
    const double pos = p * kQuantiles;
    const int k = std::min(int(pos), kQuantiles - 1);
    const double f = pos - k;
    return m_quantiles[std::size_t(k)] + (m_quantiles[std::size_t(k) + 1] - m_quantiles[std::size_t(k)]) * f;
}

double BandStatistics::cumulativeFraction(double v) const
{
    if (m_quantiles.empty() || std::isnan(v))
        return 0.0;
    if (v < m_quantiles.front())
        return 0.0;
    if (v > m_quantiles.back())
        return 1.0;
    const auto lo = std::lower_bound(m_quantiles.begin(), m_quantiles.end(), v);
    const auto hi = std::upper_bound(lo, m_quantiles.end(), v);
    if (lo != hi) { // v equals one or more table entries: the middle of that run
        const double first = double(lo - m_quantiles.begin());
        const double lastIdx = double(hi - m_quantiles.begin()) - 1;
        return 0.5 * (first + lastIdx) / kQuantiles;
    }
    // m_quantiles[k - 1] < v < m_quantiles[k]
    const auto k = std::size_t(lo - m_quantiles.begin());
    const double a = m_quantiles[k - 1], b = m_quantiles[k];
    return (double(k - 1) + (v - a) / (b - a)) / kQuantiles;
}

} // namespace lodestone
