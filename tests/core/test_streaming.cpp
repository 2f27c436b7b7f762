// The streamed run (strip by strip, feature rasters block by block on disk) against the run in memory.
#include "autoencoder.h"
#include "demo.h"
#include "error.h"
#include "feedback.h"
#include "labels.h"
#include "layers.h"
#include "patches.h"
#include "pipeline.h"
#include "raster.h"
#include "streaming.h"
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
};

/** A small demo survey with a nodata corner, its labels, and a few more non-deposit labels near the border (their
 *  windows reach beyond the grid and overlap each other). */
Inputs demoInputs(int width, int height)
{
    DemoParams dp;
    dp.width = width;
    dp.height = height;
    dp.seed = 5;
    const DemoSurvey demo = generateDemoSurvey(dp);
    Inputs in;
    in.survey.grid = demo.grid;
    in.survey.data = demo.tmi;
    in.survey.valid.assign(demo.tmi.size(), 1);
    for (int y = height - 12; y < height; ++y)
        for (int x = 0; x < 15; ++x) {
            in.survey.data[std::size_t(y) * width + x] = std::nanf("");
            in.survey.valid[std::size_t(y) * width + x] = 0;
        }
    in.labels.grid = demo.grid;
    in.labels.values = demo.labels;
    for (std::size_t i = 0; i < in.labels.values.size(); ++i)
        if (!in.survey.valid[i])
            in.labels.values[i] = LabelUnknown;
    for (auto [x, y] : {std::pair{2, 3}, {5, 4}, {width - 3, height - 2}, {width / 2, 1}})
        if (in.labels.values[std::size_t(y) * width + x] == LabelUnknown)
            in.labels.values[std::size_t(y) * width + x] = LabelNonDeposit;
    return in;
}

PipelineParams smallParams(SvmMode mode)
{
    PipelineParams p;
    p.ensemble = 1;
    p.background = 0;
    p.svmInputs.clear();             // a streamed run classifies on the feature rasters alone
    p.experiments.depositBuffer = 0; // and trains on the deposit labels as given
    p.autoencoder.patchSize = 20;
    p.autoencoder.trainPatches = 600;
    p.autoencoder.epochs = 1;
    p.experiments.perClass = 0;
    p.experiments.patchResize = 5;
    p.mode = mode;
    p.seed = 3;
    p.threads = 2;
    return p;
}

std::vector<float> band(const std::string &path, int b)
{
    return readRaster(path, b).data;
}

std::string fileText(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/** Cancels when a stage of the given name starts, after some of its progress. */
class CancelAt : public Feedback {
public:
    explicit CancelAt(std::string stage) : m_stage(std::move(stage)) {}

protected:
    void onProgress(double f) override
    {
        if (stage() == m_stage && f > 0.3)
            cancel();
    }

private:
    std::string m_stage;
};

} // namespace

TEST(Streaming, FeatureRowsAreTheRowsOfTheWholeMapBitForBit)
{
    const Inputs in = demoInputs(150, 97);
    AutoencoderParams ap;
    ap.patchSize = 20;
    Autoencoder ae(ap, 4);
    const NormalizedImage image = normalizeMinMax(in.survey);
    const FeatureRasters whole = denseFeatures(ae, image, in.survey.valid, nullptr, 32);
    for (auto [r0, r1] : {std::pair{0, 97}, {0, 16}, {40, 77}, {80, 97}, {13, 14}}) {
        const FeatureRasters part = denseFeatureRows(ae, image, in.survey.valid, r0, r1, nullptr, 16);
        ASSERT_EQ(part.height, r1 - r0);
        ASSERT_EQ(part.count, whole.count);
        for (int k = 0; k < whole.count; ++k)
            for (int i = 0; i < (r1 - r0) * 150; ++i) {
                const float a = whole.plane(k)[std::size_t(r0) * 150 + i], b = part.plane(k)[i];
                ASSERT_TRUE(std::memcmp(&a, &b, sizeof a) == 0)
                    << "plane " << k << " row " << r0 + i / 150 << " col " << i % 150 << ": " << a << " vs " << b;
            }
    }
    EXPECT_THROW(denseFeatureRows(ae, image, in.survey.valid, 50, 40, nullptr), Error);
    EXPECT_THROW(denseFeatureRows(ae, image, in.survey.valid, 0, 98, nullptr), Error);
}

