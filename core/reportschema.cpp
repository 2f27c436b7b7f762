// report.json in and out with nlohmann-json: ordered_json keeps the keys in the order written (the report reads
// top to bottom as the run went); the reader takes every value through one of the checked accessors below.
#include "reportschema.h"

#include "error.h"
#include "evaluation.h"
#include "lodestone_version.h"
#include "magneticfilters.h"
#include "mapevaluation.h"
#include "outputstyle.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <sys/resource.h>

namespace lodestone {

namespace {

using Json = nlohmann::ordered_json;
using nlohmann::json;

/** JSON text of v, indented by two spaces; invalid UTF-8 in strings becomes U+FFFD. */
template <typename J> std::string dumped(const J &v, int indent = 2)
{
    return v.dump(indent, ' ', false, json::error_handler_t::replace);
}

/** A finite double, or null (NaN and infinities are not JSON numbers). */
Json number(double v)
{
    return std::isfinite(v) ? Json(v) : Json(nullptr);
}

Json numbers(const std::vector<double> &v)
{
    Json a = Json::array();
    for (double d : v)
        a.push_back(number(d));
    return a;
}

Json outputSummaryJson(const OutputSummary &s)
{
    Json bands = Json::array();
    for (const ConstantBand &b : s.constantFeatures)
        bands.push_back(Json{{"band", b.band}, {"name", b.name}, {"value", number(b.value)}});
    return Json{{"class_rule", "classes.tif is deposit where probability.tif >= class_threshold"},
                {"class_threshold", number(s.threshold)},
                {"features_constant_bands", bands},
                {"features_style_band", s.featureViewBand},
                {"labels_used", std::uint64_t(s.labelsUsed)},
                {"validation_points", std::uint64_t(s.validationPoints)},
                {"files", s.files}};
}

Json crossValidationJson(const std::vector<ModeResult> &modes)
{
    Json o = Json::object();
    for (const ModeResult &m : modes) {
        Json mode{{"scheme", cvSchemeName(m.scheme)},
                  {"accuracy", number(m.accuracy)},
                  {"precision", number(m.precision)},
                  {"recall", number(m.recall)},
                  {"f1", number(m.f1)},
                  {"auc", number(m.auc)},
                  {"folds", m.folds},
                  {"positions", m.positions},
                  {"tested", m.tested}};
        if (m.scheme == CvScheme::Spatial)
            mode["groups"] = m.groups;
        mode["fold_accuracy"] = numbers(m.foldAccuracy);
        mode["svm_c"] = number(m.c);
        mode["svm_gamma"] = number(m.gamma);
        mode["confusion_matrix"] =
            Json{{"rows", "reference (non-deposit, deposit)"},
                 {"columns", "predicted (non-deposit, deposit)"},
                 {"values", Json::array({Json::array({std::int64_t(m.confusion.tn), std::int64_t(m.confusion.fp)}),
                                         Json::array({std::int64_t(m.confusion.fn), std::int64_t(m.confusion.tp)})})}};
        o[svmModeName(m.mode)] = std::move(mode);
    }
    return o;
}

Json curveJson(const RateCurve &c)
{
    Json captured = Json::object();
    for (double a : capturedAreas())
        captured["top_" + std::to_string(int(std::lround(a * 100))) + "pct"] =
            c.occurrences ? number(capturedInTop(c, a)) : Json(nullptr);
    return Json{{"auc", number(c.auc)},
                {"occurrences", c.occurrences},
                {"captured", captured},
                {"area", numbers(c.area)},
                {"fraction", numbers(c.captured)}};
}

Json evaluationJson(const MapEvaluation &e)
{
    Json o{{"headline", e.headline()},
           {"training_deposit_pixels", e.trainingDeposits},
           {"validation_given", e.validationGiven},
           {"validation_used", e.validationUsed},
           {"held_out_folds", e.heldOutGroups},
           {"deposit_groups", e.depositGroups},
           {"group_distance_pixels", number(e.groupDistance)},
           {"notes", e.notes}};
    const int best = e.bestBaseline();
    if (best >= 0) {
        o["best_baseline"] = e.rows[std::size_t(best)].name;
        o["model_minus_best_baseline"] =
            number(e.headlineAuc(e.rows.front()) - e.headlineAuc(e.rows[std::size_t(best)]));
    }
    Json rows = Json::array();
    for (const ScoreEvaluation &row : e.rows) {
        Json r{{"name", row.name},
               {"title", row.title},
               {"kind", row.isModel ? "model" : "zero-label baseline"},
               {"success", curveJson(row.success)},
               {"held_out", curveJson(row.heldOut)}};
        if (e.validationUsed > 0)
            r["prediction"] = curveJson(row.prediction);
        rows.push_back(std::move(r));
    }
    o["rows"] = std::move(rows);
    return o;
}

Json layerJson(const LayerSpec &l)
{
    Json o{{"name", l.name}};
    if (l.kind == LayerSpec::Kind::Derived) {
        o["kind"] = "derived";
        o["product"] = magneticProductName(l.derive.product);
        if (l.derive.product == MagneticProduct::ReducedToPole) {
            o["inclination"] = number(l.derive.inclination);
            o["declination"] = number(l.derive.declination);
            o["stabilising_inclination"] = number(l.derive.stabilisingInclination);
        } else if (l.derive.product == MagneticProduct::UpwardContinuation) {
            o["height"] = number(l.derive.height);
        } else if (l.derive.product == MagneticProduct::LocalStdDev) {
            o["window"] = l.derive.window;
        }
        o["logarithm"] = isAmplitudeProduct(l.derive.product);
    } else {
        o["kind"] = "file";
        o["path"] = l.path;
        o["band"] = l.band;
    }
    return o;
}

Json layersJson(const std::vector<LayerSpec> &layers)
{
    Json out = Json::array();
    for (const LayerSpec &l : layers)
        out.push_back(layerJson(l));
    return out;
}

/** The settings of a classification with a saved model (lodestone-cli classify): what this run chose, and the
 *  model's network geometry, map mode, machine, inputs and ensemble. How the model was trained is recorded in the
 *  report of the run that wrote it, not here. */
Json modelSettingsJson(const PipelineResult &r, const PipelineParams &p)
{
    const AutoencoderParams &a = p.autoencoder;
    Json s{{"training", "none in this run: the networks and classifiers are read from the model file (labels.source)"},
           {"patch_size", a.patchSize},
           {"filters", Json::array({a.filters[0], a.filters[1], a.filters[2]})},
           {"stride", p.stride},
           {"feature_method", featureMethodName(p.featureMethod)},
           {"normalisation", "min-max over valid pixels, with the model's offsets and scales"},
           {"mode", svmModeName(p.mode)}};
    if (r.classifier)
        s["classifier"] = classifierKindName(r.classifier->model().kind());
    s["threads"] = p.threads;
    s["ensemble"] = p.ensemble;
    s["evaluate"] = false;
    s["svm_inputs"] = p.svmInputs;
    s["layers"] = layersJson(p.layers);
    s["streamed"] = r.stripRows > 0;
    if (r.stripRows > 0)
        s["strip_rows"] = r.stripRows;
    return s;
}

Json settingsJson(const PipelineResult &r, const PipelineParams &p)
{
    const AutoencoderParams &a = p.autoencoder;
    Json s{{"patch_size", a.patchSize},
           {"filters", Json::array({a.filters[0], a.filters[1], a.filters[2]})},
           {"train_patches", a.trainPatches},
           {"epochs", a.epochs},
           {"batch_size", a.batchSize},
           {"learning_rate", number(a.learningRate)},
           {"stride", p.stride},
           {"feature_method", featureMethodName(p.featureMethod)},
           {"normalisation", "min-max over valid pixels"},
           {"mode", svmModeName(p.mode)},
           {"folds", p.experiments.folds},
           {"positions_per_class", p.experiments.perClass},
           {"max_training_samples", p.experiments.maxTrainingSamples},
           {"deposit_buffer", p.experiments.depositBuffer},
           {"patch_resize", p.experiments.patchResize},
           {"classifier", classifierKindName(p.experiments.svm.kind)}};
    s["svm_c"] = p.experiments.svm.c > 0 ? number(p.experiments.svm.c) : Json("auto");
    s["svm_gamma"] = p.experiments.svm.gamma > 0 ? number(p.experiments.svm.gamma) : Json("auto");
    s["threads"] = p.threads;
    s["ensemble"] = p.ensemble;
    Json schemes = Json::array();
    for (CvScheme scheme : p.cvSchemes)
        schemes.push_back(cvSchemeName(scheme));
    s["cv_schemes"] = schemes;
    s["evaluate"] = p.evaluate;
    s["background"] = p.background;
    s["svm_inputs"] = p.svmInputs;
    s["feature_components"] = p.featureComponents;
    s["feature_layers"] = p.featureLayers.empty() ? std::vector<int>{1, 2, 3} : p.featureLayers;
    s["layers"] = layersJson(p.layers);
    s["held_out_folds"] = p.heldOutFolds;
    s["streamed"] = r.stripRows > 0;
    if (r.stripRows > 0)
        s["strip_rows"] = r.stripRows;
    return s;
}

// ---- reading -------------------------------------------------------------------------------------------------

/** Reads one report, naming the file and the key of a value it refuses. */
class ReportReader {
public:
    explicit ReportReader(std::string name) : m_name(std::move(name)) {}

