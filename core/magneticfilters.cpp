// Magnetic products in the wavenumber domain (FFTW, double precision) and the local standard deviation
// (OpenCV box filters). Conventions and measured accuracy: docs/METHOD.md, "Magnetic products".
#include "magneticfilters.h"

#include "patches.h"

#include "error.h"
#include "feedback.h"

#include <fftw3.h>
#include <ogr_spatialref.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <complex>
#include <iomanip>
#include <limits>
#include <memory>
#include <mutex>
#include <sstream>

namespace lodestone {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;

using Complex = std::complex<double>;
static_assert(sizeof(fftw_complex) == sizeof(Complex), "fftw_complex and std::complex<double> share a layout");

/** FFTW's planner (plan creation and destruction) is not thread-safe; executing a plan is. Every plan of this
 *  file is made and destroyed under this mutex, so products may be derived on several threads at once. */
std::mutex &plannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

struct FftwFree {
    void operator()(void *p) const { fftw_free(p); }
};

template <class T> std::unique_ptr<T[], FftwFree> fftwBuffer(std::size_t count)
{
    void *p = fftw_malloc(sizeof(T) * std::max<std::size_t>(count, 1));
    if (!p)
        throw std::bad_alloc();
    return std::unique_ptr<T[], FftwFree>(static_cast<T *>(p));
}

/** A plan, created with FFTW_ESTIMATE (no trial runs, the arrays are not touched) and destroyed under the
 *  planner mutex. */
class Plan {
public:
    static Plan forward(int rows, int cols, double *in, Complex *out)
    {
        std::lock_guard<std::mutex> lock(plannerMutex());
        return Plan(fftw_plan_dft_r2c_2d(rows, cols, in, reinterpret_cast<fftw_complex *>(out), FFTW_ESTIMATE));
    }
    static Plan inverse(int rows, int cols, Complex *in, double *out)
    {
        std::lock_guard<std::mutex> lock(plannerMutex());
        return Plan(fftw_plan_dft_c2r_2d(rows, cols, reinterpret_cast<fftw_complex *>(in), out, FFTW_ESTIMATE));
    }
    Plan(Plan &&other) noexcept : m_plan(other.m_plan) { other.m_plan = nullptr; }
    Plan(const Plan &) = delete;
    Plan &operator=(const Plan &) = delete;
    Plan &operator=(Plan &&) = delete;
    ~Plan()
    {
        if (m_plan) {
            std::lock_guard<std::mutex> lock(plannerMutex());
            fftw_destroy_plan(m_plan);
        }
    }
    void execute() const { fftw_execute(m_plan); }

private:
    explicit Plan(fftw_plan plan) : m_plan(plan)
    {
        if (!m_plan)
            throw Error(ErrorCode::Internal, "FFTW could not plan a transform.");
    }
    fftw_plan m_plan;
};

/** Smallest 2^a 3^b 5^c that is at least n: sizes FFTW transforms fastest. */
int fastFftSize(int n)
{
    for (int m = std::max(n, 1);; ++m) {
        int r = m;
        for (int f : {2, 3, 5})
            while (r % f == 0)
                r /= f;
        if (r == 1)
            return m;
    }
}

std::string surveyName(const Raster &survey)
{
    return survey.path.empty() ? std::string("The survey") : "The survey " + survey.path;
}

/** A geographic grid's cells in metres at its middle latitude: the radius of curvature in the meridian (dy) and
 *  in the prime vertical times the cosine of the latitude (dx), on the CRS's ellipsoid. widthDrift is how far the
 *  true cell width at the grid's northern and southern edges departs from dx, as a fraction. */
struct GeographicCells {
    double dx = 0, dy = 0, middleLatitude = 0, widthDrift = 0;
};

GeographicCells geographicCells(const Raster &survey)
{
    const auto &gt = survey.grid.geoTransform;
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const bool readable = srs.importFromWkt(survey.grid.crsWkt.c_str()) == OGRERR_NONE;
    // Degrees per unit of the CRS's angles (grads, say, in a few national CRSs).
    const double radiansPerUnit = readable ? srs.GetAngularUnits(nullptr) : kDegree;
    const double unit = radiansPerUnit > 0 ? radiansPerUnit / kDegree : 1.0;
    const double top = gt[3] * unit, bottom = (gt[3] + survey.grid.height * gt[5]) * unit;
    const double north = std::max(top, bottom), south = std::min(top, bottom);
    if (!(north <= 90.0 && south >= -90.0)) {
        std::ostringstream s;
        s << surveyName(survey) << " says its CRS is geographic (" << describeCrs(survey.grid.crsWkt).name
          << "), but its rows reach " << (north > 90.0 ? north : south)
          << ", which is no latitude: the coordinates are probably in metres and the CRS wrong. Set the right one "
             "(e.g. gdal_edit -a_srs EPSG:326NN) or reproject the grid.";
        throw Error(ErrorCode::BadParameter, s.str());
    }
    if (!(north <= 89.0 && south >= -89.0)) {
        std::ostringstream s;
        s << surveyName(survey) << " is in geographic coordinates and reaches latitude "
          << (north > 89.0 ? north : south)
          << ": magnetic products take its cells as metres at its middle latitude, which does not hold near a pole "
             "or beyond it. Reproject it first (e.g. gdalwarp -t_srs with a polar stereographic CRS).";
        throw Error(ErrorCode::BadParameter, s.str());
    }
    double a = 6378137.0, inverseFlattening = 298.257223563; // WGS84 unless the CRS says otherwise
    if (readable) {
        OGRErr err = OGRERR_NONE;
        const double major = srs.GetSemiMajor(&err);
        if (err == OGRERR_NONE && major > 0) {
            a = major;
            const double inverse = srs.GetInvFlattening(&err);
            inverseFlattening = err == OGRERR_NONE ? inverse : 0.0; // 0: a sphere
        }
    }
    const double f = inverseFlattening > 0 ? 1.0 / inverseFlattening : 0.0, e2 = f * (2 - f);
    GeographicCells c;
    c.middleLatitude = 0.5 * (north + south);
    const double phi = c.middleLatitude * kDegree, w = 1.0 - e2 * std::sin(phi) * std::sin(phi);
    const double meridian = a * (1 - e2) / (w * std::sqrt(w)), primeVertical = a / std::sqrt(w);
    c.dy = std::abs(gt[5]) * unit * kDegree * meridian;
    c.dx = std::abs(gt[1]) * unit * kDegree * primeVertical * std::cos(phi);
    c.widthDrift = std::max(std::abs(std::cos(north * kDegree) / std::cos(phi) - 1.0),
                            std::abs(std::cos(south * kDegree) / std::cos(phi) - 1.0));
    return c;
}

/** Pixel size in metres (geotransform units) and orientation: the wavenumber along columns is kx (east) times
 *  colSign, along rows ky (north) times rowSign. */
struct PixelGeometry {
    double dx = 1, dy = 1;
    double colSign = 1, rowSign = -1;
};

PixelGeometry pixelGeometry(const Raster &survey)
{
    PixelGeometry g;
    if (!survey.grid.hasGeoTransform)
        return g; // pixel units, north-up like an image
    const auto &gt = survey.grid.geoTransform;
    if (gt[2] != 0.0 || gt[4] != 0.0) {
        std::ostringstream s;
        s << surveyName(survey) << " has a rotated geotransform (terms " << gt[2] << " and " << gt[4]
          << "); magnetic products need a grid aligned with the map axes.";
        throw Error(ErrorCode::BadParameter, s.str());
    }
    if (!(std::isfinite(gt[1]) && std::isfinite(gt[5]) && gt[1] != 0.0 && gt[5] != 0.0))
        throw Error(ErrorCode::BadParameter, surveyName(survey) + " has a zero or undefined pixel size.");
    const CrsDescription crs = describeCrs(survey.grid.crsWkt);
    if (crs.valid && crs.geographic) {
        // Cells in degrees: metres at the grid's middle latitude (flat-earth approximation).
        const GeographicCells cells = geographicCells(survey);
        g.dx = cells.dx;
        g.dy = cells.dy;
    } else {
        // Cells in metres: a projected CRS in feet or other units is converted (derivatives are per metre, heights
        // in metres); a grid without a CRS is taken to be in metres.
        const double unit = crs.valid && crs.linearUnitMetres > 0 ? crs.linearUnitMetres : 1.0;
        g.dx = std::abs(gt[1]) * unit;
        g.dy = std::abs(gt[5]) * unit;
    }
    g.colSign = gt[1] > 0 ? 1.0 : -1.0; // columns run east
    g.rowSign = gt[5] > 0 ? 1.0 : -1.0; // rows run north (south-up grid) or south (the usual north-up grid)
    return g;
}

void checkParams(const Raster &survey, const DeriveParams &p)
{
    auto bad = [](const std::string &what) { throw Error(ErrorCode::BadParameter, what); };
    if (survey.grid.width <= 0 || survey.grid.height <= 0 || survey.data.size() != survey.grid.pixelCount() ||
        survey.valid.size() != survey.grid.pixelCount())
        bad(surveyName(survey) + " is empty or inconsistent.");
    std::ostringstream s;
    switch (p.product) {
    case MagneticProduct::ReducedToPole:
        if (!(p.inclination >= -90.0 && p.inclination <= 90.0))
            s << "The inclination must be from -90 to 90 degrees, not " << p.inclination << ".";
        else if (!(std::isfinite(p.declination) && std::abs(p.declination) <= 360.0))
            s << "The declination must be from -360 to 360 degrees, not " << p.declination << ".";
        else if (!(p.stabilisingInclination >= 0.0 && p.stabilisingInclination <= 90.0))
            s << "The stabilising inclination must be from 0 to 90 degrees, not " << p.stabilisingInclination << ".";
        else if (std::max(std::abs(p.inclination), p.stabilisingInclination) < 1.0)
            s << "Reduction to the pole at an inclination of " << p.inclination
              << " degrees needs a stabilising inclination of at least 1 degree.";
        break;
    case MagneticProduct::UpwardContinuation:
        if (!(p.height > 0.0 && std::isfinite(p.height)))
            s << "The continuation height must be positive, not " << p.height << ".";
        break;
    case MagneticProduct::LocalStdDev:
        if (p.window < 3 || p.window > 1001 || p.window % 2 == 0)
            s << "The window must be an odd number of pixels from 3 to 1001, not " << p.window << ".";
        break;
    default: break;
    }
    if (!s.str().empty())
        bad(s.str());
}

/** Valid and finite. */
std::vector<std::uint8_t> usableMask(const Raster &survey)
{
    std::vector<std::uint8_t> mask(survey.data.size());
    for (std::size_t i = 0; i < mask.size(); ++i)
        mask[i] = survey.valid[i] && std::isfinite(survey.data[i]) ? 1 : 0;
    return mask;
}

/** A least-squares plane a + b (col - col0) + c (row - row0) over the usable pixels, in pixel coordinates about
 *  the grid's centre. */
struct Plane {
    double a = 0, perCol = 0, perRow = 0, col0 = 0, row0 = 0;
    double at(int col, int row) const { return a + perCol * (col - col0) + perRow * (row - row0); }
};

Plane fitPlane(const Raster &survey, const std::vector<std::uint8_t> &mask)
{
    const int w = survey.width(), h = survey.height();
    Plane p;
    p.col0 = 0.5 * (w - 1);
    p.row0 = 0.5 * (h - 1);
    // Normal equations of (1, x, y), accumulated in double; solved by SVD, which also copes with usable pixels
    // all on one row or column (the minimum-norm solution: no slope across them).
    cv::Matx33d ata = cv::Matx33d::zeros();
    cv::Vec3d atb(0, 0, 0);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const std::size_t i = std::size_t(r) * w + c;
            if (!mask[i])
                continue;
            const double v[3] = {1.0, c - p.col0, r - p.row0};
            for (int m = 0; m < 3; ++m) {
                atb[m] += v[m] * survey.data[i];
                for (int n = 0; n < 3; ++n)
                    ata(m, n) += v[m] * v[n];
            }
        }
    cv::Vec3d x;
    cv::solve(ata, atb, x, cv::DECOMP_SVD);
    p.a = x[0];
    p.perCol = x[1];
    p.perRow = x[2];
    return p;
}

