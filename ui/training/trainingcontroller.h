// Training and its results in the main window: the Training and Results docks, the training thread, the
// class / probability / uncertainty / feature layers of the current result, the validation occurrences of the
// next run, and File > Export. Starting a run copies the
// survey band (shared, immutable) and the labels; a run that is canceled or fails leaves the previous result,
// its layers and its panels exactly as they were.
//
// Thread: GUI thread. Training runs on TrainingRunner's thread; layers render on Qt's thread pool.
#pragma once

#include "pipeline.h"
#include "progressestimator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QTimer;

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

class QDockWidget;
class QTabWidget;
class QTemporaryDir;

namespace lodestone {

class ClassMapLayer;
class CrossValidationView;
class EvaluationView;
class FeatureBrowser;
class MainWindow;
class ProbabilityLayer;
class RasterLayer;
class ResultExporter;
class ResultsPanel;
class SuggestionLayer;
class TrainingPanel;
class TrainingRunner;
class UncertaintyLayer;
class ValidationOccurrences;
struct ExportSource;

/** \brief Wires training, results and exports into a MainWindow. */
class TrainingController : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    /** \brief Creates the docks and adds them to window. */
    explicit TrainingController(MainWindow *window);
    ~TrainingController() override;

    void setErrorReporter(ErrorReporter reporter);
    using Question = std::function<QMessageBox::StandardButton(const QString &title, const QString &text,
                                                               QMessageBox::StandardButtons buttons,
                                                               QMessageBox::StandardButton defaultButton)>;
    /** \brief How the user is asked (a modal QMessageBox unless tests replace it). */
    void setQuestion(Question question);

    /** \brief Before something that would throw away the run in progress or a result saved nowhere (opening a
     *  survey or project, quitting): asks, naming what would be lost. action completes "Stop it and ...?".
     *  True when there is nothing to lose or the user agreed (the caller then goes on, which cancels the run);
     *  false to stay. Asks once per run or result. */
    bool maybeDiscardWork(const QString &action);

    TrainingPanel *trainingPanel() const { return m_panel; }
    ResultsPanel *resultsPanel() const { return m_results; }
    CrossValidationView *crossValidationView() const { return m_cv; }
    EvaluationView *evaluationView() const { return m_evaluation; }
    /** \brief Validation occurrences passed to the next run. */
    ValidationOccurrences *validationOccurrences() const { return m_validation; }
    FeatureBrowser *featureBrowser() const { return m_features; }
    TrainingRunner *runner() const { return m_runner; }
    ResultExporter *exporter() const { return m_exporter; }
    QDockWidget *trainingDock() const { return m_trainingDock; }
    QDockWidget *resultsDock() const { return m_resultsDock; }
    QTabWidget *resultTabs() const { return m_tabs; }

    /** \brief The current result (null before any) and the settings it was trained with. */
    std::shared_ptr<const PipelineResult> result() const { return m_result; }
    const PipelineParams &resultParams() const { return m_resultParams; }
    const RunContext &resultContext() const { return m_resultContext; }
    ExportSource exportSource() const;
    ClassMapLayer *classLayer() const;
    ProbabilityLayer *probabilityLayer() const;
    /** \brief The uncertainty layer of an ensemble's result (null otherwise). */
    UncertaintyLayer *uncertaintyLayer() const;
    /** \brief The layer showing feature raster index, or nullptr when it is not shown. */
    RasterLayer *featureLayer(int index) const;
    /** \brief Indices of the feature rasters shown as layers. */
    QList<int> shownFeatures() const;

    /** \brief Makes result the current one (after training or when a project is opened): replaces the result
     *  layers and fills the panels. folder: where its files are, when loaded from or saved to disk. runFolder: the
     *  session's folder that a streamed run wrote its outputs into (its features.tif holds the feature rasters,
     *  which the result names only); removed when another result replaces this one. */
    void setResult(std::shared_ptr<const PipelineResult> result, const PipelineParams &params,
                   const RunContext &context, const QString &folder = QString(), const QString &runFolder = QString());
    /** \brief Forgets the result, removing its layers. */
    void clearResult();
    /** \brief The folder holding the current result's files (empty when they exist only in memory). */
    QString resultFolder() const { return m_resultFolder; }
    void setResultFolder(const QString &folder) { m_resultFolder = folder; }

    /** \brief features.tif holding the current result's feature rasters when the result holds their names only (a
     *  streamed run, or a large result opened from a folder); empty when they are in memory. */
    QString featuresFile() const { return m_featuresFile; }
    /** \brief Train streams the run (strip by strip into a temporary folder of the session, as lodestone-cli run
     *  does) when the run held in memory would need more than bytes: core's jobStreams() with the feature rasters the
     *  application holds besides a command-line run's (every member's, kept for reuse, and the previous run's),
     *  against inMemoryRunBudget() unless tests lower it. */
    void setStreamThreshold(std::size_t bytes) { m_streamAbove = bytes; }
    std::size_t streamThreshold() const { return m_streamAbove; }
    /** \brief True while the run in progress streams. */
    bool runStreams() const { return !m_runFolder.isEmpty(); }

    /** \brief Shows feature raster index as a layer (prepared on the thread pool; featureShown() follows). */
    void showFeature(int index);
    bool isTraining() const;
    /** \brief Provenance of a run started now: survey path and band, labels file, application. */
    RunContext currentContext() const;