    [[noreturn]] void fail(const std::string &key, const std::string &expected, const json &v) const
    {
        std::string shown = dumped(v, -1);
        if (shown.size() > 60)
            shown = shown.substr(0, 57) + "...";
        throw Error(ErrorCode::BadModel, m_name + ": '" + key + "' must be " + expected + ", not " + shown + ".");
    }
    [[noreturn]] void failText(const std::string &sentence) const
    {
        throw Error(ErrorCode::BadModel, m_name + " " + sentence);
    }

    /** The object at key in o (an empty one when absent). */
    const json &object(const json &o, const std::string &path, const char *key) const
    {
        static const json empty = json::object();
        const auto it = o.find(key);
        if (it == o.end())
            return empty;
        if (!it->is_object())
            fail(join(path, key), "an object", *it);
        return *it;
    }
    const json &array(const json &o, const std::string &path, const char *key) const
    {
        static const json empty = json::array();
        const auto it = o.find(key);
        if (it == o.end())
            return empty;
        if (!it->is_array())
            fail(join(path, key), "a list", *it);
        return *it;
    }
    /** A number from lo to hi; absent: fallback; null: nullValue (the writer's NaN). */
    double number(const json &v, const std::string &key, double lo, double hi, double nullValue) const
    {
        if (v.is_null())
            return nullValue;
        if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi))
            fail(key, "a number from " + shownNumber(lo) + " to " + shownNumber(hi), v);
        return v.get<double>();
    }
    double number(const json &o, const std::string &path, const char *key, double lo, double hi, double fallback,
                  double nullValue) const
    {
        const auto it = o.find(key);
        return it == o.end() ? fallback : number(*it, join(path, key), lo, hi, nullValue);
    }
    /** A whole number from lo to hi (also written as 3.0). */
    long long whole(const json &v, const std::string &key, long long lo, long long hi) const
    {
        bool ok = false;
        long long n = 0;
        if (v.is_number_unsigned()) {
            ok = v.get<std::uint64_t>() <= std::uint64_t(hi);
            n = ok ? static_cast<long long>(v.get<std::uint64_t>()) : 0;
        } else if (v.is_number_integer()) {
            n = v.get<std::int64_t>();
            ok = true;
        } else if (v.is_number_float()) {
            const double d = v.get<double>();
            ok = std::floor(d) == d && d >= double(lo) && d <= double(hi);
            n = ok ? static_cast<long long>(d) : 0;
        }
        if (!ok || n < lo || n > hi)
            fail(key, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), v);
        return n;
    }
    long long whole(const json &o, const std::string &path, const char *key, long long lo, long long hi,
                    long long fallback) const
    {
        const auto it = o.find(key);
        return it == o.end() ? fallback : whole(*it, join(path, key), lo, hi);
    }
    std::string text(const json &v, const std::string &key) const
    {
        if (!v.is_string())
            fail(key, "text", v);
        return v.get<std::string>();
    }
    std::string text(const json &o, const std::string &path, const char *key, const std::string &fallback) const
    {
        const auto it = o.find(key);
        return it == o.end() ? fallback : text(*it, join(path, key));
    }
    std::vector<std::string> texts(const json &o, const std::string &path, const char *key) const
    {
        std::vector<std::string> out;
        const json &a = array(o, path, key);
        for (std::size_t i = 0; i < a.size(); ++i)
            out.push_back(text(a[i], join(path, key) + "[" + std::to_string(i) + "]"));
        return out;
    }
    std::vector<double> numbers(const json &o, const std::string &path, const char *key, double lo, double hi,
                                double nullValue) const
    {
        std::vector<double> out;
        const json &a = array(o, path, key);
        for (std::size_t i = 0; i < a.size(); ++i)
            out.push_back(number(a[i], join(path, key) + "[" + std::to_string(i) + "]", lo, hi, nullValue));
        return out;
    }

    static std::string join(const std::string &path, const std::string &key)
    {
        return path.empty() ? key : path + "." + key;
    }

