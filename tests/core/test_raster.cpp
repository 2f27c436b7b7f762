// Raster reading and writing: values, band choice, nodata/NaN mask, georeferencing, errors.
#include "error.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

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

TEST(Raster, InfiniteCellsAreReadAsNodataAndCountedForANote)
{
    TempDir dir;
    const std::string path = dir.file("infinite.tif");
    std::vector<double> v = ramp(5, 4, 1.0);
    v[1] = -1e32; // the declared nodata: not counted
    v[2] = std::numeric_limits<double>::infinity();
    v[9] = -std::numeric_limits<double>::infinity();
    v[7] = std::nan(""); // NaN: the usual missing value, not counted
    const double nd = -1e32;
    test::writeTestRaster(path, 5, 4, {v}, "Float32", 0, 0, 1, 3067, &nd);
    const Raster r = readRaster(path);
    EXPECT_EQ(r.infiniteCells, 2u);
    EXPECT_FALSE(r.isValid(2, 0));
    EXPECT_FALSE(r.isValid(4, 1));
    EXPECT_EQ(r.validCount(), 16u);
    const std::string note = infiniteCellsNote(r);
    EXPECT_NE(note.find("2 cells of band 1 of " + path + " hold an infinite value, read as nodata"), std::string::npos)
        << note;

    // Without infinite cells there is no note; an infinite value declared as the nodata is no surprise either.
    const std::string declared = dir.file("declared.tif");
    std::vector<double> w = ramp(5, 4, 1.0);
    w[3] = -std::numeric_limits<double>::infinity();
    const double infinite = -std::numeric_limits<double>::infinity();
    test::writeTestRaster(declared, 5, 4, {w}, "Float32", 0, 0, 1, 3067, &infinite);
    const Raster d = readRaster(declared);
    EXPECT_EQ(d.validCount(), 19u);
    EXPECT_EQ(d.infiniteCells, 0u);
    EXPECT_EQ(infiniteCellsNote(d), "");

    // Resampled onto another grid (half the cell size): the file's own infinite cells are counted, not the cells
    // of the grid they fall on.
    GridSpec fine = readRasterInfo(path).grid;
    fine.width *= 2;
    fine.height *= 2;
    fine.geoTransform[1] /= 2;
    fine.geoTransform[5] /= 2;
    const Raster resampled = readRasterOnGrid(path, 1, fine);
    EXPECT_EQ(resampled.infiniteCells, 2u);
    EXPECT_EQ(infiniteCellsNote(resampled), note);
    EXPECT_EQ(readRasterOnGrid(declared, 1, fine).infiniteCells, 0u);
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

TEST(Raster, CrsEquivalence)
{
    EXPECT_TRUE(crsEquivalent("", ""));
    EXPECT_FALSE(crsEquivalent(test::wktOf(3067), ""));
    EXPECT_TRUE(crsEquivalent(test::wktOf(3067), test::wktOf(3067)));
    EXPECT_FALSE(crsEquivalent(test::wktOf(3067), test::wktOf(32635)));
}

TEST(Raster, ResampledOntoAnotherGridOfTheSameCrs)
{
    TempDir dir;
    // 40 x 30 cells of 100 m from (500000, 7500000); a plane in map coordinates (bilinear keeps it exactly) with a
    // nodata cell.
    const int w = 40, h = 30;
    auto plane = [](double x, double y) { return 0.01 * (x - 500000) - 0.02 * (7500000 - y) + 7; };
    std::vector<double> v(std::size_t(w) * h);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            v[std::size_t(r) * w + c] = plane(500000 + 100 * (c + 0.5), 7500000 - 100 * (r + 0.5));
    const double nodata = -9999;
    v[std::size_t(10) * w + 20] = nodata;
    const std::string path = dir.file("coarse.tif");
    test::writeTestRaster(path, w, h, {v}, "Float32", 500000, 7500000, 100, 3067, &nodata);

    // 50 m cells, starting 1 km east and 500 m south, running past the east edge of the file.
    GridSpec g;
    g.width = 80;
    g.height = 40;
    g.geoTransform = {501000, 50, 0, 7499500, 0, -50};
    g.hasGeoTransform = true;
    g.crsWkt = test::wktOf(3067);
    const Raster r = readRasterOnGrid(path, 1, g);
    EXPECT_TRUE(r.grid.sameGrid(g));
    EXPECT_EQ(r.path, path);
    // Interior cells away from the nodata cell hold the plane.
    for (int row : {1, 20, 38}) {
        for (int col : {1, 30, 55}) {
            double x, y;
            g.pixelToMap(col, row, x, y);
            ASSERT_TRUE(r.isValid(col, row)) << col << " " << row;
            EXPECT_NEAR(r.at(col, row), plane(x, y), 1e-3) << col << " " << row;
        }
    }
    // The cells on the nodata cell (centre 502050, 7498950) and east of the file (x > 504000) are invalid.
    double col, row;
    g.mapToPixel(502050, 7498950, col, row);
    EXPECT_FALSE(r.isValid(int(col), int(row)));
    EXPECT_TRUE(std::isnan(r.at(int(col), int(row))));
    EXPECT_FALSE(r.isValid(70, 5));
    EXPECT_GT(r.validCount(), std::size_t(55 * 38));

    // A grid beside the file: nothing to show.
    GridSpec far = g;
    far.geoTransform[0] = 900000;
    try {
        readRasterOnGrid(path, 1, far);
        ADD_FAILURE() << "no error";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::EmptyData);
        EXPECT_NE(std::string(e.what()).find("coarse.tif"), std::string::npos);
    }
}

