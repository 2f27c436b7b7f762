// Line layout estimates: reading and line spacing and direction of synthetic surveys (traverse and tie lines,
// both flight directions, pieces of lines), scattered points, and cell size rounding.
#include "linegeometry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace lodestone;

namespace {

struct Survey {
    std::vector<double> x, y;
    /// A straight line from (x0, y0) heading azimuth degrees (clockwise from north), length long, a reading every
    /// step, with a wobble across track.
    void line(double x0, double y0, double azimuth, double length, double step)
    {
        const double a = azimuth * M_PI / 180, ux = std::sin(a), uy = std::cos(a);
        for (double t = 0; t <= length; t += step) {
            const double w = 3 * std::sin(t / 500);
            x.push_back(x0 + t * ux + w * uy);
            y.push_back(y0 + t * uy - w * ux);
        }
    }
};

} // namespace

TEST(LineGeometry, EastWestLinesWithTieLines)
{
    Survey s;
    // 40 east-west lines 200 m apart, flown alternately east and west, 7 m between readings; 4 north-south tie
    // lines every 2 km.
    for (int i = 0; i < 40; ++i) {
        const double y = 7500000 + 200 * i;
        if (i % 2 == 0)
            s.line(400000, y, 90, 8000, 7);
        else
            s.line(408000, y, 270, 8000, 7);
    }
    const std::size_t traverseReadings = s.x.size();
    for (int k = 0; k < 4; ++k)
        s.line(401000 + 2000 * k, 7500000, 0, 7800, 7);
    std::vector<std::uint8_t> along;
    const LineGeometry g = estimateLineGeometry(s.x, s.y, &along);
    EXPECT_EQ(g.readings, s.x.size());
    EXPECT_NEAR(g.readingSpacing, 7, 0.05);
    EXPECT_EQ(g.lines, 44u);
    EXPECT_EQ(g.traverseLines, 40u);
    EXPECT_NEAR(g.direction, 90, 0.5);
    EXPECT_NEAR(g.lineSpacing, 200, 3);
    // The tie lines are flagged, and only they.
    EXPECT_EQ(g.crossLines, 4u);
    EXPECT_EQ(g.crossReadings, s.x.size() - traverseReadings);
    ASSERT_EQ(along.size(), s.x.size());
    for (std::size_t i = 0; i < along.size(); ++i)
        ASSERT_EQ(along[i], i < traverseReadings ? 1 : 0) << i; // the lines wander by up to 3 m either side
    EXPECT_DOUBLE_EQ(roundCellSize(g.lineSpacing / 4), 50);
}

TEST(LineGeometry, ObliqueLinesInPiecesAndGaps)
{
    Survey s;
    // Lines at azimuth 30 degrees, 100 m apart, each flown in two pieces with a 300 m gap; two lines missing.
    const double a = 30 * M_PI / 180, nx = std::cos(a), ny = -std::sin(a);
    for (int i = 0; i < 30; ++i) {
        if (i == 10 || i == 11)
            continue;
        const double x0 = 500000 + 100 * i * nx, y0 = 6000000 + 100 * i * ny;
        s.line(x0, y0, 30, 2000, 5);
        s.line(x0 + 2300 * std::sin(a), y0 + 2300 * std::cos(a), 30, 2000, 5);
    }
    const LineGeometry g = estimateLineGeometry(s.x, s.y);
    EXPECT_NEAR(g.readingSpacing, 5, 0.05);
    EXPECT_EQ(g.lines, 56u);
    EXPECT_NEAR(g.direction, 30, 0.5);
    EXPECT_NEAR(g.lineSpacing, 100, 1);
}

TEST(LineGeometry, ScatteredPointsHaveNoLineSpacing)
{
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0, 1000);
    std::vector<double> x, y;
    for (int i = 0; i < 2500; ++i) {
        x.push_back(u(rng));
        y.push_back(u(rng));
    }
    const LineGeometry g = estimateLineGeometry(x, y);
    EXPECT_EQ(g.readings, 2500u);
    EXPECT_EQ(g.lineSpacing, 0.0);
    EXPECT_NEAR(g.areaSpacing, 20, 0.5); // 1 km square, 2500 points
    EXPECT_EQ(estimateLineGeometry({}, {}).readings, 0u);
    EXPECT_EQ(estimateLineGeometry({1, NAN}, {2, 3}).readings, 1u);
}

TEST(LineGeometry, RoundCellSizes)
{
    EXPECT_DOUBLE_EQ(roundCellSize(50), 50);
    EXPECT_DOUBLE_EQ(roundCellSize(47.8), 50);
    EXPECT_DOUBLE_EQ(roundCellSize(30), 25);
    EXPECT_DOUBLE_EQ(roundCellSize(22), 20);
    EXPECT_DOUBLE_EQ(roundCellSize(12.4), 10);
    EXPECT_DOUBLE_EQ(roundCellSize(8), 10);
    EXPECT_DOUBLE_EQ(roundCellSize(0.0003), 0.00025);
    EXPECT_DOUBLE_EQ(roundCellSize(0), 0);
    EXPECT_DOUBLE_EQ(roundCellSize(-1), 0);
    EXPECT_DOUBLE_EQ(roundCellSize(INFINITY), 0);
}
