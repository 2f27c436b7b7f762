// Work shared between threads: the one loop that core's parallel stages run on (the SVM search, classification,
// the demo's forward model, the dense features' tiles, the streamed classifier's band readers), and the bound on
// thread counts. A small pool of std::threads per call: the items are coarse (rows, tiles, fits), so starting
// the threads costs nothing measurable, and no pool outlives a call.
#pragma once

#include <functional>

namespace lodestone {

class Feedback;

/** \brief The most threads a run may be given (e.g. --threads): 4 per core, at least 16. More would only add
 *  switching between threads, and a typing slip (100000) would start thousands of them. */
int maxThreads();

/** \brief Throws Error(BadParameter) unless threads is from 0 (all cores) to maxThreads(). */
void validateThreadCount(int threads);

/** \brief The threads parallelFor() runs count items on when asked for threads (0 = all cores): at least 1, at most
 *  count and maxThreads(). */
int parallelThreads(int count, int threads);

/** \brief Runs fn(i) for i = 0 .. count-1 on parallelThreads(count, threads) threads, the calling thread being one
 *  of them; items are handed out in order as threads come free. onDone(itemsDone) is called on the calling thread
 * only (for progress). Stops handing out items once feedback is canceled (then throws Canceled) or an item throws
 * (then rethrows the first exception, after every thread has stopped). */
void parallelFor(int count, int threads, Feedback *feedback, const std::function<void(int)> &fn,
                 const std::function<void(int)> &onDone = {});

/** \brief parallelFor() that also tells fn which thread runs the item: fn(i, worker), worker from 0 (the calling
 *  thread) to parallelThreads(count, threads) - 1, one thread each, so that each can keep its own buffers. */
void parallelForWorkers(int count, int threads, Feedback *feedback, const std::function<void(int, int)> &fn,
                        const std::function<void(int)> &onDone = {});

} // namespace lodestone
