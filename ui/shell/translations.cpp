// Translations: QTranslator::load(locale, ...) tries the locale's UI languages in order.
#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace lodestone {

bool Translations::install(QCoreApplication *app, const QLocale &locale)
{
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app->installTranslator(qt);
    else
        delete qt;

    auto *own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("lodestone"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        app->installTranslator(own);
        return true;
    }
    delete own;
    return false;
}

QStringList Translations::available()
{
    QStringList languages;
    const auto files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("lodestone_*.qm")});
    for (const QString &file : files)
        languages << file.mid(10, file.size() - 13); // between "lodestone_" and ".qm"
    return languages;
}

QString Translations::configuredLanguage()
{
    const QString language = QSettings().value(languageKey(), QStringLiteral("system")).toString();
    if (language == QLatin1String("en") || available().contains(language))
        return language;
    return QStringLiteral("system");
}

void Translations::setConfiguredLanguage(const QString &language)
{
    QSettings().setValue(languageKey(), language);
}

QLocale Translations::localeFor(const QString &language)
{
    if (language == QLatin1String("system") || language.isEmpty())
        return QLocale::system();
    return QLocale(language);
}

bool Translations::installConfigured(QCoreApplication *app)
{
    return install(app, localeFor(configuredLanguage()));
}

} // namespace lodestone
