#include "pipeline.h"

#include "atomicfile.h"
#include "error.h"
#include "evaluation.h"
#include "feedback.h"
#include "htmlreport.h"
#include "labels.h"
#include "layers.h"
#include "magneticfilters.h"
#include "modelgrid.h"
#include "outputstyle.h"
#include "paramcheck.h"
#include "patches.h"
#include "stages.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <unistd.h>

namespace lodestone {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::vector<LabelledPosition> labelledPositions(const LabelImage &labels, const std::vector<uint8_t> &valid)
{
    std::vector<LabelledPosition> out;
    const int w = labels.grid.width;
    for (std::size_t i = 0; i < labels.values.size(); ++i) {
        const uint8_t v = labels.values[i];
        if ((v == LabelDeposit || v == LabelNonDeposit) && valid[i])
            out.push_back({int(i % w), int(i / w), int(v)});
    }
    return out;
}

FeatureStack stackOf(const FeatureRasters &f, const std::vector<uint8_t> &valid)
{
    FeatureStack s;
    s.width = f.width;
    s.height = f.height;
    s.planes = f.planes();
    s.valid = valid.data();
    return s;
}

void classifyMap(PipelineResult &r, const FeatureStack &stack, Feedback *feedback)
{
    r.classifier->classify(stack, r.classes, r.probability, feedback);
    r.depositPixels = r.nonDepositPixels = 0;
    for (uint8_t v : r.classes) {
        r.depositPixels += v == 1;
        r.nonDepositPixels += v == 0;
    }
}

std::string settingsBlob(const PipelineParams &p)
{
    std::ostringstream s;
    s << "mode " << svmModeName(p.mode) << "\nstride " << p.stride << "\n";
    if (!p.svmInputs.empty()) {
        s << "svm_inputs";
        for (const std::string &n : p.svmInputs)
            s << " " << n;
        s << "\n";
    }
    s << layersSettings(p.layers);
    if (p.ensemble > 1)
        s << "ensemble " << p.ensemble << "\n";
    return s.str();
}

/** The members recorded in a model's settings text (1 without an "ensemble" line). */
int ensembleOfSettings(const std::string &settings)
{
    std::istringstream in(settings);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string key;
        long long n = 0;
        if (words >> key && key == "ensemble" && words >> n)
            return n >= 1 && n <= 100 ? int(n) : -1;
    }
    return 1;
}

/** The SVM inputs recorded in a model's settings text. */
std::vector<std::string> svmInputsOfSettings(const std::string &settings)
{
    std::istringstream in(settings);
    std::string line;
    std::vector<std::string> names;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string key, name;
        words >> key;
        if (key == "svm_inputs")
            while (words >> name)
                names.push_back(name);
    }
    return names;
}

} // namespace

std::string featureMethodName(FeatureMethod method)
{
    return method == FeatureMethod::Dense ? "dense" : "exact";
}

bool parseFeatureMethod(const std::string &name, FeatureMethod &method)
{
    if (name == "exact")
        method = FeatureMethod::Exact;
    else if (name == "dense")
        method = FeatureMethod::Dense;
    else
        return false;
    return true;
}

FeatureRasters computeFeatures(const Autoencoder &model, const NormalizedImage &image,
                               const std::vector<uint8_t> &valid, FeatureMethod method, int stride, Feedback *feedback)
{
    if (method == FeatureMethod::Dense)
        return denseFeatures(model, image, valid, feedback);
    return stitchFeaturesExact(model, image, valid, stride, feedback);
}

std::string labelsOnLayerNodata(const Raster &surveyIn, const InputLayers &layers, const std::vector<LayerSpec> &specs,
                                const LabelImage &labels)
{
    std::size_t deposits = 0, nonDeposits = 0;
    std::vector<bool> blames(layers.layers.size(), false);
    for (std::size_t i = 0; i < labels.values.size() && i < surveyIn.valid.size(); ++i) {
        const uint8_t v = labels.values[i];
        if ((v != LabelDeposit && v != LabelNonDeposit) || !surveyIn.valid[i] || layers.valid[i])
            continue;
        (v == LabelDeposit ? deposits : nonDeposits)++;
        for (std::size_t k = 0; k < layers.layers.size(); ++k)
            blames[k] = blames[k] || !layers.layers[k].valid[i];
    }
    if (deposits + nonDeposits == 0)
        return {};
    std::vector<std::string> names;
    for (std::size_t k = 0; k < blames.size(); ++k)
        if (blames[k])
            names.push_back(k < specs.size() && specs[k].kind == LayerSpec::Kind::File
                                ? specs[k].path
                                : "'" + (k < specs.size() ? specs[k].name : layers.names[k + 1]) + "'");
    std::string list;
    for (std::size_t k = 0; k < names.size(); ++k)
        list += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + names[k];
    auto count = [](std::size_t n, const char *what) {
        return std::to_string(n) + " " + what + " label" + (n == 1 ? "" : "s");
    };
    const std::size_t lost = deposits + nonDeposits;
    return std::to_string(lost) + " labelled pixel" + (lost == 1 ? "" : "s") + " (" + count(deposits, "deposit") +
           ", " + count(nonDeposits, "non-deposit") + ") " + (lost == 1 ? "lies" : "lie") +
           " on nodata of the input layer" + (names.size() == 1 ? " " : "s ") + list + " and " +
           (lost == 1 ? "is" : "are") +
           " left out: a run uses the pixels where the survey and every layer hold a value.";
}

std::vector<LabelledPosition> runPositions(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                                           PipelineResult &r, const Raster *surveyIn, const InputLayers *layers)
{
    if (!labels.grid.sameGrid(survey.grid))
        throw Error(ErrorCode::GridMismatch, "The labels are not on the survey's grid: they have " +
                                                 survey.grid.describeDifference(labels.grid) + ".");
    // Infinite cells of the survey as read: nodata that no format declares.
    if (const std::string infinite = infiniteCellsNote(surveyIn ? *surveyIn : survey); !infinite.empty())
        r.warnings.push_back(infinite);
    // The evaluation's baselines, the classifier's inputs and derived layers need the cells' size (but the local
    // standard deviation).
    const bool cellSized = params.evaluate || productsNeedCellSize(params.svmInputs, params.layers);
    if (cellSized)
        // A grid in degrees: before any work, the note on the cells' size (or the refusal of a grid reaching a pole).
        if (const std::string note = geographicCellsNote(survey); !note.empty())
            r.warnings.push_back(note);
    const AutoencoderParams &ap = params.autoencoder;
    if (ap.patchSize > survey.width() || ap.patchSize > survey.height())
        throw Error(ErrorCode::BadParameter,
                    "The patch size (" + std::to_string(ap.patchSize) + ") is larger than the survey " + survey.path +
                        " (" + std::to_string(survey.width()) + " x " + std::to_string(survey.height()) + ").");
    r.grid = survey.grid;
    r.valid = survey.valid;
    std::vector<LabelledPosition> positions = labelledPositions(labels, survey.valid);
    r.deposits = r.nonDeposits = 0;
    for (const auto &p : positions)
        (p.label == 1 ? r.deposits : r.nonDeposits)++;
    r.positions = positions;
    const std::string lostToLayers =
        surveyIn && layers && !params.layers.empty() && labels.grid.sameGrid(surveyIn->grid)
            ? labelsOnLayerNodata(*surveyIn, *layers, params.layers, labels)
            : std::string();
    if (r.deposits < 2 || r.nonDeposits < 2)
        throw Error(ErrorCode::TooFewLabels,
                    "At least 2 labelled positions of each class are needed on valid ground; there are " +
                        std::to_string(r.deposits) + " deposit and " + std::to_string(r.nonDeposits) + " non-deposit." +
                        (lostToLayers.empty() ? "" : " " + lostToLayers));
    if (!lostToLayers.empty())
        r.warnings.push_back(lostToLayers);
    return positions;
}

