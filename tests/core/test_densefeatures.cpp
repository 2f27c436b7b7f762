// The dense feature path against the reference stitch.
#include "autoencoder.h"
#include "error.h"
#include "featurerasters.h"
#include "patches.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace lodestone;

namespace {

NormalizedImage structured(int w, int h)
{
    NormalizedImage img;
    img.width = w;
    img.height = h;
    img.data.resize(std::size_t(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.data[std::size_t(y) * w + x] =
                float(0.5 + 0.25 * std::sin(0.2 * x) * std::cos(0.15 * y) +
                      0.2 * std::exp(-((x - 30) * (x - 30) + (y - 20) * (y - 20)) / 40.0));
    return img;
}

Autoencoder trained(const NormalizedImage &img, const std::vector<uint8_t> &valid, int patchSize, int epochs,
                    const std::array<int, 3> &filters = {16, 8, 8})
{
    AutoencoderParams p;
    p.patchSize = patchSize;
    p.filters = filters;
    p.epochs = epochs;
    p.batchSize = 32;
    p.learningRate = 3e-3;
    Autoencoder ae(p, 9);
    ae.train(img, sampleValidPixels(valid, 300, 9), nullptr);
    return ae;
}

/** Per raster: mean absolute deviation over valid pixels / the exact raster's value range (-1 for a dead
 *  filter), and the largest absolute deviation / range. */
struct Deviation {
    std::vector<double> meanRel, maxRel;
};

Deviation compare(const FeatureRasters &exact, const FeatureRasters &dense, const std::vector<uint8_t> &valid)
{
    Deviation d;
    for (int k = 0; k < exact.count; ++k) {
        double lo = INFINITY, hi = -INFINITY, sum = 0, worst = 0;
        std::size_t n = 0;
        for (std::size_t i = 0; i < valid.size(); ++i) {
            if (!valid[i])
                continue;
            const double e = exact.plane(k)[i], v = dense.plane(k)[i];
            lo = std::min(lo, e);
            hi = std::max(hi, e);
            sum += std::abs(e - v);
            worst = std::max(worst, std::abs(e - v));
            ++n;
        }
        const double range = hi - lo;
        d.meanRel.push_back(range < 1e-6 ? -1.0 : sum / double(n) / range);
        d.maxRel.push_back(range < 1e-6 ? -1.0 : worst / range);
    }
    return d;
}

/** Checks the 1% bound on every live raster and prints worst / median deviations per layer. */
void expectWithinOnePercent(const FeatureRasters &exact, const FeatureRasters &dense, const std::vector<uint8_t> &valid,
                            const std::array<int, 3> &filters)
{
    ASSERT_EQ(dense.count, exact.count);
    ASSERT_EQ(dense.width, exact.width);
    ASSERT_EQ(dense.height, exact.height);
    const Deviation d = compare(exact, dense, valid);
    int first = 0;
    for (int layer = 0; layer < 3; ++layer) {
        std::vector<double> mean, max;
        for (int k = first; k < first + filters[layer]; ++k) {
            if (d.meanRel[k] < 0)
                continue; // a dead filter: both paths give a constant
            EXPECT_LT(d.meanRel[k], 0.01) << exact.names[k];
            EXPECT_LT(d.maxRel[k], 0.01) << exact.names[k];
            mean.push_back(d.meanRel[k]);
            max.push_back(d.maxRel[k]);
        }
        first += filters[layer];
        if (mean.empty())
            continue;
        std::sort(mean.begin(), mean.end());
        std::sort(max.begin(), max.end());
        std::printf(
            "layer %d (%zu live rasters): mean |dev|/range worst %.2e median %.2e; max |dev|/range worst %.2e\n",
            layer + 1, mean.size(), mean.back(), mean[mean.size() / 2], max.back());
    }
}

} // namespace

TEST(DenseFeatures, AgreesWithTheExactStitchWithinOnePercentOfRange)
{
    // The dense path must stay within 1% of each feature raster's value range (mean absolute deviation)
    // of the reference stitch, with the default architecture and patch size.
    configureTorchThreads();
    NormalizedImage img = structured(200, 160);
    std::vector<uint8_t> valid(img.data.size(), 1);
    valid[100] = 0;
    Autoencoder ae = trained(img, valid, 50, 3);
    FeatureRasters exact = stitchFeaturesExact(ae, img, valid, 1, nullptr);
    FeatureRasters dense = denseFeatures(ae, img, valid, nullptr, 32);
    EXPECT_TRUE(std::isnan(dense.plane(0)[100]));
    EXPECT_TRUE(std::isnan(dense.plane(dense.count - 1)[100]));
    expectWithinOnePercent(exact, dense, valid, {16, 8, 8});
}

TEST(DenseFeatures, AgreesWithTheExactStitchForAnOddPatchSize)
{
    configureTorchThreads();
    NormalizedImage img = structured(83, 61);
    std::vector<uint8_t> valid(img.data.size(), 1);
    Autoencoder ae = trained(img, valid, 21, 2);
    FeatureRasters exact = stitchFeaturesExact(ae, img, valid, 1, nullptr);
    FeatureRasters dense = denseFeatures(ae, img, valid, nullptr, 20);
    expectWithinOnePercent(exact, dense, valid, {16, 8, 8});
}

TEST(DenseFeatures, AgreesWithTheExactStitchForSmallPatchesAndOtherFilterCounts)
{
    // Tiny patches, where the border effects of both patch ends meet, and filter counts that are not
    // multiples of the kernels' groups of 8 channels.
    configureTorchThreads();
    NormalizedImage img = structured(47, 36);
    std::vector<uint8_t> valid(img.data.size(), 1);
    for (int p : {4, 5, 6, 20}) {
        SCOPED_TRACE(p);
        Autoencoder ae = trained(img, valid, p, 1);
        FeatureRasters exact = stitchFeaturesExact(ae, img, valid, 1, nullptr);
        FeatureRasters dense = denseFeatures(ae, img, valid, nullptr, 16);
        expectWithinOnePercent(exact, dense, valid, {16, 8, 8});
    }
    Autoencoder ae = trained(img, valid, 13, 1, {5, 10, 3});
    FeatureRasters exact = stitchFeaturesExact(ae, img, valid, 1, nullptr);
    FeatureRasters dense = denseFeatures(ae, img, valid, nullptr, 16);
    expectWithinOnePercent(exact, dense, valid, {5, 10, 3});
}

TEST(DenseFeatures, DoesNotDependOnTheTileHeightOrThreadsAndMarksInvalidPixels)
{
    configureTorchThreads();
    NormalizedImage img = structured(300, 90);
    std::vector<uint8_t> valid(img.data.size(), 1);
    for (int x = 40; x < 60; ++x)
        valid[std::size_t(50) * img.width + x] = 0;
    Autoencoder ae = trained(img, valid, 50, 1);
    FeatureRasters a = denseFeatures(ae, img, valid, nullptr, 16);
    FeatureRasters b = denseFeatures(ae, img, valid, nullptr, 37);
    configureTorchThreads(1);
    FeatureRasters c = denseFeatures(ae, img, valid, nullptr, 256);
    configureTorchThreads();
    ASSERT_EQ(a.data.size(), c.data.size());
    std::size_t nans = 0, differ = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        const std::size_t pixel = i % valid.size();
        if (!valid[pixel]) {
            nans += std::isnan(a.data[i]) && std::isnan(b.data[i]) && std::isnan(c.data[i]);
            continue;
        }
        differ += !(std::isfinite(a.data[i]) && a.data[i] == b.data[i] && a.data[i] == c.data[i]);
    }
    EXPECT_EQ(differ, 0u);
    EXPECT_EQ(nans, std::size_t(20) * a.count);
}

TEST(DenseFeatures, AgreesWithTheExactStitchForTwoInputLayers)
{
    // Two input layers and random (untrained) weights: the first layer's convolution sums over both, in the
    // dense path as in LibTorch's forward pass behind the stitch.
    configureTorchThreads();
    NormalizedImage img = structured(41, 33);
    img.channels = 2;
    img.offsets = {0.0, 0.0};
    img.scales = {1.0, 1.0};
    img.data.resize(2 * img.planeSize());
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            img.plane(1)[std::size_t(y) * img.width + x] = float(0.5 + 0.45 * std::cos(0.31 * x - 0.23 * y));
    std::vector<uint8_t> valid(img.planeSize(), 1);
    valid[77] = 0;
    for (int p : {6, 11}) {
        SCOPED_TRACE(p);
        AutoencoderParams params;
        params.channels = 2;
        params.patchSize = p;
        params.filters = {16, 8, 8};
        Autoencoder ae(params, 21);
        FeatureRasters exact = stitchFeaturesExact(ae, img, valid, 1, nullptr);
        FeatureRasters dense = denseFeatures(ae, img, valid, nullptr, 16);
        EXPECT_TRUE(std::isnan(dense.plane(0)[77]));
        const Deviation d = compare(exact, dense, valid);
        int live = 0;
        for (int k = 0; k < exact.count; ++k)
            live += d.meanRel[k] >= 0;
        EXPECT_GE(live, exact.count / 2); // enough live rasters for the comparison to mean something
        expectWithinOnePercent(exact, dense, valid, {16, 8, 8});
        for (int k = 0; k < exact.count; ++k) {
            if (d.maxRel[k] >= 0) {
                EXPECT_LT(d.maxRel[k], 1e-4) << exact.names[k]; // float rounding, not an approximation
            }
        }
        // Bit for bit independent of the tile height, as for one layer.
        FeatureRasters other = denseFeatures(ae, img, valid, nullptr, 23);
        std::size_t differ = 0;
        for (std::size_t i = 0; i < dense.data.size(); ++i)
            differ += !(dense.data[i] == other.data[i] || (std::isnan(dense.data[i]) && std::isnan(other.data[i])));
        EXPECT_EQ(differ, 0u);
    }
    // Layer 2 matters: the same model on an image whose layer 2 is flat gives other rasters.
    AutoencoderParams params;
    params.channels = 2;
    params.patchSize = 6;
    Autoencoder ae(params, 21);
    NormalizedImage flat = img;
    std::fill(flat.plane(1), flat.plane(1) + flat.planeSize(), 0.5f);
    EXPECT_NE(denseFeatures(ae, img, valid, nullptr).data, denseFeatures(ae, flat, valid, nullptr).data);
}

TEST(DenseFeatures, RefusesAnImageWithAnotherNumberOfLayers)
{
    NormalizedImage img = structured(40, 30);
    std::vector<uint8_t> valid(img.data.size(), 1);
    AutoencoderParams params;
    params.channels = 2;
    params.patchSize = 8;
    Autoencoder ae(params, 1);
    EXPECT_THROW(denseFeatures(ae, img, valid, nullptr), Error);
    EXPECT_THROW(denseFeatureRows(ae, img, valid, 0, 10, nullptr), Error);
    EXPECT_THROW(stitchFeaturesExact(ae, img, valid, 4, nullptr), Error);
}

TEST(DenseFeatures, DISABLED_Timing)
{
    // Not a check: prints the speed of both paths (run with --gtest_also_run_disabled_tests; threads from
    // LODESTONE_THREADS, default all cores; LODESTONE_DENSE_ONLY skips the slow exact stitch).
    const char *threads = std::getenv("LODESTONE_THREADS");
    configureTorchThreads(threads ? std::atoi(threads) : 0);
    // LODESTONE_TIMING_LAYERS=C: a model of C input layers (copies of the structured grid).
    const char *layersEnv = std::getenv("LODESTONE_TIMING_LAYERS");
    const int layers = layersEnv ? std::max(1, std::atoi(layersEnv)) : 1;
    auto withLayers = [layers](NormalizedImage img) {
        img.channels = layers;
        img.offsets.assign(std::size_t(layers), 0.0);
        img.scales.assign(std::size_t(layers), 1.0);
        std::vector<float> one = img.data;
        img.data.clear();
        for (int c = 0; c < layers; ++c)
            img.data.insert(img.data.end(), one.begin(), one.end());
        return img;
    };
    NormalizedImage img = withLayers(structured(512, 512));
    std::vector<uint8_t> valid(img.planeSize(), 1);
    AutoencoderParams p;
    p.channels = layers;
    p.epochs = 1;
    Autoencoder ae(p, 9);
    ae.train(img, sampleValidPixels(valid, 64, 9), nullptr);
    using clock = std::chrono::steady_clock;
    auto seconds = [](clock::time_point t0) { return std::chrono::duration<double>(clock::now() - t0).count(); };
    for (const auto &[w, h] : {std::pair<int, int>{512, 512}, {2434, 607}}) {
        NormalizedImage grid = withLayers(structured(w, h));
        std::vector<uint8_t> gridValid(grid.planeSize(), 1);
        const auto t0 = clock::now();
        const std::clock_t c0 = std::clock();
        FeatureRasters dense = denseFeatures(ae, grid, gridValid, nullptr);
        const double s = seconds(t0), cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
        std::printf("dense %d x %d, %d layer(s): %.2f s (cpu %.2f s), %.0f pixels/s\n", w, h, layers, s, cpu,
                    double(w) * h / s);
    }
    if (std::getenv("LODESTONE_DENSE_ONLY"))
        return;
    NormalizedImage crop = withLayers(structured(128, 128));
    std::vector<uint8_t> cropValid(crop.planeSize(), 1);
    const auto t0 = clock::now();
    FeatureRasters exact = stitchFeaturesExact(ae, crop, cropValid, 1, nullptr);
    const double s = seconds(t0);
    std::printf("exact 128 x 128 (stride 1): %.2f s, %.0f patches/s = pixels/s\n", s, 128.0 * 128.0 / s);
}