    /** \brief The networks and feature rasters of the last run on the open survey (null before any): the next
     *  Train reuses them when its key matches, and the live preview re-fits the SVM on them. */
    std::shared_ptr<const TrainedFeatures> trainedFeatures() const { return m_trained; }
    /** \brief Runs the live preview (a TrainingRunner of its own, on its own thread). */
    TrainingRunner *previewRunner() const { return m_previewRunner; }
    /** \brief The preview shown on the map, or null when the map shows the last Train's result. */
    std::shared_ptr<const PipelineResult> previewResult() const { return m_preview; }
    /** \brief Counts label edits; the map shows the labels of shownLabelGeneration(), never decreasing. */
    quint64 labelGeneration() const { return m_labelGeneration; }
    quint64 shownLabelGeneration() const { return m_shownGeneration; }
    /** \brief Milliseconds from the label edit to the drawn probability map of the last preview (-1 before). */
    qint64 lastPreviewLatencyMs() const { return m_lastPreviewLatency; }
    /** \brief Milliseconds of quiet after a label edit before the preview starts (default 300). */
    void setLiveDelay(int milliseconds);
    /** \brief The suggested places to label on the map (null before "Suggest where to label"). */
    SuggestionLayer *suggestionLayer() const;

public Q_SLOTS:
    /** \brief Starts training with the panel's settings on the open survey and its labels. */
    void train();
    void cancel();
    /** \brief Marks the places where the map shown is least certain and no label is near (on the thread pool;
     *  suggestionsReady() follows). */
    void suggestPlaces();
    /** \brief Centres the map on the next suggested place. */
    void nextPlace();

Q_SIGNALS:
    void resultChanged();
    void trainingFinished();
    void trainingCanceled();
    void trainingFailed(const QString &message);
    void featureShown(int index);
    /** \brief A live preview's probability map has been drawn; it shows the labels of labelGeneration. */
    void previewShown(quint64 labelGeneration);
    /** \brief A live preview could not run (e.g. the network settings changed since the network was trained). */
    void previewFailed(const QString &message);
    void suggestionsReady(int count);

private:
    void createDocks();
    void surveyOpened();
    void updateReadiness();
    void runStarted();
    void stageChanged(const QString &stage);
    void progressChanged(double fraction);
    void runStopped();
    void removeResultLayers();
    int resultInsertIndex() const;
    void report(const QString &title, const QString &message);
    void labelsEdited();
    void updateLiveAvailability();
    void startPreview();
    void previewFinished(std::shared_ptr<const PipelineResult> result);
    void forgetTrainedFeatures();
    void updateSuggestionButtons();
    QString newRunFolder();
    void removeRunFolder(QString &folder);

    MainWindow *m_window = nullptr;
    TrainingRunner *m_runner = nullptr;
    TrainingPanel *m_panel = nullptr;
    ResultsPanel *m_results = nullptr;
    CrossValidationView *m_cv = nullptr;
    EvaluationView *m_evaluation = nullptr;
    ValidationOccurrences *m_validation = nullptr;
    FeatureBrowser *m_features = nullptr;
    ResultExporter *m_exporter = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    QDockWidget *m_resultsDock = nullptr;
    QTabWidget *m_tabs = nullptr;
    ErrorReporter m_reporter;

    std::shared_ptr<const PipelineResult> m_result;
    PipelineParams m_resultParams;
    RunContext m_resultContext;
    QString m_resultFolder;
    QString m_featuresFile;    ///< see featuresFile()
    QString m_resultRunFolder; ///< the streamed run's folder of the current result
    QString m_runFolder;       ///< the folder the run in progress streams into (empty: it runs in memory)
    std::unique_ptr<QTemporaryDir> m_runRoot; ///< the session's streamed runs, each in a folder of its own
    int m_runFolders = 0;
    std::size_t m_streamAbove;
    Question m_question;
    bool m_discardAgreed = false; ///< the user agreed to lose the current run or result
    QPointer<ClassMapLayer> m_classLayer;
    QPointer<ProbabilityLayer> m_probabilityLayer;
    QPointer<UncertaintyLayer> m_uncertaintyLayer;
    QPointer<SuggestionLayer> m_suggestionLayer;
    QHash<int, QPointer<RasterLayer>> m_featureLayers;
    quint64 m_resultGeneration = 0;
    bool m_labelsChangedSinceResult = false;

    // The networks and feature rasters kept from the last run, with the survey they were made from (the shared
    // band of the survey layer: its identity is the file's), and what the run in progress was offered.
    std::shared_ptr<const TrainedFeatures> m_trained;
    std::shared_ptr<const Raster> m_trainedSurvey;
    std::shared_ptr<FeatureReuse> m_runReuse;
    std::shared_ptr<const Raster> m_runSurvey;
    bool m_runRetrainAsked = false;

    // The live preview: edits are counted; a preview carries the count of its labels, and a map is shown only
    // when its count is above the one shown.
    TrainingRunner *m_previewRunner = nullptr;
    QTimer *m_liveTimer = nullptr;
    std::shared_ptr<const PipelineResult> m_preview;
    quint64 m_labelGeneration = 0;
    quint64 m_runGeneration = 0;
    quint64 m_previewGeneration = 0;
    quint64 m_shownGeneration = 0;
    bool m_previewPending = false;
    bool m_awaitingPreviewRender = false;
    QElapsedTimer m_clock;      ///< since the controller was made, for edit times
    qint64 m_lastEditMs = 0;    ///< m_clock at the last label edit
    qint64 m_previewEditMs = 0; ///< m_clock at the edit the running preview shows
    qint64 m_shownEditMs = 0;   ///< m_clock at the edit the shown preview shows
    qint64 m_lastPreviewLatency = -1;

    // The run in progress.
    PipelineParams m_runParams;
    int m_stageNumber = 0; ///< stages reported so far by the running run
    RunContext m_runContext;
    QElapsedTimer m_runClock;
    ProgressEstimator m_estimator;
    std::vector<Stage> m_plan; ///< the stages the running run is expected to report
};

} // namespace lodestone
