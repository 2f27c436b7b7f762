// ProjectController: saving is labels (GUI thread, small) -> results (pool, big) -> project file; opening is
// project file -> survey and labels (MainWindow's loader) -> settings, style, view -> results (pool).
#include "projectcontroller.h"

#include "classmaplayer.h"
#include "error.h"
#include "labeldocument.h"
#include "labelfiles.h"
#include "mainwindow.h"
#include "mapcanvas.h"
#include "probabilitylayer.h"
#include "raster.h"
#include "rasterlayer.h"
#include "resultexporter.h"
#include "resultloader.h"
#include "resultspanel.h"
#include "resultwriter.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"
#include "userlayers.h"
#include "validationoccurrences.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QMetaEnum>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <new>

namespace lodestone {

namespace {

const char *const kLastProjectDirectoryKey = "project/lastDirectory";

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/** The error of a background job as a sentence. */
template <typename F> QString attempt(F &&work)
{
    try {
        work();
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    } catch (const std::bad_alloc &) {
        return ProjectController::tr("There is not enough memory.");
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

struct LoadedResult {
    std::shared_ptr<const PipelineResult> result;
    QString error;
};

} // namespace

ProjectController::ProjectController(MainWindow *window, TrainingController *training)
    : QObject(window), m_window(window), m_training(training)
{
    m_reporter = [window](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    m_locator = [window](const QString &missing, const QString &message) {
        QMessageBox box(QMessageBox::Warning, tr("Survey Not Found"), message, QMessageBox::Cancel, window);
        QPushButton *locate = box.addButton(tr("Locate…"), QMessageBox::AcceptRole);
        box.setDefaultButton(locate);
        box.exec();
        if (box.clickedButton() != locate)
            return QString();
        QString dir = QFileInfo(missing).absolutePath();
        if (!QDir(dir).exists())
            dir = QDir::homePath();
        return QFileDialog::getOpenFileName(window, tr("Locate %1").arg(QFileInfo(missing).fileName()), dir);
    };

    m_openAction = new QAction(tr("Open &Project…"), this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openAction->setStatusTip(tr("Reopen a survey with its labels, settings, view and results"));
    connect(m_openAction, &QAction::triggered, this, &ProjectController::showOpenDialog);
    m_saveAction = new QAction(tr("&Save Project"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(tr("Save the survey, labels, settings, view and results as a project"));
    connect(m_saveAction, &QAction::triggered, this, &ProjectController::save);
    m_saveAsAction = new QAction(tr("Save Project &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAsAction, &QAction::triggered, this, &ProjectController::showSaveAsDialog);
    m_saveAction->setEnabled(false);
    m_saveAsAction->setEnabled(false);

    connect(window, &MainWindow::surveyOpened, this, [this](const QString &path) {
        m_saveAction->setEnabled(true);
        m_saveAsAction->setEnabled(true);
        surveyOpened(path);
    });
    connect(window, &MainWindow::openFailed, this, [this](const QString &, const QString &message) {
        if (!m_opening)
            return;
        m_opening = false;
        Q_EMIT projectFailed(message);
    });
}

void ProjectController::setErrorReporter(ErrorReporter reporter)
{
    m_reporter = std::move(reporter);
}

void ProjectController::setSurveyLocator(SurveyLocator locator)
{
    m_locator = std::move(locator);
}

void ProjectController::warn(const QString &title, const QString &message)
{
    if (m_reporter)
        m_reporter(title, message);
}

void ProjectController::fail(const QString &title, const QString &message)
{
    warn(title, message);
    Q_EMIT projectFailed(message);
}

void ProjectController::updateTitle()
{
    if (m_path.isEmpty() || !m_window->surveyLayer())
        return;
    m_window->setWindowTitle(
        tr("%1 (%2)[*] — Lodestone")
            .arg(QFileInfo(m_path).fileName(),
                 QFileInfo(QString::fromStdString(m_window->surveyLayer()->raster().path)).fileName()));
}

Project ProjectController::currentProject() const
{
    Project p;
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey)
        return p;
    p.surveyPath = QFileInfo(QString::fromStdString(survey->raster().path)).absoluteFilePath();
    p.band = survey->raster().band;
    p.labelsPath = m_window->labelDocument()->path();
    p.validationPath = m_training->validationOccurrences()->path();
    p.params = m_training->trainingPanel()->params();
    if (m_training->result()) {
        p.resultsFolder = m_training->resultFolder();
        p.resultParams = m_training->resultParams();
    }
    const QMetaEnum kinds = QMetaEnum::fromType<ResultExporter::Kind>();
    const auto exported = m_training->exporter()->exportedFiles();
    for (auto it = exported.begin(); it != exported.end(); ++it)
        p.exports.insert(QString::fromLatin1(kinds.valueToKey(it.key())), it.value());

    MapCanvas *canvas = m_window->canvas();
    const QRectF visible = canvas->visiblePixelRect();
    p.hasView = canvas->hasGrid();
    p.viewExtent = QRectF(canvas->pixelToMap(visible.topLeft()), canvas->pixelToMap(visible.bottomRight()));
    p.hasStyle = true;
    p.style = survey->settings();
    p.units = survey->units();
    p.survey = {survey->isVisible(), survey->opacity()};
    p.threshold = m_training->resultsPanel()->threshold();
    p.greyBelow = m_training->resultsPanel()->greyBelow();
    if (ClassMapLayer *c = m_training->classLayer())
        p.classes = {c->isVisible(), c->opacity()};
    else
        p.classes.visible = false;
    if (ProbabilityLayer *prob = m_training->probabilityLayer())
        p.probability = {prob->isVisible(), prob->opacity()};
    p.features = m_training->shownFeatures();
    p.userLayers = m_window->userLayers()->savedLayers();
    return p;
}

void ProjectController::save()
{
    if (m_path.isEmpty())
        showSaveAsDialog();
    else
        saveProject(m_path);
}

void ProjectController::showSaveAsDialog()
{
    QString dir = QSettings().value(QLatin1String(kLastProjectDirectoryKey)).toString();
    QString name = QStringLiteral("project.lodestone");
    if (RasterLayer *survey = m_window->surveyLayer()) {
        const QFileInfo info(QString::fromStdString(survey->raster().path));
        if (dir.isEmpty())
            dir = info.absolutePath();
        name = info.completeBaseName() + QStringLiteral(".lodestone");
    }
    if (!m_path.isEmpty())
        name = QFileInfo(m_path).fileName();
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Project"), QDir(dir).filePath(name),
                                                      ProjectFile::dialogFilter());
    if (!path.isEmpty())
        saveProject(path);
}

void ProjectController::showOpenDialog()
{
    const QString dir = QSettings().value(QLatin1String(kLastProjectDirectoryKey), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Project"), dir, ProjectFile::dialogFilter());
    if (!path.isEmpty())
        openProject(path);
}

bool ProjectController::saveLabelsFor(const QString &projectPath)
{
    LabelDocument *labels = m_window->labelDocument();
    const auto counts = labels->counts();
    if (!labels->path().isEmpty() && !labels->isModified())
        return true; // saved already
    if (labels->path().isEmpty() && counts[0] + counts[1] == 0)
        return true; // nothing labelled: nothing to save
    QString path = labels->path();
    if (path.isEmpty()) {
        const QFileInfo project(projectPath);
        path = project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral("_labels.tif"));
    }
    return m_window->labelFiles()->saveLabelsAs(path);
}

void ProjectController::saveProject(const QString &requested)
{
    if (isBusy())
        return;
    const QString title = tr("Cannot Save Project");
    if (!m_window->surveyLayer()) {
        fail(title, tr("Open a survey before saving a project."));
        return;
    }
    QString path = QFileInfo(requested).absoluteFilePath();
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + ProjectFile::suffix();
    QSettings().setValue(QLatin1String(kLastProjectDirectoryKey), QFileInfo(path).absolutePath());
    if (!saveLabelsFor(path)) {
        Q_EMIT projectFailed(tr("The project was not saved because its labels could not be saved."));
        return;
    }
    const ExportSource source = m_training->exportSource();
    QString folder = m_training->resultFolder();
    if (!source.result || (!folder.isEmpty() && ResultLoader::hasResult(folder))) {
        writeProjectFile(path, source.result ? folder : QString());
        return;
    }
    // The result exists only in memory: write it beside the project first.
    const QFileInfo project(path);
    folder = project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral("_results"));
    m_saving = true;
    m_window->statusBar()->showMessage(tr("Saving the results to %1…").arg(native(folder)));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, folder, source] {
        watcher->deleteLater();
        m_saving = false;
        const QString error = watcher->result();
        if (!error.isEmpty()) {
            fail(tr("Cannot Save Project"),
                 tr("The results could not be saved, so the project was not saved: %1").arg(error));
            return;
        }
        if (m_training->result() == source.result)
            m_training->setResultFolder(folder);
        writeProjectFile(path, folder);
    });
    const std::string target = native(folder).toStdString();
    watcher->setFuture(
        QtConcurrent::run([target, source] { return attempt([&] { ResultWriter::writeAll(target, source); }); }));
}

void ProjectController::writeProjectFile(const QString &path, const QString &resultsFolder)
{
    Project project = currentProject();
    project.resultsFolder = resultsFolder;
    QString error;
    if (!ProjectFile::save(project, path, &error)) {
        fail(tr("Cannot Save Project"), error);
        return;
    }
    m_path = path;
    updateTitle();
    m_window->statusBar()->showMessage(tr("Project saved to %1.").arg(native(path)), 10000);
    Q_EMIT projectSaved(path);
}

void ProjectController::openProject(const QString &requested)
{
    if (isBusy())
        return;
    const QString path = QFileInfo(requested).absoluteFilePath();
    Project project;
    QString error;
    if (!ProjectFile::load(path, &project, &error)) {
        fail(tr("Cannot Open Project"), error);
        return;
    }
    QSettings().setValue(QLatin1String(kLastProjectDirectoryKey), QFileInfo(path).absolutePath());
    if (!QFileInfo::exists(project.surveyPath)) {
        const QString message = tr("The survey of the project %1 was not found:\n%2\n\nIt may have been moved or "
                                   "renamed, or be on a drive that is not connected. Locate it to open the project.")
                                    .arg(QFileInfo(path).fileName(), native(project.surveyPath));
        const QString located = m_locator ? m_locator(project.surveyPath, message) : QString();
        if (located.isEmpty() || !QFileInfo::exists(located)) {
            m_window->statusBar()->showMessage(
                tr("The project %1 was not opened: its survey is missing.").arg(QFileInfo(path).fileName()), 10000);
            Q_EMIT projectFailed(message);
            return;
        }
        // Labels and results that moved with the survey are found beside it under their old names.
        const QDir newDir = QFileInfo(located).absoluteDir();
        for (QString *p : {&project.labelsPath, &project.validationPath, &project.resultsFolder}) {
            if (!p->isEmpty() && !QFileInfo::exists(*p) && newDir.exists(QFileInfo(*p).fileName()))
                *p = newDir.filePath(QFileInfo(*p).fileName());
        }
        project.surveyPath = QFileInfo(located).absoluteFilePath();
    }
    // A survey that cannot be read is reported before any question, so that no answer lets labels or a run go for
    // nothing.
    try {
        readRasterInfo(project.surveyPath.toStdString());
    } catch (const std::exception &e) {
        fail(tr("Cannot Open Project"), QString::fromStdString(e.what()));
        return;
    }
    // The labels first, the run in progress last, as for opening a survey: agreeing to stop the run is the last
    // answer before it stops, and every question is asked once.
    if (!m_window->labelFiles()->maybeSave() ||
        !m_training->maybeDiscardWork(tr("open the project %1").arg(QFileInfo(path).fileName()))) {
        Q_EMIT projectFailed(tr("Opening the project was canceled."));
        return;
    }
    m_training->cancel();
    m_pending = project;
    m_pendingPath = path;
    m_opening = true;
    ++m_openGeneration;
    const QString labels = QFileInfo::exists(project.labelsPath) ? project.labelsPath : QString();
    m_window->openFileWithLabels(project.surveyPath, labels, project.band, true);
    if (m_opening && !m_window->isLoading()) {
        // openFile() returned without loading or failing (a band dialog canceled): the current survey stays.
        m_opening = false;
        Q_EMIT projectFailed(tr("Opening the project was canceled."));
    }
}

void ProjectController::surveyOpened(const QString &surveyPath)
{
    Q_UNUSED(surveyPath);
    if (!m_opening)
        return;
    const Project project = m_pending;
    RasterLayer *survey = m_window->surveyLayer();
    m_path = m_pendingPath;
    m_training->trainingPanel()->setParams(project.params);
    // Products and added rasters are derived or read again in the background; the Training panel checks the
    // input layers of the settings as they arrive. Queued: every handler of the new survey (which drop the previous
    // survey's layers and jobs) has run by then.
    if (!project.userLayers.isEmpty()) {
        const std::shared_ptr<const Raster> opened = survey->sharedRaster();
        const QList<SavedLayer> layers = project.userLayers;
        QMetaObject::invokeMethod(
            this,
            [this, opened, layers] {
                if (m_window->surveyLayer() && m_window->surveyLayer()->sharedRaster() == opened)
                    m_window->userLayers()->restoreLayers(layers);
            },
            Qt::QueuedConnection);
    }
    if (project.hasStyle)
        survey->setSettings(project.style);
    survey->setUnits(project.units);
    survey->setVisible(project.survey.visible);
    survey->setOpacity(project.survey.opacity);
    m_training->resultsPanel()->setGreyBelow(project.greyBelow);
    m_training->resultsPanel()->setThreshold(project.threshold);
    restoreView(project);
    if (!project.labelsPath.isEmpty() && !QFileInfo::exists(project.labelsPath))
        warn(tr("Labels Not Found"), tr("The labels of the project were not found:\n%1\nThe survey was opened "
                                        "without them.")
                                         .arg(native(project.labelsPath)));
    if (!project.validationPath.isEmpty()) {
        if (QFileInfo::exists(project.validationPath))
            m_training->validationOccurrences()->load(project.validationPath);
        else
            warn(tr("Validation Occurrences Not Found"),
                 tr("The validation occurrences of the project were not found:\n%1")
                     .arg(native(project.validationPath)));
    }

    if (!ResultLoader::hasResult(project.resultsFolder)) {
        if (!project.resultsFolder.isEmpty())
            warn(tr("Results Not Found"), tr("The saved results of the project were not found in %1. Train "
                                             "again to recreate them.")
                                              .arg(native(project.resultsFolder)));
        resultsLoaded(project, QString());
        return;
    }
    // Reading the result rasters back can take a while for a big survey: on the pool.
    m_window->statusBar()->showMessage(tr("Reading the saved results…"));
    const std::shared_ptr<const Raster> raster = survey->sharedRaster();
    const QString folder = project.resultsFolder;
    const quint64 generation = m_openGeneration;
    auto *watcher = new QFutureWatcher<LoadedResult>(this);
    connect(watcher, &QFutureWatcher<LoadedResult>::finished, this, [this, watcher, project, raster, generation] {
        watcher->deleteLater();
        if (generation != m_openGeneration || !m_window->surveyLayer() ||
            m_window->surveyLayer()->sharedRaster() != raster) {
            m_opening = false;
            return; // another survey was opened meanwhile
        }
        const LoadedResult loaded = watcher->result();
        if (loaded.result) {
            RunContext context = m_training->currentContext();
            m_training->setResult(loaded.result, project.resultParams, context, project.resultsFolder);
        }
        resultsLoaded(project, loaded.error);
    });
    watcher->setFuture(QtConcurrent::run([folder, raster] {
        LoadedResult out;
        std::shared_ptr<PipelineResult> result;
        out.error = attempt([&] { result = std::make_shared<PipelineResult>(ResultLoader::read(folder, *raster)); });
        out.result = std::move(result);
        return out;
    }));
}

void ProjectController::resultsLoaded(const Project &project, const QString &error)
{
    if (!error.isEmpty())
        warn(tr("Results Not Restored"),
             tr("The project opened, but its saved results could not be read: %1").arg(error));
    if (m_training->result()) {
        m_training->resultsPanel()->setThreshold(project.threshold);
        if (ClassMapLayer *c = m_training->classLayer()) {
            c->setVisible(project.classes.visible);
            c->setOpacity(project.classes.opacity);
        }
        if (ProbabilityLayer *p = m_training->probabilityLayer()) {
            p->setVisible(project.probability.visible);
            p->setOpacity(project.probability.opacity);
        }
        for (int f : project.features)
            m_training->showFeature(f);
        // Files exported earlier stay listed in the project while they exist.
        const QMetaEnum kinds = QMetaEnum::fromType<ResultExporter::Kind>();
        for (auto it = project.exports.begin(); it != project.exports.end(); ++it) {
            bool ok = false;
            const int kind = kinds.keyToValue(it.key().toLatin1().constData(), &ok);
            if (ok && QFileInfo::exists(it.value()))
                m_training->exporter()->rememberExport(ResultExporter::Kind(kind), it.value());
        }
    }
    m_opening = false;
    updateTitle();
    m_window->statusBar()->showMessage(tr("Project %1 opened.").arg(QFileInfo(m_path).fileName()), 10000);
    Q_EMIT projectOpened(m_path);
}

void ProjectController::restoreView(const Project &project)
{
    MapCanvas *canvas = m_window->canvas();
    if (!project.hasView || !canvas->hasGrid())
        return;
    const QRectF pixels =
        QRectF(canvas->mapToPixel(project.viewExtent.topLeft()), canvas->mapToPixel(project.viewExtent.bottomRight()))
            .normalized();
    if (!(pixels.width() > 0 && pixels.height() > 0))
        return;
    const double aspect = canvas->aspect();
    const QSize view = canvas->viewport()->size();
    const double scale = std::min(view.width() / pixels.width(), view.height() / (pixels.height() * aspect));
    if (!(scale > 0) || !std::isfinite(scale))
        return;
    canvas->zoomBy(scale / canvas->scale(), QRectF(canvas->viewport()->rect()).center());
    canvas->centerOn(pixels.center());
}

} // namespace lodestone
