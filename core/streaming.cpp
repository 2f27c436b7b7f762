#include "streaming.h"
#include "stages.h"

#include "atomicfile.h"
#include "error.h"
#include "feedback.h"
#include "labels.h"
#include "layers.h"
#include "modelgrid.h"
#include "outputstyle.h"
#include "parallel.h"
#include "paramcheck.h"

#include <gdal_priv.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <numeric>
#include <sstream>
#include <thread>

namespace lodestone {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void checkStripRows(int stripRows)
{
    if (stripRows < 16)
        throw Error(ErrorCode::BadParameter, "Strips of " + std::to_string(stripRows) +
                                                 " rows are too thin: a streamed run needs at least 16 rows a strip.");
}

/** Per-raster mean and standard deviation over the usable pixels (valid and finite), summed strip by strip
 *  in double around a shift (the raster's first value) so that the variance keeps its digits. */
class RunningStatistics {
public:
    explicit RunningStatistics(int planes)
        : m_n(planes, 0.0), m_shift(planes, 0.0), m_s1(planes, 0.0), m_s2(planes, 0.0), m_started(planes, false)
    {
    }

    void add(const FeatureRasters &strip, const uint8_t *valid)
    {
        const std::size_t n = std::size_t(strip.width) * strip.height;
        for (int k = 0; k < strip.count; ++k) {
            const float *p = strip.plane(k);
            double s1 = 0, s2 = 0, count = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (!valid[i] || !std::isfinite(p[i]))
                    continue;
                if (!m_started[k]) {
                    m_shift[k] = p[i];
                    m_started[k] = true;
                }
                const double d = double(p[i]) - m_shift[k];
                s1 += d;
                s2 += d * d;
                ++count;
            }
            m_s1[k] += s1;
            m_s2[k] += s2;
            m_n[k] += count;
        }
    }

    /** The statistics as the experiments define them (population standard deviation). */
    void result(std::vector<float> &mean, std::vector<float> &invStd) const
    {
        mean.assign(m_n.size(), 0.f);
        invStd.assign(m_n.size(), 0.f);
        for (std::size_t k = 0; k < m_n.size(); ++k) {
            if (m_n[k] == 0)
                continue;
            const double m1 = m_s1[k] / m_n[k];
            const double mu = m_shift[k] + m1;
            const double sd = std::sqrt(std::max(0.0, m_s2[k] / m_n[k] - m1 * m1));
            mean[k] = float(mu);
            invStd[k] = inverseStandardDeviation(mu, sd);
        }
    }

private:
    std::vector<double> m_n, m_shift, m_s1, m_s2;
    std::vector<bool> m_started;
};

/** The feature rasters in the P x P windows around the labelled positions (the pixels that the experiments
 *  read), gathered strip by strip into one mosaic. Overlapping windows are merged into rectangles of the grid
 *  extended by reflection (BORDER_REFLECT_101, as the experiments reflect), and the rectangles are packed
 *  side by side in shelves. Every window lies inside its rectangle, so the experiments never reflect at the
 *  mosaic's border. */
