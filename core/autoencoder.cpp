// LibTorch implementation of the autoencoder. The only translation unit of the training code that includes
// torch/torch.h, so that a change elsewhere does not recompile it.
#include "autoencoder.h"
#include "autoencodernet.h"

#include "error.h"
#include "feedback.h"
#include "raster.h"
#include "svm.h"

#include <ATen/Parallel.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace lodestone {

namespace {

constexpr int kFormatVersion = 1;

/** Fisher-Yates with the portable generator, so the batch order is the same everywhere for a seed. */
std::vector<int64_t> shuffled(int64_t n, std::uint64_t &state)
{
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; ++i)
        order[i] = i;
    for (int64_t i = n - 1; i > 0; --i)
        std::swap(order[i], order[uniformIndex(state, std::uint64_t(i) + 1)]);
    return order;
}

torch::Tensor patchTensor(const NormalizedImage &image, const std::vector<std::size_t> &centres, int p)
{
    auto t = torch::empty({int64_t(centres.size()), 1, p, p}, torch::kFloat32);
    float *dst = t.data_ptr<float>();
    for (std::size_t k = 0; k < centres.size(); ++k) {
        const int col = int(centres[k] % image.width), row = int(centres[k] / image.width);
        extractPatch(image, col, row, p, dst + k * std::size_t(p) * p);
    }
    return t;
}

void validate(const AutoencoderParams &p)
{
    auto bad = [](const std::string &what) { throw Error(ErrorCode::BadParameter, what); };
    if (p.patchSize < 4 || p.patchSize > 512)
        bad("The patch size must be between 4 and 512 pixels, not " + std::to_string(p.patchSize) + ".");
    for (int f : p.filters)
        if (f < 1 || f > 256)
            bad("Each encoder layer needs between 1 and 256 filters, not " + std::to_string(f) + ".");
    if (p.trainPatches < 1)
        bad("At least one training patch is needed.");
    if (p.epochs < 1)
        bad("At least one training epoch is needed.");
    if (p.batchSize < 1)
        bad("The batch size must be at least 1.");
    if (!(p.learningRate > 0))
        bad("The learning rate must be positive.");
}

// ---------------------------------------------------------------------------------------------------------
// Training kernels.
//
// LibTorch 1.13's CPU training step for this small network runs at a few GFLOP/s: every layer's activations
// and gradients for a whole batch (40 MB for one 16 x 50 x 50 map of 256 patches) stream through memory
// several times (oneDNN layout reorders, ReLU masks, zero fills, pooling and upsampling indices). Here each
// patch goes forward and backward on its own, all of its maps in a per-thread workspace of about 1 MB that
// stays in the core's L2 cache, channels innermost (HWC), through hand-written kernels: 3 x 3 convolutions
// register-blocked with AVX2 + FMA intrinsics (AVX-512 where it measured faster), pooling and upsampling
// with their index bookkeeping, chosen at run time by the CPU (LODESTONE_TRAINING_ISA=portable|avx2 forces
// less, for tests and measurements); portable loops for other channel counts and CPUs. It is the same network,
// loss and Adam update as LibTorch's (trainingGradientMismatch() compares the gradient with autograd's);
// only the float rounding differs. The model's weights go back into the LibTorch module after every step.
//
// Parallelism and determinism: a batch is cut into chunks of kChunk patches, handed to the threads as they
// come free; each chunk's gradient is summed in patch order into its own buffer and the chunk gradients are
// added in chunk order, so the result does not depend on the number of threads or on their timing.

