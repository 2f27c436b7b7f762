// The paper's four SVM experiments on feature rasters (pixel-/patch-wise, rasters as features or as samples):
// balanced position sampling, stratified k-fold cross-validation (formatReportTable() in metrics.h prints the
// paper's Table I), and the Classifier that is trained on all labelled positions and classifies every valid
// pixel of a map.
//
// How each mode turns a labelled position into SVM samples (K feature rasters, P x P patch resized to R x R):
//  - pixel-features: one sample, the K raster values at the pixel.
//  - pixel-samples:  K samples, one per raster: [raster value z-scored with that raster's mean and standard
//                    deviation over all valid pixels, one-hot code of the raster (K values)].
//  - patch-features: one sample of K * R * R values: each raster's patch as R x R block means, raster after
//                    raster, rows within a raster.
//  - patch-samples:  K samples: [the raster's R x R block means z-scored like pixel-samples, one-hot code].
// In the samples modes a position's decision value is the mean of its K samples' decision values; its class is
// deposit when that mean is > 0 and its probability is the Platt sigmoid of the mean (fitted on held-out
// position means). Folds are drawn over positions, so the samples of a position are never split.
// Patches: the P x P window starts P/2 pixels up and left of the position; each of the R x R cells is the mean
// of a (P/R) x (P/R) block (the area-averaging resize to R x R), taken over the valid pixels of the block;
// a block without valid pixels takes the raster's mean. Outside the grid the raster is reflected without
// repeating the edge pixel (OpenCV's BORDER_REFLECT_101, repeated for patches larger than the grid).
#pragma once

#include "metrics.h"
#include "svm.h"

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief The four experiments of the paper. */
enum class SvmMode { PixelFeatures, PixelSamples, PatchFeatures, PatchSamples };

/** \brief "pixel-features", "pixel-samples", "patch-features" or "patch-samples". */
std::string svmModeName(SvmMode mode);
/** \brief Parses a name of svmModeName() (case-insensitive, '_' accepted for '-'); false when unknown. */
bool parseSvmMode(const std::string &name, SvmMode &mode);
/** \brief The four modes in the paper's order (pixel-features, pixel-samples, patch-features, patch-samples). */
std::vector<SvmMode> allSvmModes();

/** \brief 1 / sd of a raster with mean mu and standard deviation sd, or 0 for a constant raster (sd within
 *  1e-12 of max(1, |mu|)): the scale of the samples modes. */
float inverseStandardDeviation(double mu, double sd);

/** \brief Feature rasters on one grid, borrowed (not owned): planes[k] holds width*height floats, row-major,
 *  NaN where invalid. valid (may be null) marks further invalid pixels with 0. A pixel is valid when valid says
 *  so and every plane is finite there. */
struct FeatureStack {
    int width = 0;
    int height = 0;
    std::vector<const float *> planes;
    const uint8_t *valid = nullptr;
    /// When not empty (one per plane): each raster's mean and 1 / standard deviation over its valid pixels, used
    /// instead of the statistics of this stack's pixels (a stack that holds windows of a larger map).
    std::vector<float> mean, invStd;

    std::size_t pixelCount() const { return std::size_t(width) * std::size_t(height); }
    /** \brief Valid by the mask and finite in every plane. */
    bool isValid(std::size_t index) const;
};

/** \brief Fills stack.mean and stack.invStd (when empty) with each raster's mean and 1 / standard deviation over
 *  its valid pixels, rasters in parallel (threads: 0 = all cores): the statistics every classifier trained on the
 *  stack computes otherwise, each time over the whole map. A run that trains many classifiers on one stack (the
 *  map's, the cross-validation folds', the held-out folds') computes them once; the values are the same. */
void attachStatistics(FeatureStack &stack, int threads = 0, Feedback *feedback = nullptr);

/** \brief A labelled pixel: label 0 non-deposit, 1 deposit. */
struct LabelledPosition {
    int col = 0;
    int row = 0;
    int label = 0;
};

/** \brief How cross-validation folds are drawn. */
enum class CvScheme {
    Random,  ///< stratified random folds over positions (the paper's)
    Spatial, ///< folds over groups of positions closer than the patch size, with a buffer of the patch size
             ///< between test positions and training positions (see evaluation.h)
};

