// report.html: one self-contained page (no network, inline SVG charts and PNG thumbnails) that a geologist
// reads beside report.json: the survey and the probability map with the labels, prediction- and success-rate
// curves with the zero-label baselines on the same axes, the area-captured table, the cross-validation tables,
// the loss curve, warnings and settings.
#pragma once

#include <string>

namespace lodestone {

struct PipelineResult;
struct PipelineParams;
struct RunContext;
struct Raster;

/** \brief The page as HTML text. survey (may be null) gives the survey thumbnail. */
std::string htmlReport(const PipelineResult &result, const PipelineParams &params, const RunContext &context,
                       const Raster *survey);

} // namespace lodestone
