// LossPlot: one graph with points per network (an ensemble's members one after another, earlier ones paler); the
// value axis is rescaled to the data after every epoch.
#include "lossplot.h"

#include "customplot.h"

#include <algorithm>
#include <cmath>

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
    m_memberStarts.clear();
    redraw();
}

void LossPlot::addEpoch(int epoch, double loss)
{
    if (!m_epoch.isEmpty() && epoch <= m_epoch.last())
        m_memberStarts << int(m_epoch.size()); // the next member of an ensemble starts again at epoch 1
    m_epoch << epoch;
    m_loss << loss;
    m_epochs = std::max(m_epochs, epoch);
    redraw();
}

void LossPlot::setHistory(const std::vector<double> &losses)
{
    m_epoch.clear();
    m_loss.clear();
    m_memberStarts.clear();
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
    // One graph per network: the current one in full colour, the earlier members of an ensemble paler.
    const int graphs = 1 + int(m_memberStarts.size());
    while (p->graphCount() < graphs)
        p->addGraph();
    while (p->graphCount() > graphs)
        p->removeGraph(p->graphCount() - 1);
    for (int g = 0; g < graphs; ++g) {
        const int from = g == 0 ? 0 : m_memberStarts[g - 1];
        const int to = g + 1 < graphs ? m_memberStarts[g] : int(m_epoch.size());
        const QColor colour = g + 1 == graphs ? QColor(0x1f, 0x77, 0xb4) : QColor(0xa6, 0xc4, 0xdc);
        p->graph(g)->setPen(QPen(colour, 2));
        p->graph(g)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 6));
        p->graph(g)->setData(m_epoch.mid(from, to - from), m_loss.mid(from, to - from), true);
    }
    m_hint->setVisible(m_loss.isEmpty());
    p->xAxis->setRange(0.5, m_epochs + 0.5);
    if (m_loss.isEmpty()) {
        p->yAxis->setRange(0, 1);
    } else if (m_loss.size() == 1) {
        // One point: a narrow range around it would label the ticks with more digits than the axis shows.
        p->yAxis->setRange(0, std::max(1.25 * std::abs(m_loss.front()), 1e-12));
    } else {
        const auto [lo, hi] = std::minmax_element(m_loss.begin(), m_loss.end());
        const double span = std::max(*hi - *lo, std::abs(*hi) * 0.05 + 1e-12);
        p->yAxis->setRange(std::max(0.0, *lo - 0.1 * span), *hi + 0.1 * span);
    }
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace lodestone
