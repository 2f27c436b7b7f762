// A whole job from files to files (job.h).
#include "job.h"

#include "layers.h"

#include "error.h"
#include "featurereuse.h"
#include "feedback.h"
#include "labelsused.h"
#include "streaming.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>

namespace lodestone {

namespace {

void warn(const WarningSink &sink, const std::vector<std::string> &warnings)
{
    if (sink && !warnings.empty())
        sink(warnings);
}

/** The warnings of result after its first count (those of the inputs). */
std::vector<std::string> warningsAfter(const PipelineResult &result, std::size_t count)
{
    return std::vector<std::string>(result.warnings.begin() + std::ptrdiff_t(count), result.warnings.end());
}

/** The output folder of a job: when the job made it and ends without writing anything into it (it failed or was
 *  canceled), it is removed again, so that a failed command leaves no empty folder behind. A folder that existed
 *  before is never touched, nor one that holds anything. */
class MadeOutputFolder {
public:
    explicit MadeOutputFolder(const std::string &folder)
    {
        // The outermost folder of the path that does not exist yet: create_directories makes it and those inside.
        std::error_code ec;
        for (std::filesystem::path p = std::filesystem::absolute(folder, ec); !folder.empty() && !p.empty();
             p = p.parent_path()) {
            if (std::filesystem::exists(p, ec) || ec)
                break;
            m_outermost = p;
            if (p == p.parent_path())
                break;
        }
        m_folder = std::filesystem::absolute(folder, ec);
        m_made = !m_outermost.empty();
    }
    MadeOutputFolder(const MadeOutputFolder &) = delete;
    MadeOutputFolder &operator=(const MadeOutputFolder &) = delete;
    ~MadeOutputFolder()
    {
        if (!m_made)
            return;
        // Empty folders from the output folder out to the outermost one made, nothing else.
        std::error_code ec;
        for (std::filesystem::path p = m_folder;; p = p.parent_path()) {
            if (!std::filesystem::is_directory(p, ec) || !std::filesystem::is_empty(p, ec) ||
                !std::filesystem::remove(p, ec))
                return;
            if (p == m_outermost || p == p.parent_path())
                return;
        }
    }

private:
    std::filesystem::path m_folder, m_outermost;
    bool m_made = false;
};

} // namespace

std::size_t inMemoryRunBytes(const GridSpec &grid, const AutoencoderParams &network, int featureCopies, int inputLayers)
{
    return std::size_t(std::max(1, featureCopies)) * featureRasterBytes(grid, network) +
           (240 + 110 * std::size_t(std::max(0, inputLayers))) * grid.pixelCount() + (std::size_t(128) << 20);
}

namespace {

/** The memory limit of the process's control group (cgroup v2 memory.max, else v1's limit), or 0 when none. */
std::size_t cgroupMemoryLimit()
{
    for (const char *path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
        std::ifstream in(path);
        std::string text;
        if (!(in >> text) || text == "max")
            continue;
        char *end = nullptr;
        const unsigned long long limit = std::strtoull(text.c_str(), &end, 10);
        if (end && *end == '\0' && limit > 0 && limit < (1ULL << 60)) // v1 writes a huge number for "no limit"
            return std::size_t(limit);
    }
    return 0;
}

} // namespace

std::size_t inMemoryRunBudget()
{
    std::size_t budget = derivedLayerMemoryLimit(); // half of the physical memory
    if (const std::size_t limit = cgroupMemoryLimit())
        budget = std::min(budget, limit / 2);
    if (const std::size_t available = availableMemoryBytes())
        budget = std::min(budget, available / 4 * 3);
    return budget;
}

bool jobStreams(Streaming streaming, FeatureMethod method, const GridSpec &grid, const AutoencoderParams &network,
                std::size_t threshold, int featureCopies, int inputLayers)
{
    return streaming == Streaming::On || (streaming == Streaming::Auto && method == FeatureMethod::Dense &&
                                          inMemoryRunBytes(grid, network, featureCopies, inputLayers) > threshold);
}

void checkJobRequest(const JobRequest &r)
{
    using Reason = RequestError::Reason;
    if (r.labelsPath.empty() == r.pointsPath.empty())
        throw RequestError(Reason::LabelsAndPoints,
                           "A job takes its labels from a label raster or from points, one of the two.");
    if (!r.validationPointsPath.empty() && !r.validationLabelsPath.empty())
        throw RequestError(Reason::ValidationPointsAndLabels,
                           "A job takes its validation occurrences from points or from a label raster, not both.");
    if (r.streaming == Streaming::On && r.params.featureMethod != FeatureMethod::Dense)
        throw RequestError(Reason::StreamedExact,
                           "A streamed job computes dense features; it cannot use the exact stitch or a stride.");
    if (r.streaming == Streaming::On && !r.reuseFeaturesFolder.empty())
        throw RequestError(Reason::StreamedReuse, "A job that reuses feature rasters runs in memory, not streamed.");
}

JobResult runJob(const JobRequest &request, Feedback *feedback, const WarningSink &warnings)
{
    checkJobRequest(request);
    PipelineParams params = request.params;
    std::vector<std::pair<std::string, std::string>> inputs = {
        {"survey", request.surveyPath},
        {"label raster", request.labelsPath},
        {"occurrence file", request.pointsPath},
        {"validation occurrence file", request.validationPointsPath},
        {"validation label raster", request.validationLabelsPath}};
    for (const LayerSpec &layer : params.layers)
        if (layer.kind == LayerSpec::Kind::File)
            inputs.emplace_back("input layer", layer.path);
    refuseResultsOverInputs(request.outFolder, inputs);
    const MadeOutputFolder made(request.outFolder);
    prepareOutputFolder(request.outFolder);
    reportStage(feedback, "Reading the survey");
    Raster survey = readRaster(request.surveyPath, request.band);

    RunContext context;
    context.surveyPath = request.surveyPath;
    context.band = request.band;
    context.commandLine = request.commandLine;
    LabelLoadReport report;
    LabelImage labels;
    if (!request.labelsPath.empty()) {
        context.labelsPath = request.labelsPath;
        context.labelsKind = "raster";
        labels = readLabelRaster(context.labelsPath, survey, &report);
    } else {
        context.labelsPath = request.pointsPath;
        context.labelsKind = "points";
        PointSet points = readPoints(context.labelsPath, request.pointsCrs);
        labels = labelsFromPoints(points, survey, request.outsidePoints, &report);
        context.labelOrigins = std::make_shared<LabelOrigins>(labelOriginsFromPoints(points, survey.grid));
        if (request.negatives > 0)
            addRandomNegatives(labels, survey, points, request.negatives, request.negativeMinDistance, params.seed);
        else {
            std::size_t deposits = 0, nonDeposits = 0;
            for (std::size_t i = 0; i < labels.values.size(); ++i) {
                deposits += labels.values[i] == LabelDeposit && survey.valid[i];
                nonDeposits += labels.values[i] == LabelNonDeposit && survey.valid[i];
            }
            if (deposits >= 2 && nonDeposits < 2) // (too few deposits: the run's own message explains)
                throw Error(ErrorCode::TooFewLabels,
                            request.pointsPath + " gives deposit positions only, and the classifier needs non-deposit "
                                                 "ones too: add random non-deposit pixels far from the occurrences "
                                                 "(--negatives N, e.g. 30, with --negative-min-distance D in map "
                                                 "units), or give a label raster with non-deposit (0) pixels.");
        }
    }
    context.validationSource =
        !request.validationPointsPath.empty() ? request.validationPointsPath : request.validationLabelsPath;
    if (!request.validationPointsPath.empty()) {
        LabelLoadReport validationReport;
        const PointSet points = readPoints(request.validationPointsPath, request.validationCrs);
        const LabelImage validation = labelsFromPoints(points, survey, OutsidePolicy::Skip, &validationReport);
        for (const std::string &w : validationReport.warnings)
            report.warnings.push_back("Validation points: " + w);
        params.validationPixels = depositPixels(validation.values, survey.valid);
    } else if (!request.validationLabelsPath.empty()) {
        const LabelImage validation = readLabelRaster(request.validationLabelsPath, survey);
        params.validationPixels = depositPixels(validation.values, survey.valid);
        if (params.validationPixels.empty())
            throw Error(ErrorCode::BadLabels,
                        request.validationLabelsPath + " holds no deposit (1) pixel on valid ground.");
    }
    warn(warnings, report.warnings);

    LoadedJobOptions options;
    options.streaming = request.streaming;
    options.stripRows = request.stripRows;
    options.outFolder = request.outFolder;
    options.inputWarnings = report.warnings;
    FeatureReuse reuse;
    if (!request.reuseFeaturesFolder.empty()) {
        reuse.required = true;
        reportStage(feedback, "Reading the networks and feature rasters to reuse");
        reuse.offered = readTrainedFeatures(request.reuseFeaturesFolder);
    }
    JobResult job = runLoadedJob(survey, labels, params, context, options, feedback,
                                 request.reuseFeaturesFolder.empty() ? nullptr : &reuse);
    warn(warnings, job.runWarnings);
    return job;
}

JobResult runLoadedJob(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                       const RunContext &context, const LoadedJobOptions &options, Feedback *feedback,
                       FeatureReuse *reuse)
{
    const std::vector<std::string> &inputs = options.inputWarnings;
    JobResult job;
    job.inputWarnings = inputs;
    // Offered networks and features are reused in memory; otherwise the job streams by the rule of every job.
    const bool reusing = reuse && reuse->offered;
    if (!reusing && jobStreams(options.streaming, params.featureMethod, survey.grid, params.autoencoder,
                               options.streamAbove, 2, int(params.layers.size()))) {
        if (options.outFolder.empty())
            throw Error(ErrorCode::Internal, "A streamed run needs a folder for its outputs; none was given.");
        job.streamed = true;
        job.result = runPipelineStreamed(survey, labels, params, context, options.outFolder, feedback, inputs,
                                         options.stripRows);
    } else {
        job.result = runPipeline(survey, labels, params, feedback, reuse);
        job.result.warnings.insert(job.result.warnings.begin(), inputs.begin(), inputs.end());
        if (options.writeInMemoryRuns)
            writePipelineOutputs(job.result, params, context, options.outFolder, feedback, true, &survey);
    }
    job.runWarnings = warningsAfter(job.result, inputs.size());
    return job;
}

JobResult classifyJob(const ClassifyRequest &request, Feedback *feedback, const WarningSink &warnings)
{
    using Reason = RequestError::Reason;
    if (request.streaming == Streaming::On && request.featureMethod != FeatureMethod::Dense)
        throw RequestError(Reason::StreamedExact,
                           "A streamed job computes dense features; it cannot use the exact stitch or a stride.");
    std::vector<std::pair<std::string, std::string>> inputs = {{"model", request.modelPath},
                                                               {"survey", request.surveyPath}};
    for (const std::string &layer : request.layerFiles)
        inputs.emplace_back("input layer", layer);
    refuseResultsOverInputs(request.outFolder, inputs, false);
    const MadeOutputFolder made(request.outFolder);
    prepareOutputFolder(request.outFolder);
    reportStage(feedback, "Reading the survey");
    Raster survey = readRaster(request.surveyPath, request.band);
    RunContext context;
    context.surveyPath = request.surveyPath;
    context.band = request.band;
    context.labelsPath = request.modelPath;
    context.labelsKind = "model";
    context.commandLine = request.commandLine;
    PipelineResult model = loadModel(request.modelPath, survey);
    if (const std::string infinite = infiniteCellsNote(survey); !infinite.empty())
        model.warnings.insert(model.warnings.begin(), infinite);
    if (productsNeedCellSize(model.svmInputs, model.layers)) // the model's inputs, on a grid in degrees
        if (const std::string note = geographicCellsNote(survey); !note.empty())
            model.warnings.push_back(note);
    JobResult job;
    job.inputWarnings = model.warnings; // infinite cells, a survey on another grid than the model's
    warn(warnings, model.warnings);
    std::vector<std::string> layerWarnings;
    model.layers = matchModelLayers(model.layers, request.layerFiles, layerWarnings);
    warn(warnings, layerWarnings);
    job.inputWarnings.insert(job.inputWarnings.end(), layerWarnings.begin(), layerWarnings.end());
    if (!model.members.empty() && request.streaming == Streaming::On)
        throw RequestError(Reason::StreamedEnsemble, "An ensemble's model classifies in memory, not streamed.");
    const std::size_t shown = model.warnings.size();
    if (model.members.empty() &&
        jobStreams(request.streaming, request.featureMethod, survey.grid, model.autoencoder->params(),
                   inMemoryRunBudget(), 2, int(model.layers.size()))) {
        job.streamed = true;
        job.result = classifyWithModelStreamed(std::move(model), survey, context, request.outFolder, feedback,
                                               request.stripRows);
        job.runWarnings = warningsAfter(job.result, shown);
        warn(warnings, job.runWarnings);
        return job;
    }
    job.result = classifyWithModel(std::move(model), survey, request.stride, request.featureMethod, feedback);
    job.runWarnings = warningsAfter(job.result, shown);
    warn(warnings, job.runWarnings);
    PipelineParams params;
    params.autoencoder = job.result.autoencoder->params();
    params.stride = request.stride;
    params.featureMethod = request.featureMethod;
    params.mode = job.result.classifier->mode();
    params.svmInputs = job.result.svmInputs;
    params.layers = job.result.layers;
    params.ensemble = job.result.ensemble;
    params.evaluate = false;
    writePipelineOutputs(job.result, params, context, request.outFolder, feedback, false, &survey);
    return job;
}

} // namespace lodestone
