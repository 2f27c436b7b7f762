#include "outputstyle.h"

#include "atomicfile.h"
#include "error.h"
#include "feedback.h"
#include "gdalhelpers.h"
#include "labelsused.h"
#include "lodestone_version.h"
#include "parallel.h"

#include <gdal_priv.h>
#include <gdal_rat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <future>
#include <iomanip>
#include <limits>
#include <sstream>

namespace lodestone {

namespace {

namespace fs = std::filesystem;

std::string number(double v)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::setprecision(10) << v;
    return s.str();
}

std::string xmlEscape(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string quoteArgument(const std::string &a)
{
    if (!a.empty() && a.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos)
        return a;
    std::string q = "'";
    for (char c : a)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string utcNow(const char *format)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::ostringstream s;
    s << std::put_time(&tm, format);
    return s.str();
}

struct Stop {
    double at;
    int r, g, b;
};

// Perceptually uniform ramps (matplotlib's viridis and magma), five stops each.
const std::vector<Stop> kViridis = {
    {0, 68, 1, 84}, {0.25, 59, 82, 139}, {0.5, 33, 145, 140}, {0.75, 94, 201, 98}, {1, 253, 231, 37}};
const std::vector<Stop> kMagma = {
    {0, 0, 0, 4}, {0.25, 81, 18, 124}, {0.5, 183, 55, 121}, {0.75, 252, 137, 97}, {1, 252, 253, 191}};

std::string hexColor(int r, int g, int b)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
    return buf;
}

Stop rampAt(const std::vector<Stop> &ramp, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    for (std::size_t i = 1; i < ramp.size(); ++i)
        if (t <= ramp[i].at) {
            const Stop &a = ramp[i - 1], &b = ramp[i];
            const double f = (t - a.at) / (b.at - a.at);
            return {t, int(std::lround(a.r + f * (b.r - a.r))), int(std::lround(a.g + f * (b.g - a.g))),
                    int(std::lround(a.b + f * (b.b - a.b)))};
        }
    return ramp.back();
}

std::string styleHead()
{
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis version=\"3.28.0-Firenze\" styleCategories=\"AllStyleCategories\" hasScaleBasedVisibilityFlag=\"0\" "
           "minScale=\"1e+08\" maxScale=\"0\">\n"
           "  <!-- Written by Lodestone " LODESTONE_VERSION ": QGIS applies it when it opens the raster of the same "
           "name. -->\n"
           "  <pipe>\n";
}

std::string minMaxOrigin()
{
    return "      <minMaxOrigin>\n"
           "        <limits>None</limits>\n"
           "        <extent>WholeRaster</extent>\n"
           "        <statAccuracy>Exact</statAccuracy>\n"
           "        <cumulativeCutLower>0.02</cumulativeCutLower>\n"
           "        <cumulativeCutUpper>0.98</cumulativeCutUpper>\n"
           "        <stdDevFactor>2</stdDevFactor>\n"
           "      </minMaxOrigin>\n";
}

std::string styleTail(bool nearest)
{
    return std::string("    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
                       "    <huesaturation saturation=\"0\" grayscaleMode=\"0\" invertColors=\"0\" colorizeOn=\"0\" "
                       "colorizeRed=\"255\" colorizeGreen=\"128\" colorizeBlue=\"128\" colorizeStrength=\"100\"/>\n"
                       "    <rasterresampler maxOversampling=\"2\"") +
           (nearest ? "" : " zoomedInResampler=\"bilinear\"") +
           "/>\n"
           "    <resamplingStage>resamplingFilter</resamplingStage>\n"
           "  </pipe>\n"
           "  <blendMode>0</blendMode>\n"
           "</qgis>\n";
}

/** A pseudocolour renderer from minimum to maximum along ramp, with legend items (value, label). */
std::string pseudocolor(const std::vector<Stop> &ramp, double minimum, double maximum,
                        const std::vector<std::pair<double, std::string>> &items)
{
    std::string s = "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"1\" alphaBand=\"-1\" "
                    "nodataColor=\"\" classificationMin=\"" +
                    number(minimum) + "\" classificationMax=\"" + number(maximum) +
                    "\">\n"
                    "      <rasterTransparency/>\n" +
                    minMaxOrigin() +
                    "      <rastershader>\n"
                    "        <colorrampshader colorRampType=\"INTERPOLATED\" classificationMode=\"1\" clip=\"0\" "
                    "minimumValue=\"" +
                    number(minimum) + "\" maximumValue=\"" + number(maximum) +
                    "\" labelPrecision=\"2\">\n"
                    "          <colorramp type=\"gradient\" name=\"[source]\">\n"
                    "            <Option type=\"Map\">\n";
    auto rgba = [](const Stop &c) {
        return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ",255";
    };
    std::string stops;
    for (std::size_t i = 1; i + 1 < ramp.size(); ++i)
        stops += (stops.empty() ? "" : ":") + number(ramp[i].at) + ";" + rgba(ramp[i]);
    s += "              <Option type=\"QString\" name=\"color1\" value=\"" + rgba(ramp.front()) +
         "\"/>\n"
         "              <Option type=\"QString\" name=\"color2\" value=\"" +
         rgba(ramp.back()) +
         "\"/>\n"
         "              <Option type=\"QString\" name=\"discrete\" value=\"0\"/>\n"
         "              <Option type=\"QString\" name=\"rampType\" value=\"gradient\"/>\n"
         "              <Option type=\"QString\" name=\"stops\" value=\"" +
         stops +
         "\"/>\n"
         "            </Option>\n"
         "          </colorramp>\n";
    for (const auto &[value, label] : items) {
        const Stop c = rampAt(ramp, maximum > minimum ? (value - minimum) / (maximum - minimum) : 0.0);
        s += "          <item value=\"" + number(value) + "\" label=\"" + xmlEscape(label) + "\" color=\"" +
             hexColor(c.r, c.g, c.b) + "\" alpha=\"255\"/>\n";
    }
    s += "          <rampLegendSettings minimumLabel=\"\" maximumLabel=\"\" prefix=\"\" suffix=\"\" direction=\"0\" "
         "useContinuousLegend=\"0\" orientation=\"2\"/>\n"
         "        </colorrampshader>\n"
         "      </rastershader>\n"
         "    </rasterrenderer>\n";
    return s;
}

std::string fixed(double v, int digits)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
}

