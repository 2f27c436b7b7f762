// Runs lodestone-cli for the end-to-end tests and captures its exit code and output.
#pragma once

#include <string>
#include <vector>

namespace lodestone::test {

struct CliResult {
    int exitCode = -1;
    std::string output;             ///< stdout and stderr together
    double secondsAfterSignal = -1; ///< interruptCliWhen(): from the signal to the process's end; -1 when not sent
};

/** \brief Runs lodestone-cli with the arguments (each quoted for the shell). */
CliResult runCli(const std::vector<std::string> &args);

/** \brief Runs lodestone-cli and sends it signal (default SIGINT, Ctrl-C) as soon as its output contains trigger. */
CliResult interruptCliWhen(const std::vector<std::string> &args, const std::string &trigger, int signal = 2);

/** \brief Runs a shell script with sh (stdout and stderr together). */
CliResult runShell(const std::string &script);

/** \brief The whole content of a file, or empty. */
std::string readFile(const std::string &path);

} // namespace lodestone::test
