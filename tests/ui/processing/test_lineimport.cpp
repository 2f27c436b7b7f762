// File > Import Line Data: the dialog previews a CSV written by the test, picks its X, Y and value columns and CRS by
// name, suggests the UTM zone and a cell size from the line spacing after looking at all readings, and refuses
// settings that cannot grid; the import grids a synthetic survey in the background and opens it as the survey on
// the expected grid with the expected values, or adds it as a layer on the open survey's cells.
#include "gridding.h"
#include "layerstack.h"
#include "lineimportcontroller.h"
#include "lineimportdialog.h"
#include "rasterlayer.h"
#include "testrasters.h"
#include "userlayers.h"
#include "windowfixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <cmath>

using namespace lodestone;

namespace {

/// The field the synthetic lines sample: a regional gradient and a broad anomaly, smooth enough for minimum
/// curvature to reproduce between lines 40 m apart within a fraction of a unit.
double field(double x, double y)
{
    const double dx = x - 1300, dy = y - 4800;
    return 0.5 * (x - 1000) - 0.25 * (5000 - y) + 20 + 30 * std::exp(-(dx * dx + dy * dy) / (2 * 150.0 * 150.0));
}

/// East-west lines every 40 m from y = 4615 to 4975, a reading every 4 m from x = 1003 to 1597, flown alternately
/// east and west, in EPSG:3067 metres; columns line, X, Y, alt, tmi.
QString writeMetreLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QTextStream out(&file);
    out << "line,X,Y,alt,tmi\n";
    for (int k = 0; k < 10; ++k) {
        const double y = 4615 + 40 * k;
        for (int i = 0; i < 149; ++i) {
            const double x = k % 2 ? 1597 - 4 * i : 1003 + 4 * i;
            out << 100 + k << ',' << x << ',' << y << ",80," << QString::number(field(x, y), 'f', 4) << '\n';
        }
    }
    return path;
}

/// East-west lines near Osborne in longitude/latitude, 0.002 degrees (221 m) apart, a reading every 0.00008
/// degrees (8 m); columns named as Geoscience Australia names them.
QString writeDegreeLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QTextStream out(&file);
    out << "flight_line,longitude,latitude,height_orthometric_m,total_field_anomaly_nt\n";
    for (int k = 0; k < 12; ++k) {
        for (int i = 0; i < 400; ++i)
            out << 5000 + k << ',' << QString::number(140.6 + 0.00008 * i, 'f', 5) << ','
                << QString::number(-21.9 + 0.002 * k, 'f', 5) << ",367," << (i % 50) - 25 << '\n';
    }
    return path;
}

} // namespace

