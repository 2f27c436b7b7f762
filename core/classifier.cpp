// The whole-map Classifier of the SVM experiments: training on all labelled positions, row-parallel
// classification (with precomputed block-mean planes for the patch modes), and its checked file format.
#include "experiments.h"
#include "experimentsdetail.h"

#include "error.h"
#include "feedback.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <istream>
#include <limits>
#include <locale>
#include <ostream>
#include <set>
#include <sstream>
#include <tuple>

namespace lodestone {

// ---------------------------------------------------------------------------------------------------------
// Classifier

namespace {

std::uint32_t floatBits(float v)
{
    std::uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

float floatOfBits(std::uint32_t b)
{
    float v;
    std::memcpy(&v, &b, sizeof v);
    return v;
}

/** v[i] &= isfinite(x[i]) (exponent bits not all set), written to vectorise. */
void andFinite(const float *__restrict x, size_t n, uint8_t *__restrict v)
{
    for (size_t i = 0; i < n; ++i)
        v[i] &= uint8_t((floatBits(x[i]) & 0x7f800000u) != 0x7f800000u);
}

/** valid[0 .. count) for the stack's pixels begin .. begin + count: FeatureStack::isValid, plane by plane. */
void rowValidity(const FeatureStack &stack, size_t begin, size_t count, uint8_t *valid)
{
    for (size_t i = 0; i < count; ++i)
        valid[i] = stack.valid ? stack.valid[begin + i] != 0 : 1;
    for (const float *plane : stack.planes)
        andFinite(plane + begin, count, valid);
}

void requirePlanes(const FeatureStack &stack, int planes)
{
    if (planes == 0)
        throw Error(ErrorCode::BadModel, "The classifier is empty: it was neither trained nor loaded.");
    if (int(stack.planes.size()) != planes)
        throw Error(ErrorCode::BadParameter, "The classifier was trained on " + std::to_string(planes) +
                                                 " feature rasters but was given " +
                                                 std::to_string(stack.planes.size()) + ".");
}

/** The deposit buffer (ExperimentSettings::depositBuffer): appends to samples[i] of each deposit in used the samples
 *  of the valid pixels within radius cells of it that carry a label in labelled (whatever it is, conflicting labels
 *  included) or are listed in excluded (sorted row-major pixels; may be null), each pixel once (to the first deposit
 *  that reaches it). */
void addDepositBuffer(const FeatureStack &stack, const SampleLayout &layout,
                      const std::vector<LabelledPosition> &labelled, const std::vector<std::size_t> *excluded,
                      const std::vector<LabelledPosition> &used, int radius,
                      std::vector<std::vector<std::vector<float>>> &samples)
{
    std::set<std::pair<int, int>> taken;
    for (const LabelledPosition &p : labelled)
        taken.emplace(p.col, p.row);
    const auto isExcluded = [&](int col, int row) {
        return excluded && std::binary_search(excluded->begin(), excluded->end(),
                                              std::size_t(row) * std::size_t(stack.width) + std::size_t(col));
    };
    std::vector<std::vector<float>> more;
    for (std::size_t i = 0; i < used.size(); ++i) {
        if (used[i].label != 1)
            continue;
        for (int dr = -radius; dr <= radius; ++dr)
            for (int dc = -radius; dc <= radius; ++dc) {
                const int col = used[i].col + dc, row = used[i].row + dr;
                if (dr * dr + dc * dc > radius * radius || col < 0 || row < 0 || col >= stack.width ||
                    row >= stack.height ||
                    !stack.isValid(std::size_t(row) * std::size_t(stack.width) + std::size_t(col)) ||
                    isExcluded(col, row) || !taken.emplace(col, row).second)
                    continue;
                layout.extract(stack, col, row, more);
                samples[i].insert(samples[i].end(), more.begin(), more.end());
            }
    }
}

} // namespace

Classifier Classifier::train(const FeatureStack &stack, const std::vector<LabelledPosition> &positions, SvmMode mode,
                             const ExperimentParams &params, Feedback *feedback)
{
    validateStack(stack);
    validateParams(params, isPatchMode(mode));
    Classifier c;
    const std::vector<LabelledPosition> cleaned = cleanPositions(stack, positions, c.m_warnings);
    requireTwoPerClass(cleaned, "Training the classifier");
    // A bounded, seeded sample of each class keeps the SVM's time and memory bounded at any label count (the
    // grid search and the final machine both train on it); class weights balance what remains.
    // A buffered deposit gives up to depositBufferCells() times the samples of a position: its class's bound
    // counts them.
    const int perPosition = isSamplesMode(mode) ? int(stack.planes.size()) : 1;
    const int bound = classifierPositionsPerClass(params, perPosition);
    const int depositBound =
        params.depositBuffer > 0
            ? classifierPositionsPerClass(params, perPosition * depositBufferCells(params.depositBuffer))
            : bound;
    const std::vector<LabelledPosition> usablePositions =
        boundedSample(cleaned, bound, depositBound, deriveSeed(params.seed, 4));
    std::tie(c.m_negatives, c.m_positives) = classCounts(usablePositions);
    if (usablePositions.size() < cleaned.size()) {
        const auto [neg, pos] = classCounts(cleaned);
        c.m_warnings.push_back(
            "The map's classifier was trained on a random sample of " + std::to_string(c.m_positives) +
            " deposit and " + std::to_string(c.m_negatives) + " non-deposit positions (of " + std::to_string(pos) +
            " and " + std::to_string(neg) + " labelled; at most " +
            (depositBound == bound
                 ? std::to_string(bound) + " per class"
                 : std::to_string(depositBound) + " deposit and " + std::to_string(bound) + " non-deposit positions") +
            ", drawn with the run's seed) to bound the SVM's time and memory.");
    }
    c.m_layout = SampleLayout::of(mode, stack, params, feedback);
    c.m_threads = params.threads;
    std::vector<std::vector<std::vector<float>>> samples(usablePositions.size());
    for (size_t i = 0; i < usablePositions.size(); ++i)
        c.m_layout.extract(stack, usablePositions[i].col, usablePositions[i].row, samples[i]);
    if (params.depositBuffer > 0)
        addDepositBuffer(stack, c.m_layout, positions, params.unbufferedPixels.get(), usablePositions,
                         params.depositBuffer, samples);
    std::vector<std::vector<float>> x;
    std::vector<int> y, groups;
    appendSamples(
        samples, usablePositions, [](size_t) { return true; }, x, y, groups);
    SvmParams svmParams = params.svm;
    svmParams.threads = params.threads;
    svmParams.projection = mode == SvmMode::PixelFeatures ? params.pixelProjection : nullptr;
    c.m_model = SvmModel::train(x, y, svmParams, deriveSeed(params.seed, 3), groups, feedback);
    c.m_warnings.insert(c.m_warnings.end(), c.m_model.warnings().begin(), c.m_model.warnings().end());
    return c;
}

double Classifier::decisionOf(const std::vector<std::vector<float>> &samples) const
{
    double d = 0;
    for (const auto &s : samples)
        d += m_model.decision(s.data());
    return d / double(samples.size());
}

double Classifier::decisionAt(const FeatureStack &stack, int col, int row) const
{
    requirePlanes(stack, m_layout.planes);
    if (col < 0 || row < 0 || col >= stack.width || row >= stack.height ||
        !stack.isValid(size_t(row) * stack.width + col))
        return std::numeric_limits<double>::quiet_NaN();
    std::vector<std::vector<float>> samples;
    m_layout.extract(stack, col, row, samples);
    return decisionOf(samples);
}

double Classifier::probabilityAt(const FeatureStack &stack, int col, int row) const
{
    const double d = decisionAt(stack, col, row);
    return std::isnan(d) ? d : m_model.probabilityOfDecision(d);
}

namespace {

/** blockMean() of every block a patch can use, for one raster: entry (y + half, x + half) is the block with
 *  top-left (x, y), so a position's R x R cells are R x R lookups at steps of P/R. Same arithmetic as
 *  blockMean(), computed separably (row sums first). */
struct BoxPlane {
    int wp = 0, hp = 0;
    std::vector<float> v;
};

BoxPlane boxPlane(const FeatureStack &s, const SampleLayout &l, int k, bool normalise)
{
    const int b = l.block(), half = l.half(), padHi = std::max(0, l.patchSize - half - b);
    BoxPlane bp;
    bp.wp = half + s.width + padHi;
    bp.hp = half + s.height + padHi;
    const float *p = s.planes[k];
    std::vector<double> rowSum(size_t(s.height) * size_t(bp.wp));
    std::vector<int> rowCount(rowSum.size());
    for (int y = 0; y < s.height; ++y)
        for (int xi = 0; xi < bp.wp; ++xi) {
            double sum = 0;
            int n = 0;
            for (int dx = 0; dx < b; ++dx) {
                const size_t idx = size_t(y) * size_t(s.width) + size_t(reflectIndex(xi - half + dx, s.width));
                if (usable(s, p, idx)) {
                    sum += p[idx];
                    ++n;
                }
            }
            rowSum[size_t(y) * size_t(bp.wp) + size_t(xi)] = sum;
            rowCount[size_t(y) * size_t(bp.wp) + size_t(xi)] = n;
        }
    const float m = l.mean[k], is = l.invStd[k];
    bp.v.resize(size_t(bp.hp) * size_t(bp.wp));
    for (int yi = 0; yi < bp.hp; ++yi)
        for (int xi = 0; xi < bp.wp; ++xi) {
            double total = 0;
            long count = 0;
            for (int dy = 0; dy < b; ++dy) {
                const size_t at = size_t(reflectIndex(yi - half + dy, s.height)) * size_t(bp.wp) + size_t(xi);
                total += rowSum[at];
                count += rowCount[at];
            }
            const float v = count ? float(total / double(count)) : m;
            bp.v[size_t(yi) * size_t(bp.wp) + size_t(xi)] = normalise ? (v - m) * is : v;
        }
    return bp;
}

/** pixel-samples: one raster's decision as a function of its z-scored value, tabulated over the raster's range
 *  and read by Catmull-Rom cubic interpolation; the node spacing is halved until the interpolation is within
 *  1e-7 (relative to the decision's range) of the exact decision at every mid-node, or stops improving. */
struct ValueTable {
    float lo = 0, step = 1;
    std::vector<double> f;

