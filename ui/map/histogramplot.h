// The histogram of the survey's values (QCustomPlot), each bar in the colour its values are drawn with, and
// the stretch limits marked when a linear stretch clips the data. Shows at a glance what the stretch does.
//
// Thread: GUI thread.
#pragma once

#include <QWidget>

class QCustomPlot;

namespace lodestone {

class BandStatistics;
class ColorRamp;
class ValueStretch;

/** \brief Coloured value histogram with stretch limits. */
class HistogramPlot : public QWidget {
    Q_OBJECT
public:
    explicit HistogramPlot(QWidget *parent = nullptr);

    /** \brief Shows the histogram of stats, coloured through stretch and ramp; units label the value axis. */
    void setContent(const BandStatistics &stats, const ValueStretch &stretch, const ColorRamp &ramp,
                    const QString &units);
    void clear();

    QCustomPlot *plot() const { return m_plot; }
    /** \brief Number of bars shown (0 when empty). */
    int barCount() const;
    /** \brief Positions of the stretch-limit markers on the value axis (empty when none are drawn). */
    QList<double> markers() const { return m_markers; }

    QSize sizeHint() const override;

private:
    QCustomPlot *m_plot = nullptr;
    QList<double> m_markers;
};

} // namespace lodestone
