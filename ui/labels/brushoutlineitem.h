// The brush outline under the cursor while the paint tool is active: the cells the brush would paint,
// outlined in the class colour over a dark edge (white for the eraser). When the brush is smaller than a few
// screen pixels a small ring of fixed screen size is drawn around it too, so it stays visible zoomed out.
//
// Thread: GUI thread.
#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>

namespace lodestone {

/** \brief Scene item drawing the brush footprint (scene coordinates are grid pixel coordinates). */
class BrushOutlineItem : public QGraphicsItem {
public:
    /// Above every map layer item (their z-values are the number of layers at most).
    static constexpr double kZValue = 1e6;
    /// Radius of the ring drawn around small brushes, in screen pixels.
    static constexpr double kRingPixels = 7.0;

    BrushOutlineItem();

    /** \brief The footprint outline in grid coordinates. */
    void setOutline(const QPainterPath &path);
    QPainterPath outline() const { return m_path; }
    void setColor(const QColor &color);
    /** \brief Screen pixels per grid cell, so that the bounding rectangle covers the ring. */
    void setViewScale(double scale);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPainterPath m_path;
    QColor m_color = Qt::white;
    double m_scale = 1.0;
};

} // namespace lodestone
