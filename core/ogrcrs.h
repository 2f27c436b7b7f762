// Spatial references from WKT for the I/O files (labels, gridding). It includes OGR's headers: include it from
// .cpp files only, never from a public header.
#pragma once

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

} // namespace lodestone
