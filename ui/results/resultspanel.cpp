// ResultsPanel: slider (hundredths) and spin box kept in step; both drive ProbabilityLayer::setThreshold.
#include "resultspanel.h"

#include "classmaplayer.h"
#include "probabilitylayer.h"
#include "probabilitylegend.h"
#include "progressestimator.h"
#include "trainingpanel.h"
#include "uncertaintylayer.h"
#include "uncertaintylegend.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace lodestone {

ResultsPanel::ResultsPanel(QWidget *parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto swatch = [](int cls) {
        return QStringLiteral("<span style=\"color:%1; font-size:large\">■</span>")
            .arg(ClassMapLayer::colorOf(cls).name());
    };
    m_classLegend = new QLabel(tr("Class map: %1 deposit %2 non-deposit").arg(swatch(1), swatch(0)), this);
    m_classLegend->setToolTip(tr("Colours of the class map layer (and of the exported class GeoTIFF)"));
    m_stale = new QLabel(tr("The labels have changed since this result was trained; train again to use them."), this);
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral("color: #9a6700;"));
    m_stale->setVisible(false);

    auto *box = new QGroupBox(tr("Probability threshold"), this);
    m_thresholdBox = box;
    m_slider = new QSlider(Qt::Horizontal, box);
    m_slider->setRange(0, 100);
    m_slider->setToolTip(tr("Pixels whose deposit probability is below this value are hidden or greyed on the "
                            "probability map, so that the most prospective ground stands out"));
    m_spin = new QDoubleSpinBox(box);
    m_spin->setRange(0.0, 1.0);
    m_spin->setDecimals(2);
    m_spin->setSingleStep(0.05);
    // A typed value applies on Enter or when the box loses focus: applying "0" of "0.8" mid-typing would rewrite
    // the text to 0.00 under the user's cursor.
    m_spin->setKeyboardTracking(false);
    m_spin->setToolTip(m_slider->toolTip());
    m_spin->setAccessibleName(tr("Probability threshold"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_slider, 1);
    row->addWidget(m_spin);
    m_below = new QComboBox(box);
    m_below->addItem(tr("Transparent"), int(ProbabilityLayer::BelowThreshold::Transparent));
    m_below->addItem(tr("Grey"), int(ProbabilityLayer::BelowThreshold::Grey));
    // Grey by default: over a survey in a rainbow ramp, the probability ramp's colours are lost.
    m_below->setCurrentIndex(m_below->findData(int(ProbabilityLayer::BelowThreshold::Grey)));
    m_below->setToolTip(tr("How pixels below the threshold are drawn: grey veils the survey beneath them, so that "
                           "the ramp's colours stand out; transparent shows the survey"));
    m_thresholdText = new QLabel(box);
    m_thresholdText->setWordWrap(true);
    m_legend = new ProbabilityLegend(box);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Show from"), row);
    form->addRow(tr("Below it"), m_below);
    form->addRow(m_thresholdText);
    form->addRow(m_legend);

    m_uncertaintyBox = new QGroupBox(tr("Uncertainty"), this);
    m_uncertaintyText = new QLabel(m_uncertaintyBox);
    m_uncertaintyText->setWordWrap(true);
    m_uncertaintyLegend = new UncertaintyLegend(m_uncertaintyBox);
    auto *uncertaintyLayout = new QVBoxLayout(m_uncertaintyBox);
    uncertaintyLayout->addWidget(m_uncertaintyText);
    uncertaintyLayout->addWidget(m_uncertaintyLegend);
    m_uncertaintyBox->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_classLegend);
    layout->addWidget(m_stale);
    layout->addWidget(box);
    layout->addWidget(m_uncertaintyBox);
    layout->addStretch(1);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_updating)
            applyThreshold(v / 100.0);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_updating)
            applyThreshold(v);
    });
    connect(m_below, &QComboBox::currentIndexChanged, this, [this] {
        if (m_layer)
            m_layer->setBelowThreshold(ProbabilityLayer::BelowThreshold(m_below->currentData().toInt()));
        m_legend->setThreshold(threshold(), greyBelow());
    });
    setThreshold(0.5);
    clear();
}

void ResultsPanel::clear()
{
    m_result.reset();
    m_summary->setText(tr("No results yet. Label some deposit and non-deposit pixels, then click Train in the "
                          "Training panel."));
    m_stale->setVisible(false);
    m_classLegend->setVisible(false);
    m_thresholdBox->setEnabled(false);
    m_uncertaintyBox->setVisible(false);
    updateThresholdText();
}

void ResultsPanel::setResult(std::shared_ptr<const PipelineResult> result, const PipelineParams &params)
{
    m_result = std::move(result);
    m_mode = params.mode;
    m_border = params.autoencoder.patchSize / 2;
    m_counts = {0, 0};
    m_stale->setVisible(false);
    if (!m_result) {
        clear();
        return;
    }
    m_thresholdBox->setEnabled(true);
    m_classLegend->setVisible(true);
    m_uncertaintyBox->setVisible(!m_result->uncertainty.empty());
    m_uncertaintyBox->setTitle(tr("Uncertainty (ensemble of %1 networks)").arg(m_result->ensemble));
    m_uncertaintyText->setText(tr("The probability map is the mean of the networks' maps; the Uncertainty layer "
                                  "shows their standard deviation: bright where they disagree."));
    updateSummary();
    updateThresholdText();
}

void ResultsPanel::setClassCounts(const std::array<std::size_t, 2> &counts)
{
    m_counts = counts;
    updateSummary();
}

