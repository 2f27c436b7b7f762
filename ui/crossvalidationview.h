// The cross-validation view: a table laid out like the paper's Table I (one column per SVM mode; accuracy,
// precision, recall and F1 as rows, then fold spread, positions and the chosen C and gamma), the confusion
// matrix of the selected mode (rows reference, columns predicted), the scores as bars, and the warnings.
//
// Thread: GUI thread.
#pragma once

#include "experiments.h"

#include <QWidget>

#include <vector>

class QLabel;
class QListWidget;
class QTableWidget;

namespace lodestone {

class CrossValidationPlot;

/** \brief Shows the ModeResults of a run. */
class CrossValidationView : public QWidget {
    Q_OBJECT
public:
    /// Rows of the metrics table.
    enum Row { Accuracy, Precision, Recall, F1, FoldSpread, Positions, ChosenC, ChosenGamma, RowCount };

    explicit CrossValidationView(QWidget *parent = nullptr);

    /** \brief Shows results; mapMode is marked as the mode used for the map. */
    void setResults(const std::vector<ModeResult> &results, SvmMode mapMode, const std::vector<std::string> &warnings);
    void clear();

    /** \brief Selects the mode whose confusion matrix is shown (column index). */
    void selectMode(int column);
    int selectedMode() const { return m_selected; }

    QTableWidget *metricsTable() const { return m_table; }
    QTableWidget *confusionTable() const { return m_confusion; }
    QListWidget *warningsList() const { return m_warnings; }
    CrossValidationPlot *plot() const { return m_plot; }

private:
    void showConfusion();

    std::vector<ModeResult> m_results;
    int m_selected = -1;
    QLabel *m_empty = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_confusionTitle = nullptr;
    QTableWidget *m_confusion = nullptr;
    CrossValidationPlot *m_plot = nullptr;
    QLabel *m_warningsTitle = nullptr;
    QListWidget *m_warnings = nullptr;
};

} // namespace lodestone
