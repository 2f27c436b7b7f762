// Where to label next: the places where the map is least certain (the SVM's probability near the class threshold,
// where its decision value is near 0, and where an ensemble's members disagree) and far from every label, so that
// each new label teaches the classifier something the labels so far do not.
#pragma once

#include <cstdint>
#include <vector>

namespace lodestone {

class Feedback;
struct LabelImage;

/** \brief One suggested place to label. */
struct LabelSuggestion {
    int col = 0, row = 0;
    double score = 0;         ///< the uncertainty the place was chosen for (0..1, larger: less certain)
    float probability = 0;    ///< deposit probability there
    float spread = 0;         ///< the ensemble's standard deviation there (0 for one network)
    double labelDistance = 0; ///< distance to the nearest labelled pixel, in pixels
};

/** \brief Up to count places, least certain first, on valid ground at least minDistance pixels from every
 *  labelled pixel (deposit or non-deposit) and from each other. A pixel's uncertainty is 1 - |2p - 1| for the
 *  probability p (1 on the class threshold, where the SVM's decision value is near 0), averaged with twice the
 *  ensemble's standard deviation (capped at 1) when uncertainty holds it, and smoothed over the 5 x 5 pixels
 *  around it so that one noisy pixel does not win. probability and uncertainty (may be empty) are row-major on
 *  the labels' grid, NaN where invalid. Throws Error(BadParameter) when the sizes differ; Canceled when asked. */
std::vector<LabelSuggestion> suggestLabelPlaces(const std::vector<float> &probability,
                                                const std::vector<float> &uncertainty,
                                                const std::vector<uint8_t> &valid, const LabelImage &labels, int count,
                                                double minDistance, Feedback *feedback = nullptr);

} // namespace lodestone
