// Rate curves and their AUC, the ROC AUC of labelled items, spatial grouping of labelled positions and buffered
// group folds for spatial cross-validation.
//
// Neighbour searches (groupPositions, bufferedTraining) use a row index: the positions sorted by (row, col), so
// that the nearest position of a row to a column is one binary search away, and grouping links whole runs of a
// row at once. That is exact (distances compared on integer pixel offsets, see Radius) and costs O(n log n) plus
// one binary search per position (per run when grouping) and occupied row within the distance, whatever the
// density: dense painted label rasters and scattered occurrences alike. OpenCV (a distance transform thresholded
// at half the distance, then connectedComponents) was considered and rejected: digitised discs join or miss at
// about a pixel from the exact distance, so "distance exactly equal does not join" cannot hold, and it needs a
// raster over the positions' bounding box (hundreds of MB for positions spread over a large survey), where the
// row index needs O(n). A bucket grid with union-find was rejected too: its pair tests grow with the number of
// positions per bucket, i.e. with the square of the distance on a painted raster.
#include "evaluation.h"

#include "error.h"
#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

namespace lodestone {

namespace {

/** Exact test of "Euclidean distance < r" on squared integer distances: sqrt(D) < r <=> D < r^2, where r^2 =
 *  p + e exactly (p the rounded square, e = fma(r, r, -p) its error). D - p is exact when D and p are close
 *  (Sterbenz) and far from e otherwise, so D - p < e decides without rounding error. D must be an integer below
 *  2^53 (pixel offsets below about 67 million). */
class Radius {
public:
    explicit Radius(double r) : m_r(r)
    {
        if (!(r > 0))
            m_mode = Mode::Never; // also NaN (callers reject it first)
        else if (r <= 1)
            m_mode = Mode::ZeroOnly; // integer offsets: only coincident positions are closer than r <= 1
        else if (r > 0x1p27)
            m_mode = Mode::Always; // r^2 > 2^54 > every admissible D
        else {
            m_p = r * r;
            m_e = std::fma(r, r, -m_p);
        }
    }

    /** sqrt(d2) < r, for an integer d2 = dx^2 + dy^2. */
    bool within(double d2) const
    {
        switch (m_mode) {
        case Mode::Never: return false;
        case Mode::ZeroOnly: return d2 == 0;
        case Mode::Always: return true;
        case Mode::Compare: break;
        }
        return d2 - m_p < m_e;
    }

    /** Largest integer offset t (0 .. cap) with t < r, or -1 when nothing is within r. */
    long long maxOffset(long long cap) const
    {
        if (m_mode == Mode::Never)
            return -1;
        long long t = m_mode == Mode::Always ? cap : std::min(cap, static_cast<long long>(std::floor(m_r)));
        while (t > 0 && !within(double(t) * double(t)))
            --t;
        return t;
    }

private:
    enum class Mode { Never, ZeroOnly, Always, Compare };
    Mode m_mode = Mode::Compare;
    double m_r = 0, m_p = 0, m_e = 0;
};

double squaredDistance(long long dx, long long dy)
{
    return double(dx) * double(dx) + double(dy) * double(dy);
}

/** Positions sorted by (row, col, index) with their distinct rows, for nearest-in-row searches. */
struct RowIndex {
    std::vector<int> order;         ///< position indices, sorted by (row, col, index)
    std::vector<int> cols;          ///< col of order[s]
    std::vector<int> rows;          ///< distinct rows, ascending
    std::vector<std::size_t> start; ///< rows.size() + 1 offsets into order / cols

