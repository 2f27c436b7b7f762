// Writes the parts of a training result that the user exports one by one: class map (Byte GeoTIFF with
// colour table, nodata 255), probability (Float32 GeoTIFF 0..1, nodata -9999, never rescaled), uncertainty of an
// ensemble (Float32, nodata -9999), feature rasters (one multi-band Float32 GeoTIFF, bands named after the
// filters), report as JSON, CSV or HTML, and the whole run to a folder (core's writePipelineOutputs). Each GeoTIFF
// is finished as lodestone-cli's run finishes its own (core's finishOutputRaster: the QGIS style beside it, the
// class names and attribute table, statistics, overviews and provenance metadata) and gets a provenance sidecar
// (<file>.provenance.json: seed, labels, CRS, settings, scores, versions). Every file is written atomically: a
// GeoTIFF and its sidecars are made in a hidden folder beside it and moved into place when all are complete.
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
    /// features.tif holding the feature rasters when the result holds their names only (a streamed run, whose
    /// folder beside it holds all its outputs); empty when they are in memory
    std::string featuresFile;
};

/** \brief Export functions for PipelineResults. */
class ResultWriter {
public:
    static void writeClasses(const std::string &path, const ExportSource &source);
    static void writeProbability(const std::string &path, const ExportSource &source);
    /** \brief The ensemble's standard deviation; throws Error naming path when the result has none. */
    static void writeUncertainty(const std::string &path, const ExportSource &source);
    static void writeFeatures(const std::string &path, const ExportSource &source);
    static void writeReportJson(const std::string &path, const ExportSource &source);
    static void writeReportCsv(const std::string &path, const ExportSource &source);
    /** \brief core's report.html: one self-contained page with the maps, rate curves, tables and settings. */
    static void writeReportHtml(const std::string &path, const ExportSource &source);
    /** \brief classes.tif, probability.tif, uncertainty.tif (ensembles), features.tif, model.pt (when the result
     *  holds the models), report.json and report.html into folder; a failure leaves the folder's previous results
     *  as they were. A streamed run's outputs (source.featuresFile and the files beside it, written by core's
     *  runPipelineStreamed()) are copied as they are. */
    static void writeAll(const std::string &folder, const ExportSource &source);

    /** \brief The provenance sidecar of an exported file: path + ".provenance.json". */
    static std::string provenancePath(const std::string &path);

private:
    static std::string provenanceText(const std::string &path, const std::string &content, const ExportSource &source);
};

} // namespace lodestone
