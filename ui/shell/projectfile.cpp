// ProjectFile: QJsonDocument in and out; enums are written by name so that the file reads well and survives
// reordering of the enums.
#include "projectfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace lodestone {

namespace {

const char *const kFormat = "lodestone-project";

QJsonObject pathToJson(const QString &path, const QDir &base)
{
    if (path.isEmpty())
        return {};
    const QString absolute = QFileInfo(path).absoluteFilePath();
    return {{QStringLiteral("path"), base.relativeFilePath(absolute)}, {QStringLiteral("absolute"), absolute}};
}

/** The relative path when it leads to an existing file, else the absolute path as saved. */
QString pathFromJson(const QJsonValue &value, const QDir &base)
{
    const QJsonObject o = value.toObject();
    const QString relative = o.value(QStringLiteral("path")).toString();
    const QString absolute = o.value(QStringLiteral("absolute")).toString();
    if (!relative.isEmpty()) {
        const QString resolved = QDir::cleanPath(base.absoluteFilePath(relative));
        if (QFileInfo::exists(resolved) || absolute.isEmpty())
            return resolved;
    }
    return absolute;
}

QJsonObject layerToJson(const LayerState &s)
{
    return {{QStringLiteral("visible"), s.visible}, {QStringLiteral("opacity"), s.opacity}};
}

LayerState layerFromJson(const QJsonValue &v)
{
    LayerState s;
    const QJsonObject o = v.toObject();
    s.visible = o.value(QStringLiteral("visible")).toBool(true);
    s.opacity = o.value(QStringLiteral("opacity")).toDouble(1.0);
    return s;
}

template <typename E> struct Names {
    E value;
    const char *name;
};

const Names<ColorRamp::Preset> kRamps[] = {
    {ColorRamp::Rainbow, "rainbow"}, {ColorRamp::Viridis, "viridis"}, {ColorRamp::Greys, "greys"}};
const Names<RenderSettings::Stretch> kStretches[] = {{RenderSettings::Stretch::HistogramEqualize, "histogram-equalize"},
                                                     {RenderSettings::Stretch::PercentClip, "percent-clip"},
                                                     {RenderSettings::Stretch::MinMax, "min-max"}};
const Names<RenderSettings::ShadeBlend> kBlends[] = {{RenderSettings::ShadeBlend::HsvValue, "hsv-value"},
                                                     {RenderSettings::ShadeBlend::Multiply, "multiply"}};

template <typename E, std::size_t N> QString nameOf(const Names<E> (&names)[N], E value)
{
    for (const auto &n : names) {
        if (n.value == value)
            return QString::fromLatin1(n.name);
    }
    return QString::fromLatin1(names[0].name);
}

template <typename E, std::size_t N> E valueOf(const Names<E> (&names)[N], const QJsonValue &v, E fallback)
{
    const QString s = v.toString();
    for (const auto &n : names) {
        if (s == QLatin1String(n.name))
            return n.value;
    }
    return fallback;
}

} // namespace

QString ProjectFile::suffix()
{
    return QStringLiteral("lodestone");
}

QString ProjectFile::dialogFilter()
{
    return tr("Lodestone projects (*.lodestone)");
}

