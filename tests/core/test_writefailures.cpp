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

#include <algorithm>
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
template <class F> Error errorOf(F fn)
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
        values[i] = float((i * 2654435761u) % 1000) / 7.0f; // incompressible enough to need many blocks
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
    for (float &v : values) { // random bits: incompressible
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
              "\"/data/caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x97\xba\"");        // well-formed UTF-8 is kept
    EXPECT_EQ(jsonString("a\xe2\x82"), "\"a" + fffd + "\"");                 // truncated sequence
    EXPECT_EQ(jsonString("\xed\xa0\x80"), "\"" + fffd + fffd + fffd + "\""); // a surrogate
    EXPECT_EQ(jsonString("\xc0\xaf"), "\"" + fffd + fffd + "\"");            // an overlong '/'
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
    ::waitpid(child, nullptr, 0); // child's pid now belongs to no process
    const std::string dead = dir.file(".lodestone-partial-" + std::to_string(child));
    const std::string alive = dir.file(".lodestone-partial-1"); // init: always running
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

namespace {

std::string fileText(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return in ? s.str() : std::string("<missing>");
}

/** Files of a result folder, and their contents, as one string (hidden files too). */
std::string folderState(const std::string &folder)
{
    std::vector<std::string> names;
    for (const auto &e : std::filesystem::directory_iterator(folder))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string s;
    for (const std::string &n : names)
        s +=
            n + "=" + (std::filesystem::is_directory(folder + "/" + n) ? "<folder>" : fileText(folder + "/" + n)) + ";";
    return s;
}

} // namespace

TEST(OutputCommit, AKillAtAnyStepLeavesTheOldSetOrCompletesTheNewOne)
{
    // The old run wrote classes.tif, probability.tif, features.qml, uncertainty.tif and report.json; the new one
    // writes classes.tif, probability.tif, labels_used.gpkg and report.json, and removes the old features.qml and
    // uncertainty.tif. A kill before the journal must leave the old set, a kill after it a journal that the next
    // reader carries out to the whole new set: never a mix.
    test::TempDir dir;
    const std::vector<std::string> oldFiles = {"classes.tif", "probability.tif", "features.qml", "uncertainty.tif",
                                               "report.json"};
    const std::vector<std::string> newFiles = {"classes.tif", "labels_used.gpkg", "probability.tif", "report.json"};
    std::string oldState, newState;
    int steps = 0;
    for (int kill = 0;; ++kill) {
        std::filesystem::remove_all(dir.path());
        std::filesystem::create_directories(dir.path());
        for (const std::string &f : oldFiles)
            std::ofstream(dir.file(f)) << "old " << f;
        if (oldState.empty())
            oldState = folderState(dir.path());
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            static int killAt;
            killAt = kill;
            OutputStaging::faultHook = [](int step) {
                if (step == killAt)
                    ::raise(SIGKILL);
            };
            int code = 0;
            try {
                OutputStaging staging(dir.path());
                for (const std::string &f : newFiles)
                    std::ofstream(staging.path(f)) << "new " << f;
                staging.commit({"features.qml", "uncertainty.tif", "labels_used.gpkg"});
            } catch (...) {
                code = 3;
            }
            ::_exit(code);
        }
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        if (WIFEXITED(status)) {
            ASSERT_EQ(WEXITSTATUS(status), 0);
            newState = folderState(dir.path()); // the commit ran to its end
            steps = kill;
            break;
        }
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "kill at step " << kill;
        const bool journalled = std::filesystem::exists(dir.file(".lodestone-commit"));
        EXPECT_EQ(journalled, kill > 0) << "kill at step " << kill;
        EXPECT_EQ(completeInterruptedCommit(dir.path()), journalled) << "kill at step " << kill;
        const std::string after = folderState(dir.path());
        if (journalled) {
            EXPECT_EQ(after, "classes.tif=new classes.tif;labels_used.gpkg=new labels_used.gpkg;"
                             "probability.tif=new probability.tif;report.json=new report.json;")
                << "kill at step " << kill;
        } else {
            // the old set, beside the killed run's staging folder that the next run removes
            EXPECT_EQ(after.substr(after.find(";") + 1), oldState) << "kill at step " << kill;
        }
    }
    // journal, four moves, two removals (labels_used.gpkg is staged, so it is moved, not removed), journal deleted
    EXPECT_EQ(steps, 8);
    EXPECT_EQ(newState, "classes.tif=new classes.tif;labels_used.gpkg=new labels_used.gpkg;"
                        "probability.tif=new probability.tif;report.json=new report.json;");
}

TEST(OutputCommit, AnInterruptedCommitIsCompletedByTheNextRunAndByReuse)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir.file(".lodestone-partial-999999999"));
    std::ofstream(dir.file(".lodestone-partial-999999999/report.json")) << "new";
    std::ofstream(dir.file("report.json")) << "old";
    std::ofstream(dir.file(".lodestone-commit"))
        << "lodestone-commit 1\npid 999999999\nstaging .lodestone-partial-999999999\n"
           "move report.json\nend\n";
    {
        OutputStaging staging(dir.path()); // a new run into the folder carries the old commit out first
        EXPECT_EQ(fileText(dir.file("report.json")), "new");
        EXPECT_FALSE(std::filesystem::exists(dir.file(".lodestone-commit")));
        EXPECT_FALSE(std::filesystem::exists(dir.file(".lodestone-partial-999999999")));
    }
    std::ofstream(dir.file(".lodestone-commit")) << "lodestone-commit 1\npid 1\nstaging ../elsewhere\nend\n";
    try {
        completeInterruptedCommit(dir.path());
        ADD_FAILURE() << "a journal naming a file outside the folder was carried out";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find(dir.file(".lodestone-commit")), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("names no file of the folder"), std::string::npos) << e.what();
    }
    // a journal of a running process (init) is that process's: left alone
    std::ofstream(dir.file(".lodestone-commit")) << "lodestone-commit 1\npid 1\nstaging .lodestone-partial-1\nend\n";
    EXPECT_FALSE(completeInterruptedCommit(dir.path()));
    EXPECT_TRUE(std::filesystem::exists(dir.file(".lodestone-commit")));
}
