// Dense feature rasters: the patch-wise stitch of stitchFeaturesExact, computed exactly without patches.
//
// Method
// ------
// The stitch (featurerasters.cpp) encodes the P x P patch of origin o = c - floor(P/2) around every grid
// position c (reflect-padded outside the grid), resizes each encoder activation bilinearly to P x P and
// averages, at every pixel q, the values of the patches that cover it. With u = q - o the offset of q inside
// a patch and U(q) the offsets of the covering patches (those whose centre lies on the grid):
//
//     F_L(q) = 1/|U(q)| * sum_{u in U(q)} sum_k r_L(u, k) A_L[o](k),        o = q - u,
//
// where A_L[o](k) is cell k of layer L of patch o (S_L = P, floor(P/2), ceil(floor(P/2)/2) cells per axis)
// and r_L(u, k) the bilinear resize weights (align_corners = false, read from the same
// torch::nn::functional::interpolate call as Autoencoder::encodeResized; the identity for layer 1). All of
// it is separable: U(q) = Uy(qy) x Ux(qx), r_L(u, k) = r_L(uy, ky) r_L(ux, kx), and the zero padding and
// the pooling windows of a patch act per axis.
//
// 1. Cell kinds. Along one axis, a cell of a patch is described by what it reads: a layer-1 cell by which of
//    its 3 taps fall inside the patch; a pooled cell by the kinds of the cells of its window (two, or one for
//    the last window of the ceil-mode pooling); a layer-2/3 cell by the kinds of the 3 pooled cells its taps
//    read, or the zero padding. Kinds are interned recursively from the actual patch geometry, for any
//    P >= 4, odd or even. Two cells of equal kind compute the same function of the image relative to their
//    anchor g = o + 2^(L-1) k (the first pixel of their pooling window). For P = 50 there are 3 / 5 / 6 kinds
//    per axis in layers 1 / 2 / 3: the interior and the cells within reach of the patch's first or last pixel.
// 2. Dense kind maps. For every pair of kinds (ky, kx) of a layer, D_L[ky,kx](g) is the value of such a cell
//    for every anchor g of the reflect-extended grid, at stride 1, i.e. for all pooling phases at once: the
//    conv layers are dilated (1, 2, 4) 3 x 3 convolutions in which each tap reads the map of its child kind
//    pair, or nothing (zero padding), and pooling takes the max over the window cells present. This is the
//    patch's own network evaluated for all patch origins at once, with no approximation: corners of the patch
//    (both kinds at an edge) are kind pairs like any other. Per x kind, the partial sums of each kernel row
//    over the x taps are shared by all y kinds: 22k multiply-adds per pixel for 16-8-8 filters and P = 50
//    (39k with a separate convolution per kind pair), plus about 25% for the tile margins.
// 3. Per-axis weights. With delta = 2^(L-1) k - u,
//        F_L(q) = sum_{ky,kx} sum_{dy,dx} Wy_L[ky](qy, dy) Wx_L[kx](qx, dx) D_L[ky,kx](q + (dy, dx)),
//        W_L[kind](q, delta) = 1/|U(q)| * sum_{u in U(q), k of that kind, 2^(L-1) k - u = delta} r_L(u, k),
//    1-D tables computed once per axis; they vary only within P/2 of the grid border, where the covering
//    patches are clipped. delta spans a few pixels (-5..4 for P = 50), so every kind map is filtered by a
//    short position-dependent separable filter into the output (along y per kind pair, then along x per x
//    kind after summing over the y kinds).
//
// Input layers. With C input channels the image level holds C planes, and the first layer's convolution sums
// over them as the later layers sum over their input channels (taps outer, channels inner, in that order), so
// nothing above depends on C: the kinds, weights and the other layers are the same, and C = 1 performs exactly
// the operations of a one-layer model.
//
// The result equals the stitch up to float rounding (about 1e-5 of a raster's range: mostly the stitch's own
// rounding in its float sums over P^2 patches), at any P, near the grid border as in the interior. The grid
// is processed in tiles of tileRows x kTileCols pixels shared between threads, each tile recomputing a margin
// of about 25 pixels; the arithmetic of a pixel does not depend on the tiling (fixed summation orders, the
// same operations in every SIMD lane and row tail), so the result is bit for bit independent of tileRows and
// of the thread count. Memory: the pooled kind maps of one tile per thread, about 50 MB for 256 x 128 tiles
// and 16-8-8 filters.
#include "autoencoder.h"
#include "autoencodernet.h"
#include "error.h"
#include "featurerasters.h"
#include "feedback.h"
#include "parallel.h"
#include "patches.h"

#include <ATen/Parallel.h>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define LODESTONE_X86_DISPATCH 1
#define LODESTONE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LODESTONE_VECTOR_CLONES
#endif