/** The survey as doubles with every unusable pixel set to the value of its nearest usable pixel (Euclidean
 *  distance transform with a 5x5 mask, OpenCV). */
std::vector<double> fillNearest(const Raster &survey, const std::vector<std::uint8_t> &mask, std::size_t usable)
{
    const int w = survey.width(), h = survey.height();
    std::vector<double> out(survey.data.size());
    if (usable == mask.size()) {
        std::copy(survey.data.begin(), survey.data.end(), out.begin());
        return out;
    }
    // distanceTransform measures the distance to the nearest zero pixel and, with DIST_LABEL_PIXEL, gives each
    // zero pixel its own label: the usable pixels are the zeros.
    cv::Mat src(h, w, CV_8U);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            src.at<std::uint8_t>(r, c) = mask[std::size_t(r) * w + c] ? 0 : 255;
    cv::Mat dist, labels;
    cv::distanceTransform(src, dist, labels, cv::DIST_L2, cv::DIST_MASK_5, cv::DIST_LABEL_PIXEL);
    std::vector<double> valueOfLabel(usable + 1, 0.0);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const std::size_t i = std::size_t(r) * w + c;
            if (mask[i]) {
                const int label = labels.at<int>(r, c);
                if (label < 0 || std::size_t(label) >= valueOfLabel.size())
                    throw Error(ErrorCode::Internal, "Unexpected label while filling nodata.");
                valueOfLabel[std::size_t(label)] = survey.data[i];
            }
        }
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const std::size_t i = std::size_t(r) * w + c;
            out[i] = mask[i] ? double(survey.data[i]) : valueOfLabel[std::size_t(labels.at<int>(r, c))];
        }
    return out;
}

