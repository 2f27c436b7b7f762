// LibTorch implementation of the autoencoder. The only translation unit of the training code that includes
// torch/torch.h, so that a change elsewhere does not recompile it. The hand-written training kernels are in
// trainingkernels*.cpp (without LibTorch); here the parts of training that need LibTorch: the network's plan
// (its upsampling read from LibTorch) and the copies of the weights between the module and the kernels.
#include "autoencoder.h"
#include "autoencodernet.h"
#include "trainingkernels.h"

#include "atomicfile.h"
#include "error.h"
#include "feedback.h"
#include "random.h"
#include "raster.h"
#include "svm.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>
#include <torch/version.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <thread>

namespace lodestone {

namespace {

// Model files: LibTorch's archive of the module's parameters, the extras, and "lodestone_meta", float64:
//   [0] format, [1] offset, [2] scale, [3] patch size, [4..6] filters, [7] seed   (format 1, every model)
//   [8] channels C, then C pairs (offset, scale)                                   (models with C recorded)
// [1] and [2] repeat channel 0's normalisation. A one-channel model is written as format 1, which Lodestone
// builds from before multi-channel models read as before (they ignore the slots from [8] on); a model of several
// channels is format 2, which they refuse as a newer format rather than misreading its first layer. A format-1
// file with 8 slots is a one-channel model.
constexpr int kFormatVersion = 2; // the newest format this build reads
constexpr int kMetaSlots = 8;     // the slots of every format
constexpr int kMaxChannels = 64;

/** Fisher-Yates with the portable generator, so the batch order is the same everywhere for a seed. */
std::vector<int64_t> shuffled(int64_t n, std::uint64_t &state)
{
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; ++i)
        order[i] = i;
    for (int64_t i = n - 1; i > 0; --i)
        std::swap(order[i], order[uniformIndex(state, std::uint64_t(i) + 1)]);
    return order;
}

torch::Tensor patchTensor(const NormalizedImage &image, const std::vector<std::size_t> &centres, int p)
{
    auto t = torch::empty({int64_t(centres.size()), image.channels, p, p}, torch::kFloat32);
    float *dst = t.data_ptr<float>();
    const std::size_t patchFloats = std::size_t(image.channels) * p * p;
    for (std::size_t k = 0; k < centres.size(); ++k) {
        const int col = int(centres[k] % image.width), row = int(centres[k] / image.width);
        extractPatch(image, col, row, p, dst + k * patchFloats);
    }
    return t;
}

/** Refuses an image whose channel count is not the model's, or whose data does not hold its channels. */
void checkImage(const NormalizedImage &image, int channels)
{
    if (image.channels != channels)
        throw Error(ErrorCode::BadParameter, "The model takes " + std::to_string(channels) + " input layer" +
                                                 (channels == 1 ? "" : "s") + " but the image has " +
                                                 std::to_string(image.channels) + ".");
    if (image.data.size() != std::size_t(image.channels) * image.planeSize())
        throw Error(ErrorCode::BadParameter, "The image holds " + std::to_string(image.data.size()) + " values for " +
                                                 std::to_string(image.channels) + " layer(s) of " +
                                                 std::to_string(image.width) + " x " + std::to_string(image.height) +
                                                 " pixels.");
}

void validate(const AutoencoderParams &p)
{
    auto bad = [](const std::string &what) { throw Error(ErrorCode::BadParameter, what); };
    if (p.channels < 1 || p.channels > kMaxChannels)
        bad("The network takes between 1 and " + std::to_string(kMaxChannels) + " input layers, not " +
            std::to_string(p.channels) + ".");
    if (p.patchSize < 4 || p.patchSize > 512)
        bad("The patch size must be between 4 and 512 pixels, not " + std::to_string(p.patchSize) + ".");
    for (int f : p.filters)
        if (f < 1 || f > 256)
            bad("Each encoder layer needs between 1 and 256 filters, not " + std::to_string(f) + ".");
    if (p.trainPatches < 1)
        bad("At least one training patch is needed.");
    if (p.epochs < 1)
        bad("At least one training epoch is needed.");
    if (p.batchSize < 1)
        bad("The batch size must be at least 1.");
    if (!(p.learningRate > 0) || !std::isfinite(p.learningRate))
        bad("The learning rate must be a positive finite number.");
}

/** Training that produced a non-finite loss or weight: the settings, not the labels or the survey, are the cause. */
[[noreturn]] void diverged(const AutoencoderParams &p, int epoch, std::int64_t batch, double value)
{
    std::ostringstream s;
    s << "Training of the autoencoder diverged: " << (std::isnan(value) ? "a NaN" : "an infinite")
      << " reconstruction loss or weight appeared in epoch " << epoch + 1 << ", batch " << batch + 1
      << ". The learning rate (" << p.learningRate << ") is too large for this survey; try a smaller one (the "
      << "default is " << AutoencoderParams().learningRate << ").";
    throw Error(ErrorCode::BadParameter, s.str());
}

} // namespace

