// lodestone-fuzz-seeds OUT: writes the seed corpora of the harnesses, one folder each under OUT (labels,
// points_csv, points_geojson, lines_csv, lines_xz, model, project, report), from small valid files made here with
// GDAL, OGR, liblzma, the project schema and a short pipeline run, plus the model files of tests/core/data.
#include "labels.h"
#include "layers.h"
#include "pipeline.h"
#include "projectschema.h"
#include "raster.h"
#include "testutil.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <lzma.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace lodestone;
namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

std::string pointsCsv()
{
    std::ostringstream s;
    s << "name,X,Y\n";
    for (int i = 0; i < 6; ++i)
        s << "occurrence " << i << "," << 500000 + 150 + 250 * i << "," << 7500000 - 150 - 180 * i << "\n";
    return s.str();
}

void writePointsGeoJson(const fs::path &path)
{
    GDALDriver *drv = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    GDALDataset *ds = drv ? drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr;
    if (!ds)
        throw std::runtime_error("cannot write " + path.string());
    OGRSpatialReference srs;
    srs.importFromEPSG(3067);
    OGRLayer *layer = ds->CreateLayer("occurrences", &srs, wkbPoint, nullptr);
    OGRFieldDefn name("name", OFTString);
    layer->CreateField(&name);
    for (int i = 0; i < 6; ++i) {
        OGRFeature *f = OGRFeature::CreateFeature(layer->GetLayerDefn());
        f->SetField("name", ("occurrence " + std::to_string(i)).c_str());
        OGRPoint p(500000 + 150 + 250 * i, 7500000 - 150 - 180 * i);
        f->SetGeometry(&p);
        const OGRErr written = layer->CreateFeature(f);
        OGRFeature::DestroyFeature(f);
        if (written != OGRERR_NONE)
            throw std::runtime_error("cannot write a point to " + path.string());
    }
    GDALClose(ds);
}

std::string lineTable(char sep)
{
    std::ostringstream s;
    s.precision(10);
    s << "line" << sep << "X" << sep << "Y" << sep << "tfa\n";
    for (int l = 0; l < 4; ++l)
        for (int k = 0; k < 12; ++k)
            s << 100 + l << sep << 500000 + 13.0 * k << sep << 7500000 - 50.0 * l << sep << std::sin(k * 0.2) * 40 + l
              << "\n";
    return s.str();
}

std::string xz(const std::string &text, lzma_check check)
{
    std::string out(lzma_stream_buffer_bound(text.size()), '\0');
    std::size_t used = 0;
    if (lzma_easy_buffer_encode(6, check, nullptr, reinterpret_cast<const uint8_t *>(text.data()), text.size(),
                                reinterpret_cast<uint8_t *>(out.data()), &used, out.size()) != LZMA_OK)
        throw std::runtime_error("xz");
    out.resize(used);
    return out;
}

/** A model from a short run on a 40 x 30 survey: patch size 8, so that it also applies to the harness's 16 x 12;
 *  the run's report.json into reportFolder. */
void writeModel(const fs::path &folder, const fs::path &reportFolder)
{
    Raster s;
    s.grid.width = 40;
    s.grid.height = 30;
    s.grid.hasGeoTransform = true;
    s.grid.geoTransform = {500000, 100, 0, 7500000, 0, -100};
    s.grid.crsWkt = test::wktOf(3067);
    s.data.resize(s.grid.pixelCount());
    s.valid.assign(s.grid.pixelCount(), 1);
    for (std::size_t i = 0; i < s.data.size(); ++i)
        s.data[i] = float(std::sin(double(i) * 0.1) * 50);
    LabelImage labels = emptyLabels(s.grid);
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
    const PipelineResult run = runPipeline(s, labels, params, nullptr);
    test::TempDir dir;
    writePipelineOutputs(run, params, RunContext{}, dir.file("run"), nullptr);
    fs::copy_file(dir.file("run/model.pt"), folder / "model.pt", fs::copy_options::overwrite_existing);
    fs::copy_file(dir.file("run/report.json"), reportFolder / "report.json", fs::copy_options::overwrite_existing);
}

/** Project files: the defaults, and one with a result, exports, a view and a derived layer. */
void writeProjects(const fs::path &folder)
{
    ProjectDocument plain;
    plain.survey = {"survey.tif", "/data/survey.tif"};
    writeBytes(folder / "plain.lodestone", projectToJson(plain));
    ProjectDocument full = plain;
    full.labels = {"labels.tif", "/data/labels.tif"};
    full.validation = {"validation.csv", "/data/validation.csv"};
    full.resultsFolder = {"survey_results", "/data/survey_results"};
    full.exports["report_html"] = {"report.html", "/data/report.html"};
    full.hasExtent = true;
    full.extent = {500000, 7500000, 501600, 7498800};
    full.hasStyle = true;
    full.threshold = 0.35;
    full.greyBelow = true;
    full.features = {0, 3};
    full.training.ensemble = 2;
    ProjectUserLayer layer;
    layer.name = "analytic signal";
    layer.units = "nT/m";
    layer.origin = derivedLayers("as").front();
    full.userLayers.push_back(layer);
    writeBytes(folder / "full.lodestone", projectToJson(full));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "Usage: lodestone-fuzz-seeds OUT\n");
        return 2;
    }
    try {
        GDALAllRegister();
        const fs::path out = argv[1];
        for (const char *d :
             {"labels", "points_csv", "points_geojson", "lines_csv", "lines_xz", "model", "project", "report"})
            fs::create_directories(out / d);
        // Label rasters on the harness's survey grid (16 x 12, 100 m), and one on another grid.
        std::vector<double> v(16 * 12);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = i % 7 == 0 ? 1 : (i % 5 == 0 ? 0 : (i % 11 == 0 ? 255 : 2));
        const double nodata = 255;
        test::writeTestRaster((out / "labels/byte.tif").string(), 16, 12, {v}, "Byte", 500000, 7500000, 100, 3067,
                              &nodata);
        for (double &x : v)
            x = x == 255 ? 2 : x;
        test::writeTestRaster((out / "labels/float.tif").string(), 16, 12, {v}, "Float32");
        test::writeTestRaster((out / "labels/coarse.tif").string(), 8, 6,
                              {std::vector<double>(v.begin(), v.begin() + 48)}, "Byte", 500000, 7500000, 200, 3067,
                              &nodata);
        writeBytes(out / "points_csv/points.csv", pointsCsv());
        writeBytes(out / "points_csv/lonlat.csv", "id;Longitude;Latitude\n1;27.0;67.6\n2;27.01;67.59\n");
        writePointsGeoJson(out / "points_geojson/points.geojson");
        writeBytes(out / "lines_csv/comma.csv", lineTable(','));
        writeBytes(out / "lines_csv/blank.csv", lineTable(' '));
        writeBytes(out / "lines_xz/lines.csv.xz", xz(lineTable(','), LZMA_CHECK_CRC64));
        // Without a check of the content, a mutated block still decodes and reaches the table reader.
        writeBytes(out / "lines_xz/nocheck.csv.xz", xz(lineTable(','), LZMA_CHECK_NONE));
        writeModel(out / "model", out / "report");
        writeProjects(out / "project");
        for (const auto &f : fs::directory_iterator(LODESTONE_TEST_DATA))
            if (f.path().extension() == ".pt")
                fs::copy_file(f.path(), out / "model" / f.path().filename(), fs::copy_options::overwrite_existing);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "lodestone-fuzz-seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
