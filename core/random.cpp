#include "random.h"

namespace lodestone {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull; // 2^64 / the golden ratio, SplitMix64's increment

} // namespace

std::uint64_t splitMix64(std::uint64_t &state)
{
    std::uint64_t z = (state += kGolden);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t splitMix64Of(std::uint64_t x)
{
    return splitMix64(x);
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t state = seed + kGolden * stream; // splitMix64 adds one more increment: seed + kGolden (stream + 1)
    return splitMix64(state);
}

std::uint64_t uniformBelow(std::mt19937_64 &rng, std::uint64_t n)
{
    const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n: drawing below it would bias small values
    for (;;) {
        const std::uint64_t r = rng();
        if (r >= threshold)
            return r % n;
    }
}

std::uint64_t uniformIndex(std::uint64_t &state, std::uint64_t n)
{
    // Lemire's multiply-shift on 64 bits: the high word of the 128-bit product.
    return std::uint64_t((static_cast<unsigned __int128>(splitMix64(state)) * n) >> 64);
}

} // namespace lodestone
