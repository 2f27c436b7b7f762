// Training labels: label rasters, occurrence points (CSV, GeoPackage, GeoJSON, Shapefile), reprojection,
// outside/invalid policies, random negatives and the written label raster; plus the Kolari real data.
#include "error.h"
#include "labels.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

// The synthetic survey: 6 x 5 pixels of 100 m, upper-left corner (500000, 7500000), EPSG:3067.
constexpr double OriginX = 500000, OriginY = 7500000, Pixel = 100;
constexpr int Width = 6, Height = 5;
constexpr double SurveyNoData = -1e32;

/// Survey with the given invalid pixels (col, row) as nodata.
Raster makeSurvey(const TempDir &dir, const std::vector<std::pair<int, int>> &invalid = {}, int w = Width,
                  int h = Height, double originX = OriginX, double originY = OriginY)
{
    std::vector<double> v(std::size_t(w) * h);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = double(i);
    for (auto [c, r] : invalid)
        v[std::size_t(r) * w + c] = SurveyNoData;
    const std::string path = dir.file("survey.tif");
    test::writeTestRaster(path, w, h, {v}, "Float32", originX, originY, Pixel, 3067, &SurveyNoData);
    return readRaster(path);
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream(path) << text;
}

std::string errorOf(const std::function<void()> &f, ErrorCode expected)
{
    try {
        f();
    } catch (const Error &e) {
        EXPECT_EQ(int(e.code()), int(expected)) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "no Error thrown";
    return {};
}

bool contains(const std::string &s, const std::string &part)
{
    return s.find(part) != std::string::npos;
}

/// Writes a point vector file with OGR directly (independent of the code under test). epsg 0: no CRS.
void writePointFile(const std::string &path, const std::string &driverName, int epsg,
                    const std::vector<std::pair<double, double>> &xy)
{
    GDALAllRegister();
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName(driverName.c_str());
    ASSERT_NE(driver, nullptr);
    GDALDataset *ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRSpatialReference srs;
    if (epsg > 0) {
        srs.importFromEPSG(epsg);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayer *layer = ds->CreateLayer("occurrences", epsg > 0 ? &srs : nullptr, wkbPoint, nullptr);
    ASSERT_NE(layer, nullptr);
    OGRFieldDefn name("Name", OFTString);
    layer->CreateField(&name);
    int k = 0;
    for (auto [x, y] : xy) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("Name", ("p" + std::to_string(k++)).c_str());
        OGRPoint p(x, y);
        f.SetGeometry(&p);
        ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
    GDALClose(ds);
}

/// Lon/lat (EPSG:4326, lon first) of a point given in EPSG:3067, transformed by the test itself.
std::pair<double, double> tm35finToLonLat(double x, double y)
{
    OGRSpatialReference src, dst;
    src.importFromEPSG(3067);
    dst.importFromEPSG(4326);
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
    EXPECT_TRUE(ct);
    EXPECT_TRUE(ct->Transform(1, &x, &y));
    return {x, y};
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Label rasters

TEST(Labels, RasterRoundTripWithNoDataAndColours)
{
    TempDir dir;
    Raster survey = makeSurvey(dir, {{5, 4}});
    LabelImage labels = emptyLabels(survey.grid);
    labels.values[0] = LabelNonDeposit;             // (0, 0)
    labels.values[1 * Width + 2] = LabelDeposit;    // (2, 1)
    labels.values[3 * Width + 4] = LabelNonDeposit; // (4, 3)
    const std::string path = dir.file("labels.tif");
    writeLabelRaster(path, labels, survey);
    EXPECT_FALSE(std::filesystem::exists(temporaryPathFor(path)));

    // As stored: Byte, 255 on the invalid survey pixel, nodata 255, colour table.
    ByteRaster stored = readByteRaster(path);
    EXPECT_TRUE(stored.hasNoData);
    EXPECT_EQ(stored.data[0], 0);
    EXPECT_EQ(stored.data[1 * Width + 2], 1);
    EXPECT_EQ(stored.data[1 * Width + 3], 2);
    EXPECT_EQ(stored.data[4 * Width + 5], 255);
    EXPECT_TRUE(stored.grid.sameGrid(survey.grid));
    {
        GDALAllRegister();
        GDALDataset *ds = static_cast<GDALDataset *>(GDALOpen(path.c_str(), GA_ReadOnly));
        ASSERT_NE(ds, nullptr);
        GDALRasterBand *band = ds->GetRasterBand(1);
        EXPECT_EQ(band->GetRasterDataType(), GDT_Byte);
        const GDALColorTable *table = band->GetColorTable();
        ASSERT_NE(table, nullptr);
        const GDALColorEntry *red = table->GetColorEntry(1);
        ASSERT_NE(red, nullptr);
        EXPECT_GT(red->c1, 200);
        EXPECT_LT(red->c3, 100);
        const GDALColorEntry *blue = table->GetColorEntry(0);
        EXPECT_GT(blue->c3, blue->c1);
        // Unknown is transparent white; GeoTIFF palettes keep no alpha, so only the white can be checked.
        const GDALColorEntry *unknown = table->GetColorEntry(2);
        EXPECT_EQ(unknown->c1, 255);
        EXPECT_EQ(unknown->c2, 255);
        EXPECT_EQ(unknown->c3, 255);
        GDALClose(ds);
    }

    // Read back through the label reader: same values, 255 becomes unknown.
    LabelLoadReport report;
    LabelImage back = readLabelRaster(path, survey, &report);
    EXPECT_EQ(back.values, labels.values);
    EXPECT_EQ(back.count(LabelNonDeposit), 2u);
    EXPECT_EQ(back.count(LabelDeposit), 1u);
    EXPECT_EQ(back.count(LabelUnknown), std::size_t(Width * Height - 3));
    EXPECT_EQ(back.labelledCount(), 3u);
    EXPECT_EQ(report.droppedOnInvalid, 0u);
    const auto counts = back.counts();
    EXPECT_EQ(counts[0], 2u);
    EXPECT_EQ(counts[1], 1u);
    EXPECT_EQ(counts[2], std::size_t(Width * Height - 3));
}

TEST(Labels, GridMismatchSaysHowTheGridDiffers)
{
    TempDir dir;
    Raster survey = makeSurvey(dir);
    const std::string wrongSize = dir.file("wrong_size.tif");
    test::writeTestRaster(wrongSize, 7, 5, {std::vector<double>(35, 2.0)}, "Byte", OriginX, OriginY, Pixel, 3067);
    std::string msg = errorOf([&] { readLabelRaster(wrongSize, survey); }, ErrorCode::GridMismatch);
    EXPECT_TRUE(contains(msg, "wrong_size.tif")) << msg;
    EXPECT_TRUE(contains(msg, "7 x 5")) << msg;
    EXPECT_TRUE(contains(msg, "6 x 5")) << msg;

    const std::string shifted = dir.file("shifted.tif");
    test::writeTestRaster(shifted, Width, Height, {std::vector<double>(Width * Height, 2.0)}, "Byte", OriginX + 50,
                          OriginY, Pixel, 3067);
    msg = errorOf([&] { readLabelRaster(shifted, survey); }, ErrorCode::GridMismatch);
    EXPECT_TRUE(contains(msg, "geotransform")) << msg;
    EXPECT_TRUE(contains(msg, "500050")) << msg;
}

TEST(Labels, BadValueNamesValueFileAndPosition)
{
    TempDir dir;
    Raster survey = makeSurvey(dir);
    std::vector<double> v(Width * Height, 2.0);
    v[1 * Width + 4] = 3; // column 4, row 1
    const std::string path = dir.file("bad_labels.tif");
    test::writeTestRaster(path, Width, Height, {v}, "Byte", OriginX, OriginY, Pixel, 3067);
    std::string msg = errorOf([&] { readLabelRaster(path, survey); }, ErrorCode::BadLabels);
    EXPECT_TRUE(contains(msg, "bad_labels.tif")) << msg;
    EXPECT_TRUE(contains(msg, "value 3 ")) << msg;
    EXPECT_TRUE(contains(msg, "column 4, row 1")) << msg;

    // -1 in a signed raster without nodata is also rejected (not clipped).
    v[1 * Width + 4] = 2;
    v[3 * Width + 0] = -1;
    const std::string negative = dir.file("negative.tif");
    test::writeTestRaster(negative, Width, Height, {v}, "Int16", OriginX, OriginY, Pixel, 3067);
    msg = errorOf([&] { readLabelRaster(negative, survey); }, ErrorCode::BadLabels);
    EXPECT_TRUE(contains(msg, "value -1 ")) << msg;
    EXPECT_TRUE(contains(msg, "column 0, row 3")) << msg;
}

TEST(Labels, NoDataIsUnknownAndLabelsOnInvalidSurveyPixelsAreDropped)
{
    TempDir dir;
    Raster survey = makeSurvey(dir, {{1, 1}, {2, 1}});
    std::vector<double> v(Width * Height, 255.0); // nodata everywhere
    v[0] = 1;
    v[1 * Width + 1] = 1; // on invalid survey pixel: dropped
    v[1 * Width + 2] = 0; // on invalid survey pixel: dropped
    v[1 * Width + 3] = 0;
    v[2 * Width + 3] = 2;
    const double nd = 255;
    const std::string path = dir.file("labels.tif");
    test::writeTestRaster(path, Width, Height, {v}, "Byte", OriginX, OriginY, Pixel, 3067, &nd);
    LabelLoadReport report;
    LabelImage labels = readLabelRaster(path, survey, &report);
    EXPECT_EQ(labels.at(0, 0), LabelDeposit);
    EXPECT_EQ(labels.at(1, 1), LabelUnknown);
    EXPECT_EQ(labels.at(2, 1), LabelUnknown);
    EXPECT_EQ(labels.at(3, 1), LabelNonDeposit);
    EXPECT_EQ(labels.at(5, 4), LabelUnknown);
    EXPECT_EQ(labels.count(LabelDeposit), 1u);
    EXPECT_EQ(labels.count(LabelNonDeposit), 1u);
    EXPECT_EQ(report.droppedOnInvalid, 2u);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_TRUE(contains(report.warnings[0], "2 labels")) << report.warnings[0];
}

// ---------------------------------------------------------------------------------------------------------
// Points

TEST(Points, CsvBurnedAtHandComputedPixel)
{
    TempDir dir;
    Raster survey = makeSurvey(dir);
    // (500250, 7499850): col (250/100) = 2.5 -> 2, row (150/100) = 1.5 -> 1.
    // (500050, 7499550): col 0.5 -> 0, row 4.5 -> 4.
    const std::string path = dir.file("points.csv");
    writeText(path, "Name,X,Y\nA,500250,7499850\nB,500050,7499550\n");
    PointSet points = readPoints(path);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points.xColumn, "X");
    EXPECT_EQ(points.yColumn, "Y");
    EXPECT_TRUE(points.crsWkt.empty());
    LabelLoadReport report;
    LabelImage labels = labelsFromPoints(points, survey, OutsidePolicy::Error, &report);
    EXPECT_EQ(labels.at(2, 1), LabelDeposit);
    EXPECT_EQ(labels.at(0, 4), LabelDeposit);
    EXPECT_EQ(labels.count(LabelDeposit), 2u);
    EXPECT_EQ(labels.count(LabelUnknown), std::size_t(Width * Height - 2));
    EXPECT_EQ(report.burned, 2u);
    EXPECT_EQ(report.outside, 0u);
    EXPECT_TRUE(report.warnings.empty());
}

TEST(Points, CsvColumnNamesAreFoundInAnyCase)
{
    TempDir dir;
    Raster survey = makeSurvey(dir);
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"x", "y"}, {"EASTING", "NORTHING"}, {"Easting", "Northing"}};
    for (const auto &[xName, yName] : headers) {
        const std::string path = dir.file("p.csv");
        writeText(path, "id;" + xName + ";" + yName + "\n1;500350;7499650\n"); // semicolons, col 3 row 3
        PointSet points = readPoints(path);
        EXPECT_EQ(points.xColumn, xName);
        LabelImage labels = labelsFromPoints(points, survey, OutsidePolicy::Error);
        EXPECT_EQ(labels.at(3, 3), LabelDeposit) << xName;
    }
    // Lon/Lat and Longitude/Latitude with the CRS given as an option.
    const auto [lon, lat] = tm35finToLonLat(OriginX + 4.5 * Pixel, OriginY - 0.5 * Pixel); // pixel (4, 0)
    for (const std::string header : {"LON,LAT", "Longitude,Latitude"}) {
        const std::string path = dir.file("ll.csv");
        std::ostringstream s;
        s.precision(12);
        s << header << "\n" << lon << "," << lat << "\n";
        writeText(path, s.str());
        LabelImage labels = labelsFromPoints(readPoints(path, "EPSG:4326"), survey, OutsidePolicy::Error);
        EXPECT_EQ(labels.at(4, 0), LabelDeposit) << header;
        EXPECT_EQ(labels.count(LabelDeposit), 1u);
    }
}

