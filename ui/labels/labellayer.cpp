// LabelLayer: cells drawn from a one-pixel-per-cell image of the visible cells; markers rendered in device
// pixels and cached for the view.
#include "labellayer.h"

#include "labeldocument.h"
#include "labels.h"

#include <QLineF>
#include <QLocale>
#include <QPainter>
#include <QVector>

#include <algorithm>
#include <cmath>
#include <vector>

namespace lodestone {

namespace {

const QRgb kHalo = qRgb(255, 255, 255);

} // namespace

LabelLayer::LabelLayer(LabelDocument *document, const QString &name, QObject *parent)
    : MapLayer(name, parent), m_document(document)
{
    connect(document, &LabelDocument::labelsChanged, this, &LabelLayer::update);
    update(QRect());
}

QColor LabelLayer::colorOf(uint8_t value)
{
    switch (value) {
    case LabelDeposit: return QColor(228, 26, 28);
    case LabelNonDeposit: return QColor(33, 102, 232);
    default: return QColor(0, 0, 0, 0);
    }
}

LabelDocument *LabelLayer::document() const
{
    return m_document;
}

QRectF LabelLayer::extent() const
{
    if (!m_document)
        return QRectF();
    const GridSpec &grid = m_document->labels().grid;
    return QRectF(0, 0, grid.width, grid.height);
}

QString LabelLayer::toolTip() const
{
    if (!m_document)
        return name();
    const auto counts = m_document->counts();
    const QLocale locale;
    return tr("%1: %2 deposit and %3 non-deposit pixels")
        .arg(name(), locale.toString(qulonglong(counts[LabelDeposit])),
             locale.toString(qulonglong(counts[LabelNonDeposit])));
}

void LabelLayer::update(const QRect &)
{
    // Drawing reads the document directly; only the cached markers depend on the labels.
    ++m_generation;
    Q_EMIT repaintRequested();
}

QImage LabelLayer::imageOf(const LabelImage &labels, const QRect &cells)
{
    const QRect r = cells & QRect(0, 0, labels.grid.width, labels.grid.height);
    QImage image(r.size(), QImage::Format_ARGB32_Premultiplied);
    if (r.isEmpty())
        return image;
    const QRgb colors[3] = {colorOf(LabelNonDeposit).rgba(), colorOf(LabelDeposit).rgba(), 0};
    for (int row = r.top(); row <= r.bottom(); ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(row - r.top()));
        const uint8_t *values = labels.values.data() + std::size_t(row) * labels.grid.width;
        for (int col = r.left(); col <= r.right(); ++col)
            line[col - r.left()] = values[col] <= LabelUnknown ? colors[values[col]] : 0;
    }
    return image;
}

void LabelLayer::paint(QPainter *painter, const QRectF &exposed, double scale)
{
    if (!m_document || m_document->isEmpty())
        return;
    const auto counts = m_document->counts();
    if (counts[LabelDeposit] + counts[LabelNonDeposit] == 0)
        return;
    const LabelImage &labels = m_document->labels();
    const QRect cells = exposed.toAlignedRect() & QRect(0, 0, labels.grid.width, labels.grid.height);
    if (cells.isEmpty())
        return;
    const QTransform &t = painter->worldTransform();
    const double cellWidth = std::hypot(t.m11(), t.m12()), cellHeight = std::hypot(t.m21(), t.m22());
    // Device pixels per screen pixel: 1 on the canvas, more in a map exported at a higher resolution.
    const double ratio = scale > 0 && cellWidth > 0 ? cellWidth / scale : 1.0;
    const int side = std::max(1, int(std::lround(kMarkerPixels * ratio)));
    if (std::min(cellWidth, cellHeight) >= side)
        paintCells(painter, cells);
    else
        paintMarkers(painter, cells, side);
}

