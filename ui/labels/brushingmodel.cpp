// BrushingModel: footprints are computed once per size; strokes are stamped anchor by anchor.
#include "brushingmodel.h"

#include "labels.h"

#include <QRegion>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace lodestone {

BrushingModel::BrushingModel(QObject *parent) : QObject(parent), m_class(LabelDeposit), m_footprint(footprint(1)) {}

bool BrushingModel::isErasing() const
{
    return m_class == LabelUnknown;
}

void BrushingModel::setBrushSize(int size)
{
    size = std::clamp(size, kMinSize, kMaxSize);
    if (size == m_size)
        return;
    m_size = size;
    m_footprint = footprint(size);
    Q_EMIT brushSizeChanged(size);
}

void BrushingModel::setBrushClass(uint8_t value)
{
    if (value > LabelUnknown || value == m_class)
        return;
    m_class = value;
    Q_EMIT brushClassChanged(value);
}

QVector<QPoint> BrushingModel::footprint(int size)
{
    size = std::clamp(size, kMinSize, kMaxSize);
    // Centre relative to the anchor cell's top-left corner: its centre (odd) or the corner itself (even).
    const double centre = (size % 2) ? 0.5 : 0.0;
    const double r2 = (size / 2.0) * (size / 2.0) + 1e-9;
    const int reach = size / 2 + 1;
    QVector<QPoint> cells;
    for (int dy = -reach; dy <= reach; ++dy) {
        for (int dx = -reach; dx <= reach; ++dx) {
            const double x = dx + 0.5 - centre, y = dy + 0.5 - centre;
            if (x * x + y * y <= r2)
                cells.append(QPoint(dx, dy));
        }
    }
    return cells;
}

QPainterPath BrushingModel::outline(int size)
{
    QRegion region;
    for (const QPoint &c : footprint(size))
        region += QRect(c.x(), c.y(), 1, 1);
    QPainterPath path;
    path.addRegion(region);
    return path.simplified();
}

QPoint BrushingModel::anchorOf(const QPointF &pixel, int size)
{
    if (size % 2)
        return QPoint(int(std::floor(pixel.x())), int(std::floor(pixel.y())));
    return QPoint(int(std::lround(pixel.x())), int(std::lround(pixel.y())));
}

QVector<QPoint> BrushingModel::line(const QPoint &a, const QPoint &b)
{
    QVector<QPoint> points;
    int x = a.x(), y = a.y();
    const int dx = std::abs(b.x() - x), dy = -std::abs(b.y() - y);
    const int sx = x < b.x() ? 1 : -1, sy = y < b.y() ? 1 : -1;
    int err = dx + dy;
    points.reserve(std::max(dx, -dy) + 1);
    while (true) {
        points.append(QPoint(x, y));
        if (x == b.x() && y == b.y())
            break;
        const int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y += sy;
        }
    }
    return points;
}

QPainterPath BrushingModel::outlineAt(const QPointF &pixel) const
{
    return outline(m_size).translated(QPointF(anchorOf(pixel, m_size)));
}

void BrushingModel::beginStroke(const QPointF &pixel)
{
    if (m_stroking)
        endStroke();
    m_stroking = true;
    m_lastAnchor = anchorOf(pixel, m_size);
    Q_EMIT strokeStarted(m_class);
    stamp({m_lastAnchor});
}

void BrushingModel::continueStroke(const QPointF &pixel)
{
    if (!m_stroking)
        return;
    const QPoint anchor = anchorOf(pixel, m_size);
    if (anchor == m_lastAnchor)
        return;
    QVector<QPoint> anchors = line(m_lastAnchor, anchor);
    anchors.removeFirst(); // already stamped
    m_lastAnchor = anchor;
    stamp(anchors);
}

void BrushingModel::endStroke()
{
    if (!m_stroking)
        return;
    m_stroking = false;
    Q_EMIT strokeFinished();
}

void BrushingModel::stamp(const QVector<QPoint> &anchors)
{
    QVector<QPoint> cells;
    cells.reserve(anchors.size() * m_footprint.size());
    for (const QPoint &a : anchors) {
        for (const QPoint &offset : m_footprint)
            cells.append(a + offset);
    }
    Q_EMIT strokeCells(cells, m_class);
}

} // namespace lodestone
