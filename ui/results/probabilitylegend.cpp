// ProbabilityLegend: painted from ProbabilityLayer's own colour function, so legend and map always agree.
#include "probabilitylegend.h"

#include "probabilitylayer.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lodestone {

ProbabilityLegend::ProbabilityLegend(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Colours of the deposit probability; the marker shows the threshold"));
}

void ProbabilityLegend::setThreshold(double threshold, bool greyBelow)
{
    m_threshold = threshold;
    m_greyBelow = greyBelow;
    update();
}

QSize ProbabilityLegend::sizeHint() const
{
    return QSize(240, minimumSizeHint().height());
}

QSize ProbabilityLegend::minimumSizeHint() const
{
    return QSize(140, 2 * fontMetrics().height() + 26);
}

void ProbabilityLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int margin = fm.horizontalAdvance(QStringLiteral("0.00")) / 2 + 2;
    const QRect bar(margin, fm.height() + 6, std::max(10, width() - 2 * margin), 14);

    // Checkerboard under the bar so that transparency reads as transparency.
    const int cell = 5;
    for (int y = bar.top(); y <= bar.bottom(); y += cell)
        for (int x = bar.left(); x <= bar.right(); x += cell)
            p.fillRect(QRect(x, y, cell, cell).intersected(bar),
                       ((x - bar.left()) / cell + (y - bar.top()) / cell) % 2 ? QColor(200, 200, 200) : Qt::white);
    const auto below =
        m_greyBelow ? ProbabilityLayer::BelowThreshold::Grey : ProbabilityLayer::BelowThreshold::Transparent;
    QImage strip(bar.width(), 1, QImage::Format_ARGB32_Premultiplied);
    for (int x = 0; x < bar.width(); ++x)
        strip.setPixel(x, 0, ProbabilityLayer::colorOf(double(x) / std::max(1, bar.width() - 1), m_threshold, below));
    p.drawImage(bar, strip);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(bar.adjusted(0, 0, -1, -1));

    p.setPen(palette().color(QPalette::WindowText));
    for (int i = 0; i <= 4; ++i) {
        const double v = i / 4.0;
        const int x = bar.left() + int(std::lround(v * (bar.width() - 1)));
        p.drawLine(x, bar.bottom() + 1, x, bar.bottom() + 4);
        const QString text = QLocale().toString(v, 'f', 2);
        const int tw = fm.horizontalAdvance(text);
        p.drawText(QRect(x - tw / 2, bar.bottom() + 5, tw, fm.height()), Qt::AlignCenter, text);
    }
    // Threshold marker: a triangle above the bar and its value.
    if (m_threshold > 0) {
        const int x = bar.left() + int(std::lround(m_threshold * (bar.width() - 1)));
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(palette().color(QPalette::WindowText));
        const QPointF tri[3] = {QPointF(x, bar.top() - 1), QPointF(x - 5, bar.top() - 7),
                                QPointF(x + 5, bar.top() - 7)};
        p.drawPolygon(tri, 3);
        p.drawLine(x, bar.top(), x, bar.bottom());
        const QString text = tr("threshold %1").arg(QLocale().toString(m_threshold, 'f', 2));
        const int tw = fm.horizontalAdvance(text);
        const int tx = std::clamp(x - tw / 2, 0, std::max(0, width() - tw));
        p.drawText(QRect(tx, 0, tw, fm.height()), Qt::AlignCenter, text);
    }
}

} // namespace lodestone
