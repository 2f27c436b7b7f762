// UncertaintyLayer and UncertaintyLegend: the ensemble's standard deviation through magma from 0 to the map's
// largest value rounded up to a nice number, nodata transparent; the legend labels that scale.
#include "pipeline.h"
#include "resultfixture.h"
#include "uncertaintylayer.h"
#include "uncertaintylegend.h"

#include <QSignalSpy>
#include <QTest>

using namespace lodestone;

class TestUncertaintyLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void niceMaximaRoundUp()
    {
        QCOMPARE(UncertaintyLayer::niceMaximum(0.09), 0.1);
        QCOMPARE(UncertaintyLayer::niceMaximum(0.1), 0.1);
        QCOMPARE(UncertaintyLayer::niceMaximum(0.13), 0.2);
        QCOMPARE(UncertaintyLayer::niceMaximum(0.21), 0.25);
        QCOMPARE(UncertaintyLayer::niceMaximum(0.3), 0.5);
        QCOMPARE(UncertaintyLayer::niceMaximum(0.0), 0.01);
    }
    void rendersMagmaWithNodataTransparent()
    {
        const auto r = test::fixtureEnsembleResult(); // 0.01 * row: 0 .. 0.09
        QCOMPARE(UncertaintyLayer::largestValue(*r), double(0.01f * 9.0f));
        const QImage img = UncertaintyLayer::render(*r, 1, 0.1);
        QCOMPARE(img.size(), QSize(20, 10));
        QCOMPARE(qAlpha(img.pixel(0, 0)), 0); // nodata
        QCOMPARE(img.pixel(5, 0), UncertaintyLayer::ramp().rgbAt(0.0));
        QCOMPARE(img.pixel(5, 9), UncertaintyLayer::ramp().rgbAt(double(0.01f * 9.0f) / 0.1));
        QCOMPARE(UncertaintyLayer::ramp().rgbAt(0.0), qRgb(0x00, 0x00, 0x04)); // magma's black end
        QCOMPARE(UncertaintyLayer::ramp().rgbAt(1.0), qRgb(0xfc, 0xfd, 0xbf)); // and its pale yellow one
    }
    void theLayerFindsItsScaleOnThePool()
    {
        UncertaintyLayer layer(test::fixtureEnsembleResult());
        QCOMPARE(layer.name(), QStringLiteral("Uncertainty (ensemble of 3)"));
        QSignalSpy rendered(&layer, &UncertaintyLayer::renderFinished);
        QVERIFY(rendered.wait(5000));
        QCOMPARE(layer.scaleMaximum(), 0.1);
        QCOMPARE(layer.image().image.pixel(5, 9), UncertaintyLayer::colorOf(double(0.01f * 9.0f), 0.1));
        QCOMPARE(layer.valueAt(5, 3), double(0.01f * 3.0f));
        QVERIFY(std::isnan(layer.valueAt(0, 0)));
        QVERIFY(layer.toolTip().contains(QStringLiteral("3 networks")));
    }
    void theLegendLabelsTheScale()
    {
        UncertaintyLegend legend;
        QVERIFY(legend.labels().isEmpty());
        legend.setMaximum(0.1);
        QCOMPARE(legend.labels(), (QStringList{QLocale().toString(0.0, 'f', 3), QLocale().toString(0.025, 'f', 3),
                                               QLocale().toString(0.05, 'f', 3), QLocale().toString(0.075, 'f', 3),
                                               QLocale().toString(0.1, 'f', 3)}));
        legend.setMaximum(0.5); // quarter points written exactly
        QCOMPARE(legend.labels()[1], QLocale().toString(0.125, 'f', 3));
        legend.setMaximum(0.2);
        QCOMPARE(legend.labels()[3], QLocale().toString(0.15, 'f', 2));
        legend.resize(300, legend.sizeHint().height());
        QVERIFY(!legend.grab().toImage().isNull());
    }
};

QTEST_MAIN(TestUncertaintyLayer)
#include "test_uncertaintylayer.moc"
