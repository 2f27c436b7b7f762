// Line data to a grid: fast text-table reading (plain, gzip through GDAL's /vsigzip/, xz through liblzma), OGR
// point sources, reprojection, and GMT's blockmedian and surface through its C API with in-memory virtual files.
#include "gridding.h"

#include "error.h"
#include "feedback.h"
#include "gdalhelpers.h"
#include "labels.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <lzma.h>

#include <opencv2/imgproc.hpp>

#include "gmt.h"
#include "gridworker.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <sstream>
#include <utility>

#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace lodestone {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Grids larger than this are refused: surface holds several copies in memory, and such sizes are usually a cell
/// size given in the wrong unit.
constexpr std::size_t kMaxCells = std::size_t(100) * 1000 * 1000;
/// Default mask distance, in cells.
constexpr double kDefaultMaskCells = 5.0;

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string number(double v)
{
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

std::string plural(std::size_t n, const std::string &one, const std::string &many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// ---------------------------------------------------------------------------------------------------------------
// Byte sources: plain files, gzip (GDAL's /vsigzip/) and xz (liblzma).

class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Up to n bytes into buf; 0 at the end. Throws Error naming the file on a read or decoding error.
    virtual std::size_t read(char *buf, std::size_t n) = 0;
    /// Fraction of the file consumed, or a negative number when unknown.
    virtual double fraction() const { return -1.0; }
};

class PlainSource : public ByteSource {
public:
    explicit PlainSource(const std::string &path) : m_path(path)
    {
        m_file = std::fopen(path.c_str(), "rb");
        if (!m_file)
            throw Error(ErrorCode::FileNotFound, "Cannot open " + path + ": " + std::strerror(errno) + ".");
        std::error_code ec;
        m_size = double(std::filesystem::file_size(path, ec));
    }
    ~PlainSource() override { std::fclose(m_file); }
    std::size_t read(char *buf, std::size_t n) override
    {
        const std::size_t got = std::fread(buf, 1, n, m_file);
        if (got < n && std::ferror(m_file))
            throw Error(ErrorCode::BadPoints, "Cannot read " + m_path + ": " + std::strerror(errno) + ".");
        m_read += double(got);
        return got;
    }
    double fraction() const override { return m_size > 0 ? m_read / m_size : -1.0; }

private:
    std::string m_path;
    std::FILE *m_file = nullptr;
    double m_size = 0, m_read = 0;
};

class GzipSource : public ByteSource {
public:
    explicit GzipSource(const std::string &path) : m_path(path)
    {
        m_file = VSIFOpenL(("/vsigzip/" + path).c_str(), "rb");
        if (!m_file)
            throw Error(ErrorCode::BadPoints, path + " cannot be opened as a gzip file.");
    }
    ~GzipSource() override { VSIFCloseL(m_file); }
    std::size_t read(char *buf, std::size_t n) override
    {
        QuietGdal quiet;
        const std::size_t got = VSIFReadL(buf, 1, n, m_file);
        if (CPLGetLastErrorType() >= CE_Failure) // GDAL reports truncated and corrupt streams this way
            throw Error(ErrorCode::BadPoints, m_path + " is not a valid gzip file (it is truncated or corrupt).");
        return got;
    }

private:
    std::string m_path;
    VSILFILE *m_file = nullptr;
};

class XzSource : public ByteSource {
public:
    explicit XzSource(const std::string &path) : m_inner(path), m_path(path)
    {
        if (lzma_stream_decoder(&m_stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
            throw Error(ErrorCode::Internal, "liblzma could not start decoding " + path + ".");
    }
    ~XzSource() override { lzma_end(&m_stream); }
    std::size_t read(char *buf, std::size_t n) override
    {
        m_stream.next_out = reinterpret_cast<uint8_t *>(buf);
        m_stream.avail_out = n;
        while (m_stream.avail_out > 0 && !m_done) {
            lzma_action action = LZMA_RUN;
            if (m_stream.avail_in == 0 && !m_eof) {
                m_stream.avail_in = m_inner.read(m_in.data(), m_in.size());
                m_stream.next_in = reinterpret_cast<const uint8_t *>(m_in.data());
                m_eof = m_stream.avail_in == 0;
            }
            if (m_eof)
                action = LZMA_FINISH;
            const lzma_ret ret = lzma_code(&m_stream, action);
            if (ret == LZMA_STREAM_END) {
                m_done = true;
            } else if (ret != LZMA_OK) {
                throw Error(ErrorCode::BadPoints, m_path + " is not a valid xz file (" + message(ret) + ").");
            } else if (m_eof && m_stream.avail_out > 0 && m_stream.avail_in == 0) {
                throw Error(ErrorCode::BadPoints, m_path + " is not a valid xz file (it ends early).");
            }
        }
        return n - m_stream.avail_out;
    }
    double fraction() const override { return m_inner.fraction(); }

private:
    static std::string message(lzma_ret ret)
    {
        switch (ret) {
        case LZMA_FORMAT_ERROR: return "not in the xz format";
        case LZMA_DATA_ERROR: return "corrupt data";
        case LZMA_BUF_ERROR: return "it ends early";
        case LZMA_MEM_ERROR: return "out of memory";
        case LZMA_OPTIONS_ERROR: return "unsupported options";
        default: return "liblzma error " + std::to_string(int(ret));
        }
    }

    PlainSource m_inner;
    std::string m_path;
    lzma_stream m_stream = LZMA_STREAM_INIT;
    std::array<char, 1 << 16> m_in{};
    bool m_eof = false, m_done = false;
};

// ---------------------------------------------------------------------------------------------------------------
// Delimited text tables.

/// How a path is read: as text (and how it is compressed) or through OGR.
struct FileKind {
    bool text = false;
    enum { None, Gzip, Xz } compression = None;
};

FileKind fileKind(const std::string &path)
{
    FileKind kind;
    std::string name = lower(std::filesystem::path(path).filename().string());
    auto endsWith = [&](const std::string &suffix) {
        return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith(".gz")) {
        kind.compression = FileKind::Gzip;
        name.resize(name.size() - 3);
    } else if (endsWith(".xz")) {
        kind.compression = FileKind::Xz;
        name.resize(name.size() - 3);
    }
    for (const char *ext : {".csv", ".txt", ".tsv", ".xyz", ".dat"})
        kind.text = kind.text || endsWith(ext);
    return kind;
}

/// Removes blanks, quotes and a carriage return around a field.
void trimField(const char *&begin, const char *&end)
{
    while (begin < end && (*begin == ' ' || *begin == '\t' || *begin == '"' || *begin == '\''))
        ++begin;
    while (end > begin && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '"' || end[-1] == '\'' || end[-1] == '\r'))
        --end;
}

bool parseNumber(const char *begin, const char *end, bool decimalComma, double &value)
{
    trimField(begin, end);
    if (begin == end)
        return false;
    if (*begin == '+')
        ++begin;
    auto result = std::from_chars(begin, end, value);
    if (result.ec == std::errc() && result.ptr == end)
        return std::isfinite(value);
    if (decimalComma && result.ec == std::errc() && result.ptr < end && *result.ptr == ',') {
        std::string text(begin, end);
        std::replace(text.begin(), text.end(), ',', '.');
        result = std::from_chars(text.data(), text.data() + text.size(), value);
        return result.ec == std::errc() && result.ptr == text.data() + text.size() && std::isfinite(value);
    }
    return false;
}

/// Splits a line into fields: at the delimiter, or at runs of blanks when the delimiter is ' '.
template <typename Fn> void forEachField(const char *begin, const char *end, char delimiter, Fn &&fn)
{
    int index = 0;
    if (delimiter == ' ') {
        const char *p = begin;
        while (p < end) {
            while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
                ++p;
            if (p == end)
                break;
            const char *start = p;
            while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
                ++p;
            if (!fn(index++, start, p))
                return;
        }
        return;
    }
    const char *start = begin;
    for (const char *p = begin;; ++p) {
        if (p == end || *p == delimiter) {
            if (!fn(index++, start, p) || p == end)
                return;
            start = p + 1;
        }
    }
}

char detectDelimiter(const std::string &header)
{
    const std::array<char, 3> candidates{',', ';', '\t'};
    char best = ' ';
    long most = 0;
    for (char c : candidates) {
        const long n = long(std::count(header.begin(), header.end(), c));
        if (n > most) {
            most = n;
            best = c;
        }
    }
    return best;
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string s;
    for (const auto &n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

/// The index of the column named name (any case), or of the first of the candidates when name is empty; -1 if none.
int findColumn(const std::vector<std::string> &columns, const std::string &name,
               const std::vector<std::string> &candidates)
{
    const std::vector<std::string> wanted = name.empty() ? candidates : std::vector<std::string>{name};
    for (const auto &w : wanted)
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (lower(columns[i]) == lower(w))
                return int(i);
    return -1;
}

const std::vector<std::string> kXNames = {"x", "easting", "east", "lon", "long", "longitude"};
const std::vector<std::string> kYNames = {"y", "northing", "north", "lat", "latitude"};

[[noreturn]] void throwMissingColumn(const std::string &path, const std::string &role, const std::string &given,
                                     const std::vector<std::string> &defaults, const std::vector<std::string> &columns,
                                     const std::string &option)
{
    std::string msg = path + " has no ";
    if (given.empty())
        msg += role + " column (looked for " + joinNames(defaults) + "; name it with " + option + ")";
    else
        msg += "column '" + given + "' (" + option + ")";
    msg += columns.empty() ? std::string("; it has no columns") : "; its columns are: " + joinNames(columns);
    throw Error(ErrorCode::BadPoints, msg + ".");
}

void readTextTable(const std::string &path, FileKind kind, const LineReadOptions &options, LineData &data,
                   Feedback *feedback)
{
    std::unique_ptr<ByteSource> source;
    if (kind.compression == FileKind::Xz)
        source = std::make_unique<XzSource>(path);
    else if (kind.compression == FileKind::Gzip)
        source = std::make_unique<GzipSource>(path);
    else
        source = std::make_unique<PlainSource>(path);

    std::vector<char> buffer(std::size_t(1) << 20);
    std::string carry; // an incomplete last line of the previous chunk
    bool haveHeader = false, decimalComma = false;
    char delimiter = ',';
    int cx = -1, cy = -1, cv = -1, needed = 0;
    std::vector<std::string> columns;
    std::size_t lines = 0;

    auto header = [&](const char *begin, const char *end) {
        std::string text(begin, end);
        if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) // UTF-8 byte order mark
            text.erase(0, 3);
        delimiter = detectDelimiter(text);
        decimalComma = delimiter != ',';
        forEachField(text.data(), text.data() + text.size(), delimiter, [&](int, const char *b, const char *e) {
            trimField(b, e);
            columns.emplace_back(b, e);
            return true;
        });
        cx = findColumn(columns, options.xColumn, kXNames);
        if (cx < 0)
            throwMissingColumn(path, "x", options.xColumn, kXNames, columns, "--x");
        cy = findColumn(columns, options.yColumn, kYNames);
        if (cy < 0)
            throwMissingColumn(path, "y", options.yColumn, kYNames, columns, "--y");
        if (options.valueColumn.empty())
            throw Error(ErrorCode::BadParameter, "No value column was given for " + path +
                                                     " (--value); its columns are: " + joinNames(columns) + ".");
        cv = findColumn(columns, options.valueColumn, {});
        if (cv < 0)
            throwMissingColumn(path, "value", options.valueColumn, {}, columns, "--value");
        data.xColumn = columns[std::size_t(cx)];
        data.yColumn = columns[std::size_t(cy)];
        data.valueColumn = columns[std::size_t(cv)];
        needed = std::max({cx, cy, cv});
        haveHeader = true;
    };

    auto row = [&](const char *begin, const char *end) {
        double x = kNaN, y = kNaN, v = kNaN;
        int found = 0;
        forEachField(begin, end, delimiter, [&](int i, const char *b, const char *e) {
            if (i == cx)
                found += parseNumber(b, e, decimalComma, x);
            if (i == cy)
                found += parseNumber(b, e, decimalComma, y);
            if (i == cv)
                found += parseNumber(b, e, decimalComma, v);
            return i < needed;
        });
        if (found == 3) {
            data.x.push_back(x);
            data.y.push_back(y);
            data.value.push_back(v);
        } else {
            ++data.skipped;
        }
    };

    auto line = [&](const char *begin, const char *end) {
        const char *b = begin, *e = end;
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
            ++b;
        if (b == e || *b == '#') // blank lines and comments
            return;
        if (!haveHeader)
            header(begin, end);
        else
            row(begin, end);
        if ((++lines & 0xFFFF) == 0) {
            checkCanceled(feedback);
            if (source->fraction() >= 0)
                reportProgress(feedback, source->fraction());
        }
    };

    for (;;) {
        const std::size_t got = source->read(buffer.data(), buffer.size());
        if (got == 0)
            break;
        const char *p = buffer.data(), *end = p + got;
        if (!carry.empty()) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
            if (!nl) {
                carry.append(p, end);
                continue;
            }
            carry.append(p, nl);
            line(carry.data(), carry.data() + carry.size());
            carry.clear();
            p = nl + 1;
        }
        for (;;) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
            if (!nl) {
                carry.assign(p, end);
                break;
            }
            line(p, nl);
            p = nl + 1;
        }
    }
    if (!carry.empty())
        line(carry.data(), carry.data() + carry.size());
    if (!haveHeader)
        throw Error(ErrorCode::EmptyData, path + " is empty: it has no header line and no readings.");
}

/// The header and the first rows of a text table, split as readTextTable() splits them.
void previewTextTable(const std::string &path, FileKind kind, int wanted, LineTablePreview &preview)
{
    std::unique_ptr<ByteSource> source;
    if (kind.compression == FileKind::Xz)
        source = std::make_unique<XzSource>(path);
    else if (kind.compression == FileKind::Gzip)
        source = std::make_unique<GzipSource>(path);
    else
        source = std::make_unique<PlainSource>(path);
    bool haveHeader = false;
    char delimiter = ',';
    auto fields = [&](const char *begin, const char *end) {
        std::vector<std::string> out;
        forEachField(begin, end, delimiter, [&](int, const char *b, const char *e) {
            trimField(b, e);
            out.emplace_back(b, e);
            return true;
        });
        return out;
    };
    // Returns false once enough rows are read.
    auto line = [&](std::string text) {
        const auto first = text.find_first_not_of(" \t\r");
        if (first == std::string::npos || text[first] == '#')
            return true;
        if (!haveHeader) {
            if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
                text.erase(0, 3);
            delimiter = detectDelimiter(text);
            preview.columns = fields(text.data(), text.data() + text.size());
            haveHeader = true;
        } else {
            std::vector<std::string> row = fields(text.data(), text.data() + text.size());
            row.resize(preview.columns.size());
            preview.rows.push_back(std::move(row));
        }
        return int(preview.rows.size()) < wanted;
    };
    std::vector<char> buffer(std::size_t(1) << 16);
    std::string carry;
    bool more = true;
    while (more) {
        const std::size_t got = source->read(buffer.data(), buffer.size());
        if (got == 0)
            break;
        carry.append(buffer.data(), got);
        std::size_t start = 0;
        for (std::size_t nl; more && (nl = carry.find('\n', start)) != std::string::npos; start = nl + 1)
            more = line(carry.substr(start, nl - start));
        carry.erase(0, start);
        if (carry.size() > (std::size_t(16) << 20))
            throw Error(ErrorCode::BadPoints, path + " has a line longer than 16 MB: it is not a text table.");
    }
    if (more && !carry.empty())
        line(carry);
    if (!haveHeader)
        throw Error(ErrorCode::EmptyData, path + " is empty: it has no header line and no readings.");
}

// ---------------------------------------------------------------------------------------------------------------
// OGR point sources.

bool sameCrs(const std::string &a, const std::string &b)
{
    auto sa = srsFromWkt(a), sb = srsFromWkt(b);
    return sa && sb && sa->IsSame(sb.get());
}

bool fieldNumber(const OGRFeature &feature, int field, double &value)
{
    if (!feature.IsFieldSetAndNotNull(field))
        return false;
    const OGRFieldType type = feature.GetFieldDefnRef(field)->GetType();
    if (type == OFTReal || type == OFTInteger || type == OFTInteger64) {
        value = feature.GetFieldAsDouble(field);
        return std::isfinite(value);
    }
    const char *text = feature.GetFieldAsString(field);
    return parseNumber(text, text + std::strlen(text), true, value);
}

void readVector(const std::string &path, FileKind kind, const LineReadOptions &options, LineData &data,
                Feedback *feedback)
{
    ensureGdalRegistered();
    const std::string gdalPath = kind.compression == FileKind::Gzip ? "/vsigzip/" + path : path;
    if (kind.compression == FileKind::Xz)
        throw Error(ErrorCode::BadPoints, path + ": only text tables (.csv, .txt, .tsv, .xyz, .dat) can be read from "
                                                 "xz files.");
    GDALDatasetUniquePtr ds;
    {
        QuietGdal quiet;
        ds.reset(static_cast<GDALDataset *>(
            GDALOpenEx(gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
        if (!ds) {
            std::string msg = path + " is not a table or vector file that GDAL can read (CSV, Shapefile, "
                                     "GeoPackage, GeoJSON, ...)";
            if (!quiet.lastMessage().empty())
                msg += ": " + quiet.lastMessage();
            throw Error(ErrorCode::BadPoints, msg + ".");
        }
    }
    const bool fromColumns = !options.xColumn.empty() || !options.yColumn.empty();
    OGRLayer *layer = nullptr;
    for (int i = 0; i < ds->GetLayerCount() && !layer; ++i) {
        OGRLayer *l = ds->GetLayer(i);
        const OGRwkbGeometryType type = wkbFlatten(l->GetGeomType());
        const bool points = type == wkbPoint || type == wkbMultiPoint || type == wkbUnknown;
        if (fromColumns || (l->GetLayerDefn()->GetGeomFieldCount() > 0 && points))
            layer = l;
    }
    if (!layer)
        throw Error(ErrorCode::BadPoints, path + " holds no point layer; give a table with --x and --y columns, or "
                                                 "points.");
    OGRFeatureDefn *defn = layer->GetLayerDefn();
    std::vector<std::string> columns;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    int fx = -1, fy = -1;
    if (fromColumns) {
        fx = findColumn(columns, options.xColumn, kXNames);
        if (fx < 0)
            throwMissingColumn(path, "x", options.xColumn, kXNames, columns, "--x");
        fy = findColumn(columns, options.yColumn, kYNames);
        if (fy < 0)
            throwMissingColumn(path, "y", options.yColumn, kYNames, columns, "--y");
        data.xColumn = columns[std::size_t(fx)];
        data.yColumn = columns[std::size_t(fy)];
    } else {
        data.xColumn = data.yColumn = "geometry";
        if (const OGRSpatialReference *srs = layer->GetSpatialRef())
            data.crsWkt = wktOf(*srs);
    }
    if (options.valueColumn.empty())
        throw Error(ErrorCode::BadParameter,
                    "No value field was given for " + path + " (--value); its fields are: " + joinNames(columns) + ".");
    const int fv = findColumn(columns, options.valueColumn, {});
    if (fv < 0)
        throwMissingColumn(path, "value", options.valueColumn, {}, columns, "--value");
    data.valueColumn = columns[std::size_t(fv)];

    QuietGdal quiet;
    layer->ResetReading();
    const double total = double(std::max<GIntBig>(1, layer->GetFeatureCount(FALSE)));
    std::size_t n = 0;
    for (;;) {
        std::unique_ptr<OGRFeature> feature(layer->GetNextFeature());
        if (!feature)
            break;
        if ((++n & 0xFFFF) == 0) {
            checkCanceled(feedback);
            reportProgress(feedback, double(n) / total);
        }
        double v = kNaN;
        if (!fieldNumber(*feature, fv, v)) {
            ++data.skipped;
            continue;
        }
        if (fromColumns) {
            double x = kNaN, y = kNaN;
            if (!fieldNumber(*feature, fx, x) || !fieldNumber(*feature, fy, y)) {
                ++data.skipped;
                continue;
            }
            data.x.push_back(x);
            data.y.push_back(y);
            data.value.push_back(v);
            continue;
        }
        const OGRGeometry *geom = feature->GetGeometryRef();
        const OGRwkbGeometryType type = geom ? wkbFlatten(geom->getGeometryType()) : wkbUnknown;
        if (geom && !geom->IsEmpty() && type == wkbPoint) {
            data.x.push_back(geom->toPoint()->getX());
            data.y.push_back(geom->toPoint()->getY());
            data.value.push_back(v);
        } else if (geom && !geom->IsEmpty() && type == wkbMultiPoint) {
            for (const OGRPoint *p : *geom->toMultiPoint()) {
                data.x.push_back(p->getX());
                data.y.push_back(p->getY());
                data.value.push_back(v);
            }
        } else {
            ++data.skipped;
        }
    }
}

/// The fields and first features of the first layer of a vector file.
void previewVector(const std::string &path, FileKind kind, int wanted, LineTablePreview &preview)
{
    ensureGdalRegistered();
    if (kind.compression == FileKind::Xz)
        throw Error(ErrorCode::BadPoints, path + ": only text tables (.csv, .txt, .tsv, .xyz, .dat) can be read from "
                                                 "xz files.");
    const std::string gdalPath = kind.compression == FileKind::Gzip ? "/vsigzip/" + path : path;
    QuietGdal quiet;
    GDALDatasetUniquePtr ds(static_cast<GDALDataset *>(
        GDALOpenEx(gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds || ds->GetLayerCount() == 0) {
        std::string msg = path + " is not a table or vector file that GDAL can read (CSV, Shapefile, GeoPackage, "
                                 "GeoJSON, ...)";
        if (!quiet.lastMessage().empty())
            msg += ": " + quiet.lastMessage();
        throw Error(ErrorCode::BadPoints, msg + ".");
    }
    OGRLayer *layer = ds->GetLayer(0);
    for (int i = 0; i < ds->GetLayerCount(); ++i) { // the first point layer, as readVector() takes
        const OGRwkbGeometryType type = wkbFlatten(ds->GetLayer(i)->GetGeomType());
        if (ds->GetLayer(i)->GetLayerDefn()->GetGeomFieldCount() > 0 &&
            (type == wkbPoint || type == wkbMultiPoint || type == wkbUnknown)) {
            layer = ds->GetLayer(i);
            preview.pointGeometry = true;
            break;
        }
    }
    OGRFeatureDefn *defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        preview.columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    if (preview.pointGeometry)
        if (const OGRSpatialReference *srs = layer->GetSpatialRef())
            preview.crsWkt = wktOf(*srs);
    layer->ResetReading();
    while (int(preview.rows.size()) < wanted) {
        std::unique_ptr<OGRFeature> feature(layer->GetNextFeature());
        if (!feature)
            break;
        std::vector<std::string> row;
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
        preview.rows.push_back(std::move(row));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// GMT sessions.

/// A private folder for GMT's user and temporary files, removed at exit.
struct GmtFolder {
    std::string path;
    GmtFolder()
    {
        std::error_code ec;
        std::string pattern = (std::filesystem::temp_directory_path(ec) / "lodestone-gmt-XXXXXX").string();
        if (ec)
            pattern = "/tmp/lodestone-gmt-XXXXXX";
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        if (mkdtemp(buf.data()))
            path = buf.data();
    }
    ~GmtFolder()
    {
        if (!path.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    }
};

/// The environment of the GMT worker: ours, with GMT's user and temporary folders pointed at a private one (unless
/// the user set them), and its share folder too when GMT's own is not installed (the gmt-common package, not needed
/// by blockmedian and surface; without a share folder GMT_Create_Session fails). Made once; our own environment is
/// not changed.
const std::vector<std::string> &gmtEnvironment()
{
    static const std::vector<std::string> environment = [] {
        static GmtFolder folder;
        std::vector<std::string> env;
        for (char **e = environ; e && *e; ++e)
            env.emplace_back(*e);
        if (folder.path.empty())
            return env;
        if (!std::getenv("GMT_USERDIR"))
            env.push_back("GMT_USERDIR=" + folder.path);
        if (!std::getenv("GMT_TMPDIR"))
            env.push_back("GMT_TMPDIR=" + folder.path);
        std::error_code ec;
        if (!std::getenv("GMT_SHAREDIR") && !std::filesystem::is_directory(LODESTONE_GMT_SHARE_DIR, ec))
            env.push_back("GMT_SHAREDIR=" + folder.path);
        return env;
    }();
    return environment;
}

/// The worker executable: $LODESTONE_GRID_WORKER when set, else beside our executable (the build tree), else in
/// ../libexec/lodestone from it (installed), else where the build tree put it.
std::string gridWorkerPath()
{
    if (const char *given = std::getenv("LODESTONE_GRID_WORKER"); given && *given)
        return given;
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    std::vector<std::filesystem::path> candidates;
    if (!ec) {
        candidates.push_back(self.parent_path() / "lodestone-grid-worker");
        candidates.push_back(self.parent_path().parent_path() / LODESTONE_GRID_WORKER_INSTALLED);
    }
    candidates.emplace_back(LODESTONE_GRID_WORKER_BUILD);
    for (const auto &c : candidates)
        if (access(c.c_str(), X_OK) == 0)
            return c.string();
    std::string where;
    for (const auto &c : candidates)
        where += (where.empty() ? "" : ", ") + c.string();
    throw Error(ErrorCode::Internal, "Lodestone's gridding helper lodestone-grid-worker is missing (looked for " +
                                         where + "): reinstall Lodestone.");
}

/// An anonymous file in memory (memfd), closed with the object: nothing is left on disk, whatever happens.
class MemoryFile {
public:
    explicit MemoryFile(const char *name) : m_fd(memfd_create(name, MFD_CLOEXEC))
    {
        if (m_fd < 0)
            throw Error(ErrorCode::Internal,
                        std::string("Could not create a memory file for gridding: ") + std::strerror(errno) + ".");
    }
    ~MemoryFile() { ::close(m_fd); }
    MemoryFile(const MemoryFile &) = delete;
    MemoryFile &operator=(const MemoryFile &) = delete;
    int fd() const { return m_fd; }

    void write(const void *data, std::size_t bytes)
    {
        auto *p = static_cast<const char *>(data);
        while (bytes > 0) {
            const ssize_t n = ::write(m_fd, p, bytes);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                throw Error(ErrorCode::Internal,
                            std::string("Could not pass the readings to GMT: ") + std::strerror(errno) + ".");
            p += n;
            bytes -= std::size_t(n);
        }
    }
    /// The whole content.
    std::string read() const
    {
        std::string text;
        char buf[1 << 16];
        off_t at = 0;
        for (;;) {
            const ssize_t n = ::pread(m_fd, buf, sizeof buf, at);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            text.append(buf, std::size_t(n));
            at += n;
        }
        return text;
    }

private:
    int m_fd;
};

/// What the worker reported of GMT's messages: warnings as sentences for the result, the rest for an error.
struct WorkerMessages {
    std::vector<std::string> warnings;
    std::string errors; ///< "; "-separated
};

WorkerMessages workerMessages(const std::string &text)
{
    WorkerMessages m;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (line.empty())
            continue;
        if (line.find("[WARNING]") != std::string::npos)
            m.warnings.push_back("GMT " + line);
        else
            m.errors += (m.errors.empty() ? "" : "; ") + line;
    }
    return m;
}

/// Runs one GMT module on a table of points in lodestone-grid-worker and returns what it wrote (see
/// gridworker.h); GMT's warnings are added to warnings. The worker is polled every 20 ms: when feedback asks to
/// cancel, it is killed and Canceled thrown within that time. Throws Error (Internal) with GMT's messages when
/// the module fails.
std::string runGmtModule(const std::string &module, const std::string &options, const std::vector<double> &x,
                         const std::vector<double> &y, const std::vector<double> &z, std::vector<std::string> &warnings,
                         Feedback *feedback)
{
    MemoryFile input("lodestone-grid-input"), output("lodestone-grid-output"), messages("lodestone-grid-messages");
    const uint64_t head[2] = {kGridWorkerMagic, uint64_t(x.size())};
    input.write(head, sizeof head);
    input.write(x.data(), x.size() * sizeof(double));
    input.write(y.data(), y.size() * sizeof(double));
    input.write(z.data(), z.size() * sizeof(double));
    checkCanceled(feedback);

    const std::string worker = gridWorkerPath();
    const std::vector<std::string> args = {
        worker, std::to_string(getpid()), std::to_string(input.fd()), std::to_string(output.fd()), module, options};
    std::vector<char *> argv;
    for (const std::string &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (const std::string &e : gmtEnvironment())
        envp.push_back(const_cast<char *>(e.c_str()));
    envp.push_back(nullptr);

    // The memory files reach the worker under their own numbers (dup2 onto itself clears close-on-exec), GMT's
    // messages as its standard error; standard input and output are /dev/null. Its own process group keeps a
    // Ctrl-C at the terminal for us to handle.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, messages.fd(), 2);
    posix_spawn_file_actions_adddup2(&actions, input.fd(), input.fd());
    posix_spawn_file_actions_adddup2(&actions, output.fd(), output.fd());
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, worker.c_str(), &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0)
        throw Error(ErrorCode::Internal,
                    "Could not start Lodestone's gridding helper " + worker + ": " + std::strerror(spawned) + ".");

    // Wait, polling cancel; the worker is killed and reaped on every way out.
    struct Reaper {
        pid_t pid;
        bool done = false;
        ~Reaper()
        {
            if (done)
                return;
            ::kill(pid, SIGKILL);
            int status = 0;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
    } reaper{pid};
    int status = 0;
    for (;;) {
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            reaper.done = true; // nothing left to reap
            throw Error(ErrorCode::Internal,
                        std::string("Lost Lodestone's gridding helper: ") + std::strerror(errno) + ".");
        }
        checkCanceled(feedback);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    reaper.done = true;
    checkCanceled(feedback);
    const WorkerMessages m = workerMessages(messages.read());
    if (WIFSIGNALED(status))
        throw Error(ErrorCode::Internal, "GMT " + module + " stopped on signal " + std::to_string(WTERMSIG(status)) +
                                             (m.errors.empty() ? std::string() : ": " + m.errors) + ".");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(ErrorCode::Internal,
                    "GMT " + module + " failed" + (m.errors.empty() ? std::string() : ": " + m.errors) + ".");
    warnings.insert(warnings.end(), m.warnings.begin(), m.warnings.end());
    return output.read();
}

std::string gmtRegion(const GridSpec &g)
{
    const auto &t = g.geoTransform;
    char buf[256];
    std::snprintf(buf, sizeof buf, "-R%.17g/%.17g/%.17g/%.17g -I%.17g/%.17g -r", t[0], t[0] + g.width * t[1],
                  t[3] + g.height * t[5], t[3], t[1], -t[5]);
    return buf;
}

void checkGrid(const GridSpec &g, const std::string &what)
{
    const auto &t = g.geoTransform;
    if (!g.hasGeoTransform || g.width < 1 || g.height < 1)
        throw Error(ErrorCode::BadParameter, what + " has no georeferencing.");
    if (t[2] != 0 || t[4] != 0)
        throw Error(ErrorCode::BadParameter, what + " is rotated; gridding needs a north-up grid.");
    if (!(t[1] > 0) || !(t[5] < 0))
        throw Error(ErrorCode::BadParameter, what + " is not north-up with positive cell sizes.");
    if (std::fabs(t[1] + t[5]) > 1e-6 * t[1])
        throw Error(ErrorCode::BadParameter,
                    what + " has cells of " + number(t[1]) + " x " + number(-t[5]) + "; gridding needs square cells.");
}

/// The size of the grid surface works on: at least w x h, with a large common factor of both sides made of 2, 3
/// and 5, so that surface first solves on coarse grids (stride = that factor) and refines, which converges in far
/// fewer iterations than on the fine grid alone. GMT's surface enlarges the region for the same reason, but
/// GMT 6.4 places an enlarged pixel-registered grid half a cell off when it adds an odd number of cells, which
/// makes some readings unusable and the result 25 to 40 times less accurate on smooth test fields; so the region
/// is enlarged here by whole cells and surface is told to use it as given (-Qr).
std::pair<int, int> surfaceSize(int w, int h)
{
    std::vector<int> factors;
    for (long a = 1; a <= std::min(w, h); a *= 2)
        for (long b = a; b <= std::min(w, h); b *= 3)
            for (long c = b; c <= std::min(w, h); c *= 5)
                factors.push_back(int(c));
    std::sort(factors.rbegin(), factors.rend());
    const double allowed = 1.10 * double(w) * double(h) + 2.0 * (w + h) + 4;
    for (int g : factors) {
        const int W = (w + g - 1) / g * g, H = (h + g - 1) / g * g;
        if (W / g >= 2 && H / g >= 2 && double(W) * double(H) <= allowed)
            return {W, H};
    }
    return {w, h};
}

} // namespace

// -------------------------------------------------------------------------------------------------------------------

std::string crsWktFromUserInput(const std::string &crs, const std::string &forFile)
{
    ensureGdalRegistered();
    OGRSpatialReference srs;
    QuietGdal quiet;
    if (crs.empty() ||
        srs.SetFromUserInput(crs.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) != OGRERR_NONE)
        throw Error(ErrorCode::BadParameter,
                    "\"" + crs + "\"" + (forFile.empty() ? std::string() : ", given for " + forFile + ",") +
                        " is not a coordinate reference system that GDAL understands (e.g. EPSG:4326 or EPSG:32754).");
    return wktOf(srs);
}

LineData readLineData(const std::string &path, const LineReadOptions &options, Feedback *feedback)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::FileNotFound, "File not found: " + path);
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0)
        throw Error(ErrorCode::EmptyData, path + " is empty: it has no header line and no readings.");
    std::string userWkt;
    if (!options.crs.empty())
        userWkt = crsWktFromUserInput(options.crs, path);
    reportStage(feedback, "Reading " + std::filesystem::path(path).filename().string());

    LineData data;
    data.path = path;
    const FileKind kind = fileKind(path);
    if (kind.text)
        readTextTable(path, kind, options, data, feedback);
    else
        readVector(path, kind, options, data, feedback);
    if (!userWkt.empty())
        data.crsWkt = userWkt;
    if (data.value.empty())
        throw Error(ErrorCode::EmptyData,
                    path + " holds no reading" +
                        (data.skipped ? " with numbers in " + data.xColumn + ", " + data.yColumn + " and " +
                                            data.valueColumn + " (" + plural(data.skipped, "row", "rows") + " without)"
                                      : std::string()) +
                        ".");
    reportProgress(feedback, 1.0);
    return data;
}

std::size_t reprojectLineData(LineData &data, const std::string &crsWkt, Feedback *feedback)
{
    const std::string name = data.path.empty() ? std::string("the readings") : data.path;
    if (crsWkt.empty())
        return 0;
    if (data.crsWkt.empty())
        throw Error(ErrorCode::BadParameter, name + " declares no CRS, so its coordinates cannot be reprojected; give "
                                                    "their CRS (--crs, e.g. EPSG:4326 for longitude/latitude).");
    reportStage(feedback, "Reprojecting");
    checkCanceled(feedback);
    PointSet points;
    points.path = data.path;
    points.crsWkt = data.crsWkt;
    points.x = std::move(data.x);
    points.y = std::move(data.y);
    PointSet out = reprojectPoints(points, crsWkt);
    data.crsWkt = crsWkt;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.x.size(); ++i) {
        if (!std::isfinite(out.x[i]) || !std::isfinite(out.y[i]))
            continue;
        out.x[kept] = out.x[i];
        out.y[kept] = out.y[i];
        data.value[kept] = data.value[i];
        ++kept;
    }
    const std::size_t dropped = out.x.size() - kept;
    out.x.resize(kept);
    out.y.resize(kept);
    data.value.resize(kept);
    data.x = std::move(out.x);
    data.y = std::move(out.y);
    if (kept == 0) {
        OGRSpatialReference src;
        src.importFromWkt(points.crsWkt.c_str());
        const bool degrees = src.IsGeographic() && std::fabs(points.x[0]) <= 360 && std::fabs(points.y[0]) <= 90;
        throw Error(ErrorCode::BadPoints,
                    "No reading of " + name + " could be reprojected" +
                        (src.IsGeographic() && !degrees
                             ? std::string("; its coordinates (e.g. ") + number(points.x[0]) + ", " +
                                   number(points.y[0]) + ") are not longitude/latitude: give their CRS with --crs"
                             : std::string()) +
                        ".");
    }
    reportProgress(feedback, 1.0);
    return dropped;
}

LineTablePreview previewLineTable(const std::string &path, int rows)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::FileNotFound, "File not found: " + path);
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0)
        throw Error(ErrorCode::EmptyData, path + " is empty: it has no header line and no readings.");
    LineTablePreview preview;
    const FileKind kind = fileKind(path);
    if (kind.text)
        previewTextTable(path, kind, std::max(rows, 0), preview);
    else
        previewVector(path, kind, std::max(rows, 0), preview);
    return preview;
}

std::string utmCrsForLineData(const LineData &data)
{
    if (data.crsWkt.empty())
        return {};
    double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin, ymin = xmin, ymax = -xmin;
    for (std::size_t i = 0; i < data.x.size() && i < data.y.size(); ++i) {
        if (!std::isfinite(data.x[i]) || !std::isfinite(data.y[i]))
            continue;
        xmin = std::min(xmin, data.x[i]);
        xmax = std::max(xmax, data.x[i]);
        ymin = std::min(ymin, data.y[i]);
        ymax = std::max(ymax, data.y[i]);
    }
    if (!(xmin <= xmax && ymin <= ymax))
        return {};
    PointSet centre;
    centre.crsWkt = data.crsWkt;
    centre.x = {0.5 * (xmin + xmax)};
    centre.y = {0.5 * (ymin + ymax)};
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    try {
        centre = reprojectPoints(centre, wktOf(wgs84));
    } catch (const Error &) {
        return {};
    }
    const double lon = centre.x[0], lat = centre.y[0];
    if (!std::isfinite(lon) || !std::isfinite(lat) || lat > 84 || lat < -80)
        return {}; // UTM stops at 84 N and 80 S; polar grids need another projection
    const int zone = (int(std::floor((lon + 180.0) / 6.0)) % 60 + 60) % 60 + 1;
    return "EPSG:" + std::to_string((lat < 0 ? 32700 : 32600) + zone);
}

GridSpec gridFromRaster(const std::string &path)
{
    RasterInfo info = readRasterInfo(path);
    checkGrid(info.grid, path);
    return info.grid;
}

GridSpec gridFromExtent(double xmin, double ymin, double xmax, double ymax, double cell, const std::string &crsWkt)
{
    if (!(cell > 0) || !std::isfinite(cell))
        throw Error(ErrorCode::BadParameter, "The cell size must be a positive number, not " + number(cell) + ".");
    if (!(xmax > xmin) || !(ymax > ymin) || !std::isfinite(xmax - xmin) || !std::isfinite(ymax - ymin))
        throw Error(ErrorCode::BadParameter, "The extent x " + number(xmin) + " to " + number(xmax) + ", y " +
                                                 number(ymin) + " to " + number(ymax) + " is empty.");
    GridSpec g;
    const double w = std::ceil((xmax - xmin) / cell - 1e-9), h = std::ceil((ymax - ymin) / cell - 1e-9);
    if (w * h > double(kMaxCells))
        throw Error(ErrorCode::BadParameter, "A cell of " + number(cell) + " would make a grid of " + number(w) +
                                                 " x " + number(h) + " cells; use a larger cell.");
    g.width = int(w);
    g.height = int(h);
    g.geoTransform = {xmin, cell, 0, ymax, 0, -cell};
    g.hasGeoTransform = true;
    g.crsWkt = crsWkt;
    return g;
}

GriddingResult gridLineData(const LineData &data, const GriddingParams &params, Feedback *feedback)
{
    const std::string name = data.path.empty() ? std::string("the readings") : data.path;
    if (!(params.tension >= 0 && params.tension <= 1))
        throw Error(ErrorCode::BadParameter, "The tension must be from 0 (minimum curvature) to 1 (harmonic), not " +
                                                 number(params.tension) + ".");
    if (!(params.convergence >= 0) || params.maxIterations < 0)
        throw Error(ErrorCode::BadParameter, "The convergence limit and the iteration count must not be negative.");
    if (data.x.size() != data.value.size() || data.y.size() != data.value.size())
        throw Error(ErrorCode::Internal, "The coordinates and values of " + name + " differ in count.");

    // The output grid: given, or the readings' bounds snapped outward to whole cells.
    GridSpec grid = params.grid;
    if (grid.hasGeoTransform) {
        checkGrid(grid, "The output grid");
        if (grid.crsWkt.empty())
            grid.crsWkt = data.crsWkt;
        else if (!data.crsWkt.empty() && !sameCrs(grid.crsWkt, data.crsWkt))
            throw Error(ErrorCode::BadParameter, "The readings of " + name + " are in " + crsName(data.crsWkt) +
                                                     " but the output grid is in " + crsName(grid.crsWkt) +
                                                     "; reproject them to the grid's CRS first.");
    } else {
        const double cell = params.cell;
        if (!(cell > 0) || !std::isfinite(cell))
            throw Error(ErrorCode::BadParameter, "The cell size must be a positive number, not " + number(cell) + ".");
        double minX = std::numeric_limits<double>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
        for (std::size_t i = 0; i < data.size(); ++i) {
            if (!std::isfinite(data.x[i]) || !std::isfinite(data.y[i]) || !std::isfinite(data.value[i]))
                continue;
            minX = std::min(minX, data.x[i]);
            maxX = std::max(maxX, data.x[i]);
            minY = std::min(minY, data.y[i]);
            maxY = std::max(maxY, data.y[i]);
        }
        if (!(maxX >= minX))
            throw Error(ErrorCode::EmptyData, name + " holds no reading with finite coordinates and value.");
        const double x0 = std::floor(minX / cell) * cell, y1 = (std::floor(maxY / cell) + 1) * cell;
        const double x1 = (std::floor(maxX / cell) + 1) * cell, y0 = std::floor(minY / cell) * cell;
        grid = gridFromExtent(x0, y0, x1, y1, cell, data.crsWkt);
    }
    if (grid.width < 4 || grid.height < 4)
        throw Error(ErrorCode::BadParameter, "The grid of " + name + " would be " + std::to_string(grid.width) + " x " +
                                                 std::to_string(grid.height) +
                                                 " cells; surface needs at least 4 x 4: use a smaller cell.");
    if (grid.pixelCount() > kMaxCells)
        throw Error(ErrorCode::BadParameter, "The grid would be " + std::to_string(grid.width) + " x " +
                                                 std::to_string(grid.height) + " cells; use a larger cell.");
    const double cell = grid.geoTransform[1];
    const double maxDistance = params.maxDistance < 0 ? kDefaultMaskCells * cell : params.maxDistance;
    const bool masked = std::isfinite(maxDistance);

    // Work on a grid a few cells larger than an explicitly given one, so that readings just outside it constrain
    // its edges and count for the mask, enlarged to a size that surface solves quickly; then crop.
    const int pad =
        params.grid.hasGeoTransform ? (masked ? std::min(64, int(std::ceil(maxDistance / cell)) + 2) : 8) : 0;
    const auto [W, H] = surfaceSize(grid.width + 2 * pad, grid.height + 2 * pad);
    const int ox = pad + (W - grid.width - 2 * pad) / 2, oy = pad + (H - grid.height - 2 * pad) / 2;
    GridSpec work = grid;
    work.width = W;
    work.height = H;
    work.geoTransform[0] -= ox * cell;
    work.geoTransform[3] += oy * cell;

    // Readings inside the working grid.
    GriddingResult result;
    result.grid = grid;
    result.maxDistance = masked ? maxDistance : std::numeric_limits<double>::infinity();
    const double wx0 = work.geoTransform[0], wy1 = work.geoTransform[3];
    std::vector<double> xs, ys, zs;
    xs.reserve(data.size());
    ys.reserve(data.size());
    zs.reserve(data.size());
    cv::Mat noReading(H, W, CV_8U, cv::Scalar(255));
    std::size_t inOutput = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const double col = (data.x[i] - wx0) / cell, row = (wy1 - data.y[i]) / cell;
        if (!(col >= 0 && col < W && row >= 0 && row < H) || !std::isfinite(data.value[i]))
            continue;
        xs.push_back(data.x[i]);
        ys.push_back(data.y[i]);
        zs.push_back(data.value[i]);
        const int c = std::min(W - 1, int(col)), r = std::min(H - 1, int(row));
        noReading.at<uint8_t>(r, c) = 0;
        inOutput += (c >= ox && c < ox + grid.width && r >= oy && r < oy + grid.height);
    }
    result.readings = xs.size();
    if (xs.size() < 4)
        throw Error(ErrorCode::EmptyData, "Only " + plural(inOutput, "reading", "readings") + " of " + name +
                                              " fall in the grid (x " + number(grid.geoTransform[0]) + " to " +
                                              number(grid.geoTransform[0] + grid.width * cell) + ", y " +
                                              number(grid.geoTransform[3] - grid.height * cell) + " to " +
                                              number(grid.geoTransform[3]) +
                                              "); gridding needs at least 4. Are the readings in the grid's CRS?");
    checkCanceled(feedback);

    // GMT's modules run in lodestone-grid-worker, which a cancel stops at once.
    std::vector<std::string> gmtWarnings;
    const std::string region = gmtRegion(work);

    // Decimation: one point per cell.
    reportStage(feedback, params.decimation == Decimation::BlockMean ? "Block means" : "Block medians");
    auto t0 = std::chrono::steady_clock::now();
    const std::string blockTable =
        runGmtModule(params.decimation == Decimation::BlockMean ? "blockmean" : "blockmedian", region + " -Vw", xs, ys,
                     zs, gmtWarnings, feedback);
    uint64_t blockHead[2] = {};
    if (blockTable.size() < sizeof blockHead)
        throw Error(ErrorCode::Internal, "GMT's block table came back truncated.");
    std::memcpy(blockHead, blockTable.data(), sizeof blockHead);
    if (blockHead[0] != kGridWorkerMagic || blockTable.size() != sizeof blockHead + 3 * blockHead[1] * sizeof(double))
        throw Error(ErrorCode::Internal, "GMT's block table came back damaged.");
    result.blocks = std::size_t(blockHead[1]);
    result.decimateSeconds = seconds(t0);
    if (result.blocks < 4)
        throw Error(ErrorCode::EmptyData, "The readings of " + name + " fall in only " +
                                              plural(result.blocks, "cell", "cells") +
                                              "; gridding needs at least 4: use a smaller cell.");
    {
        std::vector<double>().swap(xs);
        std::vector<double>().swap(ys);
        std::vector<double>().swap(zs);
        const char *p = blockTable.data() + sizeof blockHead;
        const std::size_t bytes = result.blocks * sizeof(double);
        xs.resize(result.blocks);
        ys.resize(result.blocks);
        zs.resize(result.blocks);
        std::memcpy(xs.data(), p, bytes);
        std::memcpy(ys.data(), p + bytes, bytes);
        std::memcpy(zs.data(), p + 2 * bytes, bytes);
    }
    checkCanceled(feedback);

    // Minimum curvature in tension.
    reportStage(feedback, "Minimum curvature (GMT surface)");
    t0 = std::chrono::steady_clock::now();
    char tension[64];
    std::snprintf(tension, sizeof tension, " -T%.6g", params.tension);
    std::string args = region + " -Qr" + tension + " -Vw";
    if (params.convergence > 0) {
        char c[64];
        std::snprintf(c, sizeof c, " -C%.10g", params.convergence);
        args += c;
    }
    if (params.maxIterations > 0)
        args += " -N" + std::to_string(params.maxIterations);
    const std::string surfaceGrid = runGmtModule("surface", args, xs, ys, zs, gmtWarnings, feedback);
    uint64_t gridHead[3] = {};
    if (surfaceGrid.size() < sizeof gridHead)
        throw Error(ErrorCode::Internal, "GMT surface's grid came back truncated.");
    std::memcpy(gridHead, surfaceGrid.data(), sizeof gridHead);
    if (gridHead[0] != kGridWorkerMagic || gridHead[1] != uint64_t(W) || gridHead[2] != uint64_t(H))
        throw Error(ErrorCode::Internal, "GMT surface returned a grid of " + std::to_string(gridHead[1]) + " x " +
                                             std::to_string(gridHead[2]) + " instead of " + std::to_string(W) + " x " +
                                             std::to_string(H) + ".");
    if (surfaceGrid.size() != sizeof gridHead + std::size_t(W) * H * sizeof(float))
        throw Error(ErrorCode::Internal, "GMT surface's grid came back truncated.");
    const auto *surfaceValues = reinterpret_cast<const float *>(surfaceGrid.data() + sizeof gridHead);
    result.surfaceSeconds = seconds(t0);
    checkCanceled(feedback);

    // Mask: cells farther than maxDistance from every cell holding a reading (between cell centres).
    reportStage(feedback, "Masking cells far from readings");
    t0 = std::chrono::steady_clock::now();
    cv::Mat distance;
    if (masked)
        cv::distanceTransform(noReading, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
    const double maxCells = maxDistance / cell;
    result.values.assign(grid.pixelCount(), std::numeric_limits<float>::quiet_NaN());
    for (int r = 0; r < grid.height; ++r) {
        const float *dist = masked ? distance.ptr<float>(r + oy) + ox : nullptr;
        float *out = result.values.data() + std::size_t(r) * grid.width;
        for (int c = 0; c < grid.width; ++c) {
            if (masked && double(dist[c]) > maxCells + 1e-6)
                continue;
            float v;
            std::memcpy(&v, surfaceValues + std::size_t(r + oy) * W + (c + ox), sizeof v);
            if (std::isfinite(v)) {
                out[c] = v;
                ++result.validCells;
            }
        }
    }
    result.maskSeconds = seconds(t0);
    if (grid.crsWkt.empty())
        result.warnings.push_back("Neither " + name + " nor the grid declare a CRS, so the grid has none.");
    else if (auto srs = srsFromWkt(grid.crsWkt); srs && srs->IsGeographic())
        result.warnings.push_back("The grid is in longitude/latitude, so its cells and the mask distance are in "
                                  "degrees; reproject to a projected CRS (e.g. UTM) for a grid in metres.");
    result.warnings.insert(result.warnings.end(), gmtWarnings.begin(), gmtWarnings.end());
    return result;
}

void writeGriddingResult(const std::string &path, const GriddingResult &result, const std::string &bandName,
                         Feedback *feedback)
{
    reportStage(feedback, "Writing " + std::filesystem::path(path).filename().string());
    writeFloatGeoTiff(path, result.grid, {result.values.data()}, std::numeric_limits<float>::quiet_NaN(), {bandName},
                      Compression::Deflate, feedback);
}

std::string gmtVersion()
{
    unsigned major = 0, minor = 0, patch = 0;
    GMT_Get_Version(nullptr, &major, &minor, &patch);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

} // namespace lodestone
