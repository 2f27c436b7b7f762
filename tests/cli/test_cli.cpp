// lodestone-cli end to end: demo, run, classify, derive, reproducibility, and a clear message for each bad input.
// lodestone-cli end to end: demo, run, classify, grid, reproducibility, and a clear message for each bad input.
#include "clirunner.h"
#include "error.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <gdal_rat.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <memory>
#include <sstream>
#include <tuple>

#include <unistd.h>

using namespace lodestone;
using namespace lodestone::test;

namespace {

const std::vector<std::string> kSmall = {"--patch",      "20", "--filters", "6,4,4", "--train-patches", "800",
                                         "--epochs",     "2",  "--stride",  "2",     "--ensemble",      "1",
                                         "--background", "0",  "--quiet"};

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

struct DatasetCloser {
    void operator()(GDALDataset *d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

/** Opens a raster or vector file with GDAL as a GIS would (PAM on). */
Dataset openWithGdal(const std::string &path, unsigned flags = GDAL_OF_RASTER)
{
    GDALAllRegister();
    // PAM on, as in QGIS and gdalinfo (each test runs in its own process).
    CPLSetConfigOption("GDAL_PAM_ENABLED", "YES");
    Dataset d(static_cast<GDALDataset *>(GDALOpenEx(path.c_str(), flags, nullptr, nullptr, nullptr)));
    // GDAL reads a GeoTIFF's .aux.xml when the dataset is first asked for its georeferencing or metadata, as a
    // GIS does on opening it.
    double geoTransform[6];
    if (d && d->GetRasterCount() > 0)
        d->GetGeoTransform(geoTransform);
    return d;
}

class Cli : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<TempDir>();
        CliResult demo = runCli(
            {"demo", "--out", s_dir->file("demo"), "--width", "160", "--height", "120", "--seed", "2", "--quiet"});
        ASSERT_EQ(demo.exitCode, 0) << demo.output;
        CliResult run = runCli(join(
            {"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("run"), "--seed", "5"}, kSmall));
        s_runOutput = run.output;
        s_runExit = run.exitCode;
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static std::string survey() { return s_dir->file("demo/survey.tif"); }
    static std::string labels() { return s_dir->file("demo/labels.tif"); }
    static std::string out(const std::string &f) { return s_dir->file("run/" + f); }

    static std::unique_ptr<TempDir> s_dir;
    static std::string s_runOutput;
    static int s_runExit;
};

std::unique_ptr<TempDir> Cli::s_dir;
std::string Cli::s_runOutput;
int Cli::s_runExit = -1;

} // namespace

TEST_F(Cli, DemoWritesSurveyLabelsAndTruth)
{
    Raster s = readRaster(survey());
    EXPECT_EQ(s.width(), 160);
    EXPECT_EQ(s.height(), 120);
    EXPECT_FALSE(s.grid.crsWkt.empty());
    ByteRaster l = readByteRaster(labels());
    int dep = 0, non = 0;
    for (uint8_t v : l.data) {
        dep += v == 1;
        non += v == 0;
    }
    EXPECT_EQ(dep, 14);
    EXPECT_EQ(non, 17);
    EXPECT_TRUE(std::filesystem::exists(s_dir->file("demo/truth.tif")));
}

TEST_F(Cli, RunWritesGeoreferencedOutputsAndAReport)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    Raster s = readRaster(survey());
    for (const char *f : {"classes.tif", "probability.tif", "features.tif", "model.pt", "report.json", "report.html"})
        EXPECT_TRUE(std::filesystem::exists(out(f))) << f;
    EXPECT_FALSE(std::filesystem::exists(out("uncertainty.tif"))); // one member: no spread to map
    ByteRaster classes = readByteRaster(out("classes.tif"));
    EXPECT_TRUE(classes.grid.sameGrid(s.grid));
    EXPECT_EQ(classes.grid.crsWkt, s.grid.crsWkt);
    int dep = 0;
    for (uint8_t v : classes.data) {
        ASSERT_TRUE(v == 0 || v == 1); // the demo has no nodata
        dep += v;
    }
    EXPECT_GT(dep, 0);
    EXPECT_LT(dep, int(classes.data.size()));
    Raster prob = readRaster(out("probability.tif"));
    for (std::size_t i = 0; i < prob.data.size(); ++i) {
        ASSERT_GE(prob.data[i], 0.0f);
        ASSERT_LE(prob.data[i], 1.0f);
    }
    // The 14 feature rasters of the network and, last, the analytic signal that the classifier reads beside them.
    RasterInfo features = readRasterInfo(out("features.tif"));
    EXPECT_EQ(features.bandCount, 15);
    EXPECT_EQ(features.bandDescriptions.at(6), "layer2_filter01");
    EXPECT_EQ(features.bandDescriptions.at(14), "input_as");

    const std::string report = readFile(out("report.json"));
    for (const char *key : {"\"pixel-features\"",   "\"pixel-samples\"",
                            "\"patch-features\"",   "\"patch-samples\"",
                            "\"accuracy\"",         "\"precision\"",
                            "\"recall\"",           "\"f1\"",
                            "\"confusion_matrix\"", "\"loss_per_epoch\"",
                            "\"stage_seconds\"",    "\"seed\": 5",
                            "\"deposit\": 14",      "\"non_deposit\": 17",
                            "\"libtorch\"",         "\"gdal\"",
                            "\"evaluation\"",       "\"cross_validation_spatial\"",
                            "\"held_out\"",         "\"best_baseline\""})
        EXPECT_TRUE(contains(report, key)) << key;
    EXPECT_TRUE(contains(s_runOutput, "pixel-features"));
    // No temporary staging folder is left behind.
    for (const auto &e : std::filesystem::directory_iterator(s_dir->file("run")))
        EXPECT_NE(e.path().filename().string().rfind(".lodestone-partial", 0), 0u) << e.path();
}

TEST_F(Cli, OutputsOpenStyledWithOverviewsStatisticsProvenanceAndTheLabelsUsed)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    for (const char *f : {"classes.qml", "probability.qml", "features.qml", "classes.tif.aux.xml", "labels_used.gpkg"})
        EXPECT_TRUE(std::filesystem::exists(out(f))) << f;
    EXPECT_FALSE(std::filesystem::exists(out("uncertainty.qml")));
    for (const char *f : {"classes.tif", "probability.tif", "features.tif"}) {
        Dataset ds = openWithGdal(out(f));
        ASSERT_TRUE(ds) << f;
        EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_SEED"), "5") << f;
        EXPECT_NE(std::string(ds->GetMetadataItem("LODESTONE_COMMAND_LINE")).find("--seed 5"), std::string::npos);
        EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_SURVEY"), "survey.tif (band 1)");
        EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_NETWORKS"), "trained by this run");
        for (int b = 1; b <= ds->GetRasterCount(); ++b) {
            EXPECT_EQ(ds->GetRasterBand(b)->GetOverviewCount(), 1) << f << " band " << b; // 160 x 120 -> 80 x 60
            EXPECT_NE(ds->GetRasterBand(b)->GetMetadataItem("STATISTICS_MEAN"), nullptr) << f << " band " << b;
        }
    }
    Dataset classesDs = openWithGdal(out("classes.tif"));
    char **names = classesDs->GetRasterBand(1)->GetCategoryNames();
    ASSERT_EQ(CSLCount(names), 2);
    EXPECT_STREQ(names[1], "deposit");
    ASSERT_NE(classesDs->GetRasterBand(1)->GetDefaultRAT(), nullptr);
    EXPECT_EQ(classesDs->GetRasterBand(1)->GetDefaultRAT()->GetRowCount(), 2);

    // One rule: classes.tif is probability.tif >= the threshold written in the report, on every pixel.
    const ByteRaster classes = readByteRaster(out("classes.tif"));
    const Raster probability = readRaster(out("probability.tif"));
    std::size_t disagree = 0;
    for (std::size_t i = 0; i < classes.data.size(); ++i)
        disagree += classes.data[i] != (probability.data[i] >= 0.5f ? 1 : 0);
    EXPECT_EQ(disagree, 0u);
    const std::string report = readFile(out("report.json"));
    EXPECT_TRUE(contains(report, "\"class_threshold\": 0.5")) << report.substr(report.find("\"outputs\""), 400);
    EXPECT_TRUE(contains(report, "\"features_constant_bands\": ["));

    // labels_used.gpkg: the 31 labelled pixels of the demo, from the label raster, 12 + 12 of them in folds.
    Dataset gpkg = openWithGdal(out("labels_used.gpkg"), GDAL_OF_VECTOR);
    ASSERT_TRUE(gpkg);
    OGRLayer *layer = gpkg->GetLayerByName("labels_used");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->GetFeatureCount(), 31);
    int deposits = 0, inFolds = 0;
    for (auto &f : *layer) {
        EXPECT_STREQ(f->GetFieldAsString("source"), "label raster");
        deposits += f->GetFieldAsInteger("class");
        inFolds += f->IsFieldSetAndNotNull(f->GetFieldIndex("cv_fold"));
    }
    EXPECT_EQ(deposits, 14);
    EXPECT_EQ(inFolds, 24);
    EXPECT_EQ(gpkg->GetLayerByName("validation"), nullptr);
}

TEST_F(Cli, ClassifyWarnsWhenTheSurveyHasAnotherCellSizeThanTheModel)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    // The demo survey with 25 m cells instead of 50 m.
    Raster fine = readRaster(survey());
    fine.grid.geoTransform[1] /= 2;
    fine.grid.geoTransform[5] /= 2;
    const std::string finePath = s_dir->file("fine.tif");
    writeFloatGeoTiff(finePath, fine.grid, {fine.data.data()});
    CliResult c = runCli({"classify", "--model", out("model.pt"), "--survey", finePath, "--out",
                          s_dir->file("fine-classified"), "--stride", "2", "--quiet"});
    ASSERT_EQ(c.exitCode, 0) << c.output;
    EXPECT_TRUE(contains(c.output, "warning: This survey's cells (25 m) differ from the model's by more than 25 %"))
        << c.output;
    EXPECT_TRUE(contains(c.output, "model.pt was trained on survey.tif (160 x 120 cells of 50 m")) << c.output;
    EXPECT_TRUE(contains(readFile(s_dir->file("fine-classified/report.json")), "differ from the model's"));
    // The model's own survey: no warning.
    CliResult same = runCli({"classify", "--model", out("model.pt"), "--survey", survey(), "--out",
                             s_dir->file("same-classified"), "--stride", "2", "--quiet"});
    ASSERT_EQ(same.exitCode, 0) << same.output;
    EXPECT_FALSE(contains(same.output, "warning:")) << same.output;
    EXPECT_FALSE(std::filesystem::exists(s_dir->file("same-classified/labels_used.gpkg")));
}

