// Progress and cancel object passed into every long-running core function.
//
// Thread use: the worker thread calls setProgress()/setStage() and polls isCanceled(); any thread may call
// cancel(). Subclasses receive the callbacks on the worker thread.
#pragma once

#include <atomic>
#include <string>

namespace lodestone {

/** \brief Progress/cancel feedback. Every function taking a Feedback* accepts nullptr. */
class Feedback {
public:
    virtual ~Feedback() = default;

    /** \brief Request cancellation; long work stops at its next check. Safe from any thread. */
    void cancel() { m_canceled.store(true); }
    bool isCanceled() const { return m_canceled.load(); }

    /** \brief Names the current stage (e.g. "Training autoencoder"); progress restarts at 0. */
    void setStage(const std::string &stage)
    {
        m_stage = stage;
        m_from = 0.0;
        m_to = 1.0;
        onStage(stage);
    }
    const std::string &stage() const { return m_stage; }

    /** \brief Fraction done in [0, 1] of the current stage (of the current part, see setProgressRange()). */
    void setProgress(double fraction)
    {
        fraction = fraction < 0 ? 0 : (fraction > 1 ? 1 : fraction);
        onProgress(m_from + fraction * (m_to - m_from));
    }

    /** \brief Maps the following setProgress() fractions onto [from, to] of the stage, for a stage made of parts
     *  (e.g. strips of rows) that each report from 0 to 1. setStage() resets it to [0, 1]. */
    void setProgressRange(double from, double to)
    {
        m_from = from;
        m_to = to;
    }

    /** \brief Informational message or warning for the user. */
    void message(const std::string &text) { onMessage(text); }

    /** \brief Reconstruction loss after an epoch of autoencoder training. */
    void epochLoss(int epoch, double loss) { onEpochLoss(epoch, loss); }

protected:
    virtual void onStage(const std::string &) {}
    virtual void onProgress(double) {}
    virtual void onMessage(const std::string &) {}
    virtual void onEpochLoss(int, double) {}

private:
    std::atomic<bool> m_canceled{false};
    std::string m_stage;
    double m_from = 0.0, m_to = 1.0;
};

/** \brief Thrown by core when a Feedback requested cancellation; not an error for the user. */
struct Canceled {};

/** \brief Throws Canceled if feedback is non-null and canceled. */
inline void checkCanceled(const Feedback *feedback)
{
    if (feedback && feedback->isCanceled())
        throw Canceled{};
}

inline void reportProgress(Feedback *feedback, double fraction)
{
    if (feedback)
        feedback->setProgress(fraction);
}

inline void reportStage(Feedback *feedback, const std::string &stage)
{
    if (feedback)
        feedback->setStage(stage);
}

} // namespace lodestone
