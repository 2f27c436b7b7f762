// lodestone: the desktop application. Sets up the application, its translations and the main window, and
// opens the files named on the command line.
#include "lodestone_version.h"
#include "mainwindow.h"
#include "mapicons.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Lodestone"));
    QApplication::setApplicationName(QStringLiteral("Lodestone"));
    QApplication::setApplicationVersion(QStringLiteral(LODESTONE_VERSION));
    QApplication::setWindowIcon(lodestone::MapIcons::application());
    lodestone::Translations::install(&app, QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Classifies magnetic survey grids into deposit and non-deposit ground."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption bandOption(QStringLiteral("band"),
                                  QApplication::translate("main", "Band of FILE to open (1-based)."),
                                  QApplication::translate("main", "band"));
    parser.addOption(bandOption);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QApplication::translate("main", "Survey raster to open (any format GDAL reads)."));
    parser.process(app);

    lodestone::MainWindow window;
    window.show();

    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        const int band = parser.isSet(bandOption) ? parser.value(bandOption).toInt() : 0;
        const QString file = files.front();
        QTimer::singleShot(0, &window, [&window, file, band] { window.openFile(file, band); });
    }
    return app.exec();
}
