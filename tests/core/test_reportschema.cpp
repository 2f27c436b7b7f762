// report.json: what a run writes reads back exactly (doubles to the last bit, which ten significant digits lost);
// reports of schema 1 (no schema_version) read; values of the wrong type or out of range are refused with a
// sentence naming the file and the key.
#include "error.h"
#include "htmlreport.h"
#include "pipeline.h"
#include "reportschema.h"
#include "testutil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

using namespace lodestone;

namespace {

std::string errorOf(const std::string &json, const std::string &name = "run/report.json")
{
    PipelineResult r;
    try {
        readPipelineReport(json, r, name);
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadModel);
        return e.what();
    }
    return {};
}

RateCurve curve(double auc, int occurrences, std::vector<double> area, std::vector<double> captured)
{
    RateCurve c;
    c.auc = auc;
    c.occurrences = occurrences;
    c.area = std::move(area);
    c.captured = std::move(captured);
    return c;
}

} // namespace

TEST(ReportSchema, EveryValueReadsBackExactly)
{
    const double precise = 0.1234567890123; // "%.10g" wrote 0.123456789
    char tenDigits[32];
    std::snprintf(tenDigits, sizeof tenDigits, "%.10g", precise);
    ASSERT_NE(std::stod(tenDigits), precise);

    PipelineResult r;
    r.deposits = 14;
    r.nonDeposits = 17;
    r.history.epochLoss = {precise, 0.02, 1.0 / 3.0};
    r.stageSeconds = {{"train_autoencoder", 12.345678901234}, {"classification", 0.5}};
    ModeResult m;
    m.mode = SvmMode::PatchSamples;
    m.scheme = CvScheme::Random;
    m.accuracy = precise;
    m.precision = 2.0 / 3.0;
    m.recall = 0.1;
    m.f1 = 0.7;
    m.auc = std::numeric_limits<double>::quiet_NaN();
    m.folds = 5;
    m.positions = 24;
    m.tested = 22;
    m.c = 1e-7 / 3.0;
    m.gamma = 123456.789012345;
    m.foldAccuracy = {precise, 1.0};
    m.confusion.tn = 10;
    m.confusion.fp = 2;
    m.confusion.fn = 3;
    m.confusion.tp = 9;
    r.crossValidation = {m};
    ModeResult s = m;
    s.mode = SvmMode::PixelFeatures;
    s.scheme = CvScheme::Spatial;
    s.auc = 0.8765432109876;
    s.groups = 7;
    r.spatialCrossValidation = {s};
    r.ensemble = 4;
    r.evaluation.trainingDeposits = 31;
    r.evaluation.validationGiven = 10;
    r.evaluation.validationUsed = 9;
    r.evaluation.heldOutGroups = 3;
    r.evaluation.depositGroups = 5;
    r.evaluation.groupDistance = 20.000000000001;
    r.evaluation.notes = {"A note."};
    ScoreEvaluation row;
    row.name = "model";
    row.title = "The model";
    row.isModel = true;
    row.success = curve(precise, 3, {0.0, 1.0 / 7.0, 1.0}, {0.0, 2.0 / 3.0, 1.0});
    row.heldOut = curve(0.6, 2, {0.0, 0.5}, {0.5, 1.0});
    row.prediction = curve(0.9, 9, {0.0, 0.25}, {1.0 / 9.0, 1.0});
    r.evaluation.rows = {row};
    r.warnings = {"A warning with \"quotes\" and caf\xc3\xa9."};

    const std::string json = pipelineReportJson(r, PipelineParams(), RunContext());
    EXPECT_NE(json.find("\"schema_version\": 2"), std::string::npos);
    EXPECT_NE(json.find("0.1234567890123"), std::string::npos);
    PipelineResult b;
    readPipelineReport(json, b);
    EXPECT_EQ(b.deposits, 14u);
    EXPECT_EQ(b.nonDeposits, 17u);
    EXPECT_EQ(b.history.epochLoss, r.history.epochLoss);
    EXPECT_EQ(b.stageSeconds, (std::vector<std::pair<std::string, double>>{{"train_autoencoder", 12.345678901234},
                                                                           {"classification", 0.5}}));
    ASSERT_EQ(b.crossValidation.size(), 1u);
    const ModeResult &bm = b.crossValidation[0];
    EXPECT_EQ(bm.mode, SvmMode::PatchSamples);
    EXPECT_EQ(bm.scheme, CvScheme::Random);
    EXPECT_EQ(bm.accuracy, precise);
    EXPECT_EQ(bm.precision, 2.0 / 3.0);
    EXPECT_EQ(bm.recall, 0.1);
    EXPECT_EQ(bm.f1, 0.7);
    EXPECT_TRUE(std::isnan(bm.auc));
    EXPECT_EQ(bm.folds, 5);
    EXPECT_EQ(bm.positions, 24);
    EXPECT_EQ(bm.tested, 22);
    EXPECT_EQ(bm.c, 1e-7 / 3.0);
    EXPECT_EQ(bm.gamma, 123456.789012345);
    EXPECT_EQ(bm.foldAccuracy, m.foldAccuracy);
    EXPECT_EQ(bm.confusion.tn, 10);
    EXPECT_EQ(bm.confusion.fp, 2);
    EXPECT_EQ(bm.confusion.fn, 3);
    EXPECT_EQ(bm.confusion.tp, 9);
    ASSERT_EQ(b.spatialCrossValidation.size(), 1u);
    EXPECT_EQ(b.spatialCrossValidation[0].scheme, CvScheme::Spatial);
    EXPECT_EQ(b.spatialCrossValidation[0].mode, SvmMode::PixelFeatures);
    EXPECT_EQ(b.spatialCrossValidation[0].auc, 0.8765432109876);
    EXPECT_EQ(b.spatialCrossValidation[0].groups, 7);
    EXPECT_EQ(b.ensemble, 4);
    const MapEvaluation &e = b.evaluation;
    EXPECT_EQ(e.trainingDeposits, 31);
    EXPECT_EQ(e.validationGiven, 10);
    EXPECT_EQ(e.validationUsed, 9);
    EXPECT_EQ(e.heldOutGroups, 3);
    EXPECT_EQ(e.depositGroups, 5);
    EXPECT_EQ(e.groupDistance, 20.000000000001);
    EXPECT_EQ(e.notes, r.evaluation.notes);
    ASSERT_EQ(e.rows.size(), 1u);
    EXPECT_EQ(e.rows[0].name, "model");
    EXPECT_EQ(e.rows[0].title, "The model");
    EXPECT_TRUE(e.rows[0].isModel);
    EXPECT_EQ(e.rows[0].success.auc, precise);
    EXPECT_EQ(e.rows[0].success.occurrences, 3);
    EXPECT_EQ(e.rows[0].success.area, row.success.area);
    EXPECT_EQ(e.rows[0].success.captured, row.success.captured);
    EXPECT_EQ(e.rows[0].heldOut.area, row.heldOut.area);
    EXPECT_EQ(e.rows[0].prediction.captured, row.prediction.captured);
    EXPECT_EQ(b.warnings, r.warnings);
}