    RowIndex(const std::vector<LabelledPosition> &positions, std::vector<int> members)
    {
        order = std::move(members);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            const LabelledPosition &p = positions[std::size_t(a)], &q = positions[std::size_t(b)];
            if (p.row != q.row)
                return p.row < q.row;
            if (p.col != q.col)
                return p.col < q.col;
            return a < b;
        });
        cols.resize(order.size());
        for (std::size_t s = 0; s < order.size(); ++s) {
            const LabelledPosition &p = positions[std::size_t(order[s])];
            cols[s] = p.col;
            if (rows.empty() || rows.back() != p.row) {
                rows.push_back(p.row);
                start.push_back(s);
            }
        }
        start.push_back(order.size());
    }

    /** Calls f(s) for the nearest member at or left of col and the nearest at or right of col in distinct row ri
     *  (at most two; s indexes order / cols). Every other member of the row is no nearer than one of them. */
    template <class F> void nearestInRow(std::size_t ri, int col, F &&f) const
    {
        const auto b = cols.begin() + std::ptrdiff_t(start[ri]), e = cols.begin() + std::ptrdiff_t(start[ri + 1]);
        const auto it = std::lower_bound(b, e, col);
        if (it != e)
            f(std::size_t(it - cols.begin()));
        if (it != b && (it == e || *it != col))
            f(std::size_t(it - 1 - cols.begin()));
    }

    long long rowSpan() const { return rows.empty() ? 0 : (long long)rows.back() - rows.front(); }
};

void requireDistance(double distance, const char *what)
{
    if (std::isnan(distance))
        throw Error(ErrorCode::BadParameter, std::string("The ") + what + " distance must be a number; it is NaN.");
}

/** Union-find with path halving. */
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0); }
    int find(int x)
    {
        while (m_parent[std::size_t(x)] != x) {
            m_parent[std::size_t(x)] = m_parent[std::size_t(m_parent[std::size_t(x)])];
            x = m_parent[std::size_t(x)];
        }
        return x;
    }
    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[std::size_t(std::max(a, b))] = std::min(a, b);
    }

private:
    std::vector<int> m_parent;
};

// ---- Rate curve: counts of valid pixels below and equal to each distinct occurrence score ----

/** Sorted distinct occurrence scores u, and for each: pixels strictly below (less) and below or equal (upTo). */
struct ScoreCounts {
    std::vector<float> u;
    std::vector<std::uint64_t> less, upTo;
    std::uint64_t valid = 0; ///< N, valid pixels
};

inline bool validPixel(const float *score, const uint8_t *valid, std::size_t i)
{
    return (!valid || valid[i]) && std::isfinite(score[i]);
}

/** Order-preserving unsigned key of a finite float (-0 and +0 share one key). */
inline std::uint32_t floatKey(float s)
{
    if (s == 0)
        s = 0.0f;
    std::uint32_t b;
    std::memcpy(&b, &s, sizeof b);
    return (b & 0x80000000u) ? ~b : (b | 0x80000000u);
}

/** LSD radix sort of keys (3 passes of 11 bits; a pass where every key has the same digit is skipped). */
void radixSort(std::vector<std::uint32_t> &keys, std::vector<std::uint32_t> &tmp)
{
    constexpr int passes = 3, bits = 11;
    constexpr std::uint32_t digits = 1u << bits, mask = digits - 1;
    const std::size_t n = keys.size();
    std::vector<std::size_t> hist(std::size_t(passes) * digits, 0);
    for (std::uint32_t k : keys)
        for (int p = 0; p < passes; ++p)
            ++hist[std::size_t(p) * digits + ((k >> (p * bits)) & mask)];
    tmp.resize(n);
    for (int p = 0; p < passes; ++p) {
        std::size_t *h = hist.data() + std::size_t(p) * digits;
        if (n == 0 || std::find(h, h + digits, n) != h + digits)
            continue;
        std::size_t sum = 0;
        for (std::size_t d = 0; d < digits; ++d)
            sum += std::exchange(h[d], sum);
        for (std::uint32_t k : keys)
            tmp[h[(k >> (p * bits)) & mask]++] = k;
        keys.swap(tmp);
    }
}

