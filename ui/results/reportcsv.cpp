// ReportCsv: plain string building; mode names are core's (pixel-features, ...), which need no quoting.
#include "reportcsv.h"

#include "evaluation.h"
#include "pipeline.h"

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>

namespace lodestone {

std::string ReportCsv::header()
{
    return "mode,used_for_map,accuracy,precision,recall,f1,folds,positions,svm_c,svm_gamma,tn,fp,fn,tp,scheme,auc";
}

std::string ReportCsv::format(const PipelineResult &result, const PipelineParams &params)
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << std::setprecision(10);
    out << header() << "\n";
    // Random folds first (the paper's table), then spatial folds (the headline).
    std::vector<const ModeResult *> modes;
    for (const ModeResult &m : result.crossValidation)
        modes.push_back(&m);
    for (const ModeResult &m : result.spatialCrossValidation)
        modes.push_back(&m);
    for (const ModeResult *pm : modes) {
        const ModeResult &m = *pm;
        // A score that was not measured (a mode no fold could test) is an empty cell, as a missing AUC is.
        auto v = [](double x) {
            std::ostringstream s;
            s.imbue(std::locale::classic());
            if (std::isfinite(x))
                s << x;
            return s.str();
        };
        out << svmModeName(m.mode) << ',' << (m.mode == params.mode ? "yes" : "no") << ',' << v(m.accuracy) << ','
            << v(m.precision) << ',' << v(m.recall) << ',' << v(m.f1) << ',' << m.folds << ',' << m.positions << ','
            << m.c << ',' << m.gamma << ',' << m.confusion.tn << ',' << m.confusion.fp << ',' << m.confusion.fn << ','
            << m.confusion.tp << ',' << cvSchemeName(m.scheme) << ',' << v(m.auc) << "\n";
    }
    for (const ModeResult *pm : modes) {
        const ModeResult &m = *pm;
        out << "\n";
        out << "confusion_matrix," << svmModeName(m.mode) << ',' << cvSchemeName(m.scheme)
            << ",rows reference / columns predicted\n";
        out << "reference,predicted_non_deposit,predicted_deposit\n";
        out << "non_deposit," << m.confusion.tn << ',' << m.confusion.fp << "\n";
        out << "deposit," << m.confusion.fn << ',' << m.confusion.tp << "\n";
    }
    const MapEvaluation &e = result.evaluation;
    if (!e.empty()) {
        // Names of the scores are core's (model, raw, as, localstd9, ...): no quoting needed.
        out << "\nevaluation,headline," << e.headline() << "\n";
        out << "score,success_auc,held_out_auc,prediction_auc,headline_auc";
        for (double a : capturedAreas())
            out << ",captured_top_" << int(std::lround(a * 100)) << "pct";
        out << "\n";
        for (const ScoreEvaluation &row : e.rows) {
            const RateCurve &headline = e.headline() == "prediction" ? row.prediction : row.heldOut;
            out << row.name << ',' << row.success.auc << ',' << row.heldOut.auc << ',';
            if (row.prediction.occurrences > 0)
                out << row.prediction.auc;
            out << ',' << e.headlineAuc(row);
            for (double a : capturedAreas())
                out << ',' << capturedInTop(headline, a);
            out << "\n";
        }
    }
    return out.str();
}

} // namespace lodestone
