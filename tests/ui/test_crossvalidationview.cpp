// CrossValidationView: the paper's Table I layout (the four modes as columns; accuracy, precision, recall, F1
// as rows) with the result's values, the confusion matrix of the selected mode (rows reference, columns
// predicted), the mode of the map marked, and the warnings listed.
#include "crossvalidationplot.h"
#include "crossvalidationview.h"

#include <QHeaderView>
#include <QListWidget>
#include <QTableWidget>
#include <QTest>

using namespace lodestone;

namespace {

std::vector<ModeResult> fourModes()
{
    std::vector<ModeResult> results;
    const long counts[4][4] = {{11, 1, 2, 10}, {12, 0, 0, 12}, {9, 3, 4, 8}, {10, 2, 1, 11}};
    int i = 0;
    for (SvmMode mode : allSvmModes()) {
        ModeResult m;
        m.mode = mode;
        m.confusion.tn = counts[i][0];
        m.confusion.fp = counts[i][1];
        m.confusion.fn = counts[i][2];
        m.confusion.tp = counts[i][3];
        m.accuracy = m.confusion.accuracy();
        m.precision = m.confusion.precision();
        m.recall = m.confusion.recall();
        m.f1 = m.confusion.f1();
        m.folds = 5;
        m.positions = 24;
        m.foldAccuracy = {0.8, 1.0, 0.8, 1.0, 1.0};
        m.c = 8;
        m.gamma = 0.03125;
        results.push_back(m);
        ++i;
    }
    return results;
}

QString number(double v)
{
    return QLocale().toString(v, 'f', 3);
}

} // namespace

class TestCrossValidationView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTheFourModesWithTheirScores()
    {
        CrossValidationView view;
        const auto results = fourModes();
        view.setResults(results, SvmMode::PatchFeatures, {"Folds were reduced from 5 to 3."});
        QTableWidget *t = view.metricsTable();
        QCOMPARE(t->columnCount(), 4);
        QVERIFY(t->horizontalHeaderItem(0)->text().simplified().startsWith(QStringLiteral("Pixel features")));
        QVERIFY(t->horizontalHeaderItem(1)->text().simplified().startsWith(QStringLiteral("Pixel samples")));
        QVERIFY(t->horizontalHeaderItem(2)->text().simplified().startsWith(QStringLiteral("Patch features")));
        QVERIFY(t->horizontalHeaderItem(3)->text().simplified().startsWith(QStringLiteral("Patch samples")));
        QVERIFY(t->horizontalHeaderItem(2)->text().contains(QStringLiteral("● map"))); // the map's mode
        QVERIFY(t->horizontalHeaderItem(2)->font().bold());
        QVERIFY(!t->horizontalHeaderItem(0)->text().contains(QStringLiteral("●")));
        QCOMPARE(t->verticalHeaderItem(CrossValidationView::Accuracy)->text(), QStringLiteral("Accuracy"));
        QCOMPARE(t->verticalHeaderItem(CrossValidationView::F1)->text(), QStringLiteral("F1"));
        for (int c = 0; c < 4; ++c) {
            const ModeResult &m = results[std::size_t(c)];
            QCOMPARE(t->item(CrossValidationView::Accuracy, c)->text(), number(m.accuracy));
            QCOMPARE(t->item(CrossValidationView::Precision, c)->text(), number(m.precision));
            QCOMPARE(t->item(CrossValidationView::Recall, c)->text(), number(m.recall));
            QCOMPARE(t->item(CrossValidationView::F1, c)->text(), number(m.f1));
        }
        QCOMPARE(view.plot()->modeCount(), 4);
        QCOMPARE(view.warningsList()->count(), 1);
        QCOMPARE(view.warningsList()->item(0)->text(), QStringLiteral("Folds were reduced from 5 to 3."));
    }
    void theConfusionMatrixFollowsTheSelectedMode()
    {
        CrossValidationView view;
        view.setResults(fourModes(), SvmMode::PatchFeatures, {});
        QCOMPARE(view.selectedMode(), 2); // the map's mode first
        QTableWidget *cm = view.confusionTable();
        QCOMPARE(cm->verticalHeaderItem(0)->text(), QStringLiteral("Reference non-deposit"));
        QCOMPARE(cm->horizontalHeaderItem(1)->text().simplified(), QStringLiteral("Predicted deposit"));
        QCOMPARE(cm->item(0, 0)->text(), QStringLiteral("9")); // tn
        QCOMPARE(cm->item(0, 1)->text(), QStringLiteral("3")); // fp
        QCOMPARE(cm->item(1, 0)->text(), QStringLiteral("4")); // fn
        QCOMPARE(cm->item(1, 1)->text(), QStringLiteral("8")); // tp
        // Clicking another mode's header shows its matrix.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QHeaderView *header = view.metricsTable()->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionViewportPosition(0) + 5, 5));
        QCOMPARE(view.selectedMode(), 0);
        QCOMPARE(cm->item(0, 0)->text(), QStringLiteral("11"));
        QCOMPARE(cm->item(1, 1)->text(), QStringLiteral("10"));
        QVERIFY(view.warningsList()->isHidden());
    }
    void clearingShowsAnInvitation()
    {
        CrossValidationView view;
        view.setResults(fourModes(), SvmMode::PixelFeatures, {});
        view.clear();
        QCOMPARE(view.metricsTable()->columnCount(), 0);
        QCOMPARE(view.selectedMode(), -1);
        QVERIFY(!view.plot()->hasData());
    }
};

QTEST_MAIN(TestCrossValidationView)
#include "test_crossvalidationview.moc"
