#include "atomicfile.h"

#include "error.h"
#include "raster.h"

#include <cerrno>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace lodestone {

void writeTextFileAtomically(const std::string &path, const std::string &text)
{
    writeFileAtomically(path, text.data(), text.size());
}

void writeFileAtomically(const std::string &path, const void *data, std::size_t size)
{
    const std::string tmp = temporaryPathFor(path);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        const int error = errno;
        std::error_code ec;
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
            throw Error(ErrorCode::WriteFailed, "Cannot write " + finalPathOf(path) + ": the folder " +
                                                    finalPathOf(parent.string()) + " does not exist.");
        throwWriteFailed(path, error);
    }
    const char *p = static_cast<const char *>(data);
    std::size_t left = size;
    int error = 0;
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n < 0 ? errno : EIO;
            break;
        }
        p += n;
        left -= std::size_t(n);
    }
    if (!error && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) // EINVAL: a file system without fsync
        error = errno;
    if (::close(fd) != 0 && !error)
        error = errno;
    if (error) {
        const std::string reason = writeFailureReason(tmp, error, {}); // before the partial file's space is freed
        removeFileIfExists(tmp);
        throw Error(ErrorCode::WriteFailed, "Cannot write " + finalPathOf(path) + ": " + reason + ".");
    }
    commitTemporary(tmp, path);
}

} // namespace lodestone
