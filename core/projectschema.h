// A Lodestone project file (.lodestone, JSON) has one schema, Qt-free: projectToJson() writes it and
// projectFromJson() reads it, checking every value: a value of the wrong type or out of range refuses the file
// with a sentence naming it and the key (ProjectError), never a default in its place. A key that is absent keeps
// its default, so that a project of an earlier version reads; an input layer of a kind or product this version
// does not know (written by a later one) is left out rather than misread.
//
// Schema versions: 1, written with "version": 1 before "schema_version" existed; 2, the current one, the same
// keys with "schema_version". A file of a later schema is refused.
//
// The paths are stored relative to the project file and absolute; which one is used is the reader's choice (the
// file where the relative one leads, when it is there).
#pragma once

#include "error.h"
#include "pipeline.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace lodestone {

/** \brief The "schema_version" written into project files. */
constexpr int kProjectSchemaVersion = 2;

/** \brief A file or folder as a project stores it; both empty: none. */
struct ProjectPath {
    std::string relative; ///< relative to the project file's folder
    std::string absolute;
    bool empty() const { return relative.empty() && absolute.empty(); }
};

/** \brief Visibility and opacity (0 .. 1) of a layer. */
struct ProjectLayerState {
    bool visible = true;
    double opacity = 1.0;
};

/** \brief The style of a raster layer, enums by name: ramp "rainbow", "viridis" or "greys"; stretch
 *  "histogram-equalize", "percent-clip" or "min-max"; blend "hsv-value" or "multiply". */
struct ProjectStyle {
    std::string ramp = "rainbow";
    std::string stretch = "histogram-equalize";
    double lowPercent = 2.0;
    double highPercent = 98.0;
    bool hillshade = true;
    double azimuth = 315.0;
    double altitude = 45.0;
    double zFactor = 0.0;
    double strength = 0.6;
    std::string blend = "hsv-value";
    bool smoothZoomedIn = true;
};

/** \brief The names projects store for the style's enums, in the order the style panel offers them. */
const std::vector<std::string> &projectRampNames();
const std::vector<std::string> &projectStretchNames();
const std::vector<std::string> &projectBlendNames();

/** \brief A layer the project restores: derived from the survey again or read from its file again. */
struct ProjectUserLayer {
    std::string name;
    std::string units;
    std::string source;
    LayerSpec origin;
    ProjectStyle style;
    ProjectLayerState state;
};

/** \brief Everything a project file holds. */
struct ProjectDocument {
    ProjectPath survey;
    int band = 1;
    ProjectPath labels;
    ProjectPath validation; ///< points file of the validation occurrences
    PipelineParams training;
    ProjectPath resultsFolder;
    bool hasResultTraining = false; ///< false: the result was trained with training
    PipelineParams resultTraining;
    std::map<std::string, ProjectPath> exports; ///< other exported files, by kind
    bool hasExtent = false;
    std::array<double, 4> extent{}; ///< left, top, right, bottom in map coordinates
    bool hasStyle = false;
    ProjectStyle surveyStyle;
    std::string units = "nT";
    double threshold = 0.5; ///< probability threshold of the view, 0 .. 1
    bool greyBelow = false; ///< below the threshold: grey (true) or transparent
    ProjectLayerState surveyLayer, classesLayer, probabilityLayer;
    std::vector<int> features;                ///< feature rasters shown as layers (0-based)
    std::vector<ProjectUserLayer> userLayers; ///< bottom first
};

/** \brief What is wrong with a project file, in parts, so that a sentence can be made in the reader's language. */
struct ProjectProblem {
    enum class Kind {
        NotJson,    ///< detail: the parser's message
        NotObject,  ///< valid JSON of another shape (e.g. an array)
        NotProject, ///< no "format": "lodestone-project"
        Newer,      ///< version: the file's schema version
        NoSurvey,
        BadValue, ///< key, expected, low, high, choices, value
    };
    enum class Expected {
        WholeNumber, ///< from low to high
        Number,      ///< from low to high
        Text,
        TrueOrFalse,
        Object,
        List,
        Numbers, ///< a list of low numbers
        OneOf,   ///< one of choices
    };
    Kind kind = Kind::BadValue;
    std::string detail;
    int version = 0;
    std::string key; ///< dotted path of the value, e.g. "training.epochs", "view.layers.user[1].opacity"
    Expected expected = Expected::Number;
    std::string low, high;
    std::vector<std::string> choices;
    std::string value; ///< the value found, as JSON text, shortened to about 60 characters
};

/** \brief The English sentence of a problem of the file name, e.g. "p.lodestone: 'training.epochs' must be a
 *  whole number from 1 to 100000, not \"abc\"." */
std::string describeProjectProblem(const std::string &name, const ProjectProblem &problem);

/** \brief Error(BadParameter) of projectFromJson(); what() is describeProjectProblem(). */
class ProjectError : public Error {
public:
    ProjectError(const std::string &name, ProjectProblem problem)
        : Error(ErrorCode::BadParameter, describeProjectProblem(name, problem)), m_problem(std::move(problem))
    {
    }
    const ProjectProblem &problem() const { return m_problem; }

private:
    ProjectProblem m_problem;
};

/** \brief The project file's text (UTF-8 JSON, indented, keys in a fixed order, doubles exact); bytes that are
 *  not UTF-8 are written as U+FFFD. */
std::string projectToJson(const ProjectDocument &document);

/** \brief Reads a project file's text; name (the file, as the user knows it) starts every refusal. Absent styles
 *  keys take styleDefaults. Throws ProjectError. */
ProjectDocument projectFromJson(const std::string &json, const std::string &name,
                                const ProjectStyle &styleDefaults = ProjectStyle());

/** \brief The "training" object of a project: the settings of a run. */
std::string trainingToJson(const PipelineParams &params);
/** \brief Reads a "training" object; absent keys keep PipelineParams' defaults. Throws ProjectError naming name
 *  and the key. */
PipelineParams trainingFromJson(const std::string &json, const std::string &name);

} // namespace lodestone
