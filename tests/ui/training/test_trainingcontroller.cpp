// TrainingController in a MainWindow, end to end: the demo survey and its labels are loaded, Train runs on
// the training thread while the window keeps responding, the class and probability maps appear as layers,
// the cross-validation view shows the result's values, feature rasters can be shown, every export reads back
// in GDAL with the survey's CRS, and a canceled or failed run leaves the previous result as it was.
#include "classmaplayer.h"
#include "crossvalidationview.h"
#include "customplot.h"
#include "evaluationview.h"
#include "featurebrowser.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "lossplot.h"
#include "mapcanvas.h"
#include "probabilitylayer.h"
#include "raster.h"
#include "rasterlayer.h"
#include "resultexporter.h"
#include "resultspanel.h"
#include "trainingrunner.h"
#include "uncertaintylayer.h"
#include "uncertaintylegend.h"
#include "validationoccurrences.h"
#include "validationpointlayer.h"
#include "windowfixture.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

using namespace lodestone;

class TestTrainingController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_survey, m_labels;

    template <typename T> static T *findLayer(MainWindow &window)
    {
        for (MapLayer *layer : window.layerStack()->layers())
            if (auto *t = qobject_cast<T *>(layer))
                return t;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_trainingcontroller"));
        QVERIFY(m_dir.isValid());
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("demo")));
        m_survey = folder + QStringLiteral("/survey.tif");
        m_labels = folder + QStringLiteral("/labels.tif");
    }
    void init() { QSettings().clear(); }

    void trainingShowsTheClassAndProbabilityLayers()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TrainingController *training = window.trainingController();
        QVERIFY(!training->trainingPanel()->trainButton()->isEnabled()); // no survey yet
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        QCOMPARE(window.labelDocument()->counts()[1], std::size_t(14));
        QVERIFY(training->trainingPanel()->trainButton()->isEnabled());
        // An opaque raster the user added over the survey (a magnetic product, say): the result goes above it.
        const std::shared_ptr<const Raster> surveyRaster = window.surveyLayer()->sharedRaster();
        auto *product =
            new RasterLayer(surveyRaster, BandStatistics::compute(*surveyRaster), QStringLiteral("product"));
        window.layerStack()->insertLayer(product, window.layerStack()->indexOf(window.surveyLayer()));

        QVERIFY(test::trainSmall(window));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const auto result = training->result();
        QVERIFY(result);
        auto *classes = findLayer<ClassMapLayer>(window);
        auto *probability = findLayer<ProbabilityLayer>(window);
        QVERIFY(classes && probability);
        QCOMPARE(classes, training->classLayer());
        QCOMPARE(classes->result(), result);
        // Above every raster (the product included), below the labels; the probability map veils what lies below
        // its threshold in grey, so that a rainbow survey does not hide its colours.
        LayerStack *stack = window.layerStack();
        QVERIFY(stack->indexOf(probability) < stack->indexOf(window.surveyLayer()));
        QVERIFY(stack->indexOf(classes) < stack->indexOf(window.surveyLayer()));
        QVERIFY(stack->indexOf(probability) < stack->indexOf(classes));
        QCOMPARE(stack->indexOf(classes) + 1, stack->indexOf(product));
        QCOMPARE(stack->indexOf(product) + 1, stack->indexOf(window.surveyLayer()));
        QCOMPARE(stack->layers().front()->name(), QStringLiteral("Labels"));
        QCOMPARE(stack->indexOf(probability), 1);
        QCOMPARE(probability->belowThreshold(), ProbabilityLayer::BelowThreshold::Grey);
        QVERIFY(training->resultsPanel()->greyBelow());
        QTRY_VERIFY_WITH_TIMEOUT(!classes->image().isNull() && !probability->image().isNull(), 5000);
        QCOMPARE(classes->image().image.size(), QSize(120, 100));

        // The panels show the result.
        QVERIFY(training->resultsPanel()->summaryLabel()->text().contains(QStringLiteral("14 deposit")));
        QTRY_VERIFY(training->resultsPanel()->summaryLabel()->text().contains(QStringLiteral("% of valid ground")));
        QCOMPARE(training->trainingPanel()->lossPlot()->losses().size(), 2);
        QCOMPARE(training->trainingPanel()->lossPlot()->losses().back(), result->history.epochLoss.back());
        QVERIFY(training->trainingPanel()->statusText().startsWith(QStringLiteral("Finished in")));

        // The threshold drives the layer and is stated.
        training->resultsPanel()->setThreshold(0.8);
        QCOMPARE(probability->threshold(), 0.8);
        QVERIFY(probability->name().contains(QStringLiteral("0.80")));
        QTRY_VERIFY(training->resultsPanel()->thresholdLabel()->text().contains(QStringLiteral("at least 0.80")));
    }
    void theCrossValidationTableShowsTheResultsValues()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        QVERIFY(test::trainSmall(window));
        const auto result = window.trainingController()->result();
        CrossValidationView *view = window.trainingController()->crossValidationView();
        for (CvScheme scheme : {CvScheme::Random, CvScheme::Spatial}) {
            const auto &results = scheme == CvScheme::Random ? result->crossValidation : result->spatialCrossValidation;
            QTableWidget *table = view->metricsTable(scheme);
            QCOMPARE(table->columnCount(), 4);
            QCOMPARE(results.size(), std::size_t(4));
            for (int c = 0; c < 4; ++c) {
                const ModeResult &m = results[std::size_t(c)];
                QCOMPARE(m.scheme, scheme);
                QVERIFY(table->horizontalHeaderItem(c)->text().simplified().startsWith(
                    TrainingPanel::modeDisplayName(m.mode)));
                QCOMPARE(table->item(CrossValidationView::Accuracy, c)->text(), QLocale().toString(m.accuracy, 'f', 3));
                QCOMPARE(table->item(CrossValidationView::Precision, c)->text(),
                         QLocale().toString(m.precision, 'f', 3));
                QCOMPARE(table->item(CrossValidationView::Recall, c)->text(), QLocale().toString(m.recall, 'f', 3));
                QCOMPARE(table->item(CrossValidationView::F1, c)->text(), QLocale().toString(m.f1, 'f', 3));
                QCOMPARE(table->item(CrossValidationView::Auc, c)->text(),
                         std::isfinite(m.auc) ? QLocale().toString(m.auc, 'f', 3) : QStringLiteral("–"));
            }
        }
        // The headline scheme, spatial, with the map's mode is selected.
        QCOMPARE(view->selectedScheme(), CvScheme::Spatial);
        QTableWidget *cm = view->confusionTable();
        const ModeResult &first = result->spatialCrossValidation.front();
        QCOMPARE(cm->item(0, 0)->text().toLong(), first.confusion.tn);
        QCOMPARE(cm->item(1, 1)->text().toLong(), first.confusion.tp);
    }
    void anEnsembleWithValidationOccurrencesIsEvaluatedAndMapped()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();

        // Validation occurrences: read like occurrence import, shown as a point layer on top, listed in the tree.
        const QString csv = m_dir.filePath(QStringLiteral("validation.csv"));
        const std::vector<std::size_t> written = test::writeValidationPoints(csv);
        QVERIFY(written.size() >= 5);
        QVERIFY(training->validationOccurrences()->load(csv));
        QVERIFY(training->validationOccurrences()->pixels() == written);
        auto *points = findLayer<ValidationPointLayer>(window);
        QVERIFY(points);
        QCOMPARE(points, training->validationOccurrences()->layer());
        QCOMPARE(points->count(), int(written.size()));
        QCOMPARE(window.layerStack()->indexOf(points), 0);
        QCOMPARE(window.layerPanel()->tree()->findItems(points->name(), Qt::MatchExactly).size(), 1);
        QVERIFY(training->trainingPanel()->validationLabel()->text().startsWith(
            QStringLiteral("%1 occurrences from validation.csv").arg(written.size())));
        QVERIFY(training->trainingPanel()->validationClearButton()->isEnabled());

        PipelineParams params = test::smallParams();
        params.ensemble = 2;
        QVERIFY(test::trainSmall(window, params));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const auto result = training->result();
        QCOMPARE(result->ensemble, 2);
        QVERIFY(training->resultParams().validationPixels == written); // passed to the run
        QCOMPARE(result->evaluation.validationUsed, int(written.size()));

        // The uncertainty layer: hidden at first, over the probability map, with its legend in the Results panel.
        UncertaintyLayer *uncertainty = training->uncertaintyLayer();
        QVERIFY(uncertainty);
        QCOMPARE(findLayer<UncertaintyLayer>(window), uncertainty);
        QVERIFY(!uncertainty->isVisible());
        QCOMPARE(window.layerStack()->indexOf(uncertainty) + 1,
                 window.layerStack()->indexOf(training->probabilityLayer()));
        QCOMPARE(window.layerStack()->indexOf(points), 0); // still on top
        QVERIFY(!training->resultsPanel()->uncertaintyBox()->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(uncertainty->scaleMaximum() > 0, 5000);
        QCOMPARE(training->resultsPanel()->uncertaintyLegend()->maximum(), uncertainty->scaleMaximum());
        QCOMPARE(uncertainty->scaleMaximum(), UncertaintyLayer::niceMaximum(UncertaintyLayer::largestValue(*result)));

        // The evaluation view shows the prediction rate of the model and the baselines.
        EvaluationView *evaluation = training->evaluationView();
        QVERIFY(evaluation->hasEvaluation());
        QCOMPARE(evaluation->kind(), RateCurvePlot::Kind::Prediction);
        QCOMPARE(evaluation->plot()->curveCount(), int(result->evaluation.rows.size()));
        QCOMPARE(evaluation->plot()->graphOfRow(0)->data()->size(),
                 int(result->evaluation.rows[0].prediction.area.size()));
        QCOMPARE(evaluation->aucTable()->rowCount(), int(result->evaluation.rows.size()));
        QCOMPARE(evaluation->aucTable()->item(0, EvaluationView::PredictionColumn)->text(),
                 QLocale().toString(result->evaluation.rows[0].prediction.auc, 'f', 3));
        QVERIFY(evaluation->verdictLabel()->text().contains(
            QStringLiteral("the %1 validation occurrences").arg(written.size())));

        // The HTML report, with its charts and the survey's thumbnail.
        ResultExporter *exporter = training->exporter();
        QVERIFY(exporter->action(ResultExporter::ReportHtml)->isEnabled());
        QSignalSpy exported(exporter, &ResultExporter::exported);
        const QString html = m_dir.filePath(QStringLiteral("report.html"));
        exporter->exportTo(ResultExporter::ReportHtml, html);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(page.readAll());
        QVERIFY(text.contains(QStringLiteral("<svg")));
        QVERIFY(text.contains(QStringLiteral("alt='survey'"))); // the survey was passed for the thumbnail
        QVERIFY(text.contains(QStringLiteral("ensemble mean")));
        QVERIFY(errors.isEmpty());

        // Clearing them removes the layer; a new survey forgets them.
        training->trainingPanel()->validationClearButton()->click();
        QVERIFY(training->validationOccurrences()->isEmpty());
        QVERIFY(!findLayer<ValidationPointLayer>(window));
        QVERIFY(!training->trainingPanel()->validationClearButton()->isEnabled());
    }
    void cancelKeepsThePreviousResultAndTheWindowResponds()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        QVERIFY(test::trainSmall(window));
        TrainingController *training = window.trainingController();
        const auto before = training->result();
        ClassMapLayer *classesBefore = training->classLayer();
        const QVector<double> lossBefore = training->trainingPanel()->lossPlot()->losses();

        training->trainingPanel()->setParams(test::longParams());
        QSignalSpy canceled(training, &TrainingController::trainingCanceled);
        QSignalSpy progress(training->runner(), &TrainingRunner::progressChanged);
        QTest::mouseClick(training->trainingPanel()->trainButton(), Qt::LeftButton);
        QVERIFY(training->isTraining());
        QVERIFY(training->trainingPanel()->cancelButton()->isEnabled());

        // While training: the event loop keeps turning, and the map zooms and switches layers.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worst = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] {
            worst = std::max(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start(20);
        const double scale = window.canvas()->scale();
        window.canvas()->zoomIn();
        QCOMPARE(window.canvas()->scale(), scale * 2);
        window.surveyLayer()->setVisible(false);
        QTest::qWait(1500);
        tick.stop();
        qInfo("longest pause of the GUI event loop while training: %lld ms", worst);
        QVERIFY2(worst < 500, qPrintable(QStringLiteral("%1 ms").arg(worst)));
        QVERIFY(!progress.isEmpty());
        // The bar moves (on a loaded machine the first thousandth of a stage can take longer than the wait above).
        QTRY_VERIFY_WITH_TIMEOUT(training->trainingPanel()->progressBar()->value() > 0, 20000);

        QElapsedTimer latency;
        latency.start();
        QTest::mouseClick(training->trainingPanel()->cancelButton(), Qt::LeftButton);
        QVERIFY(canceled.wait(5000));
        qInfo("cancel latency from the Cancel button: %lld ms", latency.elapsed());
        QVERIFY2(latency.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(latency.elapsed())));
        QVERIFY(!training->isTraining());
        QCOMPARE(training->result(), before);
        QCOMPARE(training->classLayer(), classesBefore);
        QCOMPARE(training->trainingPanel()->lossPlot()->losses(), lossBefore);
        QVERIFY(training->trainingPanel()->statusText().contains(QStringLiteral("previous results are kept")));
        // The bar says where the run stopped, and no note of the canceled run is left.
        QTRY_VERIFY(training->trainingPanel()->progressBar()->text().startsWith(QStringLiteral("canceled at ")));
        QVERIFY(training->trainingPanel()->reuseNote().isEmpty());
        QVERIFY(errors.isEmpty());
        QVERIFY(training->trainingPanel()->trainButton()->isEnabled());
    }
    void aFailedRunShowsTheErrorAndKeepsTheResult()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        QVERIFY(test::trainSmall(window));
        TrainingController *training = window.trainingController();
        const auto before = training->result();
        // Settings core refuses (a patch larger than the survey): Train is disabled, so the run is started
        // directly to see how a failure from core is shown.
        PipelineParams bad = test::smallParams();
        bad.autoencoder.patchSize = 110;
        bad.experiments.patchResize = 10;
        training->trainingPanel()->setParams(bad);
        QVERIFY(!training->trainingPanel()->trainButton()->isEnabled()); // refused before it starts
        QSignalSpy failed(training, &TrainingController::trainingFailed);
        training->train();
        QVERIFY(failed.wait(20000));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("larger than the survey")), qPrintable(errors.front()));
        QCOMPARE(training->result(), before);
        QVERIFY(training->classLayer());
    }
    void featureRastersCanBeShownOnTheMap()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        QVERIFY(test::trainSmall(window));
        TrainingController *training = window.trainingController();
        FeatureBrowser *browser = training->featureBrowser();
        QCOMPARE(browser->count(), 15); // 14 filters, and the analytic signal the classifier reads beside them
        QCOMPARE(browser->featureName(0), QStringLiteral("layer1_filter01"));
        QCOMPARE(browser->featureName(14), QStringLiteral("input_as"));
        if (browser->isLoading()) {
            QSignalSpy ready(browser, &FeatureBrowser::thumbnailsReady);
            QVERIFY(ready.wait(10000));
        }
        QVERIFY(browser->statistics(3));
        QSignalSpy shown(training, &TrainingController::featureShown);
        browser->show();
        QListWidget *list = browser->list();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(3)).center());
        QVERIFY(shown.wait(10000));
        QCOMPARE(shown.front().at(0).toInt(), 3);
        RasterLayer *layer = training->featureLayer(3);
        QVERIFY(layer);
        QVERIFY(layer->name().contains(QStringLiteral("layer1_filter04")));
        QVERIFY(window.layerStack()->indexOf(layer) >= 0);
        // Drawn above the result's maps, which would hide it, and below the labels.
        int resultMaps = 0;
        for (MapLayer *l : window.layerStack()->layers())
            if (l->name().startsWith(QStringLiteral("Class map")) ||
                l->name().startsWith(QStringLiteral("Deposit probability"))) {
                ++resultMaps;
                QVERIFY2(window.layerStack()->indexOf(layer) < window.layerStack()->indexOf(l), qPrintable(l->name()));
            }
        QCOMPARE(resultMaps, 2);
        QCOMPARE(window.layerStack()->layers().front()->name(), QStringLiteral("Labels")); // still on top
        double v = 0;
        QVERIFY(layer->valueAt(60, 50, &v));
        QCOMPARE(float(v), training->result()->features.plane(3)[50 * 120 + 60]);
        QCOMPARE(training->shownFeatures(), QList<int>{3});
        // Clicking it again shows the same layer, not a copy.
        training->showFeature(3);
        QCOMPARE(shown.count(), 2);
        int copies = 0;
        for (MapLayer *l : window.layerStack()->layers())
            copies += l->name() == layer->name();
        QCOMPARE(copies, 1);
    }
    void exportsReadBackWithTheSurveysCrs()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        ResultExporter *exporter = window.trainingController()->exporter();
        QVERIFY(!exporter->action(ResultExporter::ClassMap)->isEnabled());
        QVERIFY(exporter->action(ResultExporter::MapView)->isEnabled());
        QVERIFY(test::trainSmall(window));
        QVERIFY(exporter->action(ResultExporter::ClassMap)->isEnabled());
        const RasterInfo survey = readRasterInfo(m_survey.toStdString());

        const QString out = m_dir.filePath(QStringLiteral("exports"));
        QDir().mkpath(out);
        struct Item {
            ResultExporter::Kind kind;
            QString name;
        };
        const Item items[] = {{ResultExporter::ClassMap, QStringLiteral("classes.tif")},
                              {ResultExporter::ProbabilityMap, QStringLiteral("probability.tif")},
                              {ResultExporter::FeatureRasters, QStringLiteral("features.tif")},
                              {ResultExporter::ReportJson, QStringLiteral("report.json")},
                              {ResultExporter::ReportCsv, QStringLiteral("report.csv")},
                              {ResultExporter::MapView, QStringLiteral("map.png")},
                              {ResultExporter::LossCurve, QStringLiteral("loss.pdf")},
                              {ResultExporter::CrossValidationChart, QStringLiteral("cv.png")},
                              {ResultExporter::AllResults, QStringLiteral("all")}};
        QSignalSpy exported(exporter, &ResultExporter::exported);
        for (const Item &item : items)
            exporter->exportTo(item.kind, QDir(out).filePath(item.name));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), int(std::size(items)), 30000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(!exporter->isBusy());

        const auto result = window.trainingController()->result();
        for (const QString &name : {QStringLiteral("classes.tif"), QStringLiteral("probability.tif"),
                                    QStringLiteral("features.tif"), QStringLiteral("all/classes.tif"),
                                    QStringLiteral("all/probability.tif"), QStringLiteral("all/features.tif")}) {
            const RasterInfo info = readRasterInfo(QDir(out).filePath(name).toStdString());
            QVERIFY2(info.grid.sameGrid(survey.grid), qPrintable(name));
            QVERIFY2(info.grid.crsWkt == survey.grid.crsWkt, qPrintable(name));
        }
        QCOMPARE(readRasterInfo(QDir(out).filePath(QStringLiteral("features.tif")).toStdString()).bandCount, 15);
        const Raster probability = readRaster(QDir(out).filePath(QStringLiteral("probability.tif")).toStdString());
        for (std::size_t i = 0; i < probability.data.size(); i += 97)
            QCOMPARE(probability.data[i], result->probability[i]); // as computed, not rescaled
        QVERIFY(readByteRaster(QDir(out).filePath(QStringLiteral("classes.tif")).toStdString()).data ==
                result->classes);
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("classes.tif.provenance.json"))).size() > 100);
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("all/model.pt"))).size() > 0);
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("map.png"))).size() > 0);
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("loss.pdf"))).size() > 0);
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("cv.png"))).size() > 0);
        QCOMPARE(exporter->exportedFiles().value(ResultExporter::ReportCsv),
                 QDir(out).filePath(QStringLiteral("report.csv")));

        // The map's world file puts the image where the map is: its top-left pixel is the top-left corner of
        // the part of the grid in view, plus half a pixel.
        QFile world(ResultExporter::worldFilePath(QDir(out).filePath(QStringLiteral("map.png"))));
        QVERIFY(world.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(world.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        const QRectF shown =
            window.canvas()->visiblePixelRect().intersected(QRectF(0, 0, survey.grid.width, survey.grid.height));
        const QPointF topLeft = window.canvas()->pixelToMap(shown.topLeft());
        QVERIFY(std::abs(lines[4].toDouble() - 0.5 * lines[0].toDouble() - topLeft.x()) < 1e-3);
        QVERIFY(std::abs(lines[5].toDouble() - 0.5 * lines[3].toDouble() - topLeft.y()) < 1e-3);
        QVERIFY(lines[0].toDouble() > 0 && lines[3].toDouble() < 0); // north up

        // Writing into a folder that cannot be written reports core's message.
        QSignalSpy failed(exporter, &ResultExporter::failed);
        exporter->exportTo(ResultExporter::ClassMap, QStringLiteral("/proc/lodestone/classes.tif"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(errors.size(), 1);
    }
    void openingAnotherSurveyClearsTheResult()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        QVERIFY(test::trainSmall(window));
        QVERIFY(window.trainingController()->result());
        QVERIFY(test::openSurvey(window, m_survey));
        QVERIFY(!window.trainingController()->result());
        QVERIFY(!window.trainingController()->classLayer());
        QCOMPARE(window.trainingController()->featureBrowser()->count(), 0);
        QVERIFY(!window.trainingController()->exporter()->action(ResultExporter::ClassMap)->isEnabled());
        // The network kept for reuse was trained on the previous survey: forgotten, and Live is off.
        QVERIFY(!window.trainingController()->trainedFeatures());
        QVERIFY(!window.trainingController()->trainingPanel()->liveCheck()->isEnabled());
    }
    void openingASurveyOrQuittingAsksBeforeARunOrUnsavedResultsAreLost()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        QStringList asked;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        training->setQuestion(
            [&](const QString &title, const QString &text, QMessageBox::StandardButtons, QMessageBox::StandardButton) {
                asked << title + QStringLiteral(": ") + text;
                return answer;
            });
        // Nothing to lose before the first run: no question.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::trainSmall(window));
        QVERIFY(asked.isEmpty());

        // A result saved nowhere: opening a survey asks, and Cancel keeps survey and result.
        const auto result = training->result();
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_survey, 1);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.front().startsWith(QStringLiteral("Unsaved Results: ")), qPrintable(asked.front()));
        QVERIFY2(asked.front().contains(QStringLiteral("open ")), qPrintable(asked.front()));
        QVERIFY(!window.isLoading());
        QCOMPARE(training->result(), result);
        // Quitting asks too, and Cancel keeps the window.
        QVERIFY(!window.close());
        QCOMPARE(asked.size(), 2);
        QVERIFY(window.isVisible());

        // A run in progress: Cancel keeps it running; Discard lets the survey open, which ends the run.
        training->trainingPanel()->setParams(test::longParams());
        training->trainingPanel()->trainButton()->click();
        QVERIFY(training->isTraining());
        window.openFile(m_survey, 1);
        QCOMPARE(asked.size(), 3);
        QVERIFY2(asked.last().startsWith(QStringLiteral("Training Is Running: ")), qPrintable(asked.last()));
        QVERIFY(training->isTraining());
        QVERIFY(!window.isLoading());
        answer = QMessageBox::Discard;
        window.openFile(m_survey, 1);
        QCOMPARE(asked.size(), 4);
        QVERIFY(opened.count() > 0 || opened.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!training->isTraining(), 5000);
        QVERIFY(!training->result());
    }
};

QTEST_MAIN(TestTrainingController)
#include "test_trainingcontroller.moc"
