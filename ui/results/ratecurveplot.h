// Rate curves of a run's evaluation on one pair of axes: the share of deposits captured against the share of
// the area, ranked by score from high to low, for the model (thick) and every zero-label baseline (thinner, a
// colour each), the diagonal of a random map dashed, and a legend giving each curve's AUC. One kind of curve
// at a time: prediction rate (validation occurrences), held-out groups or success rate (training deposits).
//
// Thread: GUI thread.
#pragma once

#include "mapevaluation.h"
#include "resultplot.h"

#include <QColor>
#include <QString>

class QCPGraph;

namespace lodestone {

/** \brief Rate-curve chart of a MapEvaluation. */
class RateCurvePlot : public ResultPlot {
    Q_OBJECT
public:
    /** \brief Which curve of each ScoreEvaluation is drawn. */
    enum class Kind { Prediction, HeldOut, Success };

    explicit RateCurvePlot(QWidget *parent = nullptr);

    /** \brief Draws kind's curves of evaluation (a row whose curve is empty is left out). */
    void setEvaluation(const MapEvaluation &evaluation, Kind kind);
    void clear();
    bool hasData() const override { return m_curves > 0; }
    Kind kind() const { return m_kind; }
    /** \brief Curves drawn (rows with data; the diagonal is not counted). */
    int curveCount() const { return m_curves; }
    /** \brief The graph of evaluation row `row`, or nullptr when that row has no curve of this kind. */
    QCPGraph *graphOfRow(int row) const;
    /** \brief The dashed diagonal of a random map. */
    QCPGraph *diagonal() const { return m_diagonal; }

    /** \brief The curve of kind in row. */
    static const RateCurve &curveOf(const ScoreEvaluation &row, Kind kind);
    /** \brief Colour of the model (row 0) and of the baselines (by row), the same as report.html's. */
    static QColor rowColor(int row);
    /** \brief "Prediction rate (validation occurrences)", ... */
    static QString kindTitle(Kind kind);
    /** \brief The translated title of a score: the model ("Lodestone ensemble of 3 (Pixel features)") or a
     *  baseline ("Analytic-signal amplitude"), from core's names; core's own title for a name it does not know. */
    static QString scoreTitle(const ScoreEvaluation &row);

    QSize sizeHint() const override { return QSize(300, 380); }

private:
    Kind m_kind = Kind::HeldOut;
    int m_curves = 0;
    QCPGraph *m_diagonal = nullptr;
    QVector<QCPGraph *> m_rowGraphs;
};

} // namespace lodestone
