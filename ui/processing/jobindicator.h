// A status-bar indicator of one background job: what it does, a progress bar (busy when the job reports no
// fractions) and a Cancel button. Hidden when no job runs.
//
// Thread: GUI thread.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace lodestone {

/** \brief Shows that a background job runs and lets the user cancel it. */
class JobIndicator : public QWidget {
    Q_OBJECT
public:
    explicit JobIndicator(QWidget *parent = nullptr);

    /** \brief Shows text with a busy bar (until setProgress()) and an enabled Cancel button. */
    void start(const QString &text);
    /** \brief Fraction done in [0, 1]. */
    void setProgress(double fraction);
    /** \brief Hides the indicator. */
    void finish();
    bool isActive() const { return m_active; }

    QLabel *label() const { return m_label; }
    QProgressBar *progressBar() const { return m_bar; }
    QToolButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
    bool m_active = false;
};

} // namespace lodestone
