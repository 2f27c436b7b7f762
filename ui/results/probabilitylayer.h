// The deposit probability of a training result as a layer: viridis from 0 to 1, nodata transparent, and a
// threshold below which pixels are transparent or grey, so that only ground at or above it stands out.
//
// Thread: GUI thread; the image is rendered on Qt's thread pool through RenderJob, restarted when the
// threshold or the look changes.
#pragma once

#include "colorramp.h"
#include "maplayer.h"
#include "renderjob.h"

#include <memory>
#include <vector>

namespace lodestone {

struct PipelineResult;

/** \brief Probability map of a PipelineResult with a display threshold. */
class ProbabilityLayer : public MapLayer {
    Q_OBJECT
public:
    /** \brief How pixels below the threshold are drawn. */
    enum class BelowThreshold { Transparent, Grey };
    /// Bins of the probability histogram used for the share of ground above a threshold.
    static constexpr int kBins = 1000;

    ProbabilityLayer(std::shared_ptr<const PipelineResult> result, QObject *parent = nullptr);
    ~ProbabilityLayer() override;

    const std::shared_ptr<const PipelineResult> &result() const { return m_result; }
    /** \brief Shows another result of the same grid (a live preview), keeping the threshold and the look; the
     *  image and the histogram follow on the pool. */
    void setResult(std::shared_ptr<const PipelineResult> result);
    /** \brief Deposit probability at a cell; NaN on nodata or outside the grid. */
    double valueAt(int col, int row) const;

    double threshold() const { return m_threshold; }
    /** \brief Pixels with probability below threshold (in [0, 1]) are drawn as belowThreshold() says. */
    void setThreshold(double threshold);
    BelowThreshold belowThreshold() const { return m_below; }
    void setBelowThreshold(BelowThreshold below);
    static const ColorRamp &ramp();

    /** \brief Share of valid pixels with probability >= threshold (to 1/kBins), or -1 before the first render. */
    double fractionAtOrAbove(double threshold) const;

    /** \brief The whole grid, one image pixel per factor x factor cells holding the block's mean probability. */
    static QImage render(const PipelineResult &result, int factor, double threshold, BelowThreshold below,
                         const std::atomic_bool *cancel = nullptr);
    /** \brief The colour of a probability (grey or transparent below the threshold as chosen). */
    static QRgb colorOf(double probability, double threshold, BelowThreshold below);

    const RenderedImage &image() const { return m_image; }
    bool isRendering() const { return m_job->isRunning(); }

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    QString toolTip() const override;

Q_SIGNALS:
    void thresholdChanged(double threshold);
    void renderFinished();
    /** \brief The histogram behind fractionAtOrAbove() is ready. */
    void statisticsReady();

private:
    void startRender();
    void startHistogram();
    QString nameFor(double threshold) const;

    std::shared_ptr<const PipelineResult> m_result;
    RenderJob *m_job = nullptr;
    RenderedImage m_image;
    double m_threshold = 0.5;
    BelowThreshold m_below = BelowThreshold::Grey; // a rainbow survey beneath would hide the ramp's colours
    std::vector<double> m_cumulative; ///< m_cumulative[i]: share of valid pixels in bins >= i (kBins + 1 values)
    int m_factor = 1;
    quint64 m_histogramGeneration = 0;
};

} // namespace lodestone