/** Where each column (or row) of the padded array reads the grid, and the taper weight there. The grid sits at
 *  offset; outside it the grid is mirrored (reflect-101) and faded by a raised cosine to zero halfway between
 *  the two edges through the periodic wrap, so the transform sees a continuous, periodic field. */
struct Extension {
    int size = 0, offset = 0;
    std::vector<int> source;
    std::vector<double> weight;
};

Extension extension(int n, int pad)
{
    Extension e;
    e.size = fastFftSize(n + 2 * pad);
    const int extra = e.size - n;
    e.offset = extra / 2;
    e.source.resize(std::size_t(e.size));
    e.weight.resize(std::size_t(e.size));
    for (int j = 0; j < e.size; ++j) {
        const int c = j - e.offset;
        e.source[std::size_t(j)] = reflectIndex(c, n);
        if (c >= 0 && c < n) {
            e.weight[std::size_t(j)] = 1.0;
            continue;
        }
        // u = 1 next to the right edge, extra next to the left edge (through the wrap).
        const int u = c >= n ? c - n + 1 : c + extra + 1;
        const double s = std::min(u, extra + 1 - u) / (0.5 * (extra + 1));
        e.weight[std::size_t(j)] = 0.5 * (1.0 + std::cos(kPi * std::min(s, 1.0)));
    }
    return e;
}

