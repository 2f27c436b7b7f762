// Label rasters on the survey grid: read (checked against the survey), counted, and written for the user.
#include "labels.h"
#include "labelsdetail.h"

#include "error.h"
#include "gdalhelpers.h"

#include <algorithm>
#include <sstream>
#include <utility>

namespace lodestone {

namespace {

/// A raster value, with the digits a Float32 holds (-1e+32 rather than -1.000000033e+32).
std::string value(double v)
{
    std::ostringstream s;
    s.precision(float(v) == v ? 7 : 10);
    s << v;
    return s.str();
}

} // namespace

std::size_t LabelImage::count(uint8_t cls) const
{
    return std::size_t(std::count(values.begin(), values.end(), cls));
}

std::array<std::size_t, 3> LabelImage::counts() const
{
    std::array<std::size_t, 3> c{0, 0, 0};
    for (uint8_t v : values)
        if (v < 3)
            ++c[v];
    return c;
}

LabelImage emptyLabels(const GridSpec &grid)
{
    LabelImage labels;
    labels.grid = grid;
    labels.values.assign(grid.pixelCount(), LabelUnknown);
    return labels;
}

LabelImage readLabelRaster(const std::string &path, const Raster &survey, LabelLoadReport *report)
{
    LabelLoadReport rep;
    const RasterInfo info = readRasterInfo(path); // throws FileNotFound / NotARaster naming the file
    const std::string difference = survey.grid.describeDifference(info.grid);
    if (!difference.empty())
        throw Error(ErrorCode::GridMismatch, "The label raster " + path + " is not on the grid of " +
                                                 surveyName(survey) + ": it has " + difference +
                                                 ". Resample it onto the survey's grid first.");
    if (!info.grid.crsWkt.empty() && !survey.grid.crsWkt.empty()) {
        auto a = srsFromWkt(info.grid.crsWkt), b = srsFromWkt(survey.grid.crsWkt);
        if (a && b && !a->IsSame(b.get()))
            rep.warnings.push_back("The label raster " + path + " declares the CRS " + crsName(info.grid.crsWkt) +
                                   " but " + surveyName(survey) + " is in " + crsName(survey.grid.crsWkt) +
                                   "; as their grids match, the labels were used as they are.");
    }
    if (info.bandCount > 1)
        rep.warnings.push_back("The label raster " + path + " has " + std::to_string(info.bandCount) +
                               " bands; only band 1 was used.");

    Raster raw;
    try {
        raw = readRaster(path, 1);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::EmptyData)
            throw;
        throw Error(ErrorCode::BadLabels, "The label raster " + path + " holds no label: every pixel is nodata.");
    }
    if (raw.hasNoData && (raw.noData == 0 || raw.noData == 1 || raw.noData == 2))
        rep.warnings.push_back("The label raster " + path + " declares " + number(raw.noData) +
                               " as its nodata value, so pixels holding " + number(raw.noData) +
                               " were taken as unlabelled.");

    LabelImage labels = emptyLabels(survey.grid);
    const int w = survey.grid.width;
    for (std::size_t i = 0; i < labels.values.size(); ++i) {
        if (!raw.valid[i])
            continue; // nodata: unknown
        const float v = raw.data[i];
        if (v != 0.0f && v != 1.0f && v != 2.0f) {
            std::ostringstream s;
            s << "The label raster " << path << " holds the value " << value(v) << " at column " << (i % w) << ", row "
              << (i / w) << "; labels must be 0 (non-deposit), 1 (deposit), 2 (unknown) or the nodata value";
            if (raw.hasNoData)
                s << " (" << value(raw.noData) << ")";
            else
                s << " (the file declares none)";
            s << ".";
            throw Error(ErrorCode::BadLabels, s.str());
        }
        const auto cls = static_cast<uint8_t>(v);
        if (cls == LabelUnknown)
            continue;
        if (!survey.valid[i]) {
            ++rep.droppedOnInvalid;
            continue;
        }
        labels.values[i] = cls;
    }
    if (rep.droppedOnInvalid > 0)
        rep.warnings.push_back(plural(rep.droppedOnInvalid, "label", "labels") + " in " + path +
                               (rep.droppedOnInvalid == 1 ? " lies" : " lie") + " on pixels where " +
                               surveyName(survey) + " has no data (nodata or NaN) and " +
                               (rep.droppedOnInvalid == 1 ? "was" : "were") + " dropped.");
    if (labels.labelledCount() == 0)
        rep.warnings.push_back("The label raster " + path +
                               " holds no deposit (1) or non-deposit (0) label on valid survey pixels.");
    if (report)
        *report = std::move(rep);
    return labels;
}
void writeLabelRaster(const std::string &path, const LabelImage &labels, const Raster &survey)
{
    const GridSpec &g = survey.grid;
    if (labels.values.size() != g.pixelCount() || !labels.grid.sameGrid(g) || survey.valid.size() != g.pixelCount())
        throw Error(ErrorCode::GridMismatch, "Cannot write " + path + ": the labels are not on the grid of " +
                                                 surveyName(survey) + " (" + g.describeDifference(labels.grid) + ").");
    std::vector<uint8_t> out(labels.values.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = survey.valid[i] ? labels.values[i] : LabelNoData;
    const std::vector<ColorEntry> colors = {
        {LabelNonDeposit, 40, 110, 230, 255},
        {LabelDeposit, 220, 30, 30, 255},
        // GeoTIFF palettes keep no alpha, so unknown is also white: blank rather than black where alpha is lost.
        {LabelUnknown, 255, 255, 255, 0},
        {LabelNoData, 255, 255, 255, 0},
    };
    writeByteGeoTiff(path, g, out.data(), LabelNoData, colors);
}

} // namespace lodestone