namespace train {

constexpr int kChunk = 4;

/** A feature map of one patch: channels innermost, rows of w cells, with a ring of pad zero cells around. */
struct Map {
    float *data = nullptr;
    int h = 0, w = 0, c = 0, pad = 0;
    std::size_t rowStride() const { return std::size_t(w + 2 * pad) * c; }
    float *at(int y, int x) const { return data + (std::size_t(y + pad) * (w + 2 * pad) + (x + pad)) * c; }
    std::size_t size() const { return std::size_t(h + 2 * pad) * (w + 2 * pad) * c; }
};

/** One 3 x 3 convolution: offsets of its weights [ky][kx][ci][co] and bias [co] in the parameter vector. */
struct Conv {
    int ci = 0, co = 0;
    std::size_t w = 0, b = 0;
};

/** Sizes of the network for a patch size and filters. */
struct Plan {
    int p = 0, p2 = 0, p3 = 0;
    std::array<int, 3> f{};
    std::array<Conv, 6> conv;  // e1 e2 e3 d1 d2 d3
    std::size_t parameters = 0;
    std::vector<int> up2;      // p2 entries: the source index (in p3) of the nearest upsampling p3 -> p2
    std::vector<int> up1;      // p entries: the source index (in p2) of p2 -> p
};

/** Source indices of LibTorch's nearest interpolation from in to out cells, read from LibTorch itself. */
std::vector<int> nearestSources(int in, int out)
{
    torch::NoGradGuard noGrad;
    auto src = torch::arange(in, torch::kFloat32).view({1, 1, 1, in});
    auto r = F::interpolate(src, F::InterpolateFuncOptions()
                                     .size(std::vector<int64_t>{1, out})
                                     .mode(torch::kNearest))
                 .contiguous();
    std::vector<int> map(out);
    for (int i = 0; i < out; ++i)
        map[i] = int(r.data_ptr<float>()[i]);
    return map;
}

Plan makePlan(int p, const std::array<int, 3> &f)
{
    Plan plan;
    plan.p = p;
    plan.p2 = p / 2;              // max pool 2 x 2, floor
    plan.p3 = (plan.p2 + 1) / 2;  // max pool 2 x 2, ceil
    plan.f = f;
    const std::array<std::pair<int, int>, 6> io = {{{1, f[0]}, {f[0], f[1]}, {f[1], f[2]}, {f[2], f[2]}, {f[2], f[0]}, {f[0], 1}}};
    std::size_t offset = 0;
    for (int l = 0; l < 6; ++l) {
        Conv &c = plan.conv[l];
        c.ci = io[l].first;
        c.co = io[l].second;
        c.w = offset;
        offset += std::size_t(9) * c.ci * c.co;
        c.b = offset;
        offset += c.co;
    }
    plan.parameters = offset;
    plan.up2 = nearestSources(plan.p3, plan.p2);
    plan.up1 = nearestSources(plan.p2, p);
    return plan;
}

/** Copies the module's weights (or their gradients) into the flat parameter vector
 *  ([co][ci][ky][kx] -> [ky][kx][ci][co]). */
void readParameters(Net &net, const Plan &plan, std::vector<float> &params, bool gradients = false)
{
    torch::NoGradGuard noGrad;
    params.assign(plan.parameters, 0.0f);
    const std::array<torch::nn::Conv2d *, 6> mods = {&net->e1, &net->e2, &net->e3, &net->d1, &net->d2, &net->d3};
    for (int l = 0; l < 6; ++l) {
        const Conv &c = plan.conv[l];
        torch::Tensor w = (*mods[l])->weight, b = (*mods[l])->bias;
        if (gradients) {
            w = w.grad();
            b = b.grad();
        }
        w = w.detach().contiguous();
        b = b.detach().contiguous();
        const float *pw = w.data_ptr<float>(), *pb = b.data_ptr<float>();
        for (int o = 0; o < c.co; ++o)
            for (int i = 0; i < c.ci; ++i)
                for (int t = 0; t < 9; ++t)
                    params[c.w + (std::size_t(t) * c.ci + i) * c.co + o] = pw[(std::size_t(o) * c.ci + i) * 9 + t];
        for (int o = 0; o < c.co; ++o)
            params[c.b + o] = pb[o];
    }
}

/** Writes the flat parameter vector back into the module. */
void writeParameters(Net &net, const Plan &plan, const std::vector<float> &params)
{
    torch::NoGradGuard noGrad;
    const std::array<torch::nn::Conv2d *, 6> mods = {&net->e1, &net->e2, &net->e3, &net->d1, &net->d2, &net->d3};
    for (int l = 0; l < 6; ++l) {
        const Conv &c = plan.conv[l];
        torch::Tensor w = torch::empty({c.co, c.ci, 3, 3}, torch::kFloat32), b = torch::empty({c.co}, torch::kFloat32);
        float *pw = w.data_ptr<float>(), *pb = b.data_ptr<float>();
        for (int o = 0; o < c.co; ++o)
            for (int i = 0; i < c.ci; ++i)
                for (int t = 0; t < 9; ++t)
                    pw[(std::size_t(o) * c.ci + i) * 9 + t] = params[c.w + (std::size_t(t) * c.ci + i) * c.co + o];
        for (int o = 0; o < c.co; ++o)
            pb[o] = params[c.b + o];
        (*mods[l])->weight.copy_(w);
        (*mods[l])->bias.copy_(b);
    }
}

/** Weights of the input gradient of a convolution, as a convolution of the output gradient:
 *  flipped taps and swapped channels, [ky][kx][co][ci] = w[2 - ky][2 - kx][ci][co]. */
void flippedWeights(const Conv &c, const float *w, float *out)
{
    for (int t = 0; t < 9; ++t)
        for (int i = 0; i < c.ci; ++i)
            for (int o = 0; o < c.co; ++o)
                out[(std::size_t(8 - t) * c.co + o) * c.ci + i] = w[(std::size_t(t) * c.ci + i) * c.co + o];
}

// Layer kernels. Each has a portable version (plain loops over runtime sizes) and, for the channel counts of
// the default network, an AVX2 + FMA version written with intrinsics and register blocking, chosen at run
// time when the CPU has those instructions. They are whole-layer functions, called through pointers chosen
// once per training run (the call costs nothing next to a layer's work).

/** out = conv3x3(in) (+ bias) (ReLU), zero padding 1: in has pad 1, out has in's height and width.
 *  w: [ky][kx][ci][co]. bias may be null. */
using ConvForwardFn = void (*)(const Map &in, const float *w, const float *bias, bool relu, const Map &out);
/** gw[ky][kx][ci][co] += sum over cells p of in[p + (ky - 1, kx - 1)][ci] g[p][co]; gb[co] += sum of g[p][co].
 *  in has pad 1; g (the gradient at the convolution's output, before its activation) has in's size. */
using ConvWeightGradFn = void (*)(const Map &in, const Map &g, float *gw, float *gb);

// The portable kernels: the channel loops innermost and on restrict pointers so that they vectorise whatever
// the channel counts; compiled for AVX2 as well as the baseline (the function-level clones of GCC).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LODESTONE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LODESTONE_CLONES
#endif
#define LODESTONE_ALWAYS_INLINE inline __attribute__((always_inline))

/** d[o] += v * w[o]. */
LODESTONE_ALWAYS_INLINE void axpy(float *__restrict d, float v, const float *__restrict w, int n)
{
    for (int o = 0; o < n; ++o)
        d[o] += v * w[o];
}

LODESTONE_CLONES void convForwardPortable(const Map &in, const float *w, const float *bias, bool relu, const Map &out)
{
    const int CI = in.c, CO = out.c;
    const std::size_t rs = in.rowStride();
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x) {
            float *d = out.at(y, x);
            for (int o = 0; o < CO; ++o)
                d[o] = bias ? bias[o] : 0.0f;
            const float *src = in.at(y - 1, x - 1);
            for (int t = 0; t < 9; ++t) {
                const float *s = src + (t / 3) * rs + (t % 3) * CI;
                const float *wt = w + std::size_t(t) * CI * CO;
                for (int c = 0; c < CI; ++c)
                    axpy(d, s[c], wt + c * CO, CO);
            }
            if (relu)
                for (int o = 0; o < CO; ++o)
                    d[o] = std::max(d[o], 0.0f);
        }
}

