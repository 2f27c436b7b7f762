// Every file reader against damaged files: seeded mutations (bit flips, truncations, overwritten and repeated runs
// of bytes) of small valid files; the readers of report.json and project files also against valid JSON whose
// values are replaced by values of other types and out of range. Each case must either read (a mutation may leave
// the file valid) or end in a lodestone::Error whose message names the file; never another exception, a crash, an
// abort or a hang (a watchdog ends the process naming the case after 20 s).
#include "error.h"
#include "gridding.h"
#include "labels.h"
#include "layers.h"
#include "pipeline.h"
#include "projectschema.h"
#include "raster.h"
#include "reportschema.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <lzma.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <typeinfo>

#include <unistd.h>

using namespace lodestone;
using lodestone::test::TempDir;

namespace {

constexpr int kCases = 300;

std::string readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeBytes(const std::string &path, const std::string &bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
}

char g_case[512];

extern "C" void onWatchdog(int)
{
    const char text[] = "fuzz case hung for 20 s: ";
    (void)!write(2, text, sizeof text - 1);
    (void)!write(2, g_case, strnlen(g_case, sizeof g_case));
    (void)!write(2, "\n", 1);
    _exit(3);
}

/** One damaged copy of bytes: the kind of damage cycles with the case number, its place and size are drawn. */
std::string mutate(const std::string &bytes, int n, std::mt19937_64 &rng)
{
    std::string m = bytes;
    auto at = [&](std::size_t size) { return std::size_t(rng() % std::max<std::size_t>(size, 1)); };
    switch (n % 5) {
    case 0: // a few flipped bits
        for (int i = 0, count = 1 + int(rng() % 8); i < count && !m.empty(); ++i)
            m[at(m.size())] ^= char(1u << (rng() % 8));
        break;
    case 1: // truncated
        m.resize(at(m.size()));
        break;
    case 2: { // a run overwritten with random bytes
        const std::size_t from = at(m.size()), len = std::min<std::size_t>(1 + rng() % 64, m.size() - from);
        for (std::size_t i = 0; i < len; ++i)
            m[from + i] = char(rng());
        break;
    }
    case 3: { // a run overwritten with one of the values that break sizes and offsets
        static const unsigned char values[] = {0x00, 0xff, 0x7f, 0x80};
        const std::size_t from = at(m.size()), len = std::min<std::size_t>(1 + rng() % 8, m.size() - from);
        const unsigned char v = values[rng() % 4];
        for (std::size_t i = 0; i < len; ++i)
            m[from + i] = char(v);
        break;
    }
    default: { // a run repeated in place
        const std::size_t from = at(m.size()), len = std::min<std::size_t>(1 + rng() % 256, m.size() - from);
        m.insert(from, m.substr(from, len));
        break;
    }
    }
    return m;
}

/** Mutation fuzzing of one reader. seed is the valid file (read once to check it); companions are files that
 *  belong with it (a Shapefile's .shx, .dbf and .prj), copied beside every case under its name. damaged is the
 *  extension of the file that is damaged (the seed's own when empty). */
void fuzzReader(const std::string &label, const std::string &seedPath,
                const std::function<void(const std::string &)> &read, std::uint64_t seed,
                const std::vector<std::string> &companions = {}, const std::string &damaged = {})
{
    SCOPED_TRACE(label);
    ASSERT_NO_THROW(read(seedPath)) << "the seed file must read";
    const std::filesystem::path seedFile(seedPath);
    const std::string stem = seedFile.stem().string();
    // Extensions: the whole of the name after its stem (e.g. ".csv.xz").
    const std::string ext = seedFile.filename().string().substr(stem.size());
    const std::string target = damaged.empty() ? ext : damaged;
    const std::string bytes = readBytes(seedFile.parent_path() / (stem + target));
    TempDir dir;
    std::mt19937_64 rng(seed);
    std::signal(SIGALRM, onWatchdog);
    int errors = 0, read_ok = 0;
    for (int n = 0; n < kCases; ++n) {
        const std::string name = "case" + std::to_string(n) + "-" + label;
        const std::string path = dir.file(name + ext);
        for (const std::string &c : companions)
            std::filesystem::copy_file(seedFile.parent_path() / (stem + c), dir.file(name + c),
                                       std::filesystem::copy_options::overwrite_existing);
        writeBytes(dir.file(name + target), mutate(bytes, n, rng));
        std::snprintf(g_case, sizeof g_case, "%s case %d (%s)", label.c_str(), n, path.c_str());
        alarm(20);
        try {
            read(path);
            ++read_ok;
        } catch (const Error &e) {
            ++errors;
            const std::string what = e.what();
            EXPECT_NE(what.find(name), std::string::npos)
                << "case " << n << ": the message does not name the file: " << what;
        } catch (const std::exception &e) {
            ADD_FAILURE() << "case " << n << ": " << typeid(e).name() << ": " << e.what();
        } catch (...) {
            ADD_FAILURE() << "case " << n << ": an exception of unknown type";
        }
        alarm(0);
        std::error_code ec;
        for (const auto &f : std::filesystem::directory_iterator(dir.path(), ec))
            std::filesystem::remove_all(f.path(), ec);
    }
    std::signal(SIGALRM, SIG_DFL);
    // Text formats often survive a mutation (a changed digit is another number, a broken row is skipped).
    ::testing::Test::RecordProperty(label + "_errors", errors);
    ::testing::Test::RecordProperty(label + "_read", read_ok);
    EXPECT_EQ(errors + read_ok, kCases);
}

/** A 40 x 30 survey on a UTM grid (EPSG:3067) with a nodata block, the grid of the label and layer rasters. */
Raster fuzzSurvey()
{
    Raster s;
    s.grid.width = 40;
    s.grid.height = 30;
    s.grid.hasGeoTransform = true;
    const double gt[6] = {500000, 100, 0, 7500000, 0, -100};
    std::copy(gt, gt + 6, s.grid.geoTransform.begin());
    s.grid.crsWkt = test::wktOf(3067);
    s.data.resize(s.grid.pixelCount());
    s.valid.assign(s.grid.pixelCount(), 1);
    for (std::size_t i = 0; i < s.data.size(); ++i)
        s.data[i] = float(std::sin(double(i) * 0.1) * 50);
    return s;
}

/** Points in the survey's area, written with OGR to driver's format. */
void writePointsWithOgr(const std::string &path, const char *driver)
{
    GDALAllRegister();
    GDALDriver *drv = GetGDALDriverManager()->GetDriverByName(driver);
    ASSERT_NE(drv, nullptr);
    GDALDataset *ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRSpatialReference srs;
    srs.importFromEPSG(3067);
    OGRLayer *layer = ds->CreateLayer("occurrences", &srs, wkbPoint, nullptr);
    ASSERT_NE(layer, nullptr);
    OGRFieldDefn name("name", OFTString);
    layer->CreateField(&name);
    for (int i = 0; i < 6; ++i) {
        OGRFeature *f = OGRFeature::CreateFeature(layer->GetLayerDefn());
        f->SetField("name", ("occurrence " + std::to_string(i)).c_str());
        OGRPoint p(500000 + 250 + 500 * i, 7500000 - 250 - 400 * i);
        f->SetGeometry(&p);
        EXPECT_EQ(layer->CreateFeature(f), OGRERR_NONE);
        OGRFeature::DestroyFeature(f);
    }
    GDALClose(ds);
}

std::string pointsCsv()
{
    std::ostringstream s;
    s << "name,X,Y\n";
    for (int i = 0; i < 6; ++i)
        s << "occurrence " << i << "," << 500000 + 250 + 500 * i << "," << 7500000 - 250 - 400 * i << "\n";
    return s.str();
}

std::string lineCsv(char sep)
{
    std::ostringstream s;
    s.precision(10);
    s << "line" << sep << "X" << sep << "Y" << sep << "tfa\n";
    for (int l = 0; l < 8; ++l)
        for (int k = 0; k < 30; ++k)
            s << 100 + l << sep << 500000 + 13.0 * k << sep << 7500000 - 50.0 * l << sep << std::sin(k * 0.2) * 40 + l
              << "\n";
    return s.str();
}

std::string xz(const std::string &text)
{
    std::string out(lzma_stream_buffer_bound(text.size()), '\0');
    std::size_t used = 0;
    if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t *>(text.data()),
                                text.size(), reinterpret_cast<uint8_t *>(out.data()), &used, out.size()) != LZMA_OK)
        throw std::runtime_error("xz");
    out.resize(used);
    return out;
}

} // namespace

