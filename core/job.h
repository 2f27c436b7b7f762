// A whole job from files to files: what lodestone-cli's run and classify do, as one request and one call. Reads the
// survey and the labels (a label raster, or points burned onto the grid with optional random negatives), the
// validation occurrences, decides whether the feature rasters stream, trains or reuses, and writes the outputs.
#pragma once

#include "error.h"
#include "labels.h"
#include "pipeline.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief Whether a job computes its feature rasters strip by strip (runPipelineStreamed()). */
enum class Streaming {
    Auto, ///< when the run held in memory would need more than half of the machine's memory (jobStreams())
    On,   ///< always (dense features only)
    Off,  ///< never: the feature rasters are held in memory
};

/** \brief Feature rasters larger than this are read from their file band by band when a saved result is opened
 *  (1 GB: about 2900 x 2900 pixels with the default filters). */
constexpr std::size_t kStreamAbove = std::size_t(1) << 30;

/** \brief The peak memory of a run held in memory on grid, in bytes: featureCopies sets of feature rasters at once
 *  (a run of lodestone-cli holds two: the first member's are kept for the outputs while the next one's are computed;
 *  the desktop application keeps every member's for reuse, and the previous run's while the next one trains), about
 *  240 bytes a pixel besides them (the survey, its products and baselines, the held-out folds' maps, the ensemble's
 *  sums and the outputs), 110 bytes a pixel for each input layer (the layer, its mask and normalised copy, and a
 *  derived product's transforms while it is computed), and 128 MB for the libraries. Measured for lodestone-cli
 *  run: 0.86 GB for 2434 x 607, 2.12 GB for 2000 x 2000 and 5.75 GB for 3500 x 3500 with the default settings
 *  (docs/PERFORMANCE.md). */
std::size_t inMemoryRunBytes(const GridSpec &grid, const AutoencoderParams &network, int featureCopies = 2,
                             int inputLayers = 0);

/** \brief The most a run held in memory may need before Streaming::Auto streams it: half of the machine's physical
 *  memory, and no more than half of a control group's memory limit (a container's) or three quarters of the
 *  memory available when it is asked. */
std::size_t inMemoryRunBudget();

/** \brief Whether a job computes its feature rasters strip by strip: streaming On, or Auto with dense features when a
 *  run held in memory would need more than threshold bytes (inMemoryRunBytes() with featureCopies and
 *  inputLayers). runJob(), classifyJob() and the desktop application's Train decide with it. */
bool jobStreams(Streaming streaming, FeatureMethod method, const GridSpec &grid, const AutoencoderParams &network,
                std::size_t threshold = inMemoryRunBudget(), int featureCopies = 2, int inputLayers = 0);

/** \brief A training run: the survey, its labels, the settings and where the outputs go. */
struct JobRequest {
    std::string surveyPath;
    int band = 1;

    /// The labels: a label raster on the survey's grid (0 non-deposit, 1 deposit, 2 or nodata unknown), or
    /// occurrence points burned onto the grid as deposit. Exactly one of the two.
    std::string labelsPath;
    std::string pointsPath;
    std::string pointsCrs; ///< CRS of the points; empty: the file's own, else the survey's
    OutsidePolicy outsidePoints = OutsidePolicy::Skip;
    int negatives = 0;              ///< random non-deposit pixels added to points (addRandomNegatives())
    double negativeMinDistance = 0; ///< their minimum distance from every occurrence, map units

    /// Validation occurrences, not used for training (the prediction-rate curve ranks them): points, or a label
    /// raster whose deposit pixels they are. At most one of the two.
    std::string validationPointsPath;
    std::string validationCrs;
    std::string validationLabelsPath;

    PipelineParams params; ///< params.validationPixels is filled from the validation occurrences
    std::string outFolder; ///< created if missing
    Streaming streaming = Streaming::Auto;
    int stripRows = 256;                  ///< rows per strip of a streamed job
    std::string reuseFeaturesFolder;      ///< an earlier run's output folder whose networks and features to reuse
    std::vector<std::string> commandLine; ///< provenance, written into the outputs' metadata and report.json
};

