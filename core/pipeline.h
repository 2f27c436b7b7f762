// The whole method in one call: autoencoder, feature rasters, four-mode cross-validation, whole-map
// classification; and the writing of its outputs. Driven by lodestone-cli and by the GUI's worker thread.
#pragma once

#include "autoencoder.h"
#include "experiments.h"
#include "featurerasters.h"
#include "raster.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lodestone {

class Feedback;
struct LabelImage;

/** \brief How feature rasters are computed. */
enum class FeatureMethod {
    Exact,  ///< the paper's patch-by-patch stitch (stitchFeaturesExact), the reference
    Dense,  ///< one fully convolutional pass per pooling phase (denseFeatures)
};

/** \brief "exact" or "dense". */
std::string featureMethodName(FeatureMethod method);
/** \brief Parses featureMethodName()'s names; false when unknown. */
bool parseFeatureMethod(const std::string &name, FeatureMethod &method);

/** \brief Every setting of a run; the seed drives every random choice. */
struct PipelineParams {
    AutoencoderParams autoencoder;
    int stride = 1;                     ///< stitch every stride-th pixel's patch (1 = every pixel, as the paper)
    FeatureMethod featureMethod = FeatureMethod::Dense;
    ExperimentParams experiments;       ///< SVM, folds, balanced positions per class, patch resize
    SvmMode mode = SvmMode::PixelFeatures;  ///< mode trained on all labels to classify the map
    std::vector<SvmMode> cvModes{SvmMode::PixelFeatures, SvmMode::PixelSamples, SvmMode::PatchFeatures,
                                 SvmMode::PatchSamples};
    std::uint64_t seed = 0;
    int threads = 0;                    ///< 0 = all cores
};

/** \brief Everything a run produced, in memory. */
struct PipelineResult {
    GridSpec grid;
    std::vector<uint8_t> valid;
    FeatureRasters features;
    TrainingHistory history;
    std::vector<ModeResult> crossValidation;
    std::vector<uint8_t> classes;       ///< 0 non-deposit, 1 deposit, 255 nodata
    std::vector<float> probability;     ///< deposit probability, NaN on nodata
    std::size_t deposits = 0, nonDeposits = 0;  ///< labelled positions used
    std::vector<std::pair<std::string, double>> stageSeconds;
    std::vector<std::string> warnings;
    std::shared_ptr<Autoencoder> autoencoder;
    std::shared_ptr<Classifier> classifier;
};

/** \brief Runs the pipeline on a survey and its labels (on the survey's grid). Throws Error for bad input
 *  and Canceled when the feedback asks; nothing is written. */
PipelineResult runPipeline(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                           Feedback *feedback);

/** \brief Applies a saved model (autoencoder + classifier) to a survey: features, classes and probability. */
PipelineResult classifyWithModel(const std::string &modelPath, const Raster &survey, int stride,
                                 FeatureMethod method, Feedback *feedback);

/** \brief Feature rasters of a survey (already normalised) by the chosen method. */
FeatureRasters computeFeatures(const Autoencoder &model, const NormalizedImage &image,
                               const std::vector<uint8_t> &valid, FeatureMethod method, int stride,
                               Feedback *feedback);

/** \brief Provenance written into report.json beside the results. */
struct RunContext {
    std::string surveyPath;
    int band = 1;
    std::string labelsPath;   ///< label raster or points file
    std::string labelsKind;   ///< "raster", "points" or "model"
    std::vector<std::string> commandLine;
};

/** \brief Creates folder if needed and checks that files can be written in it; throws Error(WriteFailed)
 *  naming the folder otherwise. Called before a long run so that it fails early. */
void prepareOutputFolder(const std::string &folder);

/** \brief Writes classes.tif, probability.tif, features.tif, model.pt and report.json into folder. All are
 *  written under temporary names and renamed only when every one is complete, report.json last, so that
 *  a failed run leaves the previous results as they were. */
void writePipelineOutputs(const PipelineResult &result, const PipelineParams &params, const RunContext &context,
                          const std::string &folder, Feedback *feedback, bool writeModel = true);

/** \brief The report as JSON text (settings, seed, label counts, stage times, losses, metrics, versions). */
std::string pipelineReportJson(const PipelineResult &result, const PipelineParams &params, const RunContext &context);

/** \brief Library versions: Lodestone, GDAL, LibTorch, OpenCV, dlib. */
std::vector<std::pair<std::string, std::string>> libraryVersions();

/** \brief Colour table of class rasters: non-deposit blue, deposit red. */
std::vector<ColorEntry> classColorTable();

} // namespace lodestone
