#include "labeldocument.h"

namespace lodestone {

LabelDocument::LabelDocument(QObject *parent) : QObject(parent) {}

void LabelDocument::reset(const GridSpec &grid)
{
    m_labels = emptyLabels(grid);
    m_path.clear();
    m_imports.clear();
    recount();
    setModified(false);
    Q_EMIT replaced();
    Q_EMIT labelsChanged(QRect());
}

void LabelDocument::setLabels(const LabelImage &labels, bool modified)
{
    m_labels = labels;
    m_imports.clear();
    recount();
    setModified(modified);
    Q_EMIT replaced();
    Q_EMIT labelsChanged(QRect());
}

uint8_t LabelDocument::at(int col, int row) const
{
    if (col < 0 || row < 0 || col >= m_labels.grid.width || row >= m_labels.grid.height)
        return LabelUnknown;
    return m_labels.at(col, row);
}

void LabelDocument::setAt(int col, int row, uint8_t value)
{
    if (col < 0 || row < 0 || col >= m_labels.grid.width || row >= m_labels.grid.height)
        return;
    uint8_t &v = m_labels.values[std::size_t(row) * m_labels.grid.width + col];
    if (v <= LabelUnknown)
        --m_counts[v];
    v = value;
    if (v <= LabelUnknown)
        ++m_counts[v];
}

void LabelDocument::notifyChanged(const QRect &region)
{
    setModified(true);
    Q_EMIT labelsChanged(region);
    Q_EMIT countsChanged();
}

void LabelDocument::markSaved(const QString &path)
{
    m_path = path;
    setModified(false);
}

void LabelDocument::recount()
{
    m_counts = m_labels.values.empty() ? std::array<std::size_t, 3>{0, 0, 0} : m_labels.counts();
    Q_EMIT countsChanged();
}

void LabelDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

QStringList LabelDocument::imports() const
{
    QStringList notes;
    for (const Import &i : m_imports)
        notes << i.note;
    return notes;
}

void LabelDocument::addImport(const QString &note, std::shared_ptr<const LabelOrigins> origins)
{
    m_imports.append(Import{note, std::move(origins)});
}

void LabelDocument::removeImport(const QString &note)
{
    for (qsizetype i = m_imports.size() - 1; i >= 0; --i) {
        if (m_imports[i].note == note) {
            m_imports.removeAt(i);
            return;
        }
    }
}

LabelOrigins LabelDocument::importOrigins() const
{
    LabelOrigins merged;
    bool named = false;
    for (const Import &i : m_imports) {
        if (!i.origins)
            continue;
        if (!named) {
            merged.attributeNames = i.origins->attributeNames;
            named = true;
        }
        const bool sameNames = i.origins->attributeNames == merged.attributeNames;
        for (const auto &[index, origin] : i.origins->pixels) {
            LabelOrigin o = origin;
            if (!sameNames)
                o.attributes.clear();
            merged.pixels[index] = std::move(o);
        }
    }
    return merged;
}

} // namespace lodestone
