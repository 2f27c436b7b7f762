// The legend of a raster layer: a vertical colour bar with the values at its ends and quarter points, in
// the data's units. With a percentile cut the end labels read "≤" / "≥" since values beyond are clamped.
//
// Thread: GUI thread.
#pragma once

#include "colorramp.h"
#include "valuestretch.h"

#include <QStringList>
#include <QWidget>

namespace lodestone {

/** \brief Colour bar with value labels. */
class ColorBarLegend : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTicks = 5;

    explicit ColorBarLegend(QWidget *parent = nullptr);

    /** \brief Shows ramp with the values of stretch; units may be empty. */
    void setContent(const ColorRamp &ramp, const ValueStretch &stretch, const QString &units, int decimals);
    void clear();
    bool isEmpty() const { return m_labels.isEmpty(); }
    /** \brief The value labels, from the top (high end) to the bottom. */
    QStringList labels() const { return m_labels; }
    QString title() const { return m_title; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ColorRamp m_ramp;
    QStringList m_labels;
    QString m_title;
};

} // namespace lodestone
