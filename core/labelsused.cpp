#include "labelsused.h"

#include "error.h"
#include "gdalhelpers.h"
#include "labels.h"
#include "outputstyle.h"
#include "pipeline.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <set>

namespace lodestone {

namespace {

/** Share of the valid area scoring at least p, in percent, from the valid scores sorted ascending. */
double topPercent(const std::vector<float> &sorted, float p)
{
    if (sorted.empty() || !std::isfinite(p))
        return std::numeric_limits<double>::quiet_NaN();
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), p);
    return 100.0 * double(sorted.end() - first) / double(sorted.size());
}

LabelSource defaultSource(const std::string &kind, int label)
{
    if (kind == "painted")
        return LabelSource::Painted;
    if (kind == "points")
        return label == 1 ? LabelSource::ImportedPoint : LabelSource::RandomNegative;
    return LabelSource::LabelRaster;
}

class LayerWriter {
public:
    LayerWriter(GDALDataset &ds, const std::string &name, OGRSpatialReference *srs, const std::string &path)
        : m_path(path)
    {
        char **options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "NO");
        m_layer = ds.CreateLayer(name.c_str(), srs, wkbPoint, options);
        CSLDestroy(options);
        if (!m_layer)
            fail("cannot create layer " + name);
    }
    void field(const std::string &name, OGRFieldType type)
    {
        OGRFieldDefn defn(name.c_str(), type);
        if (m_layer->CreateField(&defn) != OGRERR_NONE)
            fail("cannot create field " + name);
    }
    OGRLayer &layer() { return *m_layer; }
    void add(OGRFeature &feature)
    {
        if (m_layer->CreateFeature(&feature) != OGRERR_NONE)
            fail("cannot write a feature");
    }
    [[noreturn]] void fail(const std::string &why) const
    {
        // A full disk shows as SQLite's "database or disk is full": writeFailureReason() says it in words.
        throwWriteFailed(m_path, errno, why + " (" + CPLGetLastErrorMsg() + ")");
    }

private:
    OGRLayer *m_layer = nullptr;
    std::string m_path;
};

} // namespace

std::string labelSourceName(LabelSource source)
{
    switch (source) {
    case LabelSource::Painted: return "painted";
    case LabelSource::LabelRaster: return "label raster";
    case LabelSource::ImportedPoint: return "imported point";
    case LabelSource::RandomNegative: return "random negative";
    case LabelSource::Background: return "background";
    }
    return "";
}

LabelOrigins labelOriginsFromPoints(const PointSet &points, const GridSpec &grid)
{
    LabelOrigins origins;
    origins.attributeNames = points.attributeNames;
    PointSet t;
    try {
        t = reprojectPoints(points, grid.crsWkt);
    } catch (const Error &) {
        return origins; // labelsFromPoints() reports it
    }
    for (std::size_t i = 0; i < t.x.size(); ++i) {
        if (!std::isfinite(t.x[i]) || !std::isfinite(t.y[i]))
            continue;
        double col = -1, row = -1;
        grid.mapToPixel(t.x[i], t.y[i], col, row);
        col = std::floor(col);
        row = std::floor(row);
        if (!(col >= 0 && row >= 0 && col < grid.width && row < grid.height))
            continue;
        const std::size_t index = std::size_t(row) * std::size_t(grid.width) + std::size_t(col);
        LabelOrigin o;
        o.source = LabelSource::ImportedPoint;
        if (i < points.attributes.size())
            o.attributes = points.attributes[i];
        origins.pixels.emplace(index, std::move(o)); // the first point on a pixel labels it
    }
    return origins;
}