TEST(Points, CsvWithoutCoordinateColumnsListsTheColumns)
{
    TempDir dir;
    const std::string path = dir.file("nocoords.csv");
    writeText(path, "Name,East,North\nA,1,2\n");
    const std::string msg = errorOf([&] { readPoints(path); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "nocoords.csv")) << msg;
    EXPECT_TRUE(contains(msg, "Name, East, North")) << msg;
    EXPECT_TRUE(contains(msg, "Easting")) << msg;
}

TEST(Points, CsvBadNumberAndEmptyRows)
{
    TempDir dir;
    const std::string path = dir.file("bad.csv");
    writeText(path, "X,Y\n500050,7499950\n500150,abc\n");
    const std::string msg = errorOf([&] { readPoints(path); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "row 2")) << msg;
    EXPECT_TRUE(contains(msg, "abc")) << msg;

    const std::string gaps = dir.file("gaps.csv");
    writeText(gaps, "X,Y,Name\n500050,7499950,a\n,,b\n500150,7499950,c\n");
    PointSet points = readPoints(gaps);
    EXPECT_EQ(points.size(), 2u);
    EXPECT_EQ(points.skipped, 1u);
    EXPECT_DOUBLE_EQ(points.x[1], 500150);
}

TEST(Points, BadCrsOptionIsRejected)
{
    TempDir dir;
    const std::string path = dir.file("p.csv");
    writeText(path, "X,Y\n1,2\n");
    const std::string msg = errorOf([&] { readPoints(path, "EPSG:not-a-code"); }, ErrorCode::BadParameter);
    EXPECT_TRUE(contains(msg, "EPSG:not-a-code")) << msg;
}

