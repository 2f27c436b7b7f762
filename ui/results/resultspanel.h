// The Results panel: what the last run produced (labels used, time taken, share of ground classified deposit),
// the threshold of the probability map (slider and value, pixels below it transparent or grey, and the share
// of ground at or above it) with the probability legend, and for an ensemble the legend of its uncertainty.
//
// Thread: GUI thread.
#pragma once

#include "pipeline.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSlider;

namespace lodestone {

class ProbabilityLayer;
class ProbabilityLegend;
class UncertaintyLayer;
class UncertaintyLegend;

/** \brief Summary of a result and the probability threshold. */
class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPanel(QWidget *parent = nullptr);

    /** \brief Shows the summary of result, trained with params. */
    void setResult(std::shared_ptr<const PipelineResult> result, const PipelineParams &params);
    void clear();
    /** \brief Pixels classified {non-deposit, deposit} (from ClassMapLayer::counts()) for the summary. */
    void setClassCounts(const std::array<std::size_t, 2> &counts);
    /** \brief The layer the threshold controls act on (may be null). */
    void setProbabilityLayer(ProbabilityLayer *layer);
    /** \brief The uncertainty layer of an ensemble's result, whose scale the legend shows (null: none). */
    void setUncertaintyLayer(UncertaintyLayer *layer);
    /** \brief Notes that the labels have changed since the result was trained. */
    void setLabelsChanged(bool changed);

    double threshold() const;
    void setThreshold(double threshold);
    bool greyBelow() const;
    void setGreyBelow(bool grey);

    QLabel *summaryLabel() const { return m_summary; }
    QSlider *thresholdSlider() const { return m_slider; }
    QDoubleSpinBox *thresholdSpin() const { return m_spin; }
    QComboBox *belowCombo() const { return m_below; }
    /** \brief States the threshold in use and the share of ground at or above it. */
    QLabel *thresholdLabel() const { return m_thresholdText; }
    ProbabilityLegend *legend() const { return m_legend; }
    /** \brief Shown for an ensemble's result only. */
    QGroupBox *uncertaintyBox() const { return m_uncertaintyBox; }
    UncertaintyLegend *uncertaintyLegend() const { return m_uncertaintyLegend; }

Q_SIGNALS:
    void thresholdChanged(double threshold);

private:
    void applyThreshold(double threshold);
    void updateThresholdText();
    void updateSummary();

    std::shared_ptr<const PipelineResult> m_result;
    SvmMode m_mode = SvmMode::PixelFeatures;
    int m_border = 0; ///< half the patch size: the band along the edges covered by fewer patches
    std::array<std::size_t, 2> m_counts{0, 0};
    QPointer<ProbabilityLayer> m_layer;
    QPointer<UncertaintyLayer> m_uncertaintyLayer;
    bool m_updating = false;
    QLabel *m_summary = nullptr;
    QLabel *m_classLegend = nullptr;
    QLabel *m_stale = nullptr;
    QWidget *m_thresholdBox = nullptr;
    QSlider *m_slider = nullptr;
    QDoubleSpinBox *m_spin = nullptr;
    QComboBox *m_below = nullptr;
    QLabel *m_thresholdText = nullptr;
    ProbabilityLegend *m_legend = nullptr;
    QGroupBox *m_uncertaintyBox = nullptr;
    QLabel *m_uncertaintyText = nullptr;
    UncertaintyLegend *m_uncertaintyLegend = nullptr;
};

} // namespace lodestone
