// Project files in and out with nlohmann-json: ordered_json keeps the keys in the order written; the reader takes
// every value through one of the checked accessors of Reader, which throw ProjectError naming the key.
#include "projectschema.h"

#include "experiments.h"
#include "layers.h"
#include "svm.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lodestone {

namespace {

using Json = nlohmann::ordered_json;
using nlohmann::json;

const char *const kFormat = "lodestone-project";

template <typename J> std::string dumped(const J &v, int indent)
{
    return v.dump(indent, ' ', false, json::error_handler_t::replace);
}

// ---- writing -------------------------------------------------------------------------------------------------

Json number(double v)
{
    return std::isfinite(v) ? Json(v) : Json(nullptr);
}

Json pathJson(const ProjectPath &p)
{
    if (p.empty())
        return Json::object();
    return Json{{"path", p.relative}, {"absolute", p.absolute}};
}

Json stateJson(const ProjectLayerState &s)
{
    return Json{{"visible", s.visible}, {"opacity", number(s.opacity)}};
}

Json styleJson(const ProjectStyle &s)
{
    return Json{{"ramp", s.ramp},
                {"stretch", s.stretch},
                {"low_percent", number(s.lowPercent)},
                {"high_percent", number(s.highPercent)},
                {"hillshade", s.hillshade},
                {"azimuth", number(s.azimuth)},
                {"altitude", number(s.altitude)},
                {"z_factor", number(s.zFactor)},
                {"strength", number(s.strength)},
                {"blend", s.blend},
                {"smooth_zoomed_in", s.smoothZoomedIn}};
}

Json layerSpecJson(const LayerSpec &l)
{
    Json o{{"name", l.name}};
    if (l.kind == LayerSpec::Kind::Derived) {
        o["kind"] = "derived";
        o["product"] = productToken(l.derive);
        o["inclination"] = number(l.derive.inclination);
        o["declination"] = number(l.derive.declination);
        o["stabilising_inclination"] = number(l.derive.stabilisingInclination);
    } else {
        o["kind"] = "file";
        o["path"] = l.path;
        o["band"] = l.band;
    }
    return o;
}

Json trainingJson(const PipelineParams &p)
{
    const AutoencoderParams &a = p.autoencoder;
    Json layers = Json::array();
    for (const LayerSpec &l : p.layers)
        layers.push_back(layerSpecJson(l));
    return Json{{"svm_inputs", p.svmInputs},
                {"input_layers", layers},
                {"patch_size", a.patchSize},
                {"train_patches", a.trainPatches},
                {"epochs", a.epochs},
                {"batch_size", a.batchSize},
                {"learning_rate", number(a.learningRate)},
                {"filters", Json::array({a.filters[0], a.filters[1], a.filters[2]})},
                {"feature_method", featureMethodName(p.featureMethod)},
                {"stride", p.stride},
                {"mode", svmModeName(p.mode)},
                {"classifier", classifierKindName(p.experiments.svm.kind)},
                {"svm_c", number(p.experiments.svm.c)},
                {"svm_gamma", number(p.experiments.svm.gamma)},
                {"folds", p.experiments.folds},
                {"positions_per_class", p.experiments.perClass},
                {"patch_resize", p.experiments.patchResize},
                {"deposit_buffer", p.experiments.depositBuffer},
                {"feature_components", p.featureComponents},
                {"feature_layers", p.featureLayers},
                {"seed", std::uint64_t(p.seed)},
                {"ensemble", p.ensemble}};
}

// ---- reading -------------------------------------------------------------------------------------------------

using Expected = ProjectProblem::Expected;

std::string shortened(const json &v)
{
    std::string s = dumped(v, -1);
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

std::string shownNumber(double v)
{
    if (std::isinf(v))
        return v > 0 ? "infinity" : "-infinity";
    if (std::floor(v) == v && std::abs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    return dumped(json(v), -1);
}

std::string join(const std::string &path, const std::string &key)
{
    return path.empty() ? key : path + "." + key;
}

std::string item(const std::string &path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

/** Reads one project file, naming the file and the key of a value it refuses. */
class Reader {
public:
    explicit Reader(std::string name) : m_name(std::move(name)) {}

    [[noreturn]] void fail(ProjectProblem::Kind kind) const
    {
        ProjectProblem p;
        p.kind = kind;
        throw ProjectError(m_name, p);
    }
    [[noreturn]] void fail(const std::string &key, Expected expected, const json &v, std::string low = {},
                           std::string high = {}, std::vector<std::string> choices = {}) const
    {
        ProjectProblem p;
        p.kind = ProjectProblem::Kind::BadValue;
        p.key = key;
        p.expected = expected;
        p.low = std::move(low);
        p.high = std::move(high);
        p.choices = std::move(choices);
        p.value = shortened(v);
        throw ProjectError(m_name, p);
    }
    const std::string &name() const { return m_name; }

    static const json *find(const json &o, const char *key)
    {
        const auto it = o.find(key);
        return it == o.end() ? nullptr : &*it;
    }
    const json &object(const json &v, const std::string &key) const
    {
        if (!v.is_object())
            fail(key, Expected::Object, v);
        return v;
    }
    /** The object at key in o (an empty one when absent). */
    const json &object(const json &o, const std::string &path, const char *key) const
    {
        static const json empty = json::object();
        const json *v = find(o, key);
        return v ? object(*v, join(path, key)) : empty;
    }
    const json &array(const json &o, const std::string &path, const char *key) const
    {
        static const json empty = json::array();
        const json *v = find(o, key);
        if (!v)
            return empty;
        if (!v->is_array())
            fail(join(path, key), Expected::List, *v);
        return *v;
    }
    double number(const json &v, const std::string &key, double lo, double hi) const
    {
        if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi))
            fail(key, Expected::Number, v, shownNumber(lo), shownNumber(hi));
        return v.get<double>();
    }
    void number(const json &o, const std::string &path, const char *key, double lo, double hi, double &out) const
    {
        if (const json *v = find(o, key))
            out = number(*v, join(path, key), lo, hi);
    }
    std::uint64_t whole(const json &v, const std::string &key, std::int64_t lo, std::uint64_t hi) const
    {
        bool ok = false;
        std::uint64_t n = 0;
        if (v.is_number_unsigned()) {
            n = v.get<std::uint64_t>();
            ok = lo <= 0 || n >= std::uint64_t(lo);
        } else if (v.is_number_integer()) {
            const std::int64_t i = v.get<std::int64_t>();
            ok = i >= lo && i >= 0; // the ranges of project files start at 0 or above
            n = ok ? std::uint64_t(i) : 0;
        } else if (v.is_number_float()) {
            const double d = v.get<double>();
            ok = std::floor(d) == d && d >= double(lo) && d >= 0 && d <= double(hi);
            n = ok ? std::uint64_t(d) : 0;
        }
        if (!ok || n > hi)
            fail(key, Expected::WholeNumber, v, std::to_string(lo), std::to_string(hi));
        return n;
    }
    void whole(const json &o, const std::string &path, const char *key, int lo, int hi, int &out) const
    {
        if (const json *v = find(o, key))
            out = int(whole(*v, join(path, key), lo, std::uint64_t(hi)));
    }
    std::string text(const json &v, const std::string &key) const
    {
        if (!v.is_string())
            fail(key, Expected::Text, v);
        return v.get<std::string>();
    }
    void text(const json &o, const std::string &path, const char *key, std::string &out) const
    {
        if (const json *v = find(o, key))
            out = text(*v, join(path, key));
    }
    void flag(const json &o, const std::string &path, const char *key, bool &out) const
    {
        if (const json *v = find(o, key)) {
            if (!v->is_boolean())
                fail(join(path, key), Expected::TrueOrFalse, *v);
            out = v->get<bool>();
        }
    }
    /** One of choices; absent: out unchanged. */
    void choice(const json &o, const std::string &path, const char *key, const std::vector<std::string> &choices,
                std::string &out) const
    {
        const json *v = find(o, key);
        if (!v)
            return;
        if (v->is_string()) {
            for (const std::string &c : choices) {
                if (c == v->get_ref<const std::string &>()) {
                    out = c;
                    return;
                }
            }
        }
        fail(join(path, key), Expected::OneOf, *v, {}, {}, choices);
    }

private:
    std::string m_name;
};

constexpr int kMaxInt = std::numeric_limits<int>::max();

template <typename E, typename Names> std::vector<std::string> namesOf(const std::vector<E> &values, Names name)
{
    std::vector<std::string> out;
    for (E v : values)
        out.push_back(name(v));
    return out;
}

ProjectPath readPath(const Reader &in, const json &o, const std::string &path, const char *key)
{
    ProjectPath p;
    const json *v = Reader::find(o, key);
    if (!v)
        return p;
    const std::string at = join(path, key);
    const json &object = in.object(*v, at);
    in.text(object, at, "path", p.relative);
    in.text(object, at, "absolute", p.absolute);
    return p;
}

ProjectLayerState readState(const Reader &in, const json &o, const std::string &path)
{
    ProjectLayerState s;
    in.flag(o, path, "visible", s.visible);
    in.number(o, path, "opacity", 0, 1, s.opacity);
    return s;
}

ProjectStyle readStyle(const Reader &in, const json &o, const std::string &path, const ProjectStyle &defaults)
{
    ProjectStyle s = defaults;
    in.choice(o, path, "ramp", projectRampNames(), s.ramp);
    in.choice(o, path, "stretch", projectStretchNames(), s.stretch);
    in.number(o, path, "low_percent", 0, 100, s.lowPercent);
    in.number(o, path, "high_percent", 0, 100, s.highPercent);
    in.flag(o, path, "hillshade", s.hillshade);
    in.number(o, path, "azimuth", 0, 360, s.azimuth);
    in.number(o, path, "altitude", 0, 90, s.altitude);
    in.number(o, path, "z_factor", 0, 1e6, s.zFactor);
    in.number(o, path, "strength", 0, 1, s.strength);
    in.choice(o, path, "blend", projectBlendNames(), s.blend);
    in.flag(o, path, "smooth_zoomed_in", s.smoothZoomedIn);
    return s;
}

/** False for an entry this version cannot read (a kind or product of a later version, a file layer without a
 *  path), which is left out; a value of the wrong type throws. */
bool readLayerSpec(const Reader &in, const json &o, const std::string &path, LayerSpec &out)
{
    LayerSpec spec;
    std::string kind;
    in.text(o, path, "kind", kind);
    if (kind == "derived") {
        spec.kind = LayerSpec::Kind::Derived;
        in.number(o, path, "inclination", -90, 90, spec.derive.inclination);
        in.number(o, path, "declination", -360, 360, spec.derive.declination);
        in.number(o, path, "stabilising_inclination", 0, 90, spec.derive.stabilisingInclination);
        std::string product;
        in.text(o, path, "product", product);
        if (!parseProductToken(product, spec.derive))
            return false; // written by a later version: left out rather than misread
        spec.name = productToken(spec.derive);
    } else if (kind == "file") {
        std::string file, name;
        int band = 1;
        in.text(o, path, "path", file);
        in.whole(o, path, "band", 1, 65535, band);
        in.text(o, path, "name", name);
        if (file.empty())
            return false;
        spec = fileLayer(file, band);
        if (!name.empty())
            spec.name = name;
    } else {
        return false;
    }
    out = spec;
    return true;
}

PipelineParams readTraining(const Reader &in, const json &o, const std::string &at)
{
    PipelineParams p;
    AutoencoderParams &a = p.autoencoder;
    in.whole(o, at, "patch_size", 4, 512, a.patchSize);
    in.whole(o, at, "train_patches", 1, 10'000'000, a.trainPatches);
    in.whole(o, at, "epochs", 1, 100'000, a.epochs);
    in.whole(o, at, "batch_size", 1, 65'536, a.batchSize);
    in.number(o, at, "learning_rate", 1e-6, 1, a.learningRate);
    if (const json *filters = Reader::find(o, "filters")) {
        const std::string key = join(at, "filters");
        if (!filters->is_array() || filters->size() != 3)
            in.fail(key, Expected::Numbers, *filters, "3");
        for (std::size_t i = 0; i < 3; ++i)
            a.filters[i] = int(in.whole((*filters)[i], item(key, i), 1, 256));
    }
    std::string name = featureMethodName(p.featureMethod);
    in.choice(o, at, "feature_method",
              namesOf(std::vector<FeatureMethod>{FeatureMethod::Exact, FeatureMethod::Dense}, featureMethodName), name);
    parseFeatureMethod(name, p.featureMethod);
    in.whole(o, at, "stride", 1, 512, p.stride);
    name = svmModeName(p.mode);
    in.choice(o, at, "mode", namesOf(allSvmModes(), svmModeName), name);
    parseSvmMode(name, p.mode);
    // A project written before the choice of machine existed ran the RBF SVM on the feature rasters alone: keep it.
    const bool hasClassifier = o.contains("classifier");
    name = classifierKindName(ClassifierKind::RbfSvm);
    in.choice(
        o, at, "classifier",
        namesOf(std::vector<ClassifierKind>{ClassifierKind::RbfSvm, ClassifierKind::Logistic}, classifierKindName),
        name);
    parseClassifierKind(name, p.experiments.svm.kind);
    if (o.contains("svm_inputs")) {
        p.svmInputs.clear();
        const json &inputs = in.array(o, at, "svm_inputs");
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const std::string input = in.text(inputs[i], item(join(at, "svm_inputs"), i));
            if (!input.empty()) // checked by the run, which names an unknown product
                p.svmInputs.push_back(input);
        }
    } else if (!hasClassifier) {
        p.svmInputs.clear();
    }
    in.number(o, at, "svm_c", 0, 1e6, p.experiments.svm.c);
    in.number(o, at, "svm_gamma", 0, 1e6, p.experiments.svm.gamma);
    in.whole(o, at, "folds", 2, 100, p.experiments.folds);
    in.whole(o, at, "positions_per_class", 0, kMaxInt, p.experiments.perClass);
    in.whole(o, at, "patch_resize", 1, 512, p.experiments.patchResize);
    // A project written before the deposit buffer existed trained on the deposits as given: keep it.
    if (!o.contains("deposit_buffer"))
        p.experiments.depositBuffer = 0;
    in.whole(o, at, "deposit_buffer", 0, kMaxDepositBuffer, p.experiments.depositBuffer);
    in.whole(o, at, "feature_components", 0, 1000, p.featureComponents); // absent before it existed: 0, off
    // Absent before it existed: the classifier saw every layer's rasters (empty). An empty list is every layer too.
    p.featureLayers.clear();
    if (o.contains("feature_layers")) {
        const json &layers = in.array(o, at, "feature_layers");
        for (std::size_t i = 0; i < layers.size(); ++i)
            p.featureLayers.push_back(int(in.whole(layers[i], item(join(at, "feature_layers"), i), 1, 3)));
        // As the command line takes them: in order, each once, and all three as every layer.
        std::sort(p.featureLayers.begin(), p.featureLayers.end());
        p.featureLayers.erase(std::unique(p.featureLayers.begin(), p.featureLayers.end()), p.featureLayers.end());
        if (p.featureLayers.size() == 3)
            p.featureLayers.clear();
    }
    if (const json *seed = Reader::find(o, "seed"))
        p.seed = in.whole(*seed, join(at, "seed"), 0, std::numeric_limits<std::uint64_t>::max());
    in.whole(o, at, "ensemble", 1, 100, p.ensemble);
    const json &layers = in.array(o, at, "input_layers");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::string key = item(join(at, "input_layers"), i);
        LayerSpec spec;
        if (readLayerSpec(in, in.object(layers[i], key), key, spec))
            p.layers.push_back(spec);
    }
    return p;
}

json parsed(const Reader &in, const std::string &text)
{
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception &e) {
        ProjectProblem p;
        p.kind = ProjectProblem::Kind::NotJson;
        p.detail = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: ...": the part after the tag
        const std::size_t tag = p.detail.find("] ");
        if (p.detail.rfind("[json.exception.", 0) == 0 && tag != std::string::npos)
            p.detail = p.detail.substr(tag + 2);
        throw ProjectError(in.name(), p);
    }
    if (!root.is_object())
        in.fail(ProjectProblem::Kind::NotObject);
    return root;
}

} // namespace

