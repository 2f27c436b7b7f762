// Line data to a grid for the desktop application: what the Import Line Data dialog decides (columns, CRSs, cell,
// tension, mask, output), how it guesses them from a file's header and first rows, what a look at all the readings
// suggests (UTM zone, cell size from the line spacing), and the gridding itself as one call for a worker thread
// (core's readLineData, reprojectLineData, gridLineData and writeGriddingResult, as lodestone-cli grid runs them).
//
// Thread: value types and functions without widgets; analyse() and run() are meant for a worker thread.
#pragma once

#include "gridding.h"
#include "linegeometry.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace lodestone {

class Feedback;

/** \brief Everything needed to grid a line-data file. */
struct LineImportSettings {
    QString path;             ///< the line data
    QString output;           ///< the GeoTIFF to write
    QString xColumn, yColumn; ///< empty for a point file's geometry
    QString valueColumn;
    QString sourceCrs; ///< as the user typed it (e.g. EPSG:4326); empty: the file's own, or none
    QString targetCrs; ///< empty: no reprojection (or the survey's CRS when onSurveyGrid)
    double cell = 50.0;
    double tension = 0.25;
    double maxDistanceCells = 5.0; ///< mask distance in cells; negative: no mask
    /// Leave out the readings of lines crossing the flight lines (tie lines, see estimateLineGeometry()): unlevelled
    /// tie lines show as dotted lines in the grid.
    bool leaveOutCrossLines = false;
    bool onSurveyGrid = false; ///< grid onto surveyGrid's cells exactly (and add the result as a layer)
    GridSpec surveyGrid;
};

/** \brief What analyse() learned from all the readings. */
struct LineAnalysis {
    std::size_t readings = 0, skipped = 0;
    QString utmCrs;          ///< the UTM zone of the readings' centre, e.g. "EPSG:32754"; empty when unknown
    QString targetCrs;       ///< the CRS the geometry was measured in: the target given, else the suggestion
    bool geographic = false; ///< the readings' own CRS is in degrees
    LineGeometry geometry;   ///< in targetCrs's units (or the readings' own when no target)
    double suggestedCell = 0.0;
    QString cellReason; ///< why suggestedCell, a complete sentence
};

/** \brief What run() made. */
struct LineImportResult {
    GriddingResult grid;
    std::size_t crossLinesLeftOut = 0, crossReadingsLeftOut = 0;
};

/** \brief Line data to a grid, from the dialog's settings. */
class LineImport {
    Q_DECLARE_TR_FUNCTIONS(LineImport)
public:
    /** \brief The column most likely to hold x (x, easting, lon, longitude, ...), -1 if none. */
    static int guessXColumn(const QStringList &columns);
    static int guessYColumn(const QStringList &columns);
    /** \brief The column most likely to hold the magnetic value (names with anomaly, tmi, tfa, mag, ...), else the
     *  first other column whose preview values are numbers; -1 if none. */
    static int guessValueColumn(const QStringList &columns, const std::vector<std::vector<std::string>> &rows, int x,
                                int y);
    /** \brief True when the x and y columns look like longitude and latitude: named so, or holding fractional
     *  numbers within [-180, 360] and [-90, 90]. */
    static bool looksGeographic(const QStringList &columns, const std::vector<std::vector<std::string>> &rows, int x,
                                int y);
    /** \brief A GeoTIFF beside the line data, named after it: "lines.csv.xz" gives "lines.tif". */
    static QString defaultOutput(const QString &path);

    /** \brief Reads all the readings, suggests a UTM zone when targetCrs is empty and a cell size from the line
     *  spacing in the target CRS. Throws core's Error. */
    static LineAnalysis analyse(const LineImportSettings &settings, Feedback *feedback = nullptr);

    /** \brief Reads, reprojects, leaves out the cross lines if asked, grids and writes settings.output. Warnings
     * (skipped rows, dropped readings, GMT's) are added to the result's. Throws core's Error, or Canceled. */
    static LineImportResult run(const LineImportSettings &settings, Feedback *feedback = nullptr);
};

} // namespace lodestone