private:
    static std::string shownNumber(double v)
    {
        if (std::isinf(v))
            return v > 0 ? "infinity" : "-infinity";
        if (std::floor(v) == v && std::abs(v) < 1e15)
            return std::to_string(static_cast<long long>(v));
        return dumped(json(v), -1);
    }
    std::string m_name;
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxCount = 1'000'000'000'000LL; ///< pixels, positions: far above any survey
constexpr long long kMaxInt = std::numeric_limits<int>::max();

std::vector<ModeResult> readCrossValidation(const ReportReader &in, const json &cv, const std::string &path,
                                            CvScheme fallback)
{
    std::vector<ModeResult> out;
    for (SvmMode mode : allSvmModes()) {
        const std::string key = svmModeName(mode);
        if (!cv.contains(key))
            continue;
        const json &o = in.object(cv, path, key.c_str());
        const std::string at = ReportReader::join(path, key);
        ModeResult m;
        m.mode = mode;
        const std::string scheme = in.text(o, at, "scheme", cvSchemeName(fallback));
        if (scheme == cvSchemeName(CvScheme::Spatial))
            m.scheme = CvScheme::Spatial;
        else if (scheme == cvSchemeName(CvScheme::Random))
            m.scheme = CvScheme::Random;
        else
            in.fail(at + ".scheme", "\"random\" or \"spatial\"", o.at("scheme"));
        // Shares are 0 .. 1; a null (a share of nothing, e.g. a mode no fold could test) reads as NaN.
        m.accuracy = in.number(o, at, "accuracy", 0, 1, 0, kNaN);
        m.precision = in.number(o, at, "precision", 0, 1, 0, kNaN);
        m.recall = in.number(o, at, "recall", 0, 1, 0, kNaN);
        m.f1 = in.number(o, at, "f1", 0, 1, 0, kNaN);
        m.auc = in.number(o, at, "auc", 0, 1, kNaN, kNaN);
        m.folds = int(in.whole(o, at, "folds", 0, kMaxInt, 0));
        m.positions = int(in.whole(o, at, "positions", 0, kMaxInt, 0));
        m.tested = int(in.whole(o, at, "tested", 0, kMaxInt, m.positions));
        m.groups = int(in.whole(o, at, "groups", 0, kMaxInt, 0));
        m.c = in.number(o, at, "svm_c", 0, kInf, 0, 0);
        m.gamma = in.number(o, at, "svm_gamma", 0, kInf, 0, 0);
        m.foldAccuracy = in.numbers(o, at, "fold_accuracy", 0, 1, kNaN);
        const std::string matrixAt = at + ".confusion_matrix";
        const json &values = in.array(in.object(o, at, "confusion_matrix"), matrixAt, "values");
        if (!values.empty()) {
            if (values.size() != 2 || !values[0].is_array() || !values[1].is_array() || values[0].size() != 2 ||
                values[1].size() != 2)
                in.fail(matrixAt + ".values", "two rows of two counts", values);
            const auto count = [&](int row, int column) {
                return long(in.whole(values[std::size_t(row)][std::size_t(column)],
                                     matrixAt + ".values[" + std::to_string(row) + "][" + std::to_string(column) + "]",
                                     0, kMaxCount));
            };
            m.confusion.tn = count(0, 0);
            m.confusion.fp = count(0, 1);
            m.confusion.fn = count(1, 0);
            m.confusion.tp = count(1, 1);
        }
        out.push_back(m);
    }
    return out;
}

