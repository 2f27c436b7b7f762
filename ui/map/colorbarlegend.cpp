// ColorBarLegend: labels computed when the content changes; painting only lays them out.
#include "colorbarlegend.h"

#include "valueformat.h"

#include <QPainter>

namespace lodestone {

ColorBarLegend::ColorBarLegend(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
}

void ColorBarLegend::setContent(const ColorRamp &ramp, const ValueStretch &stretch, const QString &units, int decimals)
{
    m_ramp = ramp;
    m_labels.clear();
    const QString suffix = units.isEmpty() ? QString() : QLatin1Char(' ') + units;
    for (int i = kTicks - 1; i >= 0; --i) {
        const double t = double(i) / (kTicks - 1);
        QString label = ValueFormat::number(stretch.valueAt(t), decimals) + suffix;
        if (i == kTicks - 1 && stretch.clipsHigh())
            label = QStringLiteral("≥ ") + label;
        else if (i == 0 && stretch.clipsLow())
            label = QStringLiteral("≤ ") + label;
        m_labels << label;
    }
    switch (stretch.mode()) {
    case RenderSettings::Stretch::HistogramEqualize: m_title = tr("Histogram equalised"); break;
    case RenderSettings::Stretch::PercentClip: m_title = tr("Percentile cut"); break;
    case RenderSettings::Stretch::MinMax: m_title = tr("Linear, minimum to maximum"); break;
    }
    updateGeometry();
    update();
}

void ColorBarLegend::clear()
{
    m_labels.clear();
    m_title.clear();
    update();
}

QSize ColorBarLegend::sizeHint() const
{
    return QSize(180, 200);
}

QSize ColorBarLegend::minimumSizeHint() const
{
    return QSize(120, 5 * fontMetrics().height() + 24);
}

void ColorBarLegend::paintEvent(QPaintEvent *)
{
    if (m_labels.isEmpty())
        return;
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int titleH = fm.height() + 4;
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, m_title);

    const int barW = 22;
    const int top = titleH + fm.height() / 2, bottom = height() - fm.height() / 2 - 1;
    const int barH = std::max(1, bottom - top);
    QImage bar(1, barH, QImage::Format_RGB32);
    for (int y = 0; y < barH; ++y)
        bar.setPixel(0, y, m_ramp.rgbAt(1.0 - double(y) / std::max(1, barH - 1)));
    const QRect barRect(2, top, barW, barH);
    p.drawImage(barRect, bar);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(barRect.adjusted(0, 0, -1, -1));

    p.setPen(palette().color(QPalette::WindowText));
    for (int i = 0; i < m_labels.size(); ++i) {
        const int y = top + int(std::lround(double(i) * (barH - 1) / (m_labels.size() - 1)));
        p.drawLine(barRect.right() + 1, y, barRect.right() + 5, y);
        p.drawText(QRect(barRect.right() + 9, y - fm.height() / 2, width() - barRect.right() - 9, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, m_labels[i]);
    }
}

} // namespace lodestone
