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

#include <atomic>
#include <functional>
#include <memory>

namespace lodestone {

/** \brief An image rendered for a region of the layer's grid (in pixel coordinates of the grid). */
struct RenderedImage {
    QImage image;
    QRect cells;      ///< the grid cells the image covers
    int factor = 1;   ///< grid cells per image pixel along each axis
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

} // namespace lodestone