const std::vector<std::string> &projectRampNames()
{
    static const std::vector<std::string> names{"rainbow", "viridis", "greys"};
    return names;
}

const std::vector<std::string> &projectStretchNames()
{
    static const std::vector<std::string> names{"histogram-equalize", "percent-clip", "min-max"};
    return names;
}

const std::vector<std::string> &projectBlendNames()
{
    static const std::vector<std::string> names{"hsv-value", "multiply"};
    return names;
}

std::string describeProjectProblem(const std::string &name, const ProjectProblem &p)
{
    switch (p.kind) {
    case ProjectProblem::Kind::NotJson: return name + " is not a Lodestone project: " + p.detail + ".";
    case ProjectProblem::Kind::NotObject: return name + " is not a Lodestone project: its JSON text is not an object.";
    case ProjectProblem::Kind::NotProject: return name + " is not a Lodestone project.";
    case ProjectProblem::Kind::Newer:
        return name + " was written by a newer version of Lodestone (project format " + std::to_string(p.version) +
               "; this version reads up to " + std::to_string(kProjectSchemaVersion) + ").";
    case ProjectProblem::Kind::NoSurvey: return name + " names no survey.";
    case ProjectProblem::Kind::BadValue: break;
    }
    std::string expected;
    switch (p.expected) {
    case Expected::WholeNumber: expected = "a whole number from " + p.low + " to " + p.high; break;
    case Expected::Number: expected = "a number from " + p.low + " to " + p.high; break;
    case Expected::Text: expected = "text"; break;
    case Expected::TrueOrFalse: expected = "true or false"; break;
    case Expected::Object: expected = "an object"; break;
    case Expected::List: expected = "a list"; break;
    case Expected::Numbers: expected = "a list of " + p.low + " numbers"; break;
    case Expected::OneOf:
        expected = "one of";
        for (std::size_t i = 0; i < p.choices.size(); ++i)
            expected += (i ? ", \"" : " \"") + p.choices[i] + "\"";
        break;
    }
    return name + ": '" + p.key + "' must be " + expected + ", not " + p.value + ".";
}