LODESTONE_CLONES void convWeightGradPortable(const Map &in, const Map &g, float *gw, float *gb)
{
    const int CI = in.c, CO = g.c;
    const std::size_t rs = in.rowStride();
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x) {
            const float *gp = g.at(y, x);
            const float *src = in.at(y - 1, x - 1);
            for (int t = 0; t < 9; ++t) {
                const float *s = src + (t / 3) * rs + (t % 3) * CI;
                float *gwt = gw + std::size_t(t) * CI * CO;
                for (int c = 0; c < CI; ++c)
                    axpy(gwt + c * CO, s[c], gp, CO);
            }
            axpy(gb, 1.0f, gp, CO);
        }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define LODESTONE_TRAIN_AVX2 1
#define LODESTONE_AVX2 __attribute__((target("avx2,fma")))
#define LODESTONE_AVX2_INLINE __attribute__((target("avx2,fma"), always_inline)) inline

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
                    const int b = j - kx;  // the output cell that reads input cell j through tap kx
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
    constexpr int NB = V == 2 ? 4 : 8;  // 8 accumulators
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

/** Weight gradient of a single input channel for the output channels o0 .. o0 + 8 V - 1: 4 cells at a time
 *  into separate accumulators (one accumulator chain per cell would wait on the FMA latency). */
