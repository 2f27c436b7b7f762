#include "mapevaluation.h"

#include "feedback.h"
#include "magneticfilters.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lodestone {

std::vector<BaselineMap> magneticBaselines(const Raster &survey, int patchSize, Feedback *feedback)
{
    std::vector<BaselineMap> out;
    auto add = [&](const std::string &name, const std::string &title, std::vector<float> score) {
        out.push_back({name, title, std::move(score)});
    };
    add("raw", "Total-field anomaly", survey.data);
    std::vector<float> negative = survey.data;
    for (float &v : negative)
        v = -v;
    add("neg-raw", "Negative total-field anomaly", std::move(negative));
    auto derived = [&](MagneticProduct product, int window = 9) {
        DeriveParams p;
        p.product = product;
        p.window = window;
        return deriveMagneticProduct(survey, p, feedback).data;
    };
    add("hgrad", "Horizontal-gradient magnitude", derived(MagneticProduct::HorizontalGradient));
    add("as", "Analytic-signal amplitude", derived(MagneticProduct::AnalyticSignal));
    add("tilt", "Tilt angle", derived(MagneticProduct::TiltAngle));
    const int window = std::max(3, patchSize | 1);
    add("localstd" + std::to_string(window),
        "Local standard deviation, " + std::to_string(window) + " x " + std::to_string(window),
        derived(MagneticProduct::LocalStdDev, window));
    if (window != 9)
        add("localstd9", "Local standard deviation, 9 x 9", derived(MagneticProduct::LocalStdDev, 9));
    return out;
}

std::vector<double> capturedAreas()
{
    return {0.02, 0.05, 0.10, 0.20};
}

double MapEvaluation::headlineAuc(const ScoreEvaluation &row) const
{
    return validationUsed > 0 ? row.prediction.auc : row.heldOut.auc;
}

int MapEvaluation::bestBaseline() const
{
    int best = -1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].isModel)
            continue;
        const double a = headlineAuc(rows[i]);
        if (std::isfinite(a) && (best < 0 || a > headlineAuc(rows[std::size_t(best)])))
            best = int(i);
    }
    return best;
}

std::vector<std::size_t> depositPixels(const std::vector<uint8_t> &labels, const std::vector<uint8_t> &valid)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == 1 && valid[i])
            out.push_back(i);
    return out;
}

} // namespace lodestone
