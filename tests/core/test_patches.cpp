// Patch geometry, normalisation and sampling.
#include "error.h"
#include "patches.h"
#include "raster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace lodestone;

namespace {

NormalizedImage indexImage(int w, int h)
{
    NormalizedImage img;
    img.width = w;
    img.height = h;
    img.data.resize(std::size_t(w) * h);
    for (int i = 0; i < w * h; ++i)
        img.data[i] = float(i);
    return img;
}

Raster rasterOf(int w, int h, std::vector<float> v)
{
    Raster r;
    r.grid.width = w;
    r.grid.height = h;
    r.valid.assign(v.size(), 1);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (std::isnan(v[i]))
            r.valid[i] = 0;
    r.data = std::move(v);
    return r;
}

} // namespace

TEST(Patches, ReflectIndexMirrorsWithoutRepeatingTheEdge)
{
    EXPECT_EQ(reflectIndex(-1, 5), 1);
    EXPECT_EQ(reflectIndex(-2, 5), 2);
    EXPECT_EQ(reflectIndex(5, 5), 3);
    EXPECT_EQ(reflectIndex(6, 5), 2);
    EXPECT_EQ(reflectIndex(3, 5), 3);
    EXPECT_EQ(reflectIndex(-9, 5), 1); // two reflections
    EXPECT_EQ(reflectIndex(7, 1), 0);
}

TEST(Patches, ReflectIndexIsOpenCvsReflect101RepeatedPeriodically)
{
    // The block means of the SVM's patch modes used their own copy, written as OpenCV's BORDER_REFLECT_101 made
    // periodic; reflectIndex() gives the same index for every offset and grid size, n = 1 included.
    auto reflect101 = [](int i, int n) {
        const int period = std::max(2 * (n - 1), 1);
        i = (i % period + period) % period;
        return i < n ? i : period - i;
    };
    for (int n = 1; n <= 9; ++n)
        for (int i = -100; i <= 100; ++i)
            EXPECT_EQ(reflectIndex(i, n), reflect101(i, n)) << i << " in " << n;
    for (int n : {2, 1000, 100000})
        for (int i : {-3 * n, -n - 1, -n, n - 1, n, 2 * n - 1, 2 * n - 2, 5 * n + 7})
            EXPECT_EQ(reflectIndex(i, n), reflect101(i, n)) << i << " in " << n;
}

TEST(Patches, InteriorPatchIsCentredAtHalfSize)
{
    NormalizedImage img = indexImage(10, 8);
    std::vector<float> patch(16);
    extractPatch(img, 5, 4, 4, patch.data()); // covers columns 3..6, rows 2..5
    EXPECT_FLOAT_EQ(patch[0], 2 * 10 + 3);
    EXPECT_FLOAT_EQ(patch[2 * 4 + 2], 4 * 10 + 5); // index P/2 is the centre pixel
    EXPECT_FLOAT_EQ(patch[15], 5 * 10 + 6);
}

TEST(Patches, CornerPatchIsReflected)
{
    NormalizedImage img = indexImage(6, 5);
    std::vector<float> patch(16);
    extractPatch(img, 0, 0, 4, patch.data()); // columns -2..1, rows -2..1
    // row -2 -> 2, column -2 -> 2
    EXPECT_FLOAT_EQ(patch[0], 2 * 6 + 2);
    // row -1 -> 1, column -1 -> 1
    EXPECT_FLOAT_EQ(patch[1 * 4 + 1], 1 * 6 + 1);
    // row 0, column 0 itself
    EXPECT_FLOAT_EQ(patch[2 * 4 + 2], 0);
    // bottom-right corner: centre (5,4) -> columns 3..6, rows 2..5; column 6 -> 4, row 5 -> 3
    extractPatch(img, 5, 4, 4, patch.data());
    EXPECT_FLOAT_EQ(patch[15], 3 * 6 + 4);
}

