// paramProblems(): the rules on a run's settings, once; the modules keep their own guards for direct callers.
#include "paramcheck.h"

#include "error.h"
#include "parallel.h"
#include "pipeline.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace lodestone {

namespace {

bool isPatchMode(SvmMode m)
{
    return m == SvmMode::PatchFeatures || m == SvmMode::PatchSamples;
}

std::string number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

} // namespace

std::vector<ParamProblem> paramProblems(const PipelineParams &p, int surveyWidth, int surveyHeight)
{
    std::vector<ParamProblem> out;
    auto add = [&](ParamField f, const std::string &message) { out.push_back({f, message}); };
    const AutoencoderParams &a = p.autoencoder;
    const ExperimentSettings &e = p.experiments;
    const std::string patch = std::to_string(a.patchSize);

    if (int(p.layers.size()) > kMaxInputLayers)
        add(ParamField::InputLayers, "The network reads at most " + std::to_string(kMaxInputLayers) +
                                         " input layers besides the survey, not " + std::to_string(p.layers.size()) +
                                         ".");
    if (a.patchSize < 4 || a.patchSize > 512)
        add(ParamField::PatchSize, "The patch size must be from 4 to 512 cells, not " + patch + ".");
    else if (surveyWidth > 0 && surveyHeight > 0 && (a.patchSize > surveyWidth || a.patchSize > surveyHeight))
        add(ParamField::PatchSize, "The patch size (" + patch + ") is larger than the survey (" +
                                       std::to_string(surveyWidth) + " x " + std::to_string(surveyHeight) + ").");
    for (int f : a.filters)
        if (f < 1 || f > 256) {
            add(ParamField::Filters, "Each encoder layer needs from 1 to 256 filters, not " + std::to_string(f) + ".");
            break;
        }
    if (a.trainPatches < 1)
        add(ParamField::TrainPatches,
            "At least one training patch is needed, not " + std::to_string(a.trainPatches) + ".");
    if (a.epochs < 1)
        add(ParamField::Epochs, "At least one training epoch is needed, not " + std::to_string(a.epochs) + ".");
    if (a.batchSize < 1)
        add(ParamField::BatchSize, "The batch size must be at least 1, not " + std::to_string(a.batchSize) + ".");
    if (!(a.learningRate > 0) || !std::isfinite(a.learningRate))
        add(ParamField::LearningRate,
            "The learning rate must be a positive finite number, not " + number(a.learningRate) + ".");
    if (p.featureMethod == FeatureMethod::Exact ? p.stride < 1 || p.stride > a.patchSize : p.stride != 1)
        add(ParamField::Stride,
            p.featureMethod == FeatureMethod::Exact
                ? "The stride must be from 1 to the patch size (" + patch + "), not " + std::to_string(p.stride) + "."
                : "Dense feature rasters take every pixel: the stride must be 1, not " + std::to_string(p.stride) +
                      ".");

    // The patch modes reduce the patch to patchResize x patchResize block means: used by the map's mode or, when
    // cross-validation runs, by the modes it compares.
    const bool patchModes =
        isPatchMode(p.mode) || (!p.cvSchemes.empty() && std::any_of(p.cvModes.begin(), p.cvModes.end(), isPatchMode));
    if (e.patchResize < 1)
        add(ParamField::PatchResize, "The patch resize must be at least 1, not " + std::to_string(e.patchResize) + ".");
    else if (patchModes && (a.patchSize < e.patchResize || a.patchSize % e.patchResize != 0))
        add(ParamField::PatchResize, "The patch size (" + patch + ") must be a multiple of the patch resize (" +
                                         std::to_string(e.patchResize) + ").");
    if (e.svm.c < 0 || !std::isfinite(e.svm.c))
        add(ParamField::SvmC, "C must be positive, or 0 to choose it, not " + number(e.svm.c) + ".");
    if (e.svm.gamma < 0 || !std::isfinite(e.svm.gamma))
        add(ParamField::SvmGamma, "Gamma must be positive, or 0 to choose it, not " + number(e.svm.gamma) + ".");
    if (e.svm.innerFolds < 2)
        add(ParamField::InnerFolds, "The classifier's inner cross-validation needs at least 2 folds, not " +
                                        std::to_string(e.svm.innerFolds) + ".");
    if (e.folds < 2)
        add(ParamField::Folds, "Cross-validation needs at least 2 folds, not " + std::to_string(e.folds) + ".");
    if (e.perClass < 0)
        add(ParamField::PerClass,
            "The positions per class cannot be negative (0 takes as many as the smaller class has), not " +
                std::to_string(e.perClass) + ".");
    if (e.depositBuffer < 0 || e.depositBuffer > kMaxDepositBuffer)
        add(ParamField::DepositBuffer, "The deposit buffer must be from 0 to " + std::to_string(kMaxDepositBuffer) +
                                           " cells, not " + std::to_string(e.depositBuffer) + ".");
    if (p.ensemble < 1 || p.ensemble > 100)
        add(ParamField::Ensemble, "The ensemble size must be from 1 to 100, not " + std::to_string(p.ensemble) + ".");
    if (p.heldOutFolds < 2)
        add(ParamField::HeldOutFolds,
            "The held-out evaluation needs at least 2 folds, not " + std::to_string(p.heldOutFolds) + ".");
    if (p.background < 0 || p.background > 100000)
        add(ParamField::Background,
            "The number of background positions must be from 0 to 100000, not " + std::to_string(p.background) + ".");
    if (p.featureComponents < 0 || p.featureComponents > 1000)
        add(ParamField::FeatureComponents, "The number of principal components must be from 0 to 1000, not " +
                                               std::to_string(p.featureComponents) + ".");
    for (std::size_t i = 0; i < p.featureLayers.size(); ++i) {
        const int layer = p.featureLayers[i];
        if (layer < 1 || layer > 3 ||
            std::find(p.featureLayers.begin(), p.featureLayers.begin() + long(i), layer) !=
                p.featureLayers.begin() + long(i)) {
            add(ParamField::FeatureLayers,
                "The classifier's encoder layers must be distinct numbers from 1 to 3, not " + std::to_string(layer) +
                    ".");
            break;
        }
    }
    if (p.threads < 0 || p.threads > maxThreads())
        add(ParamField::Threads, "The number of threads must be from 0 (all cores) to " + std::to_string(maxThreads()) +
                                     ", not " + std::to_string(p.threads) + ".");
    return out;
}

void checkParams(const PipelineParams &params, int surveyWidth, int surveyHeight)
{
    const std::vector<ParamProblem> problems = paramProblems(params, surveyWidth, surveyHeight);
    if (!problems.empty())
        throw Error(ErrorCode::BadParameter, problems.front().message);
}

} // namespace lodestone