class LabelWindows {
public:
    LabelWindows(const std::vector<LabelledPosition> &positions, int patch, int planes, int width, int height)
        : m_planes(planes), m_width(width), m_height(height)
    {
        const int half = patch / 2;
        const std::size_t n = positions.size();
        // Windows, merged by union-find over overlapping pairs (a sweep over windows sorted by their top row).
        struct Box {
            int x0, y0, x1, y1;
        };
        std::vector<Box> windows(n);
        for (std::size_t i = 0; i < n; ++i) {
            const int x0 = positions[i].col - half, y0 = positions[i].row - half;
            windows[i] = {x0, y0, x0 + patch, y0 + patch};
        }
        std::vector<std::size_t> order(n), parent(n);
        std::iota(order.begin(), order.end(), 0);
        std::iota(parent.begin(), parent.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return windows[a].y0 < windows[b].y0; });
        auto root = [&](std::size_t i) {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        };
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = a + 1; b < n && windows[order[b]].y0 < windows[order[a]].y1; ++b) {
                const Box &p = windows[order[a]], &q = windows[order[b]];
                if (p.x0 < q.x1 && q.x0 < p.x1)
                    parent[root(order[a])] = root(order[b]);
            }
        std::vector<int> rectOf(n, -1), rectOfRoot(n, -1);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t r = root(i);
            if (rectOfRoot[r] < 0) {
                rectOfRoot[r] = int(m_rects.size());
                m_rects.push_back({windows[i].x0, windows[i].y0, windows[i].x1, windows[i].y1, 0, 0});
            }
            Rect &b = m_rects[rectOfRoot[r]];
            b.x0 = std::min(b.x0, windows[i].x0);
            b.y0 = std::min(b.y0, windows[i].y0);
            b.x1 = std::max(b.x1, windows[i].x1);
            b.y1 = std::max(b.y1, windows[i].y1);
            rectOf[i] = rectOfRoot[r];
        }
        // Shelf packing, tallest first, shelves about as wide as the mosaic is tall.
        std::vector<int> byHeight(m_rects.size());
        std::iota(byHeight.begin(), byHeight.end(), 0);
        std::sort(byHeight.begin(), byHeight.end(), [&](int a, int b) {
            return m_rects[a].h() != m_rects[b].h() ? m_rects[a].h() > m_rects[b].h() : a < b;
        });
        double area = 0;
        int widest = 1;
        for (const Rect &r : m_rects) {
            area += double(r.w()) * r.h();
            widest = std::max(widest, r.w());
        }
        const int shelfWidth = std::max(widest, int(std::ceil(std::sqrt(area))));
        int x = 0, y = 0, shelfHeight = 0;
        m_mosaicWidth = 1;
        for (int i : byHeight) {
            Rect &r = m_rects[i];
            if (x > 0 && x + r.w() > shelfWidth) {
                y += shelfHeight;
                x = 0;
                shelfHeight = 0;
            }
            r.mx = x;
            r.my = y;
            x += r.w();
            shelfHeight = std::max(shelfHeight, r.h());
            m_mosaicWidth = std::max(m_mosaicWidth, x);
        }
        m_mosaicHeight = std::max(1, y + shelfHeight);
        const std::size_t cells = std::size_t(m_mosaicWidth) * m_mosaicHeight;
        m_data.assign(cells * planes, std::numeric_limits<float>::quiet_NaN());
        m_valid.assign(cells, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const Rect &r = m_rects[rectOf[i]];
            m_positions.push_back({r.mx + positions[i].col - r.x0, r.my + positions[i].row - r.y0, positions[i].label});
        }
    }

    /** Copies the pixels of the strip (grid rows rowBegin .. rowBegin + strip.height - 1) that the windows read. */
    void take(const FeatureRasters &strip, int rowBegin, const std::vector<uint8_t> &valid)
    {
        const int rowEnd = rowBegin + strip.height;
        for (const Rect &r : m_rects)
            for (int y = r.y0; y < r.y1; ++y) {
                const int sy = reflectRow(y);
                if (sy < rowBegin || sy >= rowEnd)
                    continue;
                const std::size_t dstRow = std::size_t(r.my + y - r.y0) * m_mosaicWidth + r.mx;
                const std::size_t srcRow = std::size_t(sy - rowBegin) * m_width;
                for (int x = r.x0; x < r.x1; ++x) {
                    const int sx = reflectCol(x);
                    const std::size_t d = dstRow + (x - r.x0);
                    m_valid[d] = valid[std::size_t(sy) * m_width + sx];
                    for (int k = 0; k < m_planes; ++k)
                        m_data[std::size_t(k) * m_mosaicWidth * m_mosaicHeight + d] = strip.plane(k)[srcRow + sx];
                }
            }
    }

    /** The mosaic as a feature stack that carries the whole map's statistics. */
    FeatureStack stack(const std::vector<float> &mean, const std::vector<float> &invStd) const
    {
        FeatureStack s;
        s.width = m_mosaicWidth;
        s.height = m_mosaicHeight;
        for (int k = 0; k < m_planes; ++k)
            s.planes.push_back(m_data.data() + std::size_t(k) * m_mosaicWidth * m_mosaicHeight);
        s.valid = m_valid.data();
        s.mean = mean;
        s.invStd = invStd;
        return s;
    }

    /** The labelled positions, in their original order, in mosaic coordinates. */
    const std::vector<LabelledPosition> &positions() const { return m_positions; }