#if defined(__clang__)
#define LODESTONE_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define LODESTONE_IVDEP _Pragma("GCC ivdep")
#else
#define LODESTONE_IVDEP
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace lodestone {

namespace {

constexpr int kNone = -1;      // a zero-padded tap or the missing cell of a partial pooling window
constexpr int kTileCols = 128; // tile width; the height is tileRows

// Row kernels. Sums run in a fixed order with plain multiplies and adds, so that a pixel's value does not
// depend on where it falls in a row (vector body or tail), hence not on the tiling.

template <int N>
inline __attribute__((always_inline)) void weightedRowsN(float *t, const float *const *src, const float *w, int n)
{
    LODESTONE_IVDEP
    for (int x = 0; x < n; ++x) {
        float acc = t[x];
        for (int d = 0; d < N; ++d)
            acc += w[d] * src[d][x];
        t[x] = acc;
    }
}

/** t[x] += w[0] * src[0][x] + w[1] * src[1][x] + ..., added in that order. */
LODESTONE_VECTOR_CLONES void weightedRows(float *t, const float *const *src, const float *w, int taps, int n)
{
    for (int d = 0; d < taps; d += 4) {
        switch (std::min(4, taps - d)) {
        case 1: weightedRowsN<1>(t, src + d, w + d, n); break;
        case 2: weightedRowsN<2>(t, src + d, w + d, n); break;
        case 3: weightedRowsN<3>(t, src + d, w + d, n); break;
        default: weightedRowsN<4>(t, src + d, w + d, n); break;
        }
    }
}

template <int N>
inline __attribute__((always_inline)) void weightedRowsVectorN(float *t, const float *const *src, const float *const *w,
                                                               int n)
{
    LODESTONE_IVDEP
    for (int x = 0; x < n; ++x) {
        float acc = t[x];
        for (int d = 0; d < N; ++d)
            acc += w[d][x] * src[d][x];
        t[x] = acc;
    }
}

/** t[x] += w[0][x] * src[0][x] + w[1][x] * src[1][x] + ..., added in that order. */
LODESTONE_VECTOR_CLONES void weightedRowsVector(float *t, const float *const *src, const float *const *w, int taps,
                                                int n)
{
    for (int d = 0; d < taps; d += 4) {
        switch (std::min(4, taps - d)) {
        case 1: weightedRowsVectorN<1>(t, src + d, w + d, n); break;
        case 2: weightedRowsVectorN<2>(t, src + d, w + d, n); break;
        case 3: weightedRowsVectorN<3>(t, src + d, w + d, n); break;
        default: weightedRowsVectorN<4>(t, src + d, w + d, n); break;
        }
    }
}

template <int N>
inline __attribute__((always_inline)) void biasSumReluN(float *out, float bias, const float *const *src, int n)
{
    LODESTONE_IVDEP
    for (int x = 0; x < n; ++x) {
        float acc = bias;
        for (int d = 0; d < N; ++d)
            acc += src[d][x];
        out[x] = std::max(acc, 0.0f);
    }
}

/** out[x] = relu(bias + src[0][x] + src[1][x] + ...), at most 3 sources, added in that order. */
LODESTONE_VECTOR_CLONES void biasSumRelu(float *out, float bias, const float *const *src, int count, int n)
{
    switch (count) {
    case 0: biasSumReluN<0>(out, bias, src, n); break;
    case 1: biasSumReluN<1>(out, bias, src, n); break;
    case 2: biasSumReluN<2>(out, bias, src, n); break;
    default: biasSumReluN<3>(out, bias, src, n); break;
    }
}

template <int N>
inline __attribute__((always_inline)) void maxRowsN(float *dst, const float *const *src, bool first, int n)
{
    if (first) {
        LODESTONE_IVDEP
        for (int x = 0; x < n; ++x) {
            float m = src[0][x];
            for (int d = 1; d < N; ++d)
                m = std::max(m, src[d][x]);
            dst[x] = m;
        }
    } else {
        LODESTONE_IVDEP
        for (int x = 0; x < n; ++x) {
            float m = dst[x];
            for (int d = 0; d < N; ++d)
                m = std::max(m, src[d][x]);
            dst[x] = m;
        }
    }
}

/** dst[x] = max(src[0][x], src[1][x], ...), also over dst[x] itself unless first; 1 to 4 sources. */
LODESTONE_VECTOR_CLONES void maxRows(float *dst, const float *const *src, int count, bool first, int n)
{
    switch (count) {
    case 1: maxRowsN<1>(dst, src, first, n); break;
    case 2: maxRowsN<2>(dst, src, first, n); break;
    case 3: maxRowsN<3>(dst, src, first, n); break;
    default: maxRowsN<4>(dst, src, first, n); break;
    }
}

/** One row of partial convolution sums for a group of 8 output channels (og of them stored), over w pixels (a
 *  multiple of 8): out[j][x] = sum over taps k (in order) and inputs i (in order) of
 *  weights[tap[k]][i][j] * src[k][i][x], src[k] pointing at input channel 0 of tap k, channels inPlane apart.
 *  Every lane performs the same sequence of operations in every variant, so the variants agree bit for bit
 *  (those with FMA among themselves). */
struct TapRowArgs {
    int w, taps, cin, og;
    const float *const *src;
    const int *tap;
    std::size_t inPlane, outPlane;
    const float *weights; // [9][cin][8]
    float *out;
};

void tapRowGeneric(const TapRowArgs &a)
{
    for (int x = 0; x < a.w; x += 8) {
        float acc[8][8] = {};
        for (int k = 0; k < a.taps; ++k) {
            const float *s = a.src[k] + x;
            const float *wt = a.weights + std::size_t(a.tap[k]) * a.cin * 8;
            for (int i = 0; i < a.cin; ++i, s += a.inPlane, wt += 8)
                for (int j = 0; j < 8; ++j)
                    for (int l = 0; l < 8; ++l)
                        acc[j][l] += wt[j] * s[l];
        }
        for (int j = 0; j < a.og; ++j)
            std::copy(acc[j], acc[j] + 8, a.out + j * a.outPlane + x);
    }
}

#ifdef LODESTONE_X86_DISPATCH
__attribute__((target("avx2,fma"))) void tapRowAvx2(const TapRowArgs &a)
{
    const int w = a.w, taps = a.taps, cin = a.cin, og = a.og;
    const std::size_t inPlane = a.inPlane, outPlane = a.outPlane;
    for (int x = 0; x < w; x += 8) {
        __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int k = 0; k < taps; ++k) {
            const float *s = a.src[k] + x;
            const float *wt = a.weights + std::size_t(a.tap[k]) * cin * 8;
            for (int i = 0; i < cin; ++i, s += inPlane, wt += 8) {
                const __m256 v = _mm256_loadu_ps(s);
                c0 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 0), v, c0);
                c1 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 1), v, c1);
                c2 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 2), v, c2);
                c3 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 3), v, c3);
                c4 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 4), v, c4);
                c5 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 5), v, c5);
                c6 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 6), v, c6);
                c7 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 7), v, c7);
            }
        }
        const __m256 acc[8] = {c0, c1, c2, c3, c4, c5, c6, c7};
        float *out = a.out + x;
        for (int j = 0; j < og; ++j)
            _mm256_storeu_ps(out + j * outPlane, acc[j]);
    }
}