TEST(Fuzz, LabelRasters)
{
    const Raster survey = fuzzSurvey();
    TempDir dir;
    std::vector<double> v(survey.grid.pixelCount());
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = i % 17 == 0 ? 1 : (i % 13 == 0 ? 0 : 2);
    const double nodata = 255;
    test::writeTestRaster(dir.file("labels.tif"), 40, 30, {v}, "Byte", 500000, 7500000, 100, 3067, &nodata);
    fuzzReader(
        "labels", dir.file("labels.tif"), [&](const std::string &p) { readLabelRaster(p, survey); }, 1);
}

TEST(Fuzz, LayerRasters)
{
    const Raster survey = fuzzSurvey();
    TempDir dir;
    std::vector<double> v(survey.grid.pixelCount());
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = std::cos(double(i) * 0.05) * 10;
    const double nodata = -9999;
    test::writeTestRaster(dir.file("gravity.tif"), 40, 30, {v}, "Float32", 500000, 7500000, 100, 3067, &nodata);
    fuzzReader(
        "layer", dir.file("gravity.tif"), [&](const std::string &p) { loadLayers(survey, {fileLayer(p)}); }, 2);
    // On another grid: the warper reads it.
    test::writeTestRaster(dir.file("coarse.tif"), 20, 15, {std::vector<double>(v.begin(), v.begin() + 300)}, "Float32",
                          500000, 7500000, 200, 3067, &nodata);
    fuzzReader(
        "coarse", dir.file("coarse.tif"), [&](const std::string &p) { loadLayers(survey, {fileLayer(p)}); }, 3);
}

