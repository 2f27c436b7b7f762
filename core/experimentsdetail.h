// Helpers shared by the files of the SVM experiments (samples.cpp, crossvalidation.cpp, classifier.cpp); private
// to core: include it from those .cpp files only.
#pragma once

#include "experiments.h"
#include "patches.h" // reflectIndex(), the reflection of the patches at the grid's borders

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace lodestone {

inline bool isSamplesMode(SvmMode m)
{
    return m == SvmMode::PixelSamples || m == SvmMode::PatchSamples;
}
inline bool isPatchMode(SvmMode m)
{
    return m == SvmMode::PatchFeatures || m == SvmMode::PatchSamples;
}

inline bool usable(const FeatureStack &s, const float *plane, size_t idx)
{
    return (!s.valid || s.valid[idx]) && std::isfinite(plane[idx]);
}

void validateStack(const FeatureStack &s);
void validateParams(const ExperimentParams &p, bool patchModes);
/** Drops positions outside the grid, on invalid pixels or repeated (conflicting repeats entirely), saying so. */
std::vector<LabelledPosition> cleanPositions(const FeatureStack &s, const std::vector<LabelledPosition> &positions,
                                             std::vector<std::string> &warnings);

/** Appends the samples of positions[i] for every i with take(i), grouped by position. */
template <typename Take>
void appendSamples(const std::vector<std::vector<std::vector<float>>> &samples,
                   const std::vector<LabelledPosition> &positions, Take take, std::vector<std::vector<float>> &x,
                   std::vector<int> &y, std::vector<int> &groups)
{
    for (size_t i = 0; i < positions.size(); ++i)
        if (take(i))
            for (const auto &v : samples[i]) {
                x.push_back(v);
                y.push_back(positions[i].label);
                groups.push_back(int(i));
            }
}

std::pair<int, int> classCounts(const std::vector<LabelledPosition> &positions);
void requireTwoPerClass(const std::vector<LabelledPosition> &positions, const std::string &what);

} // namespace lodestone