NormalizedImage trainAutoencoderStage(const Raster &survey, const PipelineParams &params, PipelineResult &r,
                                      Feedback *feedback, const InputLayers *layers)
{
    configureTorchThreads(params.threads);
    const auto t0 = Clock::now();
    const bool stacked = layers && !layers->layers.empty();
    NormalizedImage image = stacked ? normalizeLayers(layers->rasters(survey), survey.valid) : normalizeMinMax(survey);
    AutoencoderParams ap = params.autoencoder;
    ap.channels = image.channels;
    auto autoencoder = std::make_shared<Autoencoder>(ap, params.seed);
    autoencoder->setNormalization(image.offsets, image.scales);
    const auto centres = sampleValidPixels(survey.valid, std::size_t(params.autoencoder.trainPatches), params.seed);
    r.history = autoencoder->train(image, centres, feedback);
    r.autoencoder = autoencoder;
    addStageSeconds(r, "train_autoencoder", secondsSince(t0));
    return image;
}

ExperimentParams experimentParamsOf(const PipelineParams &params)
{
    ExperimentParams ep;
    static_cast<ExperimentSettings &>(ep) = params.experiments;
    ep.patchSize = params.autoencoder.patchSize;
    ep.seed = params.seed;
    ep.threads = params.threads;
    return ep;
}

std::vector<float> svmInputPlane(const Raster &survey, const std::string &name, Feedback *feedback)
{
    DeriveParams dp;
    if (!parseProductToken(name, dp) || dp.product == MagneticProduct::ReducedToPole ||
        dp.product == MagneticProduct::UpwardContinuation)
        throw Error(ErrorCode::BadParameter, "Unknown SVM input '" + name +
                                                 "': use hgrad, as, tilt, vd1 or localstd with its window, e.g. "
                                                 "localstd9.");
    return productPlane(survey, dp, feedback).data;
}

void appendSvmInputs(FeatureRasters &features, const Raster &survey, const std::vector<std::string> &names,
                     Feedback *feedback)
{
    for (const std::string &name : names) {
        const std::vector<float> plane = svmInputPlane(survey, name, feedback);
        features.data.insert(features.data.end(), plane.begin(), plane.end());
        features.names.push_back("input_" + name);
        ++features.count;
    }
}

PipelineParams paperPipelineParams()
{
    PipelineParams p;
    p.autoencoder = AutoencoderParams{};
    p.ensemble = 1;
    p.background = 0;
    p.svmInputs.clear();
    p.experiments.svm.kind = ClassifierKind::RbfSvm;
    p.experiments.depositBuffer = 0;
    p.cvSchemes = {CvScheme::Random};
    return p;
}

std::uint64_t memberSeed(std::uint64_t seed, int member)
{
    return member == 0 ? seed : deriveSeed(seed, 1000 + std::uint64_t(member));
}

void addStageSeconds(PipelineResult &r, const std::string &stage, double seconds)
{
    for (auto &[name, s] : r.stageSeconds)
        if (name == stage) {
            s += seconds;
            return;
        }
    r.stageSeconds.emplace_back(stage, seconds);
}

namespace {

void addWarnings(PipelineResult &r, const std::vector<ModeResult> &modes)
{
    for (const ModeResult &m : modes)
        for (const std::string &w : m.warnings)
            if (std::find(r.warnings.begin(), r.warnings.end(), w) == r.warnings.end())
                r.warnings.push_back(w);
}

/** The feature planes of the chosen encoder layers (1-based; empty: all), in a stack of filters[0] + filters[1] +
 *  filters[2] feature rasters, layer by layer. */
std::vector<int> planesOfLayers(const std::array<int, 3> &filters, const std::vector<int> &layers)
{
    std::vector<int> planes;
    int first = 0;
    for (int layer = 1; layer <= int(filters.size()); ++layer) {
        const bool chosen = layers.empty() || std::find(layers.begin(), layers.end(), layer) != layers.end();
        for (int k = 0; k < filters[std::size_t(layer - 1)]; ++k)
            if (chosen)
                planes.push_back(first + k);
        first += filters[std::size_t(layer - 1)];
    }
    return planes;
}

/** The projection of a member's stack for its logistic regression, over the feature rasters `kept` (planes of
 *  0 .. featurePlanes - 1; the others get no weight): their first `components` principal axes, standardised, from
 *  at most about 50,000 valid pixels taken at a fixed stride, or with components = 0 each kept raster on its own;
 *  then each later plane (the magnetic inputs) passed through on its own. */
std::shared_ptr<const LinearProjection> featureProjection(const FeatureStack &stack, int featurePlanes,
                                                          const std::vector<int> &kept, int components,
                                                          bool layersChosen)
{
    auto proj = std::make_shared<LinearProjection>();
    proj->mean = stack.mean;
    proj->invStd = stack.invStd;
    const int dim = int(stack.planes.size());
    const int used = int(kept.size());
    if (components > 0) {
        std::vector<std::size_t> pixels;
        for (std::size_t i = 0; i < stack.pixelCount(); ++i)
            if (stack.isValid(i))
                pixels.push_back(i);
        const std::size_t stride = std::max<std::size_t>(1, pixels.size() / 50000);
        std::vector<float> z;
        int n = 0;
        for (std::size_t j = 0; j < pixels.size(); j += stride, ++n)
            for (int d : kept)
                z.push_back((stack.planes[std::size_t(d)][pixels[j]] - stack.mean[std::size_t(d)]) *
                            stack.invStd[std::size_t(d)]);
        const std::vector<double> axes =
            n > 0 && used > 0 ? principalAxes(z, n, used, components) : std::vector<double>();
        const int rows = int(axes.size()) / std::max(used, 1);
        for (int k = 0; k < rows; ++k) {
            std::vector<double> row(std::size_t(dim), 0.0);
            for (int j = 0; j < used; ++j)
                row[std::size_t(kept[std::size_t(j)])] = axes[std::size_t(k) * std::size_t(used) + std::size_t(j)];
            proj->p.insert(proj->p.end(), row.begin(), row.end());
        }
    } else {
        for (int d : kept) // a constant raster would be a constant input: left out, as the standardisation would
            if (stack.invStd[std::size_t(d)] > 0)
                for (int e = 0; e < dim; ++e)
                    proj->p.push_back(e == d ? 1.0 : 0.0);
    }
    for (int e = featurePlanes; e < dim; ++e)
        for (int d = 0; d < dim; ++d)
            proj->p.push_back(d == e ? 1.0 : 0.0);
    if (proj->p.empty()) {
        // Nothing varies: the rasters themselves, whose constant planes get no weight; unless the user chose layers,
        // which would then be ignored.
        if (layersChosen)
            throw Error(ErrorCode::BadParameter,
                        "The feature rasters of the chosen encoder layers are constant over this survey and the "
                        "classifier has no magnetic inputs: nothing is left for it to learn from. Choose other "
                        "layers (--feature-layers) or add magnetic inputs (--svm-inputs).");
        return nullptr;
    }
    return proj;
}

/** The members' probability maps summed pixel by pixel, and the ensemble's map made of them: the mean probability,
 *  its standard deviation as the uncertainty, deposit where the mean is at least the class threshold. The run and
 *  classifyWithModel() both use it, so that a saved ensemble reproduces the run's maps. */
struct EnsembleSum {
    std::vector<double> sum, sumSq;
    int members = 0;