std::string projectToJson(const ProjectDocument &d)
{
    Json root;
    root["format"] = kFormat;
    root["schema_version"] = kProjectSchemaVersion;
    Json survey = pathJson(d.survey);
    survey["band"] = d.band;
    root["survey"] = survey;
    if (!d.labels.empty())
        root["labels"] = pathJson(d.labels);
    if (!d.validation.empty())
        root["validation_occurrences"] = pathJson(d.validation);
    root["training"] = trainingJson(d.training);

    Json results = Json::object();
    if (!d.resultsFolder.empty()) {
        results["folder"] = pathJson(d.resultsFolder);
        results["training"] = trainingJson(d.hasResultTraining ? d.resultTraining : d.training);
    }
    if (!d.exports.empty()) {
        Json exports = Json::object();
        for (const auto &[kind, path] : d.exports)
            exports[kind] = pathJson(path);
        results["exports"] = exports;
    }
    root["results"] = results;

    Json view = Json::object();
    if (d.hasExtent)
        view["extent"] =
            Json::array({number(d.extent[0]), number(d.extent[1]), number(d.extent[2]), number(d.extent[3])});
    if (d.hasStyle)
        view["survey_style"] = styleJson(d.surveyStyle);
    view["units"] = d.units;
    view["probability_threshold"] = number(d.threshold);
    view["below_threshold"] = d.greyBelow ? "grey" : "transparent";
    Json layers{{"survey", stateJson(d.surveyLayer)},
                {"classes", stateJson(d.classesLayer)},
                {"probability", stateJson(d.probabilityLayer)},
                {"features", d.features}};
    Json user = Json::array();
    for (const ProjectUserLayer &l : d.userLayers) {
        Json o = stateJson(l.state);
        o["name"] = l.name;
        o["units"] = l.units;
        o["source"] = l.source;
        o["origin"] = layerSpecJson(l.origin);
        o["style"] = styleJson(l.style);
        user.push_back(std::move(o));
    }
    layers["user"] = user;
    view["layers"] = layers;
    root["view"] = view;
    return dumped(root, 4) + "\n";
}

