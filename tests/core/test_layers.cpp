#include "error.h"
#include "labels.h"
#include "layers.h"
#include "pipeline.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace lodestone;
using lodestone::test::TempDir;
using lodestone::test::writeTestRaster;

namespace {

/** A smooth field on a 40 x 30 grid of 100 m cells (EPSG:3067), with nodata where col < 2. */
std::vector<double> smoothField(int w, int h, double phase)
{
    std::vector<double> v(std::size_t(w) * h);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            v[std::size_t(r) * w + c] = 100.0 * std::sin(0.2 * c + phase) * std::cos(0.15 * r) + 5.0 * c;
    return v;
}

Raster surveyRaster(const TempDir &dir)
{
    std::vector<double> v = smoothField(40, 30, 0.0);
    for (int r = 0; r < 30; ++r)
        v[std::size_t(r) * 40] = v[std::size_t(r) * 40 + 1] = -9999;
    const double nodata = -9999;
    writeTestRaster(dir.file("survey.tif"), 40, 30, {v}, "Float32", 500000, 7500000, 100, 3067, &nodata);
    return readRaster(dir.file("survey.tif"));
}

} // namespace

TEST(Layers, ProductTokensRoundTripAndRefuseNonsense)
{
    DeriveParams p;
    ASSERT_TRUE(parseProductToken("up500", p));
    EXPECT_EQ(p.product, MagneticProduct::UpwardContinuation);
    EXPECT_DOUBLE_EQ(p.height, 500.0);
    EXPECT_EQ(productToken(p), "up500");
    ASSERT_TRUE(parseProductToken("LocalStd15", p));
    EXPECT_EQ(p.product, MagneticProduct::LocalStdDev);
    EXPECT_EQ(p.window, 15);
    EXPECT_EQ(productToken(p), "localstd15");
    ASSERT_TRUE(parseProductToken("as", p));
    EXPECT_EQ(p.product, MagneticProduct::AnalyticSignal);
    EXPECT_FALSE(parseProductToken("asx", p));
    EXPECT_FALSE(parseProductToken("localstd4", p)); // even window
    EXPECT_FALSE(parseProductToken("up-5", p));
    EXPECT_FALSE(parseProductToken("upabc", p));
    EXPECT_FALSE(parseProductToken("gravity", p));
}

