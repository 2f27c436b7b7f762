// The whole method in one call: autoencoder, feature rasters, four-mode cross-validation, whole-map
// classification; and the writing of its outputs. Driven by lodestone-cli and by the GUI's worker thread.
#pragma once

#include "autoencoder.h"
#include "experiments.h"
#include "featurerasters.h"
#include "featurereuse.h"
#include "layers.h"
#include "mapevaluation.h"
#include "patches.h"
#include "raster.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lodestone {

class Feedback;
struct LabelImage;
struct LabelOrigins;
struct OutputSummary;

/** \brief How feature rasters are computed. */
enum class FeatureMethod {
    Exact, ///< the paper's patch-by-patch stitch (stitchFeaturesExact), the reference
    Dense, ///< one fully convolutional pass per pooling phase (denseFeatures)
};

/** \brief "exact" or "dense". */
std::string featureMethodName(FeatureMethod method);
/** \brief Parses featureMethodName()'s names; false when unknown. */
bool parseFeatureMethod(const std::string &name, FeatureMethod &method);

/** \brief The network settings of Lodestone's default run: the paper's network, trained on 5,000 random patches
 *  per ensemble member (docs/METHOD.md, "Defaults and the evidence for them"). */
inline AutoencoderParams defaultRunAutoencoder()
{
    AutoencoderParams a;
    a.trainPatches = 5000;
    return a;
}

/** \brief The classifier settings of a default run: logistic regression (C = 1) on the standardised inputs, each
 *  deposit training on the unlabelled pixels within one cell of it too. */
inline ExperimentSettings defaultRunExperiments()
{
    ExperimentSettings e;
    e.svm.kind = ClassifierKind::Logistic;
    e.depositBuffer = 1;
    return e;
}

/** \brief Every setting of a run; the seed drives every random choice. The defaults are Lodestone's (an ensemble of
 *  3, 100 background positions, random and spatial folds, a logistic regression on the feature rasters and the
 *  analytic signal); paperPipelineParams() gives the paper's pipeline (RBF SVM on the feature rasters alone). */
struct PipelineParams {
    AutoencoderParams autoencoder = defaultRunAutoencoder();
    int stride = 1; ///< stitch every stride-th pixel's patch (1 = every pixel, as the paper)
    FeatureMethod featureMethod = FeatureMethod::Dense;
    /// Classifier, folds, balanced positions per class, patch resize, bound of the training set. The default
    /// machine is the logistic regression (docs/METHOD.md, Defaults: it ranks held-out deposits better than the RBF
    /// SVM with few labels). The patch size, seed, threads and folds' scheme of the experiments are the run's own
    /// (autoencoder.patchSize, seed, threads, cvSchemes): see experimentParamsOf().
    ExperimentSettings experiments = defaultRunExperiments();
    SvmMode mode = SvmMode::PixelFeatures; ///< mode trained on all labels to classify the map
    std::vector<SvmMode> cvModes{SvmMode::PixelFeatures, SvmMode::PixelSamples, SvmMode::PatchFeatures,
                                 SvmMode::PatchSamples};
    /// Cross-validation schemes run on every mode of cvModes: random folds, spatial folds, or both.
    std::vector<CvScheme> cvSchemes{CvScheme::Random, CvScheme::Spatial};
    /// Members of the ensemble: autoencoders trained from different seeds, each with its own SVM; the
    /// probability map is their mean and the uncertainty map their standard deviation. Member 0 uses seed.
    int ensemble = 3;
    /// Evaluate the map against deposits beside the zero-label baselines (success rate, held-out groups,
    /// prediction rate at validationPixels).
    bool evaluate = true;
    int heldOutFolds = 10; ///< at most this many held-out folds over the groups of positions
    /// Random background positions added as non-deposit to the labels of the map's classifier (and of the
    /// held-out models): valid, unlabelled pixels at least the patch size from every deposit label, seeded.
    /// Cross-validation uses the labels alone. 0 = none.
    int background = 100;
    /// Magnetic products of the survey added as extra classifier inputs beside the feature rasters (planes named
    /// "input_<name>"; amplitudes as their logarithm, see svmInputPlane()). Names of magneticProductName().
    /// Default: the analytic-signal amplitude, which the linear machine weighs against the features.
    std::vector<std::string> svmInputs{"as"};
    /// The logistic regression of the pixel-features mode sees the feature rasters' first featureComponents
    /// principal components (over every valid pixel; no labels) beside svmInputs, instead of the rasters
    /// themselves. 0 = the rasters themselves. Ignored by the RBF SVM.
    int featureComponents = 0;
    /// The encoder layers (1 to 3) whose feature rasters the logistic regression of the pixel-features mode sees
    /// beside svmInputs; the others get no weight (features.tif keeps them all). Empty: every layer. Ignored by
    /// the RBF SVM; with featureComponents the components are those of these layers' rasters.
    std::vector<int> featureLayers;
    /// Evidence layers read by the network beside the survey, as further input channels (loadLayers()); a pixel
    /// is valid where the survey and every layer are. Empty: the survey alone.
    std::vector<LayerSpec> layers;
    /// Row-major pixels of validation occurrences: deposits not used for training, for the prediction rate.
    std::vector<std::size_t> validationPixels;
    std::uint64_t seed = 0;
    int threads = 0; ///< 0 = all cores
};

