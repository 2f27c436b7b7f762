// MainWindow: wiring only. Opening a survey: readRasterInfo (fast, GUI thread) to learn the band count,
// then SurveyLoader reads the band and its statistics on a worker thread.
#include "mainwindow.h"

#include "bandselectdialog.h"
#include "crsinfo.h"
#include "cursorreadout.h"
#include "error.h"
#include "jobindicator.h"
#include "labeldocument.h"
#include "labeleditor.h"
#include "labelfiles.h"
#include "labellayer.h"
#include "labelspanel.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "lineimportcontroller.h"
#include "lodestone_version.h"
#include "mapcanvas.h"
#include "mapicons.h"
#include "pantool.h"
#include "processingcontroller.h"
#include "projectcontroller.h"
#include "raster.h"
#include "rasterfileformats.h"
#include "rasterlayer.h"
#include "recentfilesmenu.h"
#include "resultexporter.h"
#include "settingsdialog.h"
#include "stylepanel.h"
#include "surveyloader.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"
#include "userlayers.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

#include <cmath>
#include <utility>

namespace lodestone {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Lodestone"));
    setWindowIcon(MapIcons::application());
    setAcceptDrops(true);

    m_layers = new LayerStack(this);
    m_canvas = new MapCanvas(this);
    m_canvas->setLayerStack(m_layers);
    setCentralWidget(m_canvas);
    m_loader = new SurveyLoader(this);
    m_labelDocument = new LabelDocument(this);
    m_labelEditor = new LabelEditor(m_labelDocument, m_canvas, this);
    m_labelFiles = new LabelFiles(m_labelDocument, m_labelEditor->undoStack(), this);
    m_labelFiles->setErrorReporter(
        [this](const QString &title, const QString &message) { reportError(title, message); });
    connect(m_labelFiles, &LabelFiles::statusMessage, this, [this](const QString &text) {
        showStatus(text);
        m_labelsMessage = text;
    });
    connect(m_labelDocument, &LabelDocument::modifiedChanged, this, &QWidget::setWindowModified);
    // "Labels from …: N deposit and M non-deposit pixels", "Labels saved to …" no longer hold after an edit.
    connect(m_labelDocument, &LabelDocument::labelsChanged, this, [this] {
        if (!m_labelsMessage.isEmpty() && m_statusMessage->text() == m_labelsMessage)
            showStatus(QString());
        m_labelsMessage.clear();
    });
    connect(m_loader, &SurveyLoader::loaded, this, &MainWindow::surveyLoaded);
    connect(m_loader, &SurveyLoader::failed, this, &MainWindow::loadFailed);

    m_errorReporter = [this](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };

