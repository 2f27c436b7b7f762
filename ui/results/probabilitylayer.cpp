// ProbabilityLayer: block means of the probability through viridis; the first render also builds the
// histogram for the share of ground above the threshold.
#include "probabilitylayer.h"

#include "pipeline.h"
#include "rasterlayer.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lodestone {

namespace {
constexpr QRgb kGrey = 0xaa555555; // premultiplied grey (128, 128, 128) at two thirds opacity
}

ProbabilityLayer::ProbabilityLayer(std::shared_ptr<const PipelineResult> result, QObject *parent)
    : MapLayer(QString(), parent), m_result(std::move(result)), m_job(new RenderJob(this))
{
    setName(nameFor(m_threshold));
    m_factor = RasterLayer::overviewFactorFor(m_result->grid.width, m_result->grid.height);
    connect(m_job, &RenderJob::finished, this, [this](const RenderedImage &image) {
        m_image = image;
        Q_EMIT repaintRequested();
        Q_EMIT renderFinished();
    });
    startHistogram();
    startRender();
}

ProbabilityLayer::~ProbabilityLayer() = default;

const ColorRamp &ProbabilityLayer::ramp()
{
    static const ColorRamp viridis(ColorRamp::Viridis);
    return viridis;
}

QString ProbabilityLayer::nameFor(double threshold) const
{
    if (threshold <= 0)
        return tr("Deposit probability");
    return tr("Deposit probability (≥ %1)").arg(QLocale().toString(threshold, 'f', 2));
}

double ProbabilityLayer::valueAt(int col, int row) const
{
    const GridSpec &g = m_result->grid;
    if (col < 0 || row < 0 || col >= g.width || row >= g.height || m_result->probability.empty())
        return NAN;
    return m_result->probability[std::size_t(row) * g.width + col];
}

void ProbabilityLayer::setThreshold(double threshold)
{
    threshold = std::clamp(threshold, 0.0, 1.0);
    if (threshold == m_threshold)
        return;
    m_threshold = threshold;
    setName(nameFor(threshold));
    startRender();
    Q_EMIT thresholdChanged(threshold);
}

void ProbabilityLayer::setBelowThreshold(BelowThreshold below)
{
    if (below == m_below)
        return;
    m_below = below;
    startRender();
}

double ProbabilityLayer::fractionAtOrAbove(double threshold) const
{
    if (m_cumulative.empty())
        return -1.0;
    const int bin = std::clamp(int(std::ceil(threshold * kBins - 1e-9)), 0, kBins);
    return m_cumulative[std::size_t(bin)];
}

QRgb ProbabilityLayer::colorOf(double p, double threshold, BelowThreshold below)
{
    if (std::isnan(p))
        return 0;
    if (p < threshold)
        return below == BelowThreshold::Grey ? kGrey : 0;
    return ramp().rgbAt(p);
}

QImage ProbabilityLayer::render(const PipelineResult &result, int factor, double threshold, BelowThreshold below,
                                const std::atomic_bool *cancel)
{
    return blockMeanImage(
        result.probability, result.grid.width, result.grid.height, factor,
        [&](double v) { return colorOf(v, threshold, below); }, cancel);
}

void ProbabilityLayer::setResult(std::shared_ptr<const PipelineResult> result)
{
    if (!result || result == m_result)
        return;
    m_result = std::move(result);
    m_factor = RasterLayer::overviewFactorFor(m_result->grid.width, m_result->grid.height);
    startHistogram();
    startRender();
}

void ProbabilityLayer::startHistogram()
{
    // The share of ground above a threshold, once per result, on the pool.
    auto *histogram = new RenderJob(this);
    auto cumulative = std::make_shared<std::vector<double>>();
    const quint64 generation = ++m_histogramGeneration;
    connect(histogram, &RenderJob::finished, this, [this, histogram, cumulative, generation](const RenderedImage &) {
        histogram->deleteLater();
        if (generation != m_histogramGeneration)
            return; // the histogram of a result since replaced
        m_cumulative = *cumulative;
        Q_EMIT statisticsReady();
    });
    const std::shared_ptr<const PipelineResult> r = m_result;
    histogram->start([r, cumulative](const std::atomic_bool &cancel) {
        std::vector<std::size_t> bins(kBins, 0);
        std::size_t total = 0;
        for (std::size_t i = 0; i < r->probability.size(); ++i) {
            if ((i & 0xfffff) == 0 && cancel.load(std::memory_order_relaxed))
                return RenderedImage();
            const float p = r->probability[i];
            if (std::isnan(p))
                continue;
            ++bins[std::size_t(std::clamp(int(p * kBins), 0, kBins - 1))];
            ++total;
        }
        cumulative->assign(kBins + 1, 0.0);
        double above = 0;
        for (int b = kBins - 1; b >= 0; --b) {
            above += double(bins[std::size_t(b)]);
            (*cumulative)[std::size_t(b)] = total ? above / double(total) : 0.0;
        }
        RenderedImage done;
        done.image = QImage(1, 1, QImage::Format_ARGB32_Premultiplied); // non-null: finished() fires
        return done;
    });
}

void ProbabilityLayer::startRender()
{
    const std::shared_ptr<const PipelineResult> r = m_result;
    const int factor = m_factor;
    const double threshold = m_threshold;
    const BelowThreshold below = m_below;
    m_job->start([r, factor, threshold, below](const std::atomic_bool &cancel) {
        RenderedImage out;
        out.image = render(*r, factor, threshold, below, &cancel);
        out.factor = factor;
        out.cells = QRect(0, 0, out.image.width() * factor, out.image.height() * factor);
        return out;
    });
}

QRectF ProbabilityLayer::extent() const
{
    return QRectF(0, 0, m_result->grid.width, m_result->grid.height);
}

void ProbabilityLayer::paint(QPainter *painter, const QRectF &, double scale)
{
    m_image.draw(painter, extent(), scale);
}

QString ProbabilityLayer::toolTip() const
{
    QString tip = tr("%1\nProbability of deposit from the SVM (Platt scaling), 0 to 1").arg(name());
    const double above = fractionAtOrAbove(m_threshold);
    if (m_threshold > 0 && above >= 0)
        tip += QLatin1Char('\n') +
               tr("%1 % of valid ground at or above %2")
                   .arg(QLocale().toString(100.0 * above, 'f', 1), QLocale().toString(m_threshold, 'f', 2));
    return tip;
}

} // namespace lodestone
