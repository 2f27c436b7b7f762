// Re-using the trained networks and feature rasters of an earlier run: the results of a full run with the same
// seed, bit for bit, and a refusal naming what differs when anything they depend on changed.
#include "autoencoder.h"
#include "demo.h"
#include "error.h"
#include "featurereuse.h"
#include "labels.h"
#include "pipeline.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

struct Inputs {
    Raster survey;
    LabelImage labels;
};

Inputs demoInputs(int width, int height)
{
    DemoParams dp;
    dp.width = width;
    dp.height = height;
    dp.seed = 4;
    const DemoSurvey demo = generateDemoSurvey(dp);
    Inputs in;
    in.survey.grid = demo.grid;
    in.survey.data = demo.tmi;
    in.survey.valid.assign(demo.tmi.size(), 1);
    in.survey.path = "/surveys/demo.tif";
    in.labels.grid = demo.grid;
    in.labels.values = demo.labels;
    return in;
}

PipelineParams smallParams()
{
    PipelineParams p;
    p.ensemble = 2;
    p.background = 20;
    p.autoencoder.patchSize = 16;
    p.autoencoder.trainPatches = 400;
    p.autoencoder.epochs = 1;
    p.experiments.perClass = 0;
    p.experiments.patchResize = 4;
    p.cvSchemes = {CvScheme::Spatial};
    p.cvModes = {SvmMode::PixelFeatures};
    p.heldOutFolds = 3;
    p.svmInputs = {"tilt"};
    p.seed = 9;
    p.threads = 2;
    return p;
}

/** The labels with a few more of each class: what a user adds after a first run. */
LabelImage moreLabels(const LabelImage &labels)
{
    LabelImage more = labels;
    const int w = labels.grid.width;
    for (auto [x, y] : {std::pair{3, 3}, {w - 4, 5}, {w / 2, labels.grid.height - 3}})
        if (more.values[std::size_t(y) * w + x] == LabelUnknown)
            more.values[std::size_t(y) * w + x] = LabelNonDeposit;
    // A deposit next to an existing one.
    for (std::size_t i = 0; i + 1 < more.values.size(); ++i)
        if (more.values[i] == LabelDeposit && more.values[i + 1] == LabelUnknown) {
            more.values[i + 1] = LabelDeposit;
            break;
        }
    return more;
}