TEST_F(Cli, ClassMapAgreesWithTheDemoTruthAboveChance)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    ByteRaster classes = readByteRaster(out("classes.tif"));
    ByteRaster truth = readByteRaster(s_dir->file("demo/truth.tif"));
    double tp = 0, dep = 0, tn = 0, non = 0;
    for (std::size_t i = 0; i < truth.data.size(); ++i) {
        if (truth.data[i] == 1) {
            ++dep;
            tp += classes.data[i] == 1;
        } else {
            ++non;
            tn += classes.data[i] == 0;
        }
    }
    ASSERT_GT(dep, 0);
    const double balanced = 0.5 * (tp / dep + tn / non);
    std::printf("balanced accuracy over the truth mask: %.3f\n", balanced);
    EXPECT_GT(balanced, 0.65);
}

TEST_F(Cli, SameSeedGivesTheSameResults)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    CliResult again = runCli(join(
        {"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("again"), "--seed", "5"}, kSmall));
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_EQ(readByteRaster(out("classes.tif")).data, readByteRaster(s_dir->file("again/classes.tif")).data);
    EXPECT_EQ(readRaster(out("probability.tif")).data, readRaster(s_dir->file("again/probability.tif")).data);
}

TEST_F(Cli, SavedModelClassifiesTheSurveyAsTheRunDid)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    CliResult c = runCli({"classify", "--model", out("model.pt"), "--survey", survey(), "--out",
                          s_dir->file("classified"), "--stride", "2", "--quiet"});
    ASSERT_EQ(c.exitCode, 0) << c.output;
    EXPECT_EQ(readByteRaster(out("classes.tif")).data, readByteRaster(s_dir->file("classified/classes.tif")).data);
    const std::string report = readFile(s_dir->file("classified/report.json"));
    EXPECT_TRUE(contains(report, "\"kind\": \"model\""));
    // It trained nothing: its settings are the model's and its own, none of a training run's.
    EXPECT_TRUE(contains(report, "\"training\": \"none in this run")) << report.substr(0, 2000);
    for (const char *key : {"\"train_patches\"", "\"background\": 1", "\"deposit_buffer\"", "\"cv_schemes\""})
        EXPECT_FALSE(contains(report, key)) << key;
    const std::string html = readFile(s_dir->file("classified/report.html"));
    EXPECT_TRUE(contains(html, "none in this run"));
    // Nor does it draw anything at random: no seed in its report, its page or its rasters' provenance, while the
    // run that made the model names its own.
    EXPECT_FALSE(contains(report, "\"seed\"")) << report.substr(0, 2000);
    EXPECT_FALSE(contains(html, "Seed ")) << html.substr(0, 2000);
    EXPECT_FALSE(contains(html, "<td>seed</td>"));
    EXPECT_TRUE(contains(readFile(out("report.json")), "\"seed\": 5"));
    EXPECT_TRUE(contains(readFile(out("report.html")), "<td>seed</td><td>5</td>"));
    // Its page says where the networks came from and shows nothing a classification has not got: no label counts,
    // no label markers, no cross-validation or training sections (the run's page has them).
    EXPECT_TRUE(contains(html, "classified with the saved model")) << html.substr(0, 2000);
    EXPECT_TRUE(contains(html, "<td>networks and classifiers</td><td>read from the model file ")) << html;
    for (const char *absent : {"non-deposit positions", "deposit labels red", "with the same markers",
                               "<h2>Cross-validation</h2>", "<h2>Training</h2>", "trained by this run"})
        EXPECT_FALSE(contains(html, absent)) << absent;
    const std::string runHtml = readFile(out("report.html"));
    for (const char *present : {"non-deposit positions", "deposit labels red", "<h2>Cross-validation</h2>",
                                "<h2>Training</h2>", "<td>networks and feature rasters</td><td>trained by this run"})
        EXPECT_TRUE(contains(runHtml, present)) << present;
    for (const char *f : {"classes.tif", "probability.tif"}) {
        Dataset ds = openWithGdal(s_dir->file(std::string("classified/") + f));
        ASSERT_TRUE(ds) << f;
        EXPECT_EQ(ds->GetMetadataItem("LODESTONE_SEED"), nullptr) << f;
        EXPECT_EQ(std::string(ds->GetMetadataItem("LODESTONE_NETWORKS")).rfind("read from the model file ", 0), 0u);
        EXPECT_NE(ds->GetMetadataItem("LODESTONE_SETTINGS"), nullptr) << f;
    }
}

TEST_F(Cli, FailedRunLeavesPreviousResultsIntact)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    const std::string before = readFile(out("report.json"));
    // Too few labels: one of each class.
    TempDir dir;
    Raster s = readRaster(survey());
    std::vector<double> v(s.data.size(), 2.0);
    v[2000] = 1;
    v[5000] = 0;
    writeTestRaster(dir.file("few.tif"), s.width(), s.height(), {v}, "Byte", s.grid.geoTransform[0],
                    s.grid.geoTransform[3], s.grid.geoTransform[1], 0);
    CliResult r = runCli(
        join({"run", "--survey", survey(), "--labels", dir.file("few.tif"), "--out", s_dir->file("run")}, kSmall));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(contains(r.output, "At least 2 labelled positions")) << r.output;
    EXPECT_EQ(readFile(out("report.json")), before);
}