/** \brief "random" or "spatial". */
std::string cvSchemeName(CvScheme scheme);

/** \brief The settings of the experiments and of the classifier that are chosen for themselves: a run holds these
 *  (PipelineParams::experiments) and derives the rest of ExperimentParams from its own settings. */
struct ExperimentSettings {
    SvmParams svm;
    int folds = 5;        ///< cross-validation folds; reduced (with a warning) to the smaller class's count
    int perClass = 12;    ///< balanced sample for cross-validation: min(perClass, smaller class) of each class;
                          ///< 0 = as many as the smaller class has
    int patchResize = 10; ///< R, the patch is reduced to R x R block means; P must be a multiple of R
    /// Bound of the SVM's training set, in samples (a position gives one sample, or one per raster in the samples
    /// modes): Classifier::train() keeps at most classifierPositionsPerClass() positions of each class, drawn at
    /// random with the seed, so that training time and memory stay bounded at any label count; cross-validation
    /// keeps at most as many per class. 0: no bound.
    int maxTrainingSamples = 2000;
    /// Deposit buffer of the map's classifier (Classifier::train()), in cells: each deposit position also trains on
    /// the valid pixels within this distance of it (centre to centre) that carry no label of their own, as samples
    /// of its group; a point occurrence stands for a small area, not one cell. The non-deposits, and the
    /// cross-validation (crossValidateModes()), use the labels as given. The bound of maxTrainingSamples counts the
    /// buffer's samples. 0 = none; at most kMaxDepositBuffer.
    int depositBuffer = 0;
};

/** \brief The largest deposit buffer, in cells (a deposit then gives up to 317 samples). */
constexpr int kMaxDepositBuffer = 10;

/** \brief Settings of the experiments and of the classifier: the settings, and those that a run takes from its own
 *  (experimentParamsOf() in pipeline.h: the autoencoder's patch size, the run's seed and threads, each scheme of
 *  its cvSchemes in turn). */
struct ExperimentParams : ExperimentSettings {
    int patchSize = 50; ///< P, the side of the patch around a position (patch modes)
    std::uint64_t seed = 0;
    int threads = 0;                      ///< threads for classification and the SVM search; 0 = all cores
    CvScheme cvScheme = CvScheme::Random; ///< how crossValidateModes() draws its folds
    /// When set, the logistic regression of the pixel-features mode is fitted on these projected inputs (see
    /// SvmParams::projection); the other modes and the RBF SVM ignore it.
    std::shared_ptr<const LinearProjection> pixelProjection;
    /// Pixels (row-major on the stack's grid, sorted) that the deposit buffer never trains on, such as validation
    /// occurrences ranked by the evaluation; may be null.
    std::shared_ptr<const std::vector<std::size_t>> unbufferedPixels;
};

/** \brief Positions per class that the bound of params.maxTrainingSamples allows for a mode with
 *  samplesPerPosition samples per position: maxTrainingSamples / (2 samplesPerPosition), at least 25; 0 when
 *  there is no bound. */
int classifierPositionsPerClass(const ExperimentSettings &params, int samplesPerPosition);

/** \brief The cells within radius of a cell, centre to centre, itself included: 1, 5, 13, 29, ... for radius 0, 1,
 *  2, 3 (the samples a deposit gives with ExperimentSettings::depositBuffer = radius, at most). */
int depositBufferCells(int radius);

/** \brief Keeps at most maxNonDeposit non-deposit and maxDeposit deposit positions (0: all of that class), each
 *  class drawn at random with seed as boundedSample() draws it; returned in input order. */
std::vector<LabelledPosition> boundedSample(const std::vector<LabelledPosition> &positions, int maxNonDeposit,
                                            int maxDeposit, std::uint64_t seed);

/** \brief Keeps at most maxPerClass positions of each class (a class with fewer keeps all of them), drawn at random
 *  with seed; returned in input order. maxPerClass 0 keeps everything. */
std::vector<LabelledPosition> boundedSample(const std::vector<LabelledPosition> &positions, int maxPerClass,
                                            std::uint64_t seed);