/** Overview factors: 2, 4, ... while the overview keeps at least about 128 pixels on its longer side; at least 2. */
std::vector<int> overviewLevels(int width, int height)
{
    std::vector<int> levels{2};
    const int longer = std::max(width, height);
    while (longer / (levels.back() * 2) >= 128)
        levels.push_back(levels.back() * 2);
    return levels;
}

const char *kindName(OutputRaster kind)
{
    switch (kind) {
    case OutputRaster::Classes: return "class map: 0 non-deposit, 1 deposit, 255 nodata";
    case OutputRaster::Probability: return "deposit probability 0..1, nodata -9999";
    case OutputRaster::Uncertainty: return "standard deviation of the ensemble's deposit probability, nodata -9999";
    case OutputRaster::Features: return "feature rasters (encoder activations), one per band, nodata -9999";
    }
    return "";
}

void writeProvenance(GDALDataset &ds, const Provenance &p, OutputRaster kind, double threshold)
{
    ds.SetMetadataItem("TIFFTAG_SOFTWARE", ("Lodestone " + p.version).c_str());
    std::string datetime = p.date; // 2026-03-01T12:00:00Z -> 2026:03:01 12:00:00
    if (datetime.size() >= 19) {
        datetime = datetime.substr(0, 19);
        datetime[4] = datetime[7] = ':';
        datetime[10] = ' ';
        ds.SetMetadataItem("TIFFTAG_DATETIME", datetime.c_str());
    }
    std::string description = std::string("Lodestone ") + kindName(kind);
    if (kind == OutputRaster::Classes)
        description += "; deposit where the deposit probability >= " + number(threshold);
    ds.SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", description.c_str());
    ds.SetMetadataItem("LODESTONE_VERSION", p.version.c_str());
    ds.SetMetadataItem("LODESTONE_COMMAND_LINE", p.commandLine.c_str());
    ds.SetMetadataItem("LODESTONE_SETTINGS", p.settings.c_str());
    if (p.seed)
        ds.SetMetadataItem("LODESTONE_SEED", std::to_string(*p.seed).c_str());
    ds.SetMetadataItem("LODESTONE_SURVEY", p.survey.c_str());
    ds.SetMetadataItem("LODESTONE_LABELS", p.labels.c_str());
    ds.SetMetadataItem("LODESTONE_DATE", p.date.c_str());
    ds.SetMetadataItem("LODESTONE_NETWORKS", p.networks.c_str());
    if (kind == OutputRaster::Classes || kind == OutputRaster::Probability)
        ds.SetMetadataItem("LODESTONE_CLASS_THRESHOLD", number(threshold).c_str());
}

