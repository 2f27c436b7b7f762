// The LibTorch autoencoder: training lowers the loss, encoding is deterministic, models round-trip.
#include "autoencoder.h"
#include "error.h"
#include "featurerasters.h"
#include "feedback.h"
#include "patches.h"
#include "random.h"
#include "testutil.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

using namespace lodestone;

namespace lodestone {
// Testing hook defined in core/autoencoder.cpp (not part of the API): the largest relative difference between
// the hand-written training kernels and LibTorch autograd, in loss and parameter gradient.
double trainingGradientMismatch(const Autoencoder &model, const NormalizedImage &image,
                                const std::vector<std::size_t> &centres);
} // namespace lodestone

namespace {

NormalizedImage blobs(int w, int h)
{
    NormalizedImage img;
    img.width = w;
    img.height = h;
    img.data.resize(std::size_t(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.data[std::size_t(y) * w + x] =
                float(0.5 + 0.25 * std::sin(0.2 * x) * std::cos(0.15 * y) +
                      0.2 * std::exp(-((x - 30) * (x - 30) + (y - 20) * (y - 20)) / 40.0));
    return img;
}

/** blobs() as channel 0 and other smooth fields as channels 1, 2, ... (values in about [0, 1]). */
NormalizedImage layers(int w, int h, int channels)
{
    NormalizedImage img = blobs(w, h);
    img.channels = channels;
    img.offsets.assign(std::size_t(channels), 0.0);
    img.scales.assign(std::size_t(channels), 1.0);
    img.data.resize(std::size_t(channels) * w * h);
    for (int c = 1; c < channels; ++c)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                img.plane(c)[std::size_t(y) * w + x] =
                    float(0.5 + 0.4 * std::cos(0.11 * c * x + 0.07 * y) * std::sin(0.05 * (x - y) + c));
    return img;
}

AutoencoderParams small()
{
    AutoencoderParams p;
    p.patchSize = 16;
    p.filters = {6, 4, 4};
    p.trainPatches = 300;
    p.epochs = 4;
    p.batchSize = 32;
    p.learningRate = 3e-3;
    return p;
}

struct CountingFeedback : Feedback {
    int epochs = 0;
    double lastProgress = 0;
    void onEpochLoss(int, double) override { ++epochs; }
    void onProgress(double f) override { lastProgress = f; }
};

/** Saves a small two-layer model to path and returns the file's bytes. */
std::string savedSmallModel(const std::string &path)
{
    Autoencoder(small(), 2).save(path);
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

TEST(Autoencoder, TrainingLowersTheLossAndReportsEpochs)
{
    configureTorchThreads();
    NormalizedImage img = blobs(60, 48);
    std::vector<uint8_t> valid(img.data.size(), 1);
    auto centres = sampleValidPixels(valid, 300, 7);
    AutoencoderParams params = small();
    params.epochs = 12;
    Autoencoder ae(params, 7);
    const double before = ae.reconstructionLoss(img, centres);
    CountingFeedback fb;
    TrainingHistory h = ae.train(img, centres, &fb);
    ASSERT_EQ(h.epochLoss.size(), 12u);
    EXPECT_EQ(fb.epochs, 12);
    EXPECT_DOUBLE_EQ(fb.lastProgress, 1.0);
    EXPECT_LT(h.epochLoss.back(), h.epochLoss.front());
    EXPECT_LT(ae.reconstructionLoss(img, centres), 0.6 * before);
    EXPECT_EQ(ae.featureCount(), 14);
    EXPECT_EQ(ae.featureNames().at(6), "layer2_filter01");
}

TEST(Autoencoder, SameSeedSameModel)
{
    NormalizedImage img = blobs(40, 40);
    std::vector<uint8_t> valid(img.data.size(), 1);
    auto centres = sampleValidPixels(valid, 100, 3);
    AutoencoderParams p = small();
    p.epochs = 2;
    Autoencoder a(p, 11), b(p, 11), c(p, 12);
    auto ha = a.train(img, centres, nullptr);
    auto hb = b.train(img, centres, nullptr);
    auto hc = c.train(img, centres, nullptr);
    EXPECT_EQ(ha.epochLoss, hb.epochLoss);
    EXPECT_NE(ha.epochLoss, hc.epochLoss);
}

TEST(Autoencoder, CancelStopsTraining)
{
    NormalizedImage img = blobs(40, 40);
    std::vector<uint8_t> valid(img.data.size(), 1);
    Autoencoder ae(small(), 1);
    Feedback fb;
    fb.cancel();
    EXPECT_THROW(ae.train(img, sampleValidPixels(valid, 100, 1), &fb), Canceled);
}

TEST(Autoencoder, SaveLoadRoundTripKeepsEncodingNormalisationAndExtras)
{
    test::TempDir dir;
    NormalizedImage img = blobs(40, 40);
    std::vector<uint8_t> valid(img.data.size(), 1);
    AutoencoderParams p = small();
    p.epochs = 1;
    Autoencoder ae(p, 5);
    ae.train(img, sampleValidPixels(valid, 64, 5), nullptr);
    ae.setNormalization(-12.5, 0.01);
    const std::string path = dir.file("model.pt");
    ae.save(path, {{"svm", std::string("binary\0blob", 11)}});

    std::vector<std::pair<std::string, std::string>> extras = {{"svm", ""}};
    Autoencoder back = Autoencoder::load(path, &extras);
    EXPECT_EQ(back.normalizationOffsets(), std::vector<double>{-12.5});
    EXPECT_EQ(back.normalizationScales(), std::vector<double>{0.01});
    EXPECT_EQ(back.params().channels, 1);
    EXPECT_EQ(back.params().patchSize, 16);
    EXPECT_EQ(back.params().filters[1], 4);
    EXPECT_EQ(extras[0].second, std::string("binary\0blob", 11));

    std::vector<float> patch(16 * 16);
    extractPatch(img, 20, 20, 16, patch.data());
    std::vector<float> o1(14 * 256), o2(14 * 256);
    ae.encodeResized(patch.data(), 1, o1.data());
    back.encodeResized(patch.data(), 1, o2.data());
    EXPECT_EQ(o1, o2);
    float maxAbs = 0;
    for (float v : o1)
        maxAbs = std::max(maxAbs, std::abs(v));
    EXPECT_GT(maxAbs, 0.0f);
}

TEST(Autoencoder, CorruptModelFileIsReported)
{
    test::TempDir dir;
    const std::string path = dir.file("broken.pt");
    std::ofstream(path) << "PK this is not a model";
    try {
        Autoencoder::load(path);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadModel);
        EXPECT_NE(std::string(e.what()).find("broken.pt"), std::string::npos);
    }
    EXPECT_THROW(Autoencoder::load(dir.file("absent.pt")), Error);
}

TEST(Autoencoder, AModelWhoseDirectoryClaimsZip64IsRefusedBeforeItIsParsed)
{
    // The directory's offset or count set to the ZIP64 markers would send LibTorch to a directory that the checksum
    // check does not read, and on to a parser that crashes on damaged entries (a model file found by fuzzing did
    // both). Lodestone's models are small: such a file is damaged.
    test::TempDir dir;
    const std::string good = dir.file("good.pt");
    const std::string bytes = savedSmallModel(good);
    const std::size_t eocd = bytes.rfind(std::string("PK\x05\x06", 4));
    ASSERT_NE(eocd, std::string::npos);
    for (std::size_t field : {std::size_t(16), std::size_t(10)}) { // directory offset, entry count
        std::string damaged = bytes;
        for (std::size_t b = 0; b < (field == 16 ? 4u : 2u); ++b)
            damaged[eocd + field + b] = char(0xff);
        const std::string path = dir.file("zip64-" + std::to_string(field) + ".pt");
        std::ofstream(path, std::ios::binary) << damaged;
        try {
            Autoencoder::load(path);
            ADD_FAILURE() << "field " << field << " accepted";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadModel);
            EXPECT_NE(std::string(e.what()).find("beyond any model Lodestone writes"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(Autoencoder::load(good));
}

TEST(Autoencoder, AModelWithADamagedEntryIsRefusedBeforeItIsParsed)
{
    // One flipped byte in every stored entry of the archive: the entry's checksum names the damage, whichever part
    // (weights, description or TorchScript source) it hits.
    test::TempDir dir;
    const std::string good = dir.file("good.pt");
    const std::string bytes = savedSmallModel(good);
    int entries = 0;
    const auto u16 = [&](std::size_t o) {
        return std::size_t(static_cast<unsigned char>(bytes[o])) | std::size_t(static_cast<unsigned char>(bytes[o + 1]))
                                                                       << 8;
    };
    // Each entry as the archive's central directory gives it: its stored size and where its local header starts.
    for (std::size_t dirAt = bytes.find("PK\x01\x02"); dirAt != std::string::npos;
         dirAt = bytes.find("PK\x01\x02", dirAt + 4)) {
        const std::size_t length = u16(dirAt + 20) | u16(dirAt + 22) << 16;
        const std::size_t at = u16(dirAt + 42) | u16(dirAt + 44) << 16;
        const std::size_t begin = at + 30 + u16(at + 26) + u16(at + 28);
        if (length == 0)
            continue;
        std::string broken = bytes;
        broken[begin + length / 2] = char(broken[begin + length / 2] ^ 0x20);
        const std::string path = dir.file("broken.pt");
        std::ofstream(path, std::ios::binary | std::ios::trunc) << broken;
        try {
            Autoencoder::load(path);
            ADD_FAILURE() << "entry at " << at << " loaded";
        } catch (const Error &e) {
            EXPECT_EQ(e.code(), ErrorCode::BadModel);
            EXPECT_NE(std::string(e.what()).find("broken.pt is damaged"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("does not match its checksum"), std::string::npos) << e.what();
        }
        ++entries;
    }
    EXPECT_GE(entries, 3);
    EXPECT_NO_THROW(Autoencoder::load(good));

    // An entry whose uncompressed size reads 0xffffffff (a ZIP64 marker): refused before LibTorch would allocate
    // 4 GB for it.
    const std::size_t first = bytes.find("PK\x01\x02");
    ASSERT_NE(first, std::string::npos);
    std::string huge = bytes;
    for (std::size_t k = 0; k < 4; ++k)
        huge[first + 24 + k] = char(0xff);
    const std::string path = dir.file("huge.pt");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << huge;
    try {
        Autoencoder::load(path);
        ADD_FAILURE() << "an entry of 4 GB was accepted";
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadModel);
        EXPECT_NE(std::string(e.what()).find("declares sizes beyond any model Lodestone writes"), std::string::npos)
            << e.what();
    }
}

TEST(Autoencoder, ExactStitchGivesOneFiniteRasterPerFilter)
{
    NormalizedImage img = blobs(30, 24);
    std::vector<uint8_t> valid(img.data.size(), 1);
    valid[0] = 0;
    AutoencoderParams p = small();
    p.epochs = 1;
    Autoencoder ae(p, 2);
    ae.train(img, sampleValidPixels(valid, 64, 2), nullptr);
    FeatureRasters f = stitchFeaturesExact(ae, img, valid, 2, nullptr);
    ASSERT_EQ(f.count, 14);
    EXPECT_EQ(f.names.front(), "layer1_filter01");
    EXPECT_TRUE(std::isnan(f.plane(3)[0]));
    for (int k = 0; k < f.count; ++k)
        for (std::size_t i = 1; i < img.data.size(); ++i)
            ASSERT_TRUE(std::isfinite(f.plane(k)[i]));
}

TEST(Autoencoder, TrainingGradientEqualsAutograd)
{
    configureTorchThreads();
    // The default network (P = 50, 16-8-8), other channel counts (vector kernels in channel groups, portable
    // ones, both mixed), several input layers (2 to 4: e1's weight gradient per input channel, d3 on the vector
    // kernels for 2 to 4 outputs from 8 to 32 inputs or on the portable ones; 8 and 16: the vector kernels of
    // those counts) and odd patch sizes (a row and column left out by the floor pooling, uneven nearest
    // upsampling), with each instruction set of the training kernels (LODESTONE_TRAINING_ISA; the CPU's best
    // when unset, and never above what it has).
    struct Case {
        int patch;
        std::array<int, 3> filters;
        int channels = 1; // input layers: e1 reads them, d3 reconstructs them
    };
    for (const char *isa : {"portable", "avx2", ""}) {
        if (*isa)
            setenv("LODESTONE_TRAINING_ISA", isa, 1);
        else
            unsetenv("LODESTONE_TRAINING_ISA");
        for (const Case &c :
             {Case{50, {16, 8, 8}}, Case{16, {6, 4, 4}}, Case{15, {16, 8, 8}}, Case{21, {3, 5, 2}},
              Case{18, {8, 16, 16}}, Case{20, {32, 16, 24}}, Case{17, {24, 12, 8}}, Case{50, {16, 8, 8}, 2},
              Case{50, {16, 8, 8}, 3}, Case{19, {16, 8, 8}, 2}, Case{17, {6, 4, 4}, 3}, Case{14, {8, 8, 8}, 4},
              Case{16, {16, 8, 8}, 8}, Case{18, {8, 16, 16}, 16}}) {
            SCOPED_TRACE(std::string("kernels ") + (*isa ? isa : "best") + ", patch " + std::to_string(c.patch) +
                         ", layers " + std::to_string(c.channels));
            NormalizedImage img = layers(70, 64, c.channels);
            std::vector<uint8_t> valid(img.data.size(), 1);
            AutoencoderParams p = small();
            p.patchSize = c.patch;
            p.filters = c.filters;
            p.channels = c.channels;
            p.epochs = 1;
            Autoencoder ae(p, 3);
            // Train a little first so that the ReLUs are mixed, not only the initial weights' pattern.
            ae.train(img, sampleValidPixels(valid, 64, 3), nullptr);
            EXPECT_LT(trainingGradientMismatch(ae, img, sampleValidPixels(valid, 21, 4)), 2e-4);
        }
    }
    unsetenv("LODESTONE_TRAINING_ISA");
}

TEST(Autoencoder, TrainingDoesNotDependOnTheThreadCount)
{
    NormalizedImage img = blobs(60, 60);
    std::vector<uint8_t> valid(img.data.size(), 1);
    auto centres = sampleValidPixels(valid, 100, 9);
    AutoencoderParams p = small();
    p.epochs = 2;
    Autoencoder a(p, 4), b(p, 4);
    configureTorchThreads(1);
    auto ha = a.train(img, centres, nullptr);
    configureTorchThreads(2);
    auto hb = b.train(img, centres, nullptr);
    configureTorchThreads();
    EXPECT_EQ(ha.epochLoss, hb.epochLoss);
    EXPECT_DOUBLE_EQ(a.reconstructionLoss(img, centres), b.reconstructionLoss(img, centres));
}

TEST(Autoencoder, CancelDuringTrainingStopsWithinABatch)
{
    // Cancel from the progress callback of the first batch: training stops before the next one.
    struct CancelAtFirstProgress : Feedback {
        int calls = 0;
        void onProgress(double) override
        {
            ++calls;
            cancel();
        }
    };
    NormalizedImage img = blobs(40, 40);
    std::vector<uint8_t> valid(img.data.size(), 1);
    Autoencoder ae(small(), 1);
    CancelAtFirstProgress fb;
    EXPECT_THROW(ae.train(img, sampleValidPixels(valid, 300, 1), &fb), Canceled);
    EXPECT_EQ(fb.calls, 1);
}

TEST(Autoencoder, SeveralInputLayersTrainAndReconstructEveryLayer)
{
    configureTorchThreads();
    NormalizedImage img = layers(60, 48, 3);
    std::vector<uint8_t> valid(img.planeSize(), 1);
    auto centres = sampleValidPixels(valid, 300, 7);
    AutoencoderParams params = small();
    params.channels = 3;
    params.epochs = 12;
    Autoencoder ae(params, 7);
    EXPECT_EQ(ae.featureCount(), 14); // the encoder's filters, whatever the input layers
    const double before = ae.reconstructionLoss(img, centres);
    TrainingHistory h = ae.train(img, centres, nullptr);
    ASSERT_EQ(h.epochLoss.size(), 12u);
    EXPECT_LT(h.epochLoss.back(), h.epochLoss.front());
    EXPECT_LT(ae.reconstructionLoss(img, centres), 0.6 * before);

    // The loss is over every layer: white noise in layer 3 (variance 1/12, which the smooth reconstruction
    // cannot follow) adds about 1/36 to the mean over the three layers.
    NormalizedImage other = img;
    std::uint64_t state = 99;
    for (std::size_t i = 0; i < other.planeSize(); ++i)
        other.plane(2)[i] = float(uniformIndex(state, 1000000)) / 1e6f;
    EXPECT_GT(ae.reconstructionLoss(other, centres), 1.5 * ae.reconstructionLoss(img, centres));

    // The encoder reads every layer: a patch differing in layer 2 only encodes differently.
    const int p = params.patchSize;
    std::vector<float> patch(std::size_t(3) * p * p), changed, a(std::size_t(14) * p * p), b(a.size());
    extractPatch(img, 30, 20, p, patch.data());
    changed = patch;
    for (int i = 0; i < p * p; ++i)
        changed[std::size_t(p) * p + i] += 0.3f;
    ae.encodeResized(patch.data(), 1, a.data());
    ae.encodeResized(changed.data(), 1, b.data());
    EXPECT_NE(a, b);
}

TEST(Autoencoder, RefusesAnImageWithAnotherNumberOfLayers)
{
    NormalizedImage one = blobs(40, 40), two = layers(40, 40, 2);
    std::vector<uint8_t> valid(one.data.size(), 1);
    const auto centres = sampleValidPixels(valid, 64, 1);
    AutoencoderParams p = small();
    p.channels = 2;
    Autoencoder ae(p, 1);
    try {
        ae.train(one, centres, nullptr);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadParameter);
        EXPECT_NE(std::string(e.what()).find("takes 2 input layers but the image has 1"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(ae.reconstructionLoss(one, centres), Error);
    EXPECT_NO_THROW(ae.reconstructionLoss(two, centres));
    Autoencoder single(small(), 1);
    EXPECT_THROW(single.train(two, centres, nullptr), Error);
    NormalizedImage truncated = two;
    truncated.data.resize(truncated.planeSize()); // says 2 channels, holds 1
    EXPECT_THROW(ae.reconstructionLoss(truncated, centres), Error);
    p.channels = 0;
    EXPECT_THROW(Autoencoder(p, 1), Error);
    // One offset and scale per layer.
    EXPECT_THROW(ae.setNormalization(1.0, 2.0), Error);
    EXPECT_THROW(ae.setNormalization({1.0, 2.0}, {3.0}), Error);
    ae.setNormalization({1.0, 2.0}, {3.0, 4.0});
    EXPECT_EQ(ae.normalizationScales(), (std::vector<double>{3.0, 4.0}));
}

TEST(Autoencoder, SaveLoadKeepsTheLayersAndTheirNormalisation)
{
    test::TempDir dir;
    NormalizedImage img = layers(40, 40, 3);
    std::vector<uint8_t> valid(img.planeSize(), 1);
    AutoencoderParams p = small();
    p.channels = 3;
    p.epochs = 1;
    Autoencoder ae(p, 5);
    ae.train(img, sampleValidPixels(valid, 64, 5), nullptr);
    ae.setNormalization({-12.5, 0.25, 3e5}, {0.01, 2.0, 1e-7});
    const std::string path = dir.file("layers.pt");
    ae.save(path, {{"svm", "blob"}});
    std::vector<std::pair<std::string, std::string>> extras = {{"svm", ""}};
    Autoencoder back = Autoencoder::load(path, &extras);
    EXPECT_EQ(back.params().channels, 3);
    EXPECT_EQ(back.normalizationOffsets(), (std::vector<double>{-12.5, 0.25, 3e5}));
    EXPECT_EQ(back.normalizationScales(), (std::vector<double>{0.01, 2.0, 1e-7}));
    EXPECT_EQ(extras[0].second, "blob");
    std::vector<float> patch(std::size_t(3) * 16 * 16), o1(14 * 256), o2(14 * 256);
    extractPatch(img, 20, 20, 16, patch.data());
    ae.encodeResized(patch.data(), 1, o1.data());
    back.encodeResized(patch.data(), 1, o2.data());
    EXPECT_EQ(o1, o2);
    EXPECT_DOUBLE_EQ(back.reconstructionLoss(img, {100, 900}), ae.reconstructionLoss(img, {100, 900}));
}

TEST(Autoencoder, LoadsAModelWrittenBeforeModelsHadSeveralLayers)
{
    // data/model-one-layer-format1.pt was written by Lodestone before multi-layer models (model format 1: no
    // channel count, one offset and scale): `lodestone-cli demo --width 64 --height 64 --seed 3` and
    // `lodestone-cli run ... --patch 10 --filters 2,2,2 --train-patches 200 --epochs 1 --ensemble 1`. The values
    // below are read from the file itself: its description, and e1's weights applied by hand to the patch.
    std::vector<std::pair<std::string, std::string>> extras = {{"classifier", ""}};
    Autoencoder model = Autoencoder::load(std::string(LODESTONE_TEST_DATA) + "/model-one-layer-format1.pt", &extras);
    EXPECT_EQ(model.params().channels, 1);
    EXPECT_EQ(model.params().patchSize, 10);
    EXPECT_EQ(model.params().filters, (std::array<int, 3>{2, 2, 2}));
    EXPECT_EQ(model.normalizationOffsets(), std::vector<double>{-1184.20068359375});
    EXPECT_EQ(model.normalizationScales(), std::vector<double>{0.0006687111252221784});
    EXPECT_FALSE(extras[0].second.empty());
    std::vector<float> patch(100), out(6 * 100);
    for (int i = 0; i < 100; ++i)
        patch[i] = float(1.0 - i / 50.0);
    model.encodeResized(patch.data(), 1, out.data());
    EXPECT_NEAR(out[9 * 10 + 2], 0.0743237, 1e-5);       // e1 filter 1 at row 9, column 2
    EXPECT_NEAR(out[100 + 9 * 10 + 2], 0.4726138, 1e-5); // e1 filter 2
    // Saved again, it is still a one-layer model with the same normalisation.
    test::TempDir dir;
    model.save(dir.file("again.pt"));
    Autoencoder again = Autoencoder::load(dir.file("again.pt"));
    EXPECT_EQ(again.params().channels, 1);
    EXPECT_EQ(again.normalizationOffsets(), model.normalizationOffsets());
    std::vector<float> out2(out.size());
    again.encodeResized(patch.data(), 1, out2.data());
    EXPECT_EQ(out, out2);
}

TEST(Autoencoder, WeightsThatDoNotFitTheDescribedNetworkAreReported)
{
    // data/model-weights-not-as-described.pt is model-one-layer-format1.pt with its description changed to 3
    // filters in e1 (the weights hold 2); LibTorch's loader alone would take the weights as they are.
    const std::string path = std::string(LODESTONE_TEST_DATA) + "/model-weights-not-as-described.pt";
    try {
        Autoencoder::load(path);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.code(), ErrorCode::BadModel);
        const std::string what = e.what();
        EXPECT_NE(what.find("model-weights-not-as-described.pt holds weights that do not fit its described network"),
                  std::string::npos)
            << what;
    }
}
