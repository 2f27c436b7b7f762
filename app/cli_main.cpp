// lodestone-cli: the command-line front end of the core pipeline (demo, run, classify, derive, grid, info).
#include "consolefeedback.h"
#include "demo.h"
#include "autoencoder.h"
#include "error.h"
#include "gridding.h"
#include "labels.h"
#include "labelsused.h"
#include "layers.h"
#include "lodestone_version.h"
#include "magneticfilters.h"
#include "pipeline.h"
#include "raster.h"
#include "streaming.h"

#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace lodestone;

namespace {

const char *kUsage = R"(Usage: lodestone-cli COMMAND [OPTIONS]

Deposit prospectivity from a magnetic survey grid: a convolutional autoencoder learns features from
the patches around every pixel, and an SVM trained on a handful of labelled pixels classifies the map.

Commands:
  demo      Write the built-in demo survey: DIR/survey.tif, DIR/labels.tif, DIR/truth.tif.
  run       Train on a survey and its labels; write DIR/classes.tif, probability.tif, features.tif,
            model.pt, labels_used.gpkg, report.json and report.html (uncertainty.tif with --ensemble
            above 1), with a QGIS style (.qml) beside each raster.
  classify  Apply a saved model.pt to a survey; write DIR/classes.tif, probability.tif, features.tif
            and report.json; warns when the survey's cell size or CRS differs from the model's.
  derive    Write a magnetic product of a survey as a Float32 GeoTIFF: reduction to the pole,
            derivatives, tilt angle, analytic signal, upward continuation or local standard deviation.
  info      Size, georeferencing and value range of a raster.
  grid      Grid airborne line data (readings along flight lines) by minimum curvature in tension
            (GMT surface) into a GeoTIFF, e.g. the survey grid for run.

lodestone-cli demo --out DIR [options]
  --out DIR                  output folder (created if missing)
  --width W                  columns (default 512)
  --height H                 rows (default 512)
  --seed S                   random seed; the same seed writes identical files (default 1)

lodestone-cli run --survey FILE (--labels FILE | --points FILE [options]) --out DIR [options]
  --survey FILE              survey raster, any format GDAL reads
  --band B                   band of the survey (default 1)
  --labels FILE              label raster on the survey's grid: 0 non-deposit, 1 deposit, 2 or nodata unknown
  --points FILE              known occurrences (CSV with X/Y columns, Shapefile, GeoPackage, GeoJSON),
                             burned onto the grid as deposit
  --points-crs CRS           CRS of the points, e.g. EPSG:4326 (default: the file's own, else the survey's)
  --outside-points POLICY    skip: drop points outside the grid or on nodata with a warning;
                             error: refuse them (default skip)
  --negatives N              random non-deposit pixels to add (default 0)
  --negative-min-distance D  minimum distance of those from every occurrence, map units (default 0)
  --out DIR                  output folder (created if missing)
  --patch P                  patch size in pixels (default 50)
  --filters A,B,C            filters of the three encoder layers (default 16,8,8)
  --train-patches N          random patches for autoencoder training, per ensemble member (default
                             5000; 20000 with --preset paper)
  --epochs N                 training epochs (default 5)
  --batch N                  patches per training step (default 32; the reference script uses 256)
  --learning-rate R          Adam learning rate (default 0.001)
  --stride S                 stitch the patch of every S-th pixel (default 1: every pixel, as the paper)
  --features METHOD          dense: the stitched rasters of every pixel's patch (stride 1), computed
                             exactly by fully convolutional passes, hundreds of times faster;
                             exact: the paper's patch-by-patch stitch, which honours --stride
                             (default dense; exact when --stride is above 1)
  --mode MODE                SVM mode used to classify the map: pixel-features, pixel-samples,
                             patch-features or patch-samples (default pixel-features)
  --folds K                  cross-validation folds (default 5; fewer when a class has fewer positions)
  --per-class N              labelled positions drawn per class, balanced (default 12; 0 = all of the
                             smaller class)
  --patch-resize N           patch-wise modes: patches resized to N x N (default 10)
  --classifier KIND          logistic: L2-regularised logistic regression, a linear machine; svm: RBF
                             support vector machine, C and gamma searched (default logistic; svm with
                             --preset paper)
  --svm-c C                  SVM C, or auto for an inner grid search (default auto; logistic: 1)
  --svm-gamma G              RBF gamma, or auto for an inner grid search (default auto)
  --seed S                   random seed of every random choice (default 0)
  --threads N                CPU threads from 0 (all cores) to four per core, at least 16
                             (default 0)
  --stream WHEN              on: compute the feature rasters strip by strip, writing them to
                             features.tif block by block and classifying from it, in the memory of a
                             few strips (dense features only); off: hold them in memory; auto: on when
                             they would take more than 1 GB, e.g. above about 2900 x 2900 pixels with
                             the default filters (default auto)
  --strip-rows N             rows per strip of a streamed run (default 256)
  --preset NAME              default: the settings below; paper: the paper's pipeline (20000
                             training patches, one network, no background positions, the four
                             modes with random 5-fold cross-validation on 12 + 12 positions, as
                             Table I); the other options override it
  --cv SCHEME                cross-validation folds: random, spatial (groups of positions closer than
                             the patch size held out together, training positions within the patch
                             size of a test position left out) or both (default both; spatial is the
                             headline)
  --ensemble N               networks trained from different seeds, each with its own SVM; the
                             probability map is their mean, uncertainty.tif their standard deviation
                             (default 3; 1 with --preset paper)
  --evaluation WHEN          on: rank the map's pixels and measure success rate (training deposits),
                             held-out groups and prediction rate (validation occurrences), beside the
                             zero-label magnetic baselines; off: skip it (default on)
  --held-out-folds N         at most N folds over the groups of labelled positions for the held-out
                             evaluation (default 10)
  --validation-points FILE   occurrences not used for training (same formats as --points): the
                             prediction-rate curve ranks them
  --validation-crs CRS       CRS of the validation points (default: the file's own, else the survey's)
  --background N             random background pixels (valid, unlabelled, at least the patch size from
                             every deposit) added as non-deposit for the map's classifier; the
                             cross-validation uses the labels alone (default 100; 0 with --preset paper)
  --svm-inputs LIST          magnetic products of the survey added as SVM inputs beside the feature
                             rasters, comma-separated: hgrad, as, tilt, vd1, localstdN (N x N window);
                             amplitudes enter as logarithms; none for the feature rasters alone
                             (default as; none with --preset paper)
  --validation-labels FILE   a label raster on the survey's grid whose deposit (1) pixels are the
                             validation targets, e.g. mapped deposit footprints
  --layer FILE               an evidence raster read by the network beside the survey, as another input
                             channel (repeatable; band 1); a file on another grid or CRS is resampled
                             bilinearly onto the survey's grid, with a warning
  --derive LIST              magnetic products of the survey as further input channels, comma-separated:
                             rtp, vd1, hgrad, tilt, as, upH (continued H metres up, e.g. up500),
                             localstdN (N x N window); amplitudes enter as logarithms (default none)
  --inclination D, --declination D  the inducing field, for --derive rtp (degrees)
  --reuse-features DIR       take the trained networks and feature rasters from DIR, the output folder of
                             an earlier run (its model.pt and features.tif), instead of training: only
                             the SVMs, cross-validation and evaluation run, with the results of a full
                             run. Refused, naming what differs, unless the survey's values, the input
                             layers, every network and feature setting, the ensemble size and the seed
                             are those DIR was made with (labels, SVM, mode, folds, background and
                             evaluation settings may change). Runs in memory

