// Hillshade: Lambertian illumination of the surface z = zFactor * value under a distant sun.
#include "hillshade.h"

#include <algorithm>
#include <cmath>

namespace lodestone {

namespace {
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
}

double Hillshade::illumination(double dzdx, double dzdy, const Parameters &p)
{
    // Surface normal (-z*dzdx, -z*dzdy, 1); unit vector towards the sun (x east, y north).
    const double az = p.azimuth * kDegToRad, alt = p.altitude * kDegToRad;
    const double sx = std::sin(az) * std::cos(alt), sy = std::cos(az) * std::cos(alt), sz = std::sin(alt);
    const double gx = p.zFactor * dzdx, gy = p.zFactor * dzdy;
    const double shade = (sz - gx * sx - gy * sy) / std::sqrt(1.0 + gx * gx + gy * gy);
    return std::clamp(shade, 0.0, 1.0);
}

std::vector<float> Hillshade::compute(const float *data, const std::uint8_t *valid, int width, int height, double cellX,
                                      double cellY, const Parameters &p, const std::atomic_bool *cancel)
{
    std::vector<float> out(std::size_t(width) * std::size_t(height), NAN);
    if (cellX == 0 || cellY == 0)
        return out;
    const double az = p.azimuth * kDegToRad, alt = p.altitude * kDegToRad;
    const double sx = std::sin(az) * std::cos(alt), sy = std::cos(az) * std::cos(alt), sz = std::sin(alt);
    // Horn's kernel gives differences per column and per row; dividing by the signed cell sizes turns them
    // into gradients towards east and north whatever the orientation of the grid.
    const double kx = p.zFactor / (8.0 * cellX), ky = p.zFactor / (8.0 * cellY);

    for (int r = 0; r < height; ++r) {
        if (cancel && (r & 63) == 0 && cancel->load())
            return {};
        const int ru = std::max(r - 1, 0), rd = std::min(r + 1, height - 1);
        for (int c = 0; c < width; ++c) {
            const std::size_t i = std::size_t(r) * width + c;
            if (!valid[i])
                continue;
            const float z0 = data[i];
            const int cl = std::max(c - 1, 0), cr = std::min(c + 1, width - 1);
            auto at = [&](int rr, int cc) {
                const std::size_t j = std::size_t(rr) * width + cc;
                return valid[j] ? data[j] : z0;
            };
            const double a = at(ru, cl), b = at(ru, c), cc_ = at(ru, cr);
            const double d = at(r, cl), f = at(r, cr);
            const double g = at(rd, cl), h = at(rd, c), k = at(rd, cr);
            const double gx = ((cc_ + 2 * f + k) - (a + 2 * d + g)) * kx; // z-scaled d/dx (east)
            const double gy = ((g + 2 * h + k) - (a + 2 * b + cc_)) * ky; // z-scaled d/dy (north)
            const double shade = (sz - gx * sx - gy * sy) / std::sqrt(1.0 + gx * gx + gy * gy);
            out[i] = float(std::clamp(shade, 0.0, 1.0));
        }
    }
    return out;
}

} // namespace lodestone
