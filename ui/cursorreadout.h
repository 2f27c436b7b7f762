// The status bar's cursor readout: "X, Y (EPSG:3067) | row r, col c | value v nT".
//
// Thread: GUI thread.
#pragma once

#include "canvasposition.h"

#include <QLabel>

namespace lodestone {

/** \brief Formats a canvas position for the status bar. */
class CursorReadout : public QLabel {
    Q_OBJECT
public:
    explicit CursorReadout(QWidget *parent = nullptr);

    /** \brief What the readout needs to know about the survey: CRS short name, units, cell size and value range. */
    void setSurvey(const QString &crsShortName, const QString &units, double cellSize, double valueRange);
    void setUnits(const QString &units);
    /** \brief The text for a position (also what the label shows after showPosition()). */
    QString format(const CanvasPosition &position) const;

public Q_SLOTS:
    void showPosition(const lodestone::CanvasPosition &position);
    void clearPosition();

private:
    QString m_crs;
    QString m_units;
    int m_coordinateDecimals = 2;
    int m_valueDecimals = 2;
};

} // namespace lodestone
