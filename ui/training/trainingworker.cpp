// TrainingWorker: one pipeline call, its exceptions sorted into the three outcomes.
#include "trainingworker.h"

#include "error.h"
#include "feedback.h"

#include <QCoreApplication>

#include <new>

namespace lodestone {

TrainingWorker::TrainingWorker(QObject *parent) : QObject(parent) {}

void TrainingWorker::run(quint64 id, const TrainingRequest &request, std::shared_ptr<Feedback> feedback)
{
    std::shared_ptr<const PipelineResult> result;
    QString error;
    bool wasCanceled = false;
    try {
        if (!request.survey || !request.labels)
            throw Error(ErrorCode::Internal, "No survey or labels were given to the training worker.");
        result = std::make_shared<const PipelineResult>(
            runPipeline(*request.survey, *request.labels, request.params, feedback.get(), request.reuse.get()));
    } catch (const Canceled &) {
        wasCanceled = true;
    } catch (const Error &e) {
        error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc &) {
        error = QCoreApplication::translate("lodestone::TrainingWorker",
                                            "There is not enough memory for this training run. Try fewer training "
                                            "patches, a smaller batch size or fewer filters.");
    } catch (const std::exception &e) {
        error = QCoreApplication::translate("lodestone::TrainingWorker", "Training failed: %1")
                    .arg(QString::fromStdString(e.what()));
    } catch (...) {
        error = QCoreApplication::translate("lodestone::TrainingWorker", "Training failed with an unknown error.");
    }
    // A cancel that arrives after the last check still counts: the user asked for no result.
    if (!wasCanceled && error.isEmpty() && feedback && feedback->isCanceled())
        wasCanceled = true;
    feedback.reset();
    if (wasCanceled)
        Q_EMIT canceled(id);
    else if (!error.isEmpty())
        Q_EMIT failed(id, error);
    else
        Q_EMIT finished(id, result);
}

} // namespace lodestone
