// ResultLoader: core's readers for the rasters and the model; Qt's JSON for the report, whose cross-validation
// objects are keyed by mode name (put back in the paper's order). core writes NaN as null, read back as NaN.
#include "resultloader.h"

#include "error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>
#include <sstream>

namespace lodestone {

namespace {

std::string pathIn(const QString &folder, const char *name)
{
    return QDir::toNativeSeparators(QDir(folder).filePath(QString::fromLatin1(name))).toStdString();
}

double number(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> numbers(const QJsonValue &v)
{
    std::vector<double> out;
    for (const QJsonValue &x : v.toArray())
        out.push_back(number(x));
    return out;
}

std::vector<ModeResult> readCrossValidation(const QJsonObject &cv, CvScheme fallback)
{
    std::vector<ModeResult> out;
    for (SvmMode mode : allSvmModes()) {
        const QString key = QString::fromStdString(svmModeName(mode));
        if (!cv.contains(key))
            continue;
        const QJsonObject o = cv.value(key).toObject();
        ModeResult m;
        m.mode = mode;
        m.scheme = o.value(QStringLiteral("scheme")).toString() == QLatin1String("spatial") ? CvScheme::Spatial
                   : o.contains(QStringLiteral("scheme"))                                   ? CvScheme::Random
                                                                                            : fallback;
        m.accuracy = o.value(QStringLiteral("accuracy")).toDouble();
        m.precision = o.value(QStringLiteral("precision")).toDouble();
        m.recall = o.value(QStringLiteral("recall")).toDouble();
        m.f1 = o.value(QStringLiteral("f1")).toDouble();
        m.auc = number(o.value(QStringLiteral("auc")));
        m.folds = o.value(QStringLiteral("folds")).toInt();
        m.positions = o.value(QStringLiteral("positions")).toInt();
        m.tested = o.value(QStringLiteral("tested")).toInt(m.positions);
        m.groups = o.value(QStringLiteral("groups")).toInt();
        m.c = o.value(QStringLiteral("svm_c")).toDouble();
        m.gamma = o.value(QStringLiteral("svm_gamma")).toDouble();
        m.foldAccuracy = numbers(o.value(QStringLiteral("fold_accuracy")));
        const QJsonArray values =
            o.value(QStringLiteral("confusion_matrix")).toObject().value(QStringLiteral("values")).toArray();
        if (values.size() == 2) {
            m.confusion.tn = long(values[0].toArray().at(0).toInteger());
            m.confusion.fp = long(values[0].toArray().at(1).toInteger());
            m.confusion.fn = long(values[1].toArray().at(0).toInteger());
            m.confusion.tp = long(values[1].toArray().at(1).toInteger());
        }
        out.push_back(m);
    }
    return out;
}

/** A rate curve as report.json holds it: AUC, occurrences and the curve; the ranks are not written. */
RateCurve readCurve(const QJsonValue &value)
{
    RateCurve c;
    const QJsonObject o = value.toObject();
    if (o.isEmpty()) {
        c.auc = std::numeric_limits<double>::quiet_NaN();
        return c;
    }
    c.auc = number(o.value(QStringLiteral("auc")));
    c.occurrences = o.value(QStringLiteral("occurrences")).toInt();
    c.area = numbers(o.value(QStringLiteral("area")));
    c.captured = numbers(o.value(QStringLiteral("fraction")));
    if (c.area.size() != c.captured.size())
        throw Error(ErrorCode::BadModel, "The report of the saved result holds a rate curve whose area and fraction "
                                         "differ in length.");
    return c;
}

MapEvaluation readEvaluation(const QJsonObject &o)
{
    MapEvaluation e;
    e.trainingDeposits = o.value(QStringLiteral("training_deposit_pixels")).toInt();
    e.validationGiven = o.value(QStringLiteral("validation_given")).toInt();
    e.validationUsed = o.value(QStringLiteral("validation_used")).toInt();
    e.heldOutGroups = o.value(QStringLiteral("held_out_folds")).toInt();
    e.depositGroups = o.value(QStringLiteral("deposit_groups")).toInt();
    e.groupDistance = o.value(QStringLiteral("group_distance_pixels")).toDouble();
    for (const QJsonValue &n : o.value(QStringLiteral("notes")).toArray())
        e.notes.push_back(n.toString().toStdString());
    for (const QJsonValue &v : o.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject row = v.toObject();
        ScoreEvaluation s;
        s.name = row.value(QStringLiteral("name")).toString().toStdString();
        s.title = row.value(QStringLiteral("title")).toString().toStdString();
        s.isModel = row.value(QStringLiteral("kind")).toString() == QLatin1String("model");
        s.success = readCurve(row.value(QStringLiteral("success")));
        s.heldOut = readCurve(row.value(QStringLiteral("held_out")));
        s.prediction = readCurve(row.value(QStringLiteral("prediction")));
        e.rows.push_back(std::move(s));
    }
    return e;
}

void checkGrid(const GridSpec &grid, const Raster &survey, const std::string &path)
{
    if (!grid.sameGrid(survey.grid))
        throw Error(ErrorCode::GridMismatch,
                    path + " is not on the survey's grid: it has " + survey.grid.describeDifference(grid) + ".");
}

} // namespace

bool ResultLoader::hasResult(const QString &folder)
{
    if (!folder.isEmpty()) {
        try {
            completeInterruptedCommit(folder.toStdString());  // a killed run's journalled switch to its results
        } catch (const Error &) {
            // read() reports it
        }
    }
    const QDir dir(folder);
    return !folder.isEmpty() && dir.exists(QStringLiteral("classes.tif")) &&
           dir.exists(QStringLiteral("probability.tif")) && dir.exists(QStringLiteral("report.json"));
}

PipelineResult ResultLoader::read(const QString &folder, const Raster &survey)
{
    completeInterruptedCommit(folder.toStdString());
    PipelineResult r;
    r.grid = survey.grid;
    r.valid = survey.valid;

    const std::string classesPath = pathIn(folder, "classes.tif");
    ByteRaster classes = readByteRaster(classesPath);
    checkGrid(classes.grid, survey, classesPath);
    r.classes = std::move(classes.data);

    const std::string probabilityPath = pathIn(folder, "probability.tif");
    Raster probability = readRaster(probabilityPath);
    checkGrid(probability.grid, survey, probabilityPath);
    r.probability = std::move(probability.data);

    const std::string uncertaintyPath = pathIn(folder, "uncertainty.tif");
    if (QFileInfo::exists(QString::fromStdString(uncertaintyPath))) {
        Raster uncertainty = readRaster(uncertaintyPath);
        checkGrid(uncertainty.grid, survey, uncertaintyPath);
        // NaN on nodata, as a run leaves it.
        for (std::size_t i = 0; i < uncertainty.data.size(); ++i) {
            if (!uncertainty.valid[i])
                uncertainty.data[i] = std::numeric_limits<float>::quiet_NaN();
        }
        r.uncertainty = std::move(uncertainty.data);
    }

    const std::string featuresPath = pathIn(folder, "features.tif");
    if (QFileInfo::exists(QString::fromStdString(featuresPath))) {
        const RasterInfo info = readRasterInfo(featuresPath);
        checkGrid(info.grid, survey, featuresPath);
        FeatureRasters &f = r.features;
        f.width = survey.width();
        f.height = survey.height();
        f.count = info.bandCount;
        f.data.resize(std::size_t(f.count) * survey.grid.pixelCount());
        for (int b = 0; b < info.bandCount; ++b) {
            const Raster band = readRaster(featuresPath, b + 1);
            std::copy(band.data.begin(), band.data.end(), f.plane(b));
            const std::string name =
                std::size_t(b) < info.bandDescriptions.size() ? info.bandDescriptions[std::size_t(b)] : std::string();
            f.names.push_back(name.empty() ? "band" + std::to_string(b + 1) : name);
        }
    }

    const std::string reportPath = pathIn(folder, "report.json");
    QFile report(QString::fromStdString(reportPath));
    if (!report.open(QIODevice::ReadOnly))
        throw Error(ErrorCode::FileNotFound, "Cannot read " + reportPath + ".");
    readReport(report.readAll(), r);

    const std::string modelPath = pathIn(folder, "model.pt");
    if (QFileInfo::exists(QString::fromStdString(modelPath))) {
        std::vector<std::pair<std::string, std::string>> extras = {{"classifier", ""}};
        r.autoencoder = std::make_shared<Autoencoder>(Autoencoder::load(modelPath, &extras));
        std::istringstream blob(extras[0].second);
        r.classifier = std::make_shared<Classifier>(Classifier::load(blob));
    }
    return r;
}

void ResultLoader::readReport(const QByteArray &json, PipelineResult &r)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    if (root.isEmpty())
        throw Error(ErrorCode::BadModel, "The report of the saved result is not valid JSON.");
    const QJsonObject labels = root.value(QStringLiteral("labels")).toObject();
    r.deposits = std::size_t(labels.value(QStringLiteral("deposit")).toInteger());
    r.nonDeposits = std::size_t(labels.value(QStringLiteral("non_deposit")).toInteger());

