// The AVX2 + FMA training kernels: 3 x 3 convolutions (forward and weight gradient) register-blocked with
// intrinsics, and 2 x 2 max pooling forward and backward. trainingkernels.cpp chooses them at run time.
#include "trainingkernels_isa.h"

#ifdef LODESTONE_TRAIN_AVX2

#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace lodestone {

namespace train {

namespace {

/** NB output cells of a group of 8 V output channels (of CO; w and dst point at the group's first channel):
 *  src is the input cell up and left of the first one. Per kernel row and input channel, each of the NB + 2
 *  input cells of the row is broadcast once and multiplied into every output cell it reaches (up to three
 *  taps), so that loads do not outnumber the multiply-adds. */
template <int V, int NB>
LODESTONE_AVX2_INLINE void convCellsAvx2(const float *src, std::size_t rs, int CI, int CO, const float *w,
                                         const __m256 *bias, bool relu, float *dst)
{
    __m256 acc[NB][V];
#pragma GCC unroll 8
    for (int b = 0; b < NB; ++b)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v)
            acc[b][v] = bias[v];
    for (int ky = 0; ky < 3; ++ky) {
        const float *row = src + ky * rs;
        const float *wk = w + std::size_t(ky) * 3 * CI * CO;
        for (int c = 0; c < CI; ++c) {
            __m256 wv[3][V];
#pragma GCC unroll 3
            for (int kx = 0; kx < 3; ++kx)
#pragma GCC unroll 2
                for (int v = 0; v < V; ++v)
                    wv[kx][v] = _mm256_loadu_ps(wk + (kx * CI + c) * CO + 8 * v);
#pragma GCC unroll 10
            for (int j = 0; j < NB + 2; ++j) {
                const __m256 xv = _mm256_broadcast_ss(row + j * CI + c);
#pragma GCC unroll 3
                for (int kx = 0; kx < 3; ++kx) {
                    const int b = j - kx; // the output cell that reads input cell j through tap kx
                    if (b < 0 || b >= NB)
                        continue;
#pragma GCC unroll 2
                    for (int v = 0; v < V; ++v)
                        acc[b][v] = _mm256_fmadd_ps(xv, wv[kx][v], acc[b][v]);
                }
            }
        }
    }
    const __m256 zero = _mm256_setzero_ps();
#pragma GCC unroll 8
    for (int b = 0; b < NB; ++b)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v)
            _mm256_storeu_ps(dst + b * CO + 8 * v, relu ? _mm256_max_ps(acc[b][v], zero) : acc[b][v]);
}

/** The output channels o0 .. o0 + 8 V - 1 of convForward. */
template <int V>
LODESTONE_AVX2_INLINE void convForwardGroupAvx2(const Map &in, const float *w, const float *bias, bool relu,
                                                const Map &out, int o0)
{
    constexpr int NB = V == 2 ? 4 : 8; // 8 accumulators
    const int CI = in.c, CO = out.c;
    const std::size_t rs = in.rowStride();
    __m256 bv[V];
    for (int v = 0; v < V; ++v)
        bv[v] = bias ? _mm256_loadu_ps(bias + o0 + 8 * v) : _mm256_setzero_ps();
    for (int y = 0; y < out.h; ++y) {
        const float *src = in.at(y - 1, -1);
        float *dst = out.at(y, 0) + o0;
        int x = 0;
        for (; x + NB <= out.w; x += NB)
            convCellsAvx2<V, NB>(src + x * CI, rs, CI, CO, w + o0, bv, relu, dst + x * CO);
        for (; x < out.w; ++x)
            convCellsAvx2<V, 1>(src + x * CI, rs, CI, CO, w + o0, bv, relu, dst + x * CO);
    }
}

/** convForward for a multiple of 8 output channels (groups of 16, then 8) and any number of input channels. */
LODESTONE_AVX2 void convForwardAvx2(const Map &in, const float *w, const float *bias, bool relu, const Map &out)
{
    for (int o0 = 0; o0 < out.c;) {
        if (out.c - o0 >= 16) {
            convForwardGroupAvx2<2>(in, w, bias, relu, out, o0);
            o0 += 16;
        } else {
            convForwardGroupAvx2<1>(in, w, bias, relu, out, o0);
            o0 += 8;
        }
    }
}

