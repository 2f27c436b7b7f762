// TrainingController: panel -> runner -> result -> layers and panels. The result is a shared, immutable
// PipelineResult; layers and panels keep their own reference, so replacing it never pulls data from under
// a render that is still running.
#include "trainingcontroller.h"

#include "classmaplayer.h"
#include "crossvalidationplot.h"
#include "crossvalidationview.h"
#include "error.h"
#include "evaluationview.h"
#include "featurebrowser.h"
#include "job.h"
#include "labeldocument.h"
#include "labellayer.h"
#include "labelsuggestions.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "lossplot.h"
#include "mainwindow.h"
#include "mapcanvas.h"
#include "probabilitylayer.h"
#include "raster.h"
#include "rasterlayer.h"
#include "resultexporter.h"
#include "resultloader.h"
#include "resultspanel.h"
#include "resultwriter.h"
#include "streaming.h"
#include "suggestionlayer.h"
#include "surveyloader.h"
#include "trainingpanel.h"
#include "trainingrunner.h"
#include "uncertaintylayer.h"
#include "validationoccurrences.h"
#include "validationpointlayer.h"

#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace lodestone {

TrainingController::TrainingController(MainWindow *window)
    : QObject(window), m_window(window), m_streamAbove(inMemoryRunBudget())
{
    m_reporter = [window](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    m_question = [window](const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
                          QMessageBox::StandardButton defaultButton) {
        QMessageBox box(QMessageBox::Question, title, text, buttons, window);
        box.setDefaultButton(defaultButton);
        return QMessageBox::StandardButton(box.exec());
    };
    m_clock.start();
    m_runner = new TrainingRunner(this);
    m_previewRunner = new TrainingRunner(this);
    m_liveTimer = new QTimer(this);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(300);
    createDocks();
    m_validation = new ValidationOccurrences(window, this);
    m_validation->setErrorReporter([this](const QString &title, const QString &message) { report(title, message); });
    m_panel->setValidationSummary(m_validation->summary(), false);
    connect(m_panel, &TrainingPanel::validationChooseRequested, m_validation, &ValidationOccurrences::choose);
    connect(m_panel, &TrainingPanel::validationClearRequested, m_validation, &ValidationOccurrences::clear);
    connect(m_validation, &ValidationOccurrences::changed, this,
            [this] { m_panel->setValidationSummary(m_validation->summary(), !m_validation->isEmpty()); });
    connect(m_validation, &ValidationOccurrences::statusMessage, this,
            [this](const QString &text) { m_window->statusBar()->showMessage(text, 10000); });
    m_exporter = new ResultExporter([this] { return exportSource(); }, window->canvas(), m_panel->lossPlot(),
                                    m_cv->plot(), window);

    connect(m_panel, &TrainingPanel::trainRequested, this, &TrainingController::train);
    connect(m_panel, &TrainingPanel::cancelRequested, this, &TrainingController::cancel);
    connect(m_panel, &TrainingPanel::paramsChanged, this, &TrainingController::updateReadiness);
    connect(m_runner, &TrainingRunner::started, this, &TrainingController::runStarted);
    connect(m_runner, &TrainingRunner::stageChanged, this, &TrainingController::stageChanged);
    connect(m_runner, &TrainingRunner::progressChanged, this, &TrainingController::progressChanged);
    connect(m_runner, &TrainingRunner::epochLossReported, this, [this](int epoch, double loss) {
        m_panel->lossPlot()->addEpoch(epoch, loss);
        m_exporter->updateActions();
    });
    connect(m_runner, &TrainingRunner::messageReported, this,
            [this](const QString &text) { m_window->statusBar()->showMessage(text, 10000); });
    connect(m_runner, &TrainingRunner::finished, this, [this](std::shared_ptr<const PipelineResult> result) {
        const double seconds = m_runClock.elapsed() / 1000.0;
        // What the run did with the network in memory, said before its result replaces the map.
        QString note;
        if (m_runReuse && m_runReuse->reused)
            note = tr(
                "Skipped training the autoencoder and computing the feature rasters: the network in memory was "
                "trained on this survey with these settings, and the labels play no part in it. Only the classifier, "
                "cross-validation and evaluation ran. Tick “Retrain the network too” to train it again.");
        else if (m_runReuse && m_runReuse->offered)
            note = tr("Trained the network again: the one in memory differs in %1.")
                       .arg(QString::fromStdString(m_runReuse->notReused));
        else if (m_runRetrainAsked && m_trained)
            note = tr("Trained the network again, as asked.");
        if (m_runReuse && m_runReuse->kept) {
            m_trained = m_runReuse->kept;
            m_trainedSurvey = m_runSurvey;
        }
        const QString runFolder = m_runFolder;
        m_runFolder.clear();
        if (!runFolder.isEmpty()) {
            // The network in memory, if any, is not the one of the map shown now: the live preview would mix them.
            forgetTrainedFeatures();
            note = tr("The feature rasters of this survey take more memory than a run holds at once: they were "
                      "computed strip by strip into features.tif, as lodestone-cli run does, and are read from "
                      "there band by band. “Train” after an edit trains the network again; the live preview needs "
                      "them in memory and is not available.");
        }
        m_runReuse.reset();
        m_runSurvey.reset();
        // A streamed run used (and reported) fewer settings than asked for: the result records those.
        setResult(std::move(result), runFolder.isEmpty() ? m_runParams : streamedRunParams(m_runParams), m_runContext,
                  QString(), runFolder);
        m_shownGeneration = m_runGeneration;
        m_panel->showReuseNote(note);
        updateLiveAvailability();
        const QString took = ProgressEstimator::formatDuration(seconds);
        m_panel->showStatus(tr("Finished in %1: the maps are on the map, the figures in the Results panel.").arg(took));
        m_window->statusBar()->showMessage(tr("Training finished in %1.").arg(took), 10000);
        m_resultsDock->show();
        m_resultsDock->raise();
        Q_EMIT trainingFinished();
    });
    connect(m_runner, &TrainingRunner::canceled, this, [this] {
        removeRunFolder(m_runFolder); // the previous result's files are in a folder of their own
        m_panel->showStatus(m_result ? tr("Canceled. The previous results are kept.") : tr("Canceled."));
        m_panel->showReuseNote(QString()); // what the canceled run was doing no longer applies
        m_panel->markStopped(tr("canceled at %p %"));
        m_window->statusBar()->showMessage(tr("Training canceled."), 10000);
        Q_EMIT trainingCanceled();
    });
    connect(m_runner, &TrainingRunner::failed, this, [this](const QString &message) {
        removeRunFolder(m_runFolder);
        m_panel->showStatus(m_result ? tr("Training failed; the previous results are kept.") : tr("Training failed."));
        m_panel->showReuseNote(QString());
        m_panel->markStopped(tr("failed at %p %"));
        report(tr("Training Failed"), message);
        Q_EMIT trainingFailed(message);
    });
    connect(m_runner, &TrainingRunner::stopped, this, &TrainingController::runStopped);

    // The live preview.
    connect(m_liveTimer, &QTimer::timeout, this, &TrainingController::startPreview);
    connect(m_previewRunner, &TrainingRunner::finished, this, &TrainingController::previewFinished);
    connect(m_previewRunner, &TrainingRunner::failed, this, [this](const QString &message) {
        m_panel->showReuseNote(tr("Live preview paused: %1").arg(message));
        Q_EMIT previewFailed(message);
    });
    connect(m_previewRunner, &TrainingRunner::stopped, this, [this] {
        if (m_previewPending) {
            m_previewPending = false;
            startPreview(); // newer labels arrived while it ran
        }
    });
    connect(m_panel, &TrainingPanel::suggestRequested, this, &TrainingController::suggestPlaces);
    connect(m_panel, &TrainingPanel::nextPlaceRequested, this, &TrainingController::nextPlace);
    connect(m_panel, &TrainingPanel::liveToggled, this, [this](bool on) {
        if (on) {
            if (m_labelGeneration > m_shownGeneration)
                m_liveTimer->start();
        } else {
            m_liveTimer->stop();
            m_previewPending = false;
            m_previewRunner->cancel();
        }
    });

    connect(m_exporter, &ResultExporter::started, this, [this](ResultExporter::Kind, const QString &path) {
        m_window->statusBar()->showMessage(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    });
    connect(m_exporter, &ResultExporter::exported, this, [this](ResultExporter::Kind, const QString &path) {
        m_window->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 10000);
    });
    connect(m_exporter, &ResultExporter::failed, this,
            [this](ResultExporter::Kind, const QString &message) { report(tr("Export Failed"), message); });

    connect(window, &MainWindow::surveyOpened, this, &TrainingController::surveyOpened);
    LabelDocument *labels = window->labelDocument();
    connect(labels, &LabelDocument::countsChanged, this, &TrainingController::updateReadiness);
    connect(labels, &LabelDocument::labelsChanged, this, &TrainingController::labelsEdited);
    connect(m_features, &FeatureBrowser::featureActivated, this, &TrainingController::showFeature);
    updateReadiness();
}

TrainingController::~TrainingController() = default;

void TrainingController::setLiveDelay(int milliseconds)
{
    m_liveTimer->setInterval(std::max(0, milliseconds));
}

SuggestionLayer *TrainingController::suggestionLayer() const
{
    return m_suggestionLayer;
}

void TrainingController::updateSuggestionButtons()
{
    m_panel->setSuggestionsAvailable(m_result != nullptr, m_suggestionLayer && m_suggestionLayer->count() > 0);
}

void TrainingController::suggestPlaces()
{
    // The map the user sees: the live preview's when there is one.
    const std::shared_ptr<const PipelineResult> shown = m_preview ? m_preview : m_result;
    if (!shown)
        return;
    const auto labels = std::make_shared<const LabelImage>(m_window->labelDocument()->labels());
    if (!labels->grid.sameGrid(shown->grid))
        return;
    const double distance = m_resultParams.autoencoder.patchSize; // a patch apart: features that differ
    const quint64 generation = m_resultGeneration;
    using Places = std::vector<LabelSuggestion>;
    auto *watcher = new QFutureWatcher<Places>(this);
    connect(watcher, &QFutureWatcher<Places>::finished, this, [this, watcher, generation, shown, distance] {
        watcher->deleteLater();
        if (generation != m_resultGeneration)
            return; // for a result since replaced
        if (m_suggestionLayer)
            m_window->layerStack()->removeLayer(m_suggestionLayer);
        const Places places = watcher->result();
        auto *layer = new SuggestionLayer(places, shown->grid.width, shown->grid.height);
        m_window->layerStack()->insertLayer(layer, 0); // over the labels
        m_suggestionLayer = layer;
        updateSuggestionButtons();
        const QString text =
            places.empty() ? tr("No place is left at least %1 cells from every label.").arg(distance)
                           : tr("%1 places to label, where the map is least certain and no label is within %2 cells: "
                                "“Next place” steps through them.")
                                 .arg(places.size())
                                 .arg(distance);
        m_panel->showReuseNote(text);
        Q_EMIT suggestionsReady(int(places.size()));
    });
    watcher->setFuture(QtConcurrent::run([shown, labels, distance]() -> Places {
        try {
            return suggestLabelPlaces(shown->probability, shown->uncertainty, shown->valid, *labels, 5, distance);
        } catch (const std::exception &) {
            return {}; // the result and the labels are on one grid (checked above): nothing to report
        }
    }));
}

void TrainingController::nextPlace()
{
    if (!m_suggestionLayer || m_suggestionLayer->count() == 0)
        return;
    const int next = (m_suggestionLayer->current() + 1) % m_suggestionLayer->count();
    m_suggestionLayer->setCurrent(next);
    m_suggestionLayer->setVisible(true);
    const LabelSuggestion &s = m_suggestionLayer->places()[std::size_t(next)];
    // Close enough to paint: a patch about 200 screen pixels across, unless the map is already closer.
    MapCanvas *canvas = m_window->canvas();
    const double patch = std::max(1, m_resultParams.autoencoder.patchSize);
    if (canvas->scale() < 200.0 / patch)
        canvas->zoomBy(200.0 / patch / canvas->scale(), QPointF(canvas->viewport()->rect().center()));
    canvas->centerOn(QPointF(s.col + 0.5, s.row + 0.5));
    QString text = tr("Place %1 of %2: deposit probability %3")
                       .arg(next + 1)
                       .arg(m_suggestionLayer->count())
                       .arg(QLocale().toString(double(s.probability), 'f', 2));
    if (m_preview ? !m_preview->uncertainty.empty() : m_result && !m_result->uncertainty.empty())
        text += tr(", the networks' spread %1").arg(QLocale().toString(double(s.spread), 'f', 2));
    if (std::isfinite(s.labelDistance))
        text += tr(", %1 cells from the nearest label").arg(QLocale().toString(s.labelDistance, 'f', 0));
    m_window->statusBar()->showMessage(text + QLatin1Char('.'), 10000);
}

void TrainingController::labelsEdited()
{
    ++m_labelGeneration;
    m_lastEditMs = m_clock.elapsed();
    if (m_result && !m_labelsChangedSinceResult) {
        m_labelsChangedSinceResult = true;
        m_results->setLabelsChanged(true);
    }
    // Debounced: the preview starts once the strokes pause (a preview still running is canceled then).
    if (m_panel->isLive() && m_trained && !isTraining())
        m_liveTimer->start();
}

void TrainingController::updateLiveAvailability()
{
    RasterLayer *survey = m_window->surveyLayer();
    const bool available = m_trained && survey && survey->sharedRaster() == m_trainedSurvey && m_probabilityLayer;
    if (m_result && ResultLoader::featuresOnDisk(*m_result))
        m_panel->setLiveAvailable(available, tr("Not available on this survey: its feature rasters are too large to "
                                                "hold in memory, and the live preview re-fits the SVM on feature "
                                                "rasters in memory after each stroke."));
    else
        m_panel->setLiveAvailable(available, tr("Train once on this survey: the live preview then re-fits the SVM on "
                                                "the trained network's feature rasters after each stroke."));
}

void TrainingController::forgetTrainedFeatures()
{
    m_liveTimer->stop();
    m_previewPending = false;
    m_previewRunner->cancel();
    m_trained.reset();
    m_trainedSurvey.reset();
    m_preview.reset();
    m_panel->showReuseNote(QString());
    updateLiveAvailability();
}

void TrainingController::startPreview()
{
    if (!m_panel->isLive() || isTraining() || !m_trained || m_labelGeneration <= m_shownGeneration)
        return;
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey || survey->sharedRaster() != m_trainedSurvey || !m_probabilityLayer)
        return;
    if (m_previewRunner->isRunning()) {
        // Older labels: stop it, and start again from the labels as they are once it has stopped.
        m_previewPending = true;
        m_previewRunner->cancel();
        return;
    }
    const auto counts = m_window->labelDocument()->counts();
    if (counts[0] < 2 || counts[1] < 2) {
        m_panel->showReuseNote(tr("Live preview paused: label at least 2 deposit and 2 non-deposit pixels."));
        return;
    }
    // The SVMs of the map alone, on the kept feature rasters: no cross-validation, no evaluation.
    PipelineParams params = m_panel->params();
    params.cvSchemes.clear();
    params.evaluate = false;
    auto reuse = std::make_shared<FeatureReuse>();
    reuse->offered = m_trained;
    reuse->required = true;
    reuse->resultFeatures = false; // the maps alone
    m_previewGeneration = m_labelGeneration;
    m_previewEditMs = m_lastEditMs;
    m_previewRunner->start(survey->sharedRaster(), m_window->labelDocument()->labels(), params, reuse);
}

