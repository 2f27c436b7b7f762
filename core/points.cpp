// Occurrence points through GDAL/OGR: point files read (CSV or any OGR vector), reprojected, burnt into labels,
// and random non-deposit pixels away from the occurrences.
#include "labels.h"
#include "labelsdetail.h"

#include "error.h"
#include "gdalhelpers.h"
#include "random.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace lodestone {

namespace {

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation *ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};

std::string coordinate(double x, double y)
{
    return "(" + number(x) + ", " + number(y) + ")";
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t\r\n\"'");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n\"'");
    return s.substr(first, last - first + 1);
}

bool isProjected(const std::string &wkt)
{
    auto srs = srsFromWkt(wkt);
    return srs && srs->IsProjected();
}

/// "x 345975 to 414025, y 7458025 to 7540125", from the corners of the grid.
std::string extentText(const GridSpec &g)
{
    const double *t = g.geoTransform.data();
    double minX = std::numeric_limits<double>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
    for (int corner = 0; corner < 4; ++corner) {
        const double c = (corner & 1) ? g.width : 0, r = (corner & 2) ? g.height : 0;
        const double x = t[0] + c * t[1] + r * t[2], y = t[3] + c * t[4] + r * t[5];
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    }
    return "x " + number(minX) + " to " + number(maxX) + ", y " + number(minY) + " to " + number(maxY);
}

std::string pointsName(const PointSet &points)
{
    return points.path.empty() ? std::string("the points") : points.path;
}

/// Parses a coordinate written in a table; accepts a decimal comma when there is no decimal point.
bool parseCoordinate(std::string text, double &value)
{
    text = trim(text);
    if (text.empty())
        return false;
    if (text.find('.') == std::string::npos && std::count(text.begin(), text.end(), ',') == 1)
        std::replace(text.begin(), text.end(), ',', '.');
    char *end = nullptr;
    value = CPLStrtod(text.c_str(), &end); // locale independent, unlike std::strtod under Qt
    return end && *end == '\0' && std::isfinite(value);
}

GDALDatasetUniquePtr openVector(const std::string &path)
{
    ensureGdalRegistered();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::FileNotFound, "File not found: " + path);
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    // Plain-text tables go to the CSV driver even with extensions it does not claim (e.g. .txt).
    const bool text = ext == ".csv" || ext == ".txt" || ext == ".tsv";
    const char *csvOnly[] = {"CSV", nullptr};
    QuietGdal quiet;
    auto *ds = static_cast<GDALDataset *>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, text ? csvOnly : nullptr, nullptr, nullptr));
    if (!ds && text)
        ds = static_cast<GDALDataset *>(
            GDALOpenEx(("CSV:" + path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, csvOnly, nullptr, nullptr));
    if (!ds) {
        std::string msg = path + " is not a table or vector file that GDAL can read (CSV, Shapefile, "
                                 "GeoPackage, GeoJSON, ...)";
        const std::string gdalMessage = quiet.lastMessage();
        if (!gdalMessage.empty())
            msg += ": " + gdalMessage;
        throw Error(ErrorCode::BadPoints, msg + ".");
    }
    return GDALDatasetUniquePtr(ds);
}

bool isPointType(OGRwkbGeometryType type)
{
    const OGRwkbGeometryType flat = wkbFlatten(type);
    return flat == wkbPoint || flat == wkbMultiPoint || flat == wkbUnknown;
}

/** The names of layer's fields, and a feature's fields as text. */
void readAttributeNames(OGRLayer &layer, PointSet &points)
{
    OGRFeatureDefn *defn = layer.GetLayerDefn();
    points.attributeNames.clear();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        points.attributeNames.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
}

std::vector<std::string> attributesOf(const OGRFeature &feature)
{
    std::vector<std::string> values;
    for (int i = 0; i < feature.GetFieldCount(); ++i)
        values.emplace_back(feature.IsFieldSetAndNotNull(i) ? feature.GetFieldAsString(i) : "");
    return values;
}

