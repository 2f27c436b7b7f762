// TrainingRunner (with TrainingWorker and SignalFeedback): a run on its own thread reports stages, throttled
// progress and epoch losses and delivers its result on the GUI thread; Cancel stops it within a second in
// every stage; errors of core arrive as messages; the runner is reusable after each outcome.
#include "demodata.h"
#include "progressestimator.h"
#include "signalfeedback.h"
#include "trainingrunner.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace lodestone;

class TestTrainingRunner : public QObject {
    Q_OBJECT
private:
    /** Starts a long run, cancels it once stage is reached plus settle ms, and returns the latency in ms. */
    qint64 cancelLatencyIn(const QString &stage, const PipelineParams &params, int settleMs)
    {
        TrainingRunner runner;
        QSignalSpy stages(&runner, &TrainingRunner::stageChanged);
        QSignalSpy canceled(&runner, &TrainingRunner::canceled);
        QSignalSpy finished(&runner, &TrainingRunner::finished);
        if (!runner.start(test::demoRaster(), test::demoLabels(), params))
            return -1;
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 60000) {
            bool reached = false;
            for (const auto &args : stages)
                reached |= args.at(0).toString() == stage;
            if (reached || !runner.isRunning())
                break;
            QTest::qWait(10);
        }
        if (!runner.isRunning())
            return -2; // finished before reaching the stage: the settings are too small for this test
        QTest::qWait(settleMs);
        QElapsedTimer latency;
        latency.start();
        runner.cancel();
        if (!canceled.wait(5000) && canceled.isEmpty())
            return -3;
        const qint64 ms = latency.elapsed();
        if (!finished.isEmpty() || runner.isRunning())
            return -4;
        qInfo("cancel latency in \"%s\": %lld ms (runner's own measure %lld ms)", qPrintable(stage), ms,
              runner.lastCancelLatencyMs());
        return ms;
    }

