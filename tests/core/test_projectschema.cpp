// Project files: everything written reads back exactly (doubles to the last bit); files of schema 1 (with
// "version": 1) read; values of the wrong type or out of range are refused with a sentence naming the file and the
// key, never replaced by a default.
#include "projectschema.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

using namespace lodestone;

namespace {

/** The refusal of text as a project, or "" when it reads. */
std::string refusal(const std::string &text)
{
    try {
        projectFromJson(text, "/p/project.lodestone");
    } catch (const ProjectError &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadParameter);
        return e.what();
    }
    return {};
}

/** A minimal project whose training object holds member (e.g. "\"epochs\": 3"). */
std::string withTraining(const std::string &member)
{
    return R"({"format": "lodestone-project", "schema_version": 2, "survey": {"path": "s.tif"}, "training": {)" +
           member + "}}";
}

} // namespace

TEST(ProjectSchema, EverythingRoundTripsExactly)
{
    const double precise = 0.1234567890123; // "%.10g" would write 0.123456789
    char tenDigits[32];
    std::snprintf(tenDigits, sizeof tenDigits, "%.10g", precise);
    ASSERT_NE(std::stod(tenDigits), precise);

    ProjectDocument d;
    d.survey = {"data/survey.tif", "/p/data/survey.tif"};
    d.band = 2;
    d.labels = {"data/labels.tif", "/p/data/labels.tif"};
    d.validation = {"v.csv", "/p/v.csv"};
    d.training.autoencoder.patchSize = 30;
    d.training.autoencoder.filters = {8, 4, 2};
    d.training.autoencoder.learningRate = precise / 100;
    d.training.autoencoder.epochs = 9;
    d.training.featureMethod = FeatureMethod::Exact;
    d.training.stride = 3;
    d.training.mode = SvmMode::PatchSamples;
    d.training.experiments.svm.kind = ClassifierKind::Logistic;
    d.training.experiments.svm.c = precise;
    d.training.experiments.svm.gamma = 1.0 / 3.0;
    d.training.experiments.folds = 4;
    d.training.experiments.perClass = 0;
    d.training.experiments.patchResize = 5;
    d.training.seed = 18446744073709551615ull;
    d.training.ensemble = 4;
    d.training.featureComponents = 6;
    d.training.featureLayers = {2, 3};
    d.training.experiments.depositBuffer = 3;
    d.training.svmInputs = {"as", "localstd9"};
    d.training.layers = derivedLayers("as,up500");
    d.training.layers.push_back(fileLayer("/p/gravity.tif", 3));
    d.resultsFolder = {"results", "/p/results"};
    d.hasResultTraining = true;
    d.resultTraining = d.training;
    d.resultTraining.autoencoder.epochs = 11;
    d.exports["ReportCsv"] = {"out/report.csv", "/p/out/report.csv"};
    d.hasExtent = true;
    d.extent = {300100.123456789012, 6699900.0, 301500.5, 6698000.000000001};
    d.hasStyle = true;
    d.surveyStyle.ramp = "greys";
    d.surveyStyle.stretch = "percent-clip";
    d.surveyStyle.lowPercent = precise;
    d.surveyStyle.azimuth = 45;
    d.surveyStyle.blend = "multiply";
    d.surveyStyle.smoothZoomedIn = false;
    d.units = "nT/m";
    d.threshold = 0.7;
    d.greyBelow = true;
    d.classesLayer = {true, precise};
    d.probabilityLayer = {false, 1.0};
    d.features = {0, 5};
    ProjectUserLayer user;
    user.name = "tilt";
    user.units = "rad";
    user.source = "derived";
    user.origin = derivedLayers("tilt").front();
    user.style.ramp = "viridis";
    user.state = {false, 0.25};
    d.userLayers = {user};

    const std::string json = projectToJson(d);
    EXPECT_NE(json.find("\"schema_version\": 2"), std::string::npos) << json;
    const ProjectDocument b = projectFromJson(json, "p.lodestone");
    EXPECT_EQ(b.survey.relative, "data/survey.tif");
    EXPECT_EQ(b.survey.absolute, "/p/data/survey.tif");
    EXPECT_EQ(b.band, 2);
    EXPECT_EQ(b.labels.absolute, "/p/data/labels.tif");
    EXPECT_EQ(b.validation.relative, "v.csv");
    const PipelineParams &t = b.training;
    EXPECT_EQ(t.autoencoder.patchSize, 30);
    EXPECT_EQ(t.autoencoder.filters, (std::array<int, 3>{8, 4, 2}));
    EXPECT_EQ(t.autoencoder.learningRate, precise / 100);
    EXPECT_EQ(t.autoencoder.epochs, 9);
    EXPECT_EQ(t.featureMethod, FeatureMethod::Exact);
    EXPECT_EQ(t.stride, 3);
    EXPECT_EQ(t.mode, SvmMode::PatchSamples);
    EXPECT_EQ(t.experiments.svm.kind, ClassifierKind::Logistic);
    EXPECT_EQ(t.experiments.svm.c, precise);
    EXPECT_EQ(t.experiments.svm.gamma, 1.0 / 3.0);
    EXPECT_EQ(t.experiments.folds, 4);
    EXPECT_EQ(t.experiments.perClass, 0);
    EXPECT_EQ(t.experiments.patchResize, 5);
    EXPECT_EQ(t.seed, 18446744073709551615ull);
    EXPECT_EQ(t.ensemble, 4);
    EXPECT_EQ(t.featureComponents, 6);
    EXPECT_EQ(t.featureLayers, (std::vector<int>{2, 3}));
    EXPECT_EQ(t.experiments.depositBuffer, 3);
    EXPECT_EQ(t.svmInputs, d.training.svmInputs);
    ASSERT_EQ(t.layers.size(), 3u);
    EXPECT_EQ(t.layers[0].name, "as");
    EXPECT_EQ(t.layers[1].name, "up500");
    EXPECT_EQ(t.layers[1].derive.height, 500.0);
    EXPECT_EQ(t.layers[2].kind, LayerSpec::Kind::File);
    EXPECT_EQ(t.layers[2].path, "/p/gravity.tif");
    EXPECT_EQ(t.layers[2].band, 3);
    EXPECT_EQ(b.resultsFolder.relative, "results");
    EXPECT_TRUE(b.hasResultTraining);
    EXPECT_EQ(b.resultTraining.autoencoder.epochs, 11);
    EXPECT_EQ(b.exports.at("ReportCsv").relative, "out/report.csv");
    EXPECT_TRUE(b.hasExtent);
    EXPECT_EQ(b.extent, d.extent);
    EXPECT_TRUE(b.hasStyle);
    EXPECT_EQ(b.surveyStyle.ramp, "greys");
    EXPECT_EQ(b.surveyStyle.stretch, "percent-clip");
    EXPECT_EQ(b.surveyStyle.lowPercent, precise);
    EXPECT_EQ(b.surveyStyle.azimuth, 45.0);
    EXPECT_EQ(b.surveyStyle.blend, "multiply");
    EXPECT_FALSE(b.surveyStyle.smoothZoomedIn);
    EXPECT_EQ(b.units, "nT/m");
    EXPECT_EQ(b.threshold, 0.7);
    EXPECT_TRUE(b.greyBelow);
    EXPECT_EQ(b.classesLayer.opacity, precise);
    EXPECT_FALSE(b.probabilityLayer.visible);
    EXPECT_EQ(b.features, (std::vector<int>{0, 5}));
    ASSERT_EQ(b.userLayers.size(), 1u);
    EXPECT_EQ(b.userLayers[0].name, "tilt");
    EXPECT_EQ(b.userLayers[0].units, "rad");
    EXPECT_EQ(b.userLayers[0].origin.name, "tilt");
    EXPECT_EQ(b.userLayers[0].style.ramp, "viridis");
    EXPECT_EQ(b.userLayers[0].state.opacity, 0.25);
    EXPECT_FALSE(b.userLayers[0].state.visible);
    // Written again, the same text.
    EXPECT_EQ(projectToJson(b), json);
}