LODESTONE_AVX2_INLINE float horizontalSum(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/** NB output cells of a convolution from 8 V input channels to one. */
template <int V, int NB>
LODESTONE_AVX2_INLINE void convToOneCellsAvx2(const float *src, std::size_t rs, const float *w, float bias, bool relu,
                                              float *dst)
{
    constexpr int CI = 8 * V;
    __m256 acc[NB][V];
#pragma GCC unroll 4
    for (int b = 0; b < NB; ++b)
#pragma GCC unroll 4
        for (int v = 0; v < V; ++v)
            acc[b][v] = _mm256_setzero_ps();
#pragma GCC unroll 9
    for (int t = 0; t < 9; ++t) {
        const float *s = src + (t / 3) * rs + (t % 3) * CI;
        __m256 wv[V];
#pragma GCC unroll 4
        for (int v = 0; v < V; ++v)
            wv[v] = _mm256_loadu_ps(w + t * CI + 8 * v);
#pragma GCC unroll 4
        for (int b = 0; b < NB; ++b)
#pragma GCC unroll 4
            for (int v = 0; v < V; ++v)
                acc[b][v] = _mm256_fmadd_ps(_mm256_loadu_ps(s + b * CI + 8 * v), wv[v], acc[b][v]);
    }
#pragma GCC unroll 4
    for (int b = 0; b < NB; ++b) {
        __m256 sum = acc[b][0];
        for (int v = 1; v < V; ++v)
            sum = _mm256_add_ps(sum, acc[b][v]);
        const float r = horizontalSum(sum) + bias;
        dst[b] = relu ? std::max(r, 0.0f) : r;
    }
}

/** convForward from 8 V input channels to one output channel. */
template <int V>
LODESTONE_AVX2 void convToOneAvx2(const Map &in, const float *w, const float *bias, bool relu, const Map &out)
{
    constexpr int NB = V <= 2 ? 4 : 2;
    const std::size_t rs = in.rowStride();
    const float b0 = bias ? bias[0] : 0.0f;
    for (int y = 0; y < out.h; ++y) {
        const float *src = in.at(y - 1, -1);
        float *dst = out.at(y, 0);
        int x = 0;
        for (; x + NB <= out.w; x += NB)
            convToOneCellsAvx2<V, NB>(src + x * 8 * V, rs, w, b0, relu, dst + x);
        for (; x < out.w; ++x)
            convToOneCellsAvx2<V, 1>(src + x * 8 * V, rs, w, b0, relu, dst + x);
    }
}

/** NB output cells of a convolution from 8 V input channels to CO (2 to 4) output channels, wt holding the weights
 *  as [tap][co][ci]: for each cell and output, the input channels multiplied lane-wise and summed at the end. */
template <int V, int CO, int NB>
LODESTONE_AVX2_INLINE void convToFewCellsAvx2(const float *src, std::size_t rs, const float *wt, const float *bias,
                                              bool relu, float *dst)
{
    constexpr int CI = 8 * V;
    __m256 acc[NB][CO];
#pragma GCC unroll 4
    for (int b = 0; b < NB; ++b)
#pragma GCC unroll 4
        for (int o = 0; o < CO; ++o)
            acc[b][o] = _mm256_setzero_ps();
#pragma GCC unroll 9
    for (int t = 0; t < 9; ++t) {
        const float *s = src + (t / 3) * rs + (t % 3) * CI;
#pragma GCC unroll 4
        for (int v = 0; v < V; ++v)
#pragma GCC unroll 4
            for (int b = 0; b < NB; ++b) {
                const __m256 xv = _mm256_loadu_ps(s + b * CI + 8 * v);
#pragma GCC unroll 4
                for (int o = 0; o < CO; ++o)
                    acc[b][o] = _mm256_fmadd_ps(xv, _mm256_loadu_ps(wt + (t * CO + o) * CI + 8 * v), acc[b][o]);
            }
    }
#pragma GCC unroll 4
    for (int b = 0; b < NB; ++b)
#pragma GCC unroll 4
        for (int o = 0; o < CO; ++o) {
            const float r = horizontalSum(acc[b][o]) + (bias ? bias[o] : 0.0f);
            dst[b * CO + o] = relu ? std::max(r, 0.0f) : r;
        }
}

/** convForward from 8 V input channels to CO (2 to 4) output channels: the last layer of a network of a few input
 *  layers (d3), the output channels too few for a vector of their own. */
template <int V, int CO>
LODESTONE_AVX2 void convToFewAvx2(const Map &in, const float *w, const float *bias, bool relu, const Map &out)
{
    constexpr int CI = 8 * V, NB = CO == 2 ? 4 : 2;
    alignas(32) float wt[9 * CO * CI]; // [tap][co][ci]: each output's input channels contiguous
    for (int t = 0; t < 9; ++t)
        for (int c = 0; c < CI; ++c)
            for (int o = 0; o < CO; ++o)
                wt[(t * CO + o) * CI + c] = w[(t * CI + c) * CO + o];
    const std::size_t rs = in.rowStride();
    for (int y = 0; y < out.h; ++y) {
        const float *src = in.at(y - 1, -1);
        float *dst = out.at(y, 0);
        int x = 0;
        for (; x + NB <= out.w; x += NB)
            convToFewCellsAvx2<V, CO, NB>(src + x * CI, rs, wt, bias, relu, dst + x * CO);
        for (; x < out.w; ++x)
            convToFewCellsAvx2<V, CO, 1>(src + x * CI, rs, wt, bias, relu, dst + x * CO);
    }
}

/** Weight gradient of CB input channels (from c0) of one tap, for the output channels o0 .. o0 + 8 V - 1. */
template <int V, int CB>
LODESTONE_AVX2_INLINE void weightGradBlockAvx2(const Map &in, const Map &g, int t, int c0, int o0, float *gw)
{
    const int CI = in.c, CO = g.c;
    const std::size_t rs = in.rowStride();
    __m256 acc[CB][V];
    float *gwt = gw + std::size_t(t) * CI * CO + o0;
#pragma GCC unroll 8
    for (int cb = 0; cb < CB; ++cb)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v)
            acc[cb][v] = _mm256_loadu_ps(gwt + (c0 + cb) * CO + 8 * v);
    for (int y = 0; y < g.h; ++y) {
        const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3) * CI + c0;
        const float *gp = g.at(y, 0) + o0;
        for (int x = 0; x < g.w; ++x) {
            __m256 gv[V];
#pragma GCC unroll 2
            for (int v = 0; v < V; ++v)
                gv[v] = _mm256_loadu_ps(gp + x * CO + 8 * v);
#pragma GCC unroll 8
            for (int cb = 0; cb < CB; ++cb) {
                const __m256 xv = _mm256_broadcast_ss(s + x * CI + cb);
#pragma GCC unroll 2
                for (int v = 0; v < V; ++v)
                    acc[cb][v] = _mm256_fmadd_ps(xv, gv[v], acc[cb][v]);
            }
        }
    }
