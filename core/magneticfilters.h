// Standard magnetic products of a gridded total-field anomaly: reduction to the pole, first vertical
// derivative, horizontal-gradient magnitude, tilt angle, analytic-signal amplitude, upward continuation (all
// wavenumber-domain filters, FFTW), and the local standard deviation in a square window. They serve as derived
// evidence layers and as the zero-label baselines that every map is evaluated against.
#pragma once

#include "raster.h"

#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief A derived magnetic product. */
enum class MagneticProduct {
    ReducedToPole,      ///< "rtp": the field as if measured at the magnetic pole (inclination 90)
    VerticalDerivative, ///< "vd1": first vertical derivative dT/dz, z down (= -dT/dh, positive over a source), nT/m
    HorizontalGradient, ///< "hgrad": sqrt((dT/dx)^2 + (dT/dy)^2), nT/m
    TiltAngle,          ///< "tilt": atan2(dT/dz, hgrad), radians in (-pi/2, pi/2)
    AnalyticSignal,     ///< "as": sqrt(dx^2 + dy^2 + dz^2), nT/m
    UpwardContinuation, ///< "up": the field continued upward by height metres
    LocalStdDev,        ///< "localstd": standard deviation over a window x window square of valid pixels
};

/** \brief Short name: "rtp", "vd1", "hgrad", "tilt", "as", "up", "localstd". */
std::string magneticProductName(MagneticProduct product);
/** \brief Parses magneticProductName()'s names (case-insensitive); false when unknown. */
bool parseMagneticProduct(const std::string &name, MagneticProduct &product);
/** \brief Every product, in the order of the enum. */
std::vector<MagneticProduct> allMagneticProducts();

/** \brief Settings of a product; only the ones a product uses are read. */
struct DeriveParams {
    MagneticProduct product = MagneticProduct::AnalyticSignal;
    double inclination = 90.0; ///< inducing field (and magnetisation) inclination, degrees, positive down (rtp)
    double declination = 0.0;  ///< inducing field declination, degrees east of north (rtp)
    /// rtp: below this absolute inclination (degrees) the amplitude term uses this inclination instead of the
    /// true one, which keeps the filter bounded near the magnetic equator (documented in METHOD.md).
    double stabilisingInclination = 20.0;
    double height = 100.0; ///< up: continuation height, metres (> 0)
    int window = 9;        ///< localstd: odd window side in pixels (>= 3)
};

/** \brief The product in words, as a title: "Analytic-signal amplitude", "Local standard deviation, 9 x 9" (with its
 *  window), "Field reduced to the pole". */
std::string magneticProductTitle(const DeriveParams &params);

/** \brief The product of a survey on the survey's grid: same georeferencing, nodata on the survey's invalid
 *  pixels. Invalid pixels are filled before the transform (nearest valid value) and restored after it; the grid
 *  is padded by mirroring before the FFT so that edges do not ring. Pixel sizes come from the geotransform, in
 *  the units of a projected CRS converted to metres (metres when there is no CRS; pixel units without a
 *  geotransform); a geographic grid's degrees become metres at its middle latitude (geographicCellsNote()). Throws
 * Error(BadParameter) for settings out of range or a rotated grid, Canceled when feedback asks. The returned Raster's
 * path is empty. */
Raster deriveMagneticProduct(const Raster &survey, const DeriveParams &params, Feedback *feedback = nullptr);

/** \brief The note that belongs beside the magnetic products of a survey in geographic coordinates: their cells in
 *  degrees are taken as metres at the grid's middle latitude, on the CRS's ellipsoid (a flat-earth approximation,
 *  as GMT's grdfft makes with -fg), giving that size and, from 0.5 %, how far the true cell width departs from it
 *  at the grid's northern and southern edges. Empty for a projected grid or one without a CRS. Throws
 *  Error(BadParameter) for a geographic grid that reaches beyond 89 degrees of latitude, where products are
 *  refused too. */
std::string geographicCellsNote(const Raster &survey);

/** \brief A cell's size on the ground in metres, east-west (dx) and north-south (dy): a projected CRS's units
 *  converted to metres, a geographic grid's degrees at its middle latitude as its magnetic products take them. False
 *  (dx, dy untouched) without a geotransform or a readable CRS, for a rotated grid and for a geographic grid beyond
 *  89 degrees of latitude. */
bool groundCellSize(const GridSpec &grid, double *dx, double *dy);

/** \brief A cell's height over its width as maps draw it: on the ground (groundCellSize()), else in the
 *  geotransform's units, else 1. */
double cellAspect(const GridSpec &grid);

} // namespace lodestone
