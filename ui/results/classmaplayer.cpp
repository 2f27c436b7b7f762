// ClassMapLayer: a lookup from core's colour table; rendered once, since nothing about it changes.
#include "classmaplayer.h"

#include "pipeline.h"
#include "rasterlayer.h"

#include <QLocale>
#include <QPainter>

namespace lodestone {

ClassMapLayer::ClassMapLayer(std::shared_ptr<const PipelineResult> result, const QString &name, QObject *parent)
    : MapLayer(name, parent), m_result(std::move(result)), m_job(new RenderJob(this))
{
    // The class counts are taken on the pool thread with the image and read only once it has finished (the job
    // reports only its latest work, whose counts m_pendingCounts holds).
    connect(m_job, &RenderJob::finished, this, [this](const RenderedImage &image) {
        m_image = image;
        m_counts = *m_pendingCounts;
        Q_EMIT repaintRequested();
        Q_EMIT renderFinished();
    });
    startRender();
}

void ClassMapLayer::setResult(std::shared_ptr<const PipelineResult> result)
{
    if (!result || result == m_result)
        return;
    m_result = std::move(result);
    startRender();
}

void ClassMapLayer::startRender()
{
    auto counts = std::make_shared<std::array<std::size_t, 2>>();
    m_pendingCounts = counts;
    const std::shared_ptr<const PipelineResult> r = m_result;
    const int factor = RasterLayer::overviewFactorFor(r->grid.width, r->grid.height);
    m_job->start([r, factor, counts](const std::atomic_bool &cancel) {
        for (uint8_t v : r->classes) {
            if (v <= 1)
                ++(*counts)[v];
        }
        RenderedImage out;
        out.image = render(*r, factor, &cancel);
        out.factor = factor;
        out.cells = QRect(0, 0, out.image.width() * factor, out.image.height() * factor);
        return out;
    });
}

ClassMapLayer::~ClassMapLayer() = default;

QColor ClassMapLayer::colorOf(int cls)
{
    for (const ColorEntry &e : classColorTable()) {
        if (e.value == cls)
            return QColor(e.r, e.g, e.b, e.a);
    }
    return QColor(0, 0, 0, 0);
}

int ClassMapLayer::classAt(int col, int row) const
{
    const GridSpec &g = m_result->grid;
    if (col < 0 || row < 0 || col >= g.width || row >= g.height || m_result->classes.empty())
        return 255;
    return m_result->classes[std::size_t(row) * g.width + col];
}

QImage ClassMapLayer::render(const PipelineResult &result, int factor, const std::atomic_bool *cancel)
{
    const int w = result.grid.width, h = result.grid.height;
    if (w <= 0 || h <= 0 || result.classes.size() != std::size_t(w) * h)
        return {};
    factor = std::max(1, factor);
    QRgb lut[256];
    for (int v = 0; v < 256; ++v)
        lut[v] = colorOf(v).rgba();
    const int outW = (w + factor - 1) / factor, outH = (h + factor - 1) / factor;
    QImage image(outW, outH, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < outH; ++y) {
        if ((y & 63) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return {};
        const int row = std::min(h - 1, y * factor + factor / 2);
        const uint8_t *src = result.classes.data() + std::size_t(row) * w;
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < outW; ++x)
            line[x] = lut[src[std::min(w - 1, x * factor + factor / 2)]]; // opaque or fully transparent
    }
    return image;
}

QRectF ClassMapLayer::extent() const
{
    return QRectF(0, 0, m_result->grid.width, m_result->grid.height);
}

void ClassMapLayer::paint(QPainter *painter, const QRectF &, double scale)
{
    // Classes are categories: never blend neighbouring cells when zoomed in (draw() smooths only when zoomed out).
    m_image.draw(painter, extent(), scale);
}

QString ClassMapLayer::toolTip() const
{
    const std::size_t non = m_counts[0], deposit = m_counts[1];
    if (m_image.isNull())
        return name();
    const double total = double(deposit + non);
    return tr("%1\nDeposit (red): %2 % of valid ground\nNon-deposit (blue): %3 %")
        .arg(name())
        .arg(QLocale().toString(total > 0 ? 100.0 * double(deposit) / total : 0.0, 'f', 1))
        .arg(QLocale().toString(total > 0 ? 100.0 * double(non) / total : 0.0, 'f', 1));
}

} // namespace lodestone
