// lodestone-cli: the command-line front end of the core pipeline (demo, run, classify, derive, grid, info).
#include "autoencoder.h"
#include "consolefeedback.h"
#include "demo.h"
#include "error.h"
#include "gridding.h"
#include "job.h"
#include "labels.h"
#include "layers.h"
#include "lodestone_version.h"
#include "magneticfilters.h"
#include "pipeline.h"
#include "raster.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <vector>

using namespace lodestone;

namespace {

const char *kDescription =
    "Deposit prospectivity from a magnetic survey grid: a convolutional autoencoder learns features from the "
    "patches around every pixel, and an SVM trained on a handful of labelled pixels classifies the map.";

const char *kFooter = R"(Common options:
  --quiet                    no progress bar (every command)
  --help                     show this help (lodestone-cli COMMAND --help: that command's alone) and exit
  --version                  show the version and exit

Exit status: 0 on success, 1 on bad input or a failed run, 2 on a usage error, 130 when canceled
(Ctrl-C, SIGTERM or SIGHUP: the run stops within a second and writes nothing).)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/** text as a whole number (base 10, the whole text) from lo to hi; what names the option or item in the message. */
long long wholeNumber(const std::string &what, const std::string &text, long long lo, long long hi,
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

/** text as a finite number (the whole text). */
double finiteNumber(const std::string &what, const std::string &text)
{
    try {
        std::size_t used = 0;
        const double d = std::stod(text, &used);
        if (used == text.size() && std::isfinite(d))
            return d;
    } catch (...) {
    }
    throw UsageError(what + " needs a finite number, not '" + text + "'");
}

/** A number as text that CLI11's conversion reads back exactly (hexadecimal floating point). */
std::string exactText(double d)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%a", d);
    return buffer;
}

std::string orList(const std::vector<std::string> &values)
{
    std::string s;
    for (std::size_t i = 0; i < values.size(); ++i)
        s += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + values[i];
    return s;
}

// The checks of the options' values. CLI11 runs them on each value's text before converting it (transform(): they
// may rewrite it); each throws a UsageError that names the option, and leaves the text in a form CLI11 converts to
// exactly the value checked (CLI11 by itself reads 010 as octal 8 and 0x10 as 16).

/** A whole number from lo to hi; range, when given, words the interval in messages and help. */
CLI::Validator wholeRange(const std::string &name, long long lo, long long hi, const std::string &range = {})
{
    return CLI::Validator(
        [=](std::string &text) {
            text = std::to_string(wholeNumber(name, text, lo, hi, range));
            return std::string();
        },
        "", "whole number");
}

/** The interval lo to hi in words: "from -90 to 90", "0 or more", "a finite number". */
std::string intervalWords(double lo, double hi)
{
    std::ostringstream words;
    if (std::isinf(lo) && std::isinf(hi))
        words << "a finite number";
    else if (std::isinf(hi))
        words << lo << " or more";
    else
        words << "from " << lo << " to " << hi;
    return words.str();
}

/** A finite number from lo to hi (either may be infinite); positive: above 0 (lo is then ignored). */
CLI::Validator realRange(const std::string &name, double lo, double hi, bool positive = false)
{
    return CLI::Validator(
        [=](std::string &text) {
            const double d = finiteNumber(name, text);
            if (positive && !(d > 0))
                throw UsageError(name + " must be positive, not " + text);
            if (!positive && !(d >= lo && d <= hi))
                throw UsageError(name + " must be " + intervalWords(lo, hi) + ", not " + text);
            text = exactText(d);
            return std::string();
        },
        "", "number");
}

/** A positive number, or the word word, which stands for the value meaning (e.g. auto for 0). */
CLI::Validator positiveOr(const std::string &name, const std::string &word, double meaning)
{
    return CLI::Validator(
        [=](std::string &text) {
            if (text == word) {
                text = exactText(meaning);
                return std::string();
            }
            double d = 0;
            try {
                d = finiteNumber(name, text);
            } catch (const UsageError &) {
                throw UsageError(name + " must be positive or " + word + ", not '" + text + "'");
            }
            if (!(d > 0))
                throw UsageError(name + " must be positive or " + word + ", not " + text);
            text = exactText(d);
            return std::string();
        },
        "", "number or " + word);
}

/** One of values (CLI::IsMember); lenient: any case, _ for -, as the core's own parsers take them. */
CLI::Validator oneOf(const std::string &name, const std::vector<std::string> &values, bool lenient = false)
{
    const auto member = std::make_shared<const CLI::IsMember>(values);
    return CLI::Validator(
        [=](std::string &text) {
            std::string t = text;
            if (lenient)
                for (char &c : t)
                    c = c == '_' ? '-' : char(std::tolower(static_cast<unsigned char>(c)));
            if (!(*member)(t).empty())
                throw UsageError(name + " must be " + orList(values) + ", not '" + text + "'");
            text = t;
            return std::string();
        },
        "", "one of");
}

/** "16,8,8": the filters of the three encoder layers. */
std::array<int, 3> filtersOption(const std::string &text)
{
    std::stringstream s(text);
    std::string item;
    std::vector<int> f;
    while (std::getline(s, item, ',')) {
        if (f.size() == 3)
            throw UsageError("--filters needs three numbers separated by commas, e.g. 16,8,8");
        f.push_back(int(wholeNumber("each of --filters", item, 1, 256)));
    }
    if (f.size() != 3)
        throw UsageError("--filters needs three numbers separated by commas, e.g. 16,8,8");
    return {f[0], f[1], f[2]};
}

/** "3", "2,3" or "all": the encoder layers whose rasters the logistic regression sees (empty: all). */
std::vector<int> featureLayersOption(const std::string &text)
{
    if (text == "all")
        return {};
    std::stringstream s(text);
    std::string item;
    std::vector<int> layers;
    while (std::getline(s, item, ',')) {
        const int layer = int(wholeNumber("each of --feature-layers", item, 1, 3));
        if (std::find(layers.begin(), layers.end(), layer) != layers.end())
            throw UsageError("--feature-layers names layer " + item + " twice");
        layers.push_back(layer);
    }
    if (layers.empty())
        throw UsageError("--feature-layers needs layer numbers from 1 to 3 separated by commas, e.g. 3 or 2,3, or all");
    std::sort(layers.begin(), layers.end());
    return layers == std::vector<int>{1, 2, 3} ? std::vector<int>{} : layers;
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

/** A check by a parser that throws UsageError. */
template <class Parse> CLI::Validator parsedBy(Parse parse)
{
    return CLI::Validator(
        [parse](std::string &text) {
            parse(text);
            return std::string();
        },
        "", "parsed");
}

/** The help's layout: the option and its value on the left, the description wrapped beside it. */
class HelpFormatter : public CLI::Formatter {
public:
    static constexpr std::size_t kColumn = 29, kWidth = 110;

    /** "  left  description", the description wrapped at kWidth and indented to column. */
    static std::string entry(const std::string &left, const std::string &description, std::size_t column = kColumn)
    {
        std::string out = "  " + left;
        std::size_t at = out.size();
        if (at + 2 > column) {
            out += "  ";
            at += 2;
        } else {
            out.append(column - at, ' ');
            at = column;
        }
        std::istringstream words(description);
        std::string word;
        bool first = true;
        while (words >> word) {
            if (!first && at + 1 + word.size() > kWidth) {
                out += "\n" + std::string(column, ' ');
                at = column;
            } else if (!first) {
                out += ' ';
                ++at;
            }
            out += word;
            at += word.size();
            first = false;
        }
        return out + "\n";
    }

    void setUsage(const CLI::App *app, std::string usage) { m_usage[app] = std::move(usage); }

    std::string make_usage(const CLI::App *app, std::string name) const override
    {
        const auto it = m_usage.find(app);
        return it == m_usage.end() ? CLI::Formatter::make_usage(app, name) : "Usage: " + it->second + "\n";
    }
    std::string make_description(const CLI::App *app) const override
    {
        const std::string d = app->get_description();
        return d.empty() ? std::string() : wrap(d) + "\n";
    }
    /** A command's help: its usage, what it does, its options, then the options of every command. */
    std::string make_help(const CLI::App *app, std::string name, CLI::AppFormatMode mode) const override
    {
        if (mode != CLI::AppFormatMode::Normal || !m_usage.count(app))
            return CLI::Formatter::make_help(app, name, mode);
        return make_usage(app, name) + "\n" + make_description(app) + make_positionals(app) + make_groups(app, mode) +
               "\n" + make_footer(app);
    }
    std::string make_option_opts(const CLI::Option *opt) const override
    {
        return opt->get_type_size() != 0 ? " " + opt->get_type_name() : std::string();
    }
    std::string make_option(const CLI::Option *opt, bool positional) const override
    {
        return entry(make_option_name(opt, positional) + make_option_opts(opt), make_option_desc(opt));
    }
    std::string make_subcommand(const CLI::App *sub) const override
    {
        return entry(sub->get_name(), sub->get_description(), 12);
    }

    /** Text wrapped at kWidth. */
    static std::string wrap(const std::string &text)
    {
        std::string e = entry("", text, 0);
        return e.substr(4, e.size() - 5); // without the indent and the final newline
    }

private:
    std::map<const CLI::App *, std::string> m_usage;
};

/** Adds the range to an option's description: "(default 50)" becomes "(default 50; from 4 to 512)". */
std::string withRange(const std::string &description, const std::string &range)
{
    if (!description.empty() && description.back() == ')')
        return description.substr(0, description.size() - 1) + "; " + range + ")";
    return description + " (" + range + ")";
}

/** The options of one command, declared onto its CLI11 subcommand; given() says whether one was on the line. */
class Command {
public:
    Command(CLI::App *app, HelpFormatter &help, const std::string &usage) : m_app(app)
    {
        help.setUsage(app, usage);
        app->add_flag("--quiet", quiet, "no progress bar");
    }
    CLI::App *app() const { return m_app; }
    bool given(const std::string &name) const { return m_app->count(name) > 0; }

    CLI::Option *text(const std::string &name, std::string &value, const std::string &metavar,
                      const std::string &description)
    {
        return m_app->add_option(name, value, description)->type_name(metavar);
    }
    CLI::Option *choice(const std::string &name, std::string &value, const std::string &metavar,
                        const std::vector<std::string> &values, const std::string &description, bool lenient = false)
    {
        return text(name, value, metavar, description)->transform(oneOf(name, values, lenient));
    }
    template <class T>
    CLI::Option *whole(const std::string &name, T &value, const std::string &metavar, long long lo, long long hi,
                       const std::string &description, const std::string &range = {})
    {
        const std::string words =
            range.empty() ? "from " + std::to_string(lo) + " to " + std::to_string(hi) : "from " + range;
        return m_app->add_option(name, value, withRange(description, words))
            ->type_name(metavar)
            ->transform(wholeRange(name, lo, hi, range));
    }
    CLI::Option *real(const std::string &name, double &value, const std::string &metavar, double lo, double hi,
                      const std::string &description)
    {
        return m_app->add_option(name, value, withRange(description, intervalWords(lo, hi)))
            ->type_name(metavar)
            ->transform(realRange(name, lo, hi));
    }
    CLI::Option *positive(const std::string &name, double &value, const std::string &metavar,
                          const std::string &description)
    {
        return m_app->add_option(name, value, withRange(description, "above 0"))
            ->type_name(metavar)
            ->transform(realRange(name, 0, 0, true));
    }

    bool quiet = false;

private:
    CLI::App *m_app;
};

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxSeed = std::numeric_limits<long long>::max();

void printWarnings(const std::vector<std::string> &warnings)
{
    for (const auto &w : warnings)
        std::fprintf(stderr, "warning: %s\n", w.c_str());
}

// ---------------------------------------------------------------------------------------------------------------
// demo

struct DemoOptions {
    std::string out;
    int width = DemoParams().width, height = DemoParams().height;
    std::uint64_t seed = 1;
};

void declareDemo(Command &c, DemoOptions &o)
{
    c.text("--out", o.out, "DIR", "output folder (created if missing)")->required();
    c.whole("--width", o.width, "W", 60, 100000, "columns (default 512)");
    c.whole("--height", o.height, "H", 60, 100000, "rows (default 512)");
    c.whole("--seed", o.seed, "S", 0, kMaxSeed, "random seed; the same seed writes identical files (default 1)");
}

int cmdDemo(const Command &c, const DemoOptions &o)
{
    DemoParams p;
    p.width = o.width;
    p.height = o.height;
    p.seed = o.seed;
    ConsoleFeedback feedback(c.quiet);
    prepareOutputFolder(o.out);
    DemoSurvey s = generateDemoSurvey(p, &feedback);
    writeDemoSurvey(s, o.out);
    std::printf("Demo survey (%d x %d, seed %llu) written to %s: %s, %s, %s\n", p.width, p.height,
                (unsigned long long)p.seed, o.out.c_str(), demoSurveyFile(), demoLabelsFile(), demoTruthFile());
    return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Options shared by run and classify

/** --stride and --features: dense features have stride-1 meaning; a stride above 1 selects the exact stitch unless
 *  dense is asked for. */
FeatureMethod featureMethodOption(const Command &c, int stride, const std::string &features)
{
    if (!c.given("--features"))
        return stride > 1 ? FeatureMethod::Exact : FeatureMethod::Dense;
    FeatureMethod method = FeatureMethod::Dense;
    parseFeatureMethod(features, method);
    if (method == FeatureMethod::Dense && stride != 1)
        throw UsageError("--features dense computes every pixel's patch; --stride applies to --features exact");
    return method;
}

const char *kStrideHelp = "stitch the patch of every S-th pixel (default 1: every pixel, as the paper)";
const char *kFeaturesHelp =
    "dense: the stitched rasters of every pixel's patch (stride 1), computed exactly by fully convolutional "
    "passes, hundreds of times faster; exact: the paper's patch-by-patch stitch, which honours --stride (default "
    "dense; exact when --stride is above 1)";
const char *kStreamHelp =
    "on: compute the feature rasters strip by strip, writing them to features.tif block by block and classifying "
    "from it, in the memory of a few strips (dense features only); off: hold them in memory; auto: on when the run "
    "held in memory would need more than half of the machine's memory (about 500 bytes a pixel with the default "
    "settings: above about 4900 x 4900 pixels with 24 GB), or than the memory available (default auto)";
void printCrossValidation(const PipelineResult &r, const std::vector<ModeResult> &modes, const char *scheme)
{
    if (modes.empty())
        return;
    std::printf("\nCross-validation, %s folds (%zu deposit, %zu non-deposit positions)\n", scheme, r.deposits,
                r.nonDeposits);
    std::printf("%-16s %9s %9s %9s %9s %7s  %s\n", "mode", "accuracy", "precision", "recall", "F1", "AUC",
                "confusion [tn fp; fn tp]");
    for (const ModeResult &m : modes) {
        if (m.tested == 0) { // every fold skipped: no scores
            std::printf("%-16s not tested: no fold left both classes to train on\n", svmModeName(m.mode).c_str());
            continue;
        }
        std::printf("%-16s %8.1f%% %9.3f %9.3f %9.3f %7.3f  [%ld %ld; %ld %ld]\n", svmModeName(m.mode).c_str(),
                    100.0 * m.accuracy, m.precision, m.recall, m.f1, m.auc, m.confusion.tn, m.confusion.fp,
                    m.confusion.fn, m.confusion.tp);
    }
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
        // A measure that could not be taken (no validation occurrences, no held-out fold) prints as "-".
        auto cell = [](double v, int width) {
            char buf[32];
            if (std::isfinite(v))
                std::snprintf(buf, sizeof buf, "%*.3f", width, v);
            else
                std::snprintf(buf, sizeof buf, "%*s", width, "-");
            return std::string(buf);
        };
        for (const ScoreEvaluation &row : e.rows) {
            const RateCurve &h = prediction ? row.prediction : row.heldOut;
            const bool ranked = h.occurrences > 0;
            std::printf("%-12s %s %s %s %s %s  %s\n", row.name.c_str(), cell(row.success.auc, 9).c_str(),
                        cell(row.heldOut.auc, 9).c_str(),
                        cell(prediction ? row.prediction.auc : std::nan(""), 11).c_str(),
                        cell(ranked ? capturedInTop(h, 0.10) : std::nan(""), 9).c_str(),
                        cell(ranked ? capturedInTop(h, 0.20) : std::nan(""), 9).c_str(), row.title.c_str());
        }
        const int best = e.bestBaseline();
        if (best >= 0 && std::isfinite(e.headlineAuc(e.rows.front())))
            std::printf("%s AUC: model %.3f, best baseline (%s) %.3f, difference %+.3f\n",
                        prediction ? "Prediction-rate" : "Held-out", e.headlineAuc(e.rows.front()),
                        e.rows[std::size_t(best)].name.c_str(), e.headlineAuc(e.rows[std::size_t(best)]),
                        e.headlineAuc(e.rows.front()) - e.headlineAuc(e.rows[std::size_t(best)]));
        for (const std::string &n : e.notes)
            std::printf("note: %s\n", n.c_str());
    }
    std::printf("\nOutputs in %s\n", out.c_str());
}

// ---------------------------------------------------------------------------------------------------------------
// run

struct RunOptions {
    std::string survey, labels, points, pointsCrs, outsidePoints = "skip", out;
    int band = 1;
    long long negatives = 0;
    double negativeMinDistance = 0;
    int patch = 0, trainPatches = 0, epochs = 0, batch = 0, stride = 1, folds = 0, perClass = 0, patchResize = 0;
    std::string filters, features, mode, classifier, cv, preset = "default", evaluation = "on", svmInputs, derive,
                                                         featureLayers;
    double learningRate = 0, svmC = 0, svmGamma = 0, inclination = 0, declination = 0;
    std::uint64_t seed = 0;
    int threads = 0, stripRows = 256, ensemble = 0, heldOutFolds = 0, background = 0, featureComponents = 0;
    int depositBuffer = 0;
    std::string stream = "auto", validationPoints, validationCrs, validationLabels, reuseFeatures;
    std::vector<std::string> layers;
};

void declareRun(Command &c, RunOptions &o)
{
    c.text("--survey", o.survey, "FILE", "survey raster, any format GDAL reads")->required();
    c.whole("--band", o.band, "B", 1, 65536, "band of the survey (default 1)");
    c.text("--labels", o.labels, "FILE",
           "label raster on the survey's grid: 0 non-deposit, 1 deposit, 2 or nodata unknown");
    c.text("--points", o.points, "FILE",
           "known occurrences (CSV with X/Y columns, Shapefile, GeoPackage, GeoJSON), burned onto the grid as "
           "deposit");
    c.text("--points-crs", o.pointsCrs, "CRS",
           "CRS of the points, e.g. EPSG:4326 (default: the file's own, else the survey's)");
    c.choice("--outside-points", o.outsidePoints, "POLICY", {"skip", "error"},
             "skip: drop points outside the grid or on nodata with a warning; error: refuse them (default skip)");
    c.whole("--negatives", o.negatives, "N", 0, 10000000, "random non-deposit pixels to add (default 0)");
    c.real("--negative-min-distance", o.negativeMinDistance, "D", 0, kInf,
           "minimum distance of those from every occurrence, map units (default 0)");
    c.text("--out", o.out, "DIR", "output folder (created if missing)")->required();
    c.whole("--patch", o.patch, "P", 4, 512, "patch size in pixels (default 50)");
    c.text("--filters", o.filters, "A,B,C", "filters of the three encoder layers, each from 1 to 256 (default 16,8,8)")
        ->transform(parsedBy(filtersOption));
    c.whole("--train-patches", o.trainPatches, "N", 1, 100000000,
            "random patches for autoencoder training, per ensemble member (default 5000; 20000 with --preset paper)");
    c.whole("--epochs", o.epochs, "N", 1, 100000, "training epochs (default 5)");
    c.whole("--batch", o.batch, "N", 1, 1000000,
            "patches per training step (default 32; the reference script uses 256)");
    c.positive("--learning-rate", o.learningRate, "R", "Adam learning rate (default 0.001)");
    c.whole("--stride", o.stride, "S", 1, 1000000, kStrideHelp);
    c.choice("--features", o.features, "METHOD", {"dense", "exact"}, kFeaturesHelp);
    c.choice("--mode", o.mode, "MODE", {"pixel-features", "pixel-samples", "patch-features", "patch-samples"},
             "SVM mode used to classify the map: pixel-features, pixel-samples, patch-features or patch-samples "
             "(default pixel-features)",
             true);
    c.whole("--folds", o.folds, "K", 2, 1000,
            "cross-validation folds (default 5; fewer when a class has fewer positions)");
    c.whole("--per-class", o.perClass, "N", 0, 100000000,
            "labelled positions drawn per class, balanced (default 12; 0 = all of the smaller class)");
    c.whole("--patch-resize", o.patchResize, "N", 1, 512, "patch-wise modes: patches resized to N x N (default 10)");
    c.choice("--classifier", o.classifier, "KIND", {"logistic", "svm"},
             "logistic: L2-regularised logistic regression, a linear machine; svm: RBF support vector machine, C "
             "and gamma searched (default logistic; svm with --preset paper)");
    c.app()
        ->add_option("--svm-c", o.svmC, "SVM C, or auto for an inner grid search (default auto; logistic: 1)")
        ->type_name("C")
        ->transform(positiveOr("--svm-c", "auto", 0.0));
    c.app()
        ->add_option("--svm-gamma", o.svmGamma, "RBF gamma, or auto for an inner grid search (default auto)")
        ->type_name("G")
        ->transform(positiveOr("--svm-gamma", "auto", 0.0));
    c.whole("--seed", o.seed, "S", 0, kMaxSeed, "random seed of every random choice (default 0)");
    c.whole("--threads", o.threads, "N", 0, maxThreads(),
            "CPU threads, up to four per core and at least 16 on any machine (default 0)",
            "0 (all cores) to " + std::to_string(maxThreads()));
    c.choice("--stream", o.stream, "WHEN", {"auto", "on", "off"}, kStreamHelp);
    c.whole("--strip-rows", o.stripRows, "N", 16, 65536, "rows per strip of a streamed run (default 256)");
    c.choice("--preset", o.preset, "NAME", {"default", "paper"},
             "default: the settings below; paper: the paper's pipeline (20000 training patches, one network, no "
             "background positions, the four modes with random 5-fold cross-validation on 12 + 12 positions, as "
             "Table I); the other options override it");
    c.choice("--cv", o.cv, "SCHEME", {"random", "spatial", "both"},
             "cross-validation folds: random, spatial (groups of positions closer than the patch size held out "
             "together, training positions within the patch size of a test position left out) or both (default "
             "both; spatial is the headline)");
    c.whole("--ensemble", o.ensemble, "N", 1, 100,
            "networks trained from different seeds, each with its own SVM; the probability map is their mean, "
            "uncertainty.tif their standard deviation (default 3; 1 with --preset paper)");
    c.choice("--evaluation", o.evaluation, "WHEN", {"on", "off"},
             "on: rank the map's pixels and measure success rate (training deposits), held-out groups and "
             "prediction rate (validation occurrences), beside the zero-label magnetic baselines; off: skip it "
             "(default on)");
    c.whole("--held-out-folds", o.heldOutFolds, "N", 2, 1000,
            "at most N folds over the groups of labelled positions for the held-out evaluation (default 10)");
    c.text("--validation-points", o.validationPoints, "FILE",
           "occurrences not used for training (same formats as --points): the prediction-rate curve ranks them");
    c.text("--validation-crs", o.validationCrs, "CRS",
           "CRS of the validation points (default: the file's own, else the survey's)");
    c.whole("--background", o.background, "N", 0, 100000,
            "random background pixels (valid, unlabelled, at least the patch size from every deposit) added as "
            "non-deposit for the map's classifier; the cross-validation uses the labels alone (default 100; 0 "
            "with --preset paper)");
    c.whole("--deposit-buffer", o.depositBuffer, "R", 0, kMaxDepositBuffer,
            "each deposit label also trains the map's classifier on the unlabelled valid pixels within R cells of it "
            "(1: its four neighbours), since an occurrence stands for a small area; the cross-validation uses the "
            "labels as given (default 1; 0 with --preset paper)");
    c.whole("--feature-components", o.featureComponents, "K", 0, 1000,
            "the logistic regression sees the feature rasters' first K principal components (over every valid "
            "pixel, no labels) beside --svm-inputs instead of the rasters themselves (default 0: the rasters)");
    c.text("--feature-layers", o.featureLayers, "LIST",
           "the encoder layers (1, 2, 3, comma-separated, or all) whose feature rasters the logistic regression "
           "sees beside --svm-inputs; features.tif keeps them all (default all)")
        ->transform(parsedBy(featureLayersOption));
    c.text("--svm-inputs", o.svmInputs, "LIST",
           "magnetic products of the survey added as SVM inputs beside the feature rasters, comma-separated: "
           "hgrad, as, tilt, vd1, localstdN (N x N window); amplitudes enter as logarithms; none for the feature "
           "rasters alone (default as; none with --preset paper)");
    c.text("--validation-labels", o.validationLabels, "FILE",
           "a label raster on the survey's grid whose deposit (1) pixels are the validation targets, e.g. mapped "
           "deposit footprints");
    c.app()
        ->add_option("--layer", o.layers,
                     "an evidence raster read by the network beside the survey, as another input channel "
                     "(repeatable; band 1); a file on another grid or CRS is resampled bilinearly onto the survey's "
                     "grid, with a warning")
        ->type_name("FILE")
        ->expected(1)
        ->take_all();
    c.text("--derive", o.derive, "LIST",
           "magnetic products of the survey as further input channels, comma-separated: rtp, vd1, hgrad, tilt, as, "
           "upH (continued H metres up, e.g. up500), localstdN (N x N window); amplitudes enter as logarithms "
           "(default none)");
    c.real("--inclination", o.inclination, "D", -90, 90,
           "the inducing field's inclination, degrees, positive down, for --derive rtp");
    c.real("--declination", o.declination, "D", -360, 360,
           "the inducing field's declination, degrees east of north, for --derive rtp");
    c.text(
        "--reuse-features", o.reuseFeatures, "DIR",
        "take the trained networks and feature rasters from DIR, the output folder of an earlier run (its "
        "model.pt and features.tif), instead of training: only the classifiers, cross-validation and evaluation run, "
        "with the results of a full run. Refused, naming what differs, unless the survey's values, the input "
        "layers, every network and feature setting, the ensemble size and the seed are those DIR was made with "
        "(labels, SVM, mode, folds, background and evaluation settings may change). Runs in memory");
}

/** The run's settings: base (defaults or a preset) overridden by the options given. */
PipelineParams pipelineParams(const Command &c, const RunOptions &o, PipelineParams p)
{
    AutoencoderParams &a = p.autoencoder;
    if (c.given("--patch"))
        a.patchSize = o.patch;
    if (c.given("--filters"))
        a.filters = filtersOption(o.filters);
    if (c.given("--train-patches"))
        a.trainPatches = o.trainPatches;
    if (c.given("--epochs"))
        a.epochs = o.epochs;
    if (c.given("--batch"))
        a.batchSize = o.batch;
    if (c.given("--learning-rate"))
        a.learningRate = o.learningRate;
    if (c.given("--stride"))
        p.stride = o.stride;
    p.featureMethod = featureMethodOption(c, o.stride, o.features);
    if (c.given("--mode"))
        parseSvmMode(o.mode, p.mode);
    if (c.given("--folds"))
        p.experiments.folds = o.folds;
    if (c.given("--per-class"))
        p.experiments.perClass = o.perClass;
    if (c.given("--patch-resize"))
        p.experiments.patchResize = o.patchResize;
    if (c.given("--classifier"))
        parseClassifierKind(o.classifier, p.experiments.svm.kind);
    p.experiments.svm.c = o.svmC;
    p.experiments.svm.gamma = o.svmGamma;
    p.seed = o.seed;
    p.threads = o.threads;
    if (o.cv == "random")
        p.cvSchemes = {CvScheme::Random};
    else if (o.cv == "spatial")
        p.cvSchemes = {CvScheme::Spatial};
    else if (o.cv == "both")
        p.cvSchemes = {CvScheme::Random, CvScheme::Spatial};
    if (c.given("--ensemble"))
        p.ensemble = o.ensemble;
    p.evaluate = o.evaluation == "on";
    if (c.given("--background"))
        p.background = o.background;
    if (c.given("--deposit-buffer"))
        p.experiments.depositBuffer = o.depositBuffer;
    if (c.given("--feature-components"))
        p.featureComponents = o.featureComponents;
    if (c.given("--feature-layers"))
        p.featureLayers = featureLayersOption(o.featureLayers);
    if (c.given("--svm-inputs")) {
        p.svmInputs.clear();
        if (o.svmInputs != "none") {
            std::stringstream items(o.svmInputs);
            std::string item;
            while (std::getline(items, item, ','))
                p.svmInputs.push_back(item);
        }
    }
    p.layers.clear();
    for (const std::string &file : o.layers)
        p.layers.push_back(fileLayer(file));
    const bool field = c.given("--inclination") || c.given("--declination");
    if (c.given("--derive")) {
        DeriveParams base;
        const bool rtp = (',' + o.derive + ',').find(",rtp,") != std::string::npos;
        if (rtp && (!c.given("--inclination") || !c.given("--declination")))
            throw UsageError("--derive rtp needs --inclination and --declination of the inducing field");
        if (!rtp && field)
            throw UsageError("--inclination and --declination apply to --derive rtp only");
        if (c.given("--inclination"))
            base.inclination = o.inclination;
        if (c.given("--declination"))
            base.declination = o.declination;
        if (o.derive != "none")
            for (const LayerSpec &l : derivedLayers(o.derive, base))
                p.layers.push_back(l);
    } else if (field) {
        throw UsageError("--inclination and --declination apply to --derive rtp only");
    }
    if (c.given("--held-out-folds"))
        p.heldOutFolds = o.heldOutFolds;
    return p;
}

Streaming streamingOption(const std::string &stream)
{
    return stream == "on" ? Streaming::On : stream == "off" ? Streaming::Off : Streaming::Auto;
}

int cmdRun(const Command &c, const RunOptions &o, const std::vector<std::string> &commandLine)
{
    if (!o.labels.empty() && o.points.empty()) // (both: the job refuses them as one of the two)
        for (const char *option : {"--negatives", "--negative-min-distance", "--points-crs"})
            if (c.given(option) && !(std::string(option) == "--negatives" && o.negatives == 0) &&
                !(std::string(option) == "--negative-min-distance" && o.negativeMinDistance == 0))
                throw UsageError(std::string(option) + " applies to --points; a label raster (--labels) brings its own "
                                                       "non-deposit (0) pixels");
    JobRequest request;
    if (o.preset == "paper") // the paper's Table I: four modes, random 5-fold cross-validation on 12 + 12 positions
        request.params = paperPipelineParams();
    request.params = pipelineParams(c, o, request.params);
    request.surveyPath = o.survey;
    request.band = o.band;
    request.labelsPath = o.labels;
    request.pointsPath = o.points;
    request.pointsCrs = o.pointsCrs;
    request.outsidePoints = o.outsidePoints == "skip" ? OutsidePolicy::Skip : OutsidePolicy::Error;
    request.negatives = int(o.negatives);
    request.negativeMinDistance = o.negativeMinDistance;
    request.validationPointsPath = o.validationPoints;
    request.validationCrs = o.validationCrs;
    request.validationLabelsPath = o.validationLabels;
    request.outFolder = o.out;
    request.streaming = streamingOption(o.stream);
    request.stripRows = o.stripRows;
    request.reuseFeaturesFolder = o.reuseFeatures;
    request.commandLine = commandLine;
    ConsoleFeedback feedback(c.quiet);
    const JobResult job = runJob(request, &feedback, printWarnings);
    if (!request.reuseFeaturesFolder.empty())
        std::printf("Reused the networks and feature rasters of %s\n", job.result.featuresReusedFrom.c_str());
    printSummary(job.result, o.out);
    return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// classify

struct ClassifyOptions {
    std::string model, survey, out, features, stream = "auto";
    int band = 1, stride = 1, stripRows = 256;
    std::vector<std::string> layers;
};

void declareClassify(Command &c, ClassifyOptions &o)
{
    c.text("--model", o.model, "FILE", "model.pt written by run (autoencoder, its normalisation and the SVM)")
        ->required();
    c.text("--survey", o.survey, "FILE", "survey raster to classify, any format GDAL reads")->required();
    c.whole("--band", o.band, "B", 1, 65536, "band of the survey (default 1)");
    c.text("--out", o.out, "DIR", "output folder (created if missing)")->required();
    c.whole("--stride", o.stride, "S", 1, 1000000, std::string(kStrideHelp) + ", as for run");
    c.choice("--features", o.features, "METHOD", {"dense", "exact"}, std::string("as for run: ") + kFeaturesHelp);
    c.choice("--stream", o.stream, "WHEN", {"auto", "on", "off"}, std::string("as for run: ") + kStreamHelp);
    c.whole("--strip-rows", o.stripRows, "N", 16, 65536, "rows per strip of a streamed run (default 256)");
    c.app()
        ->add_option("--layer", o.layers,
                     "the model's layer files for this survey, in the order they were given to run (repeatable); "
                     "its derived layers are computed again by themselves")
        ->type_name("FILE")
        ->expected(1)
        ->take_all();
}

int cmdClassify(const Command &c, const ClassifyOptions &o, const std::vector<std::string> &commandLine)
{
    ClassifyRequest request;
    request.modelPath = o.model;
    request.surveyPath = o.survey;
    request.band = o.band;
    request.layerFiles = o.layers;
    request.outFolder = o.out;
    request.stride = o.stride;
    request.featureMethod = featureMethodOption(c, o.stride, o.features);
    request.streaming = streamingOption(o.stream);
    request.stripRows = o.stripRows;
    request.commandLine = commandLine;
    ConsoleFeedback feedback(c.quiet);
    const JobResult job = classifyJob(request, &feedback, printWarnings);
    printSummary(job.result, o.out);
    return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// derive

struct DeriveOptions {
    std::string survey, product, out;
    int band = 1;
    DeriveParams p;
};

void declareDerive(Command &c, DeriveOptions &o)
{
    std::vector<std::string> products;
    for (MagneticProduct p : allMagneticProducts())
        products.push_back(magneticProductName(p));
    c.text("--survey", o.survey, "FILE", "survey raster (total-field anomaly, nT), any format GDAL reads")->required();
    c.whole("--band", o.band, "B", 1, 65536, "band of the survey (default 1)");
    c.choice("--product", o.product, "NAME", products,
             "rtp: reduction to the pole (nT); vd1: first vertical derivative (nT/m, positive over a source); "
             "hgrad: horizontal-gradient magnitude (nT/m); tilt: tilt angle atan2(vd1, hgrad) (radians); as: "
             "analytic-signal amplitude (nT/m); up: upward continuation (nT); localstd: standard deviation of the "
             "valid pixels in a square window (nT)",
             true)
        ->required();
    c.real("--inclination", o.p.inclination, "D", -90, 90,
           "rtp: inclination of the inducing field, degrees, positive down (required)");
    c.real("--declination", o.p.declination, "D", -360, 360,
           "rtp: declination of the inducing field, degrees east of north (required)");
    c.real("--stabilising-inclination", o.p.stabilisingInclination, "D", 0, 90,
           "rtp: below this absolute inclination the amplitude of the filter uses it instead of the true one, "
           "keeping low-latitude results bounded (default 20)");
    // The height's sign is checked with the other filter parameters by deriveMagneticProduct().
    c.real("--height", o.p.height, "M", -kInf, kInf, "up: continuation height, metres, positive (default 100)");
    c.app()
        ->add_option("--window", o.p.window,
                     "localstd: odd window side in pixels (default 9; an odd number from 3 to 1001)")
        ->type_name("N")
        ->transform(CLI::Validator(
            [](std::string &text) {
                const long long w =
                    wholeNumber("--window", text, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
                if (w < 3 || w > 1001 || w % 2 == 0)
                    throw UsageError("--window must be an odd number from 3 to 1001");
                text = std::to_string(w);
                return std::string();
            },
            "", "odd window"));
    c.text("--out", o.out, "FILE",
           "output GeoTIFF, written whole or not at all: Float32 on the survey's grid and CRS, nodata (-9999) where "
           "the survey has nodata, band description = the product name")
        ->required();
}

/** Refuses an output file that is one of the inputs (the same file under any name), before any work. */
void refuseOutputOverInputs(const std::string &out, const std::vector<std::pair<std::string, std::string>> &inputs)
{
    std::error_code ec;
    for (const auto &[option, path] : inputs)
        if (!path.empty() && std::filesystem::exists(out, ec) && std::filesystem::exists(path, ec) &&
            std::filesystem::equivalent(out, path, ec) && !ec)
            throw UsageError("--out " + out + " is the " + option + " file " + path +
                             ": writing it would replace that input; choose another output file");
}

int cmdDerive(const Command &c, DeriveOptions &o)
{
    DeriveParams &p = o.p;
    parseMagneticProduct(o.product, p.product);
    const std::string name = magneticProductName(p.product);
    // Options of another product are refused rather than ignored: they would suggest an effect they do not have.
    const std::map<std::string, MagneticProduct> ownOption = {
        {"--inclination", MagneticProduct::ReducedToPole},
        {"--declination", MagneticProduct::ReducedToPole},
        {"--stabilising-inclination", MagneticProduct::ReducedToPole},
        {"--height", MagneticProduct::UpwardContinuation},
        {"--window", MagneticProduct::LocalStdDev}};
    for (const auto &[option, product] : ownOption)
        if (c.given(option) && product != p.product)
            throw UsageError(option + " applies to --product " + magneticProductName(product) + ", not " + name);
    if (p.product == MagneticProduct::ReducedToPole && (!c.given("--inclination") || !c.given("--declination")))
        throw UsageError("--product rtp needs --inclination and --declination of the inducing field");

    refuseOutputOverInputs(o.out, {{"--survey", o.survey}});
    ConsoleFeedback feedback(c.quiet);
    feedback.setStage("Reading the survey");
    Raster survey = readRaster(o.survey, o.band);
    if (p.product != MagneticProduct::LocalStdDev) // its window is in cells
        if (const std::string note = geographicCellsNote(survey); !note.empty())
            std::fprintf(stderr, "warning: %s\n", note.c_str());
    feedback.setStage("Computing " + name);
    Raster product = deriveMagneticProduct(survey, p, &feedback);
    feedback.setStage("Writing " + name);
    writeFloatGeoTiff(o.out, product.grid, {product.data.data()}, -9999.0f, {name}, Compression::Deflate, &feedback);
    std::printf("%s of %s (band %d, %d x %d) written to %s\n", name.c_str(), o.survey.c_str(), o.band, product.width(),
                product.height(), o.out.c_str());
    return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// info

struct InfoOptions {
    std::string path;
    int band = 1;
};

void declareInfo(Command &c, InfoOptions &o)
{
    c.app()->add_option("FILE", o.path, "the raster, any format GDAL reads")->type_name("");
    c.whole("--band", o.band, "B", 1, 65536, "band to summarise (default 1)");
}

/** The fewest significant digits that read back as value: as a float when value is a float's (a Float32 band's
 *  nodata, -1e+32 rather than -1.000000033e+32), else as a double. */
std::string shortestNumber(double value)
{
    const bool isFloat = double(float(value)) == value;
    char text[64] = "";
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        const double back = std::strtod(text, nullptr);
        if (isFloat ? float(back) == float(value) : back == value)
            break;
    }
    return text;
}

int cmdInfo(const InfoOptions &o)
{
    if (o.path.empty())
        throw UsageError("info needs one raster file");
    const std::string &path = o.path;
    const int band = o.band;
    RasterInfo info = readRasterInfo(path);
    std::printf("file: %s\ndriver: %s\nsize: %d x %d\nbands: %d\n", path.c_str(), info.driver.c_str(), info.grid.width,
                info.grid.height, info.bandCount);
    const auto &g = info.grid.geoTransform;
    if (info.grid.hasGeoTransform)
        std::printf("geotransform: %.10g %.10g %.10g %.10g %.10g %.10g\n", g[0], g[1], g[2], g[3], g[4], g[5]);
    if (info.grid.crsWkt.empty()) {
        std::printf("crs: (none)\n");
    } else {
        const CrsDescription crs = describeCrs(info.grid.crsWkt);
        std::printf("crs: %s%s\n", crs.valid ? crs.name.c_str() : "(not readable)",
                    crs.authId.empty() ? "" : (" (" + crs.authId + ")").c_str());
    }
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
    if (r.hasNoData)
        std::printf("band %d: nodata %s\n", band, shortestNumber(r.noData).c_str());
    else
        std::printf("band %d: nodata (none declared; NaN and infinite cells are read as nodata)\n", band);
    std::printf("band %d: valid %zu of %zu, min %.6g, max %.6g\n", band, r.validCount(), r.data.size(), lo, hi);
    if (r.infiniteCells > 0)
        std::printf("band %d: %zu infinite cell%s, read as nodata\n", band, r.infiniteCells,
                    r.infiniteCells == 1 ? "" : "s");
    return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// grid

struct GridOptions {
    std::string lines, x, y, value, crs, toCrs, like, extent, decimate = "median", out;
    GriddingParams params;
    long long iterations = 0;
};

void declareGrid(Command &c, GridOptions &o)
{
    c.text("--lines", o.lines, "FILE",
           "readings: a text table (.csv, .txt, .tsv, .xyz, .dat; comma, semicolon, tab or blank separated; also "
           "compressed as .gz or .xz) or any point file GDAL reads (Shapefile, GeoPackage, ...)")
        ->required();
    c.text("--x", o.x, "COL",
           "column of the x coordinate (default: the first of X, Easting, Lon, Longitude, any case; point files: the "
           "geometry)");
    c.text("--y", o.y, "COL",
           "column of the y coordinate (default: the first of Y, Northing, Lat, Latitude, any case; point files: "
           "the geometry)");
    c.text("--value", o.value, "COL", "column of the value to grid, e.g. total_field_anomaly_nt")->required();
    c.text("--crs", o.crs, "CRS",
           "CRS of the coordinates, e.g. EPSG:4326 for longitude/latitude (default: the file's own; text tables "
           "have none)");
    c.text("--to-crs", o.toCrs, "CRS", "CRS of the grid, e.g. EPSG:32754 (default: --like's, else --crs)");
    c.positive("--cell", o.params.cell, "SIZE", "cell size in map units of the grid's CRS, e.g. 50 (metres)");
    c.text("--like", o.like, "FILE", "grid exactly onto the cells of this raster (extent, cell size, CRS)");
    c.text("--extent", o.extent, "XMIN,YMIN,XMAX,YMAX",
           "grid this extent (map units; with --cell) instead of the readings' bounds")
        ->transform(parsedBy(extentOption));
    c.real("--tension", o.params.tension, "T", 0, 1,
           "GMT surface tension from 0 (minimum curvature) to 1 (default 0.25, GMT's advice for potential fields)");
    c.app()
        ->add_option("--max-distance", o.params.maxDistance,
                     "cells farther than D map units from every reading are nodata; none keeps every cell (default "
                     "5 cells; 0 or more)")
        ->type_name("D")
        ->transform(CLI::Validator(
            [](std::string &text) {
                if (text == "none") {
                    text = exactText(kInf);
                    return std::string();
                }
                double d = -1;
                try {
                    d = finiteNumber("--max-distance", text);
                } catch (const UsageError &) {
                }
                if (!(d >= 0))
                    throw UsageError("--max-distance must be a distance (0 or more) or none");
                text = exactText(d);
                return std::string();
            },
            "", "distance or none"));
    c.choice("--decimate", o.decimate, "METHOD", {"median", "mean"},
             "median or mean: one point per cell before gridding, by GMT blockmedian or blockmean (default median)");
    c.positive("--convergence", o.params.convergence, "C",
               "surface stops when no cell changes by more than C (value units) in an iteration (default: GMT's, "
               "1e-4 of the values' rms about a plane)");
    c.whole("--iterations", o.iterations, "N", 1, 1000000,
            "surface's iteration limit on the final grid (default: GMT's, 500)");
    c.text("--out", o.out, "FILE",
           "output GeoTIFF (Float32, NaN nodata); written under a temporary name and renamed when complete. Ctrl-C "
           "while GMT surface runs takes effect when surface returns (about 10 s for a million readings on a 700 x "
           "900 grid)")
        ->required();
}

int cmdGrid(const Command &c, GridOptions &o)
{
    const std::string &lines = o.lines, &out = o.out;
    LineReadOptions read;
    read.valueColumn = o.value;
    read.xColumn = o.x;
    read.yColumn = o.y;
    read.crs = o.crs;
    if (c.given("--like") && c.given("--extent"))
        throw UsageError("give --like FILE or --extent, not both");
    if (c.given("--like") && c.given("--cell"))
        throw UsageError("--like FILE sets the cell size; leave out --cell");
    if (!c.given("--like") && !c.given("--cell"))
        throw UsageError("missing --cell (or --like FILE)");
    refuseOutputOverInputs(out, {{"--lines", lines}, {"--like", o.like}});
    GriddingParams params = o.params;
    params.decimation = o.decimate == "mean" ? Decimation::BlockMean : Decimation::BlockMedian;
    params.maxIterations = int(o.iterations);

    ConsoleFeedback feedback(c.quiet);
    const auto start = std::chrono::steady_clock::now();
    std::string toCrs;
    if (c.given("--to-crs"))
        toCrs = crsWktFromUserInput(o.toCrs, lines);
    if (c.given("--like")) {
        params.grid = gridFromRaster(o.like);
        if (toCrs.empty())
            toCrs = params.grid.crsWkt;
    }
    LineData data = readLineData(lines, read, &feedback);
    std::vector<std::string> warnings;
    if (data.skipped)
        warnings.push_back(std::to_string(data.skipped) + " rows of " + lines + " without numbers in " + data.xColumn +
                           ", " + data.yColumn + " or " + data.valueColumn + " were skipped.");
    if (!toCrs.empty() && data.crsWkt.empty() && !c.given("--to-crs"))
        warnings.push_back(lines + " declares no CRS, so its coordinates were taken to be in the CRS of " + o.like +
                           " (give --crs otherwise).");
    else if (!toCrs.empty()) {
        const std::size_t dropped = reprojectLineData(data, toCrs, &feedback);
        if (dropped)
            warnings.push_back(std::to_string(dropped) + " readings of " + lines +
                               " could not be reprojected and were dropped.");
    }
    if (c.given("--extent")) {
        const auto e = extentOption(o.extent);
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
    std::printf(".\nblock %s %.2f s, surface %.2f s, total %.2f s. Written to %s\n", o.decimate.c_str(),
                result.decimateSeconds, result.surfaceSeconds,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), out.c_str());
    return 0;
}

/** A refused request in the words of the options that made it. */
std::string requestErrorWords(const RequestError &e)
{
    switch (e.reason()) {
    case RequestError::Reason::LabelsAndPoints: return "give either --labels FILE or --points FILE";
    case RequestError::Reason::ValidationPointsAndLabels:
        return "give either --validation-points FILE or --validation-labels FILE";
    case RequestError::Reason::StreamedExact:
        return "--stream on computes dense features; it cannot be combined with --features exact or --stride";
    case RequestError::Reason::StreamedReuse: return "--reuse-features runs in memory: leave out --stream on";
    case RequestError::Reason::StreamedEnsemble:
        return "an ensemble's model classifies in memory: leave out --stream on";
    }
    return e.what();
}

} // namespace

int main(int argc, char **argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    const std::vector<std::string> commandLine(argv, argv + argc);

    CLI::App app(kDescription, "lodestone-cli");
    auto help = std::make_shared<HelpFormatter>();
    app.formatter(help);
    app.set_help_flag(); // --help and --version are answered below, before any value is checked
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast); // the last of a repeated option
    app.require_subcommand(1);

    DemoOptions demo;
    Command demoCmd(app.add_subcommand("demo", "Write the built-in demo survey: DIR/survey.tif, DIR/labels.tif, "
                                               "DIR/truth.tif."),
                    *help, "lodestone-cli demo --out DIR [options]");
    declareDemo(demoCmd, demo);
    RunOptions run;
    Command runCmd(app.add_subcommand("run", "Train on a survey and its labels; write DIR/classes.tif, "
                                             "probability.tif, features.tif, model.pt, labels_used.gpkg, report.json "
                                             "and report.html (uncertainty.tif with --ensemble above 1), with a QGIS "
                                             "style (.qml) beside each raster."),
                   *help,
                   "lodestone-cli run --survey FILE (--labels FILE | --points FILE [options]) --out DIR [options]");
    declareRun(runCmd, run);
    ClassifyOptions classify;
    Command classifyCmd(app.add_subcommand("classify", "Apply a saved model.pt to a survey; write DIR/classes.tif, "
                                                       "probability.tif, features.tif and report.json; warns when the "
                                                       "survey's cell size or CRS differs from the model's."),
                        *help, "lodestone-cli classify --model FILE --survey FILE --out DIR [options]");
    declareClassify(classifyCmd, classify);
    DeriveOptions derive;
    Command deriveCmd(app.add_subcommand("derive", "Write a magnetic product of a survey as a Float32 GeoTIFF: "
                                                   "reduction to the pole, derivatives, tilt angle, analytic signal, "
                                                   "upward continuation or local standard deviation."),
                      *help, "lodestone-cli derive --survey FILE --product NAME --out FILE [options]");
    declareDerive(deriveCmd, derive);
    InfoOptions info;
    Command infoCmd(app.add_subcommand("info", "Size, georeferencing and value range of a raster."), *help,
                    "lodestone-cli info FILE [--band B]");
    declareInfo(infoCmd, info);
    GridOptions grid;
    Command gridCmd(app.add_subcommand("grid", "Grid airborne line data (readings along flight lines) by minimum "
                                               "curvature in tension (GMT surface) into a GeoTIFF, e.g. the survey "
                                               "grid for run."),
                    *help,
                    "lodestone-cli grid --lines FILE --value COL (--cell SIZE | --like FILE) --out FILE [options]");
    declareGrid(gridCmd, grid);
    const std::vector<const Command *> commands = {&demoCmd, &runCmd, &classifyCmd, &deriveCmd, &infoCmd, &gridCmd};
    for (const Command *c : commands)
        c->app()->footer(kFooter);

    const auto usage = [&]() {
        std::string s =
            "Usage: lodestone-cli COMMAND [OPTIONS]\n\n" + HelpFormatter::wrap(kDescription) + "\n\nCommands:\n";
        for (const Command *c : commands)
            s += HelpFormatter::entry(c->app()->get_name(), c->app()->get_description(), 12);
        for (const Command *c : commands)
            s += "\n" + help->make_usage(c->app(), "") + help->make_groups(c->app(), CLI::AppFormatMode::Normal);
        return s + "\n" + kFooter + "\n";
    };
    const auto command = [&](const std::string &name) -> const Command * {
        for (const Command *c : commands)
            if (c->app()->get_name() == name)
                return c;
        return nullptr;
    };
    if (args.empty()) {
        std::fputs(usage().c_str(), stderr);
        return 2;
    }
    for (const auto &a : args) {
        if (a == "--help" || a == "-h") {
            const Command *c = command(args[0]);
            std::fputs(c ? c->app()->help().c_str() : usage().c_str(), stdout);
            return 0;
        }
        if (a == "--version") {
            std::printf("lodestone-cli %s (GDAL %s, LibTorch %s, GMT %s)\n", LODESTONE_VERSION, gdalVersion().c_str(),
                        torchVersion().c_str(), gmtVersion().c_str());
            return 0;
        }
    }
    const std::string name = args[0];
    try {
        if (!command(name))
            throw UsageError("unknown command '" + name + "'");
        app.parse(argc, argv);
    } catch (const UsageError &e) {
        std::fprintf(stderr, "\nlodestone-cli %s: %s. See lodestone-cli %s--help.\n", name.c_str(), e.what(),
                     command(name) ? (name + " ").c_str() : "");
        return 2;
    } catch (const CLI::ParseError &e) {
        std::string message = e.what();
        // "--out: 1 required DIR missing": an option at the end of the line without its value.
        const std::size_t colon = message.find(": 1 required ");
        if (dynamic_cast<const CLI::ArgumentMismatch *>(&e) && colon != std::string::npos)
            message = "option " + message.substr(0, colon) + " needs a value";
        std::fprintf(stderr, "\nlodestone-cli %s: %s. See lodestone-cli %s --help.\n", name.c_str(), message.c_str(),
                     name.c_str());
        return 2;
    }
    configureTorchThreads(); // LibTorch starts with one intra-op thread on these systems
    try {
        if (name == "demo")
            return cmdDemo(demoCmd, demo);
        if (name == "run")
            return cmdRun(runCmd, run, commandLine);
        if (name == "classify")
            return cmdClassify(classifyCmd, classify, commandLine);
        if (name == "derive")
            return cmdDerive(deriveCmd, derive);
        if (name == "info")
            return cmdInfo(info);
        return cmdGrid(gridCmd, grid);
    } catch (const UsageError &e) {
        std::fprintf(stderr, "\nlodestone-cli %s: %s. See lodestone-cli %s --help.\n", name.c_str(), e.what(),
                     name.c_str());
        return 2;
    } catch (const RequestError &e) {
        std::fprintf(stderr, "\nlodestone-cli %s: %s. See lodestone-cli %s --help.\n", name.c_str(),
                     requestErrorWords(e).c_str(), name.c_str());
        return 2;
    } catch (const Error &e) {
        std::fprintf(stderr, "\nlodestone-cli: error: %s\n", e.what());
        return 1;
    } catch (const std::bad_alloc &) {
        std::fprintf(stderr,
                     "\nlodestone-cli: error: out of memory (%s available). Work on a smaller window of the "
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