/** Counts the valid pixels below and up to each distinct occurrence score: the pixels are taken in chunks of
 *  2^20 (or 4 U), each chunk's keys radix-sorted and swept once together with the sorted occurrence keys, the
 *  counts summed over chunks. O(N + U N / chunk) time, 8 bytes a chunk pixel of memory whatever the raster's
 *  size. (A binary search per pixel among the occurrence scores, the obvious alternative, mispredicts its
 *  branches on real scores: about 50 ns a pixel for 1000 distinct scores, against about 14 ns here.) */
void countScores(const float *score, const uint8_t *valid, std::size_t pixels, ScoreCounts &c)
{
    const std::size_t U = c.u.size();
    std::vector<std::uint32_t> occurrenceKeys(U);
    for (std::size_t k = 0; k < U; ++k)
        occurrenceKeys[k] = floatKey(c.u[k]);
    const std::size_t chunk = std::max<std::size_t>(std::size_t(1) << 20, 4 * U);
    std::vector<std::uint32_t> keys, tmp;
    keys.reserve(std::min(chunk, pixels));
    for (std::size_t begin = 0; begin < pixels; begin += chunk) {
        keys.clear();
        const std::size_t end = std::min(pixels, begin + chunk);
        for (std::size_t i = begin; i < end; ++i)
            if (validPixel(score, valid, i))
                keys.push_back(floatKey(score[i]));
        radixSort(keys, tmp);
        const std::size_t n = keys.size();
        std::size_t i = 0;
        for (std::size_t k = 0; k < U; ++k) {
            while (i < n && keys[i] < occurrenceKeys[k])
                ++i;
            c.less[k] += i;
            while (i < n && keys[i] == occurrenceKeys[k])
                ++i;
            c.upTo[k] += i;
        }
        c.valid += n;
    }
}

} // namespace

namespace {

/** The curve of curve.rank: the step function captured(a) = share of occurrences with rank >= 1 - a, sampled at
 *  every step (a = 1 - rank, nudged up by an ulp where rounding would leave the occurrence out) and every 0.01. */
void sampleCurve(RateCurve &curve)
{
    const std::size_t M = curve.rank.size();
    std::vector<double> sorted(curve.rank);
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> &area = curve.area;
    area.reserve(M + 101);
    for (int i = 0; i <= 100; ++i)
        area.push_back(double(i) / 100.0);
    for (double r : sorted) {
        double a = 1.0 - r;
        while (1.0 - a > r)
            a = std::nextafter(a, 2.0);
        area.push_back(a);
    }
    std::sort(area.begin(), area.end());
    area.erase(std::unique(area.begin(), area.end()), area.end());
    curve.captured.reserve(area.size());
    for (double a : area) {
        const auto below = std::lower_bound(sorted.begin(), sorted.end(), 1.0 - a) - sorted.begin();
        curve.captured.push_back(double(std::ptrdiff_t(M) - below) / double(M));
    }
}

} // namespace

RateCurve rateCurve(const float *score, const uint8_t *valid, std::size_t pixels,
                    const std::vector<std::size_t> &occurrences)
{
    RateCurve curve;
    std::vector<float> values; // score of each valid occurrence, input order
    values.reserve(occurrences.size());
    for (std::size_t idx : occurrences)
        if (idx < pixels && validPixel(score, valid, idx))
            values.push_back(score[idx] == 0 ? 0.0f : score[idx]);
    if (values.empty()) {
        curve.auc = std::numeric_limits<double>::quiet_NaN();
        return curve;
    }

    ScoreCounts c;
    c.u = values;
    std::sort(c.u.begin(), c.u.end());
    c.u.erase(std::unique(c.u.begin(), c.u.end()), c.u.end());
    c.less.assign(c.u.size(), 0);
    c.upTo.assign(c.u.size(), 0);
    countScores(score, valid, pixels, c);

    // rank = (below + up to and including) / 2 / N, as numpy's (searchsorted left + right) / 2 / N; the AUC is
    // their mean, from the exact integer sum divided once.
    const std::size_t M = values.size();
    const double N = double(c.valid);
    curve.occurrences = int(M);
    curve.rank.resize(M);
    std::uint64_t sum = 0;
    for (std::size_t j = 0; j < M; ++j) {
        const std::size_t k = std::size_t(std::lower_bound(c.u.begin(), c.u.end(), values[j]) - c.u.begin());
        const std::uint64_t twice = c.less[k] + c.upTo[k];
        sum += twice;
        curve.rank[j] = double(twice) / 2.0 / N;
    }
    curve.auc = double(sum) / (2.0 * N * double(M));

    sampleCurve(curve);
    return curve;
}

