// Large label sets: the SVM stops within a second of a cancel at any size, and the map's classifier trains on a
// bounded, seeded sample of each class; thread counts are bounded.
#include "error.h"
#include "experiments.h"
#include "feedback.h"
#include "svm.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

using namespace lodestone;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/** Samples whose labels are noise: with a large C, dlib's solver works for a long time on them. */
void noiseSamples(int n, int dim, std::vector<std::vector<float>> &x, std::vector<int> &y)
{
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.f, 1.f);
    x.assign(std::size_t(n), std::vector<float>(std::size_t(dim)));
    y.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        for (float &v : x[std::size_t(i)])
            v = normal(rng);
        y[std::size_t(i)] = int(rng() % 2);
    }
}

/** K planes on a w x h grid: plane 0 separates the left (non-deposit) from the right (deposit) half. */
struct Halves {
    int w, h;
    std::vector<std::vector<float>> planes;
    std::vector<uint8_t> valid;
    Halves(int width, int height, int k) : w(width), h(height), valid(std::size_t(width) * height, 1)
    {
        std::mt19937 rng(3);
        std::normal_distribution<float> normal(0.f, 1.f);
        planes.assign(std::size_t(k), std::vector<float>(valid.size()));
        for (int p = 0; p < k; ++p)
            for (std::size_t i = 0; i < valid.size(); ++i)
                planes[std::size_t(p)][i] =
                    (p == 0 ? (int(i % std::size_t(w)) >= w / 2 ? 1.f : 0.f) : 0.f) + 0.3f * normal(rng);
    }
    FeatureStack stack() const
    {
        FeatureStack s;
        s.width = w;
        s.height = h;
        for (const auto &p : planes)
            s.planes.push_back(p.data());
        s.valid = valid.data();
        return s;
    }
    /** Every pixel labelled by its half: w * h positions. */
    std::vector<LabelledPosition> everyPixel() const
    {
        std::vector<LabelledPosition> out;
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c)
                out.push_back({c, r, c >= w / 2 ? 1 : 0});
        return out;
    }
};

} // namespace

