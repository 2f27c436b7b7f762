// LabelAutosave: one write at a time; edits during a write schedule another when it ends. Only files this
// session wrote are deleted when the labels turn out unmodified, so an autosave left by an earlier session
// stays until the user restores or discards it.
#include "labelautosave.h"

#include "error.h"
#include "labeldocument.h"
#include "labels.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <QtConcurrent>

namespace lodestone {

namespace {

const char *const kSuffix = ".labels-autosave.tif";

void removeWithAux(const QString &path)
{
    if (path.isEmpty())
        return;
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".aux.xml"));
}

} // namespace

LabelAutosave::LabelAutosave(LabelDocument *document, QObject *parent)
    : QObject(parent), m_document(document), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kDefaultDelayMs);
    connect(m_timer, &QTimer::timeout, this, &LabelAutosave::timeout);
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, &LabelAutosave::writeFinished);
    connect(document, &LabelDocument::labelsChanged, this, &LabelAutosave::schedule);
    connect(document, &LabelDocument::modifiedChanged, this, &LabelAutosave::schedule);
}

LabelAutosave::~LabelAutosave()
{
    m_watcher.waitForFinished();
}

void LabelAutosave::setSurvey(std::shared_ptr<const Raster> survey, const QString &surveyPath)
{
    m_timer->stop();
    m_watcher.waitForFinished();
    m_again = false;
    ++m_generation;
    m_survey = std::move(survey);
    m_surveyPath = surveyPath.isEmpty() ? QString() : QFileInfo(surveyPath).absoluteFilePath();
    m_written.clear();
}

void LabelAutosave::setDelay(int ms)
{
    m_timer->setInterval(std::max(0, ms));
}

int LabelAutosave::delay() const
{
    return m_timer->interval();
}

QString LabelAutosave::sidecarPath(const QString &surveyPath)
{
    return QFileInfo(surveyPath).absoluteFilePath() + QLatin1String(kSuffix);
}

QString LabelAutosave::fallbackPath(const QString &surveyPath)
{
    const QString absolute = QFileInfo(surveyPath).absoluteFilePath();
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
    return folder + QLatin1Char('/') + hash + QLatin1Char('-') + QFileInfo(surveyPath).fileName() +
           QLatin1String(kSuffix);
}

QString LabelAutosave::path() const
{
    if (m_surveyPath.isEmpty())
        return QString();
    return fallbackPath(m_surveyPath);
}

QString LabelAutosave::existingAutosave() const
{
    if (m_surveyPath.isEmpty())
        return QString();
    QString newest;
    QDateTime newestTime;
    for (const QString &candidate : {sidecarPath(m_surveyPath), fallbackPath(m_surveyPath)}) {
        const QFileInfo info(candidate);
        if (info.isFile() && (newest.isEmpty() || info.lastModified() > newestTime)) {
            newest = candidate;
            newestTime = info.lastModified();
        }
    }
    return newest;
}

bool LabelAutosave::isPending() const
{
    return m_timer->isActive() || m_watcher.isRunning();
}

void LabelAutosave::schedule()
{
    if (m_survey && m_document && !m_document->isEmpty())
        m_timer->start();
}

void LabelAutosave::timeout()
{
    if (!m_document || !m_survey)
        return;
    if (m_document->isModified()) {
        startWrite();
    } else if (!m_written.isEmpty() && !m_watcher.isRunning()) {
        // Back to the saved labels (undone, or saved): this session's autosave holds nothing new.
        removeWithAux(m_written);
        m_written.clear();
    }
}

void LabelAutosave::startWrite()
{
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    const QString target = path();
    if (target.isEmpty())
        return;
    m_writingTo = target;
    m_writeGeneration = m_generation;
    // Copies: the document keeps changing on the GUI thread while the file is written.
    m_watcher.setFuture(QtConcurrent::run(&LabelAutosave::write, target, m_survey, m_document->labels()));
}

QString LabelAutosave::write(const QString &path, const std::shared_ptr<const Raster> &survey, const LabelImage &labels)
{
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        writeLabelRaster(path.toStdString(), labels, *survey);
        return QString();
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
}

void LabelAutosave::writeFinished()
{
    if (m_writeGeneration != m_generation)
        return; // written for another survey, or discarded since
    const QString error = m_watcher.result();
    if (error.isEmpty()) {
        m_written = m_writingTo;
        Q_EMIT saved(m_writingTo);
    } else {
        Q_EMIT failed(error);
    }
    if (m_again) {
        m_again = false;
        timeout();
    }
}

bool LabelAutosave::saveNow()
{
    m_timer->stop();
    m_watcher.waitForFinished();
    if (!m_document || !m_survey || m_document->isEmpty())
        return false;
    const QString target = path();
    const QString error = write(target, m_survey, m_document->labels());
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return false;
    }
    m_written = target;
    Q_EMIT saved(target);
    return true;
}

void LabelAutosave::discard()
{
    m_timer->stop();
    m_watcher.waitForFinished();
    m_again = false;
    ++m_generation;
    if (m_surveyPath.isEmpty())
        return;
    removeWithAux(sidecarPath(m_surveyPath));
    removeWithAux(fallbackPath(m_surveyPath));
    m_written.clear();
}

} // namespace lodestone