void writeClassTable(GDALRasterBand &band)
{
    GUIntBig counts[2] = {0, 0};
    band.GetHistogram(-0.5, 1.5, 2, counts, FALSE, FALSE, GDALDummyProgress, nullptr);
    const std::vector<ColorEntry> colors = classColorTable();
    GDALDefaultRasterAttributeTable rat;
    rat.SetTableType(GRTT_THEMATIC);
    rat.CreateColumn("Value", GFT_Integer, GFU_MinMax);
    rat.CreateColumn("Count", GFT_Real, GFU_PixelCount);
    rat.CreateColumn("Class", GFT_String, GFU_Name);
    rat.CreateColumn("Red", GFT_Integer, GFU_Red);
    rat.CreateColumn("Green", GFT_Integer, GFU_Green);
    rat.CreateColumn("Blue", GFT_Integer, GFU_Blue);
    rat.CreateColumn("Alpha", GFT_Integer, GFU_Alpha);
    for (int v = 0; v < 2; ++v) {
        rat.SetValue(v, 0, v);
        rat.SetValue(v, 1, double(counts[v]));
        rat.SetValue(v, 2, classNames()[std::size_t(v)].c_str());
        for (const ColorEntry &c : colors)
            if (c.value == v) {
                rat.SetValue(v, 3, int(c.r));
                rat.SetValue(v, 4, int(c.g));
                rat.SetValue(v, 5, int(c.b));
                rat.SetValue(v, 6, int(c.a));
            }
    }
    band.SetDefaultRAT(&rat);
    CPLStringList names;
    for (const std::string &n : classNames())
        names.AddString(n.c_str());
    band.SetCategoryNames(names.List());
}

} // namespace

const std::vector<std::string> &classNames()
{
    static const std::vector<std::string> names{"non-deposit", "deposit"};
    return names;
}

std::string networksOrigin(const PipelineResult &r, const RunContext &c)
{
    if (c.classifiesWithModel())
        return "read from the model file " + c.labelsPath;
    if (r.featuresReusedFrom.empty())
        return "trained by this run";
    return r.featuresReusedFrom == "memory" ? "reused from memory (an earlier run in this session)"
                                            : "reused from " + r.featuresReusedFrom;
}

