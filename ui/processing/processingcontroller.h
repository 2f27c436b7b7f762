// The Processing menu: the magnetic products of the open survey (reduction to the pole, first vertical derivative,
// horizontal gradient, tilt angle, analytic signal, upward continuation, local standard deviation). Each asks for
// its settings when it has some, is computed by core's deriveMagneticProduct in the background (one at a time,
// shown in the status bar with Cancel) and is added through UserLayers as a layer named after the survey and the
// product, e.g. "survey — analytic signal".
//
// Thread: GUI thread; the products are computed on Qt's global thread pool (BackgroundJob).
#pragma once

#include "magneticfilters.h"

#include <QMap>
#include <QObject>

#include <functional>

class QAction;
class QMenu;

namespace lodestone {

class BackgroundJob;
class JobIndicator;
class MainWindow;
class RasterLayer;
class UserLayers;

/** \brief Magnetic products of the survey as layers. */
class ProcessingController : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    ProcessingController(MainWindow *window, UserLayers *layers);

    /** \brief The Processing menu, for the menu bar. */
    QMenu *menu() const { return m_menu; }
    QAction *action(MagneticProduct product) const { return m_actions.value(product); }
    JobIndicator *indicator() const { return m_indicator; }
    bool isRunning() const;
    void setErrorReporter(ErrorReporter reporter);

public Q_SLOTS:
    /** \brief What the menu entries do: asks for the product's settings when it has some, then derive(). */
    void run(lodestone::MagneticProduct product);
    /** \brief Computes params.product of the open survey in the background and adds it as a layer. Ignored while
     *  a product is being computed or no survey is open. */
    void derive(const lodestone::DeriveParams &params);
    void cancel();

Q_SIGNALS:
    void productAdded(lodestone::RasterLayer *layer);
    /** \brief The product was not added: message is core's error, or empty when canceled. */
    void productFailed(const QString &message);
    void statusMessage(const QString &text);

private:
    void updateActions();
    void report(const QString &title, const QString &message);

    MainWindow *m_window;
    UserLayers *m_layers;
    QMenu *m_menu = nullptr;
    QMap<MagneticProduct, QAction *> m_actions;
    BackgroundJob *m_job = nullptr;
    JobIndicator *m_indicator = nullptr;
    ErrorReporter m_errorReporter;
    std::function<void()> m_onSucceeded;
    QString m_running; ///< what is being computed, for messages
};

} // namespace lodestone
