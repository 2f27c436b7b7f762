#include "htmlreport.h"

#include "gdalhelpers.h"
#include "lodestone_version.h"
#include "magneticfilters.h"
#include "outputstyle.h"
#include "pipeline.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace lodestone {

namespace {

std::string escape(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string fmt(double v, int decimals = 3)
{
    if (!std::isfinite(v))
        return "&ndash;";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string percent(double v)
{
    if (!std::isfinite(v))
        return "&ndash;";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * v);
    return buf;
}

struct Rgb {
    int r, g, b;
};

// matplotlib's viridis at 9 stops, interpolated linearly: the probability ramp.
Rgb viridis(double t)
{
    static const Rgb stops[] = {{0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b},
                                {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
                                {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25}};
    t = std::clamp(t, 0.0, 1.0) * 8.0;
    const int i = std::min(7, int(t));
    const double f = t - i;
    const Rgb &a = stops[i], &b = stops[i + 1];
    return {int(a.r + f * (b.r - a.r)), int(a.g + f * (b.g - a.g)), int(a.b + f * (b.b - a.b))};
}

/** A PNG of an RGB image as a data URI, encoded by GDAL's PNG driver in memory. */
std::string pngDataUri(int w, int h, const std::vector<uint8_t> &rgb)
{
    if (GDALGetDriverCount() == 0)
        GDALAllRegister(); // a report made before any raster was read or written
    GDALDriver *mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver *png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (!mem || !png)
        return {};
    GDALDatasetUniquePtr ds(mem->Create("", w, h, 3, GDT_Byte, nullptr));
    if (!ds)
        return {};
    for (int b = 0; b < 3; ++b) {
        std::vector<uint8_t> plane(std::size_t(w) * h);
        for (std::size_t i = 0; i < plane.size(); ++i)
            plane[i] = rgb[i * 3 + std::size_t(b)];
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, h, plane.data(), w, h, GDT_Byte, 0, 0) != CE_None)
            return {};
    }
    static int counter = 0;
    const std::string name = "/vsimem/lodestone-thumbnail-" + std::to_string(++counter) + ".png";
    GDALDatasetUniquePtr out;
    {
        QuietGdal quiet;
        out.reset(png->CreateCopy(name.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    }
    if (!out)
        return {};
    out.reset();
    vsi_l_offset size = 0;
    GByte *data = VSIGetMemFileBuffer(name.c_str(), &size, FALSE);
    std::string uri;
    if (data && size > 0) {
        char *b64 = CPLBase64Encode(int(size), data);
        uri = std::string("data:image/png;base64,") + b64;
        CPLFree(b64);
    }
    VSIUnlink(name.c_str());
    return uri;
}

/** Thumbnail scale: at most 560 pixels wide and 420 high, never enlarged; aspect is a cell's height over its width. */
double thumbnailScale(int w, int h, double aspect)
{
    return std::min({1.0, 560.0 / w, 420.0 / (h * aspect)});
}

/** The map as a thumbnail (nearest sample of each thumbnail pixel), coloured by colour(value, valid), with the
 *  labelled positions and validation pixels drawn as small squares. */
struct Thumbnail {
    std::string uri; ///< PNG data URI; empty when it could not be made
    int width = 0, height = 0;
    /** The img element's src, width and height (the cells drawn in their proportions). */
    std::string attributes() const
    {
        return "src='" + uri + "' width='" + std::to_string(width) + "' height='" + std::to_string(height) + "'";
    }
};

template <typename Colour>
Thumbnail thumbnail(const PipelineResult &r, const std::vector<std::size_t> &validation, Colour colour)
{
    const int W = r.grid.width, H = r.grid.height;
    const double aspect = cellAspect(r.grid); // the cells in their proportions, as the application draws them
    const double s = thumbnailScale(W, H, aspect), sy = s * aspect;
    const int w = std::max(1, int(W * s)), h = std::max(1, int(H * sy));
    std::vector<uint8_t> rgb(std::size_t(w) * h * 3, 255);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t i = std::size_t(std::min(H - 1, int((y + 0.5) / sy))) * W +
                                  std::size_t(std::min(W - 1, int((x + 0.5) / s)));
            const Rgb c = colour(i);
            uint8_t *p = &rgb[(std::size_t(y) * w + x) * 3];
            p[0] = uint8_t(c.r);
            p[1] = uint8_t(c.g);
            p[2] = uint8_t(c.b);
        }
    auto mark = [&](int col, int row, Rgb fill) {
        const int cx = int(col * s), cy = int(row * sy);
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const int x = cx + dx, y = cy + dy;
                if (x < 0 || y < 0 || x >= w || y >= h)
                    continue;
                const bool edge = std::abs(dx) == 2 || std::abs(dy) == 2;
                const Rgb c = edge ? Rgb{255, 255, 255} : fill;
                uint8_t *p = &rgb[(std::size_t(y) * w + x) * 3];
                p[0] = uint8_t(c.r);
                p[1] = uint8_t(c.g);
                p[2] = uint8_t(c.b);
            }
    };
    for (std::size_t v : validation)
        mark(int(v % std::size_t(W)), int(v / std::size_t(W)), {255, 200, 0});
    for (const LabelledPosition &p : r.positions)
        mark(p.col, p.row, p.label == 1 ? Rgb{220, 40, 30} : Rgb{49, 104, 200});
    return {pngDataUri(w, h, rgb), w, h};
}

const char *kSeriesColours[] = {"#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#17becf", "#bcbd22"};

/** A classifier input's product in words, with its token: "analytic-signal amplitude (as)". */
std::string productTitle(const std::string &token)
{
    DeriveParams p;
    if (!parseProductToken(token, p))
        return token;
    std::string title = magneticProductTitle(p);
    title[0] = char(std::tolower(static_cast<unsigned char>(title[0])));
    return title + " (" + token + ")";
}

/** A rate-curve chart: every row's curve on the same axes (the model thick, baselines thin), diagonal dashed. */
std::string curveChart(const MapEvaluation &e, const RateCurve ScoreEvaluation::*which, const std::string &title)
{
    const int W = 600, H = 320, L = 48, T = 28, PW = 250, PH = 250; // the legend's full names right of the axes
    std::ostringstream s;
    s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H << "' role='img' aria-label='"
      << escape(title) << "'>";
    s << "<text x='" << L << "' y='16' font-size='13' font-weight='bold'>" << escape(title) << "</text>";
    s << "<rect x='" << L << "' y='" << T << "' width='" << PW << "' height='" << PH << "' fill='none' stroke='#888'/>";
    for (int i = 0; i <= 4; ++i) {
        const double v = i / 4.0;
        const double x = L + v * PW, y = T + PH - v * PH;
        s << "<line x1='" << x << "' y1='" << T << "' x2='" << x << "' y2='" << T + PH << "' stroke='#eee'/>";
        s << "<line x1='" << L << "' y1='" << y << "' x2='" << L + PW << "' y2='" << y << "' stroke='#eee'/>";
        s << "<text x='" << x << "' y='" << T + PH + 14 << "' font-size='10' text-anchor='middle'>" << int(v * 100)
          << "</text>";
        s << "<text x='" << L - 4 << "' y='" << y + 3 << "' font-size='10' text-anchor='end'>" << int(v * 100)
          << "</text>";
    }
    s << "<text x='" << L + PW / 2 << "' y='" << T + PH + 30
      << "' font-size='11' text-anchor='middle'>area ranked from the highest score, %</text>";
    s << "<text transform='translate(12," << T + PH / 2
      << ") rotate(-90)' font-size='11' text-anchor='middle'>occurrences captured, %</text>";
    s << "<line x1='" << L << "' y1='" << T + PH << "' x2='" << L + PW << "' y2='" << T
      << "' stroke='#aaa' stroke-dasharray='4 3'/>";
    int series = 0, legend = 0;
    for (const ScoreEvaluation &row : e.rows) {
        const RateCurve &c = row.*which;
        const char *colour = kSeriesColours[series++ % 10];
        if (c.area.empty())
            continue;
        s << "<polyline fill='none' stroke='" << colour << "' stroke-width='" << (row.isModel ? 2.5 : 1.2)
          << "' points='";
        for (std::size_t i = 0; i < c.area.size(); ++i) {
            // a step: captured jumps at each occurrence's area
            const double x = L + c.area[i] * PW;
            if (i > 0)
                s << x << "," << T + PH - c.captured[i - 1] * PH << " ";
            s << x << "," << T + PH - c.captured[i] * PH << " ";
        }
        s << "'/>";
        const int ly = T + 8 + legend++ * 15;
        s << "<line x1='" << L + PW + 10 << "' y1='" << ly << "' x2='" << L + PW + 26 << "' y2='" << ly << "' stroke='"
          << colour << "' stroke-width='" << (row.isModel ? 2.5 : 1.2) << "'/>";
        s << "<text x='" << L + PW + 30 << "' y='" << ly + 4 << "' font-size='10'>"
          << escape(row.title.empty() ? row.name : row.title) << " " << fmt(c.auc) << "</text>";
    }
    s << "</svg>";
    return s.str();
}

std::string lossChart(const std::vector<double> &loss)
{
    if (loss.empty())
        return {};
    const int W = 420, H = 220, L = 60, T = 24, PW = 330, PH = 160;
    double lo = loss[0], hi = loss[0];
    for (double v : loss) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (hi <= lo)
        hi = lo + 1e-12;
    std::ostringstream s;
    s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H
      << "' role='img' aria-label='loss per epoch'>";
    s << "<text x='" << L << "' y='15' font-size='13' font-weight='bold'>Reconstruction loss per epoch</text>";
    s << "<rect x='" << L << "' y='" << T << "' width='" << PW << "' height='" << PH << "' fill='none' stroke='#888'/>";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", hi);
    s << "<text x='" << L - 4 << "' y='" << T + 4 << "' font-size='10' text-anchor='end'>" << buf << "</text>";
    std::snprintf(buf, sizeof buf, "%.3g", lo);
    s << "<text x='" << L - 4 << "' y='" << T + PH << "' font-size='10' text-anchor='end'>" << buf << "</text>";
    s << "<polyline fill='none' stroke='#1f77b4' stroke-width='2' points='";
    for (std::size_t i = 0; i < loss.size(); ++i) {
        const double x = L + (loss.size() > 1 ? double(i) / double(loss.size() - 1) : 0.5) * PW;
        const double y = T + PH - (loss[i] - lo) / (hi - lo) * PH;
        s << x << "," << y << " ";
    }
    s << "'/>";
    s << "<text x='" << L + PW / 2 << "' y='" << T + PH + 16 << "' font-size='11' text-anchor='middle'>epoch 1 .. "
      << loss.size() << "</text></svg>";
    return s.str();
}

std::string cvTable(const std::vector<ModeResult> &modes, const std::string &caption)
{
    if (modes.empty())
        return {};
    std::ostringstream s;
    // The cross-validation draws a balanced sample of the labelled positions: say so beside the run's counts.
    s << "<table><caption>" << escape(caption) << "; a sample of " << modes.front().positions
      << " labelled positions, as many of each class</caption><tr><th>mode</th><th>accuracy</th><th>precision</th>"
      << "<th>recall</th><th>F1</th><th>AUC</th><th>folds</th><th>tested</th><th>confusion [tn fp; fn tp]</th></tr>";
    for (const ModeResult &m : modes)
        s << "<tr><td>" << escape(svmModeName(m.mode)) << "</td><td>" << fmt(m.accuracy) << "</td><td>"
          << fmt(m.precision) << "</td><td>" << fmt(m.recall) << "</td><td>" << fmt(m.f1) << "</td><td>" << fmt(m.auc)
          << "</td><td>" << m.folds << "</td><td>" << m.tested << " of " << m.positions << "</td><td>["
          << m.confusion.tn << " " << m.confusion.fp << "; " << m.confusion.fn << " " << m.confusion.tp
          << "]</td></tr>";
    s << "</table>";
    return s.str();
}

} // namespace

