// Hillshade (sun shading) of a grid, with QGIS/GDAL conventions: Horn's 3x3 gradient, azimuth in degrees
// clockwise from north giving the direction the light comes from (315 = north-west), altitude in degrees
// above the horizon, z-factor scaling values against map units.
//
// Thread: stateless functions, called from render jobs on worker threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

namespace lodestone {

/** \brief Sun shading of a float grid; illumination in [0, 1] (1 = facing the sun). */
class Hillshade {
public:
    struct Parameters {
        double azimuth = 315.0;
        double altitude = 45.0;
        double zFactor = 1.0;
    };

    /** \brief Illumination of a surface with gradient (dzdx east, dzdy north), in value units per map unit. */
    static double illumination(double dzdx, double dzdy, const Parameters &p);

    /** \brief Illumination of every cell of a width x height grid (row 0 at the top). cellX and cellY are the
     *  signed cell sizes of the geotransform (gt[1], gt[5]; gt[5] is negative for north-up grids). Invalid
     *  cells get NaN; missing neighbours are replaced by the centre value, so edges are shaded too.
     *  Returns an empty vector if cancel becomes true. */
    static std::vector<float> compute(const float *data, const std::uint8_t *valid, int width, int height, double cellX,
                                      double cellY, const Parameters &p, const std::atomic_bool *cancel = nullptr);
};

} // namespace lodestone
