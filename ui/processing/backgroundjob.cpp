// BackgroundJob: QtConcurrent::run + QFutureWatcher; the feedback's stage sits behind a mutex, its progress in an
// atomic, both read by a GUI-thread timer.
#include "backgroundjob.h"

#include "error.h"
#include "feedback.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>
#include <new>

namespace lodestone {

namespace {

/// A Feedback whose state is read by another thread.
class PolledFeedback : public Feedback {
public:
    QString stageText() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_stageText;
    }
    double fraction() const { return m_fraction.load(); }

protected:
    void onStage(const std::string &stage) override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stageText = QString::fromStdString(stage);
        m_fraction.store(-1.0);
    }
    void onProgress(double fraction) override { m_fraction.store(fraction); }

private:
    mutable std::mutex m_mutex;
    QString m_stageText;
    std::atomic<double> m_fraction{-1.0};
};

enum class Outcome { Succeeded, Canceled, Failed };

struct Result {
    Outcome outcome = Outcome::Succeeded;
    QString message;
};

} // namespace

struct BackgroundJob::State {
    PolledFeedback feedback;
};

BackgroundJob::BackgroundJob(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_state)
            Q_EMIT progressChanged(m_state->feedback.stageText(), m_state->feedback.fraction());
    });
}

BackgroundJob::~BackgroundJob()
{
    if (m_state)
        m_state->feedback.cancel(); // nobody will read the outcome
}

bool BackgroundJob::start(Work work)
{
    if (m_running)
        return false;
    m_running = true;
    m_state = std::make_shared<State>();
    const quint64 generation = ++m_generation;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // abandoned
        m_running = false;
        m_timer->stop();
        m_state.reset();
        const Result result = watcher->result();
        switch (result.outcome) {
        case Outcome::Succeeded: Q_EMIT succeeded(); break;
        case Outcome::Canceled: Q_EMIT canceled(); break;
        case Outcome::Failed: Q_EMIT failed(result.message); break;
        }
    });
    const std::shared_ptr<State> state = m_state;
    watcher->setFuture(QtConcurrent::run([state, work = std::move(work)] {
        Result r;
        try {
            work(state->feedback);
        } catch (const Canceled &) {
            r.outcome = Outcome::Canceled;
        } catch (const Error &e) {
            r.outcome = Outcome::Failed;
            r.message = QString::fromStdString(e.what());
        } catch (const std::bad_alloc &) {
            r.outcome = Outcome::Failed;
            r.message = QCoreApplication::translate("BackgroundJob", "There is not enough memory for this job.");
        } catch (const std::exception &e) {
            r.outcome = Outcome::Failed;
            r.message = QString::fromStdString(e.what());
        }
        return r;
    }));
    m_timer->start();
    return true;
}

void BackgroundJob::cancel()
{
    if (m_state)
        m_state->feedback.cancel();
}

void BackgroundJob::abandon()
{
    if (!m_running)
        return;
    cancel();
    ++m_generation;
    m_running = false;
    m_timer->stop();
    m_state.reset();
}

} // namespace lodestone