TEST_F(Cli, StreamedRunGivesTheResultsOfTheRunInMemory)
{
    const std::vector<std::string> dense = {"--patch",
                                            "20",
                                            "--filters",
                                            "6,4,4",
                                            "--train-patches",
                                            "800",
                                            "--epochs",
                                            "2",
                                            "--seed",
                                            "5",
                                            "--quiet",
                                            "--survey",
                                            survey(),
                                            "--labels",
                                            labels(),
                                            "--ensemble",
                                            "1",
                                            "--background",
                                            "0",
                                            "--svm-inputs",
                                            "none", // a streamed run classifies the features alone
                                            "--deposit-buffer",
                                            "0"}; // and trains on the deposit labels as given
    CliResult memory = runCli(join({"run", "--out", s_dir->file("memory"), "--stream", "off"}, dense));
    ASSERT_EQ(memory.exitCode, 0) << memory.output;
    CliResult stream =
        runCli(join({"run", "--out", s_dir->file("stream"), "--stream", "on", "--strip-rows", "32"}, dense));
    ASSERT_EQ(stream.exitCode, 0) << stream.output;
    for (int b = 1; b <= 14; ++b)
        EXPECT_EQ(readRaster(s_dir->file("memory/features.tif"), b).data,
                  readRaster(s_dir->file("stream/features.tif"), b).data)
            << "band " << b;
    const std::vector<uint8_t> a = readByteRaster(s_dir->file("memory/classes.tif")).data,
                               c = readByteRaster(s_dir->file("stream/classes.tif")).data;
    ASSERT_EQ(a.size(), c.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        differ += a[i] != c[i];
    EXPECT_LE(differ, a.size() / 1000);
    EXPECT_TRUE(contains(readFile(s_dir->file("stream/report.json")), "\"streamed\": true"));
    EXPECT_TRUE(contains(readFile(s_dir->file("memory/report.json")), "\"streamed\": false"));
    // The saved model classifies the survey strip by strip as the run did, and in memory to the same classes.
    CliResult again = runCli({"classify", "--model", s_dir->file("stream/model.pt"), "--survey", survey(), "--out",
                              s_dir->file("stream-classify"), "--stream", "on", "--strip-rows", "48", "--quiet"});
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_EQ(readByteRaster(s_dir->file("stream-classify/classes.tif")).data, c);
    EXPECT_EQ(readRaster(s_dir->file("stream-classify/probability.tif")).data,
              readRaster(s_dir->file("stream/probability.tif")).data);
    EXPECT_TRUE(contains(readFile(s_dir->file("stream-classify/report.json")), "\"kind\": \"model\""));
    CliResult inMemory = runCli({"classify", "--model", s_dir->file("stream/model.pt"), "--survey", survey(), "--out",
                                 s_dir->file("memory-classify"), "--stream", "off", "--quiet"});
    ASSERT_EQ(inMemory.exitCode, 0) << inMemory.output;
    EXPECT_EQ(readByteRaster(s_dir->file("memory-classify/classes.tif")).data, c);
    CliResult bad = runCli(join({"run", "--out", s_dir->file("bad"), "--stream", "sometimes"}, dense));
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(contains(bad.output, "--stream must be auto, on or off")) << bad.output;
}

TEST_F(Cli, DeriveWritesEveryMagneticProductOnTheSurveyGrid)
{
    // The demo survey with nodata: a block, a strip along the west edge and scattered pixels.
    TempDir dir;
    const Raster s = readRaster(survey());
    std::vector<double> values(s.data.begin(), s.data.end());
    for (int row = 0; row < s.height(); ++row)
        for (int col = 0; col < s.width(); ++col)
            if ((row >= 30 && row < 50 && col >= 60 && col < 90) || col < 4 || (row * 7 + col * 13) % 97 == 0)
                values[std::size_t(row) * s.width() + col] = -9999;
    const double nd = -9999;
    const std::string holes = dir.file("holes.tif");
    writeTestRaster(holes, s.width(), s.height(), {values}, "Float32", s.grid.geoTransform[0], s.grid.geoTransform[3],
                    s.grid.geoTransform[1], 32751, &nd);
    const Raster input = readRaster(holes);
    ASSERT_LT(input.validCount(), input.data.size());
    double inputSpread = 0, inputMean = 0;
    for (std::size_t i = 0; i < input.data.size(); ++i)
        if (input.valid[i])
            inputMean += input.data[i];
    inputMean /= double(input.validCount());
    for (std::size_t i = 0; i < input.data.size(); ++i)
        if (input.valid[i])
            inputSpread += (input.data[i] - inputMean) * (input.data[i] - inputMean);

    for (const char *product : {"rtp", "vd1", "hgrad", "tilt", "as", "up", "localstd"}) {
        SCOPED_TRACE(product);
        const std::string out = dir.file(std::string(product) + ".tif");
        std::vector<std::string> args = {"derive", "--survey", holes, "--product", product, "--out", out, "--quiet"};
        if (std::string(product) == "rtp")
            args = join(args, {"--inclination", "-60", "--declination", "5"});
        if (std::string(product) == "up")
            args = join(args, {"--height", "200"});
        if (std::string(product) == "localstd")
            args = join(args, {"--window", "7"});
        const CliResult r = runCli(args);
        ASSERT_EQ(r.exitCode, 0) << r.output;
        EXPECT_TRUE(contains(r.output, "written to " + out)) << r.output;
        const RasterInfo info = readRasterInfo(out);
        EXPECT_EQ(info.bandCount, 1);
        ASSERT_EQ(info.bandDescriptions.size(), 1u);
        EXPECT_EQ(info.bandDescriptions[0], product);
        const Raster result = readRaster(out);
        EXPECT_TRUE(result.grid.sameGrid(input.grid)) << result.grid.describeDifference(input.grid);
        EXPECT_EQ(result.grid.crsWkt, input.grid.crsWkt);
        EXPECT_TRUE(result.hasNoData);
        EXPECT_EQ(result.valid, input.valid); // nodata exactly where the survey has it
        double lo = 1e30, hi = -1e30, mean = 0, spread = 0;
        for (std::size_t i = 0; i < result.data.size(); ++i) {
            if (!result.valid[i])
                continue;
            ASSERT_TRUE(std::isfinite(result.data[i])) << i;
            lo = std::min(lo, double(result.data[i]));
            hi = std::max(hi, double(result.data[i]));
            mean += result.data[i];
        }
        mean /= double(result.validCount());
        for (std::size_t i = 0; i < result.data.size(); ++i)
            if (result.valid[i])
                spread += (result.data[i] - mean) * (result.data[i] - mean);
        EXPECT_LT(lo, hi); // not a constant
        const std::string name = product;
        if (name == "hgrad" || name == "as" || name == "localstd") {
            EXPECT_GE(lo, 0.0);
        }
        if (name == "tilt") {
            EXPECT_GE(lo, -1.5708);
            EXPECT_LE(hi, 1.5708);
        }
        if (name == "up") {
            EXPECT_LT(spread, inputSpread); // continuation upward smooths
        }
    }

    // Mistakes get a usage message (exit 2) or an error naming the file (exit 1), and write nothing.
    struct Case {
        std::vector<std::string> args;
        int exitCode;
        std::string expect;
    };
    const std::string out = dir.file("bad.tif");
    const std::vector<Case> cases = {
        {{"--survey", holes, "--product", "rtp", "--out", out}, 2, "--inclination"},
        {{"--survey", holes, "--product", "grad", "--out", out}, 2, "--product must be"},
        {{"--survey", holes, "--product", "vd1", "--window", "5", "--out", out}, 2, "--window applies to"},
        {{"--survey", holes, "--product", "localstd", "--window", "4", "--out", out}, 2, "odd"},
        {{"--survey", holes, "--product", "vd1"}, 2, "--out"},
        {{"--survey", dir.file("absent.tif"), "--product", "vd1", "--out", out}, 1, "absent.tif"},
        {{"--survey", holes, "--product", "up", "--height", "-5", "--out", out}, 1, "height"},
        {{"--survey", holes, "--product", "vd1", "--out", dir.file("no-such-folder/vd1.tif")}, 1, "no-such-folder"},
    };
    for (const Case &c : cases) {
        const CliResult r = runCli(join({"derive"}, join(c.args, {"--quiet"})));
        EXPECT_EQ(r.exitCode, c.exitCode) << r.output;
        EXPECT_TRUE(contains(r.output, c.expect)) << "expected '" << c.expect << "' in: " << r.output;
        EXPECT_FALSE(std::filesystem::exists(out));
    }
}

TEST_F(Cli, CtrlCCancelsAndKeepsThePreviousResults)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    const std::string before = readFile(out("report.json"));
    for (const char *stream : {"on", "off"}) {
        SCOPED_TRACE(stream);
        // Without --quiet, and not on a terminal, the tool prints one line per stage; the default training (100,000
        // patch presentations) lasts seconds, the interrupt comes at its start.
        CliResult r = interruptCliWhen({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("run"),
                                        "--seed", "9", "--stream", stream, "--patch", "20"},
                                       "Training autoencoder");
        EXPECT_EQ(r.exitCode, 130) << r.output;
        EXPECT_TRUE(contains(r.output, "canceled")) << r.output;
        EXPECT_EQ(readFile(out("report.json")), before);
        for (const auto &e : std::filesystem::directory_iterator(s_dir->file("run")))
            EXPECT_FALSE(contains(e.path().filename().string(), "partial")) << e.path();
    }
}

TEST_F(Cli, BadInputGetsOneClearMessage)
{
    TempDir dir;
    const std::string text = dir.file("notes.tif");
    std::ofstream(text) << "not a raster";
    const double nd = -9999;
    writeTestRaster(dir.file("allnodata.tif"), 60, 60, {std::vector<double>(3600, -9999)}, "Float32", 0, 0, 1, 3067,
                    &nd);
    writeTestRaster(dir.file("other-grid.tif"), 50, 40, {std::vector<double>(2000, 2)}, "Byte");
    Raster s = readRaster(survey());
    std::vector<double> badValues(s.data.size(), 2.0);
    badValues[77] = 7;
    writeTestRaster(dir.file("badvalues.tif"), s.width(), s.height(), {badValues}, "Byte", s.grid.geoTransform[0],
                    s.grid.geoTransform[3], s.grid.geoTransform[1], 0);
    std::ofstream(dir.file("far.csv")) << "X,Y\n1,1\n2,2\n";
    std::ofstream(dir.file("model.pt")) << "corrupt";
    std::ofstream(dir.file("afile")) << "x";
    {
        std::ofstream deposits(dir.file("deposits.csv"));
        deposits << "X,Y\n";
        for (const auto &[x, y] : {std::pair{30, 30}, {100, 40}, {60, 90}}) {
            double mx = 0, my = 0;
            s.grid.pixelToMap(x, y, mx, my);
            deposits << std::setprecision(12) << mx << "," << my << "\n";
        }
    }
    std::filesystem::create_directories(dir.file("same"));
    std::filesystem::copy_file(survey(), dir.file("same/probability.tif"));
    std::filesystem::copy_file(survey(), dir.file("same/features.tif"));
    std::filesystem::copy_file(survey(), dir.file("same/uncertainty.tif"));
    std::filesystem::copy_file(labels(), dir.file("same/classes.tif"));
    std::filesystem::copy_file(dir.file("model.pt"), dir.file("same/model.pt"));

    struct Case {
        std::vector<std::string> args;
        std::string expect;
    };
    const std::vector<Case> cases = {
        {{"run", "--survey", dir.file("absent.tif"), "--labels", labels(), "--out", dir.file("o")}, "absent.tif"},
        {{"run", "--survey", text, "--labels", labels(), "--out", dir.file("o")}, "notes.tif is not a raster"},
        {{"run", "--survey", dir.file("allnodata.tif"), "--labels", labels(), "--out", dir.file("o")},
         "no valid pixel"},
        {{"run", "--survey", survey(), "--labels", dir.file("other-grid.tif"), "--out", dir.file("o")}, "50 x 40"},
        {{"run", "--survey", survey(), "--labels", dir.file("badvalues.tif"), "--out", dir.file("o")}, "value 7"},
        {{"run", "--survey", survey(), "--points", dir.file("far.csv"), "--out", dir.file("o")}, "far.csv"},
        {{"run", "--survey", survey(), "--labels", labels(), "--out", dir.file("o"), "--patch", "500"}, "larger than"},
        {{"classify", "--model", dir.file("model.pt"), "--survey", survey(), "--out", dir.file("o")}, "model.pt"},
        {{"run", "--survey", survey(), "--labels", labels(), "--out", dir.file("afile") + "/sub", "--train-patches",
          "50", "--epochs", "1", "--patch", "20", "--stride", "10"},
         "afile"},
        // Occurrences alone give no non-deposit positions: the message says how to add them.
        {{"run", "--survey", survey(), "--points", dir.file("deposits.csv"), "--out", dir.file("o")},
         "deposits.csv gives deposit positions only"},
        {{"classify", "--model", dir.path(), "--survey", survey(), "--out", dir.file("o")},
         "is a folder, not a model file"},
        // An output folder that holds an input under a result's name would replace it: refused before any work.
        {{"run", "--survey", dir.file("same/probability.tif"), "--labels", dir.file("same/classes.tif"), "--out",
          dir.file("same")},
         "holds the survey " + dir.file("same/probability.tif") + " under the name probability.tif"},
        {{"run", "--survey", survey(), "--labels", labels(), "--layer", dir.file("same/uncertainty.tif"), "--out",
          dir.file("same")},
         "holds the input layer"},
        {{"classify", "--model", dir.file("same/model.pt"), "--survey", dir.file("same/features.tif"), "--out",
          dir.file("same")},
         "under the name features.tif"},
    };
    for (const Case &c : cases) {
        CliResult r = runCli(join(c.args, {"--quiet"}));
        EXPECT_EQ(r.exitCode, 1) << r.output;
        EXPECT_TRUE(contains(r.output, c.expect)) << "expected '" << c.expect << "' in: " << r.output;
        EXPECT_TRUE(contains(r.output, "error")) << r.output;
    }
    // None of the failed commands left the output folder it made behind, nor the parents it had to make.
    EXPECT_FALSE(std::filesystem::exists(dir.file("o")));
    const CliResult nested = runCli(
        {"run", "--survey", dir.file("absent.tif"), "--labels", labels(), "--out", dir.file("new/a/b"), "--quiet"});
    EXPECT_EQ(nested.exitCode, 1) << nested.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("new")));
    // The inputs in the refused folder are as they were, and nothing was written beside them.
    EXPECT_EQ(readFile(dir.file("same/probability.tif")), readFile(survey()));
    EXPECT_EQ(readFile(dir.file("same/features.tif")), readFile(survey()));
    EXPECT_EQ(readFile(dir.file("same/uncertainty.tif")), readFile(survey()));
    EXPECT_EQ(readFile(dir.file("same/classes.tif")), readFile(labels()));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.file("same")), {}), 5);
    CliResult usage = runCli({"run", "--survey", survey()});
    EXPECT_EQ(usage.exitCode, 2);
    EXPECT_TRUE(contains(usage.output, "--out")) << usage.output;
    // Options of points given with a label raster would suggest an effect they do not have.
    CliResult negatives = runCli(
        {"run", "--survey", survey(), "--labels", labels(), "--negatives", "10", "--out", dir.file("o"), "--quiet"});
    EXPECT_EQ(negatives.exitCode, 2);
    EXPECT_TRUE(contains(negatives.output, "--negatives applies to --points")) << negatives.output;
    // derive and grid never write over their input.
    const std::string copy = dir.file("copy.tif");
    std::filesystem::copy_file(survey(), copy);
    CliResult derive = runCli({"derive", "--survey", copy, "--product", "as", "--out", copy, "--quiet"});
    EXPECT_EQ(derive.exitCode, 2);
    EXPECT_TRUE(contains(derive.output, "is the --survey file")) << derive.output;
    EXPECT_EQ(readFile(copy), readFile(survey()));
}

