// MapScale: metres per pixel of projected and geographic grids, round scale bars and scale ratios, exactly.
#include "crsinfo.h"
#include "gridding.h"
#include "mapscale.h"
#include "raster.h"
#include "testrasters.h"

#include <QTest>

#include <cmath>

using namespace lodestone;

class TestMapScale : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundLengths()
    {
        QCOMPARE(MapScale::roundLengthBelow(1234.0), 1000.0);
        QCOMPARE(MapScale::roundLengthBelow(1000.0), 1000.0);
        QCOMPARE(MapScale::roundLengthBelow(999.0), 500.0);
        QCOMPARE(MapScale::roundLengthBelow(38.27), 20.0);
        QCOMPARE(MapScale::roundLengthBelow(7.0), 5.0);
        QCOMPARE(MapScale::roundLengthBelow(0.7), 0.5);
        QCOMPARE(MapScale::roundLengthBelow(0.0), 0.0);
    }
    void projectedGridInMetres()
    {
        // 10 m cells shown 2.5 screen pixels each: 4 m a pixel everywhere.
        const GridSpec grid = test::makeGrid(100, 80);
        const MapScale s = MapScale::forView(grid, CrsInfo(QString::fromStdString(grid.crsWkt)), QPointF(50, 40), 2.5);
        QVERIFY(s.isValid());
        QVERIFY(!s.isGeographic());
        QCOMPARE(s.metresPerPixel(), 4.0);
        const ScaleBar bar = s.scaleBar(150); // 600 m at most: 500 m, 125 pixels, in 5 parts of 100 m
        QCOMPARE(bar.metres, 500.0);
        QCOMPARE(bar.pixels, 125.0);
        QCOMPARE(bar.segments, 5);
        QCOMPARE(bar.label, QStringLiteral("500 m"));
        const ScaleBar km = s.scaleBar(1000); // 4000 m at most: 2 km in 4 parts
        QCOMPARE(km.metres, 2000.0);
        QCOMPARE(km.pixels, 500.0);
        QCOMPARE(km.segments, 4);
        QCOMPARE(km.label, QStringLiteral("2 km"));
        // At 96 dots per inch a pixel is 0.0254 / 96 m of screen: 1:15 118, written to three digits.
        QCOMPARE(s.denominator(96), 4.0 * 96 / 0.0254);
        QCOMPARE(MapScale::ratioText(s.denominator(96)), QStringLiteral("1:15 100"));
    }
    void projectedGridInFeet()
    {
        GridSpec grid = test::makeGrid(10, 10, 0, 0, 100);
        grid.crsWkt = crsWktFromUserInput("EPSG:2275"); // NAD83 / Texas North, US survey feet
        const MapScale s = MapScale::forView(grid, CrsInfo(QString::fromStdString(grid.crsWkt)), QPointF(5, 5), 1.0);
        QCOMPARE(s.metresPerPixel(), 100 * 0.304800609601219);
    }
    void geographicGridAtTheCentreLatitude()
    {
        // The length of a degree of longitude on WGS 84: 111 319.49 m at the equator, 55 800 m at 60 degrees.
        QVERIFY(std::abs(MapScale::metresPerDegreeLongitude(0) - 111319.4908) < 1e-3);
        QVERIFY(std::abs(MapScale::metresPerDegreeLongitude(60) - 55799.9789) < 0.5);
        GridSpec grid = test::makeGrid(200, 200, 20.0, 61.0, 0.01);
        grid.crsWkt = crsWktFromUserInput("EPSG:4326");
        // The centre row 100 is at latitude 61 - 100 * 0.01 = 60.
        const MapScale s =
            MapScale::forView(grid, CrsInfo(QString::fromStdString(grid.crsWkt)), QPointF(100, 100), 2.0);
        QVERIFY(s.isGeographic());
        QCOMPARE(s.latitude(), 60.0);
        QCOMPARE(s.metresPerPixel(), 0.01 * MapScale::metresPerDegreeLongitude(60.0) / 2.0);
    }
    void noCrsNoScale()
    {
        GridSpec grid = test::makeGrid(10, 10);
        grid.crsWkt.clear();
        const MapScale s = MapScale::forView(grid, CrsInfo(), QPointF(5, 5), 1.0);
        QVERIFY(!s.isValid());
        QVERIFY(!s.scaleBar(100).isValid());
        QVERIFY(MapScale::ratioText(s.denominator(96)).isEmpty());
    }
    void ratioTexts()
    {
        QCOMPARE(MapScale::ratioText(250000), QStringLiteral("1:250 000"));
        QCOMPARE(MapScale::ratioText(243871), QStringLiteral("1:244 000"));
        QCOMPARE(MapScale::ratioText(1234567), QStringLiteral("1:1 230 000"));
        QCOMPARE(MapScale::ratioText(964.2), QStringLiteral("1:964"));
        QCOMPARE(MapScale::lengthText(0.5), QStringLiteral("0.5 m"));
        QCOMPARE(MapScale::lengthText(20000), QStringLiteral("20 km"));
        QCOMPARE(MapScale::lengthText(2500), QStringLiteral("2.5 km")); // the middle of a 5 km bar
        QCOMPARE(MapScale::lengthText(0.05), QStringLiteral("0.05 m"));
    }
};

QTEST_MAIN(TestMapScale)
#include "test_mapscale.moc"
