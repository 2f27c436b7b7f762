// RenderJob: QtConcurrent::run + QFutureWatcher, one watcher per run; stale results are recognised by a
// generation number and dropped.
#include "renderjob.h"

#include <QFutureWatcher>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

namespace lodestone {

void RenderedImage::draw(QPainter *painter, const QRectF &clip, double scale) const
{
    if (isNull())
        return;
    painter->save();
    painter->setClipRect(clip, Qt::IntersectClip);
    painter->setRenderHint(QPainter::SmoothPixmapTransform, scale * factor < 1.0);
    painter->drawImage(QRectF(cells), image);
    painter->restore();
}

RenderJob::RenderJob(QObject *parent) : QObject(parent) {}

RenderJob::~RenderJob()
{
    cancel();
}

void RenderJob::start(Work work)
{
    cancel();
    auto flag = std::make_shared<std::atomic_bool>(false);
    m_cancel = flag;
    const quint64 generation = ++m_generation;
    m_running = true;

    auto *watcher = new QFutureWatcher<RenderedImage>(this);
    connect(watcher, &QFutureWatcher<RenderedImage>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // superseded or canceled
        m_running = false;
        const RenderedImage result = watcher->result();
        if (!result.isNull())
            Q_EMIT finished(result);
    });
    watcher->setFuture(QtConcurrent::run([work = std::move(work), flag] { return work(*flag); }));
}

void RenderJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    ++m_generation;
    m_running = false;
}

} // namespace lodestone
