// The ground distance behind a map's pixels, for scale bars and scale ratios (1:250 000) on the canvas and in
// map exports. Projected CRSs: the CRS's linear unit (metres, feet, ...) converted to metres, exact everywhere on
// the grid. Geographic CRSs: a degree of longitude converted to metres on the WGS 84 ellipsoid at the latitude of
// the view's centre, so the scale bar is true along that parallel only (and says so). A grid without a CRS or
// georeferencing has no known ground distance: no scale bar.
//
// Thread: a value type.
#pragma once

#include <QPointF>
#include <QString>

namespace lodestone {

class CrsInfo;
struct GridSpec;

/** \brief A scale bar fitted to the room available: a round ground length and its length in output pixels. */
struct ScaleBar {
    double metres = 0; ///< ground length of the whole bar
    double pixels = 0; ///< its length on the output (metres / metres per pixel)
    int segments = 0;  ///< alternating black and white parts (2, 4 or 5)
    QString label;     ///< "5 km", "500 m"
    bool isValid() const { return metres > 0 && pixels > 0; }
};

/** \brief Metres per output pixel of a map view.
 *
 *  \code
 *  const MapScale s = MapScale::forView(grid, CrsInfo(wkt), view.center(), canvas->scale());
 *  ScaleBar bar = s.scaleBar(150);                 // at most 150 pixels long
 *  QString ratio = MapScale::ratioText(s.denominator(96));   // "1:250 000" on a 96 dpi screen
 *  \endcode
 */
class MapScale {
public:
    MapScale() = default;
    /** \brief The scale of a view of grid showing pixelsPerCell output pixels per grid column, measured
     *  horizontally; centre (fractional grid coordinates, column and row) gives the latitude for geographic CRSs. */
    static MapScale forView(const GridSpec &grid, const CrsInfo &crs, const QPointF &centre, double pixelsPerCell);

    bool isValid() const { return m_metresPerPixel > 0; }
    double metresPerPixel() const { return m_metresPerPixel; }
    /** \brief True when the ground distance is measured along the parallel of latitude() (geographic CRS). */
    bool isGeographic() const { return m_geographic; }
    double latitude() const { return m_latitude; }

    /** \brief The longest bar of a round length (1, 2 or 5 times a power of ten metres) that fits in maxPixels. */
    ScaleBar scaleBar(double maxPixels) const;
    /** \brief N of the scale 1:N when the output is shown or printed at dotsPerInch. */
    double denominator(double dotsPerInch) const;

    /** \brief The largest 1, 2 or 5 times a power of ten that is not above value (value > 0). */
    static double roundLengthBelow(double value);
    /** \brief "250 m", "1.5 km": metres below 1 km, kilometres from 1 km. */
    static QString lengthText(double metres);
    /** \brief "1:250 000": the denominator rounded to three significant digits, thousands separated by spaces. */
    static QString ratioText(double denominator);
    /** \brief Metres per degree of longitude on the WGS 84 ellipsoid at a latitude in degrees. */
    static double metresPerDegreeLongitude(double latitude);

private:
    double m_metresPerPixel = 0;
    bool m_geographic = false;
    double m_latitude = 0;
};

} // namespace lodestone