/** Complex wavenumber filter of one output: multiplier(kx, ky, k) with kx east, ky north, k = |(kx, ky)|, rad/m. */
enum class Operator { Identity, Rtp, Continuation, DerivativeX, DerivativeY, DerivativeZ };

struct RtpTerms {
    double sinI = 1, cosI = 0, sinIa = 1, cosIa = 0, sinD = 0, cosD = 1;
};

Complex multiplier(Operator op, double kx, double ky, double k, const RtpTerms &rtp, double height)
{
    switch (op) {
    case Operator::Identity: return 1.0;
    case Operator::Continuation: return std::exp(-k * height);
    case Operator::DerivativeX: return Complex(0.0, kx);
    case Operator::DerivativeY: return Complex(0.0, ky);
    case Operator::DerivativeZ: return k;
    case Operator::Rtp: {
        if (k == 0.0)
            return 1.0; // the zero wavenumber (the level) is passed unchanged
        // cos(D - theta) with theta the azimuth of the wavenumber (kx = k sin theta, ky = k cos theta).
        const double c = (rtp.sinD * kx + rtp.cosD * ky) / k;
        const Complex theta(rtp.sinI, rtp.cosI * c); // Theta = sin I + i cos I cos(D - theta)
        const double amplitude = rtp.sinIa * rtp.sinIa + rtp.cosIa * rtp.cosIa * c * c;
        // conj(Theta)^2 / (|Theta|^2 |Theta_a|^2): the phase of 1 / Theta^2, the amplitude 1 / |Theta_a|^2.
        // Theta vanishes only at inclination 0 perpendicular to the declination, where the phase tends to -1
        // from every other direction.
        const double norm = std::norm(theta);
        const Complex phase = norm > 0.0 ? std::conj(theta) * std::conj(theta) / norm : Complex(-1.0, 0.0);
        return phase / amplitude;
    }
    }
    return 0.0;
}

