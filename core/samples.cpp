// The samples of the SVM experiments: the modes, feature stacks and how a mode turns a labelled position into SVM
// samples (SampleLayout), with the checks shared by cross-validation and the classifier.
#include "experiments.h"
#include "experimentsdetail.h"

#include "error.h"
#include "feedback.h"
#include "raster.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>

namespace lodestone {

// ---------------------------------------------------------------------------------------------------------
// Modes and stacks

std::string svmModeName(SvmMode mode)
{
    switch (mode) {
    case SvmMode::PixelFeatures: return "pixel-features";
    case SvmMode::PixelSamples: return "pixel-samples";
    case SvmMode::PatchFeatures: return "patch-features";
    case SvmMode::PatchSamples: return "patch-samples";
    }
    return "unknown";
}

bool parseSvmMode(const std::string &name, SvmMode &mode)
{
    std::string n;
    for (char ch : name)
        n.push_back(ch == '_' ? '-' : char(std::tolower(static_cast<unsigned char>(ch))));
    for (SvmMode m : allSvmModes())
        if (svmModeName(m) == n) {
            mode = m;
            return true;
        }
    return false;
}

std::string cvSchemeName(CvScheme scheme)
{
    return scheme == CvScheme::Spatial ? "spatial" : "random";
}

std::vector<SvmMode> allSvmModes()
{
    return {SvmMode::PixelFeatures, SvmMode::PixelSamples, SvmMode::PatchFeatures, SvmMode::PatchSamples};
}

bool FeatureStack::isValid(size_t index) const
{
    return (!valid || valid[index]) &&
           std::all_of(planes.begin(), planes.end(), [index](const float *p) { return std::isfinite(p[index]); });
}

namespace {

/** Mean of the usable pixels of the b x b block with top-left (x0, y0), reflected at the borders; summed row
 *  by row in double (the box planes of classify() repeat exactly this arithmetic). */
float blockMean(const FeatureStack &s, const float *plane, int x0, int y0, int b, float fallback)
{
    double total = 0;
    long count = 0;
    for (int dy = 0; dy < b; ++dy) {
        const size_t rowBase = size_t(reflectIndex(y0 + dy, s.height)) * s.width;
        double rowSum = 0;
        long rowCount = 0;
        for (int dx = 0; dx < b; ++dx) {
            const size_t idx = rowBase + reflectIndex(x0 + dx, s.width);
            if (usable(s, plane, idx)) {
                rowSum += plane[idx];
                ++rowCount;
            }
        }
        total += rowSum;
        count += rowCount;
    }
    return count ? float(total / double(count)) : fallback;
}

} // namespace

float inverseStandardDeviation(double mu, double sd)
{
    return sd > 1e-12 * std::max(1.0, std::fabs(mu)) ? float(1.0 / sd) : 0.f;
}

namespace {

void computeStatistics(const FeatureStack &s, std::vector<float> &mean, std::vector<float> &invStd, int threads,
                       Feedback *feedback)
{
    if (!s.mean.empty()) {
        if (s.mean.size() != s.planes.size() || s.invStd.size() != s.planes.size())
            throw Error(ErrorCode::Internal, "The feature stack's statistics do not match its rasters.");
        mean = s.mean;
        invStd = s.invStd;
        return;
    }
    // Over the usable pixels (valid and finite): planeStatistics() with no nodata value.
    const std::vector<PlaneStatistics> st =
        planeStatistics(s.planes, s.pixelCount(), s.valid, std::numeric_limits<float>::quiet_NaN(), threads, feedback);
    mean.assign(s.planes.size(), 0.f);
    invStd.assign(s.planes.size(), 0.f);
    for (std::size_t k = 0; k < st.size(); ++k) {
        mean[k] = float(st[k].mean);
        invStd[k] = inverseStandardDeviation(st[k].mean, st[k].sd);
    }
}

} // namespace

void attachStatistics(FeatureStack &stack, int threads, Feedback *feedback)
{
    validateStack(stack);
    std::vector<float> mean, invStd;
    computeStatistics(stack, mean, invStd, threads, feedback);
    stack.mean = std::move(mean);
    stack.invStd = std::move(invStd);
}

void validateStack(const FeatureStack &s)
{
    if (s.width <= 0 || s.height <= 0 || s.planes.empty())
        throw Error(ErrorCode::BadParameter, "The feature stack is empty (" + std::to_string(s.width) + " x " +
                                                 std::to_string(s.height) + " pixels, " +
                                                 std::to_string(s.planes.size()) + " rasters).");
    for (const float *p : s.planes)
        if (!p)
            throw Error(ErrorCode::BadParameter, "A feature raster of the stack has no data.");
}

void validateParams(const ExperimentParams &p, bool patchModes)
{
    if (p.folds < 2)
        throw Error(ErrorCode::BadParameter,
                    "Cross-validation needs at least 2 folds; " + std::to_string(p.folds) + " were asked for.");
    if (p.perClass < 0)
        throw Error(ErrorCode::BadParameter, "The number of positions per class cannot be negative.");
    if (patchModes && (p.patchResize < 1 || p.patchSize < p.patchResize || p.patchSize % p.patchResize != 0))
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p.patchSize) +
                                                 ") must be a positive multiple of the patch resize (" +
                                                 std::to_string(p.patchResize) + ").");
    if (p.patchResize < 1) // every mode's layout divides by it, though only the patch modes read patches
        throw Error(ErrorCode::BadParameter,
                    "The patch resize must be at least 1, not " + std::to_string(p.patchResize) + ".");
    if (p.depositBuffer < 0 || p.depositBuffer > kMaxDepositBuffer)
        throw Error(ErrorCode::BadParameter, "The deposit buffer must be from 0 to " +
                                                 std::to_string(kMaxDepositBuffer) + " cells, not " +
                                                 std::to_string(p.depositBuffer) + ".");
}

