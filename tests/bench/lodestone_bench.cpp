// lodestone-bench: measurements behind tests/bench/run_benchmarks.sh that lodestone-cli does not print.
//
//   lodestone-bench train SURVEY [--validation FILE --train-patches N --epochs N --batch N --learning-rate R
//                   --seed S --threads T --eval-every B --layers LIST]
//       Trains the autoencoder as the pipeline does (same patch sampling and seed) and prints one JSON line:
//       training seconds, loss per epoch, and the validation loss (mean squared error over the fixed 50 x 50
//       validation patches listed in FILE, one "row col" per line) every B batches with the training time
//       reached at that point. Validation passes are not counted in the training time. Without --validation,
//       no validation loss. --layers as,tilt adds those magnetic products of the survey (deriveMagneticProduct,
//       default settings; names as lodestone-cli derive) as further input layers, normalised with it by
//       normalizeLayers over the pixels valid in every layer; deriving them is not on the clock.
//
//   lodestone-bench predict FEATURES LABELS [--repeat N --threads T --seed S]
//       Trains the pixel-features classifier on the labelled pixels of a feature raster stack (features.tif
//       written by lodestone-cli run, with its default automatic C and gamma) and times Classifier::classify
//       over the whole map N times; prints one JSON line with every time.
//
//   lodestone-bench peak [--threads T --seconds S]
//       The multiply-add rate this machine sustains: independent FMA chains in registers (AVX2 on 8 floats and,
//       when the CPU has it, AVX-512 on 16), on T threads at once; prints GFLOP/s (2 FLOP per multiply-add).
//
//   lodestone-bench derive [SURVEY] [--width W --height H --repeat N --inclination D --declination D]
//       Times deriveMagneticProduct for every product on SURVEY, or on a demo survey of W x H (default 2434 x 607,
//       the paper's grid), N times each (default 5); prints one JSON line per product with the best and median
//       seconds of one call (single-threaded: FFTW without threads) and the peak resident memory so far.
//
//   lodestone-bench edit-labels SURVEY LABELS OUT [--count N --seed S]
//       A label edit for tests/bench/reuse.sh: LABELS with N more 3 x 3 blocks (default 3; one in three deposit,
//       the others non-deposit) on unlabelled valid ground at seeded random places, written to OUT.
#include "autoencoder.h"
#include "demo.h"
#include "experiments.h"
#include "feedback.h"
#include "labels.h"
#include "magneticfilters.h"
#include "patches.h"
#include "raster.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

using namespace lodestone;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

double peakRssMb()
{
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

std::string list(const std::vector<double> &v)
{
    std::ostringstream s;
    s.precision(9);
    s << "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s << (i ? ", " : "") << v[i];
    s << "]";
    return s.str();
}

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;
    double num(const std::string &k, double def) const
    {
        auto it = values.find(k);
        return it == values.end() ? def : std::atof(it->second.c_str());
    }
    std::string str(const std::string &k) const
    {
        auto it = values.find(k);
        return it == values.end() ? std::string() : it->second;
    }
};

Args parse(int argc, char **argv)
{
    Args a;
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        if (s.rfind("--", 0) == 0 && i + 1 < argc)
            a.values[s] = argv[++i];
        else
            a.positional.push_back(s);
    }
    return a;
}

/** Evaluates the validation loss every evalEvery batches, outside the training clock. */
struct ValidationProbe : Feedback {
    const Autoencoder *model = nullptr;
    const NormalizedImage *image = nullptr;
    const std::vector<std::size_t> *validation = nullptr;
    long batches = 0, evalEvery = 20, totalBatches = 0;
    Clock::time_point start;
    double excluded = 0.0; // seconds spent validating
    std::vector<double> at, patchesSeen, loss;
    int batchSize = 256;
    long trainPatches = 0;

    void onProgress(double) override
    {
        ++batches;
        if (validation->empty() || (batches % evalEvery != 0 && batches != totalBatches))
            return;
        const auto t0 = Clock::now();
        const double trained = seconds(start, t0) - excluded;
        const double l = model->reconstructionLoss(*image, *validation);
        excluded += seconds(t0, Clock::now());
        at.push_back(trained);
        loss.push_back(l);
        const long perEpoch = (trainPatches + batchSize - 1) / batchSize;
        const long epoch = (batches - 1) / perEpoch, inEpoch = (batches - 1) % perEpoch + 1;
        patchesSeen.push_back(double(epoch * trainPatches + std::min<long>(inEpoch * batchSize, trainPatches)));
    }
};