/** The same with 16-lane vectors, 32 pixels at a time (masked at the end of the row). */
__attribute__((target("avx512f"))) void tapRowAvx512(const TapRowArgs &a)
{
    const int w = a.w, taps = a.taps, cin = a.cin, og = a.og;
    const std::size_t inPlane = a.inPlane, outPlane = a.outPlane;
    for (int x = 0; x < w; x += 32) {
        const int left = w - x;
        const __mmask16 m0 = left >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << left) - 1);
        const __mmask16 m1 = left >= 32   ? __mmask16(0xFFFF)
                             : left <= 16 ? __mmask16(0)
                                          : __mmask16((1u << (left - 16)) - 1);
        __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        __m512 b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0;
        for (int k = 0; k < taps; ++k) {
            const float *s = a.src[k] + x;
            const float *wt = a.weights + std::size_t(a.tap[k]) * cin * 8;
            for (int i = 0; i < cin; ++i, s += inPlane, wt += 8) {
                const __m512 u = _mm512_maskz_loadu_ps(m0, s), v = _mm512_maskz_loadu_ps(m1, s + 16);
                __m512 c = _mm512_set1_ps(wt[0]);
                a0 = _mm512_fmadd_ps(c, u, a0), b0 = _mm512_fmadd_ps(c, v, b0);
                c = _mm512_set1_ps(wt[1]);
                a1 = _mm512_fmadd_ps(c, u, a1), b1 = _mm512_fmadd_ps(c, v, b1);
                c = _mm512_set1_ps(wt[2]);
                a2 = _mm512_fmadd_ps(c, u, a2), b2 = _mm512_fmadd_ps(c, v, b2);
                c = _mm512_set1_ps(wt[3]);
                a3 = _mm512_fmadd_ps(c, u, a3), b3 = _mm512_fmadd_ps(c, v, b3);
                c = _mm512_set1_ps(wt[4]);
                a4 = _mm512_fmadd_ps(c, u, a4), b4 = _mm512_fmadd_ps(c, v, b4);
                c = _mm512_set1_ps(wt[5]);
                a5 = _mm512_fmadd_ps(c, u, a5), b5 = _mm512_fmadd_ps(c, v, b5);
                c = _mm512_set1_ps(wt[6]);
                a6 = _mm512_fmadd_ps(c, u, a6), b6 = _mm512_fmadd_ps(c, v, b6);
                c = _mm512_set1_ps(wt[7]);
                a7 = _mm512_fmadd_ps(c, u, a7), b7 = _mm512_fmadd_ps(c, v, b7);
            }
        }
        const __m512 lo[8] = {a0, a1, a2, a3, a4, a5, a6, a7}, hi[8] = {b0, b1, b2, b3, b4, b5, b6, b7};
        float *out = a.out + x;
        for (int j = 0; j < og; ++j) {
            _mm512_mask_storeu_ps(out + j * outPlane, m0, lo[j]);
            _mm512_mask_storeu_ps(out + j * outPlane + 16, m1, hi[j]);
        }
    }
}
#endif

void tapRow(const TapRowArgs &a)
{
#ifdef LODESTONE_X86_DISPATCH
    static const int level = __builtin_cpu_supports("avx512f")                                 ? 2
                             : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1
                                                                                               : 0;
    if (level == 2)
        return tapRowAvx512(a);
    if (level == 1)
        return tapRowAvx2(a);
#endif
    tapRowGeneric(a);
}

/** Along one axis: the kinds of the cells of the five levels of a patch's encoder, 0 = layer-1 activation
 *  (P cells), 1 = first pooling (P/2), 2 = layer-2 activation, 3 = second pooling (ceil mode), 4 = layer-3
 *  activation. A kind is the list of the kinds it reads (conv: taps -1, 0, +1; pooling: window cells 0, 1);
 *  level 0 reads the image (kind 0). */
