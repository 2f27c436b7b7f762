#include "parallel.h"

#include "error.h"
#include "feedback.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lodestone {

int maxThreads()
{
    return int(std::max(16u, 4 * std::thread::hardware_concurrency()));
}

void validateThreadCount(int threads)
{
    if (threads < 0 || threads > maxThreads())
        throw Error(ErrorCode::BadParameter, "The number of threads must be from 0 (all cores) to " +
                                                 std::to_string(maxThreads()) + ", not " + std::to_string(threads) +
                                                 ".");
}

int parallelThreads(int count, int threads)
{
    return std::max(1,
                    std::min({threads > 0 ? threads : int(std::thread::hardware_concurrency()), count, maxThreads()}));
}

void parallelForWorkers(int count, int threads, Feedback *feedback, const std::function<void(int, int)> &fn,
                        const std::function<void(int)> &onDone)
{
    std::atomic<int> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex mutex;
    auto work = [&](int worker) {
        while (!stop.load() && !(feedback && feedback->isCanceled())) {
            const int i = next.fetch_add(1);
            if (i >= count)
                break;
            try {
                fn(i, worker);
                const int d = done.fetch_add(1) + 1;
                if (worker == 0 && onDone)
                    onDone(d);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop.store(true);
                break;
            }
        }
    };
    const int n = parallelThreads(count, threads);
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto &t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    checkCanceled(feedback);
}

void parallelFor(int count, int threads, Feedback *feedback, const std::function<void(int)> &fn,
                 const std::function<void(int)> &onDone)
{
    parallelForWorkers(
        count, threads, feedback, [&fn](int i, int) { fn(i); }, onDone);
}

} // namespace lodestone
