// FeatureBrowser: one pool task computes statistics and a block-averaged thumbnail of each raster with the
// survey's RasterRenderer; a newer result makes an older task's output stale (generation number).
#include "featurebrowser.h"

#include "pipeline.h"
#include "rasterrenderer.h"
#include "streaming.h"

#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace lodestone {

struct FeatureBrowser::Thumbnails {
    QVector<QImage> images;
    QVector<BandStatistics> stats;
};

FeatureBrowser::FeatureBrowser(QWidget *parent) : QWidget(parent)
{
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setUniformItemSizes(true);
    m_list->setGridSize(QSize(kThumbnailSize + 10, kThumbnailSize + m_list->fontMetrics().height() + 12));
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setSpacing(4);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setToolTip(tr("Feature rasters: the activations of the autoencoder's filters over the survey. Click one "
                          "to show it on the map."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_list, 1);
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { Q_EMIT featureActivated(m_list->row(item)); });
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT featureActivated(m_list->row(item)); });
    clear();
}

FeatureBrowser::~FeatureBrowser() = default;

RenderSettings FeatureBrowser::featureSettings()
{
    RenderSettings s;
    s.ramp = ColorRamp::Viridis;
    s.stretch = RenderSettings::Stretch::PercentClip;
    s.lowPercent = 2.0;
    s.highPercent = 98.0;
    s.hillshade = false;
    return s;
}

void FeatureBrowser::clear()
{
    ++m_generation;
    m_currentGeneration->store(m_generation);
    m_result.reset();
    m_featuresFile.clear();
    m_stats.clear();
    m_list->clear();
    m_loading = false;
    m_hint->setText(tr("Train to see the feature rasters the autoencoder has learned."));
}

int FeatureBrowser::count() const
{
    return m_list->count();
}

QString FeatureBrowser::featureName(int index) const
{
    if (!m_result || index < 0 || index >= int(m_result->features.names.size()))
        return {};
    return QString::fromStdString(m_result->features.names[std::size_t(index)]);
}

const BandStatistics *FeatureBrowser::statistics(int index) const
{
    return index >= 0 && index < m_stats.size() ? &m_stats[index] : nullptr;
}

void FeatureBrowser::setResult(std::shared_ptr<const PipelineResult> result, const QString &featuresFile)
{
    clear();
    if (!result || result->features.count == 0)
        return;
    const bool fromFile = result->features.data.empty();
    if (fromFile && featuresFile.isEmpty())
        return; // names without rasters, and no file to read them from
    m_result = result;
    m_featuresFile = fromFile ? featuresFile : QString();
    const FeatureRasters &f = result->features;
    QPixmap placeholder(kThumbnailSize, kThumbnailSize);
    placeholder.fill(palette().color(QPalette::Midlight));
    for (int k = 0; k < f.count; ++k) {
        auto *item = new QListWidgetItem(QIcon(placeholder), featureName(k), m_list);
        item->setToolTip(tr("%1: feature raster %2 of %3").arg(featureName(k)).arg(k + 1).arg(f.count));
        item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    }
    m_hint->setText(tr("Feature rasters: %1. Click one to show it on the map.").arg(f.count));
    m_loading = true;

    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<Thumbnails>(this);
    connect(watcher, &QFutureWatcher<Thumbnails>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const Thumbnails t = watcher->result();
        m_stats = t.stats;
        for (int k = 0; k < t.images.size() && k < m_list->count(); ++k) {
            QPixmap pixmap(kThumbnailSize, kThumbnailSize);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            const QImage &img = t.images[k];
            if (img.isNull())
                continue;
            const QSize size = img.size().scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio);
            const QRect target(QPoint((kThumbnailSize - size.width()) / 2, (kThumbnailSize - size.height()) / 2), size);
            p.drawImage(target, img);
            QListWidgetItem *item = m_list->item(k);
            // A filter that never fires (ReLU always zero) gives a constant raster: say so, it carries nothing.
            if (k < t.stats.size() && t.stats[k].maximum() <= t.stats[k].minimum()) {
                p.fillRect(target, QColor(255, 255, 255, 170));
                p.setPen(QColor(0x40, 0x40, 0x40));
                p.drawText(target, Qt::AlignCenter, tr("constant"));
                item->setToolTip(tr("%1: constant %2 everywhere; this filter carries no information for the SVM")
                                     .arg(featureName(k))
                                     .arg(t.stats[k].minimum()));
            }
            p.end();
            item->setIcon(QIcon(pixmap));
        }
        m_loading = false;
        Q_EMIT thumbnailsReady();
    });
    const std::string file = m_featuresFile.toStdString();
    const std::shared_ptr<std::atomic<quint64>> current = m_currentGeneration;
    watcher->setFuture(QtConcurrent::run([result, file, generation, current] {
        Thumbnails t;
        const FeatureRasters &f = result->features;
        const GridSpec &g = result->grid;
        const RenderSettings settings = featureSettings();
        if (!file.empty()) {
            // One band at a time, decimated: the whole stack never is in memory, nor one band at full size.
            for (int k = 0; k < f.count; ++k) {
                if (generation != current->load())
                    break; // a newer result: stop reading for this one
                QImage image;
                BandStatistics stats;
                try {
                    const Raster band = readRasterDecimated(file, k + 1, kPreviewSide);
                    const int factor =
                        std::max(1, int(std::ceil(double(std::max(band.width(), band.height())) / kThumbnailSize)));
                    RasterRenderer::Source src;
                    src.data = band.data.data();
                    src.valid = band.valid.data();
                    src.width = band.width();
                    src.height = band.height();
                    RasterRenderer::shadingCellSize(band.grid, &src.cellX, &src.cellY);
                    stats = BandStatistics::compute(src.data, src.valid, src.width, src.height, src.cellX, src.cellY);
                    image = RasterRenderer(stats, settings).render(src, QRect(0, 0, src.width, src.height), factor);
                } catch (const std::exception &) {
                    // an unreadable band keeps its placeholder
                }
                t.stats << stats;
                t.images << image;
            }
            return t;
        }
        const int factor = std::max(1, int(std::ceil(double(std::max(f.width, f.height)) / kThumbnailSize)));
        for (int k = 0; k < f.count; ++k) {
            RasterRenderer::Source src;
            src.data = f.plane(k);
            src.valid = result->valid.data();
            src.width = f.width;
            src.height = f.height;
            RasterRenderer::shadingCellSize(g, &src.cellX, &src.cellY);
            const BandStatistics stats =
                BandStatistics::compute(src.data, src.valid, f.width, f.height, src.cellX, src.cellY);
            t.stats << stats;
            t.images << RasterRenderer(stats, settings).render(src, QRect(0, 0, f.width, f.height), factor);
        }
        return t;
    }));
}

} // namespace lodestone