    double at(float z) const
    {
        const int n = int(f.size()) - 1;
        const double t = std::clamp((double(z) - lo) / step, 0.0, double(n));
        const int i = std::min(int(t), std::max(n - 1, 0));
        const double u = t - i;
        auto node = [&](int j) { // quadratic extrapolation beyond the ends keeps the end intervals cubic
            if (j < 0)
                return n >= 2 ? 3 * (f[0] - f[1]) + f[2] : 2 * f[0] - f[1];
            if (j > n)
                return n >= 2 ? 3 * (f[n] - f[n - 1]) + f[n - 2] : 2 * f[n] - f[n - 1];
            return f[j];
        };
        const double p0 = node(i - 1), p1 = f[i], p2 = f[i + 1], p3 = node(i + 2);
        return p1 + 0.5 * u * (p2 - p0 + u * (2 * p0 - 5 * p1 + 4 * p2 - p3 + u * (3 * (p1 - p2) + p3 - p0)));
    }
};

ValueTable valueTable(const SvmModel &model, const SampleLayout &l, const FeatureStack &s,
                      const std::vector<uint8_t> &valid, int k)
{
    const float *p = s.planes[k];
    const float m = l.mean[k], is = l.invStd[k];
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (size_t i = 0; i < s.pixelCount(); ++i)
        if (valid[i]) {
            const float z = (p[i] - m) * is;
            lo = std::min(lo, z);
            hi = std::max(hi, z);
        }
    if (!(lo <= hi))
        lo = hi = 0;
    ValueTable t;
    t.lo = lo;
    int n = hi > lo ? 64 : 1;
    t.step = hi > lo ? float((double(hi) - lo) / n) : 1.f;
    auto decide = [&](int count, double offset, std::vector<double> &out) { // at lo + (i + offset) step
        std::vector<float> z(static_cast<size_t>(count)), zeros(z.size(), 0.f), ones(z.size(), 1.f);
        for (int i = 0; i < count; ++i)
            z[i] = t.lo + float(i + offset) * t.step;
        std::vector<const float *> cols(size_t(1 + l.planes));
        cols[0] = z.data();
        for (int j = 0; j < l.planes; ++j)
            cols[1 + j] = j == k ? ones.data() : zeros.data();
        out.resize(z.size());
        model.decisions(cols.data(), z.size(), out.data());
    };
    decide(n + 1, 0.0, t.f);
    double previous = std::numeric_limits<double>::infinity();
    for (std::vector<double> mid; hi > lo && n < 65536; n *= 2, t.step /= 2) {
        decide(n, 0.5, mid);
        const auto [fmin, fmax] = std::minmax_element(t.f.begin(), t.f.end());
        double err = 0;
        for (int i = 0; i < n; ++i)
            err = std::max(err, std::fabs(mid[i] - t.at(t.lo + float(i + 0.5) * t.step)));
        // Done when within 1e-7 of the range, or when halving stops paying (float rounding of the decision).
        if (err <= 1e-7 * std::max(1.0, *fmax - *fmin) || err > previous / 4)
            break;
        previous = err;
        std::vector<double> refined(size_t(2 * n) + 1);
        for (int i = 0; i <= n; ++i)
            refined[size_t(2 * i)] = t.f[i];
        for (int i = 0; i < n; ++i)
            refined[size_t(2 * i) + 1] = mid[i];
        t.f = std::move(refined);
    }
    return t;
}

} // namespace

void Classifier::classify(const FeatureStack &stack, std::vector<uint8_t> &classes, std::vector<float> &probability,
                          Feedback *feedback) const
{
    requirePlanes(stack, m_layout.planes);
    validateStack(stack);
    const SampleLayout &l = m_layout;
    const SvmModel &model = m_model;
    const int w = stack.width, h = stack.height, k = l.planes, r = l.patchResize, b = l.block();
    const int threads = m_threads;
    classes.assign(stack.pixelCount(), 255);
    probability.assign(stack.pixelCount(), std::numeric_limits<float>::quiet_NaN());
    std::vector<uint8_t> valid(stack.pixelCount()); // FeatureStack::isValid, plane by plane
    auto validateRow = [&](int row) { rowValidity(stack, size_t(row) * w, size_t(w), valid.data() + size_t(row) * w); };
    const bool validFirst = l.mode == SvmMode::PixelSamples; // its tables span the valid values; others: per row
    if (validFirst)
        parallelFor(h, threads, feedback, validateRow);
    std::vector<BoxPlane> boxes(isPatchMode(l.mode) ? k : 0);
    std::vector<ValueTable> tables(l.mode == SvmMode::PixelSamples ? k : 0);
    const double p0 = boxes.empty() && tables.empty() ? 0.0 : 0.2; // progress share of the preparation
    parallelFor(
        int(boxes.size() + tables.size()), threads, feedback,
        [&](int i) {
            if (!boxes.empty())
                boxes[i] = boxPlane(stack, l, i, l.mode == SvmMode::PatchSamples);
            else
                tables[i] = valueTable(model, l, stack, valid, i);
        },
        [&](int done) { reportProgress(feedback, p0 * done / k); });
    const std::vector<float> zeros(w, 0.f), ones(w, 1.f);
    constexpr int rowsPerBlock = 4;
    const int blocks = (h + rowsPerBlock - 1) / rowsPerBlock;
    auto rowBlock = [&](int block) {
        std::vector<const float *> cols(model.dimension());
        std::vector<double> dec(w), part(w);
        for (int row = block * rowsPerBlock; row < std::min(h, (block + 1) * rowsPerBlock); ++row) {
            if (!validFirst)
                validateRow(row); // while the row is in cache for the decisions
            const size_t base = size_t(row) * w;
            for (int c0 = 0, c1 = 0; c0 < w; c0 = c1) { // runs [c0, c1) of valid pixels
                for (c1 = c0 + 1; c1 < w && valid[base + c1] == valid[base + c0];)
                    ++c1;
                if (!valid[base + c0])
                    continue;
                const size_t n = c1 - c0, at = base + c0;
                auto cell = [&](int plane, int i, int j) {
                    const BoxPlane &bp = boxes[plane];
                    return bp.v.data() + size_t(row + i * b) * bp.wp + c0 + j * b;
                };
                switch (l.mode) {
                case SvmMode::PixelFeatures:
                    for (int i = 0; i < k; ++i)
                        cols[i] = stack.planes[i] + at;
                    model.decisions(cols.data(), n, dec.data());
                    break;
                case SvmMode::PatchFeatures:
                    for (int i = 0; i < k; ++i)
                        for (int c = 0; c < r * r; ++c)
                            cols[i * r * r + c] = cell(i, c / r, c % r);
                    model.decisions(cols.data(), n, dec.data());
                    break;
                case SvmMode::PatchSamples:
                    std::fill(dec.begin(), dec.end(), 0.0);
                    for (int i = 0; i < k; ++i) {
                        for (int c = 0; c < r * r; ++c)
                            cols[c] = cell(i, c / r, c % r);
                        for (int j = 0; j < k; ++j)
                            cols[r * r + j] = (j == i ? ones : zeros).data();
                        model.decisions(cols.data(), n, part.data());
                        for (size_t p = 0; p < n; ++p)
                            dec[p] += part[p];
                    }
                    for (size_t p = 0; p < n; ++p)
                        dec[p] /= k;
                    break;
                case SvmMode::PixelSamples:
                    for (size_t p = 0; p < n; ++p) {
                        double d = 0;
                        for (int i = 0; i < k; ++i)
                            d += tables[i].at((stack.planes[i][at + p] - l.mean[i]) * l.invStd[i]);
                        dec[p] = d / k;
                    }
                    break;
                }
                for (size_t p = 0; p < n; ++p) {
                    probability[at + p] = float(model.probabilityOfDecision(dec[p]));
                    classes[at + p] = probability[at + p] >= ClassThreshold ? 1 : 0;
                }
            }
        }
    };
    parallelFor(blocks, threads, feedback, rowBlock,
                [&](int done) { reportProgress(feedback, p0 + (1 - p0) * done / blocks); });
}

bool Classifier::linearProbabilities(const FeatureStack &stack, const std::vector<const Classifier *> &classifiers,
                                     const std::vector<float *> &maps, bool add, Feedback *feedback, int threads)
{
    const std::size_t nc = classifiers.size();
    if (maps.size() != nc)
        throw Error(ErrorCode::BadParameter, "linearProbabilities needs one map per classifier.");
    std::vector<double> weights(nc * stack.planes.size()), offsets(nc);
    for (std::size_t c = 0; c < nc; ++c) {
        const Classifier &cl = *classifiers[c];
        requirePlanes(stack, cl.m_layout.planes);
        std::vector<double> w;
        if (cl.m_layout.mode != SvmMode::PixelFeatures || !cl.m_model.linearForm(w, offsets[c]))
            return false;
        std::copy(w.begin(), w.end(), weights.begin() + std::ptrdiff_t(c * stack.planes.size()));
    }
    validateStack(stack);
    const int w = stack.width, h = stack.height, k = int(stack.planes.size());
    if (nc == 0)
        return true;
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    constexpr int rowsPerBlock = 4;
    const int blocks = (h + rowsPerBlock - 1) / rowsPerBlock;
    parallelFor(
        blocks, threads, feedback,
        [&](int block) {
            std::vector<uint8_t> valid(static_cast<std::size_t>(w));
            std::vector<double> dec(nc * std::size_t(w));
            for (int row = block * rowsPerBlock; row < std::min(h, (block + 1) * rowsPerBlock); ++row) {
                const std::size_t base = std::size_t(row) * std::size_t(w);
                rowValidity(stack, base, std::size_t(w), valid.data());
                for (std::size_t c = 0; c < nc; ++c)
                    std::fill_n(dec.begin() + std::ptrdiff_t(c * std::size_t(w)), w, offsets[c]);
                for (int d = 0; d < k; ++d) {
                    const float *x = stack.planes[std::size_t(d)] + base;
                    for (std::size_t c = 0; c < nc; ++c) {
                        const double a = weights[c * std::size_t(k) + std::size_t(d)];
                        double *out = dec.data() + c * std::size_t(w);
                        // Invalid pixels may hold NaN or nodata: computed, never returned.
                        for (int i = 0; i < w; ++i)
                            out[i] += a * double(x[i]);
                    }
                }
                for (std::size_t c = 0; c < nc; ++c) {
                    float *p = maps[c] + base;
                    const double *d = dec.data() + c * std::size_t(w);
                    const SvmModel &model = classifiers[c]->m_model;
                    for (int i = 0; i < w; ++i) {
                        const float v = valid[std::size_t(i)] ? float(model.probabilityOfDecision(d[i])) : nan;
                        p[i] = add ? p[i] + v : v;
                    }
                }
            }
        },
        [&](int done) { reportProgress(feedback, double(done) / blocks); });
    return true;
}

// Format: a checked record "LCLS" holding a text header (mode, geometry, training counts, notes, and the raster
// statistics as the hexadecimal bits of their floats: exact and free of locales) followed by the SVM's record.
void Classifier::save(std::ostream &out) const
{
    if (!isTrained())
        throw Error(ErrorCode::BadModel, "The classifier is empty: it was neither trained nor loaded.");
    const SampleLayout &l = m_layout;
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << "classifier " << svmModeName(l.mode) << ' ' << l.planes << ' ' << l.patchSize << ' ' << l.patchResize << ' '
      << m_negatives << ' ' << m_positives << ' ' << m_warnings.size() << '\n';
    for (const std::string &w : m_warnings)
        s << w << '\n';
    s << std::hex;
    for (int k = 0; k < l.planes; ++k)
        s << floatBits(l.mean[k]) << ' ' << floatBits(l.invStd[k]) << '\n';
    m_model.save(s);
    writeCheckedRecord(out, "LCLS", 1, s.str());
}

Classifier Classifier::load(std::istream &in)
{
    const std::string payload = readCheckedRecord(in, "LCLS", 1, "classifier");
    std::istringstream s(payload);
    s.imbue(std::locale::classic());
    auto corrupt = [](const std::string &why) {
        throw Error(ErrorCode::BadModel, "The classifier data are corrupt: " + why + ".");
    };
    Classifier c;
    SampleLayout &l = c.m_layout;
    std::string tag, modeName;
    size_t notes = 0;
    s >> tag >> modeName >> l.planes >> l.patchSize >> l.patchResize >> c.m_negatives >> c.m_positives >> notes;
    if (!s || tag != "classifier" || !parseSvmMode(modeName, l.mode) || l.planes < 1 || l.planes > 100000 ||
        l.patchResize < 1 || notes > 1000)
        corrupt("the header is invalid");
    // Training checks the patch geometry in the patch modes only (the pixel modes read no patch), and so does this.
    if (isPatchMode(l.mode) && (l.patchSize < l.patchResize || l.patchSize % l.patchResize != 0))
        corrupt("the header is invalid");
    s.ignore(1);
    for (std::string line; c.m_warnings.size() < notes && std::getline(s, line);)
        c.m_warnings.push_back(line);
    s >> std::hex;
    for (int k = 0; k < l.planes; ++k) {
        std::uint32_t a = 0, b = 0;
        s >> a >> b;
        l.mean.push_back(floatOfBits(a));
        l.invStd.push_back(floatOfBits(b));
        if (!s || !std::isfinite(l.mean.back()) || !std::isfinite(l.invStd.back()))
            corrupt("the raster statistics are invalid");
    }
    s.ignore(1);
    c.m_model = SvmModel::load(s);
    if (c.m_model.dimension() != l.dimension())
        corrupt("the SVM has " + std::to_string(c.m_model.dimension()) + " features where the mode needs " +
                std::to_string(l.dimension()));
    return c;
}

} // namespace lodestone
