// Raster rendering: block-average decimation with a one-block margin (so hillshade has neighbours at the
// region's edges), then stretch, colour lookup and shading per block.
#include "rasterrenderer.h"

#include "hillshade.h"
#include "magneticfilters.h"
#include "raster.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lodestone {

namespace {

constexpr double kAutoSlope = 0.3; // tan(~17 degrees): the median gradient's slope with the automatic z-factor
constexpr double kHighlight = 0.7; // how far the brightest sunlit slopes fade towards white (HSV blend)

bool canceled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

RasterRenderer::Source RasterRenderer::Source::of(const Raster &raster)
{
    Source s;
    s.data = raster.data.data();
    s.valid = raster.valid.data();
    s.width = raster.width();
    s.height = raster.height();
    shadingCellSize(raster.grid, &s.cellX, &s.cellY);
    return s;
}

void RasterRenderer::shadingCellSize(const GridSpec &grid, double *cellX, double *cellY)
{
    *cellX = grid.geoTransform[1] != 0 ? grid.geoTransform[1] : 1.0;
    *cellY = grid.geoTransform[5] != 0 ? grid.geoTransform[5] : -1.0;
    double dx = 0, dy = 0;
    if (grid.hasGeoTransform && describeCrs(grid.crsWkt).geographic && groundCellSize(grid, &dx, &dy) && dx > 0 &&
        dy > 0) {
        *cellX = std::copysign(dx, *cellX);
        *cellY = std::copysign(dy, *cellY);
    }
}

RasterRenderer::RasterRenderer(const BandStatistics &stats, const RenderSettings &settings)
    : m_settings(settings), m_stretch(stats, settings), m_ramp(settings.ramp)
{
    m_zFactor = settings.zFactor > 0 ? settings.zFactor : automaticZFactor(stats);
}

double RasterRenderer::automaticZFactor(const BandStatistics &stats)
{
    return stats.medianGradient() > 0 ? kAutoSlope / stats.medianGradient() : 1.0;
}

QRect RasterRenderer::alignedRegion(const Source &source, const QRect &region, int factor)
{
    factor = std::max(1, factor);
    const QRect clipped = region.intersected(QRect(0, 0, source.width, source.height));
    if (clipped.isEmpty())
        return {};
    const int x0 = clipped.left() / factor * factor;
    const int y0 = clipped.top() / factor * factor;
    const int x1 = (clipped.right() + 1 + factor - 1) / factor * factor; // exclusive, rounded up
    const int y1 = (clipped.bottom() + 1 + factor - 1) / factor * factor;
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

QImage RasterRenderer::render(const Source &source, const QRect &region, int factor,
                              const std::atomic_bool *cancel) const
{
    factor = std::max(1, factor);
    const QRect aligned = alignedRegion(source, region, factor);
    if (aligned.isEmpty() || !source.data)
        return {};
    const int outW = aligned.width() / factor, outH = aligned.height() / factor;
    const int bx0 = aligned.left() / factor, by0 = aligned.top() / factor; // first block of the region
    const int blocksX = (source.width + factor - 1) / factor, blocksY = (source.height + factor - 1) / factor;

    // Blocks of the region plus a margin of one block where the band has one.
    const int mx0 = std::max(bx0 - 1, 0), my0 = std::max(by0 - 1, 0);
    const int mx1 = std::min(bx0 + outW + 1, blocksX), my1 = std::min(by0 + outH + 1, blocksY);
    const int bw = mx1 - mx0, bh = my1 - my0;
    std::vector<float> values(std::size_t(bw) * bh, NAN);
    std::vector<std::uint8_t> ok(std::size_t(bw) * bh, 0);

    for (int by = 0; by < bh; ++by) {
        if ((by & 15) == 0 && canceled(cancel))
            return {};
        const int r0 = (my0 + by) * factor, r1 = std::min(r0 + factor, source.height);
        for (int bx = 0; bx < bw; ++bx) {
            const int c0 = (mx0 + bx) * factor, c1 = std::min(c0 + factor, source.width);
            double sum = 0;
            int n = 0;
            for (int r = r0; r < r1; ++r) {
                const std::size_t row = std::size_t(r) * source.width;
                for (int c = c0; c < c1; ++c) {
                    if (source.valid[row + c]) {
                        sum += source.data[row + c];
                        ++n;
                    }
                }
            }
            if (n > 0) {
                values[std::size_t(by) * bw + bx] = float(sum / n);
                ok[std::size_t(by) * bw + bx] = 1;
            }
        }
    }

    std::vector<float> shade;
    if (m_settings.hillshade && m_settings.strength > 0) {
        Hillshade::Parameters p;
        p.azimuth = m_settings.azimuth;
        p.altitude = m_settings.altitude;
        p.zFactor = m_zFactor;
        shade = Hillshade::compute(values.data(), ok.data(), bw, bh, source.cellX * factor, source.cellY * factor, p,
                                   cancel);
        if (shade.empty())
            return {};
    }
    const double s = std::clamp(m_settings.strength, 0.0, 1.0);
    const bool hsv = m_settings.blend == RenderSettings::ShadeBlend::HsvValue;
    // Illumination of flat ground is sin(altitude); the HSV blend measures shading relative to it.
    const double flatLight = std::sin(std::clamp(m_settings.altitude, 1.0, 90.0) * 3.14159265358979323846 / 180.0);
    const double invFlat = 1.0 / flatLight;

    QImage image(outW, outH, QImage::Format_ARGB32_Premultiplied);
    const int offX = bx0 - mx0, offY = by0 - my0;
    const auto &table = m_ramp.table();
    for (int y = 0; y < outH; ++y) {
        if ((y & 31) == 0 && canceled(cancel))
            return {};
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < outW; ++x) {
            const int bx = x + offX, by = y + offY;
            if (bx >= bw || by >= bh) { // a block past the band's last column or row
                line[x] = 0;
                continue;
            }
            const std::size_t i = std::size_t(by) * bw + bx;
            if (!ok[i]) {
                line[x] = 0;
                continue;
            }
            const double t = m_stretch.position(values[i]);
            QRgb rgb = table[std::size_t(t * (ColorRamp::kSize - 1) + 0.5)];
            if (!shade.empty()) {
                const double l = shade[i];
                double r = qRed(rgb), g = qGreen(rgb), b = qBlue(rgb);
                if (hsv) {
                    // Brightness relative to flat ground, so flat areas keep their true colour; slopes facing
                    // the sun brighten and, past full brightness, fade towards white (a specular highlight).
                    const double k = (1.0 - s) + s * l * invFlat;
                    const double v = std::max({r, g, b, 1.0});
                    const double target = v * k;
                    if (target <= 255.0) {
                        r *= k;
                        g *= k;
                        b *= k;
                    } else {
                        const double up = 255.0 / v;
                        const double white = std::min(1.0, (target - 255.0) / 255.0) * kHighlight;
                        r = r * up + (255.0 - r * up) * white;
                        g = g * up + (255.0 - g * up) * white;
                        b = b * up + (255.0 - b * up) * white;
                    }
                } else {
                    const double k = (1.0 - s) + s * l;
                    r *= k;
                    g *= k;
                    b *= k;
                }
                rgb = qRgb(int(std::min(255.0, r + 0.5)), int(std::min(255.0, g + 0.5)), int(std::min(255.0, b + 0.5)));
            }
            line[x] = rgb; // opaque, so premultiplied and straight are the same
        }
    }
    return image;
}

} // namespace lodestone
