// LabelPaintController: a pixel painted twice in one stroke keeps its value from before the stroke.
#include "labelpaintcontroller.h"

#include "brushingmodel.h"
#include "labeldocument.h"
#include "labels.h"

#include <QUndoStack>

#include <algorithm>
#include <climits>

namespace lodestone {

LabelPaintController::LabelPaintController(LabelDocument *document, QUndoStack *undoStack, QObject *parent)
    : QObject(parent), m_document(document), m_undo(undoStack)
{
    // New labels (a survey opened, a file loaded) end any stroke: its indices belong to the old ones.
    connect(document, &LabelDocument::replaced, this, [this] {
        m_stroking = false;
        m_changes.clear();
    });
}

void LabelPaintController::setBrushingModel(BrushingModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (!model)
        return;
    connect(model, &BrushingModel::strokeStarted, this, &LabelPaintController::beginStroke);
    connect(model, &BrushingModel::strokeCells, this, &LabelPaintController::paintCells);
    connect(model, &BrushingModel::strokeFinished, this, &LabelPaintController::finishStroke);
}

void LabelPaintController::setSurvey(std::shared_ptr<const Raster> survey)
{
    m_survey = std::move(survey);
}

bool LabelPaintController::isLabellable(int col, int row) const
{
    if (!m_survey || !m_document)
        return false;
    const GridSpec &grid = m_document->labels().grid;
    if (col < 0 || row < 0 || col >= grid.width || row >= grid.height)
        return false;
    if (m_survey->width() != grid.width || m_survey->height() != grid.height)
        return false;
    return m_survey->isValid(col, row);
}

QString LabelPaintController::strokeText(uint8_t value)
{
    switch (value) {
    case LabelDeposit: return tr("Paint deposit");
    case LabelNonDeposit: return tr("Paint non-deposit");
    default: return tr("Erase labels");
    }
}

void LabelPaintController::beginStroke(uint8_t value)
{
    m_stroking = true;
    m_value = value;
    m_changes.clear();
}

void LabelPaintController::paintCells(const QVector<QPoint> &cells, uint8_t value)
{
    if (!m_stroking || !m_document || value != m_value)
        return;
    const int width = m_document->labels().grid.width;
    int left = INT_MAX, top = INT_MAX, right = INT_MIN, bottom = INT_MIN;
    for (const QPoint &c : cells) {
        if (!isLabellable(c.x(), c.y()))
            continue;
        const uint8_t old = m_document->at(c.x(), c.y());
        if (old == value)
            continue;
        const quint32 index = quint32(c.y()) * quint32(width) + quint32(c.x());
        // Not yet changed in this stroke (it would hold value otherwise): old is the value before it.
        m_changes.push_back({index, old, value});
        m_document->setAt(c.x(), c.y(), value);
        left = std::min(left, c.x());
        right = std::max(right, c.x());
        top = std::min(top, c.y());
        bottom = std::max(bottom, c.y());
    }
    if (left <= right)
        m_document->notifyChanged(QRect(QPoint(left, top), QPoint(right, bottom)));
}

void LabelPaintController::finishStroke()
{
    if (!m_stroking)
        return;
    m_stroking = false;
    if (m_changes.empty() || !m_undo)
        return;
    const int count = int(m_changes.size());
    m_undo->push(new LabelEditCommand(m_document, std::move(m_changes), strokeText(m_value), true));
    m_changes.clear();
    Q_EMIT strokeCommitted(count);
}

} // namespace lodestone
