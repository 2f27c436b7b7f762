// How a survey band is drawn: colour ramp, stretch and sun shading. Defaults follow Oasis montaj for colour
// (histogram equalisation) and QGIS for the sun (azimuth 315 = light from the north-west, altitude 45).
//
// Thread: a value type, copied into each render job.
#pragma once

#include "colorramp.h"

#include <QString>

namespace lodestone {

/** \brief Display settings of a raster layer. */
struct RenderSettings {
    /** \brief How values are mapped to positions on the colour ramp. */
    enum class Stretch {
        MinMax,            ///< linear between the band's minimum and maximum
        PercentClip,       ///< linear between two percentiles (cumulative count cut)
        HistogramEqualize, ///< by rank, so that every colour covers the same area
    };
    /** \brief How the hillshade is combined with the colours. */
    enum class ShadeBlend {
        Multiply, ///< colour x illumination, as QGIS's multiply blending of a hillshade layer (darkens)
        HsvValue, ///< keeps hue, scales brightness by illumination relative to flat ground; sunlit slopes
                  ///< fade towards white (the "colour shaded" look of magnetics maps)
    };

    ColorRamp::Preset ramp = ColorRamp::Rainbow;
    Stretch stretch = Stretch::HistogramEqualize;
    double lowPercent = 2.0;   ///< PercentClip: lower cut, in percent of valid pixels
    double highPercent = 98.0; ///< PercentClip: upper cut

    bool hillshade = true;
    double azimuth = 315.0; ///< degrees clockwise from north, where the light comes from
    double altitude = 45.0; ///< degrees above the horizon
    double zFactor = 0.0;   ///< vertical exaggeration of values against map units; 0 = automatic
    double strength = 0.6;  ///< 0 = colours only, 1 = full shading
    ShadeBlend blend = ShadeBlend::HsvValue;

    /// Interpolate (bilinear) when a grid cell covers several screen pixels; off shows cells as squares.
    bool smoothZoomedIn = true;

    bool operator==(const RenderSettings &o) const;
    bool operator!=(const RenderSettings &o) const { return !(*this == o); }
    /** \brief True if both settings render the same image (they may differ in how it is drawn). */
    bool sameImage(const RenderSettings &o) const;

    static QString stretchName(Stretch stretch);
    static QString blendName(ShadeBlend blend);
};

} // namespace lodestone
