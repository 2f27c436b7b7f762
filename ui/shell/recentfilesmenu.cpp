// RecentFilesMenu: numbered entries with the file name, full path as tooltip; stored as a string list.
#include "recentfilesmenu.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace lodestone {

RecentFilesMenu::RecentFilesMenu(const QString &settingsKey, QWidget *parent) : QMenu(parent), m_key(settingsKey)
{
    setTitle(tr("Open &Recent"));
    m_files = QSettings().value(m_key).toStringList();
    while (m_files.size() > kMaxFiles)
        m_files.removeLast();
    rebuild();
}

void RecentFilesMenu::addFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > kMaxFiles)
        m_files.removeLast();
    save();
    rebuild();
}

void RecentFilesMenu::removeFile(const QString &path)
{
    if (m_files.removeAll(QFileInfo(path).absoluteFilePath()) > 0) {
        save();
        rebuild();
    }
}

void RecentFilesMenu::clearFiles()
{
    m_files.clear();
    save();
    rebuild();
}

void RecentFilesMenu::save()
{
    QSettings().setValue(m_key, m_files);
}

void RecentFilesMenu::rebuild()
{
    clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i];
        QString text = QFileInfo(path).fileName();
        text.replace(QLatin1Char('&'), QStringLiteral("&&"));
        if (i < 9)
            text = QStringLiteral("&%1 %2").arg(i + 1).arg(text);
        QAction *action = addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT fileTriggered(path); });
    }
    if (!m_files.isEmpty()) {
        addSeparator();
        addAction(tr("&Clear Menu"), this, &RecentFilesMenu::clearFiles);
    }
    setToolTipsVisible(true);
    menuAction()->setEnabled(!m_files.isEmpty());
}

} // namespace lodestone
