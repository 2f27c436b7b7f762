// Console feedback for lodestone-cli: a progress bar on stderr, messages on stderr.
#pragma once

#include "feedback.h"

#include <chrono>

namespace lodestone {

/** \brief Draws "stage [#####.....] 42%" on stderr, redrawn at most ten times a second. While it exists, Ctrl-C
 *  (SIGINT), SIGTERM and SIGHUP (a closed terminal) cancel the work it is given to; a second signal ends the
 *  process. SIGXFSZ and SIGPIPE are ignored, so that a file-size limit or a closed pipe is a failed write. */
class ConsoleFeedback : public Feedback {
public:
    explicit ConsoleFeedback(bool quiet = false);
    ~ConsoleFeedback() override;

protected:
    void onStage(const std::string &stage) override;
    void onProgress(double fraction) override;
    void onMessage(const std::string &text) override;
    void onEpochLoss(int epoch, double loss) override;

private:
    void draw(double fraction, bool force);
    void endLine();

    bool m_quiet;
    bool m_terminal; ///< stderr is a terminal: redraw a bar; otherwise one line per stage
    bool m_lineOpen = false;
    double m_last = -1;
    std::chrono::steady_clock::time_point m_lastDraw;
};

} // namespace lodestone
