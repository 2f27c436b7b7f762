#include "consolefeedback.h"

#include <cstdio>
#include <unistd.h>
#include <string>

namespace lodestone {

ConsoleFeedback::ConsoleFeedback(bool quiet) : m_quiet(quiet), m_terminal(::isatty(2) != 0) {}

ConsoleFeedback::~ConsoleFeedback()
{
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
