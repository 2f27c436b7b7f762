// TrainingController's reuse of the trained network and its live preview, in a MainWindow: Train reuses the
// network in memory when only labels or SVM settings changed (the same map as a full run with the same seed),
// says which stages it skipped and why, and retrains when asked or when a network setting changed; with Live on,
// paint strokes on the canvas re-fit the SVM on the worker thread, a preview still running is canceled and
// restarted, and the map never goes back to older labels.
#include "classmaplayer.h"
#include "labeleditor.h"
#include "layerstack.h"
#include "lossplot.h"
#include "mapcanvas.h"
#include "probabilitylayer.h"
#include "suggestionlayer.h"
#include "trainingrunner.h"
#include "uncertaintylayer.h"
#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>

using namespace lodestone;

class TestLivePreview : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_survey, m_labels;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_livepreview"));
        QVERIFY(m_dir.isValid());
        const QString folder = test::writeDemo(m_dir.filePath(QStringLiteral("demo")));
        m_survey = folder + QStringLiteral("/survey.tif");
        m_labels = folder + QStringLiteral("/labels.tif");
    }
    void init() { QSettings().clear(); }

    void trainReusesTheNetworkWhenOnlyTheLabelsChanged()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        TrainingPanel *panel = training->trainingPanel();
        QVERIFY(!panel->liveCheck()->isEnabled()); // nothing trained yet
        QVERIFY(test::trainSmall(window));
        const auto first = training->result();
        const auto trained = training->trainedFeatures();
        QVERIFY(trained);
        QCOMPARE(trained->networks.size(), std::size_t(1));
        QVERIFY(first->featuresReusedFrom.empty());
        QVERIFY(panel->liveCheck()->isEnabled());

        // Two more non-deposit labels, and another SVM mode: the network is reused.
        LabelDocument *labels = window.labelDocument();
        const std::size_t before = labels->counts()[0];
        for (int col : {3, 5})
            labels->setAt(col, 4, LabelNonDeposit);
        labels->notifyChanged(QRect(3, 4, 3, 1));
        QCOMPARE(labels->counts()[0], before + 2);
        PipelineParams params = test::smallParams();
        params.mode = SvmMode::PatchFeatures;
        QVERIFY(test::trainSmall(window, params));
        const auto second = training->result();
        QVERIFY(second != first);
        QCOMPARE(second->featuresReusedFrom, std::string("memory"));
        QCOMPARE(second->nonDeposits, first->nonDeposits + 2);
        QVERIFY(second->autoencoder == first->autoencoder); // the same network object
        for (const auto &[stage, seconds] : second->stageSeconds)
            QVERIFY2(stage != "train_autoencoder" && stage != "feature_rasters", stage.c_str());
        QVERIFY2(panel->reuseNote().startsWith(QStringLiteral("Skipped training the autoencoder")),
                 qPrintable(panel->reuseNote()));
        QVERIFY(panel->reuseNoteLabel()->isVisibleTo(panel));
        // The loss curve of the network is still the one it was trained with.
        QCOMPARE(panel->lossPlot()->losses().size(), int(first->history.epochLoss.size()));
        // The same settings and labels as a full run with the same seed: the same map.
        panel->retrainCheck()->setChecked(true);
        QVERIFY(test::trainSmall(window, params));
        const auto full = training->result();
        QVERIFY(full->featuresReusedFrom.empty());
        QVERIFY(full->autoencoder != first->autoencoder);
        QCOMPARE(full->classes, second->classes);
        QCOMPARE(full->probability.size(), second->probability.size());
        QVERIFY(std::memcmp(full->probability.data(), second->probability.data(),
                            full->probability.size() * sizeof(float)) == 0);
        QCOMPARE(panel->reuseNote(), QStringLiteral("Trained the network again, as asked."));
        panel->retrainCheck()->setChecked(false);
        // Another number of epochs: the network cannot be reused, and the panel says why.
        params.autoencoder.epochs = 3;
        QVERIFY(test::trainSmall(window, params));
        QVERIFY(training->result()->featuresReusedFrom.empty());
        QVERIFY2(panel->reuseNote().contains(QStringLiteral("epochs (3 here, 2 in memory)")),
                 qPrintable(panel->reuseNote()));
        QCOMPARE(training->result()->history.epochLoss.size(), std::size_t(3));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }
    void livePreviewFollowsRapidStrokesAndNeverGoesBack()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        TrainingPanel *panel = training->trainingPanel();
        PipelineParams params = test::smallParams();
        params.ensemble = 2; // the preview re-fits every member
        // The RBF SVM's grid search keeps each preview running long enough to be caught and canceled by the next
        // stroke; the logistic regression often finishes before the test can look.
        params.experiments.svm.kind = ClassifierKind::RbfSvm;
        QVERIFY(test::trainSmall(window, params));
        const auto full = training->result();
        ProbabilityLayer *probability = training->probabilityLayer();
        QVERIFY(probability);
        QCOMPARE(probability->result(), full);
        training->setLiveDelay(20);
        panel->liveCheck()->setChecked(true);
        QVERIFY(panel->isLive());

        // Every map drawn: its label generation, in order; and the layer's result each time.
        QList<quint64> shown;
        connect(training, &TrainingController::previewShown, this, [&shown](quint64 g) { shown << g; });
        QSignalSpy canceled(training->previewRunner(), &TrainingRunner::canceled);
        QSignalSpy failed(training, &TrainingController::previewFailed);

        window.labelEditor()->classAction(LabelDeposit)->trigger();
        MapCanvas *canvas = window.canvas();
        QWidget *vp = canvas->viewport();
        auto at = [canvas](double col, double row) { return canvas->viewportPosOfPixel(QPointF(col, row)).toPoint(); };
        auto send = [vp](QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
            QMouseEvent event(type, QPointF(pos), QPointF(vp->mapToGlobal(pos)), button, buttons, Qt::NoModifier);
            QApplication::sendEvent(vp, &event);
        };
        // One paint stroke along a row, as the mouse makes it: press, moves with the button held, release.
        auto stroke = [&](int row, int fromCol, int toCol) {
            send(QEvent::MouseButtonPress, at(fromCol, row), Qt::LeftButton, Qt::LeftButton);
            for (int c = fromCol + 1; c <= toCol; ++c)
                send(QEvent::MouseMove, at(c, row), Qt::NoButton, Qt::LeftButton);
            send(QEvent::MouseButtonRelease, at(toCol, row), Qt::LeftButton, Qt::NoButton);
        };
        // Rapid strokes: each one after the previous preview has started, so that it is canceled and restarted.
        int row = 10;
        for (int i = 0; i < 6; ++i) {
            const quint64 before = training->labelGeneration();
            stroke(row, 8, 14);
            row += 3;
            QVERIFY(training->labelGeneration() > before);
            QTRY_VERIFY_WITH_TIMEOUT(training->previewRunner()->isRunning() ||
                                         training->shownLabelGeneration() == training->labelGeneration(),
                                     10000);
            // The map never shows labels older than those it showed.
            for (int k = 1; k < shown.size(); ++k)
                QVERIFY(shown[k] > shown[k - 1]);
        }
        // Once the strokes stop, the map catches up with the last of them.
        QTRY_VERIFY_WITH_TIMEOUT(training->shownLabelGeneration() == training->labelGeneration() &&
                                     !training->previewRunner()->isRunning() && !shown.isEmpty() &&
                                     shown.back() == training->labelGeneration(),
                                 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        for (int k = 1; k < shown.size(); ++k)
            QVERIFY(shown[k] > shown[k - 1]);
        const auto preview = training->previewResult();
        QVERIFY(preview);
        QCOMPARE(probability->result(), preview);
        QCOMPARE(training->classLayer()->result(), preview);
        QCOMPARE(training->uncertaintyLayer()->result(), preview);
        QCOMPARE(training->probabilityLayer(), probability); // the same layer, redrawn
        // The preview is the labels as they are now: every painted deposit counted, the evaluation not run.
        QCOMPARE(preview->deposits, window.labelDocument()->counts()[1]);
        QCOMPARE(preview->nonDeposits, window.labelDocument()->counts()[0]);
        QVERIFY(preview->deposits > full->deposits);
        QVERIFY(preview->evaluation.rows.empty());
        QVERIFY(preview->spatialCrossValidation.empty());
        QCOMPARE(preview->featuresReusedFrom, std::string("memory"));
        QVERIFY(preview->features.data.empty()); // the maps alone: no copy of the feature rasters
        QVERIFY(preview->probability != full->probability);
        QVERIFY(training->lastPreviewLatencyMs() >= 0);
        // The last full run is still the result that is exported and evaluated.
        QCOMPARE(training->result(), full);
        QVERIFY(panel->reuseNote().startsWith(QStringLiteral("Live:")));

        // A preview still running when a stroke arrives is canceled and started again from the newer labels.
        for (int attempt = 0; attempt < 10 && canceled.isEmpty(); ++attempt) {
            stroke(row, 20, 24);
            row += 2;
            QTRY_VERIFY_WITH_TIMEOUT(training->previewRunner()->isRunning(), 10000);
            stroke(row, 20, 24);
            row += 2;
            QTRY_VERIFY_WITH_TIMEOUT(training->shownLabelGeneration() == training->labelGeneration() &&
                                         !training->previewRunner()->isRunning(),
                                     60000);
        }
        QVERIFY(!canceled.isEmpty());
        QCOMPARE(shown.back(), training->labelGeneration());
        for (int k = 1; k < shown.size(); ++k)
            QVERIFY(shown[k] > shown[k - 1]);
        QCOMPARE(training->previewResult()->deposits, window.labelDocument()->counts()[1]);

        // Train: the full evaluation on the same labels replaces the preview; a late preview cannot come back.
        QVERIFY(test::trainSmall(window, params));
        QVERIFY(!training->previewResult());
        QCOMPARE(training->probabilityLayer()->result(), training->result());
        QVERIFY(!training->result()->evaluation.rows.empty());
        QCOMPARE(training->result()->featuresReusedFrom, std::string("memory"));
        QCOMPARE(training->shownLabelGeneration(), training->labelGeneration());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }
    void suggestedPlacesAreUncertainUnlabelledAndSteppedThrough()
    {
        MainWindow window;
        QStringList errors;
        test::quietWindow(window, &errors);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::openSurvey(window, m_survey, m_labels));
        TrainingController *training = window.trainingController();
        TrainingPanel *panel = training->trainingPanel();
        QVERIFY(!panel->suggestButton()->isEnabled()); // no map yet
        PipelineParams params = test::smallParams();
        params.ensemble = 2;
        QVERIFY(test::trainSmall(window, params));
        QVERIFY(panel->suggestButton()->isEnabled());
        QVERIFY(!panel->nextPlaceButton()->isEnabled());
        QSignalSpy ready(training, &TrainingController::suggestionsReady);
        panel->suggestButton()->click();
        QVERIFY(ready.wait(20000));
        SuggestionLayer *layer = training->suggestionLayer();
        QVERIFY(layer);
        QCOMPARE(window.layerStack()->indexOf(layer), 0);
        QCOMPARE(ready.first().first().toInt(), layer->count());
        QCOMPARE(layer->count(), 5);
        QVERIFY(panel->nextPlaceButton()->isEnabled());
        const auto result = training->result();
        const LabelImage labels = window.labelDocument()->labels();
        const int w = labels.grid.width;
        for (int i = 0; i < layer->count(); ++i) {
            const LabelSuggestion &s = layer->places()[std::size_t(i)];
            const std::size_t at = std::size_t(s.row) * std::size_t(w) + std::size_t(s.col);
            QCOMPARE(s.probability, result->probability[at]);
            QCOMPARE(s.spread, result->uncertainty[at]);
            QVERIFY(s.labelDistance >= params.autoencoder.patchSize);
            // No labelled pixel that close, by brute force.
            for (std::size_t k = 0; k < labels.values.size(); ++k)
                if (labels.values[k] == LabelDeposit || labels.values[k] == LabelNonDeposit)
                    QVERIFY(std::hypot(double(int(k % std::size_t(w)) - s.col),
                                       double(int(k / std::size_t(w)) - s.row)) >= params.autoencoder.patchSize);
            if (i > 0)
                QVERIFY(s.score <= layer->places()[std::size_t(i - 1)].score);
        }
        // Stepping through: each place in turn in the middle of the map, then the first again.
        MapCanvas *canvas = window.canvas();
        for (int i = 0; i <= layer->count(); ++i) {
            panel->nextPlaceButton()->click();
            QCOMPARE(layer->current(), i % layer->count());
            const LabelSuggestion &s = layer->places()[std::size_t(layer->current())];
            QVERIFY(canvas->visiblePixelRect().contains(QPointF(s.col + 0.5, s.row + 0.5)));
        }
        // A new result replaces the map: its suggestions go with the old one.
        QVERIFY(test::trainSmall(window, params));
        QVERIFY(!training->suggestionLayer());
        QVERIFY(!panel->nextPlaceButton()->isEnabled());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestLivePreview)
#include "test_livepreview.moc"