/** The wavenumber-domain products: trend removal, padding, one forward transform, one inverse per operator,
 *  cropping and the trend's own contribution put back. */
class SpectralGrid {
public:
    SpectralGrid(const Raster &survey, std::vector<double> filled, const Plane &plane, const PixelGeometry &geometry)
        : m_width(survey.width()), m_height(survey.height()), m_plane(plane), m_geometry(geometry)
    {
        for (int r = 0; r < m_height; ++r)
            for (int c = 0; c < m_width; ++c)
                filled[std::size_t(r) * m_width + c] -= plane.at(c, r);
        const int pad = std::max(16, int(std::ceil(0.25 * std::min(m_width, m_height))));
        m_cols = extension(m_width, pad);
        m_rows = extension(m_height, pad);
        const int W = m_cols.size, H = m_rows.size;
        m_halfCols = W / 2 + 1;
        m_real = fftwBuffer<double>(std::size_t(W) * H);
        m_spectrum = fftwBuffer<Complex>(std::size_t(m_halfCols) * H);
        m_work = fftwBuffer<Complex>(std::size_t(m_halfCols) * H);
        m_forward = std::make_unique<Plan>(Plan::forward(H, W, m_real.get(), m_spectrum.get()));
        m_inverse = std::make_unique<Plan>(Plan::inverse(H, W, m_work.get(), m_real.get()));
        for (int i = 0; i < H; ++i) {
            const double *src = filled.data() + std::size_t(m_rows.source[std::size_t(i)]) * m_width;
            const double wy = m_rows.weight[std::size_t(i)];
            double *dst = m_real.get() + std::size_t(i) * W;
            for (int j = 0; j < W; ++j)
                dst[j] = src[m_cols.source[std::size_t(j)]] * wy * m_cols.weight[std::size_t(j)];
        }
        m_forward->execute();
    }

    int paddedWidth() const { return m_cols.size; }
    int paddedHeight() const { return m_rows.size; }

