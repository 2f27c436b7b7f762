// LossPlot: one graph with points; the value axis is rescaled to the data after every epoch.
#include "lossplot.h"

#include "customplot.h"

#include <algorithm>

namespace lodestone {

LossPlot::LossPlot(QWidget *parent) : ResultPlot(parent)
{
    QCustomPlot *p = plot();
    p->addGraph();
    p->graph(0)->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
    p->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    p->xAxis->setLabel(tr("Epoch"));
    p->yAxis->setLabel(tr("Loss (MSE)"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(ticker);
    p->yAxis->setNumberFormat(QStringLiteral("g"));
    p->yAxis->setNumberPrecision(3);
    m_hint = new QCPItemText(p);
    m_hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_hint->position->setCoords(0.5, 0.5);
    m_hint->setText(tr("The loss of each epoch\nappears here while training."));
    m_hint->setColor(QColor(0x80, 0x80, 0x80));
    m_hint->setSelectable(false);
    setToolTip(tr("How well the autoencoder reproduces the survey patches after each pass over them; a curve "
                  "that has flattened means more epochs would change little"));
    clear();
}

void LossPlot::startRun(int epochs)
{
    m_epochs = std::max(1, epochs);
    m_epoch.clear();
    m_loss.clear();
    redraw();
}

void LossPlot::addEpoch(int epoch, double loss)
{
    m_epoch << epoch;
    m_loss << loss;
    m_epochs = std::max(m_epochs, epoch);
    redraw();
}

void LossPlot::setHistory(const std::vector<double> &losses)
{
    m_epoch.clear();
    m_loss.clear();
    for (std::size_t i = 0; i < losses.size(); ++i) {
        m_epoch << double(i + 1);
        m_loss << losses[i];
    }
    m_epochs = std::max(1, int(losses.size()));
    redraw();
}

void LossPlot::clear()
{
    startRun(1);
}

void LossPlot::redraw()
{
    QCustomPlot *p = plot();
    p->graph(0)->setData(m_epoch, m_loss, true);
    m_hint->setVisible(m_loss.isEmpty());
    p->xAxis->setRange(0.5, m_epochs + 0.5);
    if (m_loss.isEmpty()) {
        p->yAxis->setRange(0, 1);
    } else {
        const auto [lo, hi] = std::minmax_element(m_loss.begin(), m_loss.end());
        const double span = std::max(*hi - *lo, std::abs(*hi) * 0.05 + 1e-12);
        p->yAxis->setRange(std::max(0.0, *lo - 0.1 * span), *hi + 0.1 * span);
    }
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace lodestone