void LabelLayer::paintCells(QPainter *painter, const QRect &cells)
{
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter->setRenderHint(QPainter::Antialiasing, false);
    // Only the visible cells: zoomed in this far they are few (the viewport's pixels / 25 at most).
    painter->drawImage(QRectF(cells), imageOf(m_document->labels(), cells));
    // A white edge between a labelled cell and a cell of another value, so labels stand out from a colour
    // ramp that has red and blue in it.
    const LabelImage &labels = m_document->labels();
    const int w = labels.grid.width, h = labels.grid.height;
    auto value = [&](int c, int r) { return (c < 0 || r < 0 || c >= w || r >= h) ? LabelUnknown : labels.at(c, r); };
    QVector<QLineF> edges;
    for (int r = cells.top(); r <= cells.bottom(); ++r) {
        for (int c = cells.left(); c <= cells.right(); ++c) {
            const uint8_t v = labels.at(c, r);
            if (v == LabelUnknown)
                continue;
            if (value(c - 1, r) != v)
                edges.append(QLineF(c, r, c, r + 1));
            if (value(c + 1, r) != v)
                edges.append(QLineF(c + 1, r, c + 1, r + 1));
            if (value(c, r - 1) != v)
                edges.append(QLineF(c, r, c + 1, r));
            if (value(c, r + 1) != v)
                edges.append(QLineF(c, r + 1, c + 1, r + 1));
        }
    }
    if (!edges.isEmpty()) {
        QPen pen(QColor(255, 255, 255, 220), 1.0);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawLines(edges);
    }
    painter->restore();
}

void LabelLayer::paintMarkers(QPainter *painter, const QRect &cells, int side)
{
    const QTransform t = painter->worldTransform();
    QRect device = t.mapRect(QRectF(cells)).toAlignedRect().adjusted(-side, -side, side, side);
    if (painter->device())
        device &= QRect(0, 0, painter->device()->width(), painter->device()->height());
    if (device.isEmpty())
        return;
    if (m_markerGeneration != m_generation || m_markerTransform != t || m_markerDeviceRect != device ||
        m_markerCells != cells || m_markerSide != side) {
        m_markers = renderMarkers(t, cells, device, side);
        m_markerSide = side;
        m_markerGeneration = m_generation;
        m_markerTransform = t;
        m_markerDeviceRect = device;
        m_markerCells = cells;
    }
    painter->save();
    painter->resetTransform();
    painter->drawImage(device.topLeft(), m_markers);
    painter->restore();
}

QImage LabelLayer::renderMarkers(const QTransform &toDevice, const QRect &cells, const QRect &deviceRect,
                                 int side) const
{
    const int width = deviceRect.width(), height = deviceRect.height();
    // The strongest class at each device pixel (deposit over non-deposit), then one marker per such pixel.
    std::vector<uint8_t> hits(std::size_t(width) * height, 0);
    const LabelImage &labels = m_document->labels();
    for (int r = cells.top(); r <= cells.bottom(); ++r) {
        const uint8_t *values = labels.values.data() + std::size_t(r) * labels.grid.width;
        for (int c = cells.left(); c <= cells.right(); ++c) {
            const uint8_t v = values[c];
            if (v != LabelDeposit && v != LabelNonDeposit)
                continue;
            const QPointF p = toDevice.map(QPointF(c + 0.5, r + 0.5)) - QPointF(deviceRect.topLeft());
            const int x = int(std::floor(p.x())), y = int(std::floor(p.y()));
            if (x < 0 || y < 0 || x >= width || y >= height)
                continue;
            uint8_t &hit = hits[std::size_t(y) * width + x];
            hit = std::max<uint8_t>(hit, v == LabelDeposit ? 2 : 1);
        }
    }
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    auto fill = [&](int x0, int y0, int side, QRgb color) {
        const int x1 = std::min(width, x0 + side), y1 = std::min(height, y0 + side);
        for (int y = std::max(0, y0); y < y1; ++y) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            std::fill(line + std::max(0, x0), line + x1, color);
        }
    };
    const int half = side / 2;
    const int halo = std::max(1, int(std::lround(side / double(kMarkerPixels))));
    const QRgb colors[3] = {0, colorOf(LabelNonDeposit).rgba(), colorOf(LabelDeposit).rgba()};
    // Halos first, then non-deposit, then deposit on top, so that no halo covers a neighbour's colour.
    for (int pass = 0; pass < 3; ++pass) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const uint8_t hit = hits[std::size_t(y) * width + x];
                if (!hit)
                    continue;
                if (pass == 0)
                    fill(x - half - halo, y - half - halo, side + 2 * halo, kHalo);
                else if (hit == pass)
                    fill(x - half, y - half, side, colors[hit]);
            }
        }
    }
    return image;
}

} // namespace lodestone
