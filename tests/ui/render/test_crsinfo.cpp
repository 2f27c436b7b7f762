// CrsInfo: names and authority codes from WKT1 and WKT2, as GDAL writes them.
#include "crsinfo.h"
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
        const QString wkt = QStringLiteral(
            "PROJCRS[\"WGS 84 / UTM zone 54S\",BASEGEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\","
            "ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]],ID[\"EPSG\",4326]],"
            "CONVERSION[\"UTM zone 54S\",METHOD[\"Transverse Mercator\",ID[\"EPSG\",9807]]],"
            "CS[Cartesian,2],AXIS[\"(E)\",east],AXIS[\"(N)\",north],ID[\"EPSG\",32754]]");
        const CrsInfo crs(wkt);
        QCOMPARE(crs.name(), QStringLiteral("WGS 84 / UTM zone 54S"));
        QCOMPARE(crs.authId(), QStringLiteral("EPSG:32754"));
    }
    void linearUnitsOfProjectedCrss()
    {
        QCOMPARE(CrsInfo(QString::fromLatin1(test::kWktEpsg3067)).linearUnitMetres(), 1.0);
        // WKT1 in US survey feet: the GEOGCS's degree and the PARAMETERs are nested deeper and ignored.
        const CrsInfo feet(QStringLiteral(
            "PROJCS[\"NAD83 / Texas North (ftUS)\",GEOGCS[\"NAD83\",DATUM[\"North_American_Datum_1983\"],"
            "UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic_2SP\"],"
            "PARAMETER[\"false_easting\",656166.667],UNIT[\"US survey foot\",0.304800609601219],"
            "AUTHORITY[\"EPSG\",\"2275\"]]"));
        QCOMPARE(feet.linearUnitMetres(), 0.304800609601219);
        // WKT2: the unit of the axes, not the ellipsoid's LENGTHUNIT nor the conversion's.
        const CrsInfo wkt2(QStringLiteral(
            "PROJCRS[\"Test / km\",BASEGEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\","
            "ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]]],"
            "CONVERSION[\"c\",METHOD[\"Transverse Mercator\"],PARAMETER[\"False easting\",500000,"
            "LENGTHUNIT[\"metre\",1]]],CS[Cartesian,2],AXIS[\"(E)\",east,LENGTHUNIT[\"kilometre\",1000]],"
            "AXIS[\"(N)\",north,LENGTHUNIT[\"kilometre\",1000]]]"));
        QCOMPARE(wkt2.linearUnitMetres(), 1000.0);
        QCOMPARE(CrsInfo(QStringLiteral("GEOGCRS[\"WGS 84\",ID[\"EPSG\",4326]]")).linearUnitMetres(), 0.0);
    }
    void geographicCrsIsRecognised()
    {
        const CrsInfo crs(QStringLiteral("GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\"],ID[\"EPSG\",4326]]"));
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
        QCOMPARE(crs.shortName(), QStringLiteral("unknown CRS"));
    }
};

QTEST_GUILESS_MAIN(TestCrsInfo)
#include "test_crsinfo.moc"
