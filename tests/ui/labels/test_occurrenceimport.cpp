// OccurrenceImport: a CSV of points burns the expected pixels as deposit into the current labels, adds N
// random non-deposit pixels away from them, skips or refuses points outside the grid, and reports.
#include "error.h"
#include "labels.h"
#include "occurrenceimport.h"
#include "occurrenceimportdialog.h"
#include "testrasters.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lodestone;

class TestOccurrenceImport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Raster m_survey;

    QString writeCsv(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(text);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // 30 x 20 cells of 10 m, top-left corner (1000, 5000); column 0 is nodata.
        m_survey = test::makeRaster(30, 20, [](int c, int r) { return c == 0 ? NAN : float(c * r); });
    }

    void aCsvPointBurnsItsPixelAndNegativesAreAdded()
    {
        // (1055, 4975) is in cell (5, 2); (1205, 4855) in cell (20, 14).
        const QString csv = writeCsv(QStringLiteral("points.csv"), "id,X,Y\n1,1055,4975\n2,1205,4855\n");
        LabelImage current = emptyLabels(m_survey.grid);
        current.values[std::size_t(10) * 30 + 10] = LabelNonDeposit; // a label already there stays
        OccurrenceImport::Options options;
        options.path = csv;
        options.negatives = 25;
        options.negativeMinDistance = 30.0;
        options.seed = 7;
        const OccurrenceImport::Result result = OccurrenceImport::run(options, current, m_survey);
        QCOMPARE(result.points, std::size_t(2));
        QCOMPARE(result.newDeposits, std::size_t(2));
        // 25 drawn: new ones, and the one already there if the draw picked it.
        QCOMPARE(result.newNegatives + result.drawnOnNonDeposits, std::size_t(25));
        QVERIFY(result.drawnOnNonDeposits <= 1);
        QCOMPARE(result.labels.at(5, 2), LabelDeposit);
        QCOMPARE(result.labels.at(20, 14), LabelDeposit);
        QCOMPARE(result.labels.at(10, 10), LabelNonDeposit);
        QCOMPARE(result.labels.count(LabelDeposit), std::size_t(2));
        QCOMPARE(result.labels.count(LabelNonDeposit), 1 + result.newNegatives);
        // Negatives are on valid pixels, at least 30 m from both occurrences.
        for (int r = 0; r < 20; ++r) {
            for (int c = 0; c < 30; ++c) {
                if (result.labels.at(c, r) != LabelNonDeposit || (c == 10 && r == 10))
                    continue;
                QVERIFY(c != 0);
                const double d1 = std::hypot((c - 5) * 10.0, (r - 2) * 10.0);
                const double d2 = std::hypot((c - 20) * 10.0, (r - 14) * 10.0);
                QVERIFY(d1 >= 30.0 && d2 >= 30.0);
            }
        }
        // The same seed draws the same pixels.
        QCOMPARE(OccurrenceImport::run(options, current, m_survey).labels.values, result.labels.values);
        // Importing the same file again with the same settings changes nothing.
        const OccurrenceImport::Result again = OccurrenceImport::run(options, result.labels, m_survey);
        QCOMPARE(again.newDeposits, std::size_t(0));
        QCOMPARE(again.newNegatives, std::size_t(0));
        QCOMPARE(again.drawnOnNonDeposits, std::size_t(25));
        QCOMPARE(again.labels.values, result.labels.values);
        // The draw is the command line's: on empty labels, the pixels of addRandomNegatives() after the deposits.
        const OccurrenceImport::Result fresh = OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey);
        LabelImage cli = emptyLabels(m_survey.grid);
        cli.values[std::size_t(2) * 30 + 5] = cli.values[std::size_t(14) * 30 + 20] = LabelDeposit;
        addRandomNegatives(cli, m_survey, readPoints(csv.toStdString(), ""), 25, 30.0, 7);
        QCOMPARE(fresh.labels.values, cli.values);
        // The non-deposits this import drew are the fresh import's, whatever was labelled before.
        for (std::size_t i = 0; i < cli.values.size(); ++i)
            if (cli.values[i] == LabelNonDeposit)
                QCOMPARE(result.labels.values[i], LabelNonDeposit);
    }
    void theDialogAsksForDegreesOnAGeographicSurvey()
    {
        OccurrenceImportDialog projected(QStringLiteral("EPSG:3067"), m_dir.path());
        QCOMPARE(projected.minDistanceBox()->decimals(), 1);
        OccurrenceImportDialog geographic(QStringLiteral("EPSG:4326"), m_dir.path(), nullptr, true);
        QCOMPARE(geographic.minDistanceBox()->decimals(), 4);
        geographic.negativesBox()->setValue(17);
        geographic.minDistanceBox()->setValue(0.05); // a few kilometres; one decimal would have made it 0.0
        geographic.fileEdit()->setText(m_dir.filePath(QStringLiteral("points.shp")));
        QCOMPARE(geographic.options().negativeMinDistance, 0.05);
        QVERIFY(geographic.options().crs.isEmpty());
        // A vector file's own CRS is used: the survey's is not shown beside that note.
        QVERIFY(!geographic.crsEdit()->isVisibleTo(&geographic));
        geographic.fileEdit()->setText(m_dir.filePath(QStringLiteral("points.csv")));
        QVERIFY(geographic.crsEdit()->isVisibleTo(&geographic));
        QCOMPARE(geographic.options().crs, QStringLiteral("EPSG:4326"));
    }

    void pointsOutsideAreSkippedWithAWarningOrRefused()
    {
        const QString csv = writeCsv(QStringLiteral("outside.csv"), "X,Y\n1055,4975\n9000,9000\n1005,4995\n");
        OccurrenceImport::Options options;
        options.path = csv;
        const OccurrenceImport::Result result = OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey);
        QCOMPARE(result.newDeposits, std::size_t(1));
        QCOMPARE(result.report.outside, std::size_t(1));
        QCOMPARE(result.report.onInvalid, std::size_t(1)); // (1005, 4995) is on the nodata column
        QVERIFY(!result.report.warnings.empty());

        options.skipOutside = false;
        try {
            OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey);
            QFAIL("points outside the grid were accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::BadPoints);
        }
    }
    void aCsvWithAnExplicitCrsIsReadInIt()
    {
        // The dialog's default for a CSV: the survey's own code.
        const QString csv = writeCsv(QStringLiteral("epsg.csv"), "x,y\n1055,4975\n");
        OccurrenceImport::Options options;
        options.path = csv;
        options.crs = QStringLiteral("EPSG:3067");
        const OccurrenceImport::Result result = OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey);
        QCOMPARE(result.labels.at(5, 2), LabelDeposit);
    }
    void badFilesThrowCoreErrors()
    {
        const QString csv = writeCsv(QStringLiteral("nocoords.csv"), "name,depth\na,1\n");
        OccurrenceImport::Options options;
        options.path = csv;
        QVERIFY_THROWS_EXCEPTION(Error, OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey));
        options.path = m_dir.filePath(QStringLiteral("missing.csv"));
        QVERIFY_THROWS_EXCEPTION(Error, OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey));
        // Too many negatives for the grid.
        options.path = writeCsv(QStringLiteral("one.csv"), "X,Y\n1055,4975\n");
        options.negatives = 100000;
        QVERIFY_THROWS_EXCEPTION(Error, OccurrenceImport::run(options, emptyLabels(m_survey.grid), m_survey));
    }
    void tablesAreToldApart()
    {
        QVERIFY(OccurrenceImport::isTable(QStringLiteral("/a/b.CSV")));
        QVERIFY(OccurrenceImport::isTable(QStringLiteral("b.txt")));
        QVERIFY(!OccurrenceImport::isTable(QStringLiteral("b.gpkg")));
        QVERIFY(!OccurrenceImport::isTable(QStringLiteral("b.shp")));
        QVERIFY(OccurrenceImport::dialogFilter().contains(QStringLiteral("*.geojson")));
    }
};

QTEST_MAIN(TestOccurrenceImport)
#include "test_occurrenceimport.moc"
