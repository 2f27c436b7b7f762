// UserLayers: layers kept as QPointers (the window deletes every layer when another survey opens); file jobs on a
// BackgroundJob whose outcome is dropped when the survey changes under it.
#include "userlayers.h"

#include "backgroundjob.h"
#include "bandselectdialog.h"
#include "crsinfo.h"
#include "error.h"
#include "feedback.h"
#include "jobindicator.h"
#include "labellayer.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "magneticfilters.h"
#include "mainwindow.h"
#include "projectfile.h"
#include "raster.h"
#include "rasterfileformats.h"
#include "rasterlayer.h"
#include "trainingpanel.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include <algorithm>
#include <cmath>

#include <utility>

namespace lodestone {

namespace {

const QString kDirectoryKey = QStringLiteral("userLayers/lastDirectory");

/// Where a loaded band and its statistics are put by the worker.
struct LoadedBand {
    std::shared_ptr<Raster> raster;
    BandStatistics statistics;
};

} // namespace

UserLayers::UserLayers(MainWindow *window) : QObject(window), m_window(window)
{
    m_job = new BackgroundJob(this);
    m_indicator = new JobIndicator(window);
    connect(m_indicator, &JobIndicator::cancelRequested, m_job, &BackgroundJob::cancel);
    connect(m_job, &BackgroundJob::progressChanged, this, [this](const QString &, double fraction) {
        if (fraction >= 0)
            m_indicator->setProgress(fraction);
    });
    // Each job sets what its outcome does; the handlers are taken (and so cleared) when it arrives.
    auto finish = [this] {
        m_indicator->finish();
        updateActions();
    };
    connect(m_job, &BackgroundJob::succeeded, this, [this, finish] {
        finish();
        if (auto handler = std::exchange(m_onSucceeded, {}))
            handler();
    });
    connect(m_job, &BackgroundJob::canceled, this, [this, finish] {
        finish();
        if (auto handler = std::exchange(m_onCanceled, {}))
            handler();
    });
    connect(m_job, &BackgroundJob::failed, this, [this, finish](const QString &message) {
        finish();
        if (auto handler = std::exchange(m_onFailed, {}))
            handler(message);
    });

    m_errorReporter = [window](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    m_question = [window](const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
                          QMessageBox::StandardButton defaultButton) {
        return QMessageBox::question(window, title, text, buttons, defaultButton);
    };

    m_addAction = new QAction(tr("Add &Raster Layer…"), this);
    m_addAction->setStatusTip(tr("Show another raster (any format GDAL reads) over the survey, e.g. a product made "
                                 "elsewhere; it is resampled onto the survey's grid if need be"));
    connect(m_addAction, &QAction::triggered, this, &UserLayers::showAddRasterDialog);
    m_saveAction = new QAction(tr("Save &Layer As GeoTIFF…"), this);
    m_saveAction->setStatusTip(tr("Write the selected product or added layer as a Float32 GeoTIFF on the survey's "
                                  "grid"));
    connect(m_saveAction, &QAction::triggered, this, &UserLayers::showSaveDialog);
    m_removeAction = new QAction(tr("Re&move Layer"), this);
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setStatusTip(tr("Remove the selected product or added layer from the map"));
    connect(m_removeAction, &QAction::triggered, this, &UserLayers::removeCurrentLayer);

    window->layerPanel()->setContextActions({m_saveAction, m_removeAction});
    connect(window->layerPanel(), &LayerTreePanel::currentLayerChanged, this, &UserLayers::updateActions);
    connect(window->layerStack(), &LayerStack::orderChanged, this, &UserLayers::updateActions);
    connect(window, &MainWindow::surveyOpened, this, [this] {
        // The window has deleted every layer of the previous survey; a file job for it is of no use now.
        if (m_job->isRunning()) {
            m_job->abandon();
            m_onSucceeded = {};
            m_onCanceled = {};
            m_onFailed = {};
            m_indicator->finish();
        }
        m_layers.removeAll(nullptr);
        m_origins.clear();
        updateActions();
        Q_EMIT layersChanged();
    });
    updateActions();
}

UserLayers::~UserLayers() = default;

void UserLayers::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

void UserLayers::setQuestion(Question question)
{
    m_question = std::move(question);
}

bool UserLayers::isBusy() const
{
    return m_job->isRunning();
}

void UserLayers::report(const QString &title, const QString &message)
{
    if (m_errorReporter)
        m_errorReporter(title, message);
}

QList<RasterLayer *> UserLayers::layers() const
{
    QList<RasterLayer *> out;
    for (MapLayer *layer : m_window->layerStack()->layers()) {
        if (isUserLayer(layer))
            out << static_cast<RasterLayer *>(layer);
    }
    return out;
}

bool UserLayers::isUserLayer(const MapLayer *layer) const
{
    if (!layer)
        return false;
    for (const QPointer<RasterLayer> &l : m_layers) {
        if (l == layer)
            return true;
    }
    return false;
}

RasterLayer *UserLayers::currentUserLayer() const
{
    MapLayer *current = m_window->layerPanel()->currentLayer();
    return isUserLayer(current) ? static_cast<RasterLayer *>(current) : nullptr;
}

void UserLayers::updateActions()
{
    m_addAction->setEnabled(m_window->surveyLayer() != nullptr);
    RasterLayer *current = currentUserLayer();
    m_saveAction->setEnabled(current != nullptr && !m_job->isRunning());
    m_removeAction->setEnabled(current != nullptr);
}

RasterLayer *UserLayers::addLayer(std::shared_ptr<const Raster> raster, const BandStatistics &statistics,
                                  const QString &name, const QString &units, const QString &source,
                                  const std::optional<LayerSpec> &origin)
{
    auto *layer = new RasterLayer(std::move(raster), statistics, name);
    layer->setUnits(units);
    layer->setSource(source);
    if (RasterLayer *survey = m_window->surveyLayer()) {
        RenderSettings settings = survey->settings();
        settings.zFactor = 0.0; // the survey's own z-factor is in its units, not this layer's
        layer->setSettings(settings);
    }
    // Over everything but the labels, which stay on top for painting.
    LayerStack *stack = m_window->layerStack();
    int index = 0;
    while (index < stack->count() && qobject_cast<LabelLayer *>(stack->layers().at(index)))
        ++index;
    m_layers.removeAll(nullptr);
    m_layers << layer;
    if (origin)
        m_origins[layer] = *origin;
    else
        m_origins.erase(layer);
    stack->insertLayer(layer, index);
    m_window->layerPanel()->setCurrentLayer(layer);
    updateActions();
    Q_EMIT layerAdded(layer);
    Q_EMIT layersChanged();
    return layer;
}

std::optional<LayerSpec> UserLayers::origin(const RasterLayer *layer) const
{
    const bool listed = std::any_of(m_layers.begin(), m_layers.end(),
                                    [layer](const QPointer<RasterLayer> &l) { return l.data() == layer; });
    const auto it = m_origins.find(layer);
    if (!listed || !layer || it == m_origins.end())
        return std::nullopt;
    return it->second;
}

QList<InputLayerChoice> UserLayers::inputLayerChoices() const
{
    QList<InputLayerChoice> choices;
    for (MapLayer *l : m_window->layerStack()->layers()) {
        auto *raster = qobject_cast<RasterLayer *>(l);
        if (!raster || !isUserLayer(raster))
            continue;
        InputLayerChoice c;
        c.name = raster->name();
        c.spec = origin(raster);
        c.tooltip = c.spec ? raster->source()
                           : tr("This layer exists only in memory: save it as a GeoTIFF (File > Save Layer As) to "
                                "use it as a model input, so that the model can be applied again.");
        choices << c;
    }
    return choices;
}

QList<SavedLayer> UserLayers::savedLayers() const
{
    QList<SavedLayer> saved;
    for (MapLayer *l : m_window->layerStack()->layers()) {
        auto *raster = qobject_cast<RasterLayer *>(l);
        const std::optional<LayerSpec> spec = raster && isUserLayer(raster) ? origin(raster) : std::nullopt;
        if (!spec)
            continue;
        SavedLayer s;
        s.name = raster->name();
        s.units = raster->units();
        s.source = raster->source();
        s.origin = *spec;
        s.style = raster->settings();
        s.state = {raster->isVisible(), raster->opacity()};
        saved.prepend(s); // the stack lists the top first
    }
    return saved;
}

void UserLayers::restoreLayers(const QList<SavedLayer> &layers)
{
    RasterLayer *surveyLayer = m_window->surveyLayer();
    if (!surveyLayer || layers.isEmpty())
        return;
    if (m_job->isRunning()) {
        QStringList names;
        for (const SavedLayer &l : layers)
            names << l.name;
        report(tr("Layers Not Restored"), tr("Another layer is being read or written; these layers of the project "
                                             "were not restored: %1.")
                                              .arg(names.join(QStringLiteral(", "))));
        Q_EMIT restored(0, names);
        return;
    }
    struct Restored {
        std::shared_ptr<Raster> raster;
        BandStatistics statistics;
        QString error;
        std::string note; ///< the cell size a product took on a grid in degrees; a file's infinite cells
    };
    const std::shared_ptr<const Raster> survey = surveyLayer->sharedRaster();
    std::vector<LayerSpec> specs;
    for (const SavedLayer &l : layers)
        specs.push_back(l.origin);
    auto out = std::make_shared<std::vector<Restored>>(specs.size());
    m_job->start([out, specs, survey](Feedback &feedback) {
        for (std::size_t i = 0; i < specs.size(); ++i) {
            checkCanceled(&feedback);
            const LayerSpec &spec = specs[i];
            try {
                Raster r;
                if (spec.kind == LayerSpec::Kind::Derived) {
                    if (spec.derive.product != MagneticProduct::LocalStdDev)
                        (*out)[i].note = geographicCellsNote(*survey);
                    r = deriveMagneticProduct(*survey, spec.derive, &feedback);
                } else {
                    r = readLayerFile(spec.path, spec.band, survey->grid, nullptr, &feedback);
                    (*out)[i].note = infiniteCellsNote(r);
                }
                (*out)[i].raster = std::make_shared<Raster>(std::move(r));
                (*out)[i].statistics = BandStatistics::compute(*(*out)[i].raster);
            } catch (const Canceled &) {
                throw;
            } catch (const std::exception &e) {
                (*out)[i].error = QString::fromStdString(e.what());
            }
        }
    });
    m_indicator->start(tr("Restoring the project's layers…"));
    updateActions();
    m_onSucceeded = [this, out, layers] {
        QStringList failed;
        QStringList notes;
        int added = 0;
        for (int i = 0; i < layers.size(); ++i) {
            const Restored &r = (*out)[std::size_t(i)];
            const SavedLayer &l = layers[i];
            if (!r.raster) {
                failed << tr("%1: %2").arg(l.name, r.error);
                continue;
            }
            if (const QString note = QString::fromStdString(r.note); !note.isEmpty() && !notes.contains(note))
                notes << note;
            RasterLayer *layer = addLayer(r.raster, r.statistics, l.name, l.units, l.source, l.origin);
            layer->setSettings(l.style);
            layer->setVisible(l.state.visible);
            layer->setOpacity(l.state.opacity);
            ++added;
        }
        if (!notes.isEmpty()) // the same notes as when the layers were made
            Q_EMIT statusMessage(tr("Restored the project's layers. %1").arg(notes.join(QLatin1Char(' '))));
        if (!failed.isEmpty())
            report(tr("Layers Not Restored"),
                   tr("Some layers of the project could not be restored:\n%1").arg(failed.join(QLatin1Char('\n'))));
        Q_EMIT restored(added, failed);
    };
    m_onCanceled = [this, layers] {
        QStringList names;
        for (const SavedLayer &l : layers)
            names << l.name;
        Q_EMIT statusMessage(tr("Restoring the project's layers was canceled."));
        Q_EMIT restored(0, names);
    };
    m_onFailed = [this, layers](const QString &message) {
        report(tr("Layers Not Restored"), message);
        QStringList names;
        for (const SavedLayer &l : layers)
            names << l.name;
        Q_EMIT restored(0, names);
    };
}

QString UserLayers::gridDifference(const GridSpec &survey, const GridSpec &other)
{
    const bool sameCrs = crsEquivalent(survey.crsWkt, other.crsWkt);
    const std::string difference = survey.describeDifference(other);
    if (difference.empty() && sameCrs)
        return {};
    auto describe = [](const GridSpec &g) {
        QString text = tr("%1 x %2 cells").arg(g.width).arg(g.height);
        if (g.hasGeoTransform)
            text += QLatin1Char(' ') + tr("of %1 x %2")
                                           .arg(std::abs(g.geoTransform[1]), 0, 'g', 6)
                                           .arg(std::abs(g.geoTransform[5]), 0, 'g', 6);
        return text + QLatin1Char(' ') + tr("in %1").arg(CrsInfo(QString::fromStdString(g.crsWkt)).shortName());
    };
    const bool sameCells = survey.width == other.width && survey.height == other.height &&
                           survey.geoTransform[1] == other.geoTransform[1] &&
                           survey.geoTransform[5] == other.geoTransform[5];
    if (sameCells && sameCrs) // only shifted
        return tr("its cells are shifted: %1").arg(QString::fromStdString(difference));
    return tr("it has %1, the survey %2").arg(describe(other), describe(survey));
}

void UserLayers::showAddRasterDialog()
{
    QSettings settings;
    QString folder = settings.value(kDirectoryKey).toString();
    if (folder.isEmpty() && m_window->surveyLayer())
        folder = QFileInfo(QString::fromStdString(m_window->surveyLayer()->raster().path)).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Add Raster Layer"), folder.isEmpty() ? QDir::homePath() : folder,
                                     RasterFileFormats::dialogFilter());
    if (path.isEmpty())
        return;
    settings.setValue(kDirectoryKey, QFileInfo(path).absolutePath());
    addRasterFile(path);
}

void UserLayers::addRasterFile(const QString &path, int band)
{
    const QString fileName = QFileInfo(path).fileName();
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey) {
        report(tr("Cannot Add Layer"), tr("Open a survey first: layers are shown on the survey's grid."));
        Q_EMIT addDeclined(path, tr("no survey"));
        return;
    }
    if (m_job->isRunning()) {
        report(tr("Cannot Add Layer"), tr("Another layer is being read or written; try again when it is done."));
        Q_EMIT addDeclined(path, tr("busy"));
        return;
    }
    RasterInfo info;
    try {
        info = readRasterInfo(path.toStdString());
    } catch (const std::exception &e) {
        report(tr("Cannot Add Layer"), QString::fromStdString(e.what()));
        Q_EMIT addDeclined(path, QString::fromStdString(e.what()));
        return;
    }
    if (band <= 0) {
        band = 1;
        if (info.bandCount > 1) {
            QStringList descriptions;
            for (const std::string &d : info.bandDescriptions)
                descriptions << QString::fromStdString(d);
            band = BandSelectDialog::chooseBand(m_window, fileName, info.bandCount, descriptions);
            if (band <= 0)
                return;
        }
    }
    QString name = QFileInfo(path).completeBaseName();
    if (info.bandCount > 1)
        name = tr("%1 (band %2)").arg(name).arg(band);