ProjectDocument projectFromJson(const std::string &text, const std::string &name, const ProjectStyle &styleDefaults)
{
    const Reader in(name);
    const json root = parsed(in, text);
    const json *format = Reader::find(root, "format");
    if (!format || !format->is_string() || format->get<std::string>() != kFormat)
        in.fail(ProjectProblem::Kind::NotProject);
    // Schema 1 wrote "version"; 2 and later write "schema_version".
    const char *versionKey = root.contains("schema_version") ? "schema_version" : "version";
    int version = 1;
    in.whole(root, "", versionKey, 1, kMaxInt, version);
    if (version > kProjectSchemaVersion) {
        ProjectProblem p;
        p.kind = ProjectProblem::Kind::Newer;
        p.version = version;
        throw ProjectError(name, p);
    }

    ProjectDocument d;
    d.survey = readPath(in, root, "", "survey");
    in.whole(in.object(root, "", "survey"), "survey", "band", 1, 65535, d.band);
    if (d.survey.empty())
        in.fail(ProjectProblem::Kind::NoSurvey);
    d.labels = readPath(in, root, "", "labels");
    d.validation = readPath(in, root, "", "validation_occurrences");
    d.training = readTraining(in, in.object(root, "", "training"), "training");
    const json &results = in.object(root, "", "results");
    d.resultsFolder = readPath(in, results, "results", "folder");
    d.hasResultTraining = results.contains("training");
    d.resultTraining = d.hasResultTraining
                           ? readTraining(in, in.object(results, "results", "training"), "results.training")
                           : d.training;
    const json &exports = in.object(results, "results", "exports");
    for (auto it = exports.begin(); it != exports.end(); ++it)
        d.exports[it.key()] = readPath(in, exports, "results.exports", it.key().c_str());

    const json &view = in.object(root, "", "view");
    if (const json *extent = Reader::find(view, "extent")) {
        if (!extent->is_array() || extent->size() != 4)
            in.fail("view.extent", Expected::Numbers, *extent, "4");
        const double big = std::numeric_limits<double>::max();
        for (std::size_t i = 0; i < 4; ++i)
            d.extent[i] = in.number((*extent)[i], item("view.extent", i), -big, big);
        d.hasExtent = true;
    }
    if (view.contains("survey_style")) {
        d.hasStyle = true;
        d.surveyStyle = readStyle(in, in.object(view, "view", "survey_style"), "view.survey_style", styleDefaults);
    }
    in.text(view, "view", "units", d.units);
    in.number(view, "view", "probability_threshold", 0, 1, d.threshold);
    std::string below = "transparent";
    in.choice(view, "view", "below_threshold", {"transparent", "grey"}, below);
    d.greyBelow = below == "grey";
    const json &layers = in.object(view, "view", "layers");
    d.surveyLayer = readState(in, in.object(layers, "view.layers", "survey"), "view.layers.survey");
    d.classesLayer = readState(in, in.object(layers, "view.layers", "classes"), "view.layers.classes");
    d.probabilityLayer = readState(in, in.object(layers, "view.layers", "probability"), "view.layers.probability");
    const json &features = in.array(layers, "view.layers", "features");
    for (std::size_t i = 0; i < features.size(); ++i)
        d.features.push_back(int(in.whole(features[i], item("view.layers.features", i), 0, 100'000)));
    const json &user = in.array(layers, "view.layers", "user");
    for (std::size_t i = 0; i < user.size(); ++i) {
        const std::string at = item("view.layers.user", i);
        const json &o = in.object(user[i], at);
        ProjectUserLayer l;
        if (!readLayerSpec(in, in.object(o, at, "origin"), join(at, "origin"), l.origin))
            continue;
        in.text(o, at, "name", l.name);
        in.text(o, at, "units", l.units);
        in.text(o, at, "source", l.source);
        l.style = readStyle(in, in.object(o, at, "style"), join(at, "style"), styleDefaults);
        l.state = readState(in, o, at);
        d.userLayers.push_back(std::move(l));
    }
    return d;
}

std::string trainingToJson(const PipelineParams &params)
{
    return dumped(trainingJson(params), 4) + "\n";
}

PipelineParams trainingFromJson(const std::string &text, const std::string &name)
{
    const Reader in(name);
    return readTraining(in, parsed(in, text), "training");
}

} // namespace lodestone
