// BandSelectDialog: lists every band with its description and returns the chosen one.
#include "bandselectdialog.h"

#include <QListWidget>
#include <QTest>

using namespace lodestone;

class TestBandSelectDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsBandsWithDescriptions()
    {
        BandSelectDialog dialog(QStringLiteral("stack.tif"), 3,
                                {QStringLiteral("TMI"), QString(), QStringLiteral("RTP")});
        QCOMPARE(dialog.list()->count(), 3);
        QCOMPARE(dialog.list()->item(0)->text(), QStringLiteral("Band 1: TMI"));
        QCOMPARE(dialog.list()->item(1)->text(), QStringLiteral("Band 2"));
        QCOMPARE(dialog.list()->item(2)->text(), QStringLiteral("Band 3: RTP"));
        QCOMPARE(dialog.selectedBand(), 1);
        dialog.setSelectedBand(3);
        QCOMPARE(dialog.selectedBand(), 3);
    }
    void descriptionsMayBeMissing()
    {
        BandSelectDialog dialog(QStringLiteral("stack.tif"), 2, {});
        QCOMPARE(dialog.list()->item(1)->text(), QStringLiteral("Band 2"));
    }
};

QTEST_MAIN(TestBandSelectDialog)
#include "test_bandselectdialog.moc"
