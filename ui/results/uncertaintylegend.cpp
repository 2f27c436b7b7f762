// UncertaintyLegend: a strip of UncertaintyLayer::colorOf() with ticks at quarters of the maximum.
#include "uncertaintylegend.h"

#include "uncertaintylayer.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lodestone {

UncertaintyLegend::UncertaintyLegend(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Colours of the uncertainty layer: the standard deviation of the deposit probability over the "
                  "networks of the ensemble"));
}

void UncertaintyLegend::setMaximum(double maximum)
{
    m_maximum = maximum;
    update();
}

QStringList UncertaintyLegend::labels() const
{
    QStringList out;
    if (!(m_maximum > 0))
        return out;
    // The fewest decimals that write every quarter point exactly (0.125 for a maximum of 0.5), at most 4.
    int decimals = 1;
    for (; decimals < 4; ++decimals) {
        const double scale = std::pow(10.0, decimals);
        bool exact = true;
        for (int i = 0; i < kTicks; ++i) {
            const double v = m_maximum * i / (kTicks - 1) * scale;
            exact = exact && std::abs(v - std::round(v)) < 1e-6;
        }
        if (exact)
            break;
    }
    for (int i = 0; i < kTicks; ++i)
        out << QLocale().toString(m_maximum * i / (kTicks - 1), 'f', decimals);
    return out;
}

QSize UncertaintyLegend::sizeHint() const
{
    return QSize(240, minimumSizeHint().height());
}

QSize UncertaintyLegend::minimumSizeHint() const
{
    return QSize(140, fontMetrics().height() + 24);
}

void UncertaintyLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const QStringList values = labels();
    const int margin = fm.horizontalAdvance(values.isEmpty() ? QStringLiteral("0.00") : values.back()) / 2 + 2;
    const QRect bar(margin, 2, std::max(10, width() - 2 * margin), 14);
    QImage strip(bar.width(), 1, QImage::Format_ARGB32_Premultiplied);
    for (int x = 0; x < bar.width(); ++x)
        strip.setPixel(x, 0, UncertaintyLayer::colorOf(double(x) / std::max(1, bar.width() - 1), 1.0));
    p.drawImage(bar, strip);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    for (int i = 0; i < int(values.size()); ++i) {
        const int x = bar.left() + int(std::lround(double(i) / (kTicks - 1) * (bar.width() - 1)));
        p.drawLine(x, bar.bottom() + 1, x, bar.bottom() + 4);
        const int tw = fm.horizontalAdvance(values[i]);
        p.drawText(QRect(x - tw / 2, bar.bottom() + 5, tw, fm.height()), Qt::AlignCenter, values[i]);
    }
}

} // namespace lodestone
