// ColorRamp: the lookup tables hold the expected colours at their ends and middle.
#include "colorramp.h"

#include <QTest>

#include <cmath>

using namespace lodestone;

namespace {
bool near(QRgb a, QRgb b, int tolerance)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance &&
           std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}
} // namespace

class TestColorRamp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void viridisEndsAndMiddleMatchMatplotlib()
    {
        const ColorRamp ramp(ColorRamp::Viridis);
        QCOMPARE(ramp.rgbAt(0.0), qRgb(0x44, 0x01, 0x54));
        QCOMPARE(ramp.rgbAt(1.0), qRgb(0xfd, 0xe7, 0x25));
        QVERIFY(near(ramp.rgbAt(0.5), qRgb(0x21, 0x90, 0x8c), 3));
        QVERIFY(near(ramp.rgbAt(0.2), qRgb(0x41, 0x44, 0x87), 3));
        QVERIFY(near(ramp.rgbAt(0.8), qRgb(0x7a, 0xd1, 0x51), 3));
    }
    void rainbowRunsFromBlueToMagenta()
    {
        const ColorRamp ramp(ColorRamp::Rainbow);
        const QRgb low = ramp.rgbAt(0.0), high = ramp.rgbAt(1.0), mid = ramp.rgbAt(0.67);
        QVERIFY(qBlue(low) > 100 && qRed(low) < 60);
        QVERIFY(qRed(high) > 200 && qBlue(high) > 200);                   // magenta-pink top
        QVERIFY(qRed(mid) > 200 && qGreen(mid) > 200 && qBlue(mid) < 60); // yellow
    }
    void greysIncreaseMonotonically()
    {
        const ColorRamp ramp(ColorRamp::Greys);
        QCOMPARE(ramp.entry(0), qRgb(0, 0, 0));
        QCOMPARE(ramp.entry(ColorRamp::kSize - 1), qRgb(255, 255, 255));
        for (int i = 1; i < ColorRamp::kSize; ++i)
            QVERIFY(qGray(ramp.entry(i)) >= qGray(ramp.entry(i - 1)));
    }
    void positionsAreClampedAndNanIsLow()
    {
        const ColorRamp ramp(ColorRamp::Viridis);
        QCOMPARE(ramp.rgbAt(-3.0), ramp.entry(0));
        QCOMPARE(ramp.rgbAt(7.0), ramp.entry(ColorRamp::kSize - 1));
        QCOMPARE(ramp.rgbAt(std::nan("")), ramp.entry(0));
    }
    void everyPresetHasAName()
    {
        for (ColorRamp::Preset p : ColorRamp::presets())
            QVERIFY(!ColorRamp::displayName(p).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestColorRamp)
#include "test_colorramp.moc"