/** \brief How a mode turns the pixel at a position into SVM samples (see the top of this file). */
struct SampleLayout {
    SvmMode mode = SvmMode::PixelFeatures;
    int planes = 0;
    int patchSize = 50, patchResize = 10;
    std::vector<float> mean, invStd; ///< per raster over its valid pixels; invStd 0 for a constant raster

    /** \brief The layout of mode on stack, with the stack's per-raster statistics. */
    static SampleLayout of(SvmMode mode, const FeatureStack &stack, const ExperimentParams &params,
                           Feedback *feedback = nullptr);
    int samplesPerPosition() const;
    /** \brief Length of one sample's feature vector. */
    int dimension() const;
    int block() const { return patchSize / patchResize; }
    int half() const { return patchSize / 2; }
    int cells() const { return patchResize * patchResize; }
    /** \brief The samples of the pixel (col, row), which must lie on the grid. */
    void extract(const FeatureStack &stack, int col, int row, std::vector<std::vector<float>> &samples) const;
};

/** \brief Cross-validated result of one mode. Scores are computed from the confusion matrix pooled over the
 *  folds (every position is tested exactly once); foldAccuracy lists each fold's own accuracy. */
struct ModeResult {
    SvmMode mode = SvmMode::PixelFeatures;
    ConfusionMatrix confusion;
    std::vector<double> foldAccuracy;
    double accuracy = 0, precision = 0, recall = 0, f1 = 0;
    int folds = 0;                        ///< folds actually used
    int positions = 0;                    ///< positions cross-validated (both classes)
    double c = 0;                         ///< C chosen most often over the folds (ties: smaller C, then smaller gamma)
    double gamma = 0;                     ///< gamma of that choice
    std::vector<double> foldC, foldGamma; ///< the choice of every fold
    CvScheme scheme = CvScheme::Random;   ///< how the folds were drawn
    /// Area under the ROC curve of the held-out decision values (deposit above non-deposit, ties half); NaN
    /// when a class was never tested.
    double auc = 0;
    int tested = 0;                    ///< positions tested (a spatial fold whose buffer leaves a class
                                       ///< without training positions is skipped, with a warning)
    int groups = 0;                    ///< spatial scheme: groups of positions the folds were drawn over
    std::vector<std::string> warnings; ///< complete sentences (positions dropped, folds reduced, ...)
    /// Per position given to crossValidateModes() (in its order): the 0-based fold that held it out, -1 for a
    /// position outside the cross-validation sample (or dropped).
    std::vector<int> positionFold;
};

/** \brief Picks a balanced random subset: per class min(perClass, count of the smaller class) positions
 *  (perClass 0: the smaller class's count), seeded; returned in input order. */
std::vector<LabelledPosition> selectBalanced(const std::vector<LabelledPosition> &positions, int perClass,
                                             std::uint64_t seed);

/** \brief The scheme whose scores lead a report: spatial when any of its modes tested a position; random when
 *  there are random results and no spatial mode tested one (no spatial results, or every spatial fold skipped
 *  because its buffer left a class without training positions); spatial when there is nothing else. */
CvScheme headlineCvScheme(const std::vector<ModeResult> &random, const std::vector<ModeResult> &spatial);

/** \brief Cross-validates each mode on a balanced sample of the labelled positions (the same sample and the
 *  same position folds for every mode). Positions outside the grid, on invalid pixels or repeated are dropped
 *  with a warning. Throws Error(TooFewLabels) when fewer than 2 positions of a class remain,
 *  Error(BadParameter) for bad settings or an empty stack, Canceled when feedback asks. */
std::vector<ModeResult> crossValidateModes(const FeatureStack &stack, const std::vector<LabelledPosition> &positions,
                                           const ExperimentParams &params, const std::vector<SvmMode> &modes,
                                           Feedback *feedback = nullptr);

/** \brief The class map's rule: deposit where the deposit probability is at least this (classes and probability
 *  maps always agree). Cross-validation scores count a held-out position deposit where its decision value is above
 *  0, the same rule wherever the probability is calibrated (Platt's sigmoid crosses 0.5 near decision 0). */
