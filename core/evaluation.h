// Evaluation of score maps the way prospectivity practitioners do it: prediction- and success-rate curves
// (share of occurrences against share of area, ranked by score) with their AUC and the share captured in the
// top of the area, and the spatial grouping of labelled positions with buffered group folds for spatial
// cross-validation.
#pragma once

#include "experiments.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lodestone {

/** \brief A rate curve: occurrences captured against area, the valid pixels ranked by score from high to low. */
struct RateCurve {
    std::vector<double> area;     ///< fraction of the valid area, 0 .. 1, increasing (curve abscissae)
    std::vector<double> captured; ///< fraction of the occurrences whose pixel lies in that top area
                                  ///< (= capturedInTop(curve, area[i]) exactly); a right-continuous step
                                  ///< function sampled at every step: draw it as steps that hold each value
                                  ///< until the next abscissa (QCustomPlot lsStepLeft, matplotlib where="post")
    /// Mean over occurrences of the fraction of valid pixels scoring below the occurrence's pixel, ties counted
    /// half (the Mann-Whitney AUC of occurrences against the whole area): 0.5 is random ranking, 1 is perfect.
    /// Computed from the exact integer counts divided once, so it is the correctly rounded mean of the ranks (a
    /// floating-point running mean of `rank` may differ in the last bit). It equals the area under the curve (up to
    /// rounding).
    double auc = 0.5;
    int occurrences = 0; ///< occurrences on valid pixels, counted
    /// Per occurrence (in input order, valid ones only): fraction of valid pixels scoring below it, ties half,
    /// (below + below or equal) / 2 / N with N the valid pixels (the occurrence's own pixel among them), as
    /// numpy's (searchsorted(sorted, s, 'left') + searchsorted(sorted, s, 'right')) / 2 / N.
    std::vector<double> rank;
};

/** \brief The rate curve of score (width*height, row-major) at the occurrence pixels (row-major indices).
 *  Valid pixels: valid[i] != 0 (valid may be null) and score finite. Occurrence pixels that are not valid (or
 *  not below `pixels`) are ignored. An index given twice counts twice (two occurrences on one pixel). The curve
 *  is sampled at the occurrence ranks (area 1 - rank, where captured steps up) and at steps of 0.01 of the area,
 *  from (0, 0) to (1, 1). With no valid occurrence, auc is NaN and the curve empty.
 *  Cost: O(N + M log M); the pixels are radix-sorted in chunks of a million (8 MB of memory whatever the
 *  raster's size), about 0.15 s for 10 million pixels. */
RateCurve rateCurve(const float *score, const uint8_t *valid, std::size_t pixels,
                    const std::vector<std::size_t> &occurrences);

/** \brief A rate curve built from ranks (each the fraction of valid pixels scoring below an occurrence, ties
 *  half), e.g. pooled over the folds of a held-out evaluation: AUC their mean, the curve sampled like
 *  rateCurve()'s. With no rank, auc is NaN and the curve empty. */
RateCurve rateCurveFromRanks(const std::vector<double> &ranks);

/** \brief Fraction of the occurrences captured in the top `area` fraction (0..1) of the valid area: the
 *  fraction with rank >= 1 - area. NaN when the curve has no occurrence. */
double capturedInTop(const RateCurve &curve, double area);

/** \brief The AUC of decision values of labelled items: probability that a random deposit scores above a
 *  random non-deposit, ties half. NaN when a class is missing. Deposit: label != 0. Items with a NaN score are
 *  left out. Throws Error(BadParameter) when the sizes differ. */
double rocAuc(const std::vector<double> &scores, const std::vector<int> &labels);

/** \brief Groups of positions: two positions whose Euclidean distance in pixels is below `distance` are in the
 *  same group, and groups are closed under that relation (single linkage). Returns a group index per position,
 *  0 .. groups-1, numbered in order of first appearance. Distances are compared exactly (a pair exactly
 *  `distance` apart is not joined); distance <= 0 puts every position in its own group. Throws
 *  Error(BadParameter) when distance is NaN. Cost O(n log n + runs x occupied rows within the distance x log),
 *  a run being a stretch of a row without gaps of the distance (one per blob and row on a painted raster). */
std::vector<int> groupPositions(const std::vector<LabelledPosition> &positions, double distance);

/** \brief Spatial folds: k folds drawn over groups (every member of a group in the same fold), stratified as far
 *  as the groups allow (groups assigned greedily, largest first, in a seeded order, to the fold that keeps each
 *  class's counts closest to an even share). Deterministic for a seed. Returns the fold of each position. k is
 *  reduced to the number of groups when there are fewer (the caller warns).
 *  groups: any integer id per position (e.g. from groupPositions). Deposit: label != 0. The cost of putting a
 *  group into a fold is sum over classes of (group's count x fold's count) / class total^2 (the increase of the
 *  sum of squared class shares), compared in exact integers; ties go to the fold with the smaller filled share,
 *  so while a fold is empty the next group goes to an empty fold. Throws Error(BadParameter) when k < 1 or the
 *  sizes differ. */
std::vector<int> spatialFolds(const std::vector<LabelledPosition> &positions, const std::vector<int> &groups, int k,
                              std::uint64_t seed);

/** \brief Training mask of fold f: 1 for positions not in fold f and farther than `buffer` pixels (Euclidean,
 *  >= buffer) from every position of fold f; 0 for the test positions and for the buffered ones. Distances are
 *  compared exactly; buffer <= 0 masks the test positions only. Throws Error(BadParameter) when buffer is NaN or
 *  the sizes differ. */
std::vector<uint8_t> bufferedTraining(const std::vector<LabelledPosition> &positions, const std::vector<int> &fold,
                                      int f, double buffer);

/** \brief Held-out groups: the labelled positions grouped (closer than `distance`, the patch size), at most
 *  maxFolds folds drawn over the groups (spatialFolds with the seed), and for each fold the positions its model
 *  trains on: those outside the fold and at least `distance` from its positions (bufferedTraining); deposits,
 *  whose deposit buffer trains on their neighbours within depositBuffer cells too, at least distance +
 *  depositBuffer. A fold holding no deposit, or leaving fewer than 2 positions of a class to train on, is not
 *  evaluated (the latter with a note). width: the grid's, for the test deposits' pixel indices. */
struct HeldOutPlan {
    std::vector<int> fold;
    int folds = 0;
    int depositGroups = 0;
    std::vector<std::vector<LabelledPosition>> training; ///< per fold; empty when the fold is not evaluated
    std::vector<std::vector<std::size_t>> testDeposits;  ///< per fold: deposit pixels it holds out
    std::vector<std::string> notes;
};

HeldOutPlan heldOutPlan(const std::vector<LabelledPosition> &positions, int width, double distance, int depositBuffer,
                        int maxFolds, std::uint64_t seed);

} // namespace lodestone
