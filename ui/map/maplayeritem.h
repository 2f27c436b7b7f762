// The graphics item through which the canvas's scene draws one MapLayer. The canvas keeps the item's
// visibility, opacity and z-value in step with the layer and the layer stack.
//
// Thread: GUI thread.
#pragma once

#include <QGraphicsItem>
#include <QPointer>

namespace lodestone {

class MapLayer;

/** \brief Draws a MapLayer in the scene (scene coordinates are grid pixel coordinates). */
class MapLayerItem : public QGraphicsItem {
public:
    explicit MapLayerItem(MapLayer *layer);

    MapLayer *layer() const { return m_layer; }
    /** \brief Call when the layer's extent has changed. */
    void updateGeometry();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPointer<MapLayer> m_layer;
    QRectF m_bounds;
};

} // namespace lodestone
