#include "stages.h"

#include "feedback.h"
#include "pipeline.h"

#include <algorithm>
#include <cstdio>

namespace lodestone {

const std::vector<StageInfo> &stageTable()
{
    // Weights: seconds per stage of the default run on Kolari (3 members, report.json's stage_seconds, the mean
    // of five seeds on the shared 2-core machine; docs/METHOD.md), rounded. Writing outputs: the CLI's log.
    static const std::vector<StageInfo> table = {
        {Stage::InputLayers, "Preparing input layers", 0.5},
        {Stage::MagneticProducts, "Computing magnetic products", 0.2},
        {Stage::ReusingNetwork, "Reusing the trained network", 0.1},
        {Stage::TrainingNetwork, "Training autoencoder", 7.0},
        {Stage::FeatureRasters, "Computing feature rasters", 2.0},
        {Stage::CrossValidating, "Cross-validating", 2.0},
        {Stage::Classifying, "Classifying the map", 0.1},
        {Stage::HeldOutGroups, "Evaluating held-out groups", 0.4},
        {Stage::Evaluating, "Evaluating against deposits and baselines", 0.4},
        {Stage::WritingOutputs, "Writing outputs", 2.0},
    };
    return table;
}

const StageInfo &stageInfo(Stage stage)
{
    return stageTable()[std::size_t(stage)];
}

std::string stageLabel(Stage stage, int member, int members)
{
    std::string label = stageInfo(stage).name;
    if (members > 1)
        label += " (member " + std::to_string(member) + " of " + std::to_string(members) + ")";
    return label;
}

bool parseStageLabel(const std::string &label, Stage &stage, int &member, int &members)
{
    member = 0;
    members = 1;
    for (const StageInfo &info : stageTable()) {
        const std::string name = info.name;
        if (label.compare(0, name.size(), name) != 0)
            continue;
        const std::string rest = label.substr(name.size());
        if (rest.empty()) {
            stage = info.stage;
            return true;
        }
        int m = 0, n = 0, used = 0;
        if (std::sscanf(rest.c_str(), " (member %d of %d)%n", &m, &n, &used) == 2 && used == int(rest.size()) &&
            m >= 1 && n >= m) {
            stage = info.stage;
            member = m;
            members = n;
            return true;
        }
    }
    return false;
}

std::vector<Stage> plannedStages(const PipelineParams &p, bool reusing, bool writing)
{
    std::vector<Stage> stages;
    if (!p.layers.empty())
        stages.push_back(Stage::InputLayers);
    if (!p.svmInputs.empty() && !reusing)
        stages.push_back(Stage::MagneticProducts);
    const int members = std::max(1, p.ensemble);
    for (int m = 0; m < members; ++m) {
        if (reusing) {
            stages.push_back(Stage::ReusingNetwork);
        } else {
            stages.push_back(Stage::TrainingNetwork);
            stages.push_back(Stage::FeatureRasters);
        }
        if (m == 0 && !p.cvSchemes.empty())
            stages.push_back(Stage::CrossValidating);
        stages.push_back(Stage::Classifying);
        if (p.evaluate)
            stages.push_back(Stage::HeldOutGroups);
    }
    if (p.evaluate)
        stages.push_back(Stage::Evaluating);
    if (writing)
        stages.push_back(Stage::WritingOutputs);
    return stages;
}

void reportStage(Feedback *feedback, Stage stage, int member, int members)
{
    if (feedback)
        feedback->setStage(stageLabel(stage, member, members));
}

} // namespace lodestone
