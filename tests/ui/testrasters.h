// Shared helpers for the ui tests: small rasters made in memory or written as GeoTIFFs with core's writer.
#pragma once

#include "raster.h"

#include <QString>

#include <functional>
#include <memory>

namespace lodestone::test {

/// WKT1 of EPSG:3067 (ETRS89 / TM35FIN), the CRS of the Kolari survey.
extern const char *const kWktEpsg3067;

/** \brief A north-up grid: origin (top-left corner) and square cells. */
GridSpec makeGrid(int width, int height, double originX = 1000.0, double originY = 5000.0, double cell = 10.0);

/** \brief A raster whose cell (c, r) holds value(c, r); NaN makes the cell nodata. */
Raster makeRaster(int width, int height, const std::function<float(int, int)> &value, const GridSpec &grid);
Raster makeRaster(int width, int height, const std::function<float(int, int)> &value);

/** \brief Writes a one-band Float32 GeoTIFF (NaN as nodata) in EPSG:3067 and returns its path. */
QString writeGeoTiff(const QString &path, int width, int height, const std::function<float(int, int)> &value,
                     int bands = 1);

} // namespace lodestone::test
