// One piece of core work on Qt's global thread pool with a Feedback that the GUI polls: the stage and progress are
// read by a timer on the GUI thread (no signals from the worker), Cancel sets the feedback's atomic flag, and the
// outcome arrives as one signal on the GUI thread. Core's errors become their message; Canceled is not an error.
//
// Thread: lives on the GUI thread; the work runs on a pool thread and must touch only what it owns or shares
// immutably (results go into a shared_ptr captured by the work and read after succeeded()).
//
// \code
// auto out = std::make_shared<Raster>();
// job->start([survey, params, out](Feedback &f) { *out = deriveMagneticProduct(*survey, params, &f); });
// connect(job, &BackgroundJob::succeeded, this, [out] { /* use *out on the GUI thread */ });
// \endcode
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QTimer;

namespace lodestone {

class Feedback;

/** \brief Runs one job at a time in the background and reports how it went. */
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(Feedback &feedback)>;

    explicit BackgroundJob(QObject *parent = nullptr);
    ~BackgroundJob() override;

    /** \brief Starts work; false (and nothing started) while another job runs. */
    bool start(Work work);
    /** \brief Asks the running job to stop at its next check; canceled() follows. */
    void cancel();
    bool isRunning() const { return m_running; }
    /** \brief Drops the running job's outcome: no signal is emitted for it (its work still runs to its next
     *  cancel check). */
    void abandon();

Q_SIGNALS:
    /** \brief The stage (core's English name) and fraction done, about ten times a second while running. */
    void progressChanged(const QString &stage, double fraction);
    void succeeded();
    void canceled();
    /** \brief The work threw; message is core's complete sentence. */
    void failed(const QString &message);

private:
    struct State;
    std::shared_ptr<State> m_state;
    QTimer *m_timer = nullptr;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace lodestone