#pragma GCC unroll 8
    for (int cb = 0; cb < CB; ++cb)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v)
            _mm256_storeu_ps(gwt + (c0 + cb) * CO + 8 * v, acc[cb][v]);
}

/** Weight gradient of input channel c (of few: 1 to 7) for the output channels o0 .. o0 + 8 V - 1: 4 cells at
 *  a time into separate accumulators (one accumulator chain per cell would wait on the FMA latency). */
template <int V>
LODESTONE_AVX2_INLINE void weightGradOneInputAvx2(const Map &in, const Map &g, int t, int c, int o0, float *gw)
{
    const int CI = in.c, CO = g.c;
    const std::size_t rs = in.rowStride();
    __m256 acc[4][V];
    float *gwt = gw + (std::size_t(t) * CI + c) * CO + o0;
    for (int k = 0; k < 4; ++k)
        for (int v = 0; v < V; ++v)
            acc[k][v] = _mm256_setzero_ps();
    for (int y = 0; y < g.h; ++y) {
        const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3) * CI + c;
        const float *gp = g.at(y, 0) + o0;
        int x = 0;
        for (; x + 4 <= g.w; x += 4)
#pragma GCC unroll 4
            for (int k = 0; k < 4; ++k) {
                const __m256 xv = _mm256_broadcast_ss(s + (x + k) * CI);
#pragma GCC unroll 2
                for (int v = 0; v < V; ++v)
                    acc[k][v] = _mm256_fmadd_ps(xv, _mm256_loadu_ps(gp + (x + k) * CO + 8 * v), acc[k][v]);
            }
        for (; x < g.w; ++x) {
            const __m256 xv = _mm256_broadcast_ss(s + x * CI);
            for (int v = 0; v < V; ++v)
                acc[0][v] = _mm256_fmadd_ps(xv, _mm256_loadu_ps(gp + x * CO + 8 * v), acc[0][v]);
        }
    }
    for (int v = 0; v < V; ++v) {
        const __m256 sum = _mm256_add_ps(_mm256_add_ps(acc[0][v], acc[1][v]), _mm256_add_ps(acc[2][v], acc[3][v]));
        _mm256_storeu_ps(gwt + 8 * v, _mm256_add_ps(_mm256_loadu_ps(gwt + 8 * v), sum));
    }
}

