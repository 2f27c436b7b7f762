// TrainingWorker: one call of core's job, its exceptions sorted into the three outcomes.
#include "trainingworker.h"

#include "error.h"
#include "feedback.h"
#include "job.h"
#include "resultloader.h"
#include "streaming.h"

#include <QCoreApplication>

#include <new>

namespace lodestone {

namespace {

/** GDAL's block cache during a streamed run in the application. */
constexpr std::size_t kStreamedRunCache = std::size_t(512) << 20;

} // namespace

TrainingWorker::TrainingWorker(QObject *parent) : QObject(parent) {}

void TrainingWorker::run(quint64 id, const TrainingRequest &request, std::shared_ptr<Feedback> feedback)
{
    std::shared_ptr<const PipelineResult> result;
    QString error;
    bool wasCanceled = false;
    try {
        if (!request.survey || !request.labels)
            throw Error(ErrorCode::Internal, "No survey or labels were given to the training worker.");
        // The job of lodestone-cli run on the survey and labels in memory: in memory (reusing the offered network
        // when it can; nothing written, the result stays here), or streamed into the run's folder when the
        // controller chose one by the same rule (jobStreams()).
        LoadedJobOptions options;
        options.streaming = request.streamFolder.isEmpty() ? Streaming::Off : Streaming::On;
        options.stripRows = request.stripRows;
        options.outFolder = request.streamFolder.toStdString();
        options.writeInMemoryRuns = false;
        if (options.streaming == Streaming::Off) {
            JobResult job = runLoadedJob(*request.survey, *request.labels, request.params, request.context, options,
                                         feedback.get(), request.reuse.get());
            result = std::make_shared<const PipelineResult>(std::move(job.result));
        } else {
            // GDAL's block cache (5 % of the memory by default) beside the GUI's own: a tile row of features.tif,
            // what reading the strips back with their margins needs, is at most a few hundred MB.
            struct CacheLimit {
                std::size_t previous = setRasterCacheLimit(kStreamedRunCache);
                ~CacheLimit()
                {
                    releaseRasterCache();
                    setRasterCacheLimit(previous);
                }
            } cacheLimit;
            JobResult job = runLoadedJob(*request.survey, *request.labels, request.params, request.context, options,
                                         feedback.get());
            PipelineResult r = std::move(job.result);
            releaseRasterCache(); // the blocks of features.tif the classification read back
            checkCanceled(feedback.get());
            // The maps come back from the files; the feature rasters stay in features.tif.
            std::vector<uint8_t> valid = std::move(r.valid); // masked by the input layers, as the run saw it
            ResultLoader::readMaps(request.streamFolder, *request.survey, r, ResultLoader::Features::OnDisk);
            if (valid.size() == r.valid.size())
                r.valid = std::move(valid);
            releaseRasterCache(); // and those of the maps, now copied
            result = std::make_shared<const PipelineResult>(std::move(r));
        }
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
