#include "pipeline.h"

#include "error.h"
#include "feedback.h"
#include "jsonwriter.h"
#include "labels.h"
#include "lodestone_version.h"
#include "patches.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
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

void classifyMap(PipelineResult &r, Feedback *feedback)
{
    r.classifier->classify(stackOf(r.features, r.valid), r.classes, r.probability, feedback);
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
    return s.str();
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
                               const std::vector<uint8_t> &valid, FeatureMethod method, int stride,
                               Feedback *feedback)
{
    if (method == FeatureMethod::Dense)
        return denseFeatures(model, image, valid, feedback);
    return stitchFeaturesExact(model, image, valid, stride, feedback);
}

std::vector<LabelledPosition> runPositions(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                                           PipelineResult &r)
{
    if (!labels.grid.sameGrid(survey.grid))
        throw Error(ErrorCode::GridMismatch, "The labels are not on the survey's grid: they have " +
                                                 survey.grid.describeDifference(labels.grid) + ".");
    const AutoencoderParams &ap = params.autoencoder;
    if (ap.patchSize > survey.width() || ap.patchSize > survey.height())
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(ap.patchSize) +
                                                 ") is larger than the survey " + survey.path + " (" +
                                                 std::to_string(survey.width()) + " x " +
                                                 std::to_string(survey.height()) + ").");
    r.grid = survey.grid;
    r.valid = survey.valid;
    std::vector<LabelledPosition> positions = labelledPositions(labels, survey.valid);
    r.deposits = r.nonDeposits = 0;
    for (const auto &p : positions)
        (p.label == 1 ? r.deposits : r.nonDeposits)++;
    if (r.deposits < 2 || r.nonDeposits < 2)
        throw Error(ErrorCode::TooFewLabels, "At least 2 labelled positions of each class are needed on valid ground; "
                                             "there are " + std::to_string(r.deposits) + " deposit and " +
                                                 std::to_string(r.nonDeposits) + " non-deposit.");
    return positions;
}

NormalizedImage trainAutoencoderStage(const Raster &survey, const PipelineParams &params, PipelineResult &r,
                                      Feedback *feedback)
{
    configureTorchThreads(params.threads);
    const auto t0 = Clock::now();
    reportStage(feedback, "Training autoencoder");
    NormalizedImage image = normalizeMinMax(survey);
    auto autoencoder = std::make_shared<Autoencoder>(params.autoencoder, params.seed);
    autoencoder->setNormalization(image.offset, image.scale);
    const auto centres = sampleValidPixels(survey.valid, std::size_t(params.autoencoder.trainPatches), params.seed);
    r.history = autoencoder->train(image, centres, feedback);
    r.autoencoder = autoencoder;
    r.stageSeconds.emplace_back("train_autoencoder", secondsSince(t0));
    return image;
}

ExperimentParams experimentParamsOf(const PipelineParams &params)
{
    ExperimentParams ep = params.experiments;
    ep.patchSize = params.autoencoder.patchSize;
    ep.seed = params.seed;
    ep.threads = params.threads;
    return ep;
}

PipelineResult runPipeline(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                           Feedback *feedback)
{
    PipelineResult r;
    const std::vector<LabelledPosition> positions = runPositions(survey, labels, params, r);
    const NormalizedImage image = trainAutoencoderStage(survey, params, r, feedback);
    const Autoencoder *autoencoder = r.autoencoder.get();

    auto t0 = Clock::now();
    reportStage(feedback, "Computing feature rasters");
    r.features = computeFeatures(*autoencoder, image, survey.valid, params.featureMethod, params.stride, feedback);
    r.stageSeconds.emplace_back("feature_rasters", secondsSince(t0));

    t0 = Clock::now();
    reportStage(feedback, "Cross-validating");
    const ExperimentParams ep = experimentParamsOf(params);
    const FeatureStack stack = stackOf(r.features, r.valid);
    r.crossValidation = crossValidateModes(stack, positions, ep, params.cvModes, feedback);
    for (const ModeResult &m : r.crossValidation)
        for (const std::string &w : m.warnings)
            if (std::find(r.warnings.begin(), r.warnings.end(), w) == r.warnings.end())
                r.warnings.push_back(w);
    r.stageSeconds.emplace_back("cross_validation", secondsSince(t0));

    t0 = Clock::now();
    reportStage(feedback, "Classifying the map");
    r.classifier = std::make_shared<Classifier>(Classifier::train(stack, positions, params.mode, ep, feedback));
    classifyMap(r, feedback);
    r.stageSeconds.emplace_back("classification", secondsSince(t0));
    return r;
}

