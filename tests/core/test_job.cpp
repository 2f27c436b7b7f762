// A job from files to files: the survey and its labels (a label raster, or points with random negatives) read,
// the run made and its outputs written as the pipeline's own calls make them; a saved model applied; contradictory
// requests refused before any work.
#include "demo.h"
#include "error.h"
#include "featurereuse.h"
#include "job.h"
#include "labels.h"
#include "pipeline.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

std::string readText(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/** Settings that train in seconds: one small network, the pixel-features mode, random folds. */
PipelineParams fastParams()
{
    PipelineParams p;
    p.ensemble = 1;
    p.background = 0;
    p.autoencoder.patchSize = 20;
    p.autoencoder.filters = {6, 4, 4};
    p.autoencoder.trainPatches = 400;
    p.autoencoder.epochs = 1;
    p.cvSchemes = {CvScheme::Random};
    p.cvModes = {SvmMode::PixelFeatures};
    p.svmInputs = {};
    p.seed = 3;
    p.threads = 2;
    return p;
}

class Job : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<TempDir>();
        DemoParams dp;
        dp.width = 120;
        dp.height = 100;
        dp.seed = 6;
        std::filesystem::create_directories(s_dir->file("demo"));
        writeDemoSurvey(generateDemoSurvey(dp), s_dir->file("demo"));
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static std::string survey() { return s_dir->file("demo/survey.tif"); }
    static std::string labels() { return s_dir->file("demo/labels.tif"); }

    static JobRequest rasterRequest(const std::string &out)
    {
        JobRequest r;
        r.surveyPath = survey();
        r.labelsPath = labels();
        r.params = fastParams();
        r.outFolder = out;
        r.streaming = Streaming::Off;
        r.commandLine = {"test_job", "--from-files"};
        return r;
    }

    static std::unique_ptr<TempDir> s_dir;
};

std::unique_ptr<TempDir> Job::s_dir;

} // namespace

TEST_F(Job, RasterLabelsGiveTheOutputsOfThePipelineOnTheSameInputs)
{
    const std::string out = s_dir->file("raster");
    std::vector<std::string> warned;
    const JobResult job = runJob(rasterRequest(out), nullptr, [&](const std::vector<std::string> &w) {
        warned.insert(warned.end(), w.begin(), w.end());
    });
    EXPECT_FALSE(job.streamed);
    EXPECT_EQ(warned, job.result.warnings);

    // The same run by hand: the pipeline on the survey and labels read from the same files.
    const Raster s = readRaster(survey());
    const LabelImage l = readLabelRaster(labels(), s);
    const PipelineResult direct = runPipeline(s, l, fastParams(), nullptr);
    EXPECT_EQ(job.result.deposits, direct.deposits);
    EXPECT_EQ(job.result.nonDeposits, direct.nonDeposits);
    EXPECT_EQ(job.result.deposits, l.count(LabelDeposit));
    EXPECT_EQ(job.result.nonDeposits, l.count(LabelNonDeposit));
    EXPECT_EQ(job.result.probability, direct.probability);

    // The files: the run's maps on the survey's grid, its model and report with the request's provenance.
    const Raster probability = readRaster(out + "/probability.tif");
    EXPECT_TRUE(probability.grid.sameGrid(s.grid));
    EXPECT_EQ(probability.data, direct.probability);
    const ByteRaster classes = readByteRaster(out + "/classes.tif");
    EXPECT_EQ(classes.data, direct.classes);
    for (const char *f : {"features.tif", "model.pt", "labels_used.gpkg", "report.html"})
        EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
    const std::string report = readText(out + "/report.json");
    EXPECT_TRUE(contains(report, "\"kind\": \"raster\"")) << report.substr(0, 2000);
    EXPECT_TRUE(contains(report, "\"streamed\": false"));
    EXPECT_TRUE(contains(report, "\"seed\": 3"));
    EXPECT_TRUE(contains(report, "\"--from-files\""));

    // The saved model classifies the survey to the run's classes.
    ClassifyRequest c;
    c.modelPath = out + "/model.pt";
    c.surveyPath = survey();
    c.outFolder = s_dir->file("classified");
    c.streaming = Streaming::Off;
    const JobResult classified = classifyJob(c);
    EXPECT_TRUE(classified.inputWarnings.empty());
    EXPECT_EQ(readByteRaster(c.outFolder + "/classes.tif").data, direct.classes);
    EXPECT_TRUE(contains(readText(c.outFolder + "/report.json"), "\"kind\": \"model\""));
}

