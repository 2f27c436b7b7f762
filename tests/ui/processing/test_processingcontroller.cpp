// ProcessingController and UserLayers in a MainWindow: each Processing action adds the product of the survey as a
// layer whose values are core's deriveMagneticProduct of the same band, named after the survey and the product,
// drawn like the survey and styled through the style panel; products are saved as GeoTIFFs, removed, and dropped
// with the survey they belong to.
#include "jobindicator.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "magneticfilters.h"
#include "processingcontroller.h"
#include "productdialog.h"
#include "rasterlayer.h"
#include "stylepanel.h"
#include "testrasters.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"
#include "userlayers.h"
#include "windowfixture.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <cmath>

using namespace lodestone;

namespace {

/// A smooth anomaly (two Gaussian bumps on a gradient) with a few nodata cells, 10 m cells.
float anomaly(int c, int r)
{
    if (c < 2 && r < 3)
        return NAN;
    const double x = c * 10.0, y = r * 10.0;
    auto bump = [](double dx, double dy, double s) { return std::exp(-(dx * dx + dy * dy) / (2 * s * s)); };
    return float(150 * bump(x - 300, y - 200, 60) - 90 * bump(x - 520, y - 330, 90) + 0.05 * x);
}

/// The layer's band against core's product of the same survey, cell by cell.
void compareWithCore(const RasterLayer *layer, const Raster &survey, const DeriveParams &params)
{
    const Raster expected = deriveMagneticProduct(survey, params);
    const Raster &got = layer->raster();
    QVERIFY(got.grid.sameGrid(survey.grid));
    QCOMPARE(got.data.size(), expected.data.size());
    std::size_t compared = 0;
    for (std::size_t i = 0; i < expected.data.size(); ++i) {
        QCOMPARE(got.valid[i], expected.valid[i]);
        if (!expected.valid[i]) {
            QVERIFY(std::isnan(got.data[i]));
            continue;
        }
        QVERIFY2(std::abs(got.data[i] - expected.data[i]) <= 1e-6f * (1 + std::abs(expected.data[i])),
                 qPrintable(QStringLiteral("cell %1: %2 against %3").arg(i).arg(got.data[i]).arg(expected.data[i])));
        ++compared;
    }
    QVERIFY(compared > expected.data.size() / 2);
}

} // namespace

