// The object that runs core's job (runLoadedJob(), as lodestone-cli run does) on the training thread (Avogadro's
// CalcWorker, QGIS's QgsTask::run): it owns nothing of the GUI, works on copies of the survey and the labels, and
// reports through signals that the GUI receives queued. TrainingRunner creates it, moves it to its thread and calls
// run() there.
//
// Thread: lives on the training thread; run() executes there.
#pragma once

#include "labels.h"
#include "pipeline.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace lodestone {

class Feedback;

/** \brief What one training run needs; immutable once handed to the worker. */
struct TrainingRequest {
    std::shared_ptr<const Raster> survey;     ///< the band as loaded (shared with the survey layer, read only)
    std::shared_ptr<const LabelImage> labels; ///< a copy of the labels taken when Train was clicked
    PipelineParams params;
    /// The networks and feature rasters to reuse and whether to keep the run's (may be null); filled by the run
    /// on the worker thread and read by the GUI once the run has ended.
    std::shared_ptr<FeatureReuse> reuse;
    /// Non-empty: the run streams (core's runPipelineStreamed(), as lodestone-cli run does on a survey this large)
    /// and writes its outputs into this folder; the result holds its maps read back from there and the feature
    /// rasters' names only: features.tif stays in the folder. reuse is not used then (reuse runs in memory).
    QString streamFolder;
    RunContext context; ///< provenance written into a streamed run's report.json
    int stripRows = 256;
};

/** \brief Runs core's runLoadedJob() (in memory, or streamed into request.streamFolder) and emits exactly one of
 *  finished(), canceled() or failed() per run. */
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject *parent = nullptr);

    /** \brief Runs the pipeline for request with feedback (progress and cancel); call on the worker's thread.
     *  Errors of core (lodestone::Error), memory exhaustion and any other exception become failed(). */
    void run(quint64 id, const lodestone::TrainingRequest &request, std::shared_ptr<lodestone::Feedback> feedback);

Q_SIGNALS:
    void finished(quint64 id, std::shared_ptr<const lodestone::PipelineResult> result);
    void canceled(quint64 id);
    void failed(quint64 id, const QString &message);
};

} // namespace lodestone

Q_DECLARE_METATYPE(std::shared_ptr<const lodestone::PipelineResult>)
