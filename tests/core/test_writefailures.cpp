// Write failures: a full disk (injected by pointing the temporary file at /dev/full, which fails every write with
// ENOSPC) or a file-size limit is an Error naming the final file, never an abort, and the earlier file survives.
#include "atomicfile.h"
#include "autoencoder.h"
#include "error.h"
#include "patches.h"
#include "pipeline.h"
#include "raster.h"
#include "reportschema.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace lodestone;

namespace {

std::string contentOf(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/** Makes the temporary file of path a link to /dev/full: every write to it fails with ENOSPC. */
void fullDiskFor(const std::string &path)
{
    ASSERT_EQ(::symlink("/dev/full", temporaryPathFor(path).c_str()), 0);
}

/** What fn throws, as an Error; fails the test when it throws nothing or something else. */
template <class F>
Error errorOf(F fn)
{
    try {
        fn();
    } catch (const Error &e) {
        return e;
    } catch (const std::exception &e) {
        ADD_FAILURE() << "threw a non-Error: " << e.what();
        return Error(ErrorCode::Internal, e.what());
    }
    ADD_FAILURE() << "threw nothing";
    return Error(ErrorCode::Internal, "");
}

void expectFullDiskMessage(const Error &e, const std::string &finalPath)
{
    EXPECT_EQ(e.code(), ErrorCode::WriteFailed) << e.what();
    EXPECT_TRUE(contains(e.what(), "Cannot write " + finalPath + ":")) << e.what();
    EXPECT_TRUE(contains(e.what(), "disk is full")) << e.what();
    EXPECT_FALSE(contains(e.what(), "partial")) << e.what();
}

Autoencoder smallModel()
{
    AutoencoderParams p;
    p.patchSize = 16;
    p.filters = {4, 4, 4};
    p.trainPatches = 16;
    p.epochs = 1;
    return Autoencoder(p, 3);
}

GridSpec smallGrid()
{
    GridSpec g;
    g.width = 300;
    g.height = 200;
    g.geoTransform = {500000, 10, 0, 7500000, 0, -10};
    g.hasGeoTransform = true;
    return g;
}

} // namespace

TEST(WriteFailures, FinalPathOfNamesTheFileTheUserWillSee)
{
    EXPECT_EQ(finalPathOf("/out/.model.partial.pt"), "/out/model.pt");
    EXPECT_EQ(finalPathOf("/out/.lodestone-partial-42/model.pt"), "/out/model.pt");
    EXPECT_EQ(finalPathOf("/out/.lodestone-partial-42/.report.partial.json"), "/out/report.json");
    EXPECT_EQ(finalPathOf("/out/.lodestone-partial-42"), "/out/.lodestone-partial-42");
    EXPECT_EQ(finalPathOf("/out/classes.tif"), "/out/classes.tif");
    EXPECT_EQ(finalPathOf("/out/.hidden.tif"), "/out/.hidden.tif");
}

TEST(WriteFailures, FullDiskWhileSavingTheModelIsAnErrorAndKeepsTheEarlierModel)
{
    test::TempDir dir;
    const std::string path = dir.file("model.pt");
    Autoencoder model = smallModel();
    model.save(path, {{"classifier", "earlier"}});
    const std::string before = contentOf(path);
    fullDiskFor(path);
    // LibTorch's own file writer throws from its destructor here, which ends the process (std::terminate).
    expectFullDiskMessage(errorOf([&] { model.save(path, {{"classifier", std::string(100000, 'x')}}); }), path);
    EXPECT_EQ(contentOf(path), before);
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(temporaryPathFor(path))));
}

TEST(WriteFailures, ModelInAStagingFolderIsNamedByItsFinalPath)
{
    test::TempDir dir;
    const std::string staging = dir.file(".lodestone-partial-7");
    std::filesystem::create_directory(staging);
    const std::string path = staging + "/model.pt";
    fullDiskFor(path);
    expectFullDiskMessage(errorOf([&] { smallModel().save(path, {}); }), dir.file("model.pt"));
}

