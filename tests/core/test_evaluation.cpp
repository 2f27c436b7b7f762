// Rate curves and AUC on hand-made rasters and against brute force; ROC AUC; grouping, spatial folds and buffered
// training masks on exact small cases and as properties of random positions.
#include "error.h"
#include "evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>

using namespace lodestone;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

std::vector<LabelledPosition> at(const std::vector<std::pair<int, int>> &colRow, int label = 0)
{
    std::vector<LabelledPosition> p;
    for (const auto &[c, r] : colRow)
        p.push_back({c, r, label});
    return p;
}

/** The reference definition, O(N x M): per valid occurrence, valid pixels below + valid pixels up to and
 *  including its score; N the valid pixels. */
struct Brute {
    std::vector<std::uint64_t> twice;
    std::uint64_t valid = 0;
};

Brute bruteRanks(const std::vector<float> &score, const std::vector<uint8_t> &valid,
                 const std::vector<std::size_t> &occurrences)
{
    auto ok = [&](std::size_t i) { return i < score.size() && valid[i] && std::isfinite(score[i]); };
    Brute b;
    for (std::size_t i = 0; i < score.size(); ++i)
        b.valid += ok(i) ? 1 : 0;
    for (std::size_t o : occurrences) {
        if (!ok(o))
            continue;
        std::uint64_t t = 0;
        for (std::size_t i = 0; i < score.size(); ++i)
            if (ok(i))
                t += (score[i] < score[o] ? 2 : 0) + (score[i] == score[o] ? 1 : 0);
        b.twice.push_back(t);
    }
    return b;
}

/** Single linkage by brute force: every pair, squared distances compared with distance^2 (exact for the
 *  distances used here, whose squares are exact doubles). */
std::vector<int> bruteGroups(const std::vector<LabelledPosition> &p, double distance)
{
    const std::size_t n = p.size();
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    std::function<int(int)> find = [&](int x) {
        return parent[std::size_t(x)] == x ? x : find(parent[std::size_t(x)]);
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const double dx = p[i].col - p[j].col, dy = p[i].row - p[j].row;
            if (dx * dx + dy * dy < distance * distance)
                parent[std::size_t(find(int(i)))] = find(int(j));
        }
    std::map<int, int> number;
    std::vector<int> g(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int root = find(int(i));
        if (!number.count(root))
            number[root] = int(number.size());
        g[i] = number[root];
    }
    return g;
}

std::vector<LabelledPosition> randomPositions(std::mt19937_64 &rng, int n, int width, int height, double depositShare)
{
    std::vector<LabelledPosition> p{std::size_t(n), LabelledPosition{}};
    for (auto &q : p) {
        q.col = int(rng() % std::uint64_t(width));
        q.row = int(rng() % std::uint64_t(height));
        q.label = double(rng() % 1000) < depositShare * 1000 ? 1 : 0;
    }
    return p;
}

} // namespace

// ---- Rate curves ----

