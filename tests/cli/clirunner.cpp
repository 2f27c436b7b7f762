#include "clirunner.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

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

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace lodestone::test
