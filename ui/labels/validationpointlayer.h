// Validation occurrences on the map: a yellow diamond with a dark edge at each validation pixel, the same size
// on screen at every zoom, so that they stand out from the labels (red and blue cells) and from viridis.
//
// Thread: GUI thread.
#pragma once

#include "maplayer.h"

#include <QColor>

#include <cstddef>
#include <vector>

namespace lodestone {

/** \brief Point layer of validation occurrences (row-major pixel indices of a grid). */
class ValidationPointLayer : public MapLayer {
    Q_OBJECT
public:
    /// Side of a marker in screen pixels.
    static constexpr int kMarkerPixels = 9;

    ValidationPointLayer(std::vector<std::size_t> pixels, int gridWidth, int gridHeight, const QString &name,
                         QObject *parent = nullptr);

    const std::vector<std::size_t> &pixels() const { return m_pixels; }
    int count() const { return int(m_pixels.size()); }
    static QColor fillColor();

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    QString toolTip() const override;

private:
    std::vector<std::size_t> m_pixels;
    int m_width = 0, m_height = 0;
};

} // namespace lodestone
