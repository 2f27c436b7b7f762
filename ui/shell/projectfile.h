// A Lodestone project on disk (.lodestone, JSON): the survey and its band, the labels file, every training
// setting, the folder of the saved results and other exported files, and the view (extent, survey style,
// layer visibility, probability threshold). Paths are stored relative to the project file and absolute, so
// a project finds its files whether the whole folder was moved or only the project file. Written atomically
// (QSaveFile). The schema, and the checks of every value read, are core's (core/projectschema.h): a file holding a
// value of the wrong type or out of range is refused with a sentence naming the file and the key.
//
// Thread: any; no GUI.
#pragma once

#include "pipeline.h"
#include "projectschema.h"
#include "rendersettings.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QRectF>
#include <QString>

namespace lodestone {

/** \brief Visibility and opacity of a layer. */
struct LayerState {
    bool visible = true;
    double opacity = 1.0;
};

/** \brief A user layer a project restores: derived from the survey again or read from its file again. */
struct SavedLayer {
    QString name;
    QString units;
    QString source;
    LayerSpec origin;
    RenderSettings style;
    LayerState state;
};

/** \brief Everything a project restores. Paths are absolute in memory. */
struct Project {
    QString surveyPath;
    int band = 1;
    QString labelsPath;     ///< empty: no labels saved
    QString validationPath; ///< points file of the validation occurrences; empty: none
    PipelineParams params;
    QString resultsFolder;          ///< folder with classes.tif, probability.tif, features.tif, report.json, model.pt
    PipelineParams resultParams;    ///< the settings the saved result was trained with (params may have changed since)
    QMap<QString, QString> exports; ///< other exported files, by kind ("classes", "report-csv", ...)

    bool hasView = false;
    QRectF viewExtent; ///< visible map extent (map coordinates; x/y as the grid's CRS)
    bool hasStyle = false;
    RenderSettings style; ///< of the survey layer
    QString units = QStringLiteral("nT");
    double threshold = 0.5;
    bool greyBelow = false;
    LayerState survey, classes, probability;
    QList<int> features;          ///< feature rasters shown as layers
    QList<SavedLayer> userLayers; ///< products and added rasters, bottom first (in-memory ones are not saved)
};

/** \brief Reads and writes Project files. */
class ProjectFile {
    Q_DECLARE_TR_FUNCTIONS(lodestone::ProjectFile)
public:
    static constexpr int kVersion = kProjectSchemaVersion;
    /** \brief "lodestone" (the file suffix, without the dot). */
    static QString suffix();
    /** \brief For file dialogs: "Lodestone projects (*.lodestone)". */
    static QString dialogFilter();

    /** \brief Saves atomically; false with a sentence in error when the file cannot be written. */
    static bool save(const Project &project, const QString &path, QString *error);
    /** \brief Loads; false with a sentence naming the file in error when it is missing, not a project, or holds a
     *  value of the wrong type or out of range (naming its key). Paths are resolved: relative to the project when
     *  the file is there, else as saved. */
    static bool load(const QString &path, Project *project, QString *error);

    static QByteArray toJson(const Project &project, const QString &projectPath);
    static bool fromJson(const QByteArray &json, const QString &projectPath, Project *project, QString *error);

    /** \brief The "training" object of a project. */
    static QJsonObject paramsToJson(const PipelineParams &params);
    /** \brief Missing keys keep PipelineParams' defaults; a value of the wrong type or out of range throws
     *  ProjectError (core/projectschema.h) naming the key. */
    static PipelineParams paramsFromJson(const QJsonObject &json);
};

} // namespace lodestone
