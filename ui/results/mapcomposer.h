// The map a geologist puts in a report: the part of the survey grid shown on the canvas, at the canvas's scale,
// with its visible layers, a legend of those layers (class names and colours, the probability ramp with its
// threshold, the ramps of the other rasters with their values), a scale bar true to the CRS, a north arrow, the CRS,
// the data's source and the date, framed inside the map so that the image has no white margin. Written as a PNG
// (with a world file placing it in a GIS) or as a one-page PDF of the map's size (text and frames as vectors).
//
// The map covers the visible part of the grid only, so what lies outside the grid on the canvas is not exported.
// Projected CRSs give a scale bar exact everywhere; a geographic CRS gives one true along the parallel of the map's
// centre, and the map says so (see MapScale).
//
// Thread: GUI thread (it reads the canvas's layers); the PNG and PDF are written there, from the layers' rendered
// images, which takes well under a second.
#pragma once

#include "mapscale.h"

#include <QColor>
#include <QCoreApplication>
#include <QDate>
#include <QImage>
#include <QRectF>
#include <QString>
#include <QVector>

class QPainter;

namespace lodestone {

class MapCanvas;

/** \brief A legend entry: a class swatch, a point marker or a colour ramp with its values. */
struct LegendItem {
    enum class Kind { Swatch, Marker, Ramp };
    Kind kind = Kind::Swatch;
    QString text;       ///< the swatch's or marker's name; the ramp's note (may be empty)
    QColor color;       ///< Swatch and Marker
    QVector<QRgb> ramp; ///< Ramp: colours from the low end to the high end (transparent where not drawn)
    QVector<QPair<double, QString>> ticks; ///< Ramp: positions in [0, 1] and their values
    double marker = -1; ///< Ramp: a marked position in [0, 1] (the probability threshold), -1 for none
    QString markerText; ///< its label ("threshold 0.50")
};

/** \brief The legend of one layer: its title and entries. */
struct LegendSection {
    QString title;
    QVector<LegendItem> items;
};

/** \brief Where the parts of a composed map went (logical pixels of the map, before any output factor). */
struct MapLayout {
    QRectF map;                ///< the whole map: (0, 0, width, height)
    QRectF legend;             ///< the legend's frame; empty when no visible layer has a legend
    QVector<QRectF> itemRects; ///< per legend item in legend() order, the swatch, marker or colour bar
    QRectF info;               ///< the frame of the scale bar, north arrow and text
    QRectF scaleBarBand;       ///< the black and white band of the scale bar; empty without a CRS
    ScaleBar scaleBar;
    QRectF northArrow;
    QStringList infoLines; ///< CRS, scale, data, date
};

/** \brief Composes the canvas's current view into a finished map. */
class MapComposer {
    Q_DECLARE_TR_FUNCTIONS(MapComposer)
public:
    /// Output pixels per canvas pixel of a PNG export (192 dots per inch for a 96 dpi view: print quality).
    static constexpr double kPngFactor = 2.0;
    /// Resolution of the rasters in a PDF export.
    static constexpr int kPdfDotsPerInch = 300;
    /// The resolution a map's logical pixels are given (that of a standard screen), for its printed size.
    static constexpr double kLogicalDotsPerInch = 96.0;

    /** \brief The canvas's reference grid and visible layers, as they are now. */
    explicit MapComposer(const MapCanvas &canvas);

    /** \brief The data's attribution, e.g. "survey.tif" (defaults to the reference layer's file name). */
    void setSource(const QString &source) { m_source = source; }
    QString source() const { return m_source; }
    /** \brief The date printed on the map (defaults to today). */
    void setDate(const QDate &date) { m_date = date; }
    QDate date() const { return m_date; }

    /** \brief False when no part of the grid is in view (nothing to export). */
    bool isValid() const { return !m_extent.isEmpty() && m_size.width() > 0 && m_size.height() > 0; }
    /** \brief The visible part of the grid, in grid pixel coordinates. */
    QRectF extent() const { return m_extent; }
    /** \brief The map's size in canvas pixels (the extent at the canvas's scale). */
    QSize mapSize() const { return m_size; }
    /** \brief Ground metres per canvas pixel of the map. */
    const MapScale &mapScale() const { return m_mapScale; }

    /** \brief The legend of the visible layers, top layer first. */
    QVector<LegendSection> legend() const;
    /** \brief The map drawn into an image of mapSize() times factor (white under nodata). */
    QImage render(double factor, MapLayout *layout = nullptr) const;
    /** \brief Draws the map on painter with factor output units per canvas pixel, from the origin. */
    MapLayout paint(QPainter &painter, double factor) const;

    /** \brief Writes render(kPngFactor) as a PNG with its resolution, and its world file, atomically. Returns an
     *  error message naming the file, empty on success. */
    QString writePng(const QString &path) const;
    /** \brief Writes the map as a one-page PDF of its size at kLogicalDotsPerInch, atomically. */
    QString writePdf(const QString &path) const;
    /** \brief The world file of a PNG written with factor output pixels per canvas pixel. */
    QString worldFile(double factor) const;

private:
    QPointF pixelToMap(const QPointF &pixel) const;
    MapLayout layout(QPainter &painter) const;

    const MapCanvas &m_canvas;
    QRectF m_extent;
    QSize m_size;
    double m_scale = 1;  ///< canvas pixels per grid column
    double m_aspect = 1; ///< canvas pixels per row / per column
    MapScale m_mapScale;
    QString m_source;
    QDate m_date;
};

} // namespace lodestone