namespace train {

namespace {

/** Source indices of LibTorch's nearest interpolation from in to out cells, read from LibTorch itself. */
std::vector<int> nearestSources(int in, int out)
{
    torch::NoGradGuard noGrad;
    auto src = torch::arange(in, torch::kFloat32).view({1, 1, 1, in});
    auto r = F::interpolate(src, F::InterpolateFuncOptions().size(std::vector<int64_t>{1, out}).mode(torch::kNearest))
                 .contiguous();
    std::vector<int> map(out);
    for (int i = 0; i < out; ++i)
        map[i] = int(r.data_ptr<float>()[i]);
    return map;
}

Plan makePlan(int p, const std::array<int, 3> &f, int channels)
{
    Plan plan;
    plan.c = channels;
    plan.p = p;
    plan.p2 = p / 2;             // max pool 2 x 2, floor
    plan.p3 = (plan.p2 + 1) / 2; // max pool 2 x 2, ceil
    plan.f = f;
    const std::array<std::pair<int, int>, 6> io = {
        {{channels, f[0]}, {f[0], f[1]}, {f[1], f[2]}, {f[2], f[2]}, {f[2], f[0]}, {f[0], channels}}};
    std::size_t offset = 0;
    for (int l = 0; l < 6; ++l) {
        Conv &c = plan.conv[l];
        c.ci = io[l].first;
        c.co = io[l].second;
        c.w = offset;
        offset += std::size_t(9) * c.ci * c.co;
        c.b = offset;
        offset += c.co;
    }
    plan.parameters = offset;
    plan.up2 = nearestSources(plan.p3, plan.p2);
    plan.up1 = nearestSources(plan.p2, p);
    return plan;
}

/** Copies the module's weights (or their gradients) into the flat parameter vector
 *  ([co][ci][ky][kx] -> [ky][kx][ci][co]). */
void readParameters(Net &net, const Plan &plan, std::vector<float> &params, bool gradients = false)
{
    torch::NoGradGuard noGrad;
    params.assign(plan.parameters, 0.0f);
    const std::array<torch::nn::Conv2d *, 6> mods = {&net->e1, &net->e2, &net->e3, &net->d1, &net->d2, &net->d3};
    for (int l = 0; l < 6; ++l) {
        const Conv &c = plan.conv[l];
        torch::Tensor w = (*mods[l])->weight, b = (*mods[l])->bias;
        if (gradients) {
            w = w.grad();
            b = b.grad();
        }
        w = w.detach().contiguous();
        b = b.detach().contiguous();
        const float *pw = w.data_ptr<float>(), *pb = b.data_ptr<float>();
        for (int o = 0; o < c.co; ++o)
            for (int i = 0; i < c.ci; ++i)
                for (int t = 0; t < 9; ++t)
                    params[c.w + (std::size_t(t) * c.ci + i) * c.co + o] = pw[(std::size_t(o) * c.ci + i) * 9 + t];
        for (int o = 0; o < c.co; ++o)
            params[c.b + o] = pb[o];
    }
}

/** Writes the flat parameter vector back into the module. */
void writeParameters(Net &net, const Plan &plan, const std::vector<float> &params)
{
    torch::NoGradGuard noGrad;
    const std::array<torch::nn::Conv2d *, 6> mods = {&net->e1, &net->e2, &net->e3, &net->d1, &net->d2, &net->d3};
    for (int l = 0; l < 6; ++l) {
        const Conv &c = plan.conv[l];
        torch::Tensor w = torch::empty({c.co, c.ci, 3, 3}, torch::kFloat32), b = torch::empty({c.co}, torch::kFloat32);
        float *pw = w.data_ptr<float>(), *pb = b.data_ptr<float>();
        for (int o = 0; o < c.co; ++o)
            for (int i = 0; i < c.ci; ++i)
                for (int t = 0; t < 9; ++t)
                    pw[(std::size_t(o) * c.ci + i) * 9 + t] = params[c.w + (std::size_t(t) * c.ci + i) * c.co + o];
        for (int o = 0; o < c.co; ++o)
            pb[o] = params[c.b + o];
        (*mods[l])->weight.copy_(w);
        (*mods[l])->bias.copy_(b);
    }
}

} // namespace

} // namespace train

