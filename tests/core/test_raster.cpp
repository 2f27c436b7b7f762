// Raster reading and writing: values, band choice, nodata/NaN mask, georeferencing, errors.
#include "error.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

std::vector<double> ramp(int w, int h, double scale)
{
    std::vector<double> v(std::size_t(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            v[std::size_t(y) * w + x] = scale * (y * 100 + x);
    return v;
}

} // namespace

TEST(Raster, ReadsValuesAndGeoreferencing)
{
    TempDir dir;
    const std::string path = dir.file("ramp.tif");
    test::writeTestRaster(path, 7, 5, {ramp(7, 5, 1.0)}, "Float32", 400000, 7600000, 50, 3067);
    Raster r = readRaster(path);
    ASSERT_EQ(r.width(), 7);
    ASSERT_EQ(r.height(), 5);
    EXPECT_FLOAT_EQ(r.at(0, 0), 0.0f);
    EXPECT_FLOAT_EQ(r.at(6, 0), 6.0f);
    EXPECT_FLOAT_EQ(r.at(3, 4), 403.0f);
    EXPECT_EQ(r.validCount(), 35u);
    EXPECT_TRUE(r.grid.hasGeoTransform);
    EXPECT_DOUBLE_EQ(r.grid.geoTransform[0], 400000);
    EXPECT_DOUBLE_EQ(r.grid.geoTransform[1], 50);
    EXPECT_DOUBLE_EQ(r.grid.geoTransform[5], -50);
    EXPECT_NE(r.grid.crsWkt.find("3067"), std::string::npos);
    double x, y;
    r.grid.pixelToMap(2, 3, x, y);
    EXPECT_DOUBLE_EQ(x, 400000 + 2.5 * 50);
    EXPECT_DOUBLE_EQ(y, 7600000 - 3.5 * 50);
    double col, row;
    r.grid.mapToPixel(x, y, col, row);
    EXPECT_NEAR(col, 2.5, 1e-9);
    EXPECT_NEAR(row, 3.5, 1e-9);
}

TEST(Raster, ChoosesBand)
{
    TempDir dir;
    const std::string path = dir.file("two.tif");
    test::writeTestRaster(path, 4, 3, {ramp(4, 3, 1.0), ramp(4, 3, -2.0)}, "Float64");
    EXPECT_EQ(readRasterInfo(path).bandCount, 2);
    Raster b2 = readRaster(path, 2);
    EXPECT_FLOAT_EQ(b2.at(3, 2), -2.0f * 203);
    try {
        readRaster(path, 3);
        FAIL() << "band 3 should not exist";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadBand);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
}

TEST(Raster, NoDataAndNaNAreInvalid)
{
    TempDir dir;
    const std::string path = dir.file("nodata.tif");
    std::vector<double> v = ramp(5, 4, 1.0);
    v[1] = -1e32;
    v[7] = std::nan("");
    const double nd = -1e32;
    test::writeTestRaster(path, 5, 4, {v}, "Float32", 0, 0, 1, 3067, &nd);
    Raster r = readRaster(path);
    EXPECT_TRUE(r.hasNoData);
    EXPECT_FALSE(r.isValid(1, 0));
    EXPECT_FALSE(r.isValid(2, 1));
    EXPECT_TRUE(r.isValid(0, 0));
    EXPECT_TRUE(std::isnan(r.at(1, 0)));
    EXPECT_EQ(r.validCount(), 18u);
}

TEST(Raster, IntegerNoData)
{
    TempDir dir;
    const std::string path = dir.file("int.tif");
    std::vector<double> v(6, 7.0);
    v[4] = -32768;
    const double nd = -32768;
    test::writeTestRaster(path, 3, 2, {v}, "Int16", 0, 0, 1, 3067, &nd);
    Raster r = readRaster(path);
    EXPECT_EQ(r.validCount(), 5u);
    EXPECT_FALSE(r.isValid(1, 1));
    EXPECT_FLOAT_EQ(r.at(0, 1), 7.0f);
}

TEST(Raster, ErrorsNameTheFile)
{
    TempDir dir;
    try {
        readRaster(dir.file("missing.tif"));
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::FileNotFound);
        EXPECT_NE(std::string(e.what()).find("missing.tif"), std::string::npos);
    }
    const std::string text = dir.file("notes.tif");
    std::ofstream(text) << "this is not a raster\n";
    try {
        readRaster(text);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::NotARaster);
        EXPECT_NE(std::string(e.what()).find("notes.tif"), std::string::npos);
    }
    const std::string empty = dir.file("empty.tif");
    const double nd = 0;
    test::writeTestRaster(empty, 3, 3, {std::vector<double>(9, 0.0)}, "Float32", 0, 0, 1, 3067, &nd);
    try {
        readRaster(empty);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::EmptyData);
    }
}

