#include "layers.h"

#include "error.h"
#include "feedback.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <sstream>

#include <unistd.h>

namespace lodestone {

namespace {

/** The file name of path without folders and the last extension. */
std::string stemOf(const std::string &path)
{
    std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    const std::size_t dot = name.find_last_of('.');
    if (dot != std::string::npos && dot > 0)
        name.resize(dot);
    return name.empty() ? path : name;
}

/** Parses a whole string as a number; false when anything else is in it. */
bool wholeNumber(const std::string &text, double &value)
{
    if (text.empty())
        return false;
    char *end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && std::isfinite(value);
}

std::string formatNumber(double v)
{
    std::ostringstream s;
    s.precision(12);
    s << v;
    return s.str();
}

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator))
        parts.push_back(part);
    if (!text.empty() && text.back() == separator)
        parts.emplace_back();
    return parts;
}

} // namespace

std::string productToken(const DeriveParams &p)
{
    const std::string name = magneticProductName(p.product);
    if (p.product == MagneticProduct::LocalStdDev)
        return name + std::to_string(p.window);
    if (p.product == MagneticProduct::UpwardContinuation)
        return name + formatNumber(p.height);
    return name;
}

bool parseProductToken(const std::string &token, DeriveParams &p)
{
    std::string lower = token;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (MagneticProduct product : allMagneticProducts()) {
        const std::string name = magneticProductName(product);
        if (lower.rfind(name, 0) != 0)
            continue;
        const std::string rest = lower.substr(name.size());
        if (product == MagneticProduct::LocalStdDev) {
            double w = p.window;
            if (!rest.empty() && !wholeNumber(rest, w))
                return false;
            if (w < 3 || w > 1001 || std::fmod(w, 2.0) != 1.0)
                return false;
            p.product = product;
            p.window = int(w);
            return true;
        }
        if (product == MagneticProduct::UpwardContinuation) {
            double h = p.height;
            if (!rest.empty() && !wholeNumber(rest, h))
                return false;
            if (!(h > 0) || h > 1e6)
                return false;
            p.product = product;
            p.height = h;
            return true;
        }
        if (!rest.empty())
            continue; // e.g. "as" must not swallow "asx"
        p.product = product;
        return true;
    }
    return false;
}

std::vector<LayerSpec> derivedLayers(const std::string &list, const DeriveParams &base)
{
    std::vector<LayerSpec> specs;
    std::set<std::string> seen;
    for (std::string token : split(list, ',')) {
        const std::size_t first = token.find_first_not_of(" \t");
        token =
            first == std::string::npos ? std::string() : token.substr(first, token.find_last_not_of(" \t") + 1 - first);
        LayerSpec s;
        s.kind = LayerSpec::Kind::Derived;
        s.derive = base;
        if (!parseProductToken(token, s.derive))
            throw Error(ErrorCode::BadParameter,
                        "Unknown derived layer '" + token +
                            "': use rtp, vd1, hgrad, tilt, as, up (or up<height in metres>, e.g. up500) or localstd "
                            "(or localstd<odd window from 3>, e.g. localstd9), separated by commas.");
        s.name = productToken(s.derive);
        if (!seen.insert(s.name).second)
            throw Error(ErrorCode::BadParameter, "The derived layer '" + s.name + "' is listed twice.");
        specs.push_back(s);
    }
    return specs;
}

LayerSpec fileLayer(const std::string &path, int band)
{
    LayerSpec s;
    s.kind = LayerSpec::Kind::File;
    s.path = path;
    s.band = band;
    s.name = stemOf(path);
    if (band != 1)
        s.name += "_b" + std::to_string(band);
    return s;
}

bool isAmplitudeProduct(MagneticProduct product)
{
    return product == MagneticProduct::HorizontalGradient || product == MagneticProduct::AnalyticSignal ||
           product == MagneticProduct::LocalStdDev;
}

Raster productPlane(const Raster &survey, const DeriveParams &params, Feedback *feedback)
{
    Raster r = deriveMagneticProduct(survey, params, feedback);
    if (isAmplitudeProduct(params.product)) {
        std::vector<float> finite;
        finite.reserve(r.data.size());
        for (float x : r.data)
            if (std::isfinite(x))
                finite.push_back(x);
        if (!finite.empty()) {
            std::nth_element(finite.begin(), finite.begin() + finite.size() / 2, finite.end());
            const float offset = std::max(0.01f * finite[finite.size() / 2], 1e-12f);
            for (float &x : r.data)
                if (std::isfinite(x))
                    x = std::log(std::max(x, 0.0f) + offset);
        }
    }
    return r;
}

