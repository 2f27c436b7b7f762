// Runs rendering work on Qt's global thread pool and hands the newest result back on the GUI thread.
// Starting a new run cancels the previous one (its atomic flag is set and its result dropped), in the
// spirit of the Mandelbrot example's restart/abort flags.
//
// Thread: a RenderJob lives on the GUI thread; the work function runs on a pool thread and must only touch
// data it owns or that is immutable (e.g. a shared_ptr<const Raster> captured by value).
#pragma once

#include <QImage>
#include <QObject>
#include <QRect>

class QPainter;

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

namespace lodestone {

/** \brief An image rendered for a region of the layer's grid (in pixel coordinates of the grid). */
struct RenderedImage {
    QImage image;
    QRect cells;    ///< the grid cells the image covers
    int factor = 1; ///< grid cells per image pixel along each axis
    bool isNull() const { return image.isNull(); }
    /** \brief Draws the image over its cells (painter in grid coordinates at scale screen pixels per cell),
     *  clipped to clip; smoothed only where an image pixel is smaller than a screen pixel. */
    void draw(QPainter *painter, const QRectF &clip, double scale) const;
};

/** \brief One restartable background render. */
class RenderJob : public QObject {
    Q_OBJECT
public:
    using Work = std::function<RenderedImage(const std::atomic_bool &cancel)>;

    explicit RenderJob(QObject *parent = nullptr);
    ~RenderJob() override;

    /** \brief Cancels the running work, if any, and starts work on the thread pool. */
    void start(Work work);
    /** \brief Cancels the running work; no finished() will be emitted for it. */
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /** \brief The latest started work has completed (not emitted for canceled work). */
    void finished(const lodestone::RenderedImage &result);

private:
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_running = false;
};

/** \brief An image of a raster of values (w x h, row-major) reduced by factor: each output pixel is coloured by
 *  colour(mean of the finite values of its factor x factor block), transparent where the block has none. Returns
 *  a null image for a size mismatch, or when cancel is set (checked every 32 output rows). */
template <typename Colour>
QImage blockMeanImage(const std::vector<float> &values, int w, int h, int factor, Colour colour,
                      const std::atomic_bool *cancel)
{
    if (w <= 0 || h <= 0 || values.size() != std::size_t(w) * std::size_t(h))
        return {};
    factor = std::max(1, factor);
    const int outW = (w + factor - 1) / factor, outH = (h + factor - 1) / factor;
    QImage image(outW, outH, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < outH; ++y) {
        if ((y & 31) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return {};
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        const int r0 = y * factor, r1 = std::min(h, r0 + factor);
        for (int x = 0; x < outW; ++x) {
            const int c0 = x * factor, c1 = std::min(w, c0 + factor);
            double sum = 0;
            int n = 0;
            for (int r = r0; r < r1; ++r) {
                const float *src = values.data() + std::size_t(r) * std::size_t(w);
                for (int c = c0; c < c1; ++c)
                    if (std::isfinite(src[c])) {
                        sum += src[c];
                        ++n;
                    }
            }
            line[x] = n ? colour(sum / n) : 0;
        }
    }
    return image;
}

} // namespace lodestone