template <int V>
LODESTONE_AVX2_INLINE void weightGradOneInputAvx2(const Map &in, const Map &g, int t, int o0, float *gw)
{
    const int CO = g.c;
    const std::size_t rs = in.rowStride();
    __m256 acc[4][V];
    float *gwt = gw + std::size_t(t) * CO + o0;
    for (int k = 0; k < 4; ++k)
        for (int v = 0; v < V; ++v)
            acc[k][v] = _mm256_setzero_ps();
    for (int y = 0; y < g.h; ++y) {
        const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3);
        const float *gp = g.at(y, 0) + o0;
        int x = 0;
        for (; x + 4 <= g.w; x += 4)
#pragma GCC unroll 4
            for (int k = 0; k < 4; ++k) {
                const __m256 xv = _mm256_broadcast_ss(s + x + k);
#pragma GCC unroll 2
                for (int v = 0; v < V; ++v)
                    acc[k][v] = _mm256_fmadd_ps(xv, _mm256_loadu_ps(gp + (x + k) * CO + 8 * v), acc[k][v]);
            }
        for (; x < g.w; ++x) {
            const __m256 xv = _mm256_broadcast_ss(s + x);
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
template <int V>
LODESTONE_AVX2_INLINE void biasGradAvx2(const Map &g, int o0, float *gb)
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
    constexpr int CB = V == 2 ? 4 : 8;  // 8 accumulators
    const int CI = in.c;
    for (int t = 0; t < 9; ++t) {
        if (CI == 1) {
            weightGradOneInputAvx2<V>(in, g, t, o0, gw);
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
template <int V>
LODESTONE_AVX2 void convWeightGradToOneAvx2(const Map &in, const Map &g, float *gw, float *gb)
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

bool cpuHasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}

// AVX-512 versions where a cell's channels fill a 16-float register: 16 output channels (forward and weight
// gradient) and the weight gradient from 16 input channels to 8. Only where they measured faster than the
// AVX2 kernels (about 11% over a training step; docs/PERFORMANCE.md).
#define LODESTONE_AVX512 __attribute__((target("avx512f")))
#define LODESTONE_AVX512_INLINE __attribute__((target("avx512f"), always_inline)) inline

bool cpuHasAvx512()
{
    static const bool has = __builtin_cpu_supports("avx512f");
    return has;
}

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
    for (int b = 0; b < NB; ++b)  // ReLU as a zeroing mask (GCC 12's _mm512_max_ps warns in its own header)
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

/** Weight gradient of a single input channel for 16 output channels, 4 cells at a time. */
LODESTONE_AVX512_INLINE void weightGradOneInput16Avx512(const Map &in, const Map &g, int t, float *gw)
{
    const std::size_t rs = in.rowStride();
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    float *gwt = gw + std::size_t(t) * 16;
    for (int y = 0; y < g.h; ++y) {
        const float *s = in.at(y - 1, -1) + (t / 3) * rs + (t % 3);
        const float *gp = g.at(y, 0);
        int x = 0;
        for (; x + 4 <= g.w; x += 4)
#pragma GCC unroll 4
            for (int k = 0; k < 4; ++k)
                acc[k] = _mm512_fmadd_ps(_mm512_set1_ps(s[x + k]), _mm512_loadu_ps(gp + (x + k) * 16), acc[k]);
        for (; x < g.w; ++x)
            acc[0] = _mm512_fmadd_ps(_mm512_set1_ps(s[x]), _mm512_loadu_ps(gp + x * 16), acc[0]);
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
        if (CI == 1) {
            weightGradOneInput16Avx512(in, g, t, gw);
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
template <int CO>
LODESTONE_AVX512 void convWeightGradFrom16Avx512(const Map &in, const Map &g, float *gw, float *gb)
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

/** maxPool (below) for a multiple of 8 channels. */
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

/** The cell k of each window of maxPoolBackward (below) for a multiple of 8 channels. */
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

/** maxPoolBackward (below) for a multiple of 8 channels, without a row or column left out by the pooling. */
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
#endif

/** Instruction sets of the training kernels: the best the CPU has, or less when the environment variable
 *  LODESTONE_TRAINING_ISA says portable or avx2 (for tests and for measuring what each brings). */
enum class Isa { Portable, Avx2, Avx512 };

Isa trainingIsa()
{
    Isa isa = Isa::Portable;
#ifdef LODESTONE_TRAIN_AVX2
    if (cpuHasAvx2())
        isa = cpuHasAvx512() ? Isa::Avx512 : Isa::Avx2;
#endif
    if (const char *env = std::getenv("LODESTONE_TRAINING_ISA")) {
        const std::string want = env;
        if (want == "portable")
            isa = Isa::Portable;
        else if (want == "avx2" && isa == Isa::Avx512)
            isa = Isa::Avx2;
    }
    return isa;
}

ConvForwardFn pickConvForward(Isa isa, int ci, int co)
{
#ifdef LODESTONE_TRAIN_AVX2
    if (isa == Isa::Avx512 && co == 16)
        return convForward16Avx512;
    if (isa != Isa::Portable) {
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
    }
#endif
    (void)isa;
    (void)ci;
    (void)co;
    return convForwardPortable;
}

ConvWeightGradFn pickConvWeightGrad(Isa isa, int ci, int co)
{
#ifdef LODESTONE_TRAIN_AVX2
    if (isa == Isa::Avx512) {
        if (co == 16)
            return convWeightGrad16Avx512;
        if (ci == 16 && co == 8)
            return convWeightGradFrom16Avx512<8>;
    }
    if (isa != Isa::Portable) {
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
    }
#endif
    (void)isa;
    (void)ci;
    (void)co;
    return convWeightGradPortable;
}

/** The kernels of every layer: forward, input gradient (a forward convolution of the output gradient with
 *  flipped weights: from co to ci channels) and weight gradient; and whether pooling may use AVX2. */
struct Kernels {
    Isa isa = Isa::Portable;
    std::array<ConvForwardFn, 6> forward{}, inputGrad{};
    std::array<ConvWeightGradFn, 6> weightGrad{};
    explicit Kernels(const Plan &plan) : isa(trainingIsa())
    {
        for (int l = 0; l < 6; ++l) {
            const Conv &c = plan.conv[l];
            forward[l] = pickConvForward(isa, c.ci, c.co);
            inputGrad[l] = pickConvForward(isa, c.co, c.ci);
            weightGrad[l] = pickConvWeightGrad(isa, c.ci, c.co);
        }
    }
};

// The element-wise layers (pooling, upsampling, ReLU masks) are plain loops over the channels of a cell,
// written branch-free on restrict pointers so that they vectorise, and compiled for AVX2 as well.

/** o = the maximum of the four cells, arg = the first cell (0..3) holding it. Missing cells of a partial window
 *  are given as s0 again (never larger, so never chosen). */
LODESTONE_ALWAYS_INLINE void maxOfFour(float *__restrict o, int32_t *__restrict arg, const float *__restrict s0,
                                       const float *__restrict s1, const float *__restrict s2,
                                       const float *__restrict s3, int n)
{
    for (int c = 0; c < n; ++c) {
        float m = s0[c];
        int32_t k = 0;
        k = s1[c] > m ? 1 : k;
        m = s1[c] > m ? s1[c] : m;
        k = s2[c] > m ? 2 : k;
        m = s2[c] > m ? s2[c] : m;
        k = s3[c] > m ? 3 : k;
        m = s3[c] > m ? s3[c] : m;
        o[c] = m;
        arg[c] = k;
    }
}

/** out = 2 x 2 max pooling of in (out.h = in.h / 2 floor, or (in.h + 1) / 2 with ceil mode's partial windows);
 *  arg receives the window cell (0..3, row-major) of each maximum: the first one, as LibTorch's (ties only
 *  matter where ReLU masks them, or on flat ground such as filled nodata). */
LODESTONE_CLONES void maxPool(const Map &in, const Map &out, int32_t *arg, Isa isa)
{
    const int C = in.c;
#ifdef LODESTONE_TRAIN_AVX2
    if (C % 8 == 0 && isa != Isa::Portable)
        return maxPoolAvx2(in, out, arg);
#endif
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x) {
            const bool down = 2 * y + 1 < in.h, right = 2 * x + 1 < in.w;
            const float *s0 = in.at(2 * y, 2 * x);
            const float *s2 = down ? in.at(2 * y + 1, 2 * x) : s0;
            maxOfFour(out.at(y, x), arg + (std::size_t(y) * out.w + x) * C, s0, right ? s0 + C : s0, s2,
                      down && right ? s2 + C : s0, C);
        }
}

/** d = s where arg == k and act > 0, else 0. */
LODESTONE_ALWAYS_INLINE void routeStep(float *__restrict d, const float *__restrict s, const int32_t *__restrict arg,
                                       int32_t k, const float *__restrict act, int n)
{
    for (int c = 0; c < n; ++c)
        d[c] = (arg[c] == k) & (act[c] > 0.0f) ? s[c] : 0.0f;
}

/** g (at the pooled layer's input, before its ReLU) = the pooled gradient routed to each window's maximum,
 *  times the ReLU's mask (act > 0); zero elsewhere. act and g have the size of the pooling input. */
LODESTONE_CLONES void maxPoolBackward(const Map &gPooled, const int32_t *arg, const Map &act, const Map &g, Isa isa)
{
    const int C = g.c;
    if (2 * gPooled.h < g.h || 2 * gPooled.w < g.w)  // floor mode left a row or column out
        for (int y = 0; y < g.h; ++y)
            std::fill(g.at(y, 0), g.at(y, 0) + std::size_t(g.w) * C, 0.0f);
#ifdef LODESTONE_TRAIN_AVX2
    if (C % 8 == 0 && isa != Isa::Portable)
        return maxPoolBackwardAvx2(gPooled, arg, act, g);
#endif
    for (int y = 0; y < gPooled.h; ++y)
        for (int x = 0; x < gPooled.w; ++x) {
            const float *gp = gPooled.at(y, x);
            const int32_t *a = arg + (std::size_t(y) * gPooled.w + x) * C;
            const bool down = 2 * y + 1 < g.h, right = 2 * x + 1 < g.w;
            routeStep(g.at(2 * y, 2 * x), gp, a, 0, act.at(2 * y, 2 * x), C);
            if (right)
                routeStep(g.at(2 * y, 2 * x + 1), gp, a, 1, act.at(2 * y, 2 * x + 1), C);
            if (down)
                routeStep(g.at(2 * y + 1, 2 * x), gp, a, 2, act.at(2 * y + 1, 2 * x), C);
            if (down && right)
                routeStep(g.at(2 * y + 1, 2 * x + 1), gp, a, 3, act.at(2 * y + 1, 2 * x + 1), C);
        }
}

LODESTONE_ALWAYS_INLINE void copyCell(float *__restrict d, const float *__restrict s, int n)
{
    for (int c = 0; c < n; ++c)
        d[c] = s[c];
}

LODESTONE_ALWAYS_INLINE void addCell(float *__restrict d, const float *__restrict s, int n)
{
    for (int c = 0; c < n; ++c)
        d[c] += s[c];
}

LODESTONE_ALWAYS_INLINE void maskCell(float *__restrict d, const float *__restrict s, const float *__restrict act, int n)
{
    for (int c = 0; c < n; ++c)
        d[c] = act[c] > 0.0f ? s[c] : 0.0f;
}

LODESTONE_ALWAYS_INLINE void maskInPlace(float *__restrict d, const float *__restrict act, int n)
{
    for (int c = 0; c < n; ++c)
        d[c] = act[c] > 0.0f ? d[c] : 0.0f;
}

/** out[y][x] = in[map[y]][map[x]] (nearest upsampling). */
LODESTONE_CLONES void upsample(const Map &in, const std::vector<int> &map, const Map &out)
{
    const int C = in.c;
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x)
            copyCell(out.at(y, x), in.at(map[y], map[x]), C);
}

/** g[i][j] = (act[i][j] > 0) * sum of gUp over the cells that upsampling copied from (i, j). */
LODESTONE_CLONES void upsampleBackward(const Map &gUp, const std::vector<int> &map, const Map &act, const Map &g)
{
    const int C = g.c;
    for (int y = 0; y < g.h; ++y)
        std::fill(g.at(y, 0), g.at(y, 0) + std::size_t(g.w) * C, 0.0f);
    for (int y = 0; y < gUp.h; ++y)
        for (int x = 0; x < gUp.w; ++x)
            addCell(g.at(map[y], map[x]), gUp.at(y, x), C);
    for (int y = 0; y < g.h; ++y)
        maskInPlace(g.at(y, 0), act.at(y, 0), g.w * C);
}

/** g = gIn * (act > 0), cell by cell (maps of one size). */
LODESTONE_CLONES void reluBackward(const Map &gIn, const Map &act, const Map &g)
{
    for (int y = 0; y < g.h; ++y)
        maskCell(g.at(y, 0), gIn.at(y, 0), act.at(y, 0), g.w * g.c);
}

/** Maps and buffers of one thread. */
struct Workspace {
    std::vector<float> buffer;
    std::vector<int32_t> arg1, arg2;
    std::vector<float> patch;
    Map x, a1, m1, a2, m2, a3, y1, u1, y2, u2, z;           // forward
    Map g3, gu2, gz2, gu1, gd1, ga3, ge3, gm2, ge2, gm1, ge1; // backward

    explicit Workspace(const Plan &plan)
    {
        const int p = plan.p, p2 = plan.p2, p3 = plan.p3, f0 = plan.f[0], f1 = plan.f[1], f2 = plan.f[2];
        std::vector<Map *> maps;
        auto def = [&](Map &m, int h, int c, int pad) {
            m.h = m.w = h;
            m.c = c;
            m.pad = pad;
            maps.push_back(&m);
        };
        def(x, p, 1, 1);
        def(a1, p, f0, 0);
        def(m1, p2, f0, 1);
        def(a2, p2, f1, 0);
        def(m2, p3, f1, 1);
        def(a3, p3, f2, 1);
        def(y1, p3, f2, 0);
        def(u1, p2, f2, 1);
        def(y2, p2, f0, 0);
        def(u2, p, f0, 1);
        def(z, p, 1, 0);
        def(g3, p, 1, 1);
        def(gu2, p, f0, 0);
        def(gz2, p2, f0, 1);
        def(gu1, p2, f2, 0);
        def(gd1, p3, f2, 1);
        def(ga3, p3, f2, 0);
        def(ge3, p3, f2, 1);
        def(gm2, p3, f1, 0);
        def(ge2, p2, f1, 1);
        def(gm1, p2, f0, 0);
        def(ge1, p, f0, 0);
        std::size_t total = 0;
        for (Map *m : maps)
            total += (m->size() + 15) / 16 * 16;  // 64-byte steps
        buffer.assign(total + 16, 0.0f);           // zero: the rings stay zero for good
        float *base = buffer.data();
        while (reinterpret_cast<std::uintptr_t>(base) % 64)
            ++base;
        for (Map *m : maps) {
            m->data = base;
            base += (m->size() + 15) / 16 * 16;
        }
        arg1.resize(std::size_t(p2) * p2 * f0);
        arg2.resize(std::size_t(p3) * p3 * f1);
        patch.resize(std::size_t(p) * p);
    }
};

/** Weights of a step: the parameters and the flipped copies for the input gradients. */
struct StepWeights {
    const float *params = nullptr;
    std::array<std::vector<float>, 6> flipped;
};

/** Forward and backward pass of one patch (patch: P x P floats). Adds the parameter gradient of
 *  scale * sum of squared errors into grad and returns the sum of squared errors. */
double patchStep(const Plan &plan, const Kernels &k, const StepWeights &sw, Workspace &ws, const float *patch,
                 float scale, float *grad)
{
    const float *P = sw.params;
    const auto &cv = plan.conv;
    const int p = plan.p;
    for (int y = 0; y < p; ++y)
        std::copy(patch + std::size_t(y) * p, patch + std::size_t(y + 1) * p, ws.x.at(y, 0));
    // Forward.
    k.forward[0](ws.x, P + cv[0].w, P + cv[0].b, true, ws.a1);
    maxPool(ws.a1, ws.m1, ws.arg1.data(), k.isa);
    k.forward[1](ws.m1, P + cv[1].w, P + cv[1].b, true, ws.a2);
    maxPool(ws.a2, ws.m2, ws.arg2.data(), k.isa);
    k.forward[2](ws.m2, P + cv[2].w, P + cv[2].b, true, ws.a3);
    k.forward[3](ws.a3, P + cv[3].w, P + cv[3].b, true, ws.y1);
    upsample(ws.y1, plan.up2, ws.u1);
    k.forward[4](ws.u1, P + cv[4].w, P + cv[4].b, true, ws.y2);
    upsample(ws.y2, plan.up1, ws.u2);
    k.forward[5](ws.u2, P + cv[5].w, P + cv[5].b, false, ws.z);
    // Loss: sigmoid output, squared error; its gradient at d3's output (before the sigmoid).
    double sse = 0.0;
    for (int y = 0; y < p; ++y) {
        const float *zr = ws.z.at(y, 0), *xr = patch + std::size_t(y) * p;
        float *gr = ws.g3.at(y, 0);
        for (int x = 0; x < p; ++x) {
            const float out = 1.0f / (1.0f + std::exp(-zr[x]));
            const float d = out - xr[x];
            sse += double(d) * d;
            gr[x] = scale * 2.0f * d * out * (1.0f - out);
        }
    }
    // Backward.
    k.weightGrad[5](ws.u2, ws.g3, grad + cv[5].w, grad + cv[5].b);
    k.inputGrad[5](ws.g3, sw.flipped[5].data(), nullptr, false, ws.gu2);
    upsampleBackward(ws.gu2, plan.up1, ws.y2, ws.gz2);
    k.weightGrad[4](ws.u1, ws.gz2, grad + cv[4].w, grad + cv[4].b);
    k.inputGrad[4](ws.gz2, sw.flipped[4].data(), nullptr, false, ws.gu1);
    upsampleBackward(ws.gu1, plan.up2, ws.y1, ws.gd1);
    k.weightGrad[3](ws.a3, ws.gd1, grad + cv[3].w, grad + cv[3].b);
    k.inputGrad[3](ws.gd1, sw.flipped[3].data(), nullptr, false, ws.ga3);
    reluBackward(ws.ga3, ws.a3, ws.ge3);
    k.weightGrad[2](ws.m2, ws.ge3, grad + cv[2].w, grad + cv[2].b);
    k.inputGrad[2](ws.ge3, sw.flipped[2].data(), nullptr, false, ws.gm2);
    maxPoolBackward(ws.gm2, ws.arg2.data(), ws.a2, ws.ge2, k.isa);
    k.weightGrad[1](ws.m1, ws.ge2, grad + cv[1].w, grad + cv[1].b);
    k.inputGrad[1](ws.ge2, sw.flipped[1].data(), nullptr, false, ws.gm1);
    maxPoolBackward(ws.gm1, ws.arg1.data(), ws.a1, ws.ge1, k.isa);
    k.weightGrad[0](ws.x, ws.ge1, grad + cv[0].w, grad + cv[0].b);
    return sse;
}

/** Forward and backward passes of a chunk of patches; returns their sum of squared errors. */
double chunkStep(const Plan &plan, const Kernels &k, const StepWeights &sw, Workspace &ws,
                 const NormalizedImage &image, const std::size_t *centres, int count, float scale, float *grad)
{
    double sse = 0.0;
    for (int i = 0; i < count; ++i) {
        const int col = int(centres[i] % image.width), row = int(centres[i] / image.width);
        extractPatch(image, col, row, plan.p, ws.patch.data());
        sse += patchStep(plan, k, sw, ws, ws.patch.data(), scale, grad);
    }
    return sse;
}

/** Hand-written Adam, as torch::optim::Adam (betas 0.9, 0.999, eps 1e-8, no weight decay). */
struct Adam {
    double lr;
    std::vector<float> m, v;
    long step = 0;
    Adam(double learningRate, std::size_t n) : lr(learningRate), m(n, 0.0f), v(n, 0.0f) {}
    void update(std::vector<float> &params, const std::vector<float> &grad)
    {
        constexpr double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        ++step;
        const double bc1 = 1.0 - std::pow(b1, double(step)), bc2 = 1.0 - std::pow(b2, double(step));
        const float stepSize = float(lr / bc1), rootBc2 = float(std::sqrt(bc2));
        for (std::size_t i = 0; i < params.size(); ++i) {
            const float g = grad[i];
            m[i] = m[i] * float(b1) + g * float(1.0 - b1);
            v[i] = v[i] * float(b2) + g * g * float(1.0 - b2);
            const float denom = std::sqrt(v[i]) / rootBc2 + float(eps);
            params[i] -= stepSize * m[i] / denom;
        }
    }
};

/** Workspaces shared by the threads of a training run: a chunk borrows one and gives it back. */
class WorkspacePool {
public:
    explicit WorkspacePool(const Plan &plan) : m_plan(plan) {}
    std::unique_ptr<Workspace> take()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_free.empty()) {
                std::unique_ptr<Workspace> w = std::move(m_free.back());
                m_free.pop_back();
                return w;
            }
        }
        return std::make_unique<Workspace>(m_plan);
    }
    void give(std::unique_ptr<Workspace> w)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_free.push_back(std::move(w));
    }

private:
    const Plan &m_plan;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Workspace>> m_free;
};