TEST(CliKolari, RealSurveyWithOccurrencePoints)
{
    const std::string grid = sharedData("kolari-iocg/kolari_mag_anomaly_100m.tif");
    const std::string points = sharedData("kolari-iocg/kolari_occurrences.shp");
    if (grid.empty() || points.empty())
        GTEST_SKIP() << "../shared/data is absent";
    TempDir dir;
    CliResult r = runCli(
        {"run",  "--survey", grid,       "--points", points, "--negatives",     "17",   "--negative-min-distance",
         "3000", "--out",    dir.path(), "--stride", "5",    "--train-patches", "3000", "--epochs",
         "2",    "--seed",   "1",        "--quiet"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "9 of the 26")) << r.output; // points outside the grid, skipped with a warning
    Raster survey = readRaster(grid);
    ByteRaster classes = readByteRaster(dir.file("classes.tif"));
    Raster prob = readRaster(dir.file("probability.tif"));
    EXPECT_NE(classes.grid.crsWkt.find("3067"), std::string::npos);
    EXPECT_TRUE(classes.grid.sameGrid(survey.grid));
    std::vector<float> validProb;
    for (std::size_t i = 0; i < survey.data.size(); ++i) {
        ASSERT_EQ(survey.valid[i] != 0, classes.data[i] != 255) << i;
        ASSERT_EQ(survey.valid[i] != 0, prob.valid[i] != 0) << i;
        if (survey.valid[i])
            validProb.push_back(prob.data[i]);
    }
    std::sort(validProb.begin(), validProb.end());
    const float median = validProb[validProb.size() / 2];
    // The mines: Hannukainen and Rautuvaara lie in high-probability ground.
    double col, row;
    const std::string csv = readFile(sharedData("kolari-iocg/kolari_occurrences.csv"));
    int checked = 0, above = 0;
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
        if (!contains(line, "Hannukainen") && !contains(line, "Rautuvaara"))
            continue;
        std::istringstream fields(line);
        std::string xs, ys;
        std::getline(fields, xs, ',');
        std::getline(fields, ys, ',');
        survey.grid.mapToPixel(std::stod(xs), std::stod(ys), col, row);
        if (col < 0 || row < 0 || col >= survey.width() || row >= survey.height())
            continue;
        const std::size_t i = std::size_t(row) * survey.width() + std::size_t(col);
        if (!survey.valid[i])
            continue;
        ++checked;
        above += prob.data[i] > median;
    }
    ASSERT_GE(checked, 2);
    EXPECT_EQ(above, checked);
}

namespace {

// A small airborne survey for grid: east-west lines every 100 m over 4 km x 3 km of UTM 54S, sampled every 10 m,
// written as longitude/latitude like most line data; the field is smooth and known.
constexpr double GX0 = 400000, GY0 = 7500000, GW = 4000, GH = 3000;

double gridField(double x, double y)
{
    const double u = x - GX0 - 1500, v = y - GY0 - 1800, w = x - GX0 - 3000, z = y - GY0 - 900;
    return 150 * std::exp(-(u * u + v * v) / (2 * 500.0 * 500.0)) -
           90 * std::exp(-(w * w + z * z) / (2 * 700.0 * 700.0)) + 0.01 * (x - GX0);
}

std::string writeLonLatLines(const std::string &path)
{
    OGRSpatialReference utm, ll;
    utm.importFromEPSG(32754);
    ll.importFromEPSG(4326);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ll.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&utm, &ll));
    std::ofstream out(path);
    out.precision(12);
    out << "flight_line,longitude,latitude,total_field_anomaly_nt\n";
    for (double ly = 30; ly < GH; ly += 100)
        for (double lx = 5; lx < GW; lx += 10) {
            double x = GX0 + lx, y = GY0 + ly;
            const double value = gridField(x, y);
            ct->Transform(1, &x, &y);
            out << 100 + int(ly / 100) << "," << x << "," << y << "," << value << "\n";
        }
    return path;
}

/// RMS of raster - field over valid cells at least margin inside the survey.
double gridRms(const Raster &r, double margin, std::size_t &n)
{
    double sum = 0;
    n = 0;
    for (int row = 0; row < r.height(); ++row)
        for (int col = 0; col < r.width(); ++col) {
            double x, y;
            r.grid.pixelToMap(col, row, x, y);
            if (!r.isValid(col, row) || x < GX0 + margin || x > GX0 + GW - margin || y < GY0 + margin ||
                y > GY0 + GH - margin)
                continue;
            const double d = r.at(col, row) - gridField(x, y);
            sum += d * d;
            ++n;
        }
    return n ? std::sqrt(sum / double(n)) : INFINITY;
}

/// Pearson correlation and RMS difference of two rasters on the same grid, over cells valid in both.
void compareGrids(const Raster &a, const Raster &b, double &correlation, double &rms, std::size_t &n)
{
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, sd = 0;
    n = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        if (!a.valid[i] || !b.valid[i])
            continue;
        const double x = a.data[i], y = b.data[i];
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
        sd += (x - y) * (x - y);
        ++n;
    }
    const double m = double(n), cov = sab / m - sa * sb / (m * m);
    correlation = cov / std::sqrt((saa / m - sa * sa / (m * m)) * (sbb / m - sb * sb / (m * m)));
    rms = std::sqrt(sd / m);
}

} // namespace

