// File > Import Line Data…: asks for a line-data file, shows LineImportDialog, grids in the background (about 12 s
// for a million readings) behind a window-modal progress dialog with Cancel, writes the GeoTIFF the user named,
// then opens it as the survey, or adds it as a layer when it was gridded onto the open survey's cells.
//
// Thread: GUI thread; the gridding runs on Qt's global thread pool (BackgroundJob).
#pragma once

#include "lineimport.h"

#include <QObject>

#include <functional>

class QAction;
class QProgressBar;
class QProgressDialog;

namespace lodestone {

class BackgroundJob;
class MainWindow;
class UserLayers;

/** \brief Imports airborne line data as a grid. */
class LineImportController : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    LineImportController(MainWindow *window, UserLayers *layers);

    QAction *importAction() const { return m_action; }
    void setErrorReporter(ErrorReporter reporter);
    bool isRunning() const;
    QProgressDialog *progressDialog() const { return m_progress; }

    /** \brief The file's name filters for the open dialog. */
    static QString fileFilter();

public Q_SLOTS:
    /** \brief Asks for a file, then showDialog(). */
    void showImportDialog();
    /** \brief The Import Line Data dialog for path; grids when the user accepts. */
    void showDialog(const QString &path);
    /** \brief Grids in the background and then opens the grid as the survey (or adds it as a layer when
     *  settings.onSurveyGrid). Ignored while another import runs. */
    void start(const lodestone::LineImportSettings &settings);
    void cancel();

Q_SIGNALS:
    /** \brief The grid was written to output; it is being opened as the survey (or was added as a layer). */
    void gridded(const QString &output);
    /** \brief Gridding failed (message) or was canceled (empty message). */
    void failed(const QString &message);
    void statusMessage(const QString &text);

private:
    static QString stageText(const QString &coreStage);

    MainWindow *m_window;
    UserLayers *m_layers;
    QAction *m_action = nullptr;
    BackgroundJob *m_job = nullptr;
    QProgressDialog *m_progress = nullptr;
    QProgressBar *m_bar = nullptr;
    ErrorReporter m_errorReporter;
    std::function<void()> m_onSucceeded;
};

} // namespace lodestone
