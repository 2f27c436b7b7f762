// Runs training off the GUI thread: owns a QThread with a TrainingWorker on it, starts runs, cancels them
// (the feedback's atomic flag is set directly, so core stops at its next batch or tile) and forwards the
// worker's signals, dropping those of superseded runs.
//
// Thread: GUI thread. All signals are emitted on the GUI thread.
#pragma once

#include "pipeline.h"
#include "trainingworker.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

class QThread;

namespace lodestone {

class SignalFeedback;

/** \brief GUI-side handle of the training thread.
 *
 *  \code
 *  auto *runner = new TrainingRunner(this);
 *  connect(runner, &TrainingRunner::finished, this, [](std::shared_ptr<const PipelineResult> r) { ... });
 *  runner->start(surveyLayer->sharedRaster(), labelDocument->labels(), params);
 *  ...
 *  runner->cancel();   // canceled() follows within about a second
 *  \endcode
 */
class TrainingRunner : public QObject {
    Q_OBJECT
public:
    explicit TrainingRunner(QObject *parent = nullptr);
    /** \brief Cancels a running training and waits for the thread to stop (about a second at most). */
    ~TrainingRunner() override;

    /** \brief Starts a run on copies of the labels; false (and nothing starts) while one is running. reuse (may
     *  be null) offers trained networks and receives the run's; read it only after the run has ended. A non-empty
     *  streamFolder streams the run into that folder (see TrainingRequest::streamFolder), with context written into
     *  its report. */
    bool start(std::shared_ptr<const Raster> survey, const LabelImage &labels, const PipelineParams &params,
               std::shared_ptr<FeatureReuse> reuse = nullptr, const QString &streamFolder = QString(),
               const RunContext &context = RunContext());
    /** \brief Asks the running training to stop; canceled() follows. No effect when idle. */
    void cancel();
    bool isRunning() const { return m_running; }
    /** \brief True between cancel() and the end of the run. */
    bool isCanceling() const { return m_running && m_canceling; }
    /** \brief Milliseconds from the last cancel() to the end of the run it stopped (-1 before any). */
    qint64 lastCancelLatencyMs() const { return m_cancelLatency; }

Q_SIGNALS:
    void started();
    void stageChanged(const QString &stage);
    void progressChanged(double fraction);
    void epochLossReported(int epoch, double loss);
    void messageReported(const QString &text);
    void finished(std::shared_ptr<const lodestone::PipelineResult> result);
    void canceled();
    void failed(const QString &message);
    /** \brief Emitted after each of finished(), canceled() and failed(). */
    void stopped();

private:
    void end(quint64 id);

    QThread *m_thread = nullptr;
    TrainingWorker *m_worker = nullptr;
    std::shared_ptr<SignalFeedback> m_feedback;
    quint64 m_id = 0;
    bool m_running = false;
    bool m_canceling = false;
    QElapsedTimer m_cancelClock;
    qint64 m_cancelLatency = -1;
};

} // namespace lodestone