/** gb[co] += sum of g over cells, for the channels o0 .. o0 + 8 V - 1. */
template <int V> LODESTONE_AVX2_INLINE void biasGradAvx2(const Map &g, int o0, float *gb)
{
    const int CO = g.c;
    gb += o0;
    __m256 acc[4][V];
    for (int k = 0; k < 4; ++k)
        for (int v = 0; v < V; ++v)
            acc[k][v] = _mm256_setzero_ps();
    for (int y = 0; y < g.h; ++y) {
        const float *gp = g.at(y, 0) + o0;
        int x = 0;
        for (; x + 4 <= g.w; x += 4)
#pragma GCC unroll 4
            for (int k = 0; k < 4; ++k)
#pragma GCC unroll 2
                for (int v = 0; v < V; ++v)
                    acc[k][v] = _mm256_add_ps(acc[k][v], _mm256_loadu_ps(gp + (x + k) * CO + 8 * v));
        for (; x < g.w; ++x)
            for (int v = 0; v < V; ++v)
                acc[0][v] = _mm256_add_ps(acc[0][v], _mm256_loadu_ps(gp + x * CO + 8 * v));
    }
    for (int v = 0; v < V; ++v) {
        const __m256 sum = _mm256_add_ps(_mm256_add_ps(acc[0][v], acc[1][v]), _mm256_add_ps(acc[2][v], acc[3][v]));
        _mm256_storeu_ps(gb + 8 * v, _mm256_add_ps(_mm256_loadu_ps(gb + 8 * v), sum));
    }
}

/** The output channels o0 .. o0 + 8 V - 1 of convWeightGrad. */
template <int V>
LODESTONE_AVX2_INLINE void convWeightGradGroupAvx2(const Map &in, const Map &g, int o0, float *gw, float *gb)
{
    constexpr int CB = V == 2 ? 4 : 8; // 8 accumulators
    const int CI = in.c;
    for (int t = 0; t < 9; ++t) {
        if (CI < CB) { // few input channels (e1 of a network of few input layers): cell-parallel accumulators
            for (int c = 0; c < CI; ++c)
                weightGradOneInputAvx2<V>(in, g, t, c, o0, gw);
            continue;
        }
        int c0 = 0;
        for (; c0 + CB <= CI; c0 += CB)
            weightGradBlockAvx2<V, CB>(in, g, t, c0, o0, gw);
        for (; c0 < CI; ++c0)
            weightGradBlockAvx2<V, 1>(in, g, t, c0, o0, gw);
    }
    biasGradAvx2<V>(g, o0, gb);
}

/** convWeightGrad for a multiple of 8 output channels (groups of 16, then 8) and any number of input channels. */
LODESTONE_AVX2 void convWeightGradAvx2(const Map &in, const Map &g, float *gw, float *gb)
{
    for (int o0 = 0; o0 < g.c;) {
        if (g.c - o0 >= 16) {
            convWeightGradGroupAvx2<2>(in, g, o0, gw, gb);
            o0 += 16;
        } else {
            convWeightGradGroupAvx2<1>(in, g, o0, gw, gb);
            o0 += 8;
        }
    }
}

/** convWeightGrad from 8 V input channels to one output channel: the three taps of a kernel row at once. */
template <int V> LODESTONE_AVX2 void convWeightGradToOneAvx2(const Map &in, const Map &g, float *gw, float *gb)
{
    constexpr int CI = 8 * V;
    const std::size_t rs = in.rowStride();
    for (int ky = 0; ky < 3; ++ky) {
        __m256 acc[3][V];
        for (int kx = 0; kx < 3; ++kx)
            for (int v = 0; v < V; ++v)
                acc[kx][v] = _mm256_loadu_ps(gw + (ky * 3 + kx) * CI + 8 * v);
        for (int y = 0; y < g.h; ++y) {
            const float *s = in.at(y - 1, -1) + ky * rs;
            const float *gp = g.at(y, 0);
            for (int x = 0; x < g.w; ++x) {
                const __m256 gv = _mm256_broadcast_ss(gp + x);
#pragma GCC unroll 3
                for (int kx = 0; kx < 3; ++kx)
#pragma GCC unroll 4
                    for (int v = 0; v < V; ++v)
                        acc[kx][v] = _mm256_fmadd_ps(_mm256_loadu_ps(s + (x + kx) * CI + 8 * v), gv, acc[kx][v]);
            }
        }
        for (int kx = 0; kx < 3; ++kx)
            for (int v = 0; v < V; ++v)
                _mm256_storeu_ps(gw + (ky * 3 + kx) * CI + 8 * v, acc[kx][v]);
    }
    double sum = 0.0;
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x)
            sum += *g.at(y, x);
    gb[0] += float(sum);
}

