// Edit > Preferences: the interface language (the system's, English or Español), stored in QSettings and
// applied when Lodestone next starts (every window would otherwise have to rebuild its texts).
//
// Thread: GUI thread.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace lodestone {

/** \brief The application's preferences. */
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    QComboBox *languageCombo() const { return m_language; }
    /** \brief The language chosen in the dialog: "system", "en" or "es". */
    QString selectedLanguage() const;
    /** \brief True when the language differs from the one in use (a restart is needed). */
    bool needsRestart() const;

public Q_SLOTS:
    /** \brief Stores the choices in QSettings and closes the dialog. */
    void accept() override;

private:
    void updateNote();

    QComboBox *m_language = nullptr;
    QLabel *m_note = nullptr;
    QString m_initial;
};

} // namespace lodestone