TEST_F(Job, PointsWithRandomNegativesAreBurnedOntoTheGrid)
{
    // The demo's deposit pixels as occurrence points (pixel centres, in the survey's CRS, which the CSV omits), and
    // one point outside the grid, which the skip policy drops with a warning.
    const Raster s = readRaster(survey());
    const LabelImage l = readLabelRaster(labels(), s);
    const std::string csv = s_dir->file("occurrences.csv");
    std::size_t points = 0;
    {
        std::ofstream out(csv);
        out << std::setprecision(12) << "X,Y\n";
        for (int row = 0; row < s.height(); ++row)
            for (int col = 0; col < s.width(); ++col)
                if (l.values[std::size_t(row) * s.width() + col] == LabelDeposit) {
                    double x, y;
                    s.grid.pixelToMap(col, row, x, y);
                    out << x << "," << y << "\n";
                    ++points;
                }
        double x, y;
        s.grid.pixelToMap(s.width() + 50, 10, x, y);
        out << x << "," << y << "\n";
    }
    ASSERT_GT(points, 3u);

    JobRequest r;
    r.surveyPath = survey();
    r.pointsPath = csv;
    r.negatives = 25;
    r.negativeMinDistance = 200;
    r.params = fastParams();
    r.outFolder = s_dir->file("points");
    r.streaming = Streaming::Off;
    std::vector<std::string> warned;
    const JobResult job =
        runJob(r, nullptr, [&](const std::vector<std::string> &w) { warned.insert(warned.end(), w.begin(), w.end()); });
    ASSERT_EQ(job.inputWarnings.size(), 1u);
    EXPECT_EQ(job.inputWarnings[0].rfind("1 of the " + std::to_string(points + 1) + " points of ", 0), 0u)
        << job.inputWarnings[0];
    EXPECT_TRUE(contains(job.inputWarnings[0], "falls outside the survey grid")) << job.inputWarnings[0];
    EXPECT_EQ(warned.front(), job.inputWarnings[0]);
    EXPECT_EQ(job.result.deposits, points);
    EXPECT_EQ(job.result.nonDeposits, 25u);

    // The labels the job made are those of labelsFromPoints() and addRandomNegatives() with the run's seed.
    LabelImage expected = labelsFromPoints(readPoints(csv), s, OutsidePolicy::Skip);
    addRandomNegatives(expected, s, readPoints(csv), 25, 200, r.params.seed);
    const PipelineResult direct = runPipeline(s, expected, r.params, nullptr);
    EXPECT_EQ(readRaster(r.outFolder + "/probability.tif").data, direct.probability);
    EXPECT_TRUE(contains(readText(r.outFolder + "/report.json"), "\"kind\": \"points\""));
    EXPECT_TRUE(std::filesystem::exists(r.outFolder + "/labels_used.gpkg"));

    // The error policy refuses the point outside the grid, naming the file.
    r.outsidePoints = OutsidePolicy::Error;
    r.outFolder = s_dir->file("points-refused");
    try {
        runJob(r);
        ADD_FAILURE() << "a point outside the grid was accepted";
    } catch (const Error &e) {
        EXPECT_TRUE(contains(e.what(), "1 of the " + std::to_string(points + 1) + " points of ")) << e.what();
        EXPECT_TRUE(contains(e.what(), "occurrences.csv")) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(r.outFolder + "/classes.tif"));
}

TEST_F(Job, AModelWhosePatchIsNotAMultipleOfThePatchResizeClassifies)
{
    // Only the pixel-features mode is cross-validated and trained, so a patch of 24 with the patch resize of 10 is
    // accepted by the run; the model it writes must classify.
    const std::string out = s_dir->file("patch24");
    JobRequest r = rasterRequest(out);
    r.params.autoencoder.patchSize = 24;
    ASSERT_NE(r.params.autoencoder.patchSize % r.params.experiments.patchResize, 0);
    runJob(r);
    ClassifyRequest c;
    c.modelPath = out + "/model.pt";
    c.surveyPath = survey();
    c.outFolder = s_dir->file("patch24-classified");
    c.streaming = Streaming::Off;
    EXPECT_NO_THROW(classifyJob(c));
    EXPECT_EQ(readByteRaster(c.outFolder + "/classes.tif").data, readByteRaster(out + "/classes.tif").data);
}

