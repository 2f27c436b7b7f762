// The demo survey generator: closed-form anomalies against hand-computed values, reproducibility, labels,
// GeoTIFF output, parameter checks, and a deposit signature that differs from the barren bodies.
#include "demo.h"
#include "error.h"
#include "feedback.h"
#include "labels.h"
#include "raster.h"
#include "testutil.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

using namespace lodestone;
using lodestone::test::TempDir;
namespace mag = lodestone::magnetics;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMu0 = 4e-7 * kPi;

/** mu0 / (4 pi) times 1e9: tesla to nT, written out so that the tests do not share the code's constant. */
double fieldScale()
{
    return kMu0 / (4 * kPi) * 1e9;
}

DemoParams smallParams(std::uint64_t seed, int width = 256, int height = 200)
{
    DemoParams p;
    p.width = width;
    p.height = height;
    p.seed = seed;
    return p;
}

std::string fileBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/** TMI minus its mean over a (2r+1)^2 box: the local anomaly, free of the regional trend. */
std::vector<double> localResidual(const DemoSurvey &s, int r)
{
    const int w = s.grid.width, h = s.grid.height;
    std::vector<double> sum(std::size_t(w + 1) * (h + 1), 0.0), out(s.tmi.size());
    auto at = [&](int x, int y) -> double & { return sum[std::size_t(y) * (w + 1) + x]; };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            at(x + 1, y + 1) = s.tmi[std::size_t(y) * w + x] + at(x, y + 1) + at(x + 1, y) - at(x, y);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int x0 = std::max(0, x - r), x1 = std::min(w, x + r + 1);
            const int y0 = std::max(0, y - r), y1 = std::min(h, y + r + 1);
            const double mean = (at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0)) / ((x1 - x0) * (y1 - y0));
            out[std::size_t(y) * w + x] = s.tmi[std::size_t(y) * w + x] - mean;
        }
    return out;
}

/** 8-connected components of the pixels with truth value t; returns the component of each pixel or -1. */
std::vector<int> components(const DemoSurvey &s, std::uint8_t t, int &count)
{
    const int w = s.grid.width, h = s.grid.height;
    std::vector<int> comp(s.truth.size(), -1);
    count = 0;
    for (std::size_t i = 0; i < s.truth.size(); ++i) {
        if (s.truth[i] != t || comp[i] >= 0)
            continue;
        std::vector<std::size_t> stack{i};
        comp[i] = count;
        while (!stack.empty()) {
            const std::size_t j = stack.back();
            stack.pop_back();
            const int x = int(j % w), y = int(j / w);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h)
                        continue;
                    const std::size_t k = std::size_t(yy) * w + xx;
                    if (s.truth[k] == t && comp[k] < 0) {
                        comp[k] = count;
                        stack.push_back(k);
                    }
                }
        }
        ++count;
    }
    return comp;
}

class CancelOnProgress : public Feedback {
protected:
    void onProgress(double) override { cancel(); }
};

class RecordProgress : public Feedback {
public:
    std::vector<double> values;
    std::string lastStage;

protected:
    void onProgress(double f) override { values.push_back(f); }
    void onStage(const std::string &s) override { lastStage = s; }
};

} // namespace

TEST(DemoMagnetics, FieldDirection)
{
    const mag::Vec3 down = mag::fieldDirection(90, 0);
    EXPECT_NEAR(down.x, 0, 1e-15);
    EXPECT_NEAR(down.y, 0, 1e-15);
    EXPECT_NEAR(down.z, 1, 1e-15);
    const mag::Vec3 f = mag::fieldDirection(-60, 5);
    EXPECT_NEAR(f.x, 0.5 * std::sin(5 * kPi / 180), 1e-12);
    EXPECT_NEAR(f.y, 0.5 * std::cos(5 * kPi / 180), 1e-12);
    EXPECT_NEAR(f.z, -std::sqrt(3.0) / 2, 1e-12);
    // chi = 0.1 in 50000 nT: M = chi * B / mu0 = 0.1 * 5e-5 T / (4 pi 1e-7) = 3.9789 A/m along the field.
    const mag::Vec3 m = mag::inducedMagnetisation(0.1, 50000, down);
    EXPECT_NEAR(m.z, 0.1 * 5e-5 / kMu0, 1e-9);
    EXPECT_NEAR(m.z, 3.97887, 1e-5);
}

