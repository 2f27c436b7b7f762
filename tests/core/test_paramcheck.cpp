// The rules on a run's settings in one place: each problem names its setting and its value, the defaults and the
// paper's preset have none, the patch resize matters only when a patch mode is used, and the pipeline refuses a
// run with the first problem's message.
#include "demo.h"
#include "error.h"
#include "labels.h"
#include "paramcheck.h"
#include "pipeline.h"
#include "raster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

using namespace lodestone;

namespace {

std::vector<ParamField> fieldsOf(const std::vector<ParamProblem> &problems)
{
    std::vector<ParamField> out;
    for (const ParamProblem &p : problems)
        out.push_back(p.field);
    return out;
}

} // namespace

TEST(ParamCheck, TheDefaultsAndThePaperPresetHaveNoProblem)
{
    EXPECT_TRUE(paramProblems(PipelineParams{}).empty());
    EXPECT_TRUE(paramProblems(paperPipelineParams()).empty());
    EXPECT_TRUE(paramProblems(PipelineParams{}, 50, 50).empty()); // a patch as large as the survey fits
    EXPECT_NO_THROW(checkParams(PipelineParams{}));
}

TEST(ParamCheck, EachProblemNamesItsSettingAndValue)
{
    struct Case {
        std::function<void(PipelineParams &)> change;
        ParamField field;
        std::string says;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<Case> cases = {
        {[](PipelineParams &p) {
             p.autoencoder.patchSize = 3;
             p.experiments.patchResize = 1;
         },
         ParamField::PatchSize, "from 4 to 512 cells, not 3"},
        {[](PipelineParams &p) { p.autoencoder.patchSize = 600; }, ParamField::PatchSize, "not 600"},
        {[](PipelineParams &p) { p.autoencoder.filters[1] = 0; }, ParamField::Filters, "1 to 256 filters, not 0"},
        {[](PipelineParams &p) { p.autoencoder.trainPatches = 0; }, ParamField::TrainPatches, "not 0"},
        {[](PipelineParams &p) { p.autoencoder.epochs = -1; }, ParamField::Epochs, "not -1"},
        {[](PipelineParams &p) { p.autoencoder.batchSize = 0; }, ParamField::BatchSize, "at least 1, not 0"},
        {[nan](PipelineParams &p) { p.autoencoder.learningRate = nan; }, ParamField::LearningRate, "not nan"},
        {[](PipelineParams &p) { p.autoencoder.learningRate = 0; }, ParamField::LearningRate, "positive finite"},
        {[](PipelineParams &p) { p.stride = 2; }, ParamField::Stride, "stride must be 1, not 2"},
        {[](PipelineParams &p) {
             p.featureMethod = FeatureMethod::Exact;
             p.stride = 51;
         },
         ParamField::Stride, "from 1 to the patch size (50), not 51"},
        {[](PipelineParams &p) { p.experiments.patchResize = 0; }, ParamField::PatchResize, "at least 1, not 0"},
        {[](PipelineParams &p) { p.experiments.patchResize = 15; }, ParamField::PatchResize,
         "patch size (50) must be a multiple of the patch resize (15)"},
        {[](PipelineParams &p) { p.experiments.svm.c = -1; }, ParamField::SvmC, "not -1"},
        {[](PipelineParams &p) { p.experiments.svm.gamma = std::numeric_limits<double>::infinity(); },
         ParamField::SvmGamma, "not inf"},
        {[](PipelineParams &p) { p.experiments.svm.innerFolds = 1; }, ParamField::InnerFolds, "at least 2 folds"},
        {[](PipelineParams &p) { p.experiments.folds = 1; }, ParamField::Folds, "at least 2 folds, not 1"},
        {[](PipelineParams &p) { p.experiments.perClass = -2; }, ParamField::PerClass, "not -2"},
        {[](PipelineParams &p) { p.experiments.depositBuffer = 11; }, ParamField::DepositBuffer,
         "from 0 to 10 cells, not 11"},
        {[](PipelineParams &p) { p.ensemble = 0; }, ParamField::Ensemble, "from 1 to 100, not 0"},
        {[](PipelineParams &p) { p.ensemble = 101; }, ParamField::Ensemble, "not 101"},
        {[](PipelineParams &p) { p.heldOutFolds = 1; }, ParamField::HeldOutFolds, "at least 2 folds, not 1"},
        {[](PipelineParams &p) { p.background = -1; }, ParamField::Background, "from 0 to 100000, not -1"},
        {[](PipelineParams &p) { p.featureComponents = -1; }, ParamField::FeatureComponents, "from 0 to 1000, not -1"},
        {[](PipelineParams &p) { p.featureLayers = {0}; }, ParamField::FeatureLayers, "from 1 to 3, not 0"},
        {[](PipelineParams &p) {
             p.featureLayers = {3, 2, 3};
         },
         ParamField::FeatureLayers, "distinct numbers"},
        {[](PipelineParams &p) { p.threads = -3; }, ParamField::Threads, "not -3"},
        {[](PipelineParams &p) { p.layers.assign(kMaxInputLayers + 1, LayerSpec{}); }, ParamField::InputLayers,
         "at most 63 input layers besides the survey, not 64"},
    };
    for (const Case &c : cases) {
        PipelineParams p;
        c.change(p);
        const std::vector<ParamProblem> problems = paramProblems(p);
        ASSERT_EQ(problems.size(), 1u) << c.says;
        EXPECT_EQ(problems[0].field, c.field) << c.says;
        EXPECT_NE(problems[0].message.find(c.says), std::string::npos) << problems[0].message;
        try {
            checkParams(p);
            ADD_FAILURE() << "not refused: " << c.says;
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadParameter);
            EXPECT_EQ(std::string(e.what()), problems[0].message);
        }
    }
}

