// SettingsDialog: one combo box per preference; Translations owns the keys and their meaning.
#include "settingsdialog.h"

#include "translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace lodestone {

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    m_language = new QComboBox(this);
    const QLocale system = QLocale::system();
    m_language->addItem(tr("System (%1)").arg(system.nativeLanguageName()), QStringLiteral("system"));
    // Each language is named in itself, so that it can be found whatever the current language is.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    for (const QString &name : Translations::available()) {
        // QLocale names the language with its country ("español de España"); the language alone is wanted.
        QString native = name == QLatin1String("es") ? QStringLiteral("Español") : QLocale(name).nativeLanguageName();
        if (!native.isEmpty())
            native[0] = native[0].toUpper();
        m_language->addItem(native.isEmpty() ? name : native, name);
    }
    m_language->setToolTip(tr("Language of menus, panels and messages. Numbers and dates follow the system's "
                              "regional settings."));
    m_initial = Translations::configuredLanguage();
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_initial)));

    m_note = new QLabel(this);
    m_note->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Interface language"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addStretch(1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateNote);
    updateNote();
    resize(420, sizeHint().height());
}

QString SettingsDialog::selectedLanguage() const
{
    return m_language->currentData().toString();
}

bool SettingsDialog::needsRestart() const
{
    return selectedLanguage() != m_initial;
}

void SettingsDialog::updateNote()
{
    m_note->setText(needsRestart() ? tr("The new language is used when Lodestone is next started.")
                                   : tr("The language is applied when Lodestone starts."));
}

void SettingsDialog::accept()
{
    Translations::setConfiguredLanguage(selectedLanguage());
    QDialog::accept();
}

} // namespace lodestone
