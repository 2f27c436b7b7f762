// The feature-map browser: every feature raster of a result as a thumbnail with its name (layer1_filter01 ...,
// the band names of the exported features.tif). Clicking one asks for it to be shown on the map. Thumbnails
// and each raster's statistics are computed on Qt's thread pool. A result whose feature rasters stayed on disk (a
// streamed run) is browsed from its features.tif: one band at a time, each read decimated (GDAL's overviews), so
// that no band is ever read whole here.
//
// Thread: GUI thread.
#pragma once

#include "bandstatistics.h"
#include "rendersettings.h"

#include <QVector>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QListWidget;

namespace lodestone {

struct PipelineResult;

/** \brief Thumbnails of the feature rasters of a PipelineResult. */
class FeatureBrowser : public QWidget {
    Q_OBJECT
public:
    static constexpr int kThumbnailSize = 96;

    explicit FeatureBrowser(QWidget *parent = nullptr);
    ~FeatureBrowser() override;

    /** \brief Lists the feature rasters of result and starts computing their thumbnails. featuresFile: the
     *  features.tif to read them from, band by band and decimated, when result holds their names only. */
    void setResult(std::shared_ptr<const PipelineResult> result, const QString &featuresFile = QString());
    /** \brief Cells along the longer side of the decimated band that a thumbnail and its statistics are made from
     *  when the rasters are read from a file. */
    static constexpr int kPreviewSide = 512;
    /** \brief The file the current result's rasters are read from (empty when they are in memory). */
    QString featuresFile() const { return m_featuresFile; }
    void clear();

    int count() const;
    QString featureName(int index) const;
    QListWidget *list() const { return m_list; }
    /** \brief True until the thumbnails of the current result are shown. */
    bool isLoading() const { return m_loading; }
    /** \brief Statistics of feature index, or nullptr before the thumbnails are ready (of the decimated band when
     *  read from a file). */
    const BandStatistics *statistics(int index) const;

    /** \brief How feature rasters are drawn: viridis, 2-98 % cut, no sun shading. */
    static RenderSettings featureSettings();

Q_SIGNALS:
    /** \brief The user clicked a feature (index into the result's feature rasters). */
    void featureActivated(int index);
    void thumbnailsReady();

private:
    struct Thumbnails;

    QLabel *m_hint = nullptr;
    QListWidget *m_list = nullptr;
    std::shared_ptr<const PipelineResult> m_result;
    QString m_featuresFile;
    QVector<BandStatistics> m_stats;
    quint64 m_generation = 0;
    /// m_generation as the pool task reads it, to stop reading a file for a result since replaced
    std::shared_ptr<std::atomic<quint64>> m_currentGeneration = std::make_shared<std::atomic<quint64>>(0);
    bool m_loading = false;
};

} // namespace lodestone
