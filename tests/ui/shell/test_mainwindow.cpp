// MainWindow: opening surveys (by call, by drop), errors from core shown without blocking and leaving the
// window usable, the status bar readout, recent files.
#include "bandselectdialog.h"
#include "cursorreadout.h"
#include "labeldocument.h"
#include "labeleditor.h"
#include "labelfiles.h"
#include "labelpainttool.h"
#include "labels.h"
#include "labelspanel.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "mainwindow.h"
#include "mapcanvas.h"
#include "maplayer.h"
#include "rasterlayer.h"
#include "recentfilesmenu.h"
#include "stylepanel.h"
#include "testrasters.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace lodestone;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_good;
    QString m_bad;
    QString m_multi;

    QMessageBox *visibleMessageBox(MainWindow &window)
    {
        for (QMessageBox *box : window.findChildren<QMessageBox *>()) {
            if (box->isVisible())
                return box;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LodestoneTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_mainwindow"));
        QVERIFY(m_dir.isValid());
        m_good = test::writeGeoTiff(m_dir.filePath(QStringLiteral("survey.tif")), 60, 40,
                                    [](int c, int r) { return c < 3 ? NAN : float(c * 10 + r); });
        m_multi = test::writeGeoTiff(
            m_dir.filePath(QStringLiteral("stack.tif")), 20, 10, [](int c, int r) { return float(c + r); }, 3);
        m_bad = m_dir.filePath(QStringLiteral("notes.tif"));
        QFile bad(m_bad);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("These are field notes, not a raster.\n");
    }
    void init() { QSettings().clear(); }

    void badFileShowsTheCoreErrorAndTheWindowStaysUsable()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openFile(m_bad);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.front().at(1).toString().contains(QStringLiteral("is not a raster that GDAL can read")));
        // The default reporter opens a window-modal box without blocking: the test is still running.
        QMessageBox *box = visibleMessageBox(window);
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("notes.tif")));
        QVERIFY(window.surveyLayer() == nullptr);
        box->accept();
        QTRY_VERIFY(visibleMessageBox(window) == nullptr);

        // Still usable: a good file opens afterwards.
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        QVERIFY(window.surveyLayer());
        QCOMPARE(window.layerStack()->count(), 2); // the labels over the survey
        QVERIFY(window.zoomFullAction()->isEnabled());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("survey.tif")));
    }
    void aFailedOpenKeepsTheCurrentSurvey()
    {
        MainWindow window;
        QStringList errors;
        window.setErrorReporter([&errors](const QString &, const QString &message) { errors << message; });
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        RasterLayer *survey = window.surveyLayer();
        window.openFile(m_dir.filePath(QStringLiteral("missing.tif")));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.front().contains(QStringLiteral("not found")));
        QCOMPARE(window.surveyLayer(), survey);
        QVERIFY(window.findChildren<QMessageBox *>().isEmpty());
    }
    void statusBarShowsCoordinatesCellAndValue()
    {
        MainWindow window;
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good, 1);
        QVERIFY(opened.wait(10000));
        MapCanvas *canvas = window.canvas();
        const QPointF pos = canvas->viewportPosOfPixel(QPointF(10.5, 20.5));
        QMouseEvent move(QEvent::MouseMove, pos, canvas->viewport()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QApplication::sendEvent(canvas->viewport(), &move);
        // Grid written by the test: origin (1000, 5000), 10 m cells; value = 10 * col + row.
        const QString text = window.cursorReadout()->text();
        QVERIFY2(text.contains(QStringLiteral("(EPSG:3067) | row 20, col 10 | value 120")), qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("1105")), qPrintable(text));
        QVERIFY(text.endsWith(QStringLiteral(" nT")));
    }
    void droppedFilesAreOpened()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_good)});
        const QPointF at(window.width() / 2.0, window.height() / 2.0);
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.front().front().toString(), m_good);
    }
    void aChosenBandOfAMultiBandFileIsOpened()
    {
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_multi, 2);
        QVERIFY(opened.wait(10000));
        QVERIFY(window.surveyLayer()->name().contains(QStringLiteral("band 2")));
        double v = 0;
        QVERIFY(window.surveyLayer()->valueAt(3, 4, &v));
        QCOMPARE(v, 1007.0); // band 2 holds col + row + 1000
    }
    void aMultiBandFileAsksWhichBand()
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        // The band dialog is modal: answer it from the event loop it runs.
        bool asked = false;
        QTimer::singleShot(0, &window, [&asked] {
            auto *dialog = qobject_cast<BandSelectDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            asked = true;
            dialog->setSelectedBand(3);
            dialog->accept();
        });
        window.openFile(m_multi);
        QVERIFY(asked);
        QVERIFY(opened.wait(10000));
        double v = 0;
        QVERIFY(window.surveyLayer()->valueAt(0, 0, &v));
        QCOMPARE(v, 2000.0); // band 3 holds col + row + 2000
        // Canceling the dialog opens nothing and keeps the survey.
        RasterLayer *survey = window.surveyLayer();
        QTimer::singleShot(0, &window, [] {
            if (QWidget *dialog = QApplication::activeModalWidget())
                static_cast<QDialog *>(dialog)->reject();
        });
        window.openFile(m_multi);
        QVERIFY(!window.isLoading());
        QCOMPARE(window.surveyLayer(), survey);
    }
    void openedFilesGoToRecentFiles()
    {
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        QCOMPARE(window.recentFilesMenu()->files().front(), QFileInfo(m_good).absoluteFilePath());
        // A missing file opened from the recent list is dropped from it.
        window.recentFilesMenu()->addFile(m_dir.filePath(QStringLiteral("gone.tif")));
        window.setErrorReporter([](const QString &, const QString &) {});
        window.openFile(m_dir.filePath(QStringLiteral("gone.tif")));
        QVERIFY(!window.recentFilesMenu()->files().contains(m_dir.filePath(QStringLiteral("gone.tif"))));
    }
    void theStylePanelFollowsTheSurvey()
    {
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        QCOMPARE(window.stylePanel()->layer(), window.surveyLayer());
        // Selecting the labels (not a raster of values) leaves the survey alone: the panel shows why it is empty.
        MapLayer *labels = window.layerStack()->layers().front();
        QVERIFY(!qobject_cast<RasterLayer *>(labels));
        window.layerPanel()->setCurrentLayer(labels);
        QCOMPARE(window.stylePanel()->layer(), nullptr);
        QVERIFY(!window.stylePanel()->rampCombo()->isVisibleTo(window.stylePanel()));
        window.layerPanel()->setCurrentLayer(window.surveyLayer());
        QCOMPARE(window.stylePanel()->layer(), window.surveyLayer());
        // The icon comes from the resources embedded in the ui library.
        QVERIFY(QFile::exists(QStringLiteral(":/icons/lodestone-256.png")));
        QVERIFY(!window.windowIcon().pixmap(32, 32).isNull());
    }
    void theKolariSurveyOpensWithItsCrsAndTransparentNodata()
    {
        const QString path =
            qEnvironmentVariable("LODESTONE_SHARED_DATA") + QStringLiteral("/kolari-iocg/kolari_mag_anomaly_100m.tif");
        if (!QFile::exists(path))
            QSKIP("The shared Kolari survey is not available");
        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(path);
        QVERIFY(opened.wait(20000));
        RasterLayer *layer = window.surveyLayer();
        QCOMPARE(layer->raster().width(), 681);
        QCOMPARE(layer->raster().height(), 821);
        QTRY_VERIFY_WITH_TIMEOUT(!layer->overview().isNull(), 10000);
        QCOMPARE(qAlpha(layer->overview().image.pixel(0, 0)), 0); // outside the flown area: nodata
        MapCanvas *canvas = window.canvas();
        const QPointF pos = canvas->viewportPosOfPixel(QPointF(340.5, 410.5));
        QMouseEvent move(QEvent::MouseMove, pos, canvas->viewport()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QApplication::sendEvent(canvas->viewport(), &move);
        const QString text = window.cursorReadout()->text();
        QVERIFY2(text.contains(QStringLiteral("(EPSG:3067) | row 410, col 340 | value ")), qPrintable(text));
    }
    void unsavedLabelsAreAskedAboutOnClose()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        QStringList asked;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        window.labelFiles()->setQuestion(
            [&](const QString &title, const QString &, QMessageBox::StandardButtons, QMessageBox::StandardButton) {
                asked << title;
                return answer;
            });
        QVERIFY(window.close()); // nothing labelled: no question
        QVERIFY(asked.isEmpty());
        window.show();
        LabelDocument *labels = window.labelDocument();
        labels->setAt(10, 10, LabelDeposit);
        labels->notifyChanged(QRect(10, 10, 1, 1));
        QVERIFY(window.isWindowModified()); // the title shows "*" while the labels are unsaved
        QVERIFY(!window.close());
        QCOMPARE(asked, QStringList({QStringLiteral("Unsaved Labels")}));
        QVERIFY(window.isVisible());
        answer = QMessageBox::Discard;
        QVERIFY(window.close());
        QCOMPARE(asked.size(), 2);
    }
    void openingAnotherSurveyAsksAboutUnsavedLabels()
    {
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        RasterLayer *survey = window.surveyLayer();
        int questions = 0;
        window.labelFiles()->setQuestion(
            [&](const QString &, const QString &, QMessageBox::StandardButtons, QMessageBox::StandardButton) {
                ++questions;
                return QMessageBox::Cancel;
            });
        window.labelDocument()->setAt(5, 5, LabelNonDeposit);
        window.labelDocument()->notifyChanged(QRect(5, 5, 1, 1));
        window.openFile(m_multi, 1);
        QCOMPARE(questions, 1);
        QVERIFY(!window.isLoading());
        QCOMPARE(window.surveyLayer(), survey);
        QCOMPARE(window.labelDocument()->at(5, 5), LabelNonDeposit);
        window.labelDocument()->setModified(false);
    }
    void labelsGivenWithTheSurveyAreLoaded()
    {
        // The label raster of the command line's --labels: on the survey's grid (60 x 40), deposit at (10, 20).
        const Raster grid = test::makeRaster(60, 40, [](int, int) { return 1.0f; });
        LabelImage image = emptyLabels(grid.grid);
        image.values[std::size_t(20) * 60 + 10] = LabelDeposit;
        image.values[std::size_t(21) * 60 + 30] = LabelNonDeposit;
        const QString labelsPath = m_dir.filePath(QStringLiteral("labels.tif"));
        writeLabelRaster(labelsPath.toStdString(), image, grid);

        MainWindow window;
        QStringList errors;
        window.setErrorReporter([&errors](const QString &, const QString &message) { errors << message; });
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFileWithLabels(m_good, labelsPath);
        QVERIFY(opened.wait(10000));
        QVERIFY(errors.isEmpty());
        QCOMPARE(window.labelDocument()->at(10, 20), LabelDeposit);
        QCOMPARE(window.labelDocument()->at(30, 21), LabelNonDeposit);
        QCOMPARE(window.labelDocument()->path(), QFileInfo(labelsPath).absoluteFilePath());
        QVERIFY(!window.labelDocument()->isModified());
        QVERIFY(window.labelFiles()->saveAction()->isEnabled());
        // The status bar gives their counts until they change.
        QCOMPARE(window.statusText(), QStringLiteral("Labels from labels.tif: 1 deposit and 1 non-deposit pixels."));
        window.labelDocument()->setAt(11, 20, LabelDeposit);
        window.labelDocument()->notifyChanged(QRect(11, 20, 1, 1));
        QVERIFY(window.statusText().isEmpty());
        window.labelDocument()->setModified(false);

        // Labels of another grid: the survey opens, the error is shown, no labels.
        window.openFileWithLabels(m_multi, labelsPath, 1);
        QVERIFY(opened.wait(10000));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("60")), qPrintable(errors.front()));
        QCOMPARE(window.labelDocument()->counts()[LabelDeposit], std::size_t(0));
        QCOMPARE(window.labelDocument()->labels().grid.width, 20);
    }
    void theLabelsHaveTheirPanelLayerAndActions()
    {
        MainWindow window;
        QVERIFY(!window.labelEditor()->paintAction()->isEnabled());
        QSignalSpy opened(&window, &MainWindow::surveyOpened);
        window.openFile(m_good);
        QVERIFY(opened.wait(10000));
        QCOMPARE(window.layerStack()->layers().front()->name(), QStringLiteral("Labels"));
        QVERIFY(window.labelEditor()->paintAction()->isEnabled());
        QCOMPARE(window.labelEditor()->undoAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Z));
        QCOMPARE(window.labelEditor()->redoAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
        QVERIFY(window.labelsPanel()->isEnabled());
        window.labelEditor()->paintAction()->trigger();
        QCOMPARE(window.canvas()->mapTool(), static_cast<MapTool *>(window.labelEditor()->paintTool()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
