// The stages of a run, in one table: the names core reports through Feedback::setStage() (English; the GUI
// translates them), and each stage's typical share of a run's time, which the GUI's progress uses.
#pragma once

#include <string>
#include <vector>

namespace lodestone {

class Feedback;
struct PipelineParams;

/** \brief A stage of a training run or of classifying with a saved model, in the order a run passes them. */
enum class Stage {
    InputLayers,      ///< stacking the input layers (files and derived products) on the survey's grid
    MagneticProducts, ///< the magnetic products given to the classifier beside the feature rasters
    ReusingNetwork,   ///< taking a trained network and its feature rasters from memory or a result folder
    TrainingNetwork,  ///< training one autoencoder
    FeatureRasters,   ///< one network's feature rasters over the whole survey
    CrossValidating,  ///< the cross-validation tables (once per run)
    Classifying,      ///< one member's classifier trained on the labels and run over the map
    HeldOutGroups,    ///< one member's leave-group-out maps for the held-out evaluation
    Evaluating,       ///< rate curves of the map and the zero-label baselines (once per run)
    WritingOutputs,   ///< the output folder
};

struct StageInfo {
    Stage stage;
    const char *name; ///< as reported, e.g. "Training autoencoder"
    /// Typical seconds of the stage in a default run on a survey of about 300,000 cells (Kolari, 2 cores; per
    /// member for the per-member stages): weights for the progress of a whole run, not a prediction.
    double weight;
};

/** \brief Every stage, in the order of the enum. */
const std::vector<StageInfo> &stageTable();
const StageInfo &stageInfo(Stage stage);

/** \brief The reported name: "Training autoencoder", or with an ensemble's member "Training autoencoder (member 2
 *  of 3)" when members > 1 (member counts from 1). */
std::string stageLabel(Stage stage, int member = 0, int members = 1);

/** \brief Reads a label of stageLabel() back; false for any other text (member and members are then 0 and 1
 *  when the label names no member). */
bool parseStageLabel(const std::string &label, Stage &stage, int &member, int &members);

/** \brief The stages a training run with params reports, in order. reusing: a run offered the networks and feature
 *  rasters of an earlier one (each member's reuse and classification, no magnetic products). writing: the run also
 *  writes its output folder (the command line; the application keeps results in memory until saved). */
std::vector<Stage> plannedStages(const PipelineParams &params, bool reusing, bool writing = false);

/** \brief feedback->setStage(stageLabel(...)) when feedback is not null. */
void reportStage(Feedback *feedback, Stage stage, int member = 0, int members = 1);

} // namespace lodestone
