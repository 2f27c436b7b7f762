// Label editing assembled: the brushing model, the paint tool (interpreter) and the controller, the undo
// stack, and the actions the main window puts in its menus and toolbars (paint tool, the three classes,
// undo, redo). Keeps the document's modified flag in step with the undo stack's clean state, and clears the
// undo history when the labels are replaced (a survey opened, a file loaded).
//
// Usage (the main window):
//   auto *editor = new LabelEditor(document, canvas, this);
//   edit->addAction(editor->undoAction());
//   editor->setSurvey(loadedSurvey.raster);  // when a survey opens
//
// Thread: GUI thread.
#pragma once

#include <QObject>
#include <QPointer>

#include <cstdint>
#include <memory>

class QAction;
class QActionGroup;
class QUndoStack;

namespace lodestone {

class BrushingModel;
class LabelDocument;
class LabelPaintController;
class LabelPaintTool;
class MapCanvas;
struct Raster;

/** \brief Painting, undo and redo of the labels. */
class LabelEditor : public QObject {
    Q_OBJECT
public:
    LabelEditor(LabelDocument *document, MapCanvas *canvas, QObject *parent = nullptr);

    LabelDocument *document() const;
    QUndoStack *undoStack() const { return m_undo; }
    BrushingModel *brushingModel() const { return m_brush; }
    LabelPaintTool *paintTool() const { return m_tool; }
    LabelPaintController *controller() const { return m_controller; }

    /** \brief Makes the paint tool the canvas's tool (B). */
    QAction *paintAction() const { return m_paintAction; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }
    /** \brief Chooses a class and the paint tool: LabelDeposit (1), LabelNonDeposit (2), LabelUnknown (3,
     *  the eraser). */
    QAction *classAction(uint8_t value) const;
    QAction *smallerBrushAction() const { return m_smallerAction; }
    QAction *largerBrushAction() const { return m_largerAction; }

    /** \brief The survey the labels are on (its invalid pixels are never labelled); enables the actions. */
    void setSurvey(std::shared_ptr<const Raster> survey);
    std::shared_ptr<const Raster> survey() const { return m_survey; }

public Q_SLOTS:
    void activatePaintTool();

private:
    void createActions();
    void syncModified();

    QPointer<LabelDocument> m_document;
    QPointer<MapCanvas> m_canvas;
    std::shared_ptr<const Raster> m_survey;
    QUndoStack *m_undo = nullptr;
    BrushingModel *m_brush = nullptr;
    LabelPaintController *m_controller = nullptr;
    LabelPaintTool *m_tool = nullptr;
    QAction *m_paintAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QActionGroup *m_classGroup = nullptr;
    QAction *m_classActions[3] = {nullptr, nullptr, nullptr};
    QAction *m_smallerAction = nullptr;
    QAction *m_largerAction = nullptr;
    bool m_clearing = false;
};

} // namespace lodestone
