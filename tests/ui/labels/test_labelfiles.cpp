// LabelFiles: opening a label raster (and refusing one of another grid with core's error, keeping the
// labels), saving atomically, importing occurrences as one undoable step with warnings shown, the autosave
// and its restore offer, and the Save / Discard / Cancel question.
#include "labelautosave.h"
#include "labeldocument.h"
#include "labeleditor.h"
#include "labelfiles.h"
#include "labels.h"
#include "mapcanvas.h"
#include "testrasters.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <memory>

using namespace lodestone;

class TestLabelFiles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_surveyPath;
    std::shared_ptr<Raster> m_survey;
    std::unique_ptr<QWidget> m_window;
    LabelDocument *m_doc = nullptr;
    LabelEditor *m_editor = nullptr;
    LabelFiles *m_files = nullptr;
    QStringList m_errors;
    QStringList m_questions;
    QMessageBox::StandardButton m_answer = QMessageBox::Cancel;

    QString labelRaster(const QString &name, const GridSpec &grid, const std::function<uint8_t(int, int)> &value)
    {
        LabelImage labels = emptyLabels(grid);
        for (int r = 0; r < grid.height; ++r)
            for (int c = 0; c < grid.width; ++c)
                labels.values[std::size_t(r) * grid.width + c] = value(c, r);
        const Raster survey = test::makeRaster(
            grid.width, grid.height, [](int, int) { return 1.0f; }, grid);
        const QString path = m_dir.filePath(name);
        writeLabelRaster(path.toStdString(), labels, survey);
        return path;
    }
    void paint(int col, int row, uint8_t value)
    {
        m_doc->setAt(col, row, value);
        m_doc->notifyChanged(QRect(col, row, 1, 1));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_labelfiles"));
        QVERIFY(m_dir.isValid());
    }
    void init()
    {
        QSettings().clear();
        // 30 x 20 cells of 10 m at (1000, 5000) in EPSG:3067; column 0 is nodata.
        m_surveyPath = test::writeGeoTiff(m_dir.filePath(QStringLiteral("survey.tif")), 30, 20,
                                          [](int c, int r) { return c == 0 ? NAN : float(c + r); });
        m_survey = std::make_shared<Raster>(readRaster(m_surveyPath.toStdString()));
        m_window = std::make_unique<QWidget>();
        auto *canvas = new MapCanvas(m_window.get());
        m_doc = new LabelDocument(m_window.get());
        m_editor = new LabelEditor(m_doc, canvas, m_window.get());
        m_files = new LabelFiles(m_doc, m_editor->undoStack(), m_window.get());
        m_errors.clear();
        m_questions.clear();
        m_files->setErrorReporter([this](const QString &title, const QString &message) {
            m_errors << title + QStringLiteral(": ") + message;
        });
        m_files->setQuestion(
            [this](const QString &title, const QString &, QMessageBox::StandardButtons, QMessageBox::StandardButton) {
                m_questions << title;
                return m_answer;
            });
        m_files->setSurvey(m_survey, m_surveyPath);
        m_doc->reset(m_survey->grid);
        m_editor->setSurvey(m_survey);
    }
    void cleanup()
    {
        m_files->autosave()->discard();
        m_window.reset();
    }

    void aLabelRasterOnTheGridOpens()
    {
        const QString path = labelRaster(QStringLiteral("labels.tif"), m_survey->grid, [](int c, int r) {
            return c == 3 && r == 4 ? LabelDeposit : c == 5 ? LabelNonDeposit : LabelUnknown;
        });
        QVERIFY(m_files->loadLabels(path));
        QCOMPARE(m_doc->at(3, 4), LabelDeposit);
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(20));
        QCOMPARE(m_doc->path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(!m_doc->isModified());
        QVERIFY(m_errors.isEmpty());
    }
    void aLabelRasterOfAnotherSizeShowsTheErrorAndKeepsTheLabels()
    {
        paint(7, 7, LabelDeposit);
        const QString path =
            labelRaster(QStringLiteral("small.tif"), test::makeGrid(25, 20), [](int, int) { return LabelDeposit; });
        QVERIFY(!m_files->loadLabels(path));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.front().startsWith(QStringLiteral("Cannot Open Labels: ")), qPrintable(m_errors.front()));
        QVERIFY2(m_errors.front().contains(QStringLiteral("25")), qPrintable(m_errors.front()));
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(1));
        QCOMPARE(m_doc->at(7, 7), LabelDeposit);
        QVERIFY(m_doc->isModified());
        // Same size, shifted grid: refused too.
        const QString shifted = labelRaster(QStringLiteral("shifted.tif"), test::makeGrid(30, 20, 2000.0),
                                            [](int, int) { return LabelUnknown; });
        QVERIFY(!m_files->loadLabels(shifted));
        QCOMPARE(m_errors.size(), 2);
        QCOMPARE(m_doc->at(7, 7), LabelDeposit);
    }
    void labelsOnNodataAreDroppedWithAWarning()
    {
        const QString path = labelRaster(QStringLiteral("onnodata.tif"), m_survey->grid,
                                         [](int c, int) { return c <= 1 ? LabelDeposit : LabelUnknown; });
        QVERIFY(m_files->loadLabels(path));
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(20)); // column 1 only
        QCOMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.front().startsWith(QStringLiteral("Labels Opened with Warnings")));
    }
    void savingWritesTheRasterAndMarksTheLabelsSaved()
    {
        paint(4, 4, LabelDeposit);
        paint(9, 2, LabelNonDeposit);
        QCOMPARE(m_files->suggestedPath(), m_dir.filePath(QStringLiteral("survey_labels.tif")));
        const QString path = m_dir.filePath(QStringLiteral("saved.tif"));
        QVERIFY(m_files->saveLabelsAs(path));
        QVERIFY(!m_doc->isModified());
        QCOMPARE(m_doc->path(), path);
        const LabelImage back = readLabelRaster(path.toStdString(), *m_survey);
        QCOMPARE(back.values, m_doc->labels().values);
        // No temporary file is left next to it.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*partial*")}, QDir::Files | QDir::Hidden).size(), 0);
        // Save writes to the same file again.
        paint(5, 5, LabelDeposit);
        QVERIFY(m_doc->isModified());
        QVERIFY(m_files->saveLabels());
        QCOMPARE(readLabelRaster(path.toStdString(), *m_survey).at(5, 5), LabelDeposit);
        // A folder that does not exist: core's error, the labels stay modified.
        paint(6, 6, LabelDeposit);
        QVERIFY(!m_files->saveLabelsAs(m_dir.filePath(QStringLiteral("no/such/folder/x.tif"))));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY(m_doc->isModified());
        QCOMPARE(m_doc->path(), path);
    }
    void importingACsvBurnsThePointAndAddsNegativesInOneUndoStep()
    {
        const QString csv = m_dir.filePath(QStringLiteral("occurrences.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // (1055, 4975): cell (5, 2). (1500, 1500): outside the grid, skipped with a warning.
        f.write("X,Y,Name\n1055,4975,Rautuvaara\n1500,1500,Outside\n");
        f.close();
        paint(20, 10, LabelDeposit);
        m_editor->undoStack()->clear();
        OccurrenceImport::Options options;
        options.path = csv;
        options.crs = QStringLiteral("EPSG:3067");
        options.negatives = 12;
        options.negativeMinDistance = 50;
        options.seed = 3;
        QVERIFY(m_files->importOccurrences(options));
        QCOMPARE(m_doc->at(5, 2), LabelDeposit);
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(2));
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(12));
        QCOMPARE(m_editor->undoStack()->count(), 1);
        QCOMPARE(m_editor->undoStack()->undoText(), QStringLiteral("Import occurrences"));
        QCOMPARE(m_errors.size(), 1); // the warning about the point outside the grid
        QVERIFY2(m_errors.front().startsWith(QStringLiteral("Occurrences Imported with Warnings")),
                 qPrintable(m_errors.front()));
        // The import is recorded for the reports, with the random non-deposits' settings and seed.
        const QString note =
            QStringLiteral("occurrences imported from %1 (2 points, 1 new deposit pixel, 1 point outside the grid "
                           "skipped, points in EPSG:3067; 12 random non-deposit pixels at least 50 map units from the "
                           "occurrences, drawn with seed 3)")
                .arg(QDir::toNativeSeparators(QFileInfo(csv).absoluteFilePath()));
        QCOMPARE(m_doc->imports(), QStringList{note});
        // Each new label's origin, for labels_used.gpkg: the point with its attributes, the random non-deposits.
        {
            const LabelOrigins origins = m_doc->importOrigins();
            QCOMPARE(origins.pixels.size(), std::size_t(13));
            const auto point = origins.pixels.find(std::size_t(2 * 30 + 5)); // cell (5, 2) of 30 x 20
            QVERIFY(point != origins.pixels.end());
            QCOMPARE(int(point->second.source), int(LabelSource::ImportedPoint));
            const auto name = std::find(origins.attributeNames.begin(), origins.attributeNames.end(), "Name");
            QVERIFY(name != origins.attributeNames.end());
            QCOMPARE(point->second.attributes.at(std::size_t(name - origins.attributeNames.begin())),
                     std::string("Rautuvaara"));
            std::size_t negatives = 0;
            for (const auto &[index, origin] : origins.pixels) {
                if (origin.source == LabelSource::RandomNegative) {
                    ++negatives;
                    QCOMPARE(m_doc->labels().values[index], LabelNonDeposit);
                }
            }
            QCOMPARE(negatives, std::size_t(12));
        }
        m_editor->undoStack()->undo();
        QCOMPARE(m_doc->counts()[LabelDeposit], std::size_t(1));
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(0));
        QVERIFY(m_doc->imports().isEmpty());
        QVERIFY(m_doc->importOrigins().pixels.empty());
        m_editor->undoStack()->redo();
        QCOMPARE(m_doc->importOrigins().pixels.size(), std::size_t(13));
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(12));
        QCOMPARE(m_doc->imports(), QStringList{note});
        // The same import again changes no label and adds no second record.
        QVERIFY(m_files->importOccurrences(options));
        QCOMPARE(m_doc->counts()[LabelNonDeposit], std::size_t(12));
        QCOMPARE(m_doc->imports(), QStringList{note});
        QCOMPARE(m_editor->undoStack()->count(), 1);
        QCOMPARE(m_errors.size(), 2); // the outside point's warning again, after the summary
        QVERIFY2(m_errors.back().contains(QStringLiteral("0 new deposit pixels, 0 new non-deposit pixels. One of the "
                                                         "occurrences' pixels was labelled deposit already. 12 of the "
                                                         "random non-deposit pixels were labelled non-deposit "
                                                         "already.")),
                 qPrintable(m_errors.back()));
        m_errors.clear();
        // A file without coordinates: the error, nothing changed.
        options.path = m_dir.filePath(QStringLiteral("missing.csv"));
        QVERIFY(!m_files->importOccurrences(options));
        QCOMPARE(m_errors.size(), 1);
        QCOMPARE(m_editor->undoStack()->count(), 1);
        // New labels (a reset for another survey, or a label file) carry no import.
        m_doc->setLabels(m_doc->labels(), false);
        QVERIFY(m_doc->imports().isEmpty());
    }
    void theAutosaveAppearsAndIsOfferedBack()
    {
        m_files->autosave()->setDelay(50);
        // In the application's data folder, never beside the survey.
        const QString autosave = m_files->autosave()->path();
        QCOMPARE(autosave, LabelAutosave::fallbackPath(m_surveyPath));
        paint(8, 8, LabelDeposit);
        paint(9, 9, LabelNonDeposit);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave), 5000);
        QVERIFY(!QFile::exists(LabelAutosave::sidecarPath(m_surveyPath)));
        QTRY_VERIFY(!m_files->autosave()->isPending());
        QCOMPARE(readLabelRaster(autosave.toStdString(), *m_survey).at(8, 8), LabelDeposit);

        // The application "crashes": a new session opens the same survey and is offered the autosave.
        m_doc->reset(m_survey->grid);
        m_files->setSurvey(m_survey, m_surveyPath);
        m_answer = QMessageBox::Yes;
        QVERIFY(m_files->offerRestore(QFileInfo(m_surveyPath).lastModified().addSecs(-60)));
        QCOMPARE(m_questions, QStringList({QStringLiteral("Restore Labels")}));
        QCOMPARE(m_doc->at(8, 8), LabelDeposit);
        QCOMPARE(m_doc->at(9, 9), LabelNonDeposit);
        QVERIFY(m_doc->isModified());
        // Not offered when older than the labels being opened.
        m_doc->reset(m_survey->grid);
        QVERIFY(!m_files->offerRestore(QFileInfo(autosave).lastModified().addSecs(60)));
        QCOMPARE(m_questions.size(), 1);
        // Declined: the autosave goes.
        m_answer = QMessageBox::No;
        QVERIFY(!m_files->offerRestore(QDateTime()));
        QVERIFY(!QFile::exists(autosave));
    }
    void savingRemovesTheAutosave()
    {
        m_files->autosave()->setDelay(20);
        paint(8, 8, LabelDeposit);
        const QString autosave = m_files->autosave()->path();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave), 5000);
        QVERIFY(m_files->saveLabelsAs(m_dir.filePath(QStringLiteral("done.tif"))));
        QVERIFY(!QFile::exists(autosave));
        // Edits and their undo back to the saved state: the autosave comes and goes again.
        paint(9, 9, LabelDeposit);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave), 5000);
        m_doc->setModified(false);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(autosave), 5000);
    }
    void theFallbackAutosaveIsInTheDataFolder()
    {
        const QString fallback = LabelAutosave::fallbackPath(m_surveyPath);
        QVERIFY(fallback.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(fallback.endsWith(QStringLiteral("-survey.tif.labels-autosave.tif")));
        QVERIFY(fallback != LabelAutosave::fallbackPath(m_dir.filePath(QStringLiteral("other/survey.tif"))));
        // An autosave found there is offered like the sidecar.
        paint(3, 3, LabelDeposit);
        QDir().mkpath(QFileInfo(fallback).absolutePath());
        writeLabelRaster(fallback.toStdString(), m_doc->labels(), *m_survey);
        QCOMPARE(m_files->autosave()->existingAutosave(), fallback);
        m_files->autosave()->discard();
        QVERIFY(!QFile::exists(fallback));
        // A sidecar beside the survey, where earlier versions autosaved, is still found and removed.
        const QString sidecar = LabelAutosave::sidecarPath(m_surveyPath);
        QCOMPARE(sidecar, m_surveyPath + QStringLiteral(".labels-autosave.tif"));
        writeLabelRaster(sidecar.toStdString(), m_doc->labels(), *m_survey);
        QCOMPARE(m_files->autosave()->existingAutosave(), sidecar);
        m_files->autosave()->discard();
        QVERIFY(!QFile::exists(sidecar));
    }
    void aDiscardKeepsTheAutosaveUntilTheLabelsGo()
    {
        m_files->autosave()->setDelay(20);
        paint(6, 6, LabelDeposit);
        const QString autosave = m_files->autosave()->path();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave), 5000);
        QTRY_VERIFY(!m_files->autosave()->isPending());
        // Discard answered, but a later question of the same action (a run in progress) is cancelled: the
        // labels stay on screen, unsaved, and so does their autosave.
        m_answer = QMessageBox::Discard;
        QVERIFY(m_files->maybeSave());
        QVERIFY(QFile::exists(autosave));
        // An edit after the answer: the autosave stays even when the caller goes ahead.
        paint(7, 7, LabelDeposit);
        m_files->dropDiscardedAutosave();
        QTRY_VERIFY(!m_files->autosave()->isPending());
        QVERIFY(QFile::exists(autosave));
        // Discard answered and the action completed: the autosave goes.
        QVERIFY(m_files->maybeSave());
        m_files->dropDiscardedAutosave();
        QVERIFY(!QFile::exists(autosave));
        // Another survey after a Discard drops it too.
        paint(8, 8, LabelDeposit);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave), 5000);
        QTRY_VERIFY(!m_files->autosave()->isPending());
        QVERIFY(m_files->maybeSave());
        m_files->setSurvey(m_survey, m_surveyPath);
        QVERIFY(!QFile::exists(autosave));
        m_doc->setModified(false);
    }
    void unsavedLabelsAskSaveDiscardOrCancel()
    {
        QVERIFY(m_files->maybeSave()); // nothing to save: no question
        QVERIFY(m_questions.isEmpty());
        paint(4, 4, LabelDeposit);
        m_answer = QMessageBox::Cancel;
        QVERIFY(!m_files->maybeSave());
        QCOMPARE(m_questions, QStringList({QStringLiteral("Unsaved Labels")}));
        QVERIFY(m_doc->isModified());
        m_answer = QMessageBox::Discard;
        QVERIFY(m_files->maybeSave());
        // Save with a known path writes there.
        const QString path = m_dir.filePath(QStringLiteral("kept.tif"));
        QVERIFY(m_files->saveLabelsAs(path));
        paint(5, 5, LabelNonDeposit);
        m_answer = QMessageBox::Save;
        QVERIFY(m_files->maybeSave());
        QVERIFY(!m_doc->isModified());
        QCOMPARE(readLabelRaster(path.toStdString(), *m_survey).at(5, 5), LabelNonDeposit);
    }
    void actionsWaitForASurvey()
    {
        LabelDocument doc;
        QWidget window;
        QUndoStack undo;
        LabelFiles files(&doc, &undo, &window);
        QVERIFY(!files.openAction()->isEnabled());
        QVERIFY(!files.importAction()->isEnabled());
        QVERIFY(files.maybeSave());
        files.setSurvey(m_survey, m_surveyPath);
        QVERIFY(files.saveAction()->isEnabled());
        QVERIFY(files.saveAsAction()->isEnabled());
    }
};

QTEST_MAIN(TestLabelFiles)
#include "test_labelfiles.moc"