TEST(CliGrid, LonLatLinesToAUtmGrid)
{
    TempDir dir;
    const std::string csv = writeLonLatLines(dir.file("lines.csv"));
    CliResult r = runCli({"grid", "--lines", csv, "--x", "longitude", "--y", "latitude", "--value",
                          "total_field_anomaly_nt", "--crs", "EPSG:4326", "--to-crs", "EPSG:32754", "--cell", "25",
                          "--out", dir.file("grid.tif"), "--quiet"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "Gridded 12000 readings of total_field_anomaly_nt")) << r.output;
    EXPECT_FALSE(contains(r.output, "warning")) << r.output;
    EXPECT_FALSE(contains(r.output, "GMT")) << r.output; // nothing of GMT's own output reaches the user
    Raster g = readRaster(dir.file("grid.tif"));
    EXPECT_TRUE(contains(g.grid.crsWkt, "UTM zone 54S"));
    EXPECT_DOUBLE_EQ(g.grid.geoTransform[1], 25);
    EXPECT_DOUBLE_EQ(g.grid.geoTransform[5], -25);
    EXPECT_EQ(g.width(), 160);  // 400005 to 403995, snapped to 25 m
    EXPECT_EQ(g.height(), 117); // 7500030 to 7502930, snapped to 7500025 to 7502950
    EXPECT_TRUE(g.hasNoData && std::isnan(g.noData));
    std::size_t n = 0;
    EXPECT_LT(gridRms(g, 200, n), 0.08); // 0.039; the field spans about 250
    EXPECT_GT(n, std::size_t(12000));
    EXPECT_EQ(g.validCount(), g.data.size()); // lines 100 m apart: every cell is within 5 cells of one

    // Onto another raster's cells, masking cells more than 100 m from a reading.
    test::writeTestRaster(dir.file("like.tif"), 60, 50, {std::vector<double>(3000, 0.0)}, "Float32", GX0 - 500,
                          GY0 + 3500, 80, 32754);
    r = runCli({"grid", "--lines", csv, "--value", "TOTAL_FIELD_ANOMALY_NT", "--crs", "EPSG:4326", "--like",
                dir.file("like.tif"), "--max-distance", "100", "--out", dir.file("like-grid.tif"), "--quiet"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    Raster like = readRaster(dir.file("like-grid.tif"));
    EXPECT_TRUE(like.grid.sameGrid(readRaster(dir.file("like.tif")).grid));
    EXPECT_FALSE(like.isValid(0, 0)); // 500 m west and north of the survey
    EXPECT_TRUE(like.isValid(30, 25));
    EXPECT_LT(gridRms(like, 200, n), 0.1); // 0.054
    // The survey covers 50 x 38 of those 80 m cells; the mask adds a rim of at most 2 cells around it.
    EXPECT_GE(like.validCount(), std::size_t(50 * 37));
    EXPECT_LE(like.validCount(), std::size_t(54 * 42));
}

TEST(CliGrid, BadInputGetsOneClearMessage)
{
    TempDir dir;
    const std::string csv = writeLonLatLines(dir.file("lines.csv"));
    std::ofstream(dir.file("empty.csv")).close();
    const std::string out = dir.file("grid.tif");
    struct Case {
        std::vector<std::string> args;
        int exitCode;
        std::vector<std::string> says;
    };
    const std::vector<Case> cases = {
        {{"--lines", csv, "--value", "tmi", "--crs", "EPSG:4326", "--cell", "25"},
         1,
         {csv, "no column 'tmi'", "total_field_anomaly_nt"}},
        {{"--lines", csv, "--value", "total_field_anomaly_nt", "--crs", "EPSG:9999999", "--cell", "25"},
         1,
         {"EPSG:9999999", csv}},
        {{"--lines", csv, "--value", "total_field_anomaly_nt", "--to-crs", "EPSG:32754", "--cell", "25"},
         1,
         {csv + " declares no CRS", "--crs"}},
        {{"--lines", dir.file("empty.csv"), "--value", "v", "--cell", "25"}, 1, {dir.file("empty.csv") + " is empty"}},
        {{"--lines", dir.file("none.csv"), "--value", "v", "--cell", "25"}, 1, {"File not found", "none.csv"}},
        {{"--lines", csv, "--value", "total_field_anomaly_nt"}, 2, {"missing --cell"}},
        {{"--lines", csv, "--value", "total_field_anomaly_nt", "--cell", "25", "--tension", "2"}, 2, {"--tension"}},
        {{"--lines", csv, "--value", "total_field_anomaly_nt", "--cell", "25", "--extent", "1,2,3"}, 2, {"--extent"}},
        {{"--lines", csv, "--value", "total_field_anomaly_nt", "--cell", "25", "--max-distance", "far"},
         2,
         {"--max-distance"}},
    };
    for (const Case &c : cases) {
        std::vector<std::string> args = {"grid"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        args.insert(args.end(), {"--out", out, "--quiet"});
        CliResult r = runCli(args);
        SCOPED_TRACE(r.output);
        EXPECT_EQ(r.exitCode, c.exitCode);
        for (const auto &part : c.says)
            EXPECT_TRUE(contains(r.output, part)) << part;
        EXPECT_FALSE(std::filesystem::exists(out));
    }
}

TEST(CliGrid, OsborneSurveyAgreesWithTheLinearGrid)
{
    const std::string lines = sharedData("osborne/osborne-magnetic.csv.xz");
    const std::string linear = sharedData("osborne/osborne_tfa_50m.tif");
    if (lines.empty() || linear.empty())
        GTEST_SKIP() << "../shared/data is absent";
    TempDir dir;
    const auto start = std::chrono::steady_clock::now();
    CliResult r = runCli({"grid", "--lines", lines, "--x", "longitude", "--y", "latitude", "--value",
                          "total_field_anomaly_nt", "--crs", "EPSG:4326", "--to-crs", "EPSG:32754", "--like", linear,
                          "--out", dir.file("osborne.tif"), "--quiet"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "Gridded 990987 readings")) << r.output;
    EXPECT_LT(seconds, 60.0);
    Raster ours = readRaster(dir.file("osborne.tif")), reference = readRaster(linear);
    ASSERT_TRUE(ours.grid.sameGrid(reference.grid));
    double correlation = 0, rms = 0;
    std::size_t n = 0;
    compareGrids(ours, reference, correlation, rms, n);
    RecordProperty("seconds", std::to_string(seconds));
    RecordProperty("correlation", std::to_string(correlation));
    RecordProperty("rms_nT", std::to_string(rms));
    std::printf("Osborne: %.1f s, %zu cells in both, correlation %.5f, RMS difference %.2f nT\n", seconds, n,
                correlation, rms);
    // Measured: 12 s on 2 cores, 634677 cells, correlation 0.99968, RMS 7.8 nT (the field's std is 300 nT).
    EXPECT_GT(n, std::size_t(630000));
    EXPECT_GT(correlation, 0.9995);
    EXPECT_LT(rms, 9.0);
    // Our grid covers the reference's valid cells and a rim up to 250 m beyond gaps.
    EXPECT_GE(ours.validCount(), reference.validCount());
}

TEST(CliGrid, CtrlCDuringSurfaceWritesNothing)
{
    const std::string lines = sharedData("osborne/osborne-magnetic.csv.xz");
    if (lines.empty())
        GTEST_SKIP() << "../shared/data is absent";
    TempDir dir;
    // GMT surface (about 9 s here) runs in lodestone-grid-worker, which the cancel kills: the run ends at once.
    CliResult r = interruptCliWhen({"grid", "--lines", lines, "--x", "longitude", "--y", "latitude", "--value",
                                    "total_field_anomaly_nt", "--crs", "EPSG:4326", "--to-crs", "EPSG:32754", "--cell",
                                    "50", "--out", dir.file("osborne.tif")},
                                   "Minimum curvature");
    EXPECT_EQ(r.exitCode, 130) << r.output;
    EXPECT_GE(r.secondsAfterSignal, 0.0);
    EXPECT_LT(r.secondsAfterSignal, 2.0); // a generous bound for a busy machine: about 0.05 s measured
    RecordProperty("seconds_after_signal", std::to_string(r.secondsAfterSignal));
    EXPECT_TRUE(contains(r.output, "canceled")) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("osborne.tif")));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST_F(Cli, ValidationPointsAreRankedBesideTheBaselines)
{
    // Validation occurrences at the centres of deposit-body pixels of the truth, as a CSV in map coordinates.
    const ByteRaster truth = readByteRaster(s_dir->file("demo/truth.tif"));
    const ByteRaster labelled = readByteRaster(labels());
    const std::string csv = s_dir->file("validation.csv");
    {
        std::ofstream f(csv);
        f << "X,Y,name\n";
        int n = 0;
        for (std::size_t i = 0; i < truth.data.size() && n < 40; i += 2)
            if (truth.data[i] == 1 && labelled.data[i] != 1) {
                double x, y;
                truth.grid.pixelToMap(double(i % truth.grid.width), double(i / truth.grid.width), x, y);
                f << std::setprecision(12) << x << "," << y << ",body" << n++ << "\n";
            }
        ASSERT_GT(n, 5);
    }
    const std::string dir = s_dir->file("validated");
    CliResult r = runCli(join(join({"run", "--survey", survey(), "--labels", labels(), "--out", dir, "--seed", "5",
                                    "--validation-points", csv, "--cv", "spatial"},
                                   kSmall),
                              {"--ensemble", "2"}));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "Prediction-rate AUC: model")) << r.output;
    EXPECT_TRUE(contains(r.output, "Cross-validation, spatial folds")) << r.output;
    EXPECT_FALSE(contains(r.output, "Cross-validation, random folds")) << r.output;
    const std::string report = readFile(dir + "/report.json");
    EXPECT_TRUE(contains(report, "\"headline\": \"prediction\"")) << report.substr(0, 2000);
    EXPECT_TRUE(contains(report, "\"validation_used\": ")) << report.substr(0, 2000);
    EXPECT_TRUE(contains(report, "\"validation_source\": \"" + csv + "\"")) << report.substr(0, 2000);
    EXPECT_TRUE(contains(report, "\"ensemble\": 2"));
    const Raster uncertainty = readRaster(dir + "/uncertainty.tif");
    EXPECT_TRUE(uncertainty.grid.sameGrid(readRaster(survey()).grid));
    const std::string html = readFile(dir + "/report.html");
    EXPECT_TRUE(contains(html, "Prediction rate (validation occurrences)"));
    EXPECT_TRUE(contains(html, "validation occurrences (" + csv + ")")) << html.substr(0, 3000);
    // The validation occurrences, with the map's score at each, beside the labels used.
    Dataset gpkg = openWithGdal(dir + "/labels_used.gpkg", GDAL_OF_VECTOR);
    ASSERT_TRUE(gpkg);
    OGRLayer *validation = gpkg->GetLayerByName("validation");
    ASSERT_NE(validation, nullptr);
    EXPECT_GT(validation->GetFeatureCount(), 5);
    const Raster probability = readRaster(dir + "/probability.tif");
    for (auto &f : *validation) {
        const std::size_t at = std::size_t(f->GetFieldAsInteger("row")) * probability.grid.width +
                               std::size_t(f->GetFieldAsInteger("col"));
        EXPECT_NEAR(f->GetFieldAsDouble("probability"), probability.data[at], 1e-6);
        EXPECT_GE(f->GetFieldAsDouble("top_percent"), 0.0);
        EXPECT_LE(f->GetFieldAsDouble("top_percent"), 100.0);
    }
    EXPECT_TRUE(std::filesystem::exists(dir + "/uncertainty.qml"));

    // A validation file that cannot be read is named.
    CliResult bad = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("bad"),
                                 "--validation-points", s_dir->file("missing.csv")},
                                kSmall));
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(contains(bad.output, "missing.csv")) << bad.output;
}

TEST_F(Cli, PaperPresetCrossValidatesTheFourModesWithRandomFolds)
{
    const std::string dir = s_dir->file("paper");
    CliResult r = runCli(join(
        {"run", "--survey", survey(), "--labels", labels(), "--out", dir, "--seed", "5", "--preset", "paper"}, kSmall));
    // kSmall sets the network's size and one member; the preset leaves the rest to the paper.
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const std::string report = readFile(dir + "/report.json");
    const std::size_t schemes = report.find("\"cv_schemes\": [");
    ASSERT_NE(schemes, std::string::npos);
    const std::string schemeList = report.substr(schemes, report.find(']', schemes) - schemes);
    EXPECT_TRUE(contains(schemeList, "\"random\"")) << schemeList;
    EXPECT_FALSE(contains(schemeList, "\"spatial\"")) << schemeList;
    EXPECT_TRUE(contains(report, "\"cross_validation_spatial\": {}")) << report.substr(0, 3000);
    EXPECT_TRUE(contains(report, "\"ensemble\": 1"));
    EXPECT_TRUE(contains(report, "\"svm_inputs\": []"));
    EXPECT_TRUE(contains(report, "\"background\": 0,"));
    EXPECT_TRUE(contains(report, "\"deposit_buffer\": 0,"));
    // Classifying with its model names the model's machine.
    CliResult classified = runCli({"classify", "--model", dir + "/model.pt", "--survey", survey(), "--out",
                                   s_dir->file("paper-classified"), "--quiet"});
    ASSERT_EQ(classified.exitCode, 0) << classified.output;
    EXPECT_TRUE(contains(readFile(s_dir->file("paper-classified/report.json")), "\"classifier\": \"svm\""));
    for (const char *mode : {"pixel-features", "pixel-samples", "patch-features", "patch-samples"})
        EXPECT_TRUE(contains(r.output, mode)) << mode;
    EXPECT_TRUE(contains(report, "\"classifier\": \"svm\""));
    EXPECT_TRUE(contains(readFile(out("report.json")), "\"classifier\": \"logistic\""));
    EXPECT_TRUE(contains(readFile(out("report.json")), "\"deposit_buffer\": 1,"));
    // The default run with the paper's machine and inputs: the same random folds, the same table.
    const std::string svmDir = s_dir->file("default-svm");
    CliResult svm = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", svmDir, "--seed", "5",
                                 "--classifier", "svm", "--svm-inputs", "none"},
                                kSmall));
    ASSERT_EQ(svm.exitCode, 0) << svm.output;
    const std::string base = readFile(svmDir + "/report.json");
    const auto table = [](const std::string &json) {
        const std::size_t a = json.find("\"cross_validation\": {");
        return json.substr(a, json.find("\"cross_validation_spatial\"") - a);
    };
    EXPECT_EQ(table(report), table(base));
    CliResult unknown = runCli({"run", "--survey", survey(), "--labels", labels(), "--out", dir, "--preset", "x"});
    EXPECT_EQ(unknown.exitCode, 2);
}

