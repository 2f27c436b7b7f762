// ProbabilityLayer: viridis 0..1, nodata transparent, pixels below the threshold transparent or grey, the
// threshold stated in the layer's name, and the share of ground at or above it.
#include "pipeline.h"
#include "probabilitylayer.h"
#include "probabilitylegend.h"
#include "resultfixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace lodestone;

class TestProbabilityLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rendersTheRampWithNodataTransparent()
    {
        const auto r = test::fixtureResult();
        const QImage img = ProbabilityLayer::render(*r, 1, 0.0, ProbabilityLayer::BelowThreshold::Transparent);
        QCOMPARE(img.size(), QSize(20, 10));
        QCOMPARE(qAlpha(img.pixel(0, 0)), 0); // nodata
        QCOMPARE(img.pixel(19, 5), ProbabilityLayer::ramp().rgbAt(1.0));
        QCOMPARE(img.pixel(2, 0), ProbabilityLayer::ramp().rgbAt(2.0 / 19.0));
    }
    void belowTheThresholdIsTransparentOrGrey()
    {
        const auto r = test::fixtureResult();
        const QImage clear = ProbabilityLayer::render(*r, 1, 0.5, ProbabilityLayer::BelowThreshold::Transparent);
        QCOMPARE(qAlpha(clear.pixel(5, 5)), 0);    // 5/19 < 0.5
        QCOMPARE(qAlpha(clear.pixel(10, 5)), 255); // 10/19 >= 0.5
        const QImage grey = ProbabilityLayer::render(*r, 1, 0.5, ProbabilityLayer::BelowThreshold::Grey);
        QVERIFY(qAlpha(grey.pixel(5, 5)) > 0);
        QCOMPARE(qRed(grey.pixel(5, 5)), qGreen(grey.pixel(5, 5)));
        QCOMPARE(qAlpha(grey.pixel(0, 0)), 0); // nodata stays transparent
    }
    void theLayerStatesItsThresholdAndTheShareAboveIt()
    {
        ProbabilityLayer layer(test::fixtureResult());
        QSignalSpy rendered(&layer, &ProbabilityLayer::renderFinished);
        QSignalSpy stats(&layer, &ProbabilityLayer::statisticsReady);
        QVERIFY(rendered.wait(5000));
        if (stats.isEmpty())
            QVERIFY(stats.wait(5000));
        QCOMPARE(layer.threshold(), 0.5);
        QVERIFY(layer.name().contains(QStringLiteral("0.50")));
        // 196 valid cells; columns 10..19 (10 of 20) have probability >= 0.5 in every row.
        QCOMPARE(layer.fractionAtOrAbove(0.5), 100.0 / 196.0);
        QCOMPARE(layer.fractionAtOrAbove(0.0), 1.0);
        QSignalSpy changed(&layer, &ProbabilityLayer::thresholdChanged);
        layer.setThreshold(0.9);
        QCOMPARE(changed.count(), 1);
        QVERIFY(layer.name().contains(QStringLiteral("0.90")));
        QVERIFY(layer.toolTip().contains(QStringLiteral("at or above 0.90")));
        QVERIFY(rendered.wait(5000));
        // 15/19 < 0.9: veiled in grey, the default (a rainbow survey beneath would hide the ramp's colours).
        QCOMPARE(layer.belowThreshold(), ProbabilityLayer::BelowThreshold::Grey);
        QCOMPARE(qAlpha(layer.image().image.pixel(15, 5)), 0xaa);
        QCOMPARE(qGray(layer.image().image.pixel(15, 5)),
                 qGray(ProbabilityLayer::colorOf(15.0 / 19.0, 0.9, layer.belowThreshold())));
        QCOMPARE(layer.valueAt(19, 3), 1.0);
        QVERIFY(std::isnan(layer.valueAt(0, 0)));
        QVERIFY(std::isnan(layer.valueAt(-1, 0)));
    }
    void theLegendShowsTheThreshold()
    {
        ProbabilityLegend legend;
        legend.resize(300, legend.sizeHint().height());
        legend.setThreshold(0.7, true);
        QCOMPARE(legend.threshold(), 0.7);
        const QImage image = legend.grab().toImage();
        QVERIFY(!image.isNull());
    }
};

QTEST_MAIN(TestProbabilityLayer)
#include "test_probabilitylayer.moc"