/** A rate curve as report.json holds it: AUC, occurrences and the curve; the ranks are not written. */
RateCurve readCurve(const ReportReader &in, const json &row, const std::string &path, const char *key)
{
    RateCurve c;
    const json &o = in.object(row, path, key);
    if (o.empty()) {
        c.auc = kNaN;
        return c;
    }
    const std::string at = ReportReader::join(path, key);
    c.auc = in.number(o, at, "auc", 0, 1, kNaN, kNaN);
    c.occurrences = int(in.whole(o, at, "occurrences", 0, kMaxInt, 0));
    c.area = in.numbers(o, at, "area", 0, 1, kNaN);
    c.captured = in.numbers(o, at, "fraction", 0, 1, kNaN);
    if (c.area.size() != c.captured.size())
        in.fail(at + ".fraction", "as long as '" + at + ".area' (" + std::to_string(c.area.size()) + " values)",
                o.value("fraction", json()));
    return c;
}

MapEvaluation readEvaluation(const ReportReader &in, const json &o)
{
    const std::string at = "evaluation";
    MapEvaluation e;
    e.trainingDeposits = int(in.whole(o, at, "training_deposit_pixels", 0, kMaxInt, 0));
    e.validationGiven = int(in.whole(o, at, "validation_given", 0, kMaxInt, 0));
    e.validationUsed = int(in.whole(o, at, "validation_used", 0, kMaxInt, 0));
    e.heldOutGroups = int(in.whole(o, at, "held_out_folds", 0, kMaxInt, 0));
    e.depositGroups = int(in.whole(o, at, "deposit_groups", 0, kMaxInt, 0));
    e.groupDistance = in.number(o, at, "group_distance_pixels", 0, kInf, 0, kNaN);
    e.notes = in.texts(o, at, "notes");
    const json &rows = in.array(o, at, "rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string rowAt = at + ".rows[" + std::to_string(i) + "]";
        if (!rows[i].is_object())
            in.fail(rowAt, "an object", rows[i]);
        const json &row = rows[i];
        ScoreEvaluation s;
        s.name = in.text(row, rowAt, "name", "");
        s.title = in.text(row, rowAt, "title", "");
        s.isModel = in.text(row, rowAt, "kind", "") == "model";
        s.success = readCurve(in, row, rowAt, "success");
        s.heldOut = readCurve(in, row, rowAt, "held_out");
        s.prediction = readCurve(in, row, rowAt, "prediction");
        e.rows.push_back(std::move(s));
    }
    return e;
}

} // namespace