TEST(ReportSchema, TheApplicationsOccurrenceImportsAreRecorded)
{
    PipelineResult r;
    r.deposits = 17;
    r.nonDeposits = 17;
    RunContext c;
    c.labelsKind = "painted";
    c.labelsPath = "labels made in Lodestone (painted or imported), not saved to a file";
    c.labelsImports = {"occurrences imported from /data/kolari.shp (26 points, 17 new deposit pixels; 17 random "
                       "non-deposit pixels at least 3000 map units from the occurrences, drawn with seed 4)"};
    const nlohmann::json root = nlohmann::json::parse(pipelineReportJson(r, PipelineParams(), c));
    EXPECT_EQ(root["labels"]["imports"], nlohmann::json(c.labelsImports));
    EXPECT_FALSE(nlohmann::json::parse(pipelineReportJson(r, PipelineParams(), RunContext()))["labels"].contains(
        "imports")); // none: no key
    r.stageSeconds = {{"svm_inputs", 0.25}};
    const std::string html = htmlReport(r, PipelineParams(), c, nullptr);
    EXPECT_NE(html.find("time: magnetic inputs of the classifier"), std::string::npos); // not "svm inputs"
    EXPECT_NE(html.find("17 deposit and 17 non-deposit positions; occurrences imported from /data/kolari.shp (26 "
                        "points, 17 new deposit pixels; 17 random non-deposit pixels at least 3000 map units from the "
                        "occurrences, drawn with seed 4). Seed 0"),
              std::string::npos)
        << html.substr(0, 2000);
}

