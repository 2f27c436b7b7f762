// GDAL helpers shared by the I/O files (labels, gridding): spatial references from WKT and a scope that silences
// GDAL's messages. It includes GDAL's headers: include it from .cpp files only, never from a public header.
#pragma once

#include <cpl_error.h>
#include <ogr_spatialref.h>

#include <memory>
#include <string>

namespace lodestone {

/** \brief A spatial reference in traditional GIS axis order (x = easting/longitude), or null for empty or
 *  unreadable WKT. */
inline std::unique_ptr<OGRSpatialReference> srsFromWkt(const std::string &wkt)
{
    if (wkt.empty())
        return nullptr;
    auto srs = std::make_unique<OGRSpatialReference>();
    if (srs->importFromWkt(wkt.c_str()) != OGRERR_NONE)
        return nullptr;
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

/** \brief The CRS's name for messages ("an unknown CRS" when the WKT cannot be read). */
inline std::string crsName(const std::string &wkt)
{
    auto srs = srsFromWkt(wkt);
    if (!srs)
        return "an unknown CRS";
    const char *name = srs->GetName();
    return name && *name ? name : "an unnamed CRS";
}

/** \brief Silences GDAL/PROJ messages for a scope and keeps the last one for our own error text. */
class QuietGdal {
public:
    QuietGdal()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal &) = delete;
    QuietGdal &operator=(const QuietGdal &) = delete;
    std::string lastMessage() const { return CPLGetLastErrorMsg(); }
};

} // namespace lodestone