TEST(DemoMagnetics, SphereAtThePole)
{
    // Vertical field and induced moment, observer straight above the centre: dT = 2 m mu0 / (4 pi z^3).
    const double m = 2.5e7, z = 300;
    const mag::Vec3 field = mag::fieldDirection(90, 0);
    const double expected = 2 * m * kMu0 / (4 * kPi * z * z * z) * 1e9;
    EXPECT_NEAR(expected, 185.185185, 1e-5); // by hand: 2 * 2.5e7 * 1e-7 / 2.7e7 T = 185.19 nT
    EXPECT_NEAR(mag::dipoleAnomaly({0, 0, m}, {0, 0, -z}, field), expected, 1e-9);
    // Off to the side: dT = (mu0 / 4 pi) m (2 z^2 - x^2) / r^5, negative beyond x = sqrt(2) z.
    for (double x : {100.0, 424.0, 900.0}) {
        const double r = std::hypot(x, z);
        const double side = fieldScale() * m * (2 * z * z - x * x) / std::pow(r, 5);
        EXPECT_NEAR(mag::dipoleAnomaly({0, 0, m}, {x, 0, -z}, field), side, 1e-9 * std::abs(side) + 1e-12);
        EXPECT_NEAR(mag::dipoleAnomaly({0, 0, m}, {0, -x, -z}, field), side, 1e-9 * std::abs(side) + 1e-12);
    }
    EXPECT_LT(mag::dipoleAnomaly({0, 0, m}, {900, 0, -z}, field), 0.0);
}

TEST(DemoMagnetics, SphereAtTheEquator)
{
    // Horizontal field to the north, induced moment along it: straight above, dT = -mu0 m / (4 pi z^3),
    // and on the axis to the north at the same depth the anomaly is +2 mu0 m / (4 pi r^3).
    const mag::Vec3 field = mag::fieldDirection(0, 0);
    const double m = 1e8, z = 200;
    EXPECT_NEAR(mag::dipoleAnomaly({0, m, 0}, {0, 0, -z}, field), -fieldScale() * m / (z * z * z), 1e-9);
    EXPECT_NEAR(mag::dipoleAnomaly({0, m, 0}, {0, 500, 0}, field), 2 * fieldScale() * m / 1.25e8, 1e-9);
    // Anomalies are linear in the moment and the projection uses the field direction, not the moment's.
    EXPECT_NEAR(mag::dipoleAnomaly({0, 0, m}, {0, 0, -z}, field), 0.0, 1e-9);
}

TEST(DemoMagnetics, LineEqualsSummedDipoles)
{
    // A line of dipoles integrated in closed form against a fine midpoint sum of dipoles.
    const mag::Vec3 field = mag::fieldDirection(-60, 5);
    const mag::Vec3 lambda{3e3, -2e3, 5e3};
    const mag::Vec3 a{-400, 250, 150}, b{800, -100, 150};
    const int n = 20000;
    for (const mag::Vec3 &obs : {mag::Vec3{0, 0, 0}, mag::Vec3{900, 300, 0}, mag::Vec3{-1500, -800, 0}}) {
        double sum = 0;
        const double len = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
        for (int i = 0; i < n; ++i) {
            const double s = (i + 0.5) / n;
            const mag::Vec3 p{a.x + s * (b.x - a.x), a.y + s * (b.y - a.y), a.z + s * (b.z - a.z)};
            const double ds = len / n;
            sum += mag::dipoleAnomaly({lambda.x * ds, lambda.y * ds, lambda.z * ds},
                                      {obs.x - p.x, obs.y - p.y, obs.z - p.z}, field);
        }
        const double line = mag::lineAnomaly(lambda, a, b, obs, field);
        EXPECT_NEAR(line, sum, 1e-5 * std::abs(sum) + 1e-9) << "observer " << obs.x << ", " << obs.y;
        EXPECT_GT(std::abs(line), 0.01);
    }
}