/** convWeightGrad from 8 V input channels to CO (2 to 4) output channels: for each output, the three taps of a
 *  kernel row at once as convWeightGradToOneAvx2, added into gw ([tap][ci][co]) lane by lane. */
template <int V, int CO> LODESTONE_AVX2 void convWeightGradToFewAvx2(const Map &in, const Map &g, float *gw, float *gb)
{
    constexpr int CI = 8 * V;
    const std::size_t rs = in.rowStride();
    for (int o = 0; o < CO; ++o) {
        for (int ky = 0; ky < 3; ++ky) {
            __m256 acc[3][V];
            for (int kx = 0; kx < 3; ++kx)
                for (int v = 0; v < V; ++v)
                    acc[kx][v] = _mm256_setzero_ps();
            for (int y = 0; y < g.h; ++y) {
                const float *s = in.at(y - 1, -1) + ky * rs;
                const float *gp = g.at(y, 0) + o;
                for (int x = 0; x < g.w; ++x) {
                    const __m256 gv = _mm256_broadcast_ss(gp + x * CO);
#pragma GCC unroll 3
                    for (int kx = 0; kx < 3; ++kx)
#pragma GCC unroll 4
                        for (int v = 0; v < V; ++v)
                            acc[kx][v] = _mm256_fmadd_ps(_mm256_loadu_ps(s + (x + kx) * CI + 8 * v), gv, acc[kx][v]);
                }
            }
            for (int kx = 0; kx < 3; ++kx) {
                alignas(32) float lanes[CI];
                for (int v = 0; v < V; ++v)
                    _mm256_store_ps(lanes + 8 * v, acc[kx][v]);
                float *gwt = gw + std::size_t(ky * 3 + kx) * CI * CO + o;
                for (int c = 0; c < CI; ++c)
                    gwt[c * CO] += lanes[c];
            }
        }
        double sum = 0.0;
        for (int y = 0; y < g.h; ++y)
            for (int x = 0; x < g.w; ++x)
                sum += g.at(y, x)[o];
        gb[o] += float(sum);
    }
}

/** The kernels from 8 V input channels (V = 1 to 4) to co = 2 to 4 outputs, or null. */
template <class Fn, template <int, int> class Pick> Fn pickFew(int ci, int co)
{
    if (ci % 8 != 0 || ci < 8 || ci > 32 || co < 2 || co > 4)
        return nullptr;
    static const Fn table[4][3] = {{Pick<1, 2>::fn, Pick<1, 3>::fn, Pick<1, 4>::fn},
                                   {Pick<2, 2>::fn, Pick<2, 3>::fn, Pick<2, 4>::fn},
                                   {Pick<3, 2>::fn, Pick<3, 3>::fn, Pick<3, 4>::fn},
                                   {Pick<4, 2>::fn, Pick<4, 3>::fn, Pick<4, 4>::fn}};
    return table[ci / 8 - 1][co - 2];
}

template <int V, int CO> struct FewForward {
    static constexpr ConvForwardFn fn = convToFewAvx2<V, CO>;
};

template <int V, int CO> struct FewWeightGrad {
    static constexpr ConvWeightGradFn fn = convWeightGradToFewAvx2<V, CO>;
};

/** The cell k of each window of maxPoolBackward (trainingkernels.cpp) for a multiple of 8 channels. */
LODESTONE_AVX2_INLINE void routeAvx2(float *d, const float *gp, const int32_t *a, int32_t k, const float *act, int C)
{
    const __m256i kv = _mm256_set1_epi32(k);
    const __m256 zero = _mm256_setzero_ps();
    for (int c = 0; c < C; c += 8) {
        const __m256 hit = _mm256_and_ps(
            _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + c)), kv)),
            _mm256_cmp_ps(_mm256_loadu_ps(act + c), zero, _CMP_GT_OQ));
        _mm256_storeu_ps(d + c, _mm256_and_ps(hit, _mm256_loadu_ps(gp + c)));
    }
}

} // namespace