TEST(Layers, DerivedListsAreParsedAndBadOnesNamed)
{
    const std::vector<LayerSpec> specs = derivedLayers("as, tilt,up250");
    ASSERT_EQ(specs.size(), 3u);
    EXPECT_EQ(specs[0].name, "as");
    EXPECT_EQ(specs[1].name, "tilt");
    EXPECT_EQ(specs[2].name, "up250");
    EXPECT_EQ(specs[2].kind, LayerSpec::Kind::Derived);
    try {
        derivedLayers("as,foo");
        FAIL() << "an unknown product was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("'foo'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(derivedLayers("as,as"), Error);
    EXPECT_THROW(derivedLayers("as,,tilt"), Error);
}

TEST(Layers, AmplitudeProductsEnterAsLogarithms)
{
    TempDir dir;
    const Raster survey = surveyRaster(dir);
    DeriveParams p;
    p.product = MagneticProduct::AnalyticSignal;
    const Raster raw = deriveMagneticProduct(survey, p);
    const Raster plane = productPlane(survey, p);
    std::vector<float> finite;
    for (float x : raw.data)
        if (std::isfinite(x))
            finite.push_back(x);
    std::nth_element(finite.begin(), finite.begin() + finite.size() / 2, finite.end());
    const float offset = 0.01f * finite[finite.size() / 2];
    for (std::size_t i = 0; i < raw.data.size(); ++i) {
        ASSERT_EQ(std::isfinite(raw.data[i]), std::isfinite(plane.data[i])) << i;
        if (std::isfinite(raw.data[i])) {
            EXPECT_NEAR(plane.data[i], std::log(raw.data[i] + offset), 1e-5) << i;
        }
    }
    p.product = MagneticProduct::TiltAngle;
    const Raster tilt = productPlane(survey, p);
    const Raster tiltRaw = deriveMagneticProduct(survey, p);
    for (std::size_t i = 0; i < tilt.data.size(); ++i)
        if (std::isfinite(tiltRaw.data[i])) {
            EXPECT_FLOAT_EQ(tilt.data[i], tiltRaw.data[i]);
        }
}

TEST(Layers, StackUnitesNodataAndResamplesOtherGrids)
{
    TempDir dir;
    const Raster survey = surveyRaster(dir);
    // A layer on the same grid with its own nodata in the last row.
    std::vector<double> same = smoothField(40, 30, 1.0);
    for (int c = 0; c < 40; ++c)
        same[std::size_t(29) * 40 + c] = -1;
    const double nodata = -1;
    writeTestRaster(dir.file("gravity.tif"), 40, 30, {same}, "Float32", 500000, 7500000, 100, 3067, &nodata);
    // A layer on a finer grid (50 m) covering the same ground: resampled with a warning.
    std::vector<double> fine(std::size_t(80) * 60);
    for (int r = 0; r < 60; ++r)
        for (int c = 0; c < 80; ++c)
            fine[std::size_t(r) * 80 + c] = 3.0 * c + r;
    writeTestRaster(dir.file("radiometrics.tif"), 80, 60, {fine}, "Float32", 500000, 7500000, 50, 3067);

    const std::vector<LayerSpec> specs = {fileLayer(dir.file("gravity.tif")), derivedLayers("tilt")[0],
                                          fileLayer(dir.file("radiometrics.tif"))};
    const InputLayers stack = loadLayers(survey, specs);
    ASSERT_EQ(stack.names, (std::vector<std::string>{"survey", "gravity", "tilt", "radiometrics"}));
    ASSERT_EQ(stack.layers.size(), 3u);
    ASSERT_EQ(stack.warnings.size(), 1u);
    EXPECT_NE(stack.warnings[0].find("radiometrics.tif"), std::string::npos) << stack.warnings[0];
    for (const Raster &l : stack.layers) {
        EXPECT_TRUE(l.grid.sameGrid(survey.grid));
        EXPECT_EQ(l.data.size(), survey.data.size());
    }
    // Valid exactly where the survey and the gravity layer are (tilt and the resampled layer cover it all).
    for (int r = 0; r < 30; ++r)
        for (int c = 0; c < 40; ++c)
            EXPECT_EQ(stack.valid[std::size_t(r) * 40 + c], uint8_t(c >= 2 && r < 29)) << c << "," << r;
    // The 50 m layer averaged bilinearly onto a 100 m cell centre: 3 * (2c + 0.5) + (2r + 0.5).
    EXPECT_NEAR(stack.layers[2].at(10, 10), 3.0 * 20.5 + 20.5, 1e-3);
    EXPECT_EQ(stack.rasters(survey).size(), 4u);
    EXPECT_EQ(stack.rasters(survey)[0], &survey);
}

TEST(Layers, LabelsOnALayersNodataAreCountedAndTheLayerNamed)
{
    TempDir dir;
    const Raster survey = surveyRaster(dir);
    std::vector<double> gravity = smoothField(40, 30, 1.0);
    for (int c = 0; c < 40; ++c)
        gravity[std::size_t(29) * 40 + c] = -1;                                 // nodata in the last row
    gravity[std::size_t(3) * 40 + 3] = std::numeric_limits<double>::infinity(); // read as nodata, with a note
    const double nodata = -1;
    writeTestRaster(dir.file("gravity.tif"), 40, 30, {gravity}, "Float32", 500000, 7500000, 100, 3067, &nodata);
    PipelineParams params;
    params.layers = {derivedLayers("tilt")[0], fileLayer(dir.file("gravity.tif"))};
    params.autoencoder.patchSize = 10;
    params.evaluate = false;
    params.svmInputs.clear();
    const InputLayers stack = loadLayers(survey, params.layers);
    const Raster masked = maskedSurvey(survey, stack.valid);
    ASSERT_EQ(stack.warnings.size(), 1u);
    EXPECT_EQ(stack.warnings[0], "1 cell of band 1 of " + dir.file("gravity.tif") +
                                     " holds an infinite value, read as nodata. If it stands for a real value, the "
                                     "grid needs repairing; if it marks missing data, declaring a nodata value (e.g. "
                                     "gdal_translate -a_nodata) says so.");

    LabelImage labels = emptyLabels(survey.grid);
    auto set = [&](int c, int r, uint8_t v) { labels.values[std::size_t(r) * 40 + c] = v; };
    set(5, 29, LabelDeposit); // on the gravity layer's nodata: left out
    set(6, 29, LabelDeposit);
    set(7, 29, LabelNonDeposit);
    set(0, 29, LabelDeposit); // on the survey's own nodata: not the layer's doing
    set(10, 10, LabelDeposit);
    set(20, 10, LabelNonDeposit);
    set(30, 10, LabelNonDeposit);
    const std::string note = labelsOnLayerNodata(survey, stack, params.layers, labels);
    EXPECT_EQ(note, "3 labelled pixels (2 deposit labels, 1 non-deposit label) lie on nodata of the input layer " +
                        dir.file("gravity.tif") +
                        " and are left out: a run uses the pixels where the survey and every layer hold a value.");

    // Too few deposits remain: the error says why, naming the layer.
    PipelineResult r;
    try {
        runPositions(masked, labels, params, r, &survey, &stack);
        ADD_FAILURE() << "one deposit on valid ground was accepted";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::TooFewLabels);
        EXPECT_NE(std::string(e.what()).find("there are 1 deposit and 2 non-deposit. " + note), std::string::npos)
            << e.what();
    }
    // Enough remain: the run goes on with the note among its warnings.
    set(12, 12, LabelDeposit);
    PipelineResult ok;
    const std::vector<LabelledPosition> positions = runPositions(masked, labels, params, ok, &survey, &stack);
    EXPECT_EQ(positions.size(), 4u);
    ASSERT_EQ(ok.warnings.size(), 1u);
    EXPECT_EQ(ok.warnings[0], note);
    // Labels clear of every layer's nodata: no note.
    for (int c : {5, 6, 7})
        set(c, 29, LabelUnknown);
    EXPECT_EQ(labelsOnLayerNodata(survey, stack, params.layers, labels), "");
}

