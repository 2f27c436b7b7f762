// Reads a saved result back (a folder written by ResultWriter::writeAll or lodestone-cli run): classes.tif,
// probability.tif, features.tif, report.json and, when present, uncertainty.tif and model.pt, into a
// PipelineResult on the survey's grid, so that a reopened project shows its maps, feature rasters, scores (random
// and spatial cross-validation), evaluation against deposits and loss curve again. Not restored: the per-deposit
// ranks of the rate curves (the shares captured are read off the curves instead), the labelled positions and
// the per-mode warnings (the run's warnings are).
//
// Feature rasters larger than core's kStreamAbove (1 GB) are not read into memory: the result then
// holds their count and names only, and features.tif stays in the folder, read band by band where it is shown
// (FeatureBrowser, TrainingController::showFeature).
//
// A folder that holds what no run writes (a class other than 0, 1 and 255, a probability outside 0 .. 1 or missing
// on a classified pixel, a report value of the wrong type or out of range) is refused, never shown.
//
// Thread: any (the project loads results on Qt's thread pool). Throws lodestone::Error naming the file.
#pragma once

#include "pipeline.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace lodestone {

/** \brief Loads PipelineResults from disk. */
class ResultLoader {
    Q_DECLARE_TR_FUNCTIONS(lodestone::ResultLoader)
public:
    /** \brief True when folder holds the files of a result (classes.tif, probability.tif, report.json). */
    static bool hasResult(const QString &folder);
    /** \brief Reads the result in folder; its rasters must be on the survey's grid (Error GridMismatch) and hold
     *  what a run writes (Error BadModel naming the file and the pixel). */
    static PipelineResult read(const QString &folder, const Raster &survey);
    /** \brief Which feature rasters readMaps() reads into memory. */
    enum class Features {
        Auto,   ///< those of up to kStreamAbove bytes (core/job.h); larger ones stay in features.tif
        OnDisk, ///< none: the result holds their count and names, features.tif stays in the folder
    };
    /** \brief Reads the rasters of the result in folder into result: classes.tif, probability.tif,
     *  uncertainty.tif when present and features.tif as features says (read() uses Auto). Checks them as read()
     *  does; sets result's grid and valid mask to the survey's. */
    static void readMaps(const QString &folder, const Raster &survey, PipelineResult &result,
                         Features features = Features::Auto);
    /** \brief True when result's feature rasters were left on disk (a count and names without data). */
    static bool featuresOnDisk(const PipelineResult &result);
    /** \brief Fills cross-validation (both schemes), the evaluation, the ensemble size, losses, warnings, stage
     *  times and label counts from report.json text. A report of an earlier version, without the newer fields,
     *  leaves them empty. Throws Error(BadModel) naming the key of a value of the wrong type or out of range
     *  (readPipelineReport()). */
    static void readReport(const QByteArray &json, PipelineResult &result);
};

} // namespace lodestone