void TrainingController::previewFinished(std::shared_ptr<const PipelineResult> result)
{
    // A map is shown only over one of older labels: never an older one after a newer one.
    if (!result || isTraining() || m_previewGeneration <= m_shownGeneration)
        return;
    m_shownGeneration = m_previewGeneration;
    m_shownEditMs = m_previewEditMs;
    m_preview = result;
    m_awaitingPreviewRender = m_probabilityLayer != nullptr;
    if (m_probabilityLayer)
        m_probabilityLayer->setResult(result);
    if (m_classLayer)
        m_classLayer->setResult(result);
    if (m_uncertaintyLayer)
        m_uncertaintyLayer->setResult(result);
    m_panel->showReuseNote(tr("Live: the map shows the labels as they are now (%1 deposit and %2 non-deposit "
                              "positions). Click Train for cross-validation and the evaluation.")
                               .arg(result->deposits)
                               .arg(result->nonDeposits));
}

void TrainingController::setErrorReporter(ErrorReporter reporter)
{
    m_reporter = std::move(reporter);
}

void TrainingController::report(const QString &title, const QString &message)
{
    if (m_reporter)
        m_reporter(title, message);
}

void TrainingController::createDocks()
{
    m_panel = new TrainingPanel(m_window);
    m_trainingDock = new QDockWidget(tr("Training"), m_window);
    m_trainingDock->setObjectName(QStringLiteral("TrainingDock"));
    m_trainingDock->setWidget(m_panel);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_trainingDock);

    m_tabs = new QTabWidget(m_window);
    m_results = new ResultsPanel(m_tabs);
    m_cv = new CrossValidationView(m_tabs);
    m_evaluation = new EvaluationView(m_tabs);
    m_features = new FeatureBrowser(m_tabs);
    m_tabs->addTab(m_results, tr("Map"));
    m_tabs->addTab(m_cv, tr("Cross-validation"));
    m_tabs->addTab(m_evaluation, tr("Evaluation"));
    m_tabs->addTab(m_features, tr("Feature maps"));
    m_resultsDock = new QDockWidget(tr("Results"), m_window);
    m_resultsDock->setObjectName(QStringLiteral("ResultsDock"));
    m_resultsDock->setWidget(m_tabs);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_resultsDock);
    // Next to the style panel, as tabs, so that the map keeps its width.
    if (auto *style = m_window->findChild<QDockWidget *>(QStringLiteral("StyleDock"))) {
        m_window->tabifyDockWidget(style, m_trainingDock);
        m_window->tabifyDockWidget(m_trainingDock, m_resultsDock);
    }
    m_trainingDock->raise();
}

