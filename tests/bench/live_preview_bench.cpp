// The labelling loop in the application, measured: a survey and its labels in a MainWindow (offscreen), a first
// Train with the panel's default settings, a second Train after a label edit (which reuses the network), then Live
// on and a series of label edits, each a small block of pixels as a short stroke makes: the time from the edit to
// the redrawn probability map (the debounce included), the preview's own run time, and the longest the GUI thread
// went without turning its event loop meanwhile (the largest gap of a 5 ms timer). Prints one JSON object.
//
//   lodestone-live-bench --survey FILE (--labels FILE | --points FILE [--negatives N] [--negative-min-distance D])
//                        [--repeats N] [--delay MS] [--screenshot PNG]
//
// --screenshot: at the end, "Suggest where to label" is clicked, the map is centred on the first place and the
// window is saved as PNG (the Training panel in front), as a user sees it.
#include "labelautosave.h"
#include "labeldocument.h"
#include "labelfiles.h"
#include "labels.h"
#include "mainwindow.h"
#include "raster.h"
#include "rasterlayer.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"
#include "trainingrunner.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace lodestone;

namespace {

/** Turns the event loop until done() or timeoutMs; returns done() and the largest gap between two 5 ms ticks. */
bool waitFor(const std::function<bool()> &done, int timeoutMs, qint64 *largestGapMs = nullptr)
{
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(5);
    QElapsedTimer clock, sinceTick;
    clock.start();
    sinceTick.start();
    qint64 gap = 0;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        gap = std::max(gap, sinceTick.restart());
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    tick.start();
    if (!done())
        loop.exec();
    if (largestGapMs)
        *largestGapMs = gap;
    return done();
}

double median(std::vector<double> v)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

std::string list(const std::vector<double> &v)
{
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

[[noreturn]] void fail(const std::string &message)
{
    std::fprintf(stderr, "lodestone-live-bench: %s\n", message.c_str());
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::string survey, labelsPath, points, screenshot;
    int negatives = 17, repeats = 5, delay = 300;
    double minDistance = 3000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--survey")
            survey = value;
        else if (key == "--labels")
            labelsPath = value;
        else if (key == "--points")
            points = value;
        else if (key == "--negatives")
            negatives = std::atoi(value.c_str());
        else if (key == "--negative-min-distance")
            minDistance = std::atof(value.c_str());
        else if (key == "--repeats")
            repeats = std::max(1, std::atoi(value.c_str()));
        else if (key == "--delay")
            delay = std::max(0, std::atoi(value.c_str()));
        else if (key == "--screenshot")
            screenshot = value;
        else
            fail("unknown option " + key);
    }
    if (survey.empty() || labelsPath.empty() == points.empty())
        fail("give --survey FILE and either --labels FILE or --points FILE");

    MainWindow window;
    window.setErrorReporter([](const QString &title, const QString &message) {
        fail((title + QStringLiteral(": ") + message).toStdString());
    });
    window.labelFiles()->setQuestion(
        [](const QString &, const QString &, QMessageBox::StandardButtons buttons, QMessageBox::StandardButton) {
            return buttons & QMessageBox::Discard ? QMessageBox::Discard : QMessageBox::No;
        });
    window.resize(1200, 800);
    window.show();
    bool opened = false;
    QObject::connect(&window, &MainWindow::surveyOpened, &window, [&opened] { opened = true; });
    if (labelsPath.empty())
        window.openFile(QString::fromStdString(survey), 1);
    else
        window.openFileWithLabels(QString::fromStdString(survey), QString::fromStdString(labelsPath), 1);
    if (!waitFor([&] { return opened && !window.isLoading(); }, 60000))
        fail("the survey did not open");
    LabelDocument *doc = window.labelDocument();
    const std::shared_ptr<const Raster> raster = window.surveyLayer()->sharedRaster();
    if (!points.empty()) {
        const PointSet set = readPoints(points);
        LabelImage labels = labelsFromPoints(set, *raster, OutsidePolicy::Skip);
        addRandomNegatives(labels, *raster, set, negatives, minDistance, 0);
        doc->setLabels(labels);
    } else if (!waitFor([&] { return doc->counts()[1] > 0; }, 20000)) {
        fail("the labels did not load");
    }

    // The edits below are not autosaved: nothing is written beside the survey (which may be shared data).
    window.labelFiles()->autosave()->setSurvey(nullptr, QString());

    TrainingController *training = window.trainingController();
    TrainingPanel *panel = training->trainingPanel();
    int finished = 0;
    QObject::connect(training, &TrainingController::trainingFinished, &window, [&finished] { ++finished; });
    QObject::connect(training, &TrainingController::trainingFailed, &window,
                     [](const QString &m) { fail("training failed: " + m.toStdString()); });
    QElapsedTimer clock;
    clock.start();
    panel->trainButton()->click();
    if (!waitFor([&] { return finished == 1; }, 3600000))
        fail("the first Train did not finish");
    const double firstTrain = clock.elapsed() / 1000.0;

    // Labels are edited where a geologist would add them: unlabelled valid ground, spread over the map.
    const int w = raster->width(), h = raster->height();
    std::uint64_t state = 12345;
    auto next = [&state](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % std::uint64_t(n));
    };
    int edits = 0;
    auto edit = [&] {
        for (int tries = 0; tries < 100000; ++tries) {
            const int c = 2 + next(w - 4), r = 2 + next(h - 4);
            bool free = true;
            for (int dr = -1; dr <= 1 && free; ++dr)
                for (int dc = -1; dc <= 1 && free; ++dc)
                    free = raster->isValid(c + dc, r + dr) && doc->at(c + dc, r + dr) == LabelUnknown;
            if (!free)
                continue;
            const uint8_t value = edits++ % 3 == 0 ? LabelDeposit : LabelNonDeposit;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc)
                    doc->setAt(c + dc, r + dr, value);
            doc->notifyChanged(QRect(c - 1, r - 1, 3, 3));
            return;
        }
        fail("no unlabelled ground left to edit");
    };

    // Train again after an edit: the network is reused.
    edit();
    clock.restart();
    panel->trainButton()->click();
    if (!waitFor([&] { return finished == 2; }, 3600000))
        fail("the second Train did not finish");
    const double reuseTrain = clock.elapsed() / 1000.0;
    if (training->result()->featuresReusedFrom != "memory")
        fail("the second Train did not reuse the network");

    training->setLiveDelay(delay);
    panel->liveCheck()->setChecked(true);
    quint64 drawn = 0; // the label generation of the last preview drawn on the map
    QObject::connect(training, &TrainingController::previewShown, &window, [&drawn](quint64 g) { drawn = g; });
    QObject::connect(training, &TrainingController::previewFailed, &window,
                     [](const QString &m) { fail("the preview failed: " + m.toStdString()); });
    std::vector<double> latency, runSeconds, gaps;
    std::string lastStages; // the stage times of the last preview
    for (int i = 0; i < repeats; ++i) {
        waitFor([] { return false; }, 300); // the user looks at the map
        edit();
        const quint64 target = training->labelGeneration();
        qint64 gap = 0;
        if (!waitFor([&] { return drawn >= target; }, 600000, &gap))
            fail("the preview did not arrive");
        latency.push_back(double(training->lastPreviewLatencyMs()));
        double run = 0;
        lastStages.clear();
        for (const auto &[stage, s] : training->previewResult()->stageSeconds) {
            run += s;
            lastStages += (lastStages.empty() ? "\"" : ", \"") + stage + "\": " + std::to_string(s);
        }
        runSeconds.push_back(run);
        gaps.push_back(double(gap));
    }
    if (!screenshot.empty()) {
        int places = -1;
        QObject::connect(training, &TrainingController::suggestionsReady, &window, [&places](int n) { places = n; });
        training->trainingDock()->raise();
        panel->suggestButton()->click();
        if (!waitFor([&] { return places >= 0; }, 60000))
            fail("no suggestions");
        if (places > 0)
            panel->nextPlaceButton()->click();
        waitFor([] { return false; }, 1000); // the map redrawn
        if (!window.grab().save(QString::fromStdString(screenshot)))
            fail("cannot write " + screenshot);
    }
    std::printf("{\"survey\": \"%s\", \"width\": %d, \"height\": %d, \"deposit_labels\": %zu, "
                "\"non_deposit_labels\": %zu, \"ensemble\": %d, \"first_train_s\": %.2f, \"reuse_train_s\": %.2f, "
                "\"live_delay_ms\": %d, \"edit_to_map_ms\": %s, \"edit_to_map_median_ms\": %.0f, "
                "\"preview_run_s\": %s, \"preview_run_median_s\": %.3f, \"last_preview_stages_s\": {%s}, "
                "\"largest_gui_gap_ms\": %s}\n",
                survey.c_str(), w, h, doc->counts()[1], doc->counts()[0], panel->params().ensemble, firstTrain,
                reuseTrain, delay, list(latency).c_str(), median(latency), list(runSeconds).c_str(), median(runSeconds),
                lastStages.c_str(), list(gaps).c_str());
    return 0;
}
