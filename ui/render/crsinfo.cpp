// CrsInfo: GDAL's OGRSpatialReference (through core's describeCrs) reads the WKT; this class only holds what the
// status bar and layer tooltips show.
#include "crsinfo.h"

#include "raster.h"

#include <QCoreApplication>

namespace lodestone {

CrsInfo::CrsInfo(const QString &wkt)
{
    const CrsDescription d = describeCrs(wkt.trimmed().toStdString());
    if (!d.valid)
        return;
    m_name = QString::fromStdString(d.name);
    m_authId = QString::fromStdString(d.authId);
    m_geographic = d.geographic;
    m_linearUnit = d.linearUnitMetres;
}

QString CrsInfo::shortName() const
{
    if (!m_authId.isEmpty())
        return m_authId;
    if (!m_name.isEmpty())
        return m_name;
    return QCoreApplication::translate("CrsInfo", "unknown CRS");
}

} // namespace lodestone
