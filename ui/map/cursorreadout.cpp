// CursorReadout: one translated pattern per case (outside the grid, nodata, value).
#include "cursorreadout.h"

#include "classmaplayer.h"
#include "labeldocument.h"
#include "labellayer.h"
#include "labels.h"
#include "layerstack.h"
#include "pipeline.h"
#include "probabilitylayer.h"
#include "rasterlayer.h"
#include "valueformat.h"

#include <cmath>

namespace lodestone {

CursorReadout::CursorReadout(QWidget *parent) : QLabel(parent)
{
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMinimumWidth(fontMetrics().horizontalAdvance(
        QStringLiteral("0000000, 0000000 (EPSG:00000) | row 00000, col 00000 | value -00000.0 nT")));
}

void CursorReadout::setSurvey(const QString &crsShortName, const QString &units, double cellSize, double valueRange)
{
    m_crs = crsShortName;
    m_units = units;
    m_coordinateDecimals = ValueFormat::decimalsForCellSize(cellSize);
    m_valueDecimals = ValueFormat::decimalsForRange(valueRange);
}

void CursorReadout::setUnits(const QString &units)
{
    m_units = units;
}

void CursorReadout::setLayerStack(LayerStack *stack)
{
    m_stack = stack;
}

void CursorReadout::setSurveyLayer(const MapLayer *layer)
{
    m_surveyLayer = layer;
}

QString CursorReadout::topLayerText(const CanvasPosition &p) const
{
    if (!m_stack || !p.insideGrid)
        return {};
    for (MapLayer *layer : m_stack->layers()) {
        const auto *raster = qobject_cast<const RasterLayer *>(layer);
        if (!raster || !raster->isVisible())
            continue;
        if (raster == m_surveyLayer)
            return {};
        double value = 0.0;
        if (!raster->valueAt(p.col, p.row, &value))
            return tr("%1 no data").arg(raster->name());
        const BandStatistics &stats = raster->statistics();
        QString text = ValueFormat::number(value, ValueFormat::decimalsForRange(stats.maximum() - stats.minimum()));
        if (!raster->units().isEmpty())
            text += QLatin1Char(' ') + raster->units();
        return tr("%1 %2").arg(raster->name(), text);
    }
    return {};
}

QString CursorReadout::resultText(const CanvasPosition &p) const
{
    if (!m_stack || !p.insideGrid)
        return {};
    const ProbabilityLayer *probability = nullptr;
    const ClassMapLayer *classes = nullptr;
    const LabelLayer *labels = nullptr;
    for (MapLayer *layer : m_stack->layers()) {
        if (!probability)
            probability = qobject_cast<ProbabilityLayer *>(layer);
        if (!classes)
            classes = qobject_cast<ClassMapLayer *>(layer);
        if (!labels)
            labels = qobject_cast<LabelLayer *>(layer);
    }
    auto className = [](int cls) { return cls == 1 ? tr("deposit") : tr("non-deposit"); };
    QStringList result;
    if (probability) {
        const double v = probability->valueAt(p.col, p.row);
        // The spread of the same result's members (none for one member).
        double sd = std::nan("");
        if (const auto &r = probability->result();
            r && !r->uncertainty.empty() && r->grid.width > 0 && p.col < r->grid.width && p.row < r->grid.height)
            sd = r->uncertainty[std::size_t(p.row) * std::size_t(r->grid.width) + std::size_t(p.col)];
        if (std::isfinite(v) && std::isfinite(sd))
            result << tr("probability %1 (sd %2)").arg(ValueFormat::number(v, 2), ValueFormat::number(sd, 2));
        else if (std::isfinite(v))
            result << tr("probability %1").arg(ValueFormat::number(v, 2));
    }
    if (classes) {
        const int cls = classes->classAt(p.col, p.row);
        if (cls == 0 || cls == 1)
            result << tr("class %1").arg(className(cls));
    }
    QString text = result.join(QStringLiteral(", "));
    if (labels && labels->document()) {
        const uint8_t label = labels->document()->at(p.col, p.row);
        if (label == LabelDeposit || label == LabelNonDeposit) {
            const QString labelText = tr("label %1").arg(className(label == LabelDeposit ? 1 : 0));
            text = text.isEmpty() ? labelText : tr("%1 | %2").arg(text, labelText);
        }
    }
    return text;
}

QString CursorReadout::format(const CanvasPosition &p) const
{
    const QString xy = tr("%1, %2 (%3)")
                           .arg(ValueFormat::number(p.map.x(), m_coordinateDecimals),
                                ValueFormat::number(p.map.y(), m_coordinateDecimals), m_crs);
    if (!p.insideGrid)
        return xy;
    const QString cell = tr("row %1, col %2").arg(p.row).arg(p.col);
    QString text;
    if (!p.hasValue) {
        text = tr("%1 | %2 | no data").arg(xy, cell);
    } else {
        QString value = ValueFormat::number(p.value, m_valueDecimals);
        if (!m_units.isEmpty())
            value += QLatin1Char(' ') + m_units;
        text = tr("%1 | %2 | value %3").arg(xy, cell, value);
    }
    const QString top = topLayerText(p);
    if (!top.isEmpty())
        text = tr("%1 | %2").arg(text, top);
    const QString result = resultText(p);
    return result.isEmpty() ? text : tr("%1 | %2").arg(text, result);
}

void CursorReadout::showPosition(const CanvasPosition &position)
{
    setText(format(position));
}

void CursorReadout::clearPosition()
{
    clear();
}

} // namespace lodestone
