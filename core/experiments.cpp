// The four SVM experiments: samples from feature rasters per mode, cross-validation, the report table and the
// whole-map Classifier (row-parallel, with precomputed block-mean planes for the patch modes).
#include "experiments.h"

#include "evaluation.h"

#include "error.h"
#include "feedback.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <istream>
#include <limits>
#include <locale>
#include <map>
#include <ostream>
#include <sstream>
#include <tuple>

namespace lodestone {

// ---------------------------------------------------------------------------------------------------------
// Modes and stacks

std::string svmModeName(SvmMode mode)
{
    switch (mode) {
    case SvmMode::PixelFeatures: return "pixel-features";
    case SvmMode::PixelSamples: return "pixel-samples";
    case SvmMode::PatchFeatures: return "patch-features";
    case SvmMode::PatchSamples: return "patch-samples";
    }
    return "unknown";
}

bool parseSvmMode(const std::string &name, SvmMode &mode)
{
    std::string n;
    for (char ch : name)
        n.push_back(ch == '_' ? '-' : char(std::tolower(static_cast<unsigned char>(ch))));
    for (SvmMode m : allSvmModes())
        if (svmModeName(m) == n) {
            mode = m;
            return true;
        }
    return false;
}

std::string cvSchemeName(CvScheme scheme)
{
    return scheme == CvScheme::Spatial ? "spatial" : "random";
}

std::vector<SvmMode> allSvmModes()
{
    return {SvmMode::PixelFeatures, SvmMode::PixelSamples, SvmMode::PatchFeatures, SvmMode::PatchSamples};
}

bool FeatureStack::isValid(size_t index) const
{
    return (!valid || valid[index]) &&
           std::all_of(planes.begin(), planes.end(), [index](const float *p) { return std::isfinite(p[index]); });
}

namespace {

bool isSamplesMode(SvmMode m)
{
    return m == SvmMode::PixelSamples || m == SvmMode::PatchSamples;
}
bool isPatchMode(SvmMode m)
{
    return m == SvmMode::PatchFeatures || m == SvmMode::PatchSamples;
}

/** Reflection without repeating the edge (BORDER_REFLECT_101), periodic so any offset maps into [0, n). */
int reflect101(int i, int n)
{
    const int period = std::max(2 * (n - 1), 1);
    i = (i % period + period) % period;
    return i < n ? i : period - i;
}

bool usable(const FeatureStack &s, const float *plane, size_t idx)
{
    return (!s.valid || s.valid[idx]) && std::isfinite(plane[idx]);
}

/** Mean of the usable pixels of the b x b block with top-left (x0, y0), reflected at the borders; summed row
 *  by row in double (the box planes of classify() repeat exactly this arithmetic). */
float blockMean(const FeatureStack &s, const float *plane, int x0, int y0, int b, float fallback)
{
    double total = 0;
    long count = 0;
    for (int dy = 0; dy < b; ++dy) {
        const size_t rowBase = size_t(reflect101(y0 + dy, s.height)) * s.width;
        double rowSum = 0;
        long rowCount = 0;
        for (int dx = 0; dx < b; ++dx) {
            const size_t idx = rowBase + reflect101(x0 + dx, s.width);
            if (usable(s, plane, idx)) {
                rowSum += plane[idx];
                ++rowCount;
            }
        }
        total += rowSum;
        count += rowCount;
    }
    return count ? float(total / double(count)) : fallback;
}

} // namespace

float inverseStandardDeviation(double mu, double sd)
{
    return sd > 1e-12 * std::max(1.0, std::fabs(mu)) ? float(1.0 / sd) : 0.f;
}

namespace {

void computeStatistics(const FeatureStack &s, std::vector<float> &mean, std::vector<float> &invStd, Feedback *feedback)
{
    if (!s.mean.empty()) {
        if (s.mean.size() != s.planes.size() || s.invStd.size() != s.planes.size())
            throw Error(ErrorCode::Internal, "The feature stack's statistics do not match its rasters.");
        mean = s.mean;
        invStd = s.invStd;
        return;
    }
    mean.assign(s.planes.size(), 0.f);
    invStd.assign(s.planes.size(), 0.f);
    for (size_t k = 0; k < s.planes.size(); ++k) {
        checkCanceled(feedback);
        double sum = 0, sum2 = 0, n = 0;
        const float *p = s.planes[k];
        for (size_t i = 0; i < s.pixelCount(); ++i)
            if (usable(s, p, i)) {
                sum += p[i];
                ++n;
            }
        const double mu = n ? sum / n : 0.0;
        for (size_t i = 0; i < s.pixelCount(); ++i)
            if (usable(s, p, i))
                sum2 += (p[i] - mu) * (p[i] - mu);
        const double sd = n ? std::sqrt(sum2 / n) : 0.0;
        mean[k] = float(mu);
        invStd[k] = inverseStandardDeviation(mu, sd);
    }
}

void validateStack(const FeatureStack &s)
{
    if (s.width <= 0 || s.height <= 0 || s.planes.empty())
        throw Error(ErrorCode::BadParameter, "The feature stack is empty (" + std::to_string(s.width) + " x " +
                                                 std::to_string(s.height) + " pixels, " +
                                                 std::to_string(s.planes.size()) + " rasters).");
    for (const float *p : s.planes)
        if (!p)
            throw Error(ErrorCode::BadParameter, "A feature raster of the stack has no data.");
}

void validateParams(const ExperimentParams &p, bool patchModes)
{
    if (p.folds < 2)
        throw Error(ErrorCode::BadParameter,
                    "Cross-validation needs at least 2 folds; " + std::to_string(p.folds) + " were asked for.");
    if (p.perClass < 0)
        throw Error(ErrorCode::BadParameter, "The number of positions per class cannot be negative.");
    if (patchModes && (p.patchResize < 1 || p.patchSize < p.patchResize || p.patchSize % p.patchResize != 0))
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p.patchSize) +
                                                 ") must be a positive multiple of the patch resize (" +
                                                 std::to_string(p.patchResize) + ").");
}