TEST(Streaming, GivesTheResultsOfTheRunInMemory)
{
    const Inputs in = demoInputs(150, 97);
    for (SvmMode mode : {SvmMode::PixelFeatures, SvmMode::PatchFeatures}) {
        SCOPED_TRACE(svmModeName(mode));
        const PipelineParams params = smallParams(mode);
        RunContext context;
        context.surveyPath = "survey.tif";
        TempDir dir;
        const std::string memoryDir = dir.file("memory"), streamDir = dir.file("stream");
        PipelineResult memory = runPipeline(in.survey, in.labels, params, nullptr);
        writePipelineOutputs(memory, params, context, memoryDir, nullptr);
        // Strips of 16 rows: 7 strips, the last one short; windows at the border and overlapping.
        PipelineResult stream = runPipelineStreamed(in.survey, in.labels, params, context, streamDir, nullptr, {}, 16);

        EXPECT_TRUE(stream.features.data.empty());
        EXPECT_EQ(stream.stripRows, 16);
        // Feature rasters: the same bits.
        for (int b = 1; b <= memory.features.count; ++b) {
            const std::vector<float> a = band(memoryDir + "/features.tif", b), s = band(streamDir + "/features.tif", b);
            ASSERT_EQ(a.size(), s.size());
            for (std::size_t i = 0; i < a.size(); ++i)
                ASSERT_TRUE((std::isnan(a[i]) && std::isnan(s[i])) || a[i] == s[i]) << "band " << b << " pixel " << i;
        }
        // Cross-validation: same positions, folds and samples; statistics equal to float rounding.
        ASSERT_EQ(memory.crossValidation.size(), stream.crossValidation.size());
        for (std::size_t m = 0; m < memory.crossValidation.size(); ++m) {
            const ModeResult &a = memory.crossValidation[m], &s = stream.crossValidation[m];
            EXPECT_EQ(a.positions, s.positions);
            EXPECT_EQ(a.confusion.tp, s.confusion.tp) << svmModeName(a.mode);
            EXPECT_EQ(a.confusion.tn, s.confusion.tn) << svmModeName(a.mode);
            EXPECT_NEAR(a.accuracy, s.accuracy, 1e-12);
        }
        EXPECT_EQ(memory.deposits, stream.deposits);
        EXPECT_EQ(memory.nonDeposits, stream.nonDeposits);
        // The class map and the probability.
        const ByteRaster ca = readByteRaster(memoryDir + "/classes.tif"),
                         cs = readByteRaster(streamDir + "/classes.tif");
        ASSERT_EQ(ca.data.size(), cs.data.size());
        std::size_t differ = 0, deposit = 0;
        for (std::size_t i = 0; i < ca.data.size(); ++i) {
            differ += ca.data[i] != cs.data[i];
            deposit += cs.data[i] == 1;
        }
        EXPECT_LE(differ, ca.data.size() / 1000) << differ << " pixels differ";
        EXPECT_GT(deposit, 0u);
        EXPECT_EQ(stream.depositPixels, deposit);
        const std::vector<float> pa = band(memoryDir + "/probability.tif", 1),
                                 ps = band(streamDir + "/probability.tif", 1);
        double worst = 0;
        for (std::size_t i = 0; i < pa.size(); ++i) {
            ASSERT_EQ(std::isnan(pa[i]), std::isnan(ps[i])) << i;
            if (!std::isnan(pa[i]))
                worst = std::max(worst, double(std::fabs(pa[i] - ps[i])));
        }
        EXPECT_LT(worst, 1e-3);
        // Georeferencing and the report.
        EXPECT_TRUE(readRasterInfo(streamDir + "/classes.tif").grid.sameGrid(in.survey.grid));
        EXPECT_EQ(readRasterInfo(streamDir + "/features.tif").bandCount, memory.features.count);
        const std::string report = fileText(streamDir + "/report.json");
        EXPECT_NE(report.find("\"streamed\": true"), std::string::npos) << report.substr(0, 2000);
        EXPECT_NE(report.find("\"strip_rows\": 16"), std::string::npos);
        EXPECT_TRUE(std::filesystem::exists(streamDir + "/model.pt"));
    }
}

