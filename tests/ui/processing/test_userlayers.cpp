// UserLayers in a MainWindow: File > Add Raster Layer adds a raster on the survey's grid as it is; a raster on another
// grid is explained (file, sizes, cells, CRSs) and added only when the user agrees to resample it, with its values
// resampled onto the survey's cells; one beside the survey is refused with the reason; the grid difference names
// a CRS difference too.
#include "gridding.h"
#include "layers.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "projectfile.h"
#include "rasterlayer.h"
#include "testrasters.h"
#include "userlayers.h"
#include "windowfixture.h"

#include <gdal_priv.h>

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lodestone;

namespace {

/// A plane in map coordinates: bilinear resampling keeps it exactly.
double plane(double x, double y)
{
    return 0.5 * (x - 1000) - 0.25 * (5000 - y) + 20;
}

/// Writes a raster holding plane() on grid.
QString writePlane(const QString &path, const GridSpec &grid)
{
    Raster r = test::makeRaster(
        grid.width, grid.height,
        [&grid](int c, int row) {
            double x, y;
            grid.pixelToMap(c, row, x, y);
            return float(plane(x, y));
        },
        grid);
    writeFloatGeoTiff(path.toStdString(), r.grid, {r.data.data()});
    return path;
}

struct Asked {
    QStringList texts;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
};

void answer(MainWindow &window, Asked *asked)
{
    window.userLayers()->setQuestion(
        [asked](const QString &, const QString &text, QMessageBox::StandardButtons, QMessageBox::StandardButton) {
            asked->texts << text;
            return asked->answer;
        });
}

} // namespace

