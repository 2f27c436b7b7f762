// lodestone-grid-worker: runs one GMT module (blockmedian, blockmean or surface) on a table of points for
// gridLineData(), in a process of its own, so that a cancel can stop it at once: GMT's modules cannot be
// interrupted through its API, and surface runs for seconds on a large survey. Started by gridding.cpp, not by hand.
//
//   lodestone-grid-worker PARENT_PID INPUT_FD OUTPUT_FD MODULE OPTIONS
//
// INPUT_FD (an inherited memory file, read from its start): a table, see gridworker.h. MODULE blockmedian or
// blockmean writes the block table to OUTPUT_FD in the same layout; surface writes the grid (columns, rows, then
// rows x columns floats, top row first). OPTIONS are the module's options besides its input and output, as one
// argument. GMT's messages go to standard error. Exit status 0 when the output is complete, 1 otherwise. The worker
// dies with the thread that started it (PR_SET_PDEATHSIG), so it never outlives a killed caller.
#include "gridworker.h"

#include "gmt.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sys/prctl.h>
#include <unistd.h>

namespace {

int reportMessage(FILE *, const char *message)
{
    if (message)
        std::fputs(message, stderr);
    return 0;
}

[[noreturn]] void fail(const std::string &text)
{
    std::fprintf(stderr, "%s\n", text.c_str());
    std::exit(1);
}

bool readAll(int fd, void *data, std::size_t bytes)
{
    auto *p = static_cast<char *>(data);
    while (bytes > 0) {
        const ssize_t n = ::read(fd, p, bytes);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        bytes -= std::size_t(n);
    }
    return true;
}

void writeAll(int fd, const void *data, std::size_t bytes)
{
    auto *p = static_cast<const char *>(data);
    while (bytes > 0) {
        const ssize_t n = ::write(fd, p, bytes);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(std::string("could not write the result: ") + std::strerror(errno));
        p += n;
        bytes -= std::size_t(n);
    }
}

int parseFd(const char *text)
{
    char *end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (!end || *end || v < 0 || v > 1 << 20)
        fail(std::string("not a file descriptor: ") + text);
    return int(v);
}

struct Session {
    void *api = nullptr;
    Session()
    {
        api = GMT_Create_Session(
            "lodestone", 2U,
            GMT_SESSION_EXTERNAL | GMT_SESSION_NOEXIT | GMT_SESSION_NOHISTORY | GMT_SESSION_NOGDALCLOSE, reportMessage);
        if (!api)
            fail("The GMT library could not start a session.");
    }
    ~Session() { GMT_Destroy_Session(api); }
    void check(int status, const char *what) const
    {
        if (status != GMT_NOERROR)
            fail(std::string("GMT could not ") + what + ".");
    }
};

} // namespace

