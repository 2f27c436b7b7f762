// LabelEditor: wiring of the paint pieces and the undo stack; no painting logic of its own.
#include "labeleditor.h"

#include "brushingmodel.h"
#include "labeldocument.h"
#include "labelicons.h"
#include "labelpaintcontroller.h"
#include "labelpainttool.h"
#include "labels.h"
#include "mapcanvas.h"
#include "raster.h"

#include <QAction>
#include <QActionGroup>
#include <QUndoStack>

namespace lodestone {

LabelEditor::LabelEditor(LabelDocument *document, MapCanvas *canvas, QObject *parent)
    : QObject(parent), m_document(document), m_canvas(canvas)
{
    m_undo = new QUndoStack(this);
    m_brush = new BrushingModel(this);
    m_controller = new LabelPaintController(document, m_undo, this);
    m_controller->setBrushingModel(m_brush);
    m_tool = new LabelPaintTool(canvas, m_brush);
    createActions();

    // Undo back to the saved labels makes them unmodified again, and saving marks the stack clean.
    connect(m_undo, &QUndoStack::indexChanged, this, &LabelEditor::syncModified);
    connect(document, &LabelDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified && !m_clearing)
            m_undo->setClean();
    });
    connect(document, &LabelDocument::replaced, this, [this] {
        m_clearing = true;
        m_undo->clear();
        // Replaced by labels not on disk (e.g. an autosave restored): no undo step gets back to a saved state.
        if (m_document->isModified())
            m_undo->resetClean();
        m_clearing = false;
    });
}

void LabelEditor::createActions()
{
    m_paintAction = new QAction(LabelIcons::paintBrush(), tr("&Paint Labels"), this);
    m_paintAction->setCheckable(true);
    m_paintAction->setShortcut(QKeySequence(Qt::Key_B));
    m_paintAction->setStatusTip(tr("Paint labels on the survey with the left mouse button; Space or the middle "
                                   "button pans"));
    m_tool->setAction(m_paintAction);
    connect(m_paintAction, &QAction::triggered, this, &LabelEditor::activatePaintTool);

    m_undoAction = m_undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setIcon(LabelIcons::undo());
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setIcon(LabelIcons::redo());
    m_redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});

    m_classGroup = new QActionGroup(this);
    m_classGroup->setExclusive(true);
    const struct {
        uint8_t value;
        QString text;
        Qt::Key key;
    } classes[] = {
        {LabelDeposit, tr("&Deposit"), Qt::Key_1},
        {LabelNonDeposit, tr("&Non-deposit"), Qt::Key_2},
        {LabelUnknown, tr("&Eraser"), Qt::Key_3},
    };
    for (const auto &c : classes) {
        auto *action = new QAction(LabelIcons::classSwatch(c.value), c.text, m_classGroup);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(c.key));
        action->setChecked(m_brush->brushClass() == c.value);
        const uint8_t value = c.value;
        connect(action, &QAction::triggered, this, [this, value] {
            m_brush->setBrushClass(value);
            activatePaintTool();
        });
        m_classActions[value] = action;
    }
    connect(m_brush, &BrushingModel::brushClassChanged, this, [this](uint8_t value) {
        if (value <= LabelUnknown)
            m_classActions[value]->setChecked(true);
    });

    m_smallerAction = new QAction(tr("S&maller Brush"), this);
    m_smallerAction->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    connect(m_smallerAction, &QAction::triggered, this, [this] { m_brush->setBrushSize(m_brush->brushSize() - 1); });
    m_largerAction = new QAction(tr("&Larger Brush"), this);
    m_largerAction->setShortcut(QKeySequence(Qt::Key_BracketRight));
    connect(m_largerAction, &QAction::triggered, this, [this] { m_brush->setBrushSize(m_brush->brushSize() + 1); });

    for (QAction *a : {m_paintAction, m_smallerAction, m_largerAction})
        a->setEnabled(false);
    m_classGroup->setEnabled(false);
}

LabelDocument *LabelEditor::document() const
{
    return m_document;
}

QAction *LabelEditor::classAction(uint8_t value) const
{
    return value <= LabelUnknown ? m_classActions[value] : nullptr;
}

void LabelEditor::setSurvey(std::shared_ptr<const Raster> survey)
{
    m_survey = survey;
    m_controller->setSurvey(survey);
    const bool open = survey != nullptr;
    for (QAction *a : {m_paintAction, m_smallerAction, m_largerAction})
        a->setEnabled(open);
    m_classGroup->setEnabled(open);
}

void LabelEditor::activatePaintTool()
{
    if (!m_canvas || !m_survey)
        return;
    m_canvas->setMapTool(m_tool);
    m_paintAction->setChecked(true);
}

void LabelEditor::syncModified()
{
    if (m_clearing || !m_document)
        return;
    m_document->setModified(!m_undo->isClean());
}

} // namespace lodestone
