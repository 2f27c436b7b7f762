// The status bar's cursor readout: "X, Y (EPSG:3067) | row r, col c | value v nT", followed, where the layers
// exist, by the value of the top visible raster layer when it is not the survey ("| Analytic signal (as) 0.12
// nT/m"), the deposit probability with the ensemble's standard deviation, the class and the label of the cell:
// "| probability 0.73 (sd 0.04), class deposit | label deposit".
//
// Thread: GUI thread.
#pragma once

#include "canvasposition.h"

#include <QLabel>
#include <QPointer>

namespace lodestone {

class LayerStack;
class MapLayer;

/** \brief Formats a canvas position for the status bar. */
class CursorReadout : public QLabel {
    Q_OBJECT
public:
    explicit CursorReadout(QWidget *parent = nullptr);

    /** \brief What the readout needs to know about the survey: CRS short name, units, cell size and value range. */
    void setSurvey(const QString &crsShortName, const QString &units, double cellSize, double valueRange);
    void setUnits(const QString &units);
    /** \brief The survey's own layer, whose value is the readout's "value"; any other raster layer drawn on top of
     *  it (a derived product, a layer file, a feature raster) adds its own value (not owned; may be null). */
    void setSurveyLayer(const MapLayer *layer);
    /** \brief The layers whose probability, class and label are read at the cursor (not owned; may be null). The
     *  first probability (with its result's ensemble spread), class map and label layer of the stack count, shown or
     *  hidden; of the other
     *  raster layers, the top visible one. */
    void setLayerStack(LayerStack *stack);
    /** \brief The text for a position (also what the label shows after showPosition()). */
    QString format(const CanvasPosition &position) const;

public Q_SLOTS:
    void showPosition(const lodestone::CanvasPosition &position);
    void clearPosition();

private:
    QString resultText(const CanvasPosition &position) const;
    QString topLayerText(const CanvasPosition &position) const;

    QPointer<LayerStack> m_stack;
    QPointer<const MapLayer> m_surveyLayer;
    QString m_crs;
    QString m_units;
    int m_coordinateDecimals = 2;
    int m_valueDecimals = 2;
};

} // namespace lodestone
