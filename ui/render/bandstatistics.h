// Statistics of one raster band that the display needs: range, quantiles (for percentile cut and histogram
// equalisation) and a typical gradient (for the automatic z-factor of sun shading).
//
// Thread: computed once on a worker thread when a survey is opened; read-only afterwards, shared freely.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lodestone {

struct Raster;

/** \brief Range, quantile table and gradient scale of the valid pixels of a band. */
class BandStatistics {
public:
    /// Number of intervals of the quantile table (the table holds kQuantiles + 1 values).
    static constexpr int kQuantiles = 2048;
    /// Pixels sampled at most for the quantiles; larger bands are sampled on a regular stride.
    static constexpr std::size_t kMaxSamples = 4'000'000;
    /// Bins of the histogram, which spans the 0.1 to 99.9 percentiles (so that outliers do not squash it).
    static constexpr int kHistogramBins = 96;

    /** \brief Statistics of the valid pixels of raster. Returns an empty object when cancel becomes true. */
    static BandStatistics compute(const Raster &raster, const std::atomic_bool *cancel = nullptr);
    /** \brief Statistics of values laid out as a width x height grid with cells of cellX x cellY map units. */
    static BandStatistics compute(const float *data, const std::uint8_t *valid, int width, int height, double cellX,
                                  double cellY, const std::atomic_bool *cancel = nullptr);

    bool isEmpty() const { return m_validCount == 0; }
    std::size_t validCount() const { return m_validCount; }
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }
    double mean() const { return m_mean; }
    double standardDeviation() const { return m_stdDev; }

    /** \brief Value below which a fraction p in [0, 1] of the valid pixels lie (interpolated). */
    double quantile(double p) const;
    /** \brief Fraction of valid pixels below v, in [0, 1]; the inverse of quantile(). Ties map to the middle
     *  of their run, so a constant band maps to 0.5. */
    double cumulativeFraction(double v) const;
    const std::vector<double> &quantileTable() const { return m_quantiles; }

    /** \brief Fraction of the valid pixels in each of kHistogramBins equal bins from histogramLow() to
     *  histogramHigh() (values outside fall in the end bins). */
    const std::vector<double> &histogram() const { return m_histogram; }
    double histogramLow() const { return m_histLow; }
    double histogramHigh() const { return m_histHigh; }

    /** \brief Median magnitude of the horizontal gradient, in value units per map unit (0 if flat). */
    double medianGradient() const { return m_medianGradient; }

private:
    std::size_t m_validCount = 0;
    double m_min = 0, m_max = 0, m_mean = 0, m_stdDev = 0;
    double m_medianGradient = 0;
    double m_histLow = 0, m_histHigh = 0;
    std::vector<double> m_histogram;
    std::vector<double> m_quantiles;
};

} // namespace lodestone