    createActions();
    createDocks();
    createMenus();
    createStatusBar();

    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::setErrorReporter(ErrorReporter reporter)
{
    m_training->setErrorReporter(reporter);
    m_project->setErrorReporter(reporter);
    m_userLayers->setErrorReporter(reporter);
    m_processing->setErrorReporter(reporter);
    m_lineImport->setErrorReporter(reporter);
    m_errorReporter = std::move(reporter);
}

bool MainWindow::isLoading() const
{
    return m_loader->isLoading();
}

void MainWindow::createActions()
{
    m_openAction = new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Survey…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a magnetic survey grid in any raster format GDAL reads"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::showOpenDialog);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_panAction = new QAction(MapIcons::pan(), tr("&Pan"), this);
    m_panAction->setCheckable(true);
    m_panAction->setStatusTip(tr("Drag the map with the left mouse button (the middle button pans with any tool)"));
    m_canvas->panTool()->setAction(m_panAction);
    connect(m_panAction, &QAction::triggered, this, [this] { m_canvas->setMapTool(m_canvas->panTool()); });

    m_zoomInAction = new QAction(MapIcons::zoomIn(), tr("Zoom &In"), this);
    m_zoomInAction->setShortcut(QKeySequence::ZoomIn);
    connect(m_zoomInAction, &QAction::triggered, m_canvas, &MapCanvas::zoomIn);
    m_zoomOutAction = new QAction(MapIcons::zoomOut(), tr("Zoom &Out"), this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, m_canvas, &MapCanvas::zoomOut);
    m_zoomFullAction = new QAction(MapIcons::zoomFull(), tr("Zoom to &Full Extent"), this);
    m_zoomFullAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_zoomFullAction->setStatusTip(tr("Show the whole survey"));
    connect(m_zoomFullAction, &QAction::triggered, m_canvas, &MapCanvas::zoomToFullExtent);
    for (QAction *a : {m_zoomInAction, m_zoomOutAction, m_zoomFullAction})
        a->setEnabled(false); // until a survey is open

    m_aboutAction = new QAction(tr("&About Lodestone"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createDocks()
{
    m_layerPanel = new LayerTreePanel(this);
    m_layerPanel->setLayerStack(m_layers);
    m_layerDock = new QDockWidget(tr("Layers"), this);
    m_layerDock->setObjectName(QStringLiteral("LayersDock"));
    m_layerDock->setWidget(m_layerPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_layerDock);

    m_stylePanel = new StylePanel(this);
    m_styleDock = new QDockWidget(tr("Style"), this);
    m_styleDock->setObjectName(QStringLiteral("StyleDock"));
    m_styleDock->setWidget(m_stylePanel);
    addDockWidget(Qt::RightDockWidgetArea, m_styleDock);
    // The style panel edits the selected raster layer (the survey, a feature raster, a magnetic product), the
    // survey when nothing is selected, and nothing when another kind of layer is: labels and results have their
    // colours where they are made, and editing the survey instead would change a layer the user is not looking at.
    connect(m_layerPanel, &LayerTreePanel::currentLayerChanged, this, [this](MapLayer *layer) {
        if (!layer || qobject_cast<RasterLayer *>(layer)) {
            m_stylePanel->setLayer(layer ? static_cast<RasterLayer *>(layer) : m_survey.data());
            return;
        }
        m_stylePanel->setLayer(nullptr, tr("“%1” has no colour ramp to edit here: this panel styles the survey and "
                                           "the raster layers (feature rasters, magnetic products). Its opacity "
                                           "is set in the Layers panel; the probability map's threshold in the "
                                           "Results panel.")
                                            .arg(layer->name()));
    });

    m_labelsPanel = new LabelsPanel(this);
    m_labelsPanel->setBrushingModel(m_labelEditor->brushingModel());
    m_labelsPanel->setDocument(m_labelDocument);
    m_labelsPanel->setPaintAction(m_labelEditor->paintAction());
    connect(m_labelsPanel, &LabelsPanel::classChosen, m_labelEditor, &LabelEditor::activatePaintTool);
    m_labelsDock = new QDockWidget(tr("Labels"), this);
    m_labelsDock->setObjectName(QStringLiteral("LabelsDock"));
    m_labelsDock->setWidget(m_labelsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_labelsDock);

    // Training first: on surveyOpened() it clears the old result before the project restores a saved one.
    m_training = new TrainingController(this);
    m_project = new ProjectController(this, m_training);
    m_userLayers = new UserLayers(this);
    m_processing = new ProcessingController(this, m_userLayers);
    m_lineImport = new LineImportController(this, m_userLayers);
    connect(m_userLayers, &UserLayers::layersChanged, m_training,
            [this] { m_training->trainingPanel()->setInputLayers(m_userLayers->inputLayerChoices()); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recent = new RecentFilesMenu(QStringLiteral("recentFiles"), this);
    connect(m_recent, &RecentFilesMenu::fileTriggered, this, [this](const QString &path) { openFile(path); });
    file->addMenu(m_recent);
    file->addAction(m_lineImport->importAction());
    file->addSeparator();
    file->addAction(m_userLayers->addRasterAction());
    file->addAction(m_userLayers->saveAsAction());
    file->addSeparator();
    file->addAction(m_project->openAction());
    file->addAction(m_project->saveAction());
    file->addAction(m_project->saveAsAction());
    file->addSeparator();
    file->addAction(m_labelFiles->openAction());
    file->addAction(m_labelFiles->saveAction());
    file->addAction(m_labelFiles->saveAsAction());
    file->addAction(m_labelFiles->importAction());
    file->addSeparator();
    file->addMenu(m_training->exporter()->menu());
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("EditMenu"));
    edit->addAction(m_labelEditor->undoAction());
    edit->addAction(m_labelEditor->redoAction());
    edit->addSeparator();
    edit->addAction(m_labelEditor->paintAction());
    for (uint8_t value : {LabelDeposit, LabelNonDeposit, LabelUnknown})
        edit->addAction(m_labelEditor->classAction(value));
    edit->addAction(m_labelEditor->smallerBrushAction());
    edit->addAction(m_labelEditor->largerBrushAction());
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Preferences…"));
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setShortcut(QKeySequence::Preferences);
    connect(preferences, &QAction::triggered, this, [this] {
        SettingsDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted && dialog.needsRestart())
            showStatus(tr("The new language is used when Lodestone is next started."));
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_panAction);
    view->addSeparator();
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_zoomFullAction);
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    panels->addAction(m_layerDock->toggleViewAction());
    panels->addAction(m_styleDock->toggleViewAction());
    panels->addAction(m_labelsDock->toggleViewAction());
    panels->addAction(m_training->trainingDock()->toggleViewAction());
    panels->addAction(m_training->resultsDock()->toggleViewAction());

    menuBar()->addMenu(m_processing->menu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);

    QToolBar *tools = addToolBar(tr("Map Navigation"));
    tools->setObjectName(QStringLiteral("NavigationToolBar"));
    tools->addAction(m_openAction);
    tools->addSeparator();
    tools->addAction(m_panAction);
    tools->addAction(m_zoomInAction);
    tools->addAction(m_zoomOutAction);
    tools->addAction(m_zoomFullAction);

    QToolBar *labelTools = addToolBar(tr("Labels"));
    labelTools->setObjectName(QStringLiteral("LabelsToolBar"));
    labelTools->addAction(m_labelEditor->paintAction());
    labelTools->addAction(m_labelEditor->undoAction());
    labelTools->addAction(m_labelEditor->redoAction());
    labelTools->addAction(m_labelFiles->importAction());
}

void MainWindow::createStatusBar()
{
    m_statusMessage = new QLabel(this);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(statusBar()->fontMetrics().height());
    m_busy->setVisible(false);
    m_readout = new CursorReadout(this);
    m_readout->setLayerStack(m_layers);
    statusBar()->addWidget(m_statusMessage, 1);
    statusBar()->addPermanentWidget(m_processing->indicator());
    statusBar()->addPermanentWidget(m_userLayers->indicator());
    statusBar()->addPermanentWidget(m_busy);
    connect(m_processing, &ProcessingController::statusMessage, this, &MainWindow::showStatus);
    connect(m_userLayers, &UserLayers::statusMessage, this, &MainWindow::showStatus);
    connect(m_lineImport, &LineImportController::statusMessage, this, &MainWindow::showStatus);
    statusBar()->addPermanentWidget(m_readout);
    connect(m_canvas, &MapCanvas::cursorMoved, m_readout, &CursorReadout::showPosition);
    connect(m_canvas, &MapCanvas::cursorLeft, m_readout, &CursorReadout::clearPosition);
}

void MainWindow::showOpenDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Survey"), lastDirectory(), RasterFileFormats::dialogFilter());
    if (!path.isEmpty())
        openFile(path);
}

QString MainWindow::lastDirectory() const
{
    const QStringList recent = m_recent->files();
    return recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.front()).absolutePath();
}

void MainWindow::openFileWithLabels(const QString &path, const QString &labelsPath, int band, bool asked)
{
    openSurvey(path, band, asked);
    if (m_loader->isLoading())
        m_pendingLabels = labelsPath;
}

void MainWindow::openFile(const QString &path, int band)
{
    openSurvey(path, band, false);
}

void MainWindow::openSurvey(const QString &path, int band, bool asked)
{
    m_pendingLabels.clear();
    RasterInfo info;
    try {
        info = readRasterInfo(path.toStdString());
    } catch (const Error &e) {
        if (e.code() == ErrorCode::FileNotFound)
            m_recent->removeFile(path);
        loadFailed(path, QString::fromStdString(e.what()));
        return;
    } catch (const std::exception &e) {
        loadFailed(path, QString::fromStdString(e.what()));
        return;
    }
    if (band <= 0) {
        band = 1;
        if (info.bandCount > 1) {
            QStringList descriptions;
            for (const std::string &d : info.bandDescriptions)
                descriptions << QString::fromStdString(d);
            band = BandSelectDialog::chooseBand(this, QFileInfo(path).fileName(), info.bandCount, descriptions);
            if (band <= 0)
                return;
        }
    }
    // The labels first: the question about a run in progress comes last, so that agreeing to stop the run is the
    // last answer before it stops (a Cancel of the labels' question would otherwise leave it running after all).
    if (!asked &&
        (!m_labelFiles->maybeSave() || !m_training->maybeDiscardWork(tr("open %1").arg(QFileInfo(path).fileName()))))
        return;
    showStatus(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_loader->load(path, band);
    updateBusy();
}

namespace {

/** The status bar's note on a survey's infinite cells; empty when there are none. */
QString infiniteNote(std::size_t cells)
{
    if (cells == 0)
        return {};
    if (cells == 1)
        return MainWindow::tr("; 1 cell holds an infinite value, read as nodata");
    return MainWindow::tr("; %1 cells hold an infinite value, read as nodata")
        .arg(QLocale().toString(qulonglong(cells)));
}

} // namespace

void MainWindow::surveyLoaded(const LoadedSurvey &survey)
{
    const QFileInfo file(survey.path);
    QString name = file.completeBaseName();
    if (survey.raster->band != 1)
        name = tr("%1 (band %2)").arg(name).arg(survey.raster->band);
    auto *layer = new RasterLayer(survey.raster, survey.statistics, name);
    m_layers->clear();
    m_layers->insertLayer(layer);
    m_survey = layer;
    m_labelFiles->setSurvey(survey.raster, survey.path); // before the reset, so the old autosave stays
    m_labelDocument->reset(survey.raster->grid);
    m_layers->insertLayer(new LabelLayer(m_labelDocument, tr("Labels")), 0);
    m_labelEditor->setSurvey(survey.raster);
    m_canvas->setReferenceLayer(layer);
    m_stylePanel->setLayer(layer);
    m_layerPanel->setCurrentLayer(layer);

    const GridSpec &grid = survey.raster->grid;
    const CrsInfo crs(QString::fromStdString(grid.crsWkt));
    m_readout->setSurvey(crs.shortName(), layer->units(), grid.hasGeoTransform ? std::abs(grid.geoTransform[1]) : 1.0,
                         survey.statistics.maximum() - survey.statistics.minimum());
    m_readout->setSurveyLayer(layer);
    connect(layer, &RasterLayer::unitsChanged, m_readout, &CursorReadout::setUnits);
    connect(layer, &RasterLayer::settingsChanged, this, &MainWindow::updateBusy);
    connect(layer, &RasterLayer::renderFinished, this, &MainWindow::updateBusy);

    for (QAction *a : {m_zoomInAction, m_zoomOutAction, m_zoomFullAction})
        a->setEnabled(true);
    m_recent->addFile(survey.path);
    setWindowTitle(tr("%1[*] — Lodestone").arg(file.fileName())); // [*]: a "*" while the labels are unsaved
    showStatus(tr("%1: %2 x %3 cells, %4")
                   .arg(file.fileName())
                   .arg(grid.width)
                   .arg(grid.height)
                   .arg(crs.isEmpty()        ? crs.shortName()
                        : crs.isGeographic() ? tr("%1 (geographic: cells in degrees)").arg(crs.name())
                                             : crs.name()) +
               infiniteNote(survey.raster->infiniteCells));
    updateBusy();
    const QString labels = std::exchange(m_pendingLabels, QString());
    m_labelFiles->surveyOpened(labels);
    Q_EMIT surveyOpened(survey.path);
}

void MainWindow::loadFailed(const QString &path, const QString &message)
{
    showStatus(tr("Could not open %1.").arg(QFileInfo(path).fileName()));
    updateBusy();
    reportError(tr("Cannot Open Survey"), message);
    Q_EMIT openFailed(path, message);
}

QString MainWindow::statusText() const
{
    return m_statusMessage->text();
}

void MainWindow::showStatus(const QString &text)
{
    // A long message (a grid in degrees, a product's note) is cut at the window's edge: the tooltip gives it whole.
    m_statusMessage->setText(text);
    m_statusMessage->setToolTip(text);
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    if (m_errorReporter)
        m_errorReporter(title, message);
}

void MainWindow::updateBusy()
{
    m_busy->setVisible(m_loader->isLoading() || (m_survey && m_survey->isRendering()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Lodestone"),
                       tr("<h3>Lodestone %1</h3>"
                          "<p>Classifies magnetic survey grids into deposit and non-deposit ground from a handful of "
                          "labelled pixels.</p>"
                          "<p>Built with Qt %2 and GDAL %3.</p>")
                           .arg(QStringLiteral(LODESTONE_VERSION), QString::fromLatin1(qVersion()),
                                QString::fromStdString(gdalVersion())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    // Open after the drop has completed: the band dialog must not run inside the drag-and-drop handler.
    const QString path = urls.front().toLocalFile();
    QTimer::singleShot(0, this, [this, path] {
        if (path.endsWith(QStringLiteral(".lodestone"), Qt::CaseInsensitive))
            m_project->openProject(path);
        else
            openFile(path);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_labelFiles->maybeSave() || !m_training->maybeDiscardWork(tr("quit"))) { // the run's question last
        event->ignore();
        return;
    }
    m_labelFiles->dropDiscardedAutosave(); // only now that nothing can cancel the quit
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    QMainWindow::closeEvent(event);
}

RasterLayer *MainWindow::surveyLayer() const
{
    return m_survey;
}

} // namespace lodestone
