// LineImportDialog: the preview is read on the GUI thread (a header and 20 rows); the analysis of all readings
// reruns, debounced, whenever the columns or CRSs change, and fills in the target CRS and cell size until the user
// sets them.
#include "lineimportdialog.h"

#include "backgroundjob.h"
#include "crsinfo.h"
#include "error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace lodestone {

namespace {

constexpr int kPreviewRows = 20;
const QString kOutputFolderKey = QStringLiteral("lineImport/outputFolder");

/// The WKT of what the user typed, or empty with the reason in error.
std::string crsOf(const QString &text, QString *error)
{
    if (text.trimmed().isEmpty())
        return {};
    try {
        return crsWktFromUserInput(text.trimmed().toStdString());
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return {};
    }
}

/// Shows values without trailing zeros ("50", "12.5"), as a cell size is usually a round number.
class CompactSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override { return locale().toString(value, 'g', 10); }
};

QString columnOf(const QComboBox *combo)
{
    return combo->currentData().toString();
}

} // namespace

LineImportDialog::LineImportDialog(const QString &path, const std::optional<GridSpec> &surveyGrid, QWidget *parent)
    : QDialog(parent), m_path(path)
{
    setWindowTitle(tr("Import Line Data"));
    if (surveyGrid && surveyGrid->hasGeoTransform && !surveyGrid->crsWkt.empty())
        m_surveyGrid = surveyGrid;
    m_job = new BackgroundJob(this);
    m_analysisTimer = new QTimer(this);
    m_analysisTimer->setSingleShot(true);
    m_analysisTimer->setInterval(400);
    connect(m_analysisTimer, &QTimer::timeout, this, &LineImportDialog::startAnalysis);

    auto *file = new QLabel(tr("<b>%1</b>: the first rows").arg(QDir::toNativeSeparators(path).toHtmlEscaped()), this);
    file->setTextFormat(Qt::RichText);
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->setMinimumHeight(180);

    // Columns and CRSs.
    m_x = new QComboBox(this);
    m_y = new QComboBox(this);
    m_value = new QComboBox(this);
    m_sourceCrs = new QLineEdit(this);
    m_sourceCrs->setPlaceholderText(tr("e.g. EPSG:4326 for longitude/latitude; empty: unknown"));
    m_sourceCrsName = new QLabel(this);
    m_targetCrs = new QLineEdit(this);
    m_targetCrs->setPlaceholderText(tr("a projected CRS in metres, e.g. EPSG:32754"));
    m_targetCrsName = new QLabel(this);
    for (QLabel *l : {m_sourceCrsName, m_targetCrsName})
        l->setWordWrap(true);
    m_crossLines = new QCheckBox(tr("Leave out the lines &crossing the flight lines"), this);
    m_crossLines->setToolTip(tr("Tie lines: before tie-line levelling their readings differ from the flight lines' "
                                "where they cross, which shows as dotted lines along them in the grid"));
    m_crossLines->setEnabled(false);
    auto *columns = new QGroupBox(tr("Readings"), this);
    auto *columnsForm = new QFormLayout(columns);
    columnsForm->addRow(tr("&X (easting, longitude):"), m_x);
    columnsForm->addRow(tr("&Y (northing, latitude):"), m_y);
    columnsForm->addRow(tr("&Value:"), m_value);
    columnsForm->addRow(tr("&Their CRS:"), m_sourceCrs);
    columnsForm->addRow(QString(), m_sourceCrsName);
    columnsForm->addRow(m_crossLines);

    // The grid.
    m_newGrid = new QRadioButton(tr("A &new grid, opened as the survey"), this);
    m_onSurvey = new QRadioButton(tr("On the open survey's &cells, added as a layer"), this);
    m_newGrid->setChecked(true);
    m_onSurvey->setEnabled(m_surveyGrid.has_value());
    m_onSurvey->setToolTip(m_surveyGrid ? tr("Grid onto exactly the cells and CRS of the open survey")
                                        : tr("Open a georeferenced survey with a CRS to grid onto its cells"));
    m_cell = new CompactSpinBox(this);
    m_cell->setRange(0.0001, 1e6);
    m_cell->setDecimals(4);
    m_cell->setValue(50);
    m_cellReason = new QLabel(tr("Looking at the readings to suggest a cell size…"), this);
    m_cellReason->setWordWrap(true);
    m_tension = new QDoubleSpinBox(this);
    m_tension->setRange(0, 1);
    m_tension->setSingleStep(0.05);
    m_tension->setValue(0.25);
    m_tension->setToolTip(tr("0: pure minimum curvature (may overshoot between lines); 1: harmonic (no extremum away "
                             "from the data); 0.25 is GMT's advice for potential fields"));
    m_mask = new QCheckBox(tr("&Blank cells farther than"), this);
    m_mask->setChecked(true);
    m_maxDistance = new QDoubleSpinBox(this);
    m_maxDistance->setRange(0, 1000);
    m_maxDistance->setDecimals(1);
    m_maxDistance->setValue(5);
    m_maxDistance->setSuffix(tr(" cells"));
    m_maskDistance = new QLabel(this);
    auto *maskRow = new QHBoxLayout;
    maskRow->addWidget(m_mask);
    maskRow->addWidget(m_maxDistance);
    maskRow->addWidget(m_maskDistance, 1);
    auto *grid = new QGroupBox(tr("Grid"), this);
    auto *gridForm = new QFormLayout(grid);
    gridForm->addRow(m_newGrid);
    gridForm->addRow(tr("T&arget CRS:"), m_targetCrs);
    gridForm->addRow(QString(), m_targetCrsName);
    gridForm->addRow(tr("C&ell size:"), m_cell);
    gridForm->addRow(QString(), m_cellReason);
    gridForm->addRow(m_onSurvey);
    gridForm->addRow(tr("&Tension:"), m_tension);
    gridForm->addRow(maskRow);

    // Beside the line data, or in the folder the last grid was written to.
    QString output = LineImport::defaultOutput(path);
    const QString lastFolder = QSettings().value(kOutputFolderKey).toString();
    if (!lastFolder.isEmpty() && QDir(lastFolder).exists())
        output = QDir(lastFolder).filePath(QFileInfo(output).fileName());
    m_output = new QLineEdit(output, this);
    auto *browse = new QPushButton(tr("Bro&wse…"), this);
    connect(browse, &QPushButton::clicked, this, &LineImportDialog::browseOutput);
    auto *outputLabel = new QLabel(tr("&Write the grid to:"), this);
    outputLabel->setBuddy(m_output);
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(outputLabel);
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Grid"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LineImportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *side = new QHBoxLayout;
    side->addWidget(columns, 1);
    side->addWidget(grid, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(file);
    layout->addWidget(m_table, 1);
    layout->addLayout(side);
    layout->addLayout(outputRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
    resize(900, 680);

    try {
        m_preview = previewLineTable(path.toStdString(), kPreviewRows);
    } catch (const std::exception &e) {
        m_previewError = QString::fromStdString(e.what());
    }
    buildPreview();
    guessColumns();

    connect(m_job, &BackgroundJob::succeeded, this, [this] { analysisDone(*m_pending); });
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        m_analysis.reset();
        m_summary->setText(message);
        m_cellReason->setText(tr("Choose the cell size: about a quarter of the line spacing."));
        if (std::exchange(m_rerun, false))
            startAnalysis();
        Q_EMIT analysisFinished();
    });
    connect(m_job, &BackgroundJob::canceled, this, [this] {
        if (std::exchange(m_rerun, false))
            startAnalysis();
    });
    for (QComboBox *c : {m_x, m_y, m_value})
        connect(c, &QComboBox::currentIndexChanged, this, &LineImportDialog::scheduleAnalysis);
    connect(m_sourceCrs, &QLineEdit::textEdited, this, [this] {
        updateCrsLabels();
        scheduleAnalysis();
    });
    connect(m_targetCrs, &QLineEdit::textEdited, this, [this] {
        m_targetEdited = true;
        updateCrsLabels();
        scheduleAnalysis();
    });
    connect(m_cell, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_updating)
            m_cellEdited = true;
        updateMaskLabel();
    });
    connect(m_maxDistance, &QDoubleSpinBox::valueChanged, this, &LineImportDialog::updateMaskLabel);
    connect(m_mask, &QCheckBox::toggled, this, &LineImportDialog::updateEnabled);
    connect(m_onSurvey, &QRadioButton::toggled, this, [this] {
        updateEnabled();
        updateMaskLabel();
    });
    updateCrsLabels();
    updateEnabled();
    updateMaskLabel();
    if (m_previewError.isEmpty())
        startAnalysis();
}