    void add(const std::vector<uint8_t> &valid, const std::vector<float> &probability)
    {
        if (sum.empty()) {
            sum.assign(valid.size(), 0.0);
            sumSq.assign(valid.size(), 0.0);
        }
        ++members;
        for (std::size_t i = 0; i < valid.size(); ++i)
            if (valid[i] && std::isfinite(probability[i])) {
                sum[i] += probability[i];
                sumSq[i] += double(probability[i]) * probability[i];
            }
    }
    /** Replaces r's probability and classes (its first member's) by the ensemble's and sets its uncertainty. */
    void finish(PipelineResult &r) const
    {
        r.uncertainty.assign(r.valid.size(), std::numeric_limits<float>::quiet_NaN());
        r.depositPixels = r.nonDepositPixels = 0;
        for (std::size_t i = 0; i < r.valid.size(); ++i) {
            if (!r.valid[i] || !std::isfinite(r.probability[i]))
                continue;
            const double mean = sum[i] / members;
            r.probability[i] = float(mean);
            r.uncertainty[i] = float(std::sqrt(std::max(0.0, sumSq[i] / members - mean * mean)));
            r.classes[i] = mean >= ClassThreshold ? 1 : 0;
            (r.classes[i] ? r.depositPixels : r.nonDepositPixels)++;
        }
    }
};

} // namespace