void readPointGeometries(OGRLayer &layer, PointSet &points)
{
    readAttributeNames(layer, points);
    layer.ResetReading();
    std::size_t featureNumber = 0;
    for (;;) {
        std::unique_ptr<OGRFeature> feature(layer.GetNextFeature());
        if (!feature)
            break;
        ++featureNumber;
        const OGRGeometry *geom = feature->GetGeometryRef();
        if (!geom || geom->IsEmpty()) {
            ++points.skipped;
            continue;
        }
        const OGRwkbGeometryType type = wkbFlatten(geom->getGeometryType());
        if (type == wkbPoint) {
            const auto *p = geom->toPoint();
            points.x.push_back(p->getX());
            points.y.push_back(p->getY());
            points.attributes.push_back(attributesOf(*feature));
        } else if (type == wkbMultiPoint) {
            for (const OGRPoint *p : *geom->toMultiPoint()) {
                if (p->IsEmpty())
                    continue;
                points.x.push_back(p->getX());
                points.y.push_back(p->getY());
                points.attributes.push_back(attributesOf(*feature));
            }
        } else {
            throw Error(ErrorCode::BadPoints, points.path + " holds a " + geom->getGeometryName() +
                                                  " geometry (feature " + std::to_string(featureNumber) + " of layer " +
                                                  layer.GetName() + "); occurrences must be points or multipoints.");
        }
    }
}

void readPointColumns(OGRLayer &layer, PointSet &points)
{
    static const std::pair<const char *, const char *> pairs[] = {
        {"x", "y"}, {"easting", "northing"}, {"lon", "lat"}, {"longitude", "latitude"}};
    OGRFeatureDefn *defn = layer.GetLayerDefn();
    std::vector<std::string> names;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        names.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    auto find = [&](const char *wanted) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (lower(trim(names[i])) == wanted)
                return int(i);
        return -1;
    };
    int xField = -1, yField = -1;
    for (const auto &pair : pairs) {
        xField = find(pair.first);
        yField = find(pair.second);
        if (xField >= 0 && yField >= 0)
            break;
    }
    if (xField < 0 || yField < 0) {
        std::string found;
        for (const std::string &n : names)
            found += (found.empty() ? "" : ", ") + n;
        throw Error(ErrorCode::BadPoints,
                    points.path +
                        " has no coordinate columns: expected X and Y, Easting and Northing, Lon and Lat, "
                        "or Longitude and Latitude (in any case), but its columns are: " +
                        (found.empty() ? std::string("none") : found) + ".");
    }
    points.xColumn = names[xField];
    points.yColumn = names[yField];
    readAttributeNames(layer, points);

    layer.ResetReading();
    std::size_t row = 0;
    for (;;) {
        std::unique_ptr<OGRFeature> feature(layer.GetNextFeature());
        if (!feature)
            break;
        ++row;
        const bool hasX = feature->IsFieldSetAndNotNull(xField) && !trim(feature->GetFieldAsString(xField)).empty();
        const bool hasY = feature->IsFieldSetAndNotNull(yField) && !trim(feature->GetFieldAsString(yField)).empty();
        if (!hasX || !hasY) {
            ++points.skipped;
            continue;
        }
        double v[2];
        const int fields[2] = {xField, yField};
        for (int k = 0; k < 2; ++k) {
            const OGRFieldType type = defn->GetFieldDefn(fields[k])->GetType();
            bool ok;
            if (type == OFTReal || type == OFTInteger || type == OFTInteger64) {
                v[k] = feature->GetFieldAsDouble(fields[k]);
                ok = std::isfinite(v[k]);
            } else {
                ok = parseCoordinate(feature->GetFieldAsString(fields[k]), v[k]);
            }
            if (!ok)
                throw Error(ErrorCode::BadPoints,
                            points.path + ": data row " + std::to_string(row) + " has " + names[fields[k]] + " = \"" +
                                feature->GetFieldAsString(fields[k]) + "\", which is not a number.");
        }
        points.x.push_back(v[0]);
        points.y.push_back(v[1]);
        points.attributes.push_back(attributesOf(*feature));
    }
}