TEST(ProjectSchema, FilesOfSchemaOneRead)
{
    // As Qt wrote it before schema_version: "version": 1, keys in alphabetical order, ten significant digits.
    const std::string old = R"({
    "format": "lodestone-project",
    "results": {
    },
    "survey": {
        "absolute": "/data/survey.tif",
        "band": 1,
        "path": "survey.tif"
    },
    "training": {
        "batch_size": 32,
        "epochs": 7,
        "feature_method": "dense",
        "filters": [8, 4, 2],
        "input_layers": [
            {"kind": "derived", "name": "as", "product": "as", "inclination": 90, "declination": 0,
             "stabilising_inclination": 20},
            {"kind": "derived", "name": "future", "product": "some-later-product"},
            {"kind": "hologram"}
        ],
        "learning_rate": 0.001,
        "mode": "pixel-features",
        "seed": 42,
        "svm_c": 0
    },
    "version": 1,
    "view": {
        "below_threshold": "transparent",
        "layers": {"classes": {"opacity": 0.5, "visible": true}, "features": [1], "user": []},
        "probability_threshold": 0.6000000000000001,
        "units": "nT"
    }
})";
    const ProjectDocument d = projectFromJson(old, "old.lodestone");
    EXPECT_EQ(d.survey.absolute, "/data/survey.tif");
    EXPECT_EQ(d.training.autoencoder.epochs, 7);
    EXPECT_EQ(d.training.seed, 42u);
    // Written before the choice of machine: the RBF SVM on the feature rasters alone.
    EXPECT_EQ(d.training.experiments.svm.kind, ClassifierKind::RbfSvm);
    EXPECT_TRUE(d.training.svmInputs.empty());
    EXPECT_EQ(d.training.featureComponents, 0);               // written before the option: off
    EXPECT_TRUE(d.training.featureLayers.empty());            // likewise: every layer
    EXPECT_EQ(d.training.experiments.depositBuffer, 0);       // written before the buffer: the deposits as given
    EXPECT_EQ(PipelineParams{}.experiments.depositBuffer, 1); // which is not today's default
    // Layers of a later version are left out, not misread.
    ASSERT_EQ(d.training.layers.size(), 1u);
    EXPECT_EQ(d.training.layers[0].name, "as");
    EXPECT_FALSE(d.hasResultTraining);
    EXPECT_EQ(d.resultTraining.autoencoder.epochs, 7);
    EXPECT_EQ(d.threshold, 0.6000000000000001);
    EXPECT_EQ(d.classesLayer.opacity, 0.5);
    EXPECT_EQ(d.features, std::vector<int>{1});
    EXPECT_FALSE(d.hasExtent);
    EXPECT_FALSE(d.hasStyle);
}

