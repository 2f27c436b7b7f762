// ProductDialog: a form with the spin boxes of one product; values kept in QSettings under "processing/".
#include "productdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lodestone {

namespace {

QDoubleSpinBox *angleSpin(double min, double max, double value, QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setRange(min, max);
    spin->setDecimals(1);
    spin->setSuffix(QStringLiteral(" °"));
    spin->setValue(value);
    return spin;
}

QString key(const char *name)
{
    return QStringLiteral("processing/") + QLatin1String(name);
}

} // namespace

ProductDialog::ProductDialog(const DeriveParams &initial, QWidget *parent) : QDialog(parent), m_product(initial.product)
{
    setWindowTitle(title(m_product));
    QSettings settings;
    auto *form = new QFormLayout;
    QString text;
    switch (m_product) {
    case MagneticProduct::ReducedToPole:
        text = tr("The inducing field at the survey, from a geomagnetic model (IGRF) for the survey's place and date. "
                  "Magnetisation is assumed to be induced, along this field.");
        m_inclination = angleSpin(-90, 90, settings.value(key("inclination"), initial.inclination).toDouble(), this);
        m_inclination->setToolTip(tr("Positive downwards: negative in the southern hemisphere"));
        m_declination = angleSpin(-180, 180, settings.value(key("declination"), initial.declination).toDouble(), this);
        m_declination->setToolTip(tr("Degrees east of north"));
        m_stabilising = angleSpin(
            0, 90, settings.value(key("stabilisingInclination"), initial.stabilisingInclination).toDouble(), this);
        m_stabilising->setToolTip(tr("Below this absolute inclination the amplitude correction uses this one instead, "
                                     "which keeps the filter bounded near the magnetic equator (0: the exact "
                                     "filter)"));
        form->addRow(tr("&Inclination:"), m_inclination);
        form->addRow(tr("&Declination:"), m_declination);
        form->addRow(tr("&Stabilising inclination:"), m_stabilising);
        break;
    case MagneticProduct::UpwardContinuation:
        text = tr("The field as it would be measured higher above the ground: short wavelengths, from shallow "
                  "sources, fade first.");
        m_height = new QDoubleSpinBox(this);
        m_height->setRange(1, 100000);
        m_height->setDecimals(0);
        m_height->setSingleStep(50);
        m_height->setSuffix(tr(" m"));
        m_height->setValue(settings.value(key("height"), initial.height).toDouble());
        form->addRow(tr("&Height:"), m_height);
        break;
    case MagneticProduct::LocalStdDev:
        text = tr("The standard deviation of the valid cells in a square window centred on each cell: high over "
                  "busy, shallow magnetic ground.");
        m_window = new QSpinBox(this);
        m_window->setRange(3, 201);
        m_window->setSingleStep(2);
        m_window->setSuffix(tr(" cells"));
        m_window->setValue(settings.value(key("window"), initial.window).toInt() | 1);
        // Odd sizes only: the window is centred on its cell.
        connect(m_window, &QSpinBox::editingFinished, this, [this] { m_window->setValue(m_window->value() | 1); });
        form->addRow(tr("&Window:"), m_window);
        break;
    default: break;
    }
    auto *label = new QLabel(text, this);
    label->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        remember();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

DeriveParams ProductDialog::params() const
{
    DeriveParams p;
    p.product = m_product;
    if (m_inclination) {
        p.inclination = m_inclination->value();
        p.declination = m_declination->value();
        p.stabilisingInclination = m_stabilising->value();
    }
    if (m_height)
        p.height = m_height->value();
    if (m_window)
        p.window = m_window->value() | 1;
    return p;
}

void ProductDialog::remember() const
{
    QSettings settings;
    const DeriveParams p = params();
    if (m_inclination) {
        settings.setValue(key("inclination"), p.inclination);
        settings.setValue(key("declination"), p.declination);
        settings.setValue(key("stabilisingInclination"), p.stabilisingInclination);
    }
    if (m_height)
        settings.setValue(key("height"), p.height);
    if (m_window)
        settings.setValue(key("window"), p.window);
}

bool ProductDialog::hasSettings(MagneticProduct product)
{
    return product == MagneticProduct::ReducedToPole || product == MagneticProduct::UpwardContinuation ||
           product == MagneticProduct::LocalStdDev;
}

QString ProductDialog::menuText(MagneticProduct product)
{
    switch (product) {
    case MagneticProduct::ReducedToPole: return tr("&Reduction to the Pole…");
    case MagneticProduct::VerticalDerivative: return tr("First &Vertical Derivative");
    case MagneticProduct::HorizontalGradient: return tr("&Horizontal Gradient");
    case MagneticProduct::TiltAngle: return tr("&Tilt Angle");
    case MagneticProduct::AnalyticSignal: return tr("&Analytic Signal");
    case MagneticProduct::UpwardContinuation: return tr("&Upward Continuation…");
    case MagneticProduct::LocalStdDev: return tr("Local &Standard Deviation…");
    }
    return {};
}

QString ProductDialog::title(MagneticProduct product)
{
    return menuText(product).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
}

QString ProductDialog::description(const DeriveParams &p)
{
    switch (p.product) {
    case MagneticProduct::ReducedToPole:
        return tr("reduced to the pole (I %1°, D %2°)").arg(p.inclination, 0, 'g', 4).arg(p.declination, 0, 'g', 4);
    case MagneticProduct::VerticalDerivative: return tr("first vertical derivative");
    case MagneticProduct::HorizontalGradient: return tr("horizontal gradient");
    case MagneticProduct::TiltAngle: return tr("tilt angle");
    case MagneticProduct::AnalyticSignal: return tr("analytic signal");
    case MagneticProduct::UpwardContinuation: return tr("upward continued %1 m").arg(p.height, 0, 'g', 6);
    case MagneticProduct::LocalStdDev: return tr("local standard deviation (%1 x %1 cells)").arg(p.window);
    }
    return {};
}

QString ProductDialog::units(MagneticProduct product, const QString &surveyUnits)
{
    switch (product) {
    case MagneticProduct::VerticalDerivative:
    case MagneticProduct::HorizontalGradient:
    case MagneticProduct::AnalyticSignal: return surveyUnits.isEmpty() ? QString() : surveyUnits + QStringLiteral("/m");
    case MagneticProduct::TiltAngle: return tr("rad");
    default: return surveyUnits;
    }
}

bool ProductDialog::ask(QWidget *parent, DeriveParams &params)
{
    if (!hasSettings(params.product))
        return true;
    ProductDialog dialog(params, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    params = dialog.params();
    return true;
}

} // namespace lodestone
