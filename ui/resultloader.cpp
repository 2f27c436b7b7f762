// ResultLoader: core's readers for the rasters and the model; Qt's JSON for the report, whose cross-validation
// object is keyed by mode name (put back in the paper's order).
#include "resultloader.h"

#include "error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sstream>

namespace lodestone {

namespace {

std::string pathIn(const QString &folder, const char *name)
{
    return QDir::toNativeSeparators(QDir(folder).filePath(QString::fromLatin1(name))).toStdString();
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
    const QDir dir(folder);
    return !folder.isEmpty() && dir.exists(QStringLiteral("classes.tif")) &&
           dir.exists(QStringLiteral("probability.tif")) && dir.exists(QStringLiteral("report.json"));
}

PipelineResult ResultLoader::read(const QString &folder, const Raster &survey)
{
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
    for (const char *stage : {"train_autoencoder", "feature_rasters", "cross_validation", "classification"}) {
        const QString key = QString::fromLatin1(stage);
        if (stages.contains(key))
            r.stageSeconds.emplace_back(stage, stages.value(key).toDouble());
    }

    r.crossValidation.clear();
    const QJsonObject cv = root.value(QStringLiteral("cross_validation")).toObject();
    for (SvmMode mode : allSvmModes()) {
        const QString key = QString::fromStdString(svmModeName(mode));
        if (!cv.contains(key))
            continue;
        const QJsonObject o = cv.value(key).toObject();
        ModeResult m;
        m.mode = mode;
        m.accuracy = o.value(QStringLiteral("accuracy")).toDouble();
        m.precision = o.value(QStringLiteral("precision")).toDouble();
        m.recall = o.value(QStringLiteral("recall")).toDouble();
        m.f1 = o.value(QStringLiteral("f1")).toDouble();
        m.folds = o.value(QStringLiteral("folds")).toInt();
        m.positions = o.value(QStringLiteral("positions")).toInt();
        m.c = o.value(QStringLiteral("svm_c")).toDouble();
        m.gamma = o.value(QStringLiteral("svm_gamma")).toDouble();
        for (const QJsonValue &v : o.value(QStringLiteral("fold_accuracy")).toArray())
            m.foldAccuracy.push_back(v.toDouble());
        const QJsonArray values =
            o.value(QStringLiteral("confusion_matrix")).toObject().value(QStringLiteral("values")).toArray();
        if (values.size() == 2) {
            m.confusion.tn = long(values[0].toArray().at(0).toInteger());
            m.confusion.fp = long(values[0].toArray().at(1).toInteger());
            m.confusion.fn = long(values[1].toArray().at(0).toInteger());
            m.confusion.tp = long(values[1].toArray().at(1).toInteger());
        }
        r.crossValidation.push_back(m);
    }

    r.warnings.clear();
    for (const QJsonValue &v : root.value(QStringLiteral("warnings")).toArray())
        r.warnings.push_back(v.toString().toStdString());
}

} // namespace lodestone
