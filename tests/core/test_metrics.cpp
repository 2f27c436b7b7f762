// Confusion-matrix scores on hand-computed cases; seeded permutations and stratified folds.
#include "error.h"
#include "experiments.h"
#include "metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace lodestone;

namespace {

ConfusionMatrix matrixOf(int tn, int fp, int fn, int tp)
{
    ConfusionMatrix m;
    for (int i = 0; i < tn; ++i)
        m.add(0, 0);
    for (int i = 0; i < fp; ++i)
        m.add(0, 1);
    for (int i = 0; i < fn; ++i)
        m.add(1, 0);
    for (int i = 0; i < tp; ++i)
        m.add(1, 1);
    return m;
}

} // namespace

TEST(Metrics, ConfusionMatrixScoresMatchHandComputation)
{
    const ConfusionMatrix m = matrixOf(5, 2, 1, 4);
    EXPECT_EQ(m.tn, 5);
    EXPECT_EQ(m.fp, 2);
    EXPECT_EQ(m.fn, 1);
    EXPECT_EQ(m.tp, 4);
    EXPECT_EQ(m.total(), 12);
    EXPECT_DOUBLE_EQ(m.accuracy(), 9.0 / 12.0);
    EXPECT_DOUBLE_EQ(m.precision(), 4.0 / 6.0);
    EXPECT_DOUBLE_EQ(m.recall(), 4.0 / 5.0);
    EXPECT_DOUBLE_EQ(m.specificity(), 5.0 / 7.0);
    // 2PR/(P+R) = 2 * (2/3) * (4/5) / (2/3 + 4/5) = 8/11
    EXPECT_DOUBLE_EQ(m.f1(), 8.0 / 11.0);
    EXPECT_DOUBLE_EQ(m.balancedAccuracy(), 0.5 * (0.8 + 5.0 / 7.0));
}

TEST(Metrics, UndefinedScoresAreZero)
{
    const ConfusionMatrix empty;
    EXPECT_EQ(empty.total(), 0);
    EXPECT_EQ(empty.accuracy(), 0.0);
    EXPECT_EQ(empty.precision(), 0.0);
    EXPECT_EQ(empty.recall(), 0.0);
    EXPECT_EQ(empty.f1(), 0.0);

    // Nothing predicted deposit: precision undefined -> 0, recall 0, F1 0, accuracy still defined.
    const ConfusionMatrix allNegative = matrixOf(6, 0, 4, 0);
    EXPECT_EQ(allNegative.precision(), 0.0);
    EXPECT_EQ(allNegative.recall(), 0.0);
    EXPECT_EQ(allNegative.f1(), 0.0);
    EXPECT_DOUBLE_EQ(allNegative.accuracy(), 0.6);

    // Perfect classification.
    const ConfusionMatrix perfect = matrixOf(3, 0, 0, 2);
    EXPECT_EQ(perfect.accuracy(), 1.0);
    EXPECT_EQ(perfect.precision(), 1.0);
    EXPECT_EQ(perfect.recall(), 1.0);
    EXPECT_EQ(perfect.f1(), 1.0);
}

TEST(Metrics, MergePoolsCounts)
{
    ConfusionMatrix a = matrixOf(1, 2, 3, 4);
    a.merge(matrixOf(10, 20, 30, 40));
    EXPECT_EQ(a, matrixOf(11, 22, 33, 44));
}

TEST(Metrics, SeededPermutationIsDeterministicAndPinned)
{
    const std::vector<int> p = seededPermutation(10, 42);
    std::vector<int> sorted = p;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(sorted[std::size_t(i)], i);
    EXPECT_EQ(p, seededPermutation(10, 42));
    EXPECT_NE(p, seededPermutation(10, 43));
    // Pinned: std::mt19937_64 and our bounded integers are fully specified, so this holds on every platform.
    EXPECT_EQ(p, (std::vector<int>{1, 7, 9, 0, 3, 8, 4, 2, 5, 6}));
    EXPECT_TRUE(seededPermutation(0, 1).empty());
    EXPECT_EQ(seededPermutation(1, 1), std::vector<int>{0});
}

TEST(Metrics, StratifiedFoldsKeepClassRatios)
{
    // 10 non-deposit and 15 deposit items, interleaved; 5 folds -> every fold has 2 + 3.
    std::vector<int> labels;
    for (int i = 0; i < 25; ++i)
        labels.push_back(i % 5 < 2 ? 0 : 1);
    const std::vector<int> folds = stratifiedFolds(labels, 5, 7);
    ASSERT_EQ(folds.size(), labels.size());
    std::map<std::pair<int, int>, int> count;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        ASSERT_GE(folds[i], 0);
        ASSERT_LT(folds[i], 5);
        count[{folds[i], labels[i]}]++;
    }
    for (int f = 0; f < 5; ++f) {
        EXPECT_EQ((count[{f, 0}]), 2) << "fold " << f;
        EXPECT_EQ((count[{f, 1}]), 3) << "fold " << f;
    }
}

TEST(Metrics, StratifiedFoldsAreDeterministicPerSeedAndBalanced)
{
    std::vector<int> labels(7, 0);
    labels.resize(13, 1); // 7 + 6 items, 3 folds
    const std::vector<int> a = stratifiedFolds(labels, 3, 11);
    EXPECT_EQ(a, stratifiedFolds(labels, 3, 11));
    EXPECT_NE(a, stratifiedFolds(labels, 3, 12));
    std::map<std::pair<int, int>, int> count;
    std::vector<int> size(3, 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        count[{a[i], labels[i]}]++;
        size[std::size_t(a[i])]++;
    }
    for (int f = 0; f < 3; ++f) {
        // floor or ceil of each class's share: 7/3 -> 2 or 3, 6/3 -> 2
        EXPECT_GE((count[{f, 0}]), 2);
        EXPECT_LE((count[{f, 0}]), 3);
        EXPECT_EQ((count[{f, 1}]), 2);
    }
    EXPECT_LE(*std::max_element(size.begin(), size.end()) - *std::min_element(size.begin(), size.end()), 1);
}

TEST(Metrics, StratifiedFoldsRejectZeroFolds)
{
    try {
        stratifiedFolds({0, 1}, 0, 1);
        FAIL() << "k = 0 must be rejected";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadParameter);
    }
}

TEST(Metrics, ReportTableHasOneColumnPerModeInTheCLocale)
{
    ModeResult a;
    a.mode = SvmMode::PixelFeatures;
    a.confusion = matrixOf(12, 0, 4, 8);
    a.accuracy = a.confusion.accuracy();
    a.precision = a.confusion.precision();
    a.recall = a.confusion.recall();
    a.f1 = a.confusion.f1();
    a.foldAccuracy = {1.0, 0.5};
    a.folds = 2;
    a.positions = 24;
    a.c = 2;
    a.gamma = 0.125;
    ModeResult b = a;
    b.mode = SvmMode::PatchSamples;
    b.c = 3;
    const std::string t = formatReportTable({a, b});
    for (const char *text : {"pixel-features", "patch-samples", "83.3 %", "1.000", "0.667", "0.800", "[12 0; 4 8]",
                             "75.0 +- 25.0 %", "2 x 24", "2^1, 2^-3", "3, 2^-3"})
        EXPECT_NE(t.find(text), std::string::npos) << text << " missing in\n" << t;
    EXPECT_EQ(std::count(t.begin(), t.end(), '\n'), 9);
}
