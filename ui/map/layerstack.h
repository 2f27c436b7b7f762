// The ordered list of map layers shared by the canvas (which draws them) and the layer panel (which shows
// and edits them). Index 0 is the top layer, drawn last, as in QGIS's layer tree.
//
// Thread: GUI thread.
#pragma once

#include <QList>
#include <QObject>

namespace lodestone {

class MapLayer;

/** \brief Owns the map layers and their drawing order. */
class LayerStack : public QObject {
    Q_OBJECT
public:
    explicit LayerStack(QObject *parent = nullptr);

    /** \brief Layers from top to bottom. */
    const QList<MapLayer *> &layers() const { return m_layers; }
    int count() const { return int(m_layers.size()); }
    int indexOf(MapLayer *layer) const { return int(m_layers.indexOf(layer)); }

    /** \brief Takes ownership of layer and inserts it at index (0 = top; -1 = bottom). */
    void insertLayer(MapLayer *layer, int index = 0);
    /** \brief Removes and deletes a layer. */
    void removeLayer(MapLayer *layer);
    /** \brief Removes and deletes all layers. */
    void clear();
    /** \brief Moves a layer to a new index (0 = top). */
    void moveLayer(MapLayer *layer, int index);
    /** \brief Moves a layer one step towards the top / the bottom; false if it is already there. */
    bool raise(MapLayer *layer);
    bool lower(MapLayer *layer);

Q_SIGNALS:
    void layerAdded(lodestone::MapLayer *layer);
    void layerAboutToBeRemoved(lodestone::MapLayer *layer);
    void layerRemoved();
    /** \brief The drawing order has changed (also after additions and removals). */
    void orderChanged();

private:
    QList<MapLayer *> m_layers;
};

} // namespace lodestone