ClassMapLayer *TrainingController::classLayer() const
{
    return m_classLayer;
}

ProbabilityLayer *TrainingController::probabilityLayer() const
{
    return m_probabilityLayer;
}

UncertaintyLayer *TrainingController::uncertaintyLayer() const
{
    return m_uncertaintyLayer;
}

RasterLayer *TrainingController::featureLayer(int index) const
{
    return m_featureLayers.value(index);
}

void TrainingController::setQuestion(Question question)
{
    m_question = std::move(question);
}

bool TrainingController::maybeDiscardWork(const QString &action)
{
    if (m_discardAgreed)
        return true; // asked already for this run or result (opening a project opens its survey next)
    if (isTraining()) {
        const auto answer =
            m_question(tr("Training Is Running"),
                       tr("A training run is in progress. Stop it and %1? The run is lost.").arg(action),
                       QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        m_discardAgreed = answer == QMessageBox::Discard;
        return m_discardAgreed;
    }
    const bool saved = !m_resultFolder.isEmpty() || m_exporter->exportedFiles().contains(ResultExporter::AllResults);
    if (m_result && !saved) {
        const auto answer =
            m_question(tr("Unsaved Results"),
                       (m_exporter->exportedFiles().isEmpty()
                            ? tr("The results of the last training are saved nowhere (neither in a project nor "
                                 "exported to a folder). Discard them and %1?")
                            : tr("The results of the last training are not saved as a whole: their rasters and model "
                                 "are neither in a project nor exported to a folder (only a report or a map image "
                                 "was). Discard them and %1?"))
                           .arg(action),
                       QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        m_discardAgreed = answer == QMessageBox::Discard;
        return m_discardAgreed;
    }
    return true;
}

bool TrainingController::isTraining() const
{
    return m_runner->isRunning();
}

RunContext TrainingController::currentContext() const
{
    RunContext c;
    if (RasterLayer *survey = m_window->surveyLayer()) {
        c.surveyPath = survey->raster().path;
        c.band = survey->raster().band;
    }
    const LabelDocument *labels = m_window->labelDocument();
    if (labels->path().isEmpty())
        c.labelsPath = "labels made in Lodestone (painted or imported), not saved to a file";
    else
        c.labelsPath = QDir::toNativeSeparators(labels->path()).toStdString() +
                       (labels->isModified() ? " (with unsaved edits)" : "");
    c.labelsKind = labels->path().isEmpty() ? "painted" : "raster"; // the source named in labels_used.gpkg
    for (const QString &note : labels->imports())
        c.labelsImports.push_back(note.toStdString());
    if (LabelOrigins origins = labels->importOrigins(); !origins.pixels.empty())
        c.labelOrigins = std::make_shared<const LabelOrigins>(std::move(origins)); // imported points by name
    c.commandLine = {QCoreApplication::applicationFilePath().toStdString(), "(desktop application)"};
    if (!m_validation->isEmpty())
        c.validationSource = QDir::toNativeSeparators(m_validation->path()).toStdString();
    return c;
}

ExportSource TrainingController::exportSource() const
{
    ExportSource s;
    s.result = m_result;
    s.params = m_resultParams;
    s.context = m_resultContext;
    if (!m_featuresFile.isEmpty())
        s.featuresFile = m_featuresFile.toStdString();
    if (RasterLayer *survey = m_window->surveyLayer())
        s.survey = survey->sharedRaster();
    return s;
}

void TrainingController::updateReadiness()
{
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey) {
        m_panel->setSurveySize(0, 0);
        m_panel->setReadiness(false, tr("Open a survey and label deposit and non-deposit pixels to train."));
        return;
    }
    const auto counts = m_window->labelDocument()->counts();
    const std::size_t non = counts[0], deposit = counts[1];
    QString text = tr("Labels: %1 deposit and %2 non-deposit pixels.").arg(deposit).arg(non);
    bool ready = true;
    if (deposit < 2 || non < 2) {
        ready = false;
        text += QLatin1Char(' ') + tr("Label at least 2 of each to train.");
    }
    m_panel->setSurveySize(survey->raster().width(), survey->raster().height()); // core checks the patch fits
    m_panel->setReadiness(ready, text);
}

void TrainingController::train()
{
    if (isTraining())
        return;
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey) {
        report(tr("Cannot Train"), tr("Open a survey first."));
        return;
    }
    // The settings are not checked here: Train is disabled while the panel shows core's problems with them, and a
    // run started anyway is refused by core with the same message, shown as a failed run.
    // The full run replaces any preview.
    m_liveTimer->stop();
    m_previewPending = false;
    m_previewRunner->cancel();
    m_runParams = m_panel->params();
    m_runParams.validationPixels = m_validation->pixels();
    m_runContext = currentContext();
    m_runSurvey = survey->sharedRaster();
    m_runRetrainAsked = m_panel->retrainNetwork();
    // The rule of lodestone-cli run (reuse runs in memory), with what the application holds besides: every member's
    // feature rasters kept for reuse, the previous run's while this one trains, and the result's copy.
    m_runFolder.clear();
    if (jobStreams(Streaming::Auto, m_runParams.featureMethod, m_runSurvey->grid, m_runParams.autoencoder,
                   m_streamAbove, 2 * std::max(1, m_runParams.ensemble) + 1, int(m_runParams.layers.size()))) {
        m_runFolder = newRunFolder();
        if (m_runFolder.isEmpty()) {
            report(tr("Cannot Train"), tr("Cannot create a folder for the run's files in %1.")
                                           .arg(QDir::toNativeSeparators(QDir::tempPath())));
            return;
        }
        m_runReuse.reset();
    } else {
        m_runReuse = std::make_shared<FeatureReuse>();
        m_runReuse->keep = true;
        if (!m_runRetrainAsked && m_trained && m_trainedSurvey == m_runSurvey)
            m_runReuse->offered = m_trained;
    }
    m_runGeneration = m_labelGeneration;
    m_runner->start(m_runSurvey, m_window->labelDocument()->labels(), m_runParams, m_runReuse, m_runFolder,
                    m_runContext);
}