TEST(Points, GeoPackageIn4326ReprojectedOntoTm35fin)
{
    // Sanity check of the test's own transformation against a known pair (gdalinfo of the Kolari grid corner:
    // 345975, 7540125 in EPSG:3067 is 23d19'27.17"E, 67d56'3.64"N).
    const auto [cornerLon, cornerLat] = tm35finToLonLat(345975, 7540125);
    EXPECT_NEAR(cornerLon, 23 + 19 / 60.0 + 27.17 / 3600, 1e-5);
    EXPECT_NEAR(cornerLat, 67 + 56 / 60.0 + 3.64 / 3600, 1e-5);

    TempDir dir;
    // A survey near Kolari, so that lon/lat are realistic: origin (380000, 7500000).
    Raster survey = makeSurvey(dir, {}, Width, Height, 380000, 7500000);
    const auto p1 = tm35finToLonLat(380000 + 3.5 * Pixel, 7500000 - 2.5 * Pixel); // centre of pixel (3, 2)
    const auto p2 = tm35finToLonLat(380000 + 0.2 * Pixel, 7500000 - 4.9 * Pixel); // inside pixel (0, 4)
    const std::string path = dir.file("occurrences.gpkg");
    writePointFile(path, "GPKG", 4326, {p1, p2});
    PointSet points = readPoints(path);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_NEAR(points.x[0], p1.first, 1e-12); // longitude first
    EXPECT_NEAR(points.y[0], p1.second, 1e-12);
    EXPECT_FALSE(points.crsWkt.empty());
    LabelLoadReport report;
    LabelImage labels = labelsFromPoints(points, survey, OutsidePolicy::Error, &report);
    EXPECT_EQ(labels.at(3, 2), LabelDeposit);
    EXPECT_EQ(labels.at(0, 4), LabelDeposit);
    EXPECT_EQ(report.burned, 2u);

    PointSet projected = reprojectPoints(points, survey.grid.crsWkt);
    EXPECT_NEAR(projected.x[0], 380350, 1e-3);
    EXPECT_NEAR(projected.y[0], 7499750, 1e-3);
}

