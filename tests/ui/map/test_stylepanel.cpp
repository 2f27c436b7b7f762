// StylePanel: the controls drive the layer's settings; the legend shows the value range in the data's units.
#include "colorbarlegend.h"
#include "histogramplot.h"
#include "rasterlayer.h"
#include "stylepanel.h"
#include "testrasters.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>

#include <cmath>

using namespace lodestone;

class TestStylePanel : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<RasterLayer> m_layer;
    StylePanel *m_panel = nullptr;

private Q_SLOTS:
    void init()
    {
        // Values 0..100 along the columns.
        auto raster = std::make_shared<Raster>(test::makeRaster(101, 5, [](int c, int) { return float(c); }));
        m_layer = std::make_unique<RasterLayer>(raster, BandStatistics::compute(*raster), QStringLiteral("survey"));
        m_panel = new StylePanel;
        m_panel->setLayer(m_layer.get());
        m_panel->show();
    }
    void cleanup()
    {
        delete m_panel;
        m_layer.reset();
    }

    void showsTheLayersSettings()
    {
        const RenderSettings defaults;
        QCOMPARE(m_panel->settings(), defaults);
        QCOMPARE(m_panel->azimuthSpin()->value(), 315);
        QCOMPARE(m_panel->altitudeSpin()->value(), 45);
        QVERIFY(m_panel->shadingGroup()->isChecked());
    }
    void controlsChangeTheLayer()
    {
        QSignalSpy changed(m_layer.get(), &RasterLayer::settingsChanged);
        m_panel->rampCombo()->setCurrentIndex(m_panel->rampCombo()->findData(int(ColorRamp::Viridis)));
        QCOMPARE(m_layer->settings().ramp, ColorRamp::Viridis);
        m_panel->azimuthSpin()->setValue(90);
        QCOMPARE(m_layer->settings().azimuth, 90.0);
        m_panel->altitudeSpin()->setValue(30);
        QCOMPARE(m_layer->settings().altitude, 30.0);
        m_panel->strengthSlider()->setValue(25);
        QCOMPARE(m_layer->settings().strength, 0.25);
        m_panel->zFactorSpin()->setValue(2.5);
        QCOMPARE(m_layer->settings().zFactor, 2.5);
        m_panel->blendCombo()->setCurrentIndex(
            m_panel->blendCombo()->findData(int(RenderSettings::ShadeBlend::Multiply)));
        QCOMPARE(m_layer->settings().blend, RenderSettings::ShadeBlend::Multiply);
        m_panel->shadingGroup()->setChecked(false);
        QVERIFY(!m_layer->settings().hillshade);
        m_panel->smoothCheck()->setChecked(false);
        QVERIFY(!m_layer->settings().smoothZoomedIn);
        QCOMPARE(changed.count(), 8);
        m_panel->resetToDefaults();
        QCOMPARE(m_layer->settings(), RenderSettings());
    }
    void legendShowsTheRangeInTheDataUnits()
    {
        m_panel->stretchCombo()->setCurrentIndex(
            m_panel->stretchCombo()->findData(int(RenderSettings::Stretch::MinMax)));
        const QStringList labels = m_panel->legend()->labels();
        QCOMPARE(labels.size(), ColorBarLegend::kTicks);
        QCOMPARE(labels.front(), QStringLiteral("100.00 nT"));
        QCOMPARE(labels.back(), QStringLiteral("0.00 nT"));
        m_panel->unitsEdit()->setText(QStringLiteral("pT"));
        Q_EMIT m_panel->unitsEdit()->editingFinished();
        QCOMPARE(m_layer->units(), QStringLiteral("pT"));
        QVERIFY(m_panel->legend()->labels().front().endsWith(QStringLiteral(" pT")));
    }
    void percentileCutLabelsTheClampedEnds()
    {
        m_panel->stretchCombo()->setCurrentIndex(
            m_panel->stretchCombo()->findData(int(RenderSettings::Stretch::PercentClip)));
        QVERIFY(m_panel->lowPercentSpin()->isEnabled());
        QCOMPARE(m_panel->lowPercentSpin()->value(), 2.0);
        QCOMPARE(m_panel->highPercentSpin()->value(), 98.0);
        const QStringList labels = m_panel->legend()->labels();
        QVERIFY2(labels.front().startsWith(QStringLiteral("≥ 9")), qPrintable(labels.front())); // about 98
        QVERIFY2(labels.back().startsWith(QStringLiteral("≤ ")), qPrintable(labels.back()));    // about 2
        QVERIFY(std::abs(QLocale().toDouble(labels.back().mid(2).section(QLatin1Char(' '), 0, 0)) - 2.0) < 0.1);
        m_panel->stretchCombo()->setCurrentIndex(
            m_panel->stretchCombo()->findData(int(RenderSettings::Stretch::HistogramEqualize)));
        QVERIFY(!m_panel->lowPercentSpin()->isEnabled());
    }
    void histogramShowsTheStretchLimits()
    {
        QCOMPARE(m_panel->histogram()->barCount(), BandStatistics::kHistogramBins);
        QVERIFY(m_panel->histogram()->markers().isEmpty()); // histogram equalisation clips nothing
        m_panel->stretchCombo()->setCurrentIndex(
            m_panel->stretchCombo()->findData(int(RenderSettings::Stretch::PercentClip)));
        m_panel->lowPercentSpin()->setValue(10.0);
        const auto markers = m_panel->histogram()->markers();
        QCOMPARE(markers.size(), 2);
        QVERIFY(std::abs(markers[0] - 10.0) < 0.5);
        QVERIFY(std::abs(markers[1] - 98.0) < 0.5);
    }
    void withoutALayerThePanelSaysSo()
    {
        m_panel->setLayer(nullptr);
        QVERIFY(m_panel->legend()->isEmpty());
        QVERIFY(!m_panel->rampCombo()->isVisible());
    }
};

QTEST_MAIN(TestStylePanel)
#include "test_stylepanel.moc"