RateCurve rateCurveFromRanks(const std::vector<double> &ranks)
{
    RateCurve curve;
    curve.rank = ranks;
    curve.occurrences = int(ranks.size());
    if (ranks.empty()) {
        curve.auc = std::numeric_limits<double>::quiet_NaN();
        return curve;
    }
    double sum = 0;
    for (double r : ranks)
        sum += r;
    curve.auc = sum / double(ranks.size());
    sampleCurve(curve);
    return curve;
}

double capturedInTop(const RateCurve &curve, double area)
{
    if (curve.rank.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double threshold = 1.0 - area;
    std::size_t n = 0;
    for (double r : curve.rank)
        n += r >= threshold ? 1 : 0;
    return double(n) / double(curve.rank.size());
}

double rocAuc(const std::vector<double> &scores, const std::vector<int> &labels)
{
    if (scores.size() != labels.size())
        throw Error(ErrorCode::BadParameter, "rocAuc: " + std::to_string(scores.size()) + " scores but " +
                                                 std::to_string(labels.size()) + " labels.");
    std::vector<double> positive, negative;
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (!std::isnan(scores[i]))
            (labels[i] != 0 ? positive : negative).push_back(scores[i]);
    if (positive.empty() || negative.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(negative.begin(), negative.end());
    std::uint64_t twice = 0; // 2 x (pairs ranked right + ties / 2)
    for (double s : positive) {
        const auto lo = std::lower_bound(negative.begin(), negative.end(), s);
        const auto hi = std::upper_bound(lo, negative.end(), s);
        twice += std::uint64_t(lo - negative.begin()) + std::uint64_t(hi - negative.begin());
    }
    return double(twice) / (2.0 * double(positive.size()) * double(negative.size()));
}

std::vector<int> groupPositions(const std::vector<LabelledPosition> &positions, double distance)
{
    requireDistance(distance, "grouping");
    const std::size_t n = positions.size();
    if (n == 0)
        return {};
    const Radius radius(distance);
    std::vector<int> all(n);
    std::iota(all.begin(), all.end(), 0);
    const RowIndex index(positions, std::move(all));

    // Runs: maximal stretches of a row whose consecutive members are closer than the distance, so each lies in
    // one group (a painted raster has one run per blob and row, scattered points one run per point).
    struct Run {
        std::size_t begin, end; // into index.order / index.cols
    };
    std::vector<Run> runs;
    std::vector<std::size_t> rowRuns{0}; // runs of distinct row ri: rowRuns[ri] .. rowRuns[ri + 1]
    std::vector<int> runOf(n);           // run of each position
    for (std::size_t ri = 0; ri < index.rows.size(); ++ri) {
        for (std::size_t s = index.start[ri], end = index.start[ri + 1]; s < end;) {
            const std::size_t b = s++;
            while (s < end && radius.within(squaredDistance((long long)index.cols[s] - index.cols[s - 1], 0)))
                ++s;
            for (std::size_t t = b; t < s; ++t)
                runOf[std::size_t(index.order[t])] = int(runs.size());
            runs.push_back({b, s});
        }
        rowRuns.push_back(runs.size());
    }

    // Horizontal reach at row offset dy: the largest dx with dx^2 + dy^2 < distance^2 (tabulated for the usual
    // offsets).
    const auto [left, right] =
        std::minmax_element(positions.begin(), positions.end(),
                            [](const LabelledPosition &a, const LabelledPosition &b) { return a.col < b.col; });
    const long long colSpan = (long long)right->col - left->col;
    const long long reach = radius.maxOffset(index.rowSpan());
    auto widthAt = [&](long long dy) {
        const double d2 = distance * distance - double(dy) * double(dy);
        long long w = static_cast<long long>(std::min(double(colSpan), std::floor(std::sqrt(std::max(d2, 0.0)))));
        while (w > 0 && !radius.within(squaredDistance(w, dy)))
            --w;
        while (w < colSpan && radius.within(squaredDistance(w + 1, dy)))
            ++w;
        return w;
    };
    std::vector<long long> widths(std::size_t(std::min<long long>(reach, 1 << 16) + 1));
    for (std::size_t dy = 0; dy < widths.size(); ++dy)
        widths[dy] = widthAt((long long)dy);

    // Two runs are linked when some pair of their members is closer than the distance: columns within the
    // width of the row offset (sorted columns, so one merged pass finds the closest pair).
    auto close = [&](const Run &a, const Run &b, long long w) {
        std::size_t i = a.begin, j = b.begin;
        while (i < a.end && j < b.end) {
            const long long dx = (long long)index.cols[i] - index.cols[j];
            if (std::llabs(dx) <= w)
                return true;
            (dx < 0 ? i : j)++;
        }
        return false;
    };
    // Every pair closer than the distance, p above q, has q's run among the runs of q's row that reach into
    // p's run's columns widened by the width, and links the two runs; pairs in one row share a run.
    DisjointSets sets(runs.size());
    for (std::size_t ri = 0; ri < index.rows.size(); ++ri)
        for (std::size_t rj = ri + 1; rj < index.rows.size() && (long long)index.rows[rj] - index.rows[ri] <= reach;
             ++rj) {
            const long long dy = (long long)index.rows[rj] - index.rows[ri];
            const long long w = dy < (long long)widths.size() ? widths[std::size_t(dy)] : widthAt(dy);
            for (std::size_t r = rowRuns[ri]; r < rowRuns[ri + 1]; ++r) {
                const long long lo = (long long)index.cols[runs[r].begin] - w;
                const long long hi = (long long)index.cols[runs[r].end - 1] + w;
                std::size_t x = std::size_t(
                    std::partition_point(runs.begin() + std::ptrdiff_t(rowRuns[rj]),
                                         runs.begin() + std::ptrdiff_t(rowRuns[rj + 1]),
                                         [&](const Run &q) { return (long long)index.cols[q.end - 1] < lo; }) -
                    runs.begin());
                for (; x < rowRuns[rj + 1] && (long long)index.cols[runs[x].begin] <= hi; ++x)
                    if (sets.find(int(r)) != sets.find(int(x)) && close(runs[r], runs[x], w))
                        sets.unite(int(r), int(x));
            }
        }

    std::vector<int> group(n), number(runs.size(), -1);
    int next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        int &g = number[std::size_t(sets.find(runOf[i]))];
        if (g < 0)
            g = next++;
        group[i] = g;
    }
    return group;
}

std::vector<int> spatialFolds(const std::vector<LabelledPosition> &positions, const std::vector<int> &groups, int k,
                              std::uint64_t seed)
{
    if (groups.size() != positions.size())
        throw Error(ErrorCode::BadParameter, "spatialFolds: " + std::to_string(positions.size()) + " positions but " +
                                                 std::to_string(groups.size()) + " groups.");
    if (k < 1)
        throw Error(ErrorCode::BadParameter,
                    "The number of folds must be at least 1; it is " + std::to_string(k) + ".");
    const std::size_t n = positions.size();
    std::vector<int> ids(groups);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const std::size_t G = ids.size();
    std::vector<std::size_t> groupOf(n);
    std::vector<std::uint64_t> count0(G, 0), count1(G, 0);
    for (std::size_t i = 0; i < n; ++i) {
        groupOf[i] = std::size_t(std::lower_bound(ids.begin(), ids.end(), groups[i]) - ids.begin());
        ++(positions[i].label != 0 ? count1 : count0)[groupOf[i]];
    }
    const std::size_t folds = std::min(std::size_t(k), G);

    // Seeded order, then largest groups first (stable: equal sizes keep the seeded order).
    std::vector<int> order = seededPermutation(int(G), seed);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return count0[std::size_t(a)] + count1[std::size_t(a)] > count0[std::size_t(b)] + count1[std::size_t(b)];
    });

    // Greedy: each group goes to the fold where adding it least increases the sum over folds and classes of the
    // squared share of the class in the fold, i.e. the fold minimising sum_c g_c n_c[fold] / T_c^2. Cross-
    // multiplied by T_0^2 T_1^2 to compare in exact integers (below 2^125); ties go to the fold with the smaller
    // filled share sum_c n_c[fold] / T_c (so empty folds are filled first), then to the lower fold.
    using Wide = unsigned __int128;
    std::uint64_t total0 = 0, total1 = 0;
    for (std::size_t g = 0; g < G; ++g) {
        total0 += count0[g];
        total1 += count1[g];
    }
    const Wide t0 = std::max<std::uint64_t>(total0, 1), t1 = std::max<std::uint64_t>(total1, 1);
    std::vector<std::uint64_t> fold0(folds, 0), fold1(folds, 0);
    std::vector<int> foldOfGroup(G, 0);
    for (int gi : order) {
        const std::size_t g = std::size_t(gi);
        std::size_t best = 0;
        Wide bestCost = 0, bestFill = 0;
        for (std::size_t f = 0; f < folds; ++f) {
            const Wide cost = Wide(count0[g]) * fold0[f] * t1 * t1 + Wide(count1[g]) * fold1[f] * t0 * t0;
            const Wide fill = Wide(fold0[f]) * t1 + Wide(fold1[f]) * t0;
            if (f == 0 || cost < bestCost || (cost == bestCost && fill < bestFill)) {
                best = f;
                bestCost = cost;
                bestFill = fill;
            }
        }
        foldOfGroup[g] = int(best);
        fold0[best] += count0[g];
        fold1[best] += count1[g];
    }
    std::vector<int> fold(n);
    for (std::size_t i = 0; i < n; ++i)
        fold[i] = foldOfGroup[groupOf[i]];
    return fold;
}

