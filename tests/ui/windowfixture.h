// Helpers for tests that drive a whole MainWindow: questions answered without dialogs, errors collected,
// the demo survey opened with its labels, and a small training run.
#pragma once

#include "demodata.h"
#include "labeldocument.h"
#include "labelfiles.h"
#include "mainwindow.h"
#include "projectcontroller.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

namespace lodestone::test {

/** \brief Makes window ask no modal questions (unsaved labels, runs and results are discarded, autosaves not
 *  restored) and collects the errors it would show in errors. */
inline void quietWindow(MainWindow &window, QStringList *errors)
{
    window.setErrorReporter([errors](const QString &title, const QString &message) {
        if (errors)
            *errors << title + QStringLiteral(": ") + message;
    });
    const auto discard = [](const QString &, const QString &, QMessageBox::StandardButtons buttons,
                            QMessageBox::StandardButton) {
        if (buttons & QMessageBox::Discard)
            return QMessageBox::Discard;
        if (buttons & QMessageBox::No)
            return QMessageBox::No;
        return QMessageBox::Cancel;
    };
    window.labelFiles()->setQuestion(discard);
    window.trainingController()->setQuestion(discard);
}

/** \brief Opens survey (with labels when given) and waits until it is shown. */
inline bool openSurvey(MainWindow &window, const QString &survey, const QString &labels = QString())
{
    QSignalSpy opened(&window, &MainWindow::surveyOpened);
    if (labels.isEmpty())
        window.openFile(survey, 1);
    else
        window.openFileWithLabels(survey, labels, 1);
    return opened.count() > 0 || opened.wait(20000);
}

/** \brief Trains with small settings (or params) through the Train button and waits for the result. */
inline bool trainSmall(MainWindow &window, const PipelineParams &params = smallParams())
{
    TrainingController *training = window.trainingController();
    training->trainingPanel()->setParams(params);
    QSignalSpy finished(training, &TrainingController::trainingFinished);
    if (!training->trainingPanel()->trainButton()->isEnabled())
        return false;
    training->trainingPanel()->trainButton()->click(); // the window may be hidden: no mouse positions
    return finished.wait(120000);
}

} // namespace lodestone::test
