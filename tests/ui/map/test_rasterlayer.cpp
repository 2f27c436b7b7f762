// RasterLayer: background rendering of the overview, restart on new settings, detail when zoomed in,
// values under the cursor.
#include "rasterlayer.h"
#include "testrasters.h"

#include <QSignalSpy>
#include <QTest>

using namespace lodestone;

namespace {
std::unique_ptr<RasterLayer> makeLayer(int w, int h)
{
    auto raster = std::make_shared<Raster>(
        test::makeRaster(w, h, [](int c, int r) { return (c + r) % 7 == 0 ? NAN : float(c - r); }));
    const auto stats = BandStatistics::compute(*raster);
    return std::make_unique<RasterLayer>(raster, stats, QStringLiteral("survey"));
}
} // namespace

class TestRasterLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void overviewFactorKeepsOverviewsSmall()
    {
        QCOMPARE(RasterLayer::overviewFactorFor(2500, 600), 1);
        QCOMPARE(RasterLayer::overviewFactorFor(681, 821), 1);
        QCOMPARE(RasterLayer::overviewFactorFor(10000, 10000), 4);
    }
    void rendersTheOverviewInTheBackground()
    {
        auto layer = makeLayer(64, 48);
        QSignalSpy finished(layer.get(), &RasterLayer::renderFinished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(layer->overview().image.size(), QSize(64, 48));
        QCOMPARE(layer->overview().cells, QRect(0, 0, 64, 48));
        QCOMPARE(qAlpha(layer->overview().image.pixel(0, 0)), 0); // (0 + 0) % 7 == 0: nodata
        QVERIFY(!layer->isRendering());
    }
    void newSettingsReplaceTheImage()
    {
        auto layer = makeLayer(64, 48);
        QSignalSpy finished(layer.get(), &RasterLayer::renderFinished);
        QVERIFY(finished.wait(5000));
        RenderSettings s = layer->settings();
        s.ramp = ColorRamp::Greys;
        s.hillshade = false;
        s.stretch = RenderSettings::Stretch::MinMax;
        QSignalSpy changed(layer.get(), &RasterLayer::settingsChanged);
        layer->setSettings(s);
        QCOMPARE(changed.count(), 1);
        QVERIFY(finished.wait(5000));
        const QRgb pixel = layer->overview().image.pixel(10, 3); // value 7 of -47..63
        QCOMPARE(qRed(pixel), qGreen(pixel));
        QCOMPARE(qGreen(pixel), qBlue(pixel));
    }
    void rapidChangesEndWithTheLastSettings()
    {
        auto layer = makeLayer(300, 200);
        QSignalSpy finished(layer.get(), &RasterLayer::renderFinished);
        RenderSettings s = layer->settings();
        s.hillshade = false;
        s.stretch = RenderSettings::Stretch::MinMax;
        for (int i = 0; i < 20; ++i) {
            s.ramp = i % 2 ? ColorRamp::Viridis : ColorRamp::Greys;
            layer->setSettings(s);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!layer->isRendering(), 5000);
        const QRgb pixel = layer->overview().image.pixel(1, 0);
        QCOMPARE(pixel, ColorRamp(ColorRamp::Viridis).rgbAt(layer->renderer().stretch().position(1.0)));
    }
    void zoomingInOnABigGridRendersDetail()
    {
        auto layer = makeLayer(4200, 4000); // 16.8 M cells: overview at 1 pixel per 2 x 2 cells
        QCOMPARE(layer->overviewFactor(), 2);
        QSignalSpy finished(layer.get(), &RasterLayer::renderFinished);
        QVERIFY(finished.wait(20000));
        layer->setViewExtent(QRectF(1000, 1000, 400, 300), 2.0); // 2 screen pixels per cell
        QTRY_VERIFY_WITH_TIMEOUT(!layer->detail().isNull(), 20000);
        QCOMPARE(layer->detail().factor, 1);
        QVERIFY(layer->detail().cells.contains(QRect(1000, 1000, 400, 300)));
        // Zoomed out again: the overview suffices and the detail is dropped.
        layer->setViewExtent(QRectF(0, 0, 4200, 4000), 0.2);
        QVERIFY(layer->detail().isNull());
    }
    void smoothingNeedsNoNewRender()
    {
        auto layer = makeLayer(64, 48);
        QSignalSpy finished(layer.get(), &RasterLayer::renderFinished);
        QVERIFY(finished.wait(5000));
        const qint64 key = layer->overview().image.cacheKey();
        QSignalSpy repaint(layer.get(), &MapLayer::repaintRequested);
        RenderSettings s = layer->settings();
        s.smoothZoomedIn = !s.smoothZoomedIn;
        layer->setSettings(s);
        QCOMPARE(repaint.count(), 1);
        QVERIFY(!layer->isRendering());
        QCOMPARE(layer->overview().image.cacheKey(), key);
    }
    void valueAtReportsNodataAndBounds()
    {
        auto layer = makeLayer(10, 10);
        double v = 0;
        QVERIFY(layer->valueAt(3, 1, &v));
        QCOMPARE(v, 2.0);
        QVERIFY(!layer->valueAt(0, 0, &v));  // nodata
        QVERIFY(!layer->valueAt(10, 0, &v)); // outside
        QVERIFY(!layer->valueAt(-1, 0, &v));
    }
};

QTEST_GUILESS_MAIN(TestRasterLayer)
#include "test_rasterlayer.moc"
