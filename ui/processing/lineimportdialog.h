// File > Import Line Data…: shows the first rows of a line-data file, pre-selects its X, Y and value columns and its
// CRS from their names, then looks at all the readings in the background to suggest the target CRS (the UTM zone of
// their centre) and a cell size (a quarter of the line spacing), saying why. The user may change everything, and
// may grid onto the open survey's cells instead (the grid is then added as a layer, not opened as the survey).
//
// Thread: GUI thread; the look at the readings runs on Qt's global thread pool (BackgroundJob).
#pragma once

#include "lineimport.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTableWidget;
class QTimer;

namespace lodestone {

class BackgroundJob;

/** \brief Settings of gridding one line-data file. */
class LineImportDialog : public QDialog {
    Q_OBJECT
public:
    /** \brief Reads the preview of path (errors: see previewError()); surveyGrid, when given and georeferenced,
     *  enables gridding onto the survey's cells. */
    explicit LineImportDialog(const QString &path, const std::optional<GridSpec> &surveyGrid = std::nullopt,
                              QWidget *parent = nullptr);
    ~LineImportDialog() override;

    /** \brief Core's message when the file could not be previewed (the dialog then cannot grid it). */
    QString previewError() const { return m_previewError; }
    /** \brief The settings shown. */
    LineImportSettings settings() const;
    /** \brief The last completed analysis of all the readings, if any. */
    const std::optional<LineAnalysis> &analysis() const { return m_analysis; }
    /** \brief What is wrong with the settings as a complete sentence, or empty. */
    QString validationError() const;

    QTableWidget *previewTable() const { return m_table; }
    QComboBox *xCombo() const { return m_x; }
    QComboBox *yCombo() const { return m_y; }
    QComboBox *valueCombo() const { return m_value; }
    QLineEdit *sourceCrsEdit() const { return m_sourceCrs; }
    QLineEdit *targetCrsEdit() const { return m_targetCrs; }
    QDoubleSpinBox *cellSpin() const { return m_cell; }
    QLabel *cellReasonLabel() const { return m_cellReason; }
    QDoubleSpinBox *tensionSpin() const { return m_tension; }
    QCheckBox *maskCheck() const { return m_mask; }
    QCheckBox *crossLinesCheck() const { return m_crossLines; }
    QDoubleSpinBox *maxDistanceSpin() const { return m_maxDistance; }
    QLineEdit *outputEdit() const { return m_output; }
    QRadioButton *newGridRadio() const { return m_newGrid; }
    QRadioButton *surveyGridRadio() const { return m_onSurvey; }
    QLabel *summaryLabel() const { return m_summary; }
    QDialogButtonBox *buttons() const { return m_buttons; }

    void accept() override;

Q_SIGNALS:
    /** \brief An analysis of the readings has completed (successfully or not). */
    void analysisFinished();

private:
    void buildPreview();
    void guessColumns();
    void scheduleAnalysis();
    void startAnalysis();
    void analysisDone(const LineAnalysis &analysis);
    void updateCrsLabels();
    void updateEnabled();
    void updateMaskLabel();
    void browseOutput();

    QString m_path;
    std::optional<GridSpec> m_surveyGrid;
    LineTablePreview m_preview;
    QString m_previewError;
    std::optional<LineAnalysis> m_analysis;
    std::shared_ptr<LineAnalysis> m_pending; ///< filled by the running analysis
    BackgroundJob *m_job = nullptr;
    QTimer *m_analysisTimer = nullptr;
    bool m_rerun = false;
    bool m_cellEdited = false, m_targetEdited = false, m_updating = false;

    QTableWidget *m_table = nullptr;
    QComboBox *m_x = nullptr;
    QComboBox *m_y = nullptr;
    QComboBox *m_value = nullptr;
    QLineEdit *m_sourceCrs = nullptr;
    QLabel *m_sourceCrsName = nullptr;
    QLineEdit *m_targetCrs = nullptr;
    QLabel *m_targetCrsName = nullptr;
    QRadioButton *m_newGrid = nullptr;
    QRadioButton *m_onSurvey = nullptr;
    QDoubleSpinBox *m_cell = nullptr;
    QLabel *m_cellReason = nullptr;
    QDoubleSpinBox *m_tension = nullptr;
    QCheckBox *m_mask = nullptr;
    QCheckBox *m_crossLines = nullptr;
    QDoubleSpinBox *m_maxDistance = nullptr;
    QLabel *m_maskDistance = nullptr;
    QLineEdit *m_output = nullptr;
    QLabel *m_summary = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lodestone
