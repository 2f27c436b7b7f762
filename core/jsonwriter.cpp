#include "jsonwriter.h"

#include "error.h"
#include "raster.h"

#include <cmath>
#include <cstdio>
#include <fstream>

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

std::string JsonWriter::escape(const std::string &s)
{
    std::string o;
    for (unsigned char c : s) {
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
    const std::string tmp = temporaryPathFor(path);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": the folder is missing or not writable.");
        out << text;
        out.flush();
        if (!out) {
            out.close();
            removeFileIfExists(tmp);
            throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": the disk may be full.");
        }
    }
    commitTemporary(tmp, path);
}

} // namespace lodestone
