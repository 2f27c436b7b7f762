// Line data to a grid: reading text tables (plain, gzip, xz) and point files, reprojection, GMT blockmedian and
// surface on lines sampled from a known smooth field, the max-distance mask, explicit grids, and bad inputs.
#include "error.h"
#include "feedback.h"
#include "gridding.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <lzma.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

// The synthetic survey: 10 km x 8 km from (400000, 7500000) in UTM 54S, east-west lines every 200 m sampled every
// 10 m (a little wobble across track, as flown), and a smooth field: two Gaussians and a regional gradient.
constexpr double X0 = 400000, Y0 = 7500000, SurveyW = 10000, SurveyH = 8000;
constexpr double LineSpacing = 200, SampleSpacing = 10;

double field(double x, double y)
{
    const double u = x - X0, v = y - Y0;
    auto gauss = [](double du, double dv, double s) { return std::exp(-(du * du + dv * dv) / (2 * s * s)); };
    return 120 * gauss(u - 3000, v - 4000, 700) - 80 * gauss(u - 7000, v - 2500, 1100) + 0.004 * u - 0.002 * v;
}

/// Readings on east-west lines; lines whose northing offset is in [gapFrom, gapTo) are left out.
LineData surveyLines(double gapFrom = -1, double gapTo = -1)
{
    LineData d;
    for (double ly = 20; ly < SurveyH; ly += LineSpacing) {
        if (ly >= gapFrom && ly < gapTo)
            continue;
        for (double lx = 3; lx < SurveyW; lx += SampleSpacing) {
            const double x = X0 + lx, y = Y0 + ly + 4 * std::sin(lx / 700);
            d.x.push_back(x);
            d.y.push_back(y);
            d.value.push_back(field(x, y));
        }
    }
    d.crsWkt = test::wktOf(32754);
    return d;
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

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/// RMS of grid - field over valid cells whose centres lie at least margin inside the survey.
double rmsError(const GriddingResult &r, double margin, std::size_t *count = nullptr)
{
    double sum = 0;
    std::size_t n = 0;
    for (int row = 0; row < r.grid.height; ++row)
        for (int col = 0; col < r.grid.width; ++col) {
            double x, y;
            r.grid.pixelToMap(col, row, x, y);
            const float v = r.values[std::size_t(row) * r.grid.width + col];
            if (x < X0 + margin || x > X0 + SurveyW - margin || y < Y0 + margin || y > Y0 + SurveyH - margin ||
                !std::isfinite(v))
                continue;
            sum += (v - field(x, y)) * (v - field(x, y));
            ++n;
        }
    if (count)
        *count = n;
    return n ? std::sqrt(sum / double(n)) : std::numeric_limits<double>::infinity();
}

float valueAt(const GriddingResult &r, double x, double y)
{
    double col, row;
    r.grid.mapToPixel(x, y, col, row);
    return r.values[std::size_t(std::floor(row)) * r.grid.width + std::size_t(std::floor(col))];
}

std::string csvOf(const LineData &d, const std::string &header = "line,X,Y,tfa", char sep = ',')
{
    std::ostringstream s;
    s.precision(15);
    s << header << "\n";
    for (std::size_t i = 0; i < d.size(); ++i)
        s << 1000 + int((d.y[i] - Y0) / LineSpacing) << sep << d.x[i] << sep << d.y[i] << sep << d.value[i] << "\n";
    return s.str();
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

void writeXz(const std::string &path, const std::string &text)
{
    std::vector<uint8_t> out(lzma_stream_buffer_bound(text.size()));
    std::size_t used = 0;
    ASSERT_EQ(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t *>(text.data()),
                                      text.size(), out.data(), &used, out.size()),
              LZMA_OK);
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char *>(out.data()), std::streamsize(used));
}

void writeGzip(const std::string &path, const std::string &text)
{
    VSILFILE *f = VSIFOpenL(("/vsigzip/" + path).c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(VSIFWriteL(text.data(), 1, text.size(), f), text.size());
    VSIFCloseL(f);
}

GriddingResult gridAt50(const LineData &d, double maxDistance = -1)
{
    GriddingParams p;
    p.cell = 50;
    p.maxDistance = maxDistance;
    return gridLineData(d, p);
}

} // namespace

