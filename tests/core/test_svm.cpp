// The classifier: the RBF SVM (separable sets, search and defaults, probabilities, batch = single predictions,
// groups, model round trip and corrupt data), the logistic regression (closed-form optimum, round trip), thread
// helper.
#include "error.h"
#include "feedback.h"
#include "svm.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <random>
#include <sstream>

using namespace lodestone;

namespace {

struct Set {
    std::vector<std::vector<float>> x;
    std::vector<int> y;
};

/** Class 1 inside the unit disc, class 0 on a ring of radius 2..3 (not linearly separable). */
Set radialSet(int perClass, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> angle(0.f, 6.2831853f), unit(0.f, 1.f);
    Set s;
    for (int i = 0; i < 2 * perClass; ++i) {
        const bool inside = i % 2 == 0;
        const float r = inside ? 0.9f * std::sqrt(unit(rng)) : 2.f + unit(rng);
        const float a = angle(rng);
        s.x.push_back({r * std::cos(a), r * std::sin(a)});
        s.y.push_back(inside ? 1 : 0);
    }
    return s;
}

/** Cross-validated accuracy of SvmModel::train with k folds. */
double crossValidatedAccuracy(const Set &s, const SvmParams &p, int k)
{
    const std::vector<int> folds = stratifiedFolds(s.y, k, 5);
    int correct = 0;
    for (int f = 0; f < k; ++f) {
        Set train;
        for (std::size_t i = 0; i < s.x.size(); ++i)
            if (folds[i] != f) {
                train.x.push_back(s.x[i]);
                train.y.push_back(s.y[i]);
            }
        const SvmModel m = SvmModel::train(train.x, train.y, p, 1);
        for (std::size_t i = 0; i < s.x.size(); ++i)
            if (folds[i] == f)
                correct += (m.decision(s.x[i].data()) > 0) == (s.y[i] == 1);
    }
    return double(correct) / double(s.x.size());
}

} // namespace

TEST(Svm, RadiallySeparableSetIsLearnedPerfectly)
{
    const Set s = radialSet(20, 3);
    EXPECT_DOUBLE_EQ(crossValidatedAccuracy(s, SvmParams{}, 5), 1.0);

    const SvmModel m = SvmModel::train(s.x, s.y, SvmParams{}, 1);
    EXPECT_EQ(m.dimension(), 2);
    EXPECT_GT(m.supportVectorCount(), 0);
    EXPECT_DOUBLE_EQ(m.innerAccuracy(), 1.0);
    // The chosen parameters lie on the documented grid.
    const auto cs = svmSearchGridC(), gs = svmSearchGridGamma();
    EXPECT_NE(std::find(cs.begin(), cs.end(), m.c()), cs.end());
    EXPECT_NE(std::find(gs.begin(), gs.end(), m.gamma()), gs.end());
    EXPECT_LT(m.plattA(), 0.0); // probability rises with the decision value

    const float centre[2] = {0.f, 0.f}, far[2] = {2.5f, 0.f};
    EXPECT_GT(m.decision(centre), 0.0);
    EXPECT_GT(m.probability(centre), 0.5);
    EXPECT_LT(m.decision(far), 0.0);
    EXPECT_LT(m.probability(far), 0.5);
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        const double p = m.probability(s.x[i].data());
        EXPECT_GE(p, 0.0);
        EXPECT_LE(p, 1.0);
        EXPECT_EQ(m.decision(s.x[i].data()) > 0, s.y[i] == 1) << "sample " << i;
    }
}

TEST(Svm, LinearlySeparableSetWithGivenParameters)
{
    Set s;
    for (int i = 0; i < 30; ++i) {
        const float t = float(i) / 29.f;
        const int label = i % 2; // class by the first feature: 0..4 or 6..10
        s.x.push_back({4.f * t + 6.f * float(label), 3.f * std::sin(7.f * t), 1000.f + t});
        s.y.push_back(label);
    }
    SvmParams p;
    p.c = 10;
    p.gamma = 0.1;
    EXPECT_DOUBLE_EQ(crossValidatedAccuracy(s, p, 5), 1.0);
    const SvmModel m = SvmModel::train(s.x, s.y, p, 1);
    EXPECT_EQ(m.c(), 10.0);
    EXPECT_EQ(m.gamma(), 0.1);
    // Standardisation: the third feature (mean ~1000.5) is centred.
    EXPECT_NEAR(m.featureMeans()[2], 1000.5f, 1e-3f);
}

