// Portable pseudo-random numbers: the same sequences on every platform and standard library (std::'s distributions
// and std::shuffle are not specified to the bit), so that a run with the same seed gives the same outputs anywhere.
// SplitMix64 (Steele, Lea and Flood, 2014) spreads seeds and drives the patch sampling; std::mt19937_64, whose
// output the C++ standard fixes, drives the longer streams through uniformBelow().
#pragma once

#include <cstdint>
#include <random>

namespace lodestone {

/** \brief SplitMix64: adds the golden-ratio increment to state and returns the mix of the new state. */
std::uint64_t splitMix64(std::uint64_t &state);

/** \brief The first output of SplitMix64 started at x (x itself unchanged): turns a user's seed (often 1, 2, 3...)
 *  into well-spread seeds for independent streams. */
std::uint64_t splitMix64Of(std::uint64_t x);

/** \brief Deterministic seed for a sub-task: output stream + 1 of SplitMix64 started at seed (equivalently
 *  splitMix64Of(seed + stream * the increment)). */
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

/** \brief Unbiased integer in [0, n) from the full 64-bit output of rng, by rejection of the short top range
 *  (unlike std::uniform_int_distribution, the same sequence on every standard library). n must be > 0. */
std::uint64_t uniformBelow(std::mt19937_64 &rng, std::uint64_t n);

/** \brief Integer in [0, n) from the next SplitMix64 output of state by Lemire's multiply-shift (one draw, no
 *  rejection: a bias below n / 2^64, nothing worth noting for n < 2^32). A different algorithm from
 *  uniformBelow(), giving different numbers: each keeps the sequences its callers were written with. */
std::uint64_t uniformIndex(std::uint64_t &state, std::uint64_t n);

} // namespace lodestone
