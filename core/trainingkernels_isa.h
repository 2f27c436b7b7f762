// The instruction-set specific entry points of the training kernels, internal to trainingkernels*.cpp:
// trainingkernels.cpp picks from the AVX2 (trainingkernels_avx2.cpp) and AVX-512 (trainingkernels_avx512.cpp)
// kernels at run time. Never included by a public header.
#pragma once

#include "trainingkernels.h"

#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#define LODESTONE_TRAIN_AVX2 1
#define LODESTONE_AVX2 __attribute__((target("avx2,fma")))
#define LODESTONE_AVX2_INLINE __attribute__((target("avx2,fma"), always_inline)) inline
#endif

namespace lodestone {

namespace train {

#ifdef LODESTONE_TRAIN_AVX2
/** The AVX2 + FMA convolution kernels for ci input and co output channels, or null where there are none. */
ConvForwardFn avx2ConvForward(int ci, int co);
ConvWeightGradFn avx2ConvWeightGrad(int ci, int co);

/** The AVX-512 convolution kernels for ci input and co output channels, or null where there are none. */
ConvForwardFn avx512ConvForward(int ci, int co);
ConvWeightGradFn avx512ConvWeightGrad(int ci, int co);

/** maxPool and maxPoolBackward (trainingkernels.cpp) for a multiple of 8 channels. */
LODESTONE_AVX2 void maxPoolAvx2(const Map &in, const Map &out, int32_t *arg);
LODESTONE_AVX2 void maxPoolBackwardAvx2(const Map &gPooled, const int32_t *arg, const Map &act, const Map &g);
#endif

} // namespace train

} // namespace lodestone