TEST(Raster, ResampledAcrossCrss)
{
    TempDir dir;
    // A field in UTM 35N (EPSG:32635) resampled onto a TM35FIN (EPSG:3067) grid: same projection, other datum
    // (ETRS89 against WGS 84), so the cells land within a metre of the same map coordinates.
    const int w = 50, h = 50;
    std::vector<double> cols(std::size_t(w) * h), rows(cols.size());
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            cols[std::size_t(r) * w + c] = c;
            rows[std::size_t(r) * w + c] = r;
        }
    const std::string path = dir.file("utm.tif");
    test::writeTestRaster(path, w, h, {cols, rows}, "Float32", 400000, 7400000, 100, 32635);
    GridSpec g;
    g.width = 20;
    g.height = 20;
    g.geoTransform = {401000, 100, 0, 7399000, 0, -100};
    g.hasGeoTransform = true;
    g.crsWkt = test::wktOf(3067);
    const Raster rc = readRasterOnGrid(path, 1, g), rr = readRasterOnGrid(path, 2, g);
    // Cell (c, r) of the grid is cell (c + 10, r + 10) of the file, within a hundredth of a cell.
    for (int row : {0, 7, 19})
        for (int col : {0, 11, 19}) {
            EXPECT_NEAR(rc.at(col, row), col + 10, 0.01) << col << " " << row;
            EXPECT_NEAR(rr.at(col, row), row + 10, 0.01) << col << " " << row;
        }
    const Raster &r = rc;
    EXPECT_EQ(r.validCount(), g.pixelCount());
}

namespace {

Raster surveyOf(std::vector<float> values, const std::string &path)
{
    Raster r;
    r.grid.width = int(values.size());
    r.grid.height = 1;
    r.data = std::move(values);
    r.valid.assign(r.data.size(), 1);
    r.path = path;
    return r;
}

std::string refusal(const Raster &r)
{
    try {
        checkSurveyValues(r);
    } catch (const Error &e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(Raster, SurveysThatCannotTrainANetworkAreRefusedSayingWhy)
{
    std::vector<float> field(1000);
    for (std::size_t i = 0; i < field.size(); ++i)
        field[i] = float(std::sin(double(i) * 0.05) * 200.0);
    EXPECT_EQ(refusal(surveyOf(field, "field.tif")), "");
    // A spike ten times the field's range is data, not a fault.
    std::vector<float> spiky = field;
    spiky[10] = 4000;
    EXPECT_EQ(refusal(surveyOf(spiky, "spiky.tif")), "");

    const std::string constant = refusal(surveyOf(std::vector<float>(1000, 51.5f), "constant.tif"));
    EXPECT_EQ(constant, "constant.tif: every valid cell holds the same value (51.5), so there is nothing to learn "
                        "from it. Is it the right band?");
    // Two undeclared nodata cells on a varying field: the range the scaling would use is named beside the field's.
    std::vector<float> extreme = field;
    extreme[3] = -3e38f;
    extreme[700] = 3e38f;
    const std::string e = refusal(surveyOf(extreme, "extreme.tif"));
    EXPECT_EQ(e.rfind("extreme.tif: its values run from -3e+38 to 3e+38, but 99 % of them lie between ", 0), 0u) << e;
    EXPECT_NE(e.find("Declare them as nodata"), std::string::npos) << e;
    // The same two cells on a constant survey.
    std::vector<float> flat(1000, 7.0f);
    flat[3] = -3e38f;
    flat[700] = 3e38f;
    EXPECT_EQ(refusal(surveyOf(flat, "flat.tif")),
              "flat.tif: 99 % of its valid cells hold the same value (7), so there is almost nothing to learn from "
              "it. Is it the right band?");
    // Invalid cells do not count.
    Raster masked = surveyOf(extreme, "masked.tif");
    masked.valid[3] = masked.valid[700] = 0;
    EXPECT_EQ(refusal(masked), "");
}
