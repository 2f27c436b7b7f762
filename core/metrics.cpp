// Cross-validation bookkeeping: confusion matrix scores, seeded permutations, stratified folds, report table.
#include "metrics.h"

#include "error.h"
#include "experiments.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <locale>
#include <random>
#include <sstream>
#include <string>

namespace lodestone {

namespace {

double ratio(long numerator, long denominator)
{
    return denominator > 0 ? double(numerator) / double(denominator) : 0.0;
}

} // namespace

void ConfusionMatrix::add(int truth, int predicted)
{
    const bool t = truth != 0;
    const bool p = predicted != 0;
    if (t)
        (p ? tp : fn)++;
    else
        (p ? fp : tn)++;
}

void ConfusionMatrix::merge(const ConfusionMatrix &other)
{
    tn += other.tn;
    fp += other.fp;
    fn += other.fn;
    tp += other.tp;
}

double ConfusionMatrix::accuracy() const
{
    return ratio(tp + tn, total());
}

double ConfusionMatrix::precision() const
{
    return ratio(tp, tp + fp);
}

double ConfusionMatrix::recall() const
{
    return ratio(tp, tp + fn);
}

double ConfusionMatrix::specificity() const
{
    return ratio(tn, tn + fp);
}

double ConfusionMatrix::f1() const
{
    // 2PR/(P+R) written in counts: equal wherever both are defined, and 0 when tp = 0.
    return ratio(2 * tp, 2 * tp + fp + fn);
}

double ConfusionMatrix::balancedAccuracy() const
{
    return 0.5 * (recall() + specificity());
}

std::vector<int> seededPermutation(int n, std::uint64_t seed)
{
    std::vector<int> p(std::size_t(std::max(n, 0)));
    for (int i = 0; i < n; ++i)
        p[std::size_t(i)] = i;
    std::mt19937_64 rng(seed);
    for (int i = n - 1; i > 0; --i)
        std::swap(p[std::size_t(i)], p[std::size_t(uniformBelow(rng, std::uint64_t(i) + 1))]);
    return p;
}

std::vector<int> stratifiedFolds(const std::vector<int> &labels, int k, std::uint64_t seed)
{
    if (k < 1)
        throw Error(ErrorCode::BadParameter,
                    "The number of folds must be at least 1; it is " + std::to_string(k) + ".");
    std::vector<int> classes(labels);
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    std::vector<int> fold(labels.size(), 0);
    int next = 0;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        std::vector<int> members;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == classes[c])
                members.push_back(int(i));
        const std::vector<int> order = seededPermutation(int(members.size()), deriveSeed(seed, c));
        for (int idx : order) {
            fold[std::size_t(members[std::size_t(idx)])] = next;
            next = (next + 1) % k;
        }
    }
    return fold;
}

namespace {

/** Text of a number in the "C" locale (fixed decimals, or 2^k for exact powers of two when decimals < 0). */
std::string number(double v, int decimals)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    const double e = std::log2(v);
    if (decimals < 0 && v > 0 && e == std::round(e))
        s << "2^" << e;
    else if (decimals < 0)
        s << v;
    else
        s << std::fixed << std::setprecision(decimals) << v;
    return s.str();
}

} // namespace

std::string formatReportTable(const std::vector<ModeResult> &results)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> rows = {{"", {}},
                                                                          {"Accuracy", {}},
                                                                          {"Precision", {}},
                                                                          {"Recall", {}},
                                                                          {"F1 score", {}},
                                                                          {"Confusion [TN FP; FN TP]", {}},
                                                                          {"Fold accuracy (mean +- sd)", {}},
                                                                          {"Folds x positions", {}},
                                                                          {"C, gamma (most chosen)", {}}};
    for (const ModeResult &r : results) {
        const double n = double(std::max<std::size_t>(1, r.foldAccuracy.size()));
        double mean = 0, var = 0;
        for (double a : r.foldAccuracy)
            mean += a / n;
        for (double a : r.foldAccuracy)
            var += (a - mean) * (a - mean) / n;
        const ConfusionMatrix &m = r.confusion;
        rows[0].second.push_back(svmModeName(r.mode));
        rows[1].second.push_back(number(100.0 * r.accuracy, 1) + " %");
        rows[2].second.push_back(number(r.precision, 3));
        rows[3].second.push_back(number(r.recall, 3));
        rows[4].second.push_back(number(r.f1, 3));
        rows[5].second.push_back("[" + std::to_string(m.tn) + " " + std::to_string(m.fp) + "; " + std::to_string(m.fn) +
                                 " " + std::to_string(m.tp) + "]");
        rows[6].second.push_back(number(100.0 * mean, 1) + " +- " + number(100.0 * std::sqrt(var), 1) + " %");
        rows[7].second.push_back(std::to_string(r.folds) + " x " + std::to_string(r.positions));
        rows[8].second.push_back(number(r.c, -1) + ", " + number(r.gamma, -1));
    }
    std::size_t first = 0, width = 0;
    for (const auto &row : rows) {
        first = std::max(first, row.first.size());
        for (const auto &c : row.second)
            width = std::max(width, c.size());
    }
    std::ostringstream out;
    for (const auto &row : rows) {
        out << row.first << std::string(first - row.first.size() + 2, ' ');
        for (const auto &c : row.second)
            out << std::string(width - c.size() + 2, ' ') << c;
        out << '\n';
    }
    return out.str();
}

} // namespace lodestone