Raster readLayerFile(const std::string &path, int band, const GridSpec &grid, std::string *why, Feedback *feedback)
{
    const RasterInfo info = readRasterInfo(path);
    if (why)
        why->clear();
    if (info.grid.sameGrid(grid) && crsEquivalent(info.grid.crsWkt, grid.crsWkt))
        return readRaster(path, band);
    if (why) {
        *why = grid.describeDifference(info.grid); // "size <the layer's> instead of <the survey's>"
        if (why->empty())
            *why = "its CRS differs from the survey's";
    }
    return readRasterOnGrid(path, band, grid, feedback);
}

std::vector<const Raster *> InputLayers::rasters(const Raster &survey) const
{
    std::vector<const Raster *> all{&survey};
    for (const Raster &r : layers)
        all.push_back(&r);
    return all;
}

bool productsNeedCellSize(const std::vector<std::string> &tokens, const std::vector<LayerSpec> &layers)
{
    for (const std::string &token : tokens) {
        DeriveParams dp;
        if (!parseProductToken(token, dp) || dp.product != MagneticProduct::LocalStdDev)
            return true;
    }
    for (const LayerSpec &l : layers)
        if (l.kind == LayerSpec::Kind::Derived && l.derive.product != MagneticProduct::LocalStdDev)
            return true;
    return false;
}

InputLayers loadLayers(const Raster &survey, const std::vector<LayerSpec> &specs, Feedback *feedback)
{
    InputLayers stack;
    stack.names.push_back("survey");
    stack.valid = survey.valid;
    std::set<std::string> names{"survey"};
    for (const LayerSpec &spec : specs) {
        checkCanceled(feedback);
        if (!names.insert(spec.name).second)
            throw Error(ErrorCode::BadParameter, "Two input layers are named '" + spec.name +
                                                     "': every layer needs its own name (rename one of the files).");
        Raster layer;
        if (spec.kind == LayerSpec::Kind::Derived) {
            layer = productPlane(survey, spec.derive, feedback);
        } else {
            std::string why;
            layer = readLayerFile(spec.path, spec.band, survey.grid, &why, feedback);
            if (!why.empty())
                stack.warnings.push_back("The layer " + spec.path + " is on another grid (" + why +
                                         "): it was resampled bilinearly onto the survey's grid.");
            if (const std::string infinite = infiniteCellsNote(layer); !infinite.empty())
                stack.warnings.push_back(infinite);
        }
        layer.grid = survey.grid;
        std::size_t validCount = 0;
        for (std::size_t i = 0; i < stack.valid.size(); ++i) {
            stack.valid[i] = stack.valid[i] && layer.valid[i];
            validCount += stack.valid[i];
        }
        if (validCount == 0)
            throw Error(ErrorCode::EmptyData, "The layer " + (spec.path.empty() ? spec.name : spec.path) +
                                                  " has no valid pixel where the survey has one.");
        stack.names.push_back(spec.name);
        stack.layers.push_back(std::move(layer));
    }
    return stack;
}

std::size_t derivedLayerWorkingBytes(const GridSpec &grid, const DeriveParams &params)
{
    const double pixels = double(grid.width) * double(grid.height);
    const double product = pixels * (sizeof(float) + 1);
    if (params.product == MagneticProduct::LocalStdDev)
        return std::size_t(6 * 8 * pixels + product);
    const double pad = std::max(16.0, std::ceil(0.25 * std::min(grid.width, grid.height)));
    // The transform sizes are rounded up to products of 2, 3 and 5: a few per cent at most at these sizes.
    const double padded = 1.05 * (grid.width + 2 * pad) * 1.05 * (grid.height + 2 * pad);
    return std::size_t(3 * 8 * padded + 5 * 8 * pixels + product);
}

std::size_t derivedLayerMemoryLimit()
{
    const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || size <= 0)
        return std::numeric_limits<std::size_t>::max();
    return std::size_t(pages) * std::size_t(size) / 2;
}