TEST(Evaluation, RateCurveOfARampRaster)
{
    // 3 x 3 ramp 1 .. 9; occurrences on 9 (8 below, 9 up to it: rank 17/18) and on 5 (rank 9/18).
    const std::vector<float> score{1, 2, 3, 4, 5, 6, 7, 8, 9};
    const RateCurve c = rateCurve(score.data(), nullptr, score.size(), {8, 4});
    EXPECT_EQ(c.occurrences, 2);
    ASSERT_EQ(c.rank.size(), 2u);
    EXPECT_EQ(c.rank[0], 17.0 / 18.0);
    EXPECT_EQ(c.rank[1], 0.5);
    EXPECT_EQ(c.auc, 26.0 / 36.0);

    // Sampled at 0, 0.01, ..., 1 and at 1 - 17/18 = 1/18 (1 - 0.5 = 0.5 is on the grid): 102 points.
    ASSERT_EQ(c.area.size(), 102u);
    ASSERT_EQ(c.captured.size(), c.area.size());
    EXPECT_EQ(c.area.front(), 0.0);
    EXPECT_EQ(c.captured.front(), 0.0);
    EXPECT_EQ(c.area.back(), 1.0);
    EXPECT_EQ(c.captured.back(), 1.0);
    for (std::size_t i = 0; i < c.area.size(); ++i) {
        const double a = c.area[i];
        EXPECT_EQ(c.captured[i], a < 1.0 / 18.0 - 1e-12 ? 0.0 : (a < 0.5 ? 0.5 : 1.0)) << "area " << a;
        if (i > 0) {
            EXPECT_GT(c.area[i], c.area[i - 1]);
            EXPECT_GE(c.captured[i], c.captured[i - 1]);
        }
    }
    const auto step = std::find_if(c.area.begin(), c.area.end(), [](double a) { return a > 0.05; });
    EXPECT_NEAR(*step, 1.0 / 18.0, 1e-15); // the step sits exactly at the occurrence, not on the 0.01 grid
    EXPECT_EQ(c.captured[std::size_t(step - c.area.begin())], 0.5);
    EXPECT_EQ(c.captured[std::size_t(step - c.area.begin()) - 1], 0.0);

    EXPECT_EQ(capturedInTop(c, 0.0), 0.0);
    EXPECT_EQ(capturedInTop(c, 0.05), 0.0);
    EXPECT_EQ(capturedInTop(c, 0.1), 0.5);
    EXPECT_EQ(capturedInTop(c, 0.49), 0.5);
    EXPECT_EQ(capturedInTop(c, 0.5), 1.0);
    EXPECT_EQ(capturedInTop(c, 1.0), 1.0);
}

TEST(Evaluation, RateCurveTiesInvalidAndNaN)
{
    // Valid finite pixels: 1, 2, 2, 2, 3, 0 (N = 6); NaN, +inf and an invalid 9 are not part of the area.
    const std::vector<float> score{1, 2, 2, 2, 3, kNaN, 9, 0, kInf};
    const std::vector<uint8_t> valid{1, 1, 1, 1, 1, 1, 0, 1, 1};
    // Occurrences on the NaN pixel, the invalid pixel, the +inf pixel and past the end are ignored.
    const RateCurve c = rateCurve(score.data(), valid.data(), score.size(), {5, 2, 6, 4, 8, 99});
    EXPECT_EQ(c.occurrences, 2);
    ASSERT_EQ(c.rank.size(), 2u);
    EXPECT_EQ(c.rank[0], 7.0 / 12.0);  // score 2: 2 below (0, 1), 5 up to and including -> (2 + 5) / 2 / 6
    EXPECT_EQ(c.rank[1], 11.0 / 12.0); // score 3: 5 below, 6 up to -> 11 / 12
    EXPECT_EQ(c.auc, 0.75);
    EXPECT_EQ(capturedInTop(c, 0.1), 1.0 / 2.0);
    EXPECT_EQ(capturedInTop(c, 5.0 / 12.0), 1.0);

    // Without the mask the 9 is valid and above both.
    const RateCurve unmasked = rateCurve(score.data(), nullptr, score.size(), {2, 4});
    EXPECT_EQ(unmasked.rank[0], 7.0 / 14.0);
    EXPECT_EQ(unmasked.rank[1], 11.0 / 14.0);
}

TEST(Evaluation, RateCurveEdgeCases)
{
    const std::vector<float> score{1, 2, 3, 4, 5, 6, 7, 8, 9};
    // A repeated index counts twice.
    const RateCurve twice = rateCurve(score.data(), nullptr, score.size(), {8, 8});
    EXPECT_EQ(twice.occurrences, 2);
    EXPECT_EQ(twice.auc, 17.0 / 18.0);
    // All scores tied: every occurrence sits in the middle.
    const std::vector<float> flat(10, 3.5f);
    const RateCurve tied = rateCurve(flat.data(), nullptr, flat.size(), {0, 3, 9});
    EXPECT_EQ(tied.auc, 0.5);
    EXPECT_EQ(capturedInTop(tied, 0.49), 0.0);
    EXPECT_EQ(capturedInTop(tied, 0.5), 1.0);
    // -0 and +0 are one score.
    const std::vector<float> zeros{-0.0f, 0.0f, 1.0f};
    EXPECT_EQ(rateCurve(zeros.data(), nullptr, zeros.size(), {0}).rank[0], 2.0 / 6.0);
    // No valid occurrence: NaN and an empty curve.
    const std::vector<uint8_t> none(score.size(), 0);
    for (const RateCurve &c : {rateCurve(score.data(), nullptr, score.size(), {}),
                               rateCurve(score.data(), none.data(), score.size(), {1, 2})}) {
        EXPECT_TRUE(std::isnan(c.auc));
        EXPECT_EQ(c.occurrences, 0);
        EXPECT_TRUE(c.area.empty());
        EXPECT_TRUE(c.captured.empty());
        EXPECT_TRUE(c.rank.empty());
        EXPECT_TRUE(std::isnan(capturedInTop(c, 0.1)));
    }
}

