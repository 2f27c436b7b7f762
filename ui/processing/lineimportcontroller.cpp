// LineImportController: one import at a time; the progress dialog shows core's stages in the user's language and
// a busy bar while GMT's surface runs (one call without progress).
#include "lineimportcontroller.h"

#include "backgroundjob.h"
#include "bandstatistics.h"
#include "feedback.h"
#include "lineimportdialog.h"
#include "mainwindow.h"
#include "raster.h"
#include "rasterlayer.h"
#include "userlayers.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QProgressDialog>
#include <QSettings>

#include <cmath>
#include <memory>
#include <utility>

namespace lodestone {

namespace {

const QString kDirectoryKey = QStringLiteral("lineImport/lastDirectory");

/// What the worker hands back.
struct Gridded {
    LineImportResult result;
    std::shared_ptr<Raster> raster; ///< onSurveyGrid only: the grid as a layer's raster
    BandStatistics statistics;
};

} // namespace

LineImportController::LineImportController(MainWindow *window, UserLayers *layers)
    : QObject(window), m_window(window), m_layers(layers)
{
    m_job = new BackgroundJob(this);
    m_action = new QAction(tr("Import &Line Data…"), this);
    m_action->setStatusTip(tr("Grid airborne line data (CSV, compressed CSV or points) into a survey grid by minimum "
                              "curvature (GMT surface)"));
    connect(m_action, &QAction::triggered, this, &LineImportController::showImportDialog);
    m_errorReporter = [window](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };

    m_progress = new QProgressDialog(window);
    m_progress->setWindowTitle(tr("Import Line Data"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(0);
    m_progress->setMinimumWidth(420);
    // Its bar is updated directly: QProgressDialog::setValue() processes events when the dialog is modal.
    m_bar = new QProgressBar;
    m_progress->setBar(m_bar);
    m_progress->reset();
    m_progress->hide();
    connect(m_progress, &QProgressDialog::canceled, this, &LineImportController::cancel);
    connect(m_job, &BackgroundJob::progressChanged, this, [this](const QString &stage, double fraction) {
        m_progress->setLabelText(stageText(stage));
        if (fraction < 0) {
            m_bar->setRange(0, 0);
        } else {
            m_bar->setRange(0, 1000);
            m_bar->setValue(int(std::lround(1000 * fraction)));
        }
    });
    auto close = [this] {
        m_progress->hide();
        m_progress->reset();
        m_action->setEnabled(true);
    };
    connect(m_job, &BackgroundJob::succeeded, this, [close, this] {
        close();
        if (auto handler = std::exchange(m_onSucceeded, {}))
            handler();
    });
    connect(m_job, &BackgroundJob::canceled, this, [close, this] {
        close();
        m_onSucceeded = {};
        Q_EMIT statusMessage(tr("Gridding was canceled; nothing was written."));
        Q_EMIT failed(QString());
    });
    connect(m_job, &BackgroundJob::failed, this, [close, this](const QString &message) {
        close();
        m_onSucceeded = {};
        if (m_errorReporter)
            m_errorReporter(tr("Cannot Grid the Line Data"), message);
        Q_EMIT failed(message);
    });
}

void LineImportController::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

bool LineImportController::isRunning() const
{
    return m_job->isRunning();
}

QString LineImportController::fileFilter()
{
    return tr("Line data (*.csv *.txt *.tsv *.xyz *.dat *.gz *.xz *.shp *.gpkg *.geojson);;All files (*)");
}

QString LineImportController::stageText(const QString &stage)
{
    if (stage.startsWith(QStringLiteral("Reading ")))
        return tr("Reading %1…").arg(stage.mid(8));
    if (stage == QStringLiteral("Reprojecting"))
        return tr("Reprojecting the readings…");
    if (stage.startsWith(QStringLiteral("Block")))
        return tr("One reading per cell (block median)…");
    if (stage.startsWith(QStringLiteral("Minimum curvature")))
        return tr("Minimum curvature (GMT surface): about 10 s for a million readings…");
    if (stage.startsWith(QStringLiteral("Masking")))
        return tr("Blanking cells far from the readings…");
    if (stage.startsWith(QStringLiteral("Writing ")))
        return tr("Writing %1…").arg(stage.mid(8));
    return stage.isEmpty() ? tr("Starting…") : stage;
}

void LineImportController::showImportDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import Line Data"), settings.value(kDirectoryKey, QDir::homePath()).toString(), fileFilter());
    if (path.isEmpty())
        return;
    settings.setValue(kDirectoryKey, QFileInfo(path).absolutePath());
    showDialog(path);
}

void LineImportController::showDialog(const QString &path)
{
    std::optional<GridSpec> surveyGrid;
    if (RasterLayer *survey = m_window->surveyLayer())
        surveyGrid = survey->raster().grid;
    LineImportDialog dialog(path, surveyGrid, m_window);
    if (!dialog.previewError().isEmpty()) {
        if (m_errorReporter)
            m_errorReporter(tr("Cannot Import Line Data"), dialog.previewError());
        return;
    }
    if (dialog.exec() == QDialog::Accepted)
        start(dialog.settings());
}

void LineImportController::start(const LineImportSettings &settings)
{
    if (m_job->isRunning())
        return;
    auto out = std::make_shared<Gridded>();
    m_job->start([settings, out](Feedback &feedback) {
        out->result = LineImport::run(settings, &feedback);
        if (!settings.onSurveyGrid)
            return;
        auto raster = std::make_shared<Raster>();
        raster->grid = out->result.grid.grid;
        raster->data = out->result.grid.values;
        raster->valid.resize(raster->data.size());
        for (std::size_t i = 0; i < raster->data.size(); ++i)
            raster->valid[i] = std::isfinite(raster->data[i]) ? 1 : 0;
        raster->path = settings.output.toStdString();
        out->statistics = BandStatistics::compute(*raster);
        out->raster = std::move(raster);
    });
    m_action->setEnabled(false);
    m_progress->setLabelText(stageText(QString()));
    m_bar->setRange(0, 0);
    m_progress->show();

    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    m_onSucceeded = [this, out, settings, clock] {
        const GriddingResult &r = out->result.grid;
        const QLocale locale;
        QString text = tr("Gridded %1 readings onto %2 x %3 cells in %4 s; written to %5.")
                           .arg(locale.toString(qulonglong(r.readings)))
                           .arg(r.grid.width)
                           .arg(r.grid.height)
                           .arg(locale.toString(clock->elapsed() / 1000.0, 'f', 1))
                           .arg(QDir::toNativeSeparators(settings.output));
        if (out->result.crossLinesLeftOut)
            text += QLatin1Char(' ') + tr("%1 cross lines (%2 readings) were left out.")
                                           .arg(out->result.crossLinesLeftOut)
                                           .arg(locale.toString(qulonglong(out->result.crossReadingsLeftOut)));
        Q_EMIT statusMessage(text);
        if (!r.warnings.empty() && m_errorReporter) {
            QString warnings;
            for (const std::string &w : r.warnings)
                warnings += QStringLiteral("\n• ") + QString::fromStdString(w);
            m_errorReporter(tr("Line Data Gridded with Warnings"), text + QStringLiteral("\n") + warnings);
        }
        if (settings.onSurveyGrid && m_window->surveyLayer() &&
            m_window->surveyLayer()->raster().grid.sameGrid(r.grid)) {
            m_layers->addLayer(
                out->raster, out->statistics, QFileInfo(settings.output).completeBaseName(),
                m_window->surveyLayer()->units(),
                tr("%1, gridded from %2")
                    .arg(QDir::toNativeSeparators(settings.output), QDir::toNativeSeparators(settings.path)));
        } else {
            // Opening the survey shows its own status; this one follows it.
            auto shown = std::make_shared<QMetaObject::Connection>();
            *shown = connect(m_window, &MainWindow::surveyOpened, this, [this, shown, text](const QString &) {
                disconnect(*shown);
                Q_EMIT statusMessage(text);
            });
            m_window->openFile(settings.output, 1);
            if (!m_window->isLoading())
                disconnect(*shown); // it did not open
        }
        Q_EMIT gridded(settings.output);
    };
}

void LineImportController::cancel()
{
    if (!m_job->isRunning())
        return;
    m_job->cancel();
    m_progress->setLabelText(tr("Canceling… (GMT's surface finishes its current call first)"));
}

} // namespace lodestone
