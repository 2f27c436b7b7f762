// BandSelectDialog: a list (double-click accepts) and OK/Cancel.
#include "bandselectdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace lodestone {

BandSelectDialog::BandSelectDialog(const QString &fileName, int bandCount, const QStringList &descriptions,
                                   QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Choose a Band"));
    // Only asked for files with several bands, so the plural always applies.
    auto *label = new QLabel(tr("%1 has %2 bands. Which one holds the survey?").arg(fileName).arg(bandCount), this);
    label->setWordWrap(true);
    m_list = new QListWidget(this);
    for (int b = 1; b <= bandCount; ++b) {
        const QString description = b - 1 < descriptions.size() ? descriptions[b - 1].trimmed() : QString();
        m_list->addItem(description.isEmpty() ? tr("Band %1").arg(b) : tr("Band %1: %2").arg(b).arg(description));
    }
    m_list->setCurrentRow(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    setMinimumWidth(380);
}

int BandSelectDialog::selectedBand() const
{
    return m_list->currentRow() + 1;
}

void BandSelectDialog::setSelectedBand(int band)
{
    m_list->setCurrentRow(band - 1);
}

int BandSelectDialog::chooseBand(QWidget *parent, const QString &fileName, int bandCount,
                                 const QStringList &descriptions)
{
    BandSelectDialog dialog(fileName, bandCount, descriptions, parent);
    return dialog.exec() == QDialog::Accepted ? dialog.selectedBand() : 0;
}

} // namespace lodestone
