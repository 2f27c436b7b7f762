// Legend of the uncertainty layer: the horizontal magma bar from 0 to the layer's maximum with five values,
// painted from UncertaintyLayer's own colour function so that legend and map agree.
//
// Thread: GUI thread.
#pragma once

#include <QStringList>
#include <QWidget>

namespace lodestone {

/** \brief Colour bar of the ensemble's standard deviation. */
class UncertaintyLegend : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTicks = 5;

    explicit UncertaintyLegend(QWidget *parent = nullptr);

    /** \brief The value at the top of the ramp (UncertaintyLayer::scaleMaximum()); 0 shows no values yet. */
    void setMaximum(double maximum);
    double maximum() const { return m_maximum; }
    /** \brief The value labels, from 0 to the maximum. */
    QStringList labels() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_maximum = 0;
};

} // namespace lodestone