struct AxisKinds {
    std::array<int, 5> size{};
    std::array<std::vector<std::array<int, 3>>, 5> kinds; ///< children of each distinct kind
    std::array<std::vector<int>, 5> cell;                 ///< kind of every cell
};

AxisKinds axisKinds(int p)
{
    AxisKinds a;
    const int s2 = p / 2, s3 = (s2 + 1) / 2;
    a.size = {p, s2, s2, s3, s3};
    for (int level = 0; level < 5; ++level) {
        std::map<std::array<int, 3>, int> ids;
        const int n = a.size[level];
        a.cell[level].resize(n);
        for (int k = 0; k < n; ++k) {
            std::array<int, 3> c{kNone, kNone, kNone};
            if (level % 2 == 0) { // 3-tap convolution, zero padded at the patch border
                const int below = level == 0 ? p : a.size[level - 1];
                for (int t = 0; t < 3; ++t) {
                    const int j = k + t - 1;
                    if (j >= 0 && j < below)
                        c[t] = level == 0 ? 0 : a.cell[level - 1][j];
                }
            } else { // 2-wide max pooling; in ceil mode the last window may hold one cell
                const std::vector<int> &below = a.cell[level - 1];
                c[0] = below[2 * k];
                if (2 * k + 1 < int(below.size()))
                    c[1] = below[2 * k + 1];
            }
            a.cell[level][k] = ids.emplace(c, int(ids.size())).first->second;
        }
        a.kinds[level].resize(ids.size());
        for (const auto &[c, id] : ids)
            a.kinds[level][id] = c;
    }
    return a;
}

/** r[u * s + k]: weight of cell k of an s-cell activation in pixel u of its bilinear resize to p pixels,
 *  taken from the same interpolate call as Autoencoder::encodeResized (an identity when s == p). */
std::vector<float> resizeWeights(int p, int s)
{
    std::vector<float> r(std::size_t(p) * s, 0.0f);
    if (s == p) {
        for (int u = 0; u < p; ++u)
            r[std::size_t(u) * s + u] = 1.0f;
        return r;
    }
    torch::NoGradGuard noGrad;
    const torch::Tensor eye = torch::eye(s, torch::kFloat32).view({s, 1, s, 1});
    const torch::Tensor y =
        F::interpolate(
            eye,
            F::InterpolateFuncOptions().size(std::vector<int64_t>{p, 1}).mode(torch::kBilinear).align_corners(false))
            .contiguous(); // [s, 1, p, 1]
    const float *v = y.data_ptr<float>();
    for (int k = 0; k < s; ++k)
        for (int u = 0; u < p; ++u)
            r[std::size_t(u) * s + k] = v[std::size_t(k) * p + u];
    return r;
}

/** Per-axis weights W[kind](q, delta) of one layer over an axis of n pixels, stored [delta - lo][q]. */
struct AxisWeights {
    int n = 0;
    int lo = 0, hi = -1;               ///< delta range of the layer
    std::vector<int> kindLo, kindHi;   ///< delta range of each kind (empty when lo > hi)
    std::vector<std::vector<float>> w; ///< per kind: (hi - lo + 1) * n
    const float *row(int kind, int delta) const { return w[kind].data() + std::size_t(delta - lo) * n; }
};

AxisWeights axisWeights(const AxisKinds &a, int level, int p, int n)
{
    const int s = a.size[level], stride = 1 << (level / 2);
    const std::vector<float> r = resizeWeights(p, s);
    const std::vector<int> &cell = a.cell[level];
    const int kinds = int(a.kinds[level].size());
    AxisWeights aw;
    aw.n = n;
    aw.kindLo.assign(kinds, std::numeric_limits<int>::max());
    aw.kindHi.assign(kinds, std::numeric_limits<int>::min());
    for (int u = 0; u < p; ++u)
        for (int k = 0; k < s; ++k)
            if (r[std::size_t(u) * s + k] != 0.0f) {
                const int d = stride * k - u;
                aw.kindLo[cell[k]] = std::min(aw.kindLo[cell[k]], d);
                aw.kindHi[cell[k]] = std::max(aw.kindHi[cell[k]], d);
            }
    aw.lo = *std::min_element(aw.kindLo.begin(), aw.kindLo.end());
    aw.hi = *std::max_element(aw.kindHi.begin(), aw.kindHi.end());
    const int span = aw.hi - aw.lo + 1;
    aw.w.assign(kinds, std::vector<float>(std::size_t(span) * n, 0.0f));
    const int half = p / 2;
    std::vector<double> acc(std::size_t(kinds) * span);
    for (int q = 0; q < n; ++q) {
        // Offsets u of the patches covering q: their centres q - u + half lie in [0, n).
        const int ulo = std::max(0, q + half - n + 1), uhi = std::min(p - 1, q + half);
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int u = ulo; u <= uhi; ++u)
            for (int k = 0; k < s; ++k) {
                const float rv = r[std::size_t(u) * s + k];
                if (rv != 0.0f)
                    acc[std::size_t(cell[k]) * span + (stride * k - u - aw.lo)] += rv;
            }
        const double inv = 1.0 / double(uhi - ulo + 1);
        for (int kind = 0; kind < kinds; ++kind)
            for (int d = 0; d < span; ++d)
                aw.w[kind][std::size_t(d) * n + q] = float(acc[std::size_t(kind) * span + d] * inv);
    }
    return aw;
}