/** \brief The SVM input plane of a magnetic product of survey (by magneticProductName(), "localstd" with the
 *  window given as "localstd9"): amplitudes (hgrad, as, localstd) as log(value + 1 % of their median), so that
 *  their long tails do not dominate the standardised SVM features; the others as they are. NaN where invalid.
 *  Throws Error(BadParameter) for an unknown name. */
std::vector<float> svmInputPlane(const Raster &survey, const std::string &name, Feedback *feedback = nullptr);

/** \brief Adds the SVM input planes of names to features (after its own planes, named "input_<name>"). */
void appendSvmInputs(FeatureRasters &features, const Raster &survey, const std::vector<std::string> &names,
                     Feedback *feedback = nullptr);

/** \brief The paper's pipeline (Table I): 20,000 training patches, one network, the labels alone, random 5-fold
 *  cross-validation of the four modes on 12 + 12 positions. The evaluation against deposits still runs. */
PipelineParams paperPipelineParams();

/** \brief The seed of ensemble member m (member 0 uses the run's seed). */
std::uint64_t memberSeed(std::uint64_t seed, int member);

/** \brief Everything a run produced, in memory. */
struct PipelineResult {
    GridSpec grid;
    std::vector<uint8_t> valid;
    FeatureRasters features;
    TrainingHistory history;
    std::vector<ModeResult> crossValidation;        ///< random folds (empty when not asked for)
    std::vector<ModeResult> spatialCrossValidation; ///< spatial folds (empty when not asked for)
    std::vector<uint8_t> classes;                   ///< 0 non-deposit, 1 deposit, 255 nodata
    std::vector<float> probability;                 ///< deposit probability (ensemble mean), NaN on nodata
    std::vector<float> uncertainty;            ///< standard deviation of the members' probability; empty for one member
    int ensemble = 1;                          ///< members trained
    MapEvaluation evaluation;                  ///< empty when not evaluated
    std::size_t deposits = 0, nonDeposits = 0; ///< labelled positions used
    std::vector<LabelledPosition> positions;   ///< the labelled positions on valid ground
    std::size_t backgroundPositions = 0;       ///< random background positions added for the map's classifier
    std::vector<LabelledPosition> background;  ///< those positions
    std::vector<std::pair<std::string, double>> stageSeconds;
    std::vector<std::string> warnings;
    std::shared_ptr<Autoencoder> autoencoder; ///< ensemble member 0 (the only one of a single network)
    std::shared_ptr<Classifier> classifier;
    /// The other members of an ensemble (1 .. N-1), each network with its own classifier; written into model.pt
    /// beside member 0 and applied with it by classifyWithModel().
    std::vector<std::pair<std::shared_ptr<Autoencoder>, std::shared_ptr<Classifier>>> members;
    std::size_t depositPixels = 0, nonDepositPixels = 0; ///< of the class map
    std::vector<std::string> svmInputs; ///< a loaded model's magnetic products beside the feature rasters
    std::vector<LayerSpec> layers;      ///< the input layers besides the survey (a loaded model's, as recorded)
    int stripRows = 0;     ///< rows per strip of a streamed run (runPipelineStreamed), 0 for a run in memory
    FeatureKey featureKey; ///< what the networks and feature rasters depend on (featureKeyOf); empty when loaded
    /// Where the networks and feature rasters came from when re-used rather than trained: an output folder, or
    /// "memory" for those an earlier run in the same session kept; empty when this run trained them.
    std::string featuresReusedFrom;
};

