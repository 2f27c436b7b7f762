// report.json, the record of a run, has one schema: pipelineReportJson() (pipeline.h) writes it and
// readPipelineReport() reads back what a reopened result shows, checking every value it takes: a value of the
// wrong type or out of range refuses the report with a sentence naming the file and the key, never a default in
// its place. Doubles are written with as many digits as they need to read back exactly; bytes that are not UTF-8
// (e.g. a Latin-1 file name) are written as U+FFFD, so that the report is always valid JSON text.
//
// Schema versions: 1, reports written before "schema_version" existed (no field); 2, the current one, the same keys
// with the field. A reader refuses a report of a later schema.
#pragma once

#include "pipeline.h"

#include <string>

namespace lodestone {

/** \brief The "schema_version" written into report.json. */
constexpr int kReportSchemaVersion = 2;

/** \brief Fills what a saved result shows from report.json text: label counts, loss per epoch, stage times,
 *  cross-validation (both schemes), the ensemble size, the evaluation and the warnings. Fields a report of an
 *  earlier version lacks are left empty. Throws Error(BadModel) starting with name when the text is not JSON,
 *  not an object, of a later schema, or holds a value of the wrong type or out of range (naming its key). */
void readPipelineReport(const std::string &json, PipelineResult &result, const std::string &name = "report.json");

/** \brief The provenance sidecar of an exported raster: {"file", "content", "report"} with the run's report
 *  (reportJson, as pipelineReportJson() gives it) as an object. */
std::string provenanceJson(const std::string &file, const std::string &content, const std::string &reportJson);

/** \brief text as a JSON string, quoted and escaped as report.json writes it: UTF-8 kept, a byte that is not part
 *  of a well-formed sequence replaced by U+FFFD. */
std::string jsonString(const std::string &text);

} // namespace lodestone
