// Colour ramps: each preset is a list of stops, linearly interpolated in sRGB into a 256-entry table.
#include "colorramp.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace lodestone {

namespace {

struct Stop {
    double position;
    int r, g, b;
};

// matplotlib's viridis sampled at 16 evenly spaced positions (k/15); linear interpolation between them
// stays within a few levels of the full 256-entry table (viridis(0.5) = #21908c).
const Stop kViridis[] = {
    {0.0 / 15, 0x44, 0x01, 0x54},  {1.0 / 15, 0x48, 0x1a, 0x6c},  {2.0 / 15, 0x47, 0x2f, 0x7d},
    {3.0 / 15, 0x41, 0x44, 0x87},  {4.0 / 15, 0x39, 0x56, 0x8c},  {5.0 / 15, 0x31, 0x68, 0x8e},
    {6.0 / 15, 0x2a, 0x78, 0x8e},  {7.0 / 15, 0x23, 0x88, 0x8e},  {8.0 / 15, 0x1f, 0x98, 0x8b},
    {9.0 / 15, 0x22, 0xa8, 0x84},  {10.0 / 15, 0x35, 0xb7, 0x79}, {11.0 / 15, 0x54, 0xc5, 0x68},
    {12.0 / 15, 0x7a, 0xd1, 0x51}, {13.0 / 15, 0xa5, 0xdb, 0x36}, {14.0 / 15, 0xd2, 0xe2, 0x1b},
    {15.0 / 15, 0xfd, 0xe7, 0x25},
};

// The rainbow of aeromagnetic maps: lows in deep blue, the regional field in greens and yellows, highs in
// red and, at the very top, magenta.
const Stop kRainbow[] = {
    {0.00, 0x1a, 0x00, 0x8c}, {0.12, 0x00, 0x2f, 0xf5}, {0.26, 0x00, 0xa8, 0xff}, {0.38, 0x00, 0xe0, 0xd0},
    {0.48, 0x1e, 0xc8, 0x3c}, {0.58, 0xa0, 0xe6, 0x00}, {0.67, 0xff, 0xeb, 0x00}, {0.77, 0xff, 0x96, 0x00},
    {0.87, 0xeb, 0x1e, 0x14}, {0.94, 0xe6, 0x28, 0x8c}, {1.00, 0xff, 0x8c, 0xf0},
};

const Stop kGreys[] = {{0.0, 0, 0, 0}, {1.0, 255, 255, 255}};

// matplotlib's magma sampled at 9 evenly spaced positions (k/8, as R's viridisLite::magma(9)).
const Stop kMagma[] = {
    {0.0 / 8, 0x00, 0x00, 0x04}, {1.0 / 8, 0x1d, 0x11, 0x47}, {2.0 / 8, 0x51, 0x12, 0x7c},
    {3.0 / 8, 0x82, 0x26, 0x81}, {4.0 / 8, 0xb6, 0x36, 0x79}, {5.0 / 8, 0xe6, 0x51, 0x64},
    {6.0 / 8, 0xfb, 0x88, 0x61}, {7.0 / 8, 0xfe, 0xc2, 0x87}, {8.0 / 8, 0xfc, 0xfd, 0xbf},
};

template <std::size_t N> void fill(std::array<QRgb, ColorRamp::kSize> &table, const Stop (&stops)[N])
{
    for (int i = 0; i < ColorRamp::kSize; ++i) {
        const double t = double(i) / (ColorRamp::kSize - 1);
        std::size_t k = 1;
        while (k + 1 < N && stops[k].position < t)
            ++k;
        const Stop &a = stops[k - 1];
        const Stop &b = stops[k];
        const double span = b.position - a.position;
        const double f = span > 0 ? std::clamp((t - a.position) / span, 0.0, 1.0) : 0.0;
        auto mix = [f](int x, int y) { return int(std::lround(x + (y - x) * f)); };
        table[std::size_t(i)] = qRgb(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b));
    }
}

} // namespace

ColorRamp::ColorRamp(Preset preset) : m_preset(preset)
{
    switch (preset) {
    case Viridis: fill(m_table, kViridis); break;
    case Rainbow: fill(m_table, kRainbow); break;
    case Greys: fill(m_table, kGreys); break;
    case Magma: fill(m_table, kMagma); break;
    }
}

QRgb ColorRamp::rgbAt(double position) const
{
    if (!(position > 0.0)) // also catches NaN
        return m_table.front();
    if (position >= 1.0)
        return m_table.back();
    return m_table[std::size_t(position * (kSize - 1) + 0.5)];
}

QString ColorRamp::displayName(Preset preset)
{
    switch (preset) {
    case Viridis: return QCoreApplication::translate("ColorRamp", "Viridis (perceptually uniform)");
    case Rainbow: return QCoreApplication::translate("ColorRamp", "Rainbow (magnetics)");
    case Greys: return QCoreApplication::translate("ColorRamp", "Greys");
    case Magma: return QCoreApplication::translate("ColorRamp", "Magma (perceptually uniform)");
    }
    return {};
}

QVector<ColorRamp::Preset> ColorRamp::presets()
{
    return {Rainbow, Viridis, Greys};
}

} // namespace lodestone