QJsonObject ProjectFile::paramsToJson(const PipelineParams &p)
{
    const AutoencoderParams &a = p.autoencoder;
    QJsonArray inputLayers;
    for (const LayerSpec &l : p.layers)
        inputLayers.append(layerSpecToJson(l));
    QJsonArray svmInputs;
    for (const std::string &name : p.svmInputs)
        svmInputs.append(QString::fromStdString(name));
    return {
        {QStringLiteral("svm_inputs"), svmInputs},
        {QStringLiteral("input_layers"), inputLayers},
        {QStringLiteral("patch_size"), a.patchSize},
        {QStringLiteral("train_patches"), a.trainPatches},
        {QStringLiteral("epochs"), a.epochs},
        {QStringLiteral("batch_size"), a.batchSize},
        {QStringLiteral("learning_rate"), a.learningRate},
        {QStringLiteral("filters"), QJsonArray{a.filters[0], a.filters[1], a.filters[2]}},
        {QStringLiteral("feature_method"), QString::fromStdString(featureMethodName(p.featureMethod))},
        {QStringLiteral("stride"), p.stride},
        {QStringLiteral("mode"), QString::fromStdString(svmModeName(p.mode))},
        {QStringLiteral("classifier"), QString::fromStdString(classifierKindName(p.experiments.svm.kind))},
        {QStringLiteral("svm_c"), p.experiments.svm.c},
        {QStringLiteral("svm_gamma"), p.experiments.svm.gamma},
        {QStringLiteral("folds"), p.experiments.folds},
        {QStringLiteral("positions_per_class"), p.experiments.perClass},
        {QStringLiteral("patch_resize"), p.experiments.patchResize},
        {QStringLiteral("seed"), qint64(p.seed)},
        {QStringLiteral("ensemble"), p.ensemble},
    };
}

PipelineParams ProjectFile::paramsFromJson(const QJsonObject &o)
{
    PipelineParams p;
    AutoencoderParams &a = p.autoencoder;
    a.patchSize = o.value(QStringLiteral("patch_size")).toInt(a.patchSize);
    a.trainPatches = o.value(QStringLiteral("train_patches")).toInt(a.trainPatches);
    a.epochs = o.value(QStringLiteral("epochs")).toInt(a.epochs);
    a.batchSize = o.value(QStringLiteral("batch_size")).toInt(a.batchSize);
    a.learningRate = o.value(QStringLiteral("learning_rate")).toDouble(a.learningRate);
    const QJsonArray filters = o.value(QStringLiteral("filters")).toArray();
    for (int i = 0; i < 3 && i < filters.size(); ++i)
        a.filters[std::size_t(i)] = filters[i].toInt(a.filters[std::size_t(i)]);
    FeatureMethod method = p.featureMethod;
    if (parseFeatureMethod(o.value(QStringLiteral("feature_method")).toString().toStdString(), method))
        p.featureMethod = method;
    p.stride = o.value(QStringLiteral("stride")).toInt(p.stride);
    SvmMode mode = p.mode;
    if (parseSvmMode(o.value(QStringLiteral("mode")).toString().toStdString(), mode))
        p.mode = mode;
    // A project written before the choice of machine existed ran the RBF SVM: keep it.
    ClassifierKind kind = ClassifierKind::RbfSvm;
    if (!o.contains(QStringLiteral("classifier")) ||
        parseClassifierKind(o.value(QStringLiteral("classifier")).toString().toStdString(), kind))
        p.experiments.svm.kind = kind;
    if (o.contains(QStringLiteral("svm_inputs"))) {
        p.svmInputs.clear();
        for (const QJsonValue &v : o.value(QStringLiteral("svm_inputs")).toArray())
            if (!v.toString().isEmpty()) // checked by the run, which names an unknown product
                p.svmInputs.push_back(v.toString().toStdString());
    } else if (!o.contains(QStringLiteral("classifier"))) {
        p.svmInputs.clear(); // as above: an older project gave the classifier the feature rasters alone
    }
    p.experiments.svm.c = o.value(QStringLiteral("svm_c")).toDouble(p.experiments.svm.c);
    p.experiments.svm.gamma = o.value(QStringLiteral("svm_gamma")).toDouble(p.experiments.svm.gamma);
    p.experiments.folds = o.value(QStringLiteral("folds")).toInt(p.experiments.folds);
    p.experiments.perClass = o.value(QStringLiteral("positions_per_class")).toInt(p.experiments.perClass);
    p.experiments.patchResize = o.value(QStringLiteral("patch_resize")).toInt(p.experiments.patchResize);
    p.seed = std::uint64_t(o.value(QStringLiteral("seed")).toInteger(qint64(p.seed)));
    p.ensemble = std::max(1, o.value(QStringLiteral("ensemble")).toInt(p.ensemble));
    for (const QJsonValue &v : o.value(QStringLiteral("input_layers")).toArray()) {
        LayerSpec spec;
        if (layerSpecFromJson(v.toObject(), &spec))
            p.layers.push_back(spec);
    }
    return p;
}

