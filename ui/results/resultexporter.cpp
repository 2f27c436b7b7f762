// ResultExporter: one QFutureWatcher per background write; errors of core come back as their message.
#include "resultexporter.h"

#include "error.h"
#include "mapcanvas.h"
#include "mapcomposer.h"
#include "resultplot.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

#include <new>

namespace lodestone {

namespace {

const char *const kLastDirectoryKey = "export/lastDirectory";

QString runWrite(const std::function<void()> &write)
{
    try {
        write();
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    } catch (const std::bad_alloc &) {
        return ResultExporter::tr("There is not enough memory to write the file.");
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

ResultExporter::ResultExporter(std::function<ExportSource()> source, MapCanvas *canvas, ResultPlot *lossPlot,
                               ResultPlot *crossValidationPlot, QWidget *dialogParent)
    : QObject(dialogParent), m_source(std::move(source)), m_canvas(canvas), m_lossPlot(lossPlot),
      m_cvPlot(crossValidationPlot), m_dialogParent(dialogParent)
{
    m_menu = new QMenu(tr("&Export"), dialogParent);
    const struct {
        Kind kind;
        QString text;
        QString tip;
    } items[] = {
        {ClassMap, tr("&Class Map (GeoTIFF)…"),
         tr("Deposit / non-deposit map as a Byte GeoTIFF with its colour table and class names, on the survey's "
            "grid and CRS, with a QGIS style (.qml) beside it")},
        {ProbabilityMap, tr("&Probability Map (GeoTIFF)…"),
         tr("Deposit probability, 0 to 1, as a Float32 GeoTIFF; written as computed, not thresholded or rescaled")},
        {UncertaintyMap, tr("&Uncertainty Map (GeoTIFF)…"),
         tr("The standard deviation of the ensemble's deposit probabilities as a Float32 GeoTIFF (ensembles of two "
            "or more networks)")},
        {FeatureRasters, tr("&Feature Rasters (Multi-band GeoTIFF)…"),
         tr("Every feature raster as one band of a Float32 GeoTIFF, bands named after the filters")},
        {ReportJson, tr("Report as &JSON…"),
         tr("Settings, seed, labels, stage times, losses, cross-validation scores and library versions")},
        {ReportCsv, tr("Report as C&SV…"), tr("Cross-validation scores per mode and the confusion matrices")},
        {ReportHtml, tr("Report as &HTML…"),
         tr("One page to read or send: the survey and probability maps, the rate curves against the zero-label "
            "baselines, the evaluation and cross-validation tables and the settings")},
        {AllResults, tr("&All Results to Folder…"),
         tr("classes.tif, probability.tif, features.tif, model.pt, report.json and report.html, as lodestone-cli "
            "writes them")},
        {MapView, tr("&Map (PNG or PDF)…"),
         tr("The part of the survey in view with its visible layers, a legend, scale bar, north arrow, CRS, data "
            "source and date, ready for a report; a PNG gets a world file (.pgw) that places it in a GIS")},
        {LossCurve, tr("&Loss Curve (PNG or PDF)…"), tr("The autoencoder's loss per epoch")},
        {CrossValidationChart, tr("C&ross-Validation Chart (PNG or PDF)…"),
         tr("The cross-validated scores of the four modes as bars")},
    };
    for (const auto &item : items) {
        auto *action = new QAction(item.text, this);
        action->setStatusTip(item.tip);
        action->setToolTip(item.tip);
        const Kind kind = item.kind;
        connect(action, &QAction::triggered, this, [this, kind] { exportInteractively(kind); });
        m_actions.insert(kind, action);
        m_menu->addAction(action);
        if (kind == AllResults || kind == ReportHtml)
            m_menu->addSeparator();
    }
    updateActions();
}

void ResultExporter::updateActions()
{
    const bool result = m_source && m_source().result;
    for (Kind k : {ClassMap, ProbabilityMap, FeatureRasters, ReportJson, ReportCsv, ReportHtml, AllResults})
        m_actions[k]->setEnabled(result);
    m_actions[UncertaintyMap]->setEnabled(result && !m_source().result->uncertainty.empty());
    m_actions[MapView]->setEnabled(m_canvas && m_canvas->hasGrid());
    m_actions[LossCurve]->setEnabled(m_lossPlot && m_lossPlot->hasData());
    m_actions[CrossValidationChart]->setEnabled(m_cvPlot && m_cvPlot->hasData());
}

QString ResultExporter::defaultName(Kind kind) const
{
    switch (kind) {
    case ClassMap: return QStringLiteral("classes.tif");
    case ProbabilityMap: return QStringLiteral("probability.tif");
    case UncertaintyMap: return QStringLiteral("uncertainty.tif");
    case FeatureRasters: return QStringLiteral("features.tif");
    case ReportJson: return QStringLiteral("report.json");
    case ReportCsv: return QStringLiteral("report.csv");
    case ReportHtml: return QStringLiteral("report.html");
    case AllResults: return QStringLiteral("results");
    case MapView: return QStringLiteral("map.png");
    case LossCurve: return QStringLiteral("loss.png");
    case CrossValidationChart: return QStringLiteral("cross-validation.png");
    }
    return {};
}

QString ResultExporter::filter(Kind kind) const
{
    switch (kind) {
    case ClassMap:
    case ProbabilityMap:
    case UncertaintyMap:
    case FeatureRasters: return tr("GeoTIFF (*.tif *.tiff)");
    case ReportJson: return tr("JSON (*.json)");
    case ReportCsv: return tr("CSV (*.csv)");
    case ReportHtml: return tr("HTML page (*.html *.htm)");
    case MapView:
    case LossCurve:
    case CrossValidationChart: return tr("PNG image (*.png);;PDF document (*.pdf)");
    case AllResults: break;
    }
    return {};
}

void ResultExporter::exportInteractively(Kind kind)
{
    QSettings settings;
    QString dir = settings.value(QLatin1String(kLastDirectoryKey)).toString();
    if (dir.isEmpty() || !QDir(dir).exists()) {
        const ExportSource s = m_source ? m_source() : ExportSource();
        dir = s.context.surveyPath.empty() ? QDir::homePath()
                                           : QFileInfo(QString::fromStdString(s.context.surveyPath)).absolutePath();
    }
    QString path;
    if (kind == AllResults) {
        path = QFileDialog::getExistingDirectory(m_dialogParent, tr("Export All Results to Folder"), dir);
    } else {
        QString selected;
        path = QFileDialog::getSaveFileName(
            m_dialogParent, m_actions[kind]->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")),
            QDir(dir).filePath(defaultName(kind)), filter(kind), &selected);
        if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) {
            if (selected.contains(QStringLiteral("*.pdf")))
                path += QStringLiteral(".pdf");
            else
                path += QLatin1Char('.') + QFileInfo(defaultName(kind)).suffix();
        } else if (!path.isEmpty() && selected.contains(QStringLiteral("*.pdf")) &&
                   QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
            // PDF chosen while the proposed name still ends in .png: the format chosen wins.
            path.chop(3);
            path += QStringLiteral("pdf");
        }
    }
    if (path.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastDirectoryKey), kind == AllResults ? path : QFileInfo(path).absolutePath());
    exportTo(kind, path);
}

void ResultExporter::exportTo(Kind kind, const QString &path)
{
    if (kind == MapView) {
        finish(kind, path, writeMapView(path));
        return;
    }
    if (kind == LossCurve || kind == CrossValidationChart) {
        ResultPlot *plot = kind == LossCurve ? m_lossPlot.data() : m_cvPlot.data();
        QString error;
        if (!plot || !plot->hasData())
            error = tr("There is nothing to plot yet.");
        else if (!plot->save(path))
            error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
        finish(kind, path, error);
        return;
    }
    const ExportSource source = m_source ? m_source() : ExportSource();
    if (!source.result) {
        finish(kind, path, tr("There is no result to export; train first."));
        return;
    }
    const std::string file = QDir::toNativeSeparators(path).toStdString();
    std::function<void()> write;
    switch (kind) {
    case ClassMap: write = [file, source] { ResultWriter::writeClasses(file, source); }; break;
    case ProbabilityMap: write = [file, source] { ResultWriter::writeProbability(file, source); }; break;
    case UncertaintyMap: write = [file, source] { ResultWriter::writeUncertainty(file, source); }; break;
    case FeatureRasters: write = [file, source] { ResultWriter::writeFeatures(file, source); }; break;
    case ReportJson: write = [file, source] { ResultWriter::writeReportJson(file, source); }; break;
    case ReportCsv: write = [file, source] { ResultWriter::writeReportCsv(file, source); }; break;
    case ReportHtml: write = [file, source] { ResultWriter::writeReportHtml(file, source); }; break;
    default: write = [file, source] { ResultWriter::writeAll(file, source); }; break;
    }
    ++m_busy;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, kind, path] {
        watcher->deleteLater();
        --m_busy;
        finish(kind, path, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([write] { return runWrite(write); }));
    Q_EMIT started(kind, path);
}

void ResultExporter::finish(Kind kind, const QString &path, const QString &error)
{
    if (error.isEmpty()) {
        m_exported.insert(kind, path);
        Q_EMIT exported(kind, path);
    } else {
        Q_EMIT failed(kind, error);
    }
}

QString ResultExporter::worldFilePath(const QString &pngPath)
{
    const QFileInfo info(pngPath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".pgw"));
}

QString ResultExporter::writeMapView(const QString &path) const
{
    if (!m_canvas || !m_canvas->hasGrid())
        return tr("There is no map to export; open a survey first.");
    const MapComposer composer(*m_canvas);
    if (QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0)
        return composer.writePdf(path);
    return composer.writePng(path);
}

} // namespace lodestone
