// Suggested places to label on the map: a numbered white circle with a dark edge at each place, the same size on
// screen at every zoom, the current one drawn larger and in the highlight colour, so that the user can step
// through them (Training panel, "Suggest where to label" and "Next place").
//
// Thread: GUI thread.
#pragma once

#include "labelsuggestions.h"
#include "maplayer.h"

#include <vector>

namespace lodestone {

/** \brief Point layer of label suggestions on a grid of width x height cells. */
class SuggestionLayer : public MapLayer {
    Q_OBJECT
public:
    /// Diameter of a marker in screen pixels (the current one: half as large again).
    static constexpr int kMarkerPixels = 18;

    SuggestionLayer(std::vector<LabelSuggestion> places, int gridWidth, int gridHeight, QObject *parent = nullptr);

    const std::vector<LabelSuggestion> &places() const { return m_places; }
    int count() const { return int(m_places.size()); }
    /** \brief The place stepped to (-1: none yet). */
    int current() const { return m_current; }
    void setCurrent(int index);

    QRectF extent() const override;
    void paint(QPainter *painter, const QRectF &exposed, double scale) override;
    QString toolTip() const override;

private:
    std::vector<LabelSuggestion> m_places;
    int m_width = 0, m_height = 0;
    int m_current = -1;
};

} // namespace lodestone
