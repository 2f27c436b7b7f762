// Core's Feedback turned into Qt signals: stage, progress (throttled to about 20 per second), epoch loss and
// messages, for the training worker to hand to the GUI.
//
// Thread: created on the GUI thread; core calls it on the worker thread, so its signals are emitted there and
// reach GUI-thread receivers queued. cancel() (from Feedback) is an atomic store, safe from any thread.
#pragma once

#include "feedback.h"

#include <QObject>
#include <QString>

#include <chrono>

namespace lodestone {

/** \brief A Feedback whose callbacks are Qt signals.
 *
 *  \code
 *  auto feedback = std::make_shared<SignalFeedback>();
 *  connect(feedback.get(), &SignalFeedback::progressChanged, bar, ..., Qt::QueuedConnection);
 *  // worker thread: runPipeline(survey, labels, params, feedback.get());
 *  // GUI thread:    feedback->cancel();   // core stops at its next batch or tile
 *  \endcode
 */
class SignalFeedback : public QObject, public Feedback {
    Q_OBJECT
public:
    /// Progress signals are at least this far apart, except the first of a stage and completion.
    static constexpr int kProgressIntervalMs = 50;

    explicit SignalFeedback(QObject *parent = nullptr);

Q_SIGNALS:
    /** \brief A new stage began (core's English name, e.g. "Training autoencoder"); progress restarts at 0. */
    void stageChanged(const QString &stage);
    /** \brief Fraction in [0, 1] of the current stage. */
    void progressChanged(double fraction);
    /** \brief Mean reconstruction loss of a finished epoch (1-based). */
    void epochLossReported(int epoch, double loss);
    /** \brief A message or warning from core. */
    void messageReported(const QString &text);

protected:
    void onStage(const std::string &stage) override;
    void onProgress(double fraction) override;
    void onMessage(const std::string &text) override;
    void onEpochLoss(int epoch, double loss) override;

private:
    std::chrono::steady_clock::time_point m_lastProgress;
    bool m_progressSent = false;
};

} // namespace lodestone
