// The cross-validation report as CSV for spreadsheets: one row per SVM mode with its scores, the chosen C and
// gamma and the confusion counts, then each mode's confusion matrix as a small table (rows reference, columns
// predicted). Numbers are written in the C locale with full precision.
//
// Thread: stateless, any thread.
#pragma once

#include <string>

namespace lodestone {

struct PipelineParams;
struct PipelineResult;

/** \brief Formats PipelineResult::crossValidation as CSV. */
class ReportCsv {
public:
    /** \brief The header of the per-mode table. */
    static std::string header();
    /** \brief The whole CSV text (per-mode rows, a blank line, then the confusion matrices). */
    static std::string format(const PipelineResult &result, const PipelineParams &params);
};

} // namespace lodestone
