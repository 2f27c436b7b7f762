// UncertaintyLayer: one render on the pool finds the largest value, then draws block means through magma.
#include "uncertaintylayer.h"

#include "pipeline.h"
#include "rasterlayer.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lodestone {

UncertaintyLayer::UncertaintyLayer(std::shared_ptr<const PipelineResult> result, QObject *parent)
    : MapLayer(tr("Uncertainty (ensemble of %1)").arg(result->ensemble), parent), m_result(std::move(result)),
      m_job(new RenderJob(this))
{
    connect(m_job, &RenderJob::finished, this, [this](const RenderedImage &image) {
        m_image = image;
        m_maximum = *m_pendingMaximum; // the job reports only its latest work, whose maximum this is
        Q_EMIT repaintRequested();
        Q_EMIT renderFinished();
    });
    startRender();
}

void UncertaintyLayer::setResult(std::shared_ptr<const PipelineResult> result)
{
    if (!result || result == m_result || result->uncertainty.empty())
        return;
    m_result = std::move(result);
    startRender();
}

void UncertaintyLayer::startRender()
{
    const int factor = RasterLayer::overviewFactorFor(m_result->grid.width, m_result->grid.height);
    auto maximum = std::make_shared<double>(0.0);
    m_pendingMaximum = maximum;
    const std::shared_ptr<const PipelineResult> r = m_result;
    m_job->start([r, factor, maximum](const std::atomic_bool &cancel) {
        RenderedImage out;
        const double top = niceMaximum(largestValue(*r, &cancel));
        out.image = render(*r, factor, top, &cancel);
        out.factor = factor;
        out.cells = QRect(0, 0, out.image.width() * factor, out.image.height() * factor);
        *maximum = top; // read on the GUI thread after finished(), which the job's completion orders
        return out;
    });
}

UncertaintyLayer::~UncertaintyLayer() = default;

const ColorRamp &UncertaintyLayer::ramp()
{
    static const ColorRamp magma(ColorRamp::Magma);
    return magma;
}

double UncertaintyLayer::valueAt(int col, int row) const
{
    const GridSpec &g = m_result->grid;
    if (col < 0 || row < 0 || col >= g.width || row >= g.height || m_result->uncertainty.empty())
        return NAN;
    return m_result->uncertainty[std::size_t(row) * g.width + col];
}

double UncertaintyLayer::niceMaximum(double maximum)
{
    if (!(maximum > 0))
        return 0.01;
    const double power = std::pow(10.0, std::floor(std::log10(maximum)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (maximum <= step * power * (1 + 1e-12))
            return step * power;
    }
    return 10 * power;
}

double UncertaintyLayer::largestValue(const PipelineResult &result, const std::atomic_bool *cancel)
{
    double top = 0;
    for (std::size_t i = 0; i < result.uncertainty.size(); ++i) {
        if ((i & 0xfffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return top;
        const float v = result.uncertainty[i];
        if (std::isfinite(v) && v > top)
            top = v;
    }
    return top;
}

QRgb UncertaintyLayer::colorOf(double value, double maximum)
{
    if (std::isnan(value))
        return 0;
    return ramp().rgbAt(maximum > 0 ? value / maximum : 0.0);
}

QImage UncertaintyLayer::render(const PipelineResult &result, int factor, double maximum,
                                const std::atomic_bool *cancel)
{
    return blockMeanImage(
        result.uncertainty, result.grid.width, result.grid.height, factor,
        [&](double v) { return colorOf(v, maximum); }, cancel);
}

QRectF UncertaintyLayer::extent() const
{
    return QRectF(0, 0, m_result->grid.width, m_result->grid.height);
}

void UncertaintyLayer::paint(QPainter *painter, const QRectF &, double scale)
{
    m_image.draw(painter, extent(), scale);
}

QString UncertaintyLayer::toolTip() const
{
    QString tip = tr("%1\nStandard deviation of the deposit probability over the %2 networks of the ensemble: "
                     "where it is high, the members disagree and the map is less certain")
                      .arg(name())
                      .arg(m_result->ensemble);
    if (m_maximum > 0)
        tip += QLatin1Char('\n') + tr("Colours from 0 to %1").arg(QLocale().toString(m_maximum, 'g', 3));
    return tip;
}

} // namespace lodestone