std::string pipelineReportJson(const PipelineResult &r, const PipelineParams &p, const RunContext &c,
                               const OutputSummary *outputs)
{
    Json w;
    w["schema_version"] = kReportSchemaVersion;
    w["lodestone_version"] = LODESTONE_VERSION;
    w["command_line"] = c.commandLine;

    std::size_t validCount = 0;
    for (uint8_t v : r.valid)
        validCount += v;
    w["survey"] = Json{{"path", c.surveyPath},
                       {"band", c.band},
                       {"width", r.grid.width},
                       {"height", r.grid.height},
                       {"valid_pixels", std::uint64_t(validCount)},
                       {"crs_wkt", r.grid.crsWkt}};
    w["labels"] = Json{{"source", c.labelsPath},
                       {"kind", c.labelsKind},
                       {"deposit", std::uint64_t(r.deposits)},
                       {"non_deposit", std::uint64_t(r.nonDeposits)},
                       {"background", std::uint64_t(r.backgroundPositions)}};
    if (!c.labelsImports.empty())
        w["labels"]["imports"] = c.labelsImports;
    if (!c.classifiesWithModel()) // a classification draws nothing at random: it has no seed
        w["seed"] = std::uint64_t(p.seed);
    if (!r.featuresReusedFrom.empty()) {
        // The networks and feature rasters were not trained by this run: where they came from (their key, the
        // same as this run's, is in model.pt).
        w["features_reused_from"] = r.featuresReusedFrom;
    }
    w["settings"] = c.classifiesWithModel() ? modelSettingsJson(r, p) : settingsJson(r, p);

    Json stages = Json::object();
    double total = 0;
    for (const auto &[stage, s] : r.stageSeconds) {
        stages[stage] = number(s);
        total += s;
    }
    stages["total"] = number(total);
    w["stage_seconds"] = stages;
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    w["peak_rss_mb"] = number(double(usage.ru_maxrss) / 1024.0);
    w["loss_per_epoch"] = numbers(r.history.epochLoss);

    w["cross_validation"] = crossValidationJson(r.crossValidation);
    w["cross_validation_spatial"] = crossValidationJson(r.spatialCrossValidation);
    w["cross_validation_headline"] = cvSchemeName(headlineCvScheme(r.crossValidation, r.spatialCrossValidation));
    w["ensemble"] = r.ensemble;
    if (!r.evaluation.empty()) {
        w["evaluation"] = evaluationJson(r.evaluation);
        if (!c.validationSource.empty() && r.evaluation.validationGiven > 0)
            w["evaluation"]["validation_source"] = c.validationSource;
    }

    std::size_t dep = r.depositPixels, non = r.nonDepositPixels;
    if (!r.classes.empty()) {
        dep = non = 0;
        for (uint8_t v : r.classes) {
            dep += v == 1;
            non += v == 0;
        }
    }
    w["classification"] = Json{{"mode", svmModeName(p.mode)},
                               {"deposit_pixels", std::uint64_t(dep)},
                               {"non_deposit_pixels", std::uint64_t(non)},
                               {"deposit_fraction", dep + non ? double(dep) / double(dep + non) : 0.0},
                               {"rule", "deposit where the deposit probability >= threshold"},
                               {"threshold", ClassThreshold}};
    if (outputs)
        w["outputs"] = outputSummaryJson(*outputs);
    w["warnings"] = r.warnings;
    Json libraries = Json::object();
    for (const auto &[name, version] : libraryVersions())
        libraries[name] = version;
    w["libraries"] = libraries;
    return dumped(w) + "\n";
}