/** One batch: the gradient of the mean squared error over its patches into grad; returns the loss. Chunks
 *  are handed out to threads threads as they come free (parallelFor of svm.h), each chunk's gradient goes
 *  into its own buffer and the buffers are added in chunk order. Cancel is checked per chunk. */
double batchGradient(const Plan &plan, const Kernels &k, const StepWeights &sw, WorkspacePool &pool, int threads,
                     const NormalizedImage &image, const std::size_t *centres, int count,
                     std::vector<std::vector<float>> &chunkGrads, std::vector<float> &grad, Feedback *feedback)
{
    const int chunks = (count + kChunk - 1) / kChunk;
    if (int(chunkGrads.size()) < chunks)
        chunkGrads.resize(chunks);
    std::vector<double> sse(chunks, 0.0);
    const float scale = float(1.0 / (double(count) * plan.p * plan.p));
    parallelFor(chunks, threads, feedback, [&](int c) {
        std::unique_ptr<Workspace> ws = pool.take();
        std::vector<float> &g = chunkGrads[c];
        g.assign(plan.parameters, 0.0f);
        const int first = c * kChunk, n = std::min(kChunk, count - first);
        sse[c] = chunkStep(plan, k, sw, *ws, image, centres + first, n, scale, g.data());
        pool.give(std::move(ws));
    });
    grad.assign(plan.parameters, 0.0f);
    double total = 0.0;
    for (int c = 0; c < chunks; ++c) {
        for (std::size_t i = 0; i < plan.parameters; ++i)
            grad[i] += chunkGrads[c][i];
        total += sse[c];
    }
    return total / (double(count) * plan.p * plan.p);
}

