// Cross-validated scores of the SVM modes as grouped bars: accuracy, precision, recall, F1 and AUC per mode, the
// graphical companion of the cross-validation table (and the plot exported with the report).
//
// Thread: GUI thread.
#pragma once

#include "resultplot.h"

#include <vector>

class QCPBarsGroup;

namespace lodestone {

struct ModeResult;

/** \brief Grouped bar chart of ModeResult scores. */
class CrossValidationPlot : public ResultPlot {
    Q_OBJECT
public:
    explicit CrossValidationPlot(QWidget *parent = nullptr);

    void setResults(const std::vector<ModeResult> &results);
    void clear();
    bool hasData() const override { return m_modes > 0; }
    int modeCount() const { return m_modes; }

    QSize sizeHint() const override { return QSize(300, 180); }

private:
    int m_modes = 0;
    QCPBarsGroup *m_group = nullptr;
};

} // namespace lodestone
