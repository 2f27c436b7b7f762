// ResultWriter and ReportCsv: exported GeoTIFFs read back in GDAL with the survey's grid and CRS and the values
// exactly as computed (never rescaled), the class map's palette, the provenance sidecars, and the reports.
#include "evaluation.h"
#include "raster.h"
#include "reportcsv.h"
#include "resultfixture.h"
#include "resultwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

using namespace lodestone;

namespace {

ExportSource fixtureSource()
{
    ExportSource s;
    s.result = test::fixtureResult();
    s.params.seed = 42;
    s.params.mode = SvmMode::PatchSamples;
    s.context.surveyPath = "/data/survey.tif";
    s.context.labelsPath = "/data/labels.tif";
    s.context.labelsKind = "raster";
    return s;
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestResultWriter : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void theClassMapReadsBackWithItsPaletteAndCrs()
    {
        const ExportSource s = fixtureSource();
        const std::string path = m_dir.filePath(QStringLiteral("classes.tif")).toStdString();
        ResultWriter::writeClasses(path, s);
        const RasterInfo info = readRasterInfo(path);
        QVERIFY(info.grid.sameGrid(s.result->grid));
        QCOMPARE(QString::fromStdString(info.grid.crsWkt).contains(QStringLiteral("3067")), true);
        const ByteRaster back = readByteRaster(path);
        QVERIFY(back.data == s.result->classes);
        QVERIFY(back.hasNoData);
        QCOMPARE(back.noData, 255.0);
        const QJsonObject sidecar = readJson(QString::fromStdString(ResultWriter::provenancePath(path)));
        QVERIFY(sidecar.value(QStringLiteral("content")).toString().contains(QStringLiteral("patch-samples")));
        QCOMPARE(sidecar.value(QStringLiteral("report")).toObject().value(QStringLiteral("seed")).toInt(), 42);
    }
    void probabilityIsWrittenAsComputed()
    {
        const ExportSource s = fixtureSource();
        const std::string path = m_dir.filePath(QStringLiteral("probability.tif")).toStdString();
        ResultWriter::writeProbability(path, s);
        const Raster back = readRaster(path);
        QVERIFY(back.grid.sameGrid(s.result->grid));
        QVERIFY(QString::fromStdString(back.grid.crsWkt).contains(QStringLiteral("3067")));
        for (std::size_t i = 0; i < back.data.size(); ++i) {
            if (std::isnan(s.result->probability[i]))
                QVERIFY(!back.valid[i]);
            else
                QCOMPARE(back.data[i], s.result->probability[i]);
        }
        QVERIFY(QFile::exists(QString::fromStdString(ResultWriter::provenancePath(path))));
    }
    void featuresAreOneMultiBandFileWithNamedBands()
    {
        const ExportSource s = fixtureSource();
        const std::string path = m_dir.filePath(QStringLiteral("features.tif")).toStdString();
        ResultWriter::writeFeatures(path, s);
        const RasterInfo info = readRasterInfo(path);
        QCOMPARE(info.bandCount, 2);
        QCOMPARE(info.bandDescriptions.at(0), std::string("layer1_filter01"));
        const Raster band1 = readRaster(path, 1);
        QCOMPARE(band1.at(19, 9), 19009.0f); // col * 1000 + row: not normalised
        const Raster band2 = readRaster(path, 2);
        QCOMPARE(band2.at(5, 7), -7.0f);
    }
    void reportsAsJsonAndCsv()
    {
        const ExportSource s = fixtureSource();
        const QString json = m_dir.filePath(QStringLiteral("report.json"));
        ResultWriter::writeReportJson(json.toStdString(), s);
        const QJsonObject report = readJson(json);
        QCOMPARE(report.value(QStringLiteral("seed")).toInt(), 42);
        QVERIFY(report.value(QStringLiteral("cross_validation")).toObject().contains(QStringLiteral("patch-samples")));

        const QString csvPath = m_dir.filePath(QStringLiteral("report.csv"));
        ResultWriter::writeReportCsv(csvPath.toStdString(), s);
        QFile f(csvPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        QCOMPARE(lines.at(0), QString::fromStdString(ReportCsv::header()));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("pixel-features,no,0.875,")));
        QVERIFY2(lines.at(1).endsWith(QStringLiteral(",10,2,1,11,random,0")), qPrintable(lines.at(1)));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("patch-samples,yes,0.875,1,0.75,")));
        QVERIFY(
            lines.contains(QStringLiteral("confusion_matrix,patch-samples,random,rows reference / columns predicted")));
        QVERIFY(lines.contains(QStringLiteral("non_deposit,12,0")));
        QVERIFY(lines.contains(QStringLiteral("deposit,3,9")));
    }
    void csvCarriesBothSchemesAndTheEvaluation()
    {
        ExportSource s = fixtureSource();
        s.result = test::fixtureEnsembleResult();
        const QString csvPath = m_dir.filePath(QStringLiteral("report-evaluation.csv"));
        ResultWriter::writeReportCsv(csvPath.toStdString(), s);
        QFile f(csvPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        // Random folds, then spatial folds, each with the AUC of its held-out decision values.
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("pixel-features,no,0.875,")), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(1).endsWith(QStringLiteral(",random,0.9")), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).endsWith(QStringLiteral(",random,0.8")), qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).startsWith(QStringLiteral("pixel-features,no,0.775,")), qPrintable(lines.at(3)));
        QVERIFY2(lines.at(3).endsWith(QStringLiteral(",spatial,0.7")), qPrintable(lines.at(3)));
        QVERIFY(lines.contains(
            QStringLiteral("confusion_matrix,patch-samples,spatial,rows reference / columns predicted")));
        // The evaluation table: one row per score, the model first, with its AUCs and captured shares.
        const int head = int(lines.indexOf(QStringLiteral("evaluation,headline,prediction")));
        QVERIFY2(head > 0, qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(lines.at(head + 1), QStringLiteral("score,success_auc,held_out_auc,prediction_auc,headline_auc,"
                                                    "captured_top_2pct,captured_top_5pct,captured_top_10pct,"
                                                    "captured_top_20pct"));
        const MapEvaluation &e = s.result->evaluation;
        for (std::size_t i = 0; i < e.rows.size(); ++i) {
            const QStringList cells = lines.at(head + 2 + int(i)).split(QLatin1Char(','));
            QCOMPARE(cells.size(), 9);
            QCOMPARE(cells.at(0), QString::fromStdString(e.rows[i].name));
            QVERIFY(std::abs(cells.at(1).toDouble() - e.rows[i].success.auc) < 1e-9);
            QVERIFY(std::abs(cells.at(3).toDouble() - e.rows[i].prediction.auc) < 1e-9);
            QVERIFY(std::abs(cells.at(4).toDouble() - e.headlineAuc(e.rows[i])) < 1e-9);
            QVERIFY(std::abs(cells.at(8).toDouble() - capturedInTop(e.rows[i].prediction, 0.2)) < 1e-9);
        }
    }
    void everythingIntoAFolderLikeTheCommandLine()
    {
        const ExportSource s = fixtureSource();
        const QString folder = m_dir.filePath(QStringLiteral("all"));
        ResultWriter::writeAll(folder.toStdString(), s);
        for (const char *name : {"classes.tif", "probability.tif", "features.tif", "report.json"})
            QVERIFY2(QFile::exists(QDir(folder).filePath(QString::fromLatin1(name))), name);
        QVERIFY(!QFile::exists(QDir(folder).filePath(QStringLiteral("model.pt")))); // the fixture has no model
    }
    void aFolderThatCannotBeWrittenIsAnError()
    {
        const ExportSource s = fixtureSource();
        QString message;
        try {
            ResultWriter::writeClasses("/proc/lodestone-cannot-write/classes.tif", s);
        } catch (const std::exception &e) {
            message = QString::fromUtf8(e.what());
        }
        QVERIFY2(message.contains(QStringLiteral("/proc/lodestone-cannot-write/classes.tif")), qPrintable(message));
    }
    void aSingleRasterIsStyledLikeTheCommandLinesOutputs()
    {
        // A class map exported under another name: its QGIS style, class names, attribute table and provenance
        // beside it, as lodestone-cli run writes them, and no staging folder left behind.
        QTemporaryDir dir;
        const ExportSource s = fixtureSource();
        const QString path = dir.filePath(QStringLiteral("kolari-classes.tif"));
        ResultWriter::writeClasses(path.toStdString(), s);
        QFile qml(dir.filePath(QStringLiteral("kolari-classes.qml")));
        QVERIFY(qml.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&qml);
        QStringList classes;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("paletteEntry"))
                classes << xml.attributes().value(QLatin1String("label")).toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(classes, QStringList({QStringLiteral("non-deposit"), QStringLiteral("deposit")}));
        // Category names and the raster attribute table live in GDAL's .aux.xml for a GeoTIFF.
        QFile aux(path + QStringLiteral(".aux.xml"));
        QVERIFY(aux.open(QIODevice::ReadOnly));
        const QString pam = QString::fromUtf8(aux.readAll());
        QVERIFY2(pam.contains(QStringLiteral("<Category>non-deposit</Category>")), qPrintable(pam));
        QVERIFY(pam.contains(QStringLiteral("<Category>deposit</Category>")));
        QVERIFY(pam.contains(QStringLiteral("GDALRasterAttributeTable")));
        // Provenance as TIFF metadata: the seed, the survey and the class threshold.
        QFile tiff(path);
        QVERIFY(tiff.open(QIODevice::ReadOnly));
        const QByteArray bytes = tiff.readAll();
        QVERIFY(bytes.contains("<Item name=\"LODESTONE_SEED\">42</Item>"));
        QVERIFY(bytes.contains("<Item name=\"LODESTONE_SURVEY\">survey.tif (band 1)</Item>"));
        QVERIFY(bytes.contains("<Item name=\"LODESTONE_CLASS_THRESHOLD\">0.5</Item>"));
        QVERIFY(readByteRaster(path.toStdString()).data == s.result->classes);
        QVERIFY(QFile::exists(QString::fromStdString(ResultWriter::provenancePath(path.toStdString()))));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 4);

        // The probability map: the viridis style with the threshold in its legend; no stale .aux.xml of an
        // earlier file of the same name.
        ResultWriter::writeProbability(path.toStdString(), s);
        QVERIFY(!QFile::exists(path + QStringLiteral(".aux.xml")));
        QFile ramp(dir.filePath(QStringLiteral("kolari-classes.qml")));
        QVERIFY(ramp.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ramp.readAll());
        QVERIFY(text.contains(QStringLiteral("singlebandpseudocolor")));
        QVERIFY(text.contains(QStringLiteral("0.50 class threshold")));
    }
    void theUncertaintyOfAnEnsemble()
    {
        QTemporaryDir dir;
        ExportSource s = fixtureSource();
        auto result = std::make_shared<PipelineResult>(*s.result);
        const QString path = dir.filePath(QStringLiteral("uncertainty.tif"));
        s.result = result;
        QString message;
        try {
            ResultWriter::writeUncertainty(path.toStdString(), s);
        } catch (const std::exception &e) {
            message = QString::fromUtf8(e.what());
        }
        QVERIFY2(message.contains(path) && message.contains(QStringLiteral("no uncertainty")), qPrintable(message));
        result->ensemble = 3;
        result->uncertainty.assign(result->probability.size(), 0.125f);
        ResultWriter::writeUncertainty(path.toStdString(), s);
        QCOMPARE(readRaster(path.toStdString()).data[50], 0.125f);
        QFile qml(dir.filePath(QStringLiteral("uncertainty.qml")));
        QVERIFY(qml.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(qml.readAll()).contains(QStringLiteral("members agree")));
    }
};

QTEST_MAIN(TestResultWriter)
#include "test_resultwriter.moc"