TEST(ReportSchema, TheReportsMapsDrawCellsInTheirGroundProportions)
{
    // 200 x 100 cells of 0.002 x 0.001 degree from 60.05 N: on the ground about 111.6 m x 111.4 m, so the
    // thumbnail is 200 x 99 (square degrees would draw it 200 x 50).
    PipelineResult r;
    r.grid.width = 200;
    r.grid.height = 100;
    r.grid.geoTransform = {24.0, 0.002, 0, 60.05, 0, -0.001};
    r.grid.hasGeoTransform = true;
    r.grid.crsWkt = test::wktOf(4326);
    r.valid.assign(r.grid.pixelCount(), 1);
    r.probability.assign(r.grid.pixelCount(), 0.5f);
    const std::string html = htmlReport(r, PipelineParams(), RunContext(), nullptr);
    EXPECT_NE(html.find("<img alt='deposit probability' src='data:image/png;base64,"), std::string::npos);
    EXPECT_NE(html.find("' width='200' height='99'>"), std::string::npos) << html.substr(html.find("' width="), 40);
    // In metres, rectangular cells keep their proportions too: 10 x 20 m cells, 200 x 100 of them.
    r.grid.geoTransform = {500000, 10, 0, 7500000, 0, -20};
    r.grid.crsWkt = test::wktOf(3067);
    const std::string metres = htmlReport(r, PipelineParams(), RunContext(), nullptr);
    EXPECT_NE(metres.find("' width='200' height='200'>"), std::string::npos);
}

TEST(ReportSchema, ReportsOfSchemaOneRead)
{
    // As the hand-written writer of earlier versions wrote it: no schema_version, ten significant digits, NaN as
    // null, and no spatial cross-validation, evaluation or ensemble.
    const std::string old = R"({
  "lodestone_version": "0.9.0",
  "labels": {
    "source": "labels.tif",
    "deposit": 12,
    "non_deposit": 15
  },
  "seed": 5,
  "loss_per_epoch": [0.0312345679, 0.02],
  "cross_validation": {
    "pixel-features": {
      "accuracy": 0.75,
      "auc": null,
      "folds": 5,
      "positions": 24,
      "fold_accuracy": [0.5, 1],
      "confusion_matrix": {"values": [[10, 2], [3, 9]]}
    }
  },
  "warnings": ["Folds reduced."]
})";
    PipelineResult r;
    readPipelineReport(old, r);
    EXPECT_EQ(r.deposits, 12u);
    EXPECT_EQ(r.nonDeposits, 15u);
    EXPECT_EQ(r.history.epochLoss, (std::vector<double>{0.0312345679, 0.02}));
    ASSERT_EQ(r.crossValidation.size(), 1u);
    EXPECT_EQ(r.crossValidation[0].scheme, CvScheme::Random);
    EXPECT_EQ(r.crossValidation[0].accuracy, 0.75);
    EXPECT_TRUE(std::isnan(r.crossValidation[0].auc));
    EXPECT_EQ(r.crossValidation[0].tested, 24);
    EXPECT_EQ(r.crossValidation[0].foldAccuracy, (std::vector<double>{0.5, 1.0}));
    EXPECT_EQ(r.crossValidation[0].confusion.tp, 9);
    EXPECT_TRUE(r.spatialCrossValidation.empty());
    EXPECT_TRUE(r.evaluation.empty());
    EXPECT_EQ(r.ensemble, 1);
    EXPECT_EQ(r.warnings, std::vector<std::string>{"Folds reduced."});
}

