// labels_used.gpkg: every labelled position a run used, where it came from and how it was used, and the
// validation occurrences with the map's score at each, as a GeoPackage written with OGR's GPKG driver.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace lodestone {

struct GridSpec;
struct PointSet;
struct PipelineResult;
struct PipelineParams;
struct RunContext;

/** \brief Where a labelled position came from. */
enum class LabelSource {
    Painted,        ///< painted in the desktop application
    LabelRaster,    ///< a pixel of a label raster
    ImportedPoint,  ///< an occurrence point burned onto the grid
    RandomNegative, ///< a random non-deposit pixel drawn away from the occurrences (--negatives)
    Background,     ///< a random background pixel the run added for the map's classifier (--background)
};

/** \brief "painted", "label raster", "imported point", "random negative" or "background". */
std::string labelSourceName(LabelSource source);

/** \brief The origin of one labelled pixel, when the label image alone does not tell it. */
struct LabelOrigin {
    LabelSource source = LabelSource::LabelRaster;
    std::vector<std::string> attributes; ///< an imported point's attributes (LabelOrigins::attributeNames)
};

/** \brief Origins of labelled pixels by row-major pixel index; pixels not listed take the run's default source
 *  (RunContext::labelsKind: "raster" label raster, "painted" painted, "points" imported point for deposits and
 *  random negative for non-deposits). */
struct LabelOrigins {
    std::vector<std::string> attributeNames;
    std::map<std::size_t, LabelOrigin> pixels;
};

/** \brief The origins of points burned onto grid as labelsFromPoints() burns them (reprojected to the grid's CRS;
 *  the first point on a pixel labels it): imported points with their attributes. */
LabelOrigins labelOriginsFromPoints(const PointSet &points, const GridSpec &grid);

/** \brief What writeLabelsUsed() wrote. */
struct LabelsUsedCounts {
    std::size_t labels = 0;     ///< features of the "labels_used" layer
    std::size_t validation = 0; ///< features of the "validation" layer
};

/** \brief Writes the GeoPackage at path (replacing it): layer "labels_used", one point at the centre of every
 *  labelled position the run used (result.positions and result.background) with class (0/1), class_name, source,
 *  cv_fold and cv_fold_spatial (1-based fold that held it out in cross-validation, NULL when it was not in the
 *  cross-validation sample), probability and top_percent (the share of the map's valid area scoring at least as
 *  high), col, row and an imported point's attributes; and, when params.validationPixels is not empty, layer
 *  "validation" with the same scores at every validation occurrence. probability is the run's probability map
 *  (width * height, NaN on nodata). Throws Error(WriteFailed) naming the file. */
LabelsUsedCounts writeLabelsUsed(const std::string &path, const PipelineResult &result, const PipelineParams &params,
                                 const RunContext &context, const std::vector<float> &probability);

} // namespace lodestone