LineImportDialog::~LineImportDialog() = default;

void LineImportDialog::buildPreview()
{
    if (!m_previewError.isEmpty()) {
        m_summary->setText(m_previewError);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return;
    }
    m_table->setColumnCount(int(m_preview.columns.size()));
    QStringList header;
    for (const std::string &c : m_preview.columns)
        header << QString::fromStdString(c);
    m_table->setHorizontalHeaderLabels(header);
    m_table->setRowCount(int(m_preview.rows.size()));
    for (int r = 0; r < int(m_preview.rows.size()); ++r) {
        const auto &row = m_preview.rows[std::size_t(r)];
        for (int c = 0; c < int(row.size()) && c < m_table->columnCount(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(QString::fromStdString(row[std::size_t(c)])));
    }
    m_table->resizeColumnsToContents();

    for (QComboBox *combo : {m_x, m_y}) {
        if (m_preview.pointGeometry)
            combo->addItem(tr("(the points' geometry)"), QString());
    }
    for (const QString &name : header) {
        m_x->addItem(name, name);
        m_y->addItem(name, name);
        m_value->addItem(name, name);
    }
}

void LineImportDialog::guessColumns()
{
    if (!m_previewError.isEmpty())
        return;
    QStringList columns;
    for (const std::string &c : m_preview.columns)
        columns << QString::fromStdString(c);
    int x = -1, y = -1;
    if (!m_preview.pointGeometry) {
        x = LineImport::guessXColumn(columns);
        y = LineImport::guessYColumn(columns);
        m_x->setCurrentIndex(x >= 0 ? x : -1);
        m_y->setCurrentIndex(y >= 0 ? y : -1);
    } else {
        m_x->setCurrentIndex(0);
        m_y->setCurrentIndex(0);
    }
    const int v = LineImport::guessValueColumn(columns, m_preview.rows, x, y);
    m_value->setCurrentIndex(v);
    if (!m_preview.crsWkt.empty()) {
        const CrsInfo crs(QString::fromStdString(m_preview.crsWkt));
        m_sourceCrs->setPlaceholderText(tr("the file's own: %1").arg(crs.shortName()));
    } else if (LineImport::looksGeographic(columns, m_preview.rows, x, y)) {
        m_sourceCrs->setText(QStringLiteral("EPSG:4326"));
    }
}

void LineImportDialog::scheduleAnalysis()
{
    if (m_previewError.isEmpty())
        m_analysisTimer->start();
}

void LineImportDialog::startAnalysis()
{
    m_analysisTimer->stop();
    if (m_value->currentIndex() < 0 ||
        (!m_preview.pointGeometry && (m_x->currentIndex() < 0 || m_y->currentIndex() < 0))) {
        m_summary->setText(tr("Choose the X, Y and value columns."));
        return;
    }
    if (m_job->isRunning()) {
        m_rerun = true;
        m_job->cancel();
        return;
    }
    LineImportSettings s = settings();
    if (!m_targetEdited)
        s.targetCrs.clear(); // let the analysis suggest one
    QString error;
    if (!s.sourceCrs.isEmpty() && crsOf(s.sourceCrs, &error).empty())
        return; // the label says what is wrong
    if (!s.targetCrs.isEmpty() && crsOf(s.targetCrs, &error).empty())
        return;
    auto out = std::make_shared<LineAnalysis>();
    m_pending = out;
    m_summary->setText(tr("Reading all the readings to suggest a CRS and a cell size…"));
    m_job->start([s, out](Feedback &feedback) { *out = LineImport::analyse(s, &feedback); });
}

void LineImportDialog::analysisDone(const LineAnalysis &a)
{
    m_analysis = a;
    const QLocale locale;
    m_updating = true;
    if (!m_targetEdited && !a.targetCrs.isEmpty())
        m_targetCrs->setText(a.targetCrs);
    if (!m_cellEdited && a.suggestedCell > 0)
        m_cell->setValue(a.suggestedCell);
    m_updating = false;
    m_cellReason->setText(a.cellReason.isEmpty() ? tr("Choose the cell size: about a quarter of the line spacing.")
                                                 : a.cellReason);
    QString text = tr("%1 readings.").arg(locale.toString(qulonglong(a.readings)));
    if (a.skipped)
        text +=
            QLatin1Char(' ') +
            tr("%1 rows without numbers in these columns will be skipped.").arg(locale.toString(qulonglong(a.skipped)));
    if (a.geometry.lineSpacing > 0)
        text += QLatin1Char(' ') + tr("Flight lines run at %1° from north (%2 segments); %3 lines cross them.")
                                       .arg(std::lround(a.geometry.direction))
                                       .arg(a.geometry.traverseLines)
                                       .arg(a.geometry.crossLines);
    m_crossLines->setEnabled(a.geometry.crossLines > 0);
    m_crossLines->setText(a.geometry.crossLines > 0
                              ? tr("Leave out the %1 lines &crossing the flight lines (%2 readings)")
                                    .arg(a.geometry.crossLines)
                                    .arg(locale.toString(qulonglong(a.geometry.crossReadings)))
                              : tr("Leave out the lines &crossing the flight lines"));
    if (!m_targetEdited && !a.targetCrs.isEmpty() && a.targetCrs == a.utmCrs)
        text += QLatin1Char(' ') + tr("The target CRS suggested is the UTM zone of the readings' centre.");
    m_summary->setText(text);
    updateCrsLabels();
    if (std::exchange(m_rerun, false))
        startAnalysis();
    Q_EMIT analysisFinished();
}

void LineImportDialog::updateCrsLabels()
{
    auto describe = [](QLineEdit *edit, QLabel *label, bool mustBeProjected) {
        QString error;
        const std::string wkt = crsOf(edit->text(), &error);
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, label->parentWidget()->palette().color(QPalette::WindowText));
        if (!error.isEmpty()) {
            label->setText(tr("Not a CRS that GDAL knows."));
            palette.setColor(QPalette::WindowText, Qt::darkRed);
        } else if (wkt.empty()) {
            label->setText(QString());
        } else {
            const CrsInfo crs(QString::fromStdString(wkt));
            label->setText(crs.name());
            if (mustBeProjected && crs.isGeographic()) {
                label->setText(tr("%1: in degrees; choose a projected CRS in metres.").arg(crs.name()));
                palette.setColor(QPalette::WindowText, Qt::darkRed);
            }
        }
        label->setPalette(palette);
    };
    describe(m_sourceCrs, m_sourceCrsName, false);
    describe(m_targetCrs, m_targetCrsName, true);
}