Provenance runProvenance(const PipelineParams &p, const RunContext &c, const PipelineResult *result)
{
    Provenance v;
    if (result)
        v.networks = networksOrigin(*result, c);
    else if (c.classifiesWithModel())
        v.networks = networksOrigin(PipelineResult(), c);
    v.version = LODESTONE_VERSION;
    for (const std::string &a : c.commandLine)
        v.commandLine += (v.commandLine.empty() ? "" : " ") + quoteArgument(a);
    const AutoencoderParams &a = p.autoencoder;
    std::string inputs;
    for (const std::string &name : p.svmInputs)
        inputs += (inputs.empty() ? "" : ",") + name;
    if (inputs.empty())
        inputs = "none";
    std::ostringstream s;
    s.imbue(std::locale::classic());
    if (c.classifiesWithModel()) {
        // A classification with a saved model trains nothing: its training settings are the model's run's.
        s << "training=none(model) patch=" << a.patchSize << " filters=" << a.filters[0] << "," << a.filters[1] << ","
          << a.filters[2] << " features=" << featureMethodName(p.featureMethod) << " stride=" << p.stride
          << " mode=" << svmModeName(p.mode);
        if (result && result->classifier)
            s << " classifier=" << classifierKindName(result->classifier->model().kind());
        s << " ensemble=" << p.ensemble << " svm_inputs=" << inputs << " threshold=" << ClassThreshold;
    } else {
        s << "patch=" << a.patchSize << " filters=" << a.filters[0] << "," << a.filters[1] << "," << a.filters[2]
          << " train_patches=" << a.trainPatches << " epochs=" << a.epochs << " batch=" << a.batchSize
          << " learning_rate=" << a.learningRate << " features=" << featureMethodName(p.featureMethod)
          << " stride=" << p.stride << " mode=" << svmModeName(p.mode) << " folds=" << p.experiments.folds
          << " per_class=" << p.experiments.perClass << " patch_resize=" << p.experiments.patchResize
          << " classifier=" << classifierKindName(p.experiments.svm.kind)
          << " svm_c=" << (p.experiments.svm.c > 0 ? number(p.experiments.svm.c) : "auto")
          << " svm_gamma=" << (p.experiments.svm.gamma > 0 ? number(p.experiments.svm.gamma) : "auto")
          << " ensemble=" << p.ensemble << " background=" << p.background
          << " deposit_buffer=" << p.experiments.depositBuffer << " cv=";
        for (std::size_t i = 0; i < p.cvSchemes.size(); ++i)
            s << (i ? "," : "") << cvSchemeName(p.cvSchemes[i]);
        if (p.cvSchemes.empty())
            s << "none";
        s << " svm_inputs=" << inputs << " evaluation=" << (p.evaluate ? "on" : "off")
          << " threshold=" << ClassThreshold;
    }
    v.settings = s.str();
    if (!c.classifiesWithModel()) // a classification draws nothing at random: it has no seed
        v.seed = p.seed;
    v.survey = fs::path(c.surveyPath).filename().string() + " (band " + std::to_string(c.band) + ")";
    v.labels = c.classifiesWithModel() ? "model " + fs::path(c.labelsPath).filename().string()
                                       : fs::path(c.labelsPath).filename().string();
    if (v.labels.empty())
        v.labels = c.labelsPath;
    v.date = utcNow("%Y-%m-%dT%H:%M:%SZ");
    return v;
}

std::string stylePathFor(const std::string &rasterPath)
{
    return fs::path(rasterPath).replace_extension(".qml").string();
}

