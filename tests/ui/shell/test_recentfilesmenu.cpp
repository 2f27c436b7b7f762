// RecentFilesMenu: most recent first, at most ten, persisted in QSettings, disabled when empty.
#include "recentfilesmenu.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace lodestone;

class TestRecentFilesMenu : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_recentfilesmenu"));
    }
    void init() { QSettings().clear(); }

    void newestFirstWithoutDuplicates()
    {
        RecentFilesMenu menu;
        QVERIFY(!menu.menuAction()->isEnabled());
        menu.addFile(QStringLiteral("/data/a.tif"));
        menu.addFile(QStringLiteral("/data/b.tif"));
        menu.addFile(QStringLiteral("/data/a.tif"));
        QCOMPARE(menu.files(), (QStringList{QStringLiteral("/data/a.tif"), QStringLiteral("/data/b.tif")}));
        QVERIFY(menu.menuAction()->isEnabled());
    }
    void keepsTenAndPersists()
    {
        {
            RecentFilesMenu menu;
            for (int i = 0; i < 12; ++i)
                menu.addFile(QStringLiteral("/data/%1.tif").arg(i));
            QCOMPARE(menu.files().size(), RecentFilesMenu::kMaxFiles);
            QCOMPARE(menu.files().front(), QStringLiteral("/data/11.tif"));
        }
        RecentFilesMenu again;
        QCOMPARE(again.files().size(), RecentFilesMenu::kMaxFiles);
        QCOMPARE(again.files().back(), QStringLiteral("/data/2.tif"));
    }
    void triggeringAnEntryEmitsItsPath()
    {
        RecentFilesMenu menu;
        menu.addFile(QStringLiteral("/data/a.tif"));
        QSignalSpy triggered(&menu, &RecentFilesMenu::fileTriggered);
        menu.actions().front()->trigger();
        QCOMPARE(triggered.count(), 1);
        QCOMPARE(triggered.front().front().toString(), QStringLiteral("/data/a.tif"));
    }
    void removeAndClear()
    {
        RecentFilesMenu menu;
        menu.addFile(QStringLiteral("/data/a.tif"));
        menu.addFile(QStringLiteral("/data/b.tif"));
        menu.removeFile(QStringLiteral("/data/a.tif"));
        QCOMPARE(menu.files(), QStringList{QStringLiteral("/data/b.tif")});
        menu.clearFiles();
        QVERIFY(menu.files().isEmpty());
        QVERIFY(!menu.menuAction()->isEnabled());
    }
};

QTEST_MAIN(TestRecentFilesMenu)
#include "test_recentfilesmenu.moc"