TEST(Svm, TrainingIsDeterministic)
{
    const Set s = radialSet(12, 9);
    const SvmModel a = SvmModel::train(s.x, s.y, SvmParams{}, 77);
    SvmParams oneThread;
    oneThread.threads = 1;
    const SvmModel b = SvmModel::train(s.x, s.y, oneThread, 77);
    EXPECT_EQ(a.c(), b.c());
    EXPECT_EQ(a.gamma(), b.gamma());
    EXPECT_EQ(a.plattA(), b.plattA());
    for (const auto &x : s.x)
        EXPECT_EQ(a.decision(x.data()), b.decision(x.data()));
}

TEST(Svm, BatchDecisionsEqualSingleDecisions)
{
    const Set s = radialSet(15, 4);
    const SvmModel m = SvmModel::train(s.x, s.y, SvmParams{}, 2);
    // 1000 samples (more than one chunk), stored column-wise.
    std::mt19937 rng(1);
    std::normal_distribution<float> n(0.f, 2.f);
    std::vector<float> c0(1000), c1(1000);
    for (std::size_t i = 0; i < c0.size(); ++i) {
        c0[i] = n(rng);
        c1[i] = n(rng);
    }
    const float *cols[2] = {c0.data(), c1.data()};
    std::vector<double> out(c0.size());
    m.decisions(cols, c0.size(), out.data());
    for (std::size_t i = 0; i < c0.size(); ++i) {
        const float x[2] = {c0[i], c1[i]};
        ASSERT_EQ(out[i], m.decision(x)) << "sample " << i;
    }
}

TEST(Svm, SaveLoadRoundTripGivesIdenticalDecisions)
{
    const Set s = radialSet(10, 5);
    const SvmModel m = SvmModel::train(s.x, s.y, SvmParams{}, 3);
    std::stringstream buf;
    m.save(buf);
    const SvmModel r = SvmModel::load(buf);
    EXPECT_EQ(r.dimension(), m.dimension());
    EXPECT_EQ(r.supportVectorCount(), m.supportVectorCount());
    EXPECT_EQ(r.c(), m.c());
    EXPECT_EQ(r.gamma(), m.gamma());
    EXPECT_EQ(r.plattA(), m.plattA());
    EXPECT_EQ(r.plattB(), m.plattB());
    EXPECT_EQ(r.warnings(), m.warnings());
    for (float a = -3.f; a <= 3.f; a += 0.37f) {
        const float x[2] = {a, 0.5f * a - 1.f};
        EXPECT_EQ(r.decision(x), m.decision(x));
        EXPECT_EQ(r.probability(x), m.probability(x));
    }
}

TEST(Svm, CorruptModelDataAreRejected)
{
    const Set s = radialSet(6, 6);
    std::stringstream buf;
    SvmModel::train(s.x, s.y, SvmParams{}, 3).save(buf);
    const std::string good = buf.str();

    auto expectBadModel = [](const std::string &bytes, const char *what) {
        std::istringstream in(bytes);
        try {
            SvmModel::load(in);
            ADD_FAILURE() << what << ": loaded";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadModel) << what;
            EXPECT_FALSE(std::string(e.what()).empty());
        }
    };
    std::string flipped = good;
    flipped[good.size() / 2] = char(flipped[good.size() / 2] ^ 0x40);
    expectBadModel(flipped, "flipped byte");
    expectBadModel(good.substr(0, good.size() - 3), "truncated");
    expectBadModel(good.substr(0, 10), "truncated header");
    expectBadModel("", "empty");
    expectBadModel("LSVX" + good.substr(4), "wrong signature");
    std::string version = good;
    version[4] = 9;
    expectBadModel(version, "unknown version");
    expectBadModel(std::string(200, 'x'), "garbage");
}

