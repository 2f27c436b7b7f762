// Where to label next: the least certain places, far from every label and from each other.
#include "error.h"
#include "labels.h"
#include "labelsuggestions.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace lodestone;

namespace {

struct Map {
    int w = 60, h = 40;
    std::vector<float> probability;
    std::vector<float> spread;
    std::vector<uint8_t> valid;
    LabelImage labels;

    Map()
    {
        probability.assign(std::size_t(w * h), 0.05f);
        valid.assign(std::size_t(w * h), 1);
        labels.grid.width = w;
        labels.grid.height = h;
        labels.values.assign(std::size_t(w * h), LabelUnknown);
    }
    float &p(int c, int r) { return probability[std::size_t(r * w + c)]; }
    uint8_t &label(int c, int r) { return labels.values[std::size_t(r * w + c)]; }
};

} // namespace

TEST(LabelSuggestions, LeastCertainPlacesFarFromLabelsAndApart)
{
    Map m;
    // Three uncertain patches of 5 x 5: one around a label (left out), two far from every label.
    auto patch = [&m](int c0, int r0, float p) {
        for (int r = r0; r < r0 + 5; ++r)
            for (int c = c0; c < c0 + 5; ++c)
                m.p(c, r) = p;
    };
    patch(5, 8, 0.5f);
    m.label(7, 10) = LabelDeposit;
    patch(40, 26, 0.5f);
    patch(20, 30, 0.45f);
    m.label(2, 38) = LabelNonDeposit;
    const std::vector<LabelSuggestion> s = suggestLabelPlaces(m.probability, {}, m.valid, m.labels, 3, 6.0);
    ASSERT_EQ(s.size(), 3u);
    // The centres of the far patches, the least certain first: 1 - |2p - 1| over all 25 pixels around them.
    EXPECT_EQ(s[0].col, 42);
    EXPECT_EQ(s[0].row, 28);
    EXPECT_NEAR(s[0].score, 1.0, 1e-6);
    EXPECT_FLOAT_EQ(s[0].probability, 0.5f);
    EXPECT_EQ(s[1].col, 22);
    EXPECT_EQ(s[1].row, 32);
    EXPECT_NEAR(s[1].score, 0.9, 1e-6);
    EXPECT_LT(s[2].score, 0.9);
    EXPECT_GT(s[2].score, 0.0);
    for (const LabelSuggestion &x : s) {
        EXPECT_GE(std::hypot(x.col - 7, x.row - 10), 6.0);
        EXPECT_GE(std::hypot(x.col - 2, x.row - 38), 6.0);
        EXPECT_GE(x.labelDistance, 6.0);
        EXPECT_FLOAT_EQ(x.spread, 0.0f);
    }
    EXPECT_GE(std::hypot(s[2].col - 42, s[2].row - 28), 6.0);
    EXPECT_GE(std::hypot(s[2].col - 22, s[2].row - 32), 6.0);
    EXPECT_NEAR(s[0].labelDistance, std::hypot(42 - 7, 28 - 10), 0.1);
}

TEST(LabelSuggestions, EnsembleSpreadCountsAndInvalidGroundIsNeverSuggested)
{
    Map m;
    m.spread.assign(m.probability.size(), 0.0f);
    // Confident mean, but the members disagree here.
    for (int r = 15; r < 22; ++r)
        for (int c = 20; c < 27; ++c)
            m.spread[std::size_t(r * m.w + c)] = 0.4f;
    // Uncertain but invalid ground.
    for (int r = 0; r < 8; ++r)
        for (int c = 50; c < 60; ++c) {
            m.p(c, r) = 0.5f;
            m.valid[std::size_t(r * m.w + c)] = 0;
        }
    const std::vector<LabelSuggestion> s = suggestLabelPlaces(m.probability, m.spread, m.valid, m.labels, 1, 5.0);
    ASSERT_EQ(s.size(), 1u);
    // Inside the disagreeing square, where all 25 pixels around disagree (ties: the first in row order).
    EXPECT_EQ(s[0].col, 22);
    EXPECT_EQ(s[0].row, 17);
    EXPECT_FLOAT_EQ(s[0].spread, 0.4f);
    EXPECT_NEAR(s[0].score, 0.5 * 0.1 + 0.5 * 0.8, 1e-6);
    EXPECT_TRUE(std::isinf(s[0].labelDistance)); // nothing labelled yet
    // Everything labelled or too close: none.
    for (auto &v : m.labels.values)
        v = LabelNonDeposit;
    EXPECT_TRUE(suggestLabelPlaces(m.probability, m.spread, m.valid, m.labels, 3, 1.0).empty());
    EXPECT_THROW(suggestLabelPlaces({0.5f}, {}, m.valid, m.labels, 3, 1.0), Error);
}