/// Index of occurrence points for "is any occurrence closer than d?" queries: buckets of side >= d.
class OccurrenceIndex {
public:
    OccurrenceIndex(const std::vector<std::pair<double, double>> &points, double minDistance, const GridSpec &grid)
        : m_d2(minDistance * minDistance)
    {
        if (minDistance <= 0)
            return;
        const double pixel = std::max({std::abs(grid.geoTransform[1]), std::abs(grid.geoTransform[2]),
                                       std::abs(grid.geoTransform[4]), std::abs(grid.geoTransform[5])});
        m_cell = std::max(minDistance, pixel);
        // Occurrences farther than minDistance from the grid cannot exclude any pixel; leaving them out also
        // keeps bucket numbers small.
        const double *t = grid.geoTransform.data();
        m_minX = m_minY = std::numeric_limits<double>::infinity();
        double maxX = -m_minX, maxY = -m_minY;
        for (int corner = 0; corner < 4; ++corner) {
            const double c = (corner & 1) ? grid.width : 0, r = (corner & 2) ? grid.height : 0;
            const double x = t[0] + c * t[1] + r * t[2], y = t[3] + c * t[4] + r * t[5];
            m_minX = std::min(m_minX, x);
            maxX = std::max(maxX, x);
            m_minY = std::min(m_minY, y);
            maxY = std::max(maxY, y);
        }
        m_minX -= minDistance;
        m_minY -= minDistance;
        for (const auto &p : points) {
            if (!(p.first >= m_minX && p.first <= maxX + minDistance && p.second >= m_minY &&
                  p.second <= maxY + minDistance))
                continue;
            m_buckets[key(bucketOf(p.first, m_minX), bucketOf(p.second, m_minY))].push_back(p);
        }
    }

    bool farEnough(double x, double y) const
    {
        if (m_buckets.empty())
            return true;
        const std::int64_t bx = bucketOf(x, m_minX), by = bucketOf(y, m_minY);
        for (std::int64_t dy = -1; dy <= 1; ++dy) {
            for (std::int64_t dx = -1; dx <= 1; ++dx) {
                auto it = m_buckets.find(key(bx + dx, by + dy));
                if (it == m_buckets.end())
                    continue;
                for (const auto &p : it->second) {
                    const double ex = p.first - x, ey = p.second - y;
                    if (ex * ex + ey * ey < m_d2)
                        return false;
                }
            }
        }
        return true;
    }

private:
    std::int64_t bucketOf(double v, double origin) const { return std::int64_t(std::floor((v - origin) / m_cell)); }
    static std::uint64_t key(std::int64_t bx, std::int64_t by)
    {
        return (std::uint64_t(bx + 1) << 32) ^ std::uint64_t(by + 1);
    }

    double m_d2 = 0;
    double m_cell = 1;
    double m_minX = 0, m_minY = 0;
    std::unordered_map<std::uint64_t, std::vector<std::pair<double, double>>> m_buckets;
};

