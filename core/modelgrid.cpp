#include "modelgrid.h"

#include "gdalhelpers.h"
#include "raster.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <locale>
#include <sstream>

namespace lodestone {

namespace {

/** Cell sides along the grid's columns and rows, in map units (pixels when there is no geotransform). */
void cellSides(const GridSpec &g, double &x, double &y)
{
    if (!g.hasGeoTransform) {
        x = y = 1.0;
        return;
    }
    x = std::hypot(g.geoTransform[1], g.geoTransform[4]);
    y = std::hypot(g.geoTransform[2], g.geoTransform[5]);
}

std::string number(double v)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::setprecision(6) << v;
    return s.str();
}

/** "100 m", "0.001 degree" or "100 map units". */
std::string withUnits(double v, const std::string &wkt)
{
    auto srs = srsFromWkt(wkt);
    if (srs) {
        if (srs->IsGeographic())
            return number(v) + " degree" + (v == 1 ? "" : "s");
        const char *name = nullptr;
        const double toMetre = srs->GetLinearUnits(&name);
        if (std::abs(toMetre - 1.0) < 1e-12)
            return number(v) + " m";
        if (name && *name)
            return number(v) + " " + name;
    }
    return number(v) + " map units";
}

std::string cellText(double x, double y, const std::string &wkt)
{
    if (std::abs(x - y) <= 1e-9 * std::max(x, y))
        return withUnits(x, wkt);
    return number(x) + " x " + withUnits(y, wkt);
}

} // namespace

std::string modelGridSettings(const GridSpec &grid, const std::string &surveyPath)
{
    double x = 0, y = 0;
    cellSides(grid, x, y);
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::setprecision(17) << "training_cell " << x << " " << y << "\n";
    s << "training_size " << grid.width << " " << grid.height << "\n";
    s << "training_georeferenced " << (grid.hasGeoTransform ? 1 : 0) << "\n";
    std::string wkt = grid.crsWkt;
    for (char &c : wkt)
        if (c == '\n' || c == '\r')
            c = ' ';
    s << "training_crs " << wkt << "\n";
    s << "training_survey " << std::filesystem::path(surveyPath).filename().string() << "\n";
    return s.str();
}

std::vector<std::string> modelGridWarnings(const std::string &settings, const GridSpec &grid,
                                           const std::string &modelPath)
{
    std::istringstream in(settings);
    in.imbue(std::locale::classic());
    std::string line, crs, survey;
    double cellX = 0, cellY = 0;
    int width = 0, height = 0, georeferenced = 1;
    bool haveCell = false;
    while (std::getline(in, line)) {
        const std::size_t space = line.find(' ');
        const std::string key = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        std::istringstream words(rest);
        words.imbue(std::locale::classic());
        if (key == "training_cell")
            haveCell = bool(words >> cellX >> cellY);
        else if (key == "training_size")
            words >> width >> height;
        else if (key == "training_georeferenced")
            words >> georeferenced;
        else if (key == "training_crs")
            crs = rest;
        else if (key == "training_survey")
            survey = rest;
    }
    std::vector<std::string> warnings;
    if (!haveCell || !(cellX > 0) || !(cellY > 0))
        return warnings;
    const std::string model = std::filesystem::path(modelPath).filename().string();
    const std::string trainedOn = model + " was trained on " + (survey.empty() ? "a survey" : survey) + " (" +
                                  std::to_string(width) + " x " + std::to_string(height) + " cells of " +
                                  cellText(cellX, cellY, crs) + ", " +
                                  (crs.empty() ? std::string("no CRS") : crsName(crs)) + ")";
    double x = 0, y = 0;
    cellSides(grid, x, y);
    const bool comparable = bool(georeferenced) == grid.hasGeoTransform;
    if (comparable && (std::abs(x / cellX - 1.0) > 0.25 || std::abs(y / cellY - 1.0) > 0.25)) {
        const double ratio = std::sqrt((x * y) / (cellX * cellY));
        warnings.push_back("This survey's cells (" + cellText(x, y, grid.crsWkt) +
                           ") differ from the model's by more "
                           "than 25 %: " +
                           trainedOn + ". Its patches cover " + number(ratio) +
                           " times the ground distance here, so the features and the classes may not mean what they "
                           "meant in training; resample the survey to the model's cell size (e.g. gdalwarp -tr) or "
                           "train a model on this survey.");
    }
    if (!crsEquivalent(crs, grid.crsWkt))
        warnings.push_back("This survey's CRS (" + (grid.crsWkt.empty() ? std::string("none") : crsName(grid.crsWkt)) +
                           ") differs from the model's: " + trainedOn + ".");
    return warnings;
}

} // namespace lodestone