    /** Applies op to the spectrum and returns the cropped result (width*height, row-major), with the operator
     *  applied to the removed plane added back: a plane is harmonic, the same at any height with no vertical
     *  derivative, so up and identity get it back unchanged, d/dx and d/dy its constant slope, d/dz nothing; rtp
     *  gets it back unchanged (a trend has no defined reduction: it is kept as the regional level). */
    std::vector<double> apply(Operator op, const RtpTerms &rtp = {}, double height = 0.0)
    {
        const int W = m_cols.size, H = m_rows.size;
        const double twoPi = 2.0 * kPi;
        const bool oddX = op == Operator::DerivativeX, oddY = op == Operator::DerivativeY;
        std::vector<double> kxOf(static_cast<std::size_t>(m_halfCols));
        for (int j = 0; j < m_halfCols; ++j)
            kxOf[std::size_t(j)] = m_geometry.colSign * twoPi * j / (W * m_geometry.dx);
        for (int i = 0; i < H; ++i) {
            const int fi = i <= H / 2 ? i : i - H;
            const double ky = m_geometry.rowSign * twoPi * fi / (H * m_geometry.dy);
            const bool nyquistRow = H % 2 == 0 && i == H / 2;
            const Complex *src = m_spectrum.get() + std::size_t(i) * m_halfCols;
            Complex *dst = m_work.get() + std::size_t(i) * m_halfCols;
            for (int j = 0; j < m_halfCols; ++j) {
                const double kx = kxOf[std::size_t(j)];
                const bool nyquistCol = W % 2 == 0 && j == W / 2;
                // An odd (imaginary) operator has no real value at the Nyquist wavenumber of its axis: zeroed.
                if ((oddX && nyquistCol) || (oddY && nyquistRow)) {
                    dst[j] = 0.0;
                    continue;
                }
                dst[j] = src[j] * multiplier(op, kx, ky, std::sqrt(kx * kx + ky * ky), rtp, height);
            }
        }
        m_inverse->execute();
        const double scale = 1.0 / (double(W) * double(H));
        const bool keepsPlane = op == Operator::Identity || op == Operator::Rtp || op == Operator::Continuation;
        double slope = 0.0; // the plane's derivative along x (east) or y (north), nT/m
        if (op == Operator::DerivativeX)
            slope = m_plane.perCol * m_geometry.colSign / m_geometry.dx;
        else if (op == Operator::DerivativeY)
            slope = m_plane.perRow * m_geometry.rowSign / m_geometry.dy;
        std::vector<double> out(std::size_t(m_width) * m_height);
        for (int r = 0; r < m_height; ++r) {
            const double *src = m_real.get() + std::size_t(r + m_rows.offset) * W + m_cols.offset;
            double *dst = out.data() + std::size_t(r) * m_width;
            for (int c = 0; c < m_width; ++c)
                dst[c] = src[c] * scale + (keepsPlane ? m_plane.at(c, r) : slope);
        }
        return out;
    }

private:
    int m_width, m_height;
    Plane m_plane;
    PixelGeometry m_geometry;
    Extension m_cols, m_rows;
    int m_halfCols = 0;
    std::unique_ptr<double[], FftwFree> m_real;
    std::unique_ptr<Complex[], FftwFree> m_spectrum, m_work;
    std::unique_ptr<Plan> m_forward, m_inverse;
};

Raster resultLike(const Raster &survey, const std::vector<std::uint8_t> &mask)
{
    Raster r;
    r.grid = survey.grid;
    r.band = 1;
    r.hasNoData = survey.hasNoData;
    r.noData = survey.noData;
    r.valid = mask;
    r.data.assign(survey.data.size(), std::numeric_limits<float>::quiet_NaN());
    return r;
}

/** Standard deviation (population: divided by n) of the usable pixels of each window x window square, the
 *  square clipped to the grid; sums by box filters in double precision about the global mean. */
Raster localStdDev(const Raster &survey, const std::vector<std::uint8_t> &mask, double mean, int window,
                   Feedback *feedback)
{
    const int w = survey.width(), h = survey.height();
    cv::Mat values(h, w, CV_64F), squares(h, w, CV_64F), counts(h, w, CV_64F);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const std::size_t i = std::size_t(r) * w + c;
            const double v = mask[i] ? double(survey.data[i]) - mean : 0.0;
            values.at<double>(r, c) = v;
            squares.at<double>(r, c) = v * v;
            counts.at<double>(r, c) = mask[i] ? 1.0 : 0.0;
        }
    const cv::Size size(window, window);
    cv::Mat sum, sumSquares, n;
    cv::boxFilter(values, sum, CV_64F, size, cv::Point(-1, -1), false, cv::BORDER_CONSTANT);
    checkCanceled(feedback);
    reportProgress(feedback, 0.4);
    cv::boxFilter(squares, sumSquares, CV_64F, size, cv::Point(-1, -1), false, cv::BORDER_CONSTANT);
    checkCanceled(feedback);
    reportProgress(feedback, 0.7);
    cv::boxFilter(counts, n, CV_64F, size, cv::Point(-1, -1), false, cv::BORDER_CONSTANT);
    checkCanceled(feedback);
    Raster out = resultLike(survey, mask);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const std::size_t i = std::size_t(r) * w + c;
            if (!mask[i])
                continue;
            const double count = std::round(n.at<double>(r, c)); // at least 1: the pixel itself
            const double m = sum.at<double>(r, c) / count;
            const double variance = std::max(0.0, sumSquares.at<double>(r, c) / count - m * m);
            out.data[i] = float(std::sqrt(variance));
        }
    reportProgress(feedback, 1.0);
    return out;
}

} // namespace