std::vector<uint8_t> bufferedTraining(const std::vector<LabelledPosition> &positions, const std::vector<int> &fold,
                                      int f, double buffer)
{
    if (fold.size() != positions.size())
        throw Error(ErrorCode::BadParameter, "bufferedTraining: " + std::to_string(positions.size()) +
                                                 " positions but " + std::to_string(fold.size()) + " fold indices.");
    requireDistance(buffer, "buffer");
    const std::size_t n = positions.size();
    std::vector<uint8_t> training(n);
    std::vector<int> test;
    for (std::size_t i = 0; i < n; ++i) {
        training[i] = fold[i] != f ? 1 : 0;
        if (!training[i])
            test.push_back(int(i));
    }
    const Radius radius(buffer);
    if (test.empty() || radius.maxOffset(0) < 0)
        return training;
    const auto [lowest, highest] =
        std::minmax_element(positions.begin(), positions.end(),
                            [](const LabelledPosition &a, const LabelledPosition &b) { return a.row < b.row; });
    const long long reach = radius.maxOffset((long long)highest->row - lowest->row);
    const RowIndex index(positions, std::move(test));
    for (std::size_t i = 0; i < n; ++i) {
        if (!training[i])
            continue;
        const LabelledPosition &p = positions[i];
        // Test rows within reach of p's row, nearest first (a hit ends the search early).
        const std::size_t mid =
            std::size_t(std::lower_bound(index.rows.begin(), index.rows.end(), p.row) - index.rows.begin());
        bool near = false;
        auto visit = [&](std::size_t ri) {
            const long long dy = (long long)index.rows[ri] - p.row;
            index.nearestInRow(ri, p.col, [&](std::size_t t) {
                near = near || radius.within(squaredDistance((long long)index.cols[t] - p.col, dy));
            });
        };
        std::size_t up = mid, down = mid; // rows [up, down) visited
        while (!near) {
            const bool canDown = down < index.rows.size() && (long long)index.rows[down] - p.row <= reach;
            const bool canUp = up > 0 && (long long)p.row - index.rows[up - 1] <= reach;
            if (!canDown && !canUp)
                break;
            if (canDown && (!canUp || (long long)index.rows[down] - p.row <= (long long)p.row - index.rows[up - 1]))
                visit(down++);
            else
                visit(--up);
        }
        if (near)
            training[i] = 0;
    }
    return training;
}

