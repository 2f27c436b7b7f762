// A small streaming JSON writer for reports and sidecars (core has no JSON dependency).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lodestone {

/** \brief Writes indented JSON; commas and escaping are handled. Usage:
 *  \code
 *  JsonWriter w; w.beginObject(); w.key("seed"); w.value(42); w.endObject(); std::string s = w.str();
 *  \endcode */
class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(const std::string &k);
    void value(const std::string &v);
    void value(const char *v) { value(std::string(v)); }
    void value(double v);
    void value(long long v);
    void value(int v) { value(static_cast<long long>(v)); }
    void value(unsigned long v) { value(static_cast<long long>(v)); }
    void value(unsigned long long v) { value(static_cast<long long>(v)); }
    void value(bool v);
    void null();
    /** \brief key + value in one call. */
    template <typename T>
    void field(const std::string &k, const T &v)
    {
        key(k);
        value(v);
    }
    void field(const std::string &k, const std::vector<double> &v);
    const std::string &str() const { return m_out; }

    static std::string escape(const std::string &s);

private:
    void beforeValue();
    void newline();
    std::string m_out;
    std::vector<bool> m_first;  ///< per open container: no element written yet
    bool m_afterKey = false;
};

/** \brief Writes text to path through a temporary file and a rename, so readers never see half a file. */
void writeTextFileAtomically(const std::string &path, const std::string &text);

/** \brief Writes size bytes to path atomically: under temporaryPathFor(path), flushed to the disk and renamed.
 *  A failure (e.g. a full disk) removes the temporary file, leaves an earlier path as it was and throws
 *  Error(WriteFailed) naming the final file (finalPathOf(path)). */
void writeFileAtomically(const std::string &path, const void *data, std::size_t size);

} // namespace lodestone