struct Autoencoder::Impl {
    AutoencoderParams params;
    Net net{nullptr};
    std::uint64_t seed = 0;
    std::vector<double> offsets, scales; // one per channel
};

Net &AutoencoderAccess::net(const Autoencoder &model)
{
    return model.m_impl->net;
}

Autoencoder::Autoencoder(const AutoencoderParams &params, std::uint64_t seed) : m_impl(std::make_unique<Impl>())
{
    validate(params);
    m_impl->params = params;
    m_impl->seed = seed;
    torch::manual_seed(seed); // weight initialisation
    m_impl->net = Net(params.filters, params.channels);
    m_impl->offsets.assign(std::size_t(params.channels), 0.0);
    m_impl->scales.assign(std::size_t(params.channels), 1.0);
}

Autoencoder::~Autoencoder() = default;
Autoencoder::Autoencoder(Autoencoder &&) noexcept = default;
Autoencoder &Autoencoder::operator=(Autoencoder &&) noexcept = default;

const AutoencoderParams &Autoencoder::params() const
{
    return m_impl->params;
}

int Autoencoder::featureCount() const
{
    const auto &f = m_impl->params.filters;
    return f[0] + f[1] + f[2];
}

std::vector<std::string> Autoencoder::featureNames() const
{
    std::vector<std::string> names;
    const auto &f = m_impl->params.filters;
    for (int layer = 0; layer < 3; ++layer)
        for (int k = 0; k < f[layer]; ++k) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "layer%d_filter%02d", layer + 1, k + 1);
            names.emplace_back(buf);
        }
    return names;
}

