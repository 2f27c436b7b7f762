// Magnetic products against closed form: the total-field anomaly of one induced dipole (a uniformly magnetised
// sphere) is known exactly at any point, so reduction to the pole, derivatives and upward continuation of its
// grid can be compared with the same sphere's field computed directly. Tolerance: the RMS difference over the
// pixels at least 32 from every edge is below 0.1% of the expected product's peak there (measured: 1e-7 to 4e-4,
// docs/METHOD.md); the tilt angle within 0.005 rad RMS where the analytic signal is above 0.1% of its peak.
#include "demo.h"
#include "error.h"
#include "feedback.h"
#include "gridding.h" // crsWktFromUserInput
#include "magneticfilters.h"

#include <gtest/gtest.h>

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <thread>

using namespace lodestone;
namespace mag = lodestone::magnetics;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kSize = 256;      // pixels a side
constexpr double kPixel = 50.0; // metres
constexpr double kOriginX = 500000.0, kOriginY = 7000000.0;
constexpr double kDepth = 400.0;   // sphere centre below the survey, metres
constexpr double kRadius = 150.0;  // metres
constexpr double kChi = 0.05;      // SI
constexpr double kField = 50000.0; // nT
// The sphere sits near the middle of the grid, off pixel centres.
const double kSourceX = kOriginX + 128.3 * kPixel, kSourceY = kOriginY - 127.6 * kPixel;
constexpr int kMargin = 32; // the comparison leaves out this many pixels at every edge

GridSpec northUpGrid(int width = kSize, int height = kSize)
{
    GridSpec g;
    g.width = width;
    g.height = height;
    g.geoTransform = {kOriginX, kPixel, 0, kOriginY, 0, -kPixel};
    g.hasGeoTransform = true;
    return g;
}

/** Total-field anomaly (nT) of the sphere at map (x, y) and depth z (metres, positive down; -h is h above the
 *  survey), for a field of inclination/declination fieldInc/fieldDec and a magnetisation induced along magInc/magDec.
 */
double sphereAnomaly(double x, double y, double z, double fieldInc, double fieldDec, double magInc, double magDec)
{
    const mag::Vec3 f = mag::fieldDirection(fieldInc, fieldDec);
    const mag::Vec3 m = mag::inducedMagnetisation(kChi, kField, mag::fieldDirection(magInc, magDec));
    const double volume = 4.0 / 3.0 * kPi * kRadius * kRadius * kRadius;
    return mag::dipoleAnomaly({m.x * volume, m.y * volume, m.z * volume}, {x - kSourceX, y - kSourceY, z - kDepth}, f);
}

double inducedAnomaly(double x, double y, double z, double inc, double dec)
{
    return sphereAnomaly(x, y, z, inc, dec, inc, dec);
}

/** A raster of f at every pixel centre. */
Raster rasterOf(const GridSpec &grid, const std::function<double(double x, double y)> &f)
{
    Raster r;
    r.grid = grid;
    r.data.resize(grid.pixelCount());
    r.valid.assign(grid.pixelCount(), 1);
    for (int row = 0; row < grid.height; ++row)
        for (int col = 0; col < grid.width; ++col) {
            double x, y;
            grid.pixelToMap(col, row, x, y);
            r.data[std::size_t(row) * grid.width + col] = float(f(x, y));
        }
    return r;
}

std::vector<double> valuesOf(const GridSpec &grid, const std::function<double(double x, double y)> &f)
{
    std::vector<double> v(grid.pixelCount());
    for (int row = 0; row < grid.height; ++row)
        for (int col = 0; col < grid.width; ++col) {
            double x, y;
            grid.pixelToMap(col, row, x, y);
            v[std::size_t(row) * grid.width + col] = f(x, y);
        }
    return v;
}

struct Comparison {
    double rms = 0;      ///< RMS of the difference over the inner region
    double peak = 0;     ///< max |expected| over the inner region
    double relative = 0; ///< rms / peak
    double maxError = 0;
};

/** Difference of a product and the expected values over the pixels at least margin from every edge. */
Comparison compare(const Raster &got, const std::vector<double> &expected, int margin = kMargin)
{
    Comparison c;
    double sum = 0;
    std::size_t n = 0;
    for (int row = margin; row < got.height() - margin; ++row)
        for (int col = margin; col < got.width() - margin; ++col) {
            const std::size_t i = std::size_t(row) * got.width() + col;
            const double d = double(got.data[i]) - expected[i];
            sum += d * d;
            ++n;
            c.peak = std::max(c.peak, std::abs(expected[i]));
            c.maxError = std::max(c.maxError, std::abs(d));
        }
    c.rms = std::sqrt(sum / double(n));
    c.relative = c.rms / c.peak;
    return c;
}

