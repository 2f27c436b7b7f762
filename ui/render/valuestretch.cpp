// Stretch: linear between two values, or by rank for histogram equalisation.
#include "valuestretch.h"

#include <algorithm>

namespace lodestone {

ValueStretch::ValueStretch(const BandStatistics &stats, const RenderSettings &settings)
    : m_mode(settings.stretch), m_stats(stats)
{
    switch (m_mode) {
    case RenderSettings::Stretch::MinMax:
    case RenderSettings::Stretch::HistogramEqualize:
        m_low = stats.minimum();
        m_high = stats.maximum();
        break;
    case RenderSettings::Stretch::PercentClip: {
        const double a = std::clamp(settings.lowPercent, 0.0, 100.0) / 100.0;
        const double b = std::clamp(settings.highPercent, 0.0, 100.0) / 100.0;
        m_low = stats.quantile(std::min(a, b));
        m_high = stats.quantile(std::max(a, b));
        // A cut that collapses to one value while the band varies (a feature raster zero over more than the cut,
        // a few pixels above it) would draw one flat colour and a legend of equal numbers: show the full range.
        if (!(m_high > m_low) && stats.maximum() > stats.minimum()) {
            m_low = stats.minimum();
            m_high = stats.maximum();
        }
        break;
    }
    }
    m_invRange = m_high > m_low ? 1.0 / (m_high - m_low) : 0.0;
}

double ValueStretch::valueAt(double position) const
{
    position = std::clamp(position, 0.0, 1.0);
    if (m_mode == RenderSettings::Stretch::HistogramEqualize)
        return m_stats.quantile(position);
    return m_low + (m_high - m_low) * position;
}

} // namespace lodestone