bool sameBits(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

std::string fileText(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool hasStage(const PipelineResult &r, const std::string &stage)
{
    for (const auto &[name, s] : r.stageSeconds)
        if (name == stage)
            return true;
    return false;
}

} // namespace

TEST(FeatureReuse, KeptNetworksGiveTheFullRunsResultsBitForBit)
{
    const Inputs in = demoInputs(96, 80);
    const PipelineParams params = smallParams();
    FeatureReuse first;
    first.keep = true;
    const PipelineResult a = runPipeline(in.survey, in.labels, params, nullptr, &first);
    ASSERT_TRUE(first.kept);
    EXPECT_FALSE(first.reused);
    ASSERT_EQ(first.kept->networks.size(), 2u);
    ASSERT_EQ(first.kept->features.size(), 2u);
    EXPECT_EQ(first.kept->features[0]->count, a.features.count);
    EXPECT_EQ(first.kept->key, a.featureKey);

    // New labels and other SVM settings: the full run against the run that re-uses the kept networks.
    const LabelImage labels = moreLabels(in.labels);
    PipelineParams changed = params;
    changed.background = 35;
    changed.cvSchemes = {CvScheme::Random, CvScheme::Spatial};
    changed.heldOutFolds = 4;
    const PipelineResult full = runPipeline(in.survey, labels, changed, nullptr);
    FeatureReuse reuse;
    reuse.offered = first.kept;
    reuse.required = true;
    const PipelineResult fast = runPipeline(in.survey, labels, changed, nullptr, &reuse);
    EXPECT_TRUE(reuse.reused);
    EXPECT_EQ(fast.featuresReusedFrom, "memory");
    EXPECT_TRUE(full.featuresReusedFrom.empty());
    EXPECT_FALSE(hasStage(fast, "train_autoencoder"));
    EXPECT_TRUE(hasStage(fast, "reuse_features"));
    EXPECT_TRUE(hasStage(full, "train_autoencoder"));

    EXPECT_GT(full.deposits, a.deposits);
    EXPECT_EQ(full.classes, fast.classes);
    EXPECT_TRUE(sameBits(full.probability, fast.probability));
    EXPECT_TRUE(sameBits(full.uncertainty, fast.uncertainty));
    EXPECT_TRUE(sameBits(full.features.data, fast.features.data));
    EXPECT_GT(full.depositPixels, 0u);
    EXPECT_EQ(full.depositPixels, fast.depositPixels);
    ASSERT_EQ(full.spatialCrossValidation.size(), fast.spatialCrossValidation.size());
    EXPECT_EQ(full.spatialCrossValidation[0].accuracy, fast.spatialCrossValidation[0].accuracy);
    ASSERT_EQ(full.evaluation.rows.size(), fast.evaluation.rows.size());
    EXPECT_EQ(full.evaluation.rows[0].heldOut.rank, fast.evaluation.rows[0].heldOut.rank);
    // The loss curve of the networks travels with them.
    EXPECT_EQ(fast.history.epochLoss, a.history.epochLoss);
    // A preview's maps without the feature rasters: the same maps.
    FeatureReuse preview;
    preview.offered = first.kept;
    preview.required = true;
    preview.resultFeatures = false;
    PipelineParams mapsOnly = changed;
    mapsOnly.cvSchemes.clear();
    mapsOnly.evaluate = false;
    const PipelineResult maps = runPipeline(in.survey, labels, mapsOnly, nullptr, &preview);
    EXPECT_TRUE(maps.features.data.empty());
    EXPECT_TRUE(maps.evaluation.rows.empty());
    EXPECT_EQ(maps.classes, full.classes);
    EXPECT_TRUE(sameBits(maps.probability, full.probability));
}

TEST(FeatureReuse, AnOutputFolderGivesTheFullRunsClassesByteForByte)
{
    const Inputs in = demoInputs(96, 80);
    const PipelineParams params = smallParams();
    TempDir dir;
    RunContext context;
    context.surveyPath = in.survey.path;
    const PipelineResult a = runPipeline(in.survey, in.labels, params, nullptr);
    writePipelineOutputs(a, params, context, dir.file("first"), nullptr);

    const LabelImage labels = moreLabels(in.labels);
    PipelineParams changed = params;
    changed.mode = SvmMode::PatchFeatures;
    changed.cvModes = {SvmMode::PatchFeatures};
    const PipelineResult full = runPipeline(in.survey, labels, changed, nullptr);
    writePipelineOutputs(full, changed, context, dir.file("full"), nullptr);

    FeatureReuse reuse;
    reuse.required = true;
    reuse.offered = readTrainedFeatures(dir.file("first"));
    EXPECT_EQ(reuse.offered->source, dir.file("first"));
    ASSERT_EQ(reuse.offered->networks.size(), 2u);
    EXPECT_TRUE(reuse.offered->features[0]);
    EXPECT_FALSE(reuse.offered->features[1]); // recomputed from member 1's network
    const PipelineResult fast = runPipeline(in.survey, labels, changed, nullptr, &reuse);
    writePipelineOutputs(fast, changed, context, dir.file("fast"), nullptr);
    EXPECT_TRUE(reuse.reused);
    EXPECT_EQ(fast.featuresReusedFrom, dir.file("first"));

    const ByteRaster cf = readByteRaster(dir.file("full/classes.tif")),
                     cr = readByteRaster(dir.file("fast/classes.tif"));
    ASSERT_EQ(cf.data.size(), std::size_t(96 * 80));
    EXPECT_EQ(cf.data, cr.data);
    std::size_t deposit = 0;
    for (uint8_t v : cr.data)
        deposit += v == 1;
    EXPECT_GT(deposit, 0u);
    EXPECT_LT(deposit, cr.data.size());
    EXPECT_TRUE(
        sameBits(readRaster(dir.file("full/probability.tif")).data, readRaster(dir.file("fast/probability.tif")).data));
    EXPECT_TRUE(
        sameBits(readRaster(dir.file("full/uncertainty.tif")).data, readRaster(dir.file("fast/uncertainty.tif")).data));
    const std::string report = fileText(dir.file("fast/report.json"));
    EXPECT_NE(report.find("\"features_reused_from\": \"" + dir.file("first") + "\""), std::string::npos);
    EXPECT_EQ(fileText(dir.file("full/report.json")).find("features_reused_from"), std::string::npos);
    // The re-using run's folder can itself be re-used: it records the same key.
    EXPECT_EQ(readTrainedFeatures(dir.file("fast"))->key, a.featureKey);
}

TEST(FeatureReuse, RefusedNamingWhatDiffers)
{
    const Inputs in = demoInputs(64, 60);
    PipelineParams params = smallParams();
    params.ensemble = 1;
    params.evaluate = false;
    params.cvSchemes.clear();
    FeatureReuse first;
    first.keep = true;
    runPipeline(in.survey, in.labels, params, nullptr, &first);
    ASSERT_TRUE(first.kept);

    struct Case {
        const char *what;
        std::function<void(PipelineParams &, Raster &)> change;
    };
    const std::vector<Case> cases = {
        {"epochs (2 here, 1 in", [](PipelineParams &p, Raster &) { p.autoencoder.epochs = 2; }},
        {"seed (10 here, 9 in", [](PipelineParams &p, Raster &) { p.seed = 10; }},
        {"patch size (18 here, 16 in", [](PipelineParams &p, Raster &) { p.autoencoder.patchSize = 18; }},
        {"filters (8,8,8 here, 16,8,8 in",
         [](PipelineParams &p, Raster &) {
             p.autoencoder.filters = {8, 8, 8};
         }},
        {"training patches", [](PipelineParams &p, Raster &) { p.autoencoder.trainPatches = 500; }},
        {"learning rate", [](PipelineParams &p, Raster &) { p.autoencoder.learningRate = 2e-3; }},
        {"batch size", [](PipelineParams &p, Raster &) { p.autoencoder.batchSize = 16; }},
        {"ensemble size (2 here, 1 in", [](PipelineParams &p, Raster &) { p.ensemble = 2; }},
        {"SVM's magnetic product inputs (none here, tilt in", [](PipelineParams &p, Raster &) { p.svmInputs.clear(); }},
        {"input layers",
         [](PipelineParams &p, Raster &) {
             LayerSpec s;
             s.derive.product = MagneticProduct::TiltAngle;
             s.name = "tilt";
             p.layers = {s};
         }},
        {"feature method", [](PipelineParams &p, Raster &) { p.featureMethod = FeatureMethod::Exact; }},
        // Another survey file of the same name: the same path, other values in one pixel.
        {"(the same file name, other values)", [](PipelineParams &, Raster &s) { s.data[100] += 0.5f; }},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.what);
        PipelineParams p = params;
        Raster survey = in.survey;
        c.change(p, survey);
        FeatureReuse reuse;
        reuse.offered = first.kept;
        reuse.required = true;
        try {
            runPipeline(survey, in.labels, p, nullptr, &reuse);
            ADD_FAILURE() << "re-used";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadParameter);
            EXPECT_NE(std::string(e.what()).find(c.what), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("cannot be reused"), std::string::npos) << e.what();
        }
    }
    // Not required (the application): a full run, with the reason.
    PipelineParams p = params;
    p.autoencoder.epochs = 2;
    FeatureReuse reuse;
    reuse.offered = first.kept;
    reuse.keep = true;
    const PipelineResult r = runPipeline(in.survey, in.labels, p, nullptr, &reuse);
    EXPECT_FALSE(reuse.reused);
    EXPECT_NE(reuse.notReused.find("epochs (2 here, 1 in"), std::string::npos) << reuse.notReused;
    EXPECT_TRUE(r.featuresReusedFrom.empty());
    EXPECT_EQ(r.history.epochLoss.size(), 2u);
    ASSERT_TRUE(reuse.kept);
    EXPECT_NE(reuse.kept->key, first.kept->key);
    // Labels, SVM and evaluation settings alone: re-used.
    PipelineParams svm = params;
    svm.experiments.svm.c = 4;
    svm.background = 5;
    svm.evaluate = true;
    svm.threads = 1;
    FeatureReuse same;
    same.offered = first.kept;
    same.required = true;
    runPipeline(in.survey, moreLabels(in.labels), svm, nullptr, &same);
    EXPECT_TRUE(same.reused);
}