void report(const char *what, const Comparison &c)
{
    std::printf("%-28s relative RMS %.2e of peak %.4g (max error %.3g)\n", what, c.relative, c.peak, c.maxError);
}

DeriveParams paramsFor(MagneticProduct product)
{
    DeriveParams p;
    p.product = product;
    p.inclination = -60.0;
    p.declination = 5.0;
    return p;
}

/** The survey of every closed-form test: the sphere under a field of inclination -60, declination 5. */
const Raster &survey()
{
    static const Raster r =
        rasterOf(northUpGrid(), [](double x, double y) { return inducedAnomaly(x, y, 0.0, -60.0, 5.0); });
    return r;
}

double derivative(const std::function<double(double, double, double)> &f, double x, double y, int axis)
{
    const double h = 0.05; // metres
    if (axis == 0)
        return (f(x + h, y, 0) - f(x - h, y, 0)) / (2 * h);
    if (axis == 1)
        return (f(x, y + h, 0) - f(x, y - h, 0)) / (2 * h);
    return (f(x, y, h) - f(x, y, -h)) / (2 * h); // z down
}

const std::function<double(double, double, double)> kSurveyField = [](double x, double y, double z) {
    return inducedAnomaly(x, y, z, -60.0, 5.0);
};

} // namespace

TEST(MagneticFilters, ProductNamesRoundTrip)
{
    const std::vector<MagneticProduct> all = allMagneticProducts();
    ASSERT_EQ(all.size(), 7u);
    const char *names[] = {"rtp", "vd1", "hgrad", "tilt", "as", "up", "localstd"};
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(magneticProductName(all[i]), names[i]);
        MagneticProduct parsed = MagneticProduct::LocalStdDev;
        EXPECT_TRUE(parseMagneticProduct(names[i], parsed));
        EXPECT_EQ(parsed, all[i]);
    }
    MagneticProduct p;
    EXPECT_TRUE(parseMagneticProduct("RTP", p));
    EXPECT_EQ(p, MagneticProduct::ReducedToPole);
    EXPECT_FALSE(parseMagneticProduct("rtp2", p));
    EXPECT_FALSE(parseMagneticProduct("", p));
}

TEST(MagneticFilters, ReductionToThePoleMatchesTheSphereAtThePole)
{
    const Raster rtp = deriveMagneticProduct(survey(), paramsFor(MagneticProduct::ReducedToPole));
    EXPECT_TRUE(rtp.grid.sameGrid(survey().grid));
    EXPECT_TRUE(rtp.path.empty());
    // Field and magnetisation both vertical (inclination 90): the anomaly right above the sphere.
    const std::vector<double> pole =
        valuesOf(rtp.grid, [](double x, double y) { return inducedAnomaly(x, y, 0.0, 90.0, 0.0); });
    const Comparison c = compare(rtp, pole);
    report("rtp (I -60, D 5)", c);
    EXPECT_LT(c.relative, 0.001);
    // The reduced anomaly peaks over the sphere and is positive there; the input's peak is offset to the north.
    const std::size_t above = std::size_t(128) * kSize + 128;
    EXPECT_GT(rtp.data[above], 0.9 * c.peak);
    // Without the reduction the survey is far from the pole anomaly: the comparison is not trivial.
    const Comparison unreduced = compare(survey(), pole);
    EXPECT_GT(unreduced.maxError, 0.3 * unreduced.peak);
    EXPECT_GT(unreduced.relative, 20 * c.relative);
}

