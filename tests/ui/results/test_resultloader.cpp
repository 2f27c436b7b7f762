// ResultLoader: a result written by core (writePipelineOutputs, the CLI's writer) reads back with both
// cross-validation schemes, the evaluation's rows, AUCs and curves, the ensemble size and its uncertainty map;
// an older report without those fields still reads; every double reads back exactly. A folder holding what no run
// writes (other classes, probabilities missing or out of range, a negative label count) is refused, naming the file.
#include "error.h"
#include "raster.h"
#include "resultfixture.h"
#include "resultloader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace lodestone;

namespace {

/** The same double, bit for bit (NaN for NaN): report.json keeps every digit. */
bool same(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

void compareCurves(const RateCurve &read, const RateCurve &written)
{
    QCOMPARE(read.occurrences, written.occurrences);
    QVERIFY(std::abs(read.auc - written.auc) < 1e-9 || (std::isnan(read.auc) && std::isnan(written.auc)));
    QVERIFY(same(read.auc, written.auc));
    QCOMPARE(read.area.size(), written.area.size());
    QCOMPARE(read.captured.size(), written.captured.size());
    for (std::size_t i = 0; i < read.area.size(); ++i) {
        QVERIFY(std::abs(read.area[i] - written.area[i]) < 1e-9);
        QVERIFY(std::abs(read.captured[i] - written.captured[i]) < 1e-9);
        QVERIFY(same(read.area[i], written.area[i]));
        QVERIFY(same(read.captured[i], written.captured[i]));
    }
}

/** The message of the Error that f throws; empty when it throws none. */
template <typename F> QString errorOf(F f)
{
    try {
        f();
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

Raster surveyOf(const PipelineResult &r)
{
    Raster survey;
    survey.grid = r.grid;
    survey.valid = r.valid;
    survey.data.assign(r.valid.size(), 0.0f);
    return survey;
}

} // namespace

class TestResultLoader : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void aWrittenResultReadsBackWithItsEvaluation()
    {
        const auto written = test::fixtureEnsembleResult();
        PipelineParams params;
        params.ensemble = 3;
        RunContext context;
        context.surveyPath = "survey.tif";
        const QString folder = m_dir.filePath(QStringLiteral("run"));
        writePipelineOutputs(*written, params, context, folder.toStdString(), nullptr, false);
        QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("uncertainty.tif"))));
        QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("report.html"))));

        Raster survey;
        survey.grid = written->grid;
        survey.valid = written->valid;
        survey.data.assign(written->valid.size(), 0.0f);
        QVERIFY(ResultLoader::hasResult(folder));
        const PipelineResult read = ResultLoader::read(folder, survey);

        QCOMPARE(read.ensemble, 3);
        QCOMPARE(read.uncertainty.size(), written->uncertainty.size());
        for (std::size_t i = 0; i < read.uncertainty.size(); ++i) {
            if (std::isnan(written->uncertainty[i]))
                QVERIFY(std::isnan(read.uncertainty[i]));
            else
                QCOMPARE(read.uncertainty[i], written->uncertainty[i]);
        }

        QCOMPARE(read.crossValidation.size(), written->crossValidation.size());
        QCOMPARE(read.spatialCrossValidation.size(), std::size_t(2));
        QCOMPARE(read.crossValidation[0].scheme, CvScheme::Random);
        QCOMPARE(read.crossValidation[0].auc, 0.9);
        QCOMPARE(read.spatialCrossValidation[1].scheme, CvScheme::Spatial);
        QCOMPARE(read.spatialCrossValidation[1].mode, SvmMode::PatchSamples);
        QCOMPARE(read.spatialCrossValidation[1].groups, 7);
        QCOMPARE(read.spatialCrossValidation[1].auc, 0.7);
        QVERIFY(std::abs(read.spatialCrossValidation[1].accuracy - written->spatialCrossValidation[1].accuracy) < 1e-9);
        QVERIFY(same(read.spatialCrossValidation[1].accuracy, written->spatialCrossValidation[1].accuracy));

        const MapEvaluation &e = read.evaluation, &w = written->evaluation;
        QCOMPARE(e.rows.size(), w.rows.size());
        QCOMPARE(e.validationUsed, 9);
        QCOMPARE(e.validationGiven, 10);
        QCOMPARE(e.heldOutGroups, 3);
        QCOMPARE(e.groupDistance, 20.0);
        QCOMPARE(e.notes.size(), std::size_t(1));
        QCOMPARE(e.headline(), std::string("prediction"));
        QCOMPARE(e.bestBaseline(), w.bestBaseline());
        for (std::size_t r = 0; r < w.rows.size(); ++r) {
            QCOMPARE(e.rows[r].name, w.rows[r].name);
            QCOMPARE(e.rows[r].title, w.rows[r].title);
            QCOMPARE(e.rows[r].isModel, w.rows[r].isModel);
            compareCurves(e.rows[r].success, w.rows[r].success);
            compareCurves(e.rows[r].heldOut, w.rows[r].heldOut);
            compareCurves(e.rows[r].prediction, w.rows[r].prediction);
        }
        QVERIFY(e.rows.front().isModel);
        QVERIFY(!e.rows[1].isModel);
    }
    void anOlderReportReadsWithoutTheNewFields()
    {
        const auto written = test::fixtureResult();
        // As an earlier version wrote it: no schema_version, ten significant digits, no newer fields.
        const char *json = R"({
  "labels": {
    "deposit": 12,
    "non_deposit": 12
  },
  "loss_per_epoch": [
    0.03,
    0.02
  ],
  "cross_validation": {
    "pixel-features": {
      "accuracy": 0.75,
      "folds": 5
    }
  }
})";
        PipelineResult r;
        ResultLoader::readReport(QByteArray(json), r);
        QCOMPARE(r.crossValidation.size(), std::size_t(1));
        QCOMPARE(r.crossValidation[0].accuracy, 0.75);
        QCOMPARE(r.crossValidation[0].scheme, CvScheme::Random);
        QVERIFY(std::isnan(r.crossValidation[0].auc));
        QVERIFY(r.spatialCrossValidation.empty());
        QVERIFY(r.evaluation.empty());
        QCOMPARE(r.ensemble, 1);
        QCOMPARE(r.deposits, std::size_t(12));
        QCOMPARE(r.history.epochLoss, (std::vector<double>{0.03, 0.02}));
    }
    void aFolderHoldingWhatNoRunWritesIsRefused()
    {
        const auto written = test::fixtureResult();
        const PipelineParams params;
        RunContext context;
        context.surveyPath = "survey.tif";
        const QString folder = m_dir.filePath(QStringLiteral("crafted"));
        writePipelineOutputs(*written, params, context, folder.toStdString(), nullptr, false);
        const Raster survey = surveyOf(*written);
        QCOMPARE(ResultLoader::read(folder, survey).classes, written->classes);

        const std::string classesPath = QDir(folder).filePath(QStringLiteral("classes.tif")).toStdString();
        for (uint8_t bad : {uint8_t(7), uint8_t(200)}) {
            std::vector<uint8_t> classes = written->classes;
            classes[45] = bad;
            writeByteGeoTiff(classesPath, written->grid, classes.data(), 255, classColorTable());
            const QString e = errorOf([&] { ResultLoader::read(folder, survey); });
            QVERIFY2(e.contains(QString::fromStdString(classesPath)), qPrintable(e));
            QVERIFY2(e.contains(QStringLiteral("pixel 45 holds the class %1").arg(bad)), qPrintable(e));
        }
        writeByteGeoTiff(classesPath, written->grid, written->classes.data(), 255, classColorTable());

        const std::string probabilityPath = QDir(folder).filePath(QStringLiteral("probability.tif")).toStdString();
        std::vector<float> probability = written->probability;
        probability[45] = NAN; // written as nodata, on a classified pixel
        writeFloatGeoTiff(probabilityPath, written->grid, {probability.data()}, -9999.0f);
        QString e = errorOf([&] { ResultLoader::read(folder, survey); });
        QVERIFY2(e.contains(QStringLiteral("pixel 45 is classified there but has no probability")), qPrintable(e));
        probability[45] = 1.5f;
        writeFloatGeoTiff(probabilityPath, written->grid, {probability.data()}, -9999.0f);
        e = errorOf([&] { ResultLoader::read(folder, survey); });
        QVERIFY2(e.contains(QString::fromStdString(probabilityPath)), qPrintable(e));
        QVERIFY2(e.contains(QStringLiteral("pixel 45 holds 1.5")), qPrintable(e));
        writeFloatGeoTiff(probabilityPath, written->grid, {written->probability.data()}, -9999.0f);
        QCOMPARE(ResultLoader::read(folder, survey).probability.size(), written->probability.size());

        // A label count of -1 used to read as 18446744073709551615 deposits.
        const QString reportPath = QDir(folder).filePath(QStringLiteral("report.json"));
        QFile report(reportPath);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray text = report.readAll();
        report.close();
        const QByteArray deposits = "\"deposit\": " + QByteArray::number(qulonglong(written->deposits));
        QVERIFY(text.contains(deposits));
        QByteArray crafted = text;
        crafted.replace(deposits, "\"deposit\": -1");
        QVERIFY(report.open(QIODevice::WriteOnly | QIODevice::Truncate));
        report.write(crafted);
        report.close();
        e = errorOf([&] { ResultLoader::read(folder, survey); });
        QCOMPARE(e, QDir::toNativeSeparators(reportPath) +
                        QStringLiteral(": 'labels.deposit' must be a whole number from 0 to 1000000000000, not -1."));
    }
    void reportValuesOfTheWrongTypeAreRefusedNamingTheKey()
    {
        PipelineResult r;
        const auto refusal = [&](const char *json) {
            return errorOf([&] { ResultLoader::readReport(QByteArray(json), r); });
        };
        QCOMPARE(refusal(R"({"ensemble": "three"})"),
                 QStringLiteral("report.json: 'ensemble' must be a whole number from 1 to 1000, not \"three\"."));
        QCOMPARE(refusal(R"({"cross_validation": {"pixel-features": {"auc": 7}}})"),
                 QStringLiteral("report.json: 'cross_validation.pixel-features.auc' must be a number from 0 to 1, "
                                "not 7."));
        QCOMPARE(refusal("[1, 2]"),
                 QStringLiteral("report.json is not a Lodestone report: its JSON text is not an object."));
        QVERIFY(refusal("{").startsWith(QStringLiteral("report.json is not valid JSON text")));
    }
};

QTEST_MAIN(TestResultLoader)
#include "test_resultloader.moc"