PipelineResult runPipeline(const Raster &surveyIn, const LabelImage &labels, const PipelineParams &params,
                           Feedback *feedback, FeatureReuse *reuse)
{
    checkParams(params, surveyIn.width(), surveyIn.height());
    checkSurveyValues(surveyIn);
    // Input layers besides the survey: on the survey's grid, a pixel valid where every layer is.
    InputLayers layers;
    Raster masked;
    double layerSeconds = 0;
    if (!params.layers.empty()) {
        const auto t0 = Clock::now();
        reportStage(feedback, Stage::InputLayers);
        layers = loadLayers(surveyIn, params.layers, feedback);
        masked = maskedSurvey(surveyIn, layers.valid);
        layerSeconds = secondsSince(t0);
    }
    const Raster &survey = params.layers.empty() ? surveyIn : masked;
    PipelineResult r;
    r.warnings = layers.warnings;
    if (!params.layers.empty())
        addStageSeconds(r, "input_layers", layerSeconds);
    const std::vector<LabelledPosition> positions = runPositions(survey, labels, params, r, &surveyIn, &layers);
    // The networks and feature rasters of an earlier run, when they were made from the same survey, layers and
    // settings: the labels play no part in them.
    r.featureKey = featureKeyOf(surveyIn, params, &layers);
    std::shared_ptr<const TrainedFeatures> given;
    if (reuse) {
        reuse->reused = false;
        reuse->notReused.clear();
        reuse->kept.reset();
        if (reuse->offered) {
            const std::string there = reuse->offered->source.empty() ? "memory" : reuse->offered->source;
            std::string difference = r.featureKey.differences(reuse->offered->key, there);
            if (difference.empty() && (reuse->offered->networks.size() != std::size_t(params.ensemble) ||
                                       reuse->offered->features.size() != std::size_t(params.ensemble)))
                difference = there + " holds " + std::to_string(reuse->offered->networks.size()) + " networks";
            if (difference.empty())
                given = reuse->offered;
            else if (reuse->required)
                throw Error(ErrorCode::BadParameter, "The networks and feature rasters in " + there +
                                                         " cannot be reused: they differ in " + difference + ".");
            else
                reuse->notReused = difference;
        }
        reuse->reused = given != nullptr;
    }
    if (given)
        r.featuresReusedFrom = given->source.empty() ? "memory" : given->source;
    auto kept = std::make_shared<TrainedFeatures>();
    kept->key = r.featureKey;
    kept->source = given ? given->source : std::string();
    // The map's classifier learns deposits against the labelled non-deposits and random background ground.
    std::vector<LabelledPosition> mapPositions = positions;
    if (params.background > 0) {
        LabelImage withBackground = labels;
        const double cell = std::max(std::hypot(survey.grid.geoTransform[1], survey.grid.geoTransform[4]),
                                     std::hypot(survey.grid.geoTransform[2], survey.grid.geoTransform[5]));
        const double distance = double(params.autoencoder.patchSize) * (survey.grid.hasGeoTransform ? cell : 1.0);
        int count = params.background;
        while (count > 0) {
            try {
                addRandomNegatives(withBackground, survey, count, distance, deriveSeed(params.seed, 5));
                break;
            } catch (const Error &) {
                count /= 2; // not that much free ground: fewer
            }
        }
        if (count < params.background)
            r.warnings.push_back("Only " + std::to_string(count) + " background positions instead of " +
                                 std::to_string(params.background) + " fit on valid unlabelled ground at least " +
                                 std::to_string(params.autoencoder.patchSize) + " pixels from every deposit.");
        const int w = survey.width();
        for (std::size_t i = 0; i < labels.values.size(); ++i)
            if (withBackground.values[i] == LabelNonDeposit && labels.values[i] != LabelNonDeposit && survey.valid[i])
                mapPositions.push_back({int(i % std::size_t(w)), int(i / std::size_t(w)), 0});
        r.backgroundPositions = mapPositions.size() - positions.size();
        r.background.assign(mapPositions.begin() + std::ptrdiff_t(positions.size()), mapPositions.end());
    }
    const std::size_t pixels = survey.grid.pixelCount();
    const int members = params.ensemble;
    r.ensemble = members;
    const double distance = double(params.autoencoder.patchSize);
    HeldOutPlan plan;
    if (params.evaluate)
        plan = heldOutPlan(mapPositions, survey.width(), distance, params.experiments.depositBuffer,
                           params.heldOutFolds, deriveSeed(params.seed, 4));
    // The deposit buffer never trains on a validation pixel: the prediction rate ranks them.
    std::shared_ptr<const std::vector<std::size_t>> unbuffered;
    if (params.experiments.depositBuffer > 0 && !params.validationPixels.empty()) {
        std::vector<std::size_t> sorted = params.validationPixels;
        std::sort(sorted.begin(), sorted.end());
        unbuffered = std::make_shared<const std::vector<std::size_t>>(std::move(sorted));
    }
    std::vector<std::vector<float>> heldOutSum(std::size_t(plan.folds));
    EnsembleSum ensemble;

    // The SVM's extra inputs do not depend on the member: computed once.
    FeatureRasters inputs;
    inputs.width = survey.width();
    inputs.height = survey.height();
    bool recompute = !given;
    if (given)
        for (const auto &f : given->features)
            recompute = recompute || !f;
    if (!params.svmInputs.empty() && recompute) {
        const auto t0 = Clock::now();
        reportStage(feedback, Stage::MagneticProducts);
        appendSvmInputs(inputs, survey, params.svmInputs, feedback);
        addStageSeconds(r, "svm_inputs", secondsSince(t0));
    }

    for (int m = 0; m < members; ++m) {
        PipelineParams pm = params;
        pm.seed = memberSeed(params.seed, m);
        PipelineResult mr;
        mr.grid = r.grid;
        mr.valid = r.valid;
        auto withInputs = [&inputs](FeatureRasters &f) {
            f.data.reserve(f.data.size() + inputs.data.size());
            f.data.insert(f.data.end(), inputs.data.begin(), inputs.data.end());
            f.names.insert(f.names.end(), inputs.names.begin(), inputs.names.end());
            f.count += inputs.count;
        };
        std::shared_ptr<const FeatureRasters> memberFeatures;
        auto t0 = Clock::now();
        if (given) {
            reportStage(feedback, Stage::ReusingNetwork, m + 1, members);
            mr.autoencoder = given->networks[std::size_t(m)];
            if (m == 0)
                mr.history.epochLoss = given->epochLoss;
            memberFeatures = given->features[std::size_t(m)];
            if (!memberFeatures) {
                // An ensemble read from a folder: its other members' rasters again from their networks, from the
                // survey normalised exactly as for training.
                configureTorchThreads(params.threads);
                reportStage(feedback, Stage::FeatureRasters, m + 1, members);
                const bool stacked = !layers.layers.empty();
                const NormalizedImage image =
                    stacked ? normalizeLayers(layers.rasters(survey), survey.valid) : normalizeMinMax(survey);
                FeatureRasters f = computeFeatures(*mr.autoencoder, image, survey.valid, params.featureMethod,
                                                   params.stride, feedback);
                withInputs(f);
                memberFeatures = std::make_shared<const FeatureRasters>(std::move(f));
                addStageSeconds(r, "feature_rasters", secondsSince(t0));
            }
            addStageSeconds(r, "reuse_features", secondsSince(t0));
        } else {
            reportStage(feedback, Stage::TrainingNetwork, m + 1, members);
            const NormalizedImage image = trainAutoencoderStage(survey, pm, mr, feedback, &layers);
            t0 = Clock::now();
            reportStage(feedback, Stage::FeatureRasters, m + 1, members);
            mr.features =
                computeFeatures(*mr.autoencoder, image, survey.valid, params.featureMethod, params.stride, feedback);
            withInputs(mr.features);
            addStageSeconds(r, "train_autoencoder", mr.stageSeconds.front().second);
            addStageSeconds(r, "feature_rasters", secondsSince(t0));
            if (reuse && reuse->keep)
                memberFeatures = std::make_shared<const FeatureRasters>(std::move(mr.features));
        }
        if (reuse && reuse->keep) {
            kept->networks.push_back(mr.autoencoder);
            kept->features.push_back(memberFeatures);
            if (m == 0)
                kept->epochLoss = mr.history.epochLoss;
        }
        const FeatureRasters &features = memberFeatures ? *memberFeatures : mr.features;
        ExperimentParams ep = experimentParamsOf(pm);
        ep.unbufferedPixels = unbuffered;
        FeatureStack stack = stackOf(features, r.valid);
        attachStatistics(stack, params.threads, feedback); // once for the map's, every fold's and CV's classifiers
        if ((params.featureComponents > 0 || !params.featureLayers.empty()) && ep.svm.kind == ClassifierKind::Logistic)
            // The network's own rasters come first, the magnetic inputs after them (reused rasters hold both).
            ep.pixelProjection =
                featureProjection(stack, mr.autoencoder->featureCount(),
                                  planesOfLayers(mr.autoencoder->params().filters, params.featureLayers),
                                  params.featureComponents, !params.featureLayers.empty());

        if (m == 0 && !params.cvSchemes.empty()) {
            t0 = Clock::now();
            reportStage(feedback, Stage::CrossValidating);
            for (CvScheme scheme : params.cvSchemes) {
                ExperimentParams cep = ep;
                cep.cvScheme = scheme;
                std::vector<ModeResult> modes = crossValidateModes(stack, positions, cep, params.cvModes, feedback);
                addWarnings(r, modes);
                (scheme == CvScheme::Spatial ? r.spatialCrossValidation : r.crossValidation) = std::move(modes);
            }
            addStageSeconds(r, "cross_validation", secondsSince(t0));
        }

        t0 = Clock::now();
        reportStage(feedback, Stage::Classifying, m + 1, members);
        mr.classifier = std::make_shared<Classifier>(Classifier::train(stack, mapPositions, params.mode, ep, feedback));
        classifyMap(mr, stack, feedback);
        addStageSeconds(r, "classification", secondsSince(t0));
        if (members > 1)
            ensemble.add(r.valid, mr.probability);

        if (params.evaluate && plan.folds > 0) {
            t0 = Clock::now();
            reportStage(feedback, Stage::HeldOutGroups, m + 1, members);
            // Every fold's classifier first (a few dozen positions each: cheap), then their maps: a linear machine's
            // in one pass over the rasters for all folds, any other fold by fold.
            std::vector<Classifier> foldClassifiers;
            std::vector<int> foldOf;
            for (int f = 0; f < plan.folds; ++f) {
                if (plan.training[std::size_t(f)].empty())
                    continue;
                foldClassifiers.push_back(
                    Classifier::train(stack, plan.training[std::size_t(f)], params.mode, ep, feedback));
                foldOf.push_back(f);
            }
            std::vector<const Classifier *> pointers;
            std::vector<float *> sums;
            for (std::size_t j = 0; j < foldClassifiers.size(); ++j) {
                std::vector<float> &acc = heldOutSum[std::size_t(foldOf[j])];
                if (acc.empty())
                    acc.assign(pixels, 0.0f);
                pointers.push_back(&foldClassifiers[j]);
                sums.push_back(acc.data());
            }
            if (!Classifier::linearProbabilities(stack, pointers, sums, true, feedback, params.threads)) {
                std::vector<uint8_t> classes;
                std::vector<float> probability;
                for (std::size_t j = 0; j < foldClassifiers.size(); ++j) {
                    foldClassifiers[j].classify(stack, classes, probability, feedback);
                    for (std::size_t i = 0; i < pixels; ++i)
                        sums[j][i] += probability[i];
                    reportProgress(feedback, double(j + 1) / double(foldClassifiers.size()));
                }
            }
            addStageSeconds(r, "held_out_groups", secondsSince(t0));
        }

        if (m > 0)
            r.members.emplace_back(mr.autoencoder, mr.classifier);
        if (m == 0) {
            if (reuse && !reuse->resultFeatures) {
                r.features = FeatureRasters();
                r.features.width = survey.width();
                r.features.height = survey.height();
            } else if (memberFeatures) {
                r.features = *memberFeatures;
            } else {
                r.features = std::move(mr.features);
            }
            r.history = mr.history;
            r.autoencoder = mr.autoencoder;
            r.classifier = mr.classifier;
            r.classes = std::move(mr.classes);
            r.probability = std::move(mr.probability);
            r.depositPixels = mr.depositPixels;
            r.nonDepositPixels = mr.nonDepositPixels;
            for (const std::string &w : r.classifier->warnings())
                if (std::find(r.warnings.begin(), r.warnings.end(), w) == r.warnings.end())
                    r.warnings.push_back(w);
        }
    }

    if (members > 1)
        ensemble.finish(r);
    if (reuse && reuse->keep)
        reuse->kept = kept;

    if (params.evaluate) {
        const auto t0 = Clock::now();
        reportStage(feedback, Stage::Evaluating);
        MapEvaluation &e = r.evaluation;
        e.groupDistance = distance;
        e.heldOutGroups = 0;
        e.depositGroups = plan.depositGroups;
        e.notes = plan.notes;
        const std::vector<std::size_t> training = depositPixels(labels.values, r.valid);
        e.trainingDeposits = int(training.size());
        std::vector<std::size_t> validation;
        {
            std::vector<std::size_t> given = params.validationPixels;
            std::sort(given.begin(), given.end());
            given.erase(std::unique(given.begin(), given.end()), given.end());
            for (std::size_t i : given)
                if (i < pixels && r.valid[i]) {
                    ++e.validationGiven;
                    if (labels.values[i] != LabelDeposit && labels.values[i] != LabelNonDeposit)
                        validation.push_back(i);
                }
            e.validationUsed = int(validation.size());
            if (e.validationUsed < e.validationGiven)
                e.notes.push_back(std::to_string(e.validationGiven - e.validationUsed) +
                                  " validation occurrences fall on labelled pixels and are left out of the "
                                  "prediction rate.");
        }
        // Held-out groups: each fold's deposits ranked against that fold's (ensemble mean) map. The curves are
        // independent and computed in parallel, then gathered in order.
        std::vector<RateCurve> foldCurves(static_cast<std::size_t>(plan.folds));
        parallelFor(plan.folds, params.threads, feedback, [&](int f) {
            if (!heldOutSum[std::size_t(f)].empty())
                foldCurves[std::size_t(f)] = rateCurve(heldOutSum[std::size_t(f)].data(), r.valid.data(), pixels,
                                                       plan.testDeposits[std::size_t(f)]);
        });
        std::vector<double> ranks;
        for (int f = 0; f < plan.folds; ++f) {
            if (heldOutSum[std::size_t(f)].empty())
                continue;
            ++e.heldOutGroups;
            const RateCurve &c = foldCurves[std::size_t(f)];
            ranks.insert(ranks.end(), c.rank.begin(), c.rank.end());
        }
        ScoreEvaluation model;
        model.name = members > 1 ? "ensemble" : "model";
        model.title = members > 1
                          ? "Lodestone ensemble of " + std::to_string(members) + " (" + svmModeName(params.mode) + ")"
                          : "Lodestone (" + svmModeName(params.mode) + ")";
        model.isModel = true;
        model.heldOut = rateCurveFromRanks(ranks);
        const std::vector<BaselineMap> baselines =
            magneticBaselines(survey, params.autoencoder.patchSize, feedback, params.threads);
        // The model's row, then one per baseline; their success and prediction curves computed in parallel.
        const std::size_t first = e.rows.size();
        e.rows.push_back(std::move(model));
        std::vector<const float *> scores{r.probability.data()};
        for (const BaselineMap &b : baselines) {
            ScoreEvaluation row;
            row.name = b.name;
            row.title = b.title;
            e.rows.push_back(std::move(row));
            scores.push_back(b.score.data());
        }
        parallelFor(int(scores.size()), params.threads, feedback, [&](int i) {
            ScoreEvaluation &row = e.rows[first + std::size_t(i)];
            row.success = rateCurve(scores[std::size_t(i)], r.valid.data(), pixels, training);
            if (!validation.empty())
                row.prediction = rateCurve(scores[std::size_t(i)], r.valid.data(), pixels, validation);
        });
        for (std::size_t i = first + 1; i < e.rows.size(); ++i)
            e.rows[i].heldOut = e.rows[i].success; // a baseline uses no labels: its held-out rate is its success
        addStageSeconds(r, "evaluation", secondsSince(t0));
    }
    return r;
}

