// The application on a large survey, measured: a survey and its label raster opened in a MainWindow (offscreen or
// on a display), Train clicked with the panel's settings (one network), the result waited for: the probability map
// drawn, the feature browser's thumbnails made, one feature raster shown as a layer. Prints one JSON object with the
// time of each step and whether the run streamed; gui-scale.sh runs it under /usr/bin/time for the peak memory.
//
//   lodestone-gui-scale-bench --survey FILE --labels FILE [--ensemble N] [--feature K] [--screenshot PNG]
//                             [--stream-above BYTES]
//
// --screenshot: the window at the end (the Results dock on its Feature maps tab, the probability map unticked and
// feature K, 0-based, on the map).
#include "featurebrowser.h"
#include "labelautosave.h"
#include "labeldocument.h"
#include "labelfiles.h"
#include "mainwindow.h"
#include "probabilitylayer.h"
#include "rasterlayer.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

using namespace lodestone;

namespace {

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(20);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    tick.start();
    if (!done())
        loop.exec();
    return done();
}

[[noreturn]] void fail(const std::string &message)
{
    std::fprintf(stderr, "lodestone-gui-scale-bench: %s\n", message.c_str());
    std::exit(1);
}

double seconds(QElapsedTimer &clock)
{
    const double s = clock.elapsed() / 1000.0;
    clock.restart();
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::string survey, labels, screenshot;
    int ensemble = 1, feature = 0;
    long long streamAbove = -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--survey")
            survey = value;
        else if (key == "--labels")
            labels = value;
        else if (key == "--ensemble")
            ensemble = std::max(1, std::atoi(value.c_str()));
        else if (key == "--feature")
            feature = std::max(0, std::atoi(value.c_str()));
        else if (key == "--screenshot")
            screenshot = value;
        else if (key == "--stream-above")
            streamAbove = std::atoll(value.c_str());
        else
            fail("unknown option " + key);
    }
    if (survey.empty() || labels.empty())
        fail("give --survey FILE and --labels FILE");

    MainWindow window;
    window.setErrorReporter([](const QString &title, const QString &message) {
        fail((title + QStringLiteral(": ") + message).toStdString());
    });
    window.labelFiles()->setQuestion(
        [](const QString &, const QString &, QMessageBox::StandardButtons buttons, QMessageBox::StandardButton) {
            return buttons & QMessageBox::Discard ? QMessageBox::Discard : QMessageBox::No;
        });
    window.resize(1600, 1000);
    window.show();
    QElapsedTimer total, clock;
    total.start();
    clock.start();
    bool opened = false;
    QObject::connect(&window, &MainWindow::surveyOpened, &window, [&opened] { opened = true; });
    window.openFileWithLabels(QString::fromStdString(survey), QString::fromStdString(labels), 1);
    LabelDocument *doc = window.labelDocument();
    if (!waitFor([&] { return opened && !window.isLoading() && doc->counts()[1] > 0; }, 1800000))
        fail("the survey and its labels did not open");
    window.labelFiles()->autosave()->setSurvey(nullptr, QString()); // nothing written beside the survey
    const double openS = seconds(clock);

    TrainingController *training = window.trainingController();
    if (streamAbove >= 0)
        training->setStreamThreshold(std::size_t(streamAbove));
    TrainingPanel *panel = training->trainingPanel();
    PipelineParams params = panel->params();
    params.ensemble = ensemble;
    panel->setParams(params);
    bool finished = false;
    QObject::connect(training, &TrainingController::trainingFinished, &window, [&finished] { finished = true; });
    QObject::connect(training, &TrainingController::trainingFailed, &window,
                     [](const QString &m) { fail("training failed: " + m.toStdString()); });
    if (!panel->trainButton()->isEnabled())
        fail("Train is not enabled: " + panel->statusText().toStdString());
    panel->trainButton()->click();
    const bool streamed = training->runStreams();
    if (!waitFor([&] { return finished; }, 3 * 3600 * 1000))
        fail("the run did not finish");
    const double trainS = seconds(clock);

    if (!waitFor([&] { return training->probabilityLayer() && !training->probabilityLayer()->image().isNull(); },
                 600000))
        fail("the probability map was not drawn");
    const double mapS = seconds(clock);
    FeatureBrowser *browser = training->featureBrowser();
    training->resultTabs()->setCurrentWidget(browser);
    training->resultsDock()->raise();
    if (!waitFor([&] { return !browser->isLoading(); }, 1800000))
        fail("the feature thumbnails were not made");
    const double thumbnailsS = seconds(clock);
    if (feature >= browser->count())
        fail("the result has " + std::to_string(browser->count()) + " feature rasters");
    training->showFeature(feature);
    if (!waitFor([&] { return training->featureLayer(feature) != nullptr; }, 600000))
        fail("the feature raster was not shown");
    const double featureS = seconds(clock);
    if (!screenshot.empty()) {
        training->probabilityLayer()->setVisible(false); // as a user unticks it to see the feature layer below
        waitFor([] { return false; }, 3000);             // the map redrawn with the feature layer
        if (!window.grab().save(QString::fromStdString(screenshot)))
            fail("cannot write " + screenshot);
    }
    const auto result = training->result();
    std::printf("{\"survey\": \"%s\", \"width\": %d, \"height\": %d, \"streamed\": %s, \"ensemble\": %d, "
                "\"feature_rasters\": %d, \"features_in_memory\": %s, \"open_s\": %.1f, \"train_s\": %.1f, "
                "\"probability_drawn_s\": %.1f, \"thumbnails_s\": %.1f, \"feature_layer_s\": %.1f, "
                "\"total_s\": %.1f}\n",
                survey.c_str(), result->grid.width, result->grid.height, streamed ? "true" : "false", ensemble,
                browser->count(), result->features.data.empty() ? "false" : "true", openS, trainS, mapS, thumbnailsS,
                featureS, total.elapsed() / 1000.0);
    return 0;
}