TEST_F(Job, PrincipalComponentsOfTheFeaturesChangeTheMapAndTheModelReproducesIt)
{
    // The logistic regression on three principal components and the analytic signal, against the same run on the
    // rasters themselves; the saved model, an ordinary logistic model on the rasters, classifies to the same map.
    const std::string plain = s_dir->file("components0"), out = s_dir->file("components3");
    JobRequest r = rasterRequest(plain);
    r.params.experiments.svm.kind = ClassifierKind::Logistic;
    r.params.svmInputs = {"as"};
    runJob(r);
    r.outFolder = out;
    r.params.featureComponents = 3;
    runJob(r);
    const std::vector<float> a = readRaster(plain + "/probability.tif").data,
                             b = readRaster(out + "/probability.tif").data;
    ASSERT_EQ(a.size(), b.size());
    double change = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        change = std::max(change, double(std::fabs(a[i] - b[i])));
    EXPECT_GT(change, 0.01); // a different model, not the same one
    EXPECT_TRUE(contains(readText(out + "/report.json"), "\"feature_components\": 3"));
    ClassifyRequest c;
    c.modelPath = out + "/model.pt";
    c.surveyPath = survey();
    c.outFolder = s_dir->file("components3-classified");
    c.streaming = Streaming::Off;
    classifyJob(c);
    const std::vector<float> again = readRaster(c.outFolder + "/probability.tif").data;
    ASSERT_EQ(again.size(), b.size());
    for (std::size_t i = 0; i < b.size(); ++i)
        ASSERT_EQ(again[i], b[i]) << i;
}

TEST_F(Job, TheClassifierSeesTheChosenEncoderLayersAndTheModelReproducesIt)
{
    // The logistic regression on the deepest layer's rasters and the analytic signal: every other raster gets no
    // weight in the saved model, which classifies to the run's map.
    const std::string out = s_dir->file("layer3");
    JobRequest r = rasterRequest(out);
    r.params.experiments.svm.kind = ClassifierKind::Logistic;
    r.params.svmInputs = {"as"};
    r.params.featureLayers = {3};
    runJob(r);
    EXPECT_EQ(nlohmann::json::parse(readText(out + "/report.json"))["settings"]["feature_layers"],
              nlohmann::json::array({3}));
    const Raster surveyRaster = readRaster(survey());
    const PipelineResult model = loadModel(out + "/model.pt", surveyRaster);
    std::vector<double> w;
    double offset = 0;
    ASSERT_TRUE(model.classifier->model().linearForm(w, offset));
    const auto &f = r.params.autoencoder.filters; // 6, 4, 4 rasters, then the analytic signal
    ASSERT_EQ(w.size(), std::size_t(f[0] + f[1] + f[2] + 1));
    double deepest = 0;
    for (int d = 0; d < f[0] + f[1] + f[2]; ++d) {
        if (d < f[0] + f[1])
            EXPECT_EQ(w[std::size_t(d)], 0.0) << "raster " << d;
        else
            deepest += std::fabs(w[std::size_t(d)]);
    }
    EXPECT_GT(deepest, 0.0);
    EXPECT_NE(w.back(), 0.0); // the analytic signal
    ClassifyRequest c;
    c.modelPath = out + "/model.pt";
    c.surveyPath = survey();
    c.outFolder = s_dir->file("layer3-classified");
    c.streaming = Streaming::Off;
    classifyJob(c);
    const std::vector<float> run = readRaster(out + "/probability.tif").data,
                             again = readRaster(c.outFolder + "/probability.tif").data;
    ASSERT_EQ(again.size(), run.size());
    for (std::size_t i = 0; i < run.size(); ++i)
        ASSERT_EQ(again[i], run[i]) << i;
}