std::string magneticProductName(MagneticProduct product)
{
    switch (product) {
    case MagneticProduct::ReducedToPole: return "rtp";
    case MagneticProduct::VerticalDerivative: return "vd1";
    case MagneticProduct::HorizontalGradient: return "hgrad";
    case MagneticProduct::TiltAngle: return "tilt";
    case MagneticProduct::AnalyticSignal: return "as";
    case MagneticProduct::UpwardContinuation: return "up";
    case MagneticProduct::LocalStdDev: return "localstd";
    }
    return "unknown";
}

std::string magneticProductTitle(const DeriveParams &params)
{
    switch (params.product) {
    case MagneticProduct::ReducedToPole: return "Field reduced to the pole";
    case MagneticProduct::VerticalDerivative: return "First vertical derivative";
    case MagneticProduct::HorizontalGradient: return "Horizontal-gradient magnitude";
    case MagneticProduct::TiltAngle: return "Tilt angle";
    case MagneticProduct::AnalyticSignal: return "Analytic-signal amplitude";
    case MagneticProduct::UpwardContinuation: return "Field continued upward";
    case MagneticProduct::LocalStdDev:
        return "Local standard deviation, " + std::to_string(params.window) + " x " + std::to_string(params.window);
    }
    return "Unknown product";
}

bool parseMagneticProduct(const std::string &name, MagneticProduct &product)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (MagneticProduct p : allMagneticProducts())
        if (magneticProductName(p) == lower) {
            product = p;
            return true;
        }
    return false;
}

std::vector<MagneticProduct> allMagneticProducts()
{
    return {MagneticProduct::ReducedToPole, MagneticProduct::VerticalDerivative, MagneticProduct::HorizontalGradient,
            MagneticProduct::TiltAngle,     MagneticProduct::AnalyticSignal,     MagneticProduct::UpwardContinuation,
            MagneticProduct::LocalStdDev};
}

Raster deriveMagneticProduct(const Raster &survey, const DeriveParams &params, Feedback *feedback)
{
    checkParams(survey, params);
    // The local standard deviation's window is in cells: it needs no cell size (nor a grid aligned with the axes).
    const PixelGeometry geometry =
        params.product == MagneticProduct::LocalStdDev ? PixelGeometry() : pixelGeometry(survey);
    const std::vector<std::uint8_t> mask = usableMask(survey);
    std::size_t usable = 0;
    double sum = 0.0;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) {
            ++usable;
            sum += survey.data[i];
        }
    if (usable == 0)
        throw Error(ErrorCode::EmptyData, surveyName(survey) + " holds no valid pixel.");
    const double mean = sum / double(usable);
    checkCanceled(feedback);

    if (params.product == MagneticProduct::LocalStdDev)
        return localStdDev(survey, mask, mean, params.window, feedback);

    std::vector<double> filled = fillNearest(survey, mask, usable);
    checkCanceled(feedback);
    reportProgress(feedback, 0.15);
    SpectralGrid spectral(survey, std::move(filled), fitPlane(survey, mask), geometry);
    checkCanceled(feedback);
    reportProgress(feedback, 0.4);

    Raster out = resultLike(survey, mask);
    auto store = [&](const std::vector<double> &values) {
        for (std::size_t i = 0; i < values.size(); ++i)
            if (mask[i])
                out.data[i] = float(values[i]);
    };
    switch (params.product) {
    case MagneticProduct::ReducedToPole: {
        RtpTerms t;
        const double I = params.inclination * kDegree, D = params.declination * kDegree;
        const double Ia = std::max(std::abs(params.inclination), params.stabilisingInclination) * kDegree;
        t.sinI = std::sin(I);
        t.cosI = std::cos(I);
        t.sinIa = std::sin(Ia);
        t.cosIa = std::cos(Ia);
        t.sinD = std::sin(D);
        t.cosD = std::cos(D);
        store(spectral.apply(Operator::Rtp, t));
        break;
    }
    case MagneticProduct::UpwardContinuation: store(spectral.apply(Operator::Continuation, {}, params.height)); break;
    case MagneticProduct::VerticalDerivative: store(spectral.apply(Operator::DerivativeZ)); break;
    case MagneticProduct::HorizontalGradient:
    case MagneticProduct::TiltAngle:
    case MagneticProduct::AnalyticSignal: {
        const std::vector<double> dx = spectral.apply(Operator::DerivativeX);
        checkCanceled(feedback);
        reportProgress(feedback, 0.6);
        const std::vector<double> dy = spectral.apply(Operator::DerivativeY);
        checkCanceled(feedback);
        reportProgress(feedback, 0.8);
        std::vector<double> dz;
        if (params.product != MagneticProduct::HorizontalGradient)
            dz = spectral.apply(Operator::DerivativeZ);
        std::vector<double> values(dx.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double horizontal = std::hypot(dx[i], dy[i]);
            if (params.product == MagneticProduct::HorizontalGradient)
                values[i] = horizontal;
            else if (params.product == MagneticProduct::TiltAngle)
                values[i] = std::atan2(dz[i], horizontal);
            else
                values[i] = std::sqrt(horizontal * horizontal + dz[i] * dz[i]);
        }
        store(values);
        break;
    }
    case MagneticProduct::LocalStdDev: break; // handled above
    }
    checkCanceled(feedback);
    reportProgress(feedback, 1.0);
    return out;
}