void readPipelineReport(const std::string &text, PipelineResult &r, const std::string &name)
{
    const ReportReader in(name);
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception &e) {
        in.failText(std::string("is not valid JSON text (") + e.what() + ").");
    }
    if (!root.is_object())
        in.failText("is not a Lodestone report: its JSON text is not an object.");
    const long long version = in.whole(root, "", "schema_version", 1, kMaxInt, 1);
    if (version > kReportSchemaVersion)
        in.failText("was written by a newer version of Lodestone (report schema " + std::to_string(version) +
                    "; this version reads up to " + std::to_string(kReportSchemaVersion) + ").");

    const json &labels = in.object(root, "", "labels");
    r.deposits = std::size_t(in.whole(labels, "labels", "deposit", 0, kMaxCount, 0));
    r.nonDeposits = std::size_t(in.whole(labels, "labels", "non_deposit", 0, kMaxCount, 0));

    r.history.epochLoss = in.numbers(root, "", "loss_per_epoch", 0, kInf, kNaN);

    r.stageSeconds.clear();
    const json &stages = in.object(root, "", "stage_seconds");
    for (const char *stage : {"svm_inputs", "train_autoencoder", "feature_rasters", "cross_validation",
                              "classification", "held_out_groups", "evaluation"}) {
        if (stages.contains(stage))
            r.stageSeconds.emplace_back(stage, in.number(stages, "stage_seconds", stage, 0, kInf, 0, kNaN));
    }

    r.crossValidation =
        readCrossValidation(in, in.object(root, "", "cross_validation"), "cross_validation", CvScheme::Random);
    r.spatialCrossValidation = readCrossValidation(in, in.object(root, "", "cross_validation_spatial"),
                                                   "cross_validation_spatial", CvScheme::Spatial);
    r.ensemble = int(in.whole(root, "", "ensemble", 1, 1000, 1));
    r.evaluation =
        root.contains("evaluation") ? readEvaluation(in, in.object(root, "", "evaluation")) : MapEvaluation();
    r.warnings = in.texts(root, "", "warnings");
}

std::string provenanceJson(const std::string &file, const std::string &content, const std::string &reportJson)
{
    Json o{{"file", file}, {"content", content}};
    o["report"] = Json::parse(reportJson);
    return dumped(o) + "\n";
}

std::string jsonString(const std::string &text)
{
    return dumped(json(text), -1);
}

} // namespace lodestone