void TrainingController::cancel()
{
    if (!isTraining())
        return;
    m_runner->cancel();
    m_panel->showStatus(tr("Canceling…"));
}

void TrainingController::runStarted()
{
    m_discardAgreed = false;
    m_panel->setRunning(true);
    m_panel->showStatus(tr("Starting…"));
    if (!m_runFolder.isEmpty())
        m_panel->showReuseNote(
            tr("The feature rasters of this survey would take %1 in memory: they are computed strip by strip into "
               "a temporary features.tif, as lodestone-cli run does, with one network and random folds only.")
                .arg(QString::fromStdString(
                    formatBytes(double(featureRasterBytes(m_runSurvey->grid, m_runParams.autoencoder))))));
    else if (m_runReuse && m_runReuse->offered)
        m_panel->showReuseNote(tr("Reusing the network in memory if the survey and the network settings are "
                                  "unchanged: the autoencoder training and the feature rasters are then skipped."));
    else if (m_runRetrainAsked && m_trained)
        m_panel->showReuseNote(tr("Training the network again, as asked."));
    else
        m_panel->showReuseNote(QString());
    m_panel->lossPlot()->startRun(m_runParams.autoencoder.epochs);
    m_runClock.start();
    m_stageNumber = 0;
    if (m_runFolder.isEmpty()) {
        m_plan = plannedStages(m_runParams, m_runReuse && m_runReuse->offered);
    } else {
        // A streamed run: one network, no magnetic products, no evaluation; cross-validation always; it writes.
        m_plan = plannedStages(streamedRunParams(m_runParams), false, true);
    }
    m_estimator.startStage(0); // the estimate is of the whole run: its weighted fraction
    m_panel->showProgress(0.0, QString());
    m_trainingDock->show();
    m_exporter->updateActions();
}