TEST(Streaming, CancelLeavesThePreviousResultsIntact)
{
    const Inputs in = demoInputs(120, 80);
    const PipelineParams params = smallParams(SvmMode::PixelFeatures);
    TempDir dir;
    const std::string out = dir.file("out");
    runPipelineStreamed(in.survey, in.labels, params, RunContext{}, out, nullptr, {}, 16);
    const std::string before = fileText(out + "/report.json");
    auto listing = [&] {
        std::set<std::string> names;
        for (const auto &e : std::filesystem::directory_iterator(out))
            names.insert(e.path().filename().string());
        return names;
    };
    const std::set<std::string> files = listing();
    // The rasters, their styles, the class names' .aux.xml, labels_used.gpkg, model.pt and report.json.
    EXPECT_EQ(files, (std::set<std::string>{"classes.qml", "classes.tif", "classes.tif.aux.xml", "features.qml",
                                            "features.tif", "labels_used.gpkg", "model.pt", "probability.qml",
                                            "probability.tif", "report.json"}));
    for (const char *stage :
         {"Training autoencoder", "Computing feature rasters", "Classifying the map", "Writing outputs"}) {
        SCOPED_TRACE(stage);
        CancelAt feedback(stage);
        PipelineParams other = params;
        other.seed = 11;
        EXPECT_THROW(runPipelineStreamed(in.survey, in.labels, other, RunContext{}, out, &feedback, {}, 16), Canceled);
        EXPECT_EQ(fileText(out + "/report.json"), before);
        EXPECT_EQ(listing(), files); // no staging folder left, nothing removed or added
    }
}

TEST(Streaming, RefusesTheExactStitchAndThinStrips)
{
    const Inputs in = demoInputs(120, 80);
    PipelineParams params = smallParams(SvmMode::PixelFeatures);
    TempDir dir;
    params.featureMethod = FeatureMethod::Exact;
    EXPECT_THROW(runPipelineStreamed(in.survey, in.labels, params, RunContext{}, dir.file("a"), nullptr), Error);
    params.featureMethod = FeatureMethod::Dense;
    EXPECT_THROW(runPipelineStreamed(in.survey, in.labels, params, RunContext{}, dir.file("b"), nullptr, {}, 8), Error);
}