private:
    struct Rect {
        int x0, y0, x1, y1; // extended grid coordinates, x1 and y1 exclusive
        int mx, my;         // top-left corner in the mosaic
        int w() const { return x1 - x0; }
        int h() const { return y1 - y0; }
    };
    int reflectRow(int y) const { return reflectIndex(y, m_height); }
    int reflectCol(int x) const { return reflectIndex(x, m_width); }

    int m_planes, m_width, m_height;
    int m_mosaicWidth = 1, m_mosaicHeight = 1;
    std::vector<Rect> m_rects;
    std::vector<float> m_data;
    std::vector<uint8_t> m_valid;
    std::vector<LabelledPosition> m_positions;
};

/** The input layers of a run or of a model applied to a survey, as the run in memory prepares them: every layer on
 *  the survey's grid, and the survey masked to the union of their nodata (survey is then that masked copy; it is
 *  surveyIn itself when there is no layer). Adds the layers' warnings and the stage's time to r. */
struct StreamedInputs {
    InputLayers layers;
    Raster masked;
    const Raster *survey = nullptr;
};

void prepareInputLayers(StreamedInputs &in, const Raster &surveyIn, const std::vector<LayerSpec> &specs,
                        PipelineResult &r, Feedback *feedback)
{
    in.survey = &surveyIn;
    if (specs.empty())
        return;
    const auto t0 = Clock::now();
    reportStage(feedback, Stage::InputLayers);
    in.layers = loadLayers(surveyIn, specs, feedback);
    in.masked = maskedSurvey(surveyIn, in.layers.valid);
    in.survey = &in.masked;
    r.warnings.insert(r.warnings.end(), in.layers.warnings.begin(), in.layers.warnings.end());
    r.stageSeconds.emplace_back("input_layers", secondsSince(t0));
}

/** Pass 1: the feature rasters strip by strip into path (every strip also goes to windows and statistics when
 *  given). Progress spans the stage. */
void writeFeatureStrips(const Autoencoder &model, const NormalizedImage &image, const std::vector<uint8_t> &valid,
                        const GridSpec &grid, const std::string &path, int stripRows, Feedback *feedback,
                        LabelWindows *windows, RunningStatistics *statistics)
{
    const int w = grid.width, h = grid.height, planes = model.featureCount();
    GeoTiffRowWriter writer(path, grid, planes, true, -9999.0, Compression::Fast, model.featureNames());
    for (int r0 = 0; r0 < h; r0 += stripRows) {
        const int r1 = std::min(h, r0 + stripRows);
        if (feedback)
            feedback->setProgressRange(double(r0) / h, (r0 + 0.9 * (r1 - r0)) / h);
        const FeatureRasters strip = denseFeatureRows(model, image, valid, r0, r1, feedback);
        if (statistics)
            statistics->add(strip, valid.data() + std::size_t(r0) * w);
        if (windows)
            windows->take(strip, r0, valid);
        for (int k = 0; k < planes; ++k) {
            checkCanceled(feedback);
            writer.writeFloatRows(k, r0, r1 - r0, strip.plane(k));
        }
        if (feedback) {
            feedback->setProgressRange(0.0, 1.0);
            feedback->setProgress(double(r1) / h);
        }
    }
    writer.close();
}

/** Refuses, before any work, classifier inputs whose whole-grid transforms would not fit in half of the machine's
 *  memory (the same bound as derived layers). */
void checkSvmInputsFit(const GridSpec &grid, const std::vector<std::string> &names)
{
    std::vector<LayerSpec> specs;
    for (const std::string &name : names) {
        LayerSpec spec;
        spec.kind = LayerSpec::Kind::Derived;
        spec.name = name;
        if (parseProductToken(name, spec.derive))
            specs.push_back(spec);
    }
    checkDerivedLayersFit(grid, specs, derivedLayerMemoryLimit());
}

/** Pass 2: classifies the map strip by strip from the feature rasters at featuresPath (with the rows that the
 *  patch modes read above and below each strip) into classesPath and probabilityPath; counts the classes in r. */