std::string qgisStyle(OutputRaster kind, double threshold, int viewBand, double minimum, double maximum)
{
    std::string s = styleHead();
    switch (kind) {
    case OutputRaster::Classes: {
        s += "    <provider>\n      <resampling enabled=\"false\" maxOversampling=\"2\" "
             "zoomedInResamplingMethod=\"nearestNeighbour\" zoomedOutResamplingMethod=\"nearestNeighbour\"/>\n"
             "    </provider>\n"
             "    <rasterrenderer type=\"paletted\" band=\"1\" opacity=\"1\" alphaBand=\"-1\" nodataColor=\"\">\n"
             "      <rasterTransparency/>\n" +
             minMaxOrigin() + "      <colorPalette>\n";
        for (const ColorEntry &c : classColorTable())
            if (c.value < classNames().size())
                s += "        <paletteEntry value=\"" + std::to_string(c.value) + "\" label=\"" +
                     xmlEscape(classNames()[c.value]) + "\" color=\"" + hexColor(c.r, c.g, c.b) + "\" alpha=\"" +
                     std::to_string(c.a) + "\"/>\n";
        s += "      </colorPalette>\n"
             "    </rasterrenderer>\n";
        return s + styleTail(true);
    }
    case OutputRaster::Probability:
        s += pseudocolor(kViridis, 0.0, 1.0,
                         {{0.0, "0.00 unlikely"},
                          {threshold / 2, fixed(threshold / 2, 2)},
                          {threshold, fixed(threshold, 2) + " class threshold (deposit at or above)"},
                          {(1 + threshold) / 2, fixed((1 + threshold) / 2, 2)},
                          {1.0, "1.00 deposit"}});
        return s + styleTail(false);
    case OutputRaster::Uncertainty: {
        const double top = maximum > 0 ? maximum : 0.5;
        std::vector<std::pair<double, std::string>> items;
        for (int i = 0; i <= 4; ++i)
            items.emplace_back(top * i / 4, fixed(top * i / 4, 3) + (i == 0   ? " members agree"
                                                                     : i == 4 ? " most disagreement"
                                                                              : ""));
        s += pseudocolor(kMagma, 0.0, top, items);
        return s + styleTail(false);
    }
    case OutputRaster::Features:
        s += "    <rasterrenderer type=\"singlebandgray\" grayBand=\"" + std::to_string(std::max(1, viewBand)) +
             "\" gradient=\"BlackToWhite\" opacity=\"1\" alphaBand=\"-1\" nodataColor=\"\">\n"
             "      <rasterTransparency/>\n" +
             minMaxOrigin() +
             "      <contrastEnhancement>\n"
             "        <minValue>" +
             number(minimum) +
             "</minValue>\n"
             "        <maxValue>" +
             number(maximum) +
             "</maxValue>\n"
             "        <algorithm>StretchToMinimumMaximum</algorithm>\n"
             "      </contrastEnhancement>\n"
             "    </rasterrenderer>\n";
        return s + styleTail(false);
    }
    return s + styleTail(false);
}

namespace {

/** The overviews of ds at levels, computed from its bands in memory: the levels are created empty ("NONE"), then
 *  each is filled from a MEM band holding the plane as the file does (NaN as the band's nodata value), as
 *  GDALBuildOverviews() would from the file, without decompressing it again. */
CPLErr buildOverviewsFromMemory(GDALDataset &ds, const std::vector<const float *> &planes,
                                const std::vector<int> &levels, const char *resampling)
{
    if (GDALBuildOverviews(GDALDataset::ToHandle(&ds), "NONE", int(levels.size()), levels.data(), 0, nullptr, nullptr,
                           nullptr) != CE_None)
        return CE_Failure;
    GDALDriver *mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem)
        return CE_Failure;
    const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
    std::vector<float> plane(std::size_t(w) * std::size_t(h));
    for (std::size_t b = 0; b < planes.size(); ++b) {
        GDALRasterBand *band = ds.GetRasterBand(int(b) + 1);
        int hasNoData = 0;
        const double noData = band->GetNoDataValue(&hasNoData);
        // The values as the file holds them: NaN written as its nodata value.
        const float written = hasNoData ? float(noData) : std::numeric_limits<float>::quiet_NaN();
        std::transform(planes[b], planes[b] + plane.size(), plane.begin(),
                       [written](float v) { return std::isnan(v) ? written : v; });
        GDALDatasetUniquePtr source(mem->Create("", w, h, 0, GDT_Float32, nullptr));
        if (!source)
            return CE_Failure;
        char pointer[64];
        std::snprintf(pointer, sizeof pointer, "DATAPOINTER=%p", static_cast<void *>(plane.data()));
        const char *options[] = {pointer, nullptr};
        if (source->AddBand(GDT_Float32, const_cast<char **>(options)) != CE_None)
            return CE_Failure;
        GDALRasterBand *from = source->GetRasterBand(1);
        if (hasNoData)
            from->SetNoDataValue(noData);
        std::vector<GDALRasterBandH> overviews;
        for (int i = 0; i < band->GetOverviewCount(); ++i)
            overviews.push_back(GDALRasterBand::ToHandle(band->GetOverview(i)));
        if (GDALRegenerateOverviews(GDALRasterBand::ToHandle(from), int(overviews.size()), overviews.data(), resampling,
                                    nullptr, nullptr) != CE_None)
            return CE_Failure;
    }
    return CE_None;
}

} // namespace

