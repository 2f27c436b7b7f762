// Turns a region of a raster band into a QImage: colour ramp, stretch, sun shading, nodata transparent.
// Plain C++/Qt (QImage only), no widgets, so it runs on worker threads and in tests without a display.
//
// Thread: immutable after construction; render() may run concurrently on several threads.
#pragma once

#include "bandstatistics.h"
#include "colorramp.h"
#include "rendersettings.h"
#include "valuestretch.h"

#include <QImage>
#include <QRect>

#include <atomic>
#include <cstdint>

namespace lodestone {

struct GridSpec;

struct Raster;

/** \brief Renders raster regions with one set of display settings.
 *
 *  \code
 *  RasterRenderer renderer(stats, settings);
 *  QImage overview = renderer.render(RasterRenderer::Source::of(raster), raster bounds, 4);  // 1 px = 4x4 cells
 *  \endcode
 */
class RasterRenderer {
public:
    /** \brief A read-only view of a band: row-major values and validity, with the signed cell sizes. */
    struct Source {
        const float *data = nullptr;
        const std::uint8_t *valid = nullptr;
        int width = 0;
        int height = 0;
        double cellX = 1.0;  ///< gt[1]
        double cellY = -1.0; ///< gt[5]
        static Source of(const Raster &raster);
    };
    /** \brief The cell sizes sun shading and its statistics use: gt[1] and gt[5] (1 and -1 where zero), except on a
     *  grid in degrees, whose cells are taken in metres at its middle latitude (groundCellSize(), signs kept), so
     *  that east-west and north-south slopes are shaded alike, as the canvas draws them. */
    static void shadingCellSize(const GridSpec &grid, double *cellX, double *cellY);

    RasterRenderer(const BandStatistics &stats, const RenderSettings &settings);

    const RenderSettings &settings() const { return m_settings; }
    const ValueStretch &stretch() const { return m_stretch; }
    const ColorRamp &ramp() const { return m_ramp; }
    /** \brief The z-factor used for shading: the setting, or the automatic one when the setting is 0. */
    double effectiveZFactor() const { return m_zFactor; }

    /** \brief Renders the cells of region (clipped to the band) averaged over factor x factor blocks.
     *  The region's origin is rounded down to a multiple of factor, so blocks are the same in every region;
     *  the image has one pixel per block and covers alignedRegion(region, factor). Invalid cells (and blocks
     *  with no valid cell) are transparent. Returns a null image if cancel becomes true.
     *  Format: ARGB32_Premultiplied. */
    QImage render(const Source &source, const QRect &region, int factor,
                  const std::atomic_bool *cancel = nullptr) const;

    /** \brief The cells an image from render(source, region, factor) covers (a multiple of factor wide and
     *  high, so its last column or row may reach past the band's edge by less than one block). */
    static QRect alignedRegion(const Source &source, const QRect &region, int factor);

    /** \brief Automatic z-factor: makes the median gradient of the band a slope of about 17 degrees. */
    static double automaticZFactor(const BandStatistics &stats);

private:
    RenderSettings m_settings;
    ValueStretch m_stretch;
    ColorRamp m_ramp;
    double m_zFactor = 1.0;
};

} // namespace lodestone
