// Runs on surveys whose feature rasters do not fit in memory: the pipeline strip by strip, with the feature
// rasters written block by block to a tiled GeoTIFF and read back strip by strip for the classification.
#pragma once

#include "pipeline.h"

#include <cstddef>
#include <string>
#include <vector>

namespace lodestone {

/** \brief Bytes that the feature rasters of a survey take in memory (one 32-bit float raster per encoder filter). */
std::size_t featureRasterBytes(const GridSpec &grid, const AutoencoderParams &params);

/** \brief One band (1-based) of a raster file at reduced resolution, for previews of a streamed run's features.tif
 *  without reading the whole band: at most maxSide cells along the longer side (the file's size when smaller), each
 *  the average of the cells it covers (GDAL reads the file's overviews when it has them); nodata and NaN become
 *  invalid. grid is the file's, scaled to the size read. Throws Error naming the file. */
Raster readRasterDecimated(const std::string &path, int band, int maxSide);

/** \brief Empties GDAL's block cache (up to 5 % of the machine's memory, filled by reading features.tif back strip by
 *  strip) and returns the freed memory to the system, keeping the cache's size for later reads. For a process that
 *  goes on after a streamed run: the desktop application, which then reads the maps back and shows them. */
void releaseRasterCache();

/** \brief Sets the most memory GDAL's block cache may hold, in bytes, and returns the previous limit. */
std::size_t setRasterCacheLimit(std::size_t bytes);

/** \brief The settings a streamed run uses for given, and reports: one network, no background positions, no
 *  magnetic products or principal components beside the feature rasters, no deposit buffer, random cross-validation
 *  only, no evaluation (runPipelineStreamed() warns when given asks for any of them). */
PipelineParams streamedRunParams(const PipelineParams &given);

/** \brief runPipeline() followed by writePipelineOutputs(), in the memory of a few strips of rows instead of the
 *  whole feature stack; for dense features only (throws Error(BadParameter) for the exact stitch).
 *
 *  0. Input layers besides the survey (params.layers) are prepared as runPipeline() prepares them (loadLayers():
 *     derived products computed on the whole grid one at a time, files read or resampled onto the survey's grid)
 *     and the survey is masked to the union of their nodata; they stay in memory with the survey.
 *  1. The autoencoder trains as in runPipeline().
 *  2. The feature rasters are computed stripRows rows at a time (denseFeatureRows(), bit for bit the rows of
 *     denseFeatures()) and each strip is written to features.tif as it comes. On the way, the per-raster mean and
 *     standard deviation over valid pixels are summed, and the P x P windows around the labelled positions
 *     (reflected at the grid border as the experiments read them) are gathered into a small mosaic.
 *  3. The four modes are cross-validated and the classifier trained on that mosaic with the whole map's
 *     statistics: the same positions in the same order, so the same folds and samples as runPipeline().
 *  4. features.tif is read back strip by strip (with P/2 rows above and below for the patch modes), classified,
 *     and classes.tif and probability.tif written strip by strip.
 *  Memory: the survey, its mask and its normalised copy (9 bytes a pixel; with input layers, 10 more for the
 *  masked survey and its mask, and 9 a layer while the network trains, 4 a layer after it; a derived product needs
 *  the working arrays of its transforms while it is computed, see docs/METHOD.md), a strip of feature rasters with its
 *  margins (features x (stripRows + P) x width floats), and the label windows (features x P^2 floats a label at
 *  most). Outputs go into a staging folder inside folder and are moved there together at the end, report.json
 *  last, so that a failed or cancelled run leaves the previous results intact. inputWarnings (e.g. from
 *  reading the labels) come first in the report. The result holds no feature rasters, classes or probability.
 *  Cancel is checked within every strip. */
PipelineResult runPipelineStreamed(const Raster &survey, const LabelImage &labels, const PipelineParams &params,
                                   const RunContext &context, const std::string &folder, Feedback *feedback,
                                   const std::vector<std::string> &inputWarnings = {}, int stripRows = 256);

/** \brief classifyWithModel() followed by writePipelineOutputs() without the model, strip by strip as
 *  runPipelineStreamed() does: features.tif, classes.tif, probability.tif and report.json in folder. model comes
 *  from loadModel() for this survey, its layers matched to files (matchModelLayers()); they are prepared as
 *  classifyWithModel() prepares them. Throws Error(BadModel) when the network's input layers are not the survey and
 *  model.layers. An ensemble's members besides the first are not applied: classify an ensemble in memory. */
PipelineResult classifyWithModelStreamed(PipelineResult model, const Raster &survey, const RunContext &context,
                                         const std::string &folder, Feedback *feedback, int stripRows = 256);

} // namespace lodestone