HeldOutPlan heldOutPlan(const std::vector<LabelledPosition> &positions, int width, double distance, int depositBuffer,
                        int maxFolds, std::uint64_t seed)
{
    HeldOutPlan plan;
    const std::vector<int> groups = groupPositions(positions, distance);
    const int groupCount = groups.empty() ? 0 : *std::max_element(groups.begin(), groups.end()) + 1;
    std::vector<uint8_t> hasDeposit(std::size_t(groupCount), 0);
    for (std::size_t i = 0; i < positions.size(); ++i)
        if (positions[i].label == 1)
            hasDeposit[std::size_t(groups[i])] = 1;
    for (uint8_t h : hasDeposit)
        plan.depositGroups += h;
    plan.fold = spatialFolds(positions, groups, std::max(1, std::min(maxFolds, groupCount)), seed);
    plan.folds = plan.fold.empty() ? 0 : *std::max_element(plan.fold.begin(), plan.fold.end()) + 1;
    plan.training.resize(std::size_t(plan.folds));
    plan.testDeposits.resize(std::size_t(plan.folds));
    for (int f = 0; f < plan.folds; ++f) {
        std::vector<uint8_t> train = bufferedTraining(positions, plan.fold, f, distance);
        if (depositBuffer > 0) {
            // A training deposit's buffer reaches depositBuffer cells further: deposits keep that much more away from
            // the fold's test positions, so that no training sample lies within the distance of one.
            const std::vector<uint8_t> wider = bufferedTraining(positions, plan.fold, f, distance + depositBuffer);
            for (std::size_t i = 0; i < positions.size(); ++i)
                if (positions[i].label == 1)
                    train[i] = wider[i];
        }
        std::vector<LabelledPosition> t;
        int neg = 0, pos = 0;
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if (train[i]) {
                t.push_back(positions[i]);
                (positions[i].label == 1 ? pos : neg)++;
            } else if (plan.fold[i] == f && positions[i].label == 1) {
                plan.testDeposits[std::size_t(f)].push_back(std::size_t(positions[i].row) * std::size_t(width) +
                                                            std::size_t(positions[i].col));
            }
        }
        if (plan.testDeposits[std::size_t(f)].empty())
            continue;
        if (pos < 2 || neg < 2) {
            plan.notes.push_back("Held-out fold " + std::to_string(f + 1) + " (" +
                                 std::to_string(plan.testDeposits[std::size_t(f)].size()) +
                                 " deposit pixels) is not evaluated: outside it and its buffer fewer than 2 " +
                                 (pos < 2 ? "deposit" : "non-deposit") + " positions are left to train on.");
            plan.testDeposits[std::size_t(f)].clear();
            continue;
        }
        plan.training[std::size_t(f)] = std::move(t);
    }
    return plan;
}

} // namespace lodestone