void TrainingController::stageChanged(const QString &stage)
{
    // Stages repeat for every member of an ensemble: counted over the whole run.
    ++m_stageNumber;
    Stage reported;
    int member = 0, members = 1;
    const std::size_t at = std::size_t(m_stageNumber - 1);
    if (m_runFolder.isEmpty() && parseStageLabel(stage.toStdString(), reported, member, members) &&
        at < m_plan.size() && m_plan[at] != reported) {
        // A run offered the network in memory that could not reuse it trains instead (or the other way round).
        const std::vector<Stage> other = plannedStages(m_runParams, m_plan[at] != Stage::ReusingNetwork);
        if (at < other.size() && other[at] == reported)
            m_plan = other;
    }
    const int count = std::max(m_stageNumber, int(m_plan.size()));
    m_panel->showStage(ProgressEstimator::stageDisplayName(stage), m_stageNumber, count);
}

void TrainingController::progressChanged(double fraction)
{
    if (m_runner->isCanceling())
        return;
    // The bar and the time left are of the whole run, each stage weighted by its typical share of a run.
    const double run = ProgressEstimator::runFraction(m_plan, m_stageNumber, fraction);
    m_estimator.update(run, m_runClock.elapsed());
    m_panel->showProgress(run, ProgressEstimator::formatTimeLeft(m_estimator.secondsLeft()));
}