TEST_F(Job, ChosenLayersAndComponentsGiveTheSameMapOnAReusedNetwork)
{
    // The labelling loop: a run keeps its networks (feature rasters and magnetic inputs together), the next one
    // reuses them; with a choice of layers or components, the classifier must still see the magnetic inputs.
    const Raster s = readRaster(survey());
    const LabelImage l = readLabelRaster(labels(), s);
    RunContext context;
    context.surveyPath = survey();
    context.labelsKind = "painted";
    LoadedJobOptions memory;
    memory.streaming = Streaming::Off;
    memory.outFolder = s_dir->file("reuse-layers");
    std::filesystem::create_directories(memory.outFolder);
    memory.writeInMemoryRuns = false;
    for (int components : {0, 2}) {
        PipelineParams p = fastParams();
        p.experiments.svm.kind = ClassifierKind::Logistic;
        p.svmInputs = {"as"};
        p.featureLayers = {2, 3};
        p.featureComponents = components;
        FeatureReuse keep;
        keep.keep = true;
        const JobResult first = runLoadedJob(s, l, p, context, memory, nullptr, &keep);
        ASSERT_TRUE(keep.kept);
        FeatureReuse reuse;
        reuse.offered = keep.kept;
        reuse.required = true;
        const JobResult again = runLoadedJob(s, l, p, context, memory, nullptr, &reuse);
        EXPECT_TRUE(reuse.reused);
        EXPECT_EQ(again.result.probability, first.result.probability) << components << " components";
        std::vector<double> w;
        double offset = 0;
        ASSERT_TRUE(again.result.classifier->model().linearForm(w, offset));
        EXPECT_NE(w.back(), 0.0) << "the analytic signal, " << components << " components";
        const auto &f = p.autoencoder.filters;
        for (int d = 0; d < f[0]; ++d) // layer 1 was not chosen
            EXPECT_EQ(w[std::size_t(d)], 0.0) << d;
    }
}

TEST_F(Job, ContradictoryRequestsAreRefusedBeforeAnyWork)
{
    using Reason = RequestError::Reason;
    const auto refused = [](const JobRequest &r) {
        try {
            runJob(r);
        } catch (const RequestError &e) {
            EXPECT_FALSE(std::filesystem::exists(r.outFolder)) << e.what();
            return std::pair(e.reason(), std::string(e.what()));
        }
        ADD_FAILURE() << "accepted";
        return std::pair(Reason::LabelsAndPoints, std::string());
    };
    JobRequest both = rasterRequest(s_dir->file("refused"));
    both.pointsPath = s_dir->file("occurrences.csv");
    auto [reason, message] = refused(both);
    EXPECT_EQ(reason, Reason::LabelsAndPoints);
    EXPECT_EQ(message, "A job takes its labels from a label raster or from points, one of the two.");

    JobRequest neither = rasterRequest(s_dir->file("refused"));
    neither.labelsPath.clear();
    EXPECT_EQ(refused(neither).first, Reason::LabelsAndPoints);

    JobRequest validation = rasterRequest(s_dir->file("refused"));
    validation.validationPointsPath = s_dir->file("occurrences.csv");
    validation.validationLabelsPath = labels();
    EXPECT_EQ(refused(validation).first, Reason::ValidationPointsAndLabels);

    JobRequest exact = rasterRequest(s_dir->file("refused"));
    exact.params.featureMethod = FeatureMethod::Exact;
    exact.streaming = Streaming::On;
    EXPECT_EQ(refused(exact).first, Reason::StreamedExact);

    JobRequest reuse = rasterRequest(s_dir->file("refused"));
    reuse.reuseFeaturesFolder = s_dir->file("raster");
    reuse.streaming = Streaming::On;
    EXPECT_EQ(refused(reuse).first, Reason::StreamedReuse);

    // Bad input is an Error naming the file, after the request was accepted.
    JobRequest absent = rasterRequest(s_dir->file("absent-run"));
    absent.surveyPath = s_dir->file("absent.tif");
    try {
        runJob(absent);
        ADD_FAILURE() << "an absent survey was accepted";
    } catch (const RequestError &e) {
        ADD_FAILURE() << e.what();
    } catch (const Error &e) {
        EXPECT_TRUE(contains(e.what(), "absent.tif")) << e.what();
    }
}