LabelsUsedCounts writeLabelsUsed(const std::string &path, const PipelineResult &r, const PipelineParams &params,
                                 const RunContext &context, const std::vector<float> &probability)
{
    const GridSpec &g = r.grid;
    const std::size_t pixels = g.pixelCount();
    std::vector<float> sorted;
    sorted.reserve(pixels);
    for (std::size_t i = 0; i < probability.size() && i < pixels; ++i)
        if ((r.valid.empty() || r.valid[i]) && std::isfinite(probability[i]))
            sorted.push_back(probability[i]);
    std::sort(sorted.begin(), sorted.end());
    auto scoreAt = [&](std::size_t index) {
        return index < probability.size() ? probability[index] : std::numeric_limits<float>::quiet_NaN();
    };

    if (GDALGetDriverCount() == 0)
        GDALAllRegister();
    QuietGdal quiet;
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver)
        throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": GDAL has no GeoPackage driver.");
    std::error_code ec;
    std::filesystem::remove(path, ec);
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        throwWriteFailed(path, errno, quiet.lastMessage());
    std::unique_ptr<OGRSpatialReference> srs = srsFromWkt(g.crsWkt);

    const LabelOrigins *origins = context.labelOrigins.get();
    // Attribute fields of imported points, renamed where they clash with the layer's own.
    const std::set<std::string> own{"fid",         "class",       "class_name", "source", "cv_fold", "cv_fold_spatial",
                                    "probability", "top_percent", "col",        "row",    "geom"};
    std::vector<std::string> attributeFields;
    if (origins)
        for (const std::string &n : origins->attributeNames) {
            std::string lower = n;
            for (char &c : lower)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            attributeFields.push_back(own.count(lower) ? "point_" + n : n);
        }

    auto geometryAt = [&](int col, int row) {
        double x = col + 0.5, y = row + 0.5;
        if (g.hasGeoTransform)
            g.pixelToMap(col, row, x, y);
        return OGRPoint(x, y);
    };

    LabelsUsedCounts counts;
    {
        LayerWriter w(*ds, "labels_used", srs.get(), path);
        w.field("class", OFTInteger);
        w.field("class_name", OFTString);
        w.field("source", OFTString);
        w.field("cv_fold", OFTInteger);
        w.field("cv_fold_spatial", OFTInteger);
        w.field("probability", OFTReal);
        w.field("top_percent", OFTReal);
        w.field("col", OFTInteger);
        w.field("row", OFTInteger);
        for (const std::string &n : attributeFields)
            w.field(n, OFTString);
        const std::vector<int> *randomFolds =
            r.crossValidation.empty() ? nullptr : &r.crossValidation.front().positionFold;
        const std::vector<int> *spatialFolds =
            r.spatialCrossValidation.empty() ? nullptr : &r.spatialCrossValidation.front().positionFold;
        if (ds->StartTransaction() != OGRERR_NONE)
            w.fail("cannot start a transaction");
        auto write = [&](const LabelledPosition &p, LabelSource source, int randomFold, int spatialFold,
                         const std::vector<std::string> *attributes) {
            OGRFeature f(w.layer().GetLayerDefn());
            const std::size_t index = std::size_t(p.row) * std::size_t(g.width) + std::size_t(p.col);
            f.SetField("class", p.label);
            f.SetField("class_name", classNames()[p.label == 1 ? 1 : 0].c_str());
            f.SetField("source", labelSourceName(source).c_str());
            if (randomFold >= 0)
                f.SetField("cv_fold", randomFold + 1);
            if (spatialFold >= 0)
                f.SetField("cv_fold_spatial", spatialFold + 1);
            const float score = scoreAt(index);
            if (std::isfinite(score)) {
                f.SetField("probability", double(score));
                f.SetField("top_percent", topPercent(sorted, score));
            }
            f.SetField("col", p.col);
            f.SetField("row", p.row);
            if (attributes)
                for (std::size_t k = 0; k < attributeFields.size() && k < attributes->size(); ++k)
                    f.SetField(attributeFields[k].c_str(), (*attributes)[k].c_str());
            OGRPoint point = geometryAt(p.col, p.row);
            f.SetGeometry(&point);
            w.add(f);
            ++counts.labels;
        };
        for (std::size_t i = 0; i < r.positions.size(); ++i) {
            const LabelledPosition &p = r.positions[i];
            const std::size_t index = std::size_t(p.row) * std::size_t(g.width) + std::size_t(p.col);
            LabelSource source = defaultSource(context.labelsKind, p.label);
            const std::vector<std::string> *attributes = nullptr;
            if (origins) {
                const auto it = origins->pixels.find(index);
                // An origin counts while the label still matches it: a point imported as a deposit, a random negative
                // drawn as a non-deposit (painted over since, the pixel is painted).
                if (it != origins->pixels.end() && !(it->second.source == LabelSource::ImportedPoint && p.label != 1) &&
                    !(it->second.source == LabelSource::RandomNegative && p.label != 0)) {
                    source = it->second.source;
                    attributes = &it->second.attributes;
                }
            }
            auto foldOf = [&](const std::vector<int> *folds) { return folds && i < folds->size() ? (*folds)[i] : -1; };
            write(p, source, foldOf(randomFolds), foldOf(spatialFolds), attributes);
        }
        for (const LabelledPosition &p : r.background)
            write(p, LabelSource::Background, -1, -1, nullptr);
        if (ds->CommitTransaction() != OGRERR_NONE)
            w.fail("cannot commit the features");
    }

    if (!params.validationPixels.empty()) {
        LayerWriter w(*ds, "validation", srs.get(), path);
        w.field("probability", OFTReal);
        w.field("top_percent", OFTReal);
        w.field("class", OFTInteger);
        w.field("class_name", OFTString);
        w.field("col", OFTInteger);
        w.field("row", OFTInteger);
        if (ds->StartTransaction() != OGRERR_NONE)
            w.fail("cannot start a transaction");
        std::vector<std::size_t> given = params.validationPixels;
        std::sort(given.begin(), given.end());
        given.erase(std::unique(given.begin(), given.end()), given.end());
        for (std::size_t index : given) {
            if (index >= pixels)
                continue;
            const int col = int(index % std::size_t(g.width)), row = int(index / std::size_t(g.width));
            OGRFeature f(w.layer().GetLayerDefn());
            const float score = scoreAt(index);
            if (std::isfinite(score)) {
                f.SetField("probability", double(score));
                f.SetField("top_percent", topPercent(sorted, score));
                const int cls = score >= ClassThreshold ? 1 : 0;
                f.SetField("class", cls);
                f.SetField("class_name", classNames()[std::size_t(cls)].c_str());
            }
            f.SetField("col", col);
            f.SetField("row", row);
            OGRPoint point = geometryAt(col, row);
            f.SetGeometry(&point);
            w.add(f);
            ++counts.validation;
        }
        if (ds->CommitTransaction() != OGRERR_NONE)
            w.fail("cannot commit the features");
    }
    GDALDataset *raw = ds.release();
    CPLErrorReset();
    GDALClose(raw);
    if (CPLGetLastErrorType() >= CE_Failure)
        throwWriteFailed(path, errno, quiet.lastMessage());
    return counts;
}

} // namespace lodestone