void LineImportDialog::updateEnabled()
{
    const bool onSurvey = m_onSurvey->isChecked();
    m_targetCrs->setEnabled(!onSurvey);
    m_cell->setEnabled(!onSurvey);
    m_maxDistance->setEnabled(m_mask->isChecked());
}

void LineImportDialog::updateMaskLabel()
{
    const double cell =
        m_onSurvey->isChecked() && m_surveyGrid ? std::abs(m_surveyGrid->geoTransform[1]) : m_cell->value();
    m_maskDistance->setText(tr("= %1 map units").arg(QLocale().toString(cell * m_maxDistance->value(), 'g', 6)));
}

void LineImportDialog::browseOutput()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Write the Grid To"), m_output->text(), tr("GeoTIFF (*.tif *.tiff)"));
    if (!path.isEmpty())
        m_output->setText(QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".tif") : path);
}

LineImportSettings LineImportDialog::settings() const
{
    LineImportSettings s;
    s.path = m_path;
    s.output = m_output->text().trimmed();
    s.xColumn = columnOf(m_x);
    s.yColumn = columnOf(m_y);
    s.valueColumn = columnOf(m_value);
    s.sourceCrs = m_sourceCrs->text().trimmed();
    s.targetCrs = m_targetCrs->text().trimmed();
    s.cell = m_cell->value();
    s.tension = m_tension->value();
    s.maxDistanceCells = m_mask->isChecked() ? m_maxDistance->value() : -1.0;
    s.leaveOutCrossLines = m_crossLines->isEnabled() && m_crossLines->isChecked();
    s.onSurveyGrid = m_onSurvey->isChecked() && m_surveyGrid.has_value();
    if (s.onSurveyGrid)
        s.surveyGrid = *m_surveyGrid;
    return s;
}

