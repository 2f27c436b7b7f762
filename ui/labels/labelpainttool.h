// The interpreter of label painting (after ilastik's navigation/brushing interpreters): tells drawing from
// navigating. Left-drag paints through the BrushingModel; Space + left-drag and middle-drag pan (the canvas
// pans with the middle button for every tool); the wheel zooms (the canvas). [ and ] change the brush size.
// Shows the brush outline under the cursor.
//
// Thread: GUI thread.
#pragma once

#include "maptool.h"

#include <QPoint>
#include <QPointF>
#include <QPointer>

namespace lodestone {

class BrushingModel;
class BrushOutlineItem;

/** \brief Canvas tool that turns mouse drags into brush strokes. */
class LabelPaintTool : public MapTool {
    Q_OBJECT
public:
    LabelPaintTool(MapCanvas *canvas, BrushingModel *model);
    ~LabelPaintTool() override;

    BrushingModel *brushingModel() const;
    /** \brief The outline item (in the canvas's scene while the tool is active). */
    BrushOutlineItem *outlineItem() const { return m_outline; }
    bool isPanning() const { return m_panning; }
    bool isSpaceHeld() const { return m_space; }

    void canvasPressEvent(MapMouseEvent *event) override;
    void canvasMoveEvent(MapMouseEvent *event) override;
    void canvasReleaseEvent(MapMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void activate() override;
    void deactivate() override;

private:
    void updateOutline();
    void hideOutline();
    void updateCursor();

    QPointer<BrushingModel> m_model;
    BrushOutlineItem *m_outline = nullptr;
    QPointF m_lastPixel;
    bool m_hasPosition = false;
    bool m_space = false;
    bool m_panning = false;
    QPoint m_lastPan;
};

} // namespace lodestone