/** \brief Runs the pipeline on a survey and its labels (on the survey's grid). Throws Error for bad input
 *  and Canceled when the feedback asks; nothing is written. With reuse, the networks and feature rasters it
 *  offers are used instead of training when their key equals the run's (the SVMs, cross-validation and
 *  evaluation run as always; the results are those of a full run with the same seed), and the run's own are kept
 *  when it asks (see FeatureReuse). */
PipelineResult runPipeline(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                           Feedback *feedback, FeatureReuse *reuse = nullptr);

/** \brief The labelled positions of a run on valid ground, after checking the grids, the patch size and the label
 *  counts as runPipeline() does (throws the same errors); sets r's grid, valid mask and label counts, and warns in r
 *  of the survey's infinite cells (infiniteCellsNote()) and, on a grid in degrees, of the cell size its magnetic
 *  products take (geographicCellsNote()). With input
 *  layers, survey is the survey masked by them (maskedSurvey()) and surveyIn the survey as read: labelled pixels
 *  that only the layers' nodata leaves out get a warning in r naming the layers and the labels lost, and the
 *  too-few-labels error says the same. */
std::vector<LabelledPosition> runPositions(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                                           PipelineResult &r, const Raster *surveyIn = nullptr,
                                           const InputLayers *layers = nullptr);

/** \brief The warning for labelled pixels that are valid in surveyIn but fall on nodata of one of layers (specs in
 *  the same order): how many deposit and non-deposit labels are left out and which layers (a file layer by its
 *  path) leave them out. Empty when none is. */
std::string labelsOnLayerNodata(const Raster &surveyIn, const InputLayers &layers, const std::vector<LayerSpec> &specs,
                                const LabelImage &labels);

/** \brief Adds seconds to a stage's time in r (stages repeat in an ensemble). */
void addStageSeconds(PipelineResult &r, const std::string &stage, double seconds);

/** \brief The training stage of a run: normalises the survey (and the layers besides it, each on its own, when
 *  layers holds any: the network then reads one channel per layer), trains the autoencoder on patches around
 *  valid pixels (seeded) and records it in r. Returns the normalised survey and layers. */
NormalizedImage trainAutoencoderStage(const Raster &survey, const PipelineParams &params, PipelineResult &r,
                                      Feedback *feedback, const InputLayers *layers = nullptr);

/** \brief The experiment parameters of a run: params.experiments, with the patch size of params.autoencoder, the
 *  run's seed and threads, and random folds (the run cross-validates with each scheme of params.cvSchemes in turn,
 *  setting cvScheme). */
ExperimentParams experimentParamsOf(const PipelineParams &params);

/** \brief Reads a model.pt written by a run (autoencoder, normalisation, classifier) to apply it to survey: the
 *  result holds the survey's grid and mask, the autoencoder and the classifier. Throws Error(BadModel) for a file
 *  that is not a consistent model, Error(BadParameter) when the survey is smaller than the model's patch. */
PipelineResult loadModel(const std::string &modelPath, const Raster &survey);

/** \brief Applies a model read by loadModel() (for this survey) to the survey: features, classes and probability. */
PipelineResult classifyWithModel(PipelineResult model, const Raster &survey, int stride, FeatureMethod method,
                                 Feedback *feedback);

/** \brief Feature rasters of a survey (already normalised) by the chosen method. */
FeatureRasters computeFeatures(const Autoencoder &model, const NormalizedImage &image,
                               const std::vector<uint8_t> &valid, FeatureMethod method, int stride, Feedback *feedback);

/** \brief Provenance written into report.json beside the results. */
struct RunContext {
    std::string surveyPath;
    int band = 1;
    std::string labelsPath; ///< label raster or points file
    std::string labelsKind; ///< "raster", "painted", "points" or "model"
    std::vector<std::string> commandLine;
    /// Where labelled pixels came from when the kind alone does not tell (imported points and their attributes);
    /// may be null. Written to labels_used.gpkg.
    std::shared_ptr<const LabelOrigins> labelOrigins;
    /// The file the validation occurrences came from (points or a label raster); empty when there were none.
    std::string validationSource;
    /// The desktop application's occurrence imports that made the labels, one sentence each (the file, its points,
    /// the random non-deposits' distance and seed); written to report.json (labels.imports) and report.html.
    std::vector<std::string> labelsImports;

