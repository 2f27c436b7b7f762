// Base of the result plots (loss curve, cross-validation scores): a QCustomPlot on a white background that
// can be saved as PNG or PDF for a report.
//
// Thread: GUI thread.
#pragma once

#include <QWidget>

class QCustomPlot;

namespace lodestone {

/** \brief A widget holding one QCustomPlot, exportable as an image or a vector PDF. */
class ResultPlot : public QWidget {
    Q_OBJECT
public:
    explicit ResultPlot(QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    /** \brief True when there is something to plot. */
    virtual bool hasData() const = 0;

    /** \brief Saves the plot: PDF when path ends in .pdf, PNG otherwise, at width x height (0: the widget's
     *  size, at least 800 x 500) and twice the resolution for PNG. False when the file cannot be written. */
    bool save(const QString &path, int width = 0, int height = 0) const;

private:
    QCustomPlot *m_plot = nullptr;
};

} // namespace lodestone
