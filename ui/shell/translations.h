// Installs the application's translation (embedded under :/i18n) and Qt's own for a locale.
//
// Thread: GUI thread, at start-up.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace lodestone {

/** \brief Loads lodestone_<lang>.qm and Qt's qtbase_<lang>.qm (when installed) into an application. */
class Translations {
public:
    /** \brief Installs the translators for locale (normally QLocale::system()) as children of app.
     *  Returns true if Lodestone's own translation was found (false for English, which needs none). */
    static bool install(QCoreApplication *app, const QLocale &locale);
    /** \brief Languages with a translation of Lodestone, as locale names (e.g. "es"). */
    static QStringList available();

    /** \brief The interface language chosen in Preferences: "system" (the default), "en" or a name of
     *  available(). Stored in QSettings under languageKey(). */
    static QString configuredLanguage();
    static void setConfiguredLanguage(const QString &language);
    static QString languageKey() { return QStringLiteral("ui/language"); }
    /** \brief The locale whose translation a configured language loads ("system": QLocale::system()). */
    static QLocale localeFor(const QString &language);
    /** \brief install() with the configured language; call after the application's name is set. */
    static bool installConfigured(QCoreApplication *app);
};

} // namespace lodestone
