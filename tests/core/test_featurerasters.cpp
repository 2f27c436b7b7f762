// The reference stitch, checked with encoders whose stitched result is known in closed form.
#include "error.h"
#include "featurerasters.h"
#include "patches.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace lodestone;

namespace {

NormalizedImage pattern(int w, int h)
{
    NormalizedImage img;
    img.width = w;
    img.height = h;
    img.data.resize(std::size_t(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.data[std::size_t(y) * w + x] = float(std::sin(0.3 * x) + 0.1 * y);
    return img;
}

} // namespace

TEST(Stitch, IdentityEncoderGivesBackTheImage)
{
    // Every patch that covers a pixel holds that pixel's own value, so the overlap mean is the image.
    NormalizedImage img = pattern(23, 17);
    std::vector<uint8_t> valid(img.data.size(), 1);
    valid[5] = 0;
    const int p = 8;
    auto identity = [p](const float *in, int n, float *out) { std::copy(in, in + std::size_t(n) * p * p, out); };
    for (int stride : {1, 3}) {
        FeatureRasters f = stitchPatches(identity, 1, p, img, valid, stride, nullptr);
        ASSERT_EQ(f.count, 1);
        for (std::size_t i = 0; i < img.data.size(); ++i) {
            if (!valid[i])
                EXPECT_TRUE(std::isnan(f.plane(0)[i]));
            else
                EXPECT_NEAR(f.plane(0)[i], img.data[i], 1e-5) << "pixel " << i << " stride " << stride;
        }
    }
}

TEST(Stitch, CentreValueEncoderGivesTheWindowMean)
{
    // An encoder that fills each patch with its centre value stitches into the mean of the centres whose
    // patch covers the pixel: pixel (x, y) is covered by centres x - P + 1 + P/2 .. x + P/2, clipped to the grid.
    NormalizedImage img = pattern(20, 15);
    std::vector<uint8_t> valid(img.data.size(), 1);
    const int p = 6, h = p / 2;
    auto centre = [p, h](const float *in, int n, float *out) {
        for (int k = 0; k < n; ++k)
            std::fill(out + std::size_t(k) * p * p, out + std::size_t(k + 1) * p * p,
                      in[std::size_t(k) * p * p + h * p + h]);
    };
    FeatureRasters f = stitchPatches(centre, 1, p, img, valid, 1, nullptr);
    for (int y : {0, 7, 14})
        for (int x : {0, 2, 10, 19}) {
            double sum = 0;
            int n = 0;
            for (int cy = y - (p - 1 - h); cy <= y + h; ++cy)
                for (int cx = x - (p - 1 - h); cx <= x + h; ++cx)
                    if (cx >= 0 && cy >= 0 && cx < img.width && cy < img.height) {
                        sum += img.data[std::size_t(cy) * img.width + cx];
                        ++n;
                    }
            EXPECT_NEAR(f.plane(0)[std::size_t(y) * img.width + x], sum / n, 1e-5) << x << "," << y;
        }
}

TEST(Stitch, RejectsBadStrideAndOversizedPatch)
{
    NormalizedImage img = pattern(10, 10);
    std::vector<uint8_t> valid(100, 1);
    auto none = [](const float *, int, float *) {};
    EXPECT_THROW(stitchPatches(none, 1, 4, img, valid, 0, nullptr), Error);
    EXPECT_THROW(stitchPatches(none, 1, 4, img, valid, 5, nullptr), Error);
    EXPECT_THROW(stitchPatches(none, 1, 12, img, valid, 1, nullptr), Error);
}

TEST(Stitch, EncodersReceiveEveryLayerOfAPatch)
{
    // An encoder that passes layer 2 of each patch through: the stitch gives back layer 2 of the image.
    NormalizedImage img = pattern(19, 14);
    img.channels = 2;
    img.data.resize(2 * img.planeSize());
    for (std::size_t i = 0; i < img.planeSize(); ++i)
        img.data[img.planeSize() + i] = float(std::cos(0.2 * double(i)));
    std::vector<uint8_t> valid(img.planeSize(), 1);
    const int p = 6;
    auto second = [p](const float *in, int n, float *out) {
        for (int k = 0; k < n; ++k) {
            const float *layer2 = in + (std::size_t(k) * 2 + 1) * p * p;
            std::copy(layer2, layer2 + p * p, out + std::size_t(k) * p * p);
        }
    };
    FeatureRasters f = stitchPatches(second, 1, p, img, valid, 2, nullptr);
    for (std::size_t i = 0; i < img.planeSize(); ++i)
        EXPECT_NEAR(f.plane(0)[i], img.plane(1)[i], 1e-5) << "pixel " << i;
}
