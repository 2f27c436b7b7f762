// lodestone: the desktop application. Sets up the application, its translations and the main window, and
// opens the files named on the command line.
#include "lodestone_version.h"
#include "mainwindow.h"
#include "mapicons.h"
#include "projectcontroller.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

/** The options of the command line, on a parser that needs no display. */
struct CommandLine {
    QCommandLineParser parser;
    QCommandLineOption band{QStringLiteral("band"), QApplication::translate("main", "Band of FILE to open (1-based)."),
                            QApplication::translate("main", "band")};
    QCommandLineOption labels{QStringLiteral("labels"),
                              QApplication::translate("main", "Label raster on the grid of FILE to open with it (0 "
                                                              "non-deposit, 1 deposit, 2 unknown)."),
                              QApplication::translate("main", "labels")};

    CommandLine()
    {
        parser.setApplicationDescription(
            QApplication::translate("main", "Classifies magnetic survey grids into deposit and non-deposit ground."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(band);
        parser.addOption(labels);
        parser.addPositionalArgument(QStringLiteral("FILE"),
                                     QApplication::translate("main", "Survey raster to open (any format GDAL reads), "
                                                                     "or a Lodestone project (.lodestone)."));
    }
};

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Lodestone"));
    QCoreApplication::setApplicationName(QStringLiteral("Lodestone"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LODESTONE_VERSION));
}

/** --help, --version and their short forms need text output only, no window. */
bool asksForTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--")
            break;
        if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all" || a == "--version" || a == "-v")
            return true;
    }
    return false;
}

/** False where Qt would abort for want of a display: no platform chosen and no X11 or Wayland display set. */
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY") ||
           qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

/** Quitting never leaves a process behind: once the event loop has ended, the window's destructor cancels the
 *  running work and waits for its threads, which every stage answers within a second. Should one not (a library
 *  call that cannot be interrupted), this ends the process after grace: the labels and the project were already
 *  saved or discarded at the user's word before the window closed. */
void boundTheExit(std::chrono::seconds grace, int code)
{
    std::thread([grace, code] {
        std::this_thread::sleep_for(grace);
        std::fprintf(stderr, "lodestone: background work did not stop within %d s of quitting; ending it.\n",
                     int(grace.count()));
        std::_Exit(code);
    }).detach();
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksForTextOnly(argc, argv) || !hasDisplay()) {
        // Without a window: QApplication would abort where there is no display, so the command line is read by a
        // QCoreApplication, which prints the help or version (and exits) or reports a bad option.
        QCoreApplication app(argc, argv);
        nameApplication();
        lodestone::Translations::installConfigured(&app);
        CommandLine commandLine;
        commandLine.parser.process(app);
        std::fputs(qPrintable(QApplication::translate(
                                  "main", "lodestone: there is no display to open the window on (neither DISPLAY "
                                          "nor WAYLAND_DISPLAY is set). Run it in a desktop session, or use "
                                          "lodestone-cli for work without a window.") +
                              u'\n'),
                   stderr);
        return 1;
    }

    QApplication app(argc, argv);
    nameApplication();
    QApplication::setWindowIcon(lodestone::MapIcons::application());
    lodestone::Translations::installConfigured(&app); // Edit > Preferences, or the system's language

    CommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    parser.process(app);
    if (parser.isSet(commandLine.labels) && parser.positionalArguments().isEmpty()) {
        std::fputs(qPrintable(QApplication::translate("main", "--labels needs a survey FILE to open.") + u'\n'),
                   stderr);
        return 2;
    }

    lodestone::MainWindow window;
    window.show();

    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        const int band = parser.isSet(commandLine.band) ? parser.value(commandLine.band).toInt() : 0;
        const QString file = files.front();
        const QString labels = parser.value(commandLine.labels);
        QTimer::singleShot(0, &window, [&window, file, labels, band] {
            if (file.endsWith(QStringLiteral(".lodestone"), Qt::CaseInsensitive))
                window.projectController()->openProject(file);
            else if (labels.isEmpty())
                window.openFile(file, band);
            else
                window.openFileWithLabels(file, labels, band);
        });
    }
    const int code = app.exec();
    boundTheExit(std::chrono::seconds(5), code);
    return code;
}
