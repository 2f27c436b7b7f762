// TrainingPanel: the controls start at PipelineParams' defaults, round-trip every setting, explain every
// setting in a tooltip, refuse settings core would refuse, and lock while a run is going.
#include "customplot.h"
#include "demodata.h"
#include "lossplot.h"
#include "trainingpanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QWheelEvent>

using namespace lodestone;

namespace {

bool sameParams(const PipelineParams &a, const PipelineParams &b)
{
    return a.autoencoder.patchSize == b.autoencoder.patchSize && a.autoencoder.filters == b.autoencoder.filters &&
           a.autoencoder.trainPatches == b.autoencoder.trainPatches && a.autoencoder.epochs == b.autoencoder.epochs &&
           a.autoencoder.batchSize == b.autoencoder.batchSize &&
           qFuzzyCompare(a.autoencoder.learningRate, b.autoencoder.learningRate) && a.stride == b.stride &&
           a.featureMethod == b.featureMethod && a.mode == b.mode && a.experiments.svm.kind == b.experiments.svm.kind &&
           a.experiments.svm.c == b.experiments.svm.c && a.experiments.svm.gamma == b.experiments.svm.gamma &&
           a.experiments.folds == b.experiments.folds && a.experiments.perClass == b.experiments.perClass &&
           a.experiments.patchResize == b.experiments.patchResize && a.featureComponents == b.featureComponents &&
           a.featureLayers == b.featureLayers && a.experiments.depositBuffer == b.experiments.depositBuffer &&
           a.seed == b.seed && a.ensemble == b.ensemble;
}

} // namespace

class TestTrainingPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsAtTheDefaultsOfCore()
    {
        TrainingPanel panel;
        QVERIFY(sameParams(panel.params(), PipelineParams{}));
        QCOMPARE(panel.patchSizeSpin()->value(), 50);
        QCOMPARE(panel.filterSpin(0)->value(), 16);
        QCOMPARE(panel.cSpin()->text(), QStringLiteral("Automatic"));
        QCOMPARE(panel.gammaSpin()->text(), QStringLiteral("Automatic"));
        QCOMPARE(panel.modeCombo()->count(), 4);
        // The default machine is the logistic regression, which has no gamma.
        QCOMPARE(panel.classifierCombo()->currentData().toInt(), int(ClassifierKind::Logistic));
        QVERIFY(!panel.gammaSpin()->isEnabled());
        QCOMPARE(panel.featureComponentsSpin()->value(), 0);
        QCOMPARE(panel.featureComponentsSpin()->text(), QStringLiteral("Off"));
        QVERIFY(panel.featureComponentsSpin()->isEnabled()); // the logistic regression's
        QCOMPARE(panel.depositBufferSpin()->value(), 1);
        panel.depositBufferSpin()->setValue(0);
        QCOMPARE(panel.depositBufferSpin()->text(), QStringLiteral("Off"));
        QCOMPARE(panel.params().experiments.depositBuffer, 0);
    }
    void everySettingRoundTrips()
    {
        TrainingPanel panel;
        PipelineParams p;
        p.autoencoder.patchSize = 40;
        p.autoencoder.filters = {12, 6, 3};
        p.autoencoder.trainPatches = 1234;
        p.autoencoder.epochs = 7;
        p.autoencoder.batchSize = 100;
        p.autoencoder.learningRate = 0.0005;
        p.featureMethod = FeatureMethod::Exact;
        p.stride = 4;
        p.mode = SvmMode::PatchSamples;
        p.experiments.svm.kind = ClassifierKind::RbfSvm;
        p.experiments.svm.c = 8.0;
        p.experiments.svm.gamma = 0.125;
        p.experiments.folds = 3;
        p.experiments.perClass = 0;
        p.experiments.patchResize = 8;
        p.experiments.depositBuffer = 2;
        p.seed = 99;
        p.ensemble = 5;
        QSignalSpy changed(&panel, &TrainingPanel::paramsChanged);
        panel.setParams(p);
        QCOMPARE(changed.count(), 1);
        QVERIFY(sameParams(panel.params(), p));
        QCOMPARE(panel.perClassSpin()->text(), QStringLiteral("All"));
        QVERIFY(panel.strideSpin()->isEnabled());
        QVERIFY(panel.gammaSpin()->isEnabled());              // the RBF SVM's gamma
        QVERIFY(!panel.featureComponentsSpin()->isEnabled()); // the logistic regression's only

        // Principal components of the feature rasters: the logistic regression's, given to core as set.
        p.experiments.svm.kind = ClassifierKind::Logistic;
        p.experiments.svm.gamma = 0.0;
        p.featureComponents = 6;
        p.featureLayers = {2, 3};
        panel.setParams(p);
        QVERIFY(sameParams(panel.params(), p));
        QVERIFY(panel.featureComponentsSpin()->isEnabled());
        QCOMPARE(panel.featureComponentsSpin()->value(), 6);
        QCOMPARE(panel.featureLayersCombo()->currentText(), QStringLiteral("2 and 3"));
        QVERIFY(panel.featureLayersCombo()->isEnabled());
        // The RBF SVM ignores them: not sent to core while it is chosen.
        panel.classifierCombo()->setCurrentIndex(panel.classifierCombo()->findData(int(ClassifierKind::RbfSvm)));
        QCOMPARE(panel.params().featureComponents, 0);
        QVERIFY(panel.params().featureLayers.empty());
        QVERIFY(!panel.featureComponentsSpin()->isEnabled());
        QVERIFY(!panel.featureLayersCombo()->isEnabled());
        panel.classifierCombo()->setCurrentIndex(panel.classifierCombo()->findData(int(ClassifierKind::Logistic)));
        QCOMPARE(panel.params().featureComponents, 6);

        // Dense always works at stride 1, whatever the stride box says.
        panel.featureMethodCombo()->setCurrentIndex(panel.featureMethodCombo()->findData(int(FeatureMethod::Dense)));
        QCOMPARE(panel.params().stride, 1);
        QVERIFY(!panel.strideSpin()->isEnabled());

        panel.resetToDefaults();
        QVERIFY(sameParams(panel.params(), PipelineParams{}));
    }
    void theWheelScrollsPastUnfocusedSettings()
    {
        // Scrolling through the settings must not change the one under the pointer: an unfocused spin box or combo
        // box passes the wheel on (to the scroll area); once focused, it takes it.
        TrainingPanel panel;
        panel.resize(400, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto wheel = [](QWidget *w) {
            const QPointF at(w->width() / 2.0, w->height() / 2.0);
            QWheelEvent up(at, w->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                           Qt::NoScrollPhase, false);
            QApplication::sendEvent(w, &up);
        };
        QSpinBox *epochs = panel.epochsSpin();
        QComboBox *machine = panel.classifierCombo();
        const int before = epochs->value(), chosen = machine->currentIndex();
        QCOMPARE(epochs->focusPolicy(), Qt::StrongFocus);
        wheel(epochs);
        wheel(machine);
        QCOMPARE(epochs->value(), before);
        QCOMPARE(machine->currentIndex(), chosen);
        panel.activateWindow();
        epochs->setFocus();
        if (epochs->hasFocus()) { // the platform gives focus: the focused box takes the wheel
            wheel(epochs);
            QCOMPARE(epochs->value(), before + 1);
        }
    }
    void everySettingHasATooltip()
    {
        TrainingPanel panel;
        QList<QWidget *> controls = {
            panel.patchSizeSpin(),      panel.trainPatchesSpin(), panel.epochsSpin(),   panel.batchSizeSpin(),
            panel.learningRateSpin(),   panel.filterSpin(0),      panel.filterSpin(1),  panel.filterSpin(2),
            panel.featureMethodCombo(), panel.strideSpin(),       panel.modeCombo(),    panel.cSpin(),
            panel.gammaSpin(),          panel.foldsSpin(),        panel.perClassSpin(), panel.patchResizeSpin(),
            panel.seedSpin(),           panel.trainButton(),      panel.cancelButton(), panel.featureComponentsSpin(),
            panel.ensembleSpin(),       panel.depositBufferSpin()};
        for (QWidget *w : controls)
            QVERIFY2(w->toolTip().size() > 30, qPrintable(w->toolTip()));
    }
    void settingsCoreWouldRefuseDisableTrain()
    {
        TrainingPanel panel;
        panel.setReadiness(true, QStringLiteral("Labels: 14 deposit and 17 non-deposit pixels."));
        QVERIFY(panel.trainButton()->isEnabled());
        panel.patchSizeSpin()->setValue(48); // not a multiple of the patch resize (10)
        QVERIFY(!panel.validationError().isEmpty());
        QVERIFY(panel.validationError().contains(QStringLiteral("multiple")));
        // Core's message, under the field it concerns, and nowhere else.
        QCOMPARE(panel.fieldProblem(ParamField::PatchResize),
                 QStringLiteral("The patch size (48) must be a multiple of the patch resize (10)."));
        QVERIFY(panel.fieldProblem(ParamField::PatchSize).isEmpty());
        QVERIFY(!panel.trainButton()->isEnabled());
        panel.patchResizeSpin()->setValue(8);
        QVERIFY(panel.validationError().isEmpty());
        QVERIFY(panel.fieldProblem(ParamField::PatchResize).isEmpty());
        QVERIFY(panel.trainButton()->isEnabled());
        // A patch larger than the open survey: shown under the patch size.
        panel.setSurveySize(40, 300);
        QCOMPARE(panel.fieldProblem(ParamField::PatchSize),
                 QStringLiteral("The patch size (48) is larger than the survey (40 x 300)."));
        QVERIFY(!panel.trainButton()->isEnabled());
        panel.setSurveySize(0, 0);
        QVERIFY(panel.trainButton()->isEnabled());
        panel.setReadiness(false, QStringLiteral("Label at least 2 of each to train."));
        QVERIFY(!panel.trainButton()->isEnabled());
    }
    void runningLocksTheSettingsAndEnablesCancel()
    {
        TrainingPanel panel;
        panel.setReadiness(true, QString());
        QSignalSpy train(&panel, &TrainingPanel::trainRequested);
        QSignalSpy cancel(&panel, &TrainingPanel::cancelRequested);
        QVERIFY(!panel.cancelButton()->isEnabled());
        QTest::mouseClick(panel.trainButton(), Qt::LeftButton);
        QCOMPARE(train.count(), 1);
        panel.setRunning(true);
        QVERIFY(!panel.trainButton()->isEnabled());
        QVERIFY(panel.cancelButton()->isEnabled());
        QVERIFY(!panel.patchSizeSpin()->isEnabled());
        panel.showStage(QStringLiteral("Training autoencoder"), 1, 4);
        QCOMPARE(panel.statusText(), QStringLiteral("Stage 1 of 4: Training autoencoder"));
        panel.showProgress(0.42, QStringLiteral("about 20 s left"));
        QCOMPARE(panel.progressBar()->value(), 420);
        QVERIFY(panel.progressBar()->text().contains(QStringLiteral("about 20 s left")));
        QVERIFY(panel.progressBar()->text().contains(QStringLiteral("42")));
        QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);
        panel.setRunning(false);
        QVERIFY(panel.trainButton()->isEnabled());
        QVERIFY(panel.patchSizeSpin()->isEnabled());
    }
    void theLossCurveGrowsEpochByEpoch()
    {
        TrainingPanel panel;
        LossPlot *plot = panel.lossPlot();
        QVERIFY(!plot->hasData());
        plot->startRun(3);
        plot->addEpoch(1, 0.03);
        plot->addEpoch(2, 0.02);
        QCOMPARE(plot->losses(), (QVector<double>{0.03, 0.02}));
        QCOMPARE(plot->curveCount(), 1);
        // An ensemble's next network starts again at epoch 1: its own curve, not a line back to the first point.
        plot->addEpoch(3, 0.015);
        plot->addEpoch(1, 0.04);
        plot->addEpoch(2, 0.025);
        QCOMPARE(plot->curveCount(), 2);
        QCOMPARE(plot->plot()->graph(0)->dataCount(), 3);
        QCOMPARE(plot->plot()->graph(1)->dataCount(), 2);
        QCOMPARE(plot->plot()->graph(1)->data()->at(0)->value, 0.04);
        QCOMPARE(plot->losses().size(), 5);
        plot->setHistory({0.5, 0.4, 0.3});
        QCOMPARE(plot->curveCount(), 1);
        QCOMPARE(plot->losses().size(), 3);
        plot->clear();
        QVERIFY(!plot->hasData());
    }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_trainingpanel.moc"
