// ProjectController in a MainWindow: a project saves the survey, its (unsaved) labels, the settings, the view
// and the result, and reopens them as they were, result layers included; a project whose survey has moved
// names the missing file, leaves the window usable, and opens once the survey is located.
#include "classmaplayer.h"
#include "crossvalidationview.h"
#include "evaluationview.h"
#include "layerstack.h"
#include "magneticfilters.h"
#include "mapcanvas.h"
#include "probabilitylayer.h"
#include "processingcontroller.h"
#include "rasterlayer.h"
#include "resultspanel.h"
#include "stylepanel.h"
#include "trainingpanel.h"
#include "userlayers.h"
#include "validationoccurrences.h"
#include "windowfixture.h"

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace lodestone;

class TestProjectController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static bool sameParams(const PipelineParams &a, const PipelineParams &b)
    {
        return a.autoencoder.patchSize == b.autoencoder.patchSize && a.autoencoder.filters == b.autoencoder.filters &&
               a.autoencoder.trainPatches == b.autoencoder.trainPatches &&
               a.autoencoder.epochs == b.autoencoder.epochs && a.autoencoder.batchSize == b.autoencoder.batchSize &&
               a.mode == b.mode && a.seed == b.seed && a.experiments.folds == b.experiments.folds &&
               a.experiments.svm.c == b.experiments.svm.c && a.featureMethod == b.featureMethod;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_projectcontroller"));
        QVERIFY(m_dir.isValid());
    }
    void init() { QSettings().clear(); }

    void aProjectReopensWithItsSettingsLayersAndView()
    {
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("one")));
        const QString projectPath = QDir(folder).filePath(QStringLiteral("study.lodestone"));
        PipelineParams params = test::smallParams();
        params.mode = SvmMode::PatchFeatures;
        params.experiments.svm.c = 4.0;
        QRectF savedView;
        std::vector<ModeResult> savedCv;
        MapEvaluation savedEvaluation;
        const QString validation = QDir(folder).filePath(QStringLiteral("validation.csv"));
        const std::vector<std::size_t> validationPixels = test::writeValidationPoints(validation);
        {
            MainWindow window;
            QStringList errors;
            test::quietWindow(window, &errors);
            window.resize(1000, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(test::openSurvey(window, folder + QStringLiteral("/survey.tif"),
                                     folder + QStringLiteral("/labels.tif")));
            // An unsaved edit: the project saves the labels first.
            window.labelDocument()->setAt(5, 5, LabelDeposit);
            window.labelDocument()->notifyChanged(QRect(5, 5, 1, 1));
            QVERIFY(window.labelDocument()->isModified());
            QVERIFY(window.trainingController()->validationOccurrences()->load(validation));
            QVERIFY(test::trainSmall(window, params));
            TrainingController *training = window.trainingController();
            training->resultsPanel()->setThreshold(0.7);
            training->resultsPanel()->setGreyBelow(false); // grey is the default: the project keeps the choice
            training->classLayer()->setVisible(true);
            training->classLayer()->setOpacity(0.4);
            QSignalSpy shown(training, &TrainingController::featureShown);
            training->showFeature(2);
            QVERIFY(shown.wait(10000));
            RenderSettings style = window.surveyLayer()->settings();
            style.ramp = ColorRamp::Greys;
            style.azimuth = 90;
            window.surveyLayer()->setSettings(style);
            window.canvas()->zoomBy(3.0, QPointF(300, 200));
            savedView = window.canvas()->visiblePixelRect();
            savedCv = training->result()->crossValidation;
            savedEvaluation = training->result()->evaluation;
            // A later change of the settings does not change what the result was trained with.
            PipelineParams changed = params;
            changed.autoencoder.epochs = 9;
            training->trainingPanel()->setParams(changed);

            QSignalSpy saved(window.projectController(), &ProjectController::projectSaved);
            window.projectController()->saveProject(projectPath);
            QVERIFY(saved.count() == 1 || saved.wait(30000));
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
            QVERIFY(QFile::exists(projectPath));
            QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("study_results/classes.tif"))));
            QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("study_results/model.pt"))));
            QVERIFY(!window.labelDocument()->isModified());
            QCOMPARE(window.labelDocument()->path(), QDir(folder).filePath(QStringLiteral("labels.tif")));
            QVERIFY(window.windowTitle().startsWith(QStringLiteral("study.lodestone")));
        }

        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TrainingController *training = window.trainingController();
        QSignalSpy opened(window.projectController(), &ProjectController::projectOpened);
        QSignalSpy shown(training, &TrainingController::featureShown);
        window.projectController()->openProject(projectPath);
        QVERIFY(opened.wait(30000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(window.projectController()->projectPath(), projectPath);

        PipelineParams expectedPanel = params;
        expectedPanel.autoencoder.epochs = 9;
        QVERIFY(sameParams(training->trainingPanel()->params(), expectedPanel));
        QVERIFY(sameParams(training->resultParams(), params));
        QCOMPARE(window.labelDocument()->at(5, 5), LabelDeposit);
        QCOMPARE(window.labelDocument()->counts()[1], std::size_t(15));
        QCOMPARE(window.surveyLayer()->settings().ramp, ColorRamp::Greys);
        QCOMPARE(window.surveyLayer()->settings().azimuth, 90.0);
        QCOMPARE(window.stylePanel()->settings().ramp, ColorRamp::Greys);

        // Result layers, panels and threshold.
        QVERIFY(training->result());
        QVERIFY(training->classLayer());
        QVERIFY(training->probabilityLayer());
        QVERIFY(training->classLayer()->isVisible());
        QCOMPARE(training->classLayer()->opacity(), 0.4);
        QCOMPARE(training->probabilityLayer()->threshold(), 0.7);
        QCOMPARE(training->probabilityLayer()->belowThreshold(), ProbabilityLayer::BelowThreshold::Transparent);
        QCOMPARE(training->result()->classes.size(), std::size_t(120 * 100));
        QVERIFY(training->result()->classifier && training->result()->autoencoder);
        QCOMPARE(training->result()->features.count, 15); // 14 filters and the analytic signal
        QCOMPARE(training->result()->crossValidation.size(), savedCv.size());
        for (std::size_t i = 0; i < savedCv.size(); ++i) {
            // report.json keeps every digit
            QVERIFY(std::abs(training->result()->crossValidation[i].accuracy - savedCv[i].accuracy) < 1e-9);
            QVERIFY(training->result()->crossValidation[i].accuracy == savedCv[i].accuracy);
            QCOMPARE(training->result()->crossValidation[i].confusion.tp, savedCv[i].confusion.tp);
        }
        QCOMPARE(training->crossValidationView()->metricsTable(CvScheme::Random)->columnCount(), 4);
        QCOMPARE(training->crossValidationView()->metricsTable(CvScheme::Spatial)->columnCount(), 4);
        // The validation occurrences and the evaluation at them.
        QVERIFY(training->validationOccurrences()->pixels() == validationPixels);
        QVERIFY(training->validationOccurrences()->layer());
        QCOMPARE(training->result()->evaluation.validationUsed, int(validationPixels.size()));
        QCOMPARE(training->result()->evaluation.rows.size(), savedEvaluation.rows.size());
        QVERIFY(std::abs(training->result()->evaluation.rows[0].prediction.auc -
                         savedEvaluation.rows[0].prediction.auc) < 1e-9);
        QVERIFY(training->evaluationView()->hasEvaluation());
        QCOMPARE(training->evaluationView()->kind(), RateCurvePlot::Kind::Prediction);
        QCOMPARE(training->evaluationView()->plot()->curveCount(), int(savedEvaluation.rows.size()));
        QVERIFY(shown.count() == 1 || shown.wait(10000));
        QVERIFY(training->featureLayer(2));

        // The view shows the same part of the survey.
        const QRectF view = window.canvas()->visiblePixelRect();
        QVERIFY2(std::abs(view.center().x() - savedView.center().x()) < 1.0 &&
                     std::abs(view.center().y() - savedView.center().y()) < 1.0,
                 qPrintable(QStringLiteral("(%1, %2) vs (%3, %4)")
                                .arg(view.center().x())
                                .arg(view.center().y())
                                .arg(savedView.center().x())
                                .arg(savedView.center().y())));
        QVERIFY(std::abs(view.width() - savedView.width()) < 1.0);

        // Saving again reuses the results on disk.
        QSignalSpy saved(window.projectController(), &ProjectController::projectSaved);
        window.projectController()->save();
        QCOMPARE(saved.count(), 1);
    }
    void aMovedSurveyIsNamedAndTheWindowStaysUsable()
    {
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("two")));
        const QString projectPath = QDir(folder).filePath(QStringLiteral("moved.lodestone"));
        {
            MainWindow window;
            test::quietWindow(window, nullptr);
            QVERIFY(test::openSurvey(window, folder + QStringLiteral("/survey.tif"),
                                     folder + QStringLiteral("/labels.tif")));
            QSignalSpy saved(window.projectController(), &ProjectController::projectSaved);
            window.projectController()->saveProject(projectPath);
            QVERIFY(saved.count() == 1);
        }
        const QString archive = m_dir.filePath(QStringLiteral("archive"));
        QDir().mkpath(archive);
        QVERIFY(QFile::rename(folder + QStringLiteral("/survey.tif"), archive + QStringLiteral("/survey.tif")));

        const QString other = test::writeDemo(m_dir.filePath(QStringLiteral("other")), 100, 80);
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.show();
        QVERIFY(test::openSurvey(window, other + QStringLiteral("/survey.tif")));
        RasterLayer *survey = window.surveyLayer();
        QString told;
        window.projectController()->setSurveyLocator([&told](const QString &missing, const QString &message) {
            told = message;
            Q_UNUSED(missing);
            return QString(); // the user cancels
        });
        QSignalSpy failed(window.projectController(), &ProjectController::projectFailed);
        QSignalSpy opened(window.projectController(), &ProjectController::projectOpened);
        window.projectController()->openProject(projectPath);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(opened.count(), 0);
        QVERIFY2(told.contains(QDir::toNativeSeparators(folder + QStringLiteral("/survey.tif"))), qPrintable(told));
        QVERIFY(told.contains(QStringLiteral("was not found")));
        QCOMPARE(window.surveyLayer(), survey); // the window is as it was
        QVERIFY(!window.projectController()->isBusy());
        QVERIFY(test::openSurvey(window, other + QStringLiteral("/survey.tif"))); // and usable

        // Located: the project opens with the survey from its new place.
        window.projectController()->setSurveyLocator(
            [&archive](const QString &, const QString &) { return archive + QStringLiteral("/survey.tif"); });
        window.projectController()->openProject(projectPath);
        QVERIFY(opened.wait(20000));
        QCOMPARE(QString::fromStdString(window.surveyLayer()->raster().path), archive + QStringLiteral("/survey.tif"));
        QCOMPARE(window.labelDocument()->counts()[1], std::size_t(14)); // labels were where the project said
        QVERIFY(errors.isEmpty());
    }
    void productsAndAddedLayersAreRestoredWithTheirInputChecks()
    {
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("layers")));
        const QString projectPath = QDir(folder).filePath(QStringLiteral("layers.lodestone"));
        const QString extra = QDir(folder).filePath(QStringLiteral("gravity.tif"));
        {
            MainWindow window;
            QStringList errors;
            test::quietWindow(window, &errors);
            QVERIFY(test::openSurvey(window, folder + QStringLiteral("/survey.tif"),
                                     folder + QStringLiteral("/labels.tif")));
            const Raster &survey = window.surveyLayer()->raster();
            writeFloatGeoTiff(extra.toStdString(), survey.grid, {survey.data.data()});
            QSignalSpy added(window.userLayers(), &UserLayers::layerAdded);
            DeriveParams as;
            as.product = MagneticProduct::AnalyticSignal;
            window.processingController()->derive(as);
            QVERIFY(added.wait(20000));
            window.userLayers()->addRasterFile(extra);
            QVERIFY(added.wait(20000));
            RasterLayer *gravity = window.userLayers()->layers().front(); // the last added, on top
            QCOMPARE(gravity->name(), QStringLiteral("gravity"));
            RenderSettings style = gravity->settings();
            style.ramp = ColorRamp::Greys;
            gravity->setSettings(style);
            gravity->setVisible(false);
            QListWidget *list = window.trainingController()->trainingPanel()->inputLayerList();
            QCOMPARE(list->count(), 3);
            for (int row = 1; row < list->count(); ++row)
                list->item(row)->setCheckState(Qt::Checked);
            QCOMPARE(window.trainingController()->trainingPanel()->params().layers.size(), std::size_t(2));
            QSignalSpy saved(window.projectController(), &ProjectController::projectSaved);
            window.projectController()->saveProject(projectPath);
            QVERIFY(saved.count() == 1 || saved.wait(30000));
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        }
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QSignalSpy restored(window.userLayers(), &UserLayers::restored);
        window.projectController()->openProject(projectPath);
        QVERIFY(restored.wait(30000));
        QCOMPARE(restored.front().at(0).toInt(), 2);
        QVERIFY(restored.front().at(1).toStringList().isEmpty());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const QList<RasterLayer *> layers = window.userLayers()->layers(); // top first, as they were
        QCOMPARE(layers.size(), 2);
        QCOMPARE(layers[0]->name(), QStringLiteral("gravity"));
        QVERIFY(layers[1]->name().contains(QStringLiteral("analytic signal")));
        QCOMPARE(layers[0]->settings().ramp, ColorRamp::Greys);
        QVERIFY(!layers[0]->isVisible());
        QVERIFY(layers[1]->isVisible());
        // The analytic signal is derived again: core's product of the survey.
        DeriveParams as;
        as.product = MagneticProduct::AnalyticSignal;
        const Raster expected = deriveMagneticProduct(window.surveyLayer()->raster(), as);
        QCOMPARE(layers[1]->raster().data.size(), expected.data.size());
        QVERIFY(std::equal(expected.data.begin(), expected.data.end(), layers[1]->raster().data.begin(),
                           [](float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }));
        // Both are checked again as the network's inputs, in the order of the layer list (top first).
        const std::vector<LayerSpec> inputs = window.trainingController()->trainingPanel()->params().layers;
        QCOMPARE(inputs.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(inputs[0].path), extra);
        QCOMPARE(inputs[1].name, std::string("as"));

        // A layer file that has gone is named, and the rest of the project still opens.
        QVERIFY(QFile::remove(extra));
        MainWindow again;
        QStringList againErrors;
        test::quietWindow(again, &againErrors);
        QSignalSpy againRestored(again.userLayers(), &UserLayers::restored);
        again.projectController()->openProject(projectPath);
        QVERIFY(againRestored.wait(30000));
        QCOMPARE(againRestored.front().at(0).toInt(), 1);
        QCOMPARE(againErrors.size(), 1);
        QVERIFY2(againErrors.front().contains(QStringLiteral("gravity.tif")), qPrintable(againErrors.front()));
    }
    void openingAProjectAsksAboutTheLabelsFirstAndEachQuestionOnce()
    {
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("order")));
        const QString projectPath = QDir(folder).filePath(QStringLiteral("order.lodestone"));
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(
            test::openSurvey(window, folder + QStringLiteral("/survey.tif"), folder + QStringLiteral("/labels.tif")));
        QSignalSpy saved(window.projectController(), &ProjectController::projectSaved);
        window.projectController()->saveProject(projectPath);
        QVERIFY(saved.count() == 1 || saved.wait(30000));
        // Then a result saved nowhere and an unsaved label edit: two questions before the project opens again.
        QVERIFY(test::trainSmall(window, test::smallParams()));
        window.labelDocument()->setAt(5, 5, LabelDeposit);
        window.labelDocument()->notifyChanged(QRect(5, 5, 1, 1));
        QStringList asked;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        const auto question = [&](const QString &title, const QString &, QMessageBox::StandardButtons,
                                  QMessageBox::StandardButton) {
            asked << title;
            return answer;
        };
        window.labelFiles()->setQuestion(question);
        window.trainingController()->setQuestion(question);
        QSignalSpy failed(window.projectController(), &ProjectController::projectFailed);
        window.projectController()->openProject(projectPath);
        // Cancel at the labels' question: nothing else is asked and the result stays.
        QCOMPARE(asked, QStringList{QStringLiteral("Unsaved Labels")});
        QCOMPARE(failed.count(), 1);
        QVERIFY(window.trainingController()->result());
        QVERIFY(window.labelDocument()->isModified());
        // Discard both: the labels' question, then the result's, once each, and the project opens.
        asked.clear();
        answer = QMessageBox::Discard;
        QSignalSpy opened(window.projectController(), &ProjectController::projectOpened);
        window.projectController()->openProject(projectPath);
        QVERIFY(opened.count() == 1 || opened.wait(30000));
        QCOMPARE(asked, (QStringList{QStringLiteral("Unsaved Labels"), QStringLiteral("Unsaved Results")}));
        QVERIFY(!window.labelDocument()->isModified());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }
    void aBrokenProjectIsReportedPlainly()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.lodestone"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.projectController()->openProject(path);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("is not a Lodestone project")), qPrintable(errors.front()));
        // Saving without a survey says why not.
        window.projectController()->saveProject(m_dir.filePath(QStringLiteral("empty.lodestone")));
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.back().contains(QStringLiteral("Open a survey")));
    }
};

QTEST_MAIN(TestProjectController)
#include "test_projectcontroller.moc"
