// LabelsPanel: class buttons and brush size drive the brushing model and follow it; counts update live.
#include "brushingmodel.h"
#include "labeldocument.h"
#include "labels.h"
#include "labelspanel.h"
#include "testrasters.h"

#include <QAbstractButton>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace lodestone;

class TestLabelsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classButtonsAndBrushSizeDriveTheModel()
    {
        BrushingModel model;
        LabelDocument doc;
        doc.reset(test::makeGrid(10, 10));
        LabelsPanel panel;
        panel.setBrushingModel(&model);
        panel.setDocument(&doc);
        QVERIFY(panel.classButton(LabelDeposit)->isChecked());
        QSignalSpy chosen(&panel, &LabelsPanel::classChosen);
        panel.classButton(LabelUnknown)->click();
        QVERIFY(model.isErasing());
        QCOMPARE(chosen.count(), 1);
        panel.classButton(LabelNonDeposit)->click();
        QCOMPARE(model.brushClass(), LabelNonDeposit);
        QVERIFY(!panel.classButton(LabelUnknown)->isChecked());
        panel.brushSizeBox()->setValue(7);
        QCOMPARE(model.brushSize(), 7);
        // And the other way round.
        model.setBrushSize(4);
        QCOMPARE(panel.brushSizeBox()->value(), 4);
        model.setBrushClass(LabelDeposit);
        QVERIFY(panel.classButton(LabelDeposit)->isChecked());
    }
    void countsUpdateLive()
    {
        LabelDocument doc;
        LabelsPanel panel;
        panel.setDocument(&doc);
        QVERIFY(!panel.isEnabled()); // no survey yet
        doc.reset(test::makeGrid(10, 10));
        QVERIFY(panel.isEnabled());
        QCOMPARE(panel.depositCountLabel()->text(), QStringLiteral("0"));
        doc.setAt(1, 1, LabelDeposit);
        doc.setAt(2, 1, LabelDeposit);
        doc.setAt(3, 3, LabelNonDeposit);
        doc.notifyChanged(QRect(1, 1, 3, 3));
        QCOMPARE(panel.depositCountLabel()->text(), QStringLiteral("2"));
        QCOMPARE(panel.nonDepositCountLabel()->text(), QStringLiteral("1"));
        LabelImage big = emptyLabels(test::makeGrid(100, 100));
        std::fill(big.values.begin(), big.values.begin() + 1500, LabelNonDeposit);
        doc.setLabels(big);
        QCOMPARE(panel.nonDepositCountLabel()->text(), QLocale().toString(1500));
        QCOMPARE(panel.depositCountLabel()->text(), QStringLiteral("0"));
    }
};

QTEST_MAIN(TestLabelsPanel)
#include "test_labelspanel.moc"