TEST(Patches, MinMaxNormalisationFillsInvalidWithMedian)
{
    Raster r = rasterOf(3, 2, {10, 20, NAN, 30, 50, 40});
    NormalizedImage n = normalizeMinMax(r);
    EXPECT_FLOAT_EQ(n.data[0], 0.0f);
    EXPECT_FLOAT_EQ(n.data[4], 1.0f);
    EXPECT_FLOAT_EQ(n.data[1], 0.25f);
    EXPECT_FLOAT_EQ(n.data[2], 0.5f); // median of {10,20,30,40,50} = 30 -> 0.5
    EXPECT_EQ(n.channels, 1);
    ASSERT_EQ(n.offsets.size(), 1u);
    ASSERT_EQ(n.scales.size(), 1u);
    EXPECT_DOUBLE_EQ(n.offsets[0], 10.0);
    EXPECT_DOUBLE_EQ(n.scales[0], 1.0 / 40.0);
    NormalizedImage again = normalizeWith(r, n.offsets[0], n.scales[0]);
    EXPECT_EQ(again.data, n.data);
}

TEST(Patches, SamplingIsSeededAndAvoidsInvalidPixels)
{
    std::vector<uint8_t> valid(1000, 1);
    for (int i = 0; i < 1000; i += 3)
        valid[i] = 0;
    auto a = sampleValidPixels(valid, 500, 42);
    auto b = sampleValidPixels(valid, 500, 42);
    auto c = sampleValidPixels(valid, 500, 43);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    std::set<std::size_t> distinct(a.begin(), a.end());
    EXPECT_GT(distinct.size(), 250u);
    for (std::size_t i : a)
        EXPECT_EQ(valid[i], 1);
    EXPECT_THROW(sampleValidPixels(std::vector<uint8_t>(10, 0), 5, 1), Error);
}

TEST(Patches, LayersAreNormalisedEachOnItsOwnOverTheCommonValidPixels)
{
    // The caller's mask is the union of the layers' nodata: pixel 2 (nodata in a) and pixel 5 (nodata in b).
    Raster a = rasterOf(3, 2, {10, 20, NAN, 30, 50, 40});
    Raster b = rasterOf(3, 2, {-1, 1, 3, 0, 0.5, NAN});
    std::vector<uint8_t> valid = {1, 1, 0, 1, 1, 0};
    NormalizedImage n = normalizeLayers({&a, &b}, valid);
    ASSERT_EQ(n.channels, 2);
    ASSERT_EQ(n.data.size(), 12u);
    EXPECT_EQ(n.offsets, (std::vector<double>{10.0, -1.0}));
    EXPECT_EQ(n.scales, (std::vector<double>{1.0 / 40.0, 1.0 / 2.0}));
    // Layer a: min 10, max 50 over pixels 0, 1, 3, 4; pixel 5 (40) is valid in a but not in the union, so it
    // takes a's median of {10, 20, 30, 50} (the upper one, 30), as does pixel 2.
    const std::vector<float> expectA = {0.0f, 0.25f, 0.5f, 0.5f, 1.0f, 0.5f};
    // Layer b: min -1, max 1 over {-1, 1, 0, 0.5}; median (upper) 0.5 -> 0.75; pixel 2 (3, valid in b) is filled.
    const std::vector<float> expectB = {0.0f, 1.0f, 0.75f, 0.5f, 0.75f, 0.75f};
    for (int i = 0; i < 6; ++i) {
        EXPECT_FLOAT_EQ(n.plane(0)[i], expectA[std::size_t(i)]) << i;
        EXPECT_FLOAT_EQ(n.plane(1)[i], expectB[std::size_t(i)]) << i;
    }
    // The stored normalisation applied again gives the same image.
    NormalizedImage again = normalizeLayersWith({&a, &b}, n.offsets, n.scales, valid);
    EXPECT_EQ(again.data, n.data);
    EXPECT_EQ(again.channels, 2);
}