TEST(JobStreams, StreamsAboveTheThresholdWithDenseFeaturesOnly)
{
    GridSpec grid;
    grid.width = 10000;
    grid.height = 10000;
    AutoencoderParams network;
    // 12.8 GB of feature rasters, about 50 GB in memory: streamed unless the machine has 100 GB.
    EXPECT_EQ(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network),
              inMemoryRunBytes(grid, network) > inMemoryRunBudget());
    EXPECT_GT(inMemoryRunBytes(grid, network), std::size_t(46) << 30); // 49.7e9
    EXPECT_FALSE(jobStreams(Streaming::Auto, FeatureMethod::Exact, grid, network));
    EXPECT_FALSE(jobStreams(Streaming::Off, FeatureMethod::Dense, grid, network));
    grid.width = grid.height = 2000; // 512 MB of feature rasters
    // Measured: 2.12 GB at its peak for this grid with the default settings (docs/PERFORMANCE.md).
    EXPECT_NEAR(double(inMemoryRunBytes(grid, network)), 2.12e9, 0.05e9);
    if (inMemoryRunBudget() > std::size_t(3) << 30) { // a machine with more than 6 GB holds it
        EXPECT_FALSE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network));
    }
    EXPECT_TRUE(jobStreams(Streaming::On, FeatureMethod::Dense, grid, network));
    EXPECT_TRUE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network, 1000)); // a lowered threshold
    EXPECT_FALSE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network, inMemoryRunBytes(grid, network)));
    // The application's copies of the feature rasters and each input layer count: 512 MB a copy, 440 MB a layer.
    EXPECT_EQ(inMemoryRunBytes(grid, network, 7) - inMemoryRunBytes(grid, network), std::size_t(5) * 512000000);
    EXPECT_EQ(inMemoryRunBytes(grid, network, 2, 2) - inMemoryRunBytes(grid, network), std::size_t(2) * 440000000);
    const std::size_t budget = inMemoryRunBytes(grid, network, 2, 0) + 1;
    EXPECT_FALSE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network, budget));
    EXPECT_TRUE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network, budget, 3));
    EXPECT_TRUE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network, budget, 2, 1));
    // The budget: at most half of the physical memory.
    EXPECT_GT(inMemoryRunBudget(), std::size_t(0));
    EXPECT_LE(inMemoryRunBudget(), derivedLayerMemoryLimit());
    EXPECT_TRUE(jobStreams(Streaming::Auto, FeatureMethod::Dense, grid, network, inMemoryRunBytes(grid, network) - 1));
}

TEST_F(Job, StreamedJobWritesTheFeaturesOfTheJobInMemory)
{
    JobRequest memory = rasterRequest(s_dir->file("memory"));
    const JobResult inMemory = runJob(memory);
    JobRequest strips = rasterRequest(s_dir->file("strips"));
    strips.streaming = Streaming::On;
    strips.stripRows = 24;
    const JobResult streamed = runJob(strips);
    EXPECT_FALSE(inMemory.streamed);
    EXPECT_TRUE(streamed.streamed);
    EXPECT_TRUE(contains(readText(strips.outFolder + "/report.json"), "\"streamed\": true"));
    ASSERT_EQ(readRasterInfo(strips.outFolder + "/features.tif").bandCount, 14); // 6 + 4 + 4 filters
    ASSERT_EQ(readRasterInfo(memory.outFolder + "/features.tif").bandCount, 14);
    for (int band = 1; band <= 14; ++band)
        EXPECT_EQ(readRaster(strips.outFolder + "/features.tif", band).data,
                  readRaster(memory.outFolder + "/features.tif", band).data)
            << "band " << band;
}

TEST_F(Job, AnEnsemblesModelIsRefusedForAStreamedClassification)
{
    JobRequest r = rasterRequest(s_dir->file("ensemble"));
    r.params.ensemble = 2;
    runJob(r);
    ClassifyRequest c;
    c.modelPath = r.outFolder + "/model.pt";
    c.surveyPath = survey();
    c.outFolder = s_dir->file("ensemble-streamed");
    c.streaming = Streaming::On;
    try {
        classifyJob(c);
        ADD_FAILURE() << "an ensemble's model was classified strip by strip";
    } catch (const RequestError &e) {
        EXPECT_EQ(e.reason(), RequestError::Reason::StreamedEnsemble);
        EXPECT_STREQ(e.what(), "An ensemble's model classifies in memory, not streamed.");
    }
    EXPECT_FALSE(std::filesystem::exists(c.outFolder + "/classes.tif"));
    // In memory it classifies with every member: the run's probability map.
    c.streaming = Streaming::Auto;
    const JobResult job = classifyJob(c);
    EXPECT_FALSE(job.streamed);
    EXPECT_EQ(readRaster(c.outFolder + "/probability.tif").data, readRaster(r.outFolder + "/probability.tif").data);
}

