#include "featurereuse.h"

#include "autoencoder.h"
#include "error.h"
#include "featurerasters.h"
#include "layers.h"
#include "pipeline.h"
#include "raster.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <sstream>

namespace lodestone {

namespace {

/** A streaming 64-bit hash (multiply, rotate, xor per 64-bit word; a final avalanche). */
class Hasher {
public:
    void word(std::uint64_t w)
    {
        w *= 0x87c37b91114253d5ULL;
        w = (w << 31) | (w >> 33);
        w *= 0x4cf5ad432745937fULL;
        m_h ^= w;
        m_h = ((m_h << 27) | (m_h >> 37)) * 5 + 0x52dce729;
    }
    void floats(const float *values, const uint8_t *valid, std::size_t n)
    {
        std::uint64_t pending = 0;
        int half = 0;
        for (std::size_t i = 0; i < n; ++i) {
            std::uint32_t bits = 0;
            if (valid[i])
                std::memcpy(&bits, values + i, 4);
            else
                bits = 0x7fc00001u; // invalid: one fixed pattern, whatever the value stored there
            pending = (pending << 32) | bits;
            if (++half == 2) {
                word(pending);
                pending = 0;
                half = 0;
            }
        }
        if (half)
            word(pending);
    }
    std::uint64_t value() const
    {
        std::uint64_t h = m_h;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return h;
    }

private:
    std::uint64_t m_h = 0x9e3779b97f4a7c15ULL;
};

std::string hex(std::uint64_t v)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

/** Readable names of the key's items, for messages. */
std::string itemTitle(const std::string &name)
{
    static const std::vector<std::pair<std::string, std::string>> titles = {
        {"survey", "survey's values"},
        {"survey_size", "survey's size"},
        {"layers", "input layers"},
        {"patch_size", "patch size"},
        {"filters", "filters"},
        {"train_patches", "training patches"},
        {"epochs", "epochs"},
        {"batch_size", "batch size"},
        {"learning_rate", "learning rate"},
        {"feature_method", "feature method"},
        {"stride", "stride"},
        {"svm_inputs", "SVM's magnetic product inputs"},
        {"ensemble", "ensemble size"},
        {"seed", "seed"}};
    for (const auto &[n, t] : titles)
        if (n == name)
            return t;
    return name;
}

std::string valueOf(const FeatureKey &key, const std::string &name)
{
    for (const auto &[n, v] : key.items)
        if (n == name)
            return v;
    return "none";
}

} // namespace

std::uint64_t rasterContentHash(const Raster &raster)
{
    Hasher h;
    h.word(std::uint64_t(raster.grid.width));
    h.word(std::uint64_t(raster.grid.height));
    const std::size_t n = std::min(raster.data.size(), raster.valid.size());
    h.floats(raster.data.data(), raster.valid.data(), n);
    return h.value();
}

std::uint64_t featureContentHash(const FeatureRasters &features, const std::vector<uint8_t> &valid)
{
    Hasher h;
    h.word(std::uint64_t(features.width));
    h.word(std::uint64_t(features.height));
    h.word(std::uint64_t(features.count));
    const std::size_t pixels = std::size_t(features.width) * std::size_t(features.height);
    if (valid.size() != pixels || features.data.size() != pixels * std::size_t(features.count))
        throw Error(ErrorCode::Internal, "Feature rasters and their mask differ in size.");
    for (int k = 0; k < features.count; ++k)
        h.floats(features.plane(k), valid.data(), pixels);
    return h.value();
}

std::string FeatureKey::text() const
{
    std::string out;
    for (const auto &[name, value] : items)
        out += "feature_key\t" + name + "\t" + value + "\n";
    out += "feature_key_survey_path\t" + surveyPath + "\n";
    return out;
}

FeatureKey FeatureKey::parse(const std::string &text)
{
    FeatureKey key;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("feature_key\t", 0) == 0) {
            const std::string rest = line.substr(12);
            const std::size_t tab = rest.find('\t');
            if (tab != std::string::npos)
                key.items.emplace_back(rest.substr(0, tab), rest.substr(tab + 1));
        } else if (line.rfind("feature_key_survey_path\t", 0) == 0) {
            key.surveyPath = line.substr(24);
        }
    }
    return key;
}