TEST_F(Cli, LayersBesideTheSurveyAreReadAsInputChannels)
{
    // A second evidence layer on a coarser grid of the same ground (resampled with a warning), and the analytic
    // signal derived on the fly.
    const Raster s = readRaster(survey());
    const std::string coarse = s_dir->file("coarse.tif");
    {
        GridSpec g = s.grid;
        g.width = s.width() / 2;
        g.height = s.height() / 2;
        g.geoTransform[1] *= 2;
        g.geoTransform[5] *= 2;
        std::vector<float> v(g.pixelCount());
        for (int r = 0; r < g.height; ++r)
            for (int c = 0; c < g.width; ++c)
                v[std::size_t(r) * g.width + c] = s.at(2 * c, 2 * r) * 0.5f + float(c);
        writeFloatGeoTiff(coarse, g, {v.data()}, -9999.0f, {"gravity"});
    }
    const std::string dir = s_dir->file("layers");
    CliResult r = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", dir, "--seed", "5",
                               "--layer", coarse, "--derive", "as", "--cv", "random"},
                              kSmall));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "coarse.tif is on another grid")) << r.output;
    const std::string report = readFile(dir + "/report.json");
    EXPECT_TRUE(contains(report, "\"layers\": [")) << report.substr(0, 3000);
    EXPECT_TRUE(contains(report, "\"kind\": \"file\""));
    EXPECT_TRUE(contains(report, "\"product\": \"as\""));
    EXPECT_TRUE(contains(report, "\"logarithm\": true"));
    // Three input channels: the same number of feature rasters (the encoder's filters), a different map.
    EXPECT_EQ(readRasterInfo(dir + "/features.tif").bandCount, readRasterInfo(out("features.tif")).bandCount);
    EXPECT_NE(readRaster(dir + "/probability.tif").data, readRaster(out("probability.tif")).data);

    // classify applies the model with the same layer file and derives the analytic signal again by itself: the
    // run's class map (one member, the same stride).
    CliResult c = runCli({"classify", "--model", dir + "/model.pt", "--survey", survey(), "--layer", coarse, "--out",
                          s_dir->file("layers-classified"), "--stride", "2", "--quiet"});
    ASSERT_EQ(c.exitCode, 0) << c.output;
    EXPECT_EQ(readByteRaster(dir + "/classes.tif").data,
              readByteRaster(s_dir->file("layers-classified/classes.tif")).data);
    // Strip by strip, the model reads the same layers and gives the features and classes of the dense features in
    // memory.
    CliResult inMemory = runCli({"classify", "--model", dir + "/model.pt", "--survey", survey(), "--layer", coarse,
                                 "--out", s_dir->file("layers-memory"), "--stream", "off", "--quiet"});
    ASSERT_EQ(inMemory.exitCode, 0) << inMemory.output;
    CliResult streamed = runCli({"classify", "--model", dir + "/model.pt", "--survey", survey(), "--layer", coarse,
                                 "--out", s_dir->file("layers-streamed"), "--stream", "on", "--strip-rows", "40"});
    ASSERT_EQ(streamed.exitCode, 0) << streamed.output;
    EXPECT_TRUE(contains(streamed.output, "coarse.tif is on another grid")) << streamed.output;
    EXPECT_EQ(readByteRaster(s_dir->file("layers-streamed/classes.tif")).data,
              readByteRaster(s_dir->file("layers-memory/classes.tif")).data);
    // The network's feature rasters are the same; the in-memory file also holds the analytic signal that the
    // classifier reads beside them (a streamed features.tif holds the network's rasters alone).
    const int networkBands = readRasterInfo(s_dir->file("layers-streamed/features.tif")).bandCount;
    EXPECT_EQ(networkBands + 1, readRasterInfo(s_dir->file("layers-memory/features.tif")).bandCount);
    for (int b = 1; b <= networkBands; ++b)
        EXPECT_EQ(readRaster(s_dir->file("layers-streamed/features.tif"), b).data,
                  readRaster(s_dir->file("layers-memory/features.tif"), b).data)
            << "band " << b;
    EXPECT_TRUE(contains(readFile(s_dir->file("layers-streamed/report.json")), "\"product\": \"as\""));

    // Without its layer file, or with an unknown product, the model or the run is refused with the reason.
    CliResult missing = runCli(
        {"classify", "--model", dir + "/model.pt", "--survey", survey(), "--out", s_dir->file("layers-missing")});
    EXPECT_EQ(missing.exitCode, 1) << missing.output;
    EXPECT_TRUE(contains(missing.output, "coarse")) << missing.output;
    CliResult unknown = runCli(join(
        {"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("layers-bad"), "--derive", "as,bogus"},
        kSmall));
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_TRUE(contains(unknown.output, "'bogus'")) << unknown.output;
    CliResult rtp = runCli(
        join({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("layers-bad"), "--derive", "rtp"},
             kSmall));
    EXPECT_EQ(rtp.exitCode, 2);
    EXPECT_TRUE(contains(rtp.output, "--inclination")) << rtp.output;
}

TEST_F(Cli, InfoGivesTheNodataAndARunNotesInfiniteCells)
{
    const CliResult info = runCli({"info", survey()});
    ASSERT_EQ(info.exitCode, 0) << info.output;
    EXPECT_TRUE(contains(info.output, "band 1: nodata -9999\n")) << info.output;
    EXPECT_FALSE(contains(info.output, "infinite")) << info.output;

    // The survey with three cells set to +-Inf, which no format declares as missing.
    const std::string infinite = s_dir->file("infinite-survey.tif");
    {
        Dataset source = openWithGdal(survey());
        ASSERT_TRUE(source);
        GDALDriver *gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        Dataset copy(gtiff->CreateCopy(infinite.c_str(), source.get(), FALSE, nullptr, nullptr, nullptr));
        ASSERT_TRUE(copy);
        float values[3] = {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                           std::numeric_limits<float>::infinity()};
        ASSERT_EQ(copy->GetRasterBand(1)->RasterIO(GF_Write, 40, 30, 3, 1, values, 3, 1, GDT_Float32, 0, 0, nullptr),
                  CE_None);
    }
    const CliResult infiniteInfo = runCli({"info", infinite});
    ASSERT_EQ(infiniteInfo.exitCode, 0) << infiniteInfo.output;
    EXPECT_TRUE(contains(infiniteInfo.output, "band 1: 3 infinite cells, read as nodata")) << infiniteInfo.output;
    const std::string dir = s_dir->file("infinite");
    const CliResult run = runCli(join({"run", "--survey", infinite, "--labels", labels(), "--out", dir, "--seed", "5",
                                       "--cv", "random", "--evaluation", "off"},
                                      kSmall));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_TRUE(
        contains(run.output, "warning: 3 cells of band 1 of " + infinite + " hold an infinite value, read as nodata."))
        << run.output;
    EXPECT_TRUE(contains(readFile(dir + "/report.json"), "hold an infinite value, read as nodata"));
}

TEST_F(Cli, AGridInDegreesGetsItsProductsFromTheCellsOfItsMiddleLatitude)
{
    // The survey and its labels on a grid of 0.001 degree cells from 67.5 degrees north down.
    const Raster s = readRaster(survey()), l = readRaster(labels());
    const std::string lonlat = s_dir->file("lonlat.tif"), lonlatLabels = s_dir->file("lonlat-labels.tif");
    writeTestRaster(lonlat, s.width(), s.height(), {std::vector<double>(s.data.begin(), s.data.end())}, "Float32", 24.0,
                    67.5, 0.001, 4326);
    writeTestRaster(lonlatLabels, s.width(), s.height(), {std::vector<double>(l.data.begin(), l.data.end())}, "Byte",
                    24.0, 67.5, 0.001, 4326);
    const std::string dir = s_dir->file("lonlat-run");
    const CliResult run =
        runCli(join({"run", "--survey", lonlat, "--labels", lonlatLabels, "--out", dir, "--seed", "5"}, kSmall));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    // 120 rows of 0.001 degrees: the middle latitude is 67.44; a cell there is 42.8 m by 111.5 m (WGS 84).
    const std::string note = "is in geographic coordinates (WGS 84): its magnetic products take each cell as 42.8 m "
                             "east-west by 111.5 m north-south, the cell's size at the grid's middle latitude (67.44 "
                             "degrees; a flat-earth approximation";
    EXPECT_TRUE(contains(run.output, "warning: The survey " + lonlat + " " + note)) << run.output;
    EXPECT_TRUE(contains(readFile(dir + "/report.json"), note));
    EXPECT_TRUE(contains(readFile(dir + "/report.json"), "Analytic-signal amplitude"));
    const CliResult derive =
        runCli({"derive", "--survey", lonlat, "--product", "vd1", "--out", s_dir->file("lonlat-vd1.tif")});
    ASSERT_EQ(derive.exitCode, 0) << derive.output;
    EXPECT_TRUE(contains(derive.output, note)) << derive.output;
    // The model reads the analytic signal beside its features: classifying the grid says the same.
    const CliResult classify = runCli({"classify", "--model", dir + "/model.pt", "--survey", lonlat, "--out",
                                       s_dir->file("lonlat-classify"), "--quiet"});
    ASSERT_EQ(classify.exitCode, 0) << classify.output;
    EXPECT_TRUE(contains(classify.output, "warning: The survey " + lonlat + " " + note)) << classify.output;
    // The local standard deviation's window is in cells: no note.
    const CliResult localStd =
        runCli({"derive", "--survey", lonlat, "--product", "localstd", "--out", s_dir->file("lonlat-localstd.tif")});
    ASSERT_EQ(localStd.exitCode, 0) << localStd.output;
    EXPECT_FALSE(contains(localStd.output, "geographic")) << localStd.output;
}