QJsonObject ProjectFile::layerSpecToJson(const LayerSpec &l)
{
    QJsonObject o{{QStringLiteral("name"), QString::fromStdString(l.name)}};
    if (l.kind == LayerSpec::Kind::Derived) {
        o.insert(QStringLiteral("kind"), QStringLiteral("derived"));
        o.insert(QStringLiteral("product"), QString::fromStdString(productToken(l.derive)));
        o.insert(QStringLiteral("inclination"), l.derive.inclination);
        o.insert(QStringLiteral("declination"), l.derive.declination);
        o.insert(QStringLiteral("stabilising_inclination"), l.derive.stabilisingInclination);
    } else {
        o.insert(QStringLiteral("kind"), QStringLiteral("file"));
        o.insert(QStringLiteral("path"), QString::fromStdString(l.path));
        o.insert(QStringLiteral("band"), l.band);
    }
    return o;
}

bool ProjectFile::layerSpecFromJson(const QJsonObject &l, LayerSpec *out)
{
    LayerSpec spec;
    const QString kind = l.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("derived")) {
        spec.kind = LayerSpec::Kind::Derived;
        spec.derive.inclination = l.value(QStringLiteral("inclination")).toDouble(spec.derive.inclination);
        spec.derive.declination = l.value(QStringLiteral("declination")).toDouble(spec.derive.declination);
        spec.derive.stabilisingInclination =
            l.value(QStringLiteral("stabilising_inclination")).toDouble(spec.derive.stabilisingInclination);
        if (!parseProductToken(l.value(QStringLiteral("product")).toString().toStdString(), spec.derive))
            return false; // written by a later version: left out rather than misread
        spec.name = productToken(spec.derive);
    } else if (kind == QLatin1String("file")) {
        const QString path = l.value(QStringLiteral("path")).toString();
        if (path.isEmpty())
            return false;
        spec = fileLayer(path.toStdString(), std::max(1, l.value(QStringLiteral("band")).toInt(1)));
        const QString name = l.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            spec.name = name.toStdString();
    } else {
        return false;
    }
    *out = spec;
    return true;
}

QJsonObject ProjectFile::styleToJson(const RenderSettings &s)
{
    return {
        {QStringLiteral("ramp"), nameOf(kRamps, s.ramp)},
        {QStringLiteral("stretch"), nameOf(kStretches, s.stretch)},
        {QStringLiteral("low_percent"), s.lowPercent},
        {QStringLiteral("high_percent"), s.highPercent},
        {QStringLiteral("hillshade"), s.hillshade},
        {QStringLiteral("azimuth"), s.azimuth},
        {QStringLiteral("altitude"), s.altitude},
        {QStringLiteral("z_factor"), s.zFactor},
        {QStringLiteral("strength"), s.strength},
        {QStringLiteral("blend"), nameOf(kBlends, s.blend)},
        {QStringLiteral("smooth_zoomed_in"), s.smoothZoomedIn},
    };
}

RenderSettings ProjectFile::styleFromJson(const QJsonObject &o)
{
    RenderSettings s;
    s.ramp = valueOf(kRamps, o.value(QStringLiteral("ramp")), s.ramp);
    s.stretch = valueOf(kStretches, o.value(QStringLiteral("stretch")), s.stretch);
    s.lowPercent = o.value(QStringLiteral("low_percent")).toDouble(s.lowPercent);
    s.highPercent = o.value(QStringLiteral("high_percent")).toDouble(s.highPercent);
    s.hillshade = o.value(QStringLiteral("hillshade")).toBool(s.hillshade);
    s.azimuth = o.value(QStringLiteral("azimuth")).toDouble(s.azimuth);
    s.altitude = o.value(QStringLiteral("altitude")).toDouble(s.altitude);
    s.zFactor = o.value(QStringLiteral("z_factor")).toDouble(s.zFactor);
    s.strength = o.value(QStringLiteral("strength")).toDouble(s.strength);
    s.blend = valueOf(kBlends, o.value(QStringLiteral("blend")), s.blend);
    s.smoothZoomedIn = o.value(QStringLiteral("smooth_zoomed_in")).toBool(s.smoothZoomedIn);
    return s;
}