std::string geographicCellsNote(const Raster &survey)
{
    if (!survey.grid.hasGeoTransform)
        return {};
    const CrsDescription crs = describeCrs(survey.grid.crsWkt);
    if (!crs.valid || !crs.geographic)
        return {};
    const GeographicCells c = geographicCells(survey);
    std::ostringstream s;
    s << std::fixed << std::setprecision(1);
    s << surveyName(survey) << " is in geographic coordinates (" << crs.name
      << "): its magnetic products take each cell as " << c.dx << " m east-west by " << c.dy
      << " m north-south, the cell's size at the grid's middle latitude (" << std::setprecision(2) << c.middleLatitude
      << std::setprecision(1) << " degrees; a flat-earth approximation, as GMT's grdfft makes for geographic grids)";
    if (c.widthDrift >= 0.005)
        s << ". The true cell width differs from it by up to " << 100.0 * c.widthDrift
          << " % at the grid's northern or southern edge, and the derivatives there by as much";
    s << ". A grid reprojected to a projected CRS in metres (e.g. gdalwarp -t_srs EPSG:326NN, the survey's UTM zone) "
         "needs no approximation.";
    return s.str();
}

bool groundCellSize(const GridSpec &grid, double *dx, double *dy)
{
    if (!grid.hasGeoTransform)
        return false;
    const auto &gt = grid.geoTransform;
    if (gt[2] != 0.0 || gt[4] != 0.0 || !(std::isfinite(gt[1]) && std::isfinite(gt[5]) && gt[1] != 0.0 && gt[5] != 0.0))
        return false;
    const CrsDescription crs = describeCrs(grid.crsWkt);
    if (!crs.valid)
        return false;
    if (crs.geographic) {
        Raster r;
        r.grid = grid;
        try {
            const GeographicCells c = geographicCells(r);
            *dx = c.dx;
            *dy = c.dy;
        } catch (const Error &) {
            return false; // beyond 89 degrees, or no latitude at all
        }
        return true;
    }
    const double unit = crs.linearUnitMetres > 0 ? crs.linearUnitMetres : 1.0;
    *dx = std::abs(gt[1]) * unit;
    *dy = std::abs(gt[5]) * unit;
    return true;
}

double cellAspect(const GridSpec &grid)
{
    double dx = 0, dy = 0;
    if (groundCellSize(grid, &dx, &dy) && dx > 0 && dy > 0)
        return dy / dx;
    if (grid.hasGeoTransform && grid.geoTransform[1] != 0 && grid.geoTransform[5] != 0)
        return std::abs(grid.geoTransform[5] / grid.geoTransform[1]);
    return 1.0;
}

} // namespace lodestone
