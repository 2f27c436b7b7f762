// ResultLoader: core's readers for the rasters, the model and the report (core/reportschema), and checks that the
// rasters hold what a run writes: classes 0, 1 or 255, shares from 0 to 1 on valid pixels.
#include "resultloader.h"

#include "error.h"
#include "job.h"
#include "reportschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <limits>
#include <sstream>

namespace lodestone {

namespace {

std::string pathIn(const QString &folder, const char *name)
{
    return QDir::toNativeSeparators(QDir(folder).filePath(QString::fromLatin1(name))).toStdString();
}

/** Every class value must be 0 (non-deposit), 1 (deposit) or 255 (nodata); anything else was not written by a run. */
void checkClasses(const std::vector<uint8_t> &classes, const std::string &path)
{
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const uint8_t v = classes[i];
        if (v != 0 && v != 1 && v != 255)
            throw Error(ErrorCode::BadModel, path + " is not a class map of Lodestone: pixel " + std::to_string(i) +
                                                 " holds the class " + std::to_string(v) +
                                                 " (classes are 0 non-deposit, 1 deposit and 255 nodata).");
    }
}

/** Every valid pixel must hold a share from 0 to 1 (a probability or its spread over an ensemble); with classes,
 *  every classified pixel must hold one. */
void checkShares(const Raster &raster, const std::string &path, const char *what,
                 const std::vector<uint8_t> *classes = nullptr)
{
    for (std::size_t i = 0; i < raster.data.size(); ++i) {
        const float v = raster.data[i];
        if (raster.valid[i] && !(v >= 0.0f && v <= 1.0f))
            throw Error(ErrorCode::BadModel, path + " is not a " + what + " map of Lodestone: pixel " +
                                                 std::to_string(i) + " holds " + std::to_string(v) +
                                                 ", not a value from 0 to 1.");
        if (!raster.valid[i] && classes && (*classes)[i] != 255)
            throw Error(ErrorCode::BadModel, path + " does not belong to classes.tif beside it: pixel " +
                                                 std::to_string(i) + " is classified there but has no " + what +
                                                 " here.");
    }
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
            completeInterruptedCommit(folder.toStdString()); // a killed run's journalled switch to its results
        } catch (const Error &) {
            // read() reports it
        }
    }
    const QDir dir(folder);
    return !folder.isEmpty() && dir.exists(QStringLiteral("classes.tif")) &&
           dir.exists(QStringLiteral("probability.tif")) && dir.exists(QStringLiteral("report.json"));
}

void ResultLoader::readMaps(const QString &folder, const Raster &survey, PipelineResult &r, Features features)
{
    r.grid = survey.grid;
    r.valid = survey.valid;

    const std::string classesPath = pathIn(folder, "classes.tif");
    ByteRaster classes = readByteRaster(classesPath);
    checkGrid(classes.grid, survey, classesPath);
    checkClasses(classes.data, classesPath);
    r.classes = std::move(classes.data);

    const std::string probabilityPath = pathIn(folder, "probability.tif");
    Raster probability = readRaster(probabilityPath);
    checkGrid(probability.grid, survey, probabilityPath);
    checkShares(probability, probabilityPath, "probability", &r.classes);
    r.probability = std::move(probability.data);

    const std::string uncertaintyPath = pathIn(folder, "uncertainty.tif");
    if (QFileInfo::exists(QString::fromStdString(uncertaintyPath))) {
        Raster uncertainty = readRaster(uncertaintyPath);
        checkGrid(uncertainty.grid, survey, uncertaintyPath);
        checkShares(uncertainty, uncertaintyPath, "uncertainty");
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
        f.data.clear();
        f.names.clear();
        const std::size_t bytes = std::size_t(f.count) * survey.grid.pixelCount() * sizeof(float);
        const bool inMemory = features == Features::Auto && bytes <= kStreamAbove;
        if (inMemory)
            f.data.resize(std::size_t(f.count) * survey.grid.pixelCount());
        for (int b = 0; b < info.bandCount; ++b) {
            if (inMemory) {
                const Raster band = readRaster(featuresPath, b + 1);
                std::copy(band.data.begin(), band.data.end(), f.plane(b));
            }
            const std::string name =
                std::size_t(b) < info.bandDescriptions.size() ? info.bandDescriptions[std::size_t(b)] : std::string();
            f.names.push_back(name.empty() ? "band" + std::to_string(b + 1) : name);
        }
    }
}

bool ResultLoader::featuresOnDisk(const PipelineResult &result)
{
    return result.features.count > 0 && result.features.data.empty();
}

PipelineResult ResultLoader::read(const QString &folder, const Raster &survey)
{
    completeInterruptedCommit(folder.toStdString());
    PipelineResult r;
    readMaps(folder, survey, r);

    const std::string reportPath = pathIn(folder, "report.json");
    QFile report(QString::fromStdString(reportPath));
    if (!report.open(QIODevice::ReadOnly))
        throw Error(ErrorCode::FileNotFound, "Cannot read " + reportPath + ".");
    const QByteArray text = report.readAll();
    readPipelineReport(text.toStdString(), r, reportPath);

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
    readPipelineReport(json.toStdString(), r);
}

} // namespace lodestone