private Q_SLOTS:
    void aSmallRunReportsProgressAndFinishes()
    {
        TrainingRunner runner;
        QSignalSpy started(&runner, &TrainingRunner::started);
        QSignalSpy stages(&runner, &TrainingRunner::stageChanged);
        QSignalSpy progress(&runner, &TrainingRunner::progressChanged);
        QSignalSpy losses(&runner, &TrainingRunner::epochLossReported);
        QSignalSpy finished(&runner, &TrainingRunner::finished);
        QSignalSpy stopped(&runner, &TrainingRunner::stopped);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.start(test::demoRaster(), test::demoLabels(), test::smallParams()));
        QCOMPARE(started.count(), 1);
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start(test::demoRaster(), test::demoLabels(), test::smallParams())); // one at a time
        QVERIFY(finished.wait(60000));
        const double seconds = clock.elapsed() / 1000.0;
        QVERIFY(!runner.isRunning());
        QCOMPARE(stopped.count(), 1);

        QStringList names;
        for (const auto &args : stages)
            names << args.at(0).toString();
        // The default classifier inputs (the analytic signal) are derived first, then the stages of every run.
        QCOMPARE(names,
                 QStringList{QStringLiteral("Computing magnetic products")} + ProgressEstimator::trainingStages());
        QVERIFY(!progress.isEmpty());
        for (const auto &args : progress) {
            const double f = args.at(0).toDouble();
            QVERIFY(f >= 0.0 && f <= 1.0);
        }
        // Throttled to about 20 a second per stage (plus each stage's first and last report).
        QVERIFY2(progress.count() <= int(seconds * 1000 / SignalFeedback::kProgressIntervalMs) +
                                         3 * int(ProgressEstimator::trainingStages().size()) + 4,
                 qPrintable(QStringLiteral("%1 progress signals in %2 s").arg(progress.count()).arg(seconds)));
        QCOMPARE(losses.count(), 2);
        QCOMPARE(losses.at(0).at(0).toInt(), 1);
        QCOMPARE(losses.at(1).at(0).toInt(), 2);
        QVERIFY(losses.at(1).at(1).toDouble() > 0);

        const auto result = finished.front().at(0).value<std::shared_ptr<const PipelineResult>>();
        QVERIFY(result);
        QCOMPARE(result->grid.width, 120);
        QCOMPARE(result->features.count, 15); // 6 + 4 + 4 filters, and the analytic signal beside them
        QCOMPARE(result->features.names.back(), std::string("input_as"));
        QCOMPARE(result->crossValidation.size(), std::size_t(4));
        QCOMPARE(result->history.epochLoss.size(), std::size_t(2));
        QCOMPARE(result->history.epochLoss[1], losses.at(1).at(1).toDouble());
        QCOMPARE(result->classes.size(), std::size_t(120 * 100));
        QCOMPARE(result->deposits, std::size_t(14));
        QCOMPARE(result->nonDeposits, std::size_t(17));

        // Reusable: a second run finishes too.
        QVERIFY(runner.start(test::demoRaster(), test::demoLabels(), test::smallParams()));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.count(), 2);
    }
    void cancelStopsTrainingWithinASecond()
    {
        const qint64 ms = cancelLatencyIn(QStringLiteral("Training autoencoder"), test::longParams(), 300);
        QVERIFY2(ms >= 0, qPrintable(QString::number(ms)));
        QVERIFY2(ms < 1000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    }
    void cancelStopsTheFeatureStitchWithinASecond()
    {
        // The exact stitch at stride 1 with a big patch takes minutes on this grid.
        PipelineParams p = test::smallParams();
        p.autoencoder.patchSize = 60;
        p.featureMethod = FeatureMethod::Exact;
        p.stride = 1;
        const qint64 ms = cancelLatencyIn(QStringLiteral("Computing feature rasters"), p, 300);
        QVERIFY2(ms >= 0, qPrintable(QString::number(ms)));
        QVERIFY2(ms < 1000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    }
    void cancelStopsCrossValidationWithinASecond()
    {
        // Many positions and folds make the RBF SVM's search of cross-validation long.
        PipelineParams p = test::smallParams();
        p.experiments.svm.kind = ClassifierKind::RbfSvm;
        p.experiments.folds = 10;
        p.experiments.perClass = 0;
        LabelImage labels = test::demoLabels();
        for (std::size_t i = 0; i < labels.values.size(); i += 7)
            labels.values[i] = (i / 7) % 2 ? LabelDeposit : LabelNonDeposit;
        TrainingRunner runner;
        QSignalSpy stages(&runner, &TrainingRunner::stageChanged);
        QSignalSpy canceled(&runner, &TrainingRunner::canceled);
        QVERIFY(runner.start(test::demoRaster(), labels, p));
        QTRY_VERIFY_WITH_TIMEOUT(
            !stages.isEmpty() && stages.back().at(0).toString() == QStringLiteral("Cross-validating"), 60000);
        QTest::qWait(300);
        QVERIFY(runner.isRunning());
        QElapsedTimer latency;
        latency.start();
        runner.cancel();
        QVERIFY(canceled.wait(5000));
        qInfo("cancel latency in \"Cross-validating\": %lld ms", latency.elapsed());
        QVERIFY2(latency.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(latency.elapsed())));
    }
    void errorsOfCoreArriveAsMessages()
    {
        TrainingRunner runner;
        QSignalSpy failed(&runner, &TrainingRunner::failed);
        QSignalSpy finished(&runner, &TrainingRunner::finished);
        LabelImage labels = test::demoLabels();
        for (uint8_t &v : labels.values)
            if (v == LabelDeposit)
                v = LabelUnknown;
        QVERIFY(runner.start(test::demoRaster(), labels, test::smallParams()));
        QVERIFY(failed.wait(10000));
        QVERIFY(finished.isEmpty());
        const QString message = failed.front().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("At least 2 labelled positions of each class")), qPrintable(message));
        QVERIFY(!runner.isRunning());

        PipelineParams bad = test::smallParams();
        bad.autoencoder.patchSize = 200; // larger than the survey
        QVERIFY(runner.start(test::demoRaster(), test::demoLabels(), bad));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.back().at(0).toString().contains(QStringLiteral("larger than the survey")));
    }
    void destroyingTheRunnerStopsARunningTraining()
    {
        QElapsedTimer clock;
        {
            TrainingRunner runner;
            QVERIFY(runner.start(test::demoRaster(), test::demoLabels(), test::longParams()));
            QTest::qWait(500);
            clock.start();
        }
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QStringLiteral("%1 ms").arg(clock.elapsed())));
    }
    void quittingDuringTheMapsSvmOnAHugeLabelSetReturnsWithinASecond()
    {
        // Every pixel labelled, with labels that are noise, and no bound on the SVM's sample: the map's SVM would
        // run for many minutes inside dlib's solver, where the runner's destructor (Quit) used to wait for it.
        PipelineParams p = test::smallParams();
        p.experiments.svm.kind = ClassifierKind::RbfSvm;
        p.evaluate = false;
        p.experiments.maxTrainingSamples = 0;
        LabelImage labels = test::demoLabels();
        std::uint32_t state = 1;
        for (uint8_t &v : labels.values) {
            state = state * 1664525u + 1013904223u;
            v = (state >> 16) & 1 ? LabelDeposit : LabelNonDeposit;
        }
        QElapsedTimer clock;
        {
            TrainingRunner runner;
            QSignalSpy stages(&runner, &TrainingRunner::stageChanged);
            QVERIFY(runner.start(test::demoRaster(), labels, p));
            QTRY_VERIFY_WITH_TIMEOUT(
                !stages.isEmpty() && stages.back().at(0).toString().startsWith(QStringLiteral("Classifying the map")),
                120000);
            QTest::qWait(1000);
            QVERIFY(runner.isRunning());
            clock.start();
        }
        qInfo("quit during the map's SVM took %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(clock.elapsed())));
    }
    void theFeedbackThrottlesProgress()
    {
        SignalFeedback feedback;
        QSignalSpy progress(&feedback, &SignalFeedback::progressChanged);
        QSignalSpy stages(&feedback, &SignalFeedback::stageChanged);
        feedback.setStage("Training autoencoder");
        for (int i = 0; i < 10000; ++i)
            feedback.setProgress(i / 10000.0);
        feedback.setProgress(1.0);
        QCOMPARE(stages.count(), 1);
        QVERIFY(progress.count() >= 2);  // the first report and completion
        QVERIFY(progress.count() <= 10); // the loop takes far less than half a second
        QCOMPARE(progress.back().at(0).toDouble(), 1.0);
        feedback.cancel();
        QVERIFY(feedback.isCanceled());
    }
};

QTEST_MAIN(TestTrainingRunner)
#include "test_trainingrunner.moc"
