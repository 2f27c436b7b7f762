// The evaluation view of the Results panel: does the map rank known deposits above what the survey shows
// without any labels? One sentence states the headline AUC of the map against the best zero-label baseline;
// below it the rate curves (prediction rate at validation occurrences, held-out groups or success rate, chosen
// in a list), the table of AUCs of the map and every baseline, the share of deposits captured in the top 2, 5,
// 10 and 20 % of the area, and the notes of the evaluation.
//
// Thread: GUI thread.
#pragma once

#include "mapevaluation.h"
#include "ratecurveplot.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace lodestone {

/** \brief Shows a MapEvaluation. */
class EvaluationView : public QWidget {
    Q_OBJECT
public:
    /// Columns of the AUC table.
    enum AucColumn { MapColumn, KindColumn, SuccessColumn, HeldOutColumn, PredictionColumn, AucColumnCount };

    explicit EvaluationView(QWidget *parent = nullptr);

    /** \brief Shows evaluation (an empty one shows why there is none); the headline kind is selected. */
    void setEvaluation(const MapEvaluation &evaluation);
    void clear();
    bool hasEvaluation() const { return !m_evaluation.empty(); }

    /** \brief Shows kind's curves and captured shares; ignored when the evaluation has no such curves. */
    void setKind(RateCurvePlot::Kind kind);
    RateCurvePlot::Kind kind() const { return m_plot->kind(); }
    /** \brief Kinds with curves, in the order of the list: prediction (with validation occurrences), held-out
     *  groups, success rate. */
    QList<RateCurvePlot::Kind> availableKinds() const;

    /** \brief The share of occurrences of curve in the top `area` (0..1) of the valid area: capturedInTop() when
     *  the curve holds its ranks, else read off the step curve (a curve read back from report.json). NaN
     *  without occurrences. */
    static double captured(const RateCurve &curve, double area);

    QLabel *verdictLabel() const { return m_verdict; }
    QComboBox *kindCombo() const { return m_kindCombo; }
    RateCurvePlot *plot() const { return m_plot; }
    QTableWidget *aucTable() const { return m_auc; }
    QLabel *capturedTitle() const { return m_capturedTitle; }
    QTableWidget *capturedTable() const { return m_captured; }
    QLabel *notesLabel() const { return m_notes; }

private:
    void showVerdict();
    void fillAucTable();
    void fillCapturedTable();

    MapEvaluation m_evaluation;
    QLabel *m_empty = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_verdict = nullptr;
    QComboBox *m_kindCombo = nullptr;
    RateCurvePlot *m_plot = nullptr;
    QLabel *m_aucTitle = nullptr;
    QTableWidget *m_auc = nullptr;
    QLabel *m_capturedTitle = nullptr;
    QTableWidget *m_captured = nullptr;
    QLabel *m_notes = nullptr;
};

} // namespace lodestone
