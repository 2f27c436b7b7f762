// Time left in a stage of a long run, from the rate at which its progress has advanced so far, and the
// user-visible names of core's stages. Core names stages in English; the GUI shows them translated.
//
// Thread: a value type, used on the GUI thread.
#pragma once

#include "pipeline.h"
#include "stages.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace lodestone {

/** \brief Estimates the seconds left in the current stage.
 *
 *  \code
 *  ProgressEstimator eta;
 *  eta.startStage(clock.elapsed());
 *  eta.update(0.25, clock.elapsed());
 *  double left = eta.secondsLeft();   // < 0 while unknown
 *  \endcode
 */
class ProgressEstimator {
    Q_DECLARE_TR_FUNCTIONS(lodestone::ProgressEstimator)
public:
    /// No estimate before this much of the stage has passed, in seconds and as a fraction.
    static constexpr double kMinSeconds = 1.0;
    static constexpr double kMinFraction = 0.02;

    /** \brief A new stage begins at nowMs (any monotonic clock in milliseconds). */
    void startStage(qint64 nowMs);
    /** \brief The stage has reached fraction at nowMs. */
    void update(double fraction, qint64 nowMs);
    double fraction() const { return m_fraction; }
    /** \brief Seconds left in the stage at the last update, or -1 while there is too little to go on. */
    double secondsLeft() const;

    /** \brief "about 2 min 10 s left", "about 40 s left", "a few seconds left"; empty for a negative value. */
    static QString formatTimeLeft(double seconds);
    /** \brief A duration for reports: "1 h 05 min", "2 min 10 s", "4.2 s". */
    static QString formatDuration(double seconds);
    /** \brief The translated name of one of core's stages ("Training autoencoder", ...); others unchanged. */
    static QString stageDisplayName(const QString &coreStage);
    /** \brief The English names of core's stages as this class translates them (lupdate sees them here), in the
     *  order of core's stage table; a test holds them equal to core's. */
    static QStringList stageNames();
    /** \brief A core stage name without an ensemble member's " (member i of N)". */
    static QString baseStage(const QString &coreStage);
    /** \brief Core's stages of a one-network training run, in order (English, as core reports them). */
    static QStringList trainingStages();
    /** \brief How many stages a run with params reports at most (core's plannedStages()). reusing: a run offered
     *  the network in memory. */
    static int stageCount(const PipelineParams &params, bool reusing = false);
    /** \brief The fraction of a whole run done when its stageNumber-th stage (from 1) of plan is fraction done,
     *  each stage weighted by its typical share of a run (core's stage table). 1 past the plan's end. */
    static double runFraction(const std::vector<Stage> &plan, int stageNumber, double fraction);

private:
    qint64 m_stageStart = -1;
    qint64 m_firstMs = -1; ///< first update with progress above 0: the clock starts there
    double m_firstFraction = 0;
    qint64 m_lastMs = -1;
    double m_fraction = 0;
};

} // namespace lodestone
