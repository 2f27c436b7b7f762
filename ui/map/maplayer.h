// Base class of everything drawn on the map canvas: the survey now; labels, class map, probability map and
// feature maps later. A layer draws itself in the pixel coordinates of the survey grid (column, row; cell
// (c, r) covers [c, c+1) x [r, r+1)), which all of Lodestone's layers share.
//
// Thread: GUI thread. Subclasses may render on worker threads but deliver results on the GUI thread.
#pragma once

#include <QObject>
#include <QRectF>
#include <QString>

class QPainter;

namespace lodestone {

/** \brief A named, showable, translucent layer of the map. */
class MapLayer : public QObject {
    Q_OBJECT
public:
    explicit MapLayer(const QString &name, QObject *parent = nullptr);

    QString name() const { return m_name; }
    void setName(const QString &name);
    bool isVisible() const { return m_visible; }
    void setVisible(bool visible);
    /** \brief Opacity in [0, 1]. */
    double opacity() const { return m_opacity; }
    void setOpacity(double opacity);

    /** \brief Bounds of the layer in grid pixel coordinates. */
    virtual QRectF extent() const = 0;
    /** \brief Draws the part of the layer inside exposed (grid pixel coordinates; the painter maps them to the
     *  screen). scale is the number of screen pixels per grid cell; where the painter maps a cell to more device
     *  pixels than that (a map exported at a higher resolution), markers of a fixed size on screen grow by the same
     *  ratio. Opacity is applied by the caller. */
    virtual void paint(QPainter *painter, const QRectF &exposed, double scale) = 0;
    /** \brief Told by the canvas, after it settles, which cells are visible and at what scale, so a layer can
     *  prepare a more detailed rendering. The default does nothing. */
    virtual void setViewExtent(const QRectF &visible, double scale);
    /** \brief Description for the layer panel's tooltip. */
    virtual QString toolTip() const;

Q_SIGNALS:
    /** \brief The layer's look has changed; the canvas repaints it. */
    void repaintRequested();
    void nameChanged(const QString &name);
    void visibilityChanged(bool visible);
    void opacityChanged(double opacity);

private:
    QString m_name;
    bool m_visible = true;
    double m_opacity = 1.0;
};

} // namespace lodestone