    /** \brief A classification with a saved model (lodestone-cli classify): it trains nothing, so the outputs name
     *  only the settings that apply to it. */
    bool classifiesWithModel() const { return labelsKind == "model"; }
};

/** \brief Creates folder if needed and checks that files can be written in it; throws Error(WriteFailed)
 *  naming the folder otherwise. Called before a long run so that it fails early. */
void prepareOutputFolder(const std::string &folder);

/** \brief Every file name a run or a classification may write, replace or remove in its output folder: the
 *  rasters, their styles and sidecars, labels_used.gpkg, model.pt, the reports and the commit journal. */
std::vector<std::string> resultFileNames();

/** \brief Refuses, before any work, a result folder that would replace or remove an input: throws
 *  Error(BadParameter) naming the input and the output when one of inputs ((what, path) pairs, e.g. ("survey",
 *  path); empty paths are skipped) is the same file as one of resultFileNames() in folder (model.pt only when
 *  writesModel: a classification leaves it alone). */
void refuseResultsOverInputs(const std::string &folder, const std::vector<std::pair<std::string, std::string>> &inputs,
                             bool writesModel = true);

/** \brief A run's output files in the making: written into a hidden staging folder inside folder and moved into
 *  folder together by commit(), so that a failed or cancelled run leaves the previous results as they were. The
 *  staging folder goes away with the object.
 *
 *  The switch from the old result set to the new one is all or nothing, even when the process is killed in the
 *  middle of it: commit() first writes a journal (".lodestone-commit", atomically) naming the staged files and the
 *  old files to remove, then moves and removes, then deletes the journal. A run killed before the journal was
 *  written leaves the old set; one killed after it leaves a journal that completeInterruptedCommit() carries out,
 *  which every new OutputStaging and every reader of a result folder calls first. */
class OutputStaging {
public:
    explicit OutputStaging(const std::string &folder);
    ~OutputStaging();
    OutputStaging(const OutputStaging &) = delete;
    OutputStaging &operator=(const OutputStaging &) = delete;

    /** \brief Where to write name; it is moved by commit(). */
    std::string path(const std::string &name);
    /** \brief Moves every staged file into the folder (report.json last) and removes the files of remove that were
     *  not staged (outputs of an earlier run that this one did not write), as one journalled step. */
    void commit(const std::vector<std::string> &remove = {});

    /** \brief Fault tests: called with 0, 1, 2, ... before each step of commit() (journal, every move and removal,
     *  the journal's deletion); null (the default) outside the tests. */
    static void (*faultHook)(int step);

private:
    std::string m_folder, m_staging;
    std::vector<std::string> m_names;
};

/** \brief Carries out the commit that a killed run left journalled in folder (see OutputStaging), so that folder
 *  holds that run's complete result set. Returns whether there was one. A journal of a process still running is
 *  left alone (false). Throws Error naming the folder when the journal is unreadable or cannot be carried out. */
bool completeInterruptedCommit(const std::string &folder);

/** \brief Writes classes.tif, probability.tif, uncertainty.tif (ensembles), features.tif, model.pt, report.json
 *  and report.html (with the survey's thumbnail when survey is given) into folder, with each raster's QGIS style,
 *  statistics, overviews and provenance and labels_used.gpkg (finishRunOutputs(), docs/OUTPUTS.md). All are
 *  written under temporary names and renamed only when every one is complete, report.json last, so that
 *  a failed run leaves the previous results as they were. */
void writePipelineOutputs(const PipelineResult &result, const PipelineParams &params, const RunContext &context,
                          const std::string &folder, Feedback *feedback, bool writeModel = true,
                          const Raster *survey = nullptr);

/** \brief The settings text stored in model.pt beside the classifier. */
std::string modelSettingsBlob(const PipelineParams &params);

/** \brief The report as JSON text (settings, seed, label counts, stage times, losses, metrics, versions; with
 *  outputs, what finishing the output files found: constant feature bands, sidecars). */
std::string pipelineReportJson(const PipelineResult &result, const PipelineParams &params, const RunContext &context,
                               const OutputSummary *outputs = nullptr);

/** \brief Library versions: Lodestone, GDAL, LibTorch, OpenCV, dlib. */
std::vector<std::pair<std::string, std::string>> libraryVersions();

/** \brief Colour table of class rasters: non-deposit blue, deposit red. */
std::vector<ColorEntry> classColorTable();

} // namespace lodestone
