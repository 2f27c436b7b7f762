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
    double cx = 0, cy = 0; ///< mean position
    double direction = 0;  ///< degrees clockwise from north, [0, 180)
    double length = 0;     ///< first to last reading
};

} // namespace

LineGeometry estimateLineGeometry(const std::vector<double> &xIn, const std::vector<double> &yIn)
{
    LineGeometry g;
    std::vector<double> x, y;
    const std::size_t n = std::min(xIn.size(), yIn.size());
    x.reserve(n);
    y.reserve(n);
    double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin, ymin = xmin, ymax = -xmin;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xIn[i]) || !std::isfinite(yIn[i]))
            continue;
        x.push_back(xIn[i]);
        y.push_back(yIn[i]);
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
        for (std::size_t i = begin; i < end; ++i) {
            l.cx += x[i] - x[0];
            l.cy += y[i] - y[0];
        }
        l.cx /= double(count);
        l.cy /= double(count);
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

    // Offsets of the traverse lines across that direction, and the gaps between neighbours.
    const double a = g.direction * kPi / 180;
    const double nx = std::cos(a), ny = -std::sin(a); // perpendicular to (sin a, cos a)
    std::vector<std::pair<double, double>> offsets;   // offset, length
    for (const Line &l : lines) {
        if (directionDifference(l.direction, g.direction) <= 15)
            offsets.emplace_back(l.cx * nx + l.cy * ny, l.length);
    }
    g.traverseLines = offsets.size();
    if (offsets.size() < 3)
        return g;
    // Pieces of one line lie within 2 reading spacings of each other: one line at their length-weighted mean.
    std::sort(offsets.begin(), offsets.end());
    std::vector<double> centres;
    double sum = 0, weight = 0, last = offsets.front().first;
    for (const auto &[offset, length] : offsets) {
        if (offset - last > 2 * s) {
            centres.push_back(sum / weight);
            sum = weight = 0;
        }
        sum += offset * length;
        weight += length;
        last = offset;
    }
    centres.push_back(sum / weight);
    std::vector<double> gaps;
    for (std::size_t i = 1; i < centres.size(); ++i)
        gaps.push_back(centres[i] - centres[i - 1]);
    if (gaps.size() >= 2)
        g.lineSpacing = median(gaps);
    return g;
}

double roundCellSize(double size)
{
    if (!(size > 0) || !std::isfinite(size))
        return 0.0;
    const double decade = std::pow(10.0, std::floor(std::log10(size)));
    double best = decade;
    for (double m : {2.0, 2.5, 5.0, 10.0}) {
        if (m * decade <= size * (1 + 1e-9))
            best = m * decade;
    }
    return best;
}

} // namespace lodestone
