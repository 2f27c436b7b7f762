// SettingsDialog and Translations' language setting: System / English / Español stored in QSettings and
// turned into the locale whose translation is installed at start-up.
#include "settingsdialog.h"
#include "translations.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace lodestone;

class TestSettingsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_settingsdialog"));
    }
    void init() { QSettings().clear(); }

    void offersSystemEnglishAndSpanish()
    {
        SettingsDialog dialog;
        QComboBox *combo = dialog.languageCombo();
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->itemData(0).toString(), QStringLiteral("system"));
        QCOMPARE(combo->itemData(1).toString(), QStringLiteral("en"));
        QCOMPARE(combo->itemData(2).toString(), QStringLiteral("es"));
        QCOMPARE(combo->itemText(2), QStringLiteral("Español"));
        QCOMPARE(dialog.selectedLanguage(), QStringLiteral("system"));
        QVERIFY(!dialog.needsRestart());
    }
    void theChoiceIsStoredForTheNextStart()
    {
        SettingsDialog dialog;
        dialog.languageCombo()->setCurrentIndex(2);
        QVERIFY(dialog.needsRestart());
        dialog.accept();
        QCOMPARE(Translations::configuredLanguage(), QStringLiteral("es"));
        QCOMPARE(QSettings().value(Translations::languageKey()).toString(), QStringLiteral("es"));
        SettingsDialog again;
        QCOMPARE(again.selectedLanguage(), QStringLiteral("es"));
        again.languageCombo()->setCurrentIndex(1);
        again.reject();
        QCOMPARE(Translations::configuredLanguage(), QStringLiteral("es")); // canceled: unchanged
    }
    void theLanguageChoosesTheTranslation()
    {
        QCOMPARE(Translations::localeFor(QStringLiteral("es")).language(), QLocale::Spanish);
        QCOMPARE(Translations::localeFor(QStringLiteral("en")).language(), QLocale::English);
        QCOMPARE(Translations::localeFor(QStringLiteral("system")), QLocale::system());
        QSettings().setValue(Translations::languageKey(), QStringLiteral("klingon"));
        QCOMPARE(Translations::configuredLanguage(), QStringLiteral("system")); // unknown: the system's
        Translations::setConfiguredLanguage(QStringLiteral("es"));
        QVERIFY(Translations::installConfigured(QCoreApplication::instance()));
        QCOMPARE(QCoreApplication::translate("lodestone::TrainingPanel", "Train"), QStringLiteral("Entrenar"));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "test_settingsdialog.moc"
