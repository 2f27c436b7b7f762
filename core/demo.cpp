// The built-in demo survey: closed-form forward model of buried magnetised bodies, regional trend, noise,
// training labels and ground truth (see demo.h and docs/METHOD.md).
//
// Geometry is in pixel units throughout. The anomaly of a body depends only on ratios of its lengths
// (magnetisation * volume / distance^3), so evaluating it in pixels with moments in (A/m)*pixel^3 gives nT
// directly and the pixel size only enters the georeferencing.
#include "demo.h"

#include "error.h"
#include "feedback.h"
#include "gdalhelpers.h"
#include "parallel.h"
#include "random.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace lodestone {

namespace magnetics {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMu0 = 4e-7 * kPi;   // T*m/A
constexpr double kFieldScale = 100.0; // mu0 / (4 pi) in T*m/A (1e-7) times 1e9 nT per T

inline double dot(const Vec3 &a, const Vec3 &b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline Vec3 operator-(const Vec3 &a, const Vec3 &b)
{
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
inline Vec3 operator+(const Vec3 &a, const Vec3 &b)
{
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline Vec3 operator*(const Vec3 &a, double s)
{
    return {a.x * s, a.y * s, a.z * s};
}
inline double norm(const Vec3 &a)
{
    return std::sqrt(dot(a, a));
}

/** \brief A line of dipoles prepared for repeated evaluation: the dot products that do not depend on the
 *  observer are computed once. */
struct LineSource {
    Vec3 a; ///< start
    Vec3 t; ///< unit vector from start to end
    double length = 0;
    Vec3 m, f; ///< moment per length and field direction
    double mt = 0, ft = 0, mf = 0;

    LineSource() = default;
    LineSource(const Vec3 &moment, const Vec3 &start, const Vec3 &end, const Vec3 &fieldDir)
        : a(start), m(moment), f(fieldDir)
    {
        const Vec3 d = end - start;
        length = norm(d);
        t = length > 0 ? d * (1.0 / length) : Vec3{1, 0, 0};
        mt = dot(m, t);
        ft = dot(f, t);
        mf = dot(m, f);
    }

    /** The dipole field 3(m.r)r/r^5 - m/r^3 projected on f, integrated along the line. With r = w + u t
     *  (w perpendicular to the line) only four integrals of powers of q = u^2 + rho^2 appear, all algebraic. */
    double anomaly(const Vec3 &observer) const
    {
        const Vec3 d = observer - a;
        const double u0 = dot(d, t);
        const Vec3 w = d - t * u0;
        const double rho2 = dot(w, w);
        const double mw = dot(m, w), fw = dot(f, w);
        double i3[2], i50[2], i51[2], i52[2];
        const double bounds[2] = {u0 - length, u0};
        for (int k = 0; k < 2; ++k) {
            const double u = bounds[k];
            const double q = u * u + rho2;
            const double sq = std::sqrt(q);
            const double q32 = q * sq;
            i3[k] = u / (rho2 * sq);
            i50[k] = u * (2 * u * u + 3 * rho2) / (3 * rho2 * rho2 * q32);
            i51[k] = -1.0 / (3 * q32);
            i52[k] = u * u * u / (3 * rho2 * q32);
        }
        const double j3 = i3[1] - i3[0], j50 = i50[1] - i50[0], j51 = i51[1] - i51[0], j52 = i52[1] - i52[0];
        return kFieldScale * (3 * (mw * fw * j50 + (mw * ft + mt * fw) * j51 + mt * ft * j52) - mf * j3);
    }
};

inline double dipoleKernel(const Vec3 &m, const Vec3 &r, const Vec3 &f, double mf)
{
    const double r2 = dot(r, r);
    const double inv2 = 1.0 / r2;
    const double inv3 = inv2 * std::sqrt(inv2);
    return kFieldScale * inv3 * (3 * dot(m, r) * dot(f, r) * inv2 - mf);
}

} // namespace

Vec3 fieldDirection(double inclinationDeg, double declinationDeg)
{
    const double i = inclinationDeg * kPi / 180, d = declinationDeg * kPi / 180;
    return {std::cos(i) * std::sin(d), std::cos(i) * std::cos(d), std::sin(i)};
}

Vec3 inducedMagnetisation(double chi, double fieldStrength, const Vec3 &fieldDir)
{
    return fieldDir * (chi * fieldStrength * 1e-9 / kMu0);
}

double dipoleAnomaly(const Vec3 &moment, const Vec3 &offset, const Vec3 &fieldDir)
{
    return dipoleKernel(moment, offset, fieldDir, dot(moment, fieldDir));
}

double lineAnomaly(const Vec3 &momentPerLength, const Vec3 &a, const Vec3 &b, const Vec3 &observer,
                   const Vec3 &fieldDir)
{
    return LineSource(momentPerLength, a, b, fieldDir).anomaly(observer);
}

} // namespace magnetics

namespace {

using magnetics::kPi;
using magnetics::Vec3;
using magnetics::operator+;
using magnetics::operator-;
using magnetics::operator*;

constexpr double kReferenceArea = 512.0 * 512.0; // body counts in DemoParams are per this many pixels
constexpr int kPatchHalf = 25;                   // labels keep off the border so a 50 x 50 patch around them fits
constexpr double kCutoffNt = 0.1;                // a body is evaluated out to where its field falls below this
constexpr double kTaperStart = 0.7;              // ... and faded out smoothly from this fraction of that distance
constexpr double kMaxCutoff = 400.0;             // pixels; bounds the cost of the broadest bodies
constexpr double kBorderPad = 40.0;              // barren bodies also lie this far outside the grid, as in real surveys
constexpr int kBlockRows = 16;                   // unit of work, cancel check and progress

/** Random numbers from std::mt19937_64 with our own distributions: the engine's output is fixed by the C++
 *  standard but std::uniform_real_distribution and friends are not, and the files must not depend on the
 *  standard library. */
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    /** Uniform in [0, 1) from the top 53 bits. */
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    double logUniform(double lo, double hi) { return lo * std::exp(std::log(hi / lo) * uniform()); }
    /** Integer in [lo, hi]; the bias of scaling a 53-bit value is far below anything observable here. */
    int integer(int lo, int hi) { return lo + std::min(int(uniform() * (hi - lo + 1)), hi - lo); }
    /** Standard normal by Box-Muller, both values of each pair used. */
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform(); // (0, 1], so the log is finite
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        m_spare = radius * std::sin(2 * kPi * u2);
        m_hasSpare = true;
        return radius * std::cos(2 * kPi * u2);
    }

private:
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0;
};

/** Stochastic rounding, so that small surveys get the right number of bodies on average. */
int countFor(double expected, Random &rng)
{
    const double whole = std::floor(expected);
    return int(whole) + (rng.uniform() < expected - whole ? 1 : 0);
}

/** A body's horizontal footprint, in pixel coordinates (col, row): a disk, or a strip along a segment. */
struct Footprint {
    double c0, r0, c1, r1; // centre, or ends of the strip
    double radius;
    std::uint8_t truth;
};

/** The pixel window a source is evaluated in: its bounding box grown by the cut-off, clipped to the grid. */
struct Window {
    double cutoff = 0; // horizontal distance in pixels
    int row0 = 0, row1 = -1, col0 = 0, col1 = -1;

