// Outputs that open ready in a GIS: class names and attribute table, QGIS styles, overviews, statistics,
// provenance, constant feature bands, labels_used.gpkg and the model's grid warnings.
#include "error.h"
#include "experiments.h"
#include "labels.h"
#include "labelsused.h"
#include "modelgrid.h"
#include "outputstyle.h"
#include "pipeline.h"
#include "raster.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <gdal_rat.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace lodestone;
using namespace lodestone::test;

namespace {

struct XmlDeleter {
    void operator()(CPLXMLNode *n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

Xml parseXml(const std::string &text)
{
    return Xml(CPLParseXMLString(text.c_str()));
}

/** Elements named name anywhere under node, depth first. */
void collect(const CPLXMLNode *node, const std::string &name, std::vector<const CPLXMLNode *> &out)
{
    for (const CPLXMLNode *c = node; c; c = c->psNext) {
        if (c->eType == CXT_Element && name == c->pszValue)
            out.push_back(c);
        if (c->psChild)
            collect(c->psChild, name, out);
    }
}

std::vector<const CPLXMLNode *> elements(const Xml &doc, const std::string &name)
{
    std::vector<const CPLXMLNode *> out;
    collect(doc.get(), name, out);
    return out;
}

std::string attr(const CPLXMLNode *n, const char *name)
{
    return CPLGetXMLValue(n, name, "");
}

std::string readText(const std::string &path)
{
    std::ifstream f(path);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

struct Closer {
    void operator()(GDALDataset *d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset openRaster(const std::string &path)
{
    // PAM on, as in QGIS and gdalinfo: the attribute table lives in the .aux.xml (each test runs in its own
    // process).
    CPLSetConfigOption("GDAL_PAM_ENABLED", "YES");
    Dataset d(static_cast<GDALDataset *>(GDALOpenEx(path.c_str(), GDAL_OF_RASTER, nullptr, nullptr, nullptr)));
    // GDAL reads a GeoTIFF's .aux.xml when the dataset is first asked for its georeferencing or metadata, as a
    // GIS does on opening it.
    double geoTransform[6];
    if (d && d->GetRasterCount() > 0)
        d->GetGeoTransform(geoTransform);
    return d;
}

GridSpec smallGrid(int w = 300, int h = 200, double cell = 100)
{
    GridSpec g;
    g.width = w;
    g.height = h;
    g.geoTransform = {500000, cell, 0, 7500000, 0, -cell};
    g.hasGeoTransform = true;
    g.crsWkt = wktOf(3067);
    return g;
}

Provenance testProvenance()
{
    PipelineParams p;
    p.seed = 4242;
    RunContext c;
    c.surveyPath = "/data/kolari/survey.tif";
    c.labelsPath = "/data/kolari/labels.tif";
    c.labelsKind = "raster";
    c.commandLine = {"lodestone-cli", "run", "--survey", "my survey.tif", "--seed", "4242"};
    return runProvenance(p, c);
}

} // namespace

TEST(OutputStyle, ClassStyleIsPalettedWithExactlyTheTwoNamedClasses)
{
    const Xml doc = parseXml(qgisStyle(OutputRaster::Classes));
    ASSERT_TRUE(doc);
    const auto renderers = elements(doc, "rasterrenderer");
    ASSERT_EQ(renderers.size(), 1u);
    EXPECT_EQ(attr(renderers[0], "type"), "paletted");
    EXPECT_EQ(attr(renderers[0], "band"), "1");
    const auto entries = elements(doc, "paletteEntry");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(attr(entries[0], "value"), "0");
    EXPECT_EQ(attr(entries[0], "label"), "non-deposit");
    EXPECT_EQ(attr(entries[0], "color"), "#3168c8");
    EXPECT_EQ(attr(entries[1], "value"), "1");
    EXPECT_EQ(attr(entries[1], "label"), "deposit");
    EXPECT_EQ(attr(entries[1], "color"), "#dc281e");
}

TEST(OutputStyle, ProbabilityStyleIsViridisOnZeroToOneWithTheThreshold)
{
    const Xml doc = parseXml(qgisStyle(OutputRaster::Probability, 0.5));
    ASSERT_TRUE(doc);
    const auto renderers = elements(doc, "rasterrenderer");
    ASSERT_EQ(renderers.size(), 1u);
    EXPECT_EQ(attr(renderers[0], "type"), "singlebandpseudocolor");
    EXPECT_EQ(attr(renderers[0], "classificationMin"), "0");
    EXPECT_EQ(attr(renderers[0], "classificationMax"), "1");
    const auto shader = elements(doc, "colorrampshader");
    ASSERT_EQ(shader.size(), 1u);
    EXPECT_EQ(attr(shader[0], "colorRampType"), "INTERPOLATED");
    const auto items = elements(doc, "item");
    ASSERT_EQ(items.size(), 5u);
    EXPECT_EQ(attr(items.front(), "value"), "0");
    EXPECT_EQ(attr(items.front(), "color"), "#440154"); // viridis
    EXPECT_EQ(attr(items.back(), "value"), "1");
    EXPECT_EQ(attr(items.back(), "color"), "#fde725");
    EXPECT_EQ(attr(items[2], "value"), "0.5");
    EXPECT_NE(attr(items[2], "label").find("class threshold"), std::string::npos);
    // Another threshold moves the marked item.
    const Xml other = parseXml(qgisStyle(OutputRaster::Probability, 0.3));
    EXPECT_EQ(attr(elements(other, "item")[2], "value"), "0.3");
}

TEST(OutputStyle, UncertaintyAndFeatureStyles)
{
    const Xml u = parseXml(qgisStyle(OutputRaster::Uncertainty, 0.5, 1, 0, 0.2));
    ASSERT_TRUE(u);
    const auto items = elements(u, "item");
    ASSERT_EQ(items.size(), 5u);
    EXPECT_EQ(attr(items.front(), "color"), "#000004"); // magma
    EXPECT_EQ(attr(items.back(), "value"), "0.2");
    const Xml f = parseXml(qgisStyle(OutputRaster::Features, 0.5, 3, -1.5, 2.5));
    ASSERT_TRUE(f);
    const auto r = elements(f, "rasterrenderer");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(attr(r[0], "type"), "singlebandgray");
    EXPECT_EQ(attr(r[0], "grayBand"), "3");
    EXPECT_EQ(std::string(CPLGetXMLValue(r[0], "contrastEnhancement.minValue", "")), "-1.5");
    EXPECT_EQ(std::string(CPLGetXMLValue(r[0], "contrastEnhancement.maxValue", "")), "2.5");
}

TEST(OutputStyle, ClassRasterGetsNamesAttributeTableOverviewsStatisticsAndProvenance)
{
    TempDir dir;
    const GridSpec g = smallGrid();
    std::vector<uint8_t> classes(g.pixelCount(), 0);
    for (std::size_t i = 0; i < classes.size(); ++i)
        classes[i] = i % 10 == 0 ? 1 : (i % 97 == 0 ? 255 : 0);
    std::size_t deposits = 0, nonDeposits = 0;
    for (uint8_t v : classes) {
        deposits += v == 1;
        nonDeposits += v == 0;
    }
    const std::string path = dir.file("classes.tif");
    writeByteGeoTiff(path, g, classes.data(), 255, classColorTable());
    const std::vector<std::string> written = finishOutputRaster(path, OutputRaster::Classes, testProvenance());
    EXPECT_NE(std::find(written.begin(), written.end(), "classes.tif.aux.xml"), written.end());
    EXPECT_NE(std::find(written.begin(), written.end(), "classes.qml"), written.end());
    EXPECT_TRUE(std::filesystem::exists(dir.file("classes.qml")));

    Dataset ds = openRaster(path);
    ASSERT_TRUE(ds);
    GDALRasterBand *band = ds->GetRasterBand(1);
    char **names = band->GetCategoryNames();
    ASSERT_EQ(CSLCount(names), 2);
    EXPECT_STREQ(names[0], "non-deposit");
    EXPECT_STREQ(names[1], "deposit");
    const GDALRasterAttributeTable *rat = band->GetDefaultRAT();
    ASSERT_NE(rat, nullptr);
    ASSERT_EQ(rat->GetRowCount(), 2);
    EXPECT_EQ(rat->GetTableType(), GRTT_THEMATIC);
    const int name = rat->GetColOfUsage(GFU_Name), count = rat->GetColOfUsage(GFU_PixelCount),
              red = rat->GetColOfUsage(GFU_Red);
    ASSERT_GE(name, 0);
    ASSERT_GE(count, 0);
    EXPECT_STREQ(rat->GetValueAsString(0, name), "non-deposit");
    EXPECT_STREQ(rat->GetValueAsString(1, name), "deposit");
    EXPECT_EQ(rat->GetValueAsDouble(0, count), double(nonDeposits));
    EXPECT_EQ(rat->GetValueAsDouble(1, count), double(deposits));
    EXPECT_EQ(rat->GetValueAsInt(1, red), 220);
    const GDALColorTable *colors = band->GetColorTable();
    ASSERT_NE(colors, nullptr);
    EXPECT_EQ(colors->GetColorEntry(0)->c3, 200);
    EXPECT_EQ(colors->GetColorEntry(1)->c1, 220);
    EXPECT_EQ(colors->GetColorEntry(255)->c4, 0); // nodata transparent
    // Overviews inside the file, down to about 128 pixels: 300 x 200 -> 150 x 100.
    EXPECT_EQ(band->GetOverviewCount(), 1);
    EXPECT_EQ(band->GetOverview(0)->GetXSize(), 150);
    EXPECT_FALSE(std::filesystem::exists(path + ".ovr"));
    // Statistics stored in the file.
    EXPECT_STREQ(band->GetMetadataItem("STATISTICS_MAXIMUM"), "1");
    EXPECT_STREQ(band->GetMetadataItem("STATISTICS_MINIMUM"), "0");
    EXPECT_NEAR(std::atof(band->GetMetadataItem("STATISTICS_MEAN")), double(deposits) / (deposits + nonDeposits), 1e-9);
    // Provenance.
    EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_SEED"), "4242");
    EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_VERSION"), testProvenance().version.c_str());
    EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_SURVEY"), "survey.tif (band 1)");
    EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_LABELS"), "labels.tif");
    EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_COMMAND_LINE"),
                 "lodestone-cli run --survey 'my survey.tif' --seed 4242");
    EXPECT_STREQ(ds->GetMetadataItem("LODESTONE_CLASS_THRESHOLD"), "0.5");
    EXPECT_NE(std::string(ds->GetMetadataItem("LODESTONE_SETTINGS")).find("patch=50 "), std::string::npos);
    EXPECT_EQ(std::string(ds->GetMetadataItem("TIFFTAG_SOFTWARE")).rfind("Lodestone ", 0), 0u);
    EXPECT_EQ(std::string(ds->GetMetadataItem("LODESTONE_DATE")).size(), 20u);
}

TEST(OutputStyle, ConstantFeatureBandsAreFlaggedAndTheStyleShowsTheFirstVaryingBand)
{
    TempDir dir;
    const GridSpec g = smallGrid(100, 80);
    std::vector<float> zero(g.pixelCount(), 0.f), ramp(g.pixelCount()), other(g.pixelCount());
    for (std::size_t i = 0; i < ramp.size(); ++i) {
        ramp[i] = float(i % 100) / 10.f;
        other[i] = float(i % 7);
    }
    const std::string path = dir.file("features.tif");
    writeFloatGeoTiff(path, g, {zero.data(), ramp.data(), zero.data(), other.data()}, -9999.f,
                      {"layer1_filter01", "layer1_filter02", "layer1_filter03", "layer1_filter04"}, Compression::Fast);
    std::vector<ConstantBand> constant;
    int view = 0;
    finishOutputRaster(path, OutputRaster::Features, testProvenance(), 0.5, &constant, &view);
    ASSERT_EQ(constant.size(), 2u);
    EXPECT_EQ(constant[0].band, 1);
    EXPECT_EQ(constant[0].name, "layer1_filter01");
    EXPECT_EQ(constant[0].value, 0.0);
    EXPECT_EQ(constant[1].band, 3);
    EXPECT_EQ(view, 2);
    Dataset ds = openRaster(path);
    ASSERT_TRUE(ds);
    EXPECT_STREQ(ds->GetRasterBand(1)->GetMetadataItem("CONSTANT"), "YES");
    EXPECT_STREQ(ds->GetRasterBand(1)->GetMetadataItem("CONSTANT_VALUE"), "0");
    EXPECT_STREQ(ds->GetRasterBand(2)->GetMetadataItem("CONSTANT"), "NO");
    EXPECT_STREQ(ds->GetRasterBand(2)->GetMetadataItem("STATISTICS_MAXIMUM"), "9.8999996185303");
    for (int b = 1; b <= 4; ++b)
        EXPECT_EQ(ds->GetRasterBand(b)->GetOverviewCount(), 1) << b;
    EXPECT_FALSE(std::filesystem::exists(path + ".aux.xml"));
    const Xml style = parseXml(readText(dir.file("features.qml")));
    ASSERT_TRUE(style);
    EXPECT_EQ(attr(elements(style, "rasterrenderer")[0], "grayBand"), "2");
}

TEST(OutputStyle, FeatureStatisticsAndOverviewsFromMemoryAreThoseGdalComputesFromTheFile)
{
    TempDir dir;
    const GridSpec g = smallGrid(90, 70);
    std::vector<float> zero(g.pixelCount(), 0.f), wave(g.pixelCount()), holes(g.pixelCount()), empty(g.pixelCount());
    for (std::size_t i = 0; i < wave.size(); ++i) {
        wave[i] = 3.f + std::sin(0.37f * float(i)) * float(i % 13);
        holes[i] = i % 5 == 0 ? std::nanf("") : (i % 11 == 0 ? -9999.f : 0.01f * float(i)); // NaN and nodata skipped
        empty[i] = std::nanf("");
    }
    const std::vector<const float *> planes{zero.data(), wave.data(), holes.data(), empty.data()};
    const std::vector<std::string> names{"a", "b", "c", "d"};
    const std::vector<PlaneStatistics> known = planeStatistics(planes, g.pixelCount(), nullptr, -9999.f, 2);
    ASSERT_EQ(known.size(), 4u);
    EXPECT_FALSE(known[3].ok);
    EXPECT_DOUBLE_EQ(known[0].validPercent, 100.0);
    const std::size_t holesCounted = std::size_t(
        std::count_if(holes.begin(), holes.end(), [](float v) { return std::isfinite(v) && v != -9999.f; }));
    EXPECT_DOUBLE_EQ(known[2].validPercent, 100.0 * double(holesCounted) / double(g.pixelCount()));
    const std::string fromFile = dir.file("file.tif"), fromMemory = dir.file("memory.tif");
    for (const std::string &path : {fromFile, fromMemory})
        writeFloatGeoTiff(path, g, planes, -9999.f, names, Compression::Fast);
    std::vector<ConstantBand> constantFile, constantMemory;
    int viewFile = 0, viewMemory = 0;
    finishOutputRaster(fromFile, OutputRaster::Features, testProvenance(), 0.5, &constantFile, &viewFile);
    finishOutputRaster(fromMemory, OutputRaster::Features, testProvenance(), 0.5, &constantMemory, &viewMemory, &known,
                       &planes);
    EXPECT_EQ(viewMemory, viewFile);
    ASSERT_EQ(constantMemory.size(), constantFile.size());
    for (std::size_t i = 0; i < constantFile.size(); ++i) {
        EXPECT_EQ(constantMemory[i].band, constantFile[i].band);
        EXPECT_EQ(std::isnan(constantMemory[i].value), std::isnan(constantFile[i].value));
    }
    Dataset a = openRaster(fromFile), b = openRaster(fromMemory);
    ASSERT_TRUE(a && b);
    for (int band = 1; band <= 4; ++band) {
        SCOPED_TRACE(band);
        for (const char *item : {"STATISTICS_MINIMUM", "STATISTICS_MAXIMUM", "STATISTICS_MEAN", "STATISTICS_STDDEV",
                                 "STATISTICS_VALID_PERCENT", "CONSTANT"}) {
            const char *x = a->GetRasterBand(band)->GetMetadataItem(item);
            const char *y = b->GetRasterBand(band)->GetMetadataItem(item);
            ASSERT_EQ(x == nullptr, y == nullptr) << item;
            if (!x)
                continue;
            if (std::string(item) == "CONSTANT")
                EXPECT_STREQ(x, y);
            else
                EXPECT_NEAR(std::atof(x), std::atof(y), 1e-9 * std::max(1.0, std::fabs(std::atof(x)))) << item;
        }
        // The overviews: GDAL's averages of the file, value for value (nodata included).
        GDALRasterBand *fileBand = a->GetRasterBand(band), *memoryBand = b->GetRasterBand(band);
        ASSERT_GE(fileBand->GetOverviewCount(), 1);
        ASSERT_EQ(memoryBand->GetOverviewCount(), fileBand->GetOverviewCount());
        for (int level = 0; level < fileBand->GetOverviewCount(); ++level) {
            GDALRasterBand *x = fileBand->GetOverview(level), *y = memoryBand->GetOverview(level);
            ASSERT_EQ(x->GetXSize(), y->GetXSize());
            ASSERT_EQ(x->GetYSize(), y->GetYSize());
            const std::size_t n = std::size_t(x->GetXSize()) * std::size_t(x->GetYSize());
            std::vector<float> vx(n), vy(n);
            ASSERT_EQ(x->RasterIO(GF_Read, 0, 0, x->GetXSize(), x->GetYSize(), vx.data(), x->GetXSize(), x->GetYSize(),
                                  GDT_Float32, 0, 0, nullptr),
                      CE_None);
            ASSERT_EQ(y->RasterIO(GF_Read, 0, 0, y->GetXSize(), y->GetYSize(), vy.data(), y->GetXSize(), y->GetYSize(),
                                  GDT_Float32, 0, 0, nullptr),
                      CE_None);
            std::size_t differ = 0, noData = 0;
            for (std::size_t i = 0; i < n; ++i) {
                differ += std::memcmp(&vx[i], &vy[i], sizeof(float)) != 0;
                noData += vx[i] == -9999.f;
            }
            EXPECT_EQ(differ, 0u) << "level " << level;
            if (band == 4) {
                EXPECT_EQ(noData, n); // all nodata stays nodata
            }
        }
    }
    const std::vector<PlaneStatistics> tooFew(known.begin(), known.begin() + 3);
    EXPECT_THROW(
        finishOutputRaster(fromMemory, OutputRaster::Features, testProvenance(), 0.5, nullptr, nullptr, &tooFew),
        Error);
    const std::vector<const float *> fewerPlanes(planes.begin(), planes.begin() + 3);
    EXPECT_THROW(finishOutputRaster(fromMemory, OutputRaster::Features, testProvenance(), 0.5, nullptr, nullptr,
                                    nullptr, &fewerPlanes),
                 Error);
}

TEST(OutputStyle, StaleSidecarsOfAnEarlierRunAreRemoved)
{
    TempDir dir;
    for (const char *f : {"classes.qml", "classes.tif.aux.xml", "labels_used.gpkg", "features.tif.ovr", "notes.txt"})
        std::ofstream(dir.file(f)) << "old";
    OutputSummary summary;
    summary.files = {"classes.qml"};
    removeStaleOutputs(dir.path(), summary);
    EXPECT_TRUE(std::filesystem::exists(dir.file("classes.qml")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("notes.txt")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("classes.tif.aux.xml")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("labels_used.gpkg")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("features.tif.ovr")));
}

TEST(LabelsUsed, OneFeaturePerUsedPositionWithClassSourceFoldAndScore)
{
    TempDir dir;
    PipelineResult r;
    r.grid = smallGrid(50, 40);
    r.valid.assign(r.grid.pixelCount(), 1);
    r.positions = {{5, 5, 1}, {10, 12, 1}, {30, 20, 0}, {40, 35, 0}};
    r.background = {{2, 38, 0}, {45, 3, 0}};
    ModeResult random, spatial;
    random.positionFold = {0, 1, -1, 1};
    spatial.positionFold = {2, 0, 1, -1};
    r.crossValidation = {random};
    r.spatialCrossValidation = {spatial};
    std::vector<float> probability(r.grid.pixelCount());
    for (std::size_t i = 0; i < probability.size(); ++i)
        probability[i] = float(i) / float(probability.size()); // rises row by row
    PipelineParams params;
    params.validationPixels = {std::size_t(20) * 50 + 25, std::size_t(39) * 50 + 49};
    RunContext context;
    context.labelsKind = "points";
    // The first deposit came from an imported point with attributes.
    auto origins = std::make_shared<LabelOrigins>();
    origins->attributeNames = {"name", "class"};
    origins->pixels[std::size_t(5) * 50 + 5] = {LabelSource::ImportedPoint, {"Kolari pit", "Fe"}};
    context.labelOrigins = origins;

    const std::string path = dir.file("labels_used.gpkg");
    const LabelsUsedCounts counts = writeLabelsUsed(path, r, params, context, probability);
    EXPECT_EQ(counts.labels, 6u);
    EXPECT_EQ(counts.validation, 2u);

    std::unique_ptr<GDALDataset, Closer> ds(
        static_cast<GDALDataset *>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
    ASSERT_TRUE(ds);
    OGRLayer *layer = ds->GetLayerByName("labels_used");
    ASSERT_NE(layer, nullptr);
    ASSERT_EQ(layer->GetFeatureCount(), 6);
    ASSERT_NE(layer->GetSpatialRef(), nullptr);
    EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "3067");
    struct Expect {
        int cls;
        const char *source;
        int fold, spatialFold;
    };
    const Expect expected[] = {{1, "imported point", 1, 3},  {1, "imported point", 2, 1}, {0, "random negative", 0, 2},
                               {0, "random negative", 2, 0}, {0, "background", 0, 0},     {0, "background", 0, 0}};
    layer->ResetReading();
    for (int i = 0; i < 6; ++i) {
        std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
        ASSERT_TRUE(f);
        const LabelledPosition p = i < 4 ? r.positions[std::size_t(i)] : r.background[std::size_t(i - 4)];
        EXPECT_EQ(f->GetFieldAsInteger("class"), expected[i].cls) << i;
        EXPECT_STREQ(f->GetFieldAsString("class_name"), expected[i].cls ? "deposit" : "non-deposit");
        EXPECT_STREQ(f->GetFieldAsString("source"), expected[i].source) << i;
        const int fold = f->GetFieldIndex("cv_fold"), spatialFold = f->GetFieldIndex("cv_fold_spatial");
        EXPECT_EQ(f->IsFieldSetAndNotNull(fold) ? f->GetFieldAsInteger(fold) : 0, expected[i].fold) << i;
        EXPECT_EQ(f->IsFieldSetAndNotNull(spatialFold) ? f->GetFieldAsInteger(spatialFold) : 0, expected[i].spatialFold)
            << i;
        EXPECT_EQ(f->GetFieldAsInteger("col"), p.col);
        EXPECT_EQ(f->GetFieldAsInteger("row"), p.row);
        const std::size_t index = std::size_t(p.row) * 50 + std::size_t(p.col);
        EXPECT_NEAR(f->GetFieldAsDouble("probability"), probability[index], 1e-6);
        // Pixels at or above index score at least as high: the share of the map from index on.
        EXPECT_NEAR(f->GetFieldAsDouble("top_percent"), 100.0 * double(2000 - index) / 2000.0, 1e-9);
        const OGRPoint *pt = f->GetGeometryRef()->toPoint();
        EXPECT_DOUBLE_EQ(pt->getX(), 500000 + (p.col + 0.5) * 100);
        EXPECT_DOUBLE_EQ(pt->getY(), 7500000 - (p.row + 0.5) * 100);
        if (i == 0) {
            EXPECT_STREQ(f->GetFieldAsString("name"), "Kolari pit");
            EXPECT_STREQ(f->GetFieldAsString("point_class"), "Fe"); // renamed: the layer has its own class
        } else {
            EXPECT_STREQ(f->GetFieldAsString("name"), "");
        }
    }
    OGRLayer *validation = ds->GetLayerByName("validation");
    ASSERT_NE(validation, nullptr);
    ASSERT_EQ(validation->GetFeatureCount(), 2);
    validation->ResetReading();
    std::unique_ptr<OGRFeature> v(validation->GetNextFeature());
    EXPECT_EQ(v->GetFieldAsInteger("col"), 25);
    EXPECT_EQ(v->GetFieldAsInteger("row"), 20);
    EXPECT_NEAR(v->GetFieldAsDouble("probability"), 1025.0 / 2000.0, 1e-6);
    EXPECT_EQ(v->GetFieldAsInteger("class"), 1);
    v.reset(validation->GetNextFeature());
    EXPECT_NEAR(v->GetFieldAsDouble("top_percent"), 100.0 / 2000.0, 1e-9); // the best pixel of the map
}

TEST(LabelsUsed, AnOriginCountsWhileTheLabelStillMatchesIt)
{
    // Labels painted and imported in the application: an imported point labels a deposit, a random negative a
    // non-deposit; a pixel painted over since is painted.
    TempDir dir;
    PipelineResult r;
    r.grid = smallGrid(50, 40);
    r.valid.assign(r.grid.pixelCount(), 1);
    r.positions = {{5, 5, 1}, {10, 12, 1}, {30, 20, 0}, {40, 35, 0}, {8, 8, 1}};
    std::vector<float> probability(r.grid.pixelCount(), 0.5f);
    RunContext context;
    context.labelsKind = "painted";
    auto origins = std::make_shared<LabelOrigins>();
    auto at = [](int col, int row) { return std::size_t(row) * 50 + std::size_t(col); };
    origins->pixels[at(5, 5)] = {LabelSource::RandomNegative, {}};   // painted deposit since
    origins->pixels[at(10, 12)] = {LabelSource::ImportedPoint, {}};  // still the point's deposit
    origins->pixels[at(30, 20)] = {LabelSource::RandomNegative, {}}; // still the drawn non-deposit
    origins->pixels[at(40, 35)] = {LabelSource::ImportedPoint, {}};  // painted non-deposit since
    context.labelOrigins = origins;
    const std::string path = dir.file("labels_used.gpkg");
    ASSERT_EQ(writeLabelsUsed(path, r, PipelineParams{}, context, probability).labels, 5u);
    std::unique_ptr<GDALDataset, Closer> ds(
        static_cast<GDALDataset *>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
    ASSERT_TRUE(ds);
    OGRLayer *layer = ds->GetLayerByName("labels_used");
    ASSERT_NE(layer, nullptr);
    std::vector<std::string> sources;
    layer->ResetReading();
    while (OGRFeature *f = layer->GetNextFeature()) {
        sources.emplace_back(f->GetFieldAsString("source"));
        OGRFeature::DestroyFeature(f);
    }
    EXPECT_EQ(sources,
              (std::vector<std::string>{"painted", "imported point", "random negative", "painted", "painted"}));
}

TEST(LabelsUsed, PointOriginsCarryTheAttributesOfTheFirstPointOnAPixel)
{
    PointSet points;
    points.x = {500050, 500060, 500250, 400000};
    points.y = {7499950, 7499940, 7499850, 7400000};
    points.crsWkt = wktOf(3067);
    points.attributeNames = {"id"};
    points.attributes = {{"a"}, {"b"}, {"c"}, {"outside"}};
    const LabelOrigins o = labelOriginsFromPoints(points, smallGrid(10, 10));
    ASSERT_EQ(o.pixels.size(), 2u);
    EXPECT_EQ(o.pixels.at(0).attributes.at(0), "a");
    EXPECT_EQ(o.pixels.at(std::size_t(1) * 10 + 2).attributes.at(0), "c");
    EXPECT_EQ(o.pixels.at(0).source, LabelSource::ImportedPoint);
}

TEST(ModelGrid, CellSizeAndCrsMismatchesAreReportedWithTheTrainingGrid)
{
    const std::string settings = "mode pixel-features\n" + modelGridSettings(smallGrid(300, 200, 100), "/x/kolari.tif");
    EXPECT_TRUE(modelGridWarnings(settings, smallGrid(300, 200, 100), "model.pt").empty());
    EXPECT_TRUE(modelGridWarnings(settings, smallGrid(300, 200, 120), "model.pt").empty()); // within 25 %
    const std::vector<std::string> finer = modelGridWarnings(settings, smallGrid(600, 400, 50), "/runs/model.pt");
    ASSERT_EQ(finer.size(), 1u);
    EXPECT_NE(finer[0].find("(50 m)"), std::string::npos) << finer[0];
    EXPECT_NE(finer[0].find("model.pt was trained on kolari.tif (300 x 200 cells of 100 m"), std::string::npos)
        << finer[0];
    EXPECT_NE(finer[0].find("0.5 times"), std::string::npos) << finer[0];
    GridSpec other = smallGrid(300, 200, 100);
    other.crsWkt = wktOf(32635);
    const std::vector<std::string> crs = modelGridWarnings(settings, other, "model.pt");
    ASSERT_EQ(crs.size(), 1u);
    EXPECT_NE(crs[0].find("CRS"), std::string::npos);
    EXPECT_NE(crs[0].find("UTM zone 35N"), std::string::npos) << crs[0];
    // Models written before the grid was recorded: nothing to compare.
    EXPECT_TRUE(modelGridWarnings("mode pixel-features\nstride 1\n", other, "model.pt").empty());
}
