// ResultPlot: shared look (white background, dark text) and saving.
#include "resultplot.h"

#include "customplot.h"

#include <QVBoxLayout>

#include <algorithm>

namespace lodestone {

ResultPlot::ResultPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setBackground(Qt::white);
    m_plot->setMinimumHeight(120);
}

bool ResultPlot::save(const QString &path, int width, int height) const
{
    if (width <= 0 || height <= 0) {
        width = std::max(800, m_plot->width());
        height = std::max(500, m_plot->height());
    }
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        return m_plot->savePdf(path, width, height);
    return m_plot->savePng(path, width, height, 2.0);
}

} // namespace lodestone