TEST(MagneticFilters, LowLatitudeReductionIsStabilisedAndBounded)
{
    const double inc = -10.0, dec = 5.0;
    const Raster low = rasterOf(northUpGrid(), [&](double x, double y) { return inducedAnomaly(x, y, 0, inc, dec); });
    DeriveParams p = paramsFor(MagneticProduct::ReducedToPole);
    p.inclination = inc;
    p.declination = dec;
    ASSERT_DOUBLE_EQ(p.stabilisingInclination, 20.0);
    const Raster rtp = deriveMagneticProduct(low, p);
    double inputPeak = 0, outputPeak = 0;
    for (std::size_t i = 0; i < rtp.data.size(); ++i) {
        ASSERT_TRUE(std::isfinite(rtp.data[i])) << i;
        inputPeak = std::max(inputPeak, std::abs(double(low.data[i])));
        outputPeak = std::max(outputPeak, std::abs(double(rtp.data[i])));
    }
    const std::vector<double> pole =
        valuesOf(rtp.grid, [](double x, double y) { return inducedAnomaly(x, y, 0.0, 90.0, 0.0); });
    double polePeak = 0;
    for (double v : pole)
        polePeak = std::max(polePeak, std::abs(v));
    // Bounded: no blow-up along the declination, where the unstabilised filter multiplies by 1 / sin^2(10 deg) = 33.
    EXPECT_LT(outputPeak, 2.0 * polePeak);
    EXPECT_LT(outputPeak, 8.0 * inputPeak);
    // Reasonable: the result correlates with the true pole anomaly and peaks positive near the sphere.
    double sxy = 0, sxx = 0, syy = 0, mx = 0, my = 0;
    const std::size_t n = pole.size();
    for (std::size_t i = 0; i < n; ++i) {
        mx += rtp.data[i];
        my += pole[i];
    }
    mx /= double(n);
    my /= double(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = rtp.data[i] - mx, b = pole[i] - my;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    const double correlation = sxy / std::sqrt(sxx * syy);
    const auto peakAt = std::max_element(rtp.data.begin(), rtp.data.end()) - rtp.data.begin();
    const int peakCol = int(peakAt % kSize), peakRow = int(peakAt / kSize);
    std::printf("rtp (I -10, stabilised at 20): peak %.4g (true pole %.4g, input %.4g), correlation %.3f, "
                "peak at (%d, %d)\n",
                outputPeak, polePeak, inputPeak, correlation, peakCol, peakRow);
    EXPECT_GT(correlation, 0.9);
    EXPECT_LE(std::abs(peakCol - 128), 3);
    EXPECT_LE(std::abs(peakRow - 128), 3);
    // Unstabilised (stabilising inclination below the true one), the filter is the exact one: larger amplitudes.
    p.stabilisingInclination = 0.0;
    const Raster exact = deriveMagneticProduct(low, p);
    const Comparison c = compare(exact, pole);
    report("rtp (I -10, unstabilised)", c);
    double exactPeak = 0;
    for (float v : exact.data)
        exactPeak = std::max(exactPeak, std::abs(double(v)));
    EXPECT_LT(c.relative, 0.002); // noise-free data: the exact filter is right, but see the noise below
    EXPECT_GT(exactPeak, outputPeak);

    // Noise: the stabilised filter multiplies no wavenumber by more than 1 / sin^2(20 deg) = 8.5, the exact one by
    // up to 1 / sin^2(10 deg) = 33 (along the declination).
    Raster noise = low;
    std::mt19937 rng(11);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (float &v : noise.data)
        v = float(normal(rng));
    auto rms = [](const std::vector<float> &v) {
        double s = 0;
        for (float x : v)
            s += double(x) * x;
        return std::sqrt(s / double(v.size()));
    };
    p.stabilisingInclination = 20.0;
    const double stabilisedGain = rms(deriveMagneticProduct(noise, p).data) / rms(noise.data);
    p.stabilisingInclination = 0.0;
    const double exactGain = rms(deriveMagneticProduct(noise, p).data) / rms(noise.data);
    std::printf("white-noise RMS gain at I -10: stabilised %.2f, exact %.2f\n", stabilisedGain, exactGain);
    EXPECT_LT(stabilisedGain, 1.0 / std::pow(std::sin(20.0 * kPi / 180), 2));
    EXPECT_GT(exactGain, 1.5 * stabilisedGain);
}

TEST(MagneticFilters, VerticalDerivativeMatchesTheClosedForm)
{
    const Raster vd1 = deriveMagneticProduct(survey(), paramsFor(MagneticProduct::VerticalDerivative));
    const std::vector<double> expected =
        valuesOf(vd1.grid, [](double x, double y) { return derivative(kSurveyField, x, y, 2); });
    const Comparison c = compare(vd1, expected);
    report("vd1", c);
    EXPECT_LT(c.relative, 0.001);
    // Sign: positive over a positive source at the pole (dT/dz with z down, the field grows toward the source).
    const Raster pole = rasterOf(northUpGrid(), [](double x, double y) { return inducedAnomaly(x, y, 0, 90, 0); });
    const Raster poleVd1 = deriveMagneticProduct(pole, paramsFor(MagneticProduct::VerticalDerivative));
    const std::size_t above = std::size_t(128) * kSize + 128;
    EXPECT_GT(pole.data[above], 0.0f);
    EXPECT_GT(poleVd1.data[above], 0.0f);
    double x, y;
    pole.grid.pixelToMap(128, 128, x, y);
    const double atCentre = (inducedAnomaly(x, y, 0.05, 90, 0) - inducedAnomaly(x, y, -0.05, 90, 0)) / 0.1;
    EXPECT_NEAR(poleVd1.data[above], atCentre, 0.001 * atCentre);
}

TEST(MagneticFilters, UpwardContinuationMatchesTheFieldHigherUp)
{
    for (double h : {100.0, 500.0}) {
        DeriveParams p = paramsFor(MagneticProduct::UpwardContinuation);
        p.height = h;
        const Raster up = deriveMagneticProduct(survey(), p);
        const std::vector<double> expected =
            valuesOf(up.grid, [h](double x, double y) { return inducedAnomaly(x, y, -h, -60.0, 5.0); });
        const Comparison c = compare(up, expected);
        report(h == 100.0 ? "up 100 m" : "up 500 m", c);
        EXPECT_LT(c.relative, 0.001) << h;
    }
}

TEST(MagneticFilters, GradientsTiltAndAnalyticSignalMatchTheClosedForm)
{
    const GridSpec grid = northUpGrid();
    const std::vector<double> dx = valuesOf(grid, [](double x, double y) { return derivative(kSurveyField, x, y, 0); });
    const std::vector<double> dy = valuesOf(grid, [](double x, double y) { return derivative(kSurveyField, x, y, 1); });
    const std::vector<double> dz = valuesOf(grid, [](double x, double y) { return derivative(kSurveyField, x, y, 2); });
    std::vector<double> hgrad(dx.size()), as(dx.size()), tilt(dx.size());
    for (std::size_t i = 0; i < dx.size(); ++i) {
        hgrad[i] = std::hypot(dx[i], dy[i]);
        as[i] = std::sqrt(dx[i] * dx[i] + dy[i] * dy[i] + dz[i] * dz[i]);
        tilt[i] = std::atan2(dz[i], hgrad[i]);
    }
    const Raster h = deriveMagneticProduct(survey(), paramsFor(MagneticProduct::HorizontalGradient));
    const Comparison ch = compare(h, hgrad);
    report("hgrad", ch);
    EXPECT_LT(ch.relative, 0.001);
    const Raster a = deriveMagneticProduct(survey(), paramsFor(MagneticProduct::AnalyticSignal));
    const Comparison ca = compare(a, as);
    report("as", ca);
    EXPECT_LT(ca.relative, 0.001);

    // The tilt is an angle, defined wherever the gradients are: compared where the analytic signal is above 0.1% of
    // its peak (farther out both gradients vanish and the angle is the ratio of two round-off errors).
    const Raster t = deriveMagneticProduct(survey(), paramsFor(MagneticProduct::TiltAngle));
    double sum = 0, maxError = 0;
    std::size_t n = 0;
    for (int row = kMargin; row < kSize - kMargin; ++row)
        for (int col = kMargin; col < kSize - kMargin; ++col) {
            const std::size_t i = std::size_t(row) * kSize + col;
            ASSERT_GE(t.data[i], -kPi / 2 - 1e-6);
            ASSERT_LE(t.data[i], kPi / 2 + 1e-6);
            if (as[i] < 0.001 * ca.peak)
                continue;
            const double d = t.data[i] - tilt[i];
            sum += d * d;
            maxError = std::max(maxError, std::abs(d));
            ++n;
        }
    ASSERT_GT(n, 1000u);
    const double rms = std::sqrt(sum / double(n));
    std::printf("%-28s RMS %.2e rad, max %.2e rad over %zu pixels\n", "tilt", rms, maxError, n);
    EXPECT_LT(rms, 0.005); // radians, 0.16% of the angle's range of pi
    EXPECT_LT(maxError, 0.02);
}

TEST(MagneticFilters, RegionalGradientDoesNotRingIntoTheDerivatives)
{
    // The sphere on a planar regional field (0.05 nT/m east, -0.03 nT/m north: +-320 nT over the grid). A plane is
    // harmonic with no vertical derivative: vd1 is the sphere's alone, hgrad includes the regional gradient and
    // upward continuation leaves the plane as it is. Mirror padding alone would turn the plane into a triangle
    // wave whose kinks at the edges leak into every wavenumber; the fitted plane is removed before the transform.
    const double gx = 0.05, gy = -0.03;
    const double xc = kOriginX + 0.5 * kSize * kPixel, yc = kOriginY - 0.5 * kSize * kPixel;
    auto regional = [&](double x, double y) { return gx * (x - xc) + gy * (y - yc); };
    const Raster s = rasterOf(
        northUpGrid(), [&](double x, double y) { return inducedAnomaly(x, y, 0.0, -60.0, 5.0) + regional(x, y); });
    const GridSpec &grid = s.grid;
    const Comparison vd1 =
        compare(deriveMagneticProduct(s, paramsFor(MagneticProduct::VerticalDerivative)),
                valuesOf(grid, [](double x, double y) { return derivative(kSurveyField, x, y, 2); }));
    report("vd1 on a regional", vd1);
    EXPECT_LT(vd1.relative, 0.001);
    const Comparison hgrad =
        compare(deriveMagneticProduct(s, paramsFor(MagneticProduct::HorizontalGradient)),
                valuesOf(grid, [&](double x, double y) {
                    return std::hypot(derivative(kSurveyField, x, y, 0) + gx, derivative(kSurveyField, x, y, 1) + gy);
                }));
    report("hgrad on a regional", hgrad);
    EXPECT_LT(hgrad.relative, 0.001);
    DeriveParams p = paramsFor(MagneticProduct::UpwardContinuation);
    p.height = 200.0;
    const Comparison up = compare(deriveMagneticProduct(s, p), valuesOf(grid, [&](double x, double y) {
                                      return inducedAnomaly(x, y, -200.0, -60.0, 5.0) + regional(x, y);
                                  }));
    report("up 200 m on a regional", up);
    EXPECT_LT(up.maxError, 0.001 * up.peak);
    // rtp reduces the anomaly and puts the regional plane back unchanged.
    const Comparison rtp = compare(
        deriveMagneticProduct(s, paramsFor(MagneticProduct::ReducedToPole)),
        valuesOf(grid, [&](double x, double y) { return inducedAnomaly(x, y, 0.0, 90.0, 0.0) + regional(x, y); }));
    report("rtp on a regional", rtp);
    EXPECT_LT(rtp.maxError, 0.001 * rtp.peak);
}

TEST(MagneticFilters, SouthUpGridGivesTheSameProducts)
{
    // The same survey stored bottom row first (positive gt[5]): the products must be the same, flipped.
    const Raster &north = survey();
    Raster south = north;
    south.grid.geoTransform = {kOriginX, kPixel, 0, kOriginY - kSize * kPixel, 0, kPixel};
    for (int row = 0; row < kSize; ++row)
        std::copy_n(north.data.begin() + std::ptrdiff_t(row) * kSize, kSize,
                    south.data.begin() + std::ptrdiff_t(kSize - 1 - row) * kSize);
    for (MagneticProduct product : {MagneticProduct::ReducedToPole, MagneticProduct::TiltAngle}) {
        const Raster a = deriveMagneticProduct(north, paramsFor(product));
        const Raster b = deriveMagneticProduct(south, paramsFor(product));
        double maxDiff = 0, peak = 0;
        for (int row = 0; row < kSize; ++row)
            for (int col = 0; col < kSize; ++col) {
                const float va = a.data[std::size_t(row) * kSize + col];
                const float vb = b.data[std::size_t(kSize - 1 - row) * kSize + col];
                maxDiff = std::max(maxDiff, double(std::abs(va - vb)));
                peak = std::max(peak, double(std::abs(va)));
            }
        EXPECT_LT(maxDiff, 1e-4 * peak) << magneticProductName(product);
    }
}

TEST(MagneticFilters, NodataIsRestoredAndTheFieldAwayFromItIsKept)
{
    // Holes: a block near a corner, a strip along an edge and scattered pixels; all far from the sphere.
    Raster s = survey();
    s.path = "holes.tif";
    s.hasNoData = true;
    s.noData = -99999.0;
    auto invalidate = [&](int col, int row) {
        const std::size_t i = std::size_t(row) * kSize + col;
        s.data[i] = std::numeric_limits<float>::quiet_NaN();
        s.valid[i] = 0;
    };
    for (int row = 20; row < 60; ++row)
        for (int col = 180; col < 230; ++col)
            invalidate(col, row);
    for (int row = 0; row < kSize; ++row)
        for (int col = 0; col < 6; ++col)
            invalidate(col, row);
    std::mt19937 rng(7);
    for (int k = 0; k < 200; ++k)
        invalidate(int(rng() % kSize), int(rng() % 40) + 210);
    const std::vector<uint8_t> validBefore = s.valid;

    const std::vector<double> pole =
        valuesOf(s.grid, [](double x, double y) { return inducedAnomaly(x, y, 0.0, 90.0, 0.0); });
    for (MagneticProduct product : allMagneticProducts()) {
        SCOPED_TRACE(magneticProductName(product));
        const Raster r = deriveMagneticProduct(s, paramsFor(product));
        EXPECT_TRUE(r.grid.sameGrid(s.grid));
        EXPECT_EQ(r.grid.crsWkt, s.grid.crsWkt);
        EXPECT_EQ(r.valid, validBefore);
        for (std::size_t i = 0; i < r.data.size(); ++i) {
            if (validBefore[i])
                ASSERT_TRUE(std::isfinite(r.data[i])) << i;
            else
                ASSERT_TRUE(std::isnan(r.data[i])) << i;
        }
        if (product == MagneticProduct::ReducedToPole) {
            // Over the sphere, far from the holes, the reduction is as good as without holes.
            Raster centre = r;
            const Comparison c = compare(centre, pole, 80);
            report("rtp with nodata (centre)", c);
            EXPECT_LT(c.relative, 0.001);
        }
    }
}

TEST(MagneticFilters, LocalStandardDeviationMatchesBruteForce)
{
    const int w = 41, h = 29;
    Raster r;
    r.grid = northUpGrid(w, h);
    r.data.resize(r.grid.pixelCount());
    r.valid.assign(r.grid.pixelCount(), 1);
    std::mt19937 rng(3);
    std::normal_distribution<double> normal(1000.0, 25.0);
    for (std::size_t i = 0; i < r.data.size(); ++i) {
        r.data[i] = float(normal(rng));
        if (rng() % 7 == 0) {
            r.valid[i] = 0;
            r.data[i] = std::numeric_limits<float>::quiet_NaN();
        }
    }
    for (int window : {3, 5, 9}) {
        DeriveParams p;
        p.product = MagneticProduct::LocalStdDev;
        p.window = window;
        const Raster out = deriveMagneticProduct(r, p);
        ASSERT_TRUE(out.grid.sameGrid(r.grid));
        const int half = window / 2;
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col) {
                const std::size_t i = std::size_t(row) * w + col;
                if (!r.valid[i]) {
                    EXPECT_TRUE(std::isnan(out.data[i]));
                    continue;
                }
                double sum = 0, sum2 = 0;
                int n = 0;
                for (int rr = std::max(0, row - half); rr <= std::min(h - 1, row + half); ++rr)
                    for (int cc = std::max(0, col - half); cc <= std::min(w - 1, col + half); ++cc) {
                        const std::size_t j = std::size_t(rr) * w + cc;
                        if (!r.valid[j])
                            continue;
                        sum += r.data[j];
                        ++n;
                    }
                const double mean = sum / n;
                for (int rr = std::max(0, row - half); rr <= std::min(h - 1, row + half); ++rr)
                    for (int cc = std::max(0, col - half); cc <= std::min(w - 1, col + half); ++cc) {
                        const std::size_t j = std::size_t(rr) * w + cc;
                        if (r.valid[j])
                            sum2 += (r.data[j] - mean) * (r.data[j] - mean);
                    }
                const double expected = std::sqrt(sum2 / n);
                ASSERT_NEAR(out.data[i], expected, 1e-4 * (1.0 + expected)) << col << "," << row << " w" << window;
            }
    }
    // A constant field has no spread.
    Raster flat = r;
    std::fill(flat.data.begin(), flat.data.end(), 1234.5f);
    flat.valid.assign(flat.data.size(), 1);
    DeriveParams p;
    p.product = MagneticProduct::LocalStdDev;
    const Raster zero = deriveMagneticProduct(flat, p);
    for (float v : zero.data)
        ASSERT_NEAR(v, 0.0f, 1e-4f);
}