TEST(Raster, FloatGeoTiffRoundTripKeepsCrsAndNoData)
{
    TempDir dir;
    GridSpec g;
    g.width = 4;
    g.height = 3;
    g.geoTransform = {300000, 25, 0, 7000000, 0, -25};
    g.hasGeoTransform = true;
    g.crsWkt = test::wktOf(3067);
    std::vector<float> a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, std::nanf("")};
    std::vector<float> b(12, 0.5f);
    const std::string path = dir.file("out.tif");
    writeFloatGeoTiff(path, g, {a.data(), b.data()}, -9999.0f, {"first", "second"});
    EXPECT_FALSE(std::filesystem::exists(temporaryPathFor(path)));
    Raster r = readRaster(path, 1);
    EXPECT_TRUE(r.grid.sameGrid(g));
    EXPECT_NE(r.grid.crsWkt.find("3067"), std::string::npos);
    EXPECT_TRUE(r.hasNoData);
    EXPECT_DOUBLE_EQ(r.noData, -9999.0);
    EXPECT_FLOAT_EQ(r.at(2, 1), 7.0f);
    EXPECT_FALSE(r.isValid(3, 2));
    EXPECT_EQ(readRasterInfo(path).bandDescriptions.at(1), "second");
    EXPECT_FLOAT_EQ(readRaster(path, 2).at(3, 2), 0.5f);
}

TEST(Raster, ByteGeoTiffWithColorTable)
{
    TempDir dir;
    GridSpec g;
    g.width = 3;
    g.height = 2;
    std::vector<uint8_t> v = {0, 1, 255, 1, 0, 0};
    const std::string path = dir.file("classes.tif");
    writeByteGeoTiff(path, g, v.data(), 255, {{0, 0, 0, 255, 255}, {1, 255, 0, 0, 255}});
    ByteRaster r = readByteRaster(path);
    EXPECT_TRUE(r.hasNoData);
    EXPECT_EQ(r.data, v);
}

TEST(Raster, WriteIntoMissingFolderFailsClearly)
{
    GridSpec g;
    g.width = 2;
    g.height = 2;
    std::vector<float> v(4, 1.0f);
    try {
        writeFloatGeoTiff("/nonexistent-folder-xyz/out.tif", g, {v.data()});
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::WriteFailed);
        EXPECT_NE(std::string(e.what()).find("nonexistent-folder-xyz"), std::string::npos);
    }
}

TEST(Raster, GridDifferenceIsDescribed)
{
    GridSpec a, b;
    a.width = 10;
    a.height = 5;
    b = a;
    EXPECT_TRUE(a.sameGrid(b));
    b.width = 11;
    EXPECT_NE(a.describeDifference(b).find("11 x 5"), std::string::npos);
    b = a;
    a.hasGeoTransform = b.hasGeoTransform = true;
    b.geoTransform[0] += 3;
    EXPECT_NE(a.describeDifference(b).find("geotransform"), std::string::npos);
}
