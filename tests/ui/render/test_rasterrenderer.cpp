// RasterRenderer: ramp colours for known values, transparent nodata, stretches, decimation, cancel, speed.
#include "rasterrenderer.h"
#include "testrasters.h"
#include "valuestretch.h"

#include <QElapsedTimer>
#include <QTest>

#include <array>
#include <cmath>

using namespace lodestone;

namespace {

RenderSettings flat(ColorRamp::Preset ramp, RenderSettings::Stretch stretch)
{
    RenderSettings s;
    s.ramp = ramp;
    s.stretch = stretch;
    s.hillshade = false;
    return s;
}

QImage renderAll(const Raster &r, const RenderSettings &settings, int factor = 1)
{
    const RasterRenderer renderer(BandStatistics::compute(r), settings);
    return renderer.render(RasterRenderer::Source::of(r), QRect(0, 0, r.width(), r.height()), factor);
}

} // namespace

class TestRasterRenderer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownValuesGetTheRampColours()
    {
        // 0, 25, 50, 75, 100 with a min/max stretch land at positions 0, .25, .5, .75, 1 of the ramp.
        const Raster r = test::makeRaster(5, 1, [](int c, int) { return 25.0f * c; });
        const QImage image = renderAll(r, flat(ColorRamp::Viridis, RenderSettings::Stretch::MinMax));
        QCOMPARE(image.size(), QSize(5, 1));
        const ColorRamp viridis(ColorRamp::Viridis);
        for (int c = 0; c < 5; ++c)
            QCOMPARE(image.pixel(c, 0), viridis.rgbAt(c / 4.0));
        QCOMPARE(image.pixel(0, 0), qRgb(0x44, 0x01, 0x54));
        QCOMPARE(image.pixel(4, 0), qRgb(0xfd, 0xe7, 0x25));
    }
    void nodataIsTransparent()
    {
        const Raster r =
            test::makeRaster(4, 4, [](int c, int row) { return (c + row) % 3 == 0 ? NAN : float(c * row); });
        for (bool shade : {false, true}) {
            RenderSettings s = flat(ColorRamp::Rainbow, RenderSettings::Stretch::HistogramEqualize);
            s.hillshade = shade;
            const QImage image = renderAll(r, s);
            for (int row = 0; row < 4; ++row) {
                for (int c = 0; c < 4; ++c)
                    QCOMPARE(qAlpha(image.pixel(c, row)), r.isValid(c, row) ? 255 : 0);
            }
        }
    }
    void percentCutClampsToTheEndColours()
    {
        const Raster r = test::makeRaster(100, 1, [](int c, int) { return float(c); });
        RenderSettings s = flat(ColorRamp::Greys, RenderSettings::Stretch::PercentClip);
        s.lowPercent = 10;
        s.highPercent = 90;
        const QImage image = renderAll(r, s);
        QCOMPARE(image.pixel(0, 0), qRgb(0, 0, 0));
        QCOMPARE(image.pixel(5, 0), qRgb(0, 0, 0));
        QCOMPARE(image.pixel(95, 0), qRgb(255, 255, 255));
        QVERIFY(qGray(image.pixel(50, 0)) > 100 && qGray(image.pixel(50, 0)) < 155);
    }
    void aCollapsedPercentCutShowsTheFullRange()
    {
        // Zero on 99 % of the pixels (a filter that rarely fires): the 2-98 % cut is 0 to 0.
        const Raster r = test::makeRaster(100, 100, [](int c, int row) { return row == 0 ? 1.5e-4f * c / 99 : 0.0f; });
        RenderSettings s = flat(ColorRamp::Greys, RenderSettings::Stretch::PercentClip);
        s.lowPercent = 2;
        s.highPercent = 98;
        const ValueStretch stretch(BandStatistics::compute(r), s);
        QCOMPARE(stretch.low(), 0.0);
        QCOMPARE(float(stretch.high()), 1.5e-4f);
        const QImage image = renderAll(r, s);
        QCOMPARE(image.pixel(0, 50), qRgb(0, 0, 0));
        QCOMPARE(image.pixel(99, 0), qRgb(255, 255, 255));
        // A constant band keeps its single value.
        const Raster constant = test::makeRaster(10, 10, [](int, int) { return 3.0f; });
        const ValueStretch flatStretch(BandStatistics::compute(constant), s);
        QCOMPARE(flatStretch.low(), 3.0);
        QCOMPARE(flatStretch.high(), 3.0);
    }
    void histogramEqualisationGivesANearUniformHistogram()
    {
        // Strongly skewed values (like a magnetic grid: a quiet background and a few intense highs).
        const Raster r = test::makeRaster(200, 200, [](int c, int row) {
            const double u = (row * 200 + c + 0.5) / 40000.0;
            return float(std::exp(12.0 * u));
        });
        auto histogram = [](const QImage &image) {
            std::array<double, 8> bins{};
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    bins[std::size_t(std::min(7, qGray(image.pixel(x, y)) / 32))] += 1.0;
            for (double &b : bins)
                b /= double(image.width()) * image.height();
            return bins;
        };
        const auto equalised =
            histogram(renderAll(r, flat(ColorRamp::Greys, RenderSettings::Stretch::HistogramEqualize)));
        for (double fraction : equalised)
            QVERIFY2(std::abs(fraction - 0.125) < 0.01, qPrintable(QString::number(fraction)));
        // A linear stretch of the same data is far from uniform: most cells are near black.
        const auto linear = histogram(renderAll(r, flat(ColorRamp::Greys, RenderSettings::Stretch::MinMax)));
        QVERIFY(linear[0] > 0.7);
    }
    void decimationAveragesBlocksAndAlignsRegions()
    {
        const Raster r = test::makeRaster(5, 4, [](int c, int) { return float(c); });
        RenderSettings s = flat(ColorRamp::Greys, RenderSettings::Stretch::MinMax);
        const auto source = RasterRenderer::Source::of(r);
        QCOMPARE(RasterRenderer::alignedRegion(source, QRect(1, 1, 3, 2), 2), QRect(0, 0, 4, 4));
        QCOMPARE(RasterRenderer::alignedRegion(source, QRect(0, 0, 5, 4), 2), QRect(0, 0, 6, 4));
        const QImage image = renderAll(r, s, 2);
        QCOMPARE(image.size(), QSize(3, 2));
        // Block (0..1) averages 0.5, block (2..3) 2.5, block (4) 4; range 0..4.
        const ColorRamp greys(ColorRamp::Greys);
        QCOMPARE(image.pixel(0, 0), greys.rgbAt(0.5 / 4));
        QCOMPARE(image.pixel(1, 1), greys.rgbAt(2.5 / 4));
        QCOMPARE(image.pixel(2, 0), greys.rgbAt(1.0));
    }
    void shadingDarkensSlopesFacingAwayFromTheSun()
    {
        // A ridge running SW-NE (crest on col + row = 40): its NW flank faces the default sun (315), its
        // SE flank faces away.
        const Raster r =
            test::makeRaster(40, 40, [](int c, int row) { return -std::abs(float(c + row - 40)) * 10.0f; });
        RenderSettings s = flat(ColorRamp::Greys, RenderSettings::Stretch::MinMax);
        s.hillshade = true;
        s.zFactor = 1.0;
        s.strength = 1.0;
        s.blend = RenderSettings::ShadeBlend::Multiply;
        const QImage image = renderAll(r, s);
        // Same value (same grey before shading) on both flanks: col + row - 40 = -5 (NW) and +5 (SE).
        QVERIFY(qGray(image.pixel(15, 20)) > qGray(image.pixel(20, 25)) + 50);
    }
    void colourShadingKeepsFlatGroundTrueAndLightsSunwardSlopes()
    {
        // Flat ground on the left half, a slope facing the north-west sun on the right (z rises to the SE).
        const Raster r =
            test::makeRaster(40, 20, [](int c, int row) { return c < 20 ? 0.0f : float(c + row - 20) * 5.0f; });
        RenderSettings shaded = flat(ColorRamp::Viridis, RenderSettings::Stretch::MinMax);
        shaded.hillshade = true;
        shaded.zFactor = 1.0;
        shaded.strength = 0.6;
        shaded.blend = RenderSettings::ShadeBlend::HsvValue;
        RenderSettings plain = shaded;
        plain.hillshade = false;
        const QImage withShade = renderAll(r, shaded), without = renderAll(r, plain);
        QCOMPARE(withShade.pixel(5, 10), without.pixel(5, 10));                 // flat: the ramp colour, unchanged
        QVERIFY(qGray(withShade.pixel(30, 10)) > qGray(without.pixel(30, 10))); // facing the sun: brighter
        // Multiply only ever darkens.
        shaded.blend = RenderSettings::ShadeBlend::Multiply;
        const QImage multiplied = renderAll(r, shaded);
        QVERIFY(qGray(multiplied.pixel(5, 10)) < qGray(without.pixel(5, 10)));
        QVERIFY(qGray(multiplied.pixel(30, 10)) <= qGray(without.pixel(30, 10)));
    }
    void cancelReturnsANullImage()
    {
        const Raster r = test::makeRaster(64, 64, [](int c, int) { return float(c); });
        const RasterRenderer renderer(BandStatistics::compute(r), RenderSettings());
        std::atomic_bool cancel{true};
        QVERIFY(renderer.render(RasterRenderer::Source::of(r), QRect(0, 0, 64, 64), 1, &cancel).isNull());
    }
    void surveySizedGridRendersQuickly()
    {
        const Raster r = test::makeRaster(2500, 600, [](int c, int row) {
            return float(100.0 * std::sin(c / 37.0) * std::cos(row / 23.0) + 0.01 * c * row);
        });
        const auto stats = BandStatistics::compute(r);
        const RasterRenderer renderer(stats, RenderSettings()); // hillshade + histogram equalisation
        QElapsedTimer timer;
        timer.start();
        const QImage image = renderer.render(RasterRenderer::Source::of(r), QRect(0, 0, 2500, 600), 1);
        const qint64 ms = timer.elapsed();
        qInfo("2500 x 600 with hillshade rendered in %lld ms", ms);
        QCOMPARE(image.size(), QSize(2500, 600));
        QVERIFY2(ms < 3000, "rendering a survey-sized grid must stay interactive");
    }
};

QTEST_GUILESS_MAIN(TestRasterRenderer)
#include "test_rasterrenderer.moc"
