// The raster layers a user adds over the survey: magnetic products (from ProcessingController) and rasters from
// files (File > Add Raster Layer…, resampled onto the survey's grid after asking when the file's grid differs).
// Also Save Layer As GeoTIFF… and Remove Layer for them, in the File menu and the layer panel's context menu. The
// survey, the labels and the training results are not theirs to remove. Reading, resampling and writing run in
// the background, one job at a time, shown in the status bar with Cancel.
//
// Thread: GUI thread; file work on Qt's global thread pool (BackgroundJob).
#pragma once

#include "bandstatistics.h"
#include "layers.h"

#include <QList>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QAction;

namespace lodestone {

class BackgroundJob;
class JobIndicator;
class MainWindow;
class MapLayer;
class RasterLayer;
struct GridSpec;
struct InputLayerChoice;
struct SavedLayer;
struct Raster;

/** \brief Adds, saves and removes the user's raster layers. */
class UserLayers : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;
    /** \brief Asks the user; returns the button chosen. The default shows a modal QMessageBox. */
    using Question = std::function<QMessageBox::StandardButton(const QString &title, const QString &text,
                                                               QMessageBox::StandardButtons buttons,
                                                               QMessageBox::StandardButton defaultButton)>;

    explicit UserLayers(MainWindow *window);
    ~UserLayers() override;

    void setErrorReporter(ErrorReporter reporter);
    void setQuestion(Question question);

    QAction *addRasterAction() const { return m_addAction; }
    QAction *saveAsAction() const { return m_saveAction; }
    QAction *removeAction() const { return m_removeAction; }
    /** \brief The status-bar indicator of the running file job. */
    JobIndicator *indicator() const { return m_indicator; }
    bool isBusy() const;

    /** \brief Adds a raster on the survey's grid as a layer above the survey and the results, below the labels,
     *  drawn as the survey is drawn (ramp, stretch, sun shading; automatic z-factor), and makes it current.
     *  source: where it comes from, for the tooltip; origin: how a run derives or reads it again as a model input
     *  (none for a raster that exists only in memory, until it is saved). */
    RasterLayer *addLayer(std::shared_ptr<const Raster> raster, const BandStatistics &statistics, const QString &name,
                          const QString &units, const QString &source,
                          const std::optional<LayerSpec> &origin = std::nullopt);
    /** \brief How a run derives or reads a user layer again, if it can. */
    std::optional<LayerSpec> origin(const RasterLayer *layer) const;
    /** \brief The user's layers as the Training panel lists them for model input, in layer-list order. */
    QList<InputLayerChoice> inputLayerChoices() const;
    /** \brief The user's layers that can be derived or read again (not those held only in memory), bottom first,
     *  with their style and visibility, for a project. */
    QList<SavedLayer> savedLayers() const;
    /** \brief Derives or reads the layers of a project again, in the background, and adds them bottom first with
     *  their style; a layer that cannot be restored (e.g. its file is gone) is reported by name. restored() follows. */
    void restoreLayers(const QList<SavedLayer> &layers);
    /** \brief The user's layers still in the layer list, top first. */
    QList<RasterLayer *> layers() const;
    bool isUserLayer(const MapLayer *layer) const;

    /** \brief What differs between the survey's grid and another (size, geotransform or CRS), empty if nothing. */
    static QString gridDifference(const GridSpec &survey, const GridSpec &other);

public Q_SLOTS:
    void showAddRasterDialog();
    /** \brief Adds band (1-based; 0 asks when there are several) of a raster file. When its grid differs from
     *  the survey's, says how and asks whether to resample it onto the survey's grid. */
    void addRasterFile(const QString &path, int band = 0);
    void showSaveDialog();
    /** \brief Writes the layer as a Float32 GeoTIFF (nodata -9999) atomically, in the background. */
    void saveLayer(lodestone::RasterLayer *layer, const QString &path);
    /** \brief Removes the current layer when it is one of the user's. */
    void removeCurrentLayer();

Q_SIGNALS:
    void layerAdded(lodestone::RasterLayer *layer);
    /** \brief A user layer was added, removed or saved (its origin may have changed). */
    void layersChanged();
    /** \brief restoreLayers() has ended: restored layers were added, failed: names and reasons of the others. */
    void restored(int restored, const QStringList &failed);
    /** \brief A file was not added: it failed, was canceled or the user declined to resample it. */
    void addDeclined(const QString &path, const QString &reason);
    void layerSaved(const QString &path);
    void statusMessage(const QString &text);

private:
    void updateActions();
    void report(const QString &title, const QString &message);
    RasterLayer *currentUserLayer() const;
    void startLoad(const QString &path, int band, bool resample, const QString &name);

    MainWindow *m_window;
    ErrorReporter m_errorReporter;
    Question m_question;
    BackgroundJob *m_job = nullptr;
    JobIndicator *m_indicator = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_removeAction = nullptr;
    QList<QPointer<RasterLayer>> m_layers;
    std::map<const RasterLayer *, LayerSpec> m_origins; ///< of layers in m_layers only
    std::function<void()> m_onSucceeded, m_onCanceled;
    std::function<void(const QString &)> m_onFailed;
};

} // namespace lodestone
