// A hand-made PipelineResult for tests of the result layers and writers: a small georeferenced grid with a
// nodata corner, known classes, probabilities 0..1 and two feature rasters.
#pragma once

#include "pipeline.h"
#include "testrasters.h"

#include <cmath>
#include <memory>

namespace lodestone::test {

/** \brief 20 x 10 cells in EPSG:3067; cells with col < 2 and row < 2 are nodata; probability = col / 19;
 *  class deposit where probability > 0.5. */
inline std::shared_ptr<PipelineResult> fixtureResult()
{
    auto r = std::make_shared<PipelineResult>();
    const int w = 20, h = 10;
    r->grid = makeGrid(w, h);
    r->valid.assign(std::size_t(w) * h, 1);
    r->classes.assign(r->valid.size(), 255);
    r->probability.assign(r->valid.size(), NAN);
    r->features.width = w;
    r->features.height = h;
    r->features.count = 2;
    r->features.names = {"layer1_filter01", "layer1_filter02"};
    r->features.data.assign(2 * r->valid.size(), NAN);
    for (int row = 0; row < h; ++row) {
        for (int col = 0; col < w; ++col) {
            const std::size_t i = std::size_t(row) * w + col;
            if (col < 2 && row < 2) {
                r->valid[i] = 0;
                continue;
            }
            r->probability[i] = float(col) / float(w - 1);
            r->classes[i] = r->probability[i] > 0.5f ? 1 : 0;
            r->features.data[i] = float(col * 1000 + row); // large values: must not be rescaled
            r->features.data[r->valid.size() + i] = -float(row);
        }
    }
    ModeResult m;
    m.mode = SvmMode::PixelFeatures;
    m.confusion = {10, 2, 1, 11};
    m.accuracy = m.confusion.accuracy();
    m.precision = m.confusion.precision();
    m.recall = m.confusion.recall();
    m.f1 = m.confusion.f1();
    m.folds = 5;
    m.positions = 24;
    m.c = 2;
    m.gamma = 0.5;
    m.foldAccuracy = {1, 0.8, 0.8, 1, 1};
    r->crossValidation.push_back(m);
    m.mode = SvmMode::PatchSamples;
    m.confusion = {12, 0, 3, 9};
    m.accuracy = m.confusion.accuracy();
    m.precision = m.confusion.precision();
    m.recall = m.confusion.recall();
    m.f1 = m.confusion.f1();
    r->crossValidation.push_back(m);
    r->history.epochLoss = {0.03, 0.02};
    r->deposits = 12;
    r->nonDeposits = 12;
    r->stageSeconds = {{"train_autoencoder", 1.5}, {"feature_rasters", 0.5}};
    r->warnings = {"A warning about the folds."};
    return r;
}

} // namespace lodestone::test