TEST(WriteFailures, FullDiskWhileWritingTextIsAnErrorAndKeepsTheEarlierFile)
{
    test::TempDir dir;
    const std::string path = dir.file("report.json");
    writeTextFileAtomically(path, "{\"earlier\": true}\n");
    fullDiskFor(path);
    expectFullDiskMessage(errorOf([&] { writeTextFileAtomically(path, std::string(1 << 20, ' ')); }), path);
    EXPECT_EQ(contentOf(path), "{\"earlier\": true}\n");
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(temporaryPathFor(path))));
}

TEST(WriteFailures, FullDiskWhileWritingAGeoTiffIsAnErrorAndKeepsTheEarlierFile)
{
    test::TempDir dir;
    const std::string path = dir.file("probability.tif");
    const GridSpec grid = smallGrid();
    std::vector<float> values(grid.pixelCount());
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = float((i * 2654435761u) % 1000) / 7.0f;  // incompressible enough to need many blocks
    writeFloatGeoTiff(path, grid, {values.data()});
    const std::string before = contentOf(path);
    fullDiskFor(path);
    expectFullDiskMessage(errorOf([&] { writeFloatGeoTiff(path, grid, {values.data(), values.data()}); }), path);
    EXPECT_EQ(contentOf(path), before);
}

TEST(WriteFailures, FileSizeLimitIsAnErrorNamingTheFinalFile)
{
    // A file-size limit (ulimit -f) fails writes with EFBIG once SIGXFSZ is ignored, as lodestone-cli does.
    test::TempDir dir;
    const std::string staging = dir.file(".lodestone-partial-9");
    std::filesystem::create_directory(staging);
    const GridSpec grid = smallGrid();
    std::vector<float> values(grid.pixelCount());
    std::uint64_t state = 12345;
    for (float &v : values) {  // random bits: incompressible
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        v = float(state >> 40) / 1000.0f;
    }
    struct rlimit old {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    auto *previous = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limited = old;
    limited.rlim_cur = 64 * 1024;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const Error tif = errorOf([&] { writeFloatGeoTiff(staging + "/features.tif", grid, {values.data()}); });
    const Error text = errorOf([&] { writeTextFileAtomically(staging + "/report.json", std::string(200000, ' ')); });
    const Error model = errorOf([&] { smallModel().save(staging + "/model.pt", {{"x", std::string(200000, 'x')}}); });
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous);
    for (const auto &[e, name] : {std::pair{tif, "features.tif"}, {text, "report.json"}, {model, "model.pt"}}) {
        SCOPED_TRACE(name);
        EXPECT_EQ(e.code(), ErrorCode::WriteFailed) << e.what();
        EXPECT_TRUE(contains(e.what(), "Cannot write " + dir.file(name) + ":")) << e.what();
        EXPECT_FALSE(contains(e.what(), "partial")) << e.what();
    }
    EXPECT_TRUE(std::filesystem::is_empty(staging));
}

TEST(Divergence, TooLargeALearningRateIsReportedAsDivergedTraining)
{
    // It used to run on with NaN weights, so that every feature was NaN and the SVM reported "0 deposit and 0
    // non-deposit" positions, blaming the labels.
    AutoencoderParams p;
    p.patchSize = 16;
    p.filters = {4, 4, 4};
    p.trainPatches = 64;
    p.epochs = 3;
    p.learningRate = 1e10;
    NormalizedImage img;
    img.width = img.height = 40;
    img.data.resize(1600);
    for (std::size_t i = 0; i < img.data.size(); ++i)
        img.data[i] = float(i % 40) / 40.0f + float(i / 40) / 80.0f;
    std::vector<uint8_t> valid(img.data.size(), 1);
    Autoencoder model(p, 1);
    const Error e = errorOf([&] { model.train(img, sampleValidPixels(valid, 64, 1), nullptr); });
    EXPECT_EQ(e.code(), ErrorCode::BadParameter) << e.what();
    EXPECT_TRUE(contains(e.what(), "diverged")) << e.what();
    EXPECT_TRUE(contains(e.what(), "learning rate (1e+10)")) << e.what();
    p.learningRate = std::numeric_limits<double>::infinity();
    EXPECT_THROW(Autoencoder(p, 1).train(img, sampleValidPixels(valid, 64, 1), nullptr), Error);
}

