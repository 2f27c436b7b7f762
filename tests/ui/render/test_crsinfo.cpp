// CrsInfo: names, authority codes and units from WKT1 and WKT2, as GDAL writes them.
#include "crsinfo.h"
#include "gridding.h"
#include "testrasters.h"

#include <QTest>

using namespace lodestone;

class TestCrsInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wkt1GivesTheOutermostAuthority()
    {
        const CrsInfo crs(QString::fromLatin1(test::kWktEpsg3067));
        QCOMPARE(crs.name(), QStringLiteral("ETRS89 / TM35FIN(E,N)"));
        QCOMPARE(crs.authId(), QStringLiteral("EPSG:3067"));
        QCOMPARE(crs.shortName(), QStringLiteral("EPSG:3067"));
        QVERIFY(!crs.isGeographic());
    }
    void wkt2GivesTheOutermostId()
    {
        // WKT2 as GDAL writes it (the base CRS and the method carry IDs of their own).
        const QString wkt = QString::fromStdString(crsWktFromUserInput("EPSG:32754"));
        QVERIFY(wkt.startsWith(QStringLiteral("PROJCRS[")));
        const CrsInfo crs(wkt);
        QCOMPARE(crs.name(), QStringLiteral("WGS 84 / UTM zone 54S"));
        QCOMPARE(crs.authId(), QStringLiteral("EPSG:32754"));
    }
    void linearUnitsOfProjectedCrss()
    {
        QCOMPARE(CrsInfo(QString::fromLatin1(test::kWktEpsg3067)).linearUnitMetres(), 1.0);
        // In US survey feet: not the base CRS's degree nor the parameters' units.
        const CrsInfo feet(QString::fromStdString(crsWktFromUserInput("EPSG:2275")));
        QCOMPARE(feet.name(), QStringLiteral("NAD83 / Texas North (ftUS)"));
        QCOMPARE(feet.linearUnitMetres(), 0.304800609601219);
        // WKT2: the unit of the axes, not the ellipsoid's LENGTHUNIT nor the conversion's.
        const CrsInfo wkt2(QStringLiteral(
            "PROJCRS[\"Test / km\",BASEGEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\","
            "ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]]],"
            "CONVERSION[\"c\",METHOD[\"Transverse Mercator\"],PARAMETER[\"False easting\",500000,"
            "LENGTHUNIT[\"metre\",1]]],CS[Cartesian,2],AXIS[\"(E)\",east,LENGTHUNIT[\"kilometre\",1000]],"
            "AXIS[\"(N)\",north,LENGTHUNIT[\"kilometre\",1000]]]"));
        QCOMPARE(wkt2.linearUnitMetres(), 1000.0);
        QCOMPARE(CrsInfo(QString::fromStdString(crsWktFromUserInput("EPSG:4326"))).linearUnitMetres(), 0.0);
    }
    void geographicCrsIsRecognised()
    {
        const CrsInfo crs(QString::fromStdString(crsWktFromUserInput("EPSG:4326")));
        QVERIFY(crs.isGeographic());
        QCOMPARE(crs.authId(), QStringLiteral("EPSG:4326"));
    }
    void withoutAuthorityTheNameIsShown()
    {
        const CrsInfo crs(QStringLiteral("LOCAL_CS[\"Survey grid\",UNIT[\"metre\",1]]"));
        QCOMPARE(crs.authId(), QString());
        QCOMPARE(crs.shortName(), QStringLiteral("Survey grid"));
    }
    void emptyWktIsUnknown()
    {
        const CrsInfo crs{QString()};
        QVERIFY(crs.isEmpty());
        QCOMPARE(
            crs.shortName(),
            QStringLiteral(
                "unknown CRS")); // Text that is no CRS GDAL can read (here a CRS without its datum) is unknown too.
        const CrsInfo broken(QStringLiteral("GEOGCRS[\"WGS 84\",ID[\"EPSG\",4326]]"));
        QVERIFY(broken.isEmpty());
        QCOMPARE(broken.shortName(), QStringLiteral("unknown CRS"));
    }
};

QTEST_GUILESS_MAIN(TestCrsInfo)
#include "test_crsinfo.moc"