TEST(ReportSchema, RefusalsNameTheFileAndTheKey)
{
    EXPECT_EQ(errorOf(R"({"labels": {"deposit": -1}})"),
              "run/report.json: 'labels.deposit' must be a whole number from 0 to 1000000000000, not -1.");
    EXPECT_EQ(errorOf(R"({"labels": {"non_deposit": 1.5}})"),
              "run/report.json: 'labels.non_deposit' must be a whole number from 0 to 1000000000000, not 1.5.");
    EXPECT_EQ(errorOf(R"({"labels": []})"), "run/report.json: 'labels' must be an object, not [].");
    EXPECT_EQ(errorOf(R"({"loss_per_epoch": [0.1, "x"]})"),
              "run/report.json: 'loss_per_epoch[1]' must be a number from 0 to infinity, not \"x\".");
    EXPECT_EQ(errorOf(R"({"ensemble": 0})"),
              "run/report.json: 'ensemble' must be a whole number from 1 to 1000, not 0.");
    EXPECT_EQ(errorOf(R"({"cross_validation": {"patch-samples": {"accuracy": 1.0000001}}})"),
              "run/report.json: 'cross_validation.patch-samples.accuracy' must be a number from 0 to 1, not "
              "1.0000001.");
    EXPECT_EQ(errorOf(R"({"cross_validation_spatial": {"pixel-samples": {"scheme": "diagonal"}}})"),
              "run/report.json: 'cross_validation_spatial.pixel-samples.scheme' must be \"random\" or \"spatial\", "
              "not \"diagonal\".");
    EXPECT_EQ(errorOf(R"({"cross_validation": {"pixel-features": {"confusion_matrix": {"values": [[1, 2]]}}}})"),
              "run/report.json: 'cross_validation.pixel-features.confusion_matrix.values' must be two rows of two "
              "counts, not [[1,2]].");
    EXPECT_EQ(errorOf(R"({"evaluation": {"rows": [{"success": {"area": [0, 0.5], "fraction": [1]}}]}})"),
              "run/report.json: 'evaluation.rows[0].success.fraction' must be as long as "
              "'evaluation.rows[0].success.area' (2 values), not [1].");
    EXPECT_EQ(errorOf(R"({"warnings": [3]})"), "run/report.json: 'warnings[0]' must be text, not 3.");
    EXPECT_EQ(errorOf(R"({"schema_version": 3})"),
              "run/report.json was written by a newer version of Lodestone (report schema 3; this version reads up "
              "to 2).");
    EXPECT_EQ(errorOf("[1, 2]"), "run/report.json is not a Lodestone report: its JSON text is not an object.");
    EXPECT_EQ(errorOf("{\"labels\": {\"deposit\": 1e999}}").rfind("run/report.json is not valid JSON text (", 0), 0u);
    EXPECT_EQ(errorOf("").rfind("run/report.json is not valid JSON text (", 0), 0u);
    // A long value is shortened in the sentence.
    const std::string longText = "{\"loss_per_epoch\": [\"" + std::string(100, 'x') + "\"]}";
    EXPECT_EQ(errorOf(longText), "run/report.json: 'loss_per_epoch[0]' must be a number from 0 to infinity, not \"" +
                                     std::string(56, 'x') + "....");
}

TEST(ReportSchema, TheProvenanceSidecarHoldsTheReport)
{
    PipelineResult r;
    r.deposits = 2;
    const std::string report = pipelineReportJson(r, PipelineParams(), RunContext());
    const std::string sidecar = provenanceJson("/out/classes.tif", "class map", report);
    const std::string head = "{\n  \"file\": \"/out/classes.tif\",\n  \"content\": \"class map\",\n  \"report\": {\n";
    EXPECT_EQ(sidecar.rfind(head, 0), 0u) << sidecar;
    EXPECT_NE(sidecar.find("\n    \"schema_version\": 2,"), std::string::npos) << sidecar;
}