std::string htmlReport(const PipelineResult &r, const PipelineParams &p, const RunContext &c, const Raster *survey)
{
    const MapEvaluation &e = r.evaluation;
    std::ostringstream h;
    h << "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Lodestone report: " << escape(c.surveyPath)
      << "</title><style>"
      << "body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px;color:#222}"
      << "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}"
      << "table{border-collapse:collapse;margin:8px 0 16px}caption{text-align:left;font-weight:bold;padding:4px 0}"
      << "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}"
      << "td:first-child,th:first-child{text-align:left}tr.model td{font-weight:bold;background:#fff3f0}"
      << ".maps{display:flex;gap:24px;flex-wrap:wrap}.maps figure{margin:0}"
      << "figcaption{font-size:12px;color:#555;max-width:560px}.charts{display:flex;flex-wrap:wrap;gap:12px}"
      << ".verdict{font-size:15px;padding:8px 12px;background:#f4f4f4;border-left:4px solid #888}"
      << ".warn{color:#8a4b00}code{font-size:12px}</style></head><body>";
    h << "<h1>Lodestone prospectivity report</h1>";
    h << "<p>Survey <code>" << escape(c.surveyPath) << "</code> (band " << c.band << ", " << r.grid.width << " x "
      << r.grid.height << " pixels); ";
    if (c.classifiesWithModel()) // it uses no labels and draws nothing at random: no seed
        h << "classified with the saved model <code>" << escape(c.labelsPath)
          << "</code> (its networks and classifiers were trained by an earlier run; this run used no labels). ";
    else {
        if (c.labelsKind == "painted") // the application's labels, not a file: the context says what they were
            h << escape(c.labelsPath);
        else
            h << "labels <code>" << escape(c.labelsPath) << "</code> (" << escape(c.labelsKind) << ")";
        h << ": " << r.deposits << " deposit and " << r.nonDeposits << " non-deposit positions";
        for (const std::string &note : c.labelsImports)
            h << "; " << escape(note);
        h << ". Seed " << p.seed << ", ";
    }
    h << "Lodestone " << LODESTONE_VERSION << ".</p>";

    if (!e.empty()) {
        const int best = e.bestBaseline();
        const double model = e.headlineAuc(e.rows.front());
        const std::string measure =
            e.headline() == "prediction"
                ? "prediction-rate AUC at " + std::to_string(e.validationUsed) + " validation occurrences" +
                      (c.validationSource.empty() ? std::string() : " (" + c.validationSource + ")")
                : "held-out AUC over " + std::to_string(e.heldOutGroups) +
                      " folds of deposit groups (each deposit ranked by a model that did not see its group)";
        h << "<p class='verdict'>Headline: " << escape(measure) << ". Model <b>" << fmt(model) << "</b>";
        if (best >= 0) {
            const double b = e.headlineAuc(e.rows[std::size_t(best)]);
            h << "; best zero-label baseline, " << escape(e.rows[std::size_t(best)].title) << ", <b>" << fmt(b)
              << "</b> (difference " << (model - b >= 0 ? "+" : "") << fmt(model - b) << "). "
              << (std::abs(model - b) < kLevelWithBaseline
                      ? "The map is level with the best magnetic product that needs no labels: the difference is "
                        "smaller than one run's spread between seeds (about " +
                            fmt(kLevelWithBaseline, 2) + ")."
                  : model > b ? "The map ranks these deposits above the best magnetic product that needs no labels."
                              : "The map does <b>not</b> rank these deposits better than a magnetic product that "
                                "needs no labels.");
        }
        h << "</p>";
    }

    // Thumbnails, and the markers drawn on them (only those there are)
    std::string markerList;
    {
        std::vector<std::string> markers;
        if (r.deposits > 0)
            markers.push_back("deposit labels red");
        if (r.nonDeposits > 0)
            markers.push_back("non-deposit blue");
        if (!p.validationPixels.empty())
            markers.push_back("validation occurrences yellow");
        for (std::size_t i = 0; i < markers.size(); ++i)
            markerList += (i == 0 ? "" : i + 1 == markers.size() ? " and " : ", ") + markers[i];
    }
    h << "<h2>Maps</h2><div class='maps'>";
    if (survey && survey->grid.sameGrid(r.grid)) {
        std::vector<float> v;
        for (std::size_t i = 0; i < survey->data.size(); ++i)
            if (survey->valid[i])
                v.push_back(survey->data[i]);
        if (!v.empty()) {
            std::sort(v.begin(), v.end());
            const float lo = v[v.size() / 50], hi = v[v.size() - 1 - v.size() / 50];
            const Thumbnail image = thumbnail(r, p.validationPixels, [&](std::size_t i) -> Rgb {
                if (!survey->valid[i])
                    return {255, 255, 255};
                const int g = int(255.0 * std::clamp((survey->data[i] - lo) / std::max(hi - lo, 1e-12f), 0.0f, 1.0f));
                return {g, g, g};
            });
            if (!image.uri.empty())
                h << "<figure><img alt='survey' " << image.attributes() << "><figcaption>Survey (grey, 2-98 % stretch)"
                  << (markerList.empty() ? "" : "; ") << markerList << ".</figcaption></figure>";
        }
    }
    if (!r.probability.empty()) {
        const Thumbnail image = thumbnail(r, p.validationPixels, [&](std::size_t i) -> Rgb {
            if (!r.valid[i] || !std::isfinite(r.probability[i]))
                return {255, 255, 255};
            return viridis(r.probability[i]);
        });
        if (!image.uri.empty())
            h << "<figure><img alt='deposit probability' " << image.attributes() << "><figcaption>Deposit probability"
              << (r.ensemble > 1 ? " (ensemble mean)" : "") << ", 0 dark purple to 1 yellow (viridis)"
              << (markerList.empty() ? "" : ", with the same markers") << ".</figcaption></figure>";
    }
    h << "</div>";

    if (!e.empty()) {
        h << "<h2>Deposits captured against area</h2><div class='charts'>";
        if (e.validationUsed > 0)
            h << curveChart(e, &ScoreEvaluation::prediction, "Prediction rate (validation occurrences)");
        h << curveChart(e, &ScoreEvaluation::heldOut, "Held-out groups (training deposits)");
        h << curveChart(e, &ScoreEvaluation::success, "Success rate (training deposits)");
        h << "</div>";
        const bool prediction = e.validationUsed > 0;
        h << "<table><caption>AUC and share of " << (prediction ? "validation occurrences" : "held-out deposits")
          << " captured in the top of the area</caption><tr><th>map</th><th>kind</th><th>success AUC</th>"
          << "<th>held-out AUC</th>" << (prediction ? "<th>prediction AUC</th>" : "");
        for (double a : capturedAreas())
            h << "<th>top " << int(std::lround(a * 100)) << "%</th>";
        h << "</tr>";
        for (const ScoreEvaluation &row : e.rows) {
            const RateCurve &head = prediction ? row.prediction : row.heldOut;
            h << "<tr" << (row.isModel ? " class='model'" : "") << "><td>" << escape(row.title) << "</td><td>"
              << (row.isModel ? "model" : "no labels") << "</td><td>" << fmt(row.success.auc) << "</td><td>"
              << fmt(row.heldOut.auc) << "</td>" << (prediction ? "<td>" + fmt(row.prediction.auc) + "</td>" : "");
            for (double a : capturedAreas())
                h << "<td>" << (head.occurrences ? percent(capturedInTop(head, a)) : "&ndash;") << "</td>";
            h << "</tr>";
        }
        h << "</table><p>AUC: the mean over occurrences of the share of the valid area scoring below the occurrence's "
             "pixel (ties count half); 0.5 is a random map. Baselines use no labels, so their held-out AUC is their "
             "success AUC. Positions closer than "
          << fmt(e.groupDistance, 0) << " pixels form one group; " << e.depositGroups << " groups hold deposits.</p>";
        for (const std::string &n : e.notes)
            h << "<p class='warn'>" << escape(n) << "</p>";
    }

    if (!r.spatialCrossValidation.empty() || !r.crossValidation.empty()) {
        h << "<h2>Cross-validation</h2>";
        const bool spatialLeads = headlineCvScheme(r.crossValidation, r.spatialCrossValidation) == CvScheme::Spatial;
        bool spatialTested = false;
        for (const ModeResult &m : r.spatialCrossValidation)
            spatialTested = spatialTested || m.tested > 0;
        h << cvTable(r.spatialCrossValidation,
                     spatialTested  ? "Spatial folds (headline): groups held out together, training positions within "
                                      "the patch size of a test position left out"
                     : spatialLeads ? "Spatial folds: no fold could be tested (each one's buffer left a class without "
                                      "training positions)"
                                    : "Spatial folds: no fold could be tested (each one's buffer left a class without "
                                      "training positions), so the random folds are the headline");
        h << cvTable(r.crossValidation, spatialLeads || r.spatialCrossValidation.empty()
                                            ? "Random folds (the paper's scheme)"
                                            : "Random folds (the paper's scheme; the headline)");
    }

    if (!r.history.epochLoss.empty())
        h << "<h2>Training</h2>" << lossChart(r.history.epochLoss);

    if (!r.warnings.empty()) {
        h << "<h2>Warnings</h2><ul>";
        for (const std::string &w : r.warnings)
            h << "<li class='warn'>" << escape(w) << "</li>";
        h << "</ul>";
    }

    h << "<h2>Settings</h2><table><tr><th>setting</th><th>value</th></tr>";
    auto row = [&](const std::string &k, const std::string &v) {
        h << "<tr><td>" << escape(k) << "</td><td>" << escape(v) << "</td></tr>";
    };
    const AutoencoderParams &a = p.autoencoder;
    row("patch size", std::to_string(a.patchSize));
    row("filters",
        std::to_string(a.filters[0]) + "," + std::to_string(a.filters[1]) + "," + std::to_string(a.filters[2]));
    const bool fromModel = c.classifiesWithModel();
    if (fromModel)
        row("training", "none in this run: the networks and classifiers come from the model file");
    else
        row("training patches, epochs, batch",
            std::to_string(a.trainPatches) + ", " + std::to_string(a.epochs) + ", " + std::to_string(a.batchSize));
    row("map mode", svmModeName(p.mode));
    if (!fromModel) {
        std::string inputs;
        for (const std::string &token : p.svmInputs)
            inputs += (inputs.empty() ? "" : ", ") + productTitle(token);
        const int buffer = p.experiments.depositBuffer;
        const bool logistic = p.experiments.svm.kind == ClassifierKind::Logistic;
        std::string rasters; // which of the feature rasters the linear machine saw, when not all of them
        if (logistic && !p.featureLayers.empty()) {
            rasters = "; feature rasters of encoder layer";
            rasters += p.featureLayers.size() > 1 ? "s " : " ";
            for (std::size_t i = 0; i < p.featureLayers.size(); ++i)
                rasters += (i ? ", " : "") + std::to_string(p.featureLayers[i]);
        }
        if (logistic && p.featureComponents > 0)
            rasters += "; their first " + std::to_string(p.featureComponents) + " principal components";
        row("map classifier", std::string(logistic ? "logistic regression" : "RBF support vector machine") + rasters +
                                  "; inputs beside the feature rasters: " + (inputs.empty() ? "none" : inputs) + "; " +
                                  std::to_string(r.backgroundPositions) + " background positions; deposit buffer: " +
                                  (buffer == 0 ? "none" : std::to_string(buffer) + (buffer == 1 ? " cell" : " cells")));
    }
    row("ensemble members", std::to_string(r.ensemble));
    row(fromModel ? "networks and classifiers" : "networks and feature rasters", networksOrigin(r, c));
    if (!fromModel)
        row("seed", std::to_string(p.seed));
    std::string cmd;
    for (const std::string &arg : c.commandLine)
        cmd += (cmd.empty() ? "" : " ") + arg;
    if (!cmd.empty())
        row("command line", cmd);
    for (const auto &[stage, s] : r.stageSeconds) {
        std::string name = stage; // report.json's key, e.g. feature_rasters
        if (name == "svm_inputs")
            name = "magnetic inputs of the classifier"; // the key predates the logistic regression
        std::replace(name.begin(), name.end(), '_', ' ');
        row("time: " + name, fmt(s, 2) + " s");
    }
    h << "</table>";
    h << "</body></html>\n";
    return h.str();
}

} // namespace lodestone
