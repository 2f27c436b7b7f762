// Translations: the Spanish translation is embedded and loaded for a Spanish locale, and is complete.
#include "translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QTranslator>

using namespace lodestone;

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void spanishIsEmbedded() { QVERIFY(Translations::available().contains(QStringLiteral("es"))); }
    void spanishLocaleTranslatesTheMenus()
    {
        QVERIFY(Translations::install(QCoreApplication::instance(), QLocale(QLocale::Spanish, QLocale::Spain)));
        QCOMPARE(QCoreApplication::translate("lodestone::MainWindow", "&File"), QStringLiteral("&Archivo"));
        QCOMPARE(QCoreApplication::translate("ColorRamp", "Greys"), QStringLiteral("Grises"));
    }
    void englishNeedsNoTranslation()
    {
        QVERIFY(!Translations::install(QCoreApplication::instance(), QLocale(QLocale::English, QLocale::UnitedStates)));
    }
    void everyMessageIsTranslated()
    {
        // The .ts file in the source tree: no unfinished or empty translation.
        QFile ts(QStringLiteral(LODESTONE_TS_FILE));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        QVERIFY(text.count(QStringLiteral("<message")) > 100);
        QVERIFY(!text.contains(QStringLiteral("type=\"unfinished\"")));
        QVERIFY(!text.contains(QStringLiteral("<translation></translation>")));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