void classifyStrips(const Classifier &classifier, const std::string &featuresPath, const std::vector<uint8_t> &valid,
                    const GridSpec &grid, int patch, const std::string &classesPath, const std::string &probabilityPath,
                    int stripRows, PipelineResult &r, Feedback *feedback, const FeatureRasters *extra = nullptr)
{
    const int w = grid.width, h = grid.height, planes = classifier.planeCount();
    const int extraPlanes = extra ? extra->count : 0; // whole-grid planes after the file's (the classifier inputs)
    const int filePlanes = planes - extraPlanes;
    const SvmMode mode = classifier.mode();
    const bool patchMode = mode == SvmMode::PatchFeatures || mode == SvmMode::PatchSamples;
    const int margin = patchMode ? patch / 2 + 1 : 0;
    // Bands are decoded in parallel, each reader (its own GDAL handle) on its own thread.
    const int readerCount = int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    std::vector<std::unique_ptr<GeoTiffRowReader>> readers;
    for (int i = 0; i < readerCount; ++i)
        readers.push_back(std::make_unique<GeoTiffRowReader>(featuresPath));
    if (readers[0]->bandCount() != filePlanes)
        throw Error(ErrorCode::BadModel, featuresPath + " holds " + std::to_string(readers[0]->bandCount()) +
                                             " feature rasters; the classifier needs " + std::to_string(filePlanes) +
                                             ".");
    GeoTiffRowWriter classesOut(classesPath, grid, 1, false, 255, Compression::Deflate, {}, classColorTable());
    GeoTiffRowWriter probabilityOut(probabilityPath, grid, 1, true, -9999.0, Compression::Deflate,
                                    {"deposit probability"});
    std::vector<float> buffer;
    std::vector<uint8_t> classes;
    std::vector<float> probability;
    r.depositPixels = r.nonDepositPixels = 0;
    for (int r0 = 0; r0 < h; r0 += stripRows) {
        const int r1 = std::min(h, r0 + stripRows);
        const int b0 = std::max(0, r0 - margin), b1 = std::min(h, r1 + margin);
        const std::size_t cells = std::size_t(b1 - b0) * w;
        buffer.resize(cells * planes);
        FeatureStack stack;
        stack.width = w;
        stack.height = b1 - b0;
        stack.valid = valid.data() + std::size_t(b0) * w;
        for (int k = 0; k < planes; ++k)
            stack.planes.push_back(buffer.data() + k * cells);
        // One part per reader, each on a thread of its own; a part checks cancel before each band.
        parallelFor(int(readers.size()), int(readers.size()), nullptr, [&](int part) {
            for (int k = part; k < filePlanes; k += int(readers.size())) {
                checkCanceled(feedback);
                readers[part]->readFloatRows(k, b0, b1 - b0, buffer.data() + k * cells);
            }
        });
        for (int k = 0; k < extraPlanes; ++k)
            std::copy_n(extra->data.data() + std::size_t(k) * w * h + std::size_t(b0) * w, cells,
                        buffer.data() + std::size_t(filePlanes + k) * cells);
        if (feedback)
            feedback->setProgressRange(double(r0) / h, double(r1) / h);
        classifier.classify(stack, classes, probability, feedback);
        if (feedback)
            feedback->setProgressRange(0.0, 1.0);
        const std::size_t skip = std::size_t(r0 - b0) * w, count = std::size_t(r1 - r0) * w;
        for (std::size_t i = skip; i < skip + count; ++i) {
            r.depositPixels += classes[i] == 1;
            r.nonDepositPixels += classes[i] == 0;
        }
        classesOut.writeByteRows(0, r0, r1 - r0, classes.data() + skip);
        probabilityOut.writeFloatRows(0, r0, r1 - r0, probability.data() + skip);
        reportProgress(feedback, double(r1) / h);
    }
    classesOut.close();
    probabilityOut.close();
}

} // namespace

std::size_t featureRasterBytes(const GridSpec &grid, const AutoencoderParams &params)
{
    const std::size_t planes = std::size_t(params.filters[0]) + params.filters[1] + params.filters[2];
    return planes * grid.pixelCount() * sizeof(float);
}

PipelineParams streamedRunParams(const PipelineParams &given)
{
    PipelineParams p = given;
    p.ensemble = 1;
    p.background = 0;
    p.evaluate = false;
    p.cvSchemes = {CvScheme::Random}; // window positions are mosaic coordinates: spatial groups need the grid's
    p.svmInputs.clear();              // the strips hold the feature rasters only
    p.featureComponents = 0;          // likewise
    p.featureLayers.clear();          // likewise: every raster of the strips
    // The label windows hold the pixels the experiments read around each position; a buffered deposit's neighbours
    // at the grid's border would be their reflected copies there.
    p.experiments.depositBuffer = 0;
    return p;
}

