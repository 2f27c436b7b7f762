// CursorReadout: one translated pattern per case (outside the grid, nodata, value).
#include "cursorreadout.h"

#include "valueformat.h"

namespace lodestone {

CursorReadout::CursorReadout(QWidget *parent) : QLabel(parent)
{
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000, 0000000 (EPSG:00000) | row 00000, col 00000 | value -00000.0 nT")));
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

QString CursorReadout::format(const CanvasPosition &p) const
{
    const QString xy = tr("%1, %2 (%3)")
                           .arg(ValueFormat::number(p.map.x(), m_coordinateDecimals),
                                ValueFormat::number(p.map.y(), m_coordinateDecimals), m_crs);
    if (!p.insideGrid)
        return xy;
    const QString cell = tr("row %1, col %2").arg(p.row).arg(p.col);
    if (!p.hasValue)
        return tr("%1 | %2 | no data").arg(xy, cell);
    QString value = ValueFormat::number(p.value, m_valueDecimals);
    if (!m_units.isEmpty())
        value += QLatin1Char(' ') + m_units;
    return tr("%1 | %2 | value %3").arg(xy, cell, value);
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
