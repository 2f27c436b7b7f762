// Hillshade: QGIS/GDAL conventions (azimuth 315 = light from the north-west, altitude above the horizon).
#include "hillshade.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace lodestone;

namespace {

/** Shade at the centre of a 5x5 north-up grid (cells 10 x 10) holding z = a*col + b*row. */
double centreShade(double a, double b, const Hillshade::Parameters &p, double cellY = -10.0)
{
    std::vector<float> z(25);
    std::vector<std::uint8_t> valid(25, 1);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 5; ++c)
            z[std::size_t(r * 5 + c)] = float(a * c + b * r);
    return Hillshade::compute(z.data(), valid.data(), 5, 5, 10.0, cellY, p)[12];
}

} // namespace

class TestHillshade : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flatGroundGetsTheSineOfTheAltitude()
    {
        Hillshade::Parameters p;
        QVERIFY(std::abs(centreShade(0, 0, p) - std::sin(45.0 * M_PI / 180.0)) < 1e-6);
        p.altitude = 30;
        QVERIFY(std::abs(centreShade(0, 0, p) - 0.5) < 1e-6);
    }
    void planeTiltedTowardsTheSunIsBrighterThanOneTiltedAway()
    {
        Hillshade::Parameters p; // azimuth 315, altitude 45: the sun is in the north-west
        // z rising towards the south-east (col and row both increase): the plane faces north-west.
        const double towards = centreShade(5, 5, p);
        // z rising towards the north-west: the plane faces south-east, away from the sun.
        const double away = centreShade(-5, -5, p);
        QVERIFY2(towards > 0.9 && away < 0.5, qPrintable(QStringLiteral("%1 vs %2").arg(towards).arg(away)));
    }
    void azimuthIsMeasuredClockwiseFromNorth()
    {
        // A plane rising to the east faces west: lit by a sun in the west (270), not in the east (90).
        Hillshade::Parameters west, east;
        west.azimuth = 270;
        east.azimuth = 90;
        QVERIFY(centreShade(5, 0, west) > centreShade(5, 0, east));
        // A plane rising to the south (row increases) faces north: lit by azimuth 0, not 180.
        Hillshade::Parameters north, south;
        north.azimuth = 0;
        south.azimuth = 180;
        QVERIFY(centreShade(0, 5, north) > centreShade(0, 5, south));
    }
    void southUpGridsAreShadedByGeography()
    {
        // The same ground (rising to the south) stored with row 0 in the south: z = -5*row, cellY = +10.
        Hillshade::Parameters north;
        north.azimuth = 0;
        const double northUp = centreShade(0, 5, north, -10.0);
        const double southUp = centreShade(0, -5, north, 10.0);
        QVERIFY(std::abs(northUp - southUp) < 1e-6);
    }
    void zFactorExaggeratesRelief()
    {
        Hillshade::Parameters p;
        const double gentle = centreShade(-1, -1, p);
        p.zFactor = 5;
        QVERIFY(centreShade(-1, -1, p) < gentle);
    }
    void illuminationIsOneFacingTheSunAndNanOnNodata()
    {
        Hillshade::Parameters p;
        p.azimuth = 0;
        p.altitude = 45;
        // Facing north at 45 degrees: dz/dy = -1 (falls towards the north).
        QVERIFY(std::abs(Hillshade::illumination(0.0, -1.0, p) - 1.0) < 1e-9);
        std::vector<float> z(9, 1.0f);
        std::vector<std::uint8_t> valid(9, 1);
        valid[4] = 0;
        const auto shade = Hillshade::compute(z.data(), valid.data(), 3, 3, 1.0, -1.0, p);
        QVERIFY(std::isnan(shade[4]));
        QVERIFY(std::isfinite(shade[0]) && std::isfinite(shade[8]));
    }
};

QTEST_GUILESS_MAIN(TestHillshade)
#include "test_hillshade.moc"