PipelineResult runPipelineStreamed(const Raster &surveyIn, const LabelImage &labels, const PipelineParams &given,
                                   const RunContext &context, const std::string &folder, Feedback *feedback,
                                   const std::vector<std::string> &inputWarnings, int stripRows)
{
    checkParams(given, surveyIn.width(), surveyIn.height());
    checkSurveyValues(surveyIn);
    const PipelineParams params = streamedRunParams(given);
    if (params.featureMethod != FeatureMethod::Dense)
        throw Error(ErrorCode::BadParameter, "A streamed run computes dense feature rasters; the exact stitch (" +
                                                 featureMethodName(params.featureMethod) + ") runs in memory only.");
    checkStripRows(stripRows);
    PipelineResult r;
    r.stripRows = stripRows;
    r.warnings = inputWarnings;
    // Input layers besides the survey, as in memory: on the survey's grid, a pixel valid where every layer is. They
    // stay in memory beside the survey (4 bytes a pixel a layer once normalised); the feature rasters stream.
    checkDerivedLayersFit(surveyIn.grid, params.layers, derivedLayerMemoryLimit());
    StreamedInputs inputs;
    prepareInputLayers(inputs, surveyIn, params.layers, r, feedback);
    const Raster &survey = *inputs.survey;
    const std::vector<LabelledPosition> positions = runPositions(survey, labels, params, r, &surveyIn, &inputs.layers);
    OutputStaging staging(folder); // before the long work: an unwritable folder fails now
    if (given.ensemble > 1 || given.evaluate || given.background > 0 || !given.svmInputs.empty() ||
        given.featureComponents > 0 || !given.featureLayers.empty() || given.experiments.depositBuffer > 0 ||
        std::find(given.cvSchemes.begin(), given.cvSchemes.end(), CvScheme::Spatial) != given.cvSchemes.end())
        r.warnings.push_back(
            std::string("A streamed run trains one network, adds no background positions, ") +
            (given.experiments.depositBuffer > 0 ? "trains on the deposit labels alone (no buffer), " : "") +
            (given.svmInputs.empty() && given.featureComponents == 0 && given.featureLayers.empty()
                 ? ""
                 : "classifies on every feature raster alone (no magnetic products beside them, no "
                   "principal components or choice of encoder layers), ") +
            "cross-validates with random folds only and does not evaluate the map against deposits "
            "or baselines; run in memory (--stream off) on a smaller window of the survey for the "
            "ensemble, spatial cross-validation and the evaluation.");
    reportStage(feedback, Stage::TrainingNetwork);
    const NormalizedImage image = trainAutoencoderStage(survey, params, r, feedback, &inputs.layers);
    std::vector<Raster>().swap(inputs.layers.layers); // the network reads their normalised copy from here on
    const Autoencoder &model = *r.autoencoder;
    const int w = survey.width(), h = survey.height(), patch = params.autoencoder.patchSize;

    // Feature rasters, strip by strip: written out, summed into the statistics, cut into the label windows.
    auto t0 = Clock::now();
    reportStage(feedback, Stage::FeatureRasters);
    const std::string featuresPath = staging.path("features.tif");
    // Each labelled position keeps a window of every feature raster in memory: a large label set is bounded first,
    // to the sample that the classifier would draw (the largest samples per position of the modes run).
    const auto samplesMode = [](SvmMode m) { return m == SvmMode::PixelSamples || m == SvmMode::PatchSamples; };
    int samplesPerPosition = samplesMode(params.mode) ? model.featureCount() : 1;
    for (SvmMode m : params.cvModes)
        if (samplesMode(m))
            samplesPerPosition = model.featureCount();
    const int bound = classifierPositionsPerClass(params.experiments, samplesPerPosition);
    const std::vector<LabelledPosition> windowPositions = boundedSample(positions, bound, deriveSeed(params.seed, 4));
    if (windowPositions.size() < positions.size())
        r.warnings.push_back("The streamed run keeps the windows of a random sample of " +
                             std::to_string(windowPositions.size()) + " of the " + std::to_string(positions.size()) +
                             " labelled positions (at most " + std::to_string(bound) +
                             " per class, drawn with the run's seed) for cross-validation and the classifier.");
    LabelWindows windows(windowPositions, patch, model.featureCount(), w, h);
    RunningStatistics statistics(model.featureCount());
    writeFeatureStrips(model, image, survey.valid, survey.grid, featuresPath, stripRows, feedback, &windows,
                       &statistics);
    std::vector<float> mean, invStd;
    statistics.result(mean, invStd);
    r.stageSeconds.emplace_back("feature_rasters", secondsSince(t0));

    // Cross-validation and the classifier, on the label windows with the whole map's statistics.
    t0 = Clock::now();
    reportStage(feedback, Stage::CrossValidating);
    ExperimentParams ep = experimentParamsOf(params);
    ep.cvScheme = CvScheme::Random; // window positions are mosaic coordinates: spatial groups need the grid's
    const FeatureStack windowStack = windows.stack(mean, invStd);
    r.crossValidation = crossValidateModes(windowStack, windows.positions(), ep, params.cvModes, feedback);
    for (const ModeResult &m : r.crossValidation)
        for (const std::string &text : m.warnings)
            if (std::find(r.warnings.begin(), r.warnings.end(), text) == r.warnings.end())
                r.warnings.push_back(text);
    r.stageSeconds.emplace_back("cross_validation", secondsSince(t0));

    // Classification, strip by strip from the written feature rasters.
    t0 = Clock::now();
    reportStage(feedback, Stage::Classifying);
    r.classifier =
        std::make_shared<Classifier>(Classifier::train(windowStack, windows.positions(), params.mode, ep, feedback));
    classifyStrips(*r.classifier, featuresPath, survey.valid, survey.grid, patch, staging.path("classes.tif"),
                   staging.path("probability.tif"), stripRows, r, feedback);
    r.stageSeconds.emplace_back("classification", secondsSince(t0));

    reportStage(feedback, Stage::WritingOutputs);
    const OutputSummary outputs = finishRunOutputs(staging, r, params, context, feedback);
    std::ostringstream blob;
    r.classifier->save(blob);
    model.save(staging.path("model.pt"),
               {{"classifier", blob.str()},
                {"settings", modelSettingsBlob(params) + modelGridSettings(survey.grid, context.surveyPath)}});
    writeTextFileAtomically(staging.path("report.json"), pipelineReportJson(r, params, context, &outputs));
    checkCanceled(feedback);
    staging.commit(staleOutputs(outputs));
    reportProgress(feedback, 1.0);
    return r;
}

