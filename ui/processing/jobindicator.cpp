// JobIndicator: a label, a small progress bar and a Cancel tool button in a row.
#include "jobindicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace lodestone {

JobIndicator::JobIndicator(QWidget *parent) : QWidget(parent)
{
    m_label = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setMaximumWidth(120);
    m_bar->setMaximumHeight(m_label->fontMetrics().height());
    m_bar->setTextVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Stop this job; nothing is added or written"));
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Canceling…"));
        Q_EMIT cancelRequested();
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    setVisible(false);
}

void JobIndicator::start(const QString &text)
{
    m_active = true;
    m_label->setText(text);
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    setVisible(true);
}

void JobIndicator::setProgress(double fraction)
{
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(std::lround(1000 * std::clamp(fraction, 0.0, 1.0))));
}

void JobIndicator::finish()
{
    m_active = false;
    setVisible(false);
}

} // namespace lodestone
