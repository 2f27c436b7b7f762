// What the status bar and layer tooltips say about a CRS, read from its WKT by GDAL: the name and the authority
// code (e.g. "EPSG:3067"), whether coordinates are angles, and the linear unit.
//
// Thread: a value type.
#pragma once

#include <QString>

namespace lodestone {

/** \brief Name and authority code of a coordinate reference system given as WKT (WKT1 or WKT2); empty when GDAL
 *  cannot read the WKT. */
class CrsInfo {
public:
    CrsInfo() = default;
    explicit CrsInfo(const QString &wkt);

    bool isEmpty() const { return m_name.isEmpty() && m_authId.isEmpty(); }
    /** \brief The CRS's name, e.g. "ETRS89 / TM35FIN(E,N)". */
    QString name() const { return m_name; }
    /** \brief Authority and code of the CRS as a whole, e.g. "EPSG:3067"; empty if the WKT has none. */
    QString authId() const { return m_authId; }
    /** \brief What the status bar shows: the authority code, else the name, else "unknown CRS". */
    QString shortName() const;
    /** \brief True for a geographic CRS (coordinates in degrees). */
    bool isGeographic() const { return m_geographic; }
    /** \brief Metres per unit of a projected CRS's coordinates (1 for metres, 0.3048 for feet), from the CRS's own
     *  UNIT or its axes' LENGTHUNIT; 1 when the WKT names none; 0 for a geographic CRS. */
    double linearUnitMetres() const { return m_linearUnit; }

private:
    QString m_name;
    QString m_authId;
    bool m_geographic = false;
    double m_linearUnit = 1.0;
};

} // namespace lodestone