PipelineResult classifyWithModelStreamed(PipelineResult model, const Raster &surveyIn, const RunContext &context,
                                         const std::string &folder, Feedback *feedback, int stripRows)
{
    checkStripRows(stripRows);
    checkSurveyValues(surveyIn);
    const int channels = model.autoencoder->params().channels;
    if (channels != 1 + int(model.layers.size()))
        throw Error(ErrorCode::BadModel,
                    "The model's network reads " + std::to_string(channels) + " input layers, but " +
                        (model.layers.empty()
                             ? std::string("only the survey was given")
                             : "the survey and " + std::to_string(model.layers.size()) + " more were given") +
                        ".");
    checkSvmInputsFit(surveyIn.grid, model.svmInputs);
    PipelineResult r = std::move(model);
    r.stripRows = stripRows;
    checkDerivedLayersFit(surveyIn.grid, r.layers, derivedLayerMemoryLimit());
    StreamedInputs inputs;
    prepareInputLayers(inputs, surveyIn, r.layers, r, feedback);
    const Raster &survey = *inputs.survey;
    r.valid = survey.valid;
    OutputStaging staging(folder);
    const NormalizedImage image =
        normalizeLayersWith(inputs.layers.rasters(survey), r.autoencoder->normalizationOffsets(),
                            r.autoencoder->normalizationScales(), survey.valid);
    std::vector<Raster>().swap(inputs.layers.layers);
    auto t0 = Clock::now();
    reportStage(feedback, Stage::FeatureRasters);
    const std::string featuresPath = staging.path("features.tif");
    writeFeatureStrips(*r.autoencoder, image, survey.valid, survey.grid, featuresPath, stripRows, feedback, nullptr,
                       nullptr);
    r.stageSeconds.emplace_back("feature_rasters", secondsSince(t0));
    t0 = Clock::now();
    reportStage(feedback, Stage::Classifying);
    // The classifier's magnetic products beside the features: whole-grid transforms, derived once and held in
    // memory (4 bytes a pixel each), their rows appended to each strip's features.
    FeatureRasters inputPlanes;
    if (!r.svmInputs.empty()) {
        inputPlanes.width = survey.width();
        inputPlanes.height = survey.height();
        appendSvmInputs(inputPlanes, survey, r.svmInputs, feedback);
    }
    classifyStrips(*r.classifier, featuresPath, survey.valid, survey.grid, r.autoencoder->params().patchSize,
                   staging.path("classes.tif"), staging.path("probability.tif"), stripRows, r, feedback, &inputPlanes);
    r.stageSeconds.emplace_back("classification", secondsSince(t0));
    reportStage(feedback, Stage::WritingOutputs);
    PipelineParams params;
    params.svmInputs = r.svmInputs;
    params.autoencoder = r.autoencoder->params();
    params.mode = r.classifier->mode();
    params.layers = r.layers;
    params.ensemble = 1;
    params.background = 0;
    params.evaluate = false;
    const OutputSummary outputs = finishRunOutputs(staging, r, params, context, feedback);
    writeTextFileAtomically(staging.path("report.json"), pipelineReportJson(r, params, context, &outputs));
    checkCanceled(feedback);
    staging.commit(staleOutputs(outputs));
    reportProgress(feedback, 1.0);
    return r;
}

