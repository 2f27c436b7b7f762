// Cross-validation of the SVM experiments: balanced and bounded position samples and crossValidateModes().
#include "experiments.h"
#include "experimentsdetail.h"

#include "evaluation.h"

#include "feedback.h"
#include "parallel.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace lodestone {

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

int classifierPositionsPerClass(const ExperimentSettings &params, int samplesPerPosition)
{
    if (params.maxTrainingSamples <= 0)
        return 0;
    return std::max(25, params.maxTrainingSamples / (2 * std::max(1, samplesPerPosition)));
}

int depositBufferCells(int radius)
{
    int cells = 0;
    for (int dr = -radius; dr <= radius; ++dr)
        for (int dc = -radius; dc <= radius; ++dc)
            cells += dr * dr + dc * dc <= radius * radius;
    return cells;
}

std::vector<LabelledPosition> boundedSample(const std::vector<LabelledPosition> &positions, int maxPerClass,
                                            std::uint64_t seed)
{
    return boundedSample(positions, maxPerClass, maxPerClass, seed);
}

std::vector<LabelledPosition> boundedSample(const std::vector<LabelledPosition> &positions, int maxNonDeposit,
                                            int maxDeposit, std::uint64_t seed)
{
    if (maxNonDeposit <= 0 && maxDeposit <= 0)
        return positions;
    std::vector<char> keep(positions.size(), 1);
    for (int label = 0; label <= 1; ++label) {
        const int maxPerClass = label == 1 ? maxDeposit : maxNonDeposit;
        if (maxPerClass <= 0)
            continue;
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
        svmParams.projection = mode == SvmMode::PixelFeatures ? params.pixelProjection : nullptr;
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
        // The folds' machines are independent: trained in parallel, one thread each (each the same as on its own),
        // then tested in fold order.
        std::vector<int> trained;
        for (int f = 0; f < k; ++f)
            if (foldUsable[f])
                trained.push_back(f);
        std::vector<SvmModel> models(static_cast<std::size_t>(k));
        SvmParams foldParams = svmParams;
        foldParams.threads = parallelThreads(int(trained.size()), params.threads) > 1 ? 1 : svmParams.threads;
        parallelFor(
            int(trained.size()), params.threads, feedback,
            [&](int i) {
                const int f = trained[std::size_t(i)];
                std::vector<std::vector<float>> x;
                std::vector<int> y, groups;
                appendSamples(
                    samples, sample, [&](size_t j) { return train[f][j] != 0; }, x, y, groups);
                models[std::size_t(f)] = SvmModel::train(
                    x, y, foldParams, deriveSeed(params.seed, 100 + std::uint64_t(f)), groups, feedback);
            },
            [&](int) { reportProgress(feedback, double(++step) / totalSteps); });
        for (int f = 0; f < k; ++f) {
            checkCanceled(feedback);
            if (!foldUsable[f]) {
                reportProgress(feedback, double(++step) / totalSteps);
                continue;
            }
            const SvmModel &model = models[std::size_t(f)];
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
        }
        r.tested = int(heldOut.size());
        r.auc = rocAuc(heldOut, heldOutLabels);
        if (r.tested > 0) {
            r.accuracy = r.confusion.accuracy();
            r.precision = r.confusion.precision();
            r.recall = r.confusion.recall();
            r.f1 = r.confusion.f1();
        } else { // no fold could be tested: no score, rather than a score of 0
            r.accuracy = r.precision = r.recall = r.f1 = std::numeric_limits<double>::quiet_NaN();
        }
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
CvScheme headlineCvScheme(const std::vector<ModeResult> &random, const std::vector<ModeResult> &spatial)
{
    for (const ModeResult &m : spatial)
        if (m.tested > 0)
            return CvScheme::Spatial;
    return random.empty() && !spatial.empty() ? CvScheme::Spatial : CvScheme::Random;
}

} // namespace lodestone
