// A hand-made PipelineResult for tests of the result layers and writers: a small georeferenced grid with a
// nodata corner, known classes, probabilities 0..1 and two feature rasters; and a hand-made evaluation of it
// against deposits, with rate curves computed by core from known score maps.
#pragma once

#include "evaluation.h"
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

/** \brief An evaluation of fixtureResult() (20 x 10, nodata where col < 2 and row < 2): training deposits at
 *  columns 14..18 of row 5, validation occurrences at columns 12..19 of row 8 (withValidation), one at column 3.
 *  Rows: the model (score = probability = col / 19), then the baselines "as" (score = col - row, the best of
 *  them), "raw" (score = -col, worse than random) and "tilt" (score = -|row - 2|). The model's held-out curve is
 *  its map's curve at the training deposits with the score of the deposit at column 18 lowered by 0.1 (a model
 *  without it). */
inline MapEvaluation fixtureEvaluation(const PipelineResult &r, bool withValidation = true)
{
    const int w = r.grid.width, h = r.grid.height;
    const std::size_t n = std::size_t(w) * h;
    std::vector<std::size_t> training, validation;
    for (int c = 14; c <= 18; ++c)
        training.push_back(std::size_t(5) * w + c);
    if (withValidation) {
        for (int c = 12; c <= 19; ++c)
            validation.push_back(std::size_t(8) * w + c);
        validation.push_back(std::size_t(8) * w + 3);
    }
    auto scoreMap = [&](auto f) {
        std::vector<float> s(n, NAN);
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col)
                if (r.valid[std::size_t(row) * w + col])
                    s[std::size_t(row) * w + col] = float(f(col, row));
        return s;
    };
    auto row = [&](const std::string &name, const std::string &title, bool model, const std::vector<float> &score) {
        ScoreEvaluation e;
        e.name = name;
        e.title = title;
        e.isModel = model;
        e.success = rateCurve(score.data(), r.valid.data(), n, training);
        e.heldOut = e.success;
        if (withValidation)
            e.prediction = rateCurve(score.data(), r.valid.data(), n, validation);
        else
            e.prediction.auc = NAN;
        return e;
    };
    MapEvaluation e;
    e.rows.push_back(row("pixel-features", "Lodestone map (pixel-features)", true, r.probability));
    {
        std::vector<float> without = r.probability;
        without[std::size_t(5) * w + 18] -= 0.1f;
        e.rows.front().heldOut = rateCurve(without.data(), r.valid.data(), n, training);
    }
    e.rows.push_back(row("as", "Analytic-signal amplitude", false, scoreMap([](int c, int rr) { return c - rr; })));
    e.rows.push_back(row("raw", "Total-field anomaly", false, scoreMap([](int c, int) { return -c; })));
    e.rows.push_back(row("tilt", "Tilt angle", false, scoreMap([](int, int rr) { return -std::abs(rr - 2); })));
    e.trainingDeposits = int(training.size());
    e.validationGiven = withValidation ? int(validation.size()) + 1 : 0;
    e.validationUsed = withValidation ? int(validation.size()) : 0;
    e.heldOutGroups = 3;
    e.depositGroups = 3;
    e.groupDistance = 20;
    if (withValidation)
        e.notes = {"1 validation occurrence falls on a labelled pixel and is left out of the prediction rate."};
    return e;
}

/** \brief fixtureResult() with spatial cross-validation, an ensemble of 3 with its uncertainty (0.01 * row on
 *  valid ground, so at most 0.09) and fixtureEvaluation(). */
inline std::shared_ptr<PipelineResult> fixtureEnsembleResult()
{
    auto r = fixtureResult();
    for (ModeResult m : r->crossValidation) {
        m.scheme = CvScheme::Spatial;
        m.groups = 7;
        m.auc = 0.7;
        m.accuracy -= 0.1;
        r->spatialCrossValidation.push_back(m);
    }
    r->crossValidation.front().auc = 0.9;
    r->crossValidation.back().auc = 0.8;
    r->ensemble = 3;
    r->uncertainty.assign(r->valid.size(), NAN);
    for (std::size_t i = 0; i < r->valid.size(); ++i)
        if (r->valid[i])
            r->uncertainty[i] = 0.01f * float(i / std::size_t(r->grid.width));
    r->evaluation = fixtureEvaluation(*r);
    return r;
}

} // namespace lodestone::test
