// Maps data values to positions on a colour ramp according to the stretch of the render settings.
//
// Thread: a value type; immutable after construction, used concurrently by render jobs.
#pragma once

#include "bandstatistics.h"
#include "rendersettings.h"

#include <vector>

namespace lodestone {

/** \brief Value -> ramp position in [0, 1], and back (for the legend). */
class ValueStretch {
public:
    ValueStretch() = default;
    ValueStretch(const BandStatistics &stats, const RenderSettings &settings);

    RenderSettings::Stretch mode() const { return m_mode; }
    /** \brief Position on the ramp of value v, clamped to [0, 1]. */
    double position(double v) const
    {
        if (m_mode == RenderSettings::Stretch::HistogramEqualize)
            return m_stats.cumulativeFraction(v);
        if (m_invRange == 0)
            return 0.5; // a constant band
        const double t = (v - m_low) * m_invRange;
        return t < 0 ? 0 : (t > 1 ? 1 : t);
    }
    /** \brief The value drawn at a ramp position (inverse of position()). */
    double valueAt(double position) const;
    /** \brief Values at the two ends of the ramp. */
    double low() const { return m_low; }
    double high() const { return m_high; }
    /** \brief True when values beyond an end exist and are drawn in the end colour (for "≤"/"≥" labels). */
    bool clipsLow() const { return m_stats.minimum() < m_low; }
    bool clipsHigh() const { return m_stats.maximum() > m_high; }

private:
    RenderSettings::Stretch m_mode = RenderSettings::Stretch::MinMax;
    BandStatistics m_stats;
    double m_low = 0, m_high = 1, m_invRange = 1;
};

} // namespace lodestone