void ResultsPanel::updateSummary()
{
    if (!m_result)
        return;
    double seconds = 0;
    QStringList stages;
    for (const auto &[stage, s] : m_result->stageSeconds) {
        seconds += s;
        stages << QStringLiteral("%1: %2").arg(QString::fromStdString(stage), ProgressEstimator::formatDuration(s));
    }
    QString text = tr("Trained on %1 deposit and %2 non-deposit labelled pixels.")
                       .arg(m_result->deposits)
                       .arg(m_result->nonDeposits);
    if (m_result->classifier) {
        // Large label sets: the map's SVM learns from a bounded random sample of each class (see METHOD.md).
        const auto [non, deposit] = m_result->classifier->trainingCounts();
        if (std::size_t(non) + std::size_t(deposit) < m_result->deposits + m_result->nonDeposits)
            text += QLatin1Char(' ') + tr("The map's classifier learned from a random sample of %1 deposit and %2 "
                                          "non-deposit positions of them, which bounds its time and memory.")
                                           .arg(deposit)
                                           .arg(non);
    }
    if (seconds > 0)
        text += QLatin1Char(' ') + tr("The pipeline's stages took %1 (reading and writing the files not counted).")
                                       .arg(ProgressEstimator::formatDuration(seconds));
    const std::size_t non = m_counts[0], deposit = m_counts[1];
    text += QLatin1Char('\n');
    if (deposit + non > 0)
        text += tr("Map classified with %1: %2 % of valid ground is deposit (red), %3 % non-deposit (blue).")
                    .arg(TrainingPanel::modeDisplayName(m_mode))
                    .arg(QLocale().toString(100.0 * double(deposit) / double(deposit + non), 'f', 1))
                    .arg(QLocale().toString(100.0 * double(non) / double(deposit + non), 'f', 1));
    else
        text += tr("Map classified with %1.").arg(TrainingPanel::modeDisplayName(m_mode));
    if (m_border > 0)
        text += QLatin1Char('\n') + tr("Within %1 cells of the survey's edge, fewer patches cover each pixel: read the "
                                       "maps there with care.")
                                        .arg(m_border);
    m_summary->setText(text);
    m_summary->setToolTip(stages.join(QLatin1Char('\n')));
}

void ResultsPanel::setProbabilityLayer(ProbabilityLayer *layer)
{
    if (m_layer)
        disconnect(m_layer, nullptr, this, nullptr);
    m_layer = layer;
    if (m_layer) {
        m_layer->setThreshold(threshold());
        m_layer->setBelowThreshold(ProbabilityLayer::BelowThreshold(m_below->currentData().toInt()));
        connect(m_layer, &ProbabilityLayer::statisticsReady, this, &ResultsPanel::updateThresholdText);
    }
    updateThresholdText();
}

void ResultsPanel::setUncertaintyLayer(UncertaintyLayer *layer)
{
    if (m_uncertaintyLayer)
        disconnect(m_uncertaintyLayer, nullptr, this, nullptr);
    m_uncertaintyLayer = layer;
    m_uncertaintyLegend->setMaximum(layer ? layer->scaleMaximum() : 0.0);
    if (layer)
        connect(layer, &UncertaintyLayer::renderFinished, this,
                [this, layer] { m_uncertaintyLegend->setMaximum(layer->scaleMaximum()); });
}

void ResultsPanel::setLabelsChanged(bool changed)
{
    m_stale->setVisible(changed && m_result);
}

double ResultsPanel::threshold() const
{
    return m_spin->value();
}

void ResultsPanel::setThreshold(double threshold)
{
    applyThreshold(threshold);
}

bool ResultsPanel::greyBelow() const
{
    return m_below->currentData().toInt() == int(ProbabilityLayer::BelowThreshold::Grey);
}

void ResultsPanel::setGreyBelow(bool grey)
{
    m_below->setCurrentIndex(m_below->findData(
        int(grey ? ProbabilityLayer::BelowThreshold::Grey : ProbabilityLayer::BelowThreshold::Transparent)));
}

void ResultsPanel::applyThreshold(double threshold)
{
    threshold = std::clamp(std::round(threshold * 100.0) / 100.0, 0.0, 1.0);
    m_updating = true;
    m_slider->setValue(int(std::lround(threshold * 100)));
    m_spin->setValue(threshold);
    m_updating = false;
    if (m_layer)
        m_layer->setThreshold(threshold);
    m_legend->setThreshold(threshold, greyBelow());
    updateThresholdText();
    Q_EMIT thresholdChanged(threshold);
}

void ResultsPanel::updateThresholdText()
{
    const double t = threshold();
    const QString value = QLocale().toString(t, 'f', 2);
    if (!m_layer) {
        m_thresholdText->setText(tr("Display threshold: %1.").arg(value));
        return;
    }
    const double above = m_layer->fractionAtOrAbove(t);
    if (above < 0)
        m_thresholdText->setText(tr("Display threshold: %1.").arg(value));
    else if (t <= 0)
        m_thresholdText->setText(tr("Display threshold: none; every pixel is shown."));
    else
        m_thresholdText->setText(tr("Display threshold: %1. %2 % of valid ground has a deposit probability of at "
                                    "least %1 (the class map keeps its own threshold, %3).")
                                     .arg(value)
                                     .arg(QLocale().toString(100.0 * above, 'f', 1))
                                     .arg(QLocale().toString(ClassThreshold, 'f', 2)));
}

} // namespace lodestone