void releaseRasterCache()
{
    const GIntBig size = GDALGetCacheMax64();
    GDALSetCacheMax64(0); // drops every block not in use
    GDALSetCacheMax64(size);
#if defined(__GLIBC__)
    malloc_trim(0); // the blocks' memory back to the system, not only to the allocator
#endif
}

std::size_t setRasterCacheLimit(std::size_t bytes)
{
    const GIntBig previous = GDALGetCacheMax64();
    GDALSetCacheMax64(GIntBig(bytes));
    return std::size_t(previous);
}

Raster readRasterDecimated(const std::string &path, int band, int maxSide)
{
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetUniquePtr ds(GDALDataset::FromHandle(GDALOpen(path.c_str(), GA_ReadOnly)));
    GDALRasterBand *b = ds && band >= 1 && band <= ds->GetRasterCount() ? ds->GetRasterBand(band) : nullptr;
    const std::string opened = CPLGetLastErrorMsg();
    CPLPopErrorHandler();
    if (!b)
        throw Error(ErrorCode::NotARaster,
                    "Cannot read band " + std::to_string(band) + " of " + path + (opened.empty() ? "" : ": " + opened));
    const int fileWidth = ds->GetRasterXSize(), fileHeight = ds->GetRasterYSize();
    const double scale = std::min(1.0, double(std::max(1, maxSide)) / std::max(fileWidth, fileHeight));
    Raster r;
    r.path = path;
    r.band = band;
    r.grid.width = std::max(1, int(std::lround(fileWidth * scale)));
    r.grid.height = std::max(1, int(std::lround(fileHeight * scale)));
    double gt[6];
    r.grid.hasGeoTransform = ds->GetGeoTransform(gt) == CE_None;
    if (r.grid.hasGeoTransform) {
        const double sx = double(fileWidth) / r.grid.width, sy = double(fileHeight) / r.grid.height;
        r.grid.geoTransform = {gt[0], gt[1] * sx, gt[2] * sy, gt[3], gt[4] * sx, gt[5] * sy};
    }
    if (const char *wkt = ds->GetProjectionRef())
        r.grid.crsWkt = wkt;
    int hasNoData = 0;
    const double noData = b->GetNoDataValue(&hasNoData);
    r.hasNoData = hasNoData != 0;
    r.noData = noData;
    const std::size_t n = r.grid.pixelCount();
    r.data.resize(n);
    r.valid.assign(n, 1);
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_Average;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const CPLErr err = b->RasterIO(GF_Read, 0, 0, fileWidth, fileHeight, r.data.data(), r.grid.width, r.grid.height,
                                   GDT_Float32, 0, 0, &extra);
    const std::string message = CPLGetLastErrorMsg();
    CPLPopErrorHandler();
    if (err != CE_None)
        throw Error(ErrorCode::NotARaster, "Cannot read band " + std::to_string(band) + " of " + path + ": " + message);
    const float noDataFloat = float(noData);
    for (std::size_t i = 0; i < n; ++i) {
        float &v = r.data[i];
        if (!std::isfinite(v) || (r.hasNoData && v == noDataFloat)) {
            v = std::numeric_limits<float>::quiet_NaN();
            r.valid[i] = 0;
        }
    }
    return r;
}

} // namespace lodestone
