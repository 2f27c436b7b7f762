// ProgressEstimator: a straight-line estimate from the first progress report of the stage, so that set-up
// work before the first report (e.g. cutting training patches) does not make the rate look slow.
#include "progressestimator.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace lodestone {

void ProgressEstimator::startStage(qint64 nowMs)
{
    m_stageStart = nowMs;
    m_firstMs = -1;
    m_firstFraction = 0;
    m_lastMs = nowMs;
    m_fraction = 0;
}

void ProgressEstimator::update(double fraction, qint64 nowMs)
{
    if (m_stageStart < 0)
        startStage(nowMs);
    m_fraction = std::clamp(fraction, 0.0, 1.0);
    m_lastMs = nowMs;
    if (m_firstMs < 0 && m_fraction > 0) {
        m_firstMs = nowMs;
        m_firstFraction = m_fraction;
    }
}

double ProgressEstimator::secondsLeft() const
{
    if (m_firstMs < 0 || m_fraction >= 1.0)
        return m_fraction >= 1.0 ? 0.0 : -1.0;
    const double elapsed = double(m_lastMs - m_firstMs) / 1000.0;
    const double done = m_fraction - m_firstFraction;
    if (elapsed < kMinSeconds || done < kMinFraction)
        return -1.0;
    return elapsed * (1.0 - m_fraction) / done;
}

QString ProgressEstimator::formatTimeLeft(double seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 5)
        return tr("a few seconds left");
    const long s = std::lround(seconds);
    if (s < 60)
        return tr("about %1 s left").arg(s < 20 ? s : (s + 4) / 5 * 5);
    if (s < 3600)
        return tr("about %1 min %2 s left").arg(s / 60).arg((s % 60) / 10 * 10, 2, 10, QLatin1Char('0'));
    return tr("about %1 h %2 min left").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString ProgressEstimator::formatDuration(double seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(QLocale().toString(seconds, 'f', seconds < 10 ? 1 : 0));
    const long s = std::lround(seconds);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QStringList ProgressEstimator::stageNames()
{
    // Core's stage table (core/stages.cpp), in its order; repeated here so that lupdate sees the names.
    static const char *const kStages[] = {
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Preparing input layers"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Computing magnetic products"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Reusing the trained network"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Training autoencoder"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Computing feature rasters"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Cross-validating"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Classifying the map"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Evaluating held-out groups"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Evaluating against deposits and baselines"),
        QT_TRANSLATE_NOOP("lodestone::ProgressEstimator", "Writing outputs"),
    };
    QStringList names;
    for (const char *s : kStages)
        names << QLatin1String(s);
    return names;
}

QString ProgressEstimator::stageDisplayName(const QString &coreStage)
{
    Stage stage;
    int member = 0, members = 1;
    if (!parseStageLabel(coreStage.toStdString(), stage, member, members))
        return coreStage;
    const QStringList names = stageNames();
    const int i = int(stage);
    if (i >= names.size())
        return coreStage;
    const QString name = tr(names[i].toLatin1().constData());
    return members > 1 ? tr("%1 (member %2 of %3)").arg(name).arg(member).arg(members) : name;
}

QString ProgressEstimator::baseStage(const QString &coreStage)
{
    const int member = int(coreStage.indexOf(QStringLiteral(" (member ")));
    return member < 0 ? coreStage : coreStage.left(member);
}

QStringList ProgressEstimator::trainingStages()
{
    PipelineParams one;
    one.ensemble = 1;
    one.layers.clear();
    one.svmInputs.clear();
    one.evaluate = true;
    one.cvSchemes = {CvScheme::Random};
    QStringList names;
    for (Stage s : plannedStages(one, false))
        names << QString::fromLatin1(stageInfo(s).name);
    return names;
}

int ProgressEstimator::stageCount(const PipelineParams &p, bool reusing)
{
    return int(plannedStages(p, reusing).size());
}

double ProgressEstimator::runFraction(const std::vector<Stage> &plan, int stageNumber, double fraction)
{
    if (plan.empty() || stageNumber > int(plan.size()))
        return 1.0;
    double total = 0, done = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const double w = stageInfo(plan[i]).weight;
        total += w;
        if (int(i) + 1 < stageNumber)
            done += w;
        else if (int(i) + 1 == stageNumber)
            done += w * std::clamp(fraction, 0.0, 1.0);
    }
    return total > 0 ? done / total : 0.0;
}

} // namespace lodestone
