// Cross-validation bookkeeping: the confusion matrix with the scores derived from it (class 1, deposit, is the
// positive class), the seeded, platform-independent permutations and stratified folds used by the outer
// cross-validation of the experiments and the inner one of the SVM search, and the report table.
#pragma once

#include "random.h" // deriveSeed(), which the seeded functions here are given their seeds with

#include <cstdint>
#include <string>
#include <vector>

namespace lodestone {

/** \brief Counts of a binary classification, deposit (1) being the positive class.
 *
 *  Every score is 0 when it is undefined (no items, no predicted positives, no actual positives, or
 *  precision + recall = 0), the convention of scikit-learn's zero_division=0. */
struct ConfusionMatrix {
    long tn = 0; ///< truth 0, predicted 0
    long fp = 0; ///< truth 0, predicted 1
    long fn = 0; ///< truth 1, predicted 0
    long tp = 0; ///< truth 1, predicted 1

    /** \brief Counts one item; truth and predicted are 0 (non-deposit) or 1 (deposit); anything else is
     *  treated as 1 when non-zero. */
    void add(int truth, int predicted);
    /** \brief Adds the counts of another matrix (pooling folds). */
    void merge(const ConfusionMatrix &other);
    /** \brief Number of items counted. */
    long total() const { return tn + fp + fn + tp; }
    /** \brief (tp + tn) / total. */
    double accuracy() const;
    /** \brief tp / (tp + fp). */
    double precision() const;
    /** \brief tp / (tp + fn), the deposit hit rate (sensitivity). */
    double recall() const;
    /** \brief tn / (tn + fp). */
    double specificity() const;
    /** \brief Harmonic mean of precision and recall, 2 tp / (2 tp + fp + fn). */
    double f1() const;
    /** \brief Mean of recall and specificity. */
    double balancedAccuracy() const;

    bool operator==(const ConfusionMatrix &o) const { return tn == o.tn && fp == o.fp && fn == o.fn && tp == o.tp; }
};

/** \brief Fisher-Yates shuffle of 0 .. n-1 driven by std::mt19937_64(seed) with unbiased bounded integers
 *  (the same permutation on every platform, unlike std::shuffle). */
std::vector<int> seededPermutation(int n, std::uint64_t seed);

/** \brief Fold index (0 .. k-1) for each item, stratified by label: each class is shuffled with the seed and
 *  dealt round-robin, continuing the deal across classes, so every fold gets floor or ceil of each class's
 *  share and fold sizes differ by at most one. Deterministic for a seed on every platform. Throws
 *  Error(BadParameter) when k < 1. A class with fewer than k items leaves some folds without it; callers
 *  reduce k first (and warn). */
std::vector<int> stratifiedFolds(const std::vector<int> &labels, int k, std::uint64_t seed);

struct ModeResult; // experiments.h

/** \brief Cross-validation results as a plain-text table in the layout of the paper's Table I: one column per
 *  mode; rows accuracy, precision, recall, F1, confusion matrix, fold accuracy (mean +- sd), folds x positions
 *  and the C and gamma chosen most often. */
std::string formatReportTable(const std::vector<ModeResult> &results);

} // namespace lodestone