TEST(Svm, LogisticRegressionReachesTheClosedFormOptimum)
{
    // One sample per class at x = +-1: standardised z = +-1, class weights 1, and by symmetry b = 0, so the
    // optimum of C (log(1 + e^-w) + log(1 + e^-w)) + w^2 / 2 solves w = 2 C / (1 + e^w).
    for (double c : {0.25, 1.0, 4.0}) {
        SvmParams p;
        p.kind = ClassifierKind::Logistic;
        p.c = c;
        const SvmModel m = SvmModel::train({{1.f}, {-1.f}}, {1, 0}, p, 0);
        double lo = 0, hi = 2 * c;
        for (int i = 0; i < 200; ++i) {
            const double w = 0.5 * (lo + hi);
            (w - 2 * c / (1 + std::exp(w)) > 0 ? hi : lo) = w;
        }
        const float plus = 1.f, minus = -1.f, zero = 0.f;
        EXPECT_NEAR(m.decision(&plus), lo, 1e-6) << "C " << c;
        EXPECT_NEAR(m.decision(&minus), -lo, 1e-6) << "C " << c;
        EXPECT_NEAR(m.decision(&zero), 0.0, 1e-6) << "C " << c;
        EXPECT_NEAR(m.probability(&plus), 1 / (1 + std::exp(-lo)), 1e-6) << "C " << c;
        EXPECT_EQ(m.kind(), ClassifierKind::Logistic);
        EXPECT_EQ(m.gamma(), 0.0);
        EXPECT_EQ(m.c(), c);
    }
}

TEST(Svm, LogisticRegressionWeighsClassesAndSeparatesALinearSet)
{
    // Class 1 where x0 + x1 > 0.5, with a constant third feature (its weight must stay 0) and five times more
    // non-deposits than deposits: balanced weights keep the boundary near the true line.
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-2.f, 2.f);
    Set s;
    while (s.x.size() < 300) {
        const float a = u(rng), b = u(rng);
        const bool pos = a + b > 0.5f;
        if (std::abs(a + b - 0.5f) < 0.2f || (pos && s.x.size() % 6 != 0))
            continue;
        s.x.push_back({a, b, 7.f});
        s.y.push_back(pos ? 1 : 0);
    }
    SvmParams p;
    p.kind = ClassifierKind::Logistic;
    const SvmModel m = SvmModel::train(s.x, s.y, p, 0);
    EXPECT_EQ(m.c(), 1.0); // C = 0 means 1
    int correct = 0;
    for (std::size_t i = 0; i < s.x.size(); ++i)
        correct += (m.decision(s.x[i].data()) > 0) == (s.y[i] == 1);
    EXPECT_GE(correct, 296);
    const float on[3] = {0.25f, 0.25f, 7.f}, onOther[3] = {0.25f, 0.25f, -100.f};
    EXPECT_NEAR(m.decision(on), 0.0, 0.6);          // on the true boundary
    EXPECT_EQ(m.decision(on), m.decision(onOther)); // the constant feature has no weight
    // Deterministic and independent of the seed: a convex fit with no search.
    EXPECT_EQ(SvmModel::train(s.x, s.y, p, 99).decision(on), m.decision(on));
}

TEST(Svm, LogisticModelRoundTripsAndOldRbfFilesStillLoad)
{
    const Set s = radialSet(10, 5);
    SvmParams p;
    p.kind = ClassifierKind::Logistic;
    const SvmModel m = SvmModel::train(s.x, s.y, p, 3);
    std::stringstream buf;
    m.save(buf);
    EXPECT_EQ(buf.str()[4], 2); // format version 2 carries the kind of machine
    const SvmModel r = SvmModel::load(buf);
    EXPECT_EQ(r.kind(), ClassifierKind::Logistic);
    for (float a = -3.f; a <= 3.f; a += 0.37f) {
        const float x[2] = {a, 0.5f * a - 1.f};
        EXPECT_EQ(r.decision(x), m.decision(x));
        EXPECT_EQ(r.probability(x), m.probability(x));
    }
    // RBF machines keep format version 1, which every earlier model.pt holds.
    std::stringstream rbf;
    SvmModel::train(s.x, s.y, SvmParams{}, 3).save(rbf);
    EXPECT_EQ(rbf.str()[4], 1);
    EXPECT_EQ(SvmModel::load(rbf).kind(), ClassifierKind::RbfSvm);
    ClassifierKind k = ClassifierKind::RbfSvm;
    EXPECT_TRUE(parseClassifierKind(classifierKindName(ClassifierKind::Logistic), k));
    EXPECT_EQ(k, ClassifierKind::Logistic);
    EXPECT_FALSE(parseClassifierKind("linear", k));
}