/** A half-open interval of global pixel coordinates. */
struct Span {
    int lo = 0, hi = 0;
    int size() const { return hi - lo; }
    Span grown(int a, int b) const { return {lo + a, hi + b}; }
    Span united(const Span &o) const { return {std::min(lo, o.lo), std::max(hi, o.hi)}; }
};

/** A rectangle of global coordinates (rows y, columns x) over which a level's maps are computed. */
struct Region {
    Span y, x;
    int h() const { return y.size(); }
    int w() const { return x.size(); }
    std::size_t area() const { return std::size_t(h()) * w(); }
};

/** A conv layer's weights, packed for tapRow: groups of 8 output channels (zero-padded), [group][tap][in][8]. */
struct Layer {
    std::vector<float> weights, bias;
    int in = 0, out = 0, groups = 0;
    const float *groupWeights(int g) const { return weights.data() + std::size_t(g) * 9 * in * 8; }
};

Layer layerOf(const torch::nn::Conv2d &conv)
{
    Layer l;
    const torch::Tensor w = conv->weight.detach().to(torch::kFloat32).contiguous(); // [out][in][3][3]
    const torch::Tensor b = conv->bias.detach().to(torch::kFloat32).contiguous();
    l.out = int(w.size(0));
    l.in = int(w.size(1));
    l.groups = (l.out + 7) / 8;
    const float *wv = w.data_ptr<float>(), *bv = b.data_ptr<float>();
    l.weights.assign(std::size_t(l.groups) * 9 * l.in * 8, 0.0f);
    l.bias.assign(std::size_t(l.groups) * 8, 0.0f);
    for (int o = 0; o < l.out; ++o) {
        l.bias[o] = bv[o];
        for (int i = 0; i < l.in; ++i)
            for (int t = 0; t < 9; ++t)
                l.weights[((std::size_t(o / 8) * 9 + t) * l.in + i) * 8 + o % 8] =
                    wv[(std::size_t(o) * l.in + i) * 9 + t];
    }
    return l;
}

/** The maps of all kind pairs (ky, kx) of one level over a region: pair index ky * kinds + kx. */
struct KindMaps {
    Region reg;
    int channels = 0;
    int kinds = 0;
    std::vector<std::vector<float>> maps;
    const float *map(int ky, int kx) const { return maps[std::size_t(ky) * kinds + kx].data(); }
};

/** Buffers reused from tile to tile. */
struct Workspace {
    std::vector<float> act;  // the maps of all y kinds of one x kind of a conv level
    std::vector<float> rows; // a band of kernel-row partial sums
};

/** All kind pairs of a conv level over reg (width a multiple of 8), x kind by x kind. For each kx, the partial
 *  sums of every kernel row ty and child kind cy along y,
 *      R[ty, cy](g) = sum over the present taps tx of weight[ty][tx] * in[cy, child of kx at tx](g + dil * (ty - 1, tx
 * - 1)), are shared by the y kinds, each map being relu(bias + sum over its present kernel rows of R[ty, its child at
 *  ty]). R lives in bands of a few rows that stay in cache. For each kx: stage.begin(kx), then
 *  stage.add(ky, kx, channel, map plane) for ky = 0.. and every channel, then stage.end(kx). */
template <class Stage>
void convLevel(const Layer &layer, int dil, const std::vector<std::array<int, 3>> &kinds, const KindMaps &in,
               const Region &reg, Workspace &ws, Feedback *feedback, Stage &stage)
{
    constexpr int band = 4;
    const int nk = int(kinds.size()), h = reg.h(), w = reg.w(), cout = layer.out, inW = in.reg.w();
    const std::size_t plane = std::size_t(h) * w;
    struct RowSum {
        int ty, cy;
        std::vector<const float *> src; // input channel 0 at output (0, 0), per present tap
        std::vector<int> tap;
    };
    std::vector<std::array<int, 3>> rowIndex(in.kinds, {kNone, kNone, kNone}); // [cy][ty] -> sums
    std::vector<RowSum> sums;
    for (const auto &k : kinds)
        for (int ty = 0; ty < 3; ++ty)
            if (k[ty] != kNone && rowIndex[k[ty]][ty] == kNone) {
                rowIndex[k[ty]][ty] = int(sums.size());
                sums.push_back({ty, k[ty], {}, {}});
            }
    ws.act.resize(std::size_t(nk) * cout * plane);
    for (int kx = 0; kx < nk; ++kx) {
        checkCanceled(feedback);
        for (RowSum &sum : sums) {
            sum.src.clear();
            sum.tap.clear();
            for (int tx = 0; tx < 3; ++tx)
                if (kinds[kx][tx] != kNone) {
                    const int row = reg.y.lo + dil * (sum.ty - 1) - in.reg.y.lo;
                    const int col = reg.x.lo + dil * (tx - 1) - in.reg.x.lo;
                    sum.src.push_back(in.map(sum.cy, kinds[kx][tx]) + std::ptrdiff_t(row) * inW + col);
                    sum.tap.push_back(3 * sum.ty + tx);
                }
        }
        {
            std::vector<float> &rows = ws.rows; // [sum][channel][band row][x]
            rows.resize(sums.size() * cout * band * w);
            std::vector<const float *> rowSrc(3);
            for (int r0 = 0; r0 < h; r0 += band) {
                const int r1 = std::min(h, r0 + band);
                for (std::size_t s = 0; s < sums.size(); ++s)
                    for (int r = r0; r < r1; ++r) {
                        for (std::size_t k = 0; k < sums[s].src.size(); ++k)
                            rowSrc[k] = sums[s].src[k] + std::ptrdiff_t(r) * inW;
                        for (int g = 0; g < layer.groups; ++g) {
                            TapRowArgs a;
                            a.w = w;
                            a.taps = int(sums[s].src.size());
                            a.cin = layer.in;
                            a.og = std::min(8, cout - 8 * g);
                            a.src = rowSrc.data();
                            a.tap = sums[s].tap.data();
                            a.inPlane = in.reg.area();
                            a.outPlane = std::size_t(band) * w;
                            a.weights = layer.groupWeights(g);
                            a.out = rows.data() + ((s * cout + 8 * g) * band + (r - r0)) * w;
                            tapRow(a);
                        }
                    }
                for (int ky = 0; ky < nk; ++ky)
                    for (int c = 0; c < cout; ++c)
                        for (int r = r0; r < r1; ++r) {
                            const float *parts[3];
                            int count = 0;
                            for (int ty = 0; ty < 3; ++ty)
                                if (kinds[ky][ty] != kNone)
                                    parts[count++] =
                                        rows.data() +
                                        ((std::size_t(rowIndex[kinds[ky][ty]][ty]) * cout + c) * band + (r - r0)) * w;
                            biasSumRelu(ws.act.data() + (std::size_t(ky) * cout + c) * plane + std::size_t(r) * w,
                                        layer.bias[c], parts, count, w);
                        }
            }
        }
        stage.begin(kx);
        for (int ky = 0; ky < nk; ++ky)
            for (int c = 0; c < cout; ++c)
                stage.add(ky, kx, c, ws.act.data() + (std::size_t(ky) * cout + c) * plane);
        stage.end(kx);
    }
}