StepWeights stepWeights(const Plan &plan, const std::vector<float> &params)
{
    StepWeights sw;
    sw.params = params.data();
    for (int l = 0; l < 6; ++l) {
        const Conv &c = plan.conv[l];
        sw.flipped[l].resize(std::size_t(9) * c.ci * c.co);
        flippedWeights(c, params.data() + c.w, sw.flipped[l].data());
    }
    return sw;
}

} // namespace train

} // namespace

struct Autoencoder::Impl {
    AutoencoderParams params;
    Net net{nullptr};
    std::uint64_t seed = 0;
    double offset = 0.0, scale = 1.0;
};

Net &AutoencoderAccess::net(const Autoencoder &model)
{
    return model.m_impl->net;
}

Autoencoder::Autoencoder(const AutoencoderParams &params, std::uint64_t seed) : m_impl(std::make_unique<Impl>())
{
    validate(params);
    m_impl->params = params;
    m_impl->seed = seed;
    torch::manual_seed(seed);  // weight initialisation
    m_impl->net = Net(params.filters);
}

Autoencoder::~Autoencoder() = default;
Autoencoder::Autoencoder(Autoencoder &&) noexcept = default;
Autoencoder &Autoencoder::operator=(Autoencoder &&) noexcept = default;

const AutoencoderParams &Autoencoder::params() const
{
    return m_impl->params;
}