namespace {

PipelineResult loadModelFile(const std::string &modelPath, const Raster &survey);

} // namespace

PipelineResult loadModel(const std::string &modelPath, const Raster &survey)
{
    std::error_code ec;
    if (std::filesystem::is_directory(modelPath, ec))
        throw Error(ErrorCode::BadParameter,
                    modelPath + " is a folder, not a model file: give the model.pt a run wrote (e.g. " +
                        (std::filesystem::path(modelPath) / "model.pt").string() + ").");
    // Every error names the model file, also those of the parts it holds (the classifier, the settings).
    try {
        return loadModelFile(modelPath, survey);
    } catch (const Error &e) {
        const std::string what = e.what();
        if (what.find(modelPath) != std::string::npos)
            throw;
        throw Error(e.code(), modelPath + ": " + what);
    }
}

namespace {

PipelineResult loadModelFile(const std::string &modelPath, const Raster &survey)
{
    std::vector<std::pair<std::string, std::string>> extras = {{"classifier", ""}, {"settings", ""}};
    auto autoencoder = std::make_shared<Autoencoder>(Autoencoder::load(modelPath, &extras));
    std::istringstream blob(extras[0].second);
    auto classifier = std::make_shared<Classifier>(Classifier::load(blob));
    const std::vector<std::string> inputs = svmInputsOfSettings(extras[1].second);
    const std::vector<LayerSpec> layers = layersOfSettings(extras[1].second);
    if (autoencoder->params().channels != 1 + int(layers.size()))
        throw Error(ErrorCode::BadModel, modelPath + " is inconsistent: its network reads " +
                                             std::to_string(autoencoder->params().channels) +
                                             " input layers and its settings name " +
                                             std::to_string(1 + layers.size()) + " (the survey and " +
                                             std::to_string(layers.size()) + " more).");
    if (classifier->planeCount() != autoencoder->featureCount() + int(inputs.size()))
        throw Error(ErrorCode::BadModel, modelPath + " is inconsistent: its classifier reads " +
                                             std::to_string(classifier->planeCount()) + " rasters, its encoder makes " +
                                             std::to_string(autoencoder->featureCount()) + " and its settings name " +
                                             std::to_string(inputs.size()) + " magnetic products.");
    const int p = autoencoder->params().patchSize;
    if (p > survey.width() || p > survey.height())
        throw Error(ErrorCode::BadParameter, "The model's patch size (" + std::to_string(p) +
                                                 ") is larger than the survey " + survey.path + ".");
    configureTorchThreads(0);
    PipelineResult r;
    r.grid = survey.grid;
    r.valid = survey.valid;
    r.autoencoder = autoencoder;
    r.classifier = classifier;
    r.svmInputs = inputs;
    r.warnings = modelGridWarnings(extras[1].second, survey.grid, modelPath);
    r.layers = layers;
    const int members = ensembleOfSettings(extras[1].second);
    if (members < 1)
        throw Error(ErrorCode::BadModel, modelPath + " has a damaged ensemble size in its settings.");
    r.ensemble = members;
    if (members > 1) {
        std::vector<std::pair<std::string, std::string>> blobs;
        for (int m = 1; m < members; ++m)
            blobs.emplace_back("member" + std::to_string(m), "");
        Autoencoder::load(modelPath, &blobs);
        for (const auto &[name, bytes] : blobs) {
            std::vector<std::pair<std::string, std::string>> own = {{"classifier", ""}};
            auto network = std::make_shared<Autoencoder>(
                Autoencoder::deserialize(bytes.data(), bytes.size(), modelPath + " (" + name + ")", &own));
            std::istringstream memberBlob(own[0].second);
            auto memberClassifier = std::make_shared<Classifier>(Classifier::load(memberBlob));
            if (network->params().channels != autoencoder->params().channels ||
                network->params().patchSize != autoencoder->params().patchSize ||
                memberClassifier->planeCount() != classifier->planeCount())
                throw Error(ErrorCode::BadModel, modelPath + " is inconsistent: its ensemble member " + name.substr(6) +
                                                     " is not built like member 0.");
            r.members.emplace_back(network, memberClassifier);
        }
    }
    return r;
}

} // namespace

