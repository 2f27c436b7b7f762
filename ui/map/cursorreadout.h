// The status bar's cursor readout: "X, Y (EPSG:3067) | row r, col c | value v nT", followed, where the layers
// exist, by the deposit probability, the class and the label of the cell: "| probability 0.73, class deposit |
// label deposit".
//
// Thread: GUI thread.
#pragma once

#include "canvasposition.h"

#include <QLabel>
#include <QPointer>

namespace lodestone {

class LayerStack;

/** \brief Formats a canvas position for the status bar. */
class CursorReadout : public QLabel {
    Q_OBJECT
public:
    explicit CursorReadout(QWidget *parent = nullptr);

    /** \brief What the readout needs to know about the survey: CRS short name, units, cell size and value range. */
    void setSurvey(const QString &crsShortName, const QString &units, double cellSize, double valueRange);
    void setUnits(const QString &units);
    /** \brief The layers whose probability, class and label are read at the cursor (not owned; may be null). The
     *  first probability, class map and label layer of the stack count, shown or hidden. */
    void setLayerStack(LayerStack *stack);
    /** \brief The text for a position (also what the label shows after showPosition()). */
    QString format(const CanvasPosition &position) const;

public Q_SLOTS:
    void showPosition(const lodestone::CanvasPosition &position);
    void clearPosition();

private:
    QString resultText(const CanvasPosition &position) const;

    QPointer<LayerStack> m_stack;
    QString m_crs;
    QString m_units;
    int m_coordinateDecimals = 2;
    int m_valueDecimals = 2;
};

} // namespace lodestone