/** The output filter of one layer over a tile, x kind by x kind: the maps of the pairs (ky, kx) are filtered
 *  along y and summed into columns tile.x.lo + lo .. tile.x.hi + hi - 1 (lo, hi: kx's delta range), then the
 *  sum is filtered along x into the output planes. */
class ColumnFilter {
public:
    /** out holds the grid rows from rowOffset on. */
    ColumnFilter(const AxisWeights &wy, const AxisWeights &wx, const Region &tile, int channels, FeatureRasters &out,
                 int firstPlane, int rowOffset)
        : m_wy(wy), m_wx(wx), m_tile(tile), m_channels(channels), m_out(out), m_firstPlane(firstPlane),
          m_rowOffset(rowOffset)
    {
    }

    void begin(int kx)
    {
        m_kx = kx;
        m_lo = m_wx.kindLo[kx];
        m_hi = m_wx.kindHi[kx];
        m_cols = m_lo > m_hi ? 0 : m_tile.w() + m_hi - m_lo;
        m_sum.assign(std::size_t(m_channels) * m_tile.h() * m_cols, 0.0f);
    }

    /** Adds channel c of the map of (ky, kx), a plane over reg. */
    void add(const float *plane, const Region &reg, int ky, int c)
    {
        const int ylo = m_wy.kindLo[ky], yhi = m_wy.kindHi[ky];
        if (m_cols == 0 || ylo > yhi)
            return;
        std::vector<const float *> src;
        std::vector<float> wts;
        for (int qy = m_tile.y.lo; qy < m_tile.y.hi; ++qy) {
            src.clear();
            wts.clear();
            for (int d = ylo; d <= yhi; ++d) {
                const float wv = m_wy.row(ky, d)[qy];
                if (wv != 0.0f) {
                    src.push_back(plane + std::size_t(qy + d - reg.y.lo) * reg.w() + (m_tile.x.lo + m_lo - reg.x.lo));
                    wts.push_back(wv);
                }
            }
            weightedRows(row(c, qy), src.data(), wts.data(), int(src.size()), m_cols);
        }
    }

    void end()
    {
        if (m_cols == 0)
            return;
        const int tw = m_tile.w();
        std::vector<const float *> wts;
        for (int d = m_lo; d <= m_hi; ++d)
            wts.push_back(m_wx.row(m_kx, d) + m_tile.x.lo);
        std::vector<const float *> src(wts.size());
        for (int c = 0; c < m_channels; ++c) {
            float *dst = m_out.plane(m_firstPlane + c);
            for (int qy = m_tile.y.lo; qy < m_tile.y.hi; ++qy) {
                for (std::size_t d = 0; d < wts.size(); ++d)
                    src[d] = row(c, qy) + d;
                weightedRowsVector(dst + std::size_t(qy - m_rowOffset) * m_out.width + m_tile.x.lo, src.data(),
                                   wts.data(), int(wts.size()), tw);
            }
        }
    }

private:
    float *row(int c, int qy) { return m_sum.data() + (std::size_t(c) * m_tile.h() + (qy - m_tile.y.lo)) * m_cols; }
    const float *row(int c, int qy) const
    {
        return m_sum.data() + (std::size_t(c) * m_tile.h() + (qy - m_tile.y.lo)) * m_cols;
    }

