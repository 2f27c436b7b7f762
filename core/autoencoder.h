// The convolutional autoencoder whose encoder activations become Lodestone's feature rasters.
//
// LibTorch stays inside autoencoder.cpp: this header is cheap to include.
// Thread use: an Autoencoder is used by one thread at a time (the pipeline's worker thread).
#pragma once

#include "patches.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief Architecture and training settings. */
struct AutoencoderParams {
    int channels = 1;                     ///< C: input layers (the survey, or it and co-registered evidence layers)
    int patchSize = 50;                   ///< P: patches are P x P pixels
    std::array<int, 3> filters{16, 8, 8}; ///< filters of the three encoder layers (the decoder mirrors them)
    int trainPatches = 20000;             ///< random patches drawn from valid ground for training
    int epochs = 5;
    int batchSize = 32;         ///< patches per Adam step (the reference script: 256; see docs/METHOD.md, Training)
    double learningRate = 1e-3; ///< Adam
};

/** \brief Loss per epoch of a training run. */
struct TrainingHistory {
    std::vector<double> epochLoss; ///< mean MSE over the epoch's patches
};

/** \brief Three conv layers (3x3, ReLU) with 2x2 max pooling between them, mirrored by a decoder with
 *  nearest-neighbour upsampling and a sigmoid output. The first layer reads C input channels (one per layer,
 *  summed over by its convolution) and the last one reconstructs all C; the loss is the mean squared error over
 *  all of them. The layer activations (sizes P, P/2, ceil(P/4)) are resized bilinearly to P x P to give
 *  filters[0] + filters[1] + filters[2] feature maps per patch, whatever C. */
class Autoencoder {
public:
    Autoencoder(const AutoencoderParams &params, std::uint64_t seed);
    ~Autoencoder();
    Autoencoder(Autoencoder &&) noexcept;
    Autoencoder &operator=(Autoencoder &&) noexcept;

    const AutoencoderParams &params() const;
    /** \brief Number of feature maps: the sum of the encoder's filters. */
    int featureCount() const;
    /** \brief Names of the feature maps, e.g. "layer1_filter03". */
    std::vector<std::string> featureNames() const;

    /** \brief Trains on patches drawn around the given pixel indices of image, which must have the model's channel
     *  count (Error otherwise). Reports progress per batch and loss per epoch; throws Canceled when the feedback
     *  asks. */
    TrainingHistory train(const NormalizedImage &image, const std::vector<std::size_t> &centres, Feedback *feedback);

    /** \brief Mean reconstruction MSE over the patches around the given pixels, all channels (no training). Error
     *  when image's channel count is not the model's. */
    double reconstructionLoss(const NormalizedImage &image, const std::vector<std::size_t> &centres) const;

    /** \brief Encoder activations of n patches (n * C * P * P floats, as extractPatch writes them), each resized
     *  to P x P: out receives n * featureCount() * P * P floats, patch-major then feature then row. */
    void encodeResized(const float *patches, int n, float *out) const;

    /** \brief Normalisation of the layers the model was trained on (one offset and scale per channel, as
     *  NormalizedImage holds them), saved with the model. Error when the counts are not the model's channels. */
    void setNormalization(const std::vector<double> &offsets, const std::vector<double> &scales);
    /** \brief The same for a one-channel model. */
    void setNormalization(double offset, double scale);
    const std::vector<double> &normalizationOffsets() const;
    const std::vector<double> &normalizationScales() const;

    /** \brief Writes the weights, architecture and normalisation, plus opaque extra blobs (e.g. the SVM), to a
     *  single file; written atomically. */
    void save(const std::string &path, const std::vector<std::pair<std::string, std::string>> &extras = {}) const;
    /** \brief Reads a model written by save(), including those written before models had several channels (one
     *  channel); throws Error(BadModel) naming the file when it is not one. */
    static Autoencoder load(const std::string &path,
                            std::vector<std::pair<std::string, std::string>> *extras = nullptr);

    /** \brief The bytes save() writes (e.g. to embed one model in another's extras); path names the file in errors. */
    std::string serialize(const std::vector<std::pair<std::string, std::string>> &extras = {},
                          const std::string &path = "the model") const;
    /** \brief Reads a model from the bytes of serialize() (data non-null) or from the file path (data null); path
     *  names the model in errors, as load() does. */
    static Autoencoder deserialize(const char *data, std::size_t size, const std::string &path,
                                   std::vector<std::pair<std::string, std::string>> *extras = nullptr);

private:
    friend struct AutoencoderAccess;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/** \brief Sets LibTorch's intra-op threads to the machine's cores (it starts with one on these systems). */
void configureTorchThreads(int threads = 0);

/** \brief LibTorch's version string. */
std::string torchVersion();

} // namespace lodestone
