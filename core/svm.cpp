// The classifier on dlib: standardisation; an RBF support vector machine (inner grid search over C and gamma on a
// precomputed distance matrix, Platt scaling) or a logistic regression (dlib's L-BFGS); SIMD
// batch prediction and the binary model format.
#include "svm.h"

#include "error.h"
#include "feedback.h"

#include <dlib/optimization.h>
#include <dlib/svm.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <istream>
#include <limits>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

namespace lodestone {

namespace {

constexpr int kTile = 8;  // support vectors per pass of the distance kernel
constexpr int kLanes = 8; // samples per register in the distance kernel

} // namespace

std::vector<double> svmSearchGridC()
{
    std::vector<double> v;
    for (int e = -5; e <= 15; e += 2)
        v.push_back(std::ldexp(1.0, e));
    return v;
}

std::vector<double> svmSearchGridGamma()
{
    std::vector<double> v;
    for (int e = -15; e <= 3; e += 2)
        v.push_back(std::ldexp(1.0, e));
    return v;
}

void SvmModel::buildTranspose()
{
    const int stride = (m_s.nsv + kTile - 1) / kTile * kTile; // padded with zero vectors, never summed
    m_s.svT.assign(std::size_t(m_s.dim) * stride, 0.f);
    for (int j = 0; j < m_s.nsv; ++j)
        for (int d = 0; d < m_s.dim; ++d)
            m_s.svT[std::size_t(d) * stride + j] = m_s.sv[std::size_t(j) * m_s.dim + d];
}

namespace {

[[noreturn]] void throwUntrained()
{
    throw Error(ErrorCode::BadModel, "The SVM model is empty: it was neither trained nor loaded.");
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Prediction: standardise in float, squared distances accumulated in float over the features in order, exp and
// the sum over support vectors in double. decision() runs the same code on one sample.

double SvmModel::decision(const float *x) const
{
    // One sample through the batch path, so that both give bit-identical values whatever instruction set
    // (and fused multiply-adds) the run-time dispatch picks.
    std::vector<const float *> columns(std::size_t(std::max(m_s.dim, 0)));
    for (int d = 0; d < m_s.dim; ++d)
        columns[std::size_t(d)] = x + d;
    double out = 0;
    decisions(columns.data(), 1, &out);
    return out;
}

bool SvmModel::linearForm(std::vector<double> &weights, double &offset) const
{
    if (!isTrained())
        throwUntrained();
    const State &m = m_s;
    if (m.kind != ClassifierKind::Logistic)
        return false;
    // decisions(): sum_d w_d (x_d - mean_d) invStd_d - bias
    weights.assign(std::size_t(m.dim), 0.0);
    offset = -m.bias;
    for (int d = 0; d < m.dim; ++d) {
        weights[std::size_t(d)] = double(m.sv[std::size_t(d)]) * double(m.invStd[std::size_t(d)]);
        offset -= weights[std::size_t(d)] * double(m.mean[std::size_t(d)]);
    }
    return true;
}

double SvmModel::probabilityOfDecision(double decision) const
{
    if (!isTrained())
        throwUntrained();
    return 1.0 / (1.0 + std::exp(m_s.plattA * decision + m_s.plattB));
}

double SvmModel::probability(const float *x) const
{
    return probabilityOfDecision(decision(x));
}

namespace {

// Squared distances of standardised samples p < n (z: dim rows of chunk floats, chunk and the rows padded to a
// multiple of kLanes) to the kTile support vectors from j0 on (svT: dim rows of svStride floats), into dist
// (kTile rows of chunk floats). Register-blocked: kLanes samples x kTile vectors accumulate in registers over
// all features, in feature order. Compiled for x86-64-v3 (AVX2, FMA) and baseline x86-64 and chosen at run
// time. decision() runs the same code on one sample, and every sample goes through the same vector
// instructions (lanes are padded, no scalar remainder), so single and batch values agree exactly.
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
void tileDistances(const float *__restrict z, int dim, int n, int chunk, const float *__restrict svT, int svStride,
                   int j0, float *__restrict dist)
{
    for (int p0 = 0; p0 < n; p0 += kLanes) {
        Lanes acc[kTile] = {};
        for (int d = 0; d < dim; ++d) {
            Lanes zv;
            std::memcpy(&zv, z + std::size_t(d) * chunk + p0, sizeof zv);
            const float *s = svT + std::size_t(d) * svStride + j0;
            for (int j = 0; j < kTile; ++j) {
                const Lanes t = zv - s[j];
                acc[j] += t * t;
            }
        }
        for (int j = 0; j < kTile; ++j)
            std::memcpy(dist + std::size_t(j) * chunk + p0, &acc[j], sizeof acc[j]);
    }
}

// acc[p] += a * exp(negGamma * dist[p]) for p < n (a multiple of kLanes, so that the vectorised loop has no
// scalar remainder), exp in double and branch-free so that it vectorises (4 lanes with AVX2): k = round(x / ln2) by
// the 1.5 * 2^52 trick, which also leaves k in the low bits for building 2^k; r = x - k ln2 (Cody-Waite split), e^r by
// its degree-12 Taylor polynomial (|r| <= ln2/2, error < 1e-15). no-trapping-math only lets the clamp become a vector
// max.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default"), optimize("no-trapping-math")))
#endif
void accumulateKernel(const float *__restrict dist, int n, double negGamma, double a, double *__restrict acc)
{
    const double magic = 6755399441055744.0;
    std::int64_t magicBits;
    std::memcpy(&magicBits, &magic, sizeof magic);
    for (int p = 0; p < n; ++p) {
        double x = negGamma * double(dist[p]);
        x = x < -708.0 ? -708.0 : x; // keeps 2^k a normal number; exp(-708) is 3e-308
        const double y = x * 1.4426950408889634 + magic;
        const double k = y - magic;
        std::int64_t yBits;
        std::memcpy(&yBits, &y, sizeof y);
        const double r = (x - k * 0.693145751953125) - k * 1.42860682030941723212e-6;
        double e = 1.0 / 479001600.0;
        for (double c : {1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0,
                         1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0})
            e = e * r + c;
        const std::int64_t bits = (yBits - magicBits + 1023) << 52;
        double scale;
        std::memcpy(&scale, &bits, sizeof scale);
        acc[p] += a * (e * scale);
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
void standardiseChunk(const float *__restrict col, int n, float mean, float invStd, float *__restrict out)
{
    for (int p = 0; p < n; ++p)
        out[p] = (col[p] - mean) * invStd;
}

} // namespace

void SvmModel::decisions(const float *const *columns, std::size_t count, double *out) const
{
    if (!isTrained())
        throwUntrained();
    const State &m = m_s;
    // Samples per chunk: the standardised chunk (dim x chunk floats) stays in cache; a multiple of kLanes.
    const std::size_t wanted = std::size_t(std::clamp(32768 / std::max(m.dim, 1), 32, 512));
    const int chunk = int((std::min(wanted, std::max<std::size_t>(count, 1)) + kLanes - 1) / kLanes * kLanes);
    const int svStride = (m.nsv + kTile - 1) / kTile * kTile;
    std::vector<float> z(std::size_t(m.dim) * chunk, 0.f);
    std::vector<float> dist(std::size_t(kTile) * chunk);
    std::vector<double> acc(static_cast<std::size_t>(chunk));
    for (std::size_t start = 0; start < count; start += std::size_t(chunk)) {
        const int n = int(std::min<std::size_t>(std::size_t(chunk), count - start));
        const int lanes = (n + kLanes - 1) / kLanes * kLanes;
        for (int d = 0; d < m.dim; ++d) {
            float *row = z.data() + std::size_t(d) * chunk;
            standardiseChunk(columns[d] + start, n, m.mean[d], m.invStd[d], row);
            std::fill(row + n, row + chunk, 0.f); // padding lanes: computed, never returned
        }
        std::fill(acc.begin(), acc.end(), 0.0);
        if (m.kind == ClassifierKind::Logistic) {
            for (int d = 0; d < m.dim; ++d) {
                const double w = m.sv[std::size_t(d)];
                const float *row = z.data() + std::size_t(d) * chunk;
                for (int p = 0; p < n; ++p)
                    acc[std::size_t(p)] += w * double(row[p]);
            }
            for (int p = 0; p < n; ++p)
                out[start + std::size_t(p)] = acc[std::size_t(p)] - m.bias;
            continue;
        }
        for (int j0 = 0; j0 < m.nsv; j0 += kTile) {
            tileDistances(z.data(), m.dim, n, chunk, m.svT.data(), svStride, j0, dist.data());
            for (int j = 0; j < std::min(kTile, m.nsv - j0); ++j)
                accumulateKernel(dist.data() + std::size_t(j) * chunk, lanes, -m.gamma, m.alpha[j0 + j], acc.data());
        }
        for (int p = 0; p < n; ++p)
            out[start + std::size_t(p)] = acc[p] - m.bias;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Training

namespace {

constexpr int kMaxDistanceMatrix = 4096; // samples; the matrix then takes 64 MiB
constexpr int kMaxSearchSamples = 1000;  // samples of the inner grid search (its 330 fits dominate the time)

/** Standardised training samples and, when affordable, their pairwise squared distances. */
struct TrainingData {
    int n = 0, dim = 0;
    std::vector<float> z;  // n x dim
    std::vector<float> d2; // n x n, empty when too large (over kMaxDistanceMatrix samples)

    double distance(long a, long b) const
    {
        if (!d2.empty())
            return d2[std::size_t(a) * std::size_t(n) + std::size_t(b)];
        const float *za = z.data() + std::size_t(a) * dim;
        const float *zb = z.data() + std::size_t(b) * dim;
        double s = 0;
        for (int d = 0; d < dim; ++d) {
            const double t = double(za[d]) - double(zb[d]);
            s += t * t;
        }
        return s;
    }
};

/** RBF kernel over sample indices, reading precomputed squared distances: every C and gamma of the search
 *  reuses one distance matrix. */
struct IndexRbfKernel {
    typedef double scalar_type;
    typedef long sample_type;
    typedef dlib::default_memory_manager mem_manager_type;

    const TrainingData *data = nullptr;
    double gamma = 1;
    const Feedback *feedback = nullptr; ///< polled on every evaluation: dlib's solver has no cancel of its own

    double operator()(const long &a, const long &b) const
    {
        // Every step of dlib's solver and of a decision evaluates the kernel, so a canceled run stops within one
        // kernel evaluation (an atomic load is small beside the distance and the exp).
        checkCanceled(feedback);
        return std::exp(-gamma * data->distance(a, b));
    }
    bool operator==(const IndexRbfKernel &o) const { return data == o.data && gamma == o.gamma; }
};

using IndexDecisionFunction = dlib::decision_function<IndexRbfKernel>;

struct Problem {
    const TrainingData *data = nullptr;
    std::vector<int> label;      // 0/1 per sample
    std::vector<int> group;      // dense group index per sample
    std::vector<int> groupLabel; // per group
    std::vector<int> groupSize;  // per group
    bool balance = true;
    double samplesPerGroup = 1; // C is per group: each sample gets C / samplesPerGroup
    const Feedback *feedback = nullptr;
};

void fillDistances(TrainingData &data, Feedback *feedback)
{
    const int n = data.n;
    if (n > kMaxDistanceMatrix)
        return;
    std::vector<float> d2(std::size_t(n) * n, 0.f); // filled before data.distance() starts reading it
    for (int a = 0; a < n; ++a) {
        checkCanceled(feedback);
        for (int b = a + 1; b < n; ++b)
            d2[std::size_t(a) * n + b] = d2[std::size_t(b) * n + a] = float(data.distance(a, b));
    }
    data.d2 = std::move(d2);
}

/** The samples of the groups that keepGroup marks (by dense group index of pb) as a problem of their own, on sub
 *  (filled here). */
Problem subsetProblem(const Problem &pb, const TrainingData &data, const std::vector<char> &keepGroup,
                      TrainingData &sub, Feedback *feedback)
{
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < pb.label.size(); ++i)
        if (keepGroup[std::size_t(pb.group[i])])
            idx.push_back(i);
    sub.n = int(idx.size());
    sub.dim = data.dim;
    sub.z.resize(idx.size() * std::size_t(data.dim));
    for (std::size_t k = 0; k < idx.size(); ++k)
        std::copy_n(data.z.data() + idx[k] * std::size_t(data.dim), data.dim, sub.z.data() + k * std::size_t(data.dim));
    fillDistances(sub, feedback);
    Problem s;
    s.data = &sub;
    s.balance = pb.balance;
    s.feedback = pb.feedback;
    std::map<int, int> denseOf;
    for (std::size_t i : idx) {
        const int g = pb.group[i];
        const auto [it, added] = denseOf.emplace(g, int(s.groupLabel.size()));
        if (added) {
            s.groupLabel.push_back(pb.groupLabel[std::size_t(g)]);
            s.groupSize.push_back(0);
        }
        s.label.push_back(pb.label[i]);
        s.group.push_back(it->second);
        s.groupSize[std::size_t(it->second)]++;
    }
    s.samplesPerGroup = double(sub.n) / double(s.groupLabel.size());
    return s;
}

/** C of the deposit and non-deposit samples: C per group spread over its samples, and with balanced class weights
 *  scaled by n / (2 n_class), so that both classes weigh the same. */
std::pair<double, double> classCosts(const Problem &pb, double c, long npos, long nneg)
{
    c /= pb.samplesPerGroup;
    if (!pb.balance || npos <= 0 || nneg <= 0)
        return {c, c};
    const double n = double(npos + nneg);
    return {c * n / (2.0 * double(npos)), c * n / (2.0 * double(nneg))};
}

IndexDecisionFunction trainIndices(const Problem &pb, const std::vector<long> &idx, double c, double gamma)
{
    std::vector<double> y(idx.size());
    long npos = 0;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        const bool pos = pb.label[std::size_t(idx[i])] == 1;
        y[i] = pos ? 1.0 : -1.0;
        npos += pos;
    }
    const auto [cpos, cneg] = classCosts(pb, c, npos, long(idx.size()) - npos);
    IndexRbfKernel kernel;
    kernel.data = pb.data;
    kernel.gamma = gamma;
    kernel.feedback = pb.feedback;
    dlib::svm_c_trainer<IndexRbfKernel> trainer;
    trainer.set_kernel(kernel);
    trainer.set_c_class1(cpos);
    trainer.set_c_class2(cneg);
    trainer.set_cache_size(long(std::min<std::size_t>(idx.size(), 2000)));
    return trainer.train(idx, y);
}

double decisionOf(const Problem &pb, const IndexDecisionFunction &df, long sample)
{
    double s = 0;
    for (long j = 0; j < df.alpha.size(); ++j)
        s += df.alpha(j) * df.kernel_function(sample, df.basis_vectors(j));
    return s - df.b;
}

struct Candidate {
    double c = 0, gamma = 0;
    double accuracy = 0, hinge = 0;
    std::vector<double> groupDecision; // held-out mean decision per group
};

/** Held-out group decisions of one (C, gamma) over the inner folds. */
void evaluate(const Problem &pb, const std::vector<int> &groupFold, int folds, Candidate &cand)
{
    const std::size_t groups = pb.groupLabel.size();
    std::vector<double> sum(groups, 0.0);
    for (int f = 0; f < folds; ++f) {
        std::vector<long> train, test;
        for (std::size_t i = 0; i < pb.label.size(); ++i)
            (groupFold[std::size_t(pb.group[i])] == f ? test : train).push_back(long(i));
        if (test.empty())
            continue;
        const IndexDecisionFunction df = trainIndices(pb, train, cand.c, cand.gamma);
        for (long t : test)
            sum[std::size_t(pb.group[t])] += decisionOf(pb, df, t);
    }
    cand.groupDecision.resize(groups);
    long correct = 0;
    double hinge = 0;
    for (std::size_t g = 0; g < groups; ++g) {
        const double d = sum[g] / double(pb.groupSize[g]);
        cand.groupDecision[g] = d;
        const double y = pb.groupLabel[g] == 1 ? 1.0 : -1.0;
        correct += (d > 0) == (y > 0);
        hinge += std::max(0.0, 1.0 - y * d);
    }
    cand.accuracy = double(correct) / double(groups);
    cand.hinge = hinge / double(groups);
}

std::pair<double, double> plattFit(const std::vector<double> &scores, const std::vector<int> &labels,
                                   std::vector<std::string> &warnings)
{
    std::vector<double> y(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        y[i] = labels[i] == 1 ? 1.0 : -1.0;
    try {
        const std::pair<double, double> ab = dlib::learn_platt_scaling(scores, y);
        if (std::isfinite(ab.first) && std::isfinite(ab.second)) {
            if (ab.first > 0)
                warnings.push_back("Held-out SVM decisions ran against the labels, so the deposit probability "
                                   "falls as the decision value rises; the probability map is unreliable.");
            return ab;
        }
    } catch (const std::exception &) {
    }
    warnings.push_back("Platt scaling of the SVM failed; the probability is a plain sigmoid of the decision value.");
    return {-1.0, 0.0};
}

void validateTrainingInput(const std::vector<std::vector<float>> &x, const std::vector<int> &y,
                           const std::vector<int> &groups, const SvmParams &p)
{
    if (x.empty())
        throw Error(ErrorCode::TooFewLabels, "The SVM has no training samples.");
    if (y.size() != x.size())
        throw Error(ErrorCode::BadParameter, "The SVM was given " + std::to_string(x.size()) + " samples but " +
                                                 std::to_string(y.size()) + " labels.");
    if (!groups.empty() && groups.size() != x.size())
        throw Error(ErrorCode::BadParameter, "The SVM was given " + std::to_string(x.size()) + " samples but " +
                                                 std::to_string(groups.size()) + " group ids.");
    const std::size_t dim = x.front().size();
    if (dim == 0)
        throw Error(ErrorCode::BadParameter, "The SVM samples have no features.");
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].size() != dim)
            throw Error(ErrorCode::BadParameter, "SVM sample " + std::to_string(i) + " has " +
                                                     std::to_string(x[i].size()) + " features instead of " +
                                                     std::to_string(dim) + ".");
        for (float v : x[i])
            if (!std::isfinite(v))
                throw Error(ErrorCode::BadParameter,
                            "SVM sample " + std::to_string(i) + " has a missing (NaN) or infinite feature value.");
        if (y[i] != 0 && y[i] != 1)
            throw Error(ErrorCode::BadParameter, "SVM labels must be 0 (non-deposit) or 1 (deposit); sample " +
                                                     std::to_string(i) + " has " + std::to_string(y[i]) + ".");
    }
    if (p.c < 0 || p.gamma < 0 || !std::isfinite(p.c) || !std::isfinite(p.gamma))
        throw Error(ErrorCode::BadParameter, "SVM C and gamma must be positive (or 0 to choose them).");
    if (p.innerFolds < 2)
        throw Error(ErrorCode::BadParameter, "The inner cross-validation of the SVM needs at least 2 folds; " +
                                                 std::to_string(p.innerFolds) + " were asked for.");
}

/** L2-regularised logistic regression on the standardised samples (see SvmParams in svm.h), minimised by dlib's
 *  L-BFGS (each step O(samples x features), so patch-wise modes with thousands of features stay cheap) to a
 *  gradient norm below 1e-9 of the loss's scale. Returns the weights followed by the intercept. */
std::vector<double> trainLogistic(const Problem &pb, const TrainingData &data, double c, Feedback *feedback)
{
    using Vector = dlib::matrix<double, 0, 1>;
    const int n = data.n, dim = data.dim;
    long npos = 0;
    for (int l : pb.label)
        npos += l == 1;
    // Named variables, not a structured binding: the loss lambda below captures them, which C++17 does not allow
    // for structured bindings.
    const std::pair<double, double> costs = classCosts(pb, c, npos, long(n) - npos);
    const double cpos = costs.first, cneg = costs.second;
    // Loss and gradient in one pass; L-BFGS asks for both at each point it tries.
    auto evaluate = [&](const Vector &th, Vector *grad) {
        double l = 0;
        if (grad) {
            *grad = th;
            (*grad)(dim) = 0; // the intercept is not penalised
        }
        for (int d = 0; d < dim; ++d)
            l += 0.5 * th(d) * th(d);
        for (int i = 0; i < n; ++i) {
            if ((i & 1023) == 1023)
                checkCanceled(feedback);
            const bool pos = pb.label[std::size_t(i)] == 1;
            const double y = pos ? 1.0 : -1.0, w = pos ? cpos : cneg;
            const float *z = data.z.data() + std::size_t(i) * dim;
            double f = th(dim);
            for (int d = 0; d < dim; ++d)
                f += th(d) * double(z[d]);
            const double m = y * f;
            l += w * (m > 0 ? std::log1p(std::exp(-m)) : -m + std::log1p(std::exp(m)));
            if (grad) {
                const double g = -w * y / (1.0 + std::exp(m)); // d loss / d f
                for (int d = 0; d < dim; ++d)
                    (*grad)(d) += g * double(z[d]);
                (*grad)(dim) += g;
            }
        }
        return l;
    };
    Vector theta = dlib::zeros_matrix<double>(dim + 1, 1);
    const double scale = std::max(1.0, c / pb.samplesPerGroup * double(n));
    checkCanceled(feedback);
    dlib::find_min(
        dlib::lbfgs_search_strategy(10), dlib::gradient_norm_stop_strategy(1e-9 * scale, 5000),
        [&](const Vector &th) { return evaluate(th, nullptr); },
        [&](const Vector &th) {
            Vector g;
            evaluate(th, &g);
            return g;
        },
        theta, -std::numeric_limits<double>::infinity());
    return std::vector<double>(theta.begin(), theta.end());
}

} // namespace

std::string classifierKindName(ClassifierKind kind)
{
    return kind == ClassifierKind::Logistic ? "logistic" : "svm";
}

bool parseClassifierKind(const std::string &name, ClassifierKind &kind)
{
    if (name == "svm")
        kind = ClassifierKind::RbfSvm;
    else if (name == "logistic")
        kind = ClassifierKind::Logistic;
    else
        return false;
    return true;
}

std::vector<double> principalAxes(const std::vector<float> &z, int n, int dim, int components)
{
    if (n < 1 || dim < 1 || z.size() != std::size_t(n) * std::size_t(dim) || components < 0)
        throw Error(ErrorCode::BadParameter, "principalAxes: malformed samples.");
    dlib::matrix<double> cov = dlib::zeros_matrix<double>(dim, dim);
    std::vector<double> mean(std::size_t(dim), 0.0);
    for (int i = 0; i < n; ++i)
        for (int d = 0; d < dim; ++d)
            mean[std::size_t(d)] += z[std::size_t(i) * std::size_t(dim) + std::size_t(d)];
    for (double &v : mean)
        v /= n;
    for (int i = 0; i < n; ++i) {
        const float *row = z.data() + std::size_t(i) * std::size_t(dim);
        for (int a = 0; a < dim; ++a) {
            const double da = row[a] - mean[std::size_t(a)];
            for (int b = a; b < dim; ++b)
                cov(a, b) += da * (row[b] - mean[std::size_t(b)]);
        }
    }
    for (int a = 0; a < dim; ++a)
        for (int b = a; b < dim; ++b)
            cov(b, a) = cov(a, b) /= n;
    const dlib::eigenvalue_decomposition<dlib::matrix<double>> eig(dlib::make_symmetric(cov));
    const dlib::matrix<double, 0, 1> values = eig.get_real_eigenvalues();
    const dlib::matrix<double> vectors = eig.get_pseudo_v();
    std::vector<int> order(static_cast<std::size_t>(dim));
    for (int d = 0; d < dim; ++d)
        order[std::size_t(d)] = d;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return values(a) > values(b); });
    const double largest = dim > 0 ? std::max(values(order[0]), 0.0) : 0.0;
    std::vector<double> axes;
    for (int k = 0; k < std::min(components, dim); ++k) {
        const int j = order[std::size_t(k)];
        if (!(values(j) > 1e-9 * largest) || largest <= 0)
            break; // the remaining directions do not vary
        int at = 0;
        for (int d = 1; d < dim; ++d)
            if (std::fabs(vectors(d, j)) > std::fabs(vectors(at, j)))
                at = d;
        const double sign = vectors(at, j) < 0 ? -1.0 : 1.0;
        double norm = 0;
        for (int d = 0; d < dim; ++d)
            norm += vectors(d, j) * vectors(d, j);
        norm = std::sqrt(norm);
        for (int d = 0; d < dim; ++d)
            axes.push_back(sign * vectors(d, j) / norm);
    }
    return axes;
}

SvmModel SvmModel::trainProjected(const std::vector<std::vector<float>> &x, const std::vector<int> &y,
                                  const SvmParams &params, std::uint64_t seed, const std::vector<int> &groups,
                                  Feedback *feedback)
{
    const LinearProjection &proj = *params.projection;
    const int dim = int(x.front().size()), rows = proj.rows();
    if (proj.dim() != dim || int(proj.invStd.size()) != dim || rows < 1 ||
        proj.p.size() != std::size_t(rows) * std::size_t(dim))
        throw Error(ErrorCode::BadParameter, "The projection of the classifier's inputs expects " +
                                                 std::to_string(proj.dim()) + " features; the samples have " +
                                                 std::to_string(dim) + ".");
    std::vector<std::vector<float>> u(x.size(), std::vector<float>(std::size_t(rows)));
    std::vector<double> z(static_cast<std::size_t>(dim));
    for (std::size_t i = 0; i < x.size(); ++i) {
        for (int d = 0; d < dim; ++d) // in float, as decisions() standardises
            z[std::size_t(d)] = (x[i][std::size_t(d)] - proj.mean[std::size_t(d)]) * proj.invStd[std::size_t(d)];
        for (int k = 0; k < rows; ++k) {
            double v = 0;
            for (int d = 0; d < dim; ++d)
                v += proj.p[std::size_t(k) * std::size_t(dim) + std::size_t(d)] * z[std::size_t(d)];
            u[i][std::size_t(k)] = float(v);
        }
    }
    SvmParams inner = params;
    inner.projection = nullptr;
    const SvmModel fitted = train(u, y, inner, seed, groups, feedback);
    // decision = sum_k w_k (u_k - meanU_k) invStdU_k - b, with u = P z: weights on z and the bias folded.
    const State &f = fitted.m_s;
    SvmModel model;
    State &m = model.m_s;
    m = f;
    m.dim = dim;
    m.mean = proj.mean;
    m.invStd = proj.invStd;
    std::vector<double> w(std::size_t(dim), 0.0);
    double bias = f.bias;
    for (int k = 0; k < rows; ++k) {
        const double a = double(f.sv[std::size_t(k)]) * double(f.invStd[std::size_t(k)]);
        bias += a * double(f.mean[std::size_t(k)]);
        for (int d = 0; d < dim; ++d)
            w[std::size_t(d)] += a * proj.p[std::size_t(k) * std::size_t(dim) + std::size_t(d)];
    }
    m.sv.assign(w.begin(), w.end());
    m.bias = bias;
    model.buildTranspose();
    return model;
}

SvmModel SvmModel::train(const std::vector<std::vector<float>> &x, const std::vector<int> &y, const SvmParams &params,
                         std::uint64_t seed, const std::vector<int> &groups, Feedback *feedback)
{
    validateTrainingInput(x, y, groups, params);
    if (params.projection && params.kind == ClassifierKind::Logistic)
        return trainProjected(x, y, params, seed, groups, feedback);
    SvmModel model;
    State &m = model.m_s;
    const int n = int(x.size());
    m.dim = int(x.front().size());

    // Groups: dense ids in order of first appearance, one label each.
    Problem pb;
    pb.label = y;
    pb.balance = params.balanceClassWeights;
    pb.feedback = feedback;
    pb.group.resize(std::size_t(n));
    std::map<int, int> denseOf; // group id -> dense index in order of first appearance
    for (int i = 0; i < n; ++i) {
        const auto [it, added] = denseOf.emplace(groups.empty() ? i : groups[i], int(pb.groupLabel.size()));
        if (added) {
            pb.groupLabel.push_back(y[i]);
            pb.groupSize.push_back(0);
        } else if (pb.groupLabel[it->second] != y[i]) {
            throw Error(ErrorCode::BadParameter,
                        "SVM group " + std::to_string(it->first) + " mixes deposit and non-deposit samples.");
        }
        pb.group[i] = it->second;
        pb.groupSize[it->second]++;
    }
    pb.samplesPerGroup = double(n) / double(pb.groupLabel.size());
    const int groupsPos = int(std::count(pb.groupLabel.begin(), pb.groupLabel.end(), 1));
    const int groupsNeg = int(pb.groupLabel.size()) - groupsPos;
    if (groupsPos < 1 || groupsNeg < 1)
        throw Error(ErrorCode::TooFewLabels, "The SVM needs deposit and non-deposit examples; it was given " +
                                                 std::to_string(groupsPos) + " deposit and " +
                                                 std::to_string(groupsNeg) + " non-deposit.");

    // Standardisation (population standard deviation; constant features get weight 0).
    m.mean.assign(std::size_t(m.dim), 0.f);
    m.invStd.assign(std::size_t(m.dim), 0.f);
    for (int d = 0; d < m.dim; ++d) {
        double s = 0, s2 = 0;
        for (int i = 0; i < n; ++i)
            s += x[i][d];
        const double mu = s / n;
        for (int i = 0; i < n; ++i) {
            const double t = x[i][d] - mu;
            s2 += t * t;
        }
        const double sd = std::sqrt(s2 / n);
        m.mean[d] = float(mu);
        m.invStd[d] = sd > 1e-12 * std::max(1.0, std::fabs(mu)) ? float(1.0 / sd) : 0.f;
    }
    TrainingData data;
    data.n = n;
    data.dim = m.dim;
    data.z.resize(std::size_t(n) * m.dim);
    for (int i = 0; i < n; ++i)
        for (int d = 0; d < m.dim; ++d)
            data.z[std::size_t(i) * m.dim + d] = (x[i][d] - m.mean[d]) * m.invStd[d];
    if (params.kind == ClassifierKind::Logistic) {
        // One convex fit on every sample: no search, no held-out calibration (the sigmoid is the model's own).
        m.kind = ClassifierKind::Logistic;
        m.c = params.c > 0 ? params.c : 1.0;
        m.gamma = 0;
        const std::vector<double> theta = trainLogistic(pb, data, m.c, feedback);
        m.nsv = 1;
        m.alpha = {1.0};
        m.sv.assign(theta.begin(), theta.begin() + m.dim);
        m.bias = -theta[std::size_t(m.dim)];
        m.plattA = -1;
        m.plattB = 0;
        model.buildTranspose();
        return model;
    }
    fillDistances(data, feedback);
    pb.data = &data;

    // The inner grid search runs on at most kMaxSearchSamples samples: every group of a class with few of them, a
    // seeded random choice of the groups of a class with many. Its 110 grid points x inner folds dominate the time
    // of training, which would otherwise grow with the square of the samples or faster.
    TrainingData searchData;
    Problem searchSubset;
    const Problem *search = &pb;
    if (n > kMaxSearchSamples) {
        const int perClass = std::max(2, int(double(kMaxSearchSamples) / (2.0 * pb.samplesPerGroup)));
        std::vector<char> keep(pb.groupLabel.size(), 0);
        for (int label = 0; label <= 1; ++label) {
            std::vector<std::size_t> members;
            for (std::size_t g = 0; g < pb.groupLabel.size(); ++g)
                if (pb.groupLabel[g] == label)
                    members.push_back(g);
            const std::vector<int> order = seededPermutation(int(members.size()), deriveSeed(seed, 50 + label));
            for (std::size_t k = 0; k < members.size() && int(k) < perClass; ++k)
                keep[members[std::size_t(order[k])]] = 1;
        }
        searchSubset = subsetProblem(pb, data, keep, searchData, feedback);
        search = &searchSubset;
    }
    const int searchPos = int(std::count(search->groupLabel.begin(), search->groupLabel.end(), 1));
    const int searchNeg = int(search->groupLabel.size()) - searchPos;

    // Inner folds over groups.
    const int innerK = std::min({params.innerFolds, searchPos, searchNeg});
    std::vector<Candidate> cands;
    const std::vector<double> cGrid = params.c > 0 ? std::vector<double>{params.c} : svmSearchGridC();
    const std::vector<double> gGrid = params.gamma > 0 ? std::vector<double>{params.gamma} : svmSearchGridGamma();
    bool haveHeldOut = false;
    std::size_t best = 0;
    if (innerK >= 2) {
        const std::vector<int> groupFold = stratifiedFolds(search->groupLabel, innerK, seed);
        for (double c : cGrid)
            for (double g : gGrid) {
                Candidate cand;
                cand.c = c;
                cand.gamma = g;
                cands.push_back(cand);
            }
        parallelFor(int(cands.size()), params.threads, feedback,
                    [&](int i) { evaluate(*search, groupFold, innerK, cands[std::size_t(i)]); });
        for (std::size_t i = 1; i < cands.size(); ++i) {
            const double da = cands[i].accuracy - cands[best].accuracy;
            if (da > 1e-12 || (da > -1e-12 && cands[i].hinge < cands[best].hinge - 1e-12))
                best = i;
        }
        m.c = cands[best].c;
        m.gamma = cands[best].gamma;
        m.innerAccuracy = cands[best].accuracy;
        haveHeldOut = true;
    } else {
        m.c = params.c > 0 ? params.c : 1.0;
        m.gamma = params.gamma > 0 ? params.gamma : 1.0 / m.dim;
        if (params.c <= 0 || params.gamma <= 0)
            m.warnings.push_back("Too few labelled positions for an inner cross-validation (" +
                                 std::to_string(groupsPos) + " deposit, " + std::to_string(groupsNeg) +
                                 " non-deposit): the SVM used C = 1 and gamma = 1/features instead of a search.");
    }
    checkCanceled(feedback);

    // Final machine on all samples.
    std::vector<long> all(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        all[i] = i;
    const IndexDecisionFunction df = trainIndices(pb, all, m.c, m.gamma);
    m.nsv = int(df.alpha.size());
    m.alpha.resize(std::size_t(m.nsv));
    m.sv.resize(std::size_t(m.nsv) * m.dim);
    for (int j = 0; j < m.nsv; ++j) {
        m.alpha[j] = df.alpha(j);
        const long s = df.basis_vectors(j);
        std::copy_n(data.z.data() + std::size_t(s) * m.dim, m.dim, m.sv.data() + std::size_t(j) * m.dim);
    }
    m.bias = df.b;
    model.buildTranspose();

    // Platt sigmoid on held-out group decisions (or in-sample ones when there was no inner CV).
    std::vector<double> scores;
    if (haveHeldOut) {
        scores = cands[best].groupDecision;
    } else {
        scores.assign(pb.groupLabel.size(), 0.0);
        for (int i = 0; i < n; ++i)
            scores[std::size_t(pb.group[i])] += decisionOf(pb, df, i);
        for (std::size_t g = 0; g < scores.size(); ++g)
            scores[g] /= pb.groupSize[g];
        m.warnings.push_back("The SVM probability was calibrated on its own training data (too few positions "
                             "for held-out calibration), so it is overconfident.");
    }
    const auto ab = plattFit(scores, haveHeldOut ? search->groupLabel : pb.groupLabel, m.warnings);
    m.plattA = ab.first;
    m.plattB = ab.second;
    return model;
}

// ---------------------------------------------------------------------------------------------------------
// Binary format: a checked record (tag "LSVM") whose payload holds the numbers, little-endian.

namespace {

constexpr std::uint32_t kFormatVersion = 2; // 2 adds the kind of machine; RBF machines are still written as 1

std::uint64_t fnv1a(const std::string &s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char ch : s)
        h = (h ^ ch) * 0x100000001b3ull;
    return h;
}

struct ByteWriter {
    std::string buf;
    void u64(std::uint64_t v)
    {
        for (int i = 0; i < 8; ++i)
            buf.push_back(char((v >> (8 * i)) & 0xff));
    }
    void u32(std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            buf.push_back(char((v >> (8 * i)) & 0xff));
    }
    void f64(double v) { u64(bitsOf<std::uint64_t>(v)); }
    void f32(float v) { u32(bitsOf<std::uint32_t>(v)); }
    template <typename U, typename F> static U bitsOf(F v)
    {
        U b;
        std::memcpy(&b, &v, sizeof b);
        return b;
    }
};

struct ByteReader {
    const std::string &buf;
    std::string what;
    std::size_t pos = 0;

    [[noreturn]] void corrupt(const std::string &why) const
    {
        throw Error(ErrorCode::BadModel, "The " + what + " data are corrupt: " + why + ".");
    }
    std::uint64_t bytes(int n)
    {
        if (buf.size() - pos < std::size_t(n))
            corrupt("they end early");
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v |= std::uint64_t(static_cast<unsigned char>(buf[pos + std::size_t(i)])) << (8 * i);
        pos += std::size_t(n);
        return v;
    }
    std::uint32_t u32() { return std::uint32_t(bytes(4)); }
    double f64()
    {
        double v;
        const std::uint64_t b = bytes(8);
        std::memcpy(&v, &b, 8);
        if (!std::isfinite(v))
            corrupt("a number is not finite");
        return v;
    }
    float f32()
    {
        float v;
        const std::uint32_t b = std::uint32_t(bytes(4));
        std::memcpy(&v, &b, 4);
        if (!std::isfinite(v))
            corrupt("a number is not finite");
        return v;
    }
};

} // namespace

void writeCheckedRecord(std::ostream &out, const std::string &tag, std::uint32_t version, const std::string &payload)
{
    ByteWriter w;
    w.buf = tag.substr(0, 4);
    w.buf.resize(4, ' ');
    w.u32(version);
    w.u64(payload.size());
    out.write(w.buf.data(), std::streamsize(w.buf.size()));
    out.write(payload.data(), std::streamsize(payload.size()));
    ByteWriter tail;
    tail.u64(fnv1a(payload));
    out.write(tail.buf.data(), std::streamsize(tail.buf.size()));
    if (!out)
        throw Error(ErrorCode::WriteFailed, "The model could not be written.");
}

std::string readCheckedRecord(std::istream &in, const std::string &tag, std::uint32_t version, const std::string &what,
                              std::uint32_t oldest, std::uint32_t *found)
{
    std::string head(16, '\0');
    in.read(head.data(), 16);
    if (in.gcount() != 16)
        throw Error(ErrorCode::BadModel, "The " + what + " data are truncated: the header is incomplete.");
    if (head.compare(0, 4, tag) != 0)
        throw Error(ErrorCode::BadModel, "The data are not a Lodestone " + what + " (wrong signature).");
    ByteReader hr{head, what, 4};
    const std::uint32_t v = hr.u32();
    if (found)
        *found = v;
    if (v > version || v < (oldest > 0 ? oldest : version))
        throw Error(ErrorCode::BadModel, "The " + what + " has format version " + std::to_string(v) +
                                             ", which this Lodestone cannot read (it reads version " +
                                             (oldest > 0 && oldest < version ? std::to_string(oldest) + " to " : "") +
                                             std::to_string(version) + ").");
    const std::uint64_t size = hr.bytes(8);
    if (size > (std::uint64_t(1) << 34))
        hr.corrupt("the stated size is implausible");
    std::string payload(std::size_t(size), '\0');
    in.read(payload.data(), std::streamsize(size));
    std::string tail(8, '\0');
    if (std::uint64_t(in.gcount()) != size || !in.read(tail.data(), 8))
        throw Error(ErrorCode::BadModel, "The " + what + " data are truncated.");
    ByteReader tr{tail, what};
    if (tr.bytes(8) != fnv1a(payload))
        tr.corrupt("the checksum does not match");
    return payload;
}

void SvmModel::save(std::ostream &out) const
{
    if (!isTrained())
        throwUntrained();
    const State &m = m_s;
    ByteWriter w;
    w.u32(std::uint32_t(m.dim));
    w.u32(std::uint32_t(m.nsv));
    if (m.kind != ClassifierKind::RbfSvm)
        w.u32(std::uint32_t(m.kind));
    for (double v : {m.c, m.gamma, m.bias, m.plattA, m.plattB, m.innerAccuracy})
        w.f64(v);
    for (int d = 0; d < m.dim; ++d) {
        w.f32(m.mean[d]);
        w.f32(m.invStd[d]);
    }
    for (double a : m.alpha)
        w.f64(a);
    for (float v : m.sv)
        w.f32(v);
    w.u32(std::uint32_t(m.warnings.size()));
    for (const auto &s : m.warnings) {
        w.u32(std::uint32_t(s.size()));
        w.buf += s;
    }
    writeCheckedRecord(out, "LSVM", m.kind == ClassifierKind::RbfSvm ? 1 : kFormatVersion, w.buf);
}

SvmModel SvmModel::load(std::istream &in)
{
    std::uint32_t version = 0;
    const std::string payload = readCheckedRecord(in, "LSVM", kFormatVersion, "SVM model", 1, &version);
    ByteReader r{payload, "SVM model"};
    SvmModel model;
    State &m = model.m_s;
    const std::uint32_t dim = r.u32(), nsv = r.u32();
    if (version >= 2) {
        const std::uint32_t kind = r.u32();
        if (kind != std::uint32_t(ClassifierKind::Logistic))
            r.corrupt("the kind of machine is unknown");
        m.kind = ClassifierKind::Logistic;
        if (nsv != 1)
            r.corrupt("a logistic model has one weight vector");
    }
    if (dim == 0 || std::uint64_t(dim) * (std::uint64_t(nsv) + 2) * 4 > payload.size())
        r.corrupt("the dimension or support vector count is inconsistent");
    m.dim = int(dim);
    m.nsv = int(nsv);
    for (double *v : {&m.c, &m.gamma, &m.bias, &m.plattA, &m.plattB, &m.innerAccuracy})
        *v = r.f64();
    if (!(m.c > 0) || !(m.kind == ClassifierKind::Logistic ? m.gamma == 0 : m.gamma > 0))
        r.corrupt("C or gamma is not positive");
    m.mean.resize(dim);
    m.invStd.resize(dim);
    for (std::uint32_t d = 0; d < dim; ++d) {
        m.mean[d] = r.f32();
        m.invStd[d] = r.f32();
    }
    m.alpha.resize(nsv);
    for (auto &a : m.alpha)
        a = r.f64();
    m.sv.resize(std::size_t(nsv) * dim);
    for (auto &v : m.sv)
        v = r.f32();
    const std::uint32_t notes = r.u32();
    for (std::uint32_t i = 0; i < notes; ++i) {
        const std::uint32_t n = r.u32();
        if (payload.size() - r.pos < n)
            r.corrupt("they end early");
        m.warnings.push_back(payload.substr(r.pos, n));
        r.pos += n;
    }
    if (r.pos != payload.size())
        r.corrupt("there are unexpected bytes at the end");
    model.buildTranspose();
    return model;
}

} // namespace lodestone
