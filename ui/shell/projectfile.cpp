// ProjectFile: core's schema (core/projectschema) in and out, the Qt types and the paths converted here; enums are
// written by name so that the file reads well and survives reordering of the enums. core's refusals are put into
// sentences of the user's language.
#include "projectfile.h"

#include "projectschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace lodestone {

namespace {

ProjectPath pathToDocument(const QString &path, const QDir &base)
{
    if (path.isEmpty())
        return {};
    const QString absolute = QFileInfo(path).absoluteFilePath();
    return {base.relativeFilePath(absolute).toStdString(), absolute.toStdString()};
}

/** The relative path when it leads to an existing file, else the absolute path as saved. */
QString pathFromDocument(const ProjectPath &path, const QDir &base)
{
    const QString relative = QString::fromStdString(path.relative);
    const QString absolute = QString::fromStdString(path.absolute);
    if (!relative.isEmpty()) {
        const QString resolved = QDir::cleanPath(base.absoluteFilePath(relative));
        if (QFileInfo::exists(resolved) || absolute.isEmpty())
            return resolved;
    }
    return absolute;
}

ProjectLayerState stateToDocument(const LayerState &s)
{
    return {s.visible, s.opacity};
}

LayerState stateFromDocument(const ProjectLayerState &s)
{
    return {s.visible, s.opacity};
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

template <typename E, std::size_t N> std::string nameOf(const Names<E> (&names)[N], E value)
{
    for (const auto &n : names) {
        if (n.value == value)
            return n.name;
    }
    return names[0].name;
}

/** core accepts only the names of projectRampNames() and its siblings, which are these. */
template <typename E, std::size_t N> E valueOf(const Names<E> (&names)[N], const std::string &name, E fallback)
{
    for (const auto &n : names) {
        if (name == n.name)
            return n.value;
    }
    return fallback;
}

ProjectStyle styleToDocument(const RenderSettings &s)
{
    ProjectStyle d;
    d.ramp = nameOf(kRamps, s.ramp);
    d.stretch = nameOf(kStretches, s.stretch);
    d.lowPercent = s.lowPercent;
    d.highPercent = s.highPercent;
    d.hillshade = s.hillshade;
    d.azimuth = s.azimuth;
    d.altitude = s.altitude;
    d.zFactor = s.zFactor;
    d.strength = s.strength;
    d.blend = nameOf(kBlends, s.blend);
    d.smoothZoomedIn = s.smoothZoomedIn;
    return d;
}

RenderSettings styleFromDocument(const ProjectStyle &d)
{
    RenderSettings s;
    s.ramp = valueOf(kRamps, d.ramp, s.ramp);
    s.stretch = valueOf(kStretches, d.stretch, s.stretch);
    s.lowPercent = d.lowPercent;
    s.highPercent = d.highPercent;
    s.hillshade = d.hillshade;
    s.azimuth = d.azimuth;
    s.altitude = d.altitude;
    s.zFactor = d.zFactor;
    s.strength = d.strength;
    s.blend = valueOf(kBlends, d.blend, s.blend);
    s.smoothZoomedIn = d.smoothZoomedIn;
    return s;
}

QString expectedText(const ProjectProblem &p)
{
    const QString low = QString::fromStdString(p.low), high = QString::fromStdString(p.high);
    switch (p.expected) {
    case ProjectProblem::Expected::WholeNumber: return ProjectFile::tr("a whole number from %1 to %2").arg(low, high);
    case ProjectProblem::Expected::Number: return ProjectFile::tr("a number from %1 to %2").arg(low, high);
    case ProjectProblem::Expected::Text: return ProjectFile::tr("text");
    case ProjectProblem::Expected::TrueOrFalse: return ProjectFile::tr("true or false");
    case ProjectProblem::Expected::Object: return ProjectFile::tr("an object");
    case ProjectProblem::Expected::List: return ProjectFile::tr("a list");
    case ProjectProblem::Expected::Numbers: return ProjectFile::tr("a list of %1 numbers").arg(low);
    case ProjectProblem::Expected::OneOf: break;
    }
    QStringList choices;
    for (const std::string &c : p.choices)
        choices << QLatin1Char('"') + QString::fromStdString(c) + QLatin1Char('"');
    return ProjectFile::tr("one of %1").arg(choices.join(QStringLiteral(", ")));
}

/** The sentence of a refusal, naming the file. */
QString problemText(const ProjectProblem &p, const QString &name)
{
    switch (p.kind) {
    case ProjectProblem::Kind::NotJson:
        return ProjectFile::tr("%1 is not a Lodestone project: %2.").arg(name, QString::fromStdString(p.detail));
    case ProjectProblem::Kind::NotObject:
        // Valid JSON of another shape (e.g. an array): the parser reports no error to quote.
        return ProjectFile::tr("%1 is not a Lodestone project: its JSON text is not an object.").arg(name);
    case ProjectProblem::Kind::NotProject: return ProjectFile::tr("%1 is not a Lodestone project.").arg(name);
    case ProjectProblem::Kind::Newer:
        return ProjectFile::tr("%1 was written by a newer version of Lodestone (project format %2; this version reads "
                               "up to %3).")
            .arg(name)
            .arg(p.version)
            .arg(kProjectSchemaVersion);
    case ProjectProblem::Kind::NoSurvey: return ProjectFile::tr("%1 names no survey.").arg(name);
    case ProjectProblem::Kind::BadValue: break;
    }
    return ProjectFile::tr("%1: '%2' must be %3, not %4.")
        .arg(name, QString::fromStdString(p.key), expectedText(p), QString::fromStdString(p.value));
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
    return QJsonDocument::fromJson(QByteArray::fromStdString(trainingToJson(p))).object();
}

PipelineParams ProjectFile::paramsFromJson(const QJsonObject &json)
{
    return trainingFromJson(QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString(), "training");
}

QByteArray ProjectFile::toJson(const Project &p, const QString &projectPath)
{
    const QDir base = QFileInfo(projectPath).absoluteDir();
    ProjectDocument d;
    d.survey = pathToDocument(p.surveyPath, base);
    d.band = p.band;
    d.labels = pathToDocument(p.labelsPath, base);
    d.validation = pathToDocument(p.validationPath, base);
    d.training = p.params;
    d.resultsFolder = pathToDocument(p.resultsFolder, base);
    d.hasResultTraining = true;
    d.resultTraining = p.resultParams;
    for (auto it = p.exports.begin(); it != p.exports.end(); ++it)
        d.exports[it.key().toStdString()] = pathToDocument(it.value(), base);
    d.hasExtent = p.hasView;
    const QRectF &e = p.viewExtent;
    d.extent = {e.left(), e.top(), e.right(), e.bottom()};
    d.hasStyle = p.hasStyle;
    d.surveyStyle = styleToDocument(p.style);
    d.units = p.units.toStdString();
    d.threshold = p.threshold;
    d.greyBelow = p.greyBelow;
    d.surveyLayer = stateToDocument(p.survey);
    d.classesLayer = stateToDocument(p.classes);
    d.probabilityLayer = stateToDocument(p.probability);
    d.features.assign(p.features.begin(), p.features.end());
    for (const SavedLayer &l : p.userLayers) {
        ProjectUserLayer u;
        u.name = l.name.toStdString();
        u.units = l.units.toStdString();
        u.source = l.source.toStdString();
        u.origin = l.origin;
        u.style = styleToDocument(l.style);
        u.state = stateToDocument(l.state);
        d.userLayers.push_back(std::move(u));
    }
    return QByteArray::fromStdString(projectToJson(d));
}

bool ProjectFile::fromJson(const QByteArray &json, const QString &projectPath, Project *p, QString *error)
{
    const QString name = QDir::toNativeSeparators(projectPath);
    ProjectDocument d;
    try {
        d = projectFromJson(json.toStdString(), name.toStdString(), styleToDocument(RenderSettings()));
    } catch (const ProjectError &e) {
        if (error)
            *error = problemText(e.problem(), name);
        return false;
    }
    const QDir base = QFileInfo(projectPath).absoluteDir();
    Project out;
    out.surveyPath = pathFromDocument(d.survey, base);
    out.band = d.band;
    if (out.surveyPath.isEmpty()) {
        if (error)
            *error = tr("%1 names no survey.").arg(name);
        return false;
    }
    out.labelsPath = pathFromDocument(d.labels, base);
    out.validationPath = pathFromDocument(d.validation, base);
    out.params = d.training;
    out.resultsFolder = pathFromDocument(d.resultsFolder, base);
    out.resultParams = d.resultTraining;
    for (const auto &[kind, path] : d.exports)
        out.exports.insert(QString::fromStdString(kind), pathFromDocument(path, base));
    if (d.hasExtent) {
        out.hasView = true;
        out.viewExtent = QRectF(QPointF(d.extent[0], d.extent[1]), QPointF(d.extent[2], d.extent[3]));
    }
    out.hasStyle = d.hasStyle;
    if (d.hasStyle)
        out.style = styleFromDocument(d.surveyStyle);
    out.units = QString::fromStdString(d.units);
    out.threshold = d.threshold;
    out.greyBelow = d.greyBelow;
    out.survey = stateFromDocument(d.surveyLayer);
    out.classes = stateFromDocument(d.classesLayer);
    out.probability = stateFromDocument(d.probabilityLayer);
    for (int f : d.features)
        out.features << f;
    for (const ProjectUserLayer &u : d.userLayers) {
        SavedLayer l;
        l.name = QString::fromStdString(u.name);
        l.units = QString::fromStdString(u.units);
        l.source = QString::fromStdString(u.source);
        l.origin = u.origin;
        l.style = styleFromDocument(u.style);
        l.state = stateFromDocument(u.state);
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