    const AxisWeights &m_wy, &m_wx;
    Region m_tile;
    int m_channels;
    FeatureRasters &m_out;
    int m_firstPlane, m_rowOffset;
    int m_kx = 0, m_lo = 0, m_hi = -1, m_cols = 0;
    std::vector<float> m_sum; // channels * tile rows * m_cols
};

/** Max pooling of a conv level's maps into the kind pairs of the next level, as the maps come: the pooled pair
 *  (py, px) is the max over its window cells (a, b) of the conv map of its child pair, shifted by step * (a, b). */
class Pooler {
public:
    Pooler(const std::vector<std::array<int, 3>> &pooledKinds, int step, KindMaps &pooled, const Region &srcReg)
        : m_kinds(pooledKinds), m_step(step), m_pooled(pooled), m_srcReg(srcReg),
          m_written(pooled.maps.size() * pooled.channels, 0)
    {
    }

    /** Pools channel c of the conv map of (ky, kx), a plane over srcReg. */
    void add(const float *plane, int ky, int kx, int c)
    {
        const int n = int(m_kinds.size());
        const Region &dst = m_pooled.reg;
        const std::size_t area = dst.area();
        const float *src[4];
        for (int py = 0; py < n; ++py)
            for (int px = 0; px < n; ++px) {
                int count = 0;
                for (int a = 0; a < 2; ++a)
                    for (int b = 0; b < 2; ++b)
                        if (m_kinds[py][a] == ky && m_kinds[px][b] == kx)
                            src[count++] = plane + std::size_t(dst.y.lo + m_step * a - m_srcReg.y.lo) * m_srcReg.w() +
                                           (dst.x.lo + m_step * b - m_srcReg.x.lo);
                if (count == 0)
                    continue;
                const std::size_t pair = std::size_t(py) * n + px;
                float *out = m_pooled.maps[pair].data() + c * area;
                const bool first = !m_written[pair * m_pooled.channels + c];
                m_written[pair * m_pooled.channels + c] = 1;
                const float *rowSrc[4];
                for (int r = 0; r < dst.h(); ++r) {
                    for (int k = 0; k < count; ++k)
                        rowSrc[k] = src[k] + std::size_t(r) * m_srcReg.w();
                    maxRows(out + std::size_t(r) * dst.w(), rowSrc, count, first, dst.w());
                }
            }
    }

private:
    const std::vector<std::array<int, 3>> &m_kinds;
    int m_step;
    KindMaps &m_pooled;
    Region m_srcReg;
    std::vector<uint8_t> m_written; // per pooled pair and channel
};

} // namespace

FeatureRasters denseFeatures(const Autoencoder &model, const NormalizedImage &image, const std::vector<uint8_t> &valid,
                             Feedback *feedback, int tileRows)
{
    return denseFeatureRows(model, image, valid, 0, image.height, feedback, tileRows);
}