class TestLineImport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_metres;
    QString m_degrees;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_lineimport"));
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<lodestone::RasterLayer *>();
        m_metres = writeMetreLines(m_dir.filePath(QStringLiteral("lines.csv")));
        m_degrees = writeDegreeLines(m_dir.filePath(QStringLiteral("osborne-like.csv")));
        QVERIFY(!m_metres.isEmpty() && !m_degrees.isEmpty());
    }
    void init() { QSettings().clear(); }

    void columnsAreGuessedByName()
    {
        const QStringList ga{QStringLiteral("flight_line"), QStringLiteral("longitude"), QStringLiteral("latitude"),
                             QStringLiteral("height_orthometric_m"), QStringLiteral("total_field_anomaly_nt")};
        QCOMPARE(LineImport::guessXColumn(ga), 1);
        QCOMPARE(LineImport::guessYColumn(ga), 2);
        QCOMPARE(LineImport::guessValueColumn(ga, {}, 1, 2), 4);
        const QStringList utm{QStringLiteral("Line"), QStringLiteral("Easting_m"), QStringLiteral("Northing_m"),
                              QStringLiteral("Alt"), QStringLiteral("TMI")};
        QCOMPARE(LineImport::guessXColumn(utm), 1);
        QCOMPARE(LineImport::guessYColumn(utm), 2);
        QCOMPARE(LineImport::guessValueColumn(utm, {}, 1, 2), 4);
        // No name says magnetics: the first number that is no position, line, time or height.
        const QStringList plain{QStringLiteral("fid"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("time"),
                                QStringLiteral("reading")};
        const std::vector<std::vector<std::string>> rows{{"1", "400000", "7500000", "12:00:01", "-15.5"}};
        QCOMPARE(LineImport::guessValueColumn(plain, rows, 1, 2), 4);
        QVERIFY(!LineImport::looksGeographic(plain, rows, 1, 2));
        QVERIFY(LineImport::looksGeographic(ga, {}, 1, 2));
        const std::vector<std::vector<std::string>> degrees{{"1", "140.61", "-21.9", "0", "3"}};
        QVERIFY(LineImport::looksGeographic(plain, degrees, 1, 2));
        QCOMPARE(LineImport::defaultOutput(QStringLiteral("/data/osborne-magnetic.csv.xz")),
                 QStringLiteral("/data/osborne-magnetic.tif"));
    }

    void theDialogPreviewsTheFileAndPicksItsColumnsAndCrs()
    {
        LineImportDialog dialog(m_degrees);
        QVERIFY(dialog.previewError().isEmpty());
        QTableWidget *table = dialog.previewTable();
        QCOMPARE(table->columnCount(), 5);
        QCOMPARE(table->rowCount(), 20);
        QCOMPARE(table->horizontalHeaderItem(4)->text(), QStringLiteral("total_field_anomaly_nt"));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("140.60008"));
        QCOMPARE(dialog.xCombo()->currentText(), QStringLiteral("longitude"));
        QCOMPARE(dialog.yCombo()->currentText(), QStringLiteral("latitude"));
        QCOMPARE(dialog.valueCombo()->currentText(), QStringLiteral("total_field_anomaly_nt"));
        QCOMPARE(dialog.sourceCrsEdit()->text(), QStringLiteral("EPSG:4326"));
        QCOMPARE(dialog.outputEdit()->text(), m_dir.filePath(QStringLiteral("osborne-like.tif")));

        // All readings read in the background: the UTM zone of their centre and a quarter of the line spacing.
        QSignalSpy analysed(&dialog, &LineImportDialog::analysisFinished);
        QVERIFY(analysed.wait(20000));
        QVERIFY(dialog.analysis().has_value());
        QCOMPARE(dialog.analysis()->readings, std::size_t(12 * 400));
        QCOMPARE(dialog.targetCrsEdit()->text(), QStringLiteral("EPSG:32754"));
        QVERIFY(std::abs(dialog.analysis()->geometry.lineSpacing - 221) < 3);
        QCOMPARE(dialog.cellSpin()->value(), 50.0);
        QVERIFY2(dialog.cellReasonLabel()->text().contains(QStringLiteral("quarter of the line spacing")),
                 qPrintable(dialog.cellReasonLabel()->text()));
        QVERIFY(dialog.validationError().isEmpty());

        const LineImportSettings s = dialog.settings();
        QCOMPARE(s.xColumn, QStringLiteral("longitude"));
        QCOMPARE(s.valueColumn, QStringLiteral("total_field_anomaly_nt"));
        QCOMPARE(s.sourceCrs, QStringLiteral("EPSG:4326"));
        QCOMPARE(s.targetCrs, QStringLiteral("EPSG:32754"));
        QCOMPARE(s.tension, 0.25);
        QCOMPARE(s.maxDistanceCells, 5.0);
        QVERIFY(!s.onSurveyGrid);
        QVERIFY(!dialog.surveyGridRadio()->isEnabled()); // no survey given

        // Longitude/latitude without a projected target cannot be gridded.
        dialog.targetCrsEdit()->setText(QString());
        QVERIFY(dialog.validationError().contains(QStringLiteral("choose a projected target CRS")));
        dialog.targetCrsEdit()->setText(QStringLiteral("EPSG:4326"));
        QVERIFY(dialog.validationError().contains(QStringLiteral("in degrees")));
        dialog.targetCrsEdit()->setText(QStringLiteral("EPSG:nonsense"));
        QVERIFY(dialog.validationError().startsWith(QStringLiteral("The target CRS:")));
    }

    void aFileThatIsNoTableIsReported()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.csv"));
        QFile(path).open(QIODevice::WriteOnly);
        LineImportDialog dialog(path);
        QVERIFY(dialog.previewError().contains(QStringLiteral("empty.csv is empty")));
        QVERIFY(!dialog.validationError().isEmpty());
    }

    void importedLinesOpenAsTheSurveyOnTheExpectedGrid()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        LineImportDialog dialog(m_metres);
        QCOMPARE(dialog.xCombo()->currentText(), QStringLiteral("X"));
        QCOMPARE(dialog.yCombo()->currentText(), QStringLiteral("Y"));
        QCOMPARE(dialog.valueCombo()->currentText(), QStringLiteral("tmi"));
        QVERIFY(dialog.sourceCrsEdit()->text().isEmpty()); // metres of an unknown CRS
        QSignalSpy analysed(&dialog, &LineImportDialog::analysisFinished);
        QVERIFY(analysed.wait(20000));
        QCOMPARE(dialog.cellSpin()->value(), 10.0); // lines 40 m apart
        dialog.sourceCrsEdit()->setText(QStringLiteral("EPSG:3067"));
        dialog.targetCrsEdit()->setText(QStringLiteral("EPSG:3067"));
        const QString output = m_dir.filePath(QStringLiteral("gridded.tif"));
        dialog.outputEdit()->setText(output);
        QVERIFY(dialog.validationError().isEmpty());

        LineImportController *import = window.lineImportController();
        QSignalSpy gridded(import, &LineImportController::gridded);
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        QSignalSpy status(import, &LineImportController::statusMessage);
        import->start(dialog.settings());
        QVERIFY(import->isRunning());
        QVERIFY(!import->importAction()->isEnabled());
        QVERIFY(gridded.wait(60000));
        QVERIFY(opened.count() > 0 || opened.wait(20000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(import->importAction()->isEnabled());
        QVERIFY(!status.isEmpty()); // after the survey's own status
        QVERIFY2(status.last().front().toString().contains(QStringLiteral("readings onto 60 x 37 cells")),
                 qPrintable(status.last().front().toString()));

        // The readings' bounds (1003 to 1597, 4615 to 4975) snapped outward to 10 m cells.
        RasterLayer *survey = window.surveyLayer();
        QVERIFY(survey);
        QCOMPARE(QString::fromStdString(survey->raster().path), output);
        const GridSpec &g = survey->raster().grid;
        QCOMPARE(g.width, 60);
        QCOMPARE(g.height, 37);
        QCOMPARE(g.geoTransform[0], 1000.0);
        QCOMPARE(g.geoTransform[3], 4980.0);
        QCOMPARE(g.geoTransform[1], 10.0);
        QCOMPARE(g.geoTransform[5], -10.0);
        QVERIFY(crsEquivalent(g.crsWkt, crsWktFromUserInput("EPSG:3067")));
        int checked = 0;
        for (int row = 2; row < g.height - 2; row += 5) {
            for (int col = 2; col < g.width - 2; col += 7) {
                double x, y, v;
                g.pixelToMap(col, row, x, y);
                QVERIFY(survey->valueAt(col, row, &v));
                QVERIFY2(
                    std::abs(v - field(x, y)) < 1.0,
                    qPrintable(QStringLiteral("(%1, %2): %3 against %4").arg(col).arg(row).arg(v).arg(field(x, y))));
                ++checked;
            }
        }
        QVERIFY(checked > 50);
    }

    void aCanceledImportWritesNothing()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        LineImportSettings s;
        s.path = m_metres;
        s.output = m_dir.filePath(QStringLiteral("canceled.tif"));
        s.xColumn = QStringLiteral("X");
        s.yColumn = QStringLiteral("Y");
        s.valueColumn = QStringLiteral("tmi");
        s.cell = 10;
        LineImportController *import = window.lineImportController();
        QSignalSpy failed(import, &LineImportController::failed);
        QSignalSpy gridded(import, &LineImportController::gridded);
        import->start(s);
        import->cancel(); // core checks between its stages, before anything is written
        QVERIFY(failed.wait(60000));
        QCOMPARE(failed.front().front().toString(), QString()); // canceled, not an error
        QVERIFY(errors.isEmpty());
        QCOMPARE(gridded.count(), 0);
        QVERIFY(!QFile::exists(s.output));
        QVERIFY(window.surveyLayer() == nullptr);
        QVERIFY(import->importAction()->isEnabled());
    }

    void linesGriddedOntoTheSurveysCellsAreAddedAsALayer()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        // 60 x 40 cells of 10 m from (1000, 5000) in EPSG:3067: the lines cover it but for a 15 m and 25 m rim.
        const QString surveyPath = test::writeGeoTiff(m_dir.filePath(QStringLiteral("survey.tif")), 60, 40,
                                                      [](int c, int r) { return float(c + r); });
        QVERIFY(test::openSurvey(window, surveyPath));
        const GridSpec surveyGrid = window.surveyLayer()->raster().grid;
        LineImportDialog dialog(m_metres, surveyGrid);
        QVERIFY(dialog.surveyGridRadio()->isEnabled());
        dialog.surveyGridRadio()->setChecked(true);
        QVERIFY(!dialog.cellSpin()->isEnabled());
        dialog.sourceCrsEdit()->setText(QStringLiteral("EPSG:3067"));
        dialog.outputEdit()->setText(m_dir.filePath(QStringLiteral("on-survey.tif")));
        QVERIFY(dialog.validationError().isEmpty());
        const LineImportSettings settings = dialog.settings();
        QVERIFY(settings.onSurveyGrid);

        LineImportController *import = window.lineImportController();
        QSignalSpy gridded(import, &LineImportController::gridded);
        QSignalSpy added(window.userLayers(), &UserLayers::layerAdded);
        import->start(settings);
        QVERIFY(gridded.wait(60000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(added.count(), 1);
        auto *layer = added.front().front().value<RasterLayer *>();
        QCOMPARE(layer->name(), QStringLiteral("on-survey"));
        QVERIFY(layer->raster().grid.sameGrid(surveyGrid));
        QCOMPARE(window.layerStack()->count(), 3);
        double v;
        for (int row : {3, 20, 36}) {
            for (int col : {3, 30, 56}) {
                double x, y;
                surveyGrid.pixelToMap(col, row, x, y);
                QVERIFY(layer->valueAt(col, row, &v));
                QVERIFY2(std::abs(v - field(x, y)) < 1.0,
                         qPrintable(QStringLiteral("%1 against %2").arg(v).arg(field(x, y))));
            }
        }
        // The file was written too, on the survey's grid.
        const Raster written = readRaster(settings.output.toStdString());
        QVERIFY(written.grid.sameGrid(surveyGrid));
    }
};

QTEST_MAIN(TestLineImport)
#include "test_lineimport.moc"