TEST(Points, GeoJsonMultiPointInCrs84)
{
    TempDir dir;
    Raster survey = makeSurvey(dir, {}, Width, Height, 380000, 7500000);
    const auto a = tm35finToLonLat(380000 + 5.5 * Pixel, 7500000 - 0.5 * Pixel); // pixel (5, 0)
    const auto b = tm35finToLonLat(380000 + 1.5 * Pixel, 7500000 - 3.5 * Pixel); // pixel (1, 3)
    std::ostringstream s;
    s.precision(15);
    s << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"m"},)"
      << R"("geometry":{"type":"MultiPoint","coordinates":[[)" << a.first << "," << a.second << "],[" << b.first << ","
      << b.second << "]]}}]}";
    const std::string path = dir.file("occurrences.geojson");
    writeText(path, s.str());
    PointSet points = readPoints(path);
    ASSERT_EQ(points.size(), 2u);
    LabelImage labels = labelsFromPoints(points, survey, OutsidePolicy::Error);
    EXPECT_EQ(labels.at(5, 0), LabelDeposit);
    EXPECT_EQ(labels.at(1, 3), LabelDeposit);
    EXPECT_EQ(labels.count(LabelDeposit), 2u);
}

TEST(Points, NonPointGeometriesAreRejected)
{
    TempDir dir;
    const std::string path = dir.file("line.geojson");
    writeText(path, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                    R"("geometry":{"type":"LineString","coordinates":[[24,67],[24.1,67.1]]}}]})");
    std::string msg = errorOf([&] { readPoints(path); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "line.geojson")) << msg;
    EXPECT_TRUE(contains(msg, "no point layer")) << msg;
    EXPECT_TRUE(contains(msg, "Line String")) << msg;

    // A mixed layer: the first non-point feature is named.
    const std::string mixed = dir.file("mixed.geojson");
    writeText(mixed, R"({"type":"FeatureCollection","features":[)"
                     R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[24,67]}},)"
                     R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":)"
                     R"([[[24,67],[24.1,67],[24.1,67.1],[24,67]]]}}]})");
    msg = errorOf([&] { readPoints(mixed); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "mixed.geojson")) << msg;
    EXPECT_TRUE(contains(msg, "POLYGON")) << msg;
    EXPECT_TRUE(contains(msg, "feature 2")) << msg;
}

