// LabelFiles: every core call is wrapped so that an error leaves the labels as they were.
#include "labelfiles.h"

#include "crsinfo.h"
#include "error.h"
#include "labelautosave.h"
#include "labeldocument.h"
#include "labeleditcommand.h"
#include "labelicons.h"
#include "labels.h"
#include "occurrenceimportdialog.h"
#include "raster.h"
#include "rasterfileformats.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QUndoStack>
#include <QWidget>

#include <algorithm>

namespace lodestone {

namespace {

QString joinWarnings(const std::vector<std::string> &warnings)
{
    QStringList lines;
    for (const std::string &w : warnings)
        lines << QString::fromStdString(w);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

LabelFiles::LabelFiles(LabelDocument *document, QUndoStack *undoStack, QWidget *window)
    : QObject(window), m_document(document), m_undo(undoStack), m_window(window)
{
    m_autosave = new LabelAutosave(document, this);
    connect(m_autosave, &LabelAutosave::failed, this,
            [this](const QString &message) { Q_EMIT statusMessage(tr("Autosave failed: %1").arg(message)); });
    m_reporter = [window](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    m_question = [window](const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
                          QMessageBox::StandardButton defaultButton) {
        QMessageBox box(QMessageBox::Question, title, text, buttons, window);
        box.setDefaultButton(defaultButton);
        return QMessageBox::StandardButton(box.exec());
    };
    createActions();
    if (m_document)
        connect(m_document, &LabelDocument::labelsChanged, this, [this] { m_discarded = false; });
}

void LabelFiles::createActions()
{
    m_openAction = new QAction(tr("Open &Labels…"), this);
    m_openAction->setStatusTip(tr("Open a label raster on the survey's grid: 0 non-deposit, 1 deposit, 2 unknown"));
    connect(m_openAction, &QAction::triggered, this, &LabelFiles::showOpenDialog);
    m_saveAction = new QAction(tr("&Save Labels"), this);
    m_saveAction->setStatusTip(tr("Save the labels as a GeoTIFF on the survey's grid"));
    connect(m_saveAction, &QAction::triggered, this, &LabelFiles::saveLabels);
    m_saveAsAction = new QAction(tr("Save Labels &As…"), this);
    connect(m_saveAsAction, &QAction::triggered, this, &LabelFiles::showSaveAsDialog);
    m_importAction = new QAction(LabelIcons::importPoints(), tr("&Import Occurrences…"), this);
    m_importAction->setStatusTip(tr("Label known occurrences (CSV, Shapefile, GeoPackage, GeoJSON) as deposit "
                                    "and add random non-deposit pixels"));
    connect(m_importAction, &QAction::triggered, this, &LabelFiles::showImportDialog);
    for (QAction *a : {m_openAction, m_saveAction, m_saveAsAction, m_importAction})
        a->setEnabled(false);
}

void LabelFiles::setErrorReporter(ErrorReporter reporter)
{
    m_reporter = std::move(reporter);
}

void LabelFiles::setQuestion(Question question)
{
    m_question = std::move(question);
}

void LabelFiles::report(const QString &title, const QString &message) const
{
    if (m_reporter)
        m_reporter(title, message);
}

QMessageBox::StandardButton LabelFiles::ask(const QString &title, const QString &text,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton) const
{
    return m_question ? m_question(title, text, buttons, defaultButton) : defaultButton;
}

QString LabelFiles::surveyName() const
{
    return QFileInfo(m_surveyPath).fileName();
}

void LabelFiles::setSurvey(std::shared_ptr<const Raster> survey, const QString &surveyPath)
{
    dropDiscardedAutosave(); // the previous survey's labels were discarded and are going now
    m_survey = survey;
    m_surveyPath = surveyPath;
    m_autosave->setSurvey(survey, surveyPath);
    for (QAction *a : {m_openAction, m_saveAction, m_saveAsAction, m_importAction})
        a->setEnabled(survey != nullptr);
}

void LabelFiles::surveyOpened(const QString &labelsPath)
{
    QDateTime reference = QFileInfo(m_surveyPath).lastModified();
    if (!labelsPath.isEmpty() && loadLabels(labelsPath))
        reference = QFileInfo(labelsPath).lastModified();
    offerRestore(reference);
}

bool LabelFiles::loadLabels(const QString &path)
{
    if (!m_survey || !m_document)
        return false;
    LabelLoadReport loadReport;
    LabelImage labels;
    try {
        labels = readLabelRaster(path.toStdString(), *m_survey, &loadReport);
    } catch (const std::exception &e) {
        report(tr("Cannot Open Labels"), QString::fromStdString(e.what()));
        return false;
    }
    dropDiscardedAutosave(); // the labels these replace were discarded
    m_document->setLabels(labels, false);
    m_document->setPath(QFileInfo(path).absoluteFilePath());
    const auto counts = m_document->counts();
    const QLocale locale;
    Q_EMIT statusMessage(tr("Labels from %1: %2 deposit and %3 non-deposit pixels.")
                             .arg(QFileInfo(path).fileName(), locale.toString(qulonglong(counts[LabelDeposit])),
                                  locale.toString(qulonglong(counts[LabelNonDeposit]))));
    if (!loadReport.warnings.empty())
        report(tr("Labels Opened with Warnings"), joinWarnings(loadReport.warnings));
    return true;
}

QString LabelFiles::suggestedPath() const
{
    if (m_document && !m_document->path().isEmpty())
        return m_document->path();
    const QFileInfo survey(m_surveyPath);
    const QString folder = survey.absolutePath().isEmpty() ? QDir::homePath() : survey.absolutePath();
    return folder + QLatin1Char('/') + survey.completeBaseName() + QStringLiteral("_labels.tif");
}

bool LabelFiles::saveLabels()
{
    if (!m_document || !m_survey)
        return false;
    if (m_document->path().isEmpty()) {
        showSaveAsDialog();
        return !m_document->isModified() && !m_document->path().isEmpty();
    }
    return saveLabelsAs(m_document->path());
}

bool LabelFiles::saveLabelsAs(const QString &path)
{
    if (!m_document || !m_survey || m_document->isEmpty())
        return false;
    try {
        writeLabelRaster(path.toStdString(), m_document->labels(), *m_survey);
    } catch (const std::exception &e) {
        report(tr("Cannot Save Labels"), QString::fromStdString(e.what()));
        return false;
    }
    m_document->markSaved(QFileInfo(path).absoluteFilePath());
    m_autosave->discard();
    Q_EMIT statusMessage(tr("Labels saved to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void LabelFiles::showOpenDialog()
{
    if (!m_survey || !maybeSave())
        return;
    const QString folder = QFileInfo(suggestedPath()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open Labels"), folder, RasterFileFormats::dialogFilter());
    if (!path.isEmpty())
        loadLabels(path);
}

void LabelFiles::showSaveAsDialog()
{
    if (!m_survey)
        return;
    QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save Labels"), suggestedPath(), tr("GeoTIFF (*.tif *.tiff)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".tif");
    saveLabelsAs(path);
}

void LabelFiles::showImportDialog()
{
    if (!m_survey)
        return;
    const CrsInfo crs(QString::fromStdString(m_survey->grid.crsWkt));
    OccurrenceImportDialog dialog(crs.authId(), QFileInfo(suggestedPath()).absolutePath(), m_window,
                                  crs.isGeographic());
    if (dialog.exec() == QDialog::Accepted)
        importOccurrences(dialog.options());
}

namespace {

/** The sentence a run's reports give for an import (English, as the reports are). */
QString importNote(const OccurrenceImport::Options &options, const OccurrenceImport::Result &result)
{
    auto count = [](std::size_t n, const char *one, const char *many) {
        return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
    };
    QString note = QStringLiteral("occurrences imported from %1 (%2, %3")
                       .arg(QDir::toNativeSeparators(QFileInfo(options.path).absoluteFilePath()),
                            count(result.points, "point", "points"),
                            count(result.newDeposits, "new deposit pixel", "new deposit pixels"));
    if (result.report.outside > 0)
        note += QStringLiteral(", ") +
                count(result.report.outside, "point outside the grid skipped", "points outside the grid skipped");
    if (result.report.onInvalid > 0)
        note += QStringLiteral(", ") +
                count(result.report.onInvalid, "point on nodata skipped", "points on nodata skipped");
    if (!options.crs.isEmpty())
        note += QStringLiteral(", points in %1").arg(options.crs);
    if (options.negatives > 0)
        note += QStringLiteral("; %1 random non-deposit pixels at least %2 map units from the occurrences, drawn "
                               "with seed %3")
                    .arg(options.negatives)
                    .arg(options.negativeMinDistance, 0, 'g', 10)
                    .arg(options.seed);
    return note + QLatin1Char(')');
}

} // namespace

bool LabelFiles::importOccurrences(const OccurrenceImport::Options &options)
{
    if (!m_survey || !m_document || m_document->isEmpty())
        return false;
    OccurrenceImport::Result result;
    try {
        result = OccurrenceImport::run(options, m_document->labels(), *m_survey);
    } catch (const std::exception &e) {
        report(tr("Cannot Import Occurrences"), QString::fromStdString(e.what()));
        return false;
    }
    const QString file = QFileInfo(options.path).fileName();
    const QLocale locale;
    QString summary =
        tr("%1: %2 points, %3 new deposit pixels, %4 new non-deposit pixels.")
            .arg(file, locale.toString(qulonglong(result.points)), locale.toString(qulonglong(result.newDeposits)),
                 locale.toString(qulonglong(result.newNegatives)));
    if (const std::size_t already = result.report.burned - std::min(result.report.burned, result.newDeposits);
        already == 1)
        summary += QLatin1Char(' ') + tr("One of the occurrences' pixels was labelled deposit already.");
    else if (already > 1)
        summary += QLatin1Char(' ') + tr("%1 of the occurrences' pixels were labelled deposit already.")
                                          .arg(locale.toString(qulonglong(already)));
    if (result.drawnOnNonDeposits == 1)
        summary += QLatin1Char(' ') + tr("One of the random non-deposit pixels was labelled non-deposit already.");
    else if (result.drawnOnNonDeposits > 1)
        summary += QLatin1Char(' ') + tr("%1 of the random non-deposit pixels were labelled non-deposit already.")
                                          .arg(locale.toString(qulonglong(result.drawnOnNonDeposits)));
    if (LabelEditCommand *command = LabelEditCommand::fromDifference(m_document, m_document->labels(), result.labels,
                                                                     tr("Import occurrences"))) {
        command->setImport(importNote(options, result), std::make_shared<const LabelOrigins>(result.origins));
        if (m_undo)
            m_undo->push(command);
        else {
            command->redo();
            delete command;
        }
    }
    Q_EMIT statusMessage(summary);
    if (!result.report.warnings.empty())
        report(tr("Occurrences Imported with Warnings"),
               summary + QStringLiteral("\n\n") + joinWarnings(result.report.warnings));
    return true;
}

bool LabelFiles::maybeSave()
{
    m_discarded = false; // only this question's answer counts
    if (!m_document || !m_survey || !m_document->isModified())
        return true;
    const QString name = m_document->path().isEmpty() ? tr("the labels of %1").arg(surveyName())
                                                      : QFileInfo(m_document->path()).fileName();
    const auto answer =
        ask(tr("Unsaved Labels"), tr("There are unsaved changes to %1. Save them before they are lost?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    switch (answer) {
    case QMessageBox::Save: return saveLabels();
    case QMessageBox::Discard: m_discarded = true; return true;
    default: return false;
    }
}

void LabelFiles::dropDiscardedAutosave()
{
    if (m_discarded)
        m_autosave->discard();
    m_discarded = false;
}

bool LabelFiles::offerRestore(const QDateTime &reference)
{
    if (!m_survey || !m_document)
        return false;
    const QString autosave = m_autosave->existingAutosave();
    if (autosave.isEmpty())
        return false;
    const QDateTime saved = QFileInfo(autosave).lastModified();
    if (reference.isValid() && saved <= reference)
        return false;
    const auto answer = ask(tr("Restore Labels"),
                            tr("Labels of %1 were autosaved on %2 and not saved since. Restore them? "
                               "(No deletes the autosave.)")
                                .arg(surveyName(), QLocale().toString(saved, QLocale::ShortFormat)),
                            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        m_autosave->discard();
        return false;
    }
    LabelImage labels;
    try {
        labels = readLabelRaster(autosave.toStdString(), *m_survey);
    } catch (const std::exception &e) {
        report(tr("Cannot Restore Labels"), QString::fromStdString(e.what()));
        return false;
    }
    const QString path = m_document->path();
    m_document->setLabels(labels, true);
    m_document->setPath(path);
    Q_EMIT statusMessage(tr("Labels restored from the autosave."));
    return true;
}

} // namespace lodestone