void addNegatives(LabelImage &labels, const Raster &survey, std::vector<std::pair<double, double>> occurrences,
                  int count, double minDistance, std::uint64_t seed)
{
    const GridSpec &g = survey.grid;
    if (labels.values.size() != g.pixelCount() || !labels.grid.sameGrid(g) || survey.valid.size() != g.pixelCount())
        throw Error(ErrorCode::GridMismatch, "The labels are not on the grid of " + surveyName(survey) + " (" +
                                                 g.describeDifference(labels.grid) + ").");
    if (count < 0)
        throw Error(ErrorCode::BadParameter, "The number of random non-deposit pixels must not be negative (it is " +
                                                 std::to_string(count) + ").");
    if (!std::isfinite(minDistance) || minDistance < 0)
        throw Error(ErrorCode::BadParameter, "The minimum distance of random non-deposit pixels from occurrences must "
                                             "be zero or more map units (it is " +
                                                 number(minDistance) + ").");
    if (count == 0)
        return;

    const int w = g.width;
    const std::size_t n = g.pixelCount();
    for (std::size_t i = 0; i < n; ++i) {
        if (labels.values[i] == LabelDeposit) {
            double x, y;
            g.pixelToMap(double(i % w), double(i / w), x, y);
            occurrences.emplace_back(x, y);
        }
    }
    const OccurrenceIndex index(occurrences, minDistance, g);
    auto eligible = [&](std::size_t i) {
        if (!survey.valid[i] || labels.values[i] != LabelUnknown)
            return false;
        double x, y;
        g.pixelToMap(double(i % w), double(i / w), x, y);
        return index.farEnough(x, y);
    };

    std::mt19937_64 rng(seed);
    std::vector<std::size_t> chosen;
    chosen.reserve(std::size_t(count));

    // Rejection sampling is fast when most pixels qualify; stop when the acceptance rate drops (few eligible
    // pixels, or most of them already drawn) and enumerate instead.
    const std::size_t maxDraws = 64 * std::size_t(count) + 10000;
    std::size_t draws = 0;
    while (chosen.size() < std::size_t(count)) {
        if (draws >= maxDraws || (draws >= 2000 && chosen.size() * 10 < draws))
            break;
        ++draws;
        const std::size_t i = std::size_t(uniformBelow(rng, n));
        if (eligible(i)) {
            labels.values[i] = LabelNonDeposit;
            chosen.push_back(i);
        }
    }
    if (chosen.size() < std::size_t(count)) {
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i < n; ++i)
            if (eligible(i))
                candidates.push_back(i);
        const std::size_t need = std::size_t(count) - chosen.size();
        if (candidates.size() < need) {
            const std::size_t available = chosen.size() + candidates.size();
            for (std::size_t i : chosen)
                labels.values[i] = LabelUnknown;
            throw Error(ErrorCode::TooFewLabels,
                        "Only " + plural(available, "valid, unlabelled pixel lies", "valid, unlabelled pixels lie") +
                            " at least " + number(minDistance) + " map units from every occurrence in " +
                            surveyName(survey) + ", fewer than the " + std::to_string(count) +
                            " random non-deposit pixels asked for; ask for fewer or lower the minimum distance." +
                            (describeCrs(g.crsWkt).geographic
                                 ? " The survey is in geographic coordinates, so its map units are degrees (0.01 "
                                   "degree of latitude is about 1.1 km)."
                                 : ""));
        }
        // Partial Fisher-Yates shuffle with the same portable draw.
        for (std::size_t j = 0; j < need; ++j) {
            const std::size_t k = j + std::size_t(uniformBelow(rng, candidates.size() - j));
            std::swap(candidates[j], candidates[k]);
            labels.values[candidates[j]] = LabelNonDeposit;
        }
    }
}

} // namespace

PointSet readPoints(const std::string &path, const std::string &crs)
{
    ensureGdalRegistered();
    std::unique_ptr<OGRSpatialReference> userSrs;
    if (!crs.empty()) {
        userSrs = std::make_unique<OGRSpatialReference>();
        QuietGdal quiet;
        if (userSrs->SetFromUserInput(crs.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) !=
            OGRERR_NONE)
            throw Error(ErrorCode::BadParameter, "\"" + crs + "\", given as the CRS of " + path +
                                                     ", is not a coordinate reference system that GDAL understands "
                                                     "(e.g. EPSG:4326 or EPSG:3067).");
    }

    GDALDatasetUniquePtr ds = openVector(path);
    PointSet points;
    points.path = path;

    // The first layer with point geometries; otherwise the first layer without geometry, as a table.
    OGRLayer *pointLayer = nullptr, *tableLayer = nullptr;
    std::string layerList;
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer *layer = ds->GetLayer(i);
        const bool hasGeometry = layer->GetLayerDefn()->GetGeomFieldCount() > 0;
        layerList += std::string(layerList.empty() ? "" : ", ") + layer->GetName() + " (" +
                     (hasGeometry ? OGRGeometryTypeToName(layer->GetGeomType()) : "no geometry") + ")";
        if (hasGeometry && isPointType(layer->GetGeomType()) && !pointLayer)
            pointLayer = layer;
        if (!hasGeometry && !tableLayer)
            tableLayer = layer;
    }
    {
        QuietGdal quiet;
        if (pointLayer) {
            readPointGeometries(*pointLayer, points);
            if (const OGRSpatialReference *srs = pointLayer->GetSpatialRef())
                points.crsWkt = wktOf(*srs);
        } else if (tableLayer) {
            readPointColumns(*tableLayer, points);
        } else {
            throw Error(ErrorCode::BadPoints,
                        path + " holds no point layer" +
                            (layerList.empty() ? std::string() : " (its layers: " + layerList + ")") +
                            "; occurrences must be points, or a table with X/Y columns.");
        }
    }
    if (userSrs)
        points.crsWkt = wktOf(*userSrs);
    if (points.x.empty())
        throw Error(ErrorCode::BadPoints,
                    path + " holds no point" +
                        (points.skipped ? " (" + plural(points.skipped, "row or feature", "rows or features") +
                                              " without coordinates)"
                                        : std::string()) +
                        ".");
    return points;
}