QByteArray ProjectFile::toJson(const Project &p, const QString &projectPath)
{
    const QDir base = QFileInfo(projectPath).absoluteDir();
    QJsonObject root;
    root.insert(QStringLiteral("format"), QLatin1String(kFormat));
    root.insert(QStringLiteral("version"), kVersion);
    QJsonObject survey = pathToJson(p.surveyPath, base);
    survey.insert(QStringLiteral("band"), p.band);
    root.insert(QStringLiteral("survey"), survey);
    if (!p.labelsPath.isEmpty())
        root.insert(QStringLiteral("labels"), pathToJson(p.labelsPath, base));
    if (!p.validationPath.isEmpty())
        root.insert(QStringLiteral("validation_occurrences"), pathToJson(p.validationPath, base));
    root.insert(QStringLiteral("training"), paramsToJson(p.params));

    QJsonObject results;
    if (!p.resultsFolder.isEmpty()) {
        results.insert(QStringLiteral("folder"), pathToJson(p.resultsFolder, base));
        results.insert(QStringLiteral("training"), paramsToJson(p.resultParams));
    }
    QJsonObject exports;
    for (auto it = p.exports.begin(); it != p.exports.end(); ++it)
        exports.insert(it.key(), pathToJson(it.value(), base));
    if (!exports.isEmpty())
        results.insert(QStringLiteral("exports"), exports);
    root.insert(QStringLiteral("results"), results);

    QJsonObject view;
    if (p.hasView) {
        const QRectF &e = p.viewExtent;
        view.insert(QStringLiteral("extent"), QJsonArray{e.left(), e.top(), e.right(), e.bottom()});
    }
    if (p.hasStyle)
        view.insert(QStringLiteral("survey_style"), styleToJson(p.style));
    view.insert(QStringLiteral("units"), p.units);
    view.insert(QStringLiteral("probability_threshold"), p.threshold);
    view.insert(QStringLiteral("below_threshold"),
                p.greyBelow ? QStringLiteral("grey") : QStringLiteral("transparent"));
    QJsonObject layers;
    layers.insert(QStringLiteral("survey"), layerToJson(p.survey));
    layers.insert(QStringLiteral("classes"), layerToJson(p.classes));
    layers.insert(QStringLiteral("probability"), layerToJson(p.probability));
    QJsonArray features;
    for (int f : p.features)
        features.append(f);
    layers.insert(QStringLiteral("features"), features);
    QJsonArray user;
    for (const SavedLayer &l : p.userLayers) {
        QJsonObject o = layerToJson(l.state);
        o.insert(QStringLiteral("name"), l.name);
        o.insert(QStringLiteral("units"), l.units);
        o.insert(QStringLiteral("source"), l.source);
        o.insert(QStringLiteral("origin"), layerSpecToJson(l.origin));
        o.insert(QStringLiteral("style"), styleToJson(l.style));
        user.append(o);
    }
    layers.insert(QStringLiteral("user"), user);
    view.insert(QStringLiteral("layers"), layers);
    root.insert(QStringLiteral("view"), view);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool ProjectFile::fromJson(const QByteArray &json, const QString &projectPath, Project *p, QString *error)
{
    const QString name = QDir::toNativeSeparators(projectPath);
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (doc.isNull()) {
        if (error)
            *error = tr("%1 is not a Lodestone project: %2.").arg(name, parse.errorString());
        return false;
    }
    if (!doc.isObject()) {
        // Valid JSON of another shape (e.g. an array): the parser reports no error to quote.
        if (error)
            *error = tr("%1 is not a Lodestone project: its JSON text is not an object.").arg(name);
        return false;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat)) {
        if (error)
            *error = tr("%1 is not a Lodestone project.").arg(name);
        return false;
    }
    if (root.value(QStringLiteral("version")).toInt() > kVersion) {
        if (error)
            *error = tr("%1 was written by a newer version of Lodestone (project format %2; this version reads "
                        "up to %3).")
                         .arg(name)
                         .arg(root.value(QStringLiteral("version")).toInt())
                         .arg(kVersion);
        return false;
    }
    const QDir base = QFileInfo(projectPath).absoluteDir();
    Project out;
    const QJsonObject survey = root.value(QStringLiteral("survey")).toObject();
    out.surveyPath = pathFromJson(survey, base);
    out.band = survey.value(QStringLiteral("band")).toInt(1);
    if (out.surveyPath.isEmpty()) {
        if (error)
            *error = tr("%1 names no survey.").arg(name);
        return false;
    }
    out.labelsPath = pathFromJson(root.value(QStringLiteral("labels")), base);
    out.validationPath = pathFromJson(root.value(QStringLiteral("validation_occurrences")), base);
    out.params = paramsFromJson(root.value(QStringLiteral("training")).toObject());
    const QJsonObject results = root.value(QStringLiteral("results")).toObject();
    out.resultsFolder = pathFromJson(results.value(QStringLiteral("folder")), base);
    out.resultParams = results.contains(QStringLiteral("training"))
                           ? paramsFromJson(results.value(QStringLiteral("training")).toObject())
                           : out.params;
    const QJsonObject exports = results.value(QStringLiteral("exports")).toObject();
    for (auto it = exports.begin(); it != exports.end(); ++it)
        out.exports.insert(it.key(), pathFromJson(it.value(), base));

    const QJsonObject view = root.value(QStringLiteral("view")).toObject();
    const QJsonArray extent = view.value(QStringLiteral("extent")).toArray();
    if (extent.size() == 4) {
        out.hasView = true;
        out.viewExtent = QRectF(QPointF(extent[0].toDouble(), extent[1].toDouble()),
                                QPointF(extent[2].toDouble(), extent[3].toDouble()));
    }
    if (view.contains(QStringLiteral("survey_style"))) {
        out.hasStyle = true;
        out.style = styleFromJson(view.value(QStringLiteral("survey_style")).toObject());
    }
    out.units = view.value(QStringLiteral("units")).toString(out.units);
    out.threshold = view.value(QStringLiteral("probability_threshold")).toDouble(out.threshold);
    out.greyBelow = view.value(QStringLiteral("below_threshold")).toString() == QLatin1String("grey");
    const QJsonObject layers = view.value(QStringLiteral("layers")).toObject();
    out.survey = layerFromJson(layers.value(QStringLiteral("survey")));
    out.classes = layerFromJson(layers.value(QStringLiteral("classes")));
    out.probability = layerFromJson(layers.value(QStringLiteral("probability")));
    for (const QJsonValue &f : layers.value(QStringLiteral("features")).toArray())
        out.features << f.toInt();
    for (const QJsonValue &v : layers.value(QStringLiteral("user")).toArray()) {
        const QJsonObject o = v.toObject();
        SavedLayer l;
        if (!layerSpecFromJson(o.value(QStringLiteral("origin")).toObject(), &l.origin))
            continue;
        l.name = o.value(QStringLiteral("name")).toString();
        l.units = o.value(QStringLiteral("units")).toString();
        l.source = o.value(QStringLiteral("source")).toString();
        l.style = styleFromJson(o.value(QStringLiteral("style")).toObject());
        l.state = layerFromJson(o);
        out.userLayers << l;
    }
    *p = out;
    return true;
}

bool ProjectFile::save(const Project &project, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(project, path)) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot write the project %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool ProjectFile::load(const QString &path, Project *project, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        if (error)
            *error = tr("The project %1 was not found.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read the project %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return fromJson(file.readAll(), path, project, error);
}

} // namespace lodestone
