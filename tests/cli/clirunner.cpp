#include "clirunner.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace lodestone::test {

namespace {

std::string quoted(const std::string &s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace

CliResult runCli(const std::vector<std::string> &args)
{
    std::string cmd = quoted(LODESTONE_CLI);
    for (const auto &a : args)
        cmd += " " + quoted(a);
    cmd += " 2>&1";
    CliResult r;
    FILE *pipe = popen(cmd.c_str(), "r");
    if (!pipe)
        return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
        r.output.append(buf, n);
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

CliResult runShell(const std::string &script)
{
    CliResult r;
    FILE *pipe = popen(("sh -c " + quoted(script) + " 2>&1").c_str(), "r");
    if (!pipe)
        return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
        r.output.append(buf, n);
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

CliResult interruptCliWhen(const std::vector<std::string> &args, const std::string &trigger, int signal)
{
    CliResult r;
    int fds[2];
    if (pipe(fds) != 0)
        return r;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        std::vector<char *> argv{const_cast<char *>(LODESTONE_CLI)};
        for (const auto &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        execv(LODESTONE_CLI, argv.data());
        _exit(127);
    }
    close(fds[1]);
    bool sent = false;
    std::chrono::steady_clock::time_point sentAt;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        r.output.append(buf, std::size_t(n));
        if (!sent && r.output.find(trigger) != std::string::npos) {
            kill(pid, signal);
            sent = true;
            sentAt = std::chrono::steady_clock::now();
        }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (sent)
        r.secondsAfterSignal = std::chrono::duration<double>(std::chrono::steady_clock::now() - sentAt).count();
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace lodestone::test