TEST(Streaming, InputLayersGiveTheResultsOfTheRunInMemory)
{
    // A derived product and a file layer with its own nodata (a block the survey has): the streamed run reads the
    // same input channels on the same union of nodata as the run in memory.
    const Inputs in = demoInputs(150, 97);
    TempDir dir;
    const std::string layerPath = dir.file("gravity.tif");
    {
        std::vector<float> v(in.survey.data.size());
        for (int y = 0; y < 97; ++y)
            for (int x = 0; x < 150; ++x)
                v[std::size_t(y) * 150 + x] =
                    (x >= 120 && y < 10) ? -9999.0f : float(std::sin(x * 0.07) * 30 + y * 0.2);
        writeFloatGeoTiff(layerPath, in.survey.grid, {v.data()}, -9999.0f, {"gravity"});
    }
    PipelineParams params = smallParams(SvmMode::PixelFeatures);
    params.layers = derivedLayers("as");
    params.layers.push_back(fileLayer(layerPath));
    RunContext context;
    context.surveyPath = "survey.tif";
    const std::string memoryDir = dir.file("memory"), streamDir = dir.file("stream");
    PipelineResult memory = runPipeline(in.survey, in.labels, params, nullptr);
    writePipelineOutputs(memory, params, context, memoryDir, nullptr);
    PipelineResult stream = runPipelineStreamed(in.survey, in.labels, params, context, streamDir, nullptr, {}, 16);
    ASSERT_EQ(stream.autoencoder->params().channels, 3);
    EXPECT_EQ(stream.autoencoder->normalizationOffsets(), memory.autoencoder->normalizationOffsets());
    EXPECT_EQ(stream.autoencoder->normalizationScales(), memory.autoencoder->normalizationScales());
    EXPECT_EQ(stream.valid, memory.valid);
    for (int b = 1; b <= memory.features.count; ++b) {
        const std::vector<float> a = band(memoryDir + "/features.tif", b), s = band(streamDir + "/features.tif", b);
        ASSERT_EQ(a.size(), s.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            ASSERT_TRUE((std::isnan(a[i]) && std::isnan(s[i])) || a[i] == s[i]) << "band " << b << " pixel " << i;
    }
    ASSERT_EQ(memory.crossValidation.size(), stream.crossValidation.size());
    for (std::size_t m = 0; m < memory.crossValidation.size(); ++m) {
        EXPECT_EQ(memory.crossValidation[m].confusion.tp, stream.crossValidation[m].confusion.tp);
        EXPECT_EQ(memory.crossValidation[m].confusion.tn, stream.crossValidation[m].confusion.tn);
    }
    // The union of nodata: the survey's corner and the layer's block are nodata in the class map.
    const ByteRaster ca = readByteRaster(memoryDir + "/classes.tif"), cs = readByteRaster(streamDir + "/classes.tif");
    ASSERT_EQ(ca.data.size(), cs.data.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < ca.data.size(); ++i) {
        differ += ca.data[i] != cs.data[i];
        const int x = int(i % 150), y = int(i / 150);
        const bool nodata = (x >= 120 && y < 10) || (x < 15 && y >= 85);
        ASSERT_EQ(cs.data[i] == 255, nodata) << "pixel " << x << ", " << y;
    }
    EXPECT_LE(differ, ca.data.size() / 1000) << differ << " pixels differ";
    EXPECT_NE(fileText(streamDir + "/report.json").find("\"product\": \"as\""), std::string::npos);

    // The model classifies strip by strip with the same layer file and the product derived again: the features of
    // the run, and the classes of the same model applied in memory.
    std::vector<std::string> warnings;
    PipelineResult model = loadModel(streamDir + "/model.pt", in.survey);
    ASSERT_EQ(model.layers.size(), 2u);
    model.layers = matchModelLayers(model.layers, {layerPath}, warnings);
    EXPECT_TRUE(warnings.empty());
    PipelineResult inMemory = classifyWithModel(model, in.survey, 1, FeatureMethod::Dense, nullptr);
    PipelineParams classifyParams;
    classifyParams.autoencoder = inMemory.autoencoder->params();
    classifyParams.mode = inMemory.classifier->mode();
    classifyParams.layers = inMemory.layers;
    classifyParams.svmInputs = inMemory.svmInputs;
    classifyParams.ensemble = 1;
    classifyParams.evaluate = false;
    writePipelineOutputs(inMemory, classifyParams, context, dir.file("classified-memory"), nullptr, false);
    PipelineResult classified =
        classifyWithModelStreamed(model, in.survey, context, dir.file("classified-stream"), nullptr, 32);
    EXPECT_EQ(classified.valid, memory.valid);
    for (int b = 1; b <= memory.features.count; ++b)
        EXPECT_EQ(std::memcmp(band(streamDir + "/features.tif", b).data(),
                              band(dir.file("classified-stream/features.tif"), b).data(), 150 * 97 * sizeof(float)),
                  0)
            << "band " << b;
    EXPECT_EQ(readByteRaster(dir.file("classified-stream/classes.tif")).data,
              readByteRaster(dir.file("classified-memory/classes.tif")).data);
    EXPECT_EQ(readByteRaster(dir.file("classified-stream/classes.tif")).data, cs.data);
}

TEST(Streaming, RefusesAModelWhoseInputLayersAreNotGiven)
{
    // A network of two input layers applied to the survey alone is refused before any work.
    const Inputs in = demoInputs(120, 80);
    AutoencoderParams ap = smallParams(SvmMode::PixelFeatures).autoencoder;
    ap.channels = 2;
    TempDir dir;
    PipelineResult model;
    model.autoencoder = std::make_shared<Autoencoder>(ap, 1);
    try {
        classifyWithModelStreamed(model, in.survey, RunContext{}, dir.file("b"), nullptr);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadModel);
        EXPECT_NE(std::string(e.what()).find("reads 2 input layers, but only the survey was given"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("b")));
}

TEST(Streaming, DerivedLayersNeedingTooMuchMemoryAreRefusedByName)
{
    // About 100 bytes a pixel for the transforms of the whole grid: some 10 GB for 10000 x 10000, less for localstd.
    GridSpec g;
    g.width = 10000;
    g.height = 10000;
    const std::vector<LayerSpec> specs = derivedLayers("as,localstd9");
    const double as = double(derivedLayerWorkingBytes(g, specs[0].derive));
    EXPECT_GT(as, 8e9);
    EXPECT_LT(as, 12e9);
    EXPECT_LT(derivedLayerWorkingBytes(g, specs[1].derive), std::size_t(6e9));
    EXPECT_GT(derivedLayerMemoryLimit(), std::size_t(1) << 28);
    EXPECT_NO_THROW(checkDerivedLayersFit(g, specs, std::size_t(20e9)));
    EXPECT_NO_THROW(checkDerivedLayersFit(g, {fileLayer("gravity.tif")}, 1));
    try {
        checkDerivedLayersFit(g, specs, std::size_t(4e9));
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadParameter);
        EXPECT_NE(std::string(e.what()).find("'as' on this 10000 x 10000 survey"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("4 GB"), std::string::npos) << e.what();
    }
}

TEST(Streaming, FeatureBytesCountEveryFilterOfEveryPixel)
{
    GridSpec g;
    g.width = 10000;
    g.height = 10000;
    AutoencoderParams ap;
    EXPECT_EQ(featureRasterBytes(g, ap), std::size_t(32) * 100000000 * 4);
}

TEST(Streaming, DecimatedReadAveragesBlocksAndKeepsNodata)
{
    TempDir dir;
    const std::string path = dir.file("band.tif");
    const double noData = -9999;
    std::vector<double> band1(8 * 6), band2(8 * 6);
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 8; ++c) {
            band1[std::size_t(r * 8 + c)] = 1;
            band2[std::size_t(r * 8 + c)] = r < 2 && c < 2 ? noData : c / 2 * 2 + 0.5;
        }
    test::writeTestRaster(path, 8, 6, {band1, band2}, "Float32", 500000, 7500000, 100, 3067, &noData);

    const Raster small = readRasterDecimated(path, 2, 4);
    EXPECT_EQ(small.width(), 4);
    EXPECT_EQ(small.height(), 3);
    EXPECT_DOUBLE_EQ(small.grid.geoTransform[1], 200);
    EXPECT_DOUBLE_EQ(small.grid.geoTransform[5], -200);
    EXPECT_FALSE(small.isValid(0, 0)); // a block of nodata alone
    EXPECT_FLOAT_EQ(small.at(1, 0), 2.5f);
    EXPECT_FLOAT_EQ(small.at(3, 2), 6.5f);
    EXPECT_EQ(small.validCount(), std::size_t(11));

    const Raster whole = readRasterDecimated(path, 1, 100); // never larger than the file
    EXPECT_EQ(whole.width(), 8);
    EXPECT_EQ(whole.height(), 6);
    EXPECT_THROW(readRasterDecimated(path, 3, 4), Error);
    EXPECT_THROW(readRasterDecimated(dir.file("missing.tif"), 1, 4), Error);
}

