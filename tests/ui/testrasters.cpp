// Test rasters for the ui tests.
#include "testrasters.h"

#include <cmath>
#include <vector>

namespace lodestone::test {

const char *const kWktEpsg3067 =
    "PROJCS[\"ETRS89 / TM35FIN(E,N)\",GEOGCS[\"ETRS89\",DATUM[\"European_Terrestrial_Reference_System_1989\","
    "SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],AUTHORITY[\"EPSG\",\"6258\"]],"
    "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,"
    "AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4258\"]],PROJECTION[\"Transverse_Mercator\"],"
    "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",27],PARAMETER[\"scale_factor\",0.9996],"
    "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,"
    "AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"3067\"]]";

GridSpec makeGrid(int width, int height, double originX, double originY, double cell)
{
    GridSpec g;
    g.width = width;
    g.height = height;
    g.geoTransform = {originX, cell, 0.0, originY, 0.0, -cell};
    g.hasGeoTransform = true;
    g.crsWkt = kWktEpsg3067;
    return g;
}

Raster makeRaster(int width, int height, const std::function<float(int, int)> &value, const GridSpec &grid)
{
    Raster r;
    r.grid = grid;
    r.grid.width = width;
    r.grid.height = height;
    r.data.resize(std::size_t(width) * height);
    r.valid.resize(r.data.size());
    for (int row = 0; row < height; ++row) {
        for (int col = 0; col < width; ++col) {
            const std::size_t i = std::size_t(row) * width + col;
            const float v = value(col, row);
            r.data[i] = v;
            r.valid[i] = std::isnan(v) ? 0 : 1;
        }
    }
    r.path = "memory";
    return r;
}

Raster makeRaster(int width, int height, const std::function<float(int, int)> &value)
{
    return makeRaster(width, height, value, makeGrid(width, height));
}

QString writeGeoTiff(const QString &path, int width, int height, const std::function<float(int, int)> &value, int bands)
{
    const Raster r = makeRaster(width, height, value);
    std::vector<std::vector<float>> copies(std::size_t(bands), r.data);
    std::vector<const float *> pointers;
    std::vector<std::string> names;
    for (int b = 0; b < bands; ++b) {
        for (float &v : copies[std::size_t(b)])
            v += float(b) * 1000.0f; // bands differ by 1000 so tests can tell them apart
        pointers.push_back(copies[std::size_t(b)].data());
        names.push_back("band " + std::to_string(b + 1) + " description");
    }
    writeFloatGeoTiff(path.toStdString(), r.grid, pointers, -9999.0f, names);
    return path;
}

} // namespace lodestone::test
