// ValueFormat: decimals from orders of magnitude; QLocale for the decimal separator.
#include "valueformat.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace lodestone {

int ValueFormat::decimalsForRange(double range)
{
    if (!(range > 0) || !std::isfinite(range))
        return 2;
    return std::clamp(4 - int(std::floor(std::log10(range))), 0, 8);
}

int ValueFormat::decimalsForCellSize(double cellSize)
{
    cellSize = std::abs(cellSize);
    if (!(cellSize > 0) || !std::isfinite(cellSize))
        return 2;
    return std::clamp(int(std::ceil(-std::log10(cellSize))) + 1, 0, 8);
}

QString ValueFormat::number(double v, int decimals)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    QString s = locale.toString(v, 'f', decimals);
    if (s.startsWith(QLatin1Char('-')) && locale.toDouble(s) == 0.0)
        s.remove(0, 1); // no "-0"
    return s;
}

} // namespace lodestone