    const QString difference = gridDifference(survey->raster().grid, info.grid);
    bool resample = false;
    if (!difference.isEmpty()) {
        const QString what = tr("%1 is not on the survey's grid: %2.").arg(fileName, difference);
        if (!info.grid.hasGeoTransform || !survey->raster().grid.hasGeoTransform) {
            report(tr("Cannot Add Layer"),
                   what + QLatin1Char(' ') + tr("Without georeferencing on both it cannot be placed on the survey."));
            Q_EMIT addDeclined(path, what);
            return;
        }
        const auto answer =
            m_question(tr("Resample Layer?"),
                       what + QStringLiteral("\n\n") +
                           tr("Resample it onto the survey's grid (bilinear, reprojected if the CRS differs)? "
                              "Cells outside it are left empty."),
                       QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            Q_EMIT statusMessage(tr("%1 was not added.").arg(fileName));
            Q_EMIT addDeclined(path, what);
            return;
        }
        resample = true;
        name = tr("%1 (resampled)").arg(name);
    }
    startLoad(path, band, resample, name);
}

void UserLayers::startLoad(const QString &path, int band, bool resample, const QString &name)
{
    const GridSpec grid = m_window->surveyLayer()->raster().grid;
    const QString units = m_window->surveyLayer()->units();
    auto out = std::make_shared<LoadedBand>();
    const std::string file = path.toStdString();
    m_job->start([out, file, band, resample, grid](Feedback &feedback) {
        out->raster =
            std::make_shared<Raster>(resample ? readRasterOnGrid(file, band, grid, &feedback) : readRaster(file, band));
        checkCanceled(&feedback);
        out->statistics = BandStatistics::compute(*out->raster);
    });
    m_indicator->start(resample ? tr("Resampling %1…").arg(QFileInfo(path).fileName())
                                : tr("Reading %1…").arg(QFileInfo(path).fileName()));
    updateActions();
    m_onSucceeded = [this, out, path, band, name, units, resample] {
        addLayer(out->raster, out->statistics, name, units,
                 resample ? tr("%1, resampled onto the survey's grid").arg(QDir::toNativeSeparators(path))
                          : QDir::toNativeSeparators(path),
                 fileLayer(path.toStdString(), band));
        const std::string infinite = infiniteCellsNote(*out->raster);
        Q_EMIT statusMessage(infinite.empty() ? tr("Added %1.").arg(name)
                                              : tr("Added %1. %2").arg(name, QString::fromStdString(infinite)));
    };
    m_onCanceled = [this, path] {
        Q_EMIT statusMessage(tr("Adding %1 was canceled.").arg(QFileInfo(path).fileName()));
        Q_EMIT addDeclined(path, tr("canceled"));
    };
    m_onFailed = [this, path](const QString &message) {
        report(tr("Cannot Add Layer"), message);
        Q_EMIT addDeclined(path, message);
    };
}

