// TrainingRunner: each run gets an id and a fresh feedback; signals carrying an older id are dropped, so a
// canceled run can never overwrite the state of a newer one.
#include "trainingrunner.h"

#include "signalfeedback.h"

#include <QThread>

namespace lodestone {

TrainingRunner::TrainingRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const PipelineResult>>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("Lodestone training"));
    m_worker = new TrainingWorker;
    m_worker->moveToThread(m_thread);
    connect(
        m_worker, &TrainingWorker::finished, this,
        [this](quint64 id, std::shared_ptr<const PipelineResult> result) {
            if (id != m_id)
                return;
            end(id);
            Q_EMIT finished(std::move(result));
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &TrainingWorker::canceled, this,
        [this](quint64 id) {
            if (id != m_id)
                return;
            end(id);
            Q_EMIT canceled();
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &TrainingWorker::failed, this,
        [this](quint64 id, const QString &message) {
            if (id != m_id)
                return;
            end(id);
            Q_EMIT failed(message);
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
    m_thread->start();
}

TrainingRunner::~TrainingRunner()
{
    if (m_feedback)
        m_feedback->cancel();
    m_thread->quit();
    m_thread->wait();
    delete m_worker; // the thread has stopped: safe to delete here
}

bool TrainingRunner::start(std::shared_ptr<const Raster> survey, const LabelImage &labels, const PipelineParams &params,
                           std::shared_ptr<FeatureReuse> reuse, const QString &streamFolder, const RunContext &context)
{
    if (m_running)
        return false;
    TrainingRequest request;
    request.survey = std::move(survey);
    request.labels = std::make_shared<const LabelImage>(labels);
    request.params = params;
    request.reuse = std::move(reuse);
    request.streamFolder = streamFolder;
    request.context = context;

    const quint64 id = ++m_id;
    m_feedback = std::make_shared<SignalFeedback>();
    SignalFeedback *fb = m_feedback.get();
    // Queued: the feedback emits on the training thread. The id filters out a superseded run's late signals.
    connect(
        fb, &SignalFeedback::stageChanged, this,
        [this, id](const QString &stage) {
            if (id == m_id && m_running)
                Q_EMIT stageChanged(stage);
        },
        Qt::QueuedConnection);
    connect(
        fb, &SignalFeedback::progressChanged, this,
        [this, id](double fraction) {
            if (id == m_id && m_running)
                Q_EMIT progressChanged(fraction);
        },
        Qt::QueuedConnection);
    connect(
        fb, &SignalFeedback::epochLossReported, this,
        [this, id](int epoch, double loss) {
            if (id == m_id && m_running)
                Q_EMIT epochLossReported(epoch, loss);
        },
        Qt::QueuedConnection);
    connect(
        fb, &SignalFeedback::messageReported, this,
        [this, id](const QString &text) {
            if (id == m_id && m_running)
                Q_EMIT messageReported(text);
        },
        Qt::QueuedConnection);

    m_running = true;
    m_canceling = false;
    std::shared_ptr<Feedback> feedback = m_feedback;
    TrainingWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, id, request, feedback]() mutable {
            worker->run(id, request, std::move(feedback));
            request = {}; // release the survey and label copies on the training thread
        },
        Qt::QueuedConnection);
    Q_EMIT started();
    return true;
}

void TrainingRunner::cancel()
{
    if (!m_running || !m_feedback || m_canceling)
        return;
    m_canceling = true;
    m_cancelClock.start();
    m_feedback->cancel();
}

void TrainingRunner::end(quint64 id)
{
    Q_UNUSED(id);
    m_running = false;
    if (m_canceling)
        m_cancelLatency = m_cancelClock.elapsed();
    m_canceling = false;
    m_feedback.reset();
}

} // namespace lodestone
