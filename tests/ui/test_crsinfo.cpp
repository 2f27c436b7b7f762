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
