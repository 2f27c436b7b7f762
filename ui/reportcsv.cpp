// ReportCsv: plain string building; mode names are core's (pixel-features, ...), which need no quoting.
#include "reportcsv.h"

#include "pipeline.h"

#include <iomanip>
#include <locale>
#include <sstream>

namespace lodestone {

std::string ReportCsv::header()
{
    return "mode,used_for_map,accuracy,precision,recall,f1,folds,positions,svm_c,svm_gamma,tn,fp,fn,tp";
}

std::string ReportCsv::format(const PipelineResult &result, const PipelineParams &params)
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << std::setprecision(10);
    out << header() << "\n";
    for (const ModeResult &m : result.crossValidation) {
        out << svmModeName(m.mode) << ',' << (m.mode == params.mode ? "yes" : "no") << ',' << m.accuracy << ','
            << m.precision << ',' << m.recall << ',' << m.f1 << ',' << m.folds << ',' << m.positions << ',' << m.c
            << ',' << m.gamma << ',' << m.confusion.tn << ',' << m.confusion.fp << ',' << m.confusion.fn << ','
            << m.confusion.tp << "\n";
    }
    for (const ModeResult &m : result.crossValidation) {
        out << "\n";
        out << "confusion_matrix," << svmModeName(m.mode) << ",rows reference / columns predicted\n";
        out << "reference,predicted_non_deposit,predicted_deposit\n";
        out << "non_deposit," << m.confusion.tn << ',' << m.confusion.fp << "\n";
        out << "deposit," << m.confusion.fn << ',' << m.confusion.tp << "\n";
    }
    return out.str();
}

} // namespace lodestone
