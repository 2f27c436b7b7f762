// The main window: assembles the map canvas, the layer and style panels, the menus and the status bar, and
// opens surveys (File > Open, Open Recent, drag and drop, command line). It holds no rendering or panel
// logic of its own.
//
// Thread: GUI thread.
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;

namespace lodestone {

class CursorReadout;
class LabelDocument;
class LabelEditor;
class LabelFiles;
class LabelsPanel;
class LayerStack;
class LayerTreePanel;
class LineImportController;
class MapCanvas;
class ProcessingController;
class RasterLayer;
class RecentFilesMenu;
class StylePanel;
class SurveyLoader;
class ProjectController;
class TrainingController;
class UserLayers;
struct LoadedSurvey;

/** \brief Lodestone's main window. */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /** \brief Shows an error to the user: title and a complete sentence. */
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** \brief Replaces how errors are shown. The default opens a window-modal QMessageBox without blocking
     *  (QMessageBox::open), so the event loop keeps running. */
    void setErrorReporter(ErrorReporter reporter);

    MapCanvas *canvas() const { return m_canvas; }
    LayerStack *layerStack() const { return m_layers; }
    LayerTreePanel *layerPanel() const { return m_layerPanel; }
    StylePanel *stylePanel() const { return m_stylePanel; }
    /** \brief The status bar's message (the last event: a survey or labels opened, a product derived…). */
    QString statusText() const;
    CursorReadout *cursorReadout() const { return m_readout; }
    RecentFilesMenu *recentFilesMenu() const { return m_recent; }
    /** \brief The labels of the open survey (reset when a survey opens); never null. */
    LabelDocument *labelDocument() const { return m_labelDocument; }
    /** \brief Painting, undo and redo of the labels. */
    LabelEditor *labelEditor() const { return m_labelEditor; }
    /** \brief Opening, saving, importing and autosaving the labels; asks before unsaved labels are lost. */
    LabelFiles *labelFiles() const { return m_labelFiles; }
    LabelsPanel *labelsPanel() const { return m_labelsPanel; }
    /** \brief Training, its results (layers, panels) and File > Export. */
    TrainingController *trainingController() const { return m_training; }
    /** \brief File > Open Project, Save Project. */
    ProjectController *projectController() const { return m_project; }
    /** \brief Products and rasters added over the survey: File > Add Raster Layer, Save Layer As GeoTIFF. */
    UserLayers *userLayers() const { return m_userLayers; }
    /** \brief The Processing menu: magnetic products of the survey. */
    ProcessingController *processingController() const { return m_processing; }
    /** \brief File > Import Line Data. */
    LineImportController *lineImportController() const { return m_lineImport; }
    /** \brief The survey layer, or nullptr before a survey is open. */
    RasterLayer *surveyLayer() const;
    bool isLoading() const;

    QAction *openAction() const { return m_openAction; }
    QAction *zoomFullAction() const { return m_zoomFullAction; }

public Q_SLOTS:
    /** \brief Shows text in the status bar, whole in its tooltip. */
    void showStatus(const QString &text);
    /** \brief Opens band (1-based) of a raster as the survey; band 0 asks which band when there are several.
     *  Errors are reported and leave the current survey in place. */
    void openFile(const QString &path, int band = 0);
    /** \brief Opens a survey as openFile(), then loads the label raster labelsPath on its grid. asked: the caller
     *  has asked already about unsaved labels and a run in progress (and the user let them go). */
    void openFileWithLabels(const QString &path, const QString &labelsPath, int band = 0, bool asked = false);
    /** \brief File > Open: a file dialog with GDAL's raster formats. */
    void showOpenDialog();
    void showAbout();

private:
    void openSurvey(const QString &path, int band, bool asked);

Q_SIGNALS:
    void surveyOpened(const QString &path);
    void openFailed(const QString &path, const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void surveyLoaded(const LoadedSurvey &survey);
    void loadFailed(const QString &path, const QString &message);
    void reportError(const QString &title, const QString &message);
    void updateBusy();
    QString lastDirectory() const;

    LayerStack *m_layers = nullptr;
    MapCanvas *m_canvas = nullptr;
    LayerTreePanel *m_layerPanel = nullptr;
    StylePanel *m_stylePanel = nullptr;
    QDockWidget *m_layerDock = nullptr;
    QDockWidget *m_styleDock = nullptr;
    CursorReadout *m_readout = nullptr;
    QLabel *m_statusMessage = nullptr;
    QString m_labelsMessage; ///< the status message of the last label file event, until the labels change
    QProgressBar *m_busy = nullptr;
    RecentFilesMenu *m_recent = nullptr;
    SurveyLoader *m_loader = nullptr;
    LabelDocument *m_labelDocument = nullptr;
    LabelEditor *m_labelEditor = nullptr;
    LabelFiles *m_labelFiles = nullptr;
    LabelsPanel *m_labelsPanel = nullptr;
    QDockWidget *m_labelsDock = nullptr;
    QString m_pendingLabels; ///< labels to load once the survey being opened has loaded
    TrainingController *m_training = nullptr;
    ProjectController *m_project = nullptr;
    UserLayers *m_userLayers = nullptr;
    ProcessingController *m_processing = nullptr;
    LineImportController *m_lineImport = nullptr;
    QPointer<RasterLayer> m_survey;
    ErrorReporter m_errorReporter;

    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_panAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_zoomFullAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
};

} // namespace lodestone