TEST(RowWriter, WritesRowsAndRemovesAnUnfinishedFile)
{
    TempDir dir;
    GridSpec g;
    g.width = 300;
    g.height = 270;
    g.hasGeoTransform = true;
    g.geoTransform = {1000, 10, 0, 5000, 0, -10};
    std::vector<float> rows(std::size_t(300) * 100);
    {
        GeoTiffRowWriter w(dir.file("a.tif"), g, 2, true, -9999.0, Compression::Fast, {"first", "second"});
        for (int r0 = 0; r0 < 270; r0 += 100) {
            const int n = std::min(100, 270 - r0);
            for (int b = 0; b < 2; ++b) {
                for (int i = 0; i < n * 300; ++i)
                    rows[i] = (i % 7 == 3) ? std::nanf("") : float(b * 1e6 + r0 * 300 + i);
                w.writeFloatRows(b, r0, n, rows.data());
            }
        }
        w.close();
    }
    const Raster second = readRaster(dir.file("a.tif"), 2);
    EXPECT_TRUE(second.grid.sameGrid(g));
    EXPECT_FLOAT_EQ(second.data[5], 1e6f + 5);
    EXPECT_TRUE(std::isnan(second.data[3]));
    EXPECT_FLOAT_EQ(second.data[std::size_t(269) * 300 + 299], float(1e6 + 269 * 300 + 299));
    GeoTiffRowReader reader(dir.file("a.tif"));
    EXPECT_EQ(reader.bandCount(), 2);
    std::vector<float> back(300 * 2);
    reader.readFloatRows(0, 200, 2, back.data());
    EXPECT_FLOAT_EQ(back[1], 200.0f * 300 + 1);
    EXPECT_TRUE(std::isnan(back[3]));
    EXPECT_THROW(reader.readFloatRows(0, 269, 2, back.data()), Error);
    {
        GeoTiffRowWriter w(dir.file("b.tif"), g, 1, false, 255, Compression::Deflate);
        std::vector<uint8_t> bytes(300 * 10, 1);
        w.writeByteRows(0, 0, 10, bytes.data());
    } // not closed
    EXPECT_FALSE(std::filesystem::exists(dir.file("b.tif")));
}