TEST(Fuzz, PointFiles)
{
    const Raster survey = fuzzSurvey();
    TempDir dir;
    const auto read = [&](const std::string &p) { labelsFromPoints(readPoints(p), survey, OutsidePolicy::Skip); };
    writeBytes(dir.file("points.csv"), pointsCsv());
    fuzzReader("csv", dir.file("points.csv"), read, 4);
    writePointsWithOgr(dir.file("points.geojson"), "GeoJSON");
    fuzzReader("geojson", dir.file("points.geojson"), read, 5);
    writePointsWithOgr(dir.file("points.gpkg"), "GPKG");
    fuzzReader("gpkg", dir.file("points.gpkg"), read, 6);
    writePointsWithOgr(dir.file("points.shp"), "ESRI Shapefile");
    fuzzReader("shp", dir.file("points.shp"), read, 7, {".shx", ".dbf", ".prj"});
    fuzzReader("shx", dir.file("points.shp"), read, 8, {".shp", ".dbf", ".prj"}, ".shx");
    fuzzReader("dbf", dir.file("points.shp"), read, 9, {".shp", ".shx", ".prj"}, ".dbf");
    fuzzReader("prj", dir.file("points.shp"), read, 10, {".shp", ".shx", ".dbf"}, ".prj");
}

TEST(Fuzz, LineData)
{
    TempDir dir;
    LineReadOptions options;
    options.valueColumn = "tfa";
    options.crs = "EPSG:3067";
    const auto read = [&](const std::string &p) { readLineData(p, options); };
    writeBytes(dir.file("lines.csv"), lineCsv(','));
    fuzzReader("linecsv", dir.file("lines.csv"), read, 11);
    writeBytes(dir.file("lines.xyz"), lineCsv(' '));
    fuzzReader("linexyz", dir.file("lines.xyz"), read, 12);
    writeBytes(dir.file("lines.csv.xz"), xz(lineCsv(',')));
    fuzzReader("linexz", dir.file("lines.csv.xz"), read, 13);
}

TEST(Fuzz, ModelFiles)
{
    // A small model from a short run on a demo-like survey, with its classifier and settings.
    const Raster survey = fuzzSurvey();
    LabelImage labels = emptyLabels(survey.grid);
    for (int i : {45, 300, 610, 900})
        labels.values[std::size_t(i)] = LabelDeposit;
    for (int i : {120, 470, 755, 1010, 1150})
        labels.values[std::size_t(i)] = LabelNonDeposit;
    PipelineParams params;
    params.ensemble = 1;
    params.background = 0;
    params.evaluate = false;
    params.autoencoder.patchSize = 8;
    params.autoencoder.filters = {4, 2, 2};
    params.autoencoder.trainPatches = 64;
    params.autoencoder.epochs = 1;
    params.experiments.patchResize = 4;
    params.cvModes = {SvmMode::PixelFeatures};
    params.cvSchemes = {CvScheme::Random};
    params.threads = 1;
    TempDir dir;
    const PipelineResult run = runPipeline(survey, labels, params, nullptr);
    writePipelineOutputs(run, params, RunContext{}, dir.file("run"), nullptr);
    fuzzReader(
        "model", dir.file("run/model.pt"), [&](const std::string &p) { loadModel(p, survey); }, 14);
}

