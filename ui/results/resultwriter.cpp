// ResultWriter: thin wrappers over core's atomic writers plus the sidecars.
#include "resultwriter.h"

#include "atomicfile.h"
#include "error.h"
#include "htmlreport.h"
#include "outputstyle.h"
#include "reportcsv.h"
#include "reportschema.h"

#include <QDir>
#include <QTemporaryDir>

#include <algorithm>
#include <filesystem>
#include <functional>

namespace lodestone {

namespace {

const PipelineResult &resultOf(const ExportSource &source)
{
    if (!source.result)
        throw Error(ErrorCode::Internal, "There is no result to export.");
    return *source.result;
}

/** Writes one output raster with write(stagedPath), finishes it as a run's output of kind (style, class table,
 *  statistics, overviews, provenance metadata), adds the provenance sidecar, and moves everything beside path: the
 *  sidecars first, the raster last. Sidecars of an earlier file of the same name that this one does not have are
 *  removed, so that none describes other data. */
void writeFinished(const std::string &path, OutputRaster kind, const ExportSource &source,
                   const std::function<void(const std::string &)> &write, const std::string &provenanceJson)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string name = target.filename().string();
    if (name.empty())
        throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": it names a folder, not a file.");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorCode::WriteFailed,
                    "Cannot write " + path + ": the folder " + folder.string() + " does not exist.");
    QTemporaryDir staging(
        QDir(QString::fromStdString(folder.string())).filePath(QStringLiteral(".lodestone-export-XXXXXX")));
    if (!staging.isValid())
        throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": the folder is not writable (" +
                                                staging.errorString().toStdString() + ").");
    const fs::path dir(staging.path().toStdString());
    const std::string staged = (dir / name).string();
    write(staged);
    std::vector<std::string> sidecars = finishOutputRaster(
        staged, kind, runProvenance(source.params, source.context, source.result.get()), ClassThreshold);
    writeTextFileAtomically(ResultWriter::provenancePath(staged), provenanceJson);
    sidecars.push_back(fs::path(ResultWriter::provenancePath(staged)).filename().string());
    for (const std::string &f : sidecars) {
        fs::rename(dir / f, folder / f, ec);
        if (ec)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + (folder / f).string() + ": " + ec.message());
    }
    for (const char *suffix : {".aux.xml", ".ovr"}) {
        const std::string sidecar = name + suffix;
        if (std::find(sidecars.begin(), sidecars.end(), sidecar) == sidecars.end())
            fs::remove(folder / sidecar, ec);
    }
    fs::rename(staged, target, ec);
    if (ec)
        throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": " + ec.message());
}

/** True when source's feature rasters are in source.featuresFile rather than in memory. */
bool featuresOnDisk(const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    if (r.features.count == 0 || !r.features.data.empty())
        return false;
    if (source.featuresFile.empty())
        throw Error(ErrorCode::Internal, "The result's feature rasters are neither in memory nor in a file.");
    return true;
}

/** Copies the output files of the run folder from into folder as one committed set (core's OutputStaging), so that
 *  a failure leaves folder's previous results as they were; an earlier uncertainty map not in from goes. */
void copyRunOutputs(const std::string &from, const std::string &folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::equivalent(from, folder, ec))
        return; // the outputs are there already
    prepareOutputFolder(folder);
    OutputStaging staging(folder);
    for (const fs::directory_entry &e : fs::directory_iterator(from)) {
        const std::string name = e.path().filename().string();
        if (!e.is_regular_file() || name.empty() || name[0] == '.')
            continue;
        fs::copy_file(e.path(), staging.path(name), fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + (fs::path(folder) / name).string() + ": " +
                                                    writeFailureReason(folder, ec.value(), ec.message()));
    }
    std::vector<std::string> stale;
    if (!fs::exists(fs::path(from) / "uncertainty.tif")) {
        for (const fs::directory_entry &e : fs::directory_iterator(folder, ec)) {
            const std::string name = e.path().filename().string();
            if (name.rfind("uncertainty.", 0) == 0)
                stale.push_back(name);
        }
    }
    staging.commit(stale);
}

} // namespace