/** Each product of a and of b (the same field on two descriptions of one grid) agrees to 1e-5 of its peak. */
void expectSameProducts(const Raster &a, const Raster &b, const std::vector<MagneticProduct> &products)
{
    for (MagneticProduct product : products) {
        const Raster pa = deriveMagneticProduct(a, paramsFor(product));
        const Raster pb = deriveMagneticProduct(b, paramsFor(product));
        double maxDiff = 0, peak = 0;
        for (std::size_t i = 0; i < pa.data.size(); ++i) {
            maxDiff = std::max(maxDiff, double(std::abs(pa.data[i] - pb.data[i])));
            peak = std::max(peak, double(std::abs(pa.data[i])));
        }
        EXPECT_GT(peak, 0.0);
        EXPECT_LT(maxDiff, 1e-5 * peak) << magneticProductName(product);
    }
}

TEST(MagneticFilters, GridUnitsComeFromTheCrs)
{
    // Cells in feet are converted: the same field on a grid of 0.3048 m cells described in metres and in
    // international feet (1 ft cells) gives the same products. Cells in degrees are taken as metres at the grid's
    // middle latitude.
    Raster metres = rasterOf(northUpGrid(64, 48), [](double x, double y) { return inducedAnomaly(x, y, 0, -60, 5); });
    {
        // The size of a cell of 0.001 by 0.0005 degrees at 60 degrees north, measured with PROJ (distances from
        // the centre of an azimuthal equidistant projection are true), not with the ellipsoid's radii.
        const double lon0 = 25.0, lat0 = 60.0, dLon = 0.001, dLat = 0.0005;
        OGRSpatialReference wgs84, local;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        local.importFromProj4("+proj=aeqd +lat_0=60 +lon_0=25 +datum=WGS84 +units=m +no_defs");
        local.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> toLocal(OGRCreateCoordinateTransformation(&wgs84, &local));
        ASSERT_TRUE(toLocal);
        double x[3] = {lon0, lon0 + dLon, lon0}, y[3] = {lat0, lat0, lat0 + dLat};
        ASSERT_TRUE(toLocal->Transform(3, x, y));
        const double cellX = std::hypot(x[1] - x[0], y[1] - y[0]), cellY = std::hypot(x[2] - x[0], y[2] - y[0]);
        EXPECT_NEAR(cellX, 55.800, 0.001); // the published length of a degree of longitude at 60 degrees, / 1000
        Raster geographic = metres, projected = metres;
        geographic.grid.crsWkt = crsWktFromUserInput("EPSG:4326");
        geographic.grid.geoTransform = {lon0 - 32 * dLon, dLon, 0, lat0 + 24 * dLat, 0, -dLat}; // centred on 60 N
        geographic.path = "lonlat.tif";
        projected.grid.crsWkt = crsWktFromUserInput("EPSG:32635");
        projected.grid.geoTransform = {400000, cellX, 0, 6650000, 0, -cellY};
        expectSameProducts(projected, geographic,
                           {MagneticProduct::VerticalDerivative, MagneticProduct::AnalyticSignal,
                            MagneticProduct::UpwardContinuation, MagneticProduct::ReducedToPole});
        EXPECT_EQ(geographicCellsNote(projected), "");
        EXPECT_EQ(geographicCellsNote(metres), ""); // no CRS: metres
        const std::string note = geographicCellsNote(geographic);
        EXPECT_NE(note.find("The survey lonlat.tif is in geographic coordinates (WGS 84): its magnetic products take "
                            "each cell as 55.8 m east-west by 55.7 m north-south, the cell's size at the grid's middle "
                            "latitude (60.00 degrees; a flat-earth approximation"),
                  std::string::npos)
            << note;
        EXPECT_EQ(note.find("differs"), std::string::npos) << note; // 0.024 degrees of latitude: no drift to speak of
        // A grid from 50 to 70 degrees north: at 70 degrees a cell is 31.6 % narrower than at 60.
        Raster tall = geographic;
        tall.grid.geoTransform = {lon0, 0.01, 0, 70.0, 0, -20.0 / 48};
        const std::string tallNote = geographicCellsNote(tall);
        EXPECT_NE(tallNote.find("differs from it by up to 31.6 % at the grid's northern or southern edge"),
                  std::string::npos)
            << tallNote;
        // A south-up grid (rows running north) of the same cells gives the same sizes.
        Raster southUp = geographic;
        southUp.grid.geoTransform = {lon0 - 32 * dLon, dLon, 0, lat0 - 24 * dLat, 0, dLat};
        EXPECT_EQ(geographicCellsNote(southUp), note);
        // Rows beyond 90 degrees are no latitudes: metres under a geographic CRS, refused saying so.
        Raster metresAsDegrees = geographic;
        metresAsDegrees.grid.geoTransform = {400000, 50, 0, 7000000, 0, -50};
        try {
            geographicCellsNote(metresAsDegrees);
            ADD_FAILURE() << "rows at 7,000,000 degrees were accepted";
        } catch (const Error &e) {
            EXPECT_NE(std::string(e.what()).find("which is no latitude: the coordinates are probably in metres"),
                      std::string::npos)
                << e.what();
        }
        // A grid reaching a pole is refused, by the note and by the products, but not by the local standard
        // deviation, whose window is in cells.
        Raster polar = geographic;
        polar.grid.geoTransform = {lon0, 0.01, 0, 89.5, 0, -0.01};
        EXPECT_THROW(geographicCellsNote(polar), Error);
        DeriveParams localStd;
        localStd.product = MagneticProduct::LocalStdDev;
        EXPECT_EQ(deriveMagneticProduct(polar, localStd).data.size(), polar.data.size());
        try {
            deriveMagneticProduct(polar, paramsFor(MagneticProduct::AnalyticSignal));
            ADD_FAILURE() << "a grid reaching 89.5 degrees north was accepted";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadParameter);
            EXPECT_NE(std::string(e.what()).find("reaches latitude 89.5"), std::string::npos) << e.what();
        }
    }
    Raster inMetres = metres, inFeet = metres;
    inMetres.grid.crsWkt = crsWktFromUserInput("EPSG:32635"); // UTM 35N, metres
    inFeet.grid.crsWkt = crsWktFromUserInput("+proj=utm +zone=35 +datum=WGS84 +units=ft +no_defs");
    const double foot = 0.3048;
    auto &gm = inMetres.grid.geoTransform;
    gm = {gm[0] * foot, gm[1] * foot, 0, gm[3] * foot, 0, gm[5] * foot};
    expectSameProducts(
        inMetres, inFeet,
        {MagneticProduct::VerticalDerivative, MagneticProduct::AnalyticSignal, MagneticProduct::UpwardContinuation});
}