void TrainingController::runStopped()
{
    m_panel->setRunning(false);
    if (m_panel->isLive() && m_trained && m_labelGeneration > m_shownGeneration)
        m_liveTimer->start(); // labels painted while it ran
    // A canceled or failed run leaves the previous result's curve, not its own partial one.
    if (m_result)
        m_panel->lossPlot()->setHistory(m_result->history.epochLoss);
    else if (!m_panel->lossPlot()->hasData())
        m_panel->lossPlot()->clear();
    updateReadiness();
    m_exporter->updateActions();
}

int TrainingController::resultInsertIndex() const
{
    // Above every raster (the survey and the products or files added to it, which are opaque and would hide the
    // result), below the layers drawn over everything: the labels, the validation points, the suggestions.
    const QList<MapLayer *> layers = m_window->layerStack()->layers();
    int index = 0;
    while (index < layers.size() &&
           (qobject_cast<LabelLayer *>(layers[index]) || qobject_cast<ValidationPointLayer *>(layers[index]) ||
            qobject_cast<SuggestionLayer *>(layers[index])))
        ++index;
    return index;
}

void TrainingController::removeResultLayers()
{
    LayerStack *stack = m_window->layerStack();
    for (const QPointer<RasterLayer> &layer : std::as_const(m_featureLayers)) {
        if (layer)
            stack->removeLayer(layer);
    }
    m_featureLayers.clear();
    if (m_suggestionLayer)
        stack->removeLayer(m_suggestionLayer);
    if (m_uncertaintyLayer)
        stack->removeLayer(m_uncertaintyLayer);
    if (m_probabilityLayer)
        stack->removeLayer(m_probabilityLayer);
    if (m_classLayer)
        stack->removeLayer(m_classLayer);
}