TEST(ParamCheck, EveryProblemIsListedInTheOrderOfTheFields)
{
    PipelineParams p;
    p.ensemble = 0;
    p.autoencoder.epochs = 0;
    p.experiments.folds = 1;
    const std::vector<ParamField> expected = {ParamField::Epochs, ParamField::Folds, ParamField::Ensemble};
    EXPECT_EQ(fieldsOf(paramProblems(p)), expected);
}

TEST(ParamCheck, ThePatchMustFitTheSurveyWhenItsSizeIsGiven)
{
    PipelineParams p;
    p.autoencoder.patchSize = 60;
    p.experiments.patchResize = 10;
    EXPECT_TRUE(paramProblems(p).empty());
    const std::vector<ParamProblem> problems = paramProblems(p, 80, 59);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].field, ParamField::PatchSize);
    EXPECT_EQ(problems[0].message, "The patch size (60) is larger than the survey (80 x 59).");
}

TEST(ParamCheck, ThePatchResizeMattersOnlyWhereAPatchModeIsUsed)
{
    PipelineParams p;
    p.autoencoder.patchSize = 48;
    ASSERT_EQ(fieldsOf(paramProblems(p)), std::vector<ParamField>{ParamField::PatchResize}); // cross-validated
    p.cvSchemes.clear(); // no cross-validation, the map in a pixel mode: the patch is never reduced
    EXPECT_TRUE(paramProblems(p).empty());
    p.mode = SvmMode::PatchSamples; // the map's own mode reduces the patch
    EXPECT_EQ(fieldsOf(paramProblems(p)), std::vector<ParamField>{ParamField::PatchResize});
    p.mode = SvmMode::PixelSamples;
    p.cvSchemes = {CvScheme::Spatial};
    p.cvModes = {SvmMode::PixelFeatures, SvmMode::PixelSamples}; // cross-validated, but in pixel modes only
    EXPECT_TRUE(paramProblems(p).empty());
}

TEST(ParamCheck, ThePipelineRefusesARunWithTheFirstProblem)
{
    DemoParams dp;
    dp.width = dp.height = 64;
    const DemoSurvey demo = generateDemoSurvey(dp);
    Raster survey;
    survey.grid = demo.grid;
    survey.data = demo.tmi;
    survey.valid.assign(demo.tmi.size(), 1);
    LabelImage labels;
    labels.grid = demo.grid;
    labels.values = demo.labels;
    PipelineParams p;
    p.autoencoder.patchSize = 70;
    p.experiments.patchResize = 10;
    try {
        runPipeline(survey, labels, p, nullptr);
        FAIL() << "a patch larger than the survey was not refused";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadParameter);
        EXPECT_STREQ(e.what(), "The patch size (70) is larger than the survey (64 x 64).");
    }
}
