// The controller of label painting (after ilastik's BrushingController): writes the cells of a stroke into
// the LabelDocument as the stroke runs, so the user sees the paint at once, remembering each changed pixel's
// old value; when the stroke ends it pushes ONE LabelEditCommand holding them onto the undo stack. Cells
// outside the grid and on invalid survey pixels (nodata) are never labelled.
//
// Thread: GUI thread.
#pragma once

#include "labeleditcommand.h"

#include <QObject>
#include <QPointer>
#include <QVector>

#include <memory>
#include <vector>

class QUndoStack;

namespace lodestone {

class BrushingModel;
class LabelDocument;
struct Raster;

/** \brief Writes brush strokes into the labels, one undo step per stroke. */
class LabelPaintController : public QObject {
    Q_OBJECT
public:
    LabelPaintController(LabelDocument *document, QUndoStack *undoStack, QObject *parent = nullptr);

    /** \brief Listens to a brushing model's strokes (one at a time). */
    void setBrushingModel(BrushingModel *model);
    /** \brief The survey whose invalid pixels may not be labelled; nullptr refuses every pixel. */
    void setSurvey(std::shared_ptr<const Raster> survey);

    /** \brief True when (col, row) is inside the grid and valid in the survey. */
    bool isLabellable(int col, int row) const;

    /** \brief Command text for strokes of a class, e.g. "Paint deposit". */
    static QString strokeText(uint8_t value);

public Q_SLOTS:
    void beginStroke(uint8_t value);
    void paintCells(const QVector<QPoint> &cells, uint8_t value);
    /** \brief Pushes the stroke's command (if it changed anything). */
    void finishStroke();

Q_SIGNALS:
    /** \brief A stroke was pushed onto the undo stack, changing count pixels. */
    void strokeCommitted(int count);

private:
    QPointer<LabelDocument> m_document;
    QPointer<QUndoStack> m_undo;
    QPointer<BrushingModel> m_model;
    std::shared_ptr<const Raster> m_survey;
    bool m_stroking = false;
    uint8_t m_value = 0;
    std::vector<LabelEditCommand::Change> m_changes;
};

} // namespace lodestone
