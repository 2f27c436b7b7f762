#include "labelsuggestions.h"

#include "error.h"
#include "feedback.h"
#include "labels.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lodestone {

std::vector<LabelSuggestion> suggestLabelPlaces(const std::vector<float> &probability,
                                                const std::vector<float> &uncertainty,
                                                const std::vector<uint8_t> &valid, const LabelImage &labels, int count,
                                                double minDistance, Feedback *feedback)
{
    const int w = labels.grid.width, h = labels.grid.height;
    const std::size_t n = std::size_t(w) * std::size_t(h);
    if (probability.size() != n || valid.size() != n || labels.values.size() != n ||
        (!uncertainty.empty() && uncertainty.size() != n))
        throw Error(ErrorCode::BadParameter, "The probability map, its mask and the labels are not on one grid.");
    if (count <= 0 || n == 0)
        return {};

    // The uncertainty of each pixel: near the threshold, and where an ensemble's members disagree.
    std::vector<float> raw(n, std::numeric_limits<float>::quiet_NaN());
    for (std::size_t i = 0; i < n; ++i) {
        const float p = probability[i];
        if (!valid[i] || !std::isfinite(p))
            continue;
        double u = 1.0 - std::fabs(2.0 * double(p) - 1.0);
        if (!uncertainty.empty() && std::isfinite(uncertainty[i]))
            u = 0.5 * u + 0.5 * std::min(1.0, 2.0 * double(uncertainty[i]));
        raw[i] = float(u);
    }
    checkCanceled(feedback);
    // Smoothed over 5 x 5: the mean of the valid pixels around (a box filter of sums and counts).
    cv::Mat sum(h, w, CV_64F, 0.0), num(h, w, CV_64F, 0.0);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const float v = raw[std::size_t(r) * std::size_t(w) + std::size_t(c)];
            if (std::isfinite(v)) {
                sum.at<double>(r, c) = v;
                num.at<double>(r, c) = 1.0;
            }
        }
    cv::boxFilter(sum, sum, CV_64F, cv::Size(5, 5), cv::Point(-1, -1), false, cv::BORDER_CONSTANT);
    cv::boxFilter(num, num, CV_64F, cv::Size(5, 5), cv::Point(-1, -1), false, cv::BORDER_CONSTANT);
    checkCanceled(feedback);

    // Distance of every pixel to the nearest labelled one (the whole grid when nothing is labelled).
    cv::Mat unlabelled(h, w, CV_8U);
    bool anyLabel = false;
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const uint8_t v = labels.values[std::size_t(r) * std::size_t(w) + std::size_t(c)];
            const bool labelled = v == LabelDeposit || v == LabelNonDeposit;
            anyLabel = anyLabel || labelled;
            unlabelled.at<uint8_t>(r, c) = labelled ? 0 : 255;
        }
    cv::Mat distance;
    if (anyLabel)
        cv::distanceTransform(unlabelled, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
    checkCanceled(feedback);

    std::vector<std::size_t> candidates;
    std::vector<float> score(n, -1.0f);
    for (std::size_t i = 0; i < n; ++i) {
        const int r = int(i / std::size_t(w)), c = int(i % std::size_t(w));
        if (!std::isfinite(raw[i]))
            continue;
        const double d = anyLabel ? double(distance.at<float>(r, c)) : std::numeric_limits<double>::infinity();
        if (d < minDistance)
            continue;
        score[i] = float(sum.at<double>(r, c) / num.at<double>(r, c));
        candidates.push_back(i);
    }
    // Least certain first; ties by position, so that the choice does not depend on the sort.
    std::sort(candidates.begin(), candidates.end(),
              [&score](std::size_t a, std::size_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
    checkCanceled(feedback);
    std::vector<LabelSuggestion> out;
    const double min2 = minDistance * minDistance;
    for (std::size_t i : candidates) {
        const int r = int(i / std::size_t(w)), c = int(i % std::size_t(w));
        bool apart = true;
        for (const LabelSuggestion &s : out)
            apart = apart && double(s.col - c) * (s.col - c) + double(s.row - r) * (s.row - r) >= min2;
        if (!apart)
            continue;
        LabelSuggestion s;
        s.col = c;
        s.row = r;
        s.score = score[i];
        s.probability = probability[i];
        s.spread = uncertainty.empty() || !std::isfinite(uncertainty[i]) ? 0.0f : uncertainty[i];
        s.labelDistance = anyLabel ? double(distance.at<float>(r, c)) : std::numeric_limits<double>::infinity();
        out.push_back(s);
        if (int(out.size()) == count)
            break;
    }
    return out;
}

} // namespace lodestone
