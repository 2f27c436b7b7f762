// ResultLoader: a result written by core (writePipelineOutputs, the CLI's writer) reads back with both
// cross-validation schemes, the evaluation's rows, AUCs and curves, the ensemble size and its uncertainty map;
// an older report without those fields still reads.
#include "jsonwriter.h"
#include "raster.h"
#include "resultfixture.h"
#include "resultloader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace lodestone;

namespace {

void compareCurves(const RateCurve &read, const RateCurve &written)
{
    QCOMPARE(read.occurrences, written.occurrences);
    QVERIFY(std::abs(read.auc - written.auc) < 1e-9); // %.10g in the JSON
    QCOMPARE(read.area.size(), written.area.size());
    QCOMPARE(read.captured.size(), written.captured.size());
    for (std::size_t i = 0; i < read.area.size(); ++i) {
        QVERIFY(std::abs(read.area[i] - written.area[i]) < 1e-9);
        QVERIFY(std::abs(read.captured[i] - written.captured[i]) < 1e-9);
    }
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
        JsonWriter j;
        j.beginObject();
        j.key("labels");
        j.beginObject();
        j.field("deposit", 12);
        j.field("non_deposit", 12);
        j.endObject();
        j.field("loss_per_epoch", std::vector<double>{0.03, 0.02});
        j.key("cross_validation");
        j.beginObject();
        j.key("pixel-features");
        j.beginObject();
        j.field("accuracy", 0.75);
        j.field("folds", 5);
        j.endObject();
        j.endObject();
        j.endObject();
        PipelineResult r;
        ResultLoader::readReport(QByteArray::fromStdString(j.str()), r);
        QCOMPARE(r.crossValidation.size(), std::size_t(1));
        QCOMPARE(r.crossValidation[0].accuracy, 0.75);
        QCOMPARE(r.crossValidation[0].scheme, CvScheme::Random);
        QVERIFY(std::isnan(r.crossValidation[0].auc));
        QVERIFY(r.spatialCrossValidation.empty());
        QVERIFY(r.evaluation.empty());
        QCOMPARE(r.ensemble, 1);
        QCOMPARE(r.deposits, std::size_t(12));
    }
};

QTEST_MAIN(TestResultLoader)
#include "test_resultloader.moc"