std::string FeatureKey::differences(const FeatureKey &other, const std::string &there) const
{
    if (*this == other)
        return {};
    if (other.items.empty())
        return there + " records no key of its networks and feature rasters (written by a streamed run or an "
                       "older Lodestone)";
    std::string out;
    auto add = [&out](const std::string &text) { out += (out.empty() ? "" : "; ") + text; };
    std::vector<std::string> names;
    for (const auto &item : items)
        names.push_back(item.first);
    for (const auto &item : other.items)
        if (std::find(names.begin(), names.end(), item.first) == names.end())
            names.push_back(item.first);
    for (const std::string &name : names) {
        const std::string here = valueOf(*this, name), then = valueOf(other, name);
        if (here == then)
            continue;
        if (name == "survey") {
            const std::string same = surveyPath == other.surveyPath ? " (the same file name, other values)" : "";
            add("the survey's values: " + surveyPath + " here is not the survey " + there + " was made from (" +
                other.surveyPath + ")" + same);
        } else {
            add("the " + itemTitle(name) + " (" + here + " here, " + then + " in " + there + ")");
        }
    }
    return out;
}

FeatureKey featureKeyOf(const Raster &survey, const PipelineParams &p, const InputLayers *layers)
{
    FeatureKey key;
    key.surveyPath = survey.path;
    auto add = [&key](const std::string &name, const std::string &value) { key.items.emplace_back(name, value); };
    add("survey", hex(rasterContentHash(survey)));
    add("survey_size", std::to_string(survey.grid.width) + " x " + std::to_string(survey.grid.height));
    std::string layerText = layersSettings(p.layers);
    for (char &c : layerText)
        c = c == '\t' ? ',' : c == '\n' ? ';' : c;
    if (layers)
        for (std::size_t i = 0; i < layers->layers.size() && i < p.layers.size(); ++i)
            if (p.layers[i].kind == LayerSpec::Kind::File)
                layerText += " " + p.layers[i].name + ":" + hex(rasterContentHash(layers->layers[i]));
    add("layers", layerText.empty() ? "none" : layerText);
    const AutoencoderParams &a = p.autoencoder;
    add("patch_size", std::to_string(a.patchSize));
    add("filters",
        std::to_string(a.filters[0]) + "," + std::to_string(a.filters[1]) + "," + std::to_string(a.filters[2]));
    add("train_patches", std::to_string(a.trainPatches));
    add("epochs", std::to_string(a.epochs));
    add("batch_size", std::to_string(a.batchSize));
    add("learning_rate", number(a.learningRate));
    add("feature_method", featureMethodName(p.featureMethod));
    add("stride", std::to_string(p.featureMethod == FeatureMethod::Dense ? 1 : p.stride));
    std::string inputs;
    for (const std::string &n : p.svmInputs)
        inputs += (inputs.empty() ? "" : ",") + n;
    add("svm_inputs", inputs.empty() ? "none" : inputs);
    add("ensemble", std::to_string(p.ensemble));
    add("seed", std::to_string(p.seed));
    return key;
}

std::string featureReuseSettings(const FeatureKey &key, std::uint64_t featuresHash)
{
    if (key.empty())
        return {};
    return key.text() + "features_hash\t" + hex(featuresHash) + "\n";
}