void TrainingController::clearResult()
{
    ++m_resultGeneration;
    m_results->setProbabilityLayer(nullptr);
    m_results->setUncertaintyLayer(nullptr);
    removeResultLayers();
    m_result.reset();
    m_preview.reset();
    m_resultFolder.clear();
    m_featuresFile.clear();
    removeRunFolder(m_resultRunFolder);
    m_labelsChangedSinceResult = false;
    m_discardAgreed = false;
    m_results->clear();
    m_cv->clear();
    m_evaluation->clear();
    m_features->clear();
    m_panel->lossPlot()->clear();
    m_exporter->forgetExports();
    m_exporter->updateActions();
    updateLiveAvailability();
    updateSuggestionButtons();
    Q_EMIT resultChanged();
}

void TrainingController::setResult(std::shared_ptr<const PipelineResult> result, const PipelineParams &params,
                                   const RunContext &context, const QString &folder, const QString &runFolder)
{
    if (!result) {
        clearResult();
        return;
    }
    ++m_resultGeneration;
    m_results->setProbabilityLayer(nullptr);
    m_results->setUncertaintyLayer(nullptr);
    removeResultLayers();
    m_result = std::move(result);
    m_preview.reset();
    m_previewPending = false;
    m_previewRunner->cancel(); // its labels are older than the result's
    m_resultParams = params;
    m_resultContext = context;
    m_resultFolder = folder;
    if (m_resultRunFolder != runFolder)
        removeRunFolder(m_resultRunFolder); // the replaced result's streamed files
    m_resultRunFolder = runFolder;
    m_featuresFile.clear();
    const QString filesFolder = runFolder.isEmpty() ? folder : runFolder;
    if (ResultLoader::featuresOnDisk(*m_result) && !filesFolder.isEmpty())
        m_featuresFile = QDir(filesFolder).filePath(QStringLiteral("features.tif"));
    m_labelsChangedSinceResult = false;
    m_discardAgreed = false;

    LayerStack *stack = m_window->layerStack();
    auto *classes = new ClassMapLayer(m_result, tr("Class map (%1)").arg(TrainingPanel::modeDisplayName(params.mode)));
    classes->setVisible(false); // the probability map is shown first; both are in the layer list
    stack->insertLayer(classes, resultInsertIndex());
    m_classLayer = classes;
    auto *probability = new ProbabilityLayer(m_result);
    stack->insertLayer(probability, stack->indexOf(classes)); // over the class map
    m_probabilityLayer = probability;
    if (!m_result->uncertainty.empty()) {
        auto *uncertainty = new UncertaintyLayer(m_result);
        uncertainty->setVisible(false); // over the probability map when ticked
        stack->insertLayer(uncertainty, stack->indexOf(probability));
        m_uncertaintyLayer = uncertainty;
    }
    connect(classes, &ClassMapLayer::renderFinished, this, [this, classes] {
        if (classes == m_classLayer)
            m_results->setClassCounts(classes->counts());
    });
    connect(probability, &ProbabilityLayer::renderFinished, this, [this, probability] {
        if (probability != m_probabilityLayer || !m_awaitingPreviewRender || !m_preview ||
            probability->result() != m_preview)
            return;
        m_awaitingPreviewRender = false;
        m_lastPreviewLatency = m_clock.elapsed() - m_shownEditMs;
        Q_EMIT previewShown(m_shownGeneration);
    });

    m_results->setResult(m_result, params);
    m_results->setProbabilityLayer(probability);
    m_results->setUncertaintyLayer(m_uncertaintyLayer);
    m_cv->setResults(m_result->crossValidation, m_result->spatialCrossValidation, params.mode, m_result->warnings,
                     m_result->deposits + m_result->nonDeposits);
    m_evaluation->setEvaluation(m_result->evaluation);
    m_features->setResult(m_result, m_featuresFile);
    m_panel->lossPlot()->setHistory(m_result->history.epochLoss);
    m_exporter->forgetExports();
    m_exporter->updateActions();
    if (!folder.isEmpty())
        m_panel->showStatus(tr("Showing the result saved in %1.").arg(QDir::toNativeSeparators(folder)));
    updateLiveAvailability();
    updateSuggestionButtons();
    Q_EMIT resultChanged();
}