int main(int argc, char **argv)
{
    if (argc != 6)
        fail("lodestone-grid-worker is started by Lodestone's gridding, not by hand.");
    // Die with the caller's thread; if it is already gone, stop now.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pid_t(std::strtol(argv[1], nullptr, 10)))
        return 1;
    const int in = parseFd(argv[2]), out = parseFd(argv[3]);
    const std::string module = argv[4], options = argv[5];
    const bool surface = module == "surface";
    if (!surface && module != "blockmedian" && module != "blockmean")
        fail("unknown module " + module);

    uint64_t header[2] = {};
    if (lseek(in, 0, SEEK_SET) != 0 || !readAll(in, header, sizeof header) ||
        header[0] != lodestone::kGridWorkerMagic || header[1] > (uint64_t(1) << 32))
        fail("the input table is damaged");
    const std::size_t n = std::size_t(header[1]);
    std::vector<double> x(n), y(n), z(n);
    if (!readAll(in, x.data(), n * sizeof(double)) || !readAll(in, y.data(), n * sizeof(double)) ||
        !readAll(in, z.data(), n * sizeof(double)))
        fail("the input table is truncated");

    Session gmt;
    void *api = gmt.api;
    uint64_t dim[4] = {3, uint64_t(n), 1, 0};
    auto *vec = static_cast<GMT_VECTOR *>(GMT_Create_Data(api, GMT_IS_DATASET | GMT_VIA_VECTOR, GMT_IS_POINT,
                                                          GMT_CONTAINER_ONLY, dim, nullptr, nullptr, 0, 0, nullptr));
    if (!vec)
        fail("GMT could not hold the points.");
    gmt.check(GMT_Put_Vector(api, vec, 0, GMT_DOUBLE, x.data()), "take the x coordinates");
    gmt.check(GMT_Put_Vector(api, vec, 1, GMT_DOUBLE, y.data()), "take the y coordinates");
    gmt.check(GMT_Put_Vector(api, vec, 2, GMT_DOUBLE, z.data()), "take the values");
    char inFile[GMT_VF_LEN] = {}, outFile[GMT_VF_LEN] = {};
    gmt.check(GMT_Open_VirtualFile(api, GMT_IS_DATASET | GMT_VIA_VECTOR, GMT_IS_POINT, GMT_IN | GMT_IS_REFERENCE, vec,
                                   inFile),
              "open the points");
    gmt.check(
        surface ? GMT_Open_VirtualFile(api, GMT_IS_GRID, GMT_IS_SURFACE, GMT_OUT | GMT_IS_REFERENCE, nullptr, outFile)
                : GMT_Open_VirtualFile(api, GMT_IS_DATASET, GMT_IS_POINT, GMT_OUT | GMT_IS_REFERENCE, nullptr, outFile),
        "open the output");
    const std::string args = std::string(inFile) + " " + options + (surface ? " -G" : " ->") + outFile;
    const int status = GMT_Call_Module(api, module.c_str(), GMT_MODULE_CMD, const_cast<char *>(args.c_str()));
    if (status != GMT_NOERROR)
        fail("GMT " + module + " failed (status " + std::to_string(status) + ").");

    if (surface) {
        auto *g = static_cast<GMT_GRID *>(GMT_Read_VirtualFile(api, outFile));
        if (!g)
            fail("GMT could not read the surface grid.");
        const uint64_t cols = g->header->n_columns, rows = g->header->n_rows;
        const uint64_t head[3] = {lodestone::kGridWorkerMagic, cols, rows};
        writeAll(out, head, sizeof head);
        std::vector<float> row(cols);
        for (uint64_t r = 0; r < rows; ++r) {
            for (uint64_t c = 0; c < cols; ++c)
                row[c] = g->data[GMT_Get_Index(api, g->header, int(r), int(c))];
            writeAll(out, row.data(), row.size() * sizeof(float));
        }
    } else {
        auto *blocks = static_cast<GMT_DATASET *>(GMT_Read_VirtualFile(api, outFile));
        if (!blocks)
            fail("GMT could not read the block table.");
        std::vector<double> bx, by, bz;
        for (uint64_t t = 0; t < blocks->n_tables; ++t)
            for (uint64_t s = 0; s < blocks->table[t]->n_segments; ++s) {
                const GMT_DATASEGMENT *seg = blocks->table[t]->segment[s];
                if (seg->n_columns < 3)
                    fail("GMT returned a block table of " + std::to_string(seg->n_columns) + " columns.");
                for (uint64_t r = 0; r < seg->n_rows; ++r) {
                    bx.push_back(seg->data[0][r]);
                    by.push_back(seg->data[1][r]);
                    bz.push_back(seg->data[2][r]);
                }
            }
        const uint64_t head[2] = {lodestone::kGridWorkerMagic, uint64_t(bx.size())};
        writeAll(out, head, sizeof head);
        writeAll(out, bx.data(), bx.size() * sizeof(double));
        writeAll(out, by.data(), by.size() * sizeof(double));
        writeAll(out, bz.data(), bz.size() * sizeof(double));
    }
    GMT_Close_VirtualFile(api, inFile);
    GMT_Close_VirtualFile(api, outFile);
    return 0;
}