TEST(Evaluation, RateCurveMatchesBruteForce)
{
    // Few and many distinct scores, few and many occurrences, one chunk of pixels and several.
    std::mt19937_64 rng(11);
    for (const auto &[pixels, occurrenceCount, levels] :
         {std::tuple<int, int, int>{3000, 40, 17},
          {20000, 60, 0},
          {20000, 3000, 0},
          {20000, 3000, 5000},
          {2500000, 6, 40}}) { // the last spans three chunks of the pixel sort
        std::vector<float> score(static_cast<std::size_t>(pixels));
        std::vector<uint8_t> valid(score.size());
        for (std::size_t i = 0; i < score.size(); ++i) {
            // levels > 0: values from a few levels (many ties); else continuous, some negative
            score[i] = levels > 0 ? float(rng() % std::uint64_t(levels)) - 3.0f
                                  : float(double(rng() >> 11) * 0x1p-53 * 2.0 - 0.5);
            if (rng() % 50 == 0)
                score[i] = kNaN;
            valid[i] = rng() % 20 != 0;
        }
        std::vector<std::size_t> occ;
        for (int j = 0; j < occurrenceCount; ++j)
            occ.push_back(std::size_t(rng() % std::uint64_t(pixels)));
        occ.push_back(occ.front()); // a duplicate
        const RateCurve c = rateCurve(score.data(), valid.data(), score.size(), occ);
        const Brute b = bruteRanks(score, valid, occ);
        ASSERT_EQ(std::size_t(c.occurrences), b.twice.size());
        ASSERT_EQ(c.rank.size(), b.twice.size());
        std::uint64_t sum = 0;
        double meanOfRanks = 0;
        for (std::size_t j = 0; j < b.twice.size(); ++j) {
            EXPECT_EQ(c.rank[j], double(b.twice[j]) / 2.0 / double(b.valid)) << j;
            sum += b.twice[j];
            meanOfRanks += c.rank[j] / double(b.twice.size());
        }
        EXPECT_EQ(c.auc, double(sum) / (2.0 * double(b.valid) * double(b.twice.size())));
        EXPECT_NEAR(c.auc, meanOfRanks, 1e-13);

        // The curve: monotone from (0, 0) to (1, 1), every sample is capturedInTop at its area, a step at each
        // occurrence, and the area under the steps is the AUC.
        ASSERT_EQ(c.area.size(), c.captured.size());
        EXPECT_EQ(c.area.front(), 0.0);
        EXPECT_EQ(c.captured.front(), 0.0);
        EXPECT_EQ(c.area.back(), 1.0);
        EXPECT_EQ(c.captured.back(), 1.0);
        double under = 0;
        for (std::size_t i = 0; i < c.area.size(); ++i) {
            EXPECT_EQ(c.captured[i], capturedInTop(c, c.area[i]));
            if (i > 0) {
                EXPECT_GT(c.area[i], c.area[i - 1]);
                EXPECT_GE(c.captured[i], c.captured[i - 1]);
                under += c.captured[i - 1] * (c.area[i] - c.area[i - 1]);
            }
        }
        EXPECT_NEAR(under, c.auc, 1e-12);
        for (double r : c.rank)
            EXPECT_TRUE(std::binary_search(c.area.begin(), c.area.end(), 1.0 - r) ||
                        std::binary_search(c.area.begin(), c.area.end(), std::nextafter(1.0 - r, 2.0)));
        for (int i = 0; i <= 100; ++i)
            EXPECT_TRUE(std::binary_search(c.area.begin(), c.area.end(), i / 100.0));
    }
}