TEST(MagneticFilters, BadSettingsAndRotatedGridsAreRefused)
{
    auto code = [](const Raster &r, const DeriveParams &p) {
        try {
            deriveMagneticProduct(r, p);
        } catch (const Error &e) {
            return e.code();
        }
        return ErrorCode::Internal;
    };
    Raster small = rasterOf(northUpGrid(64, 48), [](double x, double y) { return inducedAnomaly(x, y, 0, -60, 5); });
    Raster rotated = small;
    rotated.grid.geoTransform[2] = 5.0;
    rotated.path = "rotated.tif";
    EXPECT_EQ(code(rotated, paramsFor(MagneticProduct::VerticalDerivative)), ErrorCode::BadParameter);
    try {
        deriveMagneticProduct(rotated, paramsFor(MagneticProduct::AnalyticSignal));
        ADD_FAILURE() << "a rotated grid was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("rotated.tif"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("rotated"), std::string::npos) << e.what();
    }
    DeriveParams p = paramsFor(MagneticProduct::LocalStdDev);
    for (int window : {2, 1, 0, -3, 1003}) {
        p.window = window;
        EXPECT_EQ(code(small, p), ErrorCode::BadParameter) << window;
    }
    p = paramsFor(MagneticProduct::UpwardContinuation);
    for (double height : {0.0, -10.0, std::numeric_limits<double>::quiet_NaN()}) {
        p.height = height;
        EXPECT_EQ(code(small, p), ErrorCode::BadParameter) << height;
    }
    p = paramsFor(MagneticProduct::ReducedToPole);
    p.inclination = 95;
    EXPECT_EQ(code(small, p), ErrorCode::BadParameter);
    p.inclination = 0;
    p.stabilisingInclination = 0;
    EXPECT_EQ(code(small, p), ErrorCode::BadParameter); // the equator needs stabilisation
    p.stabilisingInclination = 20;
    p.declination = 0; // wavenumbers exactly east-west: the true filter's phase is undefined there
    EXPECT_EQ(code(small, p), ErrorCode::Internal); // accepted
    for (float v : deriveMagneticProduct(small, p).data)
        ASSERT_TRUE(std::isfinite(v));
    Raster empty = small;
    std::fill(empty.valid.begin(), empty.valid.end(), 0);
    EXPECT_EQ(code(empty, paramsFor(MagneticProduct::VerticalDerivative)), ErrorCode::EmptyData);
}

