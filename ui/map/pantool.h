// The pan tool: left-drag moves the map. It is the canvas's default tool when no other tool is active.
//
// Thread: GUI thread.
#pragma once

#include "maptool.h"

#include <QPoint>

namespace lodestone {

/** \brief Drags the map with the left button. */
class PanTool : public MapTool {
    Q_OBJECT
public:
    explicit PanTool(MapCanvas *canvas);

    void canvasPressEvent(MapMouseEvent *event) override;
    void canvasMoveEvent(MapMouseEvent *event) override;
    void canvasReleaseEvent(MapMouseEvent *event) override;
    bool isDragging() const { return m_dragging; }

private:
    bool m_dragging = false;
    QPoint m_last;
};

} // namespace lodestone