TrainingHistory Autoencoder::train(const NormalizedImage &image, const std::vector<std::size_t> &centres,
                                   Feedback *feedback)
{
    const AutoencoderParams &p = m_impl->params;
    if (p.patchSize > image.width || p.patchSize > image.height)
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p.patchSize) +
                                                 ") is larger than the survey (" + std::to_string(image.width) + " x " +
                                                 std::to_string(image.height) + ").");
    if (centres.empty())
        throw Error(ErrorCode::BadParameter, "At least one training patch is needed.");
    checkImage(image, p.channels);
    // The hand-written kernels (trainingkernels.h): same network, loss, batches and Adam as LibTorch's, several times
    // faster.
    Net &net = m_impl->net;
    const train::Plan plan = train::makePlan(p.patchSize, p.filters, p.channels);
    const train::Kernels kernels(plan);
    std::vector<float> params, grad;
    train::readParameters(net, plan, params);
    train::Adam adam(p.learningRate, plan.parameters);
    train::WorkspacePool pool(plan);
    const int threads = std::max(1, at::get_num_threads()); // as set by configureTorchThreads()
    std::vector<std::vector<float>> chunkGrads;
    std::vector<std::size_t> batch;
    const int64_t n = int64_t(centres.size());
    const int64_t batches = (n + p.batchSize - 1) / p.batchSize;
    std::uint64_t state = m_impl->seed ^ 0x5A17ull;
    TrainingHistory history;
    for (int epoch = 0; epoch < p.epochs; ++epoch) {
        const std::vector<int64_t> order = shuffled(n, state);
        double total = 0.0;
        for (int64_t b = 0; b < batches; ++b) {
            checkCanceled(feedback);
            const int64_t begin = b * p.batchSize, end = std::min(n, begin + p.batchSize);
            batch.clear();
            for (int64_t i = begin; i < end; ++i)
                batch.push_back(centres[std::size_t(order[i])]);
            const train::StepWeights sw = train::stepWeights(plan, params);
            const double loss = train::batchGradient(plan, kernels, sw, pool, threads, image, batch.data(),
                                                     int(batch.size()), chunkGrads, grad, feedback);
            if (!std::isfinite(loss))
                diverged(p, epoch, b, loss);
            adam.update(params, grad);
            train::writeParameters(net, plan, params); // the module is current whenever feedback is called
            total += loss * double(end - begin);
            reportProgress(feedback, double(epoch * batches + b + 1) / double(p.epochs * batches));
        }
        for (float v : params)
            if (!std::isfinite(v))
                diverged(p, epoch, batches - 1, v);
        history.epochLoss.push_back(total / double(n));
        if (feedback)
            feedback->epochLoss(epoch + 1, history.epochLoss.back());
    }
    net->eval();
    return history;
}

/** Testing hook (declared by tests/core/test_autoencoder.cpp; not part of the API): the largest difference
 *  between the hand-written training kernels and LibTorch autograd, in the loss and in the parameter gradient
 *  of the mean squared error over the patches around centres, each relative to LibTorch's largest value. */
double trainingGradientMismatch(const Autoencoder &model, const NormalizedImage &image,
                                const std::vector<std::size_t> &centres)
{
    Net &net = AutoencoderAccess::net(model);
    const AutoencoderParams &p = model.params();
    checkImage(image, p.channels);
    const train::Plan plan = train::makePlan(p.patchSize, p.filters, p.channels);
    std::vector<float> params, grad, reference;
    train::readParameters(net, plan, params);
    train::WorkspacePool pool(plan);
    std::vector<std::vector<float>> chunkGrads;
    const double loss = train::batchGradient(plan, train::Kernels(plan), train::stepWeights(plan, params), pool,
                                             std::max(1, at::get_num_threads()), image, centres.data(),
                                             int(centres.size()), chunkGrads, grad, nullptr);
    net->zero_grad();
    torch::Tensor x = patchTensor(image, centres, p.patchSize);
    torch::Tensor torchLoss = torch::mse_loss(net->forward(x), x);
    torchLoss.backward();
    train::readParameters(net, plan, reference, true);
    net->zero_grad();
    double largest = 0.0, worst = 0.0;
    for (float g : reference)
        largest = std::max(largest, double(std::abs(g)));
    for (std::size_t i = 0; i < grad.size(); ++i)
        worst = std::max(worst, std::abs(double(grad[i]) - double(reference[i])) / std::max(largest, 1e-30));
    const double l = torchLoss.item<double>();
    return std::max(worst, std::abs(loss - l) / std::max(l, 1e-30));
}

double Autoencoder::reconstructionLoss(const NormalizedImage &image, const std::vector<std::size_t> &centres) const
{
    checkImage(image, m_impl->params.channels);
    torch::NoGradGuard noGrad;
    const int p = m_impl->params.patchSize;
    double total = 0.0;
    const std::size_t chunk = 1024;
    for (std::size_t i = 0; i < centres.size(); i += chunk) {
        std::vector<std::size_t> part(centres.begin() + i, centres.begin() + std::min(centres.size(), i + chunk));
        torch::Tensor x = patchTensor(image, part, p);
        total += torch::mse_loss(m_impl->net->forward(x), x).item<double>() * double(part.size());
    }
    return centres.empty() ? 0.0 : total / double(centres.size());
}

