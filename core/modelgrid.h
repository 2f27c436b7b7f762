// The grid a model was trained on, recorded in model.pt's settings, and the warnings of applying the model to a
// survey on another grid (cell size or CRS): the autoencoder's patches then span another ground distance.
#pragma once

#include <string>
#include <vector>

namespace lodestone {

struct GridSpec;

/** \brief Lines for model.pt's settings text: the training grid's cell size (x and y), size, CRS (WKT on one line)
 *  and survey file name. */
std::string modelGridSettings(const GridSpec &grid, const std::string &surveyPath);

/** \brief Warnings (complete sentences) for applying a model whose settings text is settings to a survey on grid:
 *  when a cell side differs from the training grid's by more than 25 %, or the CRSs differ. Each says what the
 *  model was trained on. None when settings record no grid (models written before it was recorded). */
std::vector<std::string> modelGridWarnings(const std::string &settings, const GridSpec &grid,
                                           const std::string &modelPath);

} // namespace lodestone