/** Drops positions outside the grid, on invalid pixels or repeated (conflicting repeats entirely), saying so. */
std::vector<LabelledPosition> cleanPositions(const FeatureStack &s, const std::vector<LabelledPosition> &positions,
                                             std::vector<std::string> &warnings)
{
    std::map<std::pair<int, int>, int> labelAt; // -1 once conflicting, -2 once taken
    size_t outside = 0, invalid = 0, repeated = 0, conflicting = 0;
    for (const auto &p : positions) {
        if (p.label != 0 && p.label != 1)
            throw Error(ErrorCode::BadLabels, "The position (column " + std::to_string(p.col) + ", row " +
                                                  std::to_string(p.row) + ") has label " + std::to_string(p.label) +
                                                  "; only 0 (non-deposit) and 1 (deposit) can train the SVM.");
        if (p.col < 0 || p.row < 0 || p.col >= s.width || p.row >= s.height) {
            ++outside;
            continue;
        }
        if (!s.isValid(size_t(p.row) * s.width + p.col)) {
            ++invalid;
            continue;
        }
        auto [it, inserted] = labelAt.emplace(std::make_pair(p.col, p.row), p.label);
        repeated += !inserted;
        if (!inserted && it->second != p.label)
            it->second = -1;
    }
    std::vector<LabelledPosition> out;
    for (const auto &p : positions) {
        auto it = labelAt.find({p.col, p.row});
        if (it == labelAt.end() || it->second == -2)
            continue;
        if (it->second >= 0)
            out.push_back(p);
        else
            ++conflicting;
        it->second = -2; // later repeats are skipped
    }
    auto say = [&](size_t n, const std::string &what) {
        if (n)
            warnings.push_back(std::to_string(n) + (n == 1 ? " labelled position was" : " labelled positions were") +
                               " ignored: " + what + ".");
    };
    say(outside, "outside the feature rasters");
    say(invalid, "on invalid (nodata) pixels");
    say(repeated, "repeating an earlier position");
    say(conflicting, "its pixel is labelled both deposit and non-deposit");
    return out;
}

std::pair<int, int> classCounts(const std::vector<LabelledPosition> &positions)
{
    int neg = 0, pos = 0;
    for (const auto &p : positions)
        (p.label == 1 ? pos : neg)++;
    return {neg, pos};
}

void requireTwoPerClass(const std::vector<LabelledPosition> &positions, const std::string &what)
{
    const auto [neg, pos] = classCounts(positions);
    if (neg < 2 || pos < 2)
        throw Error(ErrorCode::TooFewLabels, what +
                                                 " needs at least 2 labelled positions of each class on valid "
                                                 "pixels; there are " +
                                                 std::to_string(pos) + " deposit and " + std::to_string(neg) +
                                                 " non-deposit.");
}

// ---------------------------------------------------------------------------------------------------------
// Samples of a position

SampleLayout SampleLayout::of(SvmMode mode, const FeatureStack &stack, const ExperimentParams &params,
                              Feedback *feedback)
{
    SampleLayout l;
    l.mode = mode;
    l.planes = int(stack.planes.size());
    l.patchSize = params.patchSize;
    l.patchResize = params.patchResize;
    computeStatistics(stack, l.mean, l.invStd, params.threads, feedback);
    return l;
}

int SampleLayout::samplesPerPosition() const
{
    return isSamplesMode(mode) ? planes : 1;
}

int SampleLayout::dimension() const
{
    switch (mode) {
    case SvmMode::PixelFeatures: return planes;
    case SvmMode::PixelSamples: return 1 + planes;
    case SvmMode::PatchFeatures: return planes * cells();
    case SvmMode::PatchSamples: return cells() + planes;
    }
    return 0;
}

void SampleLayout::extract(const FeatureStack &s, int col, int row, std::vector<std::vector<float>> &out) const
{
    const size_t idx = size_t(row) * s.width + col;
    out.assign(samplesPerPosition(), std::vector<float>(dimension(), 0.f));
    const int b = block(), r = patchResize;
    for (int k = 0; k < planes; ++k) {
        const float *p = s.planes[k];
        const float m = mean[k], is = invStd[k];
        if (mode == SvmMode::PixelFeatures) {
            out[0][k] = p[idx];
        } else if (mode == SvmMode::PixelSamples) {
            out[k][0] = (p[idx] - m) * is;
            out[k][1 + k] = 1.f;
        } else {
            const bool samples = mode == SvmMode::PatchSamples;
            float *dst = samples ? out[k].data() : out[0].data() + k * cells();
            for (int i = 0; i < r; ++i)
                for (int j = 0; j < r; ++j) {
                    const float v = blockMean(s, p, col - half() + j * b, row - half() + i * b, b, m);
                    dst[i * r + j] = samples ? (v - m) * is : v;
                }
            if (samples)
                dst[cells() + k] = 1.f;
        }
    }
}

} // namespace lodestone