PipelineResult loadModel(const std::string &modelPath, const Raster &survey)
{
    std::vector<std::pair<std::string, std::string>> extras = {{"classifier", ""}};
    auto autoencoder = std::make_shared<Autoencoder>(Autoencoder::load(modelPath, &extras));
    std::istringstream blob(extras[0].second);
    auto classifier = std::make_shared<Classifier>(Classifier::load(blob));
    if (classifier->planeCount() != autoencoder->featureCount())
        throw Error(ErrorCode::BadModel, modelPath + " is inconsistent: its classifier reads " +
                                             std::to_string(classifier->planeCount()) + " feature rasters, its encoder makes " +
                                             std::to_string(autoencoder->featureCount()) + ".");
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
    return r;
}

PipelineResult classifyWithModel(PipelineResult model, const Raster &survey, int stride, FeatureMethod method,
                                 Feedback *feedback)
{
    PipelineResult r = std::move(model);
    const std::shared_ptr<Autoencoder> autoencoder = r.autoencoder;
    auto t0 = Clock::now();
    reportStage(feedback, "Computing feature rasters");
    const NormalizedImage image =
        normalizeWith(survey, autoencoder->normalizationOffset(), autoencoder->normalizationScale());
    r.features = computeFeatures(*autoencoder, image, survey.valid, method, stride, feedback);
    r.stageSeconds.emplace_back("feature_rasters", secondsSince(t0));
    t0 = Clock::now();
    reportStage(feedback, "Classifying the map");
    classifyMap(r, feedback);
    r.stageSeconds.emplace_back("classification", secondsSince(t0));
    return r;
}

std::vector<ColorEntry> classColorTable()
{
    return {{0, 49, 104, 200, 255}, {1, 220, 40, 30, 255}, {255, 0, 0, 0, 0}};
}

std::string pipelineReportJson(const PipelineResult &r, const PipelineParams &p, const RunContext &c)
{
    JsonWriter w;
    w.beginObject();
    w.field("lodestone_version", LODESTONE_VERSION);
    w.key("command_line");
    w.beginArray();
    for (const auto &a : c.commandLine)
        w.value(a);
    w.endArray();

    w.key("survey");
    w.beginObject();
    w.field("path", c.surveyPath);
    w.field("band", c.band);
    w.field("width", r.grid.width);
    w.field("height", r.grid.height);
    std::size_t validCount = 0;
    for (uint8_t v : r.valid)
        validCount += v;
    w.field("valid_pixels", (unsigned long long)validCount);
    w.field("crs_wkt", r.grid.crsWkt);
    w.endObject();

    w.key("labels");
    w.beginObject();
    w.field("source", c.labelsPath);
    w.field("kind", c.labelsKind);
    w.field("deposit", (unsigned long long)r.deposits);
    w.field("non_deposit", (unsigned long long)r.nonDeposits);
    w.endObject();

    w.field("seed", (unsigned long long)p.seed);
    w.key("settings");
    w.beginObject();
    const AutoencoderParams &a = p.autoencoder;
    w.field("patch_size", a.patchSize);
    w.key("filters");
    w.beginArray();
    for (int f : a.filters)
        w.value(f);
    w.endArray();
    w.field("train_patches", a.trainPatches);
    w.field("epochs", a.epochs);
    w.field("batch_size", a.batchSize);
    w.field("learning_rate", a.learningRate);
    w.field("stride", p.stride);
    w.field("feature_method", featureMethodName(p.featureMethod));
    w.field("normalisation", "min-max over valid pixels");
    w.field("mode", svmModeName(p.mode));
    w.field("folds", p.experiments.folds);
    w.field("positions_per_class", p.experiments.perClass);
    w.field("patch_resize", p.experiments.patchResize);
    if (p.experiments.svm.c > 0)
        w.field("svm_c", p.experiments.svm.c);
    else
        w.field("svm_c", "auto");
    if (p.experiments.svm.gamma > 0)
        w.field("svm_gamma", p.experiments.svm.gamma);
    else
        w.field("svm_gamma", "auto");
    w.field("threads", p.threads);
    w.field("streamed", r.stripRows > 0);
    if (r.stripRows > 0)
        w.field("strip_rows", r.stripRows);
    w.endObject();

    w.key("stage_seconds");
    w.beginObject();
    double total = 0;
    for (const auto &[stage, s] : r.stageSeconds) {
        w.field(stage, s);
        total += s;
    }
    w.field("total", total);
    w.endObject();
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    w.field("peak_rss_mb", double(usage.ru_maxrss) / 1024.0);
    w.field("loss_per_epoch", r.history.epochLoss);

    w.key("cross_validation");
    w.beginObject();
    for (const ModeResult &m : r.crossValidation) {
        w.key(svmModeName(m.mode));
        w.beginObject();
        w.field("accuracy", m.accuracy);
        w.field("precision", m.precision);
        w.field("recall", m.recall);
        w.field("f1", m.f1);
        w.field("folds", m.folds);
        w.field("positions", m.positions);
        w.field("fold_accuracy", m.foldAccuracy);
        w.field("svm_c", m.c);
        w.field("svm_gamma", m.gamma);
        w.key("confusion_matrix");
        w.beginObject();
        w.field("rows", "reference (non-deposit, deposit)");
        w.field("columns", "predicted (non-deposit, deposit)");
        w.key("values");
        w.beginArray();
        w.beginArray();
        w.value((long long)m.confusion.tn);
        w.value((long long)m.confusion.fp);
        w.endArray();
        w.beginArray();
        w.value((long long)m.confusion.fn);
        w.value((long long)m.confusion.tp);
        w.endArray();
        w.endArray();
        w.endObject();
        w.endObject();
    }
    w.endObject();

    std::size_t dep = r.depositPixels, non = r.nonDepositPixels;
    if (!r.classes.empty()) {
        dep = non = 0;
        for (uint8_t v : r.classes) {
            dep += v == 1;
            non += v == 0;
        }
    }
    w.key("classification");
    w.beginObject();
    w.field("mode", svmModeName(p.mode));
    w.field("deposit_pixels", (unsigned long long)dep);
    w.field("non_deposit_pixels", (unsigned long long)non);
    w.field("deposit_fraction", dep + non ? double(dep) / double(dep + non) : 0.0);
    w.endObject();

    w.key("warnings");
    w.beginArray();
    for (const auto &s : r.warnings)
        w.value(s);
    w.endArray();
    w.key("libraries");
    w.beginObject();
    for (const auto &[name, version] : libraryVersions())
        w.field(name, version);
    w.endObject();
    w.endObject();
    return w.str() + "\n";
}