TEST(RowWriter, CanceledWholeRasterWritesLeaveNoFile)
{
    TempDir dir;
    GridSpec g;
    g.width = 200;
    g.height = 150;
    std::vector<float> values(g.pixelCount(), 1.5f);
    std::vector<uint8_t> bytes(g.pixelCount(), 1);
    Feedback canceled;
    canceled.cancel();
    EXPECT_THROW(writeFloatGeoTiff(dir.file("f.tif"), g, {values.data()}, -9999.0f, {}, Compression::Fast, &canceled),
                 Canceled);
    EXPECT_THROW(writeByteGeoTiff(dir.file("b.tif"), g, bytes.data(), 255, {}, &canceled), Canceled);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    Feedback running;
    writeByteGeoTiff(dir.file("b.tif"), g, bytes.data(), 255, {}, &running);
    EXPECT_EQ(readByteRaster(dir.file("b.tif")).data, bytes);
}

TEST(Streaming, AHugeLabelSetKeepsTheWindowsOfABoundedSample)
{
    // Every valid pixel labelled by the demo's truth: each labelled position keeps a window of every feature
    // raster, so without a bound the windows alone would take gigabytes on a large survey.
    DemoParams dp;
    dp.width = 120;
    dp.height = 80;
    dp.seed = 5;
    const DemoSurvey demo = generateDemoSurvey(dp);
    Inputs in = demoInputs(120, 80);
    for (std::size_t i = 0; i < in.labels.values.size(); ++i)
        in.labels.values[i] = !in.survey.valid[i]             ? LabelUnknown
                              : demo.truth[i] == TruthDeposit ? LabelDeposit
                                                              : LabelNonDeposit;
    PipelineParams params = smallParams(SvmMode::PixelFeatures);
    params.experiments.perClass = 12;
    params.experiments.maxTrainingSamples = 200;
    TempDir dir;
    const PipelineResult r =
        runPipelineStreamed(in.survey, in.labels, params, RunContext{}, dir.file("out"), nullptr, {}, 16);
    const auto [non, deposit] = r.classifier->trainingCounts();
    // The cross-validated modes include the samples modes: the bound is that of one sample per feature raster.
    ExperimentParams ep = experimentParamsOf(params);
    const int bound = classifierPositionsPerClass(ep, r.autoencoder->featureCount());
    EXPECT_EQ(non, bound);
    EXPECT_LE(deposit, bound);
    EXPECT_GE(deposit, 2);
    bool said = false;
    for (const std::string &w : r.warnings)
        said |= w.find("keeps the windows of a random sample of") != std::string::npos;
    EXPECT_TRUE(said) << "a warning says that a sample was kept";
}

TEST(Streaming, TrainsOnTheDepositLabelsAsGivenAndSaysSo)
{
    const Inputs in = demoInputs(120, 80);
    PipelineParams params = smallParams(SvmMode::PixelFeatures);
    TempDir dir;
    const PipelineResult plain =
        runPipelineStreamed(in.survey, in.labels, params, RunContext{}, dir.file("plain"), nullptr, {}, 16);
    params.experiments.depositBuffer = 1;
    params.ensemble = 3;
    params.background = 100;
    params.evaluate = true;
    const PipelineResult buffered =
        runPipelineStreamed(in.survey, in.labels, params, RunContext{}, dir.file("buffered"), nullptr, {}, 16);
    const std::vector<float> a = band(dir.file("plain") + "/probability.tif", 1),
                             b = band(dir.file("buffered") + "/probability.tif", 1);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        ASSERT_TRUE((std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i]) << i;
    bool said = false;
    for (const std::string &w : buffered.warnings)
        said |= w.find("trains on the deposit labels alone (no buffer)") != std::string::npos;
    EXPECT_TRUE(said);
    for (const std::string &w : plain.warnings)
        EXPECT_EQ(w.find("no buffer"), std::string::npos) << w;
    // The report gives the settings the streamed run used, not those it was asked for.
    const std::string report = fileText(dir.file("buffered") + "/report.json");
    for (const char *used :
         {"\"deposit_buffer\": 0,", "\"background\": 0,", "\"evaluate\": false,", "\"ensemble\": 1,"})
        EXPECT_NE(report.find(used), std::string::npos) << used;
}
