// MapComposer: the layers are drawn by their own paint() through a painter that maps grid pixels to the map, as
// the canvas does; the legend reads each layer's colours from the same functions the layers draw with, so it
// shows exactly what the map shows.
#include "mapcomposer.h"

#include "classmaplayer.h"
#include "experiments.h"
#include "labeldocument.h"
#include "labellayer.h"
#include "labels.h"
#include "layerstack.h"
#include "lodestone_version.h"
#include "mapcanvas.h"
#include "mapdecorations.h"
#include "maplayer.h"
#include "probabilitylayer.h"
#include "rasterlayer.h"
#include "uncertaintylayer.h"
#include "validationpointlayer.h"
#include "valueformat.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <functional>

namespace lodestone {

namespace {

// Layout of the frames, in logical (canvas) pixels.
constexpr double kMargin = 10; // between the map's edge and a frame
constexpr double kPadding = 8; // inside a frame
constexpr double kFontPixels = 11;
constexpr double kSmallFontPixels = 10;
constexpr double kSwatch = 12; // side of a class swatch
constexpr double kRampHeight = 10;
constexpr double kLegendWidth = 200;
constexpr double kScaleBand = 6;
constexpr double kScaleBarMax = 180;
constexpr double kNorthArrowWidth = 22;
constexpr double kNorthArrowHeight = 40;

QFont mapFont(double pixels, bool bold = false)
{
    QFont font = QGuiApplication::font();
    font.setPixelSize(int(std::lround(pixels)));
    font.setBold(bold);
    font.setStyleStrategy(QFont::PreferAntialias);
    return font;
}

QVector<QRgb> rampOf(int steps, const std::function<QRgb(double)> &color)
{
    QVector<QRgb> ramp(steps);
    for (int i = 0; i < steps; ++i)
        ramp[i] = color(double(i) / (steps - 1));
    return ramp;
}

QString fixed(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

LegendSection probabilitySection(const ProbabilityLayer &layer)
{
    LegendSection s;
    s.title = MapComposer::tr("Deposit probability");
    LegendItem ramp;
    ramp.kind = LegendItem::Kind::Ramp;
    const double threshold = layer.threshold();
    const auto below = layer.belowThreshold();
    ramp.ramp = rampOf(256, [&](double t) { return ProbabilityLayer::colorOf(t, threshold, below); });
    for (double t : {0.0, 0.25, 0.5, 0.75, 1.0})
        ramp.ticks.append({t, fixed(t, 2)});
    if (threshold > 0) {
        ramp.marker = threshold;
        ramp.markerText = MapComposer::tr("threshold %1").arg(fixed(threshold, 2));
    }
    if (threshold > 0)
        ramp.text = below == ProbabilityLayer::BelowThreshold::Grey ? MapComposer::tr("grey below the threshold")
                                                                    : MapComposer::tr("not drawn below the threshold");
    s.items.append(ramp);
    return s;
}

LegendSection classSection()
{
    LegendSection s;
    s.title = MapComposer::tr("Class (deposit where probability ≥ %1)").arg(fixed(ClassThreshold, 2));
    LegendItem deposit;
    deposit.text = MapComposer::tr("deposit");
    deposit.color = ClassMapLayer::colorOf(1);
    LegendItem barren;
    barren.text = MapComposer::tr("non-deposit");
    barren.color = ClassMapLayer::colorOf(0);
    s.items = {deposit, barren};
    return s;
}

LegendSection uncertaintySection(const UncertaintyLayer &layer)
{
    LegendSection s;
    s.title = MapComposer::tr("Uncertainty (standard deviation of the ensemble)");
    const double top = layer.scaleMaximum() > 0 ? layer.scaleMaximum() : 0.5;
    LegendItem ramp;
    ramp.kind = LegendItem::Kind::Ramp;
    ramp.ramp = rampOf(256, [&](double t) { return UncertaintyLayer::colorOf(t * top, top); });
    const int decimals = ValueFormat::decimalsForRange(top);
    for (double t : {0.0, 0.5, 1.0})
        ramp.ticks.append({t, ValueFormat::number(t * top, decimals)});
    s.items.append(ramp);
    return s;
}

LegendSection rasterSection(const RasterLayer &layer)
{
    LegendSection s;
    s.title = layer.units().isEmpty() ? layer.name() : MapComposer::tr("%1 (%2)").arg(layer.name(), layer.units());
    const RasterRenderer &renderer = layer.renderer();
    const ValueStretch &stretch = renderer.stretch();
    LegendItem ramp;
    ramp.kind = LegendItem::Kind::Ramp;
    ramp.ramp = rampOf(256, [&](double t) { return renderer.ramp().rgbAt(t); });
    const int decimals = ValueFormat::decimalsForRange(stretch.high() - stretch.low());
    for (double t : {0.0, 0.5, 1.0}) {
        QString text = ValueFormat::number(stretch.valueAt(t), decimals);
        if (t == 0.0 && stretch.clipsLow())
            text = QStringLiteral("≤ ") + text;
        if (t == 1.0 && stretch.clipsHigh())
            text = QStringLiteral("≥ ") + text;
        ramp.ticks.append({t, text});
    }
    if (layer.settings().hillshade)
        ramp.text = MapComposer::tr("sun-shaded");
    s.items.append(ramp);
    return s;
}

LegendSection labelSection(const LabelLayer &layer)
{
    LegendSection s;
    LabelDocument *document = layer.document();
    if (!document || document->isEmpty())
        return s;
    const auto counts = document->counts();
    if (counts[LabelDeposit] + counts[LabelNonDeposit] == 0)
        return s;
    s.title = layer.name();
    LegendItem deposit;
    deposit.text =
        MapComposer::tr("deposit label (%1 cells)").arg(QLocale().toString(qulonglong(counts[LabelDeposit])));
    deposit.color = LabelLayer::colorOf(LabelDeposit);
    LegendItem barren;
    barren.text =
        MapComposer::tr("non-deposit label (%1 cells)").arg(QLocale().toString(qulonglong(counts[LabelNonDeposit])));
    barren.color = LabelLayer::colorOf(LabelNonDeposit);
    s.items = {deposit, barren};
    return s;
}

LegendSection validationSection(const ValidationPointLayer &layer)
{
    LegendSection s;
    s.title = layer.name();
    LegendItem marker;
    marker.kind = LegendItem::Kind::Marker;
    marker.color = ValidationPointLayer::fillColor();
    marker.text = MapComposer::tr("%n occurrence(s)", nullptr, layer.count());
    s.items.append(marker);
    return s;
}

double textWidth(const QFont &font, const QString &text)
{
    return QFontMetricsF(font).horizontalAdvance(text);
}

/** Text wrapped to width: the lines, greedily. */
QStringList wrap(const QFont &font, const QString &text, double width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && textWidth(font, candidate) > width) {
            lines << line;
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

void paintDiamond(QPainter &p, const QRectF &box, const QColor &fill)
{
    const QPointF c = box.center();
    const double r = std::min(box.width(), box.height()) / 2;
    const QPointF points[4] = {{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}};
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(40, 40, 40), 1));
    p.setBrush(fill);
    p.drawPolygon(points, 4);
    p.restore();
}

void paintChecker(QPainter &p, const QRectF &bar)
{
    const double cell = bar.height() / 2;
    for (double y = bar.top(); y < bar.bottom() - 1e-9; y += cell)
        for (double x = bar.left(); x < bar.right() - 1e-9; x += cell) {
            const bool dark =
                (int(std::lround((x - bar.left()) / cell)) + int(std::lround((y - bar.top()) / cell))) % 2;
            p.fillRect(QRectF(x, y, cell, cell).intersected(bar), dark ? QColor(205, 205, 205) : Qt::white);
        }
}

} // namespace

MapComposer::MapComposer(const MapCanvas &canvas) : m_canvas(canvas), m_date(QDate::currentDate())
{
    if (!canvas.hasGrid())
        return;
    const GridSpec &grid = canvas.grid();
    m_extent = canvas.visiblePixelRect().intersected(QRectF(0, 0, grid.width, grid.height));
    m_scale = canvas.transform().m11();
    m_aspect = m_scale > 0 ? canvas.transform().m22() / m_scale : 1.0;
    if (m_extent.isEmpty() || !(m_scale > 0))
        return;
    m_size = QSize(std::max(1, int(std::lround(m_extent.width() * m_scale))),
                   std::max(1, int(std::lround(m_extent.height() * m_scale * m_aspect))));
    m_mapScale = MapScale::forView(grid, canvas.crs(), m_extent.center(), m_scale);
    if (RasterLayer *reference = canvas.referenceLayer())
        m_source = QFileInfo(QString::fromStdString(reference->raster().path)).fileName();
}

QVector<LegendSection> MapComposer::legend() const
{
    QVector<LegendSection> sections;
    LayerStack *stack = m_canvas.layerStack();
    if (!stack)
        return sections;
    for (MapLayer *layer : stack->layers()) {
        if (!layer->isVisible() || layer->opacity() <= 0)
            continue;
        LegendSection s;
        if (auto *p = qobject_cast<ProbabilityLayer *>(layer))
            s = probabilitySection(*p);
        else if (qobject_cast<ClassMapLayer *>(layer))
            s = classSection();
        else if (auto *u = qobject_cast<UncertaintyLayer *>(layer))
            s = uncertaintySection(*u);
        else if (auto *r = qobject_cast<RasterLayer *>(layer))
            s = rasterSection(*r);
        else if (auto *l = qobject_cast<LabelLayer *>(layer))
            s = labelSection(*l);
        else if (auto *v = qobject_cast<ValidationPointLayer *>(layer))
            s = validationSection(*v);
        if (!s.items.isEmpty())
            sections.append(s);
    }
    return sections;
}

QPointF MapComposer::pixelToMap(const QPointF &pixel) const
{
    return m_canvas.pixelToMap(pixel);
}

MapLayout MapComposer::layout(QPainter &) const
{
    MapLayout l;
    l.map = QRectF(QPointF(0, 0), QSizeF(m_size));
    const QFont body = mapFont(kFontPixels);
    const QFont title = mapFont(kFontPixels, true);
    const QFont small = mapFont(kSmallFontPixels);
    const QFontMetricsF fb(body), ft(title), fs(small);

    // Legend: top right.
    const QVector<LegendSection> sections = legend();
    if (!sections.isEmpty()) {
        const double inner = kLegendWidth - 2 * kPadding;
        double y = kPadding;
        for (const LegendSection &s : sections) {
            y += wrap(title, s.title, inner).size() * ft.height() + 3;
            for (const LegendItem &item : s.items) {
                switch (item.kind) {
                case LegendItem::Kind::Swatch:
                case LegendItem::Kind::Marker:
                    l.itemRects.append(QRectF(kPadding, y + (fb.height() - kSwatch) / 2, kSwatch, kSwatch));
                    y += std::max(fb.height(), kSwatch) + 2;
                    break;
                case LegendItem::Kind::Ramp:
                    if (item.marker >= 0)
                        y += fs.height() + 7; // the marker's value and triangle
                    l.itemRects.append(QRectF(kPadding + fs.horizontalAdvance(QStringLiteral("0.00")) / 2, y,
                                              inner - fs.horizontalAdvance(QStringLiteral("0.00")), kRampHeight));
                    y += kRampHeight + 2 + fs.height();
                    if (!item.text.isEmpty())
                        y += fs.height();
                    y += 2;
                    break;
                }
            }
            y += 6;
        }
        const double height = y - 6 + kPadding;
        l.legend = QRectF(m_size.width() - kMargin - kLegendWidth, kMargin, kLegendWidth, height);
        for (QRectF &r : l.itemRects)
            r.translate(l.legend.topLeft());
    }

    // Scale bar, north arrow and the map's particulars: bottom left.
    const CrsInfo &crs = m_canvas.crs();
    QString crsText = MapComposer::tr("CRS: unknown (the grid has no coordinate reference system)");
    if (!crs.isEmpty())
        crsText = crs.authId().isEmpty() || crs.name().isEmpty()
                      ? MapComposer::tr("CRS: %1").arg(crs.shortName())
                      : MapComposer::tr("CRS: %1 (%2)").arg(crs.name(), crs.authId());
    l.infoLines << crsText;
    if (m_mapScale.isValid()) {
        const double mmWide = m_size.width() / kLogicalDotsPerInch * 25.4;
        const double mmHigh = m_size.height() / kLogicalDotsPerInch * 25.4;
        QString scale = MapComposer::tr("Scale %1 at %2 × %3 mm")
                            .arg(MapScale::ratioText(m_mapScale.denominator(kLogicalDotsPerInch)))
                            .arg(qRound(mmWide))
                            .arg(qRound(mmHigh));
        if (m_mapScale.isGeographic())
            scale += MapComposer::tr("; true along latitude %1°").arg(fixed(m_mapScale.latitude(), 2));
        l.infoLines << scale;
    } else {
        l.infoLines << MapComposer::tr("No scale: the grid has no coordinate reference system");
    }
    if (!m_source.isEmpty())
        l.infoLines << MapComposer::tr("Data: %1").arg(m_source);
    l.infoLines
        << MapComposer::tr("Lodestone %1, %2").arg(QStringLiteral(LODESTONE_VERSION), m_date.toString(Qt::ISODate));
    l.scaleBar = m_mapScale.scaleBar(std::min(kScaleBarMax, m_size.width() * 0.3));

    double textW = 0;
    for (const QString &line : l.infoLines)
        textW = std::max(textW, fs.horizontalAdvance(line));
    const double zero = fs.horizontalAdvance(QLocale().toString(0)) / 2;
    const double barW =
        l.scaleBar.isValid() ? zero + l.scaleBar.pixels + fs.horizontalAdvance(l.scaleBar.label) / 2 : 0;
    const double topRow = kNorthArrowHeight;
    const double width = std::max(textW, kNorthArrowWidth + 12 + barW) + 2 * kPadding;
    const double height = kPadding + topRow + 6 + l.infoLines.size() * fs.height() + kPadding;
    l.info = QRectF(kMargin, m_size.height() - kMargin - height, width, height);
    l.northArrow = QRectF(l.info.left() + kPadding, l.info.top() + kPadding, kNorthArrowWidth, kNorthArrowHeight);
    if (l.scaleBar.isValid()) {
        const double bandTop = l.northArrow.bottom() - kScaleBand - 2 - fs.height();
        l.scaleBarBand = QRectF(l.northArrow.right() + 12 + zero, bandTop, l.scaleBar.pixels, kScaleBand);
    }
    return l;
}

MapLayout MapComposer::paint(QPainter &painter, double factor) const
{
    MapLayout l;
    if (!isValid())
        return l;
    painter.save();
    painter.scale(factor, factor);
    l = layout(painter);
    painter.fillRect(l.map, Qt::white);

    // The layers, bottom first, through the canvas's mapping of grid pixels (with the cell's aspect ratio).
    if (LayerStack *stack = m_canvas.layerStack()) {
        const auto &layers = stack->layers();
        for (auto it = layers.crbegin(); it != layers.crend(); ++it) {
            MapLayer *layer = *it;
            if (!layer->isVisible() || layer->opacity() <= 0 || !layer->extent().intersects(m_extent))
                continue;
            painter.save();
            painter.setClipRect(l.map);
            painter.scale(m_scale, m_scale * m_aspect);
            painter.translate(-m_extent.topLeft());
            painter.setOpacity(layer->opacity());
            // The scale in the map's own pixels: markers keep their size on the map whatever the output factor.
            layer->paint(&painter, m_extent, m_scale);
            painter.restore();
        }
    }

    const QFont body = mapFont(kFontPixels);
    const QFont title = mapFont(kFontPixels, true);
    const QFont small = mapFont(kSmallFontPixels);
    const QFontMetricsF fb(body), ft(title), fs(small);
    const QPen framePen(QColor(0, 0, 0, 110), 0.8);
    const QColor frameFill(255, 255, 255, 228);

    // Legend.
    const QVector<LegendSection> sections = legend();
    if (!l.legend.isEmpty()) {
        painter.setPen(framePen);
        painter.setBrush(frameFill);
        painter.drawRect(l.legend);
        const double inner = kLegendWidth - 2 * kPadding;
        double y = l.legend.top() + kPadding;
        int index = 0;
        for (const LegendSection &s : sections) {
            painter.setFont(title);
            painter.setPen(Qt::black);
            for (const QString &line : wrap(title, s.title, inner)) {
                painter.drawText(QRectF(l.legend.left() + kPadding, y, inner, ft.height()),
                                 Qt::AlignLeft | Qt::AlignVCenter, line);
                y += ft.height();
            }
            y += 3;
            for (const LegendItem &item : s.items) {
                const QRectF r = l.itemRects.value(index++);
                switch (item.kind) {
                case LegendItem::Kind::Swatch:
                    painter.setPen(QPen(QColor(60, 60, 60), 0.8));
                    painter.setBrush(item.color);
                    painter.drawRect(r);
                    [[fallthrough]];
                case LegendItem::Kind::Marker:
                    if (item.kind == LegendItem::Kind::Marker)
                        paintDiamond(painter, r, item.color);
                    painter.setFont(body);
                    painter.setPen(Qt::black);
                    painter.drawText(QRectF(r.right() + 6, y, inner - kSwatch - 6, std::max(fb.height(), kSwatch)),
                                     Qt::AlignLeft | Qt::AlignVCenter, item.text);
                    y += std::max(fb.height(), kSwatch) + 2;
                    break;
                case LegendItem::Kind::Ramp: {
                    painter.setFont(small);
                    if (item.marker >= 0)
                        y += fs.height() + 7; // the marker's value and triangle
                    paintChecker(painter, r);
                    QImage strip(int(item.ramp.size()), 1, QImage::Format_ARGB32);
                    for (int i = 0; i < item.ramp.size(); ++i)
                        strip.setPixel(i, 0, item.ramp[i]);
                    painter.save();
                    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
                    painter.drawImage(r, strip);
                    painter.restore();
                    painter.setPen(QPen(QColor(60, 60, 60), 0.8));
                    painter.setBrush(Qt::NoBrush);
                    painter.drawRect(r);
                    painter.setPen(Qt::black);
                    for (const auto &[t, text] : item.ticks) {
                        const double x = r.left() + t * r.width();
                        painter.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() + 2));
                        const double w = fs.horizontalAdvance(text);
                        const double left = std::clamp(x - w / 2, l.legend.left() + 2, l.legend.right() - 2 - w);
                        painter.drawText(QRectF(left, r.bottom() + 2, w, fs.height()), Qt::AlignCenter, text);
                    }
                    if (item.marker >= 0) {
                        const double x = r.left() + item.marker * r.width();
                        painter.save();
                        painter.setRenderHint(QPainter::Antialiasing);
                        painter.setPen(QPen(Qt::black, 1.2));
                        painter.drawLine(QPointF(x, r.top() - 1), QPointF(x, r.bottom() + 1));
                        painter.setBrush(Qt::black);
                        painter.setPen(Qt::NoPen);
                        const QPointF tri[3] = {{x, r.top() - 1}, {x - 4, r.top() - 6}, {x + 4, r.top() - 6}};
                        painter.drawPolygon(tri, 3);
                        painter.restore();
                        const double w = fs.horizontalAdvance(item.markerText);
                        const double left = std::clamp(x - w / 2, l.legend.left() + 2, l.legend.right() - 2 - w);
                        painter.drawText(QRectF(left, r.top() - 6 - fs.height(), w, fs.height()), Qt::AlignCenter,
                                         item.markerText);
                    }
                    y = r.bottom() + 2 + fs.height();
                    if (!item.text.isEmpty()) {
                        painter.setPen(QColor(70, 70, 70));
                        painter.drawText(QRectF(l.legend.left() + kPadding, y, inner, fs.height()),
                                         Qt::AlignLeft | Qt::AlignVCenter, item.text);
                        y += fs.height();
                    }
                    y += 2;
                    break;
                }
                }
            }
            y += 6;
        }
    }

    // Scale bar, north arrow and particulars.
    painter.setPen(framePen);
    painter.setBrush(frameFill);
    painter.drawRect(l.info);
    MapDecorations::paintNorthArrow(painter, l.northArrow);
    painter.setFont(small);
    if (l.scaleBar.isValid())
        MapDecorations::paintScaleBar(painter, l.scaleBarBand.topLeft(), l.scaleBar, kScaleBand);
    painter.setPen(Qt::black);
    double y = l.northArrow.bottom() + 6;
    for (const QString &line : l.infoLines) {
        painter.drawText(QRectF(l.info.left() + kPadding, y, l.info.width() - 2 * kPadding, fs.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, line);
        y += fs.height();
    }

    // A thin neat line around the map.
    painter.setPen(QPen(QColor(40, 40, 40), 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.map.adjusted(0.5, 0.5, -0.5, -0.5));
    painter.restore();
    return l;
}

QImage MapComposer::render(double factor, MapLayout *layout) const
{
    if (!isValid())
        return {};
    QImage image(int(std::lround(m_size.width() * factor)), int(std::lround(m_size.height() * factor)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMetre = int(std::lround(kLogicalDotsPerInch * factor / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const MapLayout l = paint(painter, factor);
    painter.end();
    if (layout)
        *layout = l;
    return image.convertToFormat(QImage::Format_RGB32);
}

QString MapComposer::worldFile(double factor) const
{
    // The affine transform from image pixels to map coordinates, at the centre of the top-left pixel.
    auto mapOf = [&](double x, double y) {
        return pixelToMap(
            QPointF(m_extent.left() + x / (m_scale * factor), m_extent.top() + y / (m_scale * m_aspect * factor)));
    };
    const QPointF origin = mapOf(0.5, 0.5), right = mapOf(1.5, 0.5), down = mapOf(0.5, 1.5);
    QString text;
    QTextStream out(&text);
    out.setRealNumberPrecision(15);
    out << right.x() - origin.x() << '\n'
        << right.y() - origin.y() << '\n'
        << down.x() - origin.x() << '\n'
        << down.y() - origin.y() << '\n'
        << origin.x() << '\n'
        << origin.y() << '\n';
    return text;
}

QString MapComposer::writePng(const QString &path) const
{
    if (!isValid())
        return MapComposer::tr("There is no map to export: no part of the survey is in view.");
    const QImage image = render(kPngFactor);
    QSaveFile png(path);
    if (image.isNull() || !png.open(QIODevice::WriteOnly) || !image.save(&png, "PNG") || !png.commit())
        return MapComposer::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), png.errorString());
    const QFileInfo info(path);
    QSaveFile world(info.dir().filePath(info.completeBaseName() + QStringLiteral(".pgw")));
    if (!world.open(QIODevice::WriteOnly | QIODevice::Text) || world.write(worldFile(kPngFactor).toLatin1()) < 0 ||
        !world.commit())
        return MapComposer::tr("Cannot write %1: %2")
            .arg(QDir::toNativeSeparators(world.fileName()), world.errorString());
    return {};
}

QString MapComposer::writePdf(const QString &path) const
{
    if (!isValid())
        return MapComposer::tr("There is no map to export: no part of the survey is in view.");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return MapComposer::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    {
        QPdfWriter pdf(&file);
        const QSizeF mm(m_size.width() / kLogicalDotsPerInch * 25.4, m_size.height() / kLogicalDotsPerInch * 25.4);
        pdf.setPageSize(QPageSize(mm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
        pdf.setResolution(kPdfDotsPerInch);
        pdf.setCreator(QStringLiteral("Lodestone ") + QStringLiteral(LODESTONE_VERSION));
        pdf.setTitle(m_source.isEmpty() ? MapComposer::tr("Map") : MapComposer::tr("Map of %1").arg(m_source));
        QPainter painter;
        if (!painter.begin(&pdf))
            return MapComposer::tr("Cannot write %1: the PDF could not be started.")
                .arg(QDir::toNativeSeparators(path));
        painter.setRenderHint(QPainter::TextAntialiasing);
        paint(painter, kPdfDotsPerInch / kLogicalDotsPerInch);
        painter.end();
    }
    if (!file.commit())
        return MapComposer::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

} // namespace lodestone
