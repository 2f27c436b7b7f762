// Installs the application's translation (embedded under :/i18n) and Qt's own for a locale.
//
// Thread: GUI thread, at start-up.
#pragma once

#include <QLocale>

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
};

} // namespace lodestone
