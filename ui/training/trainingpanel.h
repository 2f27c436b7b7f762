// The Training panel: every setting of a run (autoencoder, feature rasters, SVM, cross-validation, seed, ensemble
// size and validation occurrences) with a tooltip in a geoscientist's words, Train and Cancel, the stage and time
// left, and the live loss curve.
// It only edits and shows; TrainingController starts and stops the work.
//
// Thread: GUI thread.
#pragma once

#include "paramcheck.h"
#include "pipeline.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lodestone {

class LossPlot;

/** \brief A raster the network may read beside the survey, as the Training panel lists it. */
struct InputLayerChoice {
    QString name;                  ///< the layer's name in the layer list
    QString tooltip;               ///< where it comes from, or why it cannot be an input
    std::optional<LayerSpec> spec; ///< how a run derives or reads it; empty: it cannot be a model input
};

/** \brief Settings, run buttons and progress of training. */
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget *parent = nullptr);

    /** \brief The settings the controls show (defaults: PipelineParams{}); validationPixels is left empty (the
     *  controller fills it from the validation occurrences). */
    PipelineParams params() const;
    void setParams(const PipelineParams &params);
    /** \brief The first of core's problems with the settings (paramProblems(), with the survey's size when known),
     *  or empty when they can be run. Every problem is shown under its field, and Train stays disabled. */
    QString validationError() const;
    /** \brief The problem shown under the field of field; empty when there is none (or no such field). */
    QString fieldProblem(ParamField field) const;
    /** \brief The open survey's size, against which the patch size is checked; 0 x 0 when none is open. */
    void setSurveySize(int width, int height);

    /** \brief Whether Train may be clicked (besides valid settings), and the line about the labels. */
    void setReadiness(bool ready, const QString &labelStatus);
    /** \brief The run ends without a result: the bar keeps where it stopped, in format (e.g. "canceled at
     *  %p %"), until the next run starts. */
    void markStopped(const QString &format);
    /** \brief Switches between editing (Train enabled) and running (Cancel enabled, settings locked). */
    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    /** \brief A stage began: "Stage index of count: name" (index 1-based; count 0 when unknown). */
    void showStage(const QString &name, int index, int count);
    /** \brief Progress of the stage and the time left ("about 2 min left"; empty while unknown). */
    void showProgress(double fraction, const QString &timeLeft);
    /** \brief Replaces the stage line, e.g. when the run has ended. */
    void showStatus(const QString &text);
    QString statusText() const;
    /** \brief The rasters listed under Input layers besides the survey; check marks stay on layers (by their
     *  recorded name) that are listed again. */
    void setInputLayers(const QList<InputLayerChoice> &layers);
    QListWidget *inputLayerList() const { return m_inputLayers; }
    /** \brief The line about the validation occurrences; loaded: whether Clear applies. */
    void setValidationSummary(const QString &text, bool loaded);

    /** \brief Whether Train retrains the network even when the one in memory could be reused. */
    bool retrainNetwork() const;
    /** \brief Whether the map follows the labels (the SVM re-fitted shortly after each stroke). */
    bool isLive() const;
    /** \brief Enables the Live check box (a trained network is in memory) with a tooltip saying why not. */
    void setLiveAvailable(bool available, const QString &why = QString());
    /** \brief The line about the network in memory and the live preview (empty hides it). */
    void showReuseNote(const QString &text);
    QString reuseNote() const;

    LossPlot *lossPlot() const { return m_loss; }
    QCheckBox *retrainCheck() const { return m_retrain; }
    QPushButton *suggestButton() const { return m_suggest; }
    QPushButton *nextPlaceButton() const { return m_nextPlace; }
    /** \brief Enables "Suggest where to label" (a map is shown) and "Next place" (suggestions are on the map). */
    void setSuggestionsAvailable(bool canSuggest, bool canStep);
    QCheckBox *liveCheck() const { return m_live; }
    QLabel *reuseNoteLabel() const { return m_reuseNote; }
    QPushButton *trainButton() const { return m_train; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QSpinBox *patchSizeSpin() const { return m_patchSize; }
    QSpinBox *trainPatchesSpin() const { return m_trainPatches; }
    QSpinBox *epochsSpin() const { return m_epochs; }
    QSpinBox *batchSizeSpin() const { return m_batchSize; }
    QDoubleSpinBox *learningRateSpin() const { return m_learningRate; }
    QSpinBox *filterSpin(int layer) const { return m_filters[layer]; }
    QComboBox *featureMethodCombo() const { return m_method; }
    QSpinBox *strideSpin() const { return m_stride; }
    QComboBox *modeCombo() const { return m_mode; }
    QComboBox *classifierCombo() const { return m_classifier; }
    QDoubleSpinBox *cSpin() const { return m_c; }
    QDoubleSpinBox *gammaSpin() const { return m_gamma; }
    QSpinBox *foldsSpin() const { return m_folds; }
    QSpinBox *perClassSpin() const { return m_perClass; }
    QSpinBox *patchResizeSpin() const { return m_patchResize; }
    QSpinBox *featureComponentsSpin() const { return m_featureComponents; }
    QComboBox *featureLayersCombo() const { return m_featureLayers; }
    QSpinBox *depositBufferSpin() const { return m_depositBuffer; }
    QSpinBox *seedSpin() const { return m_seed; }
    QSpinBox *ensembleSpin() const { return m_ensemble; }
    QPushButton *validationButton() const { return m_validationChoose; }
    QPushButton *validationClearButton() const { return m_validationClear; }
    QLabel *validationLabel() const { return m_validation; }

    /** \brief User-visible name of an SVM mode, e.g. "Pixel features". */
    static QString modeDisplayName(SvmMode mode);
    /** \brief A short, two-line name of an SVM mode for table columns and chart axes. */
    static QString modeColumnTitle(SvmMode mode);

public Q_SLOTS:
    /** \brief Restores PipelineParams' defaults. */
    void resetToDefaults();

Q_SIGNALS:
    void trainRequested();
    void cancelRequested();
    void paramsChanged();
    /** \brief "Validation occurrences…" was clicked. */
    void validationChooseRequested();
    void validationClearRequested();
    /** \brief The Live check box was toggled. */
    void liveToggled(bool on);
    void suggestRequested();
    void nextPlaceRequested();

private:
    QWidget *createSettings();
    /** \brief Adds a hidden row under the last one of form, where field's problems are shown. */
    void addProblemRow(QFormLayout *form, ParamField field);
    void updateEnabled();

    bool m_running = false;
    QString m_stoppedFormat; ///< the bar's text after a run that ended without a result
    bool m_ready = false;
    QSpinBox *m_patchSize = nullptr;
    QSpinBox *m_trainPatches = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QDoubleSpinBox *m_learningRate = nullptr;
    QSpinBox *m_filters[3] = {nullptr, nullptr, nullptr};
    QComboBox *m_method = nullptr;
    QSpinBox *m_stride = nullptr;
    QComboBox *m_mode = nullptr;
    QComboBox *m_classifier = nullptr;
    QDoubleSpinBox *m_c = nullptr;
    QDoubleSpinBox *m_gamma = nullptr;
    QSpinBox *m_folds = nullptr;
    QSpinBox *m_perClass = nullptr;
    QSpinBox *m_patchResize = nullptr;
    QSpinBox *m_featureComponents = nullptr;
    QComboBox *m_featureLayers = nullptr;
    QSpinBox *m_depositBuffer = nullptr;
    QSpinBox *m_seed = nullptr;
    QSpinBox *m_ensemble = nullptr;
    QLabel *m_validation = nullptr;
    QListWidget *m_inputLayers = nullptr;
    std::vector<std::optional<LayerSpec>> m_inputSpecs; ///< per row of m_inputLayers (row 0: the survey)
    QStringList m_pendingInputs; ///< input layers of setParams() not listed yet (e.g. a project's, being restored)
    QPushButton *m_validationChoose = nullptr;
    QPushButton *m_validationClear = nullptr;
    QWidget *m_settings = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_train = nullptr;
    QPushButton *m_cancel = nullptr;
    QCheckBox *m_retrain = nullptr;
    QCheckBox *m_live = nullptr;
    QPushButton *m_suggest = nullptr;
    QPushButton *m_nextPlace = nullptr;
    bool m_liveAvailable = false;
    QLabel *m_reuseNote = nullptr;
    QLabel *m_labelStatus = nullptr;
    QLabel *m_problem = nullptr; ///< every problem of the settings, above the buttons
    struct FieldProblem {
        ParamField field;
        QLabel *label;
        QFormLayout *form;
    };
    std::vector<FieldProblem> m_fieldProblems;
    int m_surveyWidth = 0, m_surveyHeight = 0;
    QLabel *m_stage = nullptr;
    QProgressBar *m_progress = nullptr;
    LossPlot *m_loss = nullptr;
};

} // namespace lodestone
