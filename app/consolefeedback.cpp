#include "consolefeedback.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace lodestone {

namespace {

// The feedback that Ctrl-C (SIGINT) and SIGTERM cancel. Feedback::cancel() is a lock-free atomic store, safe in a
// signal handler; a second signal ends the process at once.
std::atomic<ConsoleFeedback *> g_interruptible{nullptr};

extern "C" void onInterrupt(int signal)
{
    if (ConsoleFeedback *f = g_interruptible.load())
        f->cancel();
    std::signal(signal, SIG_DFL);
}

} // namespace

ConsoleFeedback::ConsoleFeedback(bool quiet) : m_quiet(quiet), m_terminal(::isatty(2) != 0)
{
    g_interruptible.store(this);
    // SIGHUP: the terminal was closed; the run stops as for Ctrl-C, keeping the earlier results.
    for (int s : {SIGINT, SIGTERM, SIGHUP})
        std::signal(s, onInterrupt);
    // A file-size limit (ulimit -f) then fails a write with EFBIG, reported as an error naming the file, instead
    // of ending the process.
    std::signal(SIGXFSZ, SIG_IGN);
    // Output to a pipe whose reader ended (e.g. tee, gone with the closed terminal) fails quietly instead.
    std::signal(SIGPIPE, SIG_IGN);
}

ConsoleFeedback::~ConsoleFeedback()
{
    g_interruptible.store(nullptr);
    for (int s : {SIGINT, SIGTERM, SIGHUP})
        std::signal(s, SIG_DFL);
    endLine();
}

void ConsoleFeedback::onStage(const std::string &stage)
{
    endLine();
    m_last = -1;
    if (!m_terminal) {
        // Logs get one line per stage, not a redrawn bar.
        if (!m_quiet)
            std::fprintf(stderr, "%s...\n", stage.c_str());
        return;
    }
    draw(0, true);
}

void ConsoleFeedback::onProgress(double fraction)
{
    draw(fraction, fraction >= 1.0);
}

void ConsoleFeedback::onMessage(const std::string &text)
{
    endLine();
    std::fprintf(stderr, "%s\n", text.c_str());
}

void ConsoleFeedback::onEpochLoss(int epoch, double loss)
{
    endLine();
    if (!m_quiet)
        std::fprintf(stderr, "  epoch %d: loss %.6g\n", epoch, loss);
}

void ConsoleFeedback::draw(double fraction, bool force)
{
    if (m_quiet || !m_terminal)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - m_lastDraw < std::chrono::milliseconds(100))
        return;
    m_lastDraw = now;
    const int width = 30;
    const int filled = int(fraction * width + 0.5);
    std::string bar(filled, '#');
    bar.append(width - filled, '.');
    std::fprintf(stderr, "\r%-34s [%s] %3d%%", stage().c_str(), bar.c_str(), int(fraction * 100 + 0.5));
    std::fflush(stderr);
    m_lineOpen = true;
    m_last = fraction;
}

void ConsoleFeedback::endLine()
{
    if (m_lineOpen) {
        std::fprintf(stderr, "\n");
        m_lineOpen = false;
    }
}

} // namespace lodestone