TEST(DemoMagnetics, LongLineAtThePole)
{
    // A very long line of vertical dipoles under a vertical field, observer above its middle: the 2D limit
    // dT = 2 lambda mu0 / (4 pi h^2).
    const mag::Vec3 field = mag::fieldDirection(90, 0);
    const double lambda = 4e4, h = 150;
    const double expected = 2 * lambda * fieldScale() / (h * h);
    EXPECT_NEAR(expected, 355.5556, 1e-4); // by hand: 2 * 4e4 * 1e-7 / 22500 T
    EXPECT_NEAR(mag::lineAnomaly({0, 0, lambda}, {-1e7, 0, h}, {1e7, 0, h}, {0, 0, 0}, field), expected, 1e-6);
}

TEST(Demo, SameSeedGivesIdenticalArraysAndFiles)
{
    const DemoSurvey a = generateDemoSurvey(smallParams(7));
    const DemoSurvey b = generateDemoSurvey(smallParams(7));
    ASSERT_EQ(a.tmi.size(), 256u * 200u);
    EXPECT_TRUE(a.tmi == b.tmi);
    EXPECT_TRUE(a.labels == b.labels);
    EXPECT_TRUE(a.truth == b.truth);
    TempDir d1, d2;
    writeDemoSurvey(a, d1.path());
    writeDemoSurvey(b, d2.path());
    for (const char *name : {demoSurveyFile(), demoLabelsFile(), demoTruthFile()}) {
        const std::string bytes = fileBytes(d1.file(name));
        EXPECT_GT(bytes.size(), 1000u) << name;
        EXPECT_TRUE(bytes == fileBytes(d2.file(name))) << name;
    }
}

TEST(Demo, DifferentSeedDiffers)
{
    const DemoSurvey a = generateDemoSurvey(smallParams(1));
    const DemoSurvey b = generateDemoSurvey(smallParams(2));
    std::size_t differentTmi = 0;
    for (std::size_t i = 0; i < a.tmi.size(); ++i)
        differentTmi += std::abs(a.tmi[i] - b.tmi[i]) > 1.0f;
    EXPECT_GT(differentTmi, a.tmi.size() / 2);
    EXPECT_FALSE(a.truth == b.truth);
    EXPECT_FALSE(a.labels == b.labels);
}

TEST(Demo, NoiseIsGaussianWithTheRequestedDeviation)
{
    DemoParams quiet = smallParams(3, 400, 300);
    quiet.noise = 0;
    DemoParams noisy = quiet;
    noisy.noise = 2.0;
    const DemoSurvey a = generateDemoSurvey(quiet), b = generateDemoSurvey(noisy);
    double sum = 0, sum2 = 0;
    std::size_t beyond3 = 0;
    for (std::size_t i = 0; i < a.tmi.size(); ++i) {
        const double d = double(b.tmi[i]) - double(a.tmi[i]);
        sum += d;
        sum2 += d * d;
        beyond3 += std::abs(d) > 6.0;
    }
    const double n = double(a.tmi.size());
    const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
    EXPECT_NEAR(mean, 0.0, 0.02);
    EXPECT_NEAR(sd, 2.0, 0.02);
    EXPECT_NEAR(beyond3 / n, 0.0027, 0.0008); // two-sided 3-sigma tail of a normal distribution
    EXPECT_TRUE(a.truth == b.truth);          // the noise has its own random stream
    EXPECT_TRUE(a.labels == b.labels);
}