TEST(Gridding, LinesOfASmoothFieldAreGriddedWithinASmallError)
{
    const LineData d = surveyLines();
    const GriddingResult r = gridAt50(d);
    // The readings' bounds snapped outward to 50 m cells.
    EXPECT_EQ(r.grid.width, 200);
    EXPECT_EQ(r.grid.height, 157); // lines from 7500016 to 7507824 (wobble included)
    EXPECT_DOUBLE_EQ(r.grid.geoTransform[0], X0);
    EXPECT_DOUBLE_EQ(r.grid.geoTransform[1], 50);
    EXPECT_DOUBLE_EQ(r.grid.geoTransform[5], -50);
    EXPECT_FALSE(r.grid.crsWkt.empty());
    EXPECT_EQ(r.readings, d.size());
    // One block per 50 m cell crossed by a line: 40 lines x 200 cells (a few lines wobble into a second row).
    EXPECT_GE(r.blocks, std::size_t(40 * 200));
    EXPECT_LE(r.blocks, std::size_t(40 * 200 * 1.1));
    // The field spans about 200 units; between lines 200 m apart surface recovers it to 0.033 RMS. (GMT 6.4's own
    // enlargement of the region, shifted by half a cell, made it 0.8: see surfaceSize() in gridding.cpp.)
    std::size_t n = 0;
    const double rms = rmsError(r, 300, &n);
    EXPECT_EQ(n, std::size_t(27824));
    EXPECT_LT(rms, 0.06) << "RMS error inside the survey";
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

TEST(Gridding, TensionZeroIsMinimumCurvatureAndAlsoFits)
{
    GriddingParams p;
    p.cell = 50;
    p.tension = 0;
    const GriddingResult r = gridLineData(surveyLines(), p);
    EXPECT_LT(rmsError(r, 300), 0.03); // 0.016: this smooth field needs no tension
    p.tension = 1.5;
    EXPECT_TRUE(contains(errorOf([&] { gridLineData(surveyLines(), p); }, ErrorCode::BadParameter), "tension"));
}

TEST(Gridding, CellsFarFromEveryReadingAreNodata)
{
    // No lines from 3000 m to 5000 m north: a 2 km gap (the readings nearest its middle are 1 km away).
    const LineData d = surveyLines(3000, 5000);
    const GriddingResult r = gridAt50(d, 400);
    EXPECT_DOUBLE_EQ(r.maxDistance, 400);
    EXPECT_TRUE(std::isnan(valueAt(r, X0 + 5010, Y0 + 4010)));  // 1 km from the nearest line
    EXPECT_TRUE(std::isnan(valueAt(r, X0 + 5010, Y0 + 3510)));  // 690 m
    EXPECT_FALSE(std::isnan(valueAt(r, X0 + 5010, Y0 + 3190))); // 370 m
    EXPECT_FALSE(std::isnan(valueAt(r, X0 + 5010, Y0 + 1010))); // between lines 200 m apart
    // The lines on either side of the gap (at 2820 and 5020 m) are 44 cells apart: the 27 rows whose centres are
    // more than 8 cells (400 m) from both are masked, on every column.
    std::size_t invalid = 0;
    for (float v : r.values)
        invalid += std::isnan(v);
    EXPECT_EQ(r.validCells + invalid, r.grid.pixelCount());
    EXPECT_EQ(invalid, std::size_t(27 * r.grid.width));

    // The default mask: 5 cells (250 m) keeps the cells between lines and drops the middle of the gap.
    const GriddingResult byDefault = gridAt50(d);
    EXPECT_DOUBLE_EQ(byDefault.maxDistance, 250);
    EXPECT_TRUE(std::isnan(valueAt(byDefault, X0 + 5010, Y0 + 3510)));
    EXPECT_FALSE(std::isnan(valueAt(byDefault, X0 + 5010, Y0 + 1010)));
    EXPECT_FALSE(std::isnan(valueAt(byDefault, X0 + 5010, Y0 + 3060))); // 240 m

    // No mask: every cell has a value.
    const GriddingResult unmasked = gridAt50(d, std::numeric_limits<double>::infinity());
    EXPECT_EQ(unmasked.validCells, unmasked.grid.pixelCount());
}

TEST(Gridding, AGivenGridIsUsedExactly)
{
    const LineData d = surveyLines();
    GriddingParams p;
    // 60 m cells over part of the survey, with an origin off the 50 m lattice; readings outside it still constrain
    // its edges.
    p.grid = gridFromExtent(X0 + 1010, Y0 + 990, X0 + 8990, Y0 + 7010, 60, test::wktOf(32754));
    EXPECT_EQ(p.grid.width, 133);
    EXPECT_EQ(p.grid.height, 101);
    const GriddingResult r = gridLineData(d, p);
    EXPECT_TRUE(r.grid.sameGrid(p.grid)) << r.grid.describeDifference(p.grid);
    EXPECT_EQ(r.validCells, r.grid.pixelCount());
    EXPECT_LT(rmsError(r, 0), 0.08); // 0.048 on 60 m cells, edges included
    // Edge cells are as good as the interior.
    double x, y;
    r.grid.pixelToMap(0, 0, x, y);
    EXPECT_NEAR(r.values[0], field(x, y), 0.5);

    // Readings in another CRS than the grid's are refused.
    LineData other = d;
    other.crsWkt = test::wktOf(32755);
    EXPECT_TRUE(contains(errorOf([&] { gridLineData(other, p); }, ErrorCode::BadParameter), "reproject"));
    // A grid without readings.
    p.grid = gridFromExtent(0, 0, 1000, 1000, 50, test::wktOf(32754));
    EXPECT_TRUE(contains(errorOf([&] { gridLineData(d, p); }, ErrorCode::EmptyData), "Only 0 readings"));
}

TEST(Gridding, GridFromRasterTakesItsCellsAndCrs)
{
    TempDir dir;
    test::writeTestRaster(dir.file("like.tif"), 30, 20, {std::vector<double>(600, 1.0)}, "Float32", X0, Y0 + 2000, 100,
                          32754);
    const GridSpec g = gridFromRaster(dir.file("like.tif"));
    EXPECT_EQ(g.width, 30);
    EXPECT_EQ(g.height, 20);
    EXPECT_DOUBLE_EQ(g.geoTransform[1], 100);
    EXPECT_FALSE(g.crsWkt.empty());
    EXPECT_TRUE(contains(errorOf([&] { gridFromRaster(dir.file("none.tif")); }, ErrorCode::FileNotFound), "none.tif"));
}

TEST(Gridding, TextTablesReadAlikePlainGzipAndXz)
{
    TempDir dir;
    const LineData d = surveyLines();
    const std::string text = csvOf(d);
    writeText(dir.file("lines.csv"), text);
    writeGzip(dir.file("lines.csv.gz"), text);
    writeXz(dir.file("lines.csv.xz"), text);
    LineReadOptions o;
    o.valueColumn = "TFA"; // any case
    o.crs = "EPSG:32754";
    const LineData plain = readLineData(dir.file("lines.csv"), o);
    ASSERT_EQ(plain.size(), d.size());
    EXPECT_EQ(plain.xColumn, "X");
    EXPECT_EQ(plain.yColumn, "Y");
    EXPECT_EQ(plain.valueColumn, "tfa");
    EXPECT_EQ(plain.skipped, 0u);
    EXPECT_FALSE(plain.crsWkt.empty());
    for (std::size_t i : {std::size_t(0), d.size() / 2, d.size() - 1}) {
        EXPECT_NEAR(plain.x[i], d.x[i], 1e-6);
        EXPECT_NEAR(plain.y[i], d.y[i], 1e-6);
        EXPECT_NEAR(plain.value[i], d.value[i], 1e-9);
    }
    for (const char *name : {"lines.csv.gz", "lines.csv.xz"}) {
        SCOPED_TRACE(name);
        const LineData c = readLineData(dir.file(name), o);
        EXPECT_EQ(c.x, plain.x);
        EXPECT_EQ(c.y, plain.y);
        EXPECT_EQ(c.value, plain.value);
    }
}

TEST(Gridding, TextTablesWithOtherSeparatorsAndBadRows)
{
    TempDir dir;
    // Semicolons with decimal commas, quoted names, a comment, a blank line, CRLF, and rows without numbers.
    writeText(dir.file("semi.csv"), "\"Easting\";\"Northing\";\"mag\"\r\n# flown 2021\r\n400000,5;7500000;12,25\r\n"
                                    "\r\n400010;7500000;*\r\n400020;;13\r\n400030;7500000;-1.5e1\r\n");
    LineReadOptions o;
    o.valueColumn = "mag";
    const LineData s = readLineData(dir.file("semi.csv"), o);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s.skipped, 2u);
    EXPECT_DOUBLE_EQ(s.x[0], 400000.5);
    EXPECT_DOUBLE_EQ(s.value[0], 12.25);
    EXPECT_DOUBLE_EQ(s.value[1], -15);
    EXPECT_TRUE(s.crsWkt.empty()); // a table declares no CRS

    // Blank-separated columns (.xyz) named explicitly.
    writeText(dir.file("lines.xyz"), "line  e   n   tmi\n10 1.5 2.5  7\n10   3.5 4.5 8\n");
    o.xColumn = "e";
    o.yColumn = "n";
    o.valueColumn = "tmi";
    const LineData b = readLineData(dir.file("lines.xyz"), o);
    ASSERT_EQ(b.size(), 2u);
    EXPECT_DOUBLE_EQ(b.x[1], 3.5);
    EXPECT_DOUBLE_EQ(b.y[1], 4.5);
    EXPECT_DOUBLE_EQ(b.value[1], 8);
}

