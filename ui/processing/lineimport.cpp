// LineImport: name rules for the columns, and the same sequence of core calls as lodestone-cli grid.
#include "lineimport.h"

#include "crsinfo.h"
#include "error.h"
#include "feedback.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace lodestone {

namespace {

int findName(const QStringList &columns, const QStringList &exact, const QStringList &partial)
{
    for (const QString &name : exact) {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i].trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return i;
        }
    }
    for (const QString &part : partial) {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i].contains(part, Qt::CaseInsensitive))
                return i;
        }
    }
    return -1;
}

bool number(const std::string &text, double &value)
{
    bool ok = false;
    value = QString::fromStdString(text).trimmed().replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&ok);
    return ok && std::isfinite(value);
}

LineReadOptions readOptions(const LineImportSettings &s)
{
    LineReadOptions o;
    o.xColumn = s.xColumn.toStdString();
    o.yColumn = s.yColumn.toStdString();
    o.valueColumn = s.valueColumn.toStdString();
    o.crs = s.sourceCrs.trimmed().toStdString();
    return o;
}

QString distance(double d)
{
    return QLocale().toString(d, 'g', d >= 100 ? 4 : 3);
}

} // namespace

int LineImport::guessXColumn(const QStringList &columns)
{
    return findName(columns,
                    {QStringLiteral("x"), QStringLiteral("easting"), QStringLiteral("east"), QStringLiteral("lon"),
                     QStringLiteral("long"), QStringLiteral("longitude")},
                    {QStringLiteral("easting"), QStringLiteral("longitude"), QStringLiteral("lon")});
}

int LineImport::guessYColumn(const QStringList &columns)
{
    return findName(columns,
                    {QStringLiteral("y"), QStringLiteral("northing"), QStringLiteral("north"), QStringLiteral("lat"),
                     QStringLiteral("latitude")},
                    {QStringLiteral("northing"), QStringLiteral("latitude"), QStringLiteral("lat")});
}

int LineImport::guessValueColumn(const QStringList &columns, const std::vector<std::vector<std::string>> &rows, int x,
                                 int y)
{
    for (const QString &part :
         {QStringLiteral("anomaly"), QStringLiteral("tmi"), QStringLiteral("tfa"), QStringLiteral("total_field"),
          QStringLiteral("totalfield"), QStringLiteral("mag"), QStringLiteral("field"), QStringLiteral("nt")}) {
        for (int i = 0; i < columns.size(); ++i) {
            if (i != x && i != y && columns[i].contains(part, Qt::CaseInsensitive))
                return i;
        }
    }
    // Else the first numeric column that is not a position, a line number, a time or a height.
    static const QRegularExpression skip(QStringLiteral("line|fid|flight|time|date|height|alt|elev|radar|gps|z$"),
                                         QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; i < columns.size(); ++i) {
        if (i == x || i == y || skip.match(columns[i]).hasMatch())
            continue;
        double v;
        if (!rows.empty() && std::size_t(i) < rows.front().size() && number(rows.front()[std::size_t(i)], v))
            return i;
    }
    return -1;
}

bool LineImport::looksGeographic(const QStringList &columns, const std::vector<std::vector<std::string>> &rows, int x,
                                 int y)
{
    if (x < 0 || y < 0 || x >= columns.size() || y >= columns.size())
        return false;
    if (columns[x].contains(QStringLiteral("lon"), Qt::CaseInsensitive) &&
        columns[y].contains(QStringLiteral("lat"), Qt::CaseInsensitive))
        return true;
    if (rows.empty())
        return false;
    bool fractional = false;
    for (const auto &row : rows) {
        double vx, vy;
        if (std::size_t(std::max(x, y)) >= row.size() || !number(row[std::size_t(x)], vx) ||
            !number(row[std::size_t(y)], vy))
            return false;
        if (vx < -180 || vx > 360 || vy < -90 || vy > 90)
            return false;
        fractional = fractional || vx != std::floor(vx) || vy != std::floor(vy);
    }
    return fractional;
}

QString LineImport::defaultOutput(const QString &path)
{
    const QFileInfo file(path);
    QString base = file.fileName();
    static const QRegularExpression suffixes(
        QStringLiteral("(\\.(csv|txt|tsv|xyz|dat|shp|gpkg|geojson|json))?(\\.(gz|xz))?$"),
        QRegularExpression::CaseInsensitiveOption);
    base.remove(suffixes);
    if (base.isEmpty())
        base = QStringLiteral("grid");
    return file.dir().filePath(base + QStringLiteral(".tif"));
}