TEST(Demo, LabelsArePlacedAsInThePaper)
{
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const DemoSurvey s = generateDemoSurvey(smallParams(seed, 512, 512));
        const int w = s.grid.width, h = s.grid.height;
        int depositComponents = 0;
        const std::vector<int> comp = components(s, TruthDeposit, depositComponents);
        int deposit = 0, nonDeposit = 0, onBarren = 0, onBackground = 0;
        std::vector<int> touched;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const std::size_t i = std::size_t(y) * w + x;
                const std::uint8_t l = s.labels[i];
                ASSERT_LE(l, 2);
                if (l == LabelUnknown)
                    continue;
                // Far enough from the border for a 50 x 50 patch.
                EXPECT_GE(x, 25);
                EXPECT_GE(y, 25);
                EXPECT_LT(x, w - 25);
                EXPECT_LT(y, h - 25);
                if (l == LabelDeposit) {
                    ++deposit;
                    EXPECT_EQ(s.truth[i], TruthDeposit) << x << ", " << y;
                    touched.push_back(comp[i]);
                    continue;
                }
                ++nonDeposit;
                EXPECT_NE(s.truth[i], TruthDeposit) << x << ", " << y;
                onBarren += s.truth[i] == TruthBarren;
                onBackground += s.truth[i] == TruthBackground;
                // No deposit within a patch half-width.
                for (int yy = std::max(0, y - 24); yy <= std::min(h - 1, y + 24); ++yy)
                    for (int xx = std::max(0, x - 24); xx <= std::min(w - 1, x + 24); ++xx)
                        if ((xx - x) * (xx - x) + (yy - y) * (yy - y) < 24 * 24) {
                            ASSERT_NE(s.truth[std::size_t(yy) * w + xx], TruthDeposit) << "near " << x << ", " << y;
                        }
            }
        EXPECT_EQ(deposit, 14);
        EXPECT_EQ(nonDeposit, 17);
        EXPECT_GE(onBarren, 4) << "non-deposit labels should include barren magnetic bodies";
        EXPECT_GE(onBackground, 4);
        std::sort(touched.begin(), touched.end());
        const long distinct = std::unique(touched.begin(), touched.end()) - touched.begin();
        EXPECT_GE(distinct, std::min(4, depositComponents)) << "deposit labels should spread over the bodies";
        EXPECT_GT(s.depositBodies, 5);
        EXPECT_GT(s.barrenBodies, s.depositBodies);
    }
}

TEST(Demo, AnySizeFromTheSmallest)
{
    for (auto [w, h] : {std::pair{60, 60}, std::pair{61, 400}, std::pair{2434, 607}}) {
        DemoParams p = smallParams(5, w, h);
        const DemoSurvey s = generateDemoSurvey(p);
        ASSERT_EQ(s.tmi.size(), std::size_t(w) * h);
        EXPECT_EQ(std::count(s.labels.begin(), s.labels.end(), LabelDeposit), 14) << w << " x " << h;
        EXPECT_EQ(std::count(s.labels.begin(), s.labels.end(), LabelNonDeposit), 17) << w << " x " << h;
        for (std::size_t i = 0; i < s.labels.size(); ++i) {
            if (s.labels[i] == LabelDeposit) {
                EXPECT_EQ(s.truth[i], TruthDeposit);
            }
            if (s.labels[i] == LabelNonDeposit) {
                EXPECT_NE(s.truth[i], TruthDeposit);
            }
        }
        EXPECT_TRUE(std::all_of(s.tmi.begin(), s.tmi.end(), [](float v) { return std::isfinite(v); }));
    }
    DemoParams custom = smallParams(5, 300, 300);
    custom.depositPixels = 30;
    custom.nonDepositPixels = 40;
    const DemoSurvey s = generateDemoSurvey(custom);
    EXPECT_EQ(std::count(s.labels.begin(), s.labels.end(), LabelDeposit), 30);
    EXPECT_EQ(std::count(s.labels.begin(), s.labels.end(), LabelNonDeposit), 40);
}

