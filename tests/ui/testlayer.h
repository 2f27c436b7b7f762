// A minimal MapLayer for tests of the layer machinery: fills its extent with one colour.
#pragma once

#include "maplayer.h"

#include <QColor>
#include <QPainter>

namespace lodestone::test {

class SolidLayer : public MapLayer {
public:
    SolidLayer(const QString &name, QColor color, QRectF extent = QRectF(0, 0, 10, 10))
        : MapLayer(name), m_color(color), m_extent(extent)
    {
    }
    QRectF extent() const override { return m_extent; }
    void paint(QPainter *painter, const QRectF &, double) override { painter->fillRect(m_extent, m_color); }

private:
    QColor m_color;
    QRectF m_extent;
};

} // namespace lodestone::test