PipelineResult classifyWithModel(PipelineResult model, const Raster &surveyIn, int stride, FeatureMethod method,
                                 Feedback *feedback)
{
    checkSurveyValues(surveyIn);
    PipelineResult r = std::move(model);
    const std::shared_ptr<Autoencoder> autoencoder = r.autoencoder;
    auto t0 = Clock::now();
    InputLayers layers;
    Raster masked;
    if (!r.layers.empty()) {
        reportStage(feedback, Stage::InputLayers);
        layers = loadLayers(surveyIn, r.layers, feedback);
        masked = maskedSurvey(surveyIn, layers.valid);
        r.warnings.insert(r.warnings.end(), layers.warnings.begin(), layers.warnings.end());
        r.valid = masked.valid;
        r.stageSeconds.emplace_back("input_layers", secondsSince(t0));
        t0 = Clock::now();
    }
    const Raster &survey = r.layers.empty() ? surveyIn : masked;
    const int members = 1 + int(r.members.size());
    reportStage(feedback, Stage::FeatureRasters, 1, members);
    const NormalizedImage image = normalizeLayersWith(layers.rasters(survey), autoencoder->normalizationOffsets(),
                                                      autoencoder->normalizationScales(), survey.valid);
    r.features = computeFeatures(*autoencoder, image, survey.valid, method, stride, feedback);
    FeatureRasters inputs;
    inputs.width = survey.width();
    inputs.height = survey.height();
    appendSvmInputs(inputs, survey, r.svmInputs, feedback);
    auto withInputs = [&inputs](FeatureRasters &f) {
        f.data.insert(f.data.end(), inputs.data.begin(), inputs.data.end());
        f.names.insert(f.names.end(), inputs.names.begin(), inputs.names.end());
        f.count += inputs.count;
    };
    withInputs(r.features);
    addStageSeconds(r, "feature_rasters", secondsSince(t0));
    t0 = Clock::now();
    reportStage(feedback, Stage::Classifying, 1, members);
    classifyMap(r, stackOf(r.features, r.valid), feedback);
    addStageSeconds(r, "classification", secondsSince(t0));
    if (members == 1)
        return r;
    // An ensemble: every member's network and classifier, the map their mean and the uncertainty their spread, as
    // the run made them.
    EnsembleSum ensemble;
    ensemble.add(r.valid, r.probability);
    for (int m = 1; m < members; ++m) {
        const auto &[network, memberClassifier] = r.members[std::size_t(m - 1)];
        t0 = Clock::now();
        reportStage(feedback, Stage::FeatureRasters, m + 1, members);
        FeatureRasters features =
            computeFeatures(*network,
                            normalizeLayersWith(layers.rasters(survey), network->normalizationOffsets(),
                                                network->normalizationScales(), survey.valid),
                            survey.valid, method, stride, feedback);
        withInputs(features);
        addStageSeconds(r, "feature_rasters", secondsSince(t0));
        t0 = Clock::now();
        reportStage(feedback, Stage::Classifying, m + 1, members);
        std::vector<uint8_t> classes;
        std::vector<float> probability;
        memberClassifier->classify(stackOf(features, r.valid), classes, probability, feedback);
        ensemble.add(r.valid, probability);
        addStageSeconds(r, "classification", secondsSince(t0));
    }
    ensemble.finish(r);
    return r;
}