QString LineImportDialog::validationError() const
{
    if (!m_previewError.isEmpty())
        return m_previewError;
    const LineImportSettings s = settings();
    if (s.valueColumn.isEmpty())
        return tr("Choose the column holding the values to grid.");
    if (!m_preview.pointGeometry && (s.xColumn.isEmpty() || s.yColumn.isEmpty()))
        return tr("Choose the columns holding X and Y.");
    QString error;
    const std::string source = crsOf(s.sourceCrs, &error);
    if (!error.isEmpty())
        return tr("The readings' CRS: %1").arg(error);
    if (!s.onSurveyGrid) {
        const std::string target = crsOf(s.targetCrs, &error);
        if (!error.isEmpty())
            return tr("The target CRS: %1").arg(error);
        const bool sourceDegrees = !source.empty() ? CrsInfo(QString::fromStdString(source)).isGeographic()
                                                   : CrsInfo(QString::fromStdString(m_preview.crsWkt)).isGeographic();
        if (!target.empty() && CrsInfo(QString::fromStdString(target)).isGeographic())
            return tr("The target CRS is in degrees; grid in a projected CRS in metres, e.g. the UTM zone of the "
                      "survey.");
        if (target.empty() && sourceDegrees)
            return tr("The readings are in longitude and latitude; choose a projected target CRS in metres, e.g. "
                      "the UTM zone of the survey.");
    }
    if (s.output.isEmpty())
        return tr("Choose where to write the grid.");
    const QFileInfo out(s.output);
    if (!out.absoluteDir().exists())
        return tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(out.absolutePath()));
    if (out.absoluteFilePath() == QFileInfo(m_path).absoluteFilePath())
        return tr("The grid cannot replace the line data it is made from.");
    return {};
}

void LineImportDialog::accept()
{
    const QString problem = validationError();
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Grid"), problem);
        return;
    }
    const QString output = settings().output;
    if (QFileInfo::exists(output) &&
        QMessageBox::question(this, tr("Replace File?"),
                              tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(output)),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_job->abandon();
    QSettings().setValue(kOutputFolderKey, QFileInfo(output).absolutePath());
    QDialog::accept();
}

} // namespace lodestone
