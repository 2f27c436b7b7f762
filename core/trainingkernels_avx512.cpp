// The AVX-512 training kernels: 3 x 3 convolutions of 16 output channels (forward and weight gradient) and
// the weight gradient from 16 input channels to 8. trainingkernels.cpp chooses them at run time.
#include "trainingkernels_isa.h"

#ifdef LODESTONE_TRAIN_AVX2

#include <immintrin.h>

#include <cstddef>

namespace lodestone {

namespace train {

namespace {

// AVX-512 versions where a cell's channels fill a 16-float register: 16 output channels (forward and weight
// gradient) and the weight gradient from 16 input channels to 8. Only where they measured faster than the
// AVX2 kernels (about 11% over a training step; docs/PERFORMANCE.md).
#define LODESTONE_AVX512 __attribute__((target("avx512f")))
#define LODESTONE_AVX512_INLINE __attribute__((target("avx512f"), always_inline)) inline

/** NB output cells of 16 channels, as convCellsAvx2: each input cell of a kernel row broadcast once. */
template <int NB>
LODESTONE_AVX512_INLINE void convCells16Avx512(const float *src, std::size_t rs, int CI, const float *w, __m512 bias,
                                               bool relu, float *dst)
{
    __m512 acc[NB];
#pragma GCC unroll 8
    for (int b = 0; b < NB; ++b)
        acc[b] = bias;
    for (int ky = 0; ky < 3; ++ky) {
        const float *row = src + ky * rs;
        const float *wk = w + std::size_t(ky) * 3 * CI * 16;
        for (int c = 0; c < CI; ++c) {
            __m512 wv[3];
#pragma GCC unroll 3
            for (int kx = 0; kx < 3; ++kx)
                wv[kx] = _mm512_loadu_ps(wk + (kx * CI + c) * 16);
#pragma GCC unroll 10
            for (int j = 0; j < NB + 2; ++j) {
                const __m512 xv = _mm512_set1_ps(row[j * CI + c]);
#pragma GCC unroll 3
                for (int kx = 0; kx < 3; ++kx) {
                    const int b = j - kx;
                    if (b >= 0 && b < NB)
                        acc[b] = _mm512_fmadd_ps(xv, wv[kx], acc[b]);
                }
            }
        }
    }
    const __m512 zero = _mm512_setzero_ps();
#pragma GCC unroll 8
    for (int b = 0; b < NB; ++b) // ReLU as a zeroing mask (GCC 12's _mm512_max_ps warns in its own header)
        _mm512_storeu_ps(dst + b * 16,
                         relu ? _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(acc[b], zero, _CMP_GT_OQ), acc[b]) : acc[b]);
}

/** convForward for 16 output channels and any number of input channels. */
LODESTONE_AVX512 void convForward16Avx512(const Map &in, const float *w, const float *bias, bool relu, const Map &out)
{
    constexpr int NB = 8;
    const int CI = in.c;
    const std::size_t rs = in.rowStride();
    const __m512 bv = bias ? _mm512_loadu_ps(bias) : _mm512_setzero_ps();
    for (int y = 0; y < out.h; ++y) {
        const float *src = in.at(y - 1, -1);
        float *dst = out.at(y, 0);
        int x = 0;
        for (; x + NB <= out.w; x += NB)
            convCells16Avx512<NB>(src + x * CI, rs, CI, w, bv, relu, dst + x * 16);
        for (; x < out.w; ++x)
            convCells16Avx512<1>(src + x * CI, rs, CI, w, bv, relu, dst + x * 16);
    }
}

/** Weight gradient of CB input channels (from c0) of one tap, for 16 output channels. */
template <int CB>
LODESTONE_AVX512_INLINE void weightGradBlock16Avx512(const Map &in, const Map &g, int t, int c0, float *gw)
{
    const int CI = in.c;
    const std::size_t rs = in.rowStride();
    __m512 acc[CB];
    float *gwt = gw + std::size_t(t) * CI * 16;
#pragma GCC unroll 8
    for (int cb = 0; cb < CB; ++cb)
        acc[cb] = _mm512_loadu_ps(gwt + (c0 + cb) * 16);
    for (int y = 0; y < g.h; ++y) {
        const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3) * CI + c0;
        const float *gp = g.at(y, 0);
        for (int x = 0; x < g.w; ++x) {
            const __m512 gv = _mm512_loadu_ps(gp + x * 16);
#pragma GCC unroll 8
            for (int cb = 0; cb < CB; ++cb)
                acc[cb] = _mm512_fmadd_ps(_mm512_set1_ps(s[x * CI + cb]), gv, acc[cb]);
        }
    }
#pragma GCC unroll 8
    for (int cb = 0; cb < CB; ++cb)
        _mm512_storeu_ps(gwt + (c0 + cb) * 16, acc[cb]);
}

/** Weight gradient of input channel c (of few: 1 to 7) for 16 output channels, 4 cells at a time. */
LODESTONE_AVX512_INLINE void weightGradOneInput16Avx512(const Map &in, const Map &g, int t, int c, float *gw)
{
    const int CI = in.c;
    const std::size_t rs = in.rowStride();
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    float *gwt = gw + (std::size_t(t) * CI + c) * 16;
    for (int y = 0; y < g.h; ++y) {
        const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3) * CI + c;
        const float *gp = g.at(y, 0);
        int x = 0;
        for (; x + 4 <= g.w; x += 4)
#pragma GCC unroll 4
            for (int k = 0; k < 4; ++k)
                acc[k] = _mm512_fmadd_ps(_mm512_set1_ps(s[(x + k) * CI]), _mm512_loadu_ps(gp + (x + k) * 16), acc[k]);
        for (; x < g.w; ++x)
            acc[0] = _mm512_fmadd_ps(_mm512_set1_ps(s[x * CI]), _mm512_loadu_ps(gp + x * 16), acc[0]);
    }
    const __m512 sum = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3]));
    _mm512_storeu_ps(gwt, _mm512_add_ps(_mm512_loadu_ps(gwt), sum));
}