std::string ResultWriter::provenancePath(const std::string &path)
{
    return path + ".provenance.json";
}

std::string ResultWriter::provenanceText(const std::string &path, const std::string &content,
                                         const ExportSource &source)
{
    return provenanceJson(path, content, pipelineReportJson(resultOf(source), source.params, source.context));
}

void ResultWriter::writeClasses(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    writeFinished(
        path, OutputRaster::Classes, source,
        [&r](const std::string &file) { writeByteGeoTiff(file, r.grid, r.classes.data(), 255, classColorTable()); },
        provenanceText(path,
                       "class map: 0 non-deposit, 1 deposit, 255 nodata (mode " + svmModeName(source.params.mode) + ")",
                       source));
}

void ResultWriter::writeProbability(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    writeFinished(
        path, OutputRaster::Probability, source,
        [&r](const std::string &file) {
            writeFloatGeoTiff(file, r.grid, {r.probability.data()}, -9999.0f, {"deposit probability"});
        },
        provenanceText(path,
                       "deposit probability 0..1 (Platt-scaled SVM, mode " + svmModeName(source.params.mode) +
                           "), nodata -9999; not thresholded or rescaled",
                       source));
}

void ResultWriter::writeUncertainty(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    if (r.uncertainty.empty())
        throw Error(ErrorCode::WriteFailed,
                    "Cannot write " + path + ": the result has no uncertainty map (train an ensemble of two or more).");
    writeFinished(
        path, OutputRaster::Uncertainty, source,
        [&r](const std::string &file) {
            writeFloatGeoTiff(file, r.grid, {r.uncertainty.data()}, -9999.0f,
                              {"standard deviation of the ensemble's deposit probability"});
        },
        provenanceText(path,
                       "standard deviation of the ensemble's " + std::to_string(r.ensemble) +
                           " deposit probabilities, nodata -9999",
                       source));
}

void ResultWriter::writeFeatures(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    const bool onDisk = featuresOnDisk(source);
    writeFinished(
        path, OutputRaster::Features, source,
        [&r, &source, onDisk](const std::string &file) {
            if (onDisk) {
                std::error_code ec;
                std::filesystem::copy_file(source.featuresFile, file, std::filesystem::copy_options::overwrite_existing,
                                           ec);
                if (ec)
                    throw Error(ErrorCode::WriteFailed,
                                "Cannot write " + file + ": " + writeFailureReason(file, ec.value(), ec.message()));
                return;
            }
            writeFloatGeoTiff(file, r.grid, r.features.planes(), -9999.0f, r.features.names, Compression::Fast);
        },
        provenanceText(path,
                       std::to_string(r.features.count) + " feature rasters (encoder activations), one per band, "
                                                          "nodata -9999",
                       source));
}

void ResultWriter::writeReportJson(const std::string &path, const ExportSource &source)
{
    writeTextFileAtomically(path, pipelineReportJson(resultOf(source), source.params, source.context));
}

void ResultWriter::writeReportCsv(const std::string &path, const ExportSource &source)
{
    writeTextFileAtomically(path, ReportCsv::format(resultOf(source), source.params));
}

void ResultWriter::writeReportHtml(const std::string &path, const ExportSource &source)
{
    // core draws the survey's thumbnail only when it is on the result's grid.
    writeTextFileAtomically(path, htmlReport(resultOf(source), source.params, source.context, source.survey.get()));
}

void ResultWriter::writeAll(const std::string &folder, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    std::vector<std::pair<std::string, std::string>> inputs = {{"survey", source.context.surveyPath},
                                                               {"labels", source.context.labelsPath},
                                                               {"validation file", source.context.validationSource}};
    for (const LayerSpec &layer : source.params.layers)
        if (layer.kind == LayerSpec::Kind::File)
            inputs.emplace_back("input layer", layer.path);
    refuseResultsOverInputs(folder, inputs, r.autoencoder && r.classifier);
    if (featuresOnDisk(source)) {
        copyRunOutputs(std::filesystem::path(source.featuresFile).parent_path().string(), folder);
        return;
    }
    writePipelineOutputs(r, source.params, source.context, folder, nullptr, r.autoencoder && r.classifier,
                         source.survey.get());
}

} // namespace lodestone
