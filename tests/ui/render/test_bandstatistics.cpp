// BandStatistics: range, quantiles and their inverse, gradient scale; nodata ignored.
#include "bandstatistics.h"
#include "testrasters.h"

#include <QTest>

#include <cmath>

using namespace lodestone;

class TestBandStatistics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rangeAndQuantilesOfARamp()
    {
        // 0..999 with every tenth cell nodata.
        const Raster r =
            test::makeRaster(100, 10, [](int c, int row) { return c % 10 == 9 ? NAN : float(row * 100 + c); });
        const auto s = BandStatistics::compute(r);
        QCOMPARE(s.validCount(), std::size_t(900));
        QCOMPARE(s.minimum(), 0.0);
        QCOMPARE(s.maximum(), 998.0);
        QVERIFY(std::abs(s.quantile(0.5) - 499.0) < 6.0);
        QVERIFY(std::abs(s.cumulativeFraction(s.quantile(0.3)) - 0.3) < 1e-3);
        QCOMPARE(s.cumulativeFraction(-5.0), 0.0);
        QCOMPARE(s.cumulativeFraction(5000.0), 1.0);
    }
    void constantBandMapsToTheMiddle()
    {
        const Raster r = test::makeRaster(20, 20, [](int, int) { return 7.0f; });
        const auto s = BandStatistics::compute(r);
        QCOMPARE(s.minimum(), 7.0);
        QCOMPARE(s.maximum(), 7.0);
        QCOMPARE(s.cumulativeFraction(7.0), 0.5);
        QCOMPARE(s.medianGradient(), 0.0);
    }
    void medianGradientOfAPlane()
    {
        // z rises 3 units per column; cells of 10 map units -> 0.3 per map unit.
        const Raster r = test::makeRaster(50, 50, [](int c, int) { return 3.0f * c; });
        const auto s = BandStatistics::compute(r);
        QVERIFY(std::abs(s.medianGradient() - 0.3) < 1e-6);
    }
    void histogramCoversTheRobustRangeAndSumsToOne()
    {
        const Raster r =
            test::makeRaster(100, 100, [](int c, int row) { return row == 0 && c == 0 ? 1e6f : float(c); });
        const auto s = BandStatistics::compute(r);
        QCOMPARE(int(s.histogram().size()), BandStatistics::kHistogramBins);
        double sum = 0;
        for (double h : s.histogram())
            sum += h;
        QVERIFY(std::abs(sum - 1.0) < 1e-9);
        QVERIFY(s.histogramHigh() < 1000.0); // the outlier does not stretch the histogram
        QVERIFY(s.histogramLow() >= 0.0);
    }
    void cancelReturnsEmpty()
    {
        const Raster r = test::makeRaster(50, 50, [](int c, int) { return float(c); });
        std::atomic_bool cancel{true};
        QVERIFY(BandStatistics::compute(r, &cancel).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBandStatistics)
#include "test_bandstatistics.moc"