TEST(Patches, OneLayerNormalisesAsTheSurveyAlone)
{
    Raster r = rasterOf(4, 2, {3, NAN, -7, 12, 5, 5, 8, NAN});
    NormalizedImage single = normalizeMinMax(r), layers = normalizeLayers({&r}, r.valid);
    EXPECT_EQ(layers.channels, 1);
    EXPECT_EQ(layers.data, single.data);
    EXPECT_EQ(layers.offsets, single.offsets);
    EXPECT_EQ(layers.scales, single.scales);
    EXPECT_EQ(normalizeWith(r, -7.0, 0.5).data, normalizeLayersWith({&r}, {-7.0}, {0.5}, r.valid).data);
}

TEST(Patches, AConstantLayerNormalisesToZero)
{
    Raster a = rasterOf(3, 1, {1, 2, 3}), flat = rasterOf(3, 1, {7, 7, 7});
    NormalizedImage n = normalizeLayers({&a, &flat}, {1, 1, 0});
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(n.plane(1)[i], 0.0f) << i;
    EXPECT_TRUE(std::isfinite(n.scales[1]));
    EXPECT_FLOAT_EQ(n.plane(0)[2], 1.0f); // a's median of {1, 2} (the upper, 2) -> (2 - 1) / 1
}

TEST(Patches, LayersThatDoNotMatchAreRefused)
{
    Raster a = rasterOf(3, 2, {1, 2, 3, 4, 5, 6}), b = rasterOf(2, 3, {1, 2, 3, 4, 5, 6});
    a.path = "survey.tif";
    b.path = "tilt.tif";
    try {
        normalizeLayers({&a, &b}, a.valid);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::GridMismatch);
        const std::string what = e.what();
        EXPECT_NE(what.find("tilt.tif is 2 x 3"), std::string::npos) << what;
        EXPECT_NE(what.find("survey.tif is 3 x 2"), std::string::npos) << what;
    }
    EXPECT_THROW(normalizeLayers({}, a.valid), Error);
    EXPECT_THROW(normalizeLayers({&a}, std::vector<uint8_t>(5, 1)), Error); // mask of another size
    EXPECT_THROW(normalizeLayers({&a, nullptr}, a.valid), Error);
    try {
        normalizeLayers({&a, &a}, std::vector<uint8_t>(6, 0));
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::EmptyData);
        EXPECT_NE(std::string(e.what()).find("survey.tif holds no valid pixel"), std::string::npos) << e.what();
    }
    // A stored normalisation of another number of layers.
    try {
        normalizeLayersWith({&a}, {0.0, 1.0}, {1.0, 1.0}, a.valid);
        FAIL();
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("1 input layer was given for a normalisation of 2 layers"),
                  std::string::npos)
            << e.what();
    }
}

TEST(Patches, PatchesHoldEveryLayerChannelAfterChannel)
{
    NormalizedImage img = indexImage(6, 5);
    img.channels = 2;
    img.data.resize(60);
    for (int i = 0; i < 30; ++i)
        img.data[30 + std::size_t(i)] = 1000.0f + float(i);
    std::vector<float> patch(32);
    extractPatch(img, 0, 0, 4, patch.data()); // columns -2..1, rows -2..1, reflected
    EXPECT_FLOAT_EQ(patch[0], 2 * 6 + 2);
    EXPECT_FLOAT_EQ(patch[16], 1000 + 2 * 6 + 2);     // the same cell of layer 2
    EXPECT_FLOAT_EQ(patch[16 + 2 * 4 + 2], 1000 + 0); // the centre pixel of layer 2
    extractPatch(img, 3, 2, 4, patch.data());         // inside: columns 1..4, rows 0..3
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) {
            EXPECT_FLOAT_EQ(patch[std::size_t(r) * 4 + c], float(r * 6 + c + 1));
            EXPECT_FLOAT_EQ(patch[16 + std::size_t(r) * 4 + c], float(1000 + r * 6 + c + 1));
        }
}