TEST_F(Cli, HangupCancelsAndKeepsThePreviousResults)
{
    // SIGHUP is what a run gets when its terminal is closed: the same clean cancel as Ctrl-C.
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    const std::string before = readFile(out("report.json"));
    CliResult r = interruptCliWhen({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("run"),
                                    "--seed", "9", "--patch", "20"},
                                   "Training autoencoder", SIGHUP);
    EXPECT_EQ(r.exitCode, 130) << r.output;
    EXPECT_TRUE(contains(r.output, "canceled")) << r.output;
    EXPECT_EQ(readFile(out("report.json")), before);
    for (const auto &e : std::filesystem::directory_iterator(s_dir->file("run")))
        EXPECT_FALSE(contains(e.path().filename().string(), "partial")) << e.path();
}

TEST_F(Cli, NumbersOutOfRangeAreUsageErrorsBeforeAnyWork)
{
    // Each used to wrap around (3000000000 -> -1294967296, 4294967346 -> 50), read as 0, or start thousands of
    // threads.
    struct Case {
        std::vector<std::string> args;
        std::string expect;
    };
    const std::vector<Case> cases = {
        {{"--points", "x.csv", "--negatives", "3000000000"}, "--negatives must be from 0 to"},
        {{"--labels", "l.tif", "--patch", "4294967346"}, "--patch must be from 4 to 512, not 4294967346"},
        {{"--labels", "l.tif", "--band", "4294967297"}, "--band must be from 1 to"},
        {{"--labels", "l.tif", "--filters", "abc"}, "needs a whole number, not 'abc'"},
        {{"--labels", "l.tif", "--filters", "16,8"}, "--filters needs three numbers"},
        {{"--labels", "l.tif", "--filters", "16,8,8,4"}, "--filters needs three numbers"},
        {{"--labels", "l.tif", "--feature-layers", "4"}, "each of --feature-layers"},
        {{"--labels", "l.tif", "--feature-layers", "3,3"}, "--feature-layers names layer 3 twice"},
        {{"--labels", "l.tif", "--threads", "100000"}, "--threads must be from 0 (all cores) to"},
        {{"--labels", "l.tif", "--threads", "-3"}, "--threads must be from 0 (all cores) to"},
        {{"--labels", "l.tif", "--threads", "99999999999999999999"}, "--threads must be from 0 (all cores) to"},
        {{"--labels", "l.tif", "--epochs", "1e3"}, "--epochs needs a whole number, not '1e3'"},
        {{"--labels", "l.tif", "--learning-rate", "inf"}, "--learning-rate needs a finite number"},
        {{"--labels", "l.tif", "--learning-rate", "nan"}, "--learning-rate needs a finite number"},
        {{"--labels", "l.tif", "--seed", "-1"}, "--seed must be from 0 to"},
        {{"--labels", "l.tif", "--learning-rate", "-0.001"}, "--learning-rate must be positive, not -0.001"},
        {{"--labels", "l.tif", "--learning-rate", "0"}, "--learning-rate must be positive, not 0"},
        {{"--labels", "l.tif", "--learning-rate", "1e999"}, "--learning-rate needs a finite number, not '1e999'"},
        {{"--labels", "l.tif", "--patch", "0x10"}, "--patch needs a whole number, not '0x10'"},
        {{"--labels", "l.tif", "--svm-c", "0"}, "--svm-c must be positive or auto, not 0"},
        {{"--labels", "l.tif", "--negative-min-distance", "-5"}, "--negative-min-distance must be 0 or more, not -5"},
        {{"--labels", "l.tif", "--derive", "rtp", "--inclination", "91", "--declination", "0"},
         "--inclination must be from -90 to 90, not 91"},
        {{"--labels", "l.tif", "--mode", "pixel"},
         "--mode must be pixel-features, pixel-samples, patch-features or "
         "patch-samples, not 'pixel'"},
        {{"--labels", "l.tif", "--cv", "leave-one-out"}, "--cv must be random, spatial or both, not 'leave-one-out'"},
        {{"--labels", "l.tif", "--bogus", "1"}, "--bogus"},
        {{"--labels", "l.tif", "--patch"}, "option --patch needs a value"},
    };
    TempDir dir;
    for (const Case &c : cases) {
        const CliResult r = runCli(join({"run", "--survey", survey(), "--out", dir.file("o"), "--quiet"}, c.args));
        EXPECT_EQ(r.exitCode, 2) << r.output;
        EXPECT_TRUE(contains(r.output, c.expect)) << "expected '" << c.expect << "' in: " << r.output;
        EXPECT_FALSE(std::filesystem::exists(dir.file("o"))) << c.expect;
    }
    const CliResult demo = runCli({"demo", "--out", dir.file("d"), "--width", "4294967297", "--quiet"});
    EXPECT_EQ(demo.exitCode, 2) << demo.output;
    EXPECT_TRUE(contains(demo.output, "--width must be from 60 to")) << demo.output;
    // Leading zeros are decimal, not octal (070 would be 56, below the demo's 60 pixels).
    const CliResult decimal = runCli({"demo", "--out", dir.file("d"), "--width", "070", "--height", "072", "--quiet"});
    ASSERT_EQ(decimal.exitCode, 0) << decimal.output;
    EXPECT_TRUE(contains(decimal.output, "Demo survey (70 x 72, seed 1)")) << decimal.output;
}

TEST_F(Cli, HugeLearningRateIsReportedAsDivergedTraining)
{
    // A finite learning rate is the user's to choose; one far too large makes the training diverge, and the run
    // says so (not a label or input problem) and writes nothing.
    TempDir dir;
    const CliResult r = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", dir.file("o"),
                                     "--learning-rate", "1e10", "--cv", "random", "--evaluation", "off"},
                                    kSmall));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "Training of the autoencoder diverged")) << r.output;
    EXPECT_TRUE(contains(r.output, "The learning rate (1e+10) is too large")) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("o/classes.tif")));
}

