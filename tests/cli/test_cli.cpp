// lodestone-cli end to end: demo, run, classify, derive, reproducibility, and a clear message for each bad input.
#include "clirunner.h"
#include "error.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <algorithm>

using namespace lodestone;
using namespace lodestone::test;

namespace {

const std::vector<std::string> kSmall = {"--patch", "20", "--filters", "6,4,4", "--train-patches", "800",
                                         "--epochs", "2", "--stride", "2", "--quiet"};

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

class Cli : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<TempDir>();
        CliResult demo = runCli({"demo", "--out", s_dir->file("demo"), "--width", "160", "--height", "120", "--seed",
                                 "2", "--quiet"});
        ASSERT_EQ(demo.exitCode, 0) << demo.output;
        CliResult run = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("run"),
                                     "--seed", "5"},
                                    kSmall));
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
    for (const char *f : {"classes.tif", "probability.tif", "features.tif", "model.pt", "report.json"})
        EXPECT_TRUE(std::filesystem::exists(out(f))) << f;
    ByteRaster classes = readByteRaster(out("classes.tif"));
    EXPECT_TRUE(classes.grid.sameGrid(s.grid));
    EXPECT_EQ(classes.grid.crsWkt, s.grid.crsWkt);
    int dep = 0;
    for (uint8_t v : classes.data) {
        ASSERT_TRUE(v == 0 || v == 1);  // the demo has no nodata
        dep += v;
    }
    EXPECT_GT(dep, 0);
    EXPECT_LT(dep, int(classes.data.size()));
    Raster prob = readRaster(out("probability.tif"));
    for (std::size_t i = 0; i < prob.data.size(); ++i) {
        ASSERT_GE(prob.data[i], 0.0f);
        ASSERT_LE(prob.data[i], 1.0f);
    }
    RasterInfo features = readRasterInfo(out("features.tif"));
    EXPECT_EQ(features.bandCount, 14);
    EXPECT_EQ(features.bandDescriptions.at(6), "layer2_filter01");

    const std::string report = readFile(out("report.json"));
    for (const char *key : {"\"pixel-features\"", "\"pixel-samples\"", "\"patch-features\"", "\"patch-samples\"",
                            "\"accuracy\"", "\"precision\"", "\"recall\"", "\"f1\"", "\"confusion_matrix\"",
                            "\"loss_per_epoch\"", "\"stage_seconds\"", "\"seed\": 5", "\"deposit\": 14",
                            "\"non_deposit\": 17", "\"libtorch\"", "\"gdal\""})
        EXPECT_TRUE(contains(report, key)) << key;
    EXPECT_TRUE(contains(s_runOutput, "pixel-features"));
    // No temporary staging folder is left behind.
    for (const auto &e : std::filesystem::directory_iterator(s_dir->file("run")))
        EXPECT_NE(e.path().filename().string().rfind(".lodestone-partial", 0), 0u) << e.path();
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
    CliResult again = runCli(join({"run", "--survey", survey(), "--labels", labels(), "--out", s_dir->file("again"),
                                   "--seed", "5"},
                                  kSmall));
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
    EXPECT_TRUE(contains(readFile(s_dir->file("classified/report.json")), "\"kind\": \"model\""));
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
    CliResult r = runCli(join({"run", "--survey", survey(), "--labels", dir.file("few.tif"), "--out",
                               s_dir->file("run")},
                              kSmall));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(contains(r.output, "At least 2 labelled positions")) << r.output;
    EXPECT_EQ(readFile(out("report.json")), before);
}

