// MapIcons: 32 px drawings in the palette's text colour, scaled down by QIcon as needed.
#include "mapicons.h"

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

void magnifier(QPainter &p)
{
    p.drawEllipse(QPointF(13, 13), 9, 9);
    QPen pen = p.pen();
    pen.setWidthF(4.0);
    p.setPen(pen);
    p.drawLine(QPointF(20, 20), QPointF(28, 28));
    pen.setWidthF(2.5);
    p.setPen(pen);
}

} // namespace

QIcon MapIcons::pan()
{
    return draw([](QPainter &p) {
        // Four arrows from the centre.
        p.drawLine(QPointF(16, 3), QPointF(16, 29));
        p.drawLine(QPointF(3, 16), QPointF(29, 16));
        const QPointF tips[4] = {{16, 3}, {16, 29}, {3, 16}, {29, 16}};
        const QPointF dirs[4] = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}};
        for (int i = 0; i < 4; ++i) {
            const QPointF n(dirs[i].y(), dirs[i].x());
            p.drawLine(tips[i], tips[i] + dirs[i] * 5 + n * 4);
            p.drawLine(tips[i], tips[i] + dirs[i] * 5 - n * 4);
        }
    });
}

QIcon MapIcons::zoomIn()
{
    return draw([](QPainter &p) {
        magnifier(p);
        p.drawLine(QPointF(9, 13), QPointF(17, 13));
        p.drawLine(QPointF(13, 9), QPointF(13, 17));
    });
}

QIcon MapIcons::zoomOut()
{
    return draw([](QPainter &p) {
        magnifier(p);
        p.drawLine(QPointF(9, 13), QPointF(17, 13));
    });
}

QIcon MapIcons::zoomFull()
{
    return draw([](QPainter &p) {
        // Corner brackets around a small map.
        const double a = 4, b = 28, l = 7;
        p.drawPolyline(QPolygonF({{a, a + l}, {a, a}, {a + l, a}}));
        p.drawPolyline(QPolygonF({{b - l, a}, {b, a}, {b, a + l}}));
        p.drawPolyline(QPolygonF({{a, b - l}, {a, b}, {a + l, b}}));
        p.drawPolyline(QPolygonF({{b - l, b}, {b, b}, {b, b - l}}));
        p.setBrush(QColor(0x2a, 0x78, 0x8e));
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(10, 10, 12, 12));
    });
}

QIcon MapIcons::application()
{
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/lodestone-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace lodestone
