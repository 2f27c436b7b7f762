// EvaluationView and RateCurvePlot: for a hand-made evaluation (curves computed by core from known score maps),
// the curves of the chosen kind are drawn as steps with exactly the curve's points, the model thick and each
// baseline thinner in its own colour, the diagonal dashed, the legend giving each AUC; the AUC table has the
// model first and the baselines after it, the verdict states the difference to the best baseline in words, the
// captured-share table follows the kind, and curves read back without their ranks give the same shares.
#include "customplot.h"
#include "evaluationview.h"
#include "resultfixture.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace lodestone;

namespace {

QString auc(double v)
{
    return QLocale().toString(v, 'f', 3);
}

QString legendText(QCustomPlot *p, QCPGraph *g)
{
    auto *item = p->legend->itemWithPlottable(g);
    return item ? item->plottable()->name() : QString();
}

} // namespace

class TestEvaluationView : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<PipelineResult> m_result = test::fixtureResult();

private Q_SLOTS:
    void theHeadlineCurvesAreDrawnWithTheirAucs()
    {
        const MapEvaluation e = test::fixtureEvaluation(*m_result);
        EvaluationView view;
        view.setEvaluation(e);
        QVERIFY(view.hasEvaluation());
        QCOMPARE(view.kind(), RateCurvePlot::Kind::Prediction); // with validation occurrences
        QCOMPARE(view.kindCombo()->count(), 3);
        QCOMPARE(view.kindCombo()->currentText(), QStringLiteral("Prediction rate (validation occurrences)"));

        RateCurvePlot *plot = view.plot();
        QCustomPlot *p = plot->plot();
        QCOMPARE(plot->curveCount(), 4);
        QCOMPARE(p->graphCount(), 5); // four maps and the diagonal
        for (int i = 0; i < 4; ++i) {
            const RateCurve &curve = e.rows[std::size_t(i)].prediction;
            QCPGraph *g = plot->graphOfRow(i);
            QVERIFY(g);
            QCOMPARE(g->lineStyle(), QCPGraph::lsStepLeft);
            QCOMPARE(g->data()->size(), int(curve.area.size()));
            QVERIFY(curve.area.size() > 10);
            for (int k = 0; k < g->data()->size(); ++k) {
                QCOMPARE(g->data()->at(k)->key, curve.area[std::size_t(k)]);
                QCOMPARE(g->data()->at(k)->value, curve.captured[std::size_t(k)]);
            }
            QCOMPARE(g->pen().color(), RateCurvePlot::rowColor(i));
            const QString title =
                i == 0 ? QStringLiteral("Lodestone map") : QString::fromStdString(e.rows[std::size_t(i)].title);
            QCOMPARE(legendText(p, g), title + QStringLiteral(" — AUC ") + auc(curve.auc));
        }
        // The model thick, the baselines thinner, in different colours; the diagonal dashed from (0, 0) to (1, 1).
        QVERIFY(plot->graphOfRow(0)->pen().widthF() > 1.5 * plot->graphOfRow(1)->pen().widthF());
        QVERIFY(plot->graphOfRow(1)->pen().color() != plot->graphOfRow(2)->pen().color());
        QCOMPARE(plot->diagonal()->pen().style(), Qt::DashLine);
        QCOMPARE(plot->diagonal()->data()->size(), 2);
        QCOMPARE(plot->diagonal()->data()->at(1)->value, 1.0);
        QVERIFY(p->legend->visible());
        QCOMPARE(p->legend->itemCount(), 5);
        // The model's AUC at the validation occurrences: a cell of column c has 16 + 10 (c - 2) of the 196 valid
        // cells below it and 9 tied with it, so its rank is (21 + 10 (c - 2)) / 196; columns 12 to 19 and 3.
        QCOMPARE(e.rows[0].prediction.auc, 1279.0 / 1764.0);
        QCOMPARE(legendText(p, plot->graphOfRow(0)), QStringLiteral("Lodestone map — AUC ") + auc(1279.0 / 1764.0));
    }
    void theKindListSwitchesCurvesAndCapturedShares()
    {
        const MapEvaluation e = test::fixtureEvaluation(*m_result);
        EvaluationView view;
        view.setEvaluation(e);
        view.kindCombo()->setCurrentIndex(view.kindCombo()->findData(int(RateCurvePlot::Kind::HeldOut)));
        QCOMPARE(view.kind(), RateCurvePlot::Kind::HeldOut);
        const RateCurve &heldOut = e.rows[0].heldOut;
        QCOMPARE(view.plot()->graphOfRow(0)->data()->size(), int(heldOut.area.size()));
        QCOMPARE(view.plot()->graphOfRow(0)->data()->at(1)->key, heldOut.area[1]);
        QVERIFY(view.capturedTitle()->text().contains(QStringLiteral("5 held-out training deposits")));
        QTableWidget *t = view.capturedTable();
        QCOMPARE(t->rowCount(), 4);
        QCOMPARE(t->columnCount(), 5);
        QCOMPARE(t->horizontalHeaderItem(1)->text(), QStringLiteral("Top 2 %"));
        QCOMPARE(t->horizontalHeaderItem(4)->text(), QStringLiteral("Top 20 %"));
        const std::vector<double> areas = capturedAreas();
        for (int r = 0; r < 4; ++r) {
            QCOMPARE(t->item(r, 0)->text(), QString::fromStdString(e.rows[std::size_t(r)].title));
            for (int a = 0; a < 4; ++a) {
                const double share = capturedInTop(e.rows[std::size_t(r)].heldOut, areas[std::size_t(a)]);
                QCOMPARE(t->item(r, a + 1)->text(), QLocale().toString(100 * share, 'f', 1) + QStringLiteral(" %"));
            }
        }
        // The top 20 % of the model's area is columns 16 to 19 (40 of 196 valid cells; ties count half): it holds the
        // deposits of columns 16 to 18, not those of 14 and 15.
        QCOMPARE(t->item(0, 4)->text(), QLocale().toString(60.0, 'f', 1) + QStringLiteral(" %"));
        view.setKind(RateCurvePlot::Kind::Success);
        QCOMPARE(view.kindCombo()->currentData().toInt(), int(RateCurvePlot::Kind::Success));
        QVERIFY(view.capturedTitle()->text().contains(QStringLiteral("5 training deposits")));
    }
    void theAucTableListsTheModelFirstThenTheBaselines()
    {
        const MapEvaluation e = test::fixtureEvaluation(*m_result);
        EvaluationView view;
        view.setEvaluation(e);
        QTableWidget *t = view.aucTable();
        QCOMPARE(t->rowCount(), 4);
        QCOMPARE(t->item(0, EvaluationView::KindColumn)->text(), QStringLiteral("model"));
        QVERIFY(t->item(0, EvaluationView::MapColumn)->font().bold());
        for (int r = 0; r < 4; ++r) {
            const ScoreEvaluation &row = e.rows[std::size_t(r)];
            QCOMPARE(t->item(r, EvaluationView::MapColumn)->text(), QString::fromStdString(row.title));
            if (r > 0)
                QCOMPARE(t->item(r, EvaluationView::KindColumn)->text(), QStringLiteral("no labels"));
            QCOMPARE(t->item(r, EvaluationView::SuccessColumn)->text(), auc(row.success.auc));
            QCOMPARE(t->item(r, EvaluationView::HeldOutColumn)->text(), auc(row.heldOut.auc));
            QCOMPARE(t->item(r, EvaluationView::PredictionColumn)->text(), auc(row.prediction.auc));
        }
        QVERIFY(!t->isColumnHidden(EvaluationView::PredictionColumn));
        // The raw field ranks the deposits worse than random.
        QVERIFY(e.rows[2].prediction.auc < 0.5);

        const int best = e.bestBaseline();
        QCOMPARE(best, 1); // the analytic signal
        const double difference = e.headlineAuc(e.rows[0]) - e.headlineAuc(e.rows[1]);
        QVERIFY(difference >= 0.0005);
        const QString expected = QStringLiteral("The map ranks the 9 validation occurrences above the best zero-label "
                                                "baseline (Analytic-signal amplitude) by %1.")
                                     .arg(auc(difference));
        QVERIFY2(view.verdictLabel()->text().startsWith(expected), qPrintable(view.verdictLabel()->text()));
        QVERIFY(view.verdictLabel()->text().contains(
            QStringLiteral("Prediction-rate AUC %1 against %2.")
                .arg(auc(e.rows[0].prediction.auc), auc(e.rows[1].prediction.auc))));
        QVERIFY(
            view.notesLabel()->text().contains(QStringLiteral("1 validation occurrence falls on a labelled pixel")));
        QVERIFY(view.notesLabel()->text().contains(QStringLiteral("closer than 20 pixels")));
    }
    void aDifferenceWithinOneRunsSpreadIsCalledLevel()
    {
        // 0.004 above the best baseline is less than a run moves between seeds: no success styling, and the words
        // say level, with the difference and the spread.
        MapEvaluation e = test::fixtureEvaluation(*m_result);
        const int best = e.bestBaseline();
        QCOMPARE(best, 1);
        e.rows[0].prediction.auc = e.rows[1].prediction.auc + 0.004;
        EvaluationView view;
        view.setEvaluation(e);
        const QString text = view.verdictLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("The map ranks the 9 validation occurrences level with the best "
                                                "zero-label baseline (Analytic-signal amplitude): the difference, "
                                                "+%1, is smaller than one run's spread between seeds (about %2).")
                                     .arg(QLocale().toString(0.004, 'f', 3), QLocale().toString(0.01, 'f', 2))),
                 qPrintable(text));
        QVERIFY(!view.verdictLabel()->styleSheet().contains(QStringLiteral("#2e7d32"))); // not green
        // 0.02 above is a difference worth the name, and green.
        e.rows[0].prediction.auc = std::min(1.0, e.rows[1].prediction.auc + 0.02);
        view.setEvaluation(e);
        QVERIFY2(view.verdictLabel()->text().contains(QStringLiteral(" above the best zero-label baseline")),
                 qPrintable(view.verdictLabel()->text()));
        QVERIFY(view.verdictLabel()->styleSheet().contains(QStringLiteral("#2e7d32")));
    }
    void withoutValidationTheHeldOutGroupsAreTheHeadline()
    {
        MapEvaluation e = test::fixtureEvaluation(*m_result, false);
        // A baseline that beats the model and the other baselines at the held-out deposits.
        const double top = std::max({e.rows[0].heldOut.auc, e.rows[1].heldOut.auc, e.rows[2].heldOut.auc});
        e.rows[3].heldOut.auc = std::min(1.0, top + 0.05);
        e.rows[3].success.auc = e.rows[3].heldOut.auc;
        const double below = e.rows[3].heldOut.auc - e.rows[0].heldOut.auc;
        QVERIFY(below >= 0.0005);
        EvaluationView view;
        view.setEvaluation(e);
        QCOMPARE(view.kind(), RateCurvePlot::Kind::HeldOut);
        QCOMPARE(view.availableKinds(),
                 (QList<RateCurvePlot::Kind>{RateCurvePlot::Kind::HeldOut, RateCurvePlot::Kind::Success}));
        QCOMPARE(view.kindCombo()->count(), 2);
        QVERIFY(view.aucTable()->isColumnHidden(EvaluationView::PredictionColumn));
        QCOMPARE(view.aucTable()->item(3, EvaluationView::HeldOutColumn)->text(), auc(e.rows[3].heldOut.auc));
        QVERIFY2(view.verdictLabel()->text().startsWith(
                     QStringLiteral("The map ranks held-out deposits below the best zero-label baseline (Tilt angle) "
                                    "by %1.")
                         .arg(auc(below))),
                 qPrintable(view.verdictLabel()->text()));
        QVERIFY(view.verdictLabel()->text().contains(QStringLiteral("3 folds of deposit groups")));
        QCOMPARE(view.plot()->curveCount(), 4);
    }
    void curvesReadBackWithoutRanksGiveTheSameShares()
    {
        const MapEvaluation e = test::fixtureEvaluation(*m_result);
        for (const ScoreEvaluation &row : e.rows) {
            for (const RateCurve *c : {&row.success, &row.heldOut, &row.prediction}) {
                RateCurve read = *c;
                read.rank.clear(); // report.json holds the curve, not the ranks
                for (double a : {0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 0.99, 1.0})
                    QCOMPARE(EvaluationView::captured(read, a), capturedInTop(*c, a));
            }
        }
        QVERIFY(std::isnan(EvaluationView::captured(RateCurve(), 0.1)));
    }
    void clearingAndAnEmptyEvaluationExplainThemselves()
    {
        EvaluationView view;
        view.setEvaluation(test::fixtureEvaluation(*m_result));
        view.clear();
        QVERIFY(!view.hasEvaluation());
        QVERIFY(!view.plot()->hasData());
        QCOMPARE(view.aucTable()->rowCount(), 0);
        view.setEvaluation(MapEvaluation());
        QVERIFY(!view.hasEvaluation());
        QCOMPARE(view.plot()->plot()->graphCount(), 0);
    }
    void scoresAreTitledFromTheirNames()
    {
        ScoreEvaluation row;
        row.isModel = true;
        row.name = "ensemble";
        row.title = "Lodestone ensemble of 3 (patch-features)";
        QCOMPARE(RateCurvePlot::scoreTitle(row), QStringLiteral("Lodestone ensemble of 3 (Patch features)"));
        row.name = "model";
        row.title = "Lodestone (pixel-features)";
        QCOMPARE(RateCurvePlot::scoreTitle(row), QStringLiteral("Lodestone (Pixel features)"));
        row = ScoreEvaluation();
        row.name = "localstd51";
        row.title = "whatever core said";
        QCOMPARE(RateCurvePlot::scoreTitle(row), QStringLiteral("Local standard deviation, 51 x 51"));
        row.name = "as";
        QCOMPARE(RateCurvePlot::scoreTitle(row), QStringLiteral("Analytic-signal amplitude"));
        row.name = "gravity";
        row.title = "Bouguer gravity";
        QCOMPARE(RateCurvePlot::scoreTitle(row), QStringLiteral("Bouguer gravity"));
    }
};

QTEST_MAIN(TestEvaluationView)
#include "test_evaluationview.moc"
