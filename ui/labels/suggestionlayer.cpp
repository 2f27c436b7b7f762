// SuggestionLayer: numbered markers drawn in device pixels at the centres of the suggested cells in view.
#include "suggestionlayer.h"

#include <QPainter>

namespace lodestone {

SuggestionLayer::SuggestionLayer(std::vector<LabelSuggestion> places, int gridWidth, int gridHeight, QObject *parent)
    : MapLayer(tr("Places to label"), parent), m_places(std::move(places)), m_width(gridWidth), m_height(gridHeight)
{
}

void SuggestionLayer::setCurrent(int index)
{
    if (index < -1 || index >= count() || index == m_current)
        return;
    m_current = index;
    Q_EMIT repaintRequested();
}

QRectF SuggestionLayer::extent() const
{
    return QRectF(0, 0, m_width, m_height);
}

void SuggestionLayer::paint(QPainter *painter, const QRectF &exposed, double)
{
    if (m_places.empty())
        return;
    const QTransform t = painter->worldTransform();
    const QRectF margin = exposed.adjusted(-2, -2, 2, 2);
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(11);
    painter->setFont(font);
    // The current place last, over the others.
    std::vector<int> order;
    for (int i = 0; i < count(); ++i)
        if (i != m_current)
            order.push_back(i);
    if (m_current >= 0)
        order.push_back(m_current);
    for (int i : order) {
        const LabelSuggestion &s = m_places[std::size_t(i)];
        const QPointF cell(s.col + 0.5, s.row + 0.5);
        if (!margin.contains(cell))
            continue;
        const bool current = i == m_current;
        const double radius = (current ? 1.5 : 1.0) * kMarkerPixels / 2.0;
        const QPointF centre = t.map(cell);
        painter->setPen(QPen(QColor(0x20, 0x20, 0x20), current ? 2.5 : 1.5));
        painter->setBrush(current ? QColor(0x00, 0xe5, 0xff) : QColor(0xff, 0xff, 0xff, 230));
        painter->drawEllipse(centre, radius, radius);
        painter->setPen(QColor(0x10, 0x10, 0x10));
        painter->drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius), Qt::AlignCenter,
                          QString::number(i + 1));
    }
    painter->restore();
}

QString SuggestionLayer::toolTip() const
{
    return tr("%1\n%2 places where the map is least certain and no label is near: label them next")
        .arg(name())
        .arg(count());
}

} // namespace lodestone
