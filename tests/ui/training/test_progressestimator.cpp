// ProgressEstimator: the time left follows the rate of progress since the stage's first report; durations
// and stage names are readable.
#include "progressestimator.h"

#include <QTest>

using namespace lodestone;

class TestProgressEstimator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void estimatesFromTheRateSinceTheFirstReport()
    {
        ProgressEstimator e;
        e.startStage(0);
        QCOMPARE(e.secondsLeft(), -1.0);
        e.update(0.10, 5000); // five seconds of set-up before the first report do not count
        QCOMPARE(e.secondsLeft(), -1.0);
        e.update(0.30, 7000); // 20 % in 2 s: 70 % left takes 7 s
        QCOMPARE(e.secondsLeft(), 7.0);
        e.update(1.0, 9000);
        QCOMPARE(e.secondsLeft(), 0.0);
        e.startStage(10000); // a new stage starts over
        QCOMPARE(e.secondsLeft(), -1.0);
        QCOMPARE(e.fraction(), 0.0);
    }
    void noEstimateFromTooLittle()
    {
        ProgressEstimator e;
        e.startStage(0);
        e.update(0.001, 100);
        e.update(0.01, 3000); // under 2 % done since the first report
        QCOMPARE(e.secondsLeft(), -1.0);
        e.update(0.5, 400); // under a second since the first report
        QCOMPARE(e.secondsLeft(), -1.0);
    }
    void formatsTimeLeftAndDurations()
    {
        QCOMPARE(ProgressEstimator::formatTimeLeft(-1), QString());
        QCOMPARE(ProgressEstimator::formatTimeLeft(3), QStringLiteral("a few seconds left"));
        QCOMPARE(ProgressEstimator::formatTimeLeft(12), QStringLiteral("about 12 s left"));
        QCOMPARE(ProgressEstimator::formatTimeLeft(43), QStringLiteral("about 45 s left"));
        QCOMPARE(ProgressEstimator::formatTimeLeft(130), QStringLiteral("about 2 min 10 s left"));
        QCOMPARE(ProgressEstimator::formatTimeLeft(7300), QStringLiteral("about 2 h 01 min left"));
        QCOMPARE(ProgressEstimator::formatDuration(4.2), QStringLiteral("4.2 s"));
        QCOMPARE(ProgressEstimator::formatDuration(125), QStringLiteral("2 min 05 s"));
    }
    void namesCoresStages()
    {
        QCOMPARE(ProgressEstimator::trainingStages().size(), 6);
        for (const QString &stage : ProgressEstimator::trainingStages())
            QCOMPARE(ProgressEstimator::stageDisplayName(stage), stage); // English: unchanged
        QCOMPARE(ProgressEstimator::stageDisplayName(QStringLiteral("Something new")), QStringLiteral("Something new"));
        // An ensemble member's stage keeps its member count and maps to its stage.
        const QString member = QStringLiteral("Training autoencoder (member 2 of 5)");
        QCOMPARE(ProgressEstimator::stageDisplayName(member), member);
        QCOMPARE(ProgressEstimator::baseStage(member), QStringLiteral("Training autoencoder"));
        QCOMPARE(ProgressEstimator::baseStage(QStringLiteral("Cross-validating")), QStringLiteral("Cross-validating"));
    }
    void countsTheStagesOfAWholeRun()
    {
        // The default: the analytic signal for the classifier, three members of training, features,
        // classification and held-out groups, then one cross-validation and one evaluation.
        PipelineParams p;
        QCOMPARE(ProgressEstimator::stageCount(p), 1 + 3 * 4 + 1 + 1);
        p = paperPipelineParams();
        QCOMPARE(ProgressEstimator::stageCount(p), 4 + 1 + 1);
        p.evaluate = false;
        p.layers = derivedLayers("as");
        p.svmInputs = {"tilt"};
        QCOMPARE(ProgressEstimator::stageCount(p), 1 + 1 + 3 + 1);
        // The order core reports them in: layers, products, then per member training, features (cross-validation
        // after the first member's), classification.
        QCOMPARE(plannedStages(p, false),
                 (std::vector<Stage>{Stage::InputLayers, Stage::MagneticProducts, Stage::TrainingNetwork,
                                     Stage::FeatureRasters, Stage::CrossValidating, Stage::Classifying}));
        p.cvSchemes.clear();
        QCOMPARE(ProgressEstimator::stageCount(p, true), 1 + 2); // layers, then reuse and classification
    }
    void translatesExactlyCoresStageTable()
    {
        const QStringList names = ProgressEstimator::stageNames();
        QCOMPARE(names.size(), int(stageTable().size()));
        for (const StageInfo &info : stageTable()) {
            QCOMPARE(names[int(info.stage)], QString::fromLatin1(info.name));
            QCOMPARE(ProgressEstimator::stageDisplayName(QString::fromStdString(stageLabel(info.stage, 2, 3))),
                     QString::fromLatin1(info.name) + QStringLiteral(" (member 2 of 3)"));
        }
        Stage s;
        int member = 0, members = 0;
        QVERIFY(parseStageLabel("Classifying the map (member 3 of 4)", s, member, members));
        QCOMPARE(int(s), int(Stage::Classifying));
        QCOMPARE(member, 3);
        QCOMPARE(members, 4);
        QVERIFY(!parseStageLabel("Classifying the map (member 5 of 4)", s, member, members));
        QVERIFY(!parseStageLabel("Classifying the map, again", s, member, members));
    }
    void weighsTheStagesOfARun()
    {
        // Weights 7 (training), 2 (features), 0.1 (classification): 9.1 in all.
        const std::vector<Stage> plan = {Stage::TrainingNetwork, Stage::FeatureRasters, Stage::Classifying};
        QCOMPARE(ProgressEstimator::runFraction(plan, 1, 0.0), 0.0);
        QCOMPARE(ProgressEstimator::runFraction(plan, 1, 0.5), 3.5 / 9.1);
        QCOMPARE(ProgressEstimator::runFraction(plan, 2, 0.5), 8.0 / 9.1);
        QCOMPARE(ProgressEstimator::runFraction(plan, 3, 1.0), 1.0);
        QCOMPARE(ProgressEstimator::runFraction(plan, 4, 0.0), 1.0);       // past the plan
        QCOMPARE(ProgressEstimator::runFraction(plan, 2, 7.0), 9.0 / 9.1); // fractions are clamped
    }
};

QTEST_MAIN(TestProgressEstimator)
#include "test_progressestimator.moc"
