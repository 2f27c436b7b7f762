// The hand-written training kernels without LibTorch (overview in trainingkernels.h): the portable
// convolutions, the choice of kernels for the CPU, the element-wise layers, a patch's forward and backward
// passes and a batch's gradient over the threads. The AVX2 and AVX-512 convolutions are in
// trainingkernels_avx2.cpp and trainingkernels_avx512.cpp.
#include "trainingkernels.h"
#include "trainingkernels_isa.h"

#include "feedback.h"
#include "svm.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

namespace lodestone {

namespace train {

namespace {

constexpr int kChunk = 4;

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

#ifdef LODESTONE_TRAIN_AVX2
bool cpuHasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}

bool cpuHasAvx512()
{
    static const bool has = __builtin_cpu_supports("avx512f");
    return has;
}
#endif

ConvForwardFn pickConvForward(Isa isa, int ci, int co)
{
#ifdef LODESTONE_TRAIN_AVX2
    if (isa == Isa::Avx512) {
        if (ConvForwardFn f = avx512ConvForward(ci, co))
            return f;
    }
    if (isa != Isa::Portable) {
        if (ConvForwardFn f = avx2ConvForward(ci, co))
            return f;
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
        if (ConvWeightGradFn f = avx512ConvWeightGrad(ci, co))
            return f;
    }
    if (isa != Isa::Portable) {
        if (ConvWeightGradFn f = avx2ConvWeightGrad(ci, co))
            return f;
    }
#endif
    (void)isa;
    (void)ci;
    (void)co;
    return convWeightGradPortable;
}

} // namespace

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

Kernels::Kernels(const Plan &plan) : isa(trainingIsa())
{
    for (int l = 0; l < 6; ++l) {
        const Conv &c = plan.conv[l];
        forward[l] = pickConvForward(isa, c.ci, c.co);
        inputGrad[l] = pickConvForward(isa, c.co, c.ci);
        weightGrad[l] = pickConvWeightGrad(isa, c.ci, c.co);
    }
}

namespace {

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
        d[c] = ((arg[c] == k) & (act[c] > 0.0f)) ? s[c] : 0.0f;
}

/** g (at the pooled layer's input, before its ReLU) = the pooled gradient routed to each window's maximum,
 *  times the ReLU's mask (act > 0); zero elsewhere. act and g have the size of the pooling input. */
LODESTONE_CLONES void maxPoolBackward(const Map &gPooled, const int32_t *arg, const Map &act, const Map &g, Isa isa)
{
    const int C = g.c;
    if (2 * gPooled.h < g.h || 2 * gPooled.w < g.w) // floor mode left a row or column out
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

LODESTONE_ALWAYS_INLINE void maskCell(float *__restrict d, const float *__restrict s, const float *__restrict act,
                                      int n)
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

} // namespace

/** Maps and buffers of one thread. */
struct Workspace {
    std::vector<float> buffer;
    std::vector<int32_t> arg1, arg2;
    std::vector<float> patch;
    Map x, a1, m1, a2, m2, a3, y1, u1, y2, u2, z;             // forward
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
        def(x, p, plan.c, 1);
        def(a1, p, f0, 0);
        def(m1, p2, f0, 1);
        def(a2, p2, f1, 0);
        def(m2, p3, f1, 1);
        def(a3, p3, f2, 1);
        def(y1, p3, f2, 0);
        def(u1, p2, f2, 1);
        def(y2, p2, f0, 0);
        def(u2, p, f0, 1);
        def(z, p, plan.c, 0);
        def(g3, p, plan.c, 1);
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
            total += (m->size() + 15) / 16 * 16; // 64-byte steps
        buffer.assign(total + 16, 0.0f);         // zero: the rings stay zero for good
        float *base = buffer.data();
        while (reinterpret_cast<std::uintptr_t>(base) % 64)
            ++base;
        for (Map *m : maps) {
            m->data = base;
            base += (m->size() + 15) / 16 * 16;
        }
        arg1.resize(std::size_t(p2) * p2 * f0);
        arg2.resize(std::size_t(p3) * p3 * f1);
        patch.resize(std::size_t(plan.c) * p * p);
    }
};

