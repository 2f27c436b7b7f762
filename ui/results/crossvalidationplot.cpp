// CrossValidationPlot: one QCPBars per score (accuracy, precision, recall, F1, ROC AUC) in a QCPBarsGroup, modes on a
// text ticker.
#include "crossvalidationplot.h"

#include "customplot.h"
#include "experiments.h"
#include "trainingpanel.h"

#include <cmath>

namespace lodestone {

CrossValidationPlot::CrossValidationPlot(QWidget *parent) : ResultPlot(parent)
{
    QCustomPlot *p = plot();
    p->yAxis->setRange(0, 1.05);
    p->yAxis->setLabel(tr("Score"));
    p->legend->setVisible(true);
    p->legend->setFont(font());
    p->legend->setFillOrder(QCPLegend::foColumnsFirst);
    p->legend->setWrap(3); // two rows: five names in one row were cut short in a dock of the usual width
    p->plotLayout()->addElement(1, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(1, 0.001);
    p->legend->setBorderPen(Qt::NoPen);
    setToolTip(tr("Cross-validated scores of each way of feeding the feature rasters to the classifier: held-out "
                  "labelled pixels, pooled over the folds"));
    clear();
}

void CrossValidationPlot::clear()
{
    QCustomPlot *p = plot();
    p->clearPlottables();
    delete m_group;
    m_group = nullptr;
    m_modes = 0;
    p->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    p->xAxis->setRange(0.5, 4.5);
    p->replot(QCustomPlot::rpQueuedReplot);
}

void CrossValidationPlot::setResults(const std::vector<ModeResult> &results)
{
    clear();
    QCustomPlot *p = plot();
    if (results.empty())
        return;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t i = 0; i < results.size(); ++i)
        ticker->addTick(double(i + 1), TrainingPanel::modeColumnTitle(results[i].mode));
    p->xAxis->setTicker(ticker);

    struct Score {
        QString name;
        QColor color;
        double ModeResult::*value;
    };
    const Score scores[] = {
        {tr("Accuracy"), QColor(0x1f, 0x77, 0xb4), &ModeResult::accuracy},
        {tr("Precision"), QColor(0xff, 0x7f, 0x0e), &ModeResult::precision},
        {tr("Recall"), QColor(0x2c, 0xa0, 0x2c), &ModeResult::recall},
        {tr("F1"), QColor(0x94, 0x67, 0xbd), &ModeResult::f1},
        {tr("AUC"), QColor(0x8c, 0x56, 0x4b), &ModeResult::auc},
    };
    m_group = new QCPBarsGroup(p);
    m_group->setSpacing(1);
    for (const Score &s : scores) {
        auto *bars = new QCPBars(p->xAxis, p->yAxis);
        bars->setName(s.name);
        bars->setPen(Qt::NoPen);
        bars->setBrush(s.color);
        bars->setWidth(0.15);
        bars->setBarsGroup(m_group);
        bars->setSelectable(QCP::stNone);
        for (std::size_t i = 0; i < results.size(); ++i) {
            const double v = results[i].*s.value;
            if (std::isfinite(v)) // a scheme that never tested a class has no AUC
                bars->addData(double(i + 1), v);
        }
    }
    m_modes = int(results.size());
    p->xAxis->setRange(0.4, results.size() + 0.6);
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace lodestone
