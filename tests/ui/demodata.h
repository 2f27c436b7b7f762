// Small demo surveys for the training tests: core's forward-modelled demo (generateDemoSurvey), in memory or
// written as GeoTIFFs, and pipeline settings small enough to train in a second or two.
#pragma once

#include "demo.h"
#include "labels.h"
#include "pipeline.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTextStream>

#include <cmath>
#include <map>
#include <memory>

namespace lodestone::test {

/** \brief The demo survey of the given size (seed 1), generated once per process per size. */
inline const DemoSurvey &demoSurvey(int width = 120, int height = 100)
{
    static std::map<std::pair<int, int>, DemoSurvey> cache;
    auto it = cache.find({width, height});
    if (it == cache.end()) {
        DemoParams p;
        p.width = width;
        p.height = height;
        it = cache.emplace(std::make_pair(width, height), generateDemoSurvey(p)).first;
    }
    return it->second;
}

/** \brief The demo's anomaly grid as a Raster (every pixel valid). */
inline std::shared_ptr<const Raster> demoRaster(int width = 120, int height = 100)
{
    const DemoSurvey &d = demoSurvey(width, height);
    auto r = std::make_shared<Raster>();
    r->grid = d.grid;
    r->data = d.tmi;
    r->valid.assign(d.tmi.size(), 1);
    r->path = "demo";
    return r;
}

/** \brief The demo's labels (14 deposit, 17 non-deposit pixels). */
inline LabelImage demoLabels(int width = 120, int height = 100)
{
    const DemoSurvey &d = demoSurvey(width, height);
    LabelImage labels;
    labels.grid = d.grid;
    labels.values = d.labels;
    return labels;
}

/** \brief Writes survey.tif, labels.tif and truth.tif into folder (created) and returns folder. */
inline QString writeDemo(const QString &folder, int width = 120, int height = 100)
{
    QDir().mkpath(folder);
    writeDemoSurvey(demoSurvey(width, height), folder.toStdString());
    return folder;
}

/** \brief Writes a CSV (columns x, y in the survey's CRS) of the centres of every step-th truth deposit pixel of
 *  the demo that is not labelled, as validation occurrences; returns the row-major pixels written. */
inline std::vector<std::size_t> writeValidationPoints(const QString &path, int step = 5, int width = 120,
                                                      int height = 100)
{
    const DemoSurvey &d = demoSurvey(width, height);
    const std::array<double, 6> &g = d.grid.geoTransform;
    std::vector<std::size_t> pixels;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return pixels;
    QTextStream out(&file);
    out.setRealNumberPrecision(12);
    out << "x,y\n";
    int seen = 0;
    for (std::size_t i = 0; i < d.truth.size(); ++i) {
        if (d.truth[i] != TruthDeposit || d.labels[i] != LabelUnknown || seen++ % step != 0)
            continue;
        const double c = double(i % std::size_t(width)) + 0.5, r = double(i / std::size_t(width)) + 0.5;
        out << g[0] + c * g[1] + r * g[2] << ',' << g[3] + c * g[4] + r * g[5] << '\n';
        pixels.push_back(i);
    }
    return pixels;
}

/** \brief Settings that train on the small demo in about a second: patch 20, filters 6,4,4, 500 patches,
 *  2 epochs. */
inline PipelineParams smallParams()
{
    PipelineParams p;
    p.ensemble = 1;
    p.background = 0;
    p.autoencoder.patchSize = 20;
    p.autoencoder.filters = {6, 4, 4};
    p.autoencoder.trainPatches = 500;
    p.autoencoder.epochs = 2;
    p.autoencoder.batchSize = 64;
    p.seed = 3;
    return p;
}

/** \brief Settings that train for minutes unless canceled. */
inline PipelineParams longParams()
{
    PipelineParams p = smallParams();
    p.autoencoder.trainPatches = 20000;
    p.autoencoder.epochs = 200;
    return p;
}

} // namespace lodestone::test