TEST(Points, OutsidePointsErrorOrSkip)
{
    TempDir dir;
    Raster survey = makeSurvey(dir);
    const std::string path = dir.file("points.csv");
    // Two inside; one east of the grid (the grid ends at x 500600).
    writeText(path, "X,Y\n500250,7499850\n600000,7499850\n500050,7499550\n");
    PointSet points = readPoints(path);
    std::string msg = errorOf([&] { labelsFromPoints(points, survey, OutsidePolicy::Error); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "points.csv")) << msg;
    EXPECT_TRUE(contains(msg, "1 of the 3 points")) << msg;
    EXPECT_TRUE(contains(msg, "(600000, 7499850)")) << msg;

    LabelLoadReport report;
    LabelImage labels = labelsFromPoints(points, survey, OutsidePolicy::Skip, &report);
    EXPECT_EQ(report.outside, 1u);
    EXPECT_EQ(report.burned, 2u);
    EXPECT_EQ(labels.count(LabelDeposit), 2u);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_TRUE(contains(report.warnings[0], "600000")) << report.warnings[0];

    // All outside: an error with either policy.
    writeText(path, "X,Y\n600000,7499850\n");
    msg = errorOf([&] { labelsFromPoints(readPoints(path), survey, OutsidePolicy::Skip); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "600000")) << msg;
}

TEST(Points, PointsOnInvalidPixelsAreSkippedAndCounted)
{
    TempDir dir;
    Raster survey = makeSurvey(dir, {{2, 1}});
    const std::string path = dir.file("points.csv");
    writeText(path, "X,Y\n500250,7499850\n500050,7499550\n500060,7499560\n"); // (2,1) invalid; (0,4) twice
    LabelLoadReport report;
    LabelImage labels = labelsFromPoints(readPoints(path), survey, OutsidePolicy::Error, &report);
    EXPECT_EQ(report.onInvalid, 1u);
    EXPECT_EQ(report.sharedPixel, 1u);
    EXPECT_EQ(report.burned, 1u);
    EXPECT_EQ(labels.at(2, 1), LabelUnknown);
    EXPECT_EQ(labels.at(0, 4), LabelDeposit);
    EXPECT_EQ(report.warnings.size(), 2u);

    // No point on valid ground: an error.
    writeText(path, "X,Y\n500250,7499850\n");
    const std::string msg =
        errorOf([&] { labelsFromPoints(readPoints(path), survey, OutsidePolicy::Skip); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "no data")) << msg;
}