    r.history.epochLoss.clear();
    for (const QJsonValue &v : root.value(QStringLiteral("loss_per_epoch")).toArray())
        r.history.epochLoss.push_back(v.toDouble());

    r.stageSeconds.clear();
    const QJsonObject stages = root.value(QStringLiteral("stage_seconds")).toObject();
    for (const char *stage : {"svm_inputs", "train_autoencoder", "feature_rasters", "cross_validation",
                              "classification", "held_out_groups", "evaluation"}) {
        const QString key = QString::fromLatin1(stage);
        if (stages.contains(key))
            r.stageSeconds.emplace_back(stage, stages.value(key).toDouble());
    }

    r.crossValidation =
        readCrossValidation(root.value(QStringLiteral("cross_validation")).toObject(), CvScheme::Random);
    r.spatialCrossValidation =
        readCrossValidation(root.value(QStringLiteral("cross_validation_spatial")).toObject(), CvScheme::Spatial);
    r.ensemble = std::max(1, root.value(QStringLiteral("ensemble")).toInt(1));
    r.evaluation = root.contains(QStringLiteral("evaluation"))
                       ? readEvaluation(root.value(QStringLiteral("evaluation")).toObject())
                       : MapEvaluation();

    r.warnings.clear();
    for (const QJsonValue &v : root.value(QStringLiteral("warnings")).toArray())
        r.warnings.push_back(v.toString().toStdString());
}

} // namespace lodestone