std::vector<ColorEntry> classColorTable()
{
    return {{0, 49, 104, 200, 255}, {1, 220, 40, 30, 255}, {255, 0, 0, 0, 0}};
}

void prepareOutputFolder(const std::string &folder)
{
    namespace fs = std::filesystem;
    if (folder.empty())
        throw Error(ErrorCode::BadParameter, "No output folder was given.");
    std::error_code ec;
    fs::create_directories(folder, ec);
    const std::string why = ec ? ec.message() : "";
    if (!fs::is_directory(folder, ec)) {
        // Say why: the usual causes are a file in the way (the folder or one of its parents) and permissions.
        std::string cause = why;
        for (fs::path p = fs::path(folder); !p.empty(); p = p.parent_path()) {
            if (fs::exists(p, ec) && !fs::is_directory(p, ec)) {
                cause = p.string() + " is a file, not a folder";
                break;
            }
            if (p == p.parent_path())
                break;
        }
        throw Error(ErrorCode::WriteFailed,
                    "Cannot create the output folder " + folder + (cause.empty() ? "." : ": " + cause + "."));
    }
    const fs::path probe = fs::path(folder) / (".lodestone-probe-" + std::to_string(::getpid()));
    {
        std::ofstream out(probe);
        if (!out)
            throw Error(ErrorCode::WriteFailed, "Cannot write into the output folder " + folder + ".");
    }
    fs::remove(probe, ec);
}

namespace {

const char *const kCommitJournal = ".lodestone-commit"; // OutputStaging's journal of a commit in progress

} // namespace

std::vector<std::string> resultFileNames()
{
    std::vector<std::string> names{"labels_used.gpkg", "model.pt",     "report.json",
                                   "report.html",      kCommitJournal, "classes.tif.aux.xml"};
    for (const char *base : {"classes", "probability", "uncertainty", "features"})
        for (const char *ending : {".tif", ".qml", ".tif.aux.xml", ".tif.ovr"})
            names.push_back(std::string(base) + ending);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

void refuseResultsOverInputs(const std::string &folder, const std::vector<std::pair<std::string, std::string>> &inputs,
                             bool writesModel)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec))
        return; // a folder still to be made holds no input
    for (const auto &[what, path] : inputs) {
        if (path.empty() || !fs::exists(path, ec))
            continue;
        for (const std::string &name : resultFileNames()) {
            if (name == "model.pt" && !writesModel)
                continue;
            const fs::path target = fs::path(folder) / name;
            if (fs::exists(target, ec) && fs::equivalent(target, path, ec) && !ec)
                throw Error(ErrorCode::BadParameter,
                            "The output folder " + folder + " holds the " + what + " " + path + " under the name " +
                                name +
                                ", which the results take: they would replace it. Choose another output "
                                "folder, or rename the " +
                                what + ".");
        }
    }
}

namespace {

/** Removes the staging folders that killed runs left in folder: ".lodestone-partial-PID" of a PID that no longer
 *  runs (a running one, e.g. another run writing into the same folder, is left alone). */
void removeAbandonedStaging(const std::string &folder)
{
    namespace fs = std::filesystem;
    const std::string prefix = ".lodestone-partial-";
    std::error_code ec;
    std::vector<fs::path> abandoned; // collected first: removing while iterating could skip entries
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() ||
            name.find_first_not_of("0123456789", prefix.size()) != std::string::npos || name.size() > prefix.size() + 9)
            continue;
        const long pid = std::stol(name.substr(prefix.size()));
        if (pid <= 0 || pid == long(::getpid()) || ::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
            continue;
        abandoned.push_back(it->path());
    }
    for (const fs::path &p : abandoned)
        fs::remove_all(p, ec);
}

} // namespace

namespace {

/** A name the journal may hold: one file directly in the folder. */
bool plainFileName(const std::string &n)
{
    return !n.empty() && n != "." && n != ".." && n.find('/') == std::string::npos &&
           n.find('\n') == std::string::npos && n.find('\0') == std::string::npos;
}

struct CommitJournal {
    long pid = 0;
    std::string staging; ///< the staging folder's name inside the folder
    std::vector<std::string> moves, removes;
};

std::string journalText(const CommitJournal &j)
{
    std::string s = "lodestone-commit 1\npid " + std::to_string(j.pid) + "\nstaging " + j.staging + "\n";
    for (const std::string &n : j.moves)
        s += "move " + n + "\n";
    for (const std::string &n : j.removes)
        s += "remove " + n + "\n";
    return s + "end\n";
}

CommitJournal readJournal(const std::string &path)
{
    std::ifstream in(path);
    const auto bad = [&](const std::string &why) {
        return Error(ErrorCode::WriteFailed, "The commit journal " + path + " of an interrupted run is unreadable (" +
                                                 why + "); remove it and run again.");
    };
    std::string line;
    if (!in || !std::getline(in, line) || line != "lodestone-commit 1")
        throw bad("not a Lodestone commit journal of version 1");
    CommitJournal j;
    bool ended = false;
    while (std::getline(in, line)) {
        const std::size_t space = line.find(' ');
        const std::string key = line.substr(0, space), value = space == std::string::npos ? "" : line.substr(space + 1);
        if (key == "end") {
            ended = true;
            break;
        }
        if (key == "pid") {
            if (value.empty() || value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos)
                throw bad("pid is not a process number");
            j.pid = std::stol(value);
        } else if (!plainFileName(value)) {
            throw bad("'" + line + "' names no file of the folder");
        } else if (key == "staging") {
            j.staging = value;
        } else if (key == "move") {
            j.moves.push_back(value);
        } else if (key == "remove") {
            j.removes.push_back(value);
        } else {
            throw bad("unknown line '" + line + "'");
        }
    }
    if (!ended || j.pid <= 0 || j.staging.rfind(".lodestone-partial-", 0) != 0)
        throw bad("it is incomplete");
    return j;
}

void faultStep(int &step)
{
    if (OutputStaging::faultHook)
        OutputStaging::faultHook(step);
    ++step;
}

/** Moves and removes what j says, in its order; every step can be repeated, so a commit interrupted again is
 *  completed by the next call. */
void carryOut(const std::string &folder, const CommitJournal &j, int &step)
{
    namespace fs = std::filesystem;
    const fs::path dir(folder), staging = dir / j.staging;
    std::error_code ec;
    for (const std::string &n : j.moves) {
        faultStep(step);
        if (!fs::exists(staging / n, ec))
            continue; // moved before an interruption
        fs::rename(staging / n, dir / n, ec);
        if (ec)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + (dir / n).string() + ": " + ec.message());
    }
    for (const std::string &n : j.removes) {
        if (std::find(j.moves.begin(), j.moves.end(), n) != j.moves.end())
            continue;
        faultStep(step);
        fs::remove(dir / n, ec);
        if (ec)
            throw Error(ErrorCode::WriteFailed,
                        "Cannot remove " + (dir / n).string() + ", an output of an earlier run: " + ec.message());
    }
}

} // namespace