TEST(Points, FileWithoutCrsThatMissesTheGridGetsAHint)
{
    TempDir dir;
    Raster survey = makeSurvey(dir, {}, Width, Height, 380000, 7500000);
    // A shapefile without .prj holding lon/lat degrees.
    const std::string degrees = dir.file("degrees.shp");
    writePointFile(degrees, "ESRI Shapefile", 0, {{24.1, 67.5}, {24.2, 67.6}});
    ASSERT_FALSE(std::filesystem::exists(dir.file("degrees.prj")));
    PointSet points = readPoints(degrees);
    EXPECT_TRUE(points.crsWkt.empty());
    std::string msg = errorOf([&] { labelsFromPoints(points, survey, OutsidePolicy::Skip); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "degrees.shp")) << msg;
    EXPECT_TRUE(contains(msg, "EPSG:4326")) << msg;

    // A shapefile without .prj in another projected CRS (e.g. Finnish KKJ / YKJ, 3,400,000 m east).
    const std::string ykj = dir.file("ykj.shp");
    writePointFile(ykj, "ESRI Shapefile", 0, {{3380000, 7503000}});
    msg = errorOf([&] { labelsFromPoints(readPoints(ykj), survey, OutsidePolicy::Skip); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "ykj.shp")) << msg;
    EXPECT_TRUE(contains(msg, "declares no coordinate reference system")) << msg;
    EXPECT_TRUE(contains(msg, ".prj")) << msg;

    // The same shapefile with its CRS given lands on the grid: YKJ (EPSG:2393) -> TM35FIN.
    OGRSpatialReference src, dst;
    src.importFromEPSG(3067);
    dst.importFromEPSG(2393);
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
    ASSERT_TRUE(ct);
    double x = 380000 + 2.5 * Pixel, y = 7500000 - 1.5 * Pixel; // pixel (2, 1)
    ASSERT_TRUE(ct->Transform(1, &x, &y));
    const std::string ykj2 = dir.file("ykj2.shp");
    writePointFile(ykj2, "ESRI Shapefile", 0, {{x, y}});
    LabelImage labels = labelsFromPoints(readPoints(ykj2, "EPSG:2393"), survey, OutsidePolicy::Error);
    EXPECT_EQ(labels.at(2, 1), LabelDeposit);
}

// ---------------------------------------------------------------------------------------------------------
// Random negatives

namespace {

struct NegativeFixture {
    TempDir dir;
    Raster survey;
    PointSet occurrences;
    LabelImage labels;

    NegativeFixture()
    {
        // 60 x 50 pixels of 100 m; the left quarter is nodata.
        std::vector<std::pair<int, int>> invalid;
        for (int r = 0; r < 50; ++r)
            for (int c = 0; c < 15; ++c)
                invalid.emplace_back(c, r);
        survey = makeSurvey(dir, invalid, 60, 50);
        occurrences.x = {OriginX + 30.5 * Pixel, OriginX + 50.2 * Pixel, OriginX + 61 * Pixel}; // last: outside
        occurrences.y = {OriginY - 20.5 * Pixel, OriginY - 40.7 * Pixel, OriginY - 10 * Pixel};
        labels = labelsFromPoints(occurrences, survey, OutsidePolicy::Skip);
    }
};

} // namespace

TEST(Labels, RandomNegativesCountDistanceAndValidity)
{
    NegativeFixture f;
    const double minDistance = 800;
    LabelImage labels = f.labels;
    addRandomNegatives(labels, f.survey, f.occurrences, 300, minDistance, 42);
    EXPECT_EQ(labels.count(LabelNonDeposit), 300u);
    EXPECT_EQ(labels.count(LabelDeposit), 2u);
    for (int r = 0; r < 50; ++r) {
        for (int c = 0; c < 60; ++c) {
            if (labels.at(c, r) != LabelNonDeposit)
                continue;
            EXPECT_TRUE(f.survey.isValid(c, r)) << c << "," << r;
            EXPECT_EQ(f.labels.at(c, r), LabelUnknown);
            double x, y;
            f.survey.grid.pixelToMap(c, r, x, y);
            for (std::size_t k = 0; k < f.occurrences.size(); ++k)
                EXPECT_GE(std::hypot(x - f.occurrences.x[k], y - f.occurrences.y[k]), minDistance) << c << "," << r;
        }
    }
    // The occurrence outside the grid (x = 506100, y = 7499000) excludes the pixels near the east edge.
    for (int r = 5; r < 15; ++r)
        EXPECT_NE(labels.at(59, r), LabelNonDeposit) << r;
}

