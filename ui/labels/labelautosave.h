// Autosave of the labels, so that they are never lost: a couple of seconds after the last edit the labels
// are written (in the background, atomically, by core's writeLabelRaster) to the application's data folder,
// "autosave/<hash of the survey's path>-<survey file>.labels-autosave.tif", never into the survey's own folder
// (a user's data, often shared or read-only, where a stray .tif would also look like a survey). A sidecar next to
// the survey, "<survey file>.labels-autosave.tif", written by earlier versions, is still found, offered and
// removed. The file goes when the labels are saved or discarded.
//
// Thread: GUI thread; the file is written on Qt's global thread pool.
#pragma once

#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QTimer;

namespace lodestone {

class LabelDocument;
struct LabelImage;
struct Raster;

/** \brief Writes the labels to an autosave file shortly after each edit. */
class LabelAutosave : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultDelayMs = 2000;

    explicit LabelAutosave(LabelDocument *document, QObject *parent = nullptr);
    ~LabelAutosave() override;

    /** \brief The survey the labels are on; autosaves go next to surveyPath. Stops a pending autosave. */
    void setSurvey(std::shared_ptr<const Raster> survey, const QString &surveyPath);
    /** \brief Milliseconds between the last edit and the autosave. */
    void setDelay(int ms);
    int delay() const;

    /** \brief "<survey>.labels-autosave.tif" next to the survey, where earlier versions autosaved. */
    static QString sidecarPath(const QString &surveyPath);
    /** \brief The autosave in the application's data folder, named after the survey's full path. */
    static QString fallbackPath(const QString &surveyPath);
    /** \brief Where the next autosave of the current survey goes: fallbackPath(). */
    QString path() const;
    /** \brief The newest autosave of the current survey on disk (sidecar or fallback), or empty. */
    QString existingAutosave() const;

    /** \brief An autosave is scheduled or being written. */
    bool isPending() const;
    /** \brief Writes the labels now, synchronously; true when written. */
    bool saveNow();
    /** \brief Cancels a scheduled autosave and deletes the current survey's autosave files. */
    void discard();

Q_SIGNALS:
    /** \brief The labels were written to path. */
    void saved(const QString &path);
    void failed(const QString &message);

private:
    void schedule();
    void timeout();
    void startWrite();
    void writeFinished();
    static QString write(const QString &path, const std::shared_ptr<const Raster> &survey, const LabelImage &labels);

    QPointer<LabelDocument> m_document;
    std::shared_ptr<const Raster> m_survey;
    QString m_surveyPath;
    QTimer *m_timer = nullptr;
    QFutureWatcher<QString> m_watcher;
    QString m_writingTo;
    QString m_written; ///< the file this session wrote for the current survey, deleted when unneeded
    bool m_again = false;
    quint64 m_generation = 0; ///< bumped by setSurvey() and discard(): a write started before is ignored
    quint64 m_writeGeneration = 0;
};

} // namespace lodestone