void (*OutputStaging::faultHook)(int) = nullptr;

bool completeInterruptedCommit(const std::string &folder)
{
    namespace fs = std::filesystem;
    const fs::path journal = fs::path(folder) / kCommitJournal;
    std::error_code ec;
    if (!fs::exists(journal, ec))
        return false;
    const CommitJournal j = readJournal(journal.string());
    if (j.pid != long(::getpid()) && (::kill(pid_t(j.pid), 0) == 0 || errno != ESRCH))
        return false; // that run is still committing
    int step = 0;
    try {
        carryOut(folder, j, step);
    } catch (const Error &e) {
        throw Error(ErrorCode::WriteFailed, "The run that last wrote " + folder +
                                                " was stopped while it replaced its results, and they cannot be "
                                                "completed: " +
                                                e.what());
    }
    fs::remove(journal, ec);
    if (ec)
        throw Error(ErrorCode::WriteFailed, "Cannot remove " + journal.string() + ": " + ec.message());
    fs::remove_all(fs::path(folder) / j.staging, ec);
    return true;
}

OutputStaging::OutputStaging(const std::string &folder) : m_folder(folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    prepareOutputFolder(folder);
    completeInterruptedCommit(folder); // before the staging folders are cleaned: the journal names one
    removeAbandonedStaging(folder);
    m_staging = (fs::path(folder) / (".lodestone-partial-" + std::to_string(::getpid()))).string();
    fs::remove_all(m_staging, ec);
    if (!fs::create_directory(m_staging, ec))
        throw Error(ErrorCode::WriteFailed,
                    "Cannot write into the output folder " + folder + ": it is not writable (" + ec.message() + ").");
}

OutputStaging::~OutputStaging()
{
    std::error_code ec;
    std::filesystem::remove_all(m_staging, ec);
}

std::string OutputStaging::path(const std::string &name)
{
    if (std::find(m_names.begin(), m_names.end(), name) == m_names.end())
        m_names.push_back(name);
    return (std::filesystem::path(m_staging) / name).string();
}

void OutputStaging::commit(const std::vector<std::string> &remove)
{
    namespace fs = std::filesystem;
    CommitJournal j;
    j.pid = long(::getpid());
    j.staging = fs::path(m_staging).filename().string();
    j.moves = m_names;
    // The report goes last: a folder whose report.json is new holds a complete run.
    auto report = std::find(j.moves.begin(), j.moves.end(), "report.json");
    if (report != j.moves.end())
        std::rotate(report, report + 1, j.moves.end());
    for (const std::string &n : remove)
        if (plainFileName(n) && std::find(m_names.begin(), m_names.end(), n) == m_names.end())
            j.removes.push_back(n);
    const std::string journal = (fs::path(m_folder) / kCommitJournal).string();
    int step = 0;
    faultStep(step);
    writeTextFileAtomically(journal, journalText(j));
    carryOut(m_folder, j, step);
    faultStep(step);
    std::error_code ec;
    fs::remove(journal, ec);
    if (ec)
        throw Error(ErrorCode::WriteFailed, "Cannot remove " + journal + ": " + ec.message());
}

void writePipelineOutputs(const PipelineResult &r, const PipelineParams &p, const RunContext &c,
                          const std::string &folder, Feedback *feedback, bool writeModel, const Raster *survey)
{
    OutputStaging staging(folder);
    reportStage(feedback, Stage::WritingOutputs);
    writeByteGeoTiff(staging.path("classes.tif"), r.grid, r.classes.data(), 255, classColorTable(), feedback);
    writeFloatGeoTiff(staging.path("probability.tif"), r.grid, {r.probability.data()}, -9999.0f,
                      {"deposit probability"}, Compression::Deflate, feedback);
    if (!r.uncertainty.empty())
        writeFloatGeoTiff(staging.path("uncertainty.tif"), r.grid, {r.uncertainty.data()}, -9999.0f,
                          {"standard deviation of the ensemble's deposit probability"}, Compression::Deflate, feedback);
    reportProgress(feedback, 0.2);
    checkCanceled(feedback);
    writeFloatGeoTiff(staging.path("features.tif"), r.grid, r.features.planes(), -9999.0f, r.features.names,
                      Compression::Fast, feedback);
    if (feedback)
        feedback->setProgressRange(0.6, 0.8);
    const OutputSummary outputs = finishRunOutputs(staging, r, p, c, feedback);
    if (feedback)
        feedback->setProgressRange(0.0, 1.0);
    reportProgress(feedback, 0.8);
    if (writeModel) {
        std::ostringstream blob;
        r.classifier->save(blob);
        // An ensemble's other members go inside model.pt as whole models of their own (network and classifier).
        std::vector<std::pair<std::string, std::string>> extras = {
            {"classifier", blob.str()},
            {"settings", settingsBlob(p) + modelGridSettings(r.grid, c.surveyPath) +
                             featureReuseSettings(r.featureKey,
                                                  r.featureKey.empty() ? 0 : featureContentHash(r.features, r.valid))}};
        for (std::size_t m = 0; m < r.members.size(); ++m) {
            std::ostringstream memberBlob;
            r.members[m].second->save(memberBlob);
            extras.emplace_back(
                "member" + std::to_string(m + 1),
                r.members[m].first->serialize({{"classifier", memberBlob.str()}}, folder + "/model.pt"));
        }
        r.autoencoder->save(staging.path("model.pt"), extras);
    }
    writeTextFileAtomically(staging.path("report.html"), htmlReport(r, p, c, survey));
    writeTextFileAtomically(staging.path("report.json"), pipelineReportJson(r, p, c, &outputs));
    checkCanceled(feedback);
    // An uncertainty map of an earlier ensemble run would not describe these results: it goes with the commit.
    staging.commit(staleOutputs(outputs));
    reportProgress(feedback, 1.0);
}

std::string modelSettingsBlob(const PipelineParams &params)
{
    return settingsBlob(params);
}

} // namespace lodestone
