// CrossValidationView: the paper's Table I layout (the four modes as columns; accuracy, precision, recall, F1,
// AUC as rows) with the result's values for spatial and random folds, side by side in a wide panel and stacked in
// a narrow one, spatial named the headline, the confusion matrix of the selected mode and scheme (rows reference,
// columns predicted), the mode of the map marked, and the warnings listed.
#include "crossvalidationplot.h"
#include "crossvalidationview.h"
#include "customplot.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTableWidget>
#include <QTest>

using namespace lodestone;

namespace {

std::vector<ModeResult> fourModes()
{
    std::vector<ModeResult> results;
    const long counts[4][4] = {{11, 1, 2, 10}, {12, 0, 0, 12}, {9, 3, 4, 8}, {10, 2, 1, 11}};
    const double aucs[4] = {0.972, 0.743, 0.618, 0.729};
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
        m.auc = aucs[i];
        m.tested = 24;
        results.push_back(m);
        ++i;
    }
    return results;
}

/** Spatial folds: lower scores than the random ones, drawn over 9 groups. */
std::vector<ModeResult> fourSpatialModes()
{
    std::vector<ModeResult> results = fourModes();
    const long counts[4][4] = {{10, 2, 0, 12}, {9, 3, 3, 9}, {6, 6, 6, 6}, {7, 5, 9, 3}};
    const double aucs[4] = {0.833, 0.757, 0.472, 0.431};
    for (std::size_t i = 0; i < 4; ++i) {
        ModeResult &m = results[i];
        m.scheme = CvScheme::Spatial;
        m.groups = 9;
        m.confusion.tn = counts[i][0];
        m.confusion.fp = counts[i][1];
        m.confusion.fn = counts[i][2];
        m.confusion.tp = counts[i][3];
        m.accuracy = m.confusion.accuracy();
        m.precision = m.confusion.precision();
        m.recall = m.confusion.recall();
        m.f1 = m.confusion.f1();
        m.auc = aucs[i];
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
        view.setResults(results, {}, SvmMode::PatchFeatures, {"Folds were reduced from 5 to 3."});
        QCOMPARE(view.headlineScheme(), CvScheme::Random);
        QVERIFY(view.metricsTable(CvScheme::Spatial)->isHidden());
        QVERIFY(view.headlineLabel()->text().contains(QStringLiteral("Random folds only")));
        QTableWidget *t = view.metricsTable(CvScheme::Random);
        QCOMPARE(t->columnCount(), 4);
        QVERIFY(t->horizontalHeaderItem(0)->text().simplified().startsWith(QStringLiteral("Pixel features")));
        QVERIFY(t->horizontalHeaderItem(1)->text().simplified().startsWith(QStringLiteral("Pixel samples")));
        QVERIFY(t->horizontalHeaderItem(2)->text().simplified().startsWith(QStringLiteral("Patch features")));
        QVERIFY(t->horizontalHeaderItem(3)->text().simplified().startsWith(QStringLiteral("Patch samples")));
        QVERIFY(t->horizontalHeaderItem(2)->text().contains(QStringLiteral("● map"))); // the map's mode
        // Every title fits its column in a narrow panel (the map's column is not set in a wider bold font).
        view.resize(460, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int c = 0; c < 4; ++c) {
            const QFontMetrics fm(t->horizontalHeaderItem(c)->font());
            int widest = 0;
            for (const QString &line : t->horizontalHeaderItem(c)->text().split(QLatin1Char('\n')))
                widest = std::max(widest, fm.horizontalAdvance(line));
            QVERIFY2(t->horizontalHeader()->sectionSize(c) >= widest + 4,
                     qPrintable(QStringLiteral("column %1: %2 px for a title of %3 px")
                                    .arg(c)
                                    .arg(t->horizontalHeader()->sectionSize(c))
                                    .arg(widest)));
        }
        QVERIFY(!t->horizontalHeaderItem(0)->text().contains(QStringLiteral("●")));
        QCOMPARE(t->verticalHeaderItem(CrossValidationView::Accuracy)->text(), QStringLiteral("Accuracy"));
        QCOMPARE(t->verticalHeaderItem(CrossValidationView::F1)->text(), QStringLiteral("F1"));
        for (int c = 0; c < 4; ++c) {
            const ModeResult &m = results[std::size_t(c)];
            QCOMPARE(t->item(CrossValidationView::Accuracy, c)->text(), number(m.accuracy));
            QCOMPARE(t->item(CrossValidationView::Precision, c)->text(), number(m.precision));
            QCOMPARE(t->item(CrossValidationView::Recall, c)->text(), number(m.recall));
            QCOMPARE(t->item(CrossValidationView::F1, c)->text(), number(m.f1));
            QCOMPARE(t->item(CrossValidationView::Auc, c)->text(), number(m.auc));
        }
        QCOMPARE(t->verticalHeaderItem(CrossValidationView::Auc)->text(), QStringLiteral("AUC"));
        QCOMPARE(view.plot()->modeCount(), 4);
        QCOMPARE(view.warningsList()->count(), 1);
        QCOMPARE(view.warningsList()->item(0)->text(), QStringLiteral("Folds were reduced from 5 to 3."));
    }
    void showsSpatialAndRandomFoldsWithSpatialAsTheHeadline()
    {
        CrossValidationView view;
        const auto random = fourModes();
        const auto spatial = fourSpatialModes();
        view.setResults(random, spatial, SvmMode::PixelFeatures, {});
        QCOMPARE(view.headlineScheme(), CvScheme::Spatial);
        QVERIFY(view.headlineLabel()->text().startsWith(QStringLiteral("The spatial folds are the headline")));
        QVERIFY(view.schemeTitle(CvScheme::Spatial)->text().contains(QStringLiteral("(headline): 9 groups")));
        QVERIFY(view.schemeTitle(CvScheme::Random)->text().contains(QStringLiteral("Random folds")));
        QVERIFY(!view.headlineLabel()->text().contains(QStringLiteral("sample"))); // the labels are not known
        // A run with more labels than the folds test says so.
        view.setResults(random, spatial, SvmMode::PixelFeatures, {}, std::size_t(spatial.front().positions) + 10);
        QVERIFY2(view.headlineLabel()->text().contains(
                     QStringLiteral("The folds test a sample of %1 of the %2 labelled positions, %3 of each class")
                         .arg(spatial.front().positions)
                         .arg(spatial.front().positions + 10)
                         .arg(spatial.front().positions / 2)),
                 qPrintable(view.headlineLabel()->text()));
        view.setResults(random, spatial, SvmMode::PixelFeatures, {}, std::size_t(spatial.front().positions));
        QVERIFY(!view.headlineLabel()->text().contains(QStringLiteral("sample")));
        for (CvScheme scheme : {CvScheme::Spatial, CvScheme::Random}) {
            const auto &results = scheme == CvScheme::Spatial ? spatial : random;
            QTableWidget *t = view.metricsTable(scheme);
            QCOMPARE(t->columnCount(), 4);
            for (int c = 0; c < 4; ++c) {
                const ModeResult &m = results[std::size_t(c)];
                QCOMPARE(t->item(CrossValidationView::Accuracy, c)->text(), number(m.accuracy));
                QCOMPARE(t->item(CrossValidationView::F1, c)->text(), number(m.f1));
                QCOMPARE(t->item(CrossValidationView::Auc, c)->text(), number(m.auc));
            }
        }
        // Patch samples: F1 0.300 spatial against 0.880 random (the optimism of random folds).
        QCOMPARE(view.metricsTable(CvScheme::Spatial)->item(CrossValidationView::F1, 3)->text(), number(0.3));
        QCOMPARE(view.metricsTable(CvScheme::Random)->item(CrossValidationView::F1, 3)->text(), number(0.88));
        QVERIFY(view.metricsTable(CvScheme::Spatial)
                    ->item(CrossValidationView::Positions, 0)
                    ->toolTip()
                    .contains(QStringLiteral("9 groups")));
        // The headline's map mode is selected: its confusion matrix and its scheme's bars.
        QCOMPARE(view.selectedScheme(), CvScheme::Spatial);
        QCOMPARE(view.selectedMode(), 0);
        QCOMPARE(view.confusionTable()->item(0, 0)->text(), QStringLiteral("10"));
        QCOMPARE(view.confusionTable()->item(1, 1)->text(), QStringLiteral("12"));
        QCOMPARE(view.plot()->plot()->plottableCount(), 5); // accuracy, precision, recall, F1, AUC
        auto *aucBars = qobject_cast<QCPBars *>(view.plot()->plot()->plottable(4));
        QVERIFY(aucBars);
        QCOMPARE(aucBars->data()->size(), 4);
        QCOMPARE(aucBars->data()->at(2)->value, 0.472);
    }
    void theTablesAreSideBySideWhenThereIsRoom()
    {
        CrossValidationView view;
        view.setResults(fourModes(), fourSpatialModes(), SvmMode::PixelFeatures, {});
        QTableWidget *spatial = view.metricsTable(CvScheme::Spatial), *random = view.metricsTable(CvScheme::Random);
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(view.isSideBySide());
        QCOMPARE(random->mapTo(&view, QPoint(0, 0)).y(), spatial->mapTo(&view, QPoint(0, 0)).y());
        QVERIFY(random->mapTo(&view, QPoint(0, 0)).x() >
                spatial->mapTo(&view, QPoint(0, 0)).x() + spatial->width() / 2);
        QVERIFY(!random->verticalHeader()->isVisible()); // the row names once, on the left
        // The rows line up across the two tables.
        QCOMPARE(random->rowViewportPosition(CrossValidationView::Auc) + random->viewport()->mapTo(&view, QPoint()).y(),
                 spatial->rowViewportPosition(CrossValidationView::Auc) +
                     spatial->viewport()->mapTo(&view, QPoint()).y());
        view.resize(360, 800);
        QTRY_VERIFY(!view.isSideBySide());
        QTRY_VERIFY(random->mapTo(&view, QPoint(0, 0)).y() >
                    spatial->mapTo(&view, QPoint(0, 0)).y() + spatial->height() / 2);
        QVERIFY(random->verticalHeader()->isVisible());
    }
    void theConfusionMatrixFollowsTheSelectedMode()
    {
        CrossValidationView view;
        view.setResults(fourModes(), {}, SvmMode::PatchFeatures, {});
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
        QHeaderView *header = view.metricsTable(CvScheme::Random)->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionViewportPosition(0) + 5, 5));
        QCOMPARE(view.selectedMode(), 0);
        QCOMPARE(cm->item(0, 0)->text(), QStringLiteral("11"));
        QCOMPARE(cm->item(1, 1)->text(), QStringLiteral("10"));
        QVERIFY(view.warningsList()->isHidden());
    }
    void clickingTheOtherSchemeShowsItsMatrix()
    {
        CrossValidationView view;
        view.setResults(fourModes(), fourSpatialModes(), SvmMode::PixelFeatures, {});
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QHeaderView *header = view.metricsTable(CvScheme::Random)->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionViewportPosition(3) + 5, 5));
        QCOMPARE(view.selectedScheme(), CvScheme::Random);
        QCOMPARE(view.selectedMode(), 3);
        QCOMPARE(view.confusionTable()->item(0, 0)->text(), QStringLiteral("10")); // random patch samples
        QCOMPARE(view.confusionTable()->item(1, 1)->text(), QStringLiteral("11"));
        QVERIFY(view.metricsTable(CvScheme::Spatial)->selectedItems().isEmpty());
    }
    void clearingShowsAnInvitation()
    {
        CrossValidationView view;
        view.setResults(fourModes(), fourSpatialModes(), SvmMode::PixelFeatures, {});
        view.clear();
        QCOMPARE(view.metricsTable(CvScheme::Random)->columnCount(), 0);
        QCOMPARE(view.metricsTable(CvScheme::Spatial)->columnCount(), 0);
        QCOMPARE(view.selectedMode(), -1);
        QVERIFY(!view.plot()->hasData());
    }
};

QTEST_MAIN(TestCrossValidationView)
#include "test_crossvalidationview.moc"