    void set(double cMin, double cMax, double rMin, double rMax, int width, int height)
    {
        col0 = std::max(0, int(std::ceil(cMin - cutoff)));
        col1 = std::min(width - 1, int(std::floor(cMax + cutoff)));
        row0 = std::max(0, int(std::ceil(rMin - cutoff)));
        row1 = std::min(height - 1, int(std::floor(rMax + cutoff)));
    }
    bool empty() const { return row0 > row1 || col0 > col1; }
};

/** A sphere (dipole) of the forward model; kept small, as large surveys hold millions of them. */
struct SphereSource {
    Vec3 centre;   // (col, -row, depth), pixels
    Vec3 moment;   // (A/m) * pixel^3
    double mf = 0; // moment . field direction
    Window window;
};

/** A line of dipoles of the forward model, horizontal. */
struct LineSourceInModel {
    magnetics::LineSource line;
    double c0, y0, c1, y1; // ends in (col, -row)
    Window window;
};

/** Smooth fade from 1 to 0 over the outer part of the cut-off radius, so that no edge shows in the map.
 *  A smoothstep rather than a cosine: it is evaluated for about half of all pixel-body pairs. */
inline double taper(double distance, double cutoff)
{
    const double start = kTaperStart * cutoff;
    if (distance <= start)
        return 1.0;
    if (distance >= cutoff)
        return 0.0;
    const double t = (distance - start) / (cutoff - start);
    return 1.0 - t * t * (3.0 - 2.0 * t);
}

/** Distance from point p to segment ab in the horizontal plane. */
inline double segmentDistance(double px, double py, double ax, double ay, double bx, double by)
{
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double s = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0.0;
    s = std::clamp(s, 0.0, 1.0);
    const double ex = px - ax - s * dx, ey = py - ay - s * dy;
    return std::sqrt(ex * ex + ey * ey);
}

/** Everything random about a survey, drawn before any pixel is computed. */
struct Model {
    Vec3 field; // inducing field direction
    std::vector<SphereSource> spheres;
    std::vector<LineSourceInModel> lines;
    std::vector<Footprint> footprints;
    std::vector<std::vector<int>> depositClusters; // indices into footprints
    int depositBodies = 0, barrenBodies = 0;
    // Regional: plane plus three long-wavelength waves, all in pixel coordinates.
    double gradCol = 0, gradRow = 0;
    double waveAmp[3] = {}, waveKc[3] = {}, waveKr[3] = {}, wavePhase[3] = {};
};

void addSphere(Model &model, const DemoParams &p, double col, double row, double depth, double radius,
               const Vec3 &magnetisation, std::uint8_t truth, const Vec3 &fieldDir, double cutoffNt = kCutoffNt)
{
    SphereSource s;
    s.centre = {col, -row, depth};
    s.moment = magnetisation * (4.0 / 3.0 * kPi * radius * radius * radius);
    s.mf = magnetics::dot(s.moment, fieldDir);
    // |anomaly| <= 2 * 100 * |m| / r^3 for any direction.
    s.window.cutoff =
        std::min(kMaxCutoff, std::cbrt(2 * magnetics::kFieldScale * magnetics::norm(s.moment) / cutoffNt));
    s.window.set(col, col, row, row, p.width, p.height);
    if (!s.window.empty())
        model.spheres.push_back(s);
    if (truth != TruthBackground)
        model.footprints.push_back({col, row, col, row, radius, truth});
}

void addLine(Model &model, const DemoParams &p, double c0, double r0, double c1, double r1, double depth, double radius,
             const Vec3 &magnetisation, std::uint8_t truth, const Vec3 &fieldDir)
{
    LineSourceInModel s;
    const Vec3 momentPerLength = magnetisation * (kPi * radius * radius);
    s.line = magnetics::LineSource(momentPerLength, {c0, -r0, depth}, {c1, -r1, depth}, fieldDir);
    s.c0 = c0, s.y0 = -r0, s.c1 = c1, s.y1 = -r1;
    // Bounded by the field of an infinite line (2 * 100 * lambda / rho^2) and of a dipole of the whole moment.
    const double lambda = magnetics::norm(momentPerLength);
    const double infinite = std::sqrt(2 * magnetics::kFieldScale * lambda / kCutoffNt);
    const double dipole = std::cbrt(2 * magnetics::kFieldScale * lambda * s.line.length / kCutoffNt);
    s.window.cutoff = std::min(kMaxCutoff, std::min(infinite, dipole));
    s.window.set(std::min(c0, c1), std::max(c0, c1), std::min(r0, r1), std::max(r0, r1), p.width, p.height);
    if (!s.window.empty())
        model.lines.push_back(s);
    model.footprints.push_back({c0, r0, c1, r1, std::max(radius, 0.6), truth});
}

Model buildModel(const DemoParams &p)
{
    Random rng(splitMix64Of(p.seed));
    Model model;
    model.field = magnetics::fieldDirection(p.inclination, p.declination);
    const Vec3 field = model.field;
    const double w = p.width, h = p.height;
    const double scale = p.bodyDensity / kReferenceArea;
    const double padArea = (w + 2 * kBorderPad) * (h + 2 * kBorderPad);
    auto induced = [&](double chi) { return magnetics::inducedMagnetisation(chi, p.fieldStrength, field); };

    // Deposits: clusters of compact, shallow, strongly magnetic bodies whose remanence, acquired in a reversed
    // field and shared by the cluster, outweighs the induced part (Koenigsberger ratio 1.5 to 4): negative
    // anomalies with the low and high swapped relative to the induced bodies around them. Each cluster sits in
    // a broad magnetite-destructive alteration halo (a negative susceptibility contrast with the host), which
    // gives a subdued low a few tens of nT deep over the patch around it.
    const int clusters = std::max(2, countFor(5 * p.bodyDensity * w * h / kReferenceArea, rng));
    const double inner = kPatchHalf + 4;
    for (int k = 0; k < clusters; ++k) {
        const double cc = w > 2 * inner ? rng.uniform(inner, w - inner) : w / 2;
        const double cr = h > 2 * inner ? rng.uniform(inner, h - inner) : h / 2;
        const Vec3 remanentDir = magnetics::fieldDirection(
            std::clamp(-p.inclination + rng.uniform(-20, 20), -90.0, 90.0), p.declination + 180 + rng.uniform(-25, 25));
        const double q = rng.uniform(1.5, 4.0);
        const int bodies = rng.integer(2, 5);
        const double spread = rng.uniform(5, 10);
        std::vector<int> members;
        for (int b = 0; b < bodies; ++b) {
            const double angle = rng.uniform(0, 2 * kPi), dist = spread * std::sqrt(rng.uniform());
            const double depth = rng.uniform(3.0, 6.0);
            const double radius = std::min(rng.uniform(1.3, 2.5), depth - 1);
            const double chi = rng.logUniform(0.03, 0.15);
            const Vec3 m = induced(chi) + remanentDir * (q * chi * p.fieldStrength * 1e-9 / magnetics::kMu0);
            members.push_back(int(model.footprints.size()));
            addSphere(model, p, cc + dist * std::cos(angle), cr + dist * std::sin(angle), depth, radius, m,
                      TruthDeposit, field);
            ++model.depositBodies;
        }
        model.depositClusters.push_back(members);
        const double haloRadius = rng.uniform(8, 14);
        addSphere(model, p, cc, cr, haloRadius + rng.uniform(2, 4), haloRadius, induced(-rng.uniform(0.002, 0.006)),
                  TruthBackground, field);
    }

    auto randomCol = [&] { return rng.uniform(-kBorderPad, w + kBorderPad); };
    auto randomRow = [&] { return rng.uniform(-kBorderPad, h + kBorderPad); };

    // Barren compact bodies: as strongly magnetic as the deposits, but purely induced, single and a little deeper.
    const int compact = countFor(14 * scale * padArea, rng);
    for (int k = 0; k < compact; ++k) {
        const double col = randomCol(), row = randomRow();
        const double depth = rng.uniform(3.5, 7.0);
        const double radius = std::min(rng.uniform(1.5, 3.0), depth - 1);
        addSphere(model, p, col, row, depth, radius, induced(rng.logUniform(0.05, 0.6)), TruthBarren, field);
        ++model.barrenBodies;
    }

    // Dykes: thin magnetised rods along gently bending lines, mostly along one structural trend.
    const double trend = rng.uniform(0, kPi);
    const int dykes = countFor(6 * scale * padArea, rng);
    for (int k = 0; k < dykes; ++k) {
        double col = randomCol(), row = randomRow();
        double angle = trend + (rng.uniform() < 0.3 ? kPi / 3 : 0) + 0.26 * rng.normal();
        const int segments = rng.integer(1, 4);
        const double total = rng.uniform(60, 350);
        const double depth = rng.uniform(3.0, 7.0);
        const double radius = std::min(rng.uniform(0.6, 1.4), depth - 1);
        const Vec3 m = induced(rng.logUniform(0.1, 0.6));
        for (int s = 0; s < segments; ++s) {
            const double len = total / segments;
            const double c1 = col + len * std::cos(angle), r1 = row + len * std::sin(angle);
            addLine(model, p, col, row, c1, r1, depth, radius, m, TruthBarren, field);
            ++model.barrenBodies;
            col = c1, row = r1;
            angle += 0.17 * rng.normal();
        }
    }

    // Deep intrusions: broad, weakly magnetic spheres giving smooth anomalies of a few hundred nT.
    const int intrusions = countFor(4 * scale * padArea, rng);
    for (int k = 0; k < intrusions; ++k) {
        const double col = randomCol(), row = randomRow();
        const double radius = rng.uniform(6.0, 14.0);
        const double depth = radius + rng.uniform(3.0, 10.0);
        addSphere(model, p, col, row, depth, radius, induced(rng.logUniform(0.01, 0.06)), TruthBarren, field);
        ++model.barrenBodies;
    }

    // Basement texture: many small, weakly magnetic bodies at various depths, whose overlapping anomalies of a
    // few nT give the "geological noise" of real surveys. Too weak to be drawn in the ground truth, and cut off
    // at a coarser threshold: their truncated tails add up to a nearly constant offset.
    const int texture = countFor(scale * padArea * kReferenceArea / 40.0, rng);
    for (int k = 0; k < texture; ++k) {
        const double col = randomCol(), row = randomRow();
        const double depth = rng.uniform(4.0, 14.0);
        const double radius = std::min(rng.uniform(1.0, 2.5), depth - 1);
        addSphere(model, p, col, row, depth, radius, induced(rng.logUniform(0.001, 0.01)), TruthBackground, field,
                  3 * kCutoffNt);
    }

    // Regional: a gentle plane and three waves of 400 to 1500 pixels, tens of nT.
    const double gradient = rng.uniform(0.02, 0.08), gradAngle = rng.uniform(0, 2 * kPi);
    model.gradCol = gradient * std::cos(gradAngle);
    model.gradRow = gradient * std::sin(gradAngle);
    for (int k = 0; k < 3; ++k) {
        const double wavelength = rng.uniform(400, 1500), angle = rng.uniform(0, 2 * kPi);
        model.waveAmp[k] = rng.uniform(15, 50);
        model.waveKc[k] = 2 * kPi / wavelength * std::cos(angle);
        model.waveKr[k] = 2 * kPi / wavelength * std::sin(angle);
        model.wavePhase[k] = rng.uniform(0, 2 * kPi);
    }
    return model;
}

/** Regional trend along one row: the waves are separable, cos(a + b) = cos a cos b - sin a sin b, so the
 *  per-pixel cost is a few multiplications instead of three cosines. */
struct Regional {
    std::vector<double> waveCos[3], waveSin[3]; // per column

