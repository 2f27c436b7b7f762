// RasterLayer: two restartable render jobs (overview and detail) over an immutable, shared band.
#include "rasterlayer.h"

#include "crsinfo.h"
#include "raster.h"

#include <QFileInfo>
#include <QPainter>

#include <cmath>

namespace lodestone {

RasterLayer::RasterLayer(std::shared_ptr<const Raster> raster, const BandStatistics &stats, const QString &name,
                         QObject *parent)
    : MapLayer(name, parent), m_raster(std::move(raster)), m_stats(stats), m_renderer(stats, m_settings),
      m_units(QStringLiteral("nT")), m_overviewJob(new RenderJob(this)), m_detailJob(new RenderJob(this))
{
    m_overviewFactor = overviewFactorFor(m_raster->width(), m_raster->height());
    connect(m_overviewJob, &RenderJob::finished, this, [this](const RenderedImage &result) {
        m_overview = result;
        Q_EMIT repaintRequested();
        Q_EMIT renderFinished();
    });
    connect(m_detailJob, &RenderJob::finished, this, [this](const RenderedImage &result) {
        m_detail = result;
        m_pendingDetailFactor = 0;
        Q_EMIT repaintRequested();
        Q_EMIT renderFinished();
    });
    startOverview();
}

RasterLayer::~RasterLayer() = default;

int RasterLayer::overviewFactorFor(int width, int height)
{
    int f = 1;
    while (qint64(width / f) * qint64(height / f) > kMaxOverviewPixels)
        f *= 2;
    return f;
}

void RasterLayer::setSettings(const RenderSettings &settings)
{
    if (settings == m_settings)
        return;
    const bool rerender = !settings.sameImage(m_settings);
    m_settings = settings;
    if (rerender) {
        m_renderer = RasterRenderer(m_stats, m_settings);
        startOverview();
        updateDetail(true);
    } else {
        Q_EMIT repaintRequested();
    }
    Q_EMIT settingsChanged();
}

void RasterLayer::setUnits(const QString &units)
{
    if (units == m_units)
        return;
    m_units = units;
    Q_EMIT unitsChanged(units);
}

QString RasterLayer::source() const
{
    return m_source.isEmpty() ? QString::fromStdString(m_raster->path) : m_source;
}

bool RasterLayer::valueAt(int col, int row, double *value) const
{
    if (col < 0 || row < 0 || col >= m_raster->width() || row >= m_raster->height())
        return false;
    if (!m_raster->isValid(col, row))
        return false;
    if (value)
        *value = m_raster->at(col, row);
    return true;
}

bool RasterLayer::isRendering() const
{
    return m_overviewJob->isRunning() || m_detailJob->isRunning();
}

QRectF RasterLayer::extent() const
{
    return QRectF(0, 0, m_raster->width(), m_raster->height());
}

void RasterLayer::startOverview()
{
    const std::shared_ptr<const Raster> raster = m_raster;
    const RasterRenderer renderer = m_renderer;
    const int factor = m_overviewFactor;
    m_overviewJob->start([raster, renderer, factor](const std::atomic_bool &cancel) {
        const auto source = RasterRenderer::Source::of(*raster);
        const QRect all(0, 0, raster->width(), raster->height());
        RenderedImage result;
        result.image = renderer.render(source, all, factor, &cancel);
        result.cells = RasterRenderer::alignedRegion(source, all, factor);
        result.factor = factor;
        return result;
    });
}

void RasterLayer::setViewExtent(const QRectF &visible, double scale)
{
    m_visible = visible;
    m_scale = scale;
    updateDetail(false);
}

void RasterLayer::updateDetail(bool force)
{
    if (m_scale <= 0 || m_overviewFactor == 1)
        return; // the overview is already at full resolution
    // Grid cells per screen pixel, rounded down to a power of two.
    int factor = 1;
    while (factor * 2 <= 1.0 / m_scale)
        factor *= 2;
    if (factor >= m_overviewFactor) {
        m_detailJob->cancel();
        m_pendingDetailFactor = 0;
        if (!m_detail.isNull()) {
            m_detail = {};
            Q_EMIT repaintRequested();
        }
        return;
    }
    const QRect visibleCells =
        m_visible.toAlignedRect().intersected(QRect(0, 0, m_raster->width(), m_raster->height()));
    if (visibleCells.isEmpty())
        return;
    if (!force) {
        if (!m_detail.isNull() && m_detail.factor == factor && m_detail.cells.contains(visibleCells))
            return;
        if (m_detailJob->isRunning() && m_pendingDetailFactor == factor && m_pendingDetailCells.contains(visibleCells))
            return;
    }
    // A margin of a quarter of the view on each side, so small pans need no new render.
    const int mx = visibleCells.width() / 4 + factor, my = visibleCells.height() / 4 + factor;
    const QRect wanted = visibleCells.adjusted(-mx, -my, mx, my);
    const std::shared_ptr<const Raster> raster = m_raster;
    const RasterRenderer renderer = m_renderer;
    const auto source = RasterRenderer::Source::of(*raster);
    m_pendingDetailFactor = factor;
    m_pendingDetailCells = RasterRenderer::alignedRegion(source, wanted, factor);
    m_detailJob->start([raster, renderer, wanted, factor](const std::atomic_bool &cancel) {
        const auto src = RasterRenderer::Source::of(*raster);
        RenderedImage result;
        result.image = renderer.render(src, wanted, factor, &cancel);
        result.cells = RasterRenderer::alignedRegion(src, wanted, factor);
        result.factor = factor;
        return result;
    });
}

void RasterLayer::paint(QPainter *painter, const QRectF &exposed, double scale)
{
    Q_UNUSED(exposed);
    painter->save();
    painter->setClipRect(extent(), Qt::IntersectClip);
    auto draw = [&](const RenderedImage &r) {
        // Always smooth when an image pixel is smaller than a screen pixel; when zoomed in, as the user chose.
        painter->setRenderHint(QPainter::SmoothPixmapTransform, scale * r.factor < 1.0 || m_settings.smoothZoomedIn);
        painter->drawImage(QRectF(r.cells), r.image);
    };
    if (!m_overview.isNull())
        draw(m_overview);
    if (!m_detail.isNull() && m_detail.factor < m_overview.factor)
        draw(m_detail);
    painter->restore();
}

QString RasterLayer::toolTip() const
{
    const CrsInfo crs(QString::fromStdString(m_raster->grid.crsWkt));
    return tr("%1\nBand %2, %3 x %4 cells\n%5\nValues %6 to %7 %8")
        .arg(m_source.isEmpty() ? QString::fromStdString(m_raster->path) : m_source)
        .arg(m_raster->band)
        .arg(m_raster->width())
        .arg(m_raster->height())
        .arg(crs.isEmpty() ? crs.shortName() : crs.name() + QStringLiteral(" (") + crs.shortName() + QLatin1Char(')'))
        .arg(m_stats.minimum(), 0, 'g', 6)
        .arg(m_stats.maximum(), 0, 'g', 6)
        .arg(m_units);
}

} // namespace lodestone