void prepareOutputFolder(const std::string &folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorCode::WriteFailed, "Cannot create the output folder " + folder + ".");
    const fs::path probe = fs::path(folder) / (".lodestone-probe-" + std::to_string(::getpid()));
    {
        std::ofstream out(probe);
        if (!out)
            throw Error(ErrorCode::WriteFailed, "Cannot write into the output folder " + folder + ".");
    }
    fs::remove(probe, ec);
}

OutputStaging::OutputStaging(const std::string &folder) : m_folder(folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    prepareOutputFolder(folder);
    m_staging = (fs::path(folder) / (".lodestone-partial-" + std::to_string(::getpid()))).string();
    fs::remove_all(m_staging, ec);
    if (!fs::create_directory(m_staging, ec))
        throw Error(ErrorCode::WriteFailed, "Cannot write into the output folder " + folder +
                                                ": it is not writable (" + ec.message() + ").");
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

void OutputStaging::commit()
{
    namespace fs = std::filesystem;
    std::vector<std::string> order = m_names;
    // The report goes last: a folder whose report.json is new holds a complete run.
    auto report = std::find(order.begin(), order.end(), "report.json");
    if (report != order.end())
        std::rotate(report, report + 1, order.end());
    std::error_code ec;
    for (const std::string &n : order) {
        fs::rename(fs::path(m_staging) / n, fs::path(m_folder) / n, ec);
        if (ec)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + (fs::path(m_folder) / n).string() + ": " + ec.message());
    }
}

void writePipelineOutputs(const PipelineResult &r, const PipelineParams &p, const RunContext &c,
                          const std::string &folder, Feedback *feedback, bool writeModel)
{
    OutputStaging staging(folder);
    reportStage(feedback, "Writing outputs");
    writeByteGeoTiff(staging.path("classes.tif"), r.grid, r.classes.data(), 255, classColorTable(), feedback);
    writeFloatGeoTiff(staging.path("probability.tif"), r.grid, {r.probability.data()}, -9999.0f,
                      {"deposit probability"}, Compression::Deflate, feedback);
    reportProgress(feedback, 0.2);
    checkCanceled(feedback);
    writeFloatGeoTiff(staging.path("features.tif"), r.grid, r.features.planes(), -9999.0f, r.features.names, Compression::Fast,
                      feedback);
    reportProgress(feedback, 0.8);
    if (writeModel) {
        std::ostringstream blob;
        r.classifier->save(blob);
        r.autoencoder->save(staging.path("model.pt"), {{"classifier", blob.str()}, {"settings", settingsBlob(p)}});
    }
    writeTextFileAtomically(staging.path("report.json"), pipelineReportJson(r, p, c));
    checkCanceled(feedback);
    staging.commit();
    reportProgress(feedback, 1.0);
}

std::string modelSettingsBlob(const PipelineParams &params)
{
    return settingsBlob(params);
}

} // namespace lodestone