int Autoencoder::featureCount() const
{
    const auto &f = m_impl->params.filters;
    return f[0] + f[1] + f[2];
}

std::vector<std::string> Autoencoder::featureNames() const
{
    std::vector<std::string> names;
    const auto &f = m_impl->params.filters;
    for (int layer = 0; layer < 3; ++layer)
        for (int k = 0; k < f[layer]; ++k) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "layer%d_filter%02d", layer + 1, k + 1);
            names.emplace_back(buf);
        }
    return names;
}

TrainingHistory Autoencoder::train(const NormalizedImage &image, const std::vector<std::size_t> &centres,
                                   Feedback *feedback)
{
    const AutoencoderParams &p = m_impl->params;
    if (p.patchSize > image.width || p.patchSize > image.height)
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p.patchSize) +
                                                 ") is larger than the survey (" + std::to_string(image.width) + " x " +
                                                 std::to_string(image.height) + ").");
    if (centres.empty())
        throw Error(ErrorCode::BadParameter, "At least one training patch is needed.");
    // The hand-written kernels above: same network, loss, batches and Adam as LibTorch's, several times faster.
    Net &net = m_impl->net;
    const train::Plan plan = train::makePlan(p.patchSize, p.filters);
    const train::Kernels kernels(plan);
    std::vector<float> params, grad;
    train::readParameters(net, plan, params);
    train::Adam adam(p.learningRate, plan.parameters);
    train::WorkspacePool pool(plan);
    const int threads = std::max(1, at::get_num_threads());  // as set by configureTorchThreads()
    std::vector<std::vector<float>> chunkGrads;
    std::vector<std::size_t> batch;
    const int64_t n = int64_t(centres.size());
    const int64_t batches = (n + p.batchSize - 1) / p.batchSize;
    std::uint64_t state = m_impl->seed ^ 0x5A17ull;
    TrainingHistory history;
    for (int epoch = 0; epoch < p.epochs; ++epoch) {
        const std::vector<int64_t> order = shuffled(n, state);
        double total = 0.0;
        for (int64_t b = 0; b < batches; ++b) {
            checkCanceled(feedback);
            const int64_t begin = b * p.batchSize, end = std::min(n, begin + p.batchSize);
            batch.clear();
            for (int64_t i = begin; i < end; ++i)
                batch.push_back(centres[std::size_t(order[i])]);
            const train::StepWeights sw = train::stepWeights(plan, params);
            const double loss = train::batchGradient(plan, kernels, sw, pool, threads, image, batch.data(), int(batch.size()),
                                                     chunkGrads, grad, feedback);
            adam.update(params, grad);
            train::writeParameters(net, plan, params);  // the module is current whenever feedback is called
            total += loss * double(end - begin);
            reportProgress(feedback, double(epoch * batches + b + 1) / double(p.epochs * batches));
        }
        history.epochLoss.push_back(total / double(n));
        if (feedback)
            feedback->epochLoss(epoch + 1, history.epochLoss.back());
    }
    net->eval();
    return history;
}

/** Testing hook (declared by tests/core/test_autoencoder.cpp; not part of the API): the largest difference
 *  between the hand-written training kernels and LibTorch autograd, in the loss and in the parameter gradient
 *  of the mean squared error over the patches around centres, each relative to LibTorch's largest value. */
