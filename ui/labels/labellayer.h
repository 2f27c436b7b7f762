// The label layer: the LabelDocument drawn over the survey, deposit red, non-deposit blue, unknown
// transparent. Zoomed in, every labelled cell is a crisp square with a thin white edge where the class
// changes; zoomed out, when a cell is smaller than a few screen pixels, every labelled cell is drawn as a
// marker of kMarkerPixels screen pixels with a white halo, since labels are sparse (a few dozen pixels on a
// grid of millions) and would otherwise vanish.
//
// Thread: GUI thread.
#pragma once

#include "maplayer.h"

#include <QColor>
#include <QImage>
#include <QPointer>
#include <QRect>
#include <QTransform>

#include <cstdint>

namespace lodestone {

class LabelDocument;
struct LabelImage;

/** \brief Draws the labels of a LabelDocument (not owned). */
class LabelLayer : public MapLayer {
    Q_OBJECT
public:
    /// Side of a labelled cell's marker when cells are smaller than this on screen, in screen pixels (in a map
    /// exported at a higher resolution, as many device pixels as cover that many screen pixels).
    static constexpr int kMarkerPixels = 5;

    LabelLayer(LabelDocument *document, const QString &name, QObject *parent = nullptr);

    /** \brief Colour of a label value: deposit red, non-deposit blue, anything else transparent. */
    static QColor colorOf(uint8_t value);

    LabelDocument *document() const;
    /** \brief The cells of labels inside cells, one pixel each, in the class colours (premultiplied ARGB).
     *  Made for the visible cells only when drawn, so the layer holds no image of the whole grid. */
    static QImage imageOf(const LabelImage &labels, const QRect &cells);

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    QString toolTip() const override;

private:
    void update(const QRect &region);
    void paintCells(QPainter *painter, const QRect &cells);
    void paintMarkers(QPainter *painter, const QRect &cells, int side);
    QImage renderMarkers(const QTransform &toDevice, const QRect &cells, const QRect &deviceRect, int side) const;

    QPointer<LabelDocument> m_document;
    quint64 m_generation = 0;
    // Markers are rendered for one view and reused until the view or the labels change (the canvas repaints
    // the whole view whenever the brush outline moves).
    QImage m_markers;
    QRect m_markerDeviceRect;
    QRect m_markerCells;
    QTransform m_markerTransform;
    int m_markerSide = 0;
    quint64 m_markerGeneration = ~quint64(0);
};

} // namespace lodestone
