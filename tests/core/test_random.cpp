// The portable random numbers: SplitMix64's published first outputs, seeds derived from its stream, and the two
// bounded integers (rejection over std::mt19937_64, multiply-shift over SplitMix64).
#include "random.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

using namespace lodestone;

TEST(Random, SplitMix64GivesTheReferenceSequence)
{
    // The first outputs of the reference implementation (Vigna's splitmix64.c) for seeds 0 and 1234567.
    std::uint64_t state = 0;
    const std::vector<std::uint64_t> zero = {16294208416658607535ull, 7960286522194355700ull, 487617019471545679ull,
                                             17909611376780542444ull, 1961750202426094747ull};
    for (std::uint64_t v : zero)
        EXPECT_EQ(splitMix64(state), v);
    state = 1234567;
    const std::vector<std::uint64_t> other = {6457827717110365317ull, 3203168211198807973ull, 9817491932198370423ull,
                                              4593380528125082431ull, 16408922859458223821ull};
    for (std::uint64_t v : other)
        EXPECT_EQ(splitMix64(state), v);
}

TEST(Random, SplitMix64OfIsTheFirstOutputAndLeavesItsArgument)
{
    EXPECT_EQ(splitMix64Of(0), 16294208416658607535ull);
    EXPECT_EQ(splitMix64Of(1234567), 6457827717110365317ull);
    std::uint64_t state = 42;
    EXPECT_EQ(splitMix64Of(42), splitMix64(state));
}

TEST(Random, DerivedSeedsAreTheStreamOfSplitMix64)
{
    EXPECT_EQ(deriveSeed(0, 0), 16294208416658607535ull);
    EXPECT_EQ(deriveSeed(1234567, 4), 16408922859458223821ull);
    for (std::uint64_t seed : {std::uint64_t(0), std::uint64_t(3), ~std::uint64_t(0)}) {
        std::uint64_t state = seed;
        for (std::uint64_t stream = 0; stream < 200; ++stream)
            EXPECT_EQ(deriveSeed(seed, stream), splitMix64(state)) << seed << " " << stream;
    }
}

TEST(Random, UniformBelowRejectsTheShortTopRange)
{
    std::mt19937_64 rng(7), copy(7);
    for (std::uint64_t n : {std::uint64_t(1), std::uint64_t(2), std::uint64_t(10), std::uint64_t(1000003)})
        for (int i = 0; i < 100; ++i) {
            const std::uint64_t r = copy(); // far above 2^64 mod n for these n: never rejected in 100 draws
            EXPECT_EQ(uniformBelow(rng, n), r % n);
        }
    // n just above 2^63: draws below 2^64 mod n = 2^63 - 1 are rejected, so the result is the first that is not.
    const std::uint64_t n = (std::uint64_t(1) << 63) + 1, threshold = (0 - n) % n;
    EXPECT_EQ(threshold, (std::uint64_t(1) << 63) - 1);
    std::mt19937_64 a(11), b(11);
    for (int i = 0; i < 50; ++i) {
        std::uint64_t r;
        do
            r = b();
        while (r < threshold);
        const std::uint64_t v = uniformBelow(a, n);
        EXPECT_EQ(v, r % n);
        EXPECT_LT(v, n);
    }
}

TEST(Random, UniformIndexIsTheMultiplyShiftOfSplitMix64)
{
    std::uint64_t state = 0;
    EXPECT_EQ(uniformIndex(state, 1000), 883u); // 16294208416658607535 * 1000 / 2^64
    EXPECT_EQ(state, 0x9E3779B97F4A7C15ull);    // advanced by one SplitMix64 step
    std::uint64_t s = 99, t = 99;
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t v = uniformIndex(s, 37);
        EXPECT_LT(v, 37u);
        EXPECT_EQ(v, std::uint64_t((static_cast<unsigned __int128>(splitMix64(t)) * 37) >> 64));
    }
}