TEST(LargeLabelSets, CancelStopsTheSvmWithinASecond)
{
    // 6000 samples of noise at C = 10^4: one fit takes dlib's solver far longer than a second, and the solver has
    // no cancel of its own; the kernel polls the feedback.
    std::vector<std::vector<float>> x;
    std::vector<int> y;
    noiseSamples(6000, 8, x, y);
    SvmParams params;
    params.c = 1e4;
    params.gamma = 2;
    params.threads = 2;
    Feedback feedback;
    std::atomic<bool> done{false};
    bool canceled = false;
    Clock::time_point end;
    std::thread worker([&] {
        try {
            SvmModel::train(x, y, params, 1, {}, &feedback);
        } catch (const Canceled &) {
            canceled = true;
        }
        end = Clock::now();
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const bool finishedBeforeCancel = done.load();
    const auto t0 = Clock::now();
    feedback.cancel();
    worker.join();
    ASSERT_FALSE(finishedBeforeCancel) << "the training was too short to test cancel";
    EXPECT_TRUE(canceled);
    EXPECT_LT(std::chrono::duration<double>(end - t0).count(), 1.0);
}

TEST(LargeLabelSets, BoundedSampleKeepsAtMostTheBoundOfEachClassSeeded)
{
    std::vector<LabelledPosition> positions;
    for (int i = 0; i < 5000; ++i)
        positions.push_back({i, 0, 0});
    for (int i = 0; i < 30; ++i)
        positions.push_back({i, 1, 1});
    const auto a = boundedSample(positions, 100, 9);
    const auto b = boundedSample(positions, 100, 9);
    const auto c = boundedSample(positions, 100, 10);
    int neg = 0, pos = 0;
    for (const auto &p : a)
        (p.label ? pos : neg)++;
    EXPECT_EQ(neg, 100);
    EXPECT_EQ(pos, 30); // a class under the bound keeps every position
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_TRUE(a[i].col == b[i].col && a[i].row == b[i].row);
    bool differs = false;
    for (std::size_t i = 0; i < a.size(); ++i)
        differs |= a[i].col != c[i].col || a[i].row != c[i].row;
    EXPECT_TRUE(differs) << "another seed draws another sample";
    for (std::size_t i = 1; i < a.size(); ++i) // input order
        EXPECT_TRUE(a[i - 1].row < a[i].row || (a[i - 1].row == a[i].row && a[i - 1].col < a[i].col));
    EXPECT_EQ(boundedSample(positions, 0, 9).size(), positions.size());
    ExperimentParams params;
    EXPECT_EQ(classifierPositionsPerClass(params, 1), params.maxTrainingSamples / 2);
    EXPECT_EQ(classifierPositionsPerClass(params, 8), params.maxTrainingSamples / 16);
    params.maxTrainingSamples = 0;
    EXPECT_EQ(classifierPositionsPerClass(params, 1), 0);
}

TEST(LargeLabelSets, ClassifierOnAHugeLabelSetTrainsOnABoundedSampleInBoundedTime)
{
    // 120,000 labelled pixels, as when a whole truth raster is opened as labels.
    const Halves data(400, 300, 4);
    const FeatureStack stack = data.stack();
    const std::vector<LabelledPosition> positions = data.everyPixel();
    ExperimentParams params;
    params.seed = 5;
    params.threads = 2;
    params.maxTrainingSamples = 1000; // a quarter of the default keeps the test short on these overlapping classes
    const int bound = classifierPositionsPerClass(params, 1);
    ASSERT_EQ(bound, 500);
    const auto t0 = Clock::now();
    const Classifier c = Classifier::train(stack, positions, SvmMode::PixelFeatures, params);
    const double seconds = secondsSince(t0);
    EXPECT_EQ(c.trainingCounts().first, bound);
    EXPECT_EQ(c.trainingCounts().second, bound);
    bool said = false;
    for (const std::string &w : c.warnings())
        said |= w.find("random sample of " + std::to_string(bound) + " deposit") != std::string::npos &&
                w.find("of 60000 and 60000 labelled") != std::string::npos;
    EXPECT_TRUE(said) << "the warnings say that a sample was used";
    EXPECT_LT(seconds, 60.0);
    // Seeded: the same seed gives the same classifier.
    const Classifier again = Classifier::train(stack, positions, SvmMode::PixelFeatures, params);
    EXPECT_EQ(c.decisionAt(stack, 10, 10), again.decisionAt(stack, 10, 10));
    EXPECT_GT(c.decisionAt(stack, 390, 150), 0.0);
    EXPECT_LT(c.decisionAt(stack, 10, 150), 0.0);
}

TEST(LargeLabelSets, SmallLabelSetsAreNotSampled)
{
    const Halves data(60, 40, 3);
    const FeatureStack stack = data.stack();
    std::vector<LabelledPosition> positions;
    for (int i = 0; i < 40; ++i)
        positions.push_back({i % 20 + (i % 2 ? 40 : 0), i, i % 2});
    ExperimentParams params;
    const Classifier c = Classifier::train(stack, positions, SvmMode::PixelFeatures, params);
    EXPECT_EQ(c.trainingCounts().first, 20);
    EXPECT_EQ(c.trainingCounts().second, 20);
    for (const std::string &w : c.warnings())
        EXPECT_EQ(w.find("random sample"), std::string::npos) << w;
}

TEST(LargeLabelSets, ThreadCountsAreBounded)
{
    EXPECT_GE(maxThreads(), 16);
    EXPECT_NO_THROW(validateThreadCount(0));
    EXPECT_NO_THROW(validateThreadCount(maxThreads()));
    EXPECT_THROW(validateThreadCount(-3), Error);
    EXPECT_THROW(validateThreadCount(100000), Error);
    // parallelFor never starts more than maxThreads() threads, whatever it is asked for.
    std::atomic<int> running{0}, peak{0};
    parallelFor(200, 100000, nullptr, [&](int) {
        const int now = ++running;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --running;
    });
    EXPECT_LE(peak.load(), maxThreads());
}
