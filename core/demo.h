// The built-in demo survey: a forward-modelled total-field magnetic anomaly grid over buried bodies, with
// training labels and the ground-truth body mask. It is the default data of the README's run command and of
// most tests, so it must be reproducible bit for bit from its seed and cheap at any size.
#pragma once

#include "labels.h"
#include "raster.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief Parameters of the demo survey. Bodies are sized and spaced in pixels, so a survey looks the same at
 *  any pixel size and a large survey looks like many small ones side by side. */
struct DemoParams {
    int width = 512;                ///< columns, 60 to 100000 (and at most 100 million pixels in all)
    int height = 512;               ///< rows, 60 to 100000
    std::uint64_t seed = 1;         ///< the same seed gives the same survey, byte for byte
    double pixelSize = 50.0;        ///< metres, 1 mm to 100 km; only changes the georeferencing
    double inclination = -60.0;     ///< geomagnetic field inclination, degrees, positive down
    double declination = 5.0;       ///< geomagnetic field declination, degrees east of north
    double fieldStrength = 50000.0; ///< geomagnetic field intensity, nT (sets induced magnetisation)
    /// Pixels labelled 1 (deposit): inside deposit bodies, spread over the clusters and their bodies, and at
    /// least 25 pixels (half a 50 x 50 patch) from the border.
    int depositPixels = 14;
    /// Pixels labelled 0 (non-deposit): alternately on barren bodies and on background, at least 25 pixels from
    /// the border and from any deposit body (less only where a small survey leaves no room).
    int nonDepositPixels = 17;
    double noise = 1.0; ///< standard deviation of the Gaussian noise, nT
    /// Multiplies the number of bodies, 0.05 to 20. At 1, a 512 x 512 survey holds on average 5 deposit
    /// clusters (at least 2 in any survey), 14 barren compact bodies, 6 dykes, 4 deep intrusions and 6500 weak
    /// texture bodies; the counts grow in proportion to the area.
    double bodyDensity = 1.0;
    int epsg = 32751;           ///< projected CRS of the grid (default WGS 84 / UTM zone 51S)
    double originX = 300000.0;  ///< map x of the top-left corner
    double originY = 6700000.0; ///< map y of the top-left corner
};

/** \brief Ground truth of the demo, horizontal footprints of the buried bodies: no body. */
constexpr std::uint8_t TruthBackground = 0;
/** \brief Ground truth of the demo: a deposit body. */
constexpr std::uint8_t TruthDeposit = 1;
/** \brief Ground truth of the demo: a barren magnetic body (compact body, dyke or deep intrusion). */
constexpr std::uint8_t TruthBarren = 2;

/** \brief A generated demo survey: all arrays are row-major, grid.width * grid.height. */
struct DemoSurvey {
    GridSpec grid;                    ///< projected CRS, north-up geotransform
    std::vector<float> tmi;           ///< total-field anomaly, nT
    std::vector<std::uint8_t> labels; ///< LabelNonDeposit (0), LabelDeposit (1), LabelUnknown (2), as in labels.h
    std::vector<std::uint8_t> truth;  ///< TruthBackground (0), TruthDeposit (1), TruthBarren (2)
    int depositBodies = 0;            ///< number of deposit bodies (spheres)
    int barrenBodies = 0;             ///< number of barren bodies (spheres and dyke segments)
};

/** \brief Forward-models the demo survey. Throws Error(BadParameter) for invalid parameters and Canceled when
 *  feedback asks for it; feedback may be null. Uses all cores; the result does not depend on their number. */
DemoSurvey generateDemoSurvey(const DemoParams &params, Feedback *feedback = nullptr);

/** \brief Writes survey.tif (Float32, nT), labels.tif (Byte, colours and nodata 255 as writeLabelRaster()) and
 *  truth.tif (Byte with a colour table) into an existing folder, each atomically. Throws Error(WriteFailed)
 *  naming the folder or file when it cannot. */
void writeDemoSurvey(const DemoSurvey &survey, const std::string &folder);

/** \brief File names written by writeDemoSurvey(). */
inline const char *demoSurveyFile()
{
    return "survey.tif";
}
inline const char *demoLabelsFile()
{
    return "labels.tif";
}
inline const char *demoTruthFile()
{
    return "truth.tif";
}

/** Closed-form anomalies of single magnetised bodies, exposed for tests and documentation.
 *  Frame: x east, y north, z down, metres; moments in A·m² (A·m per metre for lines). */
namespace magnetics {

/** \brief A vector in the survey frame (x east, y north, z down). */
struct Vec3 {
    double x = 0, y = 0, z = 0;
};

/** \brief Unit vector of a direction given by inclination (down from horizontal) and declination (east of north),
 *  both in degrees. */
Vec3 fieldDirection(double inclinationDeg, double declinationDeg);

/** \brief Magnetisation (A/m) induced by a field of fieldStrength nT along fieldDir in a body of susceptibility
 *  chi (SI), neglecting self-demagnetisation. */
Vec3 inducedMagnetisation(double chi, double fieldStrength, const Vec3 &fieldDir);

/** \brief Total-field anomaly (nT) of a point dipole of the given moment, which is also the exact anomaly outside
 *  a uniformly magnetised sphere of moment = magnetisation * volume. offset = observer - centre.
 *  The anomaly is the projection of the body's field on the inducing field direction fieldDir. */
double dipoleAnomaly(const Vec3 &moment, const Vec3 &offset, const Vec3 &fieldDir);

/** \brief Total-field anomaly (nT) at observer of a uniform line of dipoles from a to b with the given moment
 *  per unit length, i.e. a thin uniformly magnetised rod (cross-section area * magnetisation). Integrated in
 *  closed form along the line; the observer must not lie on the line or its extension. */
double lineAnomaly(const Vec3 &momentPerLength, const Vec3 &a, const Vec3 &b, const Vec3 &observer,
                   const Vec3 &fieldDir);

} // namespace magnetics

} // namespace lodestone
