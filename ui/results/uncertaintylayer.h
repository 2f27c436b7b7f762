// The uncertainty of an ensemble's deposit probability as a layer: the standard deviation of the members'
// probabilities, magma from 0 (the members agree) to the largest value on the map, rounded up; nodata
// transparent. Shown only for results of an ensemble of two or more networks.
//
// Thread: GUI thread; the scale and the image are computed on Qt's thread pool through RenderJob.
#pragma once

#include "colorramp.h"
#include "maplayer.h"
#include "renderjob.h"

#include <memory>

namespace lodestone {

struct PipelineResult;

/** \brief Ensemble standard deviation of a PipelineResult (PipelineResult::uncertainty). */
class UncertaintyLayer : public MapLayer {
    Q_OBJECT
public:
    explicit UncertaintyLayer(std::shared_ptr<const PipelineResult> result, QObject *parent = nullptr);
    ~UncertaintyLayer() override;

    const std::shared_ptr<const PipelineResult> &result() const { return m_result; }
    /** \brief Shows another ensemble result of the same grid (a live preview); the image follows on the pool. */
    void setResult(std::shared_ptr<const PipelineResult> result);
    /** \brief Standard deviation at a cell; NaN on nodata, outside the grid or without uncertainty. */
    double valueAt(int col, int row) const;
    /** \brief The value drawn at the top of the ramp: the map's largest value rounded up to a "nice" number
     *  (1, 2, 2.5 or 5 times a power of ten); 0 before the first render. */
    double scaleMaximum() const { return m_maximum; }
    static const ColorRamp &ramp();
    /** \brief The colour of a standard deviation with the ramp spanning 0..maximum (transparent for NaN). */
    static QRgb colorOf(double value, double maximum);
    /** \brief maximum rounded up to 1, 2, 2.5 or 5 times a power of ten (0.01 for 0 or less). */
    static double niceMaximum(double maximum);

    /** \brief The largest finite uncertainty of result (0 when there is none). */
    static double largestValue(const PipelineResult &result, const std::atomic_bool *cancel = nullptr);
    /** \brief The whole grid, one image pixel per factor x factor cells holding the block's mean. */
    static QImage render(const PipelineResult &result, int factor, double maximum,
                         const std::atomic_bool *cancel = nullptr);

    const RenderedImage &image() const { return m_image; }
    bool isRendering() const { return m_job->isRunning(); }

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    QString toolTip() const override;

Q_SIGNALS:
    /** \brief The image and scaleMaximum() are ready. */
    void renderFinished();

private:
    void startRender();

    std::shared_ptr<const PipelineResult> m_result;
    RenderJob *m_job = nullptr;
    RenderedImage m_image;
    double m_maximum = 0;
    std::shared_ptr<double> m_pendingMaximum; ///< filled by the latest render
};

} // namespace lodestone
