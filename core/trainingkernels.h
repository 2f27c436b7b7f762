// The hand-written training kernels of the autoencoder (trainingkernels*.cpp): the network's sizes, the layer
// kernels chosen for the CPU, a batch's forward and backward passes and the Adam update, without LibTorch.
// Internal to core: included by autoencoder.cpp and the kernel files only, never by a public header.
#pragma once

#include "patches.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace lodestone {

class Feedback;

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
// less, for tests and measurements); portable loops for other channel counts and CPUs. Each kernel is chosen by
// the (input, output) channel counts of its layer, and a vector kernel is registered only for the counts it
// handles, so any number of input layers trains (e1 reads C channels, d3 writes C) and a shape without a
// vector kernel runs the portable one. It is the same network,
// loss and Adam update as LibTorch's (trainingGradientMismatch() compares the gradient with autograd's);
// only the float rounding differs. The model's weights go back into the LibTorch module after every step.
//
// Parallelism and determinism: a batch is cut into chunks of kChunk patches, handed to the threads as they
// come free; each chunk's gradient is summed in patch order into its own buffer and the chunk gradients are
// added in chunk order, so the result does not depend on the number of threads or on their timing.

namespace train {

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

/** Sizes of the network for a patch size, filters and input channels. */
struct Plan {
    int c = 1; // input channels: e1 reads them, d3 reconstructs them
    int p = 0, p2 = 0, p3 = 0;
    std::array<int, 3> f{};
    std::array<Conv, 6> conv; // e1 e2 e3 d1 d2 d3
    std::size_t parameters = 0;
    std::vector<int> up2; // p2 entries: the source index (in p3) of the nearest upsampling p3 -> p2
    std::vector<int> up1; // p entries: the source index (in p2) of p2 -> p
};

/** Instruction sets of the training kernels: the best the CPU has, or less when the environment variable
 *  LODESTONE_TRAINING_ISA says portable or avx2 (for tests and for measuring what each brings). */
enum class Isa { Portable, Avx2, Avx512 };

Isa trainingIsa();

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

/** The kernels of every layer: forward, input gradient (a forward convolution of the output gradient with
 *  flipped weights: from co to ci channels) and weight gradient; and whether pooling may use AVX2. */
struct Kernels {
    Isa isa = Isa::Portable;
    std::array<ConvForwardFn, 6> forward{}, inputGrad{};
    std::array<ConvWeightGradFn, 6> weightGrad{};
    explicit Kernels(const Plan &plan);
};

/** Maps and buffers of one thread (trainingkernels.cpp). */
struct Workspace;

/** Weights of a step: the parameters and the flipped copies for the input gradients. */
struct StepWeights {
    const float *params = nullptr;
    std::array<std::vector<float>, 6> flipped;
};

/** The step weights of the parameters: params (kept, not copied) and the flipped weights. */
StepWeights stepWeights(const Plan &plan, const std::vector<float> &params);

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
    explicit WorkspacePool(const Plan &plan);
    ~WorkspacePool();
    std::unique_ptr<Workspace> take();
    void give(std::unique_ptr<Workspace> w);

private:
    const Plan &m_plan;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Workspace>> m_free;
};

/** One batch: the gradient of the mean squared error over its patches (all channels) into grad; returns the
 *  loss (trainingkernels.cpp). image has plan.c channels. */
double batchGradient(const Plan &plan, const Kernels &k, const StepWeights &sw, WorkspacePool &pool, int threads,
                     const NormalizedImage &image, const std::size_t *centres, int count,
                     std::vector<std::vector<float>> &chunkGrads, std::vector<float> &grad, Feedback *feedback);

} // namespace train

} // namespace lodestone