class TestUserLayers : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_survey;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_userlayers"));
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<lodestone::RasterLayer *>();
        // 60 x 40 cells of 10 m from (1000, 5000) in EPSG:3067.
        m_survey = writePlane(m_dir.filePath(QStringLiteral("survey.tif")), test::makeGrid(60, 40));
    }
    void init() { QSettings().clear(); }

    void aRasterOnTheSurveysGridIsAddedAsItIs()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        Asked asked;
        answer(window, &asked);
        UserLayers *layers = window.userLayers();
        QVERIFY(!layers->addRasterAction()->isEnabled());
        QVERIFY(test::openSurvey(window, m_survey));
        QVERIFY(layers->addRasterAction()->isEnabled());

        const QString path = test::writeGeoTiff(m_dir.filePath(QStringLiteral("same.tif")), 60, 40,
                                                [](int c, int r) { return c == 5 ? NAN : float(c * 100 + r); });
        QSignalSpy added(layers, &UserLayers::layerAdded);
        layers->addRasterFile(path);
        QVERIFY(added.wait(20000));
        QVERIFY(asked.texts.isEmpty());
        QVERIFY(errors.isEmpty());
        auto *layer = added.front().front().value<RasterLayer *>();
        QCOMPARE(layer->name(), QStringLiteral("same"));
        QCOMPARE(window.layerStack()->indexOf(layer), 1);
        double v = 0;
        QVERIFY(layer->valueAt(17, 9, &v));
        QCOMPARE(v, 1709.0);
        QVERIFY(!layer->valueAt(5, 9, &v));
        QCOMPARE(layers->layers(), QList<RasterLayer *>{layer});
    }

    void aLayerFilesInfiniteCellsAreNotedWhenAddedAndWhenRestored()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey));
        UserLayers *layers = window.userLayers();
        const QString path = test::writeGeoTiff(m_dir.filePath(QStringLiteral("infinite.tif")), 60, 40,
                                                [](int c, int r) { return float(c + r); });
        {
            // Two cells of +Inf, written past the writer (which would store them as nodata).
            GDALDatasetUniquePtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
            QVERIFY(ds);
            float inf[2] = {INFINITY, INFINITY};
            QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 3, 0, 1, 2, inf, 1, 2, GDT_Float32, 0, 0, nullptr),
                     CE_None);
        }
        QSignalSpy added(layers, &UserLayers::layerAdded);
        QSignalSpy messages(layers, &UserLayers::statusMessage);
        layers->addRasterFile(path);
        QVERIFY(added.wait(20000));
        const QString note =
            QStringLiteral("2 cells of band 1 of %1 hold an infinite value, read as nodata.").arg(path);
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.back().front().toString().startsWith(QStringLiteral("Added infinite. ") + note),
                 qPrintable(messages.back().front().toString()));
        // Restored with a project: the same note.
        SavedLayer saved;
        saved.name = QStringLiteral("infinite");
        saved.origin = fileLayer(path.toStdString(), 1);
        messages.clear();
        QSignalSpy restored(layers, &UserLayers::restored);
        layers->restoreLayers({saved});
        QVERIFY(restored.wait(20000));
        QCOMPARE(restored.front().at(0).toInt(), 1);
        QVERIFY(!messages.isEmpty());
        QVERIFY2(
            messages.back().front().toString().startsWith(QStringLiteral("Restored the project's layers. ") + note),
            qPrintable(messages.back().front().toString()));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void aRasterOnAnotherGridIsExplainedAndOnlyResampledWhenAccepted()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        Asked asked;
        answer(window, &asked);
        QVERIFY(test::openSurvey(window, m_survey));
        UserLayers *layers = window.userLayers();

        // 25 m cells covering the survey and beyond, shifted by 5 m.
        const QString path =
            writePlane(m_dir.filePath(QStringLiteral("coarse.tif")), test::makeGrid(30, 20, 955, 5045, 25));
        QSignalSpy added(layers, &UserLayers::layerAdded);
        QSignalSpy declined(layers, &UserLayers::addDeclined);
        layers->addRasterFile(path);
        QCOMPARE(asked.texts.size(), 1);
        const QString text = asked.texts.front();
        QVERIFY2(text.startsWith(QStringLiteral("coarse.tif is not on the survey's grid: it has 30 x 20 cells of 25 x "
                                                "25 in EPSG:3067, the survey 60 x 40 cells of 10 x 10 in EPSG:3067.")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Resample it onto the survey's grid")));
        QCOMPARE(declined.count(), 1);
        QCOMPARE(declined.front().front().toString(), path);
        QCOMPARE(added.count(), 0);
        QCOMPARE(window.layerStack()->count(), 2);

        // Accepted: resampled onto the survey's cells, where it holds the same plane.
        asked.answer = QMessageBox::Yes;
        layers->addRasterFile(path);
        QVERIFY(added.wait(20000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        auto *layer = added.front().front().value<RasterLayer *>();
        QCOMPARE(layer->name(), QStringLiteral("coarse (resampled)"));
        QVERIFY(layer->raster().grid.sameGrid(window.surveyLayer()->raster().grid));
        const GridSpec &g = layer->raster().grid;
        int checked = 0;
        for (int row = 0; row < g.height; row += 7) {
            for (int col = 0; col < g.width; col += 11) {
                double x, y, v;
                g.pixelToMap(col, row, x, y);
                QVERIFY(layer->valueAt(col, row, &v));
                QVERIFY2(std::abs(v - plane(x, y)) < 1e-3, qPrintable(QStringLiteral("%1 %2").arg(v).arg(plane(x, y))));
                ++checked;
            }
        }
        QVERIFY(checked > 20);
        QVERIFY(layer->toolTip().contains(QStringLiteral("resampled onto the survey's grid")));
    }

    void aRasterBesideTheSurveyIsRefusedWithTheReason()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        Asked asked;
        asked.answer = QMessageBox::Yes;
        answer(window, &asked);
        QVERIFY(test::openSurvey(window, m_survey));
        const QString path =
            writePlane(m_dir.filePath(QStringLiteral("elsewhere.tif")), test::makeGrid(60, 40, 90000, 5000, 10));
        QSignalSpy declined(window.userLayers(), &UserLayers::addDeclined);
        window.userLayers()->addRasterFile(path);
        QVERIFY(declined.wait(20000));
        QCOMPARE(asked.texts.size(), 1);
        QVERIFY(asked.texts.front().contains(QStringLiteral("its cells are shifted")));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("elsewhere.tif does not overlap the grid")),
                 qPrintable(errors.front()));
        QCOMPARE(window.layerStack()->count(), 2);
    }

    void aMissingFileIsReported()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey));
        window.userLayers()->addRasterFile(m_dir.filePath(QStringLiteral("missing.tif")));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.front().contains(QStringLiteral("missing.tif")));
    }

    void theGridDifferenceNamesTheCrs()
    {
        GridSpec a = test::makeGrid(60, 40);
        GridSpec b = a;
        QVERIFY(UserLayers::gridDifference(a, b).isEmpty());
        b.crsWkt = crsWktFromUserInput("EPSG:32635");
        QCOMPARE(UserLayers::gridDifference(a, b),
                 QStringLiteral("it has 60 x 40 cells of 10 x 10 in EPSG:32635, the survey 60 x 40 cells of 10 x 10 in "
                                "EPSG:3067"));
        b = a;
        b.geoTransform[3] += 5;
        QVERIFY(UserLayers::gridDifference(a, b).startsWith(QStringLiteral("its cells are shifted: geotransform")));
    }
};

QTEST_MAIN(TestUserLayers)
#include "test_userlayers.moc"