void Autoencoder::encodeResized(const float *patches, int n, float *out) const
{
    torch::NoGradGuard noGrad;
    const int64_t p = m_impl->params.patchSize;
    const int64_t c = m_impl->params.channels;
    auto x = torch::from_blob(const_cast<float *>(patches), {n, c, p, p}, torch::kFloat32);
    auto acts = m_impl->net->encode(x);
    std::vector<torch::Tensor> maps;
    for (auto &a : acts)
        maps.push_back(a.size(-1) == p ? a
                                       : F::interpolate(a, F::InterpolateFuncOptions()
                                                               .size(std::vector<int64_t>{p, p})
                                                               .mode(torch::kBilinear)
                                                               .align_corners(false)));
    torch::Tensor all = torch::cat(maps, 1).contiguous();
    std::memcpy(out, all.data_ptr<float>(), sizeof(float) * std::size_t(all.numel()));
}

void Autoencoder::setNormalization(const std::vector<double> &offsets, const std::vector<double> &scales)
{
    const std::size_t c = std::size_t(m_impl->params.channels);
    if (offsets.size() != c || scales.size() != c)
        throw Error(ErrorCode::BadParameter, "The model takes " + std::to_string(c) + " input layer" +
                                                 (c == 1 ? "" : "s") + " but its normalisation was given " +
                                                 std::to_string(offsets.size()) + " offset(s) and " +
                                                 std::to_string(scales.size()) + " scale(s).");
    m_impl->offsets = offsets;
    m_impl->scales = scales;
}

void Autoencoder::setNormalization(double offset, double scale)
{
    setNormalization(std::vector<double>{offset}, std::vector<double>{scale});
}

const std::vector<double> &Autoencoder::normalizationOffsets() const
{
    return m_impl->offsets;
}

const std::vector<double> &Autoencoder::normalizationScales() const
{
    return m_impl->scales;
}

std::string Autoencoder::serialize(const std::vector<std::pair<std::string, std::string>> &extras,
                                   const std::string &path) const
{
    const AutoencoderParams &p = m_impl->params;
    torch::serialize::OutputArchive archive;
    m_impl->net->save(archive);
    std::vector<double> meta = {p.channels == 1 ? 1.0 : 2.0, m_impl->offsets[0],   m_impl->scales[0],
                                double(p.patchSize),         double(p.filters[0]), double(p.filters[1]),
                                double(p.filters[2]),        double(m_impl->seed), double(p.channels)};
    for (int c = 0; c < p.channels; ++c) {
        meta.push_back(m_impl->offsets[std::size_t(c)]);
        meta.push_back(m_impl->scales[std::size_t(c)]);
    }
    archive.write("lodestone_meta", torch::tensor(meta, torch::kFloat64));
    for (const auto &[name, blob] : extras) {
        auto t = torch::empty({int64_t(blob.size())}, torch::kUInt8);
        std::memcpy(t.data_ptr<uint8_t>(), blob.data(), blob.size());
        archive.write("extra_" + name, t);
    }
    // The archive is serialised into memory and written by writeFileAtomically(), so that a full disk is an Error
    // naming the final file. LibTorch's own file writer reports a failed write by throwing from its destructor,
    // which ends the process; this writer function never fails towards LibTorch.
    std::string bytes;
    bool outOfMemory = false;
    try {
        archive.save_to([&bytes, &outOfMemory](const void *data, std::size_t n) -> std::size_t {
            if (!outOfMemory) {
                try {
                    bytes.append(static_cast<const char *>(data), n);
                } catch (...) {
                    outOfMemory = true;
                }
            }
            return n;
        });
    } catch (const std::exception &e) {
        throw Error(ErrorCode::WriteFailed, "Cannot write " + finalPathOf(path) + ": " + e.what());
    }
    if (outOfMemory)
        throw Error(ErrorCode::WriteFailed,
                    "Cannot write " + finalPathOf(path) + ": out of memory while serialising the model.");
    return bytes;
}

