// Asks for the settings of the magnetic products that have some: the inducing field of reduction to the pole (and its
// stabilising inclination), the height of upward continuation, the window of the local standard deviation. Also
// names the products as the Processing menu and the layer list show them. The last values are remembered.
//
// Thread: GUI thread.
#pragma once

#include "magneticfilters.h"

#include <QDialog>

class QDoubleSpinBox;
class QSpinBox;

namespace lodestone {

/** \brief The settings dialog of one magnetic product. */
class ProductDialog : public QDialog {
    Q_OBJECT
public:
    /** \brief A dialog for params.product, starting from the values last accepted (else params' own). */
    explicit ProductDialog(const DeriveParams &params, QWidget *parent = nullptr);

    /** \brief The settings shown. */
    DeriveParams params() const;

    QDoubleSpinBox *inclinationSpin() const { return m_inclination; }
    QDoubleSpinBox *declinationSpin() const { return m_declination; }
    QDoubleSpinBox *stabilisingSpin() const { return m_stabilising; }
    QDoubleSpinBox *heightSpin() const { return m_height; }
    QSpinBox *windowSpin() const { return m_window; }

    /** \brief True for the products that have settings to ask for (rtp, up, localstd). */
    static bool hasSettings(MagneticProduct product);
    /** \brief The product as a menu entry, e.g. "Reduction to the Pole…", "Analytic Signal". */
    static QString menuText(MagneticProduct product);
    /** \brief The product's name as a title, e.g. "Reduction to the Pole". */
    static QString title(MagneticProduct product);
    /** \brief The product with its settings, as the tail of a layer name, e.g. "analytic signal",
     *  "upward continued 200 m". */
    static QString description(const DeriveParams &params);
    /** \brief Units of the product of a survey in surveyUnits per metre or as they are, e.g. "nT/m", "rad". */
    static QString units(MagneticProduct product, const QString &surveyUnits);

    /** \brief Asks for the settings of params.product when it has any (true when accepted or none were needed). */
    static bool ask(QWidget *parent, DeriveParams &params);

private:
    void remember() const;

    MagneticProduct m_product;
    QDoubleSpinBox *m_inclination = nullptr;
    QDoubleSpinBox *m_declination = nullptr;
    QDoubleSpinBox *m_stabilising = nullptr;
    QDoubleSpinBox *m_height = nullptr;
    QSpinBox *m_window = nullptr;
};

} // namespace lodestone