int cmdTrain(const Args &a)
{
    if (a.positional.size() != 1) {
        std::fprintf(stderr, "usage: lodestone-bench train SURVEY [--validation FILE] [options]\n");
        return 2;
    }
    Raster survey = readRaster(a.positional[0]);
    std::vector<Raster> products;
    std::string productNames;
    for (std::string list = a.str("--layers"); !list.empty();) {
        const std::size_t comma = list.find(',');
        const std::string name = list.substr(0, comma);
        list = comma == std::string::npos ? std::string() : list.substr(comma + 1);
        DeriveParams dp;
        if (!parseMagneticProduct(name, dp.product)) {
            std::fprintf(stderr, "lodestone-bench: unknown magnetic product %s\n", name.c_str());
            return 2;
        }
        products.push_back(deriveMagneticProduct(survey, dp));
        productNames += (productNames.empty() ? "" : ",") + name;
    }
    std::vector<const Raster *> layers{&survey};
    for (const Raster &r : products) {
        layers.push_back(&r);
        for (std::size_t i = 0; i < survey.valid.size(); ++i) // the union of the layers' nodata
            survey.valid[i] = survey.valid[i] && r.valid[i];
    }
    const NormalizedImage image = normalizeLayers(layers, survey.valid);
    std::vector<std::size_t> validation;
    if (!a.str("--validation").empty()) {
        std::ifstream in(a.str("--validation"));
        long row, col;
        while (in >> row >> col)
            validation.push_back(std::size_t(row) * survey.width() + std::size_t(col));
    }
    AutoencoderParams p;
    p.channels = image.channels;
    p.trainPatches = int(a.num("--train-patches", p.trainPatches));
    p.epochs = int(a.num("--epochs", p.epochs));
    p.batchSize = int(a.num("--batch", p.batchSize));
    p.learningRate = a.num("--learning-rate", p.learningRate);
    const auto seed = std::uint64_t(a.num("--seed", 0));
    configureTorchThreads(int(a.num("--threads", 0)));

    // As runPipeline(): the model, then the sampled centres, then training; all of it on the clock.
    ValidationProbe probe;
    probe.start = Clock::now();
    Autoencoder model(p, seed);
    const auto centres = sampleValidPixels(survey.valid, std::size_t(p.trainPatches), seed);
    probe.model = &model;
    probe.image = &image;
    probe.validation = &validation;
    probe.evalEvery = long(a.num("--eval-every", 20));
    probe.batchSize = p.batchSize;
    probe.trainPatches = p.trainPatches;
    probe.totalBatches = long(p.epochs) * ((p.trainPatches + p.batchSize - 1) / p.batchSize);
    const TrainingHistory h = model.train(image, centres, &probe);
    const double trainSeconds = seconds(probe.start, Clock::now()) - probe.excluded;
    char valLoss[32] = "null";
    if (!probe.loss.empty())
        std::snprintf(valLoss, sizeof valLoss, "%.9g", probe.loss.back());
    std::printf("{\"impl\": \"lodestone\", \"layers\": %d, \"products\": \"%s\", \"train_s\": %.4f, "
                "\"loss\": %s, \"val_loss\": %s, \"trace_s\": %s, \"trace_patches\": %s, \"trace_val\": %s, "
                "\"validation_patches\": %zu, \"peak_rss_mb\": %.1f}\n",
                image.channels, productNames.c_str(), trainSeconds, list(h.epochLoss).c_str(), valLoss,
                list(probe.at).c_str(), list(probe.patchesSeen).c_str(), list(probe.loss).c_str(), validation.size(),
                peakRssMb());
    return 0;
}

