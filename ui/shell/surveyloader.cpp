// SurveyLoader: QtConcurrent::run over read(); stale results (superseded loads) are dropped.
#include "surveyloader.h"

#include "error.h"
#include "raster.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <new>

namespace lodestone {

SurveyLoader::SurveyLoader(QObject *parent) : QObject(parent) {}

SurveyLoader::~SurveyLoader() = default;

LoadedSurvey SurveyLoader::read(const QString &path, int band)
{
    LoadedSurvey result;
    result.path = path;
    try {
        auto raster = std::make_shared<Raster>(readRaster(path.toStdString(), band));
        result.statistics = BandStatistics::compute(*raster);
        result.raster = std::move(raster);
    } catch (const Error &e) {
        result.error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc &) {
        result.error = QCoreApplication::translate("SurveyLoader", "Not enough memory to read %1.").arg(path);
    } catch (const std::exception &e) {
        result.error = QCoreApplication::translate("SurveyLoader", "Cannot read %1: %2")
                           .arg(path, QString::fromStdString(e.what()));
    }
    return result;
}

void SurveyLoader::load(const QString &path, int band)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    auto *watcher = new QFutureWatcher<LoadedSurvey>(this);
    connect(watcher, &QFutureWatcher<LoadedSurvey>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        const LoadedSurvey survey = watcher->result();
        if (survey.error.isEmpty())
            Q_EMIT loaded(survey);
        else
            Q_EMIT failed(survey.path, survey.error);
    });
    watcher->setFuture(QtConcurrent::run(&SurveyLoader::read, path, band));
}

} // namespace lodestone