/** Drops positions outside the grid, on invalid pixels or repeated (conflicting repeats entirely), saying so. */
std::vector<LabelledPosition> cleanPositions(const FeatureStack &s, const std::vector<LabelledPosition> &positions,
                                             std::vector<std::string> &warnings)
{
    std::map<std::pair<int, int>, int> labelAt; // -1 once conflicting, -2 once taken
    size_t outside = 0, invalid = 0, repeated = 0, conflicting = 0;
    for (const auto &p : positions) {
        if (p.label != 0 && p.label != 1)
            throw Error(ErrorCode::BadLabels, "The position (column " + std::to_string(p.col) + ", row " +
                                                  std::to_string(p.row) + ") has label " + std::to_string(p.label) +
                                                  "; only 0 (non-deposit) and 1 (deposit) can train the SVM.");
        if (p.col < 0 || p.row < 0 || p.col >= s.width || p.row >= s.height) {
            ++outside;
            continue;
        }
        if (!s.isValid(size_t(p.row) * s.width + p.col)) {
            ++invalid;
            continue;
        }
        auto [it, inserted] = labelAt.emplace(std::make_pair(p.col, p.row), p.label);
        repeated += !inserted;
        if (!inserted && it->second != p.label)
            it->second = -1;
    }
    std::vector<LabelledPosition> out;
    for (const auto &p : positions) {
        auto it = labelAt.find({p.col, p.row});
        if (it == labelAt.end() || it->second == -2)
            continue;
        if (it->second >= 0)
            out.push_back(p);
        else
            ++conflicting;
        it->second = -2; // later repeats are skipped
    }
    auto say = [&](size_t n, const std::string &what) {
        if (n)
            warnings.push_back(std::to_string(n) + (n == 1 ? " labelled position was" : " labelled positions were") +
                               " ignored: " + what + ".");
    };
    say(outside, "outside the feature rasters");
    say(invalid, "on invalid (nodata) pixels");
    say(repeated, "repeating an earlier position");
    say(conflicting, "its pixel is labelled both deposit and non-deposit");
    return out;
}

/** Appends the samples of positions[i] for every i with take(i), grouped by position. */
template <typename Take>
void appendSamples(const std::vector<std::vector<std::vector<float>>> &samples,
                   const std::vector<LabelledPosition> &positions, Take take, std::vector<std::vector<float>> &x,
                   std::vector<int> &y, std::vector<int> &groups)
{
    for (size_t i = 0; i < positions.size(); ++i)
        if (take(i))
            for (const auto &v : samples[i]) {
                x.push_back(v);
                y.push_back(positions[i].label);
                groups.push_back(int(i));
            }
}

std::pair<int, int> classCounts(const std::vector<LabelledPosition> &positions)
{
    int neg = 0, pos = 0;
    for (const auto &p : positions)
        (p.label == 1 ? pos : neg)++;
    return {neg, pos};
}

