// MapScale: the ground length of one output pixel; round bar lengths; scale ratios.
#include "mapscale.h"

#include "crsinfo.h"
#include "raster.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace lodestone {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMetresPerInch = 0.0254;

} // namespace

double MapScale::metresPerDegreeLongitude(double latitude)
{
    // WGS 84: a = 6378137 m, e^2 = f (2 - f) with f = 1 / 298.257223563. The radius of the parallel is
    // a cos(phi) / sqrt(1 - e^2 sin^2(phi)).
    constexpr double a = 6378137.0;
    constexpr double f = 1.0 / 298.257223563;
    constexpr double e2 = f * (2.0 - f);
    const double phi = latitude * kPi / 180.0;
    const double s = std::sin(phi);
    return kPi / 180.0 * a * std::cos(phi) / std::sqrt(1.0 - e2 * s * s);
}

MapScale MapScale::forView(const GridSpec &grid, const CrsInfo &crs, const QPointF &centre, double pixelsPerCell)
{
    MapScale s;
    if (!grid.hasGeoTransform || grid.crsWkt.empty() || crs.isEmpty() || !(pixelsPerCell > 0))
        return s;
    const auto &gt = grid.geoTransform;
    if (crs.isGeographic()) {
        s.m_geographic = true;
        s.m_latitude = gt[3] + centre.x() * gt[4] + centre.y() * gt[5];
        if (!(std::abs(s.m_latitude) < 89.0))
            return s; // no east-west distance to speak of near the poles
        s.m_metresPerPixel = std::abs(gt[1]) * metresPerDegreeLongitude(s.m_latitude) / pixelsPerCell;
    } else {
        s.m_metresPerPixel = std::hypot(gt[1], gt[4]) * crs.linearUnitMetres() / pixelsPerCell;
    }
    if (!std::isfinite(s.m_metresPerPixel))
        s.m_metresPerPixel = 0;
    return s;
}

double MapScale::roundLengthBelow(double value)
{
    if (!(value > 0) || !std::isfinite(value))
        return 0;
    double power = std::pow(10.0, std::floor(std::log10(value)));
    // log10 may land a hair below an exact power of ten.
    if (power * 10 <= value)
        power *= 10;
    for (double lead : {5.0, 2.0, 1.0})
        if (lead * power <= value * (1 + 1e-12))
            return lead * power;
    return power / 2;
}

ScaleBar MapScale::scaleBar(double maxPixels) const
{
    ScaleBar bar;
    if (!isValid() || !(maxPixels > 0))
        return bar;
    bar.metres = roundLengthBelow(maxPixels * m_metresPerPixel);
    bar.pixels = bar.metres / m_metresPerPixel;
    const double lead = bar.metres / std::pow(10.0, std::floor(std::log10(bar.metres) + 1e-9));
    bar.segments = lead > 4.5 ? 5 : lead > 1.5 ? 4 : 2;
    bar.label = lengthText(bar.metres);
    return bar;
}

double MapScale::denominator(double dotsPerInch) const
{
    if (!isValid() || !(dotsPerInch > 0))
        return 0;
    return m_metresPerPixel * dotsPerInch / kMetresPerInch;
}

QString MapScale::lengthText(double metres)
{
    const QLocale locale;
    auto number = [&](double v) {
        // As few decimals as the length needs (2.5 km, 0.05 m), at most six.
        int decimals = 0;
        while (decimals < 6 && std::abs(std::round(v * std::pow(10.0, decimals)) - v * std::pow(10.0, decimals)) > 1e-6)
            ++decimals;
        return locale.toString(v, 'f', decimals);
    };
    if (metres >= 1000)
        return QCoreApplication::translate("MapScale", "%1 km").arg(number(metres / 1000));
    return QCoreApplication::translate("MapScale", "%1 m").arg(number(metres));
}

QString MapScale::ratioText(double denominator)
{
    if (!(denominator > 0) || !std::isfinite(denominator))
        return {};
    double n = denominator;
    if (n >= 1000) {
        const double step = std::pow(10.0, std::floor(std::log10(n)) - 2);
        n = std::round(n / step) * step;
    } else {
        n = std::round(n);
    }
    QString digits = QString::number(qint64(std::llround(std::max(1.0, n))));
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(' '));
    return QStringLiteral("1:") + digits;
}

} // namespace lodestone