TEST_F(Cli, StreamedRunGivesTheResultsOfTheRunInMemory)
{
    const std::vector<std::string> dense = {"--patch", "20", "--filters", "6,4,4", "--train-patches", "800",
                                            "--epochs", "2", "--seed", "5", "--quiet", "--survey", survey(),
                                            "--labels", labels()};
    CliResult memory = runCli(join({"run", "--out", s_dir->file("memory"), "--stream", "off"}, dense));
    ASSERT_EQ(memory.exitCode, 0) << memory.output;
    CliResult stream = runCli(join({"run", "--out", s_dir->file("stream"), "--stream", "on", "--strip-rows", "32"}, dense));
    ASSERT_EQ(stream.exitCode, 0) << stream.output;
    for (int b = 1; b <= 14; ++b)
        EXPECT_EQ(readRaster(s_dir->file("memory/features.tif"), b).data,
                  readRaster(s_dir->file("stream/features.tif"), b).data) << "band " << b;
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
        EXPECT_EQ(result.valid, input.valid);  // nodata exactly where the survey has it
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
        EXPECT_LT(lo, hi);  // not a constant
        const std::string name = product;
        if (name == "hgrad" || name == "as" || name == "localstd") {
            EXPECT_GE(lo, 0.0);
        }
        if (name == "tilt") {
            EXPECT_GE(lo, -1.5708);
            EXPECT_LE(hi, 1.5708);
        }
        if (name == "up") {
            EXPECT_LT(spread, inputSpread);  // continuation upward smooths
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
        CliResult r = interruptCliWhen({"run", "--survey", survey(), "--labels", labels(), "--out",
                                        s_dir->file("run"), "--seed", "9", "--stream", stream, "--patch", "20"},
                                       "Training autoencoder...");
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
    writeTestRaster(dir.file("allnodata.tif"), 60, 60, {std::vector<double>(3600, -9999)}, "Float32", 0, 0, 1, 3067, &nd);
    writeTestRaster(dir.file("other-grid.tif"), 50, 40, {std::vector<double>(2000, 2)}, "Byte");
    Raster s = readRaster(survey());
    std::vector<double> badValues(s.data.size(), 2.0);
    badValues[77] = 7;
    writeTestRaster(dir.file("badvalues.tif"), s.width(), s.height(), {badValues}, "Byte", s.grid.geoTransform[0],
                    s.grid.geoTransform[3], s.grid.geoTransform[1], 0);
    std::ofstream(dir.file("far.csv")) << "X,Y\n1,1\n2,2\n";
    std::ofstream(dir.file("model.pt")) << "corrupt";
    std::ofstream(dir.file("afile")) << "x";

    struct Case {
        std::vector<std::string> args;
        std::string expect;
    };
    const std::vector<Case> cases = {
        {{"run", "--survey", dir.file("absent.tif"), "--labels", labels(), "--out", dir.file("o")}, "absent.tif"},
        {{"run", "--survey", text, "--labels", labels(), "--out", dir.file("o")}, "notes.tif is not a raster"},
        {{"run", "--survey", dir.file("allnodata.tif"), "--labels", labels(), "--out", dir.file("o")}, "no valid pixel"},
        {{"run", "--survey", survey(), "--labels", dir.file("other-grid.tif"), "--out", dir.file("o")}, "50 x 40"},
        {{"run", "--survey", survey(), "--labels", dir.file("badvalues.tif"), "--out", dir.file("o")}, "value 7"},
        {{"run", "--survey", survey(), "--points", dir.file("far.csv"), "--out", dir.file("o")}, "far.csv"},
        {{"run", "--survey", survey(), "--labels", labels(), "--out", dir.file("o"), "--patch", "500"}, "larger than"},
        {{"classify", "--model", dir.file("model.pt"), "--survey", survey(), "--out", dir.file("o")}, "model.pt"},
        {{"run", "--survey", survey(), "--labels", labels(), "--out", dir.file("afile") + "/sub", "--train-patches",
          "50", "--epochs", "1", "--patch", "20", "--stride", "10"},
         "afile"},
    };
    for (const Case &c : cases) {
        CliResult r = runCli(join(c.args, {"--quiet"}));
        EXPECT_EQ(r.exitCode, 1) << r.output;
        EXPECT_TRUE(contains(r.output, c.expect)) << "expected '" << c.expect << "' in: " << r.output;
        EXPECT_TRUE(contains(r.output, "error")) << r.output;
    }
    CliResult usage = runCli({"run", "--survey", survey()});
    EXPECT_EQ(usage.exitCode, 2);
    EXPECT_TRUE(contains(usage.output, "--out")) << usage.output;
}

TEST(CliKolari, RealSurveyWithOccurrencePoints)
{
    const std::string grid = sharedData("kolari-iocg/kolari_mag_anomaly_100m.tif");
    const std::string points = sharedData("kolari-iocg/kolari_occurrences.shp");
    if (grid.empty() || points.empty())
        GTEST_SKIP() << "../shared/data is absent";
    TempDir dir;
    CliResult r = runCli({"run", "--survey", grid, "--points", points, "--negatives", "17", "--negative-min-distance",
                          "3000", "--out", dir.path(), "--stride", "5", "--train-patches", "3000", "--epochs", "2",
                          "--seed", "1", "--quiet"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "9 of the 26")) << r.output;  // points outside the grid, skipped with a warning
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