std::vector<std::string> finishOutputRaster(const std::string &path, OutputRaster kind, const Provenance &provenance,
                                            double threshold, std::vector<ConstantBand> *constantBands, int *viewBand,
                                            const std::vector<PlaneStatistics> *statistics,
                                            const std::vector<const float *> *planes)
{
    if (GDALGetDriverCount() == 0)
        GDALAllRegister();
    const std::string name = fs::path(path).filename().string();
    std::vector<std::string> written;
    double viewMin = 0, viewMax = 1, uncertaintyMax = 0;
    int view = 0;
    {
        QuietGdal quiet;
        GDALDatasetUniquePtr ds(static_cast<GDALDataset *>(
            GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE, nullptr, nullptr, nullptr)));
        if (!ds)
            throw Error(ErrorCode::WriteFailed, "Cannot reopen " + path + " to finish it: " + quiet.lastMessage());
        writeProvenance(*ds, provenance, kind, threshold);
        const int bands = ds->GetRasterCount();
        if (statistics && int(statistics->size()) != bands)
            throw Error(ErrorCode::Internal, "The statistics given for " + path + " do not match its bands.");
        if (planes && int(planes->size()) != bands)
            throw Error(ErrorCode::Internal, "The bands given for " + path + " do not match its bands.");
        for (int b = 1; b <= bands; ++b) {
            GDALRasterBand *band = ds->GetRasterBand(b);
            double mn = 0, mx = 0, mean = 0, sd = 0;
            bool ok = false;
            if (statistics) {
                const PlaneStatistics &st = (*statistics)[std::size_t(b - 1)];
                ok = st.ok;
                if (ok) {
                    mn = st.minimum;
                    mx = st.maximum;
                    mean = st.mean;
                    sd = st.sd;
                    band->SetStatistics(mn, mx, mean, sd);
                }
                // As ComputeStatistics() writes it, with or without valid pixels.
                band->SetMetadataItem("STATISTICS_VALID_PERCENT", CPLSPrintf("%.4g", st.validPercent));
            } else {
                ok = band->ComputeStatistics(FALSE, &mn, &mx, &mean, &sd, nullptr, nullptr) == CE_None;
            }
            if (kind == OutputRaster::Features) {
                const bool constant = !ok || mn == mx;
                if (constant) {
                    band->SetMetadataItem("CONSTANT", "YES");
                    band->SetMetadataItem("CONSTANT_VALUE", ok ? number(mn).c_str() : "nan");
                    if (constantBands)
                        constantBands->push_back(
                            {b, band->GetDescription(), ok ? mn : std::numeric_limits<double>::quiet_NaN()});
                } else {
                    band->SetMetadataItem("CONSTANT", "NO");
                    if (view == 0) {
                        view = b;
                        viewMin = std::max(mn, mean - 2 * sd);
                        viewMax = std::min(mx, mean + 2 * sd);
                        if (!(viewMax > viewMin)) {
                            viewMin = mn;
                            viewMax = mx;
                        }
                    }
                }
            }
            if (kind == OutputRaster::Uncertainty && ok)
                uncertaintyMax = mx;
        }
        if (kind == OutputRaster::Classes)
            ds->GetRasterBand(1)->SetDescription("class");
        const std::vector<int> levels = overviewLevels(ds->GetRasterXSize(), ds->GetRasterYSize());
        CPLSetThreadLocalConfigOption("GDAL_NUM_THREADS", "ALL_CPUS");
        // The overviews of a ZSTD file (the feature rasters) at the level of the file itself, not GDAL's default 9:
        // a third less time for a file 1 % larger.
        CPLSetThreadLocalConfigOption("ZSTD_LEVEL_OVERVIEW", "1");
        const char *resampling = kind == OutputRaster::Classes ? "NEAREST" : "AVERAGE";
        const CPLErr built = planes
                                 ? buildOverviewsFromMemory(*ds, *planes, levels, resampling)
                                 : GDALBuildOverviews(GDALDataset::ToHandle(ds.get()), resampling, int(levels.size()),
                                                      levels.data(), 0, nullptr, nullptr, nullptr);
        CPLSetThreadLocalConfigOption("GDAL_NUM_THREADS", nullptr);
        CPLSetThreadLocalConfigOption("ZSTD_LEVEL_OVERVIEW", nullptr);
        if (built != CE_None)
            throw Error(ErrorCode::WriteFailed, "Cannot build the overviews of " + path + ": " + quiet.lastMessage());
        CPLErrorReset();
        ds->FlushCache();
        if (CPLGetLastErrorType() >= CE_Failure)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": " + quiet.lastMessage());
        GDALDataset *raw = ds.release();
        CPLErrorReset();
        GDALClose(raw);
        if (CPLGetLastErrorType() >= CE_Failure)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": " + quiet.lastMessage());
    }
    if (kind == OutputRaster::Classes) {
        // GDAL keeps a GeoTIFF's attribute table and category names in its .aux.xml (PAM), which it writes when a
        // dataset opened read-only closes (Lodestone otherwise turns PAM off, see raster.cpp).
        struct PamScope {
            PamScope() { CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "YES"); }
            ~PamScope() { CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr); }
        } pam;
        QuietGdal quiet;
        GDALDatasetUniquePtr ds(static_cast<GDALDataset *>(
            GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
        if (!ds)
            throw Error(ErrorCode::WriteFailed, "Cannot reopen " + path + " to finish it: " + quiet.lastMessage());
        writeClassTable(*ds->GetRasterBand(1));
        GDALDataset *raw = ds.release();
        CPLErrorReset();
        GDALClose(raw);
        if (CPLGetLastErrorType() >= CE_Failure)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ".aux.xml: " + quiet.lastMessage());
    }
    std::error_code ec;
    for (const char *suffix : {".aux.xml", ".ovr"})
        if (fs::exists(path + suffix, ec))
            written.push_back(name + suffix);
    if (viewBand)
        *viewBand = view;
    const std::string style = stylePathFor(path);
    const bool uncertainty = kind == OutputRaster::Uncertainty;
    writeTextFileAtomically(style,
                            qgisStyle(kind, threshold, view, uncertainty ? 0.0 : viewMin,
                                      uncertainty ? uncertaintyMax : (viewMax > viewMin ? viewMax : viewMin + 1)));
    written.push_back(fs::path(style).filename().string());
    return written;
}

