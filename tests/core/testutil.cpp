#include "testutil.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <random>
#include <stdexcept>

namespace lodestone::test {

TempDir::TempDir()
{
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto p = base / ("lodestone-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(p)) {
            m_path = p.string();
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string wktOf(int epsg)
{
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    char *wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string s = wkt ? wkt : "";
    CPLFree(wkt);
    return s;
}

void writeTestRaster(const std::string &path, int width, int height, const std::vector<std::vector<double>> &bands,
                     const std::string &gdalType, double originX, double originY, double pixel, int epsg,
                     const double *noData)
{
    GDALAllRegister();
    GDALDataType type = GDALGetDataTypeByName(gdalType.c_str());
    GDALDriver *drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset *ds = drv->Create(path.c_str(), width, height, int(bands.size()), type, nullptr);
    if (!ds)
        throw std::runtime_error("cannot create " + path);
    double gt[6] = {originX, pixel, 0, originY, 0, -pixel};
    ds->SetGeoTransform(gt);
    if (epsg > 0) {
        OGRSpatialReference srs;
        srs.importFromEPSG(epsg);
        ds->SetSpatialRef(&srs);
    }
    for (std::size_t b = 0; b < bands.size(); ++b) {
        GDALRasterBand *band = ds->GetRasterBand(int(b) + 1);
        if (noData)
            band->SetNoDataValue(*noData);
        std::vector<double> v = bands[b];
        if (band->RasterIO(GF_Write, 0, 0, width, height, v.data(), width, height, GDT_Float64, 0, 0, nullptr) !=
            CE_None)
            throw std::runtime_error("cannot write " + path);
    }
    GDALClose(ds);
}

std::string sharedData(const std::string &relative)
{
    std::filesystem::path p = std::filesystem::path(LODESTONE_SHARED_DATA) / relative;
    return std::filesystem::exists(p) ? p.string() : std::string();
}

} // namespace lodestone::test