void UserLayers::showSaveDialog()
{
    RasterLayer *layer = currentUserLayer();
    if (!layer)
        return;
    QSettings settings;
    QString base = layer->name();
    base.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
    const QString suggested =
        QDir(settings.value(kDirectoryKey, QDir::homePath()).toString())
            .filePath(base.section(QLatin1Char('-'), 0, -1, QString::SectionSkipEmpty) + QStringLiteral(".tif"));
    QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save Layer As GeoTIFF"), suggested, tr("GeoTIFF (*.tif *.tiff)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".tif");
    settings.setValue(kDirectoryKey, QFileInfo(path).absolutePath());
    saveLayer(layer, path);
}

void UserLayers::saveLayer(RasterLayer *layer, const QString &path)
{
    if (!layer || m_job->isRunning())
        return;
    const std::shared_ptr<const Raster> raster = layer->sharedRaster();
    const std::string file = path.toStdString(), band = layer->name().toStdString();
    m_job->start([raster, file, band](Feedback &feedback) {
        writeFloatGeoTiff(file, raster->grid, {raster->data.data()}, -9999.0f, {band}, Compression::Deflate, &feedback);
    });
    m_indicator->start(tr("Writing %1…").arg(QFileInfo(path).fileName()));
    updateActions();
    QPointer<RasterLayer> saved(layer);
    m_onSucceeded = [this, path, saved] {
        // A layer that existed only in memory is now backed by the file: a run can read it again as a model input.
        if (saved && !origin(saved)) {
            m_origins[saved.data()] = fileLayer(path.toStdString(), 1);
            saved->setSource(QDir::toNativeSeparators(path));
            Q_EMIT layersChanged();
        }
        Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
        Q_EMIT layerSaved(path);
    };
    m_onCanceled = [this, path] {
        Q_EMIT statusMessage(tr("Saving %1 was canceled; nothing was written.").arg(QFileInfo(path).fileName()));
    };
    m_onFailed = [this](const QString &message) { report(tr("Cannot Save Layer"), message); };
}

void UserLayers::removeCurrentLayer()
{
    if (RasterLayer *layer = currentUserLayer()) {
        m_window->layerStack()->removeLayer(layer);
        m_layers.removeAll(nullptr);
        m_origins.erase(layer);
        updateActions();
        Q_EMIT layersChanged();
    }
}

} // namespace lodestone
