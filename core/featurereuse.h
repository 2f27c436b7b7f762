// What a run learns without looking at the labels: the trained autoencoders (every ensemble member) and their
// feature rasters. They depend on the survey, the input layers and the network and feature settings alone, so a
// run whose labels, SVM, evaluation or mode settings changed can take them from an earlier run and retrain only
// the SVMs. A FeatureKey names everything they depend on; runPipeline() re-uses TrainedFeatures whose key equals
// the run's, and says what differs otherwise.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lodestone {

class Autoencoder;
struct FeatureRasters;
struct InputLayers;
struct PipelineParams;
struct Raster;
struct TrainingHistory;

/** \brief 64-bit hash of a raster's content: its size, its valid mask and the bits of its valid values. Two
 *  files with the same name but other values hash differently. Not cryptographic. */
std::uint64_t rasterContentHash(const Raster &raster);

/** \brief 64-bit hash of valid pixels of every plane of features (size, plane count, value bits). */
std::uint64_t featureContentHash(const FeatureRasters &features, const std::vector<uint8_t> &valid);

/** \brief Everything the networks and feature rasters of a run depend on, as named items in a fixed order:
 *  the survey's content hash and size, the input layers (with the content of file layers), every autoencoder
 *  setting, the feature method and stride, the SVM's magnetic product inputs, the ensemble size and the seed.
 *  surveyPath is recorded for messages only: a survey copied elsewhere is the same survey. */
struct FeatureKey {
    std::vector<std::pair<std::string, std::string>> items;
    std::string surveyPath;

    bool operator==(const FeatureKey &other) const { return items == other.items; }
    bool operator!=(const FeatureKey &other) const { return !(*this == other); }
    bool empty() const { return items.empty(); }

    /** \brief One "name<TAB>value" line per item, then "survey_path<TAB>path". */
    std::string text() const;
    /** \brief Reads text() back; lines of other forms are ignored. */
    static FeatureKey parse(const std::string &text);
    /** \brief Empty when the keys are equal; otherwise every difference, as "the epochs (6 here, 5 in
     *  <there>)", joined by "; ". A key without items (an output of an older Lodestone or a streamed run) is
     *  described as such. */
    std::string differences(const FeatureKey &other, const std::string &there) const;
};

/** \brief The key of a run of params on survey (as read, before any input layer masks it) with its loaded input
 *  layers (may be null or empty). */
FeatureKey featureKeyOf(const Raster &survey, const PipelineParams &params, const InputLayers *layers);

/** \brief The label-independent part of a run: one network and its feature rasters (with the SVM's magnetic
 *  product planes appended, as the SVM reads them) per ensemble member. Immutable once made; shared between
 *  threads read-only. */
struct TrainedFeatures {
    FeatureKey key;
    std::string source; ///< the output folder they were read from; empty when kept in memory from a run
    std::vector<std::shared_ptr<Autoencoder>> networks; ///< per member
    /// per member; null for a member whose rasters the run recomputes from its network (an ensemble read from
    /// a folder: features.tif holds member 0's)
    std::vector<std::shared_ptr<const FeatureRasters>> features;
    std::vector<double> epochLoss; ///< member 0's loss per epoch (empty when read from a folder)
};

/** \brief What a run does with trained features: re-use those offered when their key matches, keep its own. */
struct FeatureReuse {
    std::shared_ptr<const TrainedFeatures> offered; ///< in: an earlier run's (may be null)
    /// in: a mismatch throws Error(BadParameter) naming every difference, instead of a full run
    bool required = false;
    bool keep = false; ///< in: fill kept with this run's networks and features
    /// in: false leaves the result's features empty (a preview that only needs the maps: no copy of member 0's
    /// feature rasters made, none freed with the result)
    bool resultFeatures = true;
    std::shared_ptr<const TrainedFeatures> kept; ///< out: when keep (the offered ones when re-used)
    bool reused = false;                         ///< out: the offered networks and features were used
    std::string notReused; ///< out: why offered ones were not used (empty when re-used or none offered)
};

/** \brief Reads the networks and feature rasters of an earlier run's output folder: model.pt (every member's
 *  network and the key it was made with) and features.tif (member 0's rasters, checked against the content hash
 *  model.pt records). Throws Error naming the file when either is missing, unreadable, written without a key
 *  (by a streamed run or an older Lodestone) or when they do not belong together. */
std::shared_ptr<const TrainedFeatures> readTrainedFeatures(const std::string &folder);

/** \brief The settings lines model.pt records for re-use: the key ("feature_key" lines) and the content hash of
 *  member 0's feature rasters ("features_hash"). */
std::string featureReuseSettings(const FeatureKey &key, std::uint64_t featuresHash);

} // namespace lodestone
