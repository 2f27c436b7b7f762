// Display settings: comparison and user-visible names.
#include "rendersettings.h"

#include <QCoreApplication>

namespace lodestone {

bool RenderSettings::operator==(const RenderSettings &o) const
{
    return sameImage(o) && smoothZoomedIn == o.smoothZoomedIn;
}

bool RenderSettings::sameImage(const RenderSettings &o) const
{
    return ramp == o.ramp && stretch == o.stretch && lowPercent == o.lowPercent && highPercent == o.highPercent &&
           hillshade == o.hillshade && azimuth == o.azimuth && altitude == o.altitude && zFactor == o.zFactor &&
           strength == o.strength && blend == o.blend;
}

QString RenderSettings::stretchName(Stretch stretch)
{
    switch (stretch) {
    case Stretch::MinMax: return QCoreApplication::translate("RenderSettings", "Minimum / maximum");
    case Stretch::PercentClip: return QCoreApplication::translate("RenderSettings", "Percentile cut");
    case Stretch::HistogramEqualize: return QCoreApplication::translate("RenderSettings", "Histogram equalisation");
    }
    return {};
}

QString RenderSettings::blendName(ShadeBlend blend)
{
    switch (blend) {
    case ShadeBlend::Multiply: return QCoreApplication::translate("RenderSettings", "Multiply");
    case ShadeBlend::HsvValue: return QCoreApplication::translate("RenderSettings", "HSV value (colour shaded)");
    }
    return {};
}

} // namespace lodestone
