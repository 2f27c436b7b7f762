// Evidence layers: the rasters the network reads beside the survey. A layer is a magnetic product derived from
// the survey on the fly (analytic signal, tilt, ...) or a band of another raster file, resampled onto the
// survey's grid when it lies on another grid or CRS.
#pragma once

#include "magneticfilters.h"
#include "raster.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief An input layer besides the survey. */
struct LayerSpec {
    enum class Kind { Derived, File };
    Kind kind = Kind::Derived;
    DeriveParams derive; ///< Derived: the product and its settings
    std::string path;    ///< File: the raster file
    int band = 1;        ///< File: its band (1-based)
    std::string name;    ///< shown and recorded name: the product's token (e.g. "as", "up500") or the file's stem
};

/** \brief The token of a derived product: its name, with the window of localstd ("localstd9") and the height of
 *  up ("up500"); rtp as "rtp". */
std::string productToken(const DeriveParams &params);

/** \brief Parses a product token of productToken() ("as", "tilt", "vd1", "hgrad", "rtp", "up" or "up<height>",
 *  "localstd" or "localstd<window>") into params (other settings of params are kept). False when unknown or the
 *  number is out of range. */
bool parseProductToken(const std::string &token, DeriveParams &params);

/** \brief Derived layers of a comma-separated list of product tokens (e.g. "as,tilt,up500"); base gives the
 *  settings a token does not carry (rtp's inclination and declination). Throws Error(BadParameter) naming a bad
 *  token or a product listed twice. */
std::vector<LayerSpec> derivedLayers(const std::string &list, const DeriveParams &base = {});

/** \brief A layer read from band of a raster file, named after the file's stem. */
LayerSpec fileLayer(const std::string &path, int band = 1);

/** \brief True for products whose values are amplitudes with a long tail (hgrad, as, localstd): they enter the
 *  model as log(value + 1 % of their median), see productPlane(). */
bool isAmplitudeProduct(MagneticProduct product);

/** \brief A derived product of survey as the model reads it: amplitudes (isAmplitudeProduct()) as
 *  log(value + 1 % of their median), the others as they are; NaN where the survey is invalid. */
Raster productPlane(const Raster &survey, const DeriveParams &params, Feedback *feedback = nullptr);

/** \brief Band band of a raster file on grid: read as it is when the file is on grid and its CRS, else resampled
 *  with GDAL's warper (readRasterOnGrid()); then why says how the file's grid differs (else it is cleared). Throws
 *  Error naming the file; Canceled when feedback asks. */
Raster readLayerFile(const std::string &path, int band, const GridSpec &grid, std::string *why = nullptr,
                     Feedback *feedback = nullptr);

/** \brief Whether the products of tokens (productToken()s, e.g. a run's classifier inputs) or the derived layers among
 *  layers need the survey's cell size: every product but the local standard deviation, whose window is in cells. */
bool productsNeedCellSize(const std::vector<std::string> &tokens, const std::vector<LayerSpec> &layers);

/** \brief The survey and its layers, on the survey's grid. */
struct InputLayers {
    std::vector<std::string> names; ///< "survey", then each layer's name
    std::vector<Raster> layers;     ///< the layers besides the survey, on the survey's grid
    std::vector<uint8_t> valid;     ///< valid in the survey and in every layer
    std::vector<std::string> warnings;

    /** \brief The survey followed by the layers, for normalisation. */
    std::vector<const Raster *> rasters(const Raster &survey) const;
};

/** \brief Derives or reads every layer of specs onto survey's grid. File layers on the same grid are read as they
 *  are; on another grid or CRS they are resampled with GDAL's warper (bilinear) and a warning says so. A pixel is
 *  valid where the survey and every layer are. Throws Error naming the file for an unreadable layer or one that
 *  leaves no valid pixel; Canceled when feedback asks. */
InputLayers loadLayers(const Raster &survey, const std::vector<LayerSpec> &specs, Feedback *feedback = nullptr);

/** \brief Working memory that deriving params's product of a survey on grid takes at its peak, in bytes (an upper
 *  estimate): for the wavenumber-domain products three double arrays of the padded grid (a quarter of the shorter
 *  side of padding on each side) and five of the grid, about 100 bytes a pixel; for localstd six double arrays of
 *  the grid; and the product itself. */
std::size_t derivedLayerWorkingBytes(const GridSpec &grid, const DeriveParams &params);

/** \brief Half the machine's physical memory: the most that a streamed run lets one derived product take. */
std::size_t derivedLayerMemoryLimit();

/** \brief Throws Error(BadParameter) naming the product, the memory it needs and limit when a derived layer of specs
 *  would need more than limit bytes on grid (derivedLayerWorkingBytes()). */
void checkDerivedLayersFit(const GridSpec &grid, const std::vector<LayerSpec> &specs, std::size_t limit);

/** \brief survey with the pixels where valid is 0 masked out (NaN and invalid): the survey as a run with input
 *  layers reads it, on the union of the layers' nodata. */
Raster maskedSurvey(const Raster &survey, const std::vector<uint8_t> &valid);

/** \brief The layers as lines of a model's settings text ("layer<TAB>derived<TAB>token<TAB>inclination<TAB>
 *  declination<TAB>stabilising" or "layer<TAB>file<TAB>name<TAB>band"), one per layer. */
std::string layersSettings(const std::vector<LayerSpec> &specs);

/** \brief The layers recorded by layersSettings() in a settings text (file layers have name and band but no path).
 *  Throws Error(BadModel) for a malformed layer line. */
std::vector<LayerSpec> layersOfSettings(const std::string &settings);

/** \brief The layers a model was trained with, applied to a new survey: derived layers are taken as recorded,
 *  file layers from files in the same order. Throws Error(BadParameter) naming what differs when the number of
 *  files does not match the model's file layers; a file whose stem differs from the recorded name adds a warning
 *  to warnings. */
std::vector<LayerSpec> matchModelLayers(const std::vector<LayerSpec> &recorded, const std::vector<std::string> &files,
                                        std::vector<std::string> &warnings);

} // namespace lodestone