/** convWeightGrad for 16 output channels and any number of input channels. */
LODESTONE_AVX512 void convWeightGrad16Avx512(const Map &in, const Map &g, float *gw, float *gb)
{
    constexpr int CB = 8;
    const int CI = in.c;
    for (int t = 0; t < 9; ++t) {
        if (CI < CB) { // few input channels (e1 of a network of few input layers): cell-parallel accumulators
            for (int c = 0; c < CI; ++c)
                weightGradOneInput16Avx512(in, g, t, c, gw);
            continue;
        }
        int c0 = 0;
        for (; c0 + CB <= CI; c0 += CB)
            weightGradBlock16Avx512<CB>(in, g, t, c0, gw);
        for (; c0 < CI; ++c0)
            weightGradBlock16Avx512<1>(in, g, t, c0, gw);
    }
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    for (int y = 0; y < g.h; ++y) {
        const float *gp = g.at(y, 0);
        int x = 0;
        for (; x + 4 <= g.w; x += 4)
            for (int k = 0; k < 4; ++k)
                acc[k] = _mm512_add_ps(acc[k], _mm512_loadu_ps(gp + (x + k) * 16));
        for (; x < g.w; ++x)
            acc[0] = _mm512_add_ps(acc[0], _mm512_loadu_ps(gp + x * 16));
    }
    const __m512 sum = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3]));
    _mm512_storeu_ps(gb, _mm512_add_ps(_mm512_loadu_ps(gb), sum));
}

/** Weight gradient from 16 input channels, vectorised over them: for each tap, CO accumulators of 16 input
 *  channels (gw is [tap][ci][co], so they are added back transposed). CO <= 8 (used for 8). */
template <int CO> LODESTONE_AVX512 void convWeightGradFrom16Avx512(const Map &in, const Map &g, float *gw, float *gb)
{
    const std::size_t rs = in.rowStride();
    for (int t = 0; t < 9; ++t) {
        __m512 acc[CO];
        for (int o = 0; o < CO; ++o)
            acc[o] = _mm512_setzero_ps();
        for (int y = 0; y < g.h; ++y) {
            const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3) * 16;
            const float *gp = g.at(y, 0);
            for (int x = 0; x < g.w; ++x) {
                const __m512 xv = _mm512_loadu_ps(s + x * 16);
#pragma GCC unroll 8
                for (int o = 0; o < CO; ++o)
                    acc[o] = _mm512_fmadd_ps(xv, _mm512_set1_ps(gp[x * CO + o]), acc[o]);
            }
        }
        float *gwt = gw + std::size_t(t) * 16 * CO;
        for (int o = 0; o < CO; ++o) {
            alignas(64) float lanes[16];
            _mm512_store_ps(lanes, acc[o]);
            for (int c = 0; c < 16; ++c)
                gwt[c * CO + o] += lanes[c];
        }
    }
    for (int o = 0; o < CO; ++o) {
        double sum = 0.0;
        for (int y = 0; y < g.h; ++y)
            for (int x = 0; x < g.w; ++x)
                sum += g.at(y, x)[o];
        gb[o] += float(sum);
    }
}

} // namespace

ConvForwardFn avx512ConvForward(int ci, int co)
{
    if (co == 16)
        return convForward16Avx512;
    return nullptr;
}

ConvWeightGradFn avx512ConvWeightGrad(int ci, int co)
{
    if (co == 16)
        return convWeightGrad16Avx512;
    if (ci == 16 && co == 8)
        return convWeightGradFrom16Avx512<8>;
    return nullptr;
}

} // namespace train

} // namespace lodestone

#endif
