// LayerStack: ownership through QObject parenting; every change ends with orderChanged().
#include "layerstack.h"

#include "maplayer.h"

namespace lodestone {

LayerStack::LayerStack(QObject *parent) : QObject(parent) {}

void LayerStack::insertLayer(MapLayer *layer, int index)
{
    if (!layer || m_layers.contains(layer))
        return;
    layer->setParent(this);
    if (index < 0 || index > m_layers.size())
        index = int(m_layers.size());
    m_layers.insert(index, layer);
    Q_EMIT layerAdded(layer);
    Q_EMIT orderChanged();
}

void LayerStack::removeLayer(MapLayer *layer)
{
    if (!m_layers.contains(layer))
        return;
    Q_EMIT layerAboutToBeRemoved(layer);
    m_layers.removeOne(layer);
    delete layer;
    Q_EMIT layerRemoved();
    Q_EMIT orderChanged();
}

void LayerStack::clear()
{
    while (!m_layers.isEmpty())
        removeLayer(m_layers.front());
}

void LayerStack::moveLayer(MapLayer *layer, int index)
{
    const int from = indexOf(layer);
    if (from < 0)
        return;
    index = qBound(0, index, int(m_layers.size()) - 1);
    if (index == from)
        return;
    m_layers.move(from, index);
    Q_EMIT orderChanged();
}

bool LayerStack::raise(MapLayer *layer)
{
    const int i = indexOf(layer);
    if (i <= 0)
        return false;
    moveLayer(layer, i - 1);
    return true;
}

bool LayerStack::lower(MapLayer *layer)
{
    const int i = indexOf(layer);
    if (i < 0 || i + 1 >= m_layers.size())
        return false;
    moveLayer(layer, i + 1);
    return true;
}

} // namespace lodestone