TEST(ProjectSchema, RefusalsNameTheFileAndTheKey)
{
    const std::string name = "/p/project.lodestone";
    EXPECT_EQ(refusal(withTraining(R"("epochs": "abc")")),
              name + ": 'training.epochs' must be a whole number from 1 to 100000, not \"abc\".");
    EXPECT_EQ(refusal(withTraining(R"("epochs": 1e12)")),
              name + ": 'training.epochs' must be a whole number from 1 to 100000, not 1000000000000.0.");
    EXPECT_EQ(refusal(withTraining(R"("epochs": 2.5)")),
              name + ": 'training.epochs' must be a whole number from 1 to 100000, not 2.5.");
    EXPECT_EQ(refusal(withTraining(R"("seed": -1)")),
              name + ": 'training.seed' must be a whole number from 0 to 18446744073709551615, not -1.");
    EXPECT_EQ(refusal(withTraining(R"("learning_rate": 0)")),
              name + ": 'training.learning_rate' must be a number from 1e-06 to 1, not 0.");
    EXPECT_EQ(refusal(withTraining(R"("filters": [8, 4])")),
              name + ": 'training.filters' must be a list of 3 numbers, not [8,4].");
    EXPECT_EQ(refusal(withTraining(R"("filters": [8, 4, 0])")),
              name + ": 'training.filters[2]' must be a whole number from 1 to 256, not 0.");
    EXPECT_EQ(refusal(withTraining(R"("mode": "pixel")")),
              name + ": 'training.mode' must be one of \"pixel-features\", \"pixel-samples\", \"patch-features\", "
                     "\"patch-samples\", not \"pixel\".");
    EXPECT_EQ(refusal(withTraining(R"("classifier": "forest")")),
              name + ": 'training.classifier' must be one of \"svm\", \"logistic\", not \"forest\".");
    EXPECT_EQ(refusal(withTraining(R"("svm_inputs": ["as", 3])")),
              name + ": 'training.svm_inputs[1]' must be text, not 3.");
    EXPECT_EQ(refusal(withTraining(R"("input_layers": [{"kind": "file", "path": "g.tif", "band": 0}])")),
              name + ": 'training.input_layers[0].band' must be a whole number from 1 to 65535, not 0.");
    EXPECT_EQ(refusal(withTraining(R"("input_layers": {})")),
              name + ": 'training.input_layers' must be a list, not {}.");
    const std::string head = R"({"format": "lodestone-project", "survey": {"path": "s.tif"}, )";
    EXPECT_EQ(refusal(head + R"("view": {"probability_threshold": 7}})"),
              name + ": 'view.probability_threshold' must be a number from 0 to 1, not 7.");
    EXPECT_EQ(refusal(head + R"("view": {"extent": [1, 2, 3]}})"),
              name + ": 'view.extent' must be a list of 4 numbers, not [1,2,3].");
    EXPECT_EQ(refusal(head + R"("view": {"layers": {"classes": {"visible": "yes"}}}})"),
              name + ": 'view.layers.classes.visible' must be true or false, not \"yes\".");
    EXPECT_EQ(refusal(head + R"("view": {"survey_style": {"ramp": "jet"}}})"),
              name + ": 'view.survey_style.ramp' must be one of \"rainbow\", \"viridis\", \"greys\", not \"jet\".");
    EXPECT_EQ(refusal(head + R"("view": {"layers": {"user": [{"origin": {"kind": "derived", "product": "as"},
                                                               "opacity": -0.5}]}}})"),
              name + ": 'view.layers.user[0].opacity' must be a number from 0 to 1, not -0.5.");
    EXPECT_EQ(refusal(head + R"("labels": "labels.tif"})"), name + ": 'labels' must be an object, not \"labels.tif\".");
    EXPECT_EQ(refusal(head + R"("survey": {"path": "s.tif", "band": 99999999999999999999}})"),
              name + ": 'survey.band' must be a whole number from 1 to 65535, not 1e+20.");

    EXPECT_EQ(refusal("[1, 2]"), name + " is not a Lodestone project: its JSON text is not an object.");
    EXPECT_EQ(refusal("{\"format\": \"something-else\"}"), name + " is not a Lodestone project.");
    EXPECT_EQ(refusal(R"({"format": "lodestone-project", "schema_version": 3})"),
              name + " was written by a newer version of Lodestone (project format 3; this version reads up to 2).");
    EXPECT_EQ(refusal(R"({"format": "lodestone-project", "survey": {}})"), name + " names no survey.");
    EXPECT_EQ(refusal("{\"format\": "),
              name + " is not a Lodestone project: parse error at line 1, column 12: syntax error while parsing "
                     "value - unexpected end of input; expected '[', '{', or a literal.");
    // The parts of a refusal, for a sentence in another language.
    try {
        projectFromJson(withTraining(R"("ensemble": 0)"), "p.lodestone");
        FAIL();
    } catch (const ProjectError &e) {
        EXPECT_EQ(e.problem().kind, ProjectProblem::Kind::BadValue);
        EXPECT_EQ(e.problem().key, "training.ensemble");
        EXPECT_EQ(e.problem().expected, ProjectProblem::Expected::WholeNumber);
        EXPECT_EQ(e.problem().low, "1");
        EXPECT_EQ(e.problem().high, "100");
        EXPECT_EQ(e.problem().value, "0");
    }
    EXPECT_EQ(refusal(withTraining(R"("feature_components": 1001)")),
              name + ": 'training.feature_components' must be a whole number from 0 to 1000, not 1001.");
    // Layers in any order and repeated read as the command line takes them; all three are every layer.
    EXPECT_EQ(projectFromJson(withTraining(R"("feature_layers": [3, 2, 3])"), name).training.featureLayers,
              (std::vector<int>{2, 3}));
    EXPECT_TRUE(projectFromJson(withTraining(R"("feature_layers": [3, 1, 2])"), name).training.featureLayers.empty());
    EXPECT_EQ(refusal(withTraining(R"("feature_layers": [3, 4])")),
              name + ": 'training.feature_layers[1]' must be a whole number from 1 to 3, not 4.");
    EXPECT_EQ(refusal(withTraining(R"("deposit_buffer": 11)")),
              name + ": 'training.deposit_buffer' must be a whole number from 0 to 10, not 11.");
}

TEST(ProjectSchema, TextThatIsNotUtf8IsWrittenAsReplacementCharacters)
{
    ProjectDocument d;
    d.survey = {"caf\xe9.tif", "/data/caf\xe9.tif"};
    const std::string json = projectToJson(d);
    const ProjectDocument b = projectFromJson(json, "p.lodestone");
    EXPECT_EQ(b.survey.absolute, "/data/caf\xef\xbf\xbd.tif");
}
