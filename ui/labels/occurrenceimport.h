// Importing known occurrences as labels, as lodestone-cli's --points with --negatives does: the points are
// read (CSV with X/Y columns, Shapefile, GeoPackage, GeoJSON), reprojected to the survey's CRS and burned
// as deposit pixels into the current labels; then random non-deposit pixels are drawn away from them.
// Validation occurrences (lodestone-cli's --validation-points) are read the same way into deposit pixels that
// the run scores its map at without training on them.
//
// Thread: any (core calls only); the GUI calls it on the GUI thread, as the files are small.
#pragma once

#include "labels.h"
#include "labelsused.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace lodestone {

/** \brief Occurrence points to labels. */
class OccurrenceImport {
    Q_DECLARE_TR_FUNCTIONS(lodestone::OccurrenceImport)
public:
    struct Options {
        QString path;
        /** \brief CRS of the points (e.g. "EPSG:4326"); empty: the file's own, else (CSV) the survey's. */
        QString crs;
        /** \brief Skip points outside the grid (with a warning); otherwise refuse the file. */
        bool skipOutside = true;
        /** \brief Random non-deposit pixels to draw. They are drawn as if the labels held the deposits alone
         *  (on labels holding nothing else, the draw of lodestone-cli run --points): a drawn pixel already labelled
         *  non-deposit stays as it is. */
        int negatives = 0;
        /** \brief Their minimum distance from every occurrence, in map units. */
        double negativeMinDistance = 0.0;
        std::uint64_t seed = 0;
    };

    struct Result {
        LabelImage labels;            ///< the current labels with the occurrences and negatives added
        LabelLoadReport report;       ///< what was skipped, with warnings
        std::size_t points = 0;       ///< points read from the file
        std::size_t newDeposits = 0;  ///< pixels that became deposit
        std::size_t newNegatives = 0; ///< pixels that became non-deposit
        /// random non-deposit pixels drawn where a non-deposit label already was (a repeated import draws the
        /// same pixels as the first)
        std::size_t drawnOnNonDeposits = 0;
        /// where the labels came from, for labels_used.gpkg: each pixel of a point an imported point with the
        /// point's attributes (also where it was labelled deposit already), each new non-deposit pixel a random
        /// negative
        LabelOrigins origins;
    };

    /** \brief Validation occurrences on the survey's grid. */
    struct Validation {
        std::vector<std::size_t>
            pixels;             ///< row-major deposit pixels on valid ground (PipelineParams::validationPixels)
        LabelLoadReport report; ///< points outside the grid or on nodata, skipped, with warnings
        std::size_t points = 0; ///< points read from the file
    };

    /** \brief True for files read as tables of X/Y columns (CSV, TXT, TSV), which carry no CRS. */
    static bool isTable(const QString &path);
    /** \brief File dialog filter of the formats read. */
    static QString dialogFilter();

    /** \brief Adds the occurrences of options.path to current (labels on survey's grid). Throws Error
     *  (BadPoints, TooFewLabels, ...) with core's message; current is not changed. */
    static Result run(const Options &options, const LabelImage &current, const Raster &survey);
    /** \brief Reads validation occurrences from path (crs: as Options::crs), skipping points outside the grid or on
     *  nodata with a warning. Throws Error (BadPoints, ...) with core's message. */
    static Validation readValidation(const QString &path, const QString &crs, const Raster &survey);
};

} // namespace lodestone
