// Shared helpers for core tests: temporary folders and small georeferenced rasters written by GDAL.
#pragma once

#include <string>
#include <vector>

namespace lodestone::test {

/** \brief A fresh temporary folder, removed when the object is destroyed. */
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string &path() const { return m_path; }
    std::string file(const std::string &name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

/** \brief WKT of an EPSG code, e.g. 3067. */
std::string wktOf(int epsg);

/** \brief Writes a GeoTIFF with GDAL directly (independent of the code under test).
 *  gdalType is "Float32", "Float64", "Byte" or "Int16"; values are converted to it. */
void writeTestRaster(const std::string &path, int width, int height, const std::vector<std::vector<double>> &bands,
                     const std::string &gdalType = "Float32", double originX = 500000, double originY = 7500000,
                     double pixel = 100, int epsg = 3067, const double *noData = nullptr);

/** \brief Path of a file in ../shared/data, or empty when the shared data are absent. */
std::string sharedData(const std::string &relative);

} // namespace lodestone::test
