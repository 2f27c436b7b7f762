// The labels on disk: File > Open Labels…, Save Labels, Save Labels As…, Import Occurrences…, the autosave
// and its restore offer, and the Save / Discard / Cancel question before unsaved labels would be lost.
// Errors from core are shown through an ErrorReporter and questions through a Question function, both
// replaceable so that tests can answer them.
//
// Thread: GUI thread.
#pragma once

#include "occurrenceimport.h"

#include <QDateTime>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QUndoStack;
class QWidget;

namespace lodestone {

class LabelAutosave;
class LabelDocument;
struct Raster;

/** \brief Opening, saving, importing and autosaving the labels of the open survey. */
class LabelFiles : public QObject {
    Q_OBJECT
public:
    /** \brief Shows an error or warning: title and complete sentences. */
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;
    /** \brief Asks the user; returns the button chosen. The default shows a modal QMessageBox. */
    using Question = std::function<QMessageBox::StandardButton(const QString &title, const QString &text,
                                                               QMessageBox::StandardButtons buttons,
                                                               QMessageBox::StandardButton defaultButton)>;

    /** \brief window: the parent of dialogs. Edits are pushed onto undoStack. */
    LabelFiles(LabelDocument *document, QUndoStack *undoStack, QWidget *window);

    void setErrorReporter(ErrorReporter reporter);
    void setQuestion(Question question);
    LabelAutosave *autosave() const { return m_autosave; }

    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }
    QAction *importAction() const { return m_importAction; }

    /** \brief The survey the labels are on (before its LabelDocument::reset()); enables the actions. */
    void setSurvey(std::shared_ptr<const Raster> survey, const QString &surveyPath);
    /** \brief After the survey opened and the labels were reset: loads labelsPath when given, then offers
     *  to restore an autosave newer than those labels (or than the survey when none). */
    void surveyOpened(const QString &labelsPath = QString());

    /** \brief Loads a label raster on the survey's grid; errors are reported and leave the labels as they
     *  were. Does not ask about unsaved labels (showOpenDialog() does). */
    bool loadLabels(const QString &path);
    /** \brief Saves to the document's path, or asks for one. */
    bool saveLabels();
    /** \brief Writes the labels atomically as a GeoTIFF on the survey's grid and makes path theirs. */
    bool saveLabelsAs(const QString &path);
    /** \brief Adds occurrences (and random non-deposit pixels) as one undoable step. */
    bool importOccurrences(const OccurrenceImport::Options &options);
    /** \brief Before unsaved labels would be lost: asks Save / Discard / Cancel. True to go on (saved,
     *  discarded, or nothing unsaved), false to stop. A Discard keeps the autosave until the labels are really
     *  dropped (dropDiscardedAutosave(), another survey, other labels opened): a later question of the same
     *  action may still be answered Cancel, and the labels then stay on screen. */
    bool maybeSave();
    /** \brief The caller has gone ahead after maybeSave()'s Discard: deletes the autosave, unless the labels
     *  were edited since the answer. */
    void dropDiscardedAutosave();
    /** \brief Offers to restore the survey's autosave when it is newer than reference; true if restored. */
    bool offerRestore(const QDateTime &reference);

    /** \brief Where Save Labels As… proposes to save: the labels' path, else "<survey>_labels.tif". */
    QString suggestedPath() const;

public Q_SLOTS:
    void showOpenDialog();
    void showSaveAsDialog();
    void showImportDialog();

Q_SIGNALS:
    /** \brief A short message for the status bar. */
    void statusMessage(const QString &message);

private:
    void createActions();
    void report(const QString &title, const QString &message) const;
    QMessageBox::StandardButton ask(const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
                                    QMessageBox::StandardButton defaultButton) const;
    QString surveyName() const;

    QPointer<LabelDocument> m_document;
    QPointer<QUndoStack> m_undo;
    QPointer<QWidget> m_window;
    std::shared_ptr<const Raster> m_survey;
    QString m_surveyPath;
    LabelAutosave *m_autosave = nullptr;
    bool m_discarded = false; ///< maybeSave() was answered Discard and the labels have not changed since
    ErrorReporter m_reporter;
    Question m_question;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_importAction = nullptr;
};

} // namespace lodestone
