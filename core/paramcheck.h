// The settings of a run checked in one place, each problem tied to the setting it concerns: lodestone-cli reports
// the first one, the application shows each next to its field and keeps Train disabled until none is left, and the
// pipelines refuse a run that has any (checkParams()).
#pragma once

#include <string>
#include <vector>

namespace lodestone {

struct PipelineParams;

/** \brief The setting of PipelineParams a ParamProblem concerns. */
enum class ParamField {
    InputLayers,       ///< params.layers: more than the network reads
    PatchSize,         ///< autoencoder.patchSize
    Filters,           ///< autoencoder.filters
    TrainPatches,      ///< autoencoder.trainPatches
    Epochs,            ///< autoencoder.epochs
    BatchSize,         ///< autoencoder.batchSize
    LearningRate,      ///< autoencoder.learningRate
    Stride,            ///< stride (exact stitch)
    PatchResize,       ///< experiments.patchResize
    SvmC,              ///< experiments.svm.c
    SvmGamma,          ///< experiments.svm.gamma
    InnerFolds,        ///< experiments.svm.innerFolds
    Folds,             ///< experiments.folds
    PerClass,          ///< experiments.perClass
    DepositBuffer,     ///< experiments.depositBuffer
    Ensemble,          ///< ensemble
    HeldOutFolds,      ///< heldOutFolds
    Background,        ///< background
    FeatureComponents, ///< featureComponents
    FeatureLayers,     ///< featureLayers
    Threads,           ///< threads
};

/** \brief One setting that a run cannot use, and why, in a sentence that names the value and what is allowed. */
struct ParamProblem {
    ParamField field;
    std::string message;
};

/** \brief The most input layers besides the survey a network reads (its first layer takes one channel per layer). */
constexpr int kMaxInputLayers = 63;

/** \brief Every problem of params, in the order of ParamField; empty when a run can use them. surveyWidth and
 *  surveyHeight, when above 0, also check that the patch fits the survey. */
std::vector<ParamProblem> paramProblems(const PipelineParams &params, int surveyWidth = 0, int surveyHeight = 0);

/** \brief Throws Error(BadParameter) with the first of paramProblems(), if any. */
void checkParams(const PipelineParams &params, int surveyWidth = 0, int surveyHeight = 0);

} // namespace lodestone