void checkDerivedLayersFit(const GridSpec &grid, const std::vector<LayerSpec> &specs, std::size_t limit)
{
    auto gb = [](std::size_t bytes) {
        std::ostringstream s;
        s.precision(bytes < 10e9 ? 2 : 3);
        s << double(bytes) / 1e9 << " GB";
        return s.str();
    };
    for (const LayerSpec &spec : specs) {
        if (spec.kind != LayerSpec::Kind::Derived)
            continue;
        const std::size_t need = derivedLayerWorkingBytes(grid, spec.derive);
        if (need > limit)
            throw Error(ErrorCode::BadParameter,
                        "Deriving the layer '" + spec.name + "' on this " + std::to_string(grid.width) + " x " +
                            std::to_string(grid.height) + " survey needs about " + gb(need) +
                            " of memory for its transforms of the whole grid, more than the " + gb(limit) +
                            " a streamed run allows (half of this machine's memory): give the product as a file "
                            "layer (--layer) made by other means, or run on a window of the survey.");
    }
}

Raster maskedSurvey(const Raster &survey, const std::vector<uint8_t> &valid)
{
    Raster masked = survey;
    for (std::size_t i = 0; i < masked.data.size(); ++i)
        if (!valid[i]) {
            masked.valid[i] = 0;
            masked.data[i] = std::numeric_limits<float>::quiet_NaN();
        }
    return masked;
}

std::string layersSettings(const std::vector<LayerSpec> &specs)
{
    std::ostringstream s;
    for (const LayerSpec &l : specs) {
        if (l.kind == LayerSpec::Kind::Derived)
            s << "layer\tderived\t" << productToken(l.derive) << "\t" << formatNumber(l.derive.inclination) << "\t"
              << formatNumber(l.derive.declination) << "\t" << formatNumber(l.derive.stabilisingInclination) << "\n";
        else
            s << "layer\tfile\t" << l.name << "\t" << l.band << "\n";
    }
    return s.str();
}

std::vector<LayerSpec> layersOfSettings(const std::string &settings)
{
    std::vector<LayerSpec> specs;
    std::istringstream in(settings);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("layer\t", 0) != 0)
            continue;
        const std::vector<std::string> f = split(line, '\t');
        LayerSpec s;
        bool ok = false;
        if (f.size() == 6 && f[1] == "derived") {
            double inc = 0, dec = 0, stab = 0;
            s.kind = LayerSpec::Kind::Derived;
            ok = parseProductToken(f[2], s.derive) && wholeNumber(f[3], inc) && wholeNumber(f[4], dec) &&
                 wholeNumber(f[5], stab);
            s.derive.inclination = inc;
            s.derive.declination = dec;
            s.derive.stabilisingInclination = stab;
            s.name = productToken(s.derive);
        } else if (f.size() == 4 && f[1] == "file") {
            double band = 0;
            s.kind = LayerSpec::Kind::File;
            s.name = f[2];
            ok = !s.name.empty() && wholeNumber(f[3], band) && band >= 1 && band < 1e6;
            s.band = int(band);
        }
        if (!ok)
            throw Error(ErrorCode::BadModel, "The model's settings hold a malformed layer line: '" + line + "'.");
        specs.push_back(s);
    }
    return specs;
}

std::vector<LayerSpec> matchModelLayers(const std::vector<LayerSpec> &recorded, const std::vector<std::string> &files,
                                        std::vector<std::string> &warnings)
{
    std::vector<std::string> fileNames;
    for (const LayerSpec &l : recorded)
        if (l.kind == LayerSpec::Kind::File)
            fileNames.push_back(l.name);
    if (fileNames.size() != files.size()) {
        std::string expected;
        for (const std::string &n : fileNames)
            expected += (expected.empty() ? "" : ", ") + n;
        throw Error(ErrorCode::BadParameter, "The model was trained with " + std::to_string(fileNames.size()) +
                                                 " layer file" + (fileNames.size() == 1 ? "" : "s") +
                                                 (expected.empty() ? "" : " (" + expected + ")") +
                                                 " besides the survey, but " + std::to_string(files.size()) +
                                                 " were given: give the same layers, in the same order, with --layer.");
    }
    std::vector<LayerSpec> specs;
    std::size_t next = 0;
    for (const LayerSpec &l : recorded) {
        if (l.kind == LayerSpec::Kind::Derived) {
            specs.push_back(l);
            continue;
        }
        LayerSpec s = fileLayer(files[next++], l.band);
        if (s.name != l.name)
            warnings.push_back("The layer " + s.path + " takes the place of the model's layer '" + l.name +
                               "': check that it holds the same quantity.");
        s.name = l.name;
        specs.push_back(s);
    }
    return specs;
}

} // namespace lodestone
