// MapLayerItem: forwards painting to the layer with the exposed rectangle and the current scale.
#include "maplayeritem.h"

#include "maplayer.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace lodestone {

MapLayerItem::MapLayerItem(MapLayer *layer) : m_layer(layer)
{
    setFlag(ItemUsesExtendedStyleOption);
    m_bounds = layer ? layer->extent() : QRectF();
    setVisible(layer && layer->isVisible());
    setOpacity(layer ? layer->opacity() : 1.0);
}

void MapLayerItem::updateGeometry()
{
    prepareGeometryChange();
    m_bounds = m_layer ? m_layer->extent() : QRectF();
}

QRectF MapLayerItem::boundingRect() const
{
    return m_bounds;
}

void MapLayerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (!m_layer)
        return;
    const double scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    m_layer->paint(painter, option->exposedRect, scale);
}

} // namespace lodestone