TEST(Gridding, PointFilesGiveTheirGeometryAndCrs)
{
    TempDir dir;
    GDALAllRegister();
    const std::string path = dir.file("readings.gpkg");
    {
        GDALDriver *drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRSpatialReference srs;
        srs.importFromEPSG(32754);
        OGRLayer *layer = ds->CreateLayer("readings", &srs, wkbPoint, nullptr);
        OGRFieldDefn field("TMI", OFTReal);
        ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
        for (int i = 0; i < 5; ++i) {
            OGRFeature f(layer->GetLayerDefn());
            OGRPoint p(X0 + 10 * i, Y0 + 20 * i);
            f.SetGeometry(&p);
            if (i != 3)
                f.SetField("TMI", 100.0 + i);
            ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
    }
    LineReadOptions o;
    o.valueColumn = "tmi";
    const LineData d = readLineData(path, o);
    ASSERT_EQ(d.size(), 4u);
    EXPECT_EQ(d.skipped, 1u); // the feature without a value
    EXPECT_DOUBLE_EQ(d.x[3], X0 + 40);
    EXPECT_DOUBLE_EQ(d.y[3], Y0 + 80);
    EXPECT_DOUBLE_EQ(d.value[3], 104);
    EXPECT_TRUE(contains(d.crsWkt, "UTM zone 54S"));
    o.valueColumn = "nT";
    EXPECT_TRUE(contains(errorOf([&] { readLineData(path, o); }, ErrorCode::BadPoints), "TMI"));
}

TEST(Gridding, LongitudeLatitudeIsReprojected)
{
    LineData d;
    d.path = "ll.csv";
    d.x = {141.0, 141.0, 139.0, 1000.0}; // the last is no longitude
    d.y = {-22.0, -21.0, -22.0, 1000.0};
    d.value = {1, 2, 3, 4};
    d.crsWkt = crsWktFromUserInput("EPSG:4326");
    const std::size_t dropped = reprojectLineData(d, crsWktFromUserInput("EPSG:32754"));
    EXPECT_EQ(dropped, 1u);
    ASSERT_EQ(d.size(), 3u);
    // On the central meridian (141 E) easting is the false easting; a degree of latitude is about 110.7 km there.
    EXPECT_NEAR(d.x[0], 500000, 1e-3);
    EXPECT_NEAR(d.y[1] - d.y[0], 110700, 300);
    EXPECT_NEAR(d.x[2], 500000 - 206700, 500);
    EXPECT_DOUBLE_EQ(d.value[2], 3);
    EXPECT_TRUE(contains(d.crsWkt, "UTM zone 54S"));

    LineData noCrs;
    noCrs.path = "plain.csv";
    noCrs.x = {1};
    noCrs.y = {2};
    noCrs.value = {3};
    EXPECT_TRUE(contains(errorOf([&] { reprojectLineData(noCrs, d.crsWkt); }, ErrorCode::BadParameter),
                         "plain.csv declares no CRS"));
}

TEST(Gridding, BadInputsNameTheFile)
{
    TempDir dir;
    writeText(dir.file("lines.csv"), "x,y,tfa\n1,2,3\n4,5,6\n");
    writeText(dir.file("empty.csv"), "");
    writeText(dir.file("header.csv"), "x,y,tfa\n");
    writeText(dir.file("text.csv"), "x,y,tfa\na,b,c\n");
    writeText(dir.file("bad.csv.xz"), "not xz at all");
    writeText(dir.file("bad.csv.gz"), "not gzip either");
    LineReadOptions o;
    o.valueColumn = "nt";
    std::string m = errorOf([&] { readLineData(dir.file("lines.csv"), o); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(m, dir.file("lines.csv"))) << m;
    EXPECT_TRUE(contains(m, "no column 'nt'")) << m;
    EXPECT_TRUE(contains(m, "x, y, tfa")) << m;
    o.valueColumn = "tfa";
    o.xColumn = "lon";
    m = errorOf([&] { readLineData(dir.file("lines.csv"), o); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(m, "no column 'lon' (--x)")) << m;
    o.xColumn.clear();
    o.crs = "EPSG:999999";
    m = errorOf([&] { readLineData(dir.file("lines.csv"), o); }, ErrorCode::BadParameter);
    EXPECT_TRUE(contains(m, "EPSG:999999")) << m;
    EXPECT_TRUE(contains(m, dir.file("lines.csv"))) << m;
    o.crs.clear();
    m = errorOf([&] { readLineData(dir.file("empty.csv"), o); }, ErrorCode::EmptyData);
    EXPECT_TRUE(contains(m, dir.file("empty.csv") + " is empty")) << m;
    m = errorOf([&] { readLineData(dir.file("header.csv"), o); }, ErrorCode::EmptyData);
    EXPECT_TRUE(contains(m, dir.file("header.csv") + " holds no reading")) << m;
    m = errorOf([&] { readLineData(dir.file("text.csv"), o); }, ErrorCode::EmptyData);
    EXPECT_TRUE(contains(m, "(1 row without)")) << m;
    m = errorOf([&] { readLineData(dir.file("bad.csv.xz"), o); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(m, dir.file("bad.csv.xz") + " is not a valid xz file")) << m;
    m = errorOf([&] { readLineData(dir.file("bad.csv.gz"), o); }, ErrorCode::BadPoints);
    EXPECT_TRUE(contains(m, dir.file("bad.csv.gz"))) << m;
    m = errorOf([&] { readLineData(dir.file("missing.csv"), o); }, ErrorCode::FileNotFound);
    EXPECT_TRUE(contains(m, "missing.csv")) << m;

    // Too few readings, or a cell too large for them.
    LineData few;
    few.path = "few.csv";
    few.x = {0, 1000, 0};
    few.y = {0, 0, 1000};
    few.value = {1, 2, 3};
    GriddingParams p;
    p.cell = 10;
    m = errorOf([&] { gridLineData(few, p); }, ErrorCode::EmptyData);
    EXPECT_TRUE(contains(m, "few.csv")) << m;
    p.cell = 3000;
    m = errorOf([&] { gridLineData(surveyLines(), p); }, ErrorCode::BadParameter);
    EXPECT_TRUE(contains(m, "at least 4 x 4")) << m;
    p.cell = 0.01;
    m = errorOf([&] { gridLineData(surveyLines(), p); }, ErrorCode::BadParameter);
    EXPECT_TRUE(contains(m, "use a larger cell")) << m;
}

TEST(Gridding, WrittenGridKeepsCrsAndNodata)
{
    TempDir dir;
    const GriddingResult r = gridAt50(surveyLines(3000, 5000), 400);
    writeGriddingResult(dir.file("grid.tif"), r, "tfa");
    const Raster back = readRaster(dir.file("grid.tif"));
    EXPECT_TRUE(back.grid.sameGrid(r.grid));
    EXPECT_FALSE(back.grid.crsWkt.empty());
    EXPECT_TRUE(back.hasNoData);
    EXPECT_TRUE(std::isnan(back.noData));
    EXPECT_EQ(back.validCount(), r.validCells);
    EXPECT_EQ(back.data[5000], r.values[5000]);
}

TEST(Gridding, CanceledBeforeGmtRuns)
{
    Feedback feedback;
    feedback.cancel();
    GriddingParams p;
    p.cell = 50;
    EXPECT_THROW(gridLineData(surveyLines(), p, &feedback), Canceled);
}

TEST(Gridding, CancelDuringSurfaceStopsItAtOnce)
{
    // A fine grid and a tight convergence keep GMT surface busy for many seconds (it cannot be interrupted through
    // GMT's API); it runs in lodestone-grid-worker, which a cancel kills. Cancelled 0.3 s into surface, gridding
    // must throw Canceled well within 2 s of the request (a generous bound for a busy machine).
    class CancelInSurface : public Feedback {
    public:
        std::atomic<bool> inSurface{false};

    protected:
        void onStage(const std::string &stage) override
        {
            if (stage.rfind("Minimum curvature", 0) == 0)
                inSurface = true;
        }
    } feedback;
    GriddingParams p;
    p.cell = 5;
    p.convergence = 1e-9;
    p.maxIterations = 100000;
    std::chrono::steady_clock::time_point requested;
    std::atomic<bool> done{false};
    std::thread canceller([&] {
        while (!feedback.inSurface && !done)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        requested = std::chrono::steady_clock::now();
        feedback.cancel();
    });
    bool canceled = false;
    try {
        gridLineData(surveyLines(), p, &feedback);
    } catch (const Canceled &) {
        canceled = true;
    }
    const auto returned = std::chrono::steady_clock::now();
    done = true;
    canceller.join();
    ASSERT_TRUE(canceled) << "surface finished before the cancel";
    const double latency = std::chrono::duration<double>(returned - requested).count();
    RecordProperty("cancel_latency_s", std::to_string(latency));
    EXPECT_LT(latency, 2.0);

    // The grid still comes out whole after a cancelled one (nothing of the killed worker is left in the way).
    GriddingParams quick;
    quick.cell = 50;
    EXPECT_GT(gridLineData(surveyLines(), quick).validCells, 0u);
}

TEST(Gridding, AMissingHelperIsNamed)
{
    setenv("LODESTONE_GRID_WORKER", "/nonexistent/lodestone-grid-worker", 1);
    GriddingParams p;
    p.cell = 50;
    const std::string e = errorOf([&] { gridLineData(surveyLines(), p); }, ErrorCode::Internal);
    unsetenv("LODESTONE_GRID_WORKER");
    EXPECT_TRUE(contains(e, "/nonexistent/lodestone-grid-worker")) << e;
}

TEST(Gridding, GmtVersionIsKnown)
{
    EXPECT_EQ(gmtVersion().rfind("6.", 0), 0u) << gmtVersion();
}

TEST(Gridding, PreviewShowsTheHeaderAndFirstRowsOfTextTables)
{
    TempDir dir;
    const LineData d = surveyLines();
    const std::string text = "# exported 2024\n" + csvOf(d);
    writeText(dir.file("lines.csv"), text);
    writeXz(dir.file("lines.csv.xz"), text);
    writeGzip(dir.file("lines.csv.gz"), text);
    for (const char *name : {"lines.csv", "lines.csv.xz", "lines.csv.gz"}) {
        SCOPED_TRACE(name);
        const LineTablePreview p = previewLineTable(dir.file(name), 20);
        EXPECT_EQ(p.columns, (std::vector<std::string>{"line", "X", "Y", "tfa"}));
        ASSERT_EQ(p.rows.size(), 20u);
        EXPECT_EQ(p.rows[0][0], "1000");
        EXPECT_NEAR(std::stod(p.rows[19][1]), d.x[19], 1e-6);
        EXPECT_NEAR(std::stod(p.rows[19][3]), d.value[19], 1e-9);
        EXPECT_FALSE(p.pointGeometry);
        EXPECT_TRUE(p.crsWkt.empty());
    }
    // Short tables, semicolons, quotes, CRLF and a short row (padded to the header's width).
    writeText(dir.file("semi.csv"),
              "\"Easting\";\"Northing\";\"mag\"\r\n\r\n400000,5;7500000;12,25\r\n400010;7500000\r\n");
    const LineTablePreview s = previewLineTable(dir.file("semi.csv"), 20);
    EXPECT_EQ(s.columns, (std::vector<std::string>{"Easting", "Northing", "mag"}));
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_EQ(s.rows[0], (std::vector<std::string>{"400000,5", "7500000", "12,25"}));
    EXPECT_EQ(s.rows[1], (std::vector<std::string>{"400010", "7500000", ""}));

    errorOf([&] { previewLineTable(dir.file("missing.csv")); }, ErrorCode::FileNotFound);
    writeText(dir.file("empty.csv"), "");
    EXPECT_TRUE(contains(errorOf([&] { previewLineTable(dir.file("empty.csv")); }, ErrorCode::EmptyData), "empty.csv"));
}

TEST(Gridding, PreviewOfAPointFileListsItsFieldsAndCrs)
{
    TempDir dir;
    GDALAllRegister();
    const std::string path = dir.file("readings.gpkg");
    {
        GDALDriver *drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRSpatialReference srs;
        srs.importFromEPSG(32754);
        OGRLayer *layer = ds->CreateLayer("readings", &srs, wkbPoint, nullptr);
        OGRFieldDefn field("TMI", OFTReal);
        ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
        for (int i = 0; i < 3; ++i) {
            OGRFeature f(layer->GetLayerDefn());
            OGRPoint p(X0 + 10 * i, Y0);
            f.SetGeometry(&p);
            f.SetField("TMI", 100.5 + i);
            ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
    }
    const LineTablePreview p = previewLineTable(path, 2);
    EXPECT_EQ(p.columns, std::vector<std::string>{"TMI"});
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_DOUBLE_EQ(std::stod(p.rows[1][0]), 101.5);
    EXPECT_TRUE(p.pointGeometry);
    EXPECT_TRUE(contains(p.crsWkt, "UTM zone 54S"));
}

TEST(Gridding, UtmZoneOfTheReadingsCentre)
{
    LineData d;
    d.x = {140.6, 140.9};
    d.y = {-21.9, -21.6};
    d.value = {1, 2};
    EXPECT_EQ(utmCrsForLineData(d), ""); // no CRS
    d.crsWkt = crsWktFromUserInput("EPSG:4326");
    EXPECT_EQ(utmCrsForLineData(d), "EPSG:32754"); // Osborne, Queensland
    d.x = {24.0, 24.5};
    d.y = {67.5, 68.0};
    EXPECT_EQ(utmCrsForLineData(d), "EPSG:32635"); // Kolari, Finland
    d.x = {-179.9, -179.5};
    EXPECT_EQ(utmCrsForLineData(d), "EPSG:32601");
    // Already projected: the centre is converted to longitude/latitude first.
    LineData utm = surveyLines();
    EXPECT_EQ(utmCrsForLineData(utm), "EPSG:32754");
}
