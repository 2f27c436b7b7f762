// MapLayer: the common properties and their change signals.
#include "maplayer.h"

#include <algorithm>

namespace lodestone {

MapLayer::MapLayer(const QString &name, QObject *parent) : QObject(parent), m_name(name) {}

void MapLayer::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    Q_EMIT nameChanged(name);
}

void MapLayer::setVisible(bool visible)
{
    if (visible == m_visible)
        return;
    m_visible = visible;
    Q_EMIT visibilityChanged(visible);
}

void MapLayer::setOpacity(double opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity == m_opacity)
        return;
    m_opacity = opacity;
    Q_EMIT opacityChanged(opacity);
}

void MapLayer::setViewExtent(const QRectF &, double) {}

QString MapLayer::toolTip() const
{
    return m_name;
}

} // namespace lodestone