TEST(Demo, WritesGeoreferencedGeoTiffs)
{
    DemoParams p = smallParams(11, 130, 90);
    p.pixelSize = 25;
    p.originX = 412000;
    p.originY = 6543000;
    const DemoSurvey s = generateDemoSurvey(p);
    TempDir dir;
    writeDemoSurvey(s, dir.path());

    const Raster tmi = readRaster(dir.file("survey.tif"));
    ASSERT_EQ(tmi.width(), 130);
    ASSERT_EQ(tmi.height(), 90);
    EXPECT_EQ(tmi.validCount(), 130u * 90u);
    EXPECT_TRUE(tmi.data == s.tmi);
    EXPECT_TRUE(tmi.grid.hasGeoTransform);
    EXPECT_DOUBLE_EQ(tmi.grid.geoTransform[0], 412000);
    EXPECT_DOUBLE_EQ(tmi.grid.geoTransform[1], 25);
    EXPECT_DOUBLE_EQ(tmi.grid.geoTransform[2], 0);
    EXPECT_DOUBLE_EQ(tmi.grid.geoTransform[3], 6543000);
    EXPECT_DOUBLE_EQ(tmi.grid.geoTransform[5], -25);
    EXPECT_NE(tmi.grid.crsWkt.find("32751"), std::string::npos);
    EXPECT_NE(tmi.grid.crsWkt.find("51S"), std::string::npos);

    const ByteRaster labels = readByteRaster(dir.file("labels.tif"));
    const ByteRaster truth = readByteRaster(dir.file("truth.tif"));
    EXPECT_TRUE(labels.data == s.labels);
    EXPECT_TRUE(truth.data == s.truth);
    EXPECT_TRUE(labels.grid.sameGrid(tmi.grid)) << labels.grid.describeDifference(tmi.grid);
    EXPECT_TRUE(truth.grid.sameGrid(tmi.grid));
    // As writeLabelRaster(): 2 is unknown, and 255 the nodata value, which the demo never uses.
    EXPECT_TRUE(labels.hasNoData);
    EXPECT_EQ(labels.noData, 255.0);
    EXPECT_EQ(std::count(labels.data.begin(), labels.data.end(), 255), 0);
    const LabelImage image = readLabelRaster(dir.file("labels.tif"), tmi);
    EXPECT_EQ(image.counts()[0], 17u);
    EXPECT_EQ(image.counts()[1], 14u);

    // Colour tables: deposits red in both; unknown labels and background white (palettes keep no alpha).
    GDALAllRegister();
    for (const char *name : {"labels.tif", "truth.tif"}) {
        GDALDataset *ds = static_cast<GDALDataset *>(GDALOpen(dir.file(name).c_str(), GA_ReadOnly));
        ASSERT_NE(ds, nullptr);
        const GDALColorTable *table = ds->GetRasterBand(1)->GetColorTable();
        ASSERT_NE(table, nullptr) << name;
        EXPECT_EQ(table->GetColorEntry(1)->c1, 220);
        EXPECT_EQ(table->GetColorEntry(1)->c2, 30);
        const int blank = std::string(name) == "labels.tif" ? 2 : 0;
        EXPECT_EQ(table->GetColorEntry(blank)->c1, 255) << name;
        EXPECT_EQ(table->GetColorEntry(blank)->c3, 255) << name;
        const int other = std::string(name) == "labels.tif" ? 0 : 2;
        EXPECT_LT(table->GetColorEntry(other)->c1, 200) << name;
        GDALClose(ds);
    }
}

TEST(Demo, WriteErrorsNameTheFolder)
{
    const DemoSurvey s = generateDemoSurvey(smallParams(1, 80, 80));
    TempDir dir;
    const std::string missing = dir.file("no/such/folder");
    try {
        writeDemoSurvey(s, missing);
        FAIL() << "a missing folder must be an error";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::WriteFailed);
        EXPECT_NE(std::string(e.what()).find(missing), std::string::npos);
    }
    std::ofstream(dir.file("plain")) << "x";
    EXPECT_THROW(writeDemoSurvey(s, dir.file("plain")), Error);
    DemoSurvey broken = s;
    broken.labels.pop_back();
    EXPECT_THROW(writeDemoSurvey(broken, dir.path()), Error);
}

