#include "jsonwriter.h"

#include "error.h"
#include "raster.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace lodestone {

void JsonWriter::newline()
{
    m_out += '\n';
    m_out.append(2 * m_first.size(), ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_out += ',';
        m_first.back() = false;
        newline();
    }
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_first.push_back(true);
}

void JsonWriter::endObject()
{
    const bool empty = m_first.back();
    m_first.pop_back();
    if (!empty)
        newline();
    m_out += '}';
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_first.push_back(true);
}

void JsonWriter::endArray()
{
    const bool empty = m_first.back();
    m_first.pop_back();
    if (!empty)
        newline();
    m_out += ']';
}

void JsonWriter::key(const std::string &k)
{
    beforeValue();
    m_out += '"' + escape(k) + "\": ";
    m_afterKey = true;
}

void JsonWriter::value(const std::string &v)
{
    beforeValue();
    m_out += '"' + escape(v) + '"';
}

void JsonWriter::value(double v)
{
    beforeValue();
    if (!std::isfinite(v)) {
        m_out += "null";
        return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    m_out += buf;
}

void JsonWriter::value(long long v)
{
    beforeValue();
    m_out += std::to_string(v);
}

void JsonWriter::value(bool v)
{
    beforeValue();
    m_out += v ? "true" : "false";
}

void JsonWriter::null()
{
    beforeValue();
    m_out += "null";
}

void JsonWriter::field(const std::string &k, const std::vector<double> &v)
{
    key(k);
    beginArray();
    for (double d : v)
        value(d);
    endArray();
}

namespace {

/** Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, surrogates or values above
 *  U+10FFFF), or 0 when the bytes there are not one. */
std::size_t utf8SequenceLength(const std::string &s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    const unsigned c = byte(i);
    const auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return continuation(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned c1 = byte(i + 1);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F))
            return 0;
        return continuation(i + 1) && continuation(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned c1 = byte(i + 1);
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
            return 0;
        return continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    return 0;
}

} // namespace

std::string JsonWriter::escape(const std::string &s)
{
    std::string o;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            // JSON text is UTF-8: a byte that does not start a well-formed sequence (e.g. a Latin-1 file name)
            // becomes U+FFFD, the replacement character, so that the report stays valid JSON.
            const std::size_t n = utf8SequenceLength(s, i);
            if (n == 0) {
                o += "\\ufffd";
                ++i;
            } else {
                o.append(s, i, n);
                i += n;
            }
            continue;
        }
        ++i;
        switch (c) {
        case '"': o += "\\\""; break;
        case '\\': o += "\\\\"; break;
        case '\n': o += "\\n"; break;
        case '\r': o += "\\r"; break;
        case '\t': o += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                o += buf;
            } else {
                o += char(c);
            }
        }
    }
    return o;
}

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
    if (!error && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)  // EINVAL: a file system without fsync
        error = errno;
    if (::close(fd) != 0 && !error)
        error = errno;
    if (error) {
        const std::string reason = writeFailureReason(tmp, error, {});  // before the partial file's space is freed
        removeFileIfExists(tmp);
        throw Error(ErrorCode::WriteFailed, "Cannot write " + finalPathOf(path) + ": " + reason + ".");
    }
    commitTemporary(tmp, path);
}

} // namespace lodestone
