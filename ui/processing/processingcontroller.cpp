// ProcessingController: one action per product; the survey's shared, immutable raster is handed to the worker,
// which returns the product and its statistics; a product of a survey that has since been replaced is dropped.
#include "processingcontroller.h"

#include "backgroundjob.h"
#include "feedback.h"
#include "jobindicator.h"
#include "mainwindow.h"
#include "productdialog.h"
#include "rasterlayer.h"
#include "userlayers.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>

#include <memory>
#include <utility>

namespace lodestone {

namespace {

struct Product {
    std::shared_ptr<Raster> raster;
    BandStatistics statistics;
    std::string note; ///< a grid in degrees: the cell size the product took (geographicCellsNote())
};

} // namespace

ProcessingController::ProcessingController(MainWindow *window, UserLayers *layers)
    : QObject(window), m_window(window), m_layers(layers)
{
    m_job = new BackgroundJob(this);
    m_indicator = new JobIndicator(window);
    connect(m_indicator, &JobIndicator::cancelRequested, this, &ProcessingController::cancel);
    connect(m_job, &BackgroundJob::progressChanged, this, [this](const QString &, double fraction) {
        if (fraction >= 0)
            m_indicator->setProgress(fraction);
    });
    connect(m_job, &BackgroundJob::succeeded, this, [this] {
        m_indicator->finish();
        updateActions();
        if (auto handler = std::exchange(m_onSucceeded, {}))
            handler();
    });
    connect(m_job, &BackgroundJob::canceled, this, [this] {
        m_indicator->finish();
        updateActions();
        m_onSucceeded = {};
        Q_EMIT statusMessage(tr("%1 was canceled.").arg(m_running));
        Q_EMIT productFailed(QString());
    });
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        m_indicator->finish();
        updateActions();
        m_onSucceeded = {};
        report(tr("Cannot Compute the Product"), message);
        Q_EMIT productFailed(message);
    });
    m_errorReporter = [window](const QString &title, const QString &message) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };

    m_menu = new QMenu(tr("&Processing"), window);
    m_menu->setObjectName(QStringLiteral("ProcessingMenu"));
    const QMap<MagneticProduct, QString> tips{
        {MagneticProduct::ReducedToPole, tr("Move anomalies over their sources, as if measured at the magnetic pole "
                                            "(induced magnetisation)")},
        {MagneticProduct::VerticalDerivative, tr("Sharpen shallow sources: dT/dz, positive over them (nT/m)")},
        {MagneticProduct::HorizontalGradient, tr("Peaks over the edges of sources (nT/m)")},
        {MagneticProduct::TiltAngle,
         tr("Angle between the vertical and horizontal gradients: positive over sources, zero near their edges, "
            "whatever their depth (radians)")},
        {MagneticProduct::AnalyticSignal,
         tr("Amplitude of the three gradients: peaks over sources, little affected by the direction of "
            "magnetisation (nT/m)")},
        {MagneticProduct::UpwardContinuation, tr("The field measured higher up: smooths shallow sources away")},
        {MagneticProduct::LocalStdDev, tr("Texture: standard deviation in a moving window")},
    };
    for (MagneticProduct product : allMagneticProducts()) {
        auto *action = new QAction(ProductDialog::menuText(product), this);
        action->setStatusTip(tips.value(product));
        connect(action, &QAction::triggered, this, [this, product] { run(product); });
        m_actions.insert(product, action);
        m_menu->addAction(action);
        if (product == MagneticProduct::ReducedToPole || product == MagneticProduct::AnalyticSignal ||
            product == MagneticProduct::UpwardContinuation)
            m_menu->addSeparator();
    }
    connect(window, &MainWindow::surveyOpened, this, [this] {
        if (m_job->isRunning()) { // a product of the previous survey
            m_job->abandon();
            m_onSucceeded = {};
            m_indicator->finish();
        }
        updateActions();
    });
    updateActions();
}

bool ProcessingController::isRunning() const
{
    return m_job->isRunning();
}

void ProcessingController::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

void ProcessingController::report(const QString &title, const QString &message)
{
    if (m_errorReporter)
        m_errorReporter(title, message);
}

void ProcessingController::updateActions()
{
    const bool ready = m_window->surveyLayer() != nullptr && !m_job->isRunning();
    for (QAction *a : std::as_const(m_actions))
        a->setEnabled(ready);
}

void ProcessingController::run(MagneticProduct product)
{
    DeriveParams params;
    params.product = product;
    if (!ProductDialog::ask(m_window, params))
        return;
    derive(params);
}

void ProcessingController::derive(const DeriveParams &params)
{
    RasterLayer *survey = m_window->surveyLayer();
    if (!survey || m_job->isRunning())
        return;
    const std::shared_ptr<const Raster> raster = survey->sharedRaster();
    auto out = std::make_shared<Product>();
    m_job->start([raster, params, out](Feedback &feedback) {
        if (params.product != MagneticProduct::LocalStdDev)
            out->note = geographicCellsNote(*raster);
        out->raster = std::make_shared<Raster>(deriveMagneticProduct(*raster, params, &feedback));
        checkCanceled(&feedback);
        out->statistics = BandStatistics::compute(*out->raster);
    });
    const QString description = ProductDialog::description(params);
    m_running = ProductDialog::title(params.product);
    const QString name = tr("%1 — %2").arg(survey->name(), description);
    const QString units = ProductDialog::units(params.product, survey->units());
    const QString source = tr("%1 of %2").arg(description, QString::fromStdString(raster->path));
    LayerSpec origin;
    origin.kind = LayerSpec::Kind::Derived;
    origin.derive = params;
    origin.name = productToken(params);
    m_onSucceeded = [this, out, name, units, source, origin] {
        RasterLayer *layer = m_layers->addLayer(out->raster, out->statistics, name, units, source, origin);
        Q_EMIT statusMessage(out->note.empty() ? tr("Added %1.").arg(name)
                                               : tr("Added %1. %2").arg(name, QString::fromStdString(out->note)));
        Q_EMIT productAdded(layer);
    };
    m_indicator->start(tr("Computing %1…").arg(m_running));
    updateActions();
}

void ProcessingController::cancel()
{
    m_job->cancel();
}

} // namespace lodestone
