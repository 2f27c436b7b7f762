// The run's evaluation against deposits and the zero-label baselines, spatial cross-validation, ensembles and
// the HTML report.
#include "demo.h"
#include "error.h"
#include "experiments.h"
#include "htmlreport.h"
#include "labels.h"
#include "magneticfilters.h"
#include "mapevaluation.h"
#include "pipeline.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

struct Inputs {
    Raster survey;
    LabelImage labels;
    std::vector<std::size_t> truthDeposits;
};

Inputs demoInputs(int width, int height)
{
    DemoParams dp;
    dp.width = width;
    dp.height = height;
    dp.seed = 7;
    const DemoSurvey demo = generateDemoSurvey(dp);
    Inputs in;
    in.survey.grid = demo.grid;
    in.survey.data = demo.tmi;
    in.survey.valid.assign(demo.tmi.size(), 1);
    in.labels.grid = demo.grid;
    in.labels.values = demo.labels;
    for (std::size_t i = 0; i < demo.truth.size(); ++i)
        if (demo.truth[i] == TruthDeposit)
            in.truthDeposits.push_back(i);
    return in;
}

PipelineParams smallParams()
{
    PipelineParams p;
    p.ensemble = 1;
    p.background = 0;
    p.autoencoder.patchSize = 20;
    p.autoencoder.filters = {6, 4, 4};
    p.autoencoder.trainPatches = 600;
    p.autoencoder.epochs = 1;
    p.experiments.perClass = 0;
    p.experiments.patchResize = 5;
    p.cvModes = {SvmMode::PixelFeatures, SvmMode::PatchFeatures};
    p.seed = 3;
    p.threads = 2;
    return p;
}

std::string fileText(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void expectCurve(const RateCurve &c, int occurrences)
{
    EXPECT_EQ(c.occurrences, occurrences);
    ASSERT_FALSE(c.area.empty());
    EXPECT_EQ(c.area.front(), 0.0);
    EXPECT_EQ(c.area.back(), 1.0);
    EXPECT_EQ(c.captured.back(), 1.0);
    for (std::size_t i = 1; i < c.area.size(); ++i) {
        EXPECT_GE(c.area[i], c.area[i - 1]);
        EXPECT_GE(c.captured[i], c.captured[i - 1]);
    }
    EXPECT_GE(c.auc, 0.0);
    EXPECT_LE(c.auc, 1.0);
}

} // namespace

TEST(MapEvaluation, RateCurveFromRanksTakesTheMeanRankAndSteps)
{
    const RateCurve c = rateCurveFromRanks({0.95, 0.5, 0.8, 0.99});
    EXPECT_DOUBLE_EQ(c.auc, (0.95 + 0.5 + 0.8 + 0.99) / 4);
    EXPECT_EQ(c.occurrences, 4);
    // The top 5 % of the area holds the occurrences ranked 0.95 and 0.99; the top 20 % also 0.8.
    EXPECT_DOUBLE_EQ(capturedInTop(c, 0.05), 0.5);
    EXPECT_DOUBLE_EQ(capturedInTop(c, 0.20), 0.75);
    EXPECT_DOUBLE_EQ(capturedInTop(c, 0.49), 0.75);
    EXPECT_DOUBLE_EQ(capturedInTop(c, 0.50), 1.0);
    EXPECT_TRUE(std::isnan(rateCurveFromRanks({}).auc));
}

TEST(MapEvaluation, BaselinesAreTheStandardProductsOnTheSurveysGrid)
{
    const Inputs in = demoInputs(96, 80);
    const std::vector<BaselineMap> b = magneticBaselines(in.survey, 20);
    std::set<std::string> names;
    for (const BaselineMap &m : b) {
        names.insert(m.name);
        EXPECT_EQ(m.score.size(), in.survey.data.size()) << m.name;
    }
    EXPECT_EQ(names, (std::set<std::string>{"raw", "neg-raw", "hgrad", "as", "tilt", "localstd21", "localstd9"}));
    EXPECT_EQ(b[1].score[5], -in.survey.data[5]);
    // Derived on two threads: the same maps, in the same order, as each product derived alone.
    const std::vector<BaselineMap> two = magneticBaselines(in.survey, 20, nullptr, 2);
    ASSERT_EQ(two.size(), b.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
        EXPECT_EQ(two[i].name, b[i].name);
        EXPECT_EQ(two[i].title, b[i].title);
        EXPECT_EQ(std::memcmp(two[i].score.data(), b[i].score.data(), b[i].score.size() * sizeof(float)), 0)
            << b[i].name;
    }
    DeriveParams as;
    as.product = MagneticProduct::AnalyticSignal;
    const std::vector<float> alone = deriveMagneticProduct(in.survey, as).data;
    EXPECT_EQ(std::memcmp(two[3].score.data(), alone.data(), alone.size() * sizeof(float)), 0);
    EXPECT_EQ(two[3].name, "as");
}

