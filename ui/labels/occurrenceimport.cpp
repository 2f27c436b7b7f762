// OccurrenceImport: the same core calls as lodestone-cli run --points, merged into the labels already there.
#include "occurrenceimport.h"

#include "error.h"
#include "mapevaluation.h"

#include <QFileInfo>

namespace lodestone {

bool OccurrenceImport::isTable(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("csv") || suffix == QLatin1String("txt") || suffix == QLatin1String("tsv");
}

QString OccurrenceImport::dialogFilter()
{
    return tr("Occurrences (*.csv *.txt *.shp *.gpkg *.geojson *.json)") + QStringLiteral(";;") +
           tr("CSV with X/Y columns (*.csv *.txt)") + QStringLiteral(";;") + tr("Shapefile (*.shp)") +
           QStringLiteral(";;") + tr("GeoPackage (*.gpkg)") + QStringLiteral(";;") + tr("GeoJSON (*.geojson *.json)") +
           QStringLiteral(";;") + tr("All files (*)");
}

OccurrenceImport::Result OccurrenceImport::run(const Options &options, const LabelImage &current, const Raster &survey)
{
    if (!current.grid.sameGrid(survey.grid) || current.values.size() != survey.grid.pixelCount())
        throw Error(ErrorCode::GridMismatch, "The labels are not on the survey's grid.");
    Result result;
    const PointSet points = readPoints(options.path.toStdString(), options.crs.toStdString());
    result.points = points.size();
    const LabelImage burned = labelsFromPoints(
        points, survey, options.skipOutside ? OutsidePolicy::Skip : OutsidePolicy::Error, &result.report);

    result.labels = current;
    const LabelOrigins pointOrigins = labelOriginsFromPoints(points, survey.grid);
    result.origins.attributeNames = pointOrigins.attributeNames;
    for (std::size_t i = 0; i < burned.values.size(); ++i) {
        if (burned.values[i] != LabelDeposit)
            continue;
        if (result.labels.values[i] != LabelDeposit) {
            result.labels.values[i] = LabelDeposit;
            ++result.newDeposits;
        }
        // Every point's pixel, also one labelled deposit already (painted, say): its attributes name it.
        const auto it = pointOrigins.pixels.find(i);
        result.origins.pixels[i] =
            it != pointOrigins.pixels.end() ? it->second : LabelOrigin{LabelSource::ImportedPoint, {}};
    }
    if (options.negatives > 0) {
        // The draw sees the deposits alone (these occurrences' and any already labelled), not the non-deposits: the
        // same file, settings and seed draw the same pixels whatever non-deposits are already there, so importing
        // twice adds nothing new. On labels holding nothing else it is the draw of lodestone-cli run --points.
        LabelImage drawn = result.labels;
        for (uint8_t &v : drawn.values)
            if (v == LabelNonDeposit)
                v = LabelUnknown;
        addRandomNegatives(drawn, survey, points, options.negatives, options.negativeMinDistance, options.seed);
        for (std::size_t i = 0; i < drawn.values.size(); ++i) {
            if (drawn.values[i] != LabelNonDeposit)
                continue;
            if (result.labels.values[i] == LabelNonDeposit) {
                ++result.drawnOnNonDeposits;
            } else {
                result.labels.values[i] = LabelNonDeposit;
                ++result.newNegatives;
                result.origins.pixels[i] = LabelOrigin{LabelSource::RandomNegative, {}};
            }
        }
    }
    return result;
}

OccurrenceImport::Validation OccurrenceImport::readValidation(const QString &path, const QString &crs,
                                                              const Raster &survey)
{
    Validation v;
    const PointSet points = readPoints(path.toStdString(), crs.toStdString());
    v.points = points.size();
    const LabelImage burned = labelsFromPoints(points, survey, OutsidePolicy::Skip, &v.report);
    v.pixels = depositPixels(burned.values, survey.valid);
    return v;
}

} // namespace lodestone
