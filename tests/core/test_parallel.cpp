// parallelFor: every item once, the thread count it is given, exceptions and cancel reaching the caller, progress
// on the calling thread only, and the worker index of parallelForWorkers.
#include "error.h"
#include "feedback.h"
#include "parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace lodestone;

namespace {

/** Runs parallelFor(count, threads) with items that overlap in time; returns the most items running at once. */
int peakConcurrency(int count, int threads)
{
    std::atomic<int> running{0}, peak{0};
    parallelFor(count, threads, nullptr, [&](int) {
        const int now = ++running;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        --running;
    });
    return peak.load();
}

} // namespace

TEST(Parallel, CoversEveryIndexOnce)
{
    for (int threads : {0, 1, 2, 3, 8})
        for (int count : {0, 1, 2, 7, 1000}) {
            std::vector<std::atomic<int>> hits(static_cast<std::size_t>(count));
            parallelFor(count, threads, nullptr, [&](int i) { hits[std::size_t(i)]++; });
            for (auto &h : hits)
                EXPECT_EQ(h.load(), 1) << count << " items on " << threads << " threads";
        }
}

TEST(Parallel, RespectsTheThreadCount)
{
    EXPECT_EQ(parallelThreads(100, 1), 1);
    EXPECT_EQ(parallelThreads(100, 3), 3);
    EXPECT_EQ(parallelThreads(2, 8), 2); // never more threads than items
    EXPECT_EQ(parallelThreads(0, 8), 1);
    EXPECT_EQ(parallelThreads(100, 100000), maxThreads());
    EXPECT_GE(parallelThreads(100, 0), 1); // all cores
    EXPECT_EQ(peakConcurrency(40, 1), 1);
    EXPECT_LE(peakConcurrency(40, 3), 3);
    EXPECT_LE(peakConcurrency(3, 8), 3);
}

TEST(Parallel, WorkersHaveTheirOwnIndex)
{
    const int threads = 4, count = 200;
    std::mutex mutex;
    std::vector<std::set<std::thread::id>> threadsOf(std::size_t(parallelThreads(count, threads)));
    std::vector<std::atomic<int>> hits(count);
    const std::thread::id caller = std::this_thread::get_id();
    parallelForWorkers(count, threads, nullptr, [&](int i, int worker) {
        ASSERT_GE(worker, 0);
        ASSERT_LT(worker, int(threadsOf.size()));
        if (worker == 0) {
            EXPECT_EQ(std::this_thread::get_id(), caller);
        }
        std::lock_guard<std::mutex> lock(mutex);
        threadsOf[std::size_t(worker)].insert(std::this_thread::get_id());
        hits[std::size_t(i)]++;
    });
    for (const auto &ids : threadsOf)
        EXPECT_LE(ids.size(), 1u); // a worker index is one thread
    for (auto &h : hits)
        EXPECT_EQ(h.load(), 1);
}

TEST(Parallel, PropagatesTheExceptionOfAnItem)
{
    std::atomic<int> ran{0};
    try {
        parallelFor(1000, 3, nullptr, [&](int i) {
            ++ran;
            if (i == 5)
                throw std::runtime_error("item 5 failed");
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        });
        FAIL() << "no exception";
    } catch (const std::runtime_error &e) {
        EXPECT_STREQ(e.what(), "item 5 failed");
    }
    EXPECT_LT(ran.load(), 1000); // no item is handed out after the failure
    // An exception thrown on a worker thread (not the caller's) reaches the caller too.
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<bool> thrown{false};
    EXPECT_THROW(parallelFor(200, 2, nullptr,
                             [&](int) {
                                 if (std::this_thread::get_id() != caller) {
                                     if (!thrown.exchange(true))
                                         throw Error(ErrorCode::Internal, "worker failed");
                                     return;
                                 }
                                 // The caller waits (up to 10 s) for the other thread to take an item and throw.
                                 const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
                                 while (!thrown.load() && std::chrono::steady_clock::now() < until)
                                     std::this_thread::sleep_for(std::chrono::microseconds(100));
                             }),
                 Error);
    EXPECT_TRUE(thrown.load());
}

TEST(Parallel, StopsOnCancelAndReportsOnTheCallingThread)
{
    Feedback feedback;
    feedback.cancel();
    std::atomic<int> ran{0};
    EXPECT_THROW(parallelFor(10, 2, &feedback, [&](int) { ++ran; }), Canceled);
    EXPECT_EQ(ran.load(), 0);

    const std::thread::id caller = std::this_thread::get_id();
    int last = 0;
    bool onCaller = true;
    parallelFor(
        50, 3, nullptr, [](int) { std::this_thread::sleep_for(std::chrono::microseconds(100)); },
        [&](int done) {
            onCaller = onCaller && std::this_thread::get_id() == caller;
            EXPECT_GT(done, last);
            last = done;
        });
    EXPECT_TRUE(onCaller);
    EXPECT_LE(last, 50);
}
