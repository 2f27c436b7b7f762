// BrushOutlineItem: cosmetic pens, so the outline is as thin at 256 screen pixels per cell as at 1.
#include "brushoutlineitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace lodestone {

BrushOutlineItem::BrushOutlineItem()
{
    setZValue(kZValue);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void BrushOutlineItem::setOutline(const QPainterPath &path)
{
    if (path == m_path)
        return;
    prepareGeometryChange();
    m_path = path;
}

void BrushOutlineItem::setColor(const QColor &color)
{
    m_color = color;
    update();
}

void BrushOutlineItem::setViewScale(double scale)
{
    if (scale <= 0 || scale == m_scale)
        return;
    prepareGeometryChange();
    m_scale = scale;
}

QRectF BrushOutlineItem::boundingRect() const
{
    const double margin = (kRingPixels + 4.0) / m_scale;
    return m_path.boundingRect().adjusted(-margin, -margin, margin, margin);
}

void BrushOutlineItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_path.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    // A light tint of the class over the cells the brush covers, then a dark edge with the class colour in it.
    QColor tint = m_color;
    tint.setAlpha(70);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tint);
    painter->drawPath(m_path);
    painter->setBrush(Qt::NoBrush);
    QPen dark(QColor(0, 0, 0, 190), 4.0);
    dark.setCosmetic(true);
    QPen light(m_color, 2.0);
    light.setCosmetic(true);
    painter->setPen(dark);
    painter->drawPath(m_path);
    painter->setPen(light);
    painter->drawPath(m_path);

    const QRectF device = painter->worldTransform().mapRect(m_path.boundingRect());
    if (std::max(device.width(), device.height()) < 2.0 * kRingPixels) {
        const QPointF centre = device.center();
        painter->resetTransform();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(dark);
        painter->drawEllipse(centre, kRingPixels, kRingPixels);
        painter->setPen(light);
        painter->drawEllipse(centre, kRingPixels, kRingPixels);
    }
    painter->restore();
}

} // namespace lodestone