TEST(Labels, RandomNegativesAreSeeded)
{
    NegativeFixture f;
    LabelImage a = f.labels, b = f.labels, c = f.labels;
    addRandomNegatives(a, f.survey, f.occurrences, 50, 500, 7);
    addRandomNegatives(b, f.survey, f.occurrences, 50, 500, 7);
    addRandomNegatives(c, f.survey, f.occurrences, 50, 500, 8);
    EXPECT_EQ(a.values, b.values);
    EXPECT_NE(a.values, c.values);

    // Regression golden: the first negatives for seed 1 on this grid. std::mt19937_64 and the draw are fully
    // specified, so these are the same on every platform and standard library.
    LabelImage g = f.labels;
    addRandomNegatives(g, f.survey, f.occurrences, 5, 500, 1);
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < g.values.size(); ++i)
        if (g.values[i] == LabelNonDeposit)
            chosen.push_back(i);
    ASSERT_EQ(chosen.size(), 5u);
    EXPECT_EQ(chosen, (std::vector<std::size_t>{384, 462, 776, 930, 1665}));
}

TEST(Labels, RandomNegativesWithoutPointsUseDepositPixels)
{
    NegativeFixture f;
    LabelImage labels = f.labels;
    addRandomNegatives(labels, f.survey, 200, 1000, 3);
    EXPECT_EQ(labels.count(LabelNonDeposit), 200u);
    for (int r = 0; r < 50; ++r)
        for (int c = 0; c < 60; ++c)
            if (labels.at(c, r) == LabelNonDeposit) {
                EXPECT_GE(std::hypot(c - 30, r - 20), 10.0); // deposit pixel (30, 20), distance in pixels
                EXPECT_GE(std::hypot(c - 50, r - 40), 10.0); // deposit pixel (50, 40)
            }
}

TEST(Labels, RandomNegativesWhenFewPixelsQualify)
{
    NegativeFixture f;
    // Count the eligible pixels by brute force for a large distance.
    const double minDistance = 3000;
    std::size_t eligible = 0;
    for (int r = 0; r < 50; ++r)
        for (int c = 0; c < 60; ++c) {
            if (!f.survey.isValid(c, r) || f.labels.at(c, r) != LabelUnknown)
                continue;
            double x, y;
            f.survey.grid.pixelToMap(c, r, x, y);
            bool far = true;
            for (std::size_t k = 0; k < f.occurrences.size(); ++k)
                far = far && std::hypot(x - f.occurrences.x[k], y - f.occurrences.y[k]) >= minDistance;
            eligible += far;
        }
    ASSERT_GT(eligible, 10u);
    ASSERT_LT(eligible, 3000u);

    // Exactly all of them: the enumeration fallback finds every one.
    LabelImage all = f.labels;
    addRandomNegatives(all, f.survey, f.occurrences, int(eligible), minDistance, 11);
    EXPECT_EQ(all.count(LabelNonDeposit), eligible);

    // One more than exist: a clear error, labels unchanged.
    LabelImage tooMany = f.labels;
    const std::string msg =
        errorOf([&] { addRandomNegatives(tooMany, f.survey, f.occurrences, int(eligible) + 1, minDistance, 11); },
                ErrorCode::TooFewLabels);
    EXPECT_TRUE(contains(msg, "Only " + std::to_string(eligible) + " ")) << msg;
    EXPECT_TRUE(contains(msg, std::to_string(eligible + 1))) << msg;
    EXPECT_FALSE(contains(msg, "degrees")) << msg;
    EXPECT_EQ(tooMany.values, f.labels.values);

    // On a grid in degrees, a distance meant in metres leaves no pixel: the message says the units are degrees.
    Raster lonLat = f.survey;
    lonLat.grid.geoTransform = {24.0, 0.001, 0, 67.5, 0, -0.001};
    lonLat.grid.crsWkt = test::wktOf(4326);
    LabelImage inDegrees = f.labels;
    inDegrees.grid = lonLat.grid;
    const std::string degrees =
        errorOf([&] { addRandomNegatives(inDegrees, lonLat, 5, 3000, 1); }, ErrorCode::TooFewLabels);
    EXPECT_TRUE(contains(degrees, "at least 3000 map units")) << degrees;
    EXPECT_TRUE(contains(degrees, "The survey is in geographic coordinates, so its map units are degrees")) << degrees;
}