QList<int> TrainingController::shownFeatures() const
{
    QList<int> shown;
    for (auto it = m_featureLayers.begin(); it != m_featureLayers.end(); ++it) {
        if (it.value())
            shown << it.key();
    }
    std::sort(shown.begin(), shown.end());
    return shown;
}

void TrainingController::showFeature(int index)
{
    if (!m_result || index < 0 || index >= m_result->features.count)
        return;
    if (RasterLayer *layer = m_featureLayers.value(index)) {
        layer->setVisible(true);
        m_window->layerPanel()->setCurrentLayer(layer);
        Q_EMIT featureShown(index);
        return;
    }
    if (m_featureLayers.contains(index))
        return; // being prepared (a null entry marks it)
    m_featureLayers.insert(index, nullptr);

    const std::shared_ptr<const PipelineResult> result = m_result;
    const quint64 generation = m_resultGeneration;
    const std::string featuresFile = m_featuresFile.toStdString(); // empty: the rasters are in memory
    // The browser's statistics of a file's band are of its decimated preview: those of the layer are computed.
    const BandStatistics *known = featuresFile.empty() ? m_features->statistics(index) : nullptr;
    const bool haveStats = known != nullptr;
    const BandStatistics stats = known ? *known : BandStatistics();
    auto *watcher = new QFutureWatcher<LoadedSurvey>(this);
    connect(watcher, &QFutureWatcher<LoadedSurvey>::finished, this, [this, watcher, generation, index] {
        watcher->deleteLater();
        if (generation != m_resultGeneration)
            return;
        const LoadedSurvey band = watcher->result();
        if (!band.raster) {
            m_featureLayers.remove(index);
            report(tr("Cannot Show the Feature Raster"), band.error);
            return;
        }
        auto *layer = new RasterLayer(band.raster, band.statistics, tr("Feature %1").arg(band.path));
        layer->setUnits(QString());
        layer->setSettings(FeatureBrowser::featureSettings());
        // Above the class, probability and uncertainty maps (opaque, they would hide it), below the labels.
        LayerStack *stack = m_window->layerStack();
        int at = resultInsertIndex();
        for (MapLayer *shown : {static_cast<MapLayer *>(m_classLayer), static_cast<MapLayer *>(m_probabilityLayer),
                                static_cast<MapLayer *>(m_uncertaintyLayer)})
            if (shown && stack->indexOf(shown) >= 0)
                at = std::min(at, stack->indexOf(shown));
        stack->insertLayer(layer, at);
        m_featureLayers.insert(index, layer);
        Q_EMIT featureShown(index);
    });
    watcher->setFuture(QtConcurrent::run([result, index, haveStats, stats, featuresFile] {
        // A Raster of its own for the layer: one plane of the features, invalid where the survey is.
        auto raster = std::make_shared<Raster>();
        raster->grid = result->grid;
        if (featuresFile.empty()) {
            const float *plane = result->features.plane(index);
            raster->data.assign(plane, plane + result->grid.pixelCount());
        } else {
            try {
                raster->data = readRaster(featuresFile, index + 1).data; // this band alone, from the file
            } catch (const Error &e) {
                LoadedSurvey failed;
                failed.error = QString::fromStdString(e.what());
                return failed;
            }
            if (raster->data.size() != result->grid.pixelCount()) {
                LoadedSurvey failed;
                failed.error = QString::fromStdString(featuresFile + " is not on the result's grid.");
                return failed;
            }
        }
        raster->valid = result->valid;
        for (std::size_t i = 0; i < raster->data.size(); ++i) {
            if (std::isnan(raster->data[i]))
                raster->valid[i] = 0;
        }
        raster->band = index + 1;
        raster->path = result->features.names[std::size_t(index)];
        LoadedSurvey out;
        out.statistics = haveStats ? stats : BandStatistics::compute(*raster);
        out.path = QString::fromStdString(raster->path);
        out.raster = std::move(raster);
        return out;
    }));
}

QString TrainingController::newRunFolder()
{
    if (!m_runRoot)
        m_runRoot =
            std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(QStringLiteral("lodestone-XXXXXX")));
    if (!m_runRoot->isValid())
        return QString();
    const QString folder = m_runRoot->filePath(QStringLiteral("run-%1").arg(++m_runFolders));
    return QDir().mkpath(folder) ? folder : QString();
}

void TrainingController::removeRunFolder(QString &folder)
{
    if (!folder.isEmpty())
        QDir(folder).removeRecursively();
    folder.clear();
}

void TrainingController::surveyOpened()
{
    // The window has replaced every layer; the result belonged to the previous survey.
    m_runner->cancel();
    forgetTrainedFeatures(); // made from the previous survey
    clearResult();
    m_validation->clear(); // on the previous survey's grid
    m_panel->showStatus(tr("Not trained yet."));
    updateReadiness();
}

} // namespace lodestone
