// Legend of the probability layer: the 0..1 colour bar with its values, the threshold marked on it, and the
// part below the threshold drawn as the map draws it (grey or checkered for transparent).
//
// Thread: GUI thread.
#pragma once

#include <QWidget>

namespace lodestone {

/** \brief Horizontal colour bar of deposit probability with the threshold. */
class ProbabilityLegend : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityLegend(QWidget *parent = nullptr);

    /** \brief threshold in [0, 1]; greyBelow: below it the map is grey (else transparent). */
    void setThreshold(double threshold, bool greyBelow);
    double threshold() const { return m_threshold; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_threshold = 0.5;
    bool m_greyBelow = false;
};

} // namespace lodestone
