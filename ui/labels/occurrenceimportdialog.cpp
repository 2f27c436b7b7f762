// OccurrenceImportDialog: the CRS field applies to tables only; vector files carry their own CRS.
#include "occurrenceimportdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace lodestone {

namespace {

const QString kGroup = QStringLiteral("labels/import/");

} // namespace

OccurrenceImportDialog::OccurrenceImportDialog(const QString &surveyCrs, const QString &folder, QWidget *parent,
                                               bool geographic)
    : QDialog(parent), m_surveyCrs(surveyCrs), m_folder(folder), m_geographic(geographic)
{
    setWindowTitle(tr("Import Occurrences"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Known occurrences are labelled deposit on the pixels they fall on. Random "
                                "non-deposit pixels can be added away from them."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    auto *fileRow = new QHBoxLayout;
    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(tr("CSV with X/Y columns, Shapefile, GeoPackage or GeoJSON"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);
    connect(browse, &QPushButton::clicked, this, &OccurrenceImportDialog::browse);
    connect(m_file, &QLineEdit::textChanged, this, &OccurrenceImportDialog::updateState);

    m_crs = new QLineEdit(this);
    m_crs->setText(surveyCrs);
    m_crs->setPlaceholderText(tr("the survey's CRS"));
    m_crs->setToolTip(tr("CRS of the coordinates in a CSV file, e.g. EPSG:4326 for longitude and latitude"));
    m_crsNote = new QLabel(this);
    m_crsNote->setWordWrap(true);
    m_crsNote->setForegroundRole(QPalette::PlaceholderText);
    auto *crsBox = new QVBoxLayout;
    crsBox->addWidget(m_crs);
    crsBox->addWidget(m_crsNote);
    auto *crsLabel = new QLabel(tr("&CRS of the points:"), this);
    crsLabel->setBuddy(m_crs);
    form->addRow(crsLabel, crsBox);

    m_skipOutside = new QCheckBox(tr("&Skip points outside the survey grid (otherwise the import stops)"), this);
    m_skipOutside->setChecked(true);
    form->addRow(QString(), m_skipOutside);

    m_negatives = new QSpinBox(this);
    m_negatives->setRange(0, 10'000'000);
    m_negatives->setSpecialValueText(tr("none"));
    form->addRow(tr("Random &non-deposit pixels:"), m_negatives);
    m_minDistance = new QDoubleSpinBox(this);
    if (geographic) {
        // The survey's map units are degrees: a few hundredths of a degree are kilometres.
        m_minDistance->setRange(0.0, 180.0);
        m_minDistance->setDecimals(4);
        m_minDistance->setSingleStep(0.01);
        m_minDistance->setToolTip(tr("Distance from every occurrence and deposit pixel, in degrees: the survey is in "
                                     "geographic coordinates (0.01 degree of latitude is about 1.1 km)"));
        form->addRow(tr("&Minimum distance (degrees):"), m_minDistance);
    } else {
        m_minDistance->setRange(0.0, 1e9);
        m_minDistance->setDecimals(1);
        m_minDistance->setSingleStep(100.0);
        m_minDistance->setToolTip(tr("Distance from every occurrence and deposit pixel, in the survey's map units"));
        form->addRow(tr("&Minimum distance (map units):"), m_minDistance);
    }
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("The same seed draws the same pixels"));
    form->addRow(tr("S&eed:"), m_seed);
    connect(m_negatives, &QSpinBox::valueChanged, this, &OccurrenceImportDialog::updateState);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    // The last settings, except the file and the CRS, which belong to one survey.
    QSettings settings;
    m_skipOutside->setChecked(settings.value(kGroup + QStringLiteral("skipOutside"), true).toBool());
    m_negatives->setValue(settings.value(kGroup + QStringLiteral("negatives"), 0).toInt());
    m_minDistance->setValue(settings.value(distanceKey(), 0.0).toDouble());
    m_seed->setValue(settings.value(kGroup + QStringLiteral("seed"), 0).toInt());
    updateState();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

OccurrenceImport::Options OccurrenceImportDialog::options() const
{
    OccurrenceImport::Options o;
    o.path = m_file->text().trimmed();
    // Vector files carry their own CRS; a CSV left at the survey's CRS is read as such.
    o.crs = OccurrenceImport::isTable(o.path) ? m_crs->text().trimmed() : QString();
    o.skipOutside = m_skipOutside->isChecked();
    o.negatives = m_negatives->value();
    o.negativeMinDistance = m_minDistance->value();
    o.seed = std::uint64_t(m_seed->value());
    return o;
}

void OccurrenceImportDialog::setOptions(const OccurrenceImport::Options &options)
{
    m_file->setText(options.path);
    if (!options.crs.isEmpty())
        m_crs->setText(options.crs);
    m_skipOutside->setChecked(options.skipOutside);
    m_negatives->setValue(options.negatives);
    m_minDistance->setValue(options.negativeMinDistance);
    m_seed->setValue(int(std::min<std::uint64_t>(options.seed, std::uint64_t(m_seed->maximum()))));
}

void OccurrenceImportDialog::accept()
{
    QSettings settings;
    settings.setValue(kGroup + QStringLiteral("skipOutside"), m_skipOutside->isChecked());
    settings.setValue(kGroup + QStringLiteral("negatives"), m_negatives->value());
    settings.setValue(distanceKey(), m_minDistance->value());
    settings.setValue(kGroup + QStringLiteral("seed"), m_seed->value());
    QDialog::accept();
}

QString OccurrenceImportDialog::distanceKey() const
{
    // Degrees and metres apart: 3000 from a projected survey would be nonsense on a survey in degrees.
    return kGroup + (m_geographic ? QStringLiteral("minDistanceDegrees") : QStringLiteral("minDistance"));
}

void OccurrenceImportDialog::browse()
{
    const QString start = m_file->text().isEmpty() ? m_folder : m_file->text();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Occurrences"), start, OccurrenceImport::dialogFilter());
    if (!path.isEmpty())
        m_file->setText(path);
}

void OccurrenceImportDialog::updateState()
{
    const QString path = m_file->text().trimmed();
    const bool table = path.isEmpty() || OccurrenceImport::isTable(path);
    m_crs->setEnabled(table);
    m_crs->setVisible(table); // a vector file's own CRS is used: the survey's beside that note would mislead
    m_crsNote->setText(table ? tr("A CSV file has no CRS: give the one of its X/Y columns.")
                             : tr("This file's own CRS is used."));
    m_minDistance->setEnabled(m_negatives->value() > 0);
    m_seed->setEnabled(m_negatives->value() > 0);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!path.isEmpty());
}

} // namespace lodestone
