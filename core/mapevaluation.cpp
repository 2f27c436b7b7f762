#include "mapevaluation.h"

#include "feedback.h"
#include "magneticfilters.h"
#include "parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lodestone {

std::vector<BaselineMap> magneticBaselines(const Raster &survey, int patchSize, Feedback *feedback, int threads)
{
    struct Product {
        std::string name;
        DeriveParams params;
    };
    auto product = [](const std::string &name, MagneticProduct kind, int window) {
        Product p{name, {}};
        p.params.product = kind;
        p.params.window = window;
        return p;
    };
    std::vector<Product> derived{product("hgrad", MagneticProduct::HorizontalGradient, 9),
                                 product("as", MagneticProduct::AnalyticSignal, 9),
                                 product("tilt", MagneticProduct::TiltAngle, 9)};
    const int window = std::max(3, patchSize | 1);
    derived.push_back(product("localstd" + std::to_string(window), MagneticProduct::LocalStdDev, window));
    if (window != 9)
        derived.push_back(product("localstd9", MagneticProduct::LocalStdDev, 9));

    std::vector<BaselineMap> out;
    out.push_back({"raw", "Total-field anomaly", survey.data});
    std::vector<float> negative = survey.data;
    for (float &v : negative)
        v = -v;
    out.push_back({"neg-raw", "Negative total-field anomaly", std::move(negative)});
    const std::size_t first = out.size();
    for (const Product &d : derived)
        out.push_back({d.name, magneticProductTitle(d.params), {}});
    parallelFor(int(derived.size()), threads, feedback, [&](int i) {
        out[first + std::size_t(i)].score =
            deriveMagneticProduct(survey, derived[std::size_t(i)].params, feedback).data;
    });
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