// ---------------------------------------------------------------------------------------------------------
// Real data: Kolari aeromagnetic grid and the 26 GTK occurrences (17 inside the grid).

TEST(Points, KolariOccurrencesShapefileAndCsv)
{
    const std::string tif = test::sharedData("kolari-iocg/kolari_mag_anomaly_100m.tif");
    const std::string shp = test::sharedData("kolari-iocg/kolari_occurrences.shp");
    const std::string csv = test::sharedData("kolari-iocg/kolari_occurrences.csv");
    if (tif.empty() || shp.empty() || csv.empty())
        GTEST_SKIP() << "Kolari shared data not found";
    Raster survey = readRaster(tif);
    ASSERT_EQ(survey.width(), 681);
    ASSERT_EQ(survey.height(), 821);
    const double validFraction = double(survey.validCount()) / double(survey.grid.pixelCount());
    EXPECT_NEAR(validFraction, 0.825, 0.01);

    PointSet fromShp = readPoints(shp);
    ASSERT_EQ(fromShp.size(), 26u);
    EXPECT_FALSE(fromShp.crsWkt.empty());
    const std::string msg =
        errorOf([&] { labelsFromPoints(fromShp, survey, OutsidePolicy::Error); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(msg, "9 of the 26 points")) << msg;

    LabelLoadReport report;
    LabelImage labels = labelsFromPoints(fromShp, survey, OutsidePolicy::Skip, &report);
    EXPECT_EQ(report.outside, 9u);
    EXPECT_EQ(report.onInvalid, 0u);
    EXPECT_EQ(report.sharedPixel, 0u);
    EXPECT_EQ(report.burned, 17u);
    EXPECT_EQ(labels.count(LabelDeposit), 17u);
    // Hannukainen (371340, 7496345): col floor((371340-345975)/99.92657856) = 253, row floor(43780/100) = 437.
    EXPECT_EQ(labels.at(253, 437), LabelDeposit);

    PointSet fromCsv = readPoints(csv);
    ASSERT_EQ(fromCsv.size(), 26u);
    EXPECT_EQ(fromCsv.xColumn, "X");
    LabelLoadReport csvReport;
    LabelImage csvLabels = labelsFromPoints(fromCsv, survey, OutsidePolicy::Skip, &csvReport);
    EXPECT_EQ(csvReport.burned, 17u);
    EXPECT_EQ(csvLabels.values, labels.values);

    // The same points over a survey whose Hannukainen pixel is nodata: skipped and counted.
    Raster holed = survey;
    holed.valid[std::size_t(437) * 681 + 253] = 0;
    LabelLoadReport holedReport;
    LabelImage holedLabels = labelsFromPoints(fromShp, holed, OutsidePolicy::Skip, &holedReport);
    EXPECT_EQ(holedReport.onInvalid, 1u);
    EXPECT_EQ(holedReport.burned, 16u);
    EXPECT_EQ(holedLabels.at(253, 437), LabelUnknown);

    // Negatives 2 km from every occurrence (also those outside the grid), written and read back.
    addRandomNegatives(labels, survey, fromShp, 500, 2000, 2024);
    EXPECT_EQ(labels.count(LabelNonDeposit), 500u);
    for (std::size_t i = 0; i < labels.values.size(); ++i) {
        if (labels.values[i] == LabelNonDeposit) {
            ASSERT_TRUE(survey.valid[i]) << i;
        }
    }
    TempDir dir;
    const std::string out = dir.file("kolari_labels.tif");
    writeLabelRaster(out, labels, survey);
    LabelImage back = readLabelRaster(out, survey);
    EXPECT_EQ(back.values, labels.values);
}