void Autoencoder::save(const std::string &path, const std::vector<std::pair<std::string, std::string>> &extras) const
{
    const std::string bytes = serialize(extras, path);
    writeFileAtomically(path, bytes.data(), bytes.size());
}

Autoencoder Autoencoder::load(const std::string &path, std::vector<std::pair<std::string, std::string>> *extras)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::FileNotFound, "Model file not found: " + path);
    return deserialize(nullptr, 0, path, extras);
}

namespace {

/** Checks the CRC-32 of every entry of a model archive (a zip file: tensors stored, TorchScript source deflated)
 *  against its central directory, before LibTorch parses it: LibTorch does not, and a damaged TorchScript entry can
 *  crash its parser instead of raising an error. Entries in ZIP64 form or other compressions are left to LibTorch. */
void checkArchiveChecksums(const char *data, std::size_t size, const std::string &path)
{
    auto damaged = [&](const std::string &why) {
        throw Error(ErrorCode::BadModel, path + " is damaged (" + why +
                                             "): it is not a model that Lodestone wrote, "
                                             "or it was altered or cut short.");
    };
    auto u16 = [&](std::size_t at) -> std::uint32_t {
        if (at > size || size - at < 2)
            damaged("its archive directory points outside the file");
        const auto *b = reinterpret_cast<const unsigned char *>(data + at);
        return std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8;
    };
    auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
    if (size < 22)
        damaged("it is too short for an archive");
    std::size_t eocd = size - 22;
    const std::size_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
    while (u32(eocd) != 0x06054b50u) {
        if (eocd == lowest)
            damaged("it has no archive directory");
        --eocd;
    }
    const std::uint32_t entries = u16(eocd + 10), directory = u32(eocd + 16);
    // Lodestone's models are small: their directory's count and offset are real numbers, never the ZIP64 markers,
    // which would send LibTorch to a second directory this check does not read (and past it, to a parser that
    // crashes on some damaged entries).
    if (directory == 0xffffffffu || entries == 0xffffu)
        damaged("its archive directory declares sizes beyond any model Lodestone writes");
    std::size_t at = directory;
    for (std::uint32_t i = 0; i < entries; ++i) {
        if (u32(at) != 0x02014b50u)
            damaged("its archive directory is corrupt");
        const std::uint32_t method = u16(at + 10), crc = u32(at + 16), stored = u32(at + 20), length = u32(at + 24);
        const std::uint32_t nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32);
        const std::uint32_t local = u32(at + 42);
        if (at + 46 + nameLength > size)
            damaged("its archive directory points outside the file");
        const std::string name(data + at + 46, nameLength);
        at += 46 + std::size_t(nameLength) + extraLength + commentLength;
        // Lodestone writes small archives: stored or deflated entries, no ZIP64 sizes. Anything else would reach
        // LibTorch's reader, which allocates whatever size an entry declares (4 GB for 0xffffffff).
        if (stored == 0xffffffffu || length == 0xffffffffu || local == 0xffffffffu)
            damaged("the entry '" + name + "' declares sizes beyond any model Lodestone writes");
        if (method != 0 && method != 8)
            damaged("the entry '" + name + "' is compressed in a way Lodestone does not write");
        if (method == 0 && stored != length)
            damaged("the entry '" + name + "' declares two different sizes");
        if (u32(local) != 0x04034b50u)
            damaged("the entry '" + name + "' does not start where the archive directory says");
        const std::size_t begin = std::size_t(local) + 30 + u16(local + 26) + u16(local + 28);
        if (begin > size || size - begin < stored)
            damaged("the entry '" + name + "' is cut short");
        const char *content = data + begin;
        std::string inflated;
        if (method == 8) { // deflated (LibTorch compresses its TorchScript source): inflate, then check
            if (length > (std::uint32_t(1) << 30))
                damaged("the entry '" + name + "' claims an implausible size");
            inflated.resize(length);
            z_stream z{};
            if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
                damaged("the entry '" + name + "' cannot be inflated");
            z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data + begin));
            z.avail_in = stored;
            z.next_out = reinterpret_cast<Bytef *>(inflated.data());
            z.avail_out = length;
            const int status = inflate(&z, Z_FINISH);
            const uLong produced = z.total_out;
            inflateEnd(&z);
            if (status != Z_STREAM_END || produced != length)
                damaged("the entry '" + name + "' does not inflate to its size");
            content = inflated.data();
        }
        uLong sum = crc32(0L, Z_NULL, 0);
        std::size_t done = 0;
        while (done < length) { // zlib takes 32-bit lengths
            const uInt chunk = uInt(std::min<std::size_t>(length - done, 1u << 30));
            sum = crc32(sum, reinterpret_cast<const Bytef *>(content + done), chunk);
            done += chunk;
        }
        if (std::uint32_t(sum) != crc)
            damaged("the entry '" + name + "' does not match its checksum");
    }
}

} // namespace