class TestProcessingController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_survey;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_processingcontroller"));
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<lodestone::RasterLayer *>();
        m_survey = test::writeGeoTiff(m_dir.filePath(QStringLiteral("survey.tif")), 80, 60, anomaly);
    }
    void init() { QSettings().clear(); }

    void theProcessingMenuListsEveryProductAndWaitsForASurvey()
    {
        MainWindow window;
        ProcessingController *processing = window.processingController();
        QMenu *menu = processing->menu();
        QVERIFY(window.menuBar()->actions().contains(menu->menuAction()));
        QCOMPARE(menu->title(), QStringLiteral("&Processing"));
        QStringList entries;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                entries << a->text().remove(QLatin1Char('&'));
        }
        QCOMPARE(entries,
                 QStringList({QStringLiteral("Reduction to the Pole…"), QStringLiteral("First Vertical Derivative"),
                              QStringLiteral("Horizontal Gradient"), QStringLiteral("Tilt Angle"),
                              QStringLiteral("Analytic Signal"), QStringLiteral("Upward Continuation…"),
                              QStringLiteral("Local Standard Deviation…")}));
        for (MagneticProduct p : allMagneticProducts())
            QVERIFY(!processing->action(p)->isEnabled());
        QVERIFY(test::openSurvey(window, m_survey));
        for (MagneticProduct p : allMagneticProducts())
            QVERIFY(processing->action(p)->isEnabled());
    }

    void analyticSignalFromTheMenuAddsCoresProductAsALayer()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey));
        RasterLayer *survey = window.surveyLayer();
        RenderSettings surveyStyle = survey->settings();
        surveyStyle.ramp = ColorRamp::Viridis;
        surveyStyle.zFactor = 7.0; // in the survey's units: not copied
        survey->setSettings(surveyStyle);

        ProcessingController *processing = window.processingController();
        QSignalSpy added(processing, &ProcessingController::productAdded);
        processing->action(MagneticProduct::AnalyticSignal)->trigger(); // no settings to ask for
        QVERIFY(processing->isRunning());
        QVERIFY(processing->indicator()->isActive());
        QVERIFY(!processing->action(MagneticProduct::TiltAngle)->isEnabled()); // one at a time
        QVERIFY(added.wait(20000));
        QVERIFY(!processing->isRunning());
        QVERIFY(!processing->indicator()->isActive());
        QVERIFY(processing->action(MagneticProduct::TiltAngle)->isEnabled());
        QVERIFY(errors.isEmpty());

        auto *layer = added.front().front().value<RasterLayer *>();
        QVERIFY(layer);
        QCOMPARE(layer->name(), QStringLiteral("survey — analytic signal"));
        QCOMPARE(layer->units(), QStringLiteral("nT/m"));
        DeriveParams params;
        params.product = MagneticProduct::AnalyticSignal;
        compareWithCore(layer, survey->raster(), params);
        QVERIFY(layer->toolTip().contains(QStringLiteral("analytic signal of ")));

        // Over the survey, under the labels; current, so the style panel edits it.
        LayerStack *stack = window.layerStack();
        QCOMPARE(stack->count(), 3);
        QCOMPARE(stack->indexOf(layer), 1);
        QCOMPARE(stack->indexOf(survey), 2);
        QCOMPARE(window.layerPanel()->currentLayer(), layer);
        QCOMPARE(window.stylePanel()->layer(), layer);
        QCOMPARE(layer->settings().ramp, ColorRamp::Viridis);
        QCOMPARE(layer->settings().zFactor, 0.0);
        float maximum = -INFINITY;
        for (std::size_t i = 0; i < layer->raster().data.size(); ++i) {
            if (layer->raster().valid[i])
                maximum = std::max(maximum, layer->raster().data[i]);
        }
        QCOMPARE(layer->statistics().maximum(), double(maximum));

        // Its style is its own: the style panel changes it, not the survey.
        window.stylePanel()->rampCombo()->setCurrentIndex(
            window.stylePanel()->rampCombo()->findData(int(ColorRamp::Greys)));
        QCOMPARE(layer->settings().ramp, ColorRamp::Greys);
        QCOMPARE(survey->settings().ramp, ColorRamp::Viridis);
        QTRY_VERIFY_WITH_TIMEOUT(!layer->isRendering(), 10000);
        QVERIFY(!layer->overview().isNull());
    }

    void productsWithSettingsUseThem()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey));
        ProcessingController *processing = window.processingController();
        QSignalSpy added(processing, &ProcessingController::productAdded);

        DeriveParams rtp;
        rtp.product = MagneticProduct::ReducedToPole;
        rtp.inclination = -55;
        rtp.declination = 8;
        DeriveParams up;
        up.product = MagneticProduct::UpwardContinuation;
        up.height = 40;
        DeriveParams std3;
        std3.product = MagneticProduct::LocalStdDev;
        std3.window = 5;
        DeriveParams tilt;
        tilt.product = MagneticProduct::TiltAngle;
        const QList<std::pair<DeriveParams, QString>> cases{
            {rtp, QStringLiteral("survey — reduced to the pole (I -55°, D 8°)")},
            {up, QStringLiteral("survey — upward continued 40 m")},
            {std3, QStringLiteral("survey — local standard deviation (5 x 5 cells)")},
            {tilt, QStringLiteral("survey — tilt angle")}};
        for (const auto &[params, name] : cases) {
            processing->derive(params);
            QVERIFY(added.wait(20000));
            auto *layer = added.takeLast().front().value<RasterLayer *>();
            QCOMPARE(layer->name(), name);
            compareWithCore(layer, window.surveyLayer()->raster(), params);
        }
        QCOMPARE(window.userLayers()->layers().size(), 4);
        QCOMPARE(window.userLayers()->layers().front()->units(), QStringLiteral("rad")); // the tilt, on top
    }

    void theDialogAsksForTheSettingsAndRemembersThem()
    {
        DeriveParams p;
        p.product = MagneticProduct::ReducedToPole;
        {
            ProductDialog dialog(p);
            QVERIFY(dialog.inclinationSpin() && dialog.declinationSpin() && dialog.stabilisingSpin());
            QVERIFY(!dialog.heightSpin() && !dialog.windowSpin());
            dialog.inclinationSpin()->setValue(-49);
            dialog.declinationSpin()->setValue(6);
            dialog.stabilisingSpin()->setValue(25);
            dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QCOMPARE(dialog.params().inclination, -49.0);
        }
        ProductDialog again(p);
        QCOMPARE(again.params().inclination, -49.0);
        QCOMPARE(again.params().declination, 6.0);
        QCOMPARE(again.params().stabilisingInclination, 25.0);

        p.product = MagneticProduct::LocalStdDev;
        ProductDialog window(p);
        window.windowSpin()->setValue(8);
        Q_EMIT window.windowSpin()->editingFinished();
        QCOMPARE(window.params().window, 9); // odd only
        QVERIFY(!ProductDialog::hasSettings(MagneticProduct::AnalyticSignal));
        QVERIFY(ProductDialog::hasSettings(MagneticProduct::UpwardContinuation));
    }

    void aProductIsSavedAsAGeoTiffAndRemoved()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey));
        ProcessingController *processing = window.processingController();
        UserLayers *layers = window.userLayers();
        QSignalSpy added(processing, &ProcessingController::productAdded);

        // Nothing to save or remove while the survey is selected.
        window.layerPanel()->setCurrentLayer(window.surveyLayer());
        QVERIFY(!layers->saveAsAction()->isEnabled());
        QVERIFY(!layers->removeAction()->isEnabled());

        DeriveParams vd1;
        vd1.product = MagneticProduct::VerticalDerivative;
        processing->derive(vd1);
        QVERIFY(added.wait(20000));
        auto *layer = added.front().front().value<RasterLayer *>();
        QVERIFY(layers->saveAsAction()->isEnabled());
        QVERIFY(layers->removeAction()->isEnabled());

        const QString path = m_dir.filePath(QStringLiteral("vd1.tif"));
        QSignalSpy saved(layers, &UserLayers::layerSaved);
        layers->saveLayer(layer, path);
        QVERIFY(saved.wait(20000));
        QVERIFY(errors.isEmpty());
        const Raster back = readRaster(path.toStdString());
        QVERIFY(back.grid.sameGrid(window.surveyLayer()->raster().grid));
        QVERIFY(crsEquivalent(back.grid.crsWkt, window.surveyLayer()->raster().grid.crsWkt));
        QCOMPARE(back.validCount(), layer->raster().validCount());
        for (std::size_t i = 0; i < back.data.size(); ++i) {
            QCOMPARE(back.valid[i], layer->raster().valid[i]);
            if (back.valid[i])
                QCOMPARE(back.data[i], layer->raster().data[i]);
        }
        QCOMPARE(QString::fromStdString(readRasterInfo(path.toStdString()).bandDescriptions.at(0)), layer->name());

        layers->removeAction()->trigger();
        QCOMPARE(window.layerStack()->count(), 2);
        QVERIFY(layers->layers().isEmpty());
        QVERIFY(window.surveyLayer());
    }

    void aCanceledProductAddsNoLayer()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        // Large enough that the product takes far longer than the click on Cancel right after it starts.
        const QString big = test::writeGeoTiff(m_dir.filePath(QStringLiteral("big.tif")), 900, 700,
                                               [](int c, int r) { return anomaly(c % 80, r % 60); });
        QVERIFY(test::openSurvey(window, big));
        ProcessingController *processing = window.processingController();
        QSignalSpy failed(processing, &ProcessingController::productFailed);
        QSignalSpy added(processing, &ProcessingController::productAdded);
        DeriveParams rtp;
        rtp.product = MagneticProduct::ReducedToPole;
        rtp.inclination = -60;
        processing->derive(rtp);
        processing->indicator()->cancelButton()->click();
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.front().front().toString(), QString());
        QCOMPARE(added.count(), 0);
        QVERIFY(errors.isEmpty());
        QVERIFY(!processing->indicator()->isActive());
        QCOMPARE(window.layerStack()->count(), 2);
        QVERIFY(processing->action(MagneticProduct::ReducedToPole)->isEnabled());
    }

    void anotherSurveyDropsTheProductsOfThePreviousOne()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey));
        ProcessingController *processing = window.processingController();
        QSignalSpy added(processing, &ProcessingController::productAdded);
        DeriveParams hgrad;
        hgrad.product = MagneticProduct::HorizontalGradient;
        processing->derive(hgrad);
        QVERIFY(added.wait(20000));
        QCOMPARE(window.userLayers()->layers().size(), 1);

        // Whether a product started just before finishes before or after the next survey opens, the new survey
        // shows none.
        processing->derive(hgrad);
        QVERIFY(test::openSurvey(window, m_survey));
        QTest::qWait(300);
        QVERIFY(!processing->isRunning());
        QVERIFY(window.userLayers()->layers().isEmpty());
        QCOMPARE(window.layerStack()->count(), 2);
    }

    void theTrainingPanelOffersProductsAndSavedLayersAsModelInputs()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey));
        ProcessingController *processing = window.processingController();
        UserLayers *layers = window.userLayers();
        TrainingPanel *panel = window.trainingController()->trainingPanel();
        QListWidget *list = panel->inputLayerList();
        QCOMPARE(list->count(), 1); // the survey, always read
        QVERIFY(!(list->item(0)->flags() & Qt::ItemIsUserCheckable));

        QSignalSpy added(processing, &ProcessingController::productAdded);
        DeriveParams tilt;
        tilt.product = MagneticProduct::TiltAngle;
        processing->derive(tilt);
        QVERIFY(added.wait(20000));
        DeriveParams up;
        up.product = MagneticProduct::UpwardContinuation;
        up.height = 250;
        processing->derive(up);
        QVERIFY(added.wait(20000));
        // A layer held only in memory (e.g. gridded line data not yet saved) is listed but cannot be checked.
        const std::shared_ptr<const Raster> survey = window.surveyLayer()->sharedRaster();
        RasterLayer *memory = layers->addLayer(survey, BandStatistics::compute(*survey), QStringLiteral("in memory"),
                                               QString(), QStringLiteral("nowhere"));
        QCOMPARE(list->count(), 4);
        QStringList names;
        for (int row = 1; row < list->count(); ++row)
            names << list->item(row)->text();
        QVERIFY2(names.filter(QStringLiteral("tilt")).size() == 1, qPrintable(names.join(QLatin1Char('|'))));
        QListWidgetItem *memoryItem = list->findItems(QStringLiteral("in memory"), Qt::MatchExactly).value(0);
        QVERIFY(memoryItem);
        QVERIFY(!(memoryItem->flags() & Qt::ItemIsEnabled));
        QVERIFY(memoryItem->toolTip().contains(QStringLiteral("Save Layer As")));
        QVERIFY(panel->params().layers.empty()); // nothing checked yet

        for (int row = 1; row < list->count(); ++row)
            if (list->item(row)->flags() & Qt::ItemIsEnabled)
                list->item(row)->setCheckState(Qt::Checked);
        std::vector<LayerSpec> specs = panel->params().layers;
        QCOMPARE(specs.size(), std::size_t(2));
        std::vector<std::string> tokens;
        for (const LayerSpec &l : specs) {
            QCOMPARE(int(l.kind), int(LayerSpec::Kind::Derived));
            tokens.push_back(l.name);
        }
        std::sort(tokens.begin(), tokens.end());
        QCOMPARE(tokens, (std::vector<std::string>{"tilt", "up250"}));

        // Saved as a GeoTIFF, the in-memory layer becomes a file layer a run can read again.
        const QString path = m_dir.filePath(QStringLiteral("memory-layer.tif"));
        QSignalSpy saved(layers, &UserLayers::layerSaved);
        layers->saveLayer(memory, path);
        QVERIFY(saved.wait(20000));
        memoryItem = list->findItems(QStringLiteral("in memory"), Qt::MatchExactly).value(0);
        QVERIFY(memoryItem && (memoryItem->flags() & Qt::ItemIsEnabled));
        memoryItem->setCheckState(Qt::Checked);
        specs = panel->params().layers;
        QCOMPARE(specs.size(), std::size_t(3));
        const auto file = std::find_if(specs.begin(), specs.end(),
                                       [](const LayerSpec &l) { return l.kind == LayerSpec::Kind::File; });
        QVERIFY(file != specs.end());
        QCOMPARE(QString::fromStdString(file->path), path);

        // The check marks survive a change of the list; a removed layer leaves it, and the settings.
        window.layerPanel()->setCurrentLayer(memory);
        layers->removeCurrentLayer();
        QCOMPARE(list->count(), 3);
        QCOMPARE(panel->params().layers.size(), std::size_t(2));
        // Restoring settings checks the layers they name.
        PipelineParams p = panel->params();
        p.layers.erase(p.layers.begin());
        panel->setParams(p);
        QCOMPARE(panel->params().layers.size(), std::size_t(1));
        QCOMPARE(panel->params().layers.front().name, p.layers.front().name);
    }
};

QTEST_MAIN(TestProcessingController)
#include "test_processingcontroller.moc"
