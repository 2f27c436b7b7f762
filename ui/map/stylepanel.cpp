// StylePanel: controls -> RenderSettings -> RasterLayer::setSettings; the legend follows the layer's
// settingsChanged/unitsChanged signals.
#include "stylepanel.h"

#include "colorbarlegend.h"
#include "histogramplot.h"
#include "raster.h"
#include "rasterlayer.h"
#include "valueformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lodestone {

namespace {

QIcon rampIcon(ColorRamp::Preset preset)
{
    const ColorRamp ramp(preset);
    QImage image(64, 14, QImage::Format_RGB32);
    for (int x = 0; x < image.width(); ++x) {
        const QRgb c = ramp.rgbAt(double(x) / (image.width() - 1));
        for (int y = 0; y < image.height(); ++y)
            image.setPixel(x, y, c);
    }
    return QIcon(QPixmap::fromImage(image));
}

} // namespace

StylePanel::StylePanel(QWidget *parent) : QWidget(parent)
{
    m_noLayer = new QLabel(tr("Open a survey to style it."), this);
    m_noLayer->setWordWrap(true);
    m_noLayer->setAlignment(Qt::AlignCenter);
    m_controls = new QWidget(this);

    m_ramp = new QComboBox(m_controls);
    m_ramp->setIconSize(QSize(64, 14));
    for (ColorRamp::Preset preset : ColorRamp::presets())
        m_ramp->addItem(rampIcon(preset), ColorRamp::displayName(preset), int(preset));

    m_stretch = new QComboBox(m_controls);
    for (auto mode : {RenderSettings::Stretch::HistogramEqualize, RenderSettings::Stretch::PercentClip,
                      RenderSettings::Stretch::MinMax})
        m_stretch->addItem(RenderSettings::stretchName(mode), int(mode));

    auto percentSpin = [this] {
        auto *spin = new QDoubleSpinBox(m_controls);
        spin->setRange(0.0, 100.0);
        spin->setDecimals(1);
        spin->setSingleStep(0.5);
        spin->setSuffix(tr(" %"));
        spin->setKeyboardTracking(false);
        return spin;
    };
    m_lowPercent = percentSpin();
    m_lowPercent->setToolTip(tr("Values below this percentile get the first colour"));
    m_highPercent = percentSpin();
    m_highPercent->setToolTip(tr("Values above this percentile get the last colour"));
    m_cutRow = new QWidget(m_controls);
    auto *cutLayout = new QHBoxLayout(m_cutRow);
    cutLayout->setContentsMargins(0, 0, 0, 0);
    cutLayout->addWidget(m_lowPercent);
    cutLayout->addWidget(new QLabel(tr("to"), m_cutRow));
    cutLayout->addWidget(m_highPercent);

    m_smooth = new QCheckBox(tr("Smooth when zoomed in"), m_controls);
    m_smooth->setToolTip(tr("Interpolate between cells when zoomed in; clear to see each grid cell as a square"));

    m_units = new QLineEdit(m_controls);
    m_units->setToolTip(tr("Units of the values, shown in the legend and the status bar"));

    m_shading = new QGroupBox(tr("Sun shading"), m_controls);
    m_shading->setCheckable(true);
    m_azimuth = new QSpinBox(m_shading);
    m_azimuth->setRange(0, 359);
    m_azimuth->setWrapping(true);
    m_azimuth->setSingleStep(15);
    m_azimuth->setSuffix(tr("°"));
    m_azimuth->setKeyboardTracking(false);
    m_azimuth->setToolTip(tr("Direction the light comes from, in degrees clockwise from north (315 = north-west)"));
    m_altitude = new QSpinBox(m_shading);
    m_altitude->setRange(1, 90);
    m_altitude->setSingleStep(5);
    m_altitude->setSuffix(tr("°"));
    m_altitude->setKeyboardTracking(false);
    m_altitude->setToolTip(tr("Height of the sun above the horizon, in degrees"));
    m_zFactor = new QDoubleSpinBox(m_shading);
    m_zFactor->setRange(0.0, 1e6);
    m_zFactor->setDecimals(4);
    m_zFactor->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_zFactor->setSpecialValueText(tr("Automatic"));
    m_zFactor->setKeyboardTracking(false);
    m_strength = new QSlider(Qt::Horizontal, m_shading);
    m_strength->setRange(0, 100);
    m_strengthValue = new QLabel(m_shading);
    m_strengthValue->setMinimumWidth(m_strengthValue->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    m_strengthValue->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *strengthRow = new QHBoxLayout;
    strengthRow->addWidget(m_strength, 1);
    strengthRow->addWidget(m_strengthValue);
    m_blend = new QComboBox(m_shading);
    for (auto blend : {RenderSettings::ShadeBlend::HsvValue, RenderSettings::ShadeBlend::Multiply})
        m_blend->addItem(RenderSettings::blendName(blend), int(blend));

    auto *shadingForm = new QFormLayout(m_shading);
    shadingForm->addRow(tr("Azimuth"), m_azimuth);
    shadingForm->addRow(tr("Altitude"), m_altitude);
    shadingForm->addRow(tr("Z factor"), m_zFactor);
    shadingForm->addRow(tr("Strength"), strengthRow);
    shadingForm->addRow(tr("Blend"), m_blend);

    m_legend = new ColorBarLegend(m_controls);
    m_histogram = new HistogramPlot(m_controls);
    m_reset = new QPushButton(tr("Reset to Defaults"), m_controls);

    auto *form = new QFormLayout;
    form->addRow(tr("Colour ramp"), m_ramp);
    form->addRow(tr("Stretch"), m_stretch);
    form->addRow(tr("Cut"), m_cutRow);
    form->addRow(tr("Units"), m_units);
    form->addRow(QString(), m_smooth);

    auto *legendBox = new QGroupBox(tr("Legend"), m_controls);
    auto *legendLayout = new QVBoxLayout(legendBox);
    legendLayout->addWidget(m_legend, 1);
    legendLayout->addWidget(m_histogram);

    auto *controlsLayout = new QVBoxLayout(m_controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addLayout(form);
    controlsLayout->addWidget(m_shading);
    controlsLayout->addWidget(legendBox, 1);
    controlsLayout->addWidget(m_reset, 0, Qt::AlignRight);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_noLayer);
    layout->addWidget(m_controls, 1);

    auto changed = [this] {
        updateVisibility();
        apply();
    };
    connect(m_ramp, &QComboBox::currentIndexChanged, this, changed);
    connect(m_stretch, &QComboBox::currentIndexChanged, this, changed);
    connect(m_lowPercent, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_highPercent, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_shading, &QGroupBox::toggled, this, changed);
    connect(m_azimuth, &QSpinBox::valueChanged, this, changed);
    connect(m_altitude, &QSpinBox::valueChanged, this, changed);
    connect(m_zFactor, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_strength, &QSlider::valueChanged, this, [this, changed](int value) {
        m_strengthValue->setText(tr("%1 %").arg(value));
        changed();
    });
    connect(m_blend, &QComboBox::currentIndexChanged, this, changed);
    connect(m_smooth, &QCheckBox::toggled, this, changed);
    connect(m_units, &QLineEdit::editingFinished, this, [this] {
        if (m_layer)
            m_layer->setUnits(m_units->text().trimmed());
    });
    connect(m_reset, &QPushButton::clicked, this, &StylePanel::resetToDefaults);

    setLayer(nullptr);
}

void StylePanel::setLayer(RasterLayer *layer, const QString &whyNone)
{
    if (m_layer)
        disconnect(m_layer, nullptr, this, nullptr);
    m_layer = layer;
    m_noLayer->setText(whyNone.isEmpty() ? tr("Open a survey to style it.") : whyNone);
    m_noLayer->setVisible(!layer);
    m_controls->setVisible(layer != nullptr);
    if (!layer) {
        m_legend->clear();
        m_histogram->clear();
        return;
    }
    connect(layer, &RasterLayer::settingsChanged, this, [this] {
        showSettings(m_layer->settings());
        updateLegend();
    });
    connect(layer, &RasterLayer::unitsChanged, this, [this](const QString &units) {
        if (m_units->text() != units)
            m_units->setText(units);
        updateLegend();
    });
    m_units->setText(layer->units());
    showSettings(layer->settings());
    updateLegend();
}

RenderSettings StylePanel::settings() const
{
    RenderSettings s;
    s.ramp = ColorRamp::Preset(m_ramp->currentData().toInt());
    s.stretch = RenderSettings::Stretch(m_stretch->currentData().toInt());
    s.lowPercent = m_lowPercent->value();
    s.highPercent = m_highPercent->value();
    s.hillshade = m_shading->isChecked();
    s.azimuth = m_azimuth->value();
    s.altitude = m_altitude->value();
    s.zFactor = m_zFactor->value();
    s.strength = m_strength->value() / 100.0;
    s.blend = RenderSettings::ShadeBlend(m_blend->currentData().toInt());
    s.smoothZoomedIn = m_smooth->isChecked();
    return s;
}

void StylePanel::showSettings(const RenderSettings &s)
{
    m_updating = true;
    m_ramp->setCurrentIndex(m_ramp->findData(int(s.ramp)));
    m_stretch->setCurrentIndex(m_stretch->findData(int(s.stretch)));
    m_lowPercent->setValue(s.lowPercent);
    m_highPercent->setValue(s.highPercent);
    m_shading->setChecked(s.hillshade);
    m_azimuth->setValue(int(std::lround(s.azimuth)) % 360);
    m_altitude->setValue(int(std::lround(s.altitude)));
    m_zFactor->setValue(s.zFactor);
    m_strength->setValue(int(std::lround(s.strength * 100)));
    m_strengthValue->setText(tr("%1 %").arg(m_strength->value()));
    m_blend->setCurrentIndex(m_blend->findData(int(s.blend)));
    m_smooth->setChecked(s.smoothZoomedIn);
    m_updating = false;
    updateVisibility();
}

void StylePanel::apply()
{
    if (m_updating || !m_layer)
        return;
    m_layer->setSettings(settings());
}

void StylePanel::resetToDefaults()
{
    showSettings(RenderSettings());
    apply();
}

void StylePanel::updateVisibility()
{
    m_cutRow->setEnabled(RenderSettings::Stretch(m_stretch->currentData().toInt()) ==
                         RenderSettings::Stretch::PercentClip);
}

void StylePanel::updateLegend()
{
    if (!m_layer)
        return;
    const RasterRenderer &renderer = m_layer->renderer();
    const BandStatistics &stats = m_layer->statistics();
    m_legend->setContent(renderer.ramp(), renderer.stretch(), m_layer->units(),
                         ValueFormat::decimalsForRange(stats.maximum() - stats.minimum()));
    m_histogram->setContent(stats, renderer.stretch(), renderer.ramp(), m_layer->units());
    m_zFactor->setToolTip(tr("Vertical exaggeration of the values against map units. Automatic uses %1 for "
                             "this survey.")
                              .arg(ValueFormat::number(RasterRenderer::automaticZFactor(stats), 4)));
}

RasterLayer *StylePanel::layer() const
{
    return m_layer;
}

} // namespace lodestone