namespace {

/** A report of a run with both cross-validation schemes, an evaluation and warnings. */
std::string sampleReport()
{
    PipelineResult r;
    r.deposits = 14;
    r.nonDeposits = 17;
    r.history.epochLoss = {0.05, 0.03};
    r.stageSeconds = {{"train_autoencoder", 12.5}, {"classification", 0.5}};
    ModeResult m;
    m.accuracy = 0.75;
    m.auc = 0.8;
    m.folds = 5;
    m.positions = 24;
    m.tested = 24;
    m.foldAccuracy = {0.5, 1.0};
    m.confusion = {10, 2, 3, 9};
    r.crossValidation = {m};
    m.scheme = CvScheme::Spatial;
    m.groups = 6;
    r.spatialCrossValidation = {m};
    r.evaluation.validationUsed = 3;
    ScoreEvaluation row;
    row.name = "model";
    row.isModel = true;
    row.success.occurrences = row.heldOut.occurrences = row.prediction.occurrences = 3;
    row.success.area = row.heldOut.area = row.prediction.area = {0.0, 0.5, 1.0};
    row.success.captured = row.heldOut.captured = row.prediction.captured = {0.0, 2.0 / 3.0, 1.0};
    r.evaluation.rows = {row};
    r.evaluation.notes = {"A note."};
    r.warnings = {"A warning."};
    return pipelineReportJson(r, PipelineParams(), RunContext());
}

/** A project with every part: paths, both trainings with input layers, exports, the view and a user layer. */
std::string sampleProject()
{
    ProjectDocument d;
    d.survey = {"survey.tif", "/data/survey.tif"};
    d.labels = {"labels.tif", "/data/labels.tif"};
    d.training.layers = derivedLayers("as,up500");
    d.training.layers.push_back(fileLayer("/data/gravity.tif", 2));
    d.training.svmInputs = {"as"};
    d.resultsFolder = {"results", "/data/results"};
    d.hasResultTraining = true;
    d.resultTraining = d.training;
    d.exports["ReportCsv"] = {"report.csv", "/data/report.csv"};
    d.hasExtent = true;
    d.extent = {500000, 7500000, 504000, 7497000};
    d.hasStyle = true;
    d.features = {0, 3};
    ProjectUserLayer user;
    user.name = "tilt";
    user.origin = derivedLayers("tilt").front();
    d.userLayers = {user};
    return projectToJson(d);
}

/** Replaces a few values of the valid document json (leaves and whole objects or lists) by values of other types
 *  and out of range, drawn by rng. */
std::string replaceValues(const std::string &json, std::mt19937_64 &rng)
{
    nlohmann::json doc = nlohmann::json::parse(json);
    std::vector<nlohmann::json::json_pointer> places;
    const std::function<void(const nlohmann::json &, const nlohmann::json::json_pointer &)> collect =
        [&](const nlohmann::json &v, const nlohmann::json::json_pointer &at) {
            places.push_back(at);
            if (v.is_object())
                for (auto it = v.begin(); it != v.end(); ++it)
                    collect(*it, at / it.key());
            else if (v.is_array())
                for (std::size_t i = 0; i < v.size(); ++i)
                    collect(v[i], at / i);
        };
    collect(doc, nlohmann::json::json_pointer());
    const nlohmann::json values[] = {-1,
                                     0,
                                     1,
                                     7,
                                     200,
                                     2.5,
                                     -0.5,
                                     1e308,
                                     -1e308,
                                     18446744073709551615ull,
                                     std::int64_t(-9223372036854775807LL - 1),
                                     "abc",
                                     "",
                                     std::string("caf\xc3\xa9"),
                                     std::string(300, 'x'),
                                     true,
                                     nullptr,
                                     nlohmann::json::array(),
                                     nlohmann::json::object(),
                                     {1, 2, 3},
                                     {{"kind", "derived"}, {"product", "as"}}};
    for (int k = 0, count = 1 + int(rng() % 3); k < count; ++k) {
        const auto &at = places[std::size_t(rng() % places.size())];
        const nlohmann::json &value = values[rng() % std::size(values)];
        if (at.empty() || !doc.contains(at)) // the root, or inside a value replaced before
            continue;
        doc.at(at) = value;
    }
    return doc.dump(2);
}

/** Seeded replacement of values in the valid document seed: each case must read (and then hold values in range,
 *  as check() sees it) or end in a lodestone::Error naming the file; never another exception or a crash. */
void fuzzValues(const std::string &label, const std::string &seed,
                const std::function<void(const std::string &, const std::string &)> &read, std::uint64_t rngSeed)
{
    SCOPED_TRACE(label);
    ASSERT_NO_THROW(read(seed, "seed")) << "the seed document must read";
    std::mt19937_64 rng(rngSeed);
    std::signal(SIGALRM, onWatchdog);
    int errors = 0, readOk = 0;
    for (int n = 0; n < kCases; ++n) {
        const std::string name = "case" + std::to_string(n) + "-" + label;
        const std::string text = replaceValues(seed, rng);
        std::snprintf(g_case, sizeof g_case, "%s case %d", label.c_str(), n);
        alarm(20);
        try {
            read(text, name);
            ++readOk;
        } catch (const Error &e) {
            ++errors;
            EXPECT_EQ(std::string(e.what()).rfind(name, 0), 0u) << "case " << n << ": " << e.what();
        } catch (const std::exception &e) {
            ADD_FAILURE() << "case " << n << ": " << typeid(e).name() << ": " << e.what() << "\n" << text;
        }
        alarm(0);
    }
    std::signal(SIGALRM, SIG_DFL);
    ::testing::Test::RecordProperty(label + "_errors", errors);
    ::testing::Test::RecordProperty(label + "_read", readOk);
    EXPECT_GT(errors, 0);
    EXPECT_EQ(errors + readOk, kCases);
}

std::string textOf(const std::string &path)
{
    return readBytes(path);
}

/** What a report that read may hold: counts and shares in range, never a wrapped negative. */
void checkReport(const PipelineResult &r)
{
    EXPECT_LE(r.deposits, 1000000000000u);
    EXPECT_LE(r.nonDeposits, 1000000000000u);
    EXPECT_GE(r.ensemble, 1);
    for (const auto &modes : {r.crossValidation, r.spatialCrossValidation})
        for (const ModeResult &m : modes) {
            EXPECT_TRUE(m.accuracy >= 0 && m.accuracy <= 1);
            EXPECT_TRUE(std::isnan(m.auc) || (m.auc >= 0 && m.auc <= 1));
            EXPECT_GE(m.folds, 0);
            EXPECT_GE(m.confusion.tp, 0);
        }
    for (const ScoreEvaluation &row : r.evaluation.rows)
        EXPECT_EQ(row.success.area.size(), row.success.captured.size());
}

/** What a project that read may hold. */
void checkProject(const ProjectDocument &d)
{
    EXPECT_FALSE(d.survey.empty());
    for (const PipelineParams *p : {&d.training, &d.resultTraining}) {
        EXPECT_GE(p->autoencoder.epochs, 1);
        EXPECT_LE(p->autoencoder.epochs, 100000);
        EXPECT_GE(p->autoencoder.patchSize, 4);
        EXPECT_GE(p->ensemble, 1);
        EXPECT_TRUE(p->autoencoder.learningRate > 0 && p->autoencoder.learningRate <= 1);
        for (const LayerSpec &l : p->layers)
            EXPECT_GE(l.band, 1);
    }
    EXPECT_TRUE(d.threshold >= 0 && d.threshold <= 1);
    for (const ProjectUserLayer &l : d.userLayers)
        EXPECT_TRUE(l.state.opacity >= 0 && l.state.opacity <= 1);
}

} // namespace

TEST(Fuzz, Reports)
{
    TempDir dir;
    writeBytes(dir.file("report.json"), sampleReport());
    fuzzReader(
        "report", dir.file("report.json"),
        [](const std::string &p) {
            PipelineResult r;
            readPipelineReport(textOf(p), r, p);
            checkReport(r);
        },
        15);
}

TEST(Fuzz, ReportValues)
{
    fuzzValues(
        "report-values", sampleReport(),
        [](const std::string &text, const std::string &name) {
            PipelineResult r;
            readPipelineReport(text, r, name);
            checkReport(r);
        },
        16);
}

TEST(Fuzz, ProjectFiles)
{
    TempDir dir;
    writeBytes(dir.file("project.lodestone"), sampleProject());
    fuzzReader(
        "project", dir.file("project.lodestone"),
        [](const std::string &p) { checkProject(projectFromJson(textOf(p), p)); }, 17);
}

TEST(Fuzz, ProjectValues)
{
    fuzzValues(
        "project-values", sampleProject(),
        [](const std::string &text, const std::string &name) { checkProject(projectFromJson(text, name)); }, 18);
}