TEST(JobParams, ExperimentParamsAreTheSettingsWithTheRunsPatchSeedAndThreads)
{
    PipelineParams p;
    p.autoencoder.patchSize = 30;
    p.seed = 9;
    p.threads = 2;
    p.experiments.folds = 4;
    p.experiments.perClass = 7;
    p.experiments.patchResize = 5;
    p.experiments.maxTrainingSamples = 300;
    const ExperimentParams ep = experimentParamsOf(p);
    EXPECT_EQ(ep.patchSize, 30);
    EXPECT_EQ(ep.seed, 9u);
    EXPECT_EQ(ep.threads, 2);
    EXPECT_EQ(ep.cvScheme, CvScheme::Random);
    EXPECT_EQ(ep.folds, 4);
    EXPECT_EQ(ep.perClass, 7);
    EXPECT_EQ(ep.patchResize, 5);
    EXPECT_EQ(ep.maxTrainingSamples, 300);
    EXPECT_EQ(ep.svm.kind, ClassifierKind::Logistic); // a default run's machine
}

TEST_F(Job, ALoadedJobRunsInMemoryWritingNothingOrStreamsIntoItsFolder)
{
    const Raster s = readRaster(survey());
    const LabelImage l = readLabelRaster(labels(), s);
    RunContext context;
    context.surveyPath = survey();
    context.labelsKind = "painted";

    // In memory, as the application runs it: the pipeline's result, nothing written, the input warnings first.
    const std::string quiet = s_dir->file("loaded-memory");
    std::filesystem::create_directories(quiet);
    LoadedJobOptions memory;
    memory.streaming = Streaming::Auto; // 14 feature rasters of 120 x 100 cells: far below the threshold
    memory.outFolder = quiet;
    memory.writeInMemoryRuns = false;
    memory.inputWarnings = {"an input warning"};
    const JobResult inMemory = runLoadedJob(s, l, fastParams(), context, memory);
    EXPECT_FALSE(inMemory.streamed);
    EXPECT_EQ(inMemory.result.probability, runPipeline(s, l, fastParams(), nullptr).probability);
    ASSERT_FALSE(inMemory.result.warnings.empty());
    EXPECT_EQ(inMemory.result.warnings.front(), "an input warning");
    EXPECT_EQ(inMemory.inputWarnings, memory.inputWarnings);
    EXPECT_TRUE(std::filesystem::is_empty(quiet));

    // A threshold below the run's feature rasters streams it into the folder, as runJob() would.
    const std::string strips = s_dir->file("loaded-strips");
    std::filesystem::create_directories(strips);
    LoadedJobOptions streamed = memory;
    streamed.outFolder = strips;
    streamed.streamAbove = 1000;
    streamed.stripRows = 24;
    const JobResult inStrips = runLoadedJob(s, l, fastParams(), context, streamed);
    EXPECT_TRUE(inStrips.streamed);
    EXPECT_TRUE(readRaster(strips + "/probability.tif").grid.sameGrid(s.grid));
    EXPECT_EQ(readRasterInfo(strips + "/features.tif").bandCount, 14);

    // Networks offered for reuse keep the run in memory whatever the threshold.
    FeatureReuse keep;
    keep.keep = true;
    runLoadedJob(s, l, fastParams(), context, memory, nullptr, &keep);
    ASSERT_TRUE(keep.kept);
    FeatureReuse reuse;
    reuse.offered = keep.kept;
    reuse.required = true;
    const JobResult reused = runLoadedJob(s, l, fastParams(), context, streamed, nullptr, &reuse);
    EXPECT_FALSE(reused.streamed);
    EXPECT_TRUE(reuse.reused);
    EXPECT_EQ(reused.result.probability, inMemory.result.probability);

    // A run that would stream needs a folder.
    LoadedJobOptions nowhere = streamed;
    nowhere.outFolder.clear();
    try {
        runLoadedJob(s, l, fastParams(), context, nowhere);
        FAIL() << "a streamed run without a folder was not refused";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::Internal);
    }
}