OutputSummary finishRunOutputs(OutputStaging &staging, const PipelineResult &r, const PipelineParams &p,
                               const RunContext &c, Feedback *feedback)
{
    OutputSummary summary;
    summary.threshold = ClassThreshold;
    const fs::path dir = fs::path(staging.path("classes.tif")).parent_path();
    const Provenance provenance = runProvenance(p, c, &r);
    struct Item {
        const char *file;
        OutputRaster kind;
    };
    const Item items[] = {{"classes.tif", OutputRaster::Classes},
                          {"probability.tif", OutputRaster::Probability},
                          {"uncertainty.tif", OutputRaster::Uncertainty},
                          {"features.tif", OutputRaster::Features}};
    std::error_code ec;
    // One raster finished: its statistics and overviews from memory when the run holds its bands (a streamed run
    // does not). No mask: the file holds every finite value and nodata for the others.
    auto finish = [&](const Item &item, std::vector<ConstantBand> *constantBands, int *viewBand) {
        const fs::path path = dir / item.file;
        const std::size_t pixels = std::size_t(r.features.width) * std::size_t(r.features.height);
        std::vector<const float *> planes;
        if (item.kind == OutputRaster::Features && r.features.count > 0 &&
            r.features.data.size() == pixels * std::size_t(r.features.count))
            planes = r.features.planes();
        const std::size_t gridPixels = r.grid.pixelCount();
        if (item.kind == OutputRaster::Probability && r.probability.size() == gridPixels && gridPixels > 0)
            planes = {r.probability.data()};
        if (item.kind == OutputRaster::Uncertainty && r.uncertainty.size() == gridPixels && gridPixels > 0)
            planes = {r.uncertainty.data()};
        std::vector<PlaneStatistics> known;
        if (item.kind == OutputRaster::Features && !planes.empty())
            known = planeStatistics(planes, pixels, nullptr, -9999.0f, p.threads, feedback);
        return finishOutputRaster(path.string(), item.kind, provenance, summary.threshold, constantBands, viewBand,
                                  known.empty() ? nullptr : &known, planes.empty() ? nullptr : &planes);
    };
    // The feature rasters, by far the largest file, are finished on this thread while another finishes the other
    // rasters and writes labels_used.gpkg: most of the feature rasters' time is GDAL compressing their overviews
    // on one core. (This thread keeps the large allocations, so that they reuse the memory the run has freed.)
    // The other thread is joined before anything it uses goes out of scope, also when this one throws; it touches
    // neither staging nor the summary's file list.
    std::vector<std::vector<std::string>> written(4);
    const std::string labelsPath = r.positions.empty() ? std::string() : staging.path("labels_used.gpkg");
    LabelsUsedCounts labelsCounts;
    std::future<void> othersDone = std::async(std::launch::async, [&] {
        std::error_code missing;
        for (int i = 0; i < 3; ++i) {
            checkCanceled(feedback);
            if (fs::exists(dir / items[i].file, missing))
                written[std::size_t(i)] = finish(items[i], nullptr, nullptr);
        }
        if (!labelsPath.empty()) {
            checkCanceled(feedback);
            std::vector<float> probability = r.probability;
            if (probability.empty()) // a streamed run holds its probability map in probability.tif only
                probability = readRaster((dir / "probability.tif").string()).data;
            labelsCounts = writeLabelsUsed(labelsPath, r, p, c, probability);
        }
    });
    struct Join {
        std::future<void> &f;
        ~Join()
        {
            if (f.valid())
                f.wait();
        }
    } join{othersDone};
    const Item &featuresItem = items[3];
    if (fs::exists(dir / featuresItem.file, ec)) {
        checkCanceled(feedback);
        written[3] = finish(featuresItem, &summary.constantFeatures, &summary.featureViewBand);
    }
    reportProgress(feedback, 0.8);
    othersDone.get();
    // The files in a fixed order: the four rasters' sidecars, then labels_used.gpkg.
    for (const std::vector<std::string> &files : written)
        for (const std::string &f : files) {
            staging.path(f);
            summary.files.push_back(f);
        }
    if (!labelsPath.empty()) {
        summary.labelsUsed = labelsCounts.labels;
        summary.validationPoints = labelsCounts.validation;
        summary.files.push_back("labels_used.gpkg");
    }
    reportProgress(feedback, 1.0);
    return summary;
}

std::vector<std::string> staleOutputs(const OutputSummary &summary)
{
    std::vector<std::string> candidates{"labels_used.gpkg", "uncertainty.tif"};
    for (const char *base : {"classes", "probability", "uncertainty", "features"}) {
        candidates.push_back(std::string(base) + ".qml");
        candidates.push_back(std::string(base) + ".tif.aux.xml");
        candidates.push_back(std::string(base) + ".tif.ovr");
    }
    std::vector<std::string> stale;
    for (const std::string &name : candidates)
        if (std::find(summary.files.begin(), summary.files.end(), name) == summary.files.end())
            stale.push_back(name);
    return stale;
}

void removeStaleOutputs(const std::string &folder, const OutputSummary &summary)
{
    std::error_code ec;
    for (const std::string &name : staleOutputs(summary))
        fs::remove(fs::path(folder) / name, ec);
}

} // namespace lodestone