TEST(ReportText, BytesThatAreNotUtf8BecomeReplacementCharacters)
{
    // A Latin-1 file name used to go raw into report.json, which was then not valid JSON text. Each maximal
    // ill-formed subsequence becomes one U+FFFD (the Unicode Standard's recommended practice, 3.9).
    const std::string fffd = "\xef\xbf\xbd";
    EXPECT_EQ(jsonString("/data/caf\xe9/survey.tif"), "\"/data/caf" + fffd + "/survey.tif\"");
    EXPECT_EQ(jsonString("/data/caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x97\xba"),
              "\"/data/caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x97\xba\"");  // well-formed UTF-8 is kept
    EXPECT_EQ(jsonString("a\xe2\x82"), "\"a" + fffd + "\"");                     // truncated sequence
    EXPECT_EQ(jsonString("\xed\xa0\x80"), "\"" + fffd + fffd + fffd + "\"");   // a surrogate
    EXPECT_EQ(jsonString("\xc0\xaf"), "\"" + fffd + fffd + "\"");               // an overlong '/'
    EXPECT_EQ(jsonString("q\"\\\n\x01"), "\"q\\\"\\\\\\n\\u0001\"");

    // The whole report stays valid JSON text and reads back.
    PipelineResult r;
    r.deposits = 3;
    RunContext c;
    c.surveyPath = "/data/caf\xe9/survey.tif";
    c.labelsPath = "/data/\xff\xfe.gpkg";
    const std::string json = pipelineReportJson(r, PipelineParams(), c);
    EXPECT_NE(json.find("\"path\": \"/data/caf" + fffd + "/survey.tif\""), std::string::npos) << json;
    PipelineResult back;
    readPipelineReport(json, back);
    EXPECT_EQ(back.deposits, 3u);
}

TEST(WriteFailures, StagingFoldersOfKilledRunsAreRemovedByTheNextRun)
{
    // A run killed while writing leaves its hidden staging folder; the next run into the folder removes it,
    // but never the staging folder of a run that is still going.
    test::TempDir dir;
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ASSERT_GT(child, 0);
    ::waitpid(child, nullptr, 0);  // child's pid now belongs to no process
    const std::string dead = dir.file(".lodestone-partial-" + std::to_string(child));
    const std::string alive = dir.file(".lodestone-partial-1");  // init: always running
    for (const std::string &d : {dead, alive}) {
        std::filesystem::create_directory(d);
        std::ofstream(d + "/features.tif") << "half a file";
    }
    {
        OutputStaging staging(dir.path());
        writeTextFileAtomically(staging.path("report.json"), "{}\n");
        staging.commit();
    }
    EXPECT_FALSE(std::filesystem::exists(dead));
    EXPECT_TRUE(std::filesystem::exists(alive + "/features.tif"));
    EXPECT_TRUE(std::filesystem::exists(dir.file("report.json")));
}

TEST(ModelFiles, InvalidNormalisationIsRefusedNamingTheField)
{
    // A NaN offset or a zero or infinite scale used to be accepted, and classify wrote an all-nodata map.
    test::TempDir dir;
    struct Case {
        double offset, scale;
        const char *field;
    };
    for (const Case &c : {Case{std::nan(""), 0.01, "normalisation offset"}, Case{1.0, 0.0, "normalisation scale"},
                          Case{1.0, std::numeric_limits<double>::infinity(), "normalisation scale"},
                          Case{1.0, -2.0, "normalisation scale"}}) {
        SCOPED_TRACE(c.field);
        Autoencoder model = smallModel();
        model.setNormalization(c.offset, c.scale);
        const std::string path = dir.file("model.pt");
        model.save(path, {});
        const Error e = errorOf([&] { Autoencoder::load(path); });
        EXPECT_EQ(e.code(), ErrorCode::BadModel) << e.what();
        EXPECT_TRUE(contains(e.what(), path + " holds an invalid " + c.field)) << e.what();
    }
    Autoencoder good = smallModel();
    good.setNormalization(-3.0, 0.5);
    good.save(dir.file("good.pt"), {});
    EXPECT_DOUBLE_EQ(Autoencoder::load(dir.file("good.pt")).normalizationScales().at(0), 0.5);
}
