// GDAL helpers shared by the I/O files (rasters, labels, points, gridding, outputs): spatial references from WKT and
// a scope that silences GDAL's messages. Datasets are held by GDAL's own GDALDatasetUniquePtr (gdal_priv.h). It
// includes GDAL's headers: include it from .cpp files only, never from a public header.
#pragma once

#include <cpl_conv.h>
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

/** \brief srs as WKT2 (2018); empty when GDAL cannot write it. The inverse of srsFromWkt(). */
inline std::string wktOf(const OGRSpatialReference &srs)
{
    char *wkt = nullptr;
    const char *options[] = {"FORMAT=WKT2_2018", nullptr};
    std::string s;
    if (srs.exportToWkt(&wkt, options) == OGRERR_NONE && wkt)
        s = wkt;
    CPLFree(wkt);
    return s;
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

/** \brief Silences GDAL/PROJ messages for a scope (GDAL's own CPLErrorHandlerPusher, with the quiet handler) and
 *  keeps the last one of the scope for our own error text: the one way core silences GDAL. */
class QuietGdal {
public:
    QuietGdal() { CPLErrorReset(); }
    QuietGdal(const QuietGdal &) = delete;
    QuietGdal &operator=(const QuietGdal &) = delete;
    std::string lastMessage() const { return CPLGetLastErrorMsg(); }

private:
    CPLErrorHandlerPusher m_pusher{CPLQuietErrorHandler};
};

} // namespace lodestone