TEST(FeatureReuse, FolderWhoseFilesDoNotBelongTogetherIsRefused)
{
    const Inputs in = demoInputs(64, 60);
    PipelineParams params = smallParams();
    params.ensemble = 1;
    params.evaluate = false;
    params.cvSchemes.clear();
    TempDir dir;
    RunContext context;
    context.surveyPath = in.survey.path;
    writePipelineOutputs(runPipeline(in.survey, in.labels, params, nullptr), params, context, dir.file("a"), nullptr);
    PipelineParams other = params;
    other.seed = 11;
    writePipelineOutputs(runPipeline(in.survey, in.labels, other, nullptr), other, context, dir.file("b"), nullptr);
    EXPECT_NO_THROW(readTrainedFeatures(dir.file("a")));

    // b's features.tif beside a's model.pt.
    std::filesystem::copy_file(dir.file("b/features.tif"), dir.file("a/features.tif"),
                               std::filesystem::copy_options::overwrite_existing);
    try {
        readTrainedFeatures(dir.file("a"));
        ADD_FAILURE() << "read";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find(dir.file("a/features.tif")), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("content differs"), std::string::npos) << e.what();
    }
    // No model.pt: named.
    std::filesystem::remove(dir.file("b/model.pt"));
    try {
        readTrainedFeatures(dir.file("b"));
        ADD_FAILURE() << "read";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find(dir.file("b/model.pt")), std::string::npos) << e.what();
    }
    EXPECT_THROW(readTrainedFeatures(dir.file("none")), Error);
}

TEST(FeatureReuse, ContentHashSeesOneChangedValueAndIgnoresInvalidPixels)
{
    Raster r;
    r.grid.width = 4;
    r.grid.height = 3;
    r.data.assign(12, 1.5f);
    r.valid.assign(12, 1);
    const std::uint64_t h = rasterContentHash(r);
    Raster changed = r;
    changed.data[7] = 1.5000001f;
    EXPECT_NE(rasterContentHash(changed), h);
    Raster masked = r;
    masked.valid[2] = 0;
    EXPECT_NE(rasterContentHash(masked), h);
    Raster maskedOther = masked;
    maskedOther.data[2] = std::nanf("");
    EXPECT_EQ(rasterContentHash(maskedOther), rasterContentHash(masked));
    Raster wider = r;
    wider.grid.width = 6;
    wider.grid.height = 2;
    EXPECT_NE(rasterContentHash(wider), h);
}
