// Asks which band of a multi-band raster to open, listing each band with its description.
//
// Thread: GUI thread.
#pragma once

#include <QDialog>
#include <QStringList>

class QListWidget;

namespace lodestone {

/** \brief Band chooser for files with more than one band. */
class BandSelectDialog : public QDialog {
    Q_OBJECT
public:
    /** \brief descriptions[i] describes band i + 1 (may be shorter than bandCount or hold empty strings). */
    BandSelectDialog(const QString &fileName, int bandCount, const QStringList &descriptions,
                     QWidget *parent = nullptr);

    /** \brief The chosen band, 1-based. */
    int selectedBand() const;
    void setSelectedBand(int band);
    QListWidget *list() const { return m_list; }

    /** \brief Runs the dialog; returns the chosen band, or 0 if the user canceled. */
    static int chooseBand(QWidget *parent, const QString &fileName, int bandCount, const QStringList &descriptions);

private:
    QListWidget *m_list = nullptr;
};

} // namespace lodestone
