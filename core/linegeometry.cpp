// Line layout of airborne readings: runs of consecutive readings, a length-weighted vote for the flight direction,
// and the median gap between neighbouring lines across it.
#include "linegeometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace lodestone {

namespace {

constexpr double kPi = 3.14159265358979323846;

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

/// Smallest angle between two undirected line directions, degrees in [0, 90].
double directionDifference(double a, double b)
{
    const double d = std::fmod(std::fabs(a - b), 180.0);
    return std::min(d, 180.0 - d);
}

struct Line {
    std::size_t begin = 0, end = 0; ///< its readings
    double direction = 0;           ///< degrees clockwise from north, [0, 180)
    double length = 0;              ///< first to last reading
};

/// Cross-sections across the lines: this many, evenly spread along them.
constexpr int kSections = 15;

} // namespace

LineGeometry estimateLineGeometry(const std::vector<double> &xIn, const std::vector<double> &yIn,
                                  std::vector<std::uint8_t> *alongLines)
{
    LineGeometry g;
    std::vector<double> x, y;
    std::vector<std::size_t> index; // of each finite reading in the input
    const std::size_t n = std::min(xIn.size(), yIn.size());
    if (alongLines)
        alongLines->assign(n, 1);
    x.reserve(n);
    y.reserve(n);
    index.reserve(n);
    double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin, ymin = xmin, ymax = -xmin;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xIn[i]) || !std::isfinite(yIn[i]))
            continue;
        x.push_back(xIn[i]);
        y.push_back(yIn[i]);
        index.push_back(i);
        xmin = std::min(xmin, xIn[i]);
        xmax = std::max(xmax, xIn[i]);
        ymin = std::min(ymin, yIn[i]);
        ymax = std::max(ymax, yIn[i]);
    }
    g.readings = x.size();
    if (g.readings < 2)
        return g;
    g.areaSpacing = std::sqrt((xmax - xmin) * (ymax - ymin) / double(g.readings));

    std::vector<double> steps;
    steps.reserve(x.size() - 1);
    for (std::size_t i = 1; i < x.size(); ++i) {
        const double d = std::hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
        if (d > 0)
            steps.push_back(d);
    }
    g.readingSpacing = median(steps);
    const double s = g.readingSpacing;
    if (!(s > 0))
        return g;

    // Runs of readings: break at jumps and where the path turns back.
    std::vector<Line> lines;
    auto close = [&](std::size_t begin, std::size_t end) { // [begin, end)
        ++g.lines;
        const std::size_t count = end - begin;
        const double dx = x[end - 1] - x[begin], dy = y[end - 1] - y[begin];
        const double length = std::hypot(dx, dy);
        if (count < 10 || length < 10 * s)
            return;
        Line l;
        l.begin = begin;
        l.end = end;
        l.direction = std::fmod(std::atan2(dx, dy) * 180.0 / kPi + 360.0, 180.0);
        l.length = length;
        lines.push_back(l);
    };
    std::size_t begin = 0;
    double px = 0, py = 0; // the previous step
    for (std::size_t i = 1; i < x.size(); ++i) {
        const double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1];
        const double d = std::hypot(dx, dy);
        const double previous = std::hypot(px, py);
        const bool turnsBack = d > 0 && previous > 0 && (dx * px + dy * py) < -0.5 * d * previous;
        if (d > 5 * s || turnsBack) {
            close(begin, i);
            begin = i;
            px = py = 0;
        } else if (d > 0) {
            px = dx;
            py = dy;
        }
    }
    close(begin, x.size());
    if (lines.empty())
        return g;

    // The dominant direction: a length-weighted histogram of 1-degree bins, smoothed over +-5 degrees.
    std::array<double, 180> votes{};
    for (const Line &l : lines)
        votes[std::size_t(std::min(179.0, std::floor(l.direction)))] += l.length;
    int best = 0;
    double bestVote = -1;
    for (int b = 0; b < 180; ++b) {
        double v = 0;
        for (int k = -5; k <= 5; ++k)
            v += votes[std::size_t((b + k + 180) % 180)];
        if (v > bestVote) {
            bestVote = v;
            best = b;
        }
    }
    // Refined as the length-weighted mean of the doubled angles of the lines near the peak.
    double sx = 0, sy = 0;
    for (const Line &l : lines) {
        if (directionDifference(l.direction, best + 0.5) <= 15) {
            sx += l.length * std::cos(2 * l.direction * kPi / 180);
            sy += l.length * std::sin(2 * l.direction * kPi / 180);
        }
    }
    g.direction = std::fmod(std::atan2(sy, sx) * 90.0 / kPi + 180.0, 180.0);

    // Cross-sections: in narrow strips across the traverse lines, the readings of each line crossing the strip
    // lie close together; the gaps between neighbouring crossings are the local line spacings. Local, so lines
    // that wander or converge slightly, and lines flown in pieces, are measured as they are.
    const double a = g.direction * kPi / 180;
    const double ux = std::sin(a), uy = std::cos(a); // along the lines
    const double nx = uy, ny = -ux;                  // across them
    std::vector<std::pair<double, double>> traverse; // along, across
    for (const Line &l : lines) {
        if (directionDifference(l.direction, g.direction) > 15) {
            ++g.crossLines;
            g.crossReadings += l.end - l.begin;
            if (alongLines)
                for (std::size_t i = l.begin; i < l.end; ++i)
                    (*alongLines)[index[i]] = 0;
            continue;
        }
        ++g.traverseLines;
        for (std::size_t i = l.begin; i < l.end; ++i) {
            const double dx = x[i] - x[0], dy = y[i] - y[0];
            traverse.emplace_back(dx * ux + dy * uy, dx * nx + dy * ny);
        }
    }
    if (g.traverseLines < 3)
        return g;
    double amin = std::numeric_limits<double>::infinity(), amax = -amin;
    for (const auto &t : traverse) {
        amin = std::min(amin, t.first);
        amax = std::max(amax, t.first);
    }
    const double halfWidth = 1.5 * s;
    std::vector<std::vector<double>> sections(kSections);
    for (const auto &[along, across] : traverse) {
        const double k = (along - amin) / (amax - amin) * kSections - 0.5; // section centres at k = 0, 1, ...
        const double nearest = std::round(k);
        if (nearest < 0 || nearest >= kSections)
            continue;
        if (std::fabs(k - nearest) * (amax - amin) / kSections <= halfWidth)
            sections[std::size_t(nearest)].push_back(across);
    }
    std::vector<double> gaps;
    for (std::vector<double> &section : sections) {
        std::sort(section.begin(), section.end());
        // Readings less than 2 reading spacings apart across the lines belong to one crossing.
        double sum = 0, last = 0, previousCentre = 0;
        int count = 0;
        bool havePrevious = false;
        auto closeCrossing = [&] {
            if (count == 0)
                return;
            const double centre = sum / count;
            if (havePrevious)
                gaps.push_back(centre - previousCentre);
            previousCentre = centre;
            havePrevious = true;
            sum = 0;
            count = 0;
        };
        for (double v : section) {
            if (count > 0 && v - last > 2 * s)
                closeCrossing();
            sum += v;
            ++count;
            last = v;
        }
        closeCrossing();
    }
    if (gaps.size() >= 2)
        g.lineSpacing = median(gaps);
    return g;
}

double roundCellSize(double size)
{
    if (!(size > 0) || !std::isfinite(size))
        return 0.0;
    const double decade = std::pow(10.0, std::floor(std::log10(size)));
    double best = decade, bestRatio = std::numeric_limits<double>::infinity();
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double ratio = std::fabs(std::log(m * decade / size));
        if (ratio < bestRatio - 1e-12) {
            bestRatio = ratio;
            best = m * decade;
        }
    }
    return best;
}

} // namespace lodestone
