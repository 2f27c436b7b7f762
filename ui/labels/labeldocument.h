// The labels of the open survey: the paper's 0 non-deposit / 1 deposit / 2 unknown on the survey's grid,
// shared by the paint tools, the label layer, the training panel and the project.
//
// Thread: GUI thread. The training worker receives a copy (labels()), never this object.
#pragma once

#include "labels.h"
#include "labelsused.h"

#include <QObject>
#include <QRect>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>

namespace lodestone {

/** \brief Owns the label image of the current survey and tells when it changes. */
class LabelDocument : public QObject {
    Q_OBJECT
public:
    explicit LabelDocument(QObject *parent = nullptr);

    /** \brief Starts over with every pixel unknown on grid; not modified. */
    void reset(const GridSpec &grid);
    /** \brief Replaces the labels (e.g. loaded from a file); they must be on the current grid. */
    void setLabels(const LabelImage &labels, bool modified = true);

    const LabelImage &labels() const { return m_labels; }
    bool isEmpty() const { return m_labels.values.empty(); }
    /** \brief Labelled pixels per class: [non-deposit, deposit, unknown]. */
    std::array<std::size_t, 3> counts() const { return m_counts; }

    /** \brief Value at a pixel, LabelUnknown outside the grid. */
    uint8_t at(int col, int row) const;
    /** \brief Writes one pixel; no signal (callers batch writes and call notifyChanged()). */
    void setAt(int col, int row, uint8_t value);
    /** \brief Emits labelsChanged(region) after a batch of setAt() and marks the labels modified. */
    void notifyChanged(const QRect &region);

    /** \brief Unsaved changes since the last markSaved(). */
    bool isModified() const { return m_modified; }
    /** \brief Sets the modified flag directly (the label editor clears it when undo returns to the saved
     *  state). */
    void setModified(bool modified);
    void markSaved(const QString &path);
    /** \brief The file the labels were last loaded from or saved to. */
    QString path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }

    /** \brief The occurrence imports whose labels the document holds, one sentence each, for the reports of runs
     *  (which file, how many points, the random non-deposits' settings and seed). An undone import is taken out
     *  again; reset() and setLabels() clear them. */
    QStringList imports() const;
    /** \brief Records an import: its sentence and the origins of the pixels it labelled (may be null). */
    void addImport(const QString &note, std::shared_ptr<const LabelOrigins> origins = {});
    /** \brief Takes out the last import recorded with note. */
    void removeImport(const QString &note);
    /** \brief The origins of the pixels the recorded imports labelled (imported points with their attributes,
     *  random negatives), for labels_used.gpkg; a later import's pixel replaces an earlier one's. Attributes are
     *  kept for the imports whose files have the first import's attribute names, dropped for the others. A pixel
     *  painted over since keeps its origin here: the run uses an origin only where the label still matches it. */
    LabelOrigins importOrigins() const;

Q_SIGNALS:
    /** \brief Pixels in region (columns/rows) changed; an empty region means everything. */
    void labelsChanged(const QRect &region);
    void countsChanged();
    void modifiedChanged(bool modified);
    /** \brief Every label was replaced (reset() or setLabels()): edits made before no longer apply, so the
     *  label editor clears its undo history. Emitted before labelsChanged(). */
    void replaced();

private:
    void recount();

    LabelImage m_labels;
    std::array<std::size_t, 3> m_counts{0, 0, 0};
    bool m_modified = false;
    QString m_path;
    struct Import {
        QString note;
        std::shared_ptr<const LabelOrigins> origins;
    };
    QList<Import> m_imports;
};

} // namespace lodestone