FeatureRasters denseFeatureRows(const Autoencoder &model, const NormalizedImage &image,
                                const std::vector<uint8_t> &valid, int rowBegin, int rowEnd, Feedback *feedback,
                                int tileRows)
{
    const int p = model.params().patchSize;
    const int w = image.width, h = image.height;
    if (p > w || p > h)
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p) + ") is larger than the survey (" +
                                                 std::to_string(w) + " x " + std::to_string(h) + ").");
    if (rowBegin < 0 || rowEnd > h || rowBegin >= rowEnd)
        throw Error(ErrorCode::BadParameter, "Rows " + std::to_string(rowBegin) + " to " + std::to_string(rowEnd) +
                                                 " are not a range of the survey's " + std::to_string(h) + " rows.");
    const int channels = model.params().channels;
    if (image.channels != channels || image.data.size() != std::size_t(channels) * image.planeSize())
        throw Error(ErrorCode::BadParameter, "The model takes " + std::to_string(channels) +
                                                 " input layer(s) but the "
                                                 "image has " +
                                                 std::to_string(image.channels) + " (" +
                                                 std::to_string(image.data.size()) + " values).");
    const int rows = rowEnd - rowBegin;
    tileRows = std::max(16, tileRows);
    torch::NoGradGuard noGrad;
    Net &net = AutoencoderAccess::net(model);
    const std::array<Layer, 3> layers{layerOf(net->e1), layerOf(net->e2), layerOf(net->e3)};
    const int f0 = layers[0].out, f1 = layers[1].out, f2 = layers[2].out;

    const AxisKinds kinds = axisKinds(p);
    std::array<AxisWeights, 3> wy, wx; // per layer (levels 0, 2, 4)
    for (int l = 0; l < 3; ++l) {
        wy[l] = axisWeights(kinds, 2 * l, p, h);
        wx[l] = axisWeights(kinds, 2 * l, p, w);
    }

    FeatureRasters out;
    out.width = w;
    out.height = rows;
    out.count = f0 + f1 + f2;
    out.names = model.featureNames();
    out.data.assign(std::size_t(out.count) * w * rows, 0.0f);

    const int tilesY = (rows + tileRows - 1) / tileRows, tilesX = (w + kTileCols - 1) / kTileCols;
    const int tiles = tilesY * tilesX;
    // One tile: its levels' regions from what each step reads, the reflect-extended grid, then the three layers,
    // each conv map filtered into the output and max-pooled into the next level.
    auto runTile = [&](int index, KindMaps &e, KindMaps &pool1, KindMaps &pool2, Workspace &ws) {
        const int ty = index / tilesX, tx = index % tilesX;
        Region tile;
        tile.y = {rowBegin + ty * tileRows, std::min(rowEnd, rowBegin + (ty + 1) * tileRows)};
        tile.x = {tx * kTileCols, std::min(w, (tx + 1) * kTileCols)};
        std::array<Region, 5> reg; // conv levels get widths that are multiples of 8 (whole vectors)
        Region img;
        auto setRegions = [&](Span Region::*axis, const std::array<AxisWeights, 3> &wt, bool vectors) {
            auto whole = [vectors](Span s) { return vectors ? Span{s.lo, s.lo + (s.size() + 7) / 8 * 8} : s; };
            const Span t = tile.*axis;
            reg[4].*axis = whole(t.grown(wt[2].lo, wt[2].hi));
            reg[3].*axis = (reg[4].*axis).grown(-4, 4);
            reg[2].*axis = whole((reg[3].*axis).grown(0, 2).united(t.grown(wt[1].lo, wt[1].hi)));
            reg[1].*axis = (reg[2].*axis).grown(-2, 2);
            reg[0].*axis = whole((reg[1].*axis).grown(0, 1).united(t.grown(wt[0].lo, wt[0].hi)));
            img.*axis = (reg[0].*axis).grown(-1, 1);
        };
        setRegions(&Region::y, wy, false);
        setRegions(&Region::x, wx, true);

        e.reg = img;
        e.maps[0].resize(std::size_t(channels) * img.area());
        for (int ch = 0; ch < channels; ++ch) // one plane per input channel, as the other levels' channels
            for (int r = 0; r < img.h(); ++r) {
                const float *src = image.plane(ch) + std::size_t(reflectIndex(img.y.lo + r, h)) * w;
                float *dst = e.maps[0].data() + ch * img.area() + std::size_t(r) * img.w();
                for (int c = 0; c < img.w(); ++c)
                    dst[c] = src[reflectIndex(img.x.lo + c, w)];
            }
        pool1.reg = reg[1];
        for (auto &m : pool1.maps)
            m.resize(f0 * reg[1].area());
        pool2.reg = reg[3];
        for (auto &m : pool2.maps)
            m.resize(f1 * reg[3].area());

        auto runLayer = [&](int l, const KindMaps &in, KindMaps *pooled, int firstPlane) {
            const int level = 2 * l;
            struct Stage {
                ColumnFilter filter;
                Pooler *pooler;
                const Region &reg;
                void begin(int kx) { filter.begin(kx); }
                void add(int ky, int kx, int c, const float *plane)
                {
                    filter.add(plane, reg, ky, c);
                    if (pooler)
                        pooler->add(plane, ky, kx, c);
                }
                void end(int) { filter.end(); }
            };
            std::unique_ptr<Pooler> pooler;
            if (pooled)
                pooler = std::make_unique<Pooler>(kinds.kinds[level + 1], 1 << l, *pooled, reg[level]);
            Stage stage{ColumnFilter(wy[l], wx[l], tile, layers[l].out, out, firstPlane, rowBegin), pooler.get(),
                        reg[level]};
            convLevel(layers[l], 1 << l, kinds.kinds[level], in, reg[level], ws, feedback, stage);
        };
        runLayer(0, e, &pool1, 0);
        runLayer(1, pool1, &pool2, f0);
        runLayer(2, pool2, nullptr, f0 + f1);
    };

    // Tiles are shared between LibTorch's number of threads, each with its own buffers (made on its first tile);
    // only the calling thread talks to feedback. Cancel is checked within the tiles (convLevel).
    struct TileBuffers {
        KindMaps e, pool1, pool2; // the reflect-extended grid and the two pooling levels of a tile
        Workspace ws;
    };
    const int threads = std::max(1, at::get_num_threads());
    std::vector<std::unique_ptr<TileBuffers>> buffers(std::size_t(parallelThreads(tiles, threads)));
    parallelForWorkers(
        tiles, threads, nullptr,
        [&](int t, int worker) {
            std::unique_ptr<TileBuffers> &b = buffers[std::size_t(worker)];
            if (!b) {
                b = std::make_unique<TileBuffers>();
                b->e.channels = channels;
                b->e.kinds = 1;
                b->e.maps.resize(1);
                b->pool1.channels = f0;
                b->pool1.kinds = int(kinds.kinds[1].size());
                b->pool1.maps.resize(std::size_t(b->pool1.kinds) * b->pool1.kinds);
                b->pool2.channels = f1;
                b->pool2.kinds = int(kinds.kinds[3].size());
                b->pool2.maps.resize(std::size_t(b->pool2.kinds) * b->pool2.kinds);
            }
            runTile(t, b->e, b->pool1, b->pool2, b->ws);
        },
        [&](int finished) { reportProgress(feedback, double(finished) / tiles); });

    const float nan = std::numeric_limits<float>::quiet_NaN();
    const uint8_t *validRows = valid.data() + std::size_t(rowBegin) * w;
    for (int c = 0; c < out.count; ++c) {
        float *plane = out.plane(c);
        for (std::size_t i = 0; i < std::size_t(rows) * w; ++i)
            if (!validRows[i])
                plane[i] = nan;
    }
    return out;
}

} // namespace lodestone