namespace {

/** Forward and backward pass of one patch (patch: C x P x P floats, channel-major as extractPatch writes it).
 *  Adds the parameter gradient of scale * sum of squared errors into grad and returns the sum of squared
 *  errors over all channels. */
double patchStep(const Plan &plan, const Kernels &k, const StepWeights &sw, Workspace &ws, const float *patch,
                 float scale, float *grad)
{
    const float *P = sw.params;
    const auto &cv = plan.conv;
    const int p = plan.p, C = plan.c;
    const std::size_t area = std::size_t(p) * p;
    if (C == 1) {
        for (int y = 0; y < p; ++y)
            std::copy(patch + std::size_t(y) * p, patch + std::size_t(y + 1) * p, ws.x.at(y, 0));
    } else { // channel-major patch -> the map's cells, channels innermost
        for (int y = 0; y < p; ++y) {
            float *cell = ws.x.at(y, 0);
            for (int x = 0; x < p; ++x, cell += C)
                for (int c = 0; c < C; ++c)
                    cell[c] = patch[c * area + std::size_t(y) * p + x];
        }
    }
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
    // Loss: sigmoid output, squared error over every channel; its gradient at d3's output (before the sigmoid).
    double sse = 0.0;
    for (int y = 0; y < p; ++y) {
        const float *zr = ws.z.at(y, 0);
        float *gr = ws.g3.at(y, 0);
        for (int x = 0; x < p; ++x)
            for (int c = 0; c < C; ++c) {
                const float out = 1.0f / (1.0f + std::exp(-zr[x * C + c]));
                const float d = out - patch[c * area + std::size_t(y) * p + x];
                sse += double(d) * d;
                gr[x * C + c] = scale * 2.0f * d * out * (1.0f - out);
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
double chunkStep(const Plan &plan, const Kernels &k, const StepWeights &sw, Workspace &ws, const NormalizedImage &image,
                 const std::size_t *centres, int count, float scale, float *grad)
{
    double sse = 0.0;
    for (int i = 0; i < count; ++i) {
        const int col = int(centres[i] % image.width), row = int(centres[i] / image.width);
        extractPatch(image, col, row, plan.p, ws.patch.data());
        sse += patchStep(plan, k, sw, ws, ws.patch.data(), scale, grad);
    }
    return sse;
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

} // namespace

WorkspacePool::WorkspacePool(const Plan &plan) : m_plan(plan) {}

WorkspacePool::~WorkspacePool() = default;

std::unique_ptr<Workspace> WorkspacePool::take()
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

void WorkspacePool::give(std::unique_ptr<Workspace> w)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_free.push_back(std::move(w));
}

/** One batch: the gradient of the mean squared error over its patches into grad; returns the loss. Chunks
 *  are handed out to threads threads as they come free (parallelFor of parallel.h), each chunk's gradient goes
 *  into its own buffer and the buffers are added in chunk order. Cancel is checked per chunk. */
double batchGradient(const Plan &plan, const Kernels &k, const StepWeights &sw, WorkspacePool &pool, int threads,
                     const NormalizedImage &image, const std::size_t *centres, int count,
                     std::vector<std::vector<float>> &chunkGrads, std::vector<float> &grad, Feedback *feedback)
{
    const int chunks = (count + kChunk - 1) / kChunk;
    if (int(chunkGrads.size()) < chunks)
        chunkGrads.resize(chunks);
    std::vector<double> sse(chunks, 0.0);
    const double values = double(count) * plan.c * plan.p * plan.p; // the mean runs over every channel
    const float scale = float(1.0 / values);
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
    return total / values;
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

} // namespace lodestone