std::shared_ptr<const TrainedFeatures> readTrainedFeatures(const std::string &folder)
{
    namespace fs = std::filesystem;
    const std::string modelPath = (fs::path(folder) / "model.pt").string();
    const std::string featuresPath = (fs::path(folder) / "features.tif").string();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorCode::BadParameter, "Cannot reuse features from " + folder + ": it is not a folder.");
    completeInterruptedCommit(folder); // a run killed while it switched to its results finishes the switch first
    for (const std::string &path : {modelPath, featuresPath})
        if (!fs::is_regular_file(path, ec))
            throw Error(ErrorCode::BadParameter, "Cannot reuse features from " + folder + ": " + path +
                                                     " is missing (the folder of a finished run holds model.pt and "
                                                     "features.tif).");
    std::vector<std::pair<std::string, std::string>> extras = {{"settings", ""}};
    auto network = std::make_shared<Autoencoder>(Autoencoder::load(modelPath, &extras));
    const std::string &settings = extras[0].second;
    auto out = std::make_shared<TrainedFeatures>();
    out->key = FeatureKey::parse(settings);
    out->source = folder;
    if (out->key.empty())
        throw Error(ErrorCode::BadParameter,
                    "Cannot reuse features from " + folder + ": " + modelPath +
                        " records no key of its networks and feature rasters (written by a streamed run or an older "
                        "Lodestone); run without --reuse-features.");
    std::string recordedHash;
    {
        std::istringstream in(settings);
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("features_hash\t", 0) == 0)
                recordedHash = line.substr(14);
    }
    int members = 1;
    for (const auto &[name, value] : out->key.items)
        if (name == "ensemble")
            members = std::max(1, std::atoi(value.c_str()));
    out->networks.push_back(network);
    if (members > 1) {
        std::vector<std::pair<std::string, std::string>> blobs;
        for (int m = 1; m < members; ++m)
            blobs.emplace_back("member" + std::to_string(m), "");
        Autoencoder::load(modelPath, &blobs);
        for (const auto &[name, bytes] : blobs)
            out->networks.push_back(std::make_shared<Autoencoder>(
                Autoencoder::deserialize(bytes.data(), bytes.size(), modelPath + " (" + name + ")", nullptr)));
    }

    // Member 0's feature rasters, with the SVM's product planes: every band of features.tif.
    const RasterInfo info = readRasterInfo(featuresPath);
    auto features = std::make_shared<FeatureRasters>();
    features->width = info.grid.width;
    features->height = info.grid.height;
    features->count = info.bandCount;
    const std::size_t pixels = info.grid.pixelCount();
    requireMemoryFor(featuresPath, info.grid, 4.0 * info.bandCount);
    features->data.resize(pixels * std::size_t(info.bandCount));
    std::vector<uint8_t> valid;
    for (int b = 1; b <= info.bandCount; ++b) {
        Raster band = readRaster(featuresPath, b);
        if (valid.empty())
            valid = band.valid;
        float *dst = features->plane(b - 1);
        for (std::size_t i = 0; i < pixels; ++i)
            dst[i] = band.valid[i] ? band.data[i] : std::numeric_limits<float>::quiet_NaN();
        features->names.push_back(b - 1 < int(info.bandDescriptions.size()) && !info.bandDescriptions[b - 1].empty()
                                      ? info.bandDescriptions[b - 1]
                                      : "feature" + std::to_string(b));
    }
    if (network->featureCount() > features->count)
        throw Error(ErrorCode::BadParameter, "Cannot reuse features from " + folder + ": " + featuresPath + " holds " +
                                                 std::to_string(features->count) + " bands and the network of " +
                                                 modelPath + " makes " + std::to_string(network->featureCount()) + ".");
    if (recordedHash != hex(featureContentHash(*features, valid)))
        throw Error(ErrorCode::BadParameter, "Cannot reuse features from " + folder + ": " + featuresPath +
                                                 " is not the feature rasters " + modelPath +
                                                 " was written with (their content differs).");
    out->features.push_back(features);
    for (int m = 1; m < members; ++m)
        out->features.push_back(nullptr);
    return out;
}

} // namespace lodestone