TEST(CliHelp, EveryCommandsOptionsWithTheirRangesAndDefaults)
{
    const CliResult all = runCli({"--help"});
    EXPECT_EQ(all.exitCode, 0) << all.output;
    for (const char *part : {"Usage: lodestone-cli COMMAND [OPTIONS]", "Usage: lodestone-cli demo --out DIR",
                             "Usage: lodestone-cli run --survey FILE (--labels FILE | --points FILE [options])",
                             "Usage: lodestone-cli classify --model FILE", "Usage: lodestone-cli derive --survey FILE",
                             "Usage: lodestone-cli info FILE [--band B]", "Usage: lodestone-cli grid --lines FILE",
                             "  --patch P                  patch size in pixels (default 50; from 4 to 512)",
                             "  --learning-rate R          Adam learning rate (default 0.001; above 0)", "--tension T",
                             "--window N", "Exit status: 0 on success"})
        EXPECT_TRUE(contains(all.output, part)) << part;
    // A command's help: its own options alone, with what each does; shown whatever else is on the line.
    const CliResult run = runCli({"run", "--patch", "1", "--help"});
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_EQ(run.output.rfind("Usage: lodestone-cli run --survey FILE", 0), 0u) << run.output;
    for (const char *part : {"--negatives N              random non-deposit pixels to add (default 0; from 0 to "
                             "10000000)",
                             "--stream WHEN", "--reuse-features DIR", "Exit status"})
        EXPECT_TRUE(contains(run.output, part)) << part;
    EXPECT_FALSE(contains(run.output, "--product")) << run.output;
    const CliResult none = runCli({});
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_TRUE(contains(none.output, "Commands:")) << none.output;
    const CliResult unknown = runCli({"frobnicate"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(contains(unknown.output, "unknown command 'frobnicate'")) << unknown.output;
}

TEST_F(Cli, SurveyTooLargeForMemorySaysHowMuchItNeeds)
{
    // A virtual raster claiming 200000 x 200000 pixels (no data behind it): 200 GB as floats and a mask.
    TempDir dir;
    const std::string vrt = dir.file("huge.vrt");
    std::ofstream(vrt) << "<VRTDataset rasterXSize=\"200000\" rasterYSize=\"200000\">\n"
                          "  <GeoTransform>500000, 10, 0, 7500000, 0, -10</GeoTransform>\n"
                          "  <VRTRasterBand dataType=\"Float32\" band=\"1\"/>\n"
                          "</VRTDataset>\n";
    const CliResult info = runCli({"info", vrt});
    EXPECT_EQ(info.exitCode, 0) << info.output;
    EXPECT_TRUE(contains(info.output, "size: 200000 x 200000")) << info.output;
    EXPECT_TRUE(contains(info.output, "200.0 GB")) << info.output;
    EXPECT_FALSE(contains(info.output, "bad_alloc")) << info.output;
    const CliResult run = runCli({"run", "--survey", vrt, "--labels", labels(), "--out", dir.file("o"), "--quiet"});
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_TRUE(contains(run.output, "huge.vrt is 200000 x 200000 pixels: holding it in memory takes 200.0 GB"))
        << run.output;
    EXPECT_TRUE(contains(run.output, "smaller window")) << run.output;
    EXPECT_FALSE(contains(run.output, "bad_alloc")) << run.output;
}

TEST_F(Cli, FullDiskWhileWritingTheModelIsAClearErrorAndKeepsThePreviousResults)
{
    // The run of the suite is repeated into a copy of its outputs on a small tmpfs filled so that the new
    // GeoTIFFs fit and model.pt does not. LibTorch's writer used to end the process here (exit 134).
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a tmpfs needs root";
    auto kb = [](const std::string &path) { return (std::filesystem::file_size(path) + 4095) / 4096 * 4; };
    // Everything written before model.pt fits (rasters, styles, statistics, labels_used.gpkg); model.pt does not.
    std::uintmax_t freeKb = 8;
    for (const auto &e : std::filesystem::directory_iterator(s_dir->file("run"))) {
        const std::string name = e.path().filename().string();
        if (name != "model.pt" && name != "report.json" && name != "report.html")
            freeKb += kb(e.path().string());
    }
    ASSERT_GT(kb(out("model.pt")), 12u);
    TempDir dir;
    std::string command = std::string("'") + LODESTONE_CLI + "' run --survey '" + survey() + "' --labels '" + labels() +
                          "' --out \"$D/out\" --seed 5";
    for (const std::string &a : kSmall)
        command += " " + a;
    const std::string script =
        "D='" + dir.file("mnt") + "'; R='" + s_dir->file("run") + "'\n" +
        "mkdir \"$D\" && mount -t tmpfs -o size=8m tmpfs \"$D\" || exit 77\n"
        "mkdir \"$D/out\" && cp \"$R\"/* \"$D/out/\"\n"
        "avail=$(df -k --output=avail \"$D\" | tail -1)\n"
        "dd if=/dev/zero of=\"$D/fill\" bs=1k count=$((avail - " +
        std::to_string(freeKb) + ")) 2>/dev/null\n" + command +
        "\necho \"exit $?\"\n"
        "for f in \"$R\"/*; do cmp -s \"$f\" \"$D/out/$(basename \"$f\")\" || echo \"changed $f\"; "
        "done\nls -A \"$D/out\"\n";
    std::ofstream(dir.file("full.sh")) << script;
    const CliResult r = runShell("unshare -m sh '" + dir.file("full.sh") + "'");
    if (r.exitCode == 77 || !contains(r.output, "exit "))
        GTEST_SKIP() << "cannot mount a tmpfs here: " << r.output;
    EXPECT_TRUE(contains(r.output, "exit 1")) << r.output;
    // The disk fills at model.pt, or a little earlier at labels_used.gpkg (SQLite needs room for its journal
    // while it writes): either way one sentence names the final file, never the staging folder.
    EXPECT_TRUE(
        contains(r.output, "error: Cannot write " + dir.file("mnt") + "/out/model.pt: the disk is full") ||
        contains(r.output, "error: Cannot write " + dir.file("mnt") + "/out/labels_used.gpkg: the disk is full"))
        << r.output;
    EXPECT_FALSE(contains(r.output, "changed")) << r.output;
    EXPECT_FALSE(contains(r.output, "partial")) << r.output;
    EXPECT_FALSE(contains(r.output, "terminate")) << r.output;
}

TEST_F(Cli, AnEnsemblesModelClassifiesWithEveryMember)
{
    const std::string dir = s_dir->file("ensemble-model");
    CliResult r = runCli(
        join(join({"run", "--survey", survey(), "--labels", labels(), "--out", dir, "--seed", "5", "--cv", "random"},
                  kSmall),
             {"--ensemble", "3", "--evaluation", "off"}));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_FALSE(contains(r.output, "holds the first")) << r.output;
    // The same survey through the saved model: the ensemble's mean probability and its spread, as the run made them.
    const std::string again = s_dir->file("ensemble-classified");
    CliResult c = runCli(
        {"classify", "--model", dir + "/model.pt", "--survey", survey(), "--out", again, "--stride", "2", "--quiet"});
    ASSERT_EQ(c.exitCode, 0) << c.output;
    EXPECT_EQ(readRaster(dir + "/probability.tif").data, readRaster(again + "/probability.tif").data);
    EXPECT_EQ(readRaster(dir + "/uncertainty.tif").data, readRaster(again + "/uncertainty.tif").data);
    EXPECT_EQ(readByteRaster(dir + "/classes.tif").data, readByteRaster(again + "/classes.tif").data);
    EXPECT_TRUE(contains(readFile(again + "/report.json"), "\"ensemble\": 3"));
    // One member's map differs from the mean: the other members were applied.
    const std::string single = s_dir->file("ensemble-single");
    CliResult one = runCli(
        join(join({"run", "--survey", survey(), "--labels", labels(), "--out", single, "--seed", "5", "--cv", "random"},
                  kSmall),
             {"--ensemble", "1", "--evaluation", "off"}));
    ASSERT_EQ(one.exitCode, 0) << one.output;
    EXPECT_NE(readRaster(single + "/probability.tif").data, readRaster(again + "/probability.tif").data);
    // Streaming applies one network: an ensemble's model is refused there, with the reason.
    CliResult streamed = runCli({"classify", "--model", dir + "/model.pt", "--survey", survey(), "--out",
                                 s_dir->file("ensemble-streamed"), "--stream", "on"});
    EXPECT_EQ(streamed.exitCode, 2) << streamed.output;
    EXPECT_TRUE(contains(streamed.output, "ensemble")) << streamed.output;
}

TEST_F(Cli, ReuseFeaturesGivesTheFullRunsResultsAndRefusesWhatDiffers)
{
    ASSERT_EQ(s_runExit, 0) << s_runOutput;
    // Other SVM settings than the first run: a full run and a run on the first run's network and features.
    const std::vector<std::string> svm = {"--mode", "patch-features", "--cv", "random", "--per-class", "0"};
    const std::string full = s_dir->file("reuse-full"), fast = s_dir->file("reuse-fast");
    CliResult f = runCli(
        join(join({"run", "--survey", survey(), "--labels", labels(), "--out", full, "--seed", "5"}, kSmall), svm));
    ASSERT_EQ(f.exitCode, 0) << f.output;
    CliResult r = runCli(join(join({"run", "--survey", survey(), "--labels", labels(), "--out", fast, "--seed", "5",
                                    "--reuse-features", s_dir->file("run")},
                                   kSmall),
                              svm));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "Reused the networks and feature rasters of " + s_dir->file("run"))) << r.output;
    const std::vector<uint8_t> classes = readByteRaster(full + "/classes.tif").data;
    EXPECT_EQ(classes, readByteRaster(fast + "/classes.tif").data);
    EXPECT_NE(std::count(classes.begin(), classes.end(), 1), 0);
    EXPECT_EQ(readRaster(full + "/probability.tif").data, readRaster(fast + "/probability.tif").data);
    EXPECT_EQ(readRaster(full + "/features.tif", 3).data, readRaster(fast + "/features.tif", 3).data);
    const std::string report = readFile(fast + "/report.json");
    EXPECT_TRUE(contains(report, "\"features_reused_from\": \"" + s_dir->file("run") + "\"")) << report;
    EXPECT_TRUE(contains(report, "\"reuse_features\"")) << report;
    EXPECT_FALSE(contains(report, "\"train_autoencoder\"")) << report;
    EXPECT_FALSE(contains(readFile(full + "/report.json"), "features_reused_from"));
    // The rasters' provenance and report.html say where the networks came from.
    {
        Dataset ds = openWithGdal(fast + "/probability.tif");
        ASSERT_TRUE(ds);
        EXPECT_EQ(std::string(ds->GetMetadataItem("LODESTONE_NETWORKS")), "reused from " + s_dir->file("run"));
    }
    EXPECT_TRUE(contains(readFile(fast + "/report.html"), "reused from " + s_dir->file("run")));

    // Any network setting, the seed or the ensemble size differing: refused before any work, naming it.
    for (const auto &[option, value, says] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"--epochs", "3", "the epochs (3 here, 2 in "},
             {"--seed", "6", "the seed (6 here, 5 in "},
             {"--filters", "8,4,4", "the filters (8,4,4 here, 6,4,4 in "},
             {"--ensemble", "2", "the ensemble size (2 here, 1 in "}}) {
        std::vector<std::string> args = join({"run", "--survey", survey(), "--labels", labels(), "--out",
                                              s_dir->file("reuse-refused"), "--reuse-features", s_dir->file("run")},
                                             kSmall);
        args.push_back("--seed");
        args.push_back(option == "--seed" ? value : "5");
        if (option != "--seed") {
            args.push_back(option);
            args.push_back(value);
        }
        CliResult refused = runCli(args);
        EXPECT_EQ(refused.exitCode, 1) << option << ": " << refused.output;
        EXPECT_TRUE(contains(refused.output, "cannot be reused: they differ in " + says)) << refused.output;
        EXPECT_FALSE(std::filesystem::exists(s_dir->file("reuse-refused/classes.tif")));
    }
    // A folder without a model: named.
    CliResult none = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("reuse-none"),
                                  "--reuse-features", s_dir->file("demo")},
                                 kSmall));
    EXPECT_EQ(none.exitCode, 1) << none.output;
    EXPECT_TRUE(contains(none.output, s_dir->file("demo/model.pt") + " is missing")) << none.output;
    // Streaming is refused with it.
    CliResult streamed =
        runCli({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("reuse-stream"),
                "--reuse-features", s_dir->file("run"), "--stream", "on", "--quiet"});
    EXPECT_EQ(streamed.exitCode, 2) << streamed.output;
    EXPECT_TRUE(contains(streamed.output, "--reuse-features runs in memory")) << streamed.output;
}

TEST_F(Cli, ReuseFeaturesRefusesAnotherSurveyFileOfTheSameName)
{
    // A first run on a copy of the demo survey, then another survey written under the same name.
    const std::string folder = s_dir->file("same-name");
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(survey(), folder + "/survey.tif");
    const std::vector<std::string> quick = {"--cv", "random", "--evaluation", "off"};
    const std::string first = s_dir->file("same-name-run");
    CliResult a = runCli(join(
        join({"run", "--survey", folder + "/survey.tif", "--labels", labels(), "--out", first, "--seed", "5"}, kSmall),
        quick));
    ASSERT_EQ(a.exitCode, 0) << a.output;
    // The same file again is reused.
    CliResult same = runCli(join(join({"run", "--survey", folder + "/survey.tif", "--labels", labels(), "--out",
                                       s_dir->file("same-name-again"), "--seed", "5", "--reuse-features", first},
                                      kSmall),
                                 quick));
    EXPECT_EQ(same.exitCode, 0) << same.output;
    CliResult other = runCli(
        {"demo", "--out", s_dir->file("other-demo"), "--width", "160", "--height", "120", "--seed", "3", "--quiet"});
    ASSERT_EQ(other.exitCode, 0) << other.output;
    std::filesystem::copy_file(s_dir->file("other-demo/survey.tif"), folder + "/survey.tif",
                               std::filesystem::copy_options::overwrite_existing);
    CliResult refused = runCli(join(join({"run", "--survey", folder + "/survey.tif", "--labels", labels(), "--out",
                                          s_dir->file("same-name-refused"), "--seed", "5", "--reuse-features", first},
                                         kSmall),
                                    quick));
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_TRUE(contains(refused.output, "the survey's values: " + folder + "/survey.tif here is not the survey"))
        << refused.output;
    EXPECT_TRUE(contains(refused.output, "(the same file name, other values)")) << refused.output;
    EXPECT_FALSE(std::filesystem::exists(s_dir->file("same-name-refused/classes.tif")));
}
