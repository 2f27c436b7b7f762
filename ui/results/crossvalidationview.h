// The cross-validation view: the scores of the spatial folds (the headline: groups of nearby labelled pixels held
// out together, with a buffer) and of the random folds (the paper's scheme), side by side when the panel is wide
// enough and one above the other when it is not. Each table is laid out like the paper's Table I (one column per
// SVM mode; accuracy, precision, recall, F1 and ROC AUC as rows, then fold spread, positions and the chosen C and
// gamma); below them the confusion matrix of the selected mode (rows reference, columns predicted), its scheme's
// scores as bars, and the warnings.
//
// Thread: GUI thread.
#pragma once

#include "experiments.h"

#include <QWidget>

#include <array>
#include <vector>

class QGridLayout;
class QLabel;
class QListWidget;
class QTableWidget;

namespace lodestone {

class CrossValidationPlot;

/** \brief Shows the random and spatial ModeResults of a run. */
class CrossValidationView : public QWidget {
    Q_OBJECT
public:
    /// Rows of the metrics tables.
    enum Row { Accuracy, Precision, Recall, F1, Auc, FoldSpread, Positions, ChosenC, ChosenGamma, RowCount };

    explicit CrossValidationView(QWidget *parent = nullptr);

    /** \brief Shows results of both schemes (either may be empty); mapMode is marked as the mode used for the
     *  map. The headline scheme's map mode is selected. labelled: the run's labelled positions (0: not known); when
     *  the folds sampled fewer, the headline says how many and why. */
    void setResults(const std::vector<ModeResult> &random, const std::vector<ModeResult> &spatial, SvmMode mapMode,
                    const std::vector<std::string> &warnings, std::size_t labelled = 0);
    void clear();

    /** \brief Spatial when there are spatial results, else random. */
    CvScheme headlineScheme() const;
    bool hasResults(CvScheme scheme) const { return !m_results[index(scheme)].empty(); }

    /** \brief Selects the mode (column index) of a scheme whose confusion matrix and scores are shown. */
    void selectMode(CvScheme scheme, int column);
    int selectedMode() const { return m_selected; }
    CvScheme selectedScheme() const { return m_selectedScheme; }

    /** \brief Whether the two tables are side by side (a wide panel) or one above the other. */
    bool isSideBySide() const { return m_sideBySide; }

    QTableWidget *metricsTable(CvScheme scheme) const { return m_tables[index(scheme)]; }
    QLabel *schemeTitle(CvScheme scheme) const { return m_titles[index(scheme)]; }
    /** \brief Which scheme is the headline, and why. */
    QLabel *headlineLabel() const { return m_headline; }
    QTableWidget *confusionTable() const { return m_confusion; }
    QListWidget *warningsList() const { return m_warnings; }
    CrossValidationPlot *plot() const { return m_plot; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    static std::size_t index(CvScheme scheme) { return scheme == CvScheme::Spatial ? 0 : 1; }
    void fillTable(CvScheme scheme, SvmMode mapMode);
    void arrange();
    void showConfusion();

    std::array<std::vector<ModeResult>, 2> m_results; ///< spatial, random
    int m_selected = -1;
    CvScheme m_selectedScheme = CvScheme::Spatial;
    bool m_sideBySide = false;
    QLabel *m_empty = nullptr;
    QLabel *m_headline = nullptr;
    QGridLayout *m_grid = nullptr;
    std::array<QLabel *, 2> m_titles{};
    std::array<QTableWidget *, 2> m_tables{};
    QLabel *m_confusionTitle = nullptr;
    QTableWidget *m_confusion = nullptr;
    QLabel *m_plotTitle = nullptr;
    CrossValidationPlot *m_plot = nullptr;
    QLabel *m_warningsTitle = nullptr;
    QListWidget *m_warnings = nullptr;
};

} // namespace lodestone