TEST(MapEvaluation, SpatialCrossValidationHoldsGroupsOut)
{
    const Inputs in = demoInputs(512, 512);
    PipelineParams p = smallParams();
    p.evaluate = false;
    const PipelineResult r = runPipeline(in.survey, in.labels, p, nullptr);
    ASSERT_EQ(r.crossValidation.size(), 2u);
    ASSERT_EQ(r.spatialCrossValidation.size(), 2u);
    for (const ModeResult &m : r.spatialCrossValidation) {
        EXPECT_EQ(m.scheme, CvScheme::Spatial);
        EXPECT_GT(m.groups, 1);
        EXPECT_LE(m.groups, m.positions);
        EXPECT_GT(m.tested, 0);
        EXPECT_EQ(m.confusion.total(), m.tested);
        EXPECT_GE(m.auc, 0.0);
        EXPECT_LE(m.auc, 1.0);
    }
    for (const ModeResult &m : r.crossValidation) {
        EXPECT_EQ(m.scheme, CvScheme::Random);
        EXPECT_EQ(m.tested, m.positions);
    }
    EXPECT_TRUE(r.evaluation.empty());
    EXPECT_TRUE(r.uncertainty.empty());
}

TEST(MapEvaluation, EnsembleRunIsEvaluatedAgainstDepositsAndBaselines)
{
    const Inputs in = demoInputs(512, 512);
    PipelineParams p = smallParams();
    p.ensemble = 2;
    p.validationPixels = in.truthDeposits;
    const PipelineResult r = runPipeline(in.survey, in.labels, p, nullptr);
    EXPECT_EQ(r.ensemble, 2);

    // The map is the members' mean, the uncertainty their spread, and the classes follow the mean.
    ASSERT_EQ(r.uncertainty.size(), r.probability.size());
    bool spread = false;
    for (std::size_t i = 0; i < r.probability.size(); ++i) {
        ASSERT_GE(r.uncertainty[i], 0.0f);
        ASSERT_LE(r.uncertainty[i], 0.5f);
        ASSERT_EQ(r.classes[i], r.probability[i] >= 0.5f ? 1 : 0);
        spread = spread || r.uncertainty[i] > 1e-4f;
    }
    EXPECT_TRUE(spread);

    const MapEvaluation &e = r.evaluation;
    ASSERT_EQ(e.rows.size(), 8u);
    EXPECT_TRUE(e.rows[0].isModel);
    EXPECT_EQ(e.rows[0].name, "ensemble");
    EXPECT_EQ(e.trainingDeposits, 14);
    EXPECT_GT(e.validationUsed, 50);
    EXPECT_EQ(e.validationGiven - e.validationUsed, 14); // the labelled deposit pixels lie in the truth bodies
    EXPECT_EQ(e.headline(), "prediction");
    EXPECT_GT(e.heldOutGroups, 0);
    for (const ScoreEvaluation &row : e.rows) {
        SCOPED_TRACE(row.name);
        expectCurve(row.success, 14);
        expectCurve(row.prediction, e.validationUsed);
        if (!row.isModel) {
            EXPECT_EQ(row.heldOut.auc, row.success.auc);
        }
    }
    EXPECT_GT(e.rows[0].heldOut.occurrences, 0);
    EXPECT_LE(e.rows[0].heldOut.occurrences, 14);
    // The model fits its own training deposits well, and ranks the truth bodies above chance.
    EXPECT_GT(e.rows[0].success.auc, 0.8);
    EXPECT_GT(e.rows[0].prediction.auc, 0.6);
    EXPECT_GE(e.bestBaseline(), 1);

    TempDir dir;
    RunContext c;
    c.surveyPath = "survey.tif";
    writePipelineOutputs(r, p, c, dir.path(), nullptr, true, &in.survey);
    for (const char *f : {"uncertainty.tif", "report.html", "report.json"})
        EXPECT_TRUE(std::filesystem::exists(dir.file(f))) << f;
    const std::string json = fileText(dir.file("report.json"));
    for (const char *key : {"\"evaluation\"", "\"prediction\"", "\"held_out\"", "\"success\"", "\"top_10pct\"",
                            "\"best_baseline\"", "\"cross_validation_spatial\"",
                            "\"cross_validation_headline\": \"spatial\"", "\"ensemble\": 2", "\"localstd21\""})
        EXPECT_NE(json.find(key), std::string::npos) << key;
    const std::string html = fileText(dir.file("report.html"));
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("data:image/png;base64,"), std::string::npos);
    EXPECT_NE(html.find("Prediction rate"), std::string::npos);
    EXPECT_EQ(html.find("src='http"), std::string::npos); // self-contained: nothing fetched
    EXPECT_EQ(html.find("href="), std::string::npos);

    // A later run of one member removes the stale uncertainty map.
    PipelineParams single = smallParams();
    single.evaluate = false;
    const PipelineResult one = runPipeline(in.survey, in.labels, single, nullptr);
    writePipelineOutputs(one, single, c, dir.path(), nullptr);
    EXPECT_FALSE(std::filesystem::exists(dir.file("uncertainty.tif")));
}

TEST(MapEvaluation, EnsembleSizeOutOfRangeIsRefused)
{
    const Inputs in = demoInputs(96, 80);
    PipelineParams p = smallParams();
    p.ensemble = 0;
    EXPECT_THROW(runPipeline(in.survey, in.labels, p, nullptr), Error);
}