LineAnalysis LineImport::analyse(const LineImportSettings &settings, Feedback *feedback)
{
    LineData data = readLineData(settings.path.toStdString(), readOptions(settings), feedback);
    LineAnalysis a;
    a.readings = data.size();
    a.skipped = data.skipped;
    a.utmCrs = QString::fromStdString(utmCrsForLineData(data));
    a.geographic = CrsInfo(QString::fromStdString(data.crsWkt)).isGeographic();
    a.targetCrs = settings.targetCrs.trimmed();
    if (a.targetCrs.isEmpty() && a.geographic)
        a.targetCrs = a.utmCrs;
    if (!a.targetCrs.isEmpty() && !data.crsWkt.empty()) {
        checkCanceled(feedback);
        reprojectLineData(data, crsWktFromUserInput(a.targetCrs.toStdString()), feedback);
    }
    checkCanceled(feedback);
    a.geometry = estimateLineGeometry(data.x, data.y);
    const LineGeometry &g = a.geometry;
    const bool degrees = a.geographic && a.targetCrs.isEmpty();
    const QString unit = degrees ? tr("°") : tr(" m");
    if (g.lineSpacing > 0) {
        a.suggestedCell = roundCellSize(g.lineSpacing / 4);
        a.cellReason = tr("About a quarter of the line spacing: the flight lines are %1%2 apart (median) and a "
                          "reading is taken every %3%2 along them.")
                           .arg(distance(g.lineSpacing), unit, distance(g.readingSpacing));
    } else if (g.areaSpacing > 0) {
        a.suggestedCell = roundCellSize(g.areaSpacing);
        a.cellReason = tr("No regular flight lines were found: about the mean distance between readings, %1%2.")
                           .arg(distance(g.areaSpacing), unit);
    }
    return a;
}

LineImportResult LineImport::run(const LineImportSettings &s, Feedback *feedback)
{
    const std::string path = s.path.toStdString();
    GriddingParams params;
    params.cell = s.cell;
    params.tension = s.tension;
    std::string toCrs;
    if (s.onSurveyGrid) {
        params.grid = s.surveyGrid;
        toCrs = s.surveyGrid.crsWkt;
        params.cell = std::abs(s.surveyGrid.geoTransform[1]);
    } else if (!s.targetCrs.trimmed().isEmpty()) {
        toCrs = crsWktFromUserInput(s.targetCrs.trimmed().toStdString(), path);
    }
    params.maxDistance =
        s.maxDistanceCells < 0 ? std::numeric_limits<double>::infinity() : s.maxDistanceCells * params.cell;
    LineData data = readLineData(path, readOptions(s), feedback);
    std::vector<std::string> warnings;
    if (data.skipped)
        warnings.push_back(std::to_string(data.skipped) + " rows of " + path + " without numbers in " + data.xColumn +
                           ", " + data.yColumn + " or " + data.valueColumn + " were skipped.");
    if (!toCrs.empty() && data.crsWkt.empty()) {
        warnings.push_back(path + " declares no CRS, so its coordinates were taken to be in the grid's.");
    } else if (!toCrs.empty()) {
        const std::size_t dropped = reprojectLineData(data, toCrs, feedback);
        if (dropped)
            warnings.push_back(std::to_string(dropped) + " readings of " + path +
                               " could not be reprojected and were dropped.");
    }
    LineImportResult out;
    if (s.leaveOutCrossLines) {
        std::vector<std::uint8_t> along;
        const LineGeometry g = estimateLineGeometry(data.x, data.y, &along);
        out.crossLinesLeftOut = g.crossLines;
        out.crossReadingsLeftOut = g.crossReadings;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < data.size(); ++i) {
            if (!along[i])
                continue;
            data.x[kept] = data.x[i];
            data.y[kept] = data.y[i];
            data.value[kept] = data.value[i];
            ++kept;
        }
        data.x.resize(kept);
        data.y.resize(kept);
        data.value.resize(kept);
    }
    out.grid = gridLineData(data, params, feedback);
    warnings.insert(warnings.end(), out.grid.warnings.begin(), out.grid.warnings.end());
    out.grid.warnings = warnings;
    writeGriddingResult(s.output.toStdString(), out.grid, data.valueColumn, feedback);
    return out;
}

} // namespace lodestone
