// MapDecorations: drawn in black and white only, so they read on any map and in greyscale print.
#include "mapdecorations.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace lodestone {

namespace {

QString zeroText()
{
    return QLocale().toString(0);
}

} // namespace

QSizeF MapDecorations::scaleBarSize(QPainter &painter, const ScaleBar &bar, double bandHeight)
{
    const QFontMetricsF fm(painter.font());
    // The first and last labels are centred on the ends of the bar.
    const double left = fm.horizontalAdvance(zeroText()) / 2;
    const double right = fm.horizontalAdvance(bar.label) / 2;
    return QSizeF(left + bar.pixels + right, bandHeight + 2 + fm.height());
}

QRectF MapDecorations::paintScaleBar(QPainter &painter, const QPointF &origin, const ScaleBar &bar, double bandHeight)
{
    if (!bar.isValid())
        return {};
    painter.save();
    const QFontMetricsF fm(painter.font());
    const double segment = bar.pixels / std::max(1, bar.segments);
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < bar.segments; ++i) {
        painter.setBrush(i % 2 == 0 ? Qt::black : Qt::white);
        painter.drawRect(QRectF(origin.x() + i * segment, origin.y(), segment, bandHeight));
    }
    QPen outline(Qt::black);
    outline.setWidthF(std::max(1.0, bandHeight / 8));
    outline.setJoinStyle(Qt::MiterJoin);
    painter.setPen(outline);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(origin, QSizeF(bar.pixels, bandHeight)));

    painter.setPen(Qt::black);
    const double textTop = origin.y() + bandHeight + 2;
    auto label = [&](double x, const QString &text) {
        const double w = fm.horizontalAdvance(text);
        painter.drawText(QRectF(x - w / 2 - 1, textTop, w + 2, fm.height()), Qt::AlignCenter, text);
    };
    label(origin.x(), zeroText());
    // The middle length only where it clears its neighbours by a space.
    const QString middle = MapScale::lengthText(bar.metres / 2);
    const double gap = fm.horizontalAdvance(QLatin1Char(' '));
    const double middleHalf = fm.horizontalAdvance(middle) / 2;
    if (bar.segments >= 4 && bar.pixels / 2 >= middleHalf + fm.horizontalAdvance(bar.label) / 2 + gap &&
        bar.pixels / 2 >= middleHalf + fm.horizontalAdvance(zeroText()) / 2 + gap)
        label(origin.x() + bar.pixels / 2, middle);
    label(origin.x() + bar.pixels, bar.label);
    painter.restore();
    const QSizeF size = scaleBarSize(painter, bar, bandHeight);
    return QRectF(origin.x() - fm.horizontalAdvance(zeroText()) / 2, origin.y(), size.width(), size.height());
}

void MapDecorations::paintNorthArrow(QPainter &painter, const QRectF &box)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    const QFontMetricsF fm(font);
    const double textHeight = fm.height();
    const QRectF arrowBox(box.left(), box.top(), box.width(), std::max(1.0, box.height() - textHeight));
    const double cx = arrowBox.center().x();
    const double w = std::min(arrowBox.width(), arrowBox.height() * 0.6) / 2;
    const QPointF tip(cx, arrowBox.top());
    const QPointF base(cx, arrowBox.bottom() - arrowBox.height() * 0.2);
    const QPointF left(cx - w, arrowBox.bottom());
    const QPointF right(cx + w, arrowBox.bottom());
    QPainterPath leftHalf;
    leftHalf.moveTo(tip);
    leftHalf.lineTo(left);
    leftHalf.lineTo(base);
    leftHalf.closeSubpath();
    QPainterPath rightHalf;
    rightHalf.moveTo(tip);
    rightHalf.lineTo(base);
    rightHalf.lineTo(right);
    rightHalf.closeSubpath();
    QPen pen(Qt::black);
    pen.setWidthF(std::max(1.0, w / 8));
    pen.setJoinStyle(Qt::MiterJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::black);
    painter.drawPath(leftHalf);
    painter.setBrush(Qt::white);
    painter.drawPath(rightHalf);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(box.left(), arrowBox.bottom(), box.width(), textHeight), Qt::AlignCenter,
                     QCoreApplication::translate("MapDecorations", "N", "north arrow"));
    painter.restore();
}

} // namespace lodestone
