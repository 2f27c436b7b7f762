// One undoable change of the labels: a paint stroke, an erase, an import of occurrences. Holds the pixels it
// changed with their old and new values (not a copy of the whole image), as ilastik's label undo does.
//
// Thread: GUI thread (the QUndoStack's).
#pragma once

#include "labelsused.h"

#include <QPointer>
#include <QRect>
#include <QUndoCommand>

#include <cstdint>
#include <memory>
#include <vector>

namespace lodestone {

class LabelDocument;
struct LabelImage;

/** \brief Changed label pixels, undone and redone on a LabelDocument. */
class LabelEditCommand : public QUndoCommand {
public:
    /** \brief One pixel: row-major index on the document's grid, value before and after. */
    struct Change {
        std::uint32_t index;
        std::uint8_t before;
        std::uint8_t after;
    };

    /** \brief applied: the changes are already in the document (a stroke painted live), so the first redo()
     *  that QUndoStack::push() makes does nothing. */
    LabelEditCommand(LabelDocument *document, std::vector<Change> changes, const QString &text, bool applied,
                     QUndoCommand *parent = nullptr);

    /** \brief The pixels where after differs from before (both on the document's grid); nullptr when none. */
    static LabelEditCommand *fromDifference(LabelDocument *document, const LabelImage &before, const LabelImage &after,
                                            const QString &text);

    void undo() override;
    void redo() override;

    /** \brief The command imports occurrences: redo() adds note to the document's imports, undo() takes it out. */
    void setImport(const QString &note, std::shared_ptr<const LabelOrigins> origins = {})
    {
        m_import = note;
        m_importOrigins = std::move(origins);
    }

    std::size_t changeCount() const { return m_changes.size(); }
    /** \brief Bounding box (columns, rows) of the changed pixels. */
    QRect region() const { return m_region; }

private:
    void write(bool after);

    QPointer<LabelDocument> m_document;
    QString m_import;
    std::shared_ptr<const LabelOrigins> m_importOrigins;
    std::vector<Change> m_changes;
    QRect m_region;
    bool m_skipRedo;
};

} // namespace lodestone
