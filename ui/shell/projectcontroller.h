// File > Open Project, Save Project, Save Project As: gathers the state of the window into a Project
// (ProjectFile) and restores it. Saving first saves unsaved labels (beside the project when they have no file
// yet) and the current result (into "<project>_results" unless it is already on disk); opening reopens the
// survey and its labels, then the settings, the survey's style, the view and the saved result as layers.
// A project whose survey has moved says which file is missing, offers to locate it, and otherwise leaves the
// window as it was.
//
// Thread: GUI thread; results are read and written on Qt's thread pool.
#pragma once

#include "projectfile.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;

namespace lodestone {

class MainWindow;
class TrainingController;

/** \brief Saving and opening projects in a MainWindow. */
class ProjectController : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;
    /** \brief Told that the survey at missingPath is gone (message says so); returns the file to use instead,
     *  or an empty string to give up. The default asks, then shows a file dialog. */
    using SurveyLocator = std::function<QString(const QString &missingPath, const QString &message)>;

    ProjectController(MainWindow *window, TrainingController *training);

    void setErrorReporter(ErrorReporter reporter);
    void setSurveyLocator(SurveyLocator locator);

    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }

    /** \brief The open or last saved project file (empty when none). */
    QString projectPath() const { return m_path; }
    /** \brief True while a project is being opened or saved. */
    bool isBusy() const { return m_opening || m_saving; }

    /** \brief The window's state as a project saved at path (results folder and labels as they are now). */
    Project currentProject() const;

public Q_SLOTS:
    /** \brief Saves to path; projectSaved() or projectFailed() follows (later when results are written). */
    void saveProject(const QString &path);
    /** \brief Opens path; projectOpened() or projectFailed() follows. */
    void openProject(const QString &path);
    void save();
    void showSaveAsDialog();
    void showOpenDialog();

Q_SIGNALS:
    void projectSaved(const QString &path);
    /** \brief The survey, labels, settings, view and (when saved) results are restored. */
    void projectOpened(const QString &path);
    void projectFailed(const QString &message);

private:
    bool saveLabelsFor(const QString &projectPath);
    void writeProjectFile(const QString &path, const QString &resultsFolder);
    void surveyOpened(const QString &surveyPath);
    void restoreView(const Project &project);
    void resultsLoaded(const Project &project, const QString &error);
    void warn(const QString &title, const QString &message);
    void fail(const QString &title, const QString &message);
    void updateTitle();

    MainWindow *m_window = nullptr;
    TrainingController *m_training = nullptr;
    ErrorReporter m_reporter;
    SurveyLocator m_locator;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QString m_path;
    bool m_opening = false;
    bool m_saving = false;
    Project m_pending; ///< the project being opened
    QString m_pendingPath;
    quint64 m_openGeneration = 0;
};

} // namespace lodestone
