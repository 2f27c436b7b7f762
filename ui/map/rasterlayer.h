// A raster band drawn with a colour ramp and sun shading: the survey layer. Renders in the background: an
// overview of the whole band (decimated for big grids) whenever the settings change, and a detailed image
// of the visible cells when the view is zoomed in further than the overview's resolution.
//
// Thread: GUI thread; rendering runs on Qt's global thread pool through RenderJob.
#pragma once

#include "bandstatistics.h"
#include "maplayer.h"
#include "rasterrenderer.h"
#include "renderjob.h"
#include "rendersettings.h"

#include <memory>

namespace lodestone {

struct Raster;

/** \brief A survey band as a map layer. */
class RasterLayer : public MapLayer {
    Q_OBJECT
public:
    /// Overviews hold at most this many pixels; bigger bands are decimated by powers of two.
    static constexpr qint64 kMaxOverviewPixels = 8'000'000;

    RasterLayer(std::shared_ptr<const Raster> raster, const BandStatistics &stats, const QString &name,
                QObject *parent = nullptr);
    ~RasterLayer() override;

    const Raster &raster() const { return *m_raster; }
    /** \brief The band itself, shared and immutable, for work on other threads (e.g. training). */
    std::shared_ptr<const Raster> sharedRaster() const { return m_raster; }
    const BandStatistics &statistics() const { return m_stats; }

    const RenderSettings &settings() const { return m_settings; }
    /** \brief Changes the display settings and restarts rendering (running renders are canceled). */
    void setSettings(const RenderSettings &settings);
    /** \brief Units of the values, shown in the legend and the status bar (e.g. "nT"). */
    QString units() const { return m_units; }
    void setUnits(const QString &units);

    /** \brief Where the band comes from, shown first in the tooltip (default: the file it was read from). */
    void setSource(const QString &source) { m_source = source; }
    QString source() const;

    /** \brief The renderer for the current settings (stretch, ramp, effective z-factor). */
    const RasterRenderer &renderer() const { return m_renderer; }

    /** \brief Value of cell (col, row); false for nodata or outside the band. */
    bool valueAt(int col, int row, double *value) const;

    /** \brief Grid cells per overview pixel for a band of this size (1 for up to kMaxOverviewPixels). */
    static int overviewFactorFor(int width, int height);
    int overviewFactor() const { return m_overviewFactor; }
    const RenderedImage &overview() const { return m_overview; }
    const RenderedImage &detail() const { return m_detail; }
    /** \brief True while an overview or detail render is running. */
    bool isRendering() const;

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    void setViewExtent(const QRectF &visible, double scale) override;
    QString toolTip() const override;

Q_SIGNALS:
    void settingsChanged();
    void unitsChanged(const QString &units);
    /** \brief A render has completed and its image is shown. */
    void renderFinished();

private:
    void startOverview();
    void updateDetail(bool force);

    std::shared_ptr<const Raster> m_raster;
    BandStatistics m_stats;
    RenderSettings m_settings;
    RasterRenderer m_renderer;
    QString m_units;
    QString m_source;
    int m_overviewFactor = 1;
    RenderJob *m_overviewJob = nullptr;
    RenderJob *m_detailJob = nullptr;
    RenderedImage m_overview;
    RenderedImage m_detail;
    int m_pendingDetailFactor = 0;
    QRect m_pendingDetailCells;
    QRectF m_visible;
    double m_scale = 0;
};

} // namespace lodestone