TEST(Layers, BadLayerFilesAndDuplicateNamesAreNamed)
{
    TempDir dir;
    const Raster survey = surveyRaster(dir);
    try {
        loadLayers(survey, {fileLayer(dir.file("missing.tif"))});
        FAIL() << "a missing layer file was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("missing.tif"), std::string::npos) << e.what();
    }
    // A layer far away from the survey covers none of it.
    writeTestRaster(dir.file("far.tif"), 10, 10, {std::vector<double>(100, 1.0)}, "Float32", 900000, 7000000, 100);
    EXPECT_THROW(loadLayers(survey, {fileLayer(dir.file("far.tif"))}), Error);
    // Two files with one stem.
    writeTestRaster(dir.file("g.tif"), 40, 30, {smoothField(40, 30, 2.0)});
    EXPECT_THROW(loadLayers(survey, {fileLayer(dir.file("g.tif")), fileLayer(dir.file("g.tif"))}), Error);
}

TEST(Layers, SettingsRoundTripAndModelMatching)
{
    DeriveParams base;
    base.inclination = -12.5;
    base.declination = 3.25;
    std::vector<LayerSpec> specs = derivedLayers("rtp,localstd11", base);
    specs.insert(specs.begin() + 1, fileLayer("/data/area/gravity_bouguer.tif", 2));
    const std::string text = "mode pixel-features\n" + layersSettings(specs) + "stride 1\n";
    const std::vector<LayerSpec> back = layersOfSettings(text);
    ASSERT_EQ(back.size(), 3u);
    EXPECT_EQ(back[0].kind, LayerSpec::Kind::Derived);
    EXPECT_EQ(back[0].derive.product, MagneticProduct::ReducedToPole);
    EXPECT_DOUBLE_EQ(back[0].derive.inclination, -12.5);
    EXPECT_DOUBLE_EQ(back[0].derive.declination, 3.25);
    EXPECT_EQ(back[1].kind, LayerSpec::Kind::File);
    EXPECT_EQ(back[1].name, "gravity_bouguer_b2");
    EXPECT_EQ(back[1].band, 2);
    EXPECT_EQ(back[2].derive.window, 11);
    EXPECT_TRUE(layersOfSettings("mode pixel-features\n").empty());
    EXPECT_THROW(layersOfSettings("layer\tderived\tbogus\t0\t0\t20\n"), Error);

    std::vector<std::string> warnings;
    const std::vector<LayerSpec> applied = matchModelLayers(back, {"/new/area/gravity_bouguer.tif"}, warnings);
    ASSERT_EQ(applied.size(), 3u);
    EXPECT_EQ(applied[1].path, "/new/area/gravity_bouguer.tif");
    EXPECT_EQ(applied[1].band, 2);
    EXPECT_EQ(applied[1].name, "gravity_bouguer_b2");
    EXPECT_TRUE(warnings.empty());
    matchModelLayers(back, {"/new/area/other.tif"}, warnings);
    EXPECT_EQ(warnings.size(), 1u);
    try {
        matchModelLayers(back, {}, warnings);
        FAIL() << "a missing layer file was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("gravity_bouguer_b2"), std::string::npos) << e.what();
    }
}