double trainingGradientMismatch(const Autoencoder &model, const NormalizedImage &image,
                                const std::vector<std::size_t> &centres)
{
    Net &net = AutoencoderAccess::net(model);
    const AutoencoderParams &p = model.params();
    const train::Plan plan = train::makePlan(p.patchSize, p.filters);
    std::vector<float> params, grad, reference;
    train::readParameters(net, plan, params);
    train::WorkspacePool pool(plan);
    std::vector<std::vector<float>> chunkGrads;
    const double loss = train::batchGradient(plan, train::Kernels(plan), train::stepWeights(plan, params), pool,
                                             std::max(1, at::get_num_threads()), image, centres.data(),
                                             int(centres.size()), chunkGrads, grad, nullptr);
    net->zero_grad();
    torch::Tensor x = patchTensor(image, centres, p.patchSize);
    torch::Tensor torchLoss = torch::mse_loss(net->forward(x), x);
    torchLoss.backward();
    train::readParameters(net, plan, reference, true);
    net->zero_grad();
    double largest = 0.0, worst = 0.0;
    for (float g : reference)
        largest = std::max(largest, double(std::abs(g)));
    for (std::size_t i = 0; i < grad.size(); ++i)
        worst = std::max(worst, std::abs(double(grad[i]) - double(reference[i])) / std::max(largest, 1e-30));
    const double l = torchLoss.item<double>();
    return std::max(worst, std::abs(loss - l) / std::max(l, 1e-30));
}

double Autoencoder::reconstructionLoss(const NormalizedImage &image, const std::vector<std::size_t> &centres) const
{
    torch::NoGradGuard noGrad;
    const int p = m_impl->params.patchSize;
    double total = 0.0;
    const std::size_t chunk = 1024;
    for (std::size_t i = 0; i < centres.size(); i += chunk) {
        std::vector<std::size_t> part(centres.begin() + i, centres.begin() + std::min(centres.size(), i + chunk));
        torch::Tensor x = patchTensor(image, part, p);
        total += torch::mse_loss(m_impl->net->forward(x), x).item<double>() * double(part.size());
    }
    return centres.empty() ? 0.0 : total / double(centres.size());
}

void Autoencoder::encodeResized(const float *patches, int n, float *out) const
{
    torch::NoGradGuard noGrad;
    const int64_t p = m_impl->params.patchSize;
    auto x = torch::from_blob(const_cast<float *>(patches), {n, 1, p, p}, torch::kFloat32);
    auto acts = m_impl->net->encode(x);
    std::vector<torch::Tensor> maps;
    for (auto &a : acts)
        maps.push_back(a.size(-1) == p ? a
                                       : F::interpolate(a, F::InterpolateFuncOptions()
                                                               .size(std::vector<int64_t>{p, p})
                                                               .mode(torch::kBilinear)
                                                               .align_corners(false)));
    torch::Tensor all = torch::cat(maps, 1).contiguous();
    std::memcpy(out, all.data_ptr<float>(), sizeof(float) * std::size_t(all.numel()));
}

void Autoencoder::setNormalization(double offset, double scale)
{
    m_impl->offset = offset;
    m_impl->scale = scale;
}

double Autoencoder::normalizationOffset() const
{
    return m_impl->offset;
}

double Autoencoder::normalizationScale() const
{
    return m_impl->scale;
}

void Autoencoder::save(const std::string &path, const std::vector<std::pair<std::string, std::string>> &extras) const
{
    const AutoencoderParams &p = m_impl->params;
    torch::serialize::OutputArchive archive;
    m_impl->net->save(archive);
    auto meta = torch::tensor({double(kFormatVersion), m_impl->offset, m_impl->scale, double(p.patchSize),
                               double(p.filters[0]), double(p.filters[1]), double(p.filters[2]),
                               double(m_impl->seed)},
                              torch::kFloat64);
    archive.write("lodestone_meta", meta);
    for (const auto &[name, blob] : extras) {
        auto t = torch::empty({int64_t(blob.size())}, torch::kUInt8);
        std::memcpy(t.data_ptr<uint8_t>(), blob.data(), blob.size());
        archive.write("extra_" + name, t);
    }
    const std::string tmp = temporaryPathFor(path);
    try {
        archive.save_to(tmp);
    } catch (const std::exception &e) {
        removeFileIfExists(tmp);
        throw Error(ErrorCode::WriteFailed, "Cannot write " + path + ": " + e.what());
    }
    commitTemporary(tmp, path);
}

Autoencoder Autoencoder::load(const std::string &path, std::vector<std::pair<std::string, std::string>> *extras)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::FileNotFound, "Model file not found: " + path);
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path);
        torch::Tensor meta;
        if (!archive.try_read("lodestone_meta", meta) || meta.numel() < 8)
            throw Error(ErrorCode::BadModel, path + " is not a Lodestone model (no model description inside).");
        meta = meta.to(torch::kFloat64).contiguous();
        const double *m = meta.data_ptr<double>();
        if (int(m[0]) > kFormatVersion)
            throw Error(ErrorCode::BadModel, path + " was written by a newer Lodestone (model format " +
                                                 std::to_string(int(m[0])) + ").");
        AutoencoderParams p;
        p.patchSize = int(m[3]);
        p.filters = {int(m[4]), int(m[5]), int(m[6])};
        Autoencoder model(p, std::uint64_t(m[7]));
        model.m_impl->net->load(archive);
        model.m_impl->net->eval();
        model.setNormalization(m[1], m[2]);
        if (extras) {
            for (auto &[name, blob] : *extras) {
                torch::Tensor t;
                if (!archive.try_read("extra_" + name, t))
                    throw Error(ErrorCode::BadModel, path + " lacks its " + name + " part.");
                t = t.contiguous();
                blob.assign(reinterpret_cast<const char *>(t.data_ptr<uint8_t>()), std::size_t(t.numel()));
            }
        }
        return model;
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        std::string what = e.what();
        what = what.substr(0, what.find('\n'));
        throw Error(ErrorCode::BadModel, path + " is not a readable Lodestone model: " + what);
    }
}

void configureTorchThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(threads);
}

std::string torchVersion()
{
    return TORCH_VERSION;
}

} // namespace lodestone