TEST(MagneticFilters, CancelStopsTheWork)
{
    Feedback feedback;
    feedback.cancel();
    for (MagneticProduct product : {MagneticProduct::ReducedToPole, MagneticProduct::LocalStdDev})
        EXPECT_THROW(deriveMagneticProduct(survey(), paramsFor(product), &feedback), Canceled);
}

TEST(MagneticFilters, ConcurrentCallsGiveTheSameResults)
{
    // FFTW plans are made under a mutex: products derived on several threads at once match sequential ones.
    const Raster small =
        rasterOf(northUpGrid(96, 80), [](double x, double y) { return inducedAnomaly(x, y, 0, -60, 5); });
    const std::vector<MagneticProduct> products = {MagneticProduct::ReducedToPole, MagneticProduct::AnalyticSignal,
                                                   MagneticProduct::UpwardContinuation, MagneticProduct::TiltAngle};
    std::vector<Raster> sequential;
    for (MagneticProduct product : products)
        sequential.push_back(deriveMagneticProduct(small, paramsFor(product)));
    std::vector<Raster> parallel(products.size() * 4);
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < parallel.size(); ++k)
        threads.emplace_back([&, k] { parallel[k] = deriveMagneticProduct(small, paramsFor(products[k % 4])); });
    for (std::thread &t : threads)
        t.join();
    for (std::size_t k = 0; k < parallel.size(); ++k)
        EXPECT_EQ(parallel[k].data, sequential[k % 4].data) << k;
}