/** \brief Applying a saved model to a survey. */
struct ClassifyRequest {
    std::string modelPath; ///< model.pt written by a run
    std::string surveyPath;
    int band = 1;
    std::vector<std::string> layerFiles; ///< the model's layer files for this survey, in the run's order
    std::string outFolder;
    int stride = 1;
    FeatureMethod featureMethod = FeatureMethod::Dense;
    Streaming streaming = Streaming::Auto;
    int stripRows = 256;
    std::vector<std::string> commandLine;
};

/** \brief What a job did; result.warnings holds inputWarnings then runWarnings. */
struct JobResult {
    PipelineResult result;
    std::vector<std::string> inputWarnings; ///< from reading the labels, validation occurrences or the model
    std::vector<std::string> runWarnings;   ///< of the run itself
    bool streamed = false;                  ///< the feature rasters were computed strip by strip
};

/** \brief Called with warnings as soon as they are known: those about the inputs before the long work starts, the
 *  run's own when it has finished. */
using WarningSink = std::function<void(const std::vector<std::string> &)>;

/** \brief A request refused before any work: settings that contradict each other. */
class RequestError : public Error {
public:
    enum class Reason {
        LabelsAndPoints,           ///< both a label raster and points, or neither
        ValidationPointsAndLabels, ///< both validation points and validation labels
        StreamedExact,             ///< streaming on with the exact stitch: streaming computes dense features
        StreamedReuse,             ///< streaming on with reused features: reuse runs in memory
        StreamedEnsemble,          ///< streaming on with an ensemble's model: it classifies in memory
    };
    RequestError(Reason reason, const std::string &message) : Error(ErrorCode::BadParameter, message), m_reason(reason)
    {
    }
    Reason reason() const { return m_reason; }

private:
    Reason m_reason;
};

/** \brief Throws RequestError when request's settings contradict each other; runJob() calls it first. */
void checkJobRequest(const JobRequest &request);

/** \brief How runLoadedJob() runs and where it writes. */
struct LoadedJobOptions {
    Streaming streaming = Streaming::Auto;
    std::size_t streamAbove = inMemoryRunBudget(); ///< the threshold of Streaming::Auto (jobStreams())
    int stripRows = 256;                           ///< rows per strip of a streamed run
    /// The outputs' folder, which must exist: a streamed run always writes its outputs there, a run in memory
    /// only when writeInMemoryRuns. May be empty for a run in memory that writes nothing.
    std::string outFolder;
    /// false: a run in memory writes nothing and its result stays in memory (the desktop application)
    bool writeInMemoryRuns = true;
    std::vector<std::string> inputWarnings; ///< about the inputs, put before the run's own in the result's warnings
};

/** \brief The run of a job on a survey and labels already in memory, the part of runJob() after reading its files,
 *  and what the desktop application's Train calls with the survey it shows and the labels painted on it. Runs in
 *  memory (runPipeline(), with reuse) when reuse offers networks and features or jobStreams() says no, writing the
 *  outputs with writePipelineOutputs() when options.writeInMemoryRuns; otherwise streams into options.outFolder
 *  (runPipelineStreamed()). Throws as runPipeline() does, and Error(Internal) for a streamed run without a folder. */
JobResult runLoadedJob(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                       const RunContext &context, const LoadedJobOptions &options, Feedback *feedback = nullptr,
                       FeatureReuse *reuse = nullptr);

/** \brief Runs request: reads the survey, the labels and the validation occurrences, trains (or reuses the features
 *  of request.reuseFeaturesFolder), classifies and writes the outputs into request.outFolder (writePipelineOutputs()
 *  or, when streaming, runPipelineStreamed()). Throws RequestError before any work, Error naming the file or
 *  setting for bad input, Canceled when feedback is canceled; a failed job leaves earlier outputs intact. */
JobResult runJob(const JobRequest &request, Feedback *feedback = nullptr, const WarningSink &warnings = {});

/** \brief Applies request.modelPath to the survey and writes features.tif, classes.tif, probability.tif and
 *  report.json (classifyWithModel() and writePipelineOutputs(), or classifyWithModelStreamed()). Warns through
 *  warnings when the survey differs from the model's or a layer file is resampled. */
JobResult classifyJob(const ClassifyRequest &request, Feedback *feedback = nullptr, const WarningSink &warnings = {});

} // namespace lodestone
