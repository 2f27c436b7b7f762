// The class map of a training result as a paletted layer: deposit red, non-deposit blue (core's
// classColorTable(), the colours of the exported GeoTIFF), nodata transparent.
//
// Thread: GUI thread; the image is rendered on Qt's thread pool through RenderJob.
#pragma once

#include "maplayer.h"
#include "renderjob.h"

#include <QColor>

#include <array>
#include <cstdint>
#include <memory>

namespace lodestone {

struct PipelineResult;

/** \brief Deposit / non-deposit map of a PipelineResult. */
class ClassMapLayer : public MapLayer {
    Q_OBJECT
public:
    ClassMapLayer(std::shared_ptr<const PipelineResult> result, const QString &name, QObject *parent = nullptr);
    ~ClassMapLayer() override;

    const std::shared_ptr<const PipelineResult> &result() const { return m_result; }
    /** \brief Shows another result of the same grid (a live preview); the image follows on the pool. */
    void setResult(std::shared_ptr<const PipelineResult> result);
    /** \brief 0 non-deposit, 1 deposit, 255 nodata (also outside the grid). */
    int classAt(int col, int row) const;
    /** \brief Display colour of a class value (transparent for nodata). */
    static QColor colorOf(int cls);

    /** \brief The whole grid, one image pixel per factor x factor cells (1 up to RasterLayer's overview size):
     *  each pixel takes the class of its block's centre cell. Null if cancel becomes true. */
    static QImage render(const PipelineResult &result, int factor, const std::atomic_bool *cancel = nullptr);

    const RenderedImage &image() const { return m_image; }
    /** \brief Pixels classified {non-deposit, deposit}; zero until the first render has finished. */
    std::array<std::size_t, 2> counts() const { return m_counts; }
    bool isRendering() const { return m_job->isRunning(); }

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    QString toolTip() const override;

Q_SIGNALS:
    void renderFinished();

private:
    void startRender();

    std::shared_ptr<const PipelineResult> m_result;
    RenderJob *m_job = nullptr;
    RenderedImage m_image;
    std::array<std::size_t, 2> m_counts{0, 0};                   ///< non-deposit, deposit pixels
    std::shared_ptr<std::array<std::size_t, 2>> m_pendingCounts; ///< filled by the latest render
};

} // namespace lodestone