int cmdPredict(const Args &a)
{
    if (a.positional.size() != 2) {
        std::fprintf(stderr,
                     "usage: lodestone-bench predict FEATURES LABELS [--repeat N --threads T --max-samples S]\n");
        return 2;
    }
    const RasterInfo info = readRasterInfo(a.positional[0]);
    std::vector<Raster> bands;
    for (int b = 1; b <= info.bandCount; ++b)
        bands.push_back(readRaster(a.positional[0], b));
    FeatureStack stack;
    stack.width = info.grid.width;
    stack.height = info.grid.height;
    for (const Raster &r : bands)
        stack.planes.push_back(r.data.data());
    stack.valid = bands[0].valid.data();
    const LabelImage labels = readLabelRaster(a.positional[1], bands[0]);
    std::vector<LabelledPosition> positions;
    for (int row = 0; row < labels.grid.height; ++row)
        for (int col = 0; col < labels.grid.width; ++col) {
            const uint8_t v = labels.at(col, row);
            if ((v == LabelDeposit || v == LabelNonDeposit) && bands[0].isValid(col, row))
                positions.push_back({col, row, int(v)});
        }
    ExperimentParams ep;
    ep.seed = std::uint64_t(a.num("--seed", 0));
    ep.threads = int(a.num("--threads", 0));
    ep.maxTrainingSamples = int(a.num("--max-samples", ep.maxTrainingSamples));
    const auto t0 = Clock::now();
    Classifier classifier = Classifier::train(stack, positions, SvmMode::PixelFeatures, ep);
    const double trainSeconds = seconds(t0, Clock::now());
    classifier.setThreads(ep.threads);
    std::vector<double> times;
    std::vector<uint8_t> classes;
    std::vector<float> probability;
    const int repeat = std::max(1, int(a.num("--repeat", 3)));
    for (int i = 0; i < repeat; ++i) {
        const auto t1 = Clock::now();
        classifier.classify(stack, classes, probability);
        times.push_back(seconds(t1, Clock::now()));
    }
    std::size_t valid = 0;
    for (std::size_t i = 0; i < stack.pixelCount(); ++i)
        valid += stack.isValid(i);
    std::printf("{\"pixels\": %zu, \"valid_pixels\": %zu, \"planes\": %zu, \"support_vectors\": %d, \"svm_c\": %g, "
                "\"svm_gamma\": %g, \"positions\": %zu, \"trained_on\": %d, \"train_s\": %.4f, \"classify_s\": %s, "
                "\"peak_rss_mb\": %.1f}\n",
                stack.pixelCount(), valid, stack.planes.size(), classifier.model().supportVectorCount(),
                classifier.model().c(), classifier.model().gamma(), positions.size(),
                classifier.trainingCounts().first + classifier.trainingCounts().second, trainSeconds,
                list(times).c_str(), peakRssMb());
    return 0;
}

#if defined(__x86_64__) && defined(__GNUC__)
/** 12 independent accumulator chains of FMAs (enough to cover the latency on 2 FMA ports); returns a value
 *  that depends on all of them so that nothing is optimised away. n iterations = n * 12 * 8 multiply-adds. */
__attribute__((target("avx2,fma"))) float fmaLoopAvx2(long n)
{
    __m256 a[12];
    for (int i = 0; i < 12; ++i)
        a[i] = _mm256_set1_ps(float(i) * 1e-3f);
    const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    for (long k = 0; k < n; ++k)
        for (int i = 0; i < 12; ++i)
            a[i] = _mm256_fmadd_ps(a[i], x, y);
    __m256 s = a[0];
    for (int i = 1; i < 12; ++i)
        s = _mm256_add_ps(s, a[i]);
    return _mm256_cvtss_f32(s);
}

__attribute__((target("avx512f"))) float fmaLoopAvx512(long n)
{
    __m512 a[12];
    for (int i = 0; i < 12; ++i)
        a[i] = _mm512_set1_ps(float(i) * 1e-3f);
    const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
    for (long k = 0; k < n; ++k)
        for (int i = 0; i < 12; ++i)
            a[i] = _mm512_fmadd_ps(a[i], x, y);
    __m512 s = a[0];
    for (int i = 1; i < 12; ++i)
        s = _mm512_add_ps(s, a[i]);
    alignas(64) float lanes[16];
    _mm512_store_ps(lanes, s);
    return lanes[0];
}

/** GFLOP/s of fn on threads threads, each running iterations of lanes-wide FMAs. */
double fmaRate(float (*fn)(long), int lanes, int threads, double secondsWanted)
{
    long n = 1 << 20;
    for (;;) { // calibrate on one thread
        const auto t0 = Clock::now();
        volatile float sink = fn(n);
        (void)sink;
        if (seconds(t0, Clock::now()) > 0.05)
            break;
        n *= 2;
    }
    n = long(double(n) * secondsWanted / 0.1);
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([fn, n] {
            volatile float sink = fn(n);
            (void)sink;
        });
    for (auto &t : pool)
        t.join();
    const double s = seconds(t0, Clock::now());
    return double(n) * 12.0 * lanes * 2.0 * threads / s / 1e9;
}
#endif