    Regional(const Model &model, int width)
    {
        for (int k = 0; k < 3; ++k)
            for (int c = 0; c < width; ++c) {
                waveCos[k].push_back(std::cos(model.waveKc[k] * c));
                waveSin[k].push_back(std::sin(model.waveKc[k] * c));
            }
    }
};

/** The sources whose window reaches a block of rows, in model order. */
struct BlockSources {
    std::vector<int> spheres, lines;
};

/** Columns of row y within distance cutoff of the horizontal segment (c0, y0)-(c1, y1): the union of the two
 *  end disks and the band along the segment, which is one interval as the set is convex. */
bool capsuleColumns(const LineSourceInModel &s, double y, double &lo, double &hi)
{
    const double r = s.window.cutoff;
    lo = 1e300, hi = -1e300;
    auto endDisk = [&](double cx, double cy) {
        const double d2 = r * r - (y - cy) * (y - cy);
        if (d2 > 0)
            lo = std::min(lo, cx - std::sqrt(d2)), hi = std::max(hi, cx + std::sqrt(d2));
    };
    endDisk(s.c0, s.y0);
    endDisk(s.c1, s.y1);
    // Band: 0 <= (p - a).t <= L and |(p - a).n| <= r, each linear in x along the row.
    const double tx = s.line.t.x, ty = s.line.t.y, len = s.line.length;
    double bandLo = -1e300, bandHi = 1e300;
    auto clip = [&](double slope, double offset, double from, double to) { // from <= offset + slope * x <= to
        if (std::abs(slope) < 1e-12) {
            if (offset < from || offset > to)
                bandLo = 1e300, bandHi = -1e300;
            return;
        }
        double x1 = (from - offset) / slope, x2 = (to - offset) / slope;
        if (x1 > x2)
            std::swap(x1, x2);
        bandLo = std::max(bandLo, x1), bandHi = std::min(bandHi, x2);
    };
    clip(tx, -s.c0 * tx + (y - s.y0) * ty, 0, len);
    clip(-ty, s.c0 * ty + (y - s.y0) * tx, -r, r);
    if (bandLo <= bandHi)
        lo = std::min(lo, bandLo), hi = std::max(hi, bandHi);
    return lo <= hi;
}

/** Computes the rows [rowBegin, rowEnd). The contributions to a pixel are summed in model order, whatever
 *  thread computes it, so the result does not depend on the number of threads. */
void computeRows(const Model &model, const BlockSources &block, const Regional &regional, const DemoParams &p,
                 int rowBegin, int rowEnd, std::vector<double> &acc, float *out)
{
    const int width = p.width;
    const Vec3 f = model.field;
    const std::uint64_t noiseSeed = splitMix64Of(splitMix64Of(p.seed) ^ 0x6E6F697365ULL);
    for (int row = rowBegin; row < rowEnd; ++row) {
        std::fill(acc.begin(), acc.end(), 0.0);
        const double y = -row;
        for (int index : block.spheres) {
            const SphereSource &s = model.spheres[std::size_t(index)];
            if (row < s.window.row0 || row > s.window.row1)
                continue;
            const double cutoff = s.window.cutoff;
            const double dy = y - s.centre.y;
            const double half2 = cutoff * cutoff - dy * dy;
            if (half2 <= 0)
                continue;
            const double half = std::sqrt(half2);
            const int c0 = std::max(s.window.col0, int(std::ceil(s.centre.x - half)));
            const int c1 = std::min(s.window.col1, int(std::floor(s.centre.x + half)));
            const double start2 = kTaperStart * kTaperStart * cutoff * cutoff;
            for (int col = c0; col <= c1; ++col) {
                const double dx = col - s.centre.x;
                const double h2 = dx * dx + dy * dy;
                double v = magnetics::dipoleKernel(s.moment, {dx, dy, -s.centre.z}, f, s.mf);
                if (h2 > start2)
                    v *= taper(std::sqrt(h2), cutoff);
                acc[std::size_t(col)] += v;
            }
        }
        for (int index : block.lines) {
            const LineSourceInModel &s = model.lines[std::size_t(index)];
            double lo, hi;
            if (row < s.window.row0 || row > s.window.row1 || !capsuleColumns(s, y, lo, hi))
                continue;
            const int c0 = std::max(s.window.col0, int(std::ceil(lo)));
            const int c1 = std::min(s.window.col1, int(std::floor(hi)));
            for (int col = c0; col <= c1; ++col) {
                const double d = segmentDistance(col, y, s.c0, s.y0, s.c1, s.y1);
                acc[std::size_t(col)] += taper(d, s.window.cutoff) * s.line.anomaly({double(col), y, 0.0});
            }
        }
        // Regional and noise. Each row has its own random stream, so rows can be computed in any order.
        double rowCos[3], rowSin[3];
        for (int k = 0; k < 3; ++k) {
            rowCos[k] = model.waveAmp[k] * std::cos(model.waveKr[k] * row + model.wavePhase[k]);
            rowSin[k] = model.waveAmp[k] * std::sin(model.waveKr[k] * row + model.wavePhase[k]);
        }
        Random noise(splitMix64Of(noiseSeed + std::uint64_t(row)));
        float *dst = out + std::size_t(row) * std::size_t(width);
        for (int col = 0; col < width; ++col) {
            const std::size_t c = std::size_t(col);
            double v = acc[c] + model.gradCol * col + model.gradRow * row;
            for (int k = 0; k < 3; ++k)
                v += regional.waveCos[k][c] * rowCos[k] - regional.waveSin[k][c] * rowSin[k];
            if (p.noise > 0)
                v += p.noise * noise.normal();
            dst[c] = static_cast<float>(v);
        }
    }
}

/** Forward model over the whole grid, in blocks of rows shared between threads. Only the calling thread
 *  talks to feedback, as Feedback subclasses expect callbacks on the worker thread that called core. */
void computeField(const Model &model, const DemoParams &p, std::vector<float> &tmi, Feedback *feedback)
{
    const int blocks = (p.height + kBlockRows - 1) / kBlockRows;
    std::vector<BlockSources> blockSources(static_cast<std::size_t>(blocks));
    for (std::size_t i = 0; i < model.spheres.size(); ++i) {
        const Window &w = model.spheres[i].window;
        for (int b = w.row0 / kBlockRows; b <= w.row1 / kBlockRows; ++b)
            blockSources[std::size_t(b)].spheres.push_back(int(i));
    }
    for (std::size_t i = 0; i < model.lines.size(); ++i) {
        const Window &w = model.lines[i].window;
        for (int b = w.row0 / kBlockRows; b <= w.row1 / kBlockRows; ++b)
            blockSources[std::size_t(b)].lines.push_back(int(i));
    }
    const Regional regional(model, p.width);

    // Every core, at most 16; each thread sums into its own row of accumulators.
    const int threads = int(std::min(std::max(1u, std::thread::hardware_concurrency()), 16u));
    std::vector<std::vector<double>> acc(std::size_t(parallelThreads(blocks, threads)));
    parallelForWorkers(
        blocks, threads, feedback,
        [&](int b, int worker) {
            std::vector<double> &rowAcc = acc[std::size_t(worker)];
            rowAcc.resize(std::size_t(p.width));
            const int r0 = b * kBlockRows, r1 = std::min(p.height, r0 + kBlockRows);
            computeRows(model, blockSources[std::size_t(b)], regional, p, r0, r1, rowAcc, tmi.data());
        },
        [&](int finished) { reportProgress(feedback, double(finished) / blocks); });
}

void rasterizeFootprints(const Model &model, const DemoParams &p, std::vector<std::uint8_t> &truth)
{
    // Barren first, so that a deposit lying over a barren body keeps its own value.
    for (std::uint8_t pass : {std::uint8_t(TruthBarren), std::uint8_t(TruthDeposit)}) {
        for (const Footprint &f : model.footprints) {
            if (f.truth != pass)
                continue;
            const int c0 = std::max(0, int(std::floor(std::min(f.c0, f.c1) - f.radius)));
            const int c1 = std::min(p.width - 1, int(std::ceil(std::max(f.c0, f.c1) + f.radius)));
            const int r0 = std::max(0, int(std::floor(std::min(f.r0, f.r1) - f.radius)));
            const int r1 = std::min(p.height - 1, int(std::ceil(std::max(f.r0, f.r1) + f.radius)));
            for (int r = r0; r <= r1; ++r)
                for (int c = c0; c <= c1; ++c)
                    if (segmentDistance(c, r, f.c0, f.r0, f.c1, f.r1) <= f.radius)
                        truth[std::size_t(r) * std::size_t(p.width) + std::size_t(c)] = pass;
        }
    }
}

/** Horizontal distance from a pixel to the nearest deposit footprint, in pixels (negative inside). */
double distanceToDeposits(const Model &model, double col, double row)
{
    double best = 1e300;
    for (const Footprint &f : model.footprints)
        if (f.truth == TruthDeposit)
            best = std::min(best, segmentDistance(col, row, f.c0, f.r0, f.c1, f.r1) - f.radius);
    return best;
}

/** Places the training labels: deposits inside deposit bodies, taking the clusters and their bodies in turn so
 *  that the labels spread over as many bodies as possible; non-deposits alternately on barren bodies and on
 *  background, at least a patch half-width from any deposit where the survey is large enough for that. */
void placeLabels(const Model &model, const DemoParams &p, const std::vector<std::uint8_t> &truth,
                 std::vector<std::uint8_t> &labels)
{
    Random rng(splitMix64Of(splitMix64Of(p.seed) ^ 0x6C6162656C73ULL));
    const std::size_t width = std::size_t(p.width);
    auto at = [&](int c, int r) { return std::size_t(r) * width + std::size_t(c); };

    // Deposit bodies in the order cluster 1 body 1, cluster 2 body 1, ..., cluster 1 body 2, ...
    std::vector<int> order;
    std::size_t largest = 0;
    for (const auto &cluster : model.depositClusters)
        largest = std::max(largest, cluster.size());
    for (std::size_t j = 0; j < largest; ++j)
        for (const auto &cluster : model.depositClusters)
            if (j < cluster.size())
                order.push_back(cluster[j]);

    int placed = 0;
    for (int margin : {kPatchHalf, 0}) {
        int misses = 0;
        for (std::size_t k = 0; placed < p.depositPixels && misses < int(order.size()); ++k) {
            const Footprint &f = model.footprints[std::size_t(order[k % order.size()])];
            bool found = false;
            for (int attempt = 0; attempt < 60 && !found; ++attempt) {
                const double angle = rng.uniform(0, 2 * kPi), dist = f.radius * std::sqrt(rng.uniform());
                const int c = int(std::lround(f.c0 + dist * std::cos(angle)));
                const int r = int(std::lround(f.r0 + dist * std::sin(angle)));
                if (c < margin || r < margin || c >= p.width - margin || r >= p.height - margin)
                    continue;
                if (truth[at(c, r)] != TruthDeposit || labels[at(c, r)] != LabelUnknown)
                    continue;
                labels[at(c, r)] = LabelDeposit;
                found = true;
            }
            misses = found ? 0 : misses + 1;
            placed += found ? 1 : 0;
        }
    }
    if (placed < p.depositPixels) {
        std::ostringstream s;
        s << "The demo survey has room for only " << placed << " deposit label(s), not " << p.depositPixels
          << "; use a larger survey or fewer deposit pixels.";
        throw Error(ErrorCode::BadParameter, s.str());
    }

    placed = 0;
    const int triesPerLabel = 20000;
    for (int margin : {kPatchHalf, 0}) {
        for (double clearance : {double(kPatchHalf), 12.0, 5.0, 2.0}) {
            for (int failures = 0; placed < p.nonDepositPixels && failures < 2;) {
                // Even labels prefer barren bodies, odd ones background; either is accepted after many tries.
                const std::uint8_t wanted = placed % 2 == 0 ? TruthBarren : TruthBackground;
                bool found = false;
                for (int attempt = 0; attempt < triesPerLabel && !found; ++attempt) {
                    if (p.width - 2 * margin <= 0 || p.height - 2 * margin <= 0)
                        break;
                    const int c = rng.integer(margin, p.width - 1 - margin);
                    const int r = rng.integer(margin, p.height - 1 - margin);
                    const std::uint8_t t = truth[at(c, r)];
                    if (t == TruthDeposit || labels[at(c, r)] != LabelUnknown)
                        continue;
                    if (t != wanted && attempt < triesPerLabel / 2)
                        continue;
                    if (distanceToDeposits(model, c, r) < clearance)
                        continue;
                    labels[at(c, r)] = LabelNonDeposit;
                    found = true;
                }
                (found ? placed : failures) += 1;
            }
        }
    }
    if (placed < p.nonDepositPixels) {
        std::ostringstream s;
        s << "The demo survey has room for only " << placed << " non-deposit label(s) away from the deposits, not "
          << p.nonDepositPixels << "; use a larger survey or fewer non-deposit pixels.";
        throw Error(ErrorCode::BadParameter, s.str());
    }
}

void validate(const DemoParams &p)
{
    auto fail = [](const std::string &message) { throw Error(ErrorCode::BadParameter, message); };
    if (p.width < 60 || p.height < 60 || p.width > 100000 || p.height > 100000 || double(p.width) * p.height > 1e8) {
        std::ostringstream s;
        s << "The demo survey must be 60 to 100000 pixels wide and high and hold at most 100 million pixels, not "
          << p.width << " x " << p.height << ".";
        fail(s.str());
    }
    auto inRange = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    if (!inRange(p.pixelSize, 1e-3, 1e5))
        fail("The demo pixel size must be between 1 mm and 100 km.");
    if (!inRange(p.inclination, -90, 90))
        fail("The geomagnetic inclination must be between -90 and 90 degrees.");
    if (!inRange(p.declination, -360, 360))
        fail("The geomagnetic declination must be between -360 and 360 degrees.");
    if (!inRange(p.fieldStrength, 1000, 100000))
        fail("The geomagnetic field strength must be between 1000 and 100000 nT.");
    if (!inRange(p.noise, 0, 1000))
        fail("The demo noise must be between 0 and 1000 nT.");
    if (!inRange(p.bodyDensity, 0.05, 20))
        fail("The demo body density must be between 0.05 and 20.");
    if (p.depositPixels < 1 || p.depositPixels > 10000 || p.nonDepositPixels < 1 || p.nonDepositPixels > 10000)
        fail("The demo needs 1 to 10000 deposit pixels and 1 to 10000 non-deposit pixels.");
    if (!std::isfinite(p.originX) || !std::isfinite(p.originY))
        fail("The demo origin must be finite map coordinates.");
}

std::string projectedWkt(int epsg)
{
    OGRSpatialReference srs;
    OGRErr err = OGRERR_NONE;
    {
        QuietGdal quiet;
        err = srs.importFromEPSG(epsg);
    }
    if (err != OGRERR_NONE || !srs.IsProjected())
        throw Error(ErrorCode::BadParameter, "EPSG:" + std::to_string(epsg) +
                                                 " is not a projected coordinate system known to GDAL; the demo "
                                                 "survey needs one in metres.");
    char *wkt = nullptr;
    const char *options[] = {"FORMAT=WKT2_2018", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string result = wkt ? wkt : "";
    CPLFree(wkt);
    return result;
}

} // namespace

DemoSurvey generateDemoSurvey(const DemoParams &params, Feedback *feedback)
{
    validate(params);
    reportStage(feedback, "Generating the demo survey");
    DemoSurvey survey;
    survey.grid.width = params.width;
    survey.grid.height = params.height;
    survey.grid.geoTransform = {params.originX, params.pixelSize, 0, params.originY, 0, -params.pixelSize};
    survey.grid.hasGeoTransform = true;
    survey.grid.crsWkt = projectedWkt(params.epsg);

    const Model model = buildModel(params);
    survey.depositBodies = model.depositBodies;
    survey.barrenBodies = model.barrenBodies;
    checkCanceled(feedback);

    survey.tmi.resize(survey.grid.pixelCount());
    computeField(model, params, survey.tmi, feedback);

    survey.truth.assign(survey.grid.pixelCount(), TruthBackground);
    rasterizeFootprints(model, params, survey.truth);
    survey.labels.assign(survey.grid.pixelCount(), LabelUnknown);
    placeLabels(model, params, survey.truth, survey.labels);
    reportProgress(feedback, 1.0);
    return survey;
}

void writeDemoSurvey(const DemoSurvey &survey, const std::string &folder)
{
    const std::size_t n = survey.grid.pixelCount();
    if (n == 0 || survey.tmi.size() != n || survey.labels.size() != n || survey.truth.size() != n)
        throw Error(ErrorCode::Internal, "The demo survey to write is incomplete.");
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error(ErrorCode::WriteFailed, "Cannot write the demo survey: folder " + folder + " does not exist.");
    const std::filesystem::path dir(folder);
    writeFloatGeoTiff((dir / demoSurveyFile()).string(), survey.grid, {survey.tmi.data()}, -9999.0f,
                      {"total-field magnetic anomaly (nT)"});
    // Same colours and nodata as writeLabelRaster(), so that the demo's labels look like any other label raster.
    // GeoTIFF palettes keep no alpha: "nothing here" is white.
    writeByteGeoTiff((dir / demoLabelsFile()).string(), survey.grid, survey.labels.data(), LabelNoData,
                     {{LabelNonDeposit, 40, 110, 230, 255},
                      {LabelDeposit, 220, 30, 30, 255},
                      {LabelUnknown, 255, 255, 255, 0},
                      {LabelNoData, 255, 255, 255, 0}});
    writeByteGeoTiff(
        (dir / demoTruthFile()).string(), survey.grid, survey.truth.data(), -1,
        {{TruthBackground, 255, 255, 255, 0}, {TruthDeposit, 220, 30, 30, 255}, {TruthBarren, 110, 110, 110, 255}});
}

} // namespace lodestone