namespace {

/** Whether a tensor read from a file has the bytes its shape claims: a damaged archive can describe a tensor
 *  whose storage is missing or shorter than its sizes and strides reach, which LibTorch would read out of
 *  bounds (or at a null pointer) in the first operation on it. */
bool storageHolds(const torch::Tensor &t)
{
    if (!t.defined())
        return false;
    if (t.numel() == 0)
        return true;
    if (!t.has_storage() || t.storage().data() == nullptr || t.storage_offset() < 0)
        return false;
    int64_t extent = 1; // elements from the first one reached to the last, plus one
    for (int64_t d = 0; d < t.dim(); ++d) {
        if (t.stride(d) < 0)
            return false;
        extent += (t.size(d) - 1) * t.stride(d);
    }
    const auto needed =
        (static_cast<unsigned long long>(t.storage_offset()) + static_cast<unsigned long long>(extent)) *
        static_cast<unsigned long long>(t.element_size());
    return needed <= static_cast<unsigned long long>(t.storage().nbytes());
}

} // namespace

Autoencoder Autoencoder::deserialize(const char *data, std::size_t size, const std::string &path,
                                     std::vector<std::pair<std::string, std::string>> *extras)
{
    std::string fileBytes;
    if (!data) {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Error(ErrorCode::BadModel, "Cannot read the model file " + path + ".");
        fileBytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad())
            throw Error(ErrorCode::BadModel, "Cannot read the model file " + path + ".");
        data = fileBytes.data();
        size = fileBytes.size();
    }
    checkArchiveChecksums(data, size, path); // LibTorch then reads these bytes, not the file again
    try {
        torch::serialize::InputArchive archive;
        if (data)
            archive.load_from(data, size);
        else
            archive.load_from(path);
        torch::Tensor meta;
        if (!archive.try_read("lodestone_meta", meta) || !storageHolds(meta) || meta.numel() < kMetaSlots)
            throw Error(ErrorCode::BadModel, path + " is not a Lodestone model (no model description inside).");
        meta = meta.to(torch::kFloat64).contiguous();
        const double *m = meta.data_ptr<double>();
        // Every field is checked before it is converted or used: a NaN or huge value converted to int is undefined,
        // and a NaN normalisation would turn every feature into nodata without a word.
        auto invalid = [&](const std::string &field, double v) {
            std::ostringstream s;
            s << path << " holds an invalid " << field << " (" << v
              << "): it is not a model that Lodestone wrote, or it was altered.";
            throw Error(ErrorCode::BadModel, s.str());
        };
        auto whole = [&](const std::string &field, double v, double lo, double hi) {
            if (!(std::isfinite(v) && v >= lo && v <= hi && v == std::floor(v)))
                invalid(field, v);
            return v;
        };
        if (std::isfinite(m[0]) && m[0] > kFormatVersion)
            throw Error(ErrorCode::BadModel, path + " was written by a newer Lodestone (model format " +
                                                 std::to_string(int(std::min(m[0], 1e9))) + ").");
        whole("model format", m[0], 1, kFormatVersion);
        if (!std::isfinite(m[1]))
            invalid("normalisation offset", m[1]);
        if (!(std::isfinite(m[2]) && m[2] > 0))
            invalid("normalisation scale", m[2]);
        AutoencoderParams p;
        p.patchSize = int(whole("patch size", m[3], 4, 512));
        p.filters = {int(whole("filter count", m[4], 1, 256)), int(whole("filter count", m[5], 1, 256)),
                     int(whole("filter count", m[6], 1, 256))};
        std::vector<double> offsets{m[1]}, scales{m[2]};
        if (meta.numel() > kMetaSlots) { // channels and their normalisation recorded
            const double c = m[kMetaSlots];
            if (!(c >= 1 && c <= kMaxChannels) || c != std::floor(c) ||
                meta.numel() != kMetaSlots + 1 + 2 * int64_t(c)) {
                char count[32];
                std::snprintf(count, sizeof count, "%g", c);
                throw Error(ErrorCode::BadModel, path + " has a damaged model description (" +
                                                     std::to_string(meta.numel()) + " values for " + count +
                                                     " input layers).");
            }
            p.channels = int(c);
            offsets.clear();
            scales.clear();
            for (int k = 0; k < p.channels; ++k) {
                const double offset = m[kMetaSlots + 1 + 2 * k], scale = m[kMetaSlots + 2 + 2 * k];
                if (!std::isfinite(offset))
                    invalid("normalisation offset of layer " + std::to_string(k + 1), offset);
                if (!(std::isfinite(scale) && scale > 0))
                    invalid("normalisation scale of layer " + std::to_string(k + 1), scale);
                offsets.push_back(offset);
                scales.push_back(scale);
            }
        }
        Autoencoder model(p, std::uint64_t(whole("seed", m[7], 0, 18446744073709549568.0)));
        // LibTorch's load takes whatever shapes the file holds: compare them with the described network's.
        std::vector<std::vector<int64_t>> shapes;
        for (const torch::Tensor &t : model.m_impl->net->parameters())
            shapes.push_back(t.sizes().vec());
        model.m_impl->net->load(archive);
        const std::vector<torch::Tensor> loaded = model.m_impl->net->parameters();
        for (std::size_t i = 0; i < loaded.size(); ++i)
            if (i >= shapes.size() || loaded[i].sizes().vec() != shapes[i] || !storageHolds(loaded[i]))
                throw Error(ErrorCode::BadModel, path + " holds weights that do not fit its described network (" +
                                                     std::to_string(p.channels) + " input layer(s), filters " +
                                                     std::to_string(p.filters[0]) + "," + std::to_string(p.filters[1]) +
                                                     "," + std::to_string(p.filters[2]) + ").");
        model.m_impl->net->eval();
        for (const auto &item : model.m_impl->net->named_parameters())
            if (!torch::isfinite(item.value()).all().item<bool>())
                throw Error(ErrorCode::BadModel, path + " holds weights that are not finite numbers (in " + item.key() +
                                                     "): the network cannot be used.");
        model.setNormalization(offsets, scales);
        if (extras) {
            for (auto &[name, blob] : *extras) {
                torch::Tensor t;
                if (!archive.try_read("extra_" + name, t))
                    throw Error(ErrorCode::BadModel, path + " lacks its " + name + " part.");
                if (!storageHolds(t))
                    throw Error(ErrorCode::BadModel, path + " has a damaged " + name + " part.");
                t = t.contiguous();
                blob.assign(reinterpret_cast<const char *>(t.data_ptr<uint8_t>()), std::size_t(t.numel()));
            }
        }
        return model;
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        std::string what = e.what();
        what = what.substr(0, what.find('\n'));
        throw Error(ErrorCode::BadModel, path + " is not a readable Lodestone model: " + what);
    }
}

void configureTorchThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(std::min(threads, maxThreads()));
}

std::string torchVersion()
{
    return TORCH_VERSION;
}

} // namespace lodestone
