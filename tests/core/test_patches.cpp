// Patch geometry, normalisation and sampling.
#include "error.h"
#include "patches.h"
#include "raster.h"

#include <gtest/gtest.h>

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
    EXPECT_EQ(reflectIndex(-9, 5), 1);  // two reflections
    EXPECT_EQ(reflectIndex(7, 1), 0);
}

TEST(Patches, InteriorPatchIsCentredAtHalfSize)
{
    NormalizedImage img = indexImage(10, 8);
    std::vector<float> patch(16);
    extractPatch(img, 5, 4, 4, patch.data());  // covers columns 3..6, rows 2..5
    EXPECT_FLOAT_EQ(patch[0], 2 * 10 + 3);
    EXPECT_FLOAT_EQ(patch[2 * 4 + 2], 4 * 10 + 5);  // index P/2 is the centre pixel
    EXPECT_FLOAT_EQ(patch[15], 5 * 10 + 6);
}

TEST(Patches, CornerPatchIsReflected)
{
    NormalizedImage img = indexImage(6, 5);
    std::vector<float> patch(16);
    extractPatch(img, 0, 0, 4, patch.data());  // columns -2..1, rows -2..1
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
    EXPECT_FLOAT_EQ(n.data[2], 0.5f);  // median of {10,20,30,40,50} = 30 -> 0.5
    EXPECT_DOUBLE_EQ(n.offset, 10.0);
    EXPECT_DOUBLE_EQ(n.scale, 1.0 / 40.0);
    NormalizedImage again = normalizeWith(r, n.offset, n.scale);
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
