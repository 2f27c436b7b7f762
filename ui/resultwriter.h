// Writes the parts of a training result that the user exports one by one: class map (Byte GeoTIFF with
// colour table, nodata 255), probability (Float32 GeoTIFF 0..1, nodata -9999, never rescaled), feature
// rasters (one multi-band Float32 GeoTIFF, bands named after the filters), report as JSON, CSV or HTML, and the
// whole run to a folder (core's writePipelineOutputs). Each GeoTIFF gets a provenance sidecar
// (<file>.provenance.json: seed, labels, CRS, settings, scores, versions). Every file is written atomically.
//
// Thread: stateless; called on a QtConcurrent worker. Throws lodestone::Error naming the file on failure.
#pragma once

#include "pipeline.h"

#include <string>

namespace lodestone {

/** \brief What an export writes about and from. */
struct ExportSource {
    std::shared_ptr<const PipelineResult> result;
    PipelineParams params;
    RunContext context;
    std::shared_ptr<const Raster> survey; ///< the survey band, for the HTML report's thumbnail (may be null)
};

/** \brief Export functions for PipelineResults. */
class ResultWriter {
public:
    static void writeClasses(const std::string &path, const ExportSource &source);
    static void writeProbability(const std::string &path, const ExportSource &source);
    static void writeFeatures(const std::string &path, const ExportSource &source);
    static void writeReportJson(const std::string &path, const ExportSource &source);
    static void writeReportCsv(const std::string &path, const ExportSource &source);
    /** \brief core's report.html: one self-contained page with the maps, rate curves, tables and settings. */
    static void writeReportHtml(const std::string &path, const ExportSource &source);
    /** \brief classes.tif, probability.tif, uncertainty.tif (ensembles), features.tif, model.pt (when the result
     *  holds the models), report.json and report.html into folder; a failure leaves the folder's previous results
     *  as they were. */
    static void writeAll(const std::string &folder, const ExportSource &source);

    /** \brief The provenance sidecar of an exported file: path + ".provenance.json". */
    static std::string provenancePath(const std::string &path);

private:
    static void writeProvenance(const std::string &path, const std::string &content, const ExportSource &source);
};

} // namespace lodestone
