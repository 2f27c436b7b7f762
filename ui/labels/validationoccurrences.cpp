// ValidationOccurrences: OccurrenceImport::readValidation() on the survey layer's raster; the layer goes on top of
// the stack, over the labels, so that the markers are never hidden by a result layer.
#include "validationoccurrences.h"

#include "layerstack.h"
#include "mainwindow.h"
#include "occurrenceimport.h"
#include "raster.h"
#include "rasterlayer.h"
#include "validationpointlayer.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>

namespace lodestone {

namespace {
const char *const kLastDirectoryKey = "validation/lastDirectory";
}

ValidationOccurrences::ValidationOccurrences(MainWindow *window, QObject *parent) : QObject(parent), m_window(window) {}

ValidationPointLayer *ValidationOccurrences::layer() const
{
    return m_layer;
}

QString ValidationOccurrences::summary() const
{
    if (m_pixels.empty())
        return tr("None: the map is evaluated at held-out groups of the training deposits.");
    return tr("%1 occurrences from %2")
        .arg(QLocale().toString(qulonglong(m_pixels.size())), QFileInfo(m_path).fileName());
}

void ValidationOccurrences::choose()
{
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey)
        return;
    QString dir = QSettings().value(QLatin1String(kLastDirectoryKey)).toString();
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QFileInfo(QString::fromStdString(survey->raster().path)).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Validation Occurrences"), dir, OccurrenceImport::dialogFilter());
    if (path.isEmpty())
        return;
    QSettings().setValue(QLatin1String(kLastDirectoryKey), QFileInfo(path).absolutePath());
    load(path);
}

bool ValidationOccurrences::load(const QString &path)
{
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey)
        return false;
    OccurrenceImport::Validation v;
    try {
        v = OccurrenceImport::readValidation(path, QString(), survey->raster());
    } catch (const std::exception &e) {
        if (m_reporter)
            m_reporter(tr("Cannot Read Validation Occurrences"), QString::fromStdString(e.what()));
        return false;
    }
    removeLayer();
    m_path = path;
    m_pixels = std::move(v.pixels);
    const GridSpec &grid = survey->raster().grid;
    auto *layer = new ValidationPointLayer(m_pixels, grid.width, grid.height,
                                           tr("Validation occurrences (%1)").arg(QFileInfo(path).fileName()));
    m_window->layerStack()->insertLayer(layer, 0);
    m_layer = layer;
    const QLocale locale;
    QString message = tr("%1: %2 points, %3 validation pixels on valid ground.")
                          .arg(QFileInfo(path).fileName(), locale.toString(qulonglong(v.points)),
                               locale.toString(qulonglong(m_pixels.size())));
    for (const std::string &w : v.report.warnings)
        message += QLatin1Char(' ') + QString::fromStdString(w);
    Q_EMIT statusMessage(message);
    Q_EMIT changed();
    return true;
}

void ValidationOccurrences::removeLayer()
{
    if (m_layer)
        m_window->layerStack()->removeLayer(m_layer);
    m_layer = nullptr;
}

void ValidationOccurrences::clear()
{
    const bool had = !m_pixels.empty() || m_layer;
    removeLayer();
    m_pixels.clear();
    m_path.clear();
    if (had)
        Q_EMIT changed();
}

} // namespace lodestone