constexpr double ClassThreshold = 0.5;

/** \brief One mode's SVM trained on all labelled positions, applied to whole maps. A value type, immutable after
 *  training but for setThreads(); classify() may run on a worker thread. */
class Classifier {
public:
    /** \brief Trains mode on every usable position (no balancing; class weights balance the SVM instead).
     *  The stack's per-raster mean and standard deviation are kept for the samples modes and patch fallbacks.
     *  Throws like crossValidateModes(). */
    static Classifier train(const FeatureStack &stack, const std::vector<LabelledPosition> &positions, SvmMode mode,
                            const ExperimentParams &params, Feedback *feedback = nullptr);

    /** \brief Classifies every pixel: classes 0 non-deposit, 1 deposit (probability >= ClassThreshold), 255
     *  invalid; probability of deposit, NaN where invalid. The stack must have the training stack's number of planes.
     * Work is split over rows between threads (see setThreads); cancel is checked per block of rows (throws Canceled).
     *  Cost per pixel: pixel-features K x support vectors; patch-features K R^2 x support vectors, after one
     *  block-mean plane per raster is built (memory about the stack's size); patch-samples K (R^2 + K) x
     *  support vectors (minutes for millions of pixels); pixel-samples reads each raster's decision from a
     *  table over the raster's value range (cubic interpolation, nodes refined until within 1e-7 of the exact
     *  decision at mid-nodes), so it matches decisionAt() to about 1e-6. The other modes give exactly
     *  decisionAt()'s values. */
    void classify(const FeatureStack &stack, std::vector<uint8_t> &classes, std::vector<float> &probability,
                  Feedback *feedback = nullptr) const;

    /** \brief The deposit probability maps of several pixel-features classifiers whose machine is linear (the
     *  logistic regression), in one pass over the stack: classifiers[c]'s probability is written to (or, with
     *  add, added to) maps[c][0 .. pixelCount), NaN where invalid; the values equal classify()'s up to rounding
     *  (each standardisation is folded into its weights). One read of the rasters serves every classifier, so
     *  the held-out folds of a run cost about one classification. Returns false, touching nothing, when a
     *  classifier has another mode or an RBF machine: classify() each then. threads: 0 = all cores. Cancel is
     *  checked per block of rows (throws Canceled). */
    static bool linearProbabilities(const FeatureStack &stack, const std::vector<const Classifier *> &classifiers,
                                    const std::vector<float *> &maps, bool add, Feedback *feedback = nullptr,
                                    int threads = 0);

    /** \brief Exact decision value at one pixel (mean over samples in the samples modes); NaN when invalid. */
    double decisionAt(const FeatureStack &stack, int col, int row) const;
    /** \brief Deposit probability at one pixel; NaN when invalid. */
    double probabilityAt(const FeatureStack &stack, int col, int row) const;

    bool isTrained() const { return m_model.isTrained(); }
    SvmMode mode() const { return m_layout.mode; }
    int planeCount() const { return m_layout.planes; }
    const SampleLayout &layout() const { return m_layout; }
    const SvmModel &model() const { return m_model; }
    /** \brief Positions of each class used for training: {non-deposit, deposit}. */
    std::pair<int, int> trainingCounts() const { return {m_negatives, m_positives}; }
    /** \brief Warnings of training (positions dropped, SVM notes). */
    const std::vector<std::string> &warnings() const { return m_warnings; }
    /** \brief Threads used by classify(); 0 = all cores. */
    void setThreads(int threads) { m_threads = threads; }

    /** \brief Writes the classifier (mode, patch geometry, raster statistics, SVM) in a checked binary format. */
    void save(std::ostream &out) const;
    /** \brief Reads save()'s format; throws Error(BadModel) for anything truncated, corrupt or inconsistent. */
    static Classifier load(std::istream &in);

private:
    SampleLayout m_layout;
    SvmModel m_model;
    int m_negatives = 0, m_positives = 0, m_threads = 0;
    std::vector<std::string> m_warnings;

    double decisionOf(const std::vector<std::vector<float>> &samples) const;
};

} // namespace lodestone
