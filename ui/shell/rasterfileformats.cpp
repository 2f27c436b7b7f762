// RasterFileFormats: the formats of GDAL's raster drivers that geophysical grids come in.
#include "rasterfileformats.h"

#include <QCoreApplication>

namespace lodestone {

namespace {

struct Format {
    const char *name;     // translated in context RasterFileFormats
    const char *patterns; // space-separated globs
};

const Format kFormats[] = {
    {QT_TRANSLATE_NOOP("RasterFileFormats", "GeoTIFF"), "*.tif *.tiff *.gtif"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "Geosoft GXF grid"), "*.gxf"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "Surfer grid"), "*.grd"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "ER Mapper"), "*.ers"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "ERDAS Imagine"), "*.img"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "Esri ASCII grid"), "*.asc"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "Esri binary float grid"), "*.flt"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "ENVI"), "*.dat *.bil *.bsq *.bip *.envi"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "NetCDF"), "*.nc *.cdf"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "HDF5"), "*.h5 *.hdf5"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "SAGA grid"), "*.sdat"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "XYZ grid"), "*.xyz"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "GDAL virtual raster"), "*.vrt"},
    {QT_TRANSLATE_NOOP("RasterFileFormats", "JPEG 2000"), "*.jp2"},
};

} // namespace

QStringList RasterFileFormats::nameFilters()
{
    QStringList filters;
    QStringList all;
    for (const Format &f : kFormats) {
        const QString patterns = QString::fromLatin1(f.patterns);
        all << patterns;
        filters << QStringLiteral("%1 (%2)").arg(QCoreApplication::translate("RasterFileFormats", f.name), patterns);
    }
    filters.prepend(
        QCoreApplication::translate("RasterFileFormats", "All supported rasters (%1)").arg(all.join(QLatin1Char(' '))));
    filters << QCoreApplication::translate("RasterFileFormats", "All files (*)");
    return filters;
}

QString RasterFileFormats::dialogFilter()
{
    return nameFilters().join(QStringLiteral(";;"));
}

} // namespace lodestone
