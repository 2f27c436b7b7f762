// Opens a survey band off the GUI thread: reads it through core (readRaster) and computes the statistics the
// display needs. Errors from core arrive as failed(message) with lodestone::Error::what() as the message.
//
// Thread: lives on the GUI thread; the reading runs on Qt's global thread pool; signals arrive on the GUI thread.
#pragma once

#include "bandstatistics.h"

#include <QObject>
#include <QString>

#include <memory>

template <typename T> class QFutureWatcher;

namespace lodestone {

struct Raster;

/** \brief A band read from a file, with its statistics. */
struct LoadedSurvey {
    std::shared_ptr<const Raster> raster;
    BandStatistics statistics;
    QString path;
    QString error; ///< empty on success
};

/** \brief Reads survey bands in the background, one at a time (a new load supersedes a running one). */
class SurveyLoader : public QObject {
    Q_OBJECT
public:
    explicit SurveyLoader(QObject *parent = nullptr);
    ~SurveyLoader() override;

    /** \brief Starts reading band (1-based) of path; emits loaded() or failed(). */
    void load(const QString &path, int band);
    bool isLoading() const { return m_loading; }

    /** \brief Reads and computes synchronously, catching every error into LoadedSurvey::error. */
    static LoadedSurvey read(const QString &path, int band);

Q_SIGNALS:
    void loaded(const lodestone::LoadedSurvey &survey);
    void failed(const QString &path, const QString &message);

private:
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace lodestone