ConvForwardFn avx2ConvForward(int ci, int co)
{
    if (co % 8 == 0)
        return convForwardAvx2;
    if (co == 1 && ci == 8)
        return convToOneAvx2<1>;
    if (co == 1 && ci == 16)
        return convToOneAvx2<2>;
    if (co == 1 && ci == 24)
        return convToOneAvx2<3>;
    if (co == 1 && ci == 32)
        return convToOneAvx2<4>;
    return pickFew<ConvForwardFn, FewForward>(ci, co);
}

ConvWeightGradFn avx2ConvWeightGrad(int ci, int co)
{
    if (co % 8 == 0)
        return convWeightGradAvx2;
    if (co == 1 && ci == 8)
        return convWeightGradToOneAvx2<1>;
    if (co == 1 && ci == 16)
        return convWeightGradToOneAvx2<2>;
    if (co == 1 && ci == 24)
        return convWeightGradToOneAvx2<3>;
    if (co == 1 && ci == 32)
        return convWeightGradToOneAvx2<4>;
    return pickFew<ConvWeightGradFn, FewWeightGrad>(ci, co);
}

/** maxPool (trainingkernels.cpp) for a multiple of 8 channels. */
LODESTONE_AVX2 void maxPoolAvx2(const Map &in, const Map &out, int32_t *arg)
{
    const int C = in.c;
    const __m256 one = _mm256_castsi256_ps(_mm256_set1_epi32(1)), two = _mm256_castsi256_ps(_mm256_set1_epi32(2)),
                 three = _mm256_castsi256_ps(_mm256_set1_epi32(3));
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x) {
            const bool down = 2 * y + 1 < in.h, right = 2 * x + 1 < in.w;
            const float *s0 = in.at(2 * y, 2 * x);
            const float *s2 = down ? in.at(2 * y + 1, 2 * x) : s0;
            const float *s1 = right ? s0 + C : s0, *s3 = down && right ? s2 + C : s0;
            float *o = out.at(y, x);
            int32_t *a = arg + (std::size_t(y) * out.w + x) * C;
            for (int c = 0; c < C; c += 8) {
                __m256 m = _mm256_loadu_ps(s0 + c), k = _mm256_setzero_ps();
                const __m256 v1 = _mm256_loadu_ps(s1 + c), v2 = _mm256_loadu_ps(s2 + c), v3 = _mm256_loadu_ps(s3 + c);
                __m256 gt = _mm256_cmp_ps(v1, m, _CMP_GT_OQ);
                m = _mm256_blendv_ps(m, v1, gt);
                k = _mm256_blendv_ps(k, one, gt);
                gt = _mm256_cmp_ps(v2, m, _CMP_GT_OQ);
                m = _mm256_blendv_ps(m, v2, gt);
                k = _mm256_blendv_ps(k, two, gt);
                gt = _mm256_cmp_ps(v3, m, _CMP_GT_OQ);
                m = _mm256_blendv_ps(m, v3, gt);
                k = _mm256_blendv_ps(k, three, gt);
                _mm256_storeu_ps(o + c, m);
                _mm256_storeu_si256(reinterpret_cast<__m256i *>(a + c), _mm256_castps_si256(k));
            }
        }
}

/** maxPoolBackward (trainingkernels.cpp) for a multiple of 8 channels, without a row or column left out by the
 *  pooling. */
LODESTONE_AVX2 void maxPoolBackwardAvx2(const Map &gPooled, const int32_t *arg, const Map &act, const Map &g)
{
    const int C = g.c;
    for (int y = 0; y < gPooled.h; ++y)
        for (int x = 0; x < gPooled.w; ++x) {
            const float *gp = gPooled.at(y, x);
            const int32_t *a = arg + (std::size_t(y) * gPooled.w + x) * C;
            const bool down = 2 * y + 1 < g.h, right = 2 * x + 1 < g.w;
            routeAvx2(g.at(2 * y, 2 * x), gp, a, 0, act.at(2 * y, 2 * x), C);
            if (right)
                routeAvx2(g.at(2 * y, 2 * x + 1), gp, a, 1, act.at(2 * y, 2 * x + 1), C);
            if (down)
                routeAvx2(g.at(2 * y + 1, 2 * x), gp, a, 2, act.at(2 * y + 1, 2 * x), C);
            if (down && right)
                routeAvx2(g.at(2 * y + 1, 2 * x + 1), gp, a, 3, act.at(2 * y + 1, 2 * x + 1), C);
        }
}

} // namespace train

} // namespace lodestone

#endif