void requireTwoPerClass(const std::vector<LabelledPosition> &positions, const std::string &what)
{
    const auto [neg, pos] = classCounts(positions);
    if (neg < 2 || pos < 2)
        throw Error(ErrorCode::TooFewLabels, what +
                                                 " needs at least 2 labelled positions of each class on valid "
                                                 "pixels; there are " +
                                                 std::to_string(pos) + " deposit and " + std::to_string(neg) +
                                                 " non-deposit.");
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Samples of a position

SampleLayout SampleLayout::of(SvmMode mode, const FeatureStack &stack, const ExperimentParams &params,
                              Feedback *feedback)
{
    SampleLayout l;
    l.mode = mode;
    l.planes = int(stack.planes.size());
    l.patchSize = params.patchSize;
    l.patchResize = params.patchResize;
    computeStatistics(stack, l.mean, l.invStd, feedback);
    return l;
}

int SampleLayout::samplesPerPosition() const
{
    return isSamplesMode(mode) ? planes : 1;
}

int SampleLayout::dimension() const
{
    switch (mode) {
    case SvmMode::PixelFeatures: return planes;
    case SvmMode::PixelSamples: return 1 + planes;
    case SvmMode::PatchFeatures: return planes * cells();
    case SvmMode::PatchSamples: return cells() + planes;
    }
    return 0;
}

void SampleLayout::extract(const FeatureStack &s, int col, int row, std::vector<std::vector<float>> &out) const
{
    const size_t idx = size_t(row) * s.width + col;
    out.assign(samplesPerPosition(), std::vector<float>(dimension(), 0.f));
    const int b = block(), r = patchResize;
    for (int k = 0; k < planes; ++k) {
        const float *p = s.planes[k];
        const float m = mean[k], is = invStd[k];
        if (mode == SvmMode::PixelFeatures) {
            out[0][k] = p[idx];
        } else if (mode == SvmMode::PixelSamples) {
            out[k][0] = (p[idx] - m) * is;
            out[k][1 + k] = 1.f;
        } else {
            const bool samples = mode == SvmMode::PatchSamples;
            float *dst = samples ? out[k].data() : out[0].data() + k * cells();
            for (int i = 0; i < r; ++i)
                for (int j = 0; j < r; ++j) {
                    const float v = blockMean(s, p, col - half() + j * b, row - half() + i * b, b, m);
                    dst[i * r + j] = samples ? (v - m) * is : v;
                }
            if (samples)
                dst[cells() + k] = 1.f;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Cross-validation

std::vector<LabelledPosition> selectBalanced(const std::vector<LabelledPosition> &positions, int perClass,
                                             std::uint64_t seed)
{
    const auto [neg, pos] = classCounts(positions);
    const int smaller = std::min(neg, pos);
    const int take = perClass > 0 ? std::min(perClass, smaller) : smaller;
    std::vector<char> keep(positions.size(), 0);
    for (int label = 0; label <= 1; ++label) {
        std::vector<size_t> members;
        for (size_t i = 0; i < positions.size(); ++i)
            if (positions[i].label == label)
                members.push_back(i);
        const std::vector<int> order = seededPermutation(int(members.size()), deriveSeed(seed, label));
        for (int i = 0; i < take; ++i)
            keep[members[order[i]]] = 1;
    }
    std::vector<LabelledPosition> out;
    for (size_t i = 0; i < positions.size(); ++i)
        if (keep[i])
            out.push_back(positions[i]);
    return out;
}

int classifierPositionsPerClass(const ExperimentParams &params, int samplesPerPosition)
{
    if (params.maxTrainingSamples <= 0)
        return 0;
    return std::max(25, params.maxTrainingSamples / (2 * std::max(1, samplesPerPosition)));
}

std::vector<LabelledPosition> boundedSample(const std::vector<LabelledPosition> &positions, int maxPerClass,
                                            std::uint64_t seed)
{
    if (maxPerClass <= 0)
        return positions;
    std::vector<char> keep(positions.size(), 1);
    for (int label = 0; label <= 1; ++label) {
        std::vector<size_t> members;
        for (size_t i = 0; i < positions.size(); ++i)
            if (positions[i].label == label)
                members.push_back(i);
        if (int(members.size()) <= maxPerClass)
            continue;
        const std::vector<int> order = seededPermutation(int(members.size()), deriveSeed(seed, label));
        for (size_t i = std::size_t(maxPerClass); i < order.size(); ++i)
            keep[members[std::size_t(order[i])]] = 0;
    }
    std::vector<LabelledPosition> out;
    for (size_t i = 0; i < positions.size(); ++i)
        if (keep[i])
            out.push_back(positions[i]);
    return out;
}

std::vector<ModeResult> crossValidateModes(const FeatureStack &stack, const std::vector<LabelledPosition> &positions,
                                           const ExperimentParams &params, const std::vector<SvmMode> &modes,
                                           Feedback *feedback)
{
    validateStack(stack);
    validateParams(params, std::any_of(modes.begin(), modes.end(), isPatchMode));
    std::vector<std::string> warnings;
    const std::vector<LabelledPosition> usablePositions = cleanPositions(stack, positions, warnings);
    requireTwoPerClass(usablePositions, "Cross-validation");
    const auto [neg, pos] = classCounts(usablePositions);
    const int smaller = std::min(neg, pos);
    if (params.perClass > smaller)
        warnings.push_back("Only " + std::to_string(smaller) + " " + (pos < neg ? "deposit" : "non-deposit") +
                           " positions are labelled, so cross-validation uses " + std::to_string(smaller) +
                           " positions of each class instead of " + std::to_string(params.perClass) + ".");
    // The bound of the largest samples per position among the modes, so that every mode trains on the same sample.
    int samplesPerPosition = 1;
    for (SvmMode mode : modes)
        if (isSamplesMode(mode))
            samplesPerPosition = std::max(samplesPerPosition, int(stack.planes.size()));
    const int bound = classifierPositionsPerClass(params, samplesPerPosition);
    int perClassWanted = params.perClass;
    if (bound > 0 && std::min(perClassWanted > 0 ? perClassWanted : smaller, smaller) > bound) {
        warnings.push_back("Cross-validation uses a random sample of " + std::to_string(bound) +
                           " positions of each class (of " + std::to_string(pos) + " deposit and " +
                           std::to_string(neg) + " non-deposit) to bound its time.");
        perClassWanted = bound;
    }
    const std::vector<LabelledPosition> sample =
        selectBalanced(usablePositions, perClassWanted, deriveSeed(params.seed, 1));
    const int perClass = classCounts(sample).first;
    int k = std::min(params.folds, perClass);
    if (k < params.folds)
        warnings.push_back("Cross-validation uses " + std::to_string(k) + " folds instead of " +
                           std::to_string(params.folds) + " because each class has only " + std::to_string(perClass) +
                           " positions.");
    std::vector<int> labels;
    for (const auto &p : sample)
        labels.push_back(p.label);
    // train[f][i]: position i trains fold f's machine. Random folds train on every other fold; spatial folds
    // hold whole groups out and also leave out the training positions within the patch size of a test position.
    std::vector<int> fold;
    int groupCount = 0;
    if (params.cvScheme == CvScheme::Spatial) {
        const std::vector<int> groups = groupPositions(sample, double(params.patchSize));
        groupCount = groups.empty() ? 0 : *std::max_element(groups.begin(), groups.end()) + 1;
        fold = spatialFolds(sample, groups, k, deriveSeed(params.seed, 3));
        const int used = fold.empty() ? 0 : *std::max_element(fold.begin(), fold.end()) + 1;
        if (used < k)
            warnings.push_back("Spatial cross-validation uses " + std::to_string(used) + " folds instead of " +
                               std::to_string(k) + " because the positions form only " + std::to_string(groupCount) +
                               " groups.");
        k = used;
    } else {
        fold = stratifiedFolds(labels, k, deriveSeed(params.seed, 2));
    }
    std::vector<std::vector<uint8_t>> train(std::size_t(k), std::vector<uint8_t>(sample.size(), 0));
    std::vector<uint8_t> foldUsable(std::size_t(k), 1);
    for (int f = 0; f < k; ++f) {
        if (params.cvScheme == CvScheme::Spatial)
            train[f] = bufferedTraining(sample, fold, f, double(params.patchSize));
        else
            for (size_t i = 0; i < sample.size(); ++i)
                train[f][i] = fold[i] != f;
        int trainNeg = 0, trainPos = 0;
        for (size_t i = 0; i < sample.size(); ++i)
            if (train[f][i])
                (sample[i].label == 1 ? trainPos : trainNeg)++;
        if (trainNeg == 0 || trainPos == 0) {
            foldUsable[f] = 0;
            warnings.push_back("Spatial fold " + std::to_string(f + 1) + " is not tested: with its buffer of " +
                               std::to_string(params.patchSize) + " pixels, no " +
                               (trainPos == 0 ? "deposit" : "non-deposit") + " position is left to train on.");
        }
    }

    // The fold of every given position: the sample is a subsequence of positions (first occurrences, in order).
    std::vector<int> positionFold(positions.size(), -1);
    for (std::size_t i = 0, j = 0; j < sample.size() && i < positions.size(); ++i)
        if (positions[i].col == sample[j].col && positions[i].row == sample[j].row &&
            positions[i].label == sample[j].label)
            positionFold[i] = fold[j++];

    SampleLayout layout = SampleLayout::of(SvmMode::PixelFeatures, stack, params, feedback);
    SvmParams svmParams = params.svm;
    svmParams.threads = params.threads;
    std::vector<ModeResult> results;
    const double totalSteps = double(modes.size()) * std::max(k, 1);
    int step = 0;
    for (SvmMode mode : modes) {
        layout.mode = mode;
        std::vector<std::vector<std::vector<float>>> samples(sample.size());
        for (size_t i = 0; i < sample.size(); ++i)
            layout.extract(stack, sample[i].col, sample[i].row, samples[i]);
        ModeResult r;
        r.mode = mode;
        r.scheme = params.cvScheme;
        r.groups = groupCount;
        r.folds = k;
        r.positions = int(sample.size());
        r.warnings = warnings;
        r.positionFold = positionFold;
        std::vector<double> heldOut;
        std::vector<int> heldOutLabels;
        for (int f = 0; f < k; ++f) {
            checkCanceled(feedback);
            if (!foldUsable[f]) {
                reportProgress(feedback, double(++step) / totalSteps);
                continue;
            }
            std::vector<std::vector<float>> x;
            std::vector<int> y, groups;
            appendSamples(
                samples, sample, [&](size_t i) { return train[f][i] != 0; }, x, y, groups);
            const SvmModel model =
                SvmModel::train(x, y, svmParams, deriveSeed(params.seed, 100 + std::uint64_t(f)), groups, feedback);
            ConfusionMatrix cm;
            for (size_t i = 0; i < sample.size(); ++i)
                if (fold[i] == f) {
                    double d = 0;
                    for (const auto &s : samples[i])
                        d += model.decision(s.data());
                    d /= double(samples[i].size());
                    cm.add(sample[i].label, d > 0 ? 1 : 0);
                    heldOut.push_back(d);
                    heldOutLabels.push_back(sample[i].label);
                }
            r.confusion.merge(cm);
            r.foldAccuracy.push_back(cm.accuracy());
            r.foldC.push_back(model.c());
            r.foldGamma.push_back(model.gamma());
            for (const std::string &w : model.warnings())
                if (std::find(r.warnings.begin(), r.warnings.end(), w) == r.warnings.end())
                    r.warnings.push_back(w);
            reportProgress(feedback, double(++step) / totalSteps);
        }
        r.tested = int(heldOut.size());
        r.auc = rocAuc(heldOut, heldOutLabels);
        r.accuracy = r.confusion.accuracy();
        r.precision = r.confusion.precision();
        r.recall = r.confusion.recall();
        r.f1 = r.confusion.f1();
        std::map<std::pair<double, double>, int> votes; // ordered by C then gamma: the first maximum is the smallest
        for (std::size_t f = 0; f < r.foldC.size(); ++f)
            votes[{r.foldC[f], r.foldGamma[f]}]++;
        if (!votes.empty())
            std::tie(r.c, r.gamma) = std::max_element(votes.begin(), votes.end(), [](const auto &a, const auto &b) {
                                         return a.second < b.second;
                                     })->first;
        results.push_back(std::move(r));
    }
    return results;
}

// ---------------------------------------------------------------------------------------------------------
// Classifier

namespace {

std::uint32_t floatBits(float v)
{
    std::uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

float floatOfBits(std::uint32_t b)
{
    float v;
    std::memcpy(&v, &b, sizeof v);
    return v;
}

/** v[i] &= isfinite(x[i]) (exponent bits not all set), written to vectorise. */
void andFinite(const float *__restrict x, size_t n, uint8_t *__restrict v)
{
    for (size_t i = 0; i < n; ++i)
        v[i] &= uint8_t((floatBits(x[i]) & 0x7f800000u) != 0x7f800000u);
}

void requirePlanes(const FeatureStack &stack, int planes)
{
    if (planes == 0)
        throw Error(ErrorCode::BadModel, "The classifier is empty: it was neither trained nor loaded.");
    if (int(stack.planes.size()) != planes)
        throw Error(ErrorCode::BadParameter, "The classifier was trained on " + std::to_string(planes) +
                                                 " feature rasters but was given " +
                                                 std::to_string(stack.planes.size()) + ".");
}

} // namespace

Classifier Classifier::train(const FeatureStack &stack, const std::vector<LabelledPosition> &positions, SvmMode mode,
                             const ExperimentParams &params, Feedback *feedback)
{
    validateStack(stack);
    validateParams(params, isPatchMode(mode));
    Classifier c;
    const std::vector<LabelledPosition> cleaned = cleanPositions(stack, positions, c.m_warnings);
    requireTwoPerClass(cleaned, "Training the classifier");
    // A bounded, seeded sample of each class keeps the SVM's time and memory bounded at any label count (the
    // grid search and the final machine both train on it); class weights balance what remains.
    const int bound = classifierPositionsPerClass(params, isSamplesMode(mode) ? int(stack.planes.size()) : 1);
    const std::vector<LabelledPosition> usablePositions = boundedSample(cleaned, bound, deriveSeed(params.seed, 4));
    std::tie(c.m_negatives, c.m_positives) = classCounts(usablePositions);
    if (usablePositions.size() < cleaned.size()) {
        const auto [neg, pos] = classCounts(cleaned);
        c.m_warnings.push_back("The map's classifier was trained on a random sample of " +
                               std::to_string(c.m_positives) + " deposit and " + std::to_string(c.m_negatives) +
                               " non-deposit positions (of " + std::to_string(pos) + " and " + std::to_string(neg) +
                               " labelled; at most " + std::to_string(bound) +
                               " per class, drawn with the run's seed) to bound the SVM's time and memory.");
    }
    c.m_layout = SampleLayout::of(mode, stack, params, feedback);
    c.m_threads = params.threads;
    std::vector<std::vector<std::vector<float>>> samples(usablePositions.size());
    for (size_t i = 0; i < usablePositions.size(); ++i)
        c.m_layout.extract(stack, usablePositions[i].col, usablePositions[i].row, samples[i]);
    std::vector<std::vector<float>> x;
    std::vector<int> y, groups;
    appendSamples(
        samples, usablePositions, [](size_t) { return true; }, x, y, groups);
    SvmParams svmParams = params.svm;
    svmParams.threads = params.threads;
    c.m_model = SvmModel::train(x, y, svmParams, deriveSeed(params.seed, 3), groups, feedback);
    c.m_warnings.insert(c.m_warnings.end(), c.m_model.warnings().begin(), c.m_model.warnings().end());
    return c;
}

double Classifier::decisionOf(const std::vector<std::vector<float>> &samples) const
{
    double d = 0;
    for (const auto &s : samples)
        d += m_model.decision(s.data());
    return d / double(samples.size());
}

double Classifier::decisionAt(const FeatureStack &stack, int col, int row) const
{
    requirePlanes(stack, m_layout.planes);
    if (col < 0 || row < 0 || col >= stack.width || row >= stack.height ||
        !stack.isValid(size_t(row) * stack.width + col))
        return std::numeric_limits<double>::quiet_NaN();
    std::vector<std::vector<float>> samples;
    m_layout.extract(stack, col, row, samples);
    return decisionOf(samples);
}

double Classifier::probabilityAt(const FeatureStack &stack, int col, int row) const
{
    const double d = decisionAt(stack, col, row);
    return std::isnan(d) ? d : m_model.probabilityOfDecision(d);
}

namespace {

/** blockMean() of every block a patch can use, for one raster: entry (y + half, x + half) is the block with
 *  top-left (x, y), so a position's R x R cells are R x R lookups at steps of P/R. Same arithmetic as
 *  blockMean(), computed separably (row sums first). */
struct BoxPlane {
    int wp = 0, hp = 0;
    std::vector<float> v;
};

BoxPlane boxPlane(const FeatureStack &s, const SampleLayout &l, int k, bool normalise)
{
    const int b = l.block(), half = l.half(), padHi = std::max(0, l.patchSize - half - b);
    BoxPlane bp;
    bp.wp = half + s.width + padHi;
    bp.hp = half + s.height + padHi;
    const float *p = s.planes[k];
    std::vector<double> rowSum(size_t(s.height) * size_t(bp.wp));
    std::vector<int> rowCount(rowSum.size());
    for (int y = 0; y < s.height; ++y)
        for (int xi = 0; xi < bp.wp; ++xi) {
            double sum = 0;
            int n = 0;
            for (int dx = 0; dx < b; ++dx) {
                const size_t idx = size_t(y) * size_t(s.width) + size_t(reflect101(xi - half + dx, s.width));
                if (usable(s, p, idx)) {
                    sum += p[idx];
                    ++n;
                }
            }
            rowSum[size_t(y) * size_t(bp.wp) + size_t(xi)] = sum;
            rowCount[size_t(y) * size_t(bp.wp) + size_t(xi)] = n;
        }
    const float m = l.mean[k], is = l.invStd[k];
    bp.v.resize(size_t(bp.hp) * size_t(bp.wp));
    for (int yi = 0; yi < bp.hp; ++yi)
        for (int xi = 0; xi < bp.wp; ++xi) {
            double total = 0;
            long count = 0;
            for (int dy = 0; dy < b; ++dy) {
                const size_t at = size_t(reflect101(yi - half + dy, s.height)) * size_t(bp.wp) + size_t(xi);
                total += rowSum[at];
                count += rowCount[at];
            }
            const float v = count ? float(total / double(count)) : m;
            bp.v[size_t(yi) * size_t(bp.wp) + size_t(xi)] = normalise ? (v - m) * is : v;
        }
    return bp;
}

/** pixel-samples: one raster's decision as a function of its z-scored value, tabulated over the raster's range
 *  and read by Catmull-Rom cubic interpolation; the node spacing is halved until the interpolation is within
 *  1e-7 (relative to the decision's range) of the exact decision at every mid-node, or stops improving. */
struct ValueTable {
    float lo = 0, step = 1;
    std::vector<double> f;

    double at(float z) const
    {
        const int n = int(f.size()) - 1;
        const double t = std::clamp((double(z) - lo) / step, 0.0, double(n));
        const int i = std::min(int(t), std::max(n - 1, 0));
        const double u = t - i;
        auto node = [&](int j) { // quadratic extrapolation beyond the ends keeps the end intervals cubic
            if (j < 0)
                return n >= 2 ? 3 * (f[0] - f[1]) + f[2] : 2 * f[0] - f[1];
            if (j > n)
                return n >= 2 ? 3 * (f[n] - f[n - 1]) + f[n - 2] : 2 * f[n] - f[n - 1];
            return f[j];
        };
        const double p0 = node(i - 1), p1 = f[i], p2 = f[i + 1], p3 = node(i + 2);
        return p1 + 0.5 * u * (p2 - p0 + u * (2 * p0 - 5 * p1 + 4 * p2 - p3 + u * (3 * (p1 - p2) + p3 - p0)));
    }
};

ValueTable valueTable(const SvmModel &model, const SampleLayout &l, const FeatureStack &s,
                      const std::vector<uint8_t> &valid, int k)
{
    const float *p = s.planes[k];
    const float m = l.mean[k], is = l.invStd[k];
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (size_t i = 0; i < s.pixelCount(); ++i)
        if (valid[i]) {
            const float z = (p[i] - m) * is;
            lo = std::min(lo, z);
            hi = std::max(hi, z);
        }
    if (!(lo <= hi))
        lo = hi = 0;
    ValueTable t;
    t.lo = lo;
    int n = hi > lo ? 64 : 1;
    t.step = hi > lo ? float((double(hi) - lo) / n) : 1.f;
    auto decide = [&](int count, double offset, std::vector<double> &out) { // at lo + (i + offset) step
        std::vector<float> z(static_cast<size_t>(count)), zeros(z.size(), 0.f), ones(z.size(), 1.f);
        for (int i = 0; i < count; ++i)
            z[i] = t.lo + float(i + offset) * t.step;
        std::vector<const float *> cols(size_t(1 + l.planes));
        cols[0] = z.data();
        for (int j = 0; j < l.planes; ++j)
            cols[1 + j] = j == k ? ones.data() : zeros.data();
        out.resize(z.size());
        model.decisions(cols.data(), z.size(), out.data());
    };
    decide(n + 1, 0.0, t.f);
    double previous = std::numeric_limits<double>::infinity();
    for (std::vector<double> mid; hi > lo && n < 65536; n *= 2, t.step /= 2) {
        decide(n, 0.5, mid);
        const auto [fmin, fmax] = std::minmax_element(t.f.begin(), t.f.end());
        double err = 0;
        for (int i = 0; i < n; ++i)
            err = std::max(err, std::fabs(mid[i] - t.at(t.lo + float(i + 0.5) * t.step)));
        // Done when within 1e-7 of the range, or when halving stops paying (float rounding of the decision).
        if (err <= 1e-7 * std::max(1.0, *fmax - *fmin) || err > previous / 4)
            break;
        previous = err;
        std::vector<double> refined(size_t(2 * n) + 1);
        for (int i = 0; i <= n; ++i)
            refined[size_t(2 * i)] = t.f[i];
        for (int i = 0; i < n; ++i)
            refined[size_t(2 * i) + 1] = mid[i];
        t.f = std::move(refined);
    }
    return t;
}

} // namespace

void Classifier::classify(const FeatureStack &stack, std::vector<uint8_t> &classes, std::vector<float> &probability,
                          Feedback *feedback) const
{
    requirePlanes(stack, m_layout.planes);
    validateStack(stack);
    const SampleLayout &l = m_layout;
    const SvmModel &model = m_model;
    const int w = stack.width, h = stack.height, k = l.planes, r = l.patchResize, b = l.block();
    const int threads = m_threads;
    classes.assign(stack.pixelCount(), 255);
    probability.assign(stack.pixelCount(), std::numeric_limits<float>::quiet_NaN());
    std::vector<uint8_t> valid(stack.pixelCount()); // FeatureStack::isValid, plane by plane
    auto validateRow = [&](int row) {
        const size_t begin = size_t(row) * w;
        for (size_t i = begin; i < begin + w; ++i)
            valid[i] = stack.valid ? stack.valid[i] != 0 : 1;
        for (const float *plane : stack.planes)
            andFinite(plane + begin, size_t(w), valid.data() + begin);
    };
    const bool validFirst = l.mode == SvmMode::PixelSamples; // its tables span the valid values; others: per row
    if (validFirst)
        parallelFor(h, threads, feedback, validateRow);
    std::vector<BoxPlane> boxes(isPatchMode(l.mode) ? k : 0);
    std::vector<ValueTable> tables(l.mode == SvmMode::PixelSamples ? k : 0);
    const double p0 = boxes.empty() && tables.empty() ? 0.0 : 0.2; // progress share of the preparation
    parallelFor(
        int(boxes.size() + tables.size()), threads, feedback,
        [&](int i) {
            if (!boxes.empty())
                boxes[i] = boxPlane(stack, l, i, l.mode == SvmMode::PatchSamples);
            else
                tables[i] = valueTable(model, l, stack, valid, i);
        },
        [&](int done) { reportProgress(feedback, p0 * done / k); });
    const std::vector<float> zeros(w, 0.f), ones(w, 1.f);
    constexpr int rowsPerBlock = 4;
    const int blocks = (h + rowsPerBlock - 1) / rowsPerBlock;
    auto rowBlock = [&](int block) {
        std::vector<const float *> cols(model.dimension());
        std::vector<double> dec(w), part(w);
        for (int row = block * rowsPerBlock; row < std::min(h, (block + 1) * rowsPerBlock); ++row) {
            if (!validFirst)
                validateRow(row); // while the row is in cache for the decisions
            const size_t base = size_t(row) * w;
            for (int c0 = 0, c1 = 0; c0 < w; c0 = c1) { // runs [c0, c1) of valid pixels
                for (c1 = c0 + 1; c1 < w && valid[base + c1] == valid[base + c0];)
                    ++c1;
                if (!valid[base + c0])
                    continue;
                const size_t n = c1 - c0, at = base + c0;
                auto cell = [&](int plane, int i, int j) {
                    const BoxPlane &bp = boxes[plane];
                    return bp.v.data() + size_t(row + i * b) * bp.wp + c0 + j * b;
                };
                switch (l.mode) {
                case SvmMode::PixelFeatures:
                    for (int i = 0; i < k; ++i)
                        cols[i] = stack.planes[i] + at;
                    model.decisions(cols.data(), n, dec.data());
                    break;
                case SvmMode::PatchFeatures:
                    for (int i = 0; i < k; ++i)
                        for (int c = 0; c < r * r; ++c)
                            cols[i * r * r + c] = cell(i, c / r, c % r);
                    model.decisions(cols.data(), n, dec.data());
                    break;
                case SvmMode::PatchSamples:
                    std::fill(dec.begin(), dec.end(), 0.0);
                    for (int i = 0; i < k; ++i) {
                        for (int c = 0; c < r * r; ++c)
                            cols[c] = cell(i, c / r, c % r);
                        for (int j = 0; j < k; ++j)
                            cols[r * r + j] = (j == i ? ones : zeros).data();
                        model.decisions(cols.data(), n, part.data());
                        for (size_t p = 0; p < n; ++p)
                            dec[p] += part[p];
                    }
                    for (size_t p = 0; p < n; ++p)
                        dec[p] /= k;
                    break;
                case SvmMode::PixelSamples:
                    for (size_t p = 0; p < n; ++p) {
                        double d = 0;
                        for (int i = 0; i < k; ++i)
                            d += tables[i].at((stack.planes[i][at + p] - l.mean[i]) * l.invStd[i]);
                        dec[p] = d / k;
                    }
                    break;
                }
                for (size_t p = 0; p < n; ++p) {
                    probability[at + p] = float(model.probabilityOfDecision(dec[p]));
                    classes[at + p] = probability[at + p] >= ClassThreshold ? 1 : 0;
                }
            }
        }
    };
    parallelFor(blocks, threads, feedback, rowBlock,
                [&](int done) { reportProgress(feedback, p0 + (1 - p0) * done / blocks); });
}

// Format: a checked record "LCLS" holding a text header (mode, geometry, training counts, notes, and the raster
// statistics as the hexadecimal bits of their floats: exact and free of locales) followed by the SVM's record.
void Classifier::save(std::ostream &out) const
{
    if (!isTrained())
        throw Error(ErrorCode::BadModel, "The classifier is empty: it was neither trained nor loaded.");
    const SampleLayout &l = m_layout;
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << "classifier " << svmModeName(l.mode) << ' ' << l.planes << ' ' << l.patchSize << ' ' << l.patchResize << ' '
      << m_negatives << ' ' << m_positives << ' ' << m_warnings.size() << '\n';
    for (const std::string &w : m_warnings)
        s << w << '\n';
    s << std::hex;
    for (int k = 0; k < l.planes; ++k)
        s << floatBits(l.mean[k]) << ' ' << floatBits(l.invStd[k]) << '\n';
    m_model.save(s);
    writeCheckedRecord(out, "LCLS", 1, s.str());
}

Classifier Classifier::load(std::istream &in)
{
    const std::string payload = readCheckedRecord(in, "LCLS", 1, "classifier");
    std::istringstream s(payload);
    s.imbue(std::locale::classic());
    auto corrupt = [](const std::string &why) {
        throw Error(ErrorCode::BadModel, "The classifier data are corrupt: " + why + ".");
    };
    Classifier c;
    SampleLayout &l = c.m_layout;
    std::string tag, modeName;
    size_t notes = 0;
    s >> tag >> modeName >> l.planes >> l.patchSize >> l.patchResize >> c.m_negatives >> c.m_positives >> notes;
    if (!s || tag != "classifier" || !parseSvmMode(modeName, l.mode) || l.planes < 1 || l.planes > 100000 ||
        l.patchResize < 1 || l.patchSize < l.patchResize || l.patchSize % l.patchResize != 0 || notes > 1000)
        corrupt("the header is invalid");
    s.ignore(1);
    for (std::string line; c.m_warnings.size() < notes && std::getline(s, line);)
        c.m_warnings.push_back(line);
    s >> std::hex;
    for (int k = 0; k < l.planes; ++k) {
        std::uint32_t a = 0, b = 0;
        s >> a >> b;
        l.mean.push_back(floatOfBits(a));
        l.invStd.push_back(floatOfBits(b));
        if (!s || !std::isfinite(l.mean.back()) || !std::isfinite(l.invStd.back()))
            corrupt("the raster statistics are invalid");
    }
    s.ignore(1);
    c.m_model = SvmModel::load(s);
    if (c.m_model.dimension() != l.dimension())
        corrupt("the SVM has " + std::to_string(c.m_model.dimension()) + " features where the mode needs " +
                std::to_string(l.dimension()));
    return c;
}

} // namespace lodestone
