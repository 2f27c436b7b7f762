// File > Open Recent: the last files opened, kept in QSettings. The menu is disabled while the list is empty.
//
// Thread: GUI thread.
#pragma once

#include <QMenu>
#include <QStringList>

namespace lodestone {

/** \brief A menu of recently opened files backed by QSettings. */
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 10;

    /** \brief settingsKey: where the list is stored in the application's QSettings. */
    explicit RecentFilesMenu(const QString &settingsKey = QStringLiteral("recentFiles"), QWidget *parent = nullptr);

    QStringList files() const { return m_files; }
    /** \brief Puts path at the top (removing an older entry for it). */
    void addFile(const QString &path);
    void removeFile(const QString &path);
    void clearFiles();

Q_SIGNALS:
    void fileTriggered(const QString &path);

private:
    void rebuild();
    void save();

    QString m_key;
    QStringList m_files;
};

} // namespace lodestone