int cmdPeak(const Args &a)
{
    const int threads = std::max(1, int(a.num("--threads", double(std::thread::hardware_concurrency()))));
    const double secondsWanted = a.num("--seconds", 1.0);
#if defined(__x86_64__) && defined(__GNUC__)
    const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const bool avx512 = __builtin_cpu_supports("avx512f");
    std::printf("{\"threads\": %d, \"avx2_fma_gflops\": %.1f, \"avx512_fma_gflops\": %.1f}\n", threads,
                avx2 ? fmaRate(fmaLoopAvx2, 8, threads, secondsWanted) : 0.0,
                avx512 ? fmaRate(fmaLoopAvx512, 16, threads, secondsWanted) : 0.0);
#else
    std::printf("{\"threads\": %d}\n", threads);
#endif
    return 0;
}

int cmdDerive(const Args &a)
{
    Raster survey;
    if (!a.positional.empty()) {
        survey = readRaster(a.positional[0]);
    } else {
        DemoParams p;
        p.width = int(a.num("--width", 2434));
        p.height = int(a.num("--height", 607));
        const DemoSurvey demo = generateDemoSurvey(p);
        survey.grid = demo.grid;
        survey.data = demo.tmi;
        survey.valid.assign(demo.tmi.size(), 1);
    }
    const int repeat = std::max(1, int(a.num("--repeat", 5)));
    for (MagneticProduct product : allMagneticProducts()) {
        DeriveParams params;
        params.product = product;
        params.inclination = a.num("--inclination", -60.0);
        params.declination = a.num("--declination", 5.0);
        std::vector<double> times;
        for (int k = 0; k < repeat; ++k) {
            const auto t0 = Clock::now();
            const Raster r = deriveMagneticProduct(survey, params);
            times.push_back(seconds(t0, Clock::now()));
        }
        std::sort(times.begin(), times.end());
        std::printf("{\"product\": \"%s\", \"width\": %d, \"height\": %d, \"best_seconds\": %.4f, "
                    "\"median_seconds\": %.4f, \"peak_rss_mb\": %.0f}\n",
                    magneticProductName(product).c_str(), survey.width(), survey.height(), times.front(),
                    times[times.size() / 2], peakRssMb());
    }
    return 0;
}

/** A label edit for the reuse benchmark: LABELS with --count more 3 x 3 blocks (one in three deposit, the others
 *  non-deposit) on unlabelled valid ground of SURVEY, at seeded random places, written to OUT. */
int cmdEditLabels(const Args &a)
{
    if (a.positional.size() != 3)
        throw std::runtime_error("edit-labels needs SURVEY LABELS OUT");
    const Raster survey = readRaster(a.positional[0]);
    LabelImage labels = readLabelRaster(a.positional[1], survey);
    const int count = std::max(1, int(a.num("--count", 3)));
    std::uint64_t state = std::uint64_t(a.num("--seed", 1)) * 2654435761ULL + 1;
    auto next = [&state](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % std::uint64_t(n));
    };
    const int w = survey.width(), h = survey.height();
    int added = 0;
    for (int tries = 0; added < count && tries < 1000000; ++tries) {
        const int c = 1 + next(w - 2), r = 1 + next(h - 2);
        bool free = true;
        for (int dr = -1; dr <= 1 && free; ++dr)
            for (int dc = -1; dc <= 1 && free; ++dc)
                free = survey.isValid(c + dc, r + dr) &&
                       labels.values[std::size_t(r + dr) * std::size_t(w) + std::size_t(c + dc)] == LabelUnknown;
        if (!free)
            continue;
        for (int dr = -1; dr <= 1; ++dr)
            for (int dc = -1; dc <= 1; ++dc)
                labels.values[std::size_t(r + dr) * std::size_t(w) + std::size_t(c + dc)] =
                    added % 3 == 0 ? LabelDeposit : LabelNonDeposit;
        ++added;
    }
    writeLabelRaster(a.positional[2], labels, survey);
    std::printf("{\"added_blocks\": %d}\n", added);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: lodestone-bench train|predict|peak|derive|edit-labels ...\n");
        return 2;
    }
    const std::string cmd = argv[1];
    const Args a = parse(argc, argv);
    try {
        if (cmd == "train")
            return cmdTrain(a);
        if (cmd == "predict")
            return cmdPredict(a);
        if (cmd == "peak")
            return cmdPeak(a);
        if (cmd == "derive")
            return cmdDerive(a);
        if (cmd == "edit-labels")
            return cmdEditLabels(a);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "lodestone-bench: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "lodestone-bench: unknown command %s\n", cmd.c_str());
    return 2;
}
