// ResultWriter: thin wrappers over core's atomic writers plus the sidecars.
#include "resultwriter.h"

#include "error.h"
#include "htmlreport.h"
#include "jsonwriter.h"
#include "reportcsv.h"

namespace lodestone {

namespace {

const PipelineResult &resultOf(const ExportSource &source)
{
    if (!source.result)
        throw Error(ErrorCode::Internal, "There is no result to export.");
    return *source.result;
}

} // namespace

std::string ResultWriter::provenancePath(const std::string &path)
{
    return path + ".provenance.json";
}

void ResultWriter::writeProvenance(const std::string &path, const std::string &content, const ExportSource &source)
{
    JsonWriter head;
    head.beginObject();
    head.field("file", path);
    head.field("content", content);
    head.key("report");
    head.null();
    head.endObject();
    // The report is JSON already: put it in place of the null.
    std::string text = head.str();
    const std::string placeholder = "null";
    text.replace(text.rfind(placeholder), placeholder.size(),
                 pipelineReportJson(resultOf(source), source.params, source.context));
    writeTextFileAtomically(provenancePath(path), text + "\n");
}

void ResultWriter::writeClasses(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    writeByteGeoTiff(path, r.grid, r.classes.data(), 255, classColorTable());
    writeProvenance(
        path, "class map: 0 non-deposit, 1 deposit, 255 nodata (mode " + svmModeName(source.params.mode) + ")", source);
}

void ResultWriter::writeProbability(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    writeFloatGeoTiff(path, r.grid, {r.probability.data()}, -9999.0f, {"deposit probability"});
    writeProvenance(path,
                    "deposit probability 0..1 (Platt-scaled SVM, mode " + svmModeName(source.params.mode) +
                        "), nodata -9999; not thresholded or rescaled",
                    source);
}

void ResultWriter::writeFeatures(const std::string &path, const ExportSource &source)
{
    const PipelineResult &r = resultOf(source);
    writeFloatGeoTiff(path, r.grid, r.features.planes(), -9999.0f, r.features.names, Compression::Fast);
    writeProvenance(path,
                    std::to_string(r.features.count) + " feature rasters (encoder activations), one per band, "
                                                       "nodata -9999",
                    source);
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
    writePipelineOutputs(r, source.params, source.context, folder, nullptr, r.autoencoder && r.classifier,
                         source.survey.get());
}

} // namespace lodestone