lodestone-cli classify --model FILE --survey FILE --out DIR [options]
  --model FILE               model.pt written by run (autoencoder, its normalisation and the SVM)
  --survey FILE              survey raster to classify, any format GDAL reads
  --band B                   band of the survey (default 1)
  --out DIR                  output folder (created if missing)
  --stride S, --features M   as for run (default dense)
  --stream WHEN, --strip-rows N  as for run (default auto, 256)
  --layer FILE               the model's layer files for this survey, in the order they were given to
                             run (repeatable); its derived layers are computed again by themselves

lodestone-cli derive --survey FILE --product NAME --out FILE [options]
  --survey FILE              survey raster (total-field anomaly, nT), any format GDAL reads
  --band B                   band of the survey (default 1)
  --product NAME             rtp: reduction to the pole (nT); vd1: first vertical derivative (nT/m,
                             positive over a source); hgrad: horizontal-gradient magnitude (nT/m);
                             tilt: tilt angle atan2(vd1, hgrad) (radians); as: analytic-signal amplitude
                             (nT/m); up: upward continuation (nT); localstd: standard deviation of the
                             valid pixels in a square window (nT)
  --inclination D            rtp: inclination of the inducing field, degrees, positive down (required)
  --declination D            rtp: declination of the inducing field, degrees east of north (required)
  --stabilising-inclination D  rtp: below this absolute inclination the amplitude of the filter uses
                             it instead of the true one, keeping low-latitude results bounded (default 20)
  --height M                 up: continuation height, metres (default 100)
  --window N                 localstd: odd window side in pixels (default 9)
  --out FILE                 output GeoTIFF, written whole or not at all: Float32 on the survey's grid
                             and CRS, nodata (-9999) where the survey has nodata, band description =
                             the product name

lodestone-cli info FILE [--band B]
  --band B                   band to summarise (default 1)

