// The tables that gridding.cpp and lodestone-grid-worker (gridworker.cpp) exchange through memory files: a table
// of points is kGridWorkerMagic, the count n (uint64), then n x, n y and n values (double); a grid is
// kGridWorkerMagic, its columns and rows (uint64), then rows x columns values (float), top row first.
#pragma once

#include <cstdint>

namespace lodestone {

constexpr std::uint64_t kGridWorkerMagic = 0x314b524f57444752ull; // "RGDWORK1" little-endian

} // namespace lodestone
