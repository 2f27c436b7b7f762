// RateCurvePlot: one QCPGraph per row in step-left style (a rate curve holds each value until the next
// abscissa), the model on a layer above the baselines but first in the legend; percent tick labels.
#include "ratecurveplot.h"

#include "customplot.h"
#include "trainingpanel.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace lodestone {

namespace {

/** Ticks every 20 %, labelled in percent (the data stay fractions, as core writes them). */
class PercentTicker : public QCPAxisTickerFixed {
public:
    PercentTicker()
    {
        setTickStep(0.2);
        setScaleStrategy(QCPAxisTickerFixed::ssNone);
    }

protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override
    {
        return RateCurvePlot::tr("%1 %").arg(locale.toString(std::round(tick * 100.0), 'f', 0));
    }
};

const QString kModelLayer = QStringLiteral("model");

} // namespace

RateCurvePlot::RateCurvePlot(QWidget *parent) : ResultPlot(parent)
{
    QCustomPlot *p = plot();
    p->setMinimumHeight(440); // the legend below the axes takes about a third
    p->addLayer(kModelLayer, p->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    p->xAxis->setTicker(QSharedPointer<PercentTicker>::create());
    p->yAxis->setTicker(QSharedPointer<PercentTicker>::create());
    p->xAxis->setRange(0, 1.001); // not 1: the tick at 5 x 0.2 lands a rounding error beyond it
    // QCustomPlot leaves out a tick label that the widget would clip: room for half of "100 %" at the right end
    // of the area axis and at the top of the captured axis.
    const QFontMetrics metrics(font());
    p->axisRect()->setMinimumMargins(
        QMargins(0, metrics.height() / 2 + 4, metrics.horizontalAdvance(tr("%1 %").arg(100)) / 2 + 6, 0));
    p->yAxis->setRange(-0.02, 1.02);
    p->xAxis->setLabel(tr("Area, highest scores first"));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    p->legend->setVisible(true);
    p->legend->setFont(small);
    p->legend->setBorderPen(Qt::NoPen);
    p->legend->setRowSpacing(0);
    p->plotLayout()->addElement(1, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(1, 0.001);
    p->legend->setMargins(QMargins(6, 2, 6, 2));
    setToolTip(tr("Each curve ranks the valid pixels of one map from the highest score down and shows the share of "
                  "deposits that fall in the top of the area. A curve high on the left captures many deposits in "
                  "little ground; the dashed diagonal is what a random map does."));
    clear();
}

QString RateCurvePlot::kindTitle(Kind kind)
{
    switch (kind) {
    case Kind::Prediction: return tr("Prediction rate (validation occurrences)");
    case Kind::HeldOut: return tr("Held-out groups (training deposits)");
    case Kind::Success: return tr("Success rate (training deposits)");
    }
    return {};
}

const RateCurve &RateCurvePlot::curveOf(const ScoreEvaluation &row, Kind kind)
{
    switch (kind) {
    case Kind::Prediction: return row.prediction;
    case Kind::Success: return row.success;
    case Kind::HeldOut: break;
    }
    return row.heldOut;
}

QColor RateCurvePlot::rowColor(int row)
{
    static const QRgb colours[] = {0xd62728, 0x1f77b4, 0xff7f0e, 0x2ca02c, 0x9467bd,
                                   0x8c564b, 0xe377c2, 0x7f7f7f, 0x17becf, 0xbcbd22};
    return QColor(colours[std::size_t(row) % (sizeof colours / sizeof colours[0])]);
}

void RateCurvePlot::clear()
{
    QCustomPlot *p = plot();
    p->clearGraphs();
    m_rowGraphs.clear();
    m_curves = 0;
    m_diagonal = nullptr;
    p->yAxis->setLabel(tr("Deposits captured"));
    p->legend->setVisible(false);
    p->replot(QCustomPlot::rpQueuedReplot);
}

QCPGraph *RateCurvePlot::graphOfRow(int row) const
{
    return row >= 0 && row < m_rowGraphs.size() ? m_rowGraphs[row] : nullptr;
}

void RateCurvePlot::setEvaluation(const MapEvaluation &evaluation, Kind kind)
{
    clear();
    m_kind = kind;
    QCustomPlot *p = plot();
    switch (kind) {
    case Kind::Prediction: p->yAxis->setLabel(tr("Validation occurrences captured")); break;
    case Kind::HeldOut: p->yAxis->setLabel(tr("Held-out deposits captured")); break;
    case Kind::Success: p->yAxis->setLabel(tr("Training deposits captured")); break;
    }
    const QLocale locale;
    for (int i = 0; i < int(evaluation.rows.size()); ++i) {
        const ScoreEvaluation &row = evaluation.rows[std::size_t(i)];
        const RateCurve &curve = curveOf(row, kind);
        if (curve.occurrences == 0 || curve.area.empty() || curve.area.size() != curve.captured.size()) {
            m_rowGraphs << nullptr;
            continue;
        }
        QCPGraph *g = p->addGraph();
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(rowColor(i), row.isModel ? 2.6 : 1.3));
        g->setSelectable(QCP::stNone);
        if (row.isModel)
            g->setLayer(kModelLayer);
        g->setData(QVector<double>(curve.area.begin(), curve.area.end()),
                   QVector<double>(curve.captured.begin(), curve.captured.end()), true);
        // The model's full title (e.g. "Lodestone ensemble of 3 (pixel-features)") is in the table; the legend
        // stays narrow enough for the dock.
        const QString title = row.isModel ? tr("Lodestone map") : scoreTitle(row);
        g->setName(
            tr("%1 — AUC %2")
                .arg(title, std::isfinite(curve.auc) ? locale.toString(curve.auc, 'f', 3) : QStringLiteral("–")));
        m_rowGraphs << g;
        ++m_curves;
    }
    if (m_curves == 0) {
        p->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_diagonal = p->addGraph();
    m_diagonal->setPen(QPen(QColor(0x99, 0x99, 0x99), 1.0, Qt::DashLine));
    m_diagonal->setSelectable(QCP::stNone);
    m_diagonal->setData({0.0, 1.0}, {0.0, 1.0}, true);
    m_diagonal->setName(tr("Random map — AUC %1").arg(locale.toString(0.5, 'f', 1)));
    p->legend->setVisible(true);
    p->replot(QCustomPlot::rpQueuedReplot);
}

QString RateCurvePlot::scoreTitle(const ScoreEvaluation &row)
{
    const QString name = QString::fromStdString(row.name);
    const QString title = QString::fromStdString(row.title.empty() ? row.name : row.title);
    if (row.isModel) {
        static const QRegularExpression model(QStringLiteral("^Lodestone (?:ensemble of (\\d+) )?\\(([a-z-]+)\\)$"));
        const QRegularExpressionMatch m = model.match(title);
        if (!m.hasMatch())
            return title;
        QString mode = m.captured(2);
        SvmMode parsed;
        if (parseSvmMode(mode.toStdString(), parsed))
            mode = TrainingPanel::modeDisplayName(parsed);
        return m.captured(1).isEmpty() ? tr("Lodestone (%1)").arg(mode)
                                       : tr("Lodestone ensemble of %1 (%2)").arg(m.captured(1), mode);
    }
    if (name == QLatin1String("raw"))
        return tr("Total-field anomaly");
    if (name == QLatin1String("neg-raw"))
        return tr("Negative total-field anomaly");
    if (name == QLatin1String("hgrad"))
        return tr("Horizontal-gradient magnitude");
    if (name == QLatin1String("as"))
        return tr("Analytic-signal amplitude");
    if (name == QLatin1String("tilt"))
        return tr("Tilt angle");
    static const QRegularExpression localStd(QStringLiteral("^localstd(\\d+)$"));
    const QRegularExpressionMatch m = localStd.match(name);
    if (m.hasMatch())
        return tr("Local standard deviation, %1 x %1").arg(m.captured(1));
    return title;
}

} // namespace lodestone
