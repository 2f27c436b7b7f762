// Evaluation of a run's deposit-probability map against deposits, always beside the zero-label magnetic
// products of the same grid: success rate at the training deposits, prediction rate at validation occurrences
// the run never saw, and held-out groups (each group of deposits scored by a model that did not see it).
#pragma once

#include "evaluation.h"
#include "raster.h"

#include <cstddef>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief A zero-label score map of the survey: a standard magnetic product, higher meaning more
 *  deposit-like. */
struct BaselineMap {
    std::string name;         ///< short name, e.g. "as", "localstd51", "raw", "neg-raw"
    std::string title;        ///< e.g. "Analytic-signal amplitude"
    std::vector<float> score; ///< width * height, NaN where invalid
};

/** \brief The baselines every run is evaluated against: the raw field and its negative, the horizontal-gradient
 *  magnitude, the analytic-signal amplitude, the tilt angle and the local standard deviation in a window of the
 *  patch size (odd: P + 1 for an even P) and in 9 x 9, all computed by deriveMagneticProduct(), on threads
 *  threads (0: all cores), in this order whatever the threads. */
std::vector<BaselineMap> magneticBaselines(const Raster &survey, int patchSize, Feedback *feedback = nullptr,
                                           int threads = 1);

/** \brief One row of the evaluation table: a score map measured at the deposits. */
struct ScoreEvaluation {
    std::string name, title;
    bool isModel = false;
    RateCurve success;    ///< at the training deposits
    RateCurve prediction; ///< at the validation occurrences; empty (occurrences 0) without them
    /// Held-out groups: each training deposit ranked by a model trained without its group and that model's own
    /// map. A baseline uses no labels, so its held-out curve is its success curve.
    RateCurve heldOut;
};

/** \brief The evaluation of a run. */
struct MapEvaluation {
    std::vector<ScoreEvaluation> rows; ///< the model first, then the baselines
    int trainingDeposits = 0;          ///< deposit pixels labelled for training, on valid ground
    int validationGiven = 0;           ///< validation occurrences given (on valid ground, de-duplicated)
    int validationUsed = 0;            ///< of those, not also training labels
    int heldOutGroups = 0;             ///< folds of the held-out-group evaluation
    int depositGroups = 0;             ///< groups of labelled positions holding deposits
    double groupDistance = 0;          ///< positions closer than this (pixels) are one group; also the buffer
    std::vector<std::string> notes;    ///< how the evaluation was made, complete sentences

    bool empty() const { return rows.empty(); }
    /** \brief The headline measure: "prediction" with validation occurrences, else "held-out". */
    std::string headline() const { return validationUsed > 0 ? "prediction" : "held-out"; }
    /** \brief The AUC of the headline measure for a row. */
    double headlineAuc(const ScoreEvaluation &row) const;
    /** \brief The best baseline by the headline AUC (index into rows), -1 when there is none. */
    int bestBaseline() const;
};

/** \brief A difference in headline AUC between the map and the best baseline smaller than this is no evidence
 *  either way: one run's AUC moves by about this much between seeds on real data (Kolari, ten seeds: standard
 *  deviation 0.009; docs/METHOD.md), so reports call the map level with the baseline. */
constexpr double kLevelWithBaseline = 0.01;

/** \brief Row-major pixel indices of deposit pixels of a label image that lie on valid ground. */
std::vector<std::size_t> depositPixels(const std::vector<uint8_t> &labels, const std::vector<uint8_t> &valid);

/** \brief Areas at which the share of occurrences captured is reported: 2, 5, 10 and 20 % of the area. */
std::vector<double> capturedAreas();

} // namespace lodestone