// ---- ROC AUC ----

TEST(Evaluation, RocAuc)
{
    EXPECT_EQ(rocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
    // Ties half: deposits 1, 2 against non-deposits 1, 0 -> (0.5 + 1 + 1 + 1) / 4.
    EXPECT_EQ(rocAuc({1, 1, 2, 0}, {1, 0, 1, 0}), 0.875);
    EXPECT_EQ(rocAuc({3, 2, 1}, {1, 1, 0}), 1.0);
    EXPECT_EQ(rocAuc({3, 2, 1}, {0, 0, 1}), 0.0);
    EXPECT_EQ(rocAuc({5, 5, 5, 5}, {0, 1, 0, 1}), 0.5);
    // NaN scores are left out.
    EXPECT_EQ(rocAuc({0.1, std::nan(""), 0.35, 0.8, 0.4}, {0, 1, 1, 1, 0}), 0.75);
    EXPECT_TRUE(std::isnan(rocAuc({1, 2}, {1, 1})));
    EXPECT_TRUE(std::isnan(rocAuc({1, 2}, {0, 0})));
    EXPECT_TRUE(std::isnan(rocAuc({}, {})));
    EXPECT_THROW(rocAuc({1, 2}, {0}), Error);
}

// ---- Grouping ----

TEST(Evaluation, GroupsChainAndNumberByFirstAppearance)
{
    // (20, 20) alone, a chain along row 0 spaced 3 (joins at 3.5), and (9, 4) 4 below the chain's end.
    const auto p = at({{20, 20}, {0, 0}, {6, 0}, {3, 0}, {9, 0}, {9, 4}, {21, 21}});
    EXPECT_EQ(groupPositions(p, 3.5), (std::vector<int>{0, 1, 1, 1, 1, 2, 0}));
    EXPECT_EQ(groupPositions(p, 4.5), (std::vector<int>{0, 1, 1, 1, 1, 1, 0}));
    EXPECT_EQ(groupPositions(p, 3.0), (std::vector<int>{0, 1, 2, 3, 4, 5, 0})); // exactly 3 apart: not joined
    EXPECT_EQ(groupPositions(p, 0.0), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(groupPositions(p, -1.0), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(groupPositions(p, 1e300), (std::vector<int>(7, 0)));
    EXPECT_TRUE(groupPositions({}, 5).empty());
    EXPECT_THROW(groupPositions(p, std::nan("")), Error);
}

TEST(Evaluation, GroupingDistanceExactlyEqualDoesNotJoin)
{
    const auto p = at({{0, 0}, {3, 4}});
    EXPECT_EQ(groupPositions(p, 5.0), (std::vector<int>{0, 1}));
    EXPECT_EQ(groupPositions(p, std::nextafter(5.0, 6.0)), (std::vector<int>{0, 0}));
    // sqrt(2) is not a double: the double above it joins a diagonal neighbour, the one below does not.
    const auto d = at({{5, 5}, {6, 6}});
    const double above = std::sqrt(2.0), below = std::nextafter(above, 0.0);
    ASSERT_LT(below * below, 2.0);
    EXPECT_EQ(groupPositions(d, above), (std::vector<int>{0, 0}));
    EXPECT_EQ(groupPositions(d, below), (std::vector<int>{0, 1}));
    // Coincident positions join at any positive distance, even below one pixel.
    EXPECT_EQ(groupPositions(at({{2, 2}, {2, 2}, {2, 3}}), 0.5), (std::vector<int>{0, 0, 1}));
    EXPECT_EQ(groupPositions(at({{2, 2}, {2, 2}, {2, 3}}), 1.0), (std::vector<int>{0, 0, 1}));
}

TEST(Evaluation, GroupingMatchesBruteForce)
{
    std::mt19937_64 rng(5);
    for (int trial = 0; trial < 12; ++trial) {
        const int side = trial % 3 == 0 ? 20 : 120; // dense (many coincident) and sparse
        const auto p = randomPositions(rng, 300, side, side / 2 + 1, 0.3);
        for (double distance : {0.5, 1.0, 1.5, 2.0, 3.5, 5.0, 7.25, 12.0})
            EXPECT_EQ(groupPositions(p, distance), bruteGroups(p, distance)) << trial << " " << distance;
    }
    // Painted blobs with holes: long runs in a row, linked to the rows around them.
    for (int trial = 0; trial < 4; ++trial) {
        std::vector<LabelledPosition> p;
        for (int row = 0; row < 40; ++row)
            for (int col = 0; col < 60; ++col)
                if (rng() % 5 < std::uint64_t(trial + 1) && (col / 12 + row / 9) % 2 == 0)
                    p.push_back({col, row, 0});
        for (double distance : {1.0, 1.5, 2.0, 3.5, 5.0, 9.5})
            EXPECT_EQ(groupPositions(p, distance), bruteGroups(p, distance)) << "blobs " << trial << " " << distance;
    }
    // Negative coordinates are fine too.
    auto p = randomPositions(rng, 200, 60, 60, 0.5);
    for (auto &q : p) {
        q.col -= 30;
        q.row -= 45;
    }
    EXPECT_EQ(groupPositions(p, 4.0), bruteGroups(p, 4.0));
}

// ---- Spatial folds ----

TEST(Evaluation, SpatialFoldsSmallCases)
{
    // Six singletons, two deposits: each of two folds gets one deposit and two non-deposits, whatever the seed.
    std::vector<LabelledPosition> p = at({{0, 0}, {10, 0}, {20, 0}, {30, 0}, {40, 0}, {50, 0}});
    p[1].label = p[4].label = 1;
    const std::vector<int> singletons{0, 1, 2, 3, 4, 5};
    for (std::uint64_t seed : {0, 1, 2, 3, 4, 5, 6, 7}) {
        const std::vector<int> f = spatialFolds(p, singletons, 2, seed);
        EXPECT_NE(f[1], f[4]);
        EXPECT_EQ(std::count(f.begin(), f.end(), 0), 3);
    }
    // A group of three and three singletons (all non-deposits): the big group alone in its fold.
    const std::vector<int> groups{7, 7, 7, 2, 3, 4};
    const std::vector<LabelledPosition> q = at({{0, 0}, {1, 0}, {2, 0}, {30, 0}, {40, 0}, {50, 0}});
    for (std::uint64_t seed : {0, 1, 2, 3}) {
        const std::vector<int> f = spatialFolds(q, groups, 2, seed);
        EXPECT_EQ(f[0], f[1]);
        EXPECT_EQ(f[0], f[2]);
        EXPECT_NE(f[3], f[0]);
        EXPECT_EQ(f[3], f[4]);
        EXPECT_EQ(f[3], f[5]);
    }
    // k reduced to the number of groups.
    const std::vector<int> three = spatialFolds(q, {0, 0, 0, 1, 1, 2}, 5, 9);
    EXPECT_EQ(std::set<int>(three.begin(), three.end()), (std::set<int>{0, 1, 2}));
    EXPECT_TRUE(spatialFolds({}, {}, 5, 1).empty());
    EXPECT_THROW(spatialFolds(q, groups, 0, 1), Error);
    EXPECT_THROW(spatialFolds(q, {0, 1}, 2, 1), Error);
}

TEST(Evaluation, SpatialFoldsKeepGroupsWholeAndBalanced)
{
    std::mt19937_64 rng(3);
    for (int trial = 0; trial < 6; ++trial) {
        const auto p = randomPositions(rng, 500, 300, 200, trial % 2 ? 0.3 : 0.08);
        const std::vector<int> groups = groupPositions(p, trial % 3 == 0 ? 4.0 : 9.0);
        const int G = *std::max_element(groups.begin(), groups.end()) + 1;
        std::vector<int> size0(std::size_t(G), 0), size1(std::size_t(G), 0);
        for (std::size_t i = 0; i < p.size(); ++i)
            ++(p[i].label ? size1 : size0)[std::size_t(groups[i])];
        const int max0 = *std::max_element(size0.begin(), size0.end());
        const int max1 = *std::max_element(size1.begin(), size1.end());
        for (int k : {2, 5, 10}) {
            std::set<std::vector<int>> distinct;
            for (std::uint64_t seed : {1, 2, 42, 12345}) {
                const std::vector<int> fold = spatialFolds(p, groups, k, seed);
                EXPECT_EQ(fold, spatialFolds(p, groups, k, seed)); // deterministic
                distinct.insert(fold);
                std::map<int, int> foldOfGroup;
                std::vector<int> n0(std::size_t(k), 0), n1(std::size_t(k), 0);
                for (std::size_t i = 0; i < p.size(); ++i) {
                    ASSERT_GE(fold[i], 0);
                    ASSERT_LT(fold[i], k);
                    const auto [it, inserted] = foldOfGroup.emplace(groups[i], fold[i]);
                    EXPECT_EQ(it->second, fold[i]) << "group " << groups[i] << " split";
                    ++(p[i].label ? n1 : n0)[std::size_t(fold[i])];
                }
                // Each class is spread as evenly as its largest group allows.
                const auto [lo0, hi0] = std::minmax_element(n0.begin(), n0.end());
                const auto [lo1, hi1] = std::minmax_element(n1.begin(), n1.end());
                EXPECT_LE(*hi0 - *lo0, max0) << trial << " k " << k << " seed " << seed;
                EXPECT_LE(*hi1 - *lo1, max1) << trial << " k " << k << " seed " << seed;
                for (int f = 0; f < k; ++f)
                    EXPECT_GT(n0[std::size_t(f)] + n1[std::size_t(f)], 0);
            }
            EXPECT_GT(distinct.size(), 1u); // the seed matters
        }
    }
}

// ---- Buffered training ----

TEST(Evaluation, BufferedTrainingSmallCases)
{
    // (3, 4) is exactly 5 from the test position: kept; (0, 2) is 2 away: buffered.
    const auto p = at({{0, 0}, {3, 4}, {10, 0}, {0, 2}, {-4, 3}});
    const std::vector<int> fold{0, 1, 1, 1, 2};
    EXPECT_EQ(bufferedTraining(p, fold, 0, 5.0), (std::vector<uint8_t>{0, 1, 1, 0, 1}));
    EXPECT_EQ(bufferedTraining(p, fold, 0, std::nextafter(5.0, 6.0)), (std::vector<uint8_t>{0, 0, 1, 0, 0}));
    EXPECT_EQ(bufferedTraining(p, fold, 0, 0.0), (std::vector<uint8_t>{0, 1, 1, 1, 1}));
    EXPECT_EQ(bufferedTraining(p, fold, 0, 1e300), (std::vector<uint8_t>{0, 0, 0, 0, 0}));
    // From (-4, 3): (0, 2) is sqrt(17) away, (0, 0) 5, (3, 4) sqrt(50).
    EXPECT_EQ(bufferedTraining(p, fold, 2, 4.0), (std::vector<uint8_t>{1, 1, 1, 1, 0}));
    EXPECT_EQ(bufferedTraining(p, fold, 2, 5.0), (std::vector<uint8_t>{1, 1, 1, 0, 0}));
    EXPECT_EQ(bufferedTraining(p, fold, 2, 7.0), (std::vector<uint8_t>{0, 1, 1, 0, 0}));
    EXPECT_EQ(bufferedTraining(p, fold, 2, 7.1), (std::vector<uint8_t>{0, 0, 1, 0, 0}));
    EXPECT_EQ(bufferedTraining(p, fold, 7, 5.0), (std::vector<uint8_t>{1, 1, 1, 1, 1})); // no such fold
    // Coincident with a test position but in another fold: buffered at any positive buffer.
    EXPECT_EQ(bufferedTraining(at({{1, 1}, {1, 1}}), {0, 1}, 0, 0.25), (std::vector<uint8_t>{0, 0}));
    EXPECT_THROW(bufferedTraining(p, fold, 0, std::nan("")), Error);
    EXPECT_THROW(bufferedTraining(p, {0, 1}, 0, 5.0), Error);
}

// ---- Held-out plan ----

TEST(Evaluation, HeldOutPlanKeepsBufferedDepositsFurtherFromTheTestPositions)
{
    // Seven positions, each its own group at distance 10 (B and C are exactly 10 from A: not joined), each its own
    // fold. Deposits: A (0, 0), B (10, 0), D (100, 0), E (100, 50); non-deposits: C (0, 10), F (200, 0), G (200, 50).
    std::vector<LabelledPosition> p = at({{0, 0}, {10, 0}, {0, 10}, {100, 0}, {100, 50}, {200, 0}, {200, 50}});
    for (int i : {0, 1, 3, 4})
        p[std::size_t(i)].label = 1;
    const int width = 300;
    auto trainingOf = [&](const HeldOutPlan &plan, std::size_t position) {
        const int f = plan.fold[position];
        std::vector<std::pair<int, int>> t;
        for (const LabelledPosition &q : plan.training[std::size_t(f)])
            t.emplace_back(q.col, q.row);
        return t;
    };
    for (int buffer : {0, 1}) {
        SCOPED_TRACE(buffer);
        const HeldOutPlan plan = heldOutPlan(p, width, 10.0, buffer, 7, 3);
        ASSERT_EQ(plan.folds, 7);
        EXPECT_EQ(plan.depositGroups, 4);
        EXPECT_TRUE(plan.notes.empty());
        for (std::size_t i = 0; i < p.size(); ++i) {
            const std::size_t f = std::size_t(plan.fold[i]);
            if (p[i].label == 1)
                EXPECT_EQ(plan.testDeposits[f], (std::vector<std::size_t>{std::size_t(p[i].row * width + p[i].col)}));
            else // a fold of non-deposits has nothing to rank
                EXPECT_TRUE(plan.testDeposits[f].empty() && plan.training[f].empty());
        }
        // A held out: B, a deposit exactly the patch size away, trains only without a buffer (with one its buffer
        // would reach within the patch size of A); C, a non-deposit as near, trains either way.
        using T = std::vector<std::pair<int, int>>;
        const T withB{{10, 0}, {0, 10}, {100, 0}, {100, 50}, {200, 0}, {200, 50}};
        const T withA{{0, 0}, {0, 10}, {100, 0}, {100, 50}, {200, 0}, {200, 50}};
        const T neither{{0, 10}, {100, 0}, {100, 50}, {200, 0}, {200, 50}};
        EXPECT_EQ(trainingOf(plan, 0), buffer == 0 ? withB : neither);
        // B held out: A likewise; C is sqrt(200) from B and trains either way.
        EXPECT_EQ(trainingOf(plan, 1), buffer == 0 ? withA : neither);
        // D held out: everything else is at least 50 away.
        const T allButD{{0, 0}, {10, 0}, {0, 10}, {100, 50}, {200, 0}, {200, 50}};
        EXPECT_EQ(trainingOf(plan, 3), allButD);
    }
    // A buffer so wide (deposits kept 105 away) that, with A held out, only E (112 away) is left to train on: the
    // fold is not evaluated, and the note says why.
    const HeldOutPlan wide = heldOutPlan(p, width, 10.0, 95, 7, 3);
    const std::size_t fa = std::size_t(wide.fold[0]);
    EXPECT_TRUE(wide.testDeposits[fa].empty());
    EXPECT_TRUE(wide.training[fa].empty());
    ASSERT_FALSE(wide.notes.empty());
    EXPECT_NE(wide.notes.front().find("fewer than 2 deposit positions"), std::string::npos) << wide.notes.front();
}

TEST(Evaluation, BufferedTrainingMatchesBruteForce)
{
    std::mt19937_64 rng(8);
    for (int trial = 0; trial < 6; ++trial) {
        const auto p = randomPositions(rng, 400, trial % 2 ? 300 : 40, 150, 0.3);
        const std::vector<int> fold = spatialFolds(p, groupPositions(p, 3.0), 4, std::uint64_t(trial));
        for (double buffer : {0.5, 1.0, 2.5, 6.0, 15.25, 40.0})
            for (int f = 0; f < 4; ++f) {
                const std::vector<uint8_t> mask = bufferedTraining(p, fold, f, buffer);
                for (std::size_t i = 0; i < p.size(); ++i) {
                    bool near = fold[i] == f;
                    for (std::size_t j = 0; j < p.size() && !near; ++j) {
                        const double dx = p[i].col - p[j].col, dy = p[i].row - p[j].row;
                        near = fold[j] == f && dx * dx + dy * dy < buffer * buffer;
                    }
                    ASSERT_EQ(mask[i], near ? 0 : 1) << trial << " buffer " << buffer << " fold " << f << " #" << i;
                }
            }
    }
}

// ---- Timing (not a check) ----

// Prints the time of rateCurve on 10 million pixels and of grouping, folds and buffers on 300,000 positions
// (run with --gtest_also_run_disabled_tests --gtest_filter='EvaluationBench.*').
TEST(EvaluationBench, DISABLED_Timing)
{
    using clock = std::chrono::steady_clock;
    auto seconds = [](clock::time_point t0) { return std::chrono::duration<double>(clock::now() - t0).count(); };
    std::mt19937_64 rng(1);
    const std::size_t pixels = 10'000'000;
    std::vector<float> score(pixels);
    std::vector<uint8_t> valid(pixels, 1);
    for (std::size_t i = 0; i < pixels; ++i) {
        score[i] = float(double(rng() >> 11) * 0x1p-53);
        if (i % 97 == 0)
            valid[i] = 0;
    }
    for (std::size_t occurrences : {20, 1000, 5000, 300000}) {
        std::vector<std::size_t> occ(occurrences);
        for (auto &o : occ)
            o = std::size_t(rng() % pixels);
        const auto t0 = clock::now();
        const RateCurve c = rateCurve(score.data(), valid.data(), pixels, occ);
        std::printf("rateCurve: 10M pixels, %6zu occurrences: %.3f s (auc %.4f, %zu curve points)\n", occurrences,
                    seconds(t0), c.auc, c.area.size());
    }

    // Scattered: 300,000 positions over 10000 x 10000. Dense: 300,000 pixels painted as 12 discs of radius 89.
    std::vector<LabelledPosition> scattered = randomPositions(rng, 300000, 10000, 10000, 0.1);
    std::vector<LabelledPosition> dense;
    for (int d = 0; d < 12; ++d) {
        const int cx = 200 + (d % 4) * 250, cy = 200 + (d / 4) * 250;
        for (int y = -89; y <= 89; ++y)
            for (int x = -89; x <= 89; ++x)
                if (x * x + y * y <= 89 * 89)
                    dense.push_back({cx + x, cy + y, d % 3 == 0 ? 1 : 0});
    }
    for (const auto &[name, positions, distance, buffer] :
         {std::tuple<const char *, const std::vector<LabelledPosition> &, double, double>{"scattered", scattered, 20.0,
                                                                                          20.0},
          {"scattered", scattered, 20.0, 100.0},
          {"scattered", scattered, 50.0, 50.0},
          {"dense", dense, 3.0, 50.0},
          {"dense", dense, 3.0, 200.0},
          {"dense", dense, 50.0, 50.0},
          {"dense", dense, 200.0, 200.0}}) {
        auto t0 = clock::now();
        const std::vector<int> groups = groupPositions(positions, distance);
        const double tg = seconds(t0);
        t0 = clock::now();
        const std::vector<int> fold = spatialFolds(positions, groups, 5, 7);
        const double tf = seconds(t0);
        t0 = clock::now();
        std::size_t kept = 0;
        for (int f = 0; f < 5; ++f) {
            const std::vector<uint8_t> m = bufferedTraining(positions, fold, f, buffer);
            kept += std::size_t(std::count(m.begin(), m.end(), 1));
        }
        const double tb = seconds(t0) / 5;
        std::printf("%-9s %zu positions, distance %5.1f, buffer %5.1f: groupPositions %.3f s (%d groups), "
                    "spatialFolds %.3f s, bufferedTraining %.3f s a fold (%zu kept over 5 folds)\n",
                    name, positions.size(), distance, buffer, tg, *std::max_element(groups.begin(), groups.end()) + 1,
                    tf, tb, kept);
    }
}
