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

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Lodestone"));
    QApplication::setApplicationName(QStringLiteral("Lodestone"));
    QApplication::setApplicationVersion(QStringLiteral(LODESTONE_VERSION));
    QApplication::setWindowIcon(lodestone::MapIcons::application());
    lodestone::Translations::installConfigured(&app);  // Edit > Preferences, or the system's language

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Classifies magnetic survey grids into deposit and non-deposit ground."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption bandOption(QStringLiteral("band"),
                                  QApplication::translate("main", "Band of FILE to open (1-based)."),
                                  QApplication::translate("main", "band"));
    parser.addOption(bandOption);
    QCommandLineOption labelsOption(
        QStringLiteral("labels"),
        QApplication::translate("main", "Label raster on the grid of FILE to open with it (0 non-deposit, "
                                        "1 deposit, 2 unknown)."),
        QApplication::translate("main", "labels"));
    parser.addOption(labelsOption);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QApplication::translate("main", "Survey raster to open (any format GDAL reads), "
                                                                 "or a Lodestone project (.lodestone)."));
    parser.process(app);
    if (parser.isSet(labelsOption) && parser.positionalArguments().isEmpty()) {
        std::fputs(qPrintable(QApplication::translate("main", "--labels needs a survey FILE to open.") + u'\n'),
                   stderr);
        return 2;
    }

    lodestone::MainWindow window;
    window.show();

    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        const int band = parser.isSet(bandOption) ? parser.value(bandOption).toInt() : 0;
        const QString file = files.front();
        const QString labels = parser.value(labelsOption);
        QTimer::singleShot(0, &window, [&window, file, labels, band] {
            if (file.endsWith(QStringLiteral(".lodestone"), Qt::CaseInsensitive))
                window.projectController()->openProject(file);
            else if (labels.isEmpty())
                window.openFile(file, band);
            else
                window.openFileWithLabels(file, labels, band);
        });
    }
    return app.exec();
}
