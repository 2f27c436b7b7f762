// Train on a survey whose feature rasters stream (the threshold lowered, so that the demo survey is "large"): the
// run goes strip by strip into a folder of the session as lodestone-cli run does, the class and probability maps
// come back from its files, the feature rasters stay in features.tif and the browser and the feature layers read
// them band by band; exports copy the run's files; a canceled run leaves the previous result and its files.
#include "classmaplayer.h"
#include "featurebrowser.h"
#include "job.h"
#include "probabilitylayer.h"
#include "raster.h"
#include "rasterlayer.h"
#include "resultloader.h"
#include "resultwriter.h"
#include "trainingrunner.h"
#include "windowfixture.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QTemporaryDir>

using namespace lodestone;

class TestStreamedTraining : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_survey, m_labels;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("demo")));
        m_survey = folder + QStringLiteral("/survey.tif");
        m_labels = folder + QStringLiteral("/labels.tif");
    }

    void aRunAboveTheThresholdStreamsAndShowsItsResults()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        training->setStreamThreshold(1000); // bytes: the demo's feature rasters take more
        QString stages;                     // the panel's stage line as each stage begins
        connect(training->runner(), &TrainingRunner::stageChanged, this, [&] {
            for (const QLabel *label : training->trainingPanel()->findChildren<QLabel *>())
                if (label->text().startsWith(QStringLiteral("Stage ")))
                    stages += label->text() + QLatin1Char('\n');
        });
        QVERIFY(test::trainSmall(window));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        // The stages counted are those a streamed run reports: training, features, CV, classifying, writing.
        QVERIFY2(stages.contains(QStringLiteral("Stage 5 of 5:")), qPrintable(stages));
        QVERIFY(!stages.contains(QStringLiteral("of 6")));

        const auto result = training->result();
        QVERIFY(result);
        QCOMPARE(result->stripRows, 256); // the streamed run's
        QVERIFY(ResultLoader::featuresOnDisk(*result));
        QVERIFY(result->features.data.empty());
        const QString featuresFile = training->featuresFile();
        QVERIFY(QFileInfo::exists(featuresFile));
        const int count = readRasterInfo(featuresFile.toStdString()).bandCount;
        QCOMPARE(result->features.count, count);
        QCOMPARE(count, 6 + 4 + 4);                  // one a filter of every encoder layer
        QVERIFY(training->resultFolder().isEmpty()); // in the session's folder, saved nowhere yet
        const QString runFolder = QFileInfo(featuresFile).absolutePath();

        // The maps are those of the run's files.
        const ByteRaster classes =
            readByteRaster(QDir(runFolder).filePath(QStringLiteral("classes.tif")).toStdString());
        QCOMPARE(result->classes, classes.data);
        QCOMPARE(result->probability.size(), std::size_t(120 * 100));
        QVERIFY(training->classLayer() && training->probabilityLayer());
        QTRY_VERIFY_WITH_TIMEOUT(!training->probabilityLayer()->image().isNull(), 10000);

        // The browser lists the rasters of the file and draws them from it.
        FeatureBrowser *browser = training->featureBrowser();
        QCOMPARE(browser->count(), count);
        QCOMPARE(browser->featuresFile(), featuresFile);
        QTRY_VERIFY_WITH_TIMEOUT(!browser->isLoading(), 20000);
        QVERIFY(browser->statistics(1) && browser->statistics(1)->maximum() >= browser->statistics(1)->minimum());
        QCOMPARE(browser->featureName(0).toStdString(), result->features.names[0]);

        // A feature layer reads its band, and that band alone, from the file.
        QSignalSpy shown(training, &TrainingController::featureShown);
        Q_EMIT browser->featureActivated(2);
        QVERIFY(shown.count() > 0 || shown.wait(20000));
        RasterLayer *layer = training->featureLayer(2);
        QVERIFY(layer);
        const Raster band = readRaster(featuresFile.toStdString(), 3);
        const Raster &drawn = layer->raster();
        QCOMPARE(drawn.data.size(), band.data.size());
        for (std::size_t i = 0; i < band.data.size(); ++i)
            QVERIFY(!drawn.valid[i] || drawn.data[i] == band.data[i]);

        // The live preview needs the rasters in memory: not offered, and it says why.
        QVERIFY(!training->trainingPanel()->liveCheck()->isEnabled());
        QVERIFY(training->trainingPanel()->liveCheck()->toolTip().contains(QStringLiteral("too large")));

        // Exporting all results copies the run's files.
        QTemporaryDir out;
        ResultWriter::writeAll(out.path().toStdString(), training->exportSource());
        for (const char *name : {"classes.tif", "probability.tif", "features.tif", "report.json", "model.pt"})
            QVERIFY2(QFileInfo::exists(QDir(out.path()).filePath(QString::fromLatin1(name))), name);
        QCOMPARE(readByteRaster(QDir(out.path()).filePath(QStringLiteral("classes.tif")).toStdString()).data,
                 classes.data);
        const std::string exported = QDir(out.path()).filePath(QStringLiteral("exported-features.tif")).toStdString();
        ResultWriter::writeFeatures(exported, training->exportSource()); // the file alone, copied and finished
        QCOMPARE(readRasterInfo(exported).bandCount, count);
        QCOMPARE(readRaster(exported, 3).data.size(), band.data.size());
        QVERIFY(QFileInfo::exists(QString::fromStdString(ResultWriter::provenancePath(exported))));

        // A canceled streamed run leaves the result and its files as they were.
        training->trainingPanel()->setParams(test::longParams());
        QSignalSpy canceled(training, &TrainingController::trainingCanceled);
        training->trainingPanel()->trainButton()->click();
        QVERIFY(training->runStreams());
        QTest::qWait(200);
        training->cancel();
        QVERIFY(canceled.count() > 0 || canceled.wait(20000));
        QCOMPARE(training->result(), result);
        QCOMPARE(training->featuresFile(), featuresFile);
        QVERIFY(QFileInfo::exists(featuresFile));

        // A new result replaces the streamed one and its files go.
        QVERIFY(test::trainSmall(window));
        QVERIFY(training->result() != result);
        QVERIFY(!QFileInfo::exists(featuresFile));
        QVERIFY(QFileInfo::exists(training->featuresFile()));
    }

    void aRunBelowTheThresholdKeepsItsFeaturesInMemory()
    {
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        QCOMPARE(training->streamThreshold(), inMemoryRunBudget()); // the rule of lodestone-cli run
        QVERIFY(test::trainSmall(window));
        QVERIFY(!ResultLoader::featuresOnDisk(*training->result()));
        QVERIFY(training->featuresFile().isEmpty());
        QCOMPARE(training->featureBrowser()->count(), training->result()->features.count);
        QVERIFY(training->featureBrowser()->featuresFile().isEmpty());
    }

    void aLargeSavedResultLeavesItsFeaturesInTheFolder()
    {
        // A result folder whose feature rasters would exceed the threshold: read() leaves them there. The demo's
        // are small, so readMaps() is asked for OnDisk directly; read() decides by kStreamAbove.
        MainWindow window;
        test::quietWindow(window, nullptr);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        QVERIFY(test::trainSmall(window));
        QTemporaryDir saved;
        ResultWriter::writeAll(saved.path().toStdString(), training->exportSource());
        const Raster &survey = window.surveyLayer()->raster();
        PipelineResult loaded = ResultLoader::read(saved.path(), survey);
        QVERIFY(!ResultLoader::featuresOnDisk(loaded)); // 120 x 100 cells: in memory
        ResultLoader::readMaps(saved.path(), survey, loaded, ResultLoader::Features::OnDisk);
        QVERIFY(ResultLoader::featuresOnDisk(loaded));
        QCOMPARE(loaded.features.names.size(), std::size_t(training->result()->features.count));
        training->setResult(std::make_shared<const PipelineResult>(std::move(loaded)), training->resultParams(),
                            training->resultContext(), saved.path());
        QCOMPARE(training->featuresFile(), QDir(saved.path()).filePath(QStringLiteral("features.tif")));
        QTRY_VERIFY_WITH_TIMEOUT(!training->featureBrowser()->isLoading(), 20000);
        QSignalSpy shown(training, &TrainingController::featureShown);
        training->showFeature(0);
        QVERIFY(shown.count() > 0 || shown.wait(20000));
        QVERIFY(training->featureLayer(0));
        QVERIFY(QFileInfo::exists(training->featuresFile())); // a saved result's folder is never removed
    }
};

QTEST_MAIN(TestStreamedTraining)
#include "test_streamedtraining.moc"
