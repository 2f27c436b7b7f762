// HistogramPlot: one QCPBars per bin, since a QCPBars has a single brush and each bin gets the ramp colour of
// its centre value.
#include "histogramplot.h"

#include "bandstatistics.h"
#include "colorramp.h"
#include "valuestretch.h"

#include <QVBoxLayout>

// qcustomplot.h uses Qt's keyword macros (signals, slots, foreach), which the ui target disables
// (QT_NO_KEYWORDS); map them to their Q_ forms for this header only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach

#include <algorithm>

namespace lodestone {

HistogramPlot::HistogramPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setBackground(palette().brush(QPalette::Window));
    m_plot->yAxis->setVisible(false);
    m_plot->yAxis->setTicks(false);
    m_plot->xAxis->setTickLabelColor(palette().color(QPalette::WindowText));
    m_plot->xAxis->setLabelColor(palette().color(QPalette::WindowText));
    m_plot->xAxis->ticker()->setTickCount(4);
    m_plot->axisRect()->setAutoMargins(QCP::msBottom);
    m_plot->axisRect()->setMargins(QMargins(4, 4, 4, 0));
    m_plot->setMinimumHeight(90);
    setToolTip(tr("Histogram of the survey's values, in the colours they are drawn with"));
}

QSize HistogramPlot::sizeHint() const
{
    return QSize(220, 120);
}

int HistogramPlot::barCount() const
{
    return m_plot->plottableCount();
}

void HistogramPlot::clear()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_markers.clear();
    m_plot->replot();
}

void HistogramPlot::setContent(const BandStatistics &stats, const ValueStretch &stretch, const ColorRamp &ramp,
                               const QString &units)
{
    clear();
    const std::vector<double> &hist = stats.histogram();
    if (hist.empty())
        return;
    const double lo = stats.histogramLow(), hi = stats.histogramHigh();
    const double width = (hi - lo) / double(hist.size());
    double top = 0;
    for (std::size_t i = 0; i < hist.size(); ++i) {
        const double centre = lo + (double(i) + 0.5) * width;
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setWidth(width);
        bars->setPen(Qt::NoPen);
        bars->setBrush(QColor(ramp.rgbAt(stretch.position(centre))));
        bars->addData(centre, hist[i]);
        bars->setSelectable(QCP::stNone);
        top = std::max(top, hist[i]);
    }
    // A linear stretch that clips: mark where the colours stop changing.
    if (stretch.mode() != RenderSettings::Stretch::HistogramEqualize) {
        for (double v : {stretch.low(), stretch.high()}) {
            if (v <= lo || v >= hi)
                continue;
            auto *line = new QCPItemStraightLine(m_plot);
            line->point1->setCoords(v, 0);
            line->point2->setCoords(v, 1);
            line->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
            m_markers << v;
        }
    }
    m_plot->xAxis->setRange(lo, hi);
    m_plot->yAxis->setRange(0, top * 1.05);
    m_plot->xAxis->setLabel(units);
    m_plot->replot();
}

} // namespace lodestone
