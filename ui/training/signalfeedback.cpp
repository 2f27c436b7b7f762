// SignalFeedback: the only state is the time of the last progress signal, touched by the worker thread alone.
#include "signalfeedback.h"

namespace lodestone {

SignalFeedback::SignalFeedback(QObject *parent) : QObject(parent) {}

void SignalFeedback::onStage(const std::string &stage)
{
    m_progressSent = false;
    Q_EMIT stageChanged(QString::fromStdString(stage));
}

void SignalFeedback::onProgress(double fraction)
{
    const auto now = std::chrono::steady_clock::now();
    if (m_progressSent && fraction < 1.0 && now - m_lastProgress < std::chrono::milliseconds(kProgressIntervalMs))
        return;
    m_lastProgress = now;
    m_progressSent = true;
    Q_EMIT progressChanged(fraction);
}

void SignalFeedback::onMessage(const std::string &text)
{
    Q_EMIT messageReported(QString::fromStdString(text));
}

void SignalFeedback::onEpochLoss(int epoch, double loss)
{
    Q_EMIT epochLossReported(epoch, loss);
}

} // namespace lodestone