PointSet reprojectPoints(const PointSet &points, const std::string &crsWkt)
{
    PointSet out = points;
    if (points.crsWkt.empty() || crsWkt.empty())
        return out;
    auto src = srsFromWkt(points.crsWkt), dst = srsFromWkt(crsWkt);
    if (!src || !dst)
        throw Error(ErrorCode::BadPoints, "The CRS of " + pointsName(points) + " or of the survey cannot be read.");
    out.crsWkt = crsWkt;
    if (src->IsSame(dst.get()))
        return out;
    QuietGdal quiet;
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> ct(
        OGRCreateCoordinateTransformation(src.get(), dst.get()));
    if (!ct)
        throw Error(ErrorCode::BadPoints, "The points of " + pointsName(points) + " cannot be transformed from " +
                                              crsName(points.crsWkt) + " to " + crsName(crsWkt) + " (" +
                                              quiet.lastMessage() + ").");
    if (out.x.empty())
        return out;
    std::vector<int> success(out.x.size(), 0);
    ct->Transform(int(out.x.size()), out.x.data(), out.y.data(), nullptr, success.data());
    for (std::size_t i = 0; i < out.x.size(); ++i) {
        if (!success[i] || !std::isfinite(out.x[i]) || !std::isfinite(out.y[i]))
            out.x[i] = out.y[i] = std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

LabelImage labelsFromPoints(const PointSet &points, const Raster &survey, OutsidePolicy policy, LabelLoadReport *report)
{
    const GridSpec &g = survey.grid;
    const std::string name = pointsName(points);
    if (!g.hasGeoTransform)
        throw Error(ErrorCode::BadParameter, surveyName(survey) + " has no georeferencing, so the points of " + name +
                                                 " cannot be placed on it.");
    if (points.x.empty())
        throw Error(ErrorCode::BadPoints, name + " holds no point.");

    LabelLoadReport rep;
    const bool crsUnknown = points.crsWkt.empty();
    if (!crsUnknown && g.crsWkt.empty())
        rep.warnings.push_back(surveyName(survey) + " declares no CRS, so the coordinates of " + name +
                               " were used as they are.");
    const PointSet t = reprojectPoints(points, g.crsWkt);
    const bool transformed = !crsUnknown && !g.crsWkt.empty() && (t.x != points.x || t.y != points.y);

    LabelImage labels = emptyLabels(g);
    const std::size_t total = points.x.size();
    std::size_t firstOutside = total, firstInvalid = total;
    for (std::size_t i = 0; i < total; ++i) {
        double col = -1, row = -1;
        if (std::isfinite(t.x[i]) && std::isfinite(t.y[i]))
            g.mapToPixel(t.x[i], t.y[i], col, row);
        col = std::floor(col);
        row = std::floor(row);
        if (!(col >= 0 && row >= 0 && col < g.width && row < g.height)) {
            if (rep.outside++ == 0)
                firstOutside = i;
            continue;
        }
        const std::size_t idx = std::size_t(row) * g.width + std::size_t(col);
        if (!survey.valid[idx]) {
            if (rep.onInvalid++ == 0)
                firstInvalid = i;
            continue;
        }
        if (labels.values[idx] == LabelDeposit) {
            ++rep.sharedPixel;
            continue;
        }
        labels.values[idx] = LabelDeposit;
        ++rep.burned;
    }

    auto example = [&](std::size_t i) {
        std::string s = coordinate(points.x[i], points.y[i]);
        if (transformed)
            s += std::isfinite(t.x[i]) ? ", which is " + coordinate(t.x[i], t.y[i]) + " in the survey's CRS"
                                       : ", which cannot be transformed to the survey's CRS";
        return s;
    };
    const std::string gridText = "the grid of " + surveyName(survey) + " covers " + extentText(g) +
                                 (g.crsWkt.empty() ? std::string() : " in " + crsName(g.crsWkt));
    std::string crsHint;
    if (crsUnknown) {
        bool degrees = true;
        for (std::size_t i = 0; i < total && degrees; ++i)
            degrees = std::abs(points.x[i]) <= 360 && std::abs(points.y[i]) <= 90;
        if (degrees && isProjected(g.crsWkt))
            crsHint = " The coordinates look like longitude/latitude degrees: give their CRS, e.g. EPSG:4326.";
        else
            crsHint = " " + name +
                      " declares no coordinate reference system (for a shapefile, a .prj file beside "
                      "it), so its coordinates were taken to be in the survey's; if they are in another "
                      "CRS, give it (e.g. EPSG:3067).";
    }

    if (rep.outside == total)
        throw Error(ErrorCode::BadPoints,
                    (total == 1 ? "The only point of " + name + " falls"
                                : "None of the " + std::to_string(total) + " points of " + name + " falls") +
                        " on the survey grid: the first is at " + example(firstOutside) + ", while " + gridText + "." +
                        (crsUnknown ? crsHint
                                    : " Check that the coordinates of " + name + " really are in " +
                                          crsName(points.crsWkt) + " and cover the same area as the survey."));
    if (rep.outside > 0 && policy == OutsidePolicy::Error)
        throw Error(ErrorCode::BadPoints,
                    std::to_string(rep.outside) + " of the " + std::to_string(total) + " points of " + name +
                        (rep.outside == 1 ? " falls" : " fall") + " outside the survey grid, e.g. " +
                        example(firstOutside) + ", while " + gridText +
                        ". Choose to skip points outside the grid (lodestone-cli's "
                        "--outside-points skip) to use the " +
                        std::to_string(total - rep.outside) + " inside it." + (crsUnknown ? crsHint : std::string()));
    if (rep.burned == 0)
        throw Error(ErrorCode::BadPoints,
                    "No point of " + name + " falls on valid survey data: " +
                        plural(rep.onInvalid, "point lies", "points lie") + " on pixels where " + surveyName(survey) +
                        " has no data (nodata or NaN), e.g. " + example(firstInvalid) +
                        (rep.outside ? ", and " + std::to_string(rep.outside) + " outside the grid" : std::string()) +
                        ".");

    if (rep.outside > 0)
        rep.warnings.push_back(std::to_string(rep.outside) + " of the " + std::to_string(total) + " points of " + name +
                               (rep.outside == 1 ? " falls" : " fall") + " outside the survey grid, e.g. " +
                               example(firstOutside) + ", and " + (rep.outside == 1 ? "was" : "were") + " skipped.");
    if (rep.onInvalid > 0)
        rep.warnings.push_back(std::to_string(rep.onInvalid) + " of the " + std::to_string(total) + " points of " +
                               name + (rep.onInvalid == 1 ? " lies" : " lie") + " on pixels where " +
                               surveyName(survey) + " has no data (nodata or NaN), e.g. " + example(firstInvalid) +
                               ", and " + (rep.onInvalid == 1 ? "was" : "were") + " skipped.");
    if (rep.sharedPixel > 0)
        rep.warnings.push_back(plural(rep.sharedPixel, "point", "points") + " of " + name +
                               " fall on a pixel already labelled by another point, so " +
                               plural(total - rep.outside - rep.onInvalid, "point", "points") + " labelled " +
                               plural(rep.burned, "pixel", "pixels") + ".");
    if (points.skipped > 0)
        rep.warnings.push_back(plural(points.skipped, "row or feature", "rows or features") + " of " + name +
                               " without coordinates " + (points.skipped == 1 ? "was" : "were") + " ignored.");
    if (report)
        *report = std::move(rep);
    return labels;
}

void addRandomNegatives(LabelImage &labels, const Raster &survey, const PointSet &occurrences, int count,
                        double minDistance, std::uint64_t seed)
{
    const PointSet t = reprojectPoints(occurrences, survey.grid.crsWkt);
    std::vector<std::pair<double, double>> points;
    for (std::size_t i = 0; i < t.x.size(); ++i)
        if (std::isfinite(t.x[i]) && std::isfinite(t.y[i]))
            points.emplace_back(t.x[i], t.y[i]);
    addNegatives(labels, survey, std::move(points), count, minDistance, seed);
}

void addRandomNegatives(LabelImage &labels, const Raster &survey, int count, double minDistance, std::uint64_t seed)
{
    addNegatives(labels, survey, {}, count, minDistance, seed);
}

} // namespace lodestone