TEST(Svm, PrincipalAxesAreTheCovariancesEigenvectorsLargestFirst)
{
    // Three dimensions: a strong common signal along (1, 1, 0) / sqrt 2, a weaker one along (1, -1, 0) / sqrt 2
    // and a constant third dimension.
    std::mt19937 rng(5);
    std::normal_distribution<float> g(0.f, 1.f);
    const int n = 4000;
    std::vector<float> z;
    for (int i = 0; i < n; ++i) {
        const float a = 3.f * g(rng), b = 0.5f * g(rng);
        z.insert(z.end(), {a + b, a - b, 2.f});
    }
    const std::vector<double> axes = principalAxes(z, n, 3, 3);
    ASSERT_EQ(axes.size(), 6u); // the constant direction does not vary: two axes
    const double r = 1 / std::sqrt(2.0);
    EXPECT_NEAR(axes[0], r, 0.01);
    EXPECT_NEAR(axes[1], r, 0.01);
    EXPECT_NEAR(axes[2], 0, 1e-9);
    EXPECT_NEAR(std::fabs(axes[3]), r, 0.01); // the largest entry is positive: either sign of the other one
    EXPECT_NEAR(std::fabs(axes[4]), r, 0.01);
    EXPECT_GT(std::max(axes[3], axes[4]), 0.0);
    EXPECT_NEAR(axes[0] * axes[0] + axes[1] * axes[1] + axes[2] * axes[2], 1.0, 1e-12);
    EXPECT_NEAR(axes[0] * axes[3] + axes[1] * axes[4] + axes[2] * axes[5], 0.0, 1e-9);
    EXPECT_EQ(principalAxes(z, n, 3, 1).size(), 3u);
    EXPECT_THROW(principalAxes(z, n, 4, 1), Error);
}

TEST(Svm, ALogisticRegressionOnProjectedInputsIsFoldedBackOntoTheFeatures)
{
    std::mt19937 rng(11);
    std::normal_distribution<float> g(0.f, 1.f);
    const int n = 80, dim = 5;
    std::vector<std::vector<float>> x(n, std::vector<float>(dim));
    std::vector<int> y(n);
    for (int i = 0; i < n; ++i) {
        for (int d = 0; d < dim; ++d)
            x[i][std::size_t(d)] = float(d + 1) * g(rng) + 10.f * float(d);
        y[std::size_t(i)] = x[i][0] + 0.5f * x[i][4] - 20.f + g(rng) > 0 ? 1 : 0;
    }
    // Standardise by the samples' own statistics, project dimensions 0..3 on two axes, pass dimension 4 through.
    auto proj = std::make_shared<LinearProjection>();
    for (int d = 0; d < dim; ++d) {
        double s = 0, s2 = 0;
        for (const auto &v : x)
            s += v[std::size_t(d)];
        for (const auto &v : x)
            s2 += (v[std::size_t(d)] - s / n) * (v[std::size_t(d)] - s / n);
        proj->mean.push_back(float(s / n));
        proj->invStd.push_back(float(1 / std::sqrt(s2 / n)));
    }
    proj->p = {0.6, 0.8, 0, 0, 0, /**/ 0, 0, 0.8, -0.6, 0, /**/ 0, 0, 0, 0, 1};
    auto project = [&](const std::vector<float> &v) {
        std::vector<float> u(3);
        for (int k = 0; k < 3; ++k) {
            double t = 0;
            for (int d = 0; d < dim; ++d)
                t += proj->p[std::size_t(k * dim + d)] *
                     double((v[std::size_t(d)] - proj->mean[std::size_t(d)]) * proj->invStd[std::size_t(d)]);
            u[std::size_t(k)] = float(t);
        }
        return u;
    };
    std::vector<std::vector<float>> u;
    for (const auto &v : x)
        u.push_back(project(v));
    SvmParams p;
    p.kind = ClassifierKind::Logistic;
    const SvmModel direct = SvmModel::train(u, y, p, 1);
    p.projection = proj;
    const SvmModel folded = SvmModel::train(x, y, p, 1);
    EXPECT_EQ(folded.dimension(), dim);
    EXPECT_EQ(folded.kind(), ClassifierKind::Logistic);
    double spread = 0;
    for (int t = 0; t < 50; ++t) {
        std::vector<float> v(dim);
        for (int d = 0; d < dim; ++d)
            v[std::size_t(d)] = float(d + 1) * g(rng) + 10.f * float(d);
        const double a = folded.decision(v.data()), b = direct.decision(project(v).data());
        EXPECT_NEAR(a, b, 1e-4 * std::max(1.0, std::fabs(b))) << t;
        EXPECT_NEAR(folded.probability(v.data()), direct.probability(project(v).data()), 1e-5) << t;
        spread = std::max(spread, std::fabs(b));
    }
    EXPECT_GT(spread, 1.0); // the decisions vary: the comparison is not between constants
    // The folded model is an ordinary logistic model: it saves and loads with the same decisions.
    std::stringstream file;
    folded.save(file);
    const SvmModel loaded = SvmModel::load(file);
    EXPECT_EQ(loaded.decision(x[0].data()), folded.decision(x[0].data()));
    // A projection for other samples is refused.
    auto wrong = std::make_shared<LinearProjection>(*proj);
    wrong->mean.pop_back();
    wrong->invStd.pop_back();
    p.projection = wrong;
    EXPECT_THROW(SvmModel::train(x, y, p, 1), Error);
}

