// LabelIcons: 32 px drawings in the palette's text colour, scaled down by QIcon as needed.
#include "labelicons.h"

#include "labellayer.h"
#include "labels.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

#include <functional>

namespace lodestone {

namespace {

QIcon draw(const std::function<void(QPainter &)> &paint)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(
        QPen(QApplication::palette().color(QPalette::WindowText), 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    paint(p);
    p.end();
    return QIcon(pixmap);
}

void arrow(QPainter &p, bool forward)
{
    // A half-turn arrow: an arc with a head, pointing left (undo) or right (redo).
    p.save();
    if (forward) {
        p.translate(32, 0);
        p.scale(-1, 1);
    }
    QPainterPath arc;
    arc.moveTo(8, 13);
    arc.lineTo(20, 13);
    arc.cubicTo(29, 13, 29, 27, 20, 27);
    arc.lineTo(12, 27);
    p.drawPath(arc);
    p.drawPolyline(QPolygonF({{13, 7}, {7, 13}, {13, 19}}));
    p.restore();
}

} // namespace

QIcon LabelIcons::classSwatch(uint8_t value)
{
    return draw([value](QPainter &p) {
        QPen pen = p.pen();
        pen.setWidthF(1.5);
        p.setPen(pen);
        const QRectF square(5.5, 5.5, 21, 21);
        if (value == LabelUnknown) {
            p.setBrush(Qt::white);
            p.drawRect(square);
            pen.setWidthF(2.5);
            pen.setColor(QColor(200, 40, 40));
            p.setPen(pen);
            p.drawLine(square.bottomLeft() + QPointF(3, -3), square.topRight() + QPointF(-3, 3));
            return;
        }
        p.setBrush(LabelLayer::colorOf(value));
        p.drawRect(square);
    });
}

QIcon LabelIcons::paintBrush()
{
    return draw([](QPainter &p) {
        // A brush: handle, ferrule and a red tip, at an angle.
        p.translate(16, 16);
        p.rotate(45);
        p.drawLine(QPointF(0, -14), QPointF(0, -2));
        p.drawRect(QRectF(-3.5, -2, 7, 6));
        QPainterPath tip;
        tip.moveTo(-3.5, 4);
        tip.cubicTo(-4, 9, -1, 12, 0, 14);
        tip.cubicTo(1, 12, 4, 9, 3.5, 4);
        tip.closeSubpath();
        p.setBrush(LabelLayer::colorOf(LabelDeposit));
        p.drawPath(tip);
    });
}

QIcon LabelIcons::undo()
{
    return draw([](QPainter &p) { arrow(p, false); });
}

QIcon LabelIcons::redo()
{
    return draw([](QPainter &p) { arrow(p, true); });
}

QIcon LabelIcons::importPoints()
{
    return draw([](QPainter &p) {
        // Three occurrence points falling onto a grid.
        const QColor red = LabelLayer::colorOf(LabelDeposit);
        QPen pen = p.pen();
        pen.setWidthF(1.5);
        p.setPen(pen);
        for (int i = 0; i <= 3; ++i) {
            p.drawLine(QPointF(4, 4 + 8 * i), QPointF(28, 4 + 8 * i));
            p.drawLine(QPointF(4 + 8 * i, 4), QPointF(4 + 8 * i, 28));
        }
        p.setPen(Qt::NoPen);
        p.setBrush(red);
        for (const QPointF &c : {QPointF(8, 8), QPointF(24, 16), QPointF(16, 24)})
            p.drawEllipse(c, 3.5, 3.5);
    });
}

} // namespace lodestone