lodestone-cli grid --lines FILE --value COL (--cell SIZE | --like FILE) --out FILE [options]
  --lines FILE               readings: a text table (.csv, .txt, .tsv, .xyz, .dat; comma, semicolon,
                             tab or blank separated; also compressed as .gz or .xz) or any point
                             file GDAL reads (Shapefile, GeoPackage, ...)
  --x COL, --y COL           columns of the coordinates (default: the first of X, Easting, Lon,
                             Longitude and of Y, Northing, Lat, Latitude, any case; point files:
                             the geometry)
  --value COL                column of the value to grid, e.g. total_field_anomaly_nt
  --crs CRS                  CRS of the coordinates, e.g. EPSG:4326 for longitude/latitude
                             (default: the file's own; text tables have none)
  --to-crs CRS               CRS of the grid, e.g. EPSG:32754 (default: --like's, else --crs)
  --cell SIZE                cell size in map units of the grid's CRS, e.g. 50 (metres)
  --like FILE                grid exactly onto the cells of this raster (extent, cell size, CRS)
  --extent XMIN,YMIN,XMAX,YMAX  grid this extent (map units; with --cell) instead of the
                             readings' bounds
  --tension T                GMT surface tension from 0 (minimum curvature) to 1 (default 0.25,
                             GMT's advice for potential fields)
  --max-distance D           cells farther than D map units from every reading are nodata;
                             none keeps every cell (default 5 cells)
  --decimate METHOD          median or mean: one point per cell before gridding, by GMT
                             blockmedian or blockmean (default median)
  --convergence C            surface stops when no cell changes by more than C (value units) in
                             an iteration (default: GMT's, 1e-4 of the values' rms about a plane)
  --iterations N             surface's iteration limit on the final grid (default: GMT's, 500)
  --out FILE                 output GeoTIFF (Float32, NaN nodata); written under a temporary name
                             and renamed when complete
  Ctrl-C while GMT surface runs takes effect when surface returns (about 10 s for a million
  readings on a 700 x 900 grid).

Common options:
  --quiet                    no progress bar
  --help                     show this help and exit
  --version                  show the version and exit

Exit status: 0 on success, 1 on bad input or a failed run, 2 on a usage error, 130 when canceled
(Ctrl-C, SIGTERM or SIGHUP: the run stops within a second and writes nothing).
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/** Parses "--key value" pairs against the options a command accepts. */
class Options {
public:
    Options(const std::vector<std::string> &args, const std::set<std::string> &valued,
            const std::set<std::string> &flags = {"--quiet"})
    {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string &a = args[i];
            if (flags.count(a)) {
                m_values[a] = "1";
            } else if (valued.count(a)) {
                if (i + 1 >= args.size())
                    throw UsageError("option " + a + " needs a value");
                m_values[a] = args[++i];
                m_all[a].push_back(m_values[a]);
            } else if (a.rfind("--", 0) == 0) {
                throw UsageError("unknown option " + a);
            } else {
                m_positional.push_back(a);
            }
        }
    }
    bool has(const std::string &k) const { return m_values.count(k) != 0; }
    std::string str(const std::string &k, const std::string &def = "") const
    {
        auto it = m_values.find(k);
        return it == m_values.end() ? def : it->second;
    }
    std::string required(const std::string &k) const
    {
        if (!has(k))
            throw UsageError("missing " + k);
        return str(k);
    }
    /** A whole number from lo to hi (by default any int, so that a value never wraps when stored in an int). */
    long long integer(const std::string &k, long long def, long long lo = std::numeric_limits<int>::min(),
                      long long hi = std::numeric_limits<int>::max()) const
    {
        if (!has(k))
            return def;
        return wholeNumber(k, str(k), lo, hi);
    }
    /** text as a whole number from lo to hi; what names the option or item in the message. */
    static long long wholeNumber(const std::string &what, const std::string &text, long long lo, long long hi,
                                 std::string range = {})
    {
        if (range.empty())
            range = std::to_string(lo) + " to " + std::to_string(hi);
        long long n = 0;
        bool parsed = false;
        try {
            std::size_t used = 0;
            n = std::stoll(text, &used);
            parsed = used == text.size() && !text.empty() && !std::isspace(static_cast<unsigned char>(text[0]));
        } catch (const std::out_of_range &) {
            throw UsageError(what + " must be from " + range + ", not " + text);
        } catch (...) {
        }
        if (!parsed)
            throw UsageError(what + " needs a whole number, not '" + text + "'");
        if (n < lo || n > hi)
            throw UsageError(what + " must be from " + range + ", not " + text);
        return n;
    }
    double real(const std::string &k, double def) const
    {
        if (!has(k))
            return def;
        const std::string v = str(k);
        try {
            std::size_t used = 0;
            double d = std::stod(v, &used);
            if (used == v.size() && std::isfinite(d))
                return d;
        } catch (...) {
        }
        throw UsageError(k + " needs a finite number, not '" + v + "'");
    }
    /** "auto" (or absent) gives 0. */
    double realOrAuto(const std::string &k) const
    {
        if (!has(k) || str(k) == "auto")
            return 0.0;
        const double d = real(k, 0.0);
        if (!(d > 0))
            throw UsageError(k + " must be positive or auto");
        return d;
    }
    const std::vector<std::string> &positional() const { return m_positional; }
    /** Every value of an option given several times, in order (str() gives the last). */
    std::vector<std::string> all(const std::string &k) const
    {
        auto it = m_all.find(k);
        return it == m_all.end() ? std::vector<std::string>() : it->second;
    }

private:
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::vector<std::string>> m_all;
    std::vector<std::string> m_positional;
};

void printWarnings(const std::vector<std::string> &warnings)
{
    for (const auto &w : warnings)
        std::fprintf(stderr, "warning: %s\n", w.c_str());
}

int cmdDemo(const std::vector<std::string> &args)
{
    Options o(args, {"--out", "--width", "--height", "--seed"});
    DemoParams p;
    const std::string out = o.required("--out");
    p.width = int(o.integer("--width", p.width, 1, 100000));
    p.height = int(o.integer("--height", p.height, 1, 100000));
    p.seed = std::uint64_t(o.integer("--seed", 1, 0, std::numeric_limits<long long>::max()));
    ConsoleFeedback feedback(o.has("--quiet"));
    prepareOutputFolder(out);
    DemoSurvey s = generateDemoSurvey(p, &feedback);
    writeDemoSurvey(s, out);
    std::printf("Demo survey (%d x %d, seed %llu) written to %s: %s, %s, %s\n", p.width, p.height,
                (unsigned long long)p.seed, out.c_str(), demoSurveyFile(), demoLabelsFile(), demoTruthFile());
    return 0;
}

/** Dense features have stride-1 meaning; a stride above 1 selects the exact stitch unless dense is asked for. */
FeatureMethod featureMethodOption(const Options &o)
{
    const long long stride = o.integer("--stride", 1, 1, 1000000);
    if (!o.has("--features"))
        return stride > 1 ? FeatureMethod::Exact : FeatureMethod::Dense;
    FeatureMethod method;
    if (!parseFeatureMethod(o.str("--features"), method))
        throw UsageError("--features must be exact or dense");
    if (method == FeatureMethod::Dense && stride != 1)
        throw UsageError("--features dense computes every pixel's patch; --stride applies to --features exact");
    return method;
}

/** Feature rasters larger than this stream when --stream is auto. */
constexpr std::size_t kStreamAbove = std::size_t(1) << 30;

struct StreamChoice {
    bool on = false, automatic = true;
    int stripRows = 256;
};

StreamChoice streamChoice(const Options &o, FeatureMethod method)
{
    StreamChoice c;
    const std::string stream = o.str("--stream", "auto");
    if (stream != "auto" && stream != "on" && stream != "off")
        throw UsageError("--stream must be auto, on or off");
    c.on = stream == "on";
    c.automatic = stream == "auto";
    if (c.on && method != FeatureMethod::Dense)
        throw UsageError("--stream on computes dense features; it cannot be combined with --features exact or --stride");
    const long long rows = o.integer("--strip-rows", 256);
    if (rows < 16 || rows > 65536)
        throw UsageError("--strip-rows must be from 16 to 65536");
    c.stripRows = int(rows);
    return c;
}

void applyPreset(const Options &o, PipelineParams &p);

/** --threads: 0 (all cores) to maxThreads(); a larger number would only start threads that wait for the cores. */
int threadsOption(const Options &o)
{
    if (!o.has("--threads"))
        return 0;
    return int(Options::wholeNumber("--threads", o.str("--threads"), 0, maxThreads(),
                                    "0 (all cores) to " + std::to_string(maxThreads())));
}

/** The run's settings: base (defaults or a preset) overridden by the options given. */
PipelineParams pipelineParams(const Options &o, PipelineParams p)
{
    AutoencoderParams &a = p.autoencoder;
    a.patchSize = int(o.integer("--patch", a.patchSize, 4, 512));
    if (o.has("--filters")) {
        std::stringstream s(o.str("--filters"));
        std::string item;
        std::vector<int> f;
        while (std::getline(s, item, ',')) {
            if (f.size() == 3)
                throw UsageError("--filters needs three numbers separated by commas, e.g. 16,8,8");
            f.push_back(int(Options::wholeNumber("each of --filters", item, 1, 256)));
        }
        if (f.size() != 3)
            throw UsageError("--filters needs three numbers separated by commas, e.g. 16,8,8");
        a.filters = {f[0], f[1], f[2]};
    }
    a.trainPatches = int(o.integer("--train-patches", a.trainPatches, 1, 100000000));
    a.epochs = int(o.integer("--epochs", a.epochs, 1, 100000));
    a.batchSize = int(o.integer("--batch", a.batchSize, 1, 1000000));
    a.learningRate = o.real("--learning-rate", a.learningRate);
    p.stride = int(o.integer("--stride", p.stride, 1, 1000000));
    p.featureMethod = featureMethodOption(o);
    if (o.has("--mode")) {
        SvmMode m;
        if (!parseSvmMode(o.str("--mode"), m))
            throw UsageError("--mode must be pixel-features, pixel-samples, patch-features or patch-samples");
        p.mode = m;
    }
    p.experiments.folds = int(o.integer("--folds", p.experiments.folds, 2, 1000));
    p.experiments.perClass = int(o.integer("--per-class", p.experiments.perClass, 0, 100000000));
    p.experiments.patchResize = int(o.integer("--patch-resize", p.experiments.patchResize, 1, 512));
    if (o.has("--classifier") && !parseClassifierKind(o.str("--classifier"), p.experiments.svm.kind))
        throw UsageError("--classifier must be svm or logistic");
    p.experiments.svm.c = o.realOrAuto("--svm-c");
    p.experiments.svm.gamma = o.realOrAuto("--svm-gamma");
    p.seed = std::uint64_t(o.integer("--seed", 0, 0, std::numeric_limits<long long>::max()));
    p.threads = threadsOption(o);
    const std::string cv = o.str("--cv", "");
    if (cv.empty())
        ; // as the preset says
    else if (cv == "random")
        p.cvSchemes = {CvScheme::Random};
    else if (cv == "spatial")
        p.cvSchemes = {CvScheme::Spatial};
    else if (cv == "both")
        p.cvSchemes = {CvScheme::Random, CvScheme::Spatial};
    else
        throw UsageError("--cv must be random, spatial or both");
    const long long ensemble = o.integer("--ensemble", p.ensemble);
    if (ensemble < 1 || ensemble > 100)
        throw UsageError("--ensemble must be from 1 to 100");
    p.ensemble = int(ensemble);
    const std::string evaluation = o.str("--evaluation", "on");
    if (evaluation != "on" && evaluation != "off")
        throw UsageError("--evaluation must be on or off");
    p.evaluate = evaluation == "on";
    const long long background = o.integer("--background", p.background);
    if (background < 0 || background > 100000)
        throw UsageError("--background must be from 0 to 100000");
    p.background = int(background);
    if (o.has("--svm-inputs")) {
        p.svmInputs.clear();
        const std::string list = o.str("--svm-inputs");
        if (list != "none") {
            std::stringstream items(list);
            std::string item;
            while (std::getline(items, item, ','))
                p.svmInputs.push_back(item);
        }
    }
    p.layers.clear();
    for (const std::string &file : o.all("--layer"))
        p.layers.push_back(fileLayer(file));
    if (o.has("--derive")) {
        DeriveParams base;
        const std::string list = o.str("--derive");
        const bool rtp = (',' + list + ',').find(",rtp,") != std::string::npos;
        if (rtp && (!o.has("--inclination") || !o.has("--declination")))
            throw UsageError("--derive rtp needs --inclination and --declination of the inducing field");
        if (!rtp && (o.has("--inclination") || o.has("--declination")))
            throw UsageError("--inclination and --declination apply to --derive rtp only");
        base.inclination = o.real("--inclination", base.inclination);
        base.declination = o.real("--declination", base.declination);
        if (list != "none")
            for (const LayerSpec &l : derivedLayers(list, base))
                p.layers.push_back(l);
    } else if (o.has("--inclination") || o.has("--declination")) {
        throw UsageError("--inclination and --declination apply to --derive rtp only");
    }
    const long long heldOut = o.integer("--held-out-folds", p.heldOutFolds);
    if (heldOut < 2 || heldOut > 1000)
        throw UsageError("--held-out-folds must be from 2 to 1000");
    p.heldOutFolds = int(heldOut);
    return p;
}

/** Applies --preset before the other options, which then override it. */
void applyPreset(const Options &o, PipelineParams &p)
{
    const std::string preset = o.str("--preset", "default");
    if (preset == "paper") {
        // The paper's Table I: four modes, random 5-fold cross-validation on 12 + 12 positions, one network.
        p = paperPipelineParams();
    } else if (preset != "default") {
        throw UsageError("--preset must be default or paper");
    }
}

void printCrossValidation(const PipelineResult &r, const std::vector<ModeResult> &modes, const char *scheme)
{
    if (modes.empty())
        return;
    std::printf("\nCross-validation, %s folds (%zu deposit, %zu non-deposit positions)\n", scheme, r.deposits,
                r.nonDeposits);
    std::printf("%-16s %9s %9s %9s %9s %7s  %s\n", "mode", "accuracy", "precision", "recall", "F1", "AUC",
                "confusion [tn fp; fn tp]");
    for (const ModeResult &m : modes)
        std::printf("%-16s %8.1f%% %9.3f %9.3f %9.3f %7.3f  [%ld %ld; %ld %ld]\n", svmModeName(m.mode).c_str(),
                    100.0 * m.accuracy, m.precision, m.recall, m.f1, m.auc, m.confusion.tn, m.confusion.fp,
                    m.confusion.fn, m.confusion.tp);
}

void printSummary(const PipelineResult &r, const std::string &out)
{
    printCrossValidation(r, r.crossValidation, "random");
    printCrossValidation(r, r.spatialCrossValidation, "spatial");
    const MapEvaluation &e = r.evaluation;
    if (!e.empty()) {
        const bool prediction = e.validationUsed > 0;
        std::printf("\nEvaluation against deposits (%d training deposit pixels, %d held-out folds%s)\n",
                    e.trainingDeposits, e.heldOutGroups,
                    prediction ? (", " + std::to_string(e.validationUsed) + " validation occurrences").c_str() : "");
        std::printf("%-12s %9s %9s %11s %9s %9s  %s\n", "map", "success", "held-out", "prediction", "top 10%",
                    "top 20%", "");
        for (const ScoreEvaluation &row : e.rows) {
            const RateCurve &h = prediction ? row.prediction : row.heldOut;
            std::printf("%-12s %9.3f %9.3f %11.3f %9.3f %9.3f  %s\n", row.name.c_str(), row.success.auc,
                        row.heldOut.auc, prediction ? row.prediction.auc : std::nan(""), capturedInTop(h, 0.10),
                        capturedInTop(h, 0.20), row.title.c_str());
        }
        const int best = e.bestBaseline();
        if (best >= 0)
            std::printf("%s AUC: model %.3f, best baseline (%s) %.3f, difference %+.3f\n",
                        prediction ? "Prediction-rate" : "Held-out", e.headlineAuc(e.rows.front()),
                        e.rows[std::size_t(best)].name.c_str(), e.headlineAuc(e.rows[std::size_t(best)]),
                        e.headlineAuc(e.rows.front()) - e.headlineAuc(e.rows[std::size_t(best)]));
        for (const std::string &n : e.notes)
            std::printf("note: %s\n", n.c_str());
    }
    std::printf("\nOutputs in %s\n", out.c_str());
}

int cmdRun(const std::vector<std::string> &args, const std::vector<std::string> &commandLine)
{
    Options o(args, {"--survey", "--band", "--labels", "--points", "--points-crs", "--outside-points", "--negatives",
                     "--negative-min-distance", "--out", "--patch", "--filters", "--train-patches", "--epochs",
                     "--batch", "--learning-rate", "--stride", "--features", "--mode", "--folds", "--per-class", "--patch-resize",
                     "--svm-c", "--svm-gamma", "--classifier", "--seed", "--threads", "--stream", "--strip-rows", "--cv",
                     "--ensemble", "--evaluation", "--held-out-folds", "--validation-points", "--validation-crs",
                     "--validation-labels", "--preset", "--svm-inputs", "--background", "--layer", "--derive",
                     "--inclination", "--declination", "--reuse-features"});
    const std::string surveyPath = o.required("--survey");
    const std::string out = o.required("--out");
    if (o.has("--labels") == o.has("--points"))
        throw UsageError("give either --labels FILE or --points FILE");
    PipelineParams params;
    applyPreset(o, params);
    params = pipelineParams(o, params);
    const StreamChoice stream = streamChoice(o, params.featureMethod);
    const int band = int(o.integer("--band", 1, 1, 65536));
    const long long negatives = o.integer("--negatives", 0, 0, 10000000);
    prepareOutputFolder(out);
    ConsoleFeedback feedback(o.has("--quiet"));
    feedback.setStage("Reading the survey");
    Raster survey = readRaster(surveyPath, band);

    RunContext context;
    context.surveyPath = surveyPath;
    context.band = band;
    context.commandLine = commandLine;
    LabelLoadReport report;
    LabelImage labels;
    if (o.has("--labels")) {
        context.labelsPath = o.str("--labels");
        context.labelsKind = "raster";
        labels = readLabelRaster(context.labelsPath, survey, &report);
    } else {
        context.labelsPath = o.str("--points");
        context.labelsKind = "points";
        const std::string policy = o.str("--outside-points", "skip");
        if (policy != "skip" && policy != "error")
            throw UsageError("--outside-points must be skip or error");
        PointSet points = readPoints(context.labelsPath, o.str("--points-crs"));
        labels = labelsFromPoints(points, survey, policy == "skip" ? OutsidePolicy::Skip : OutsidePolicy::Error, &report);
        context.labelOrigins = std::make_shared<LabelOrigins>(labelOriginsFromPoints(points, survey.grid));
        if (negatives > 0)
            addRandomNegatives(labels, survey, points, int(negatives), o.real("--negative-min-distance", 0.0),
                               params.seed);
    }
    if (o.has("--validation-points") && o.has("--validation-labels"))
        throw UsageError("give either --validation-points FILE or --validation-labels FILE");
    if (o.has("--validation-points")) {
        LabelLoadReport validationReport;
        const PointSet points = readPoints(o.str("--validation-points"), o.str("--validation-crs"));
        const LabelImage validation = labelsFromPoints(points, survey, OutsidePolicy::Skip, &validationReport);
        for (const std::string &w : validationReport.warnings)
            report.warnings.push_back("Validation points: " + w);
        params.validationPixels = depositPixels(validation.values, survey.valid);
    } else if (o.has("--validation-labels")) {
        const LabelImage validation = readLabelRaster(o.str("--validation-labels"), survey);
        params.validationPixels = depositPixels(validation.values, survey.valid);
        if (params.validationPixels.empty())
            throw Error(ErrorCode::BadLabels, o.str("--validation-labels") + " holds no deposit (1) pixel on valid ground.");
    }
    printWarnings(report.warnings);
    if (o.has("--reuse-features")) {
        if (stream.on)
            throw UsageError("--reuse-features runs in memory: leave out --stream on");
        FeatureReuse reuse;
        reuse.required = true;
        feedback.setStage("Reading the networks and feature rasters to reuse");
        reuse.offered = readTrainedFeatures(o.str("--reuse-features"));
        PipelineResult result = runPipeline(survey, labels, params, &feedback, &reuse);
        result.warnings.insert(result.warnings.begin(), report.warnings.begin(), report.warnings.end());
        writePipelineOutputs(result, params, context, out, &feedback, true, &survey);
        printWarnings(std::vector<std::string>(result.warnings.begin() + report.warnings.size(), result.warnings.end()));
        std::printf("Reused the networks and feature rasters of %s\n", result.featuresReusedFrom.c_str());
        printSummary(result, out);
        return 0;
    }
    if (stream.on || (stream.automatic && params.featureMethod == FeatureMethod::Dense &&
                      featureRasterBytes(survey.grid, params.autoencoder) > kStreamAbove)) {
        PipelineResult result = runPipelineStreamed(survey, labels, params, context, out, &feedback, report.warnings,
                                                    stream.stripRows);
        printWarnings(std::vector<std::string>(result.warnings.begin() + report.warnings.size(), result.warnings.end()));
        printSummary(result, out);
        return 0;
    }
    PipelineResult result = runPipeline(survey, labels, params, &feedback);
    result.warnings.insert(result.warnings.begin(), report.warnings.begin(), report.warnings.end());
    writePipelineOutputs(result, params, context, out, &feedback, true, &survey);
    printWarnings(std::vector<std::string>(result.warnings.begin() + report.warnings.size(), result.warnings.end()));
    printSummary(result, out);
    return 0;
}

int cmdClassify(const std::vector<std::string> &args, const std::vector<std::string> &commandLine)
{
    Options o(args,
              {"--model", "--survey", "--band", "--out", "--stride", "--features", "--stream", "--strip-rows", "--layer"});
    const std::string modelPath = o.required("--model");
    const std::string surveyPath = o.required("--survey");
    const std::string out = o.required("--out");
    const FeatureMethod method = featureMethodOption(o);
    const StreamChoice stream = streamChoice(o, method);
    const int band = int(o.integer("--band", 1, 1, 65536));
    prepareOutputFolder(out);
    ConsoleFeedback feedback(o.has("--quiet"));
    feedback.setStage("Reading the survey");
    Raster survey = readRaster(surveyPath, band);
    RunContext context;
    context.surveyPath = surveyPath;
    context.band = band;
    context.labelsPath = modelPath;
    context.labelsKind = "model";
    context.commandLine = commandLine;
    PipelineResult model = loadModel(modelPath, survey);
    printWarnings(model.warnings); // a survey on another grid than the model's
    std::vector<std::string> layerWarnings;
    model.layers = matchModelLayers(model.layers, o.all("--layer"), layerWarnings);
    printWarnings(layerWarnings);
    if (!model.members.empty() && stream.on)
        throw UsageError("an ensemble's model classifies in memory: leave out --stream on");
    if (stream.on || (stream.automatic && method == FeatureMethod::Dense && model.members.empty() &&
                      featureRasterBytes(survey.grid, model.autoencoder->params()) > kStreamAbove)) {
        const std::size_t shown = model.warnings.size();
        PipelineResult result =
            classifyWithModelStreamed(std::move(model), survey, context, out, &feedback, stream.stripRows);
        printWarnings(std::vector<std::string>(result.warnings.begin() + std::ptrdiff_t(shown), result.warnings.end()));
        printSummary(result, out);
        return 0;
    }
    const std::size_t shown = model.warnings.size();
    PipelineResult result =
        classifyWithModel(std::move(model), survey, int(o.integer("--stride", 1)), method, &feedback);
    printWarnings(std::vector<std::string>(result.warnings.begin() + std::ptrdiff_t(shown), result.warnings.end()));
    PipelineParams params;
    params.autoencoder = result.autoencoder->params();
    params.stride = int(o.integer("--stride", 1));
    params.featureMethod = method;
    params.mode = result.classifier->mode();
    params.svmInputs = result.svmInputs;
    params.layers = result.layers;
    params.ensemble = result.ensemble;
    params.evaluate = false;
    writePipelineOutputs(result, params, context, out, &feedback, false, &survey);
    printSummary(result, out);
    return 0;
}

int cmdDerive(const std::vector<std::string> &args)
{
    Options o(args, {"--survey", "--band", "--product", "--inclination", "--declination", "--stabilising-inclination",
                     "--height", "--window", "--out"});
    const std::string surveyPath = o.required("--survey");
    const std::string out = o.required("--out");
    DeriveParams p;
    if (!parseMagneticProduct(o.required("--product"), p.product))
        throw UsageError("--product must be rtp, vd1, hgrad, tilt, as, up or localstd, not '" + o.str("--product") +
                         "'");
    const std::string name = magneticProductName(p.product);
    // Options of another product are refused rather than ignored: they would suggest an effect they do not have.
    const std::map<std::string, MagneticProduct> ownOption = {
        {"--inclination", MagneticProduct::ReducedToPole},
        {"--declination", MagneticProduct::ReducedToPole},
        {"--stabilising-inclination", MagneticProduct::ReducedToPole},
        {"--height", MagneticProduct::UpwardContinuation},
        {"--window", MagneticProduct::LocalStdDev}};
    for (const auto &[option, product] : ownOption)
        if (o.has(option) && product != p.product)
            throw UsageError(option + " applies to --product " + magneticProductName(product) + ", not " + name);
    if (p.product == MagneticProduct::ReducedToPole) {
        if (!o.has("--inclination") || !o.has("--declination"))
            throw UsageError("--product rtp needs --inclination and --declination of the inducing field");
        p.inclination = o.real("--inclination", p.inclination);
        p.declination = o.real("--declination", p.declination);
        p.stabilisingInclination = o.real("--stabilising-inclination", p.stabilisingInclination);
    }
    p.height = o.real("--height", p.height);
    const long long window = o.integer("--window", p.window);
    if (window < 3 || window > 1001 || window % 2 == 0)
        throw UsageError("--window must be an odd number from 3 to 1001");
    p.window = int(window);

    ConsoleFeedback feedback(o.has("--quiet"));
    feedback.setStage("Reading the survey");
    const int band = int(o.integer("--band", 1, 1, 65536));
    Raster survey = readRaster(surveyPath, band);
    feedback.setStage("Computing " + name);
    Raster product = deriveMagneticProduct(survey, p, &feedback);
    feedback.setStage("Writing " + name);
    writeFloatGeoTiff(out, product.grid, {product.data.data()}, -9999.0f, {name}, Compression::Deflate, &feedback);
    std::printf("%s of %s (band %d, %d x %d) written to %s\n", name.c_str(), surveyPath.c_str(), band, product.width(),
                product.height(), out.c_str());
    return 0;
}

int cmdInfo(const std::vector<std::string> &args)
{
    Options o(args, {"--band"});
    if (o.positional().size() != 1)
        throw UsageError("info needs one raster file");
    const std::string path = o.positional()[0];
    const int band = int(o.integer("--band", 1, 1, 65536));
    RasterInfo info = readRasterInfo(path);
    std::printf("file: %s\ndriver: %s\nsize: %d x %d\nbands: %d\n", path.c_str(), info.driver.c_str(), info.grid.width,
                info.grid.height, info.bandCount);
    const auto &g = info.grid.geoTransform;
    if (info.grid.hasGeoTransform)
        std::printf("geotransform: %.10g %.10g %.10g %.10g %.10g %.10g\n", g[0], g[1], g[2], g[3], g[4], g[5]);
    std::printf("crs: %s\n", info.grid.crsWkt.empty() ? "(none)" : "defined");
    std::fflush(stdout);
    if (band > info.bandCount)
        throw Error(ErrorCode::BadBand, path + " has " + std::to_string(info.bandCount) + " band(s); band " +
                                            std::to_string(band) + " does not exist.");
    try {
        requireMemoryFor(path, info.grid, sizeof(float) + 1);
    } catch (const Error &e) {
        // The header above is what a raster this large can be asked for; its values would not fit in memory.
        std::printf("band %d: not summarised: %s\n", band, e.what());
        return 0;
    }
    Raster r = readRaster(path, band);
    float lo = 0, hi = 0;
    bool first = true;
    for (std::size_t i = 0; i < r.data.size(); ++i) {
        if (!r.valid[i])
            continue;
        if (first || r.data[i] < lo)
            lo = r.data[i];
        if (first || r.data[i] > hi)
            hi = r.data[i];
        first = false;
    }
    std::printf("band %d: valid %zu of %zu, min %.6g, max %.6g\n", band, r.validCount(), r.data.size(), lo, hi);
    return 0;
}

/** "A,B,C,D" as four numbers. */
std::array<double, 4> extentOption(const std::string &text)
{
    std::array<double, 4> v{};
    std::stringstream s(text);
    std::string item;
    int n = 0;
    while (std::getline(s, item, ',')) {
        if (n == 4)
            throw UsageError("--extent needs four numbers XMIN,YMIN,XMAX,YMAX");
        try {
            std::size_t used = 0;
            v[std::size_t(n)] = std::stod(item, &used);
            if (used != item.size())
                throw std::invalid_argument(item);
        } catch (...) {
            throw UsageError("--extent needs four numbers XMIN,YMIN,XMAX,YMAX, not '" + text + "'");
        }
        ++n;
    }
    if (n != 4)
        throw UsageError("--extent needs four numbers XMIN,YMIN,XMAX,YMAX, not '" + text + "'");
    return v;
}

int cmdGrid(const std::vector<std::string> &args)
{
    Options o(args, {"--lines", "--x", "--y", "--value", "--crs", "--to-crs", "--cell", "--like", "--extent",
                     "--tension", "--max-distance", "--decimate", "--convergence", "--iterations", "--out"});
    const std::string lines = o.required("--lines");
    const std::string out = o.required("--out");
    LineReadOptions read;
    read.valueColumn = o.required("--value");
    read.xColumn = o.str("--x");
    read.yColumn = o.str("--y");
    read.crs = o.str("--crs");
    if (o.has("--like") && o.has("--extent"))
        throw UsageError("give --like FILE or --extent, not both");
    if (o.has("--like") && o.has("--cell"))
        throw UsageError("--like FILE sets the cell size; leave out --cell");
    if (!o.has("--like") && !o.has("--cell"))
        throw UsageError("missing --cell (or --like FILE)");
    GriddingParams params;
    params.cell = o.real("--cell", 0.0);
    if (o.has("--cell") && !(params.cell > 0))
        throw UsageError("--cell must be positive");
    params.tension = o.real("--tension", params.tension);
    if (!(params.tension >= 0 && params.tension <= 1))
        throw UsageError("--tension must be from 0 to 1");
    if (o.str("--max-distance") == "none") {
        params.maxDistance = std::numeric_limits<double>::infinity();
    } else if (o.has("--max-distance")) {
        params.maxDistance = o.real("--max-distance", -1.0);
        if (!(params.maxDistance >= 0))
            throw UsageError("--max-distance must be a distance (0 or more) or none");
    }
    const std::string decimate = o.str("--decimate", "median");
    if (decimate != "median" && decimate != "mean")
        throw UsageError("--decimate must be median or mean");
    params.decimation = decimate == "mean" ? Decimation::BlockMean : Decimation::BlockMedian;
    params.convergence = o.real("--convergence", 0.0);
    if (o.has("--convergence") && !(params.convergence > 0))
        throw UsageError("--convergence must be positive");
    const long long iterations = o.integer("--iterations", 0);
    if (o.has("--iterations") && (iterations < 1 || iterations > 1000000))
        throw UsageError("--iterations must be from 1 to 1000000");
    params.maxIterations = int(iterations);

    ConsoleFeedback feedback(o.has("--quiet"));
    const auto start = std::chrono::steady_clock::now();
    std::string toCrs;
    if (o.has("--to-crs"))
        toCrs = crsWktFromUserInput(o.str("--to-crs"), lines);
    if (o.has("--like")) {
        params.grid = gridFromRaster(o.str("--like"));
        if (toCrs.empty())
            toCrs = params.grid.crsWkt;
    }
    LineData data = readLineData(lines, read, &feedback);
    std::vector<std::string> warnings;
    if (data.skipped)
        warnings.push_back(std::to_string(data.skipped) + " rows of " + lines + " without numbers in " + data.xColumn +
                           ", " + data.yColumn + " or " + data.valueColumn + " were skipped.");
    if (!toCrs.empty() && data.crsWkt.empty() && !o.has("--to-crs"))
        warnings.push_back(lines + " declares no CRS, so its coordinates were taken to be in the CRS of " +
                           o.str("--like") + " (give --crs otherwise).");
    else if (!toCrs.empty()) {
        const std::size_t dropped = reprojectLineData(data, toCrs, &feedback);
        if (dropped)
            warnings.push_back(std::to_string(dropped) + " readings of " + lines +
                               " could not be reprojected and were dropped.");
    }
    if (o.has("--extent")) {
        const auto e = extentOption(o.str("--extent"));
        params.grid = gridFromExtent(e[0], e[1], e[2], e[3], params.cell, data.crsWkt);
    }
    GriddingResult result = gridLineData(data, params, &feedback);
    warnings.insert(warnings.end(), result.warnings.begin(), result.warnings.end());
    writeGriddingResult(out, result, data.valueColumn, &feedback);
    printWarnings(warnings);
    const GridSpec &g = result.grid;
    std::printf("Gridded %zu readings of %s (%zu cells holding readings) onto %d x %d cells of %g", result.readings,
                data.valueColumn.c_str(), result.blocks, g.width, g.height, g.geoTransform[1]);
    if (std::isfinite(result.maxDistance))
        std::printf("; %zu cells within %g of a reading", result.validCells, result.maxDistance);
    std::printf(".\nblock %s %.2f s, surface %.2f s, total %.2f s. Written to %s\n", decimate.c_str(),
                result.decimateSeconds, result.surfaceSeconds,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), out.c_str());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::vector<std::string> commandLine(argv, argv + argc);
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    for (const auto &a : args) {
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (a == "--version") {
            std::printf("lodestone-cli %s (GDAL %s, LibTorch %s, GMT %s)\n", LODESTONE_VERSION, gdalVersion().c_str(),
                        torchVersion().c_str(), gmtVersion().c_str());
            return 0;
        }
    }
    const std::string command = args[0];
    args.erase(args.begin());
    configureTorchThreads();  // LibTorch starts with one intra-op thread on these systems
    try {
        if (command == "demo")
            return cmdDemo(args);
        if (command == "run")
            return cmdRun(args, commandLine);
        if (command == "classify")
            return cmdClassify(args, commandLine);
        if (command == "derive")
            return cmdDerive(args);
        if (command == "info")
            return cmdInfo(args);
        if (command == "grid")
            return cmdGrid(args);
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError &e) {
        std::fprintf(stderr, "\nlodestone-cli %s: %s. See lodestone-cli --help.\n", command.c_str(), e.what());
        return 2;
    } catch (const Error &e) {
        std::fprintf(stderr, "\nlodestone-cli: error: %s\n", e.what());
        return 1;
    } catch (const std::bad_alloc &) {
        std::fprintf(stderr, "\nlodestone-cli: error: out of memory (%s available). Work on a smaller window of the "
                             "survey, or let the feature rasters stream (--stream on).\n",
                     formatBytes(double(availableMemoryBytes())).c_str());
        return 1;
    } catch (const Canceled &) {
        std::fprintf(stderr, "\nlodestone-cli: canceled; no output was written and earlier results are intact.\n");
        return 130;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "\nlodestone-cli: error: %s\n", e.what());
        return 1;
    }
}
