// CRS names from WKT: the first quoted string is the CRS's name; the authority of the CRS as a whole is the
// ID[...] or AUTHORITY[...] node at the outermost nesting level. The linear unit of a projected CRS is its own
// UNIT[...] or LENGTHUNIT[...] node (WKT1 and WKT2 put it at the outermost level, or in WKT2 inside each AXIS);
// the units of the base geographic CRS and of the projection's parameters are nested deeper and ignored.
#include "crsinfo.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace lodestone {

CrsInfo::CrsInfo(const QString &wkt)
{
    const QString text = wkt.trimmed();
    if (text.isEmpty())
        return;
    const QString keyword = text.section(QLatin1Char('['), 0, 0).trimmed().toUpper();
    m_geographic = keyword == QLatin1String("GEOGCS") || keyword == QLatin1String("GEOGCRS")
        || keyword == QLatin1String("GEOGRAPHICCRS");

    const int open = text.indexOf(QLatin1Char('"'));
    const int close = open >= 0 ? text.indexOf(QLatin1Char('"'), open + 1) : -1;
    if (close > open)
        m_name = text.mid(open + 1, close - open - 1);

    // Walk the text, tracking depth outside quotes; remember ID/AUTHORITY nodes found at depth 1.
    int depth = 0;
    bool quoted = false;
    QString lastTopLevelId;
    QString firstUnit;
    QString depth1Keyword;
    for (int i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == QLatin1Char('"')) {
            quoted = !quoted;
            continue;
        }
        if (quoted)
            continue;
        if (ch == QLatin1Char('[') || ch == QLatin1Char('(')) {
            if (depth == 1) {
                // The keyword just before this bracket.
                int k = i - 1;
                while (k >= 0 && text.at(k).isLetter())
                    --k;
                const QString key = text.mid(k + 1, i - k - 1).toUpper();
                depth1Keyword = key;
                if (firstUnit.isEmpty() && (key == QLatin1String("UNIT") || key == QLatin1String("LENGTHUNIT")))
                    firstUnit = text.mid(i + 1, 80);
                if (key == QLatin1String("ID") || key == QLatin1String("AUTHORITY")) {
                    static const QRegularExpression re(QStringLiteral("^\\s*\"([^\"]+)\"\\s*,\\s*\"?([^\",\\]]+)\"?"));
                    const auto m = re.match(text.mid(i + 1, 64));
                    if (m.hasMatch())
                        lastTopLevelId = m.captured(1).trimmed() + QLatin1Char(':') + m.captured(2).trimmed();
                }
            } else if (depth == 2 && depth1Keyword == QLatin1String("AXIS") && firstUnit.isEmpty()) {
                int k = i - 1;
                while (k >= 0 && text.at(k).isLetter())
                    --k;
                if (text.mid(k + 1, i - k - 1).toUpper() == QLatin1String("LENGTHUNIT"))
                    firstUnit = text.mid(i + 1, 80);
            }
            ++depth;
        } else if (ch == QLatin1Char(']') || ch == QLatin1Char(')')) {
            --depth;
        }
    }
    m_authId = lastTopLevelId;
    if (m_geographic) {
        m_linearUnit = 0.0;
    } else if (!firstUnit.isEmpty()) {
        static const QRegularExpression unit(QStringLiteral("^\\s*\"[^\"]*\"\\s*,\\s*([0-9.eE+-]+)"));
        const auto m = unit.match(firstUnit);
        bool ok = false;
        const double factor = m.hasMatch() ? m.captured(1).toDouble(&ok) : 0.0;
        if (ok && factor > 0)
            m_linearUnit = factor;
    }
}

QString CrsInfo::shortName() const
{
    if (!m_authId.isEmpty())
        return m_authId;
    if (!m_name.isEmpty())
        return m_name;
    return QCoreApplication::translate("CrsInfo", "unknown CRS");
}

} // namespace lodestone
