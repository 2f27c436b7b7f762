// The style panel of the survey layer: colour ramp, stretch, units, sun shading (azimuth, altitude,
// z-factor, strength, blend) and the legend. Changes apply at once; the layer re-renders in the background.
//
// Thread: GUI thread.
#pragma once

#include "rendersettings.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace lodestone {

class ColorBarLegend;
class HistogramPlot;
class RasterLayer;

/** \brief Edits the RenderSettings and units of a RasterLayer and shows its legend. */
class StylePanel : public QWidget {
    Q_OBJECT
public:
    explicit StylePanel(QWidget *parent = nullptr);

    /** \brief The layer to edit; nullptr hides the controls and shows \a whyNone (by default: open a survey). */
    void setLayer(RasterLayer *layer, const QString &whyNone = QString());
    RasterLayer *layer() const;

    /** \brief The settings the controls show. */
    RenderSettings settings() const;

    QComboBox *rampCombo() const { return m_ramp; }
    QComboBox *stretchCombo() const { return m_stretch; }
    QDoubleSpinBox *lowPercentSpin() const { return m_lowPercent; }
    QDoubleSpinBox *highPercentSpin() const { return m_highPercent; }
    QLineEdit *unitsEdit() const { return m_units; }
    QGroupBox *shadingGroup() const { return m_shading; }
    QSpinBox *azimuthSpin() const { return m_azimuth; }
    QSpinBox *altitudeSpin() const { return m_altitude; }
    QDoubleSpinBox *zFactorSpin() const { return m_zFactor; }
    QSlider *strengthSlider() const { return m_strength; }
    QComboBox *blendCombo() const { return m_blend; }
    QCheckBox *smoothCheck() const { return m_smooth; }
    ColorBarLegend *legend() const { return m_legend; }
    HistogramPlot *histogram() const { return m_histogram; }

public Q_SLOTS:
    /** \brief Restores the default settings (histogram-equalised rainbow, sun at 315/45). */
    void resetToDefaults();

private:
    void showSettings(const RenderSettings &settings);
    void apply();
    void updateLegend();
    void updateVisibility();

    QPointer<RasterLayer> m_layer;
    bool m_updating = false;
    QComboBox *m_ramp = nullptr;
    QComboBox *m_stretch = nullptr;
    QWidget *m_cutRow = nullptr;
    QDoubleSpinBox *m_lowPercent = nullptr;
    QDoubleSpinBox *m_highPercent = nullptr;
    QLineEdit *m_units = nullptr;
    QGroupBox *m_shading = nullptr;
    QSpinBox *m_azimuth = nullptr;
    QSpinBox *m_altitude = nullptr;
    QDoubleSpinBox *m_zFactor = nullptr;
    QSlider *m_strength = nullptr;
    QLabel *m_strengthValue = nullptr;
    QComboBox *m_blend = nullptr;
    QCheckBox *m_smooth = nullptr;
    ColorBarLegend *m_legend = nullptr;
    HistogramPlot *m_histogram = nullptr;
    QLabel *m_noLayer = nullptr;
    QWidget *m_controls = nullptr;
    QPushButton *m_reset = nullptr;
};

} // namespace lodestone
