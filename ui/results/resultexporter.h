// File > Export: the actions, their file dialogs and the writing. Rasters and reports are written on Qt's
// thread pool (ResultWriter, big rasters take a while); the map (MapComposer, from the layers' rendered images)
// and the plots are drawn on the GUI thread, which is quick. Remembers the files written, for the project.
//
// Thread: GUI thread.
#pragma once

#include "resultwriter.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace lodestone {

class MapCanvas;
class ResultPlot;

/** \brief Export actions for the current result, the map view and the plots. */
class ResultExporter : public QObject {
    Q_OBJECT
public:
    enum Kind {
        ClassMap,       ///< GeoTIFF
        ProbabilityMap, ///< GeoTIFF
        UncertaintyMap, ///< GeoTIFF (ensembles only)
        FeatureRasters, ///< multi-band GeoTIFF
        ReportJson,
        ReportCsv,
        ReportHtml, ///< report.html: maps, rate curves, tables, settings in one page
        AllResults, ///< a folder: classes.tif, probability.tif, features.tif, model.pt, report.json, ...
        MapView,    ///< the map in view with legend, scale bar and north arrow: PNG (with a world file) or PDF
        LossCurve,  ///< PNG or PDF
        CrossValidationChart, ///< PNG or PDF
    };
    Q_ENUM(Kind)

    /** \brief source() is asked for the result at the moment of exporting; dialogParent parents the dialogs. */
    ResultExporter(std::function<ExportSource()> source, MapCanvas *canvas, ResultPlot *lossPlot,
                   ResultPlot *crossValidationPlot, QWidget *dialogParent);

    /** \brief The File > Export submenu. */
    QMenu *menu() const { return m_menu; }
    QAction *action(Kind kind) const { return m_actions.value(kind); }
    /** \brief Enables the actions that have something to export. */
    void updateActions();

    /** \brief Writes kind to path (a folder for AllResults) without asking; exported() or failed() follows
     *  (on a later turn of the event loop for rasters and reports). */
    void exportTo(Kind kind, const QString &path);
    /** \brief Asks for a file name, then exportTo(). */
    void exportInteractively(Kind kind);
    bool isBusy() const { return m_busy > 0; }

    /** \brief Files written for the current result, by kind (cleared when the result changes). */
    QHash<Kind, QString> exportedFiles() const { return m_exported; }
    void forgetExports() { m_exported.clear(); }
    /** \brief Records a file written earlier for the current result (e.g. listed in a reopened project). */
    void rememberExport(Kind kind, const QString &path) { m_exported.insert(kind, path); }

    /** \brief The PNG's world file (.pgw): map coordinates of the map's pixels. */
    static QString worldFilePath(const QString &pngPath);

Q_SIGNALS:
    /** \brief A background write has started (rasters, reports, folders). */
    void started(lodestone::ResultExporter::Kind kind, const QString &path);
    void exported(lodestone::ResultExporter::Kind kind, const QString &path);
    void failed(lodestone::ResultExporter::Kind kind, const QString &message);

private:
    void finish(Kind kind, const QString &path, const QString &error);
    QString writeMapView(const QString &path) const;
    QString defaultName(Kind kind) const;
    QString filter(Kind kind) const;

    std::function<ExportSource()> m_source;
    QPointer<MapCanvas> m_canvas;
    QPointer<ResultPlot> m_lossPlot;
    QPointer<ResultPlot> m_cvPlot;
    QPointer<QWidget> m_dialogParent;
    QMenu *m_menu = nullptr;
    QHash<Kind, QAction *> m_actions;
    QHash<Kind, QString> m_exported;
    int m_busy = 0;
};

} // namespace lodestone
