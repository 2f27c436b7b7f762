// LabelEditCommand: writes the stored values back through LabelDocument::setAt and tells once per step.
#include "labeleditcommand.h"

#include "labeldocument.h"
#include "labels.h"

#include <algorithm>
#include <climits>

namespace lodestone {

LabelEditCommand::LabelEditCommand(LabelDocument *document, std::vector<Change> changes, const QString &text,
                                   bool applied, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_changes(std::move(changes)), m_skipRedo(applied)
{
    const int width = document ? document->labels().grid.width : 0;
    if (width <= 0)
        return;
    int left = INT_MAX, top = INT_MAX, right = INT_MIN, bottom = INT_MIN;
    for (const Change &c : m_changes) {
        const int col = int(c.index % std::uint32_t(width)), row = int(c.index / std::uint32_t(width));
        left = std::min(left, col);
        right = std::max(right, col);
        top = std::min(top, row);
        bottom = std::max(bottom, row);
    }
    if (!m_changes.empty())
        m_region = QRect(QPoint(left, top), QPoint(right, bottom));
}

LabelEditCommand *LabelEditCommand::fromDifference(LabelDocument *document, const LabelImage &before,
                                                   const LabelImage &after, const QString &text)
{
    if (before.values.size() != after.values.size())
        return nullptr;
    std::vector<Change> changes;
    for (std::size_t i = 0; i < after.values.size(); ++i) {
        if (before.values[i] != after.values[i])
            changes.push_back({std::uint32_t(i), before.values[i], after.values[i]});
    }
    if (changes.empty())
        return nullptr;
    return new LabelEditCommand(document, std::move(changes), text, false);
}

void LabelEditCommand::undo()
{
    write(false);
    if (m_document && !m_import.isEmpty())
        m_document->removeImport(m_import);
}

void LabelEditCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    write(true);
    if (m_document && !m_import.isEmpty())
        m_document->addImport(m_import, m_importOrigins);
}

void LabelEditCommand::write(bool after)
{
    if (!m_document || m_changes.empty())
        return;
    const int width = m_document->labels().grid.width;
    for (const Change &c : m_changes)
        m_document->setAt(int(c.index % std::uint32_t(width)), int(c.index / std::uint32_t(width)),
                          after ? c.after : c.before);
    m_document->notifyChanged(m_region);
}

} // namespace lodestone
