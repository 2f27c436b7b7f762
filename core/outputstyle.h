// Output rasters that open ready in a GIS: the class raster's category names and raster attribute table, QGIS
// styles beside every raster (.qml), overviews and statistics in every raster, provenance metadata, and the
// constant bands of the feature rasters flagged. All through GDAL's own APIs (GDALRasterAttributeTable,
// BuildOverviews, ComputeStatistics, SetMetadataItem); docs/OUTPUTS.md describes the result.
#pragma once

#include "pipeline.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lodestone {

/** \brief Names of the two classes of a class raster, by value (0, 1). */
const std::vector<std::string> &classNames();

/** \brief What made an output: written as TIFF metadata (LODESTONE_* items, TIFFTAG_SOFTWARE, TIFFTAG_DATETIME). */
struct Provenance {
    std::string version;               ///< Lodestone's version
    std::string commandLine;           ///< the command line, arguments quoted where needed; the GUI's marker otherwise
    std::string settings;              ///< the run's settings as "key=value" words (what the GUI set, for a GUI run)
    std::optional<std::uint64_t> seed; ///< the run's seed; none for a classification with a saved model
    std::string survey;                ///< survey file name and band
    std::string labels;                ///< label source (file name, or what the labels were)
    std::string date;                  ///< UTC, ISO 8601 (2026-03-01T12:00:00Z)
    /// Where the networks and feature rasters came from: "trained by this run", or "reused from FOLDER" ("from
    /// memory" in the application) when only the classifier was trained on the labels.
    std::string networks = "trained by this run";
};

/** \brief The provenance of a run (the date is now); with result, where its networks came from. */
Provenance runProvenance(const PipelineParams &params, const RunContext &context,
                         const PipelineResult *result = nullptr);

/** \brief "trained by this run", where a run that reused networks and feature rasters took them from, or, for a
 *  classification with a saved model, that model file. */
std::string networksOrigin(const PipelineResult &result, const RunContext &context);

/** \brief What an output raster holds, for its style and metadata. */
enum class OutputRaster { Classes, Probability, Uncertainty, Features };

/** \brief A band of features.tif whose valid pixels all hold one value (a filter that never responds). */
struct ConstantBand {
    int band = 0;     ///< 1-based
    std::string name; ///< its description (the feature raster's name)
    double value = 0; ///< the value it holds (NaN when the band has no valid pixel)
};

/** \brief What finishing a run's outputs found and wrote, for report.json. */
struct OutputSummary {
    double threshold = 0.5; ///< classes.tif is deposit where probability >= threshold
    std::vector<ConstantBand> constantFeatures;
    int featureViewBand = 0;          ///< features.tif's band its style shows (first varying), 0 when none
    std::vector<std::string> files;   ///< every file written beside the rasters (styles, .aux.xml, labels_used.gpkg)
    std::size_t labelsUsed = 0;       ///< features of labels_used.gpkg's labels layer
    std::size_t validationPoints = 0; ///< features of its validation layer
};

/** \brief Finishes one written GeoTIFF in place: exact statistics of every band, internal overviews (levels 2, 4,
 *  ... down to about 128 pixels, at least one level), provenance metadata, and per kind: for Classes the category
 *  names and a thematic raster attribute table (value, count, class name, colour; in path.aux.xml, where GDAL keeps
 *  them for GeoTIFF); for Features the constant bands flagged in their band metadata (CONSTANT=YES,
 *  CONSTANT_VALUE). Writes the QGIS style beside path (path without .tif + ".qml"). Returns the file names (no
 *  folder) written beside path. Throws Error(WriteFailed) naming the file. constantBands receives the constant
 *  bands of Features. statistics (one per band), when given, are set instead of computed from the file. planes, when
 *  given, are the Float32 bands as written (width x height each, NaN or -9999 where nodata): the overviews are
 *  computed from them instead of being read back from the file, with the same values. */
std::vector<std::string> finishOutputRaster(const std::string &path, OutputRaster kind, const Provenance &provenance,
                                            double threshold = 0.5, std::vector<ConstantBand> *constantBands = nullptr,
                                            int *viewBand = nullptr,
                                            const std::vector<PlaneStatistics> *statistics = nullptr,
                                            const std::vector<const float *> *planes = nullptr);

/** \brief The QGIS style (.qml) of an output raster. Classes: a paletted renderer with exactly the two classes,
 *  named; Probability: a pseudocolour renderer on 0..1 with the viridis ramp and the threshold marked;
 *  Uncertainty: the magma ramp from 0 to maximum; Features: single-band grey of band viewBand stretched from
 *  minimum to maximum. */
std::string qgisStyle(OutputRaster kind, double threshold = 0.5, int viewBand = 1, double minimum = 0,
                      double maximum = 1);

/** \brief The style file of a raster: its path with the extension replaced by .qml. */
std::string stylePathFor(const std::string &rasterPath);

/** \brief Finishes the rasters of a run in its staging folder (those of classes.tif, probability.tif,
 *  uncertainty.tif and features.tif that exist there) and writes labels_used.gpkg when the run used labels;
 *  every file written is registered with staging so that commit() moves it. Progress spans the call. */
OutputSummary finishRunOutputs(OutputStaging &staging, const PipelineResult &result, const PipelineParams &params,
                               const RunContext &context, Feedback *feedback);

/** \brief The sidecars and optional outputs an earlier run may have left in a result folder that summary's run
 *  did not write (styles, .aux.xml, .ovr, labels_used.gpkg, uncertainty.tif), so that none of them describes other
 *  results: OutputStaging::commit() removes those of them that were not staged. */
std::vector<std::string> staleOutputs(const OutputSummary &summary);

/** \brief Removes staleOutputs(summary) from folder at once (outside a commit). */
void removeStaleOutputs(const std::string &folder, const OutputSummary &summary);

} // namespace lodestone