TEST(Demo, RejectsBadParameters)
{
    auto expectBad = [](DemoParams p, const char *what) {
        try {
            generateDemoSurvey(p);
            ADD_FAILURE() << what << " should be rejected";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadParameter) << what;
            EXPECT_GT(std::string(e.what()).size(), 20u) << what;
        }
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    DemoParams p;
    p.width = 59;
    expectBad(p, "width 59");
    p = DemoParams();
    p.height = -5;
    expectBad(p, "negative height");
    p = DemoParams();
    p.width = 20000;
    p.height = 20000;
    expectBad(p, "400 million pixels");
    p = DemoParams();
    p.pixelSize = 0;
    expectBad(p, "zero pixel size");
    p = DemoParams();
    p.pixelSize = nan;
    expectBad(p, "NaN pixel size");
    p = DemoParams();
    p.inclination = 91;
    expectBad(p, "inclination 91");
    p = DemoParams();
    p.noise = -1;
    expectBad(p, "negative noise");
    p = DemoParams();
    p.depositPixels = 0;
    expectBad(p, "no deposit pixel");
    p = DemoParams();
    p.bodyDensity = nan;
    expectBad(p, "NaN density");
    p = DemoParams();
    p.epsg = 4326;
    expectBad(p, "geographic CRS");
    p = DemoParams();
    p.epsg = 999999;
    expectBad(p, "unknown EPSG code");
    p = smallParams(1, 60, 60);
    p.depositPixels = 5000;
    expectBad(p, "more deposit labels than deposit pixels");
}

TEST(Demo, DepositsHaveTheirOwnSignature)
{
    // Deposits carry reversed remanence: the local anomaly over them is negative, over barren bodies positive.
    // Amplitude alone does not tell them apart: the bodies' peak local anomalies are of the same order.
    for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
        const DemoSurvey s = generateDemoSurvey(smallParams(seed, 512, 512));
        const std::vector<double> res = localResidual(s, 12);
        double sum[3] = {0, 0, 0};
        std::size_t n[3] = {0, 0, 0};
        for (std::size_t i = 0; i < res.size(); ++i) {
            sum[s.truth[i]] += res[i];
            ++n[s.truth[i]];
        }
        ASSERT_GT(n[TruthDeposit], 50u);
        ASSERT_GT(n[TruthBarren], 500u);
        const double deposit = sum[TruthDeposit] / n[TruthDeposit];
        const double barren = sum[TruthBarren] / n[TruthBarren];
        EXPECT_LT(deposit, -50.0) << "seed " << seed;
        EXPECT_GT(barren, 20.0) << "seed " << seed;
        EXPECT_NEAR(sum[TruthBackground] / n[TruthBackground], 0.0, 5.0);

        std::vector<double> peaks[3];
        for (std::uint8_t t : {std::uint8_t(TruthDeposit), std::uint8_t(TruthBarren)}) {
            int count = 0;
            const std::vector<int> comp = components(s, t, count);
            peaks[t].assign(std::size_t(count), 0.0);
            for (std::size_t i = 0; i < comp.size(); ++i)
                if (comp[i] >= 0)
                    peaks[t][std::size_t(comp[i])] = std::max(peaks[t][std::size_t(comp[i])], std::abs(res[i]));
            std::sort(peaks[t].begin(), peaks[t].end());
        }
        const double depositMedian = peaks[TruthDeposit][peaks[TruthDeposit].size() / 2];
        const double barrenMedian = peaks[TruthBarren][peaks[TruthBarren].size() / 2];
        EXPECT_GT(barrenMedian, 0.4 * depositMedian) << "seed " << seed;
        EXPECT_LT(barrenMedian, 2.5 * depositMedian) << "seed " << seed;
        EXPECT_GT(peaks[TruthBarren].back(), depositMedian) << "some barren bodies are stronger than most deposits";
    }
}

TEST(Demo, ReportsProgressAndCancels)
{
    RecordProgress record;
    generateDemoSurvey(smallParams(1, 300, 300), &record);
    ASSERT_FALSE(record.values.empty());
    EXPECT_DOUBLE_EQ(record.values.back(), 1.0);
    EXPECT_TRUE(std::is_sorted(record.values.begin(), record.values.end()));
    EXPECT_FALSE(record.lastStage.empty());

    CancelOnProgress cancel;
    EXPECT_THROW(generateDemoSurvey(smallParams(1, 300, 3000), &cancel), Canceled);
    CancelOnProgress already;
    already.cancel();
    EXPECT_THROW(generateDemoSurvey(smallParams(1), &already), Canceled);
}
