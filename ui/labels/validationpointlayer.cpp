// ValidationPointLayer: markers drawn in device pixels at the centres of the validation cells in view, as many as
// cover kMarkerPixels screen pixels.
#include "validationpointlayer.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace lodestone {

ValidationPointLayer::ValidationPointLayer(std::vector<std::size_t> pixels, int gridWidth, int gridHeight,
                                           const QString &name, QObject *parent)
    : MapLayer(name, parent), m_pixels(std::move(pixels)), m_width(gridWidth), m_height(gridHeight)
{
}

QColor ValidationPointLayer::fillColor()
{
    return QColor(0xff, 0xd7, 0x00);
}

QRectF ValidationPointLayer::extent() const
{
    return QRectF(0, 0, m_width, m_height);
}

void ValidationPointLayer::paint(QPainter *painter, const QRectF &exposed, double scale)
{
    if (m_pixels.empty() || m_width <= 0)
        return;
    const QTransform t = painter->worldTransform();
    // Device pixels per screen pixel: 1 on the canvas, more in a map exported at a higher resolution.
    const double cellWidth = std::hypot(t.m11(), t.m12());
    const double ratio = scale > 0 && cellWidth > 0 ? cellWidth / scale : 1.0;
    const double half = kMarkerPixels / 2.0 * ratio;
    QPainterPath diamond;
    diamond.moveTo(0, -half);
    diamond.lineTo(half, 0);
    diamond.lineTo(0, half);
    diamond.lineTo(-half, 0);
    diamond.closeSubpath();
    const QRectF margin = exposed.adjusted(-1, -1, 1, 1);
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.2 * ratio));
    painter->setBrush(fillColor());
    for (std::size_t p : m_pixels) {
        const QPointF cell(double(p % std::size_t(m_width)) + 0.5, double(p / std::size_t(m_width)) + 0.5);
        if (!margin.contains(cell))
            continue;
        painter->drawPath(diamond.translated(t.map(cell)));
    }
    painter->restore();
}

QString ValidationPointLayer::toolTip() const
{
    return tr("%1\n%2 validation occurrences: deposits the run does not train on; the map's prediction rate is "
              "measured at them")
        .arg(name())
        .arg(count());
}

} // namespace lodestone