TEST(Svm, OneClassOrNoSamplesIsTooFewLabels)
{
    for (const std::vector<int> &y : {std::vector<int>{1, 1, 1}, std::vector<int>{0, 0, 0}}) {
        try {
            SvmModel::train({{0.f}, {1.f}, {2.f}}, y, SvmParams{}, 1);
            FAIL() << "a single class must be rejected";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::TooFewLabels);
        }
    }
    try {
        SvmModel::train({}, {}, SvmParams{}, 1);
        FAIL() << "no samples must be rejected";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::TooFewLabels);
    }
}

TEST(Svm, MalformedInputIsBadParameter)
{
    auto expectBad = [](const std::vector<std::vector<float>> &x, const std::vector<int> &y,
                        const std::vector<int> &g) {
        try {
            SvmModel::train(x, y, SvmParams{}, 1, g);
            ADD_FAILURE() << "accepted";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadParameter) << e.what();
        }
    };
    expectBad({{0.f}, {1.f, 2.f}}, {0, 1}, {});             // ragged
    expectBad({{0.f}, {std::nanf("")}}, {0, 1}, {});        // NaN
    expectBad({{0.f}, {1.f}}, {0, 2}, {});                  // label 2
    expectBad({{0.f}, {1.f}}, {0, 1, 1}, {});               // label count
    expectBad({{0.f}, {1.f}, {2.f}}, {0, 1, 1}, {7, 7, 8}); // group mixing classes
}

TEST(Svm, TooFewForInnerSearchFallsBackToDefaultsWithWarning)
{
    const SvmModel m = SvmModel::train({{0.f, 0.f}, {4.f, 4.f}}, {0, 1}, SvmParams{}, 1);
    EXPECT_EQ(m.c(), 1.0);
    EXPECT_EQ(m.gamma(), 0.5); // 1 / dimension
    EXPECT_EQ(m.innerAccuracy(), -1.0);
    ASSERT_FALSE(m.warnings().empty());
    const float pos[2] = {4.f, 4.f}, neg[2] = {0.f, 0.f};
    EXPECT_GT(m.decision(pos), 0.0);
    EXPECT_LT(m.decision(neg), 0.0);
    EXPECT_GT(m.probability(pos), m.probability(neg));
}

TEST(Svm, GroupsAreNeverSplitAndCalibrateOnGroupMeans)
{
    // 8 groups of 3 samples each; the class is in the first feature.
    std::vector<std::vector<float>> x;
    std::vector<int> y, g;
    std::mt19937 rng(3);
    std::normal_distribution<float> n(0.f, 0.3f);
    for (int group = 0; group < 8; ++group)
        for (int s = 0; s < 3; ++s) {
            const int label = group % 2;
            x.push_back({float(label) * 3.f + n(rng), n(rng)});
            y.push_back(label);
            g.push_back(100 + group);
        }
    const SvmModel m = SvmModel::train(x, y, SvmParams{}, 4, g);
    EXPECT_DOUBLE_EQ(m.innerAccuracy(), 1.0);
    for (std::size_t i = 0; i < x.size(); ++i)
        EXPECT_EQ(m.decision(x[i].data()) > 0, y[i] == 1);
    EXPECT_GT(m.probabilityOfDecision(1.0), m.probabilityOfDecision(-1.0));
}

TEST(Svm, ParallelForRunsEveryItemAndStopsOnCancelOrError)
{
    std::vector<std::atomic<int>> hits(100);
    parallelFor(100, 2, nullptr, [&](int i) { hits[std::size_t(i)]++; });
    for (auto &h : hits)
        EXPECT_EQ(h.load(), 1);

    Feedback feedback;
    feedback.cancel();
    EXPECT_THROW(parallelFor(10, 2, &feedback, [](int) {}), Canceled);
    EXPECT_THROW(parallelFor(10, 2, nullptr,
                             [](int i) {
                                 if (i == 3)
                                     throw Error(ErrorCode::Internal, "boom");
                             }),
                 Error);
}
