// The map canvas: a QGraphicsView whose scene is in grid pixel coordinates of the survey, drawing the
// layers of a LayerStack (one MapLayerItem each, stacked in the stack's order). Zooms under the cursor with
// the wheel, pans with the middle button or the active tool (the pan tool by default), reports the map
// coordinate, cell and value under the cursor, and forwards mouse events to the active MapTool. Shows a scale bar
// and the current scale (1:250 000 at the screen's resolution) in its bottom-left corner.
//
// Thread: GUI thread.
#pragma once

#include "canvasposition.h"
#include "crsinfo.h"
#include "mapscale.h"
#include "raster.h"

#include <QGraphicsView>
#include <QHash>
#include <QPointer>

class QTimer;

namespace lodestone {

class LayerStack;
class MapLayer;
class MapLayerItem;
class MapTool;
class PanTool;
class RasterLayer;

/** \brief Map view with GIS navigation and map tools. */
class MapCanvas : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr double kMaxScale = 256.0; ///< screen pixels per grid cell, at most
    static constexpr double kWheelStep = 1.25; ///< zoom factor of one wheel notch

    explicit MapCanvas(QWidget *parent = nullptr);
    ~MapCanvas() override;

    /** \brief The layers to draw (not owned). */
    void setLayerStack(LayerStack *stack);
    LayerStack *layerStack() const;

    /** \brief The raster whose grid defines the canvas's pixel and map coordinates and whose values the
     *  cursor reports (the survey). nullptr: no grid. */
    void setReferenceLayer(RasterLayer *layer);
    RasterLayer *referenceLayer() const;
    bool hasGrid() const;
    const GridSpec &grid() const { return m_grid; }

    /** \brief Everything about a viewport position (widget coordinates of viewport()). */
    CanvasPosition positionAt(const QPointF &viewportPos) const;
    /** \brief Viewport position of fractional grid coordinates (column, row). */
    QPointF viewportPosOfPixel(const QPointF &pixel) const;
    /** \brief Map coordinates of fractional grid coordinates, and back (GDAL geotransform, corner-based). */
    QPointF pixelToMap(const QPointF &pixel) const;
    QPointF mapToPixel(const QPointF &map) const;

    /** \brief Screen pixels per grid column. */
    double scale() const { return m_scale; }
    /** \brief Screen height over width of a cell: its ground proportions (a grid in degrees drawn as the cells lie
     *  on the ground at its middle latitude, not as square degrees), else those of its geotransform, else 1. */
    double aspect() const { return m_aspect; }
    /** \brief The part of the scene (grid pixel coordinates) shown in the viewport. */
    QRectF visiblePixelRect() const;
    /** \brief The reference grid's CRS as read from its WKT. */
    const CrsInfo &crs() const { return m_crs; }
    /** \brief Ground metres per screen pixel of the current view (invalid without a CRS). */
    MapScale mapScale() const;
    /** \brief "1:250 000": the scale of the view on this screen (its logical resolution); empty without a CRS. */
    QString scaleText() const;
    /** \brief Whether the scale bar and scale are drawn over the map (default on). */
    bool isScaleOverlayVisible() const { return m_scaleOverlay; }
    void setScaleOverlayVisible(bool visible);
    /** \brief Where the scale overlay is drawn (viewport coordinates); empty when it is not drawn. */
    QRectF scaleOverlayRect() const;

    /** \brief Makes tool the active tool (deactivating the previous one). nullptr restores the pan tool. */
    void setMapTool(MapTool *tool);
    /** \brief If tool is active, restores the pan tool. */
    void unsetMapTool(MapTool *tool);
    MapTool *mapTool() const;
    PanTool *panTool() const { return m_panTool; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    /** \brief Fits the reference grid in the view; the fit is kept when the canvas is resized until the
     *  user zooms or pans. */
    void zoomToFullExtent();
    /** \brief Multiplies the scale by factor, keeping the scene point under anchor (viewport coordinates) fixed. */
    void zoomBy(double factor, const QPointF &anchor);
    /** \brief Moves the map by delta screen pixels (the map follows a drag). */
    void panBy(const QPoint &delta);

Q_SIGNALS:
    /** \brief The cursor has moved over the canvas (also emitted after zooming under a still cursor). */
    void cursorMoved(const lodestone::CanvasPosition &position);
    /** \brief The cursor has left the canvas. */
    void cursorLeft();
    /** \brief The view has settled on a new extent (debounced). */
    void extentChanged(const QRectF &visiblePixelRect, double scale);
    void mapToolChanged(lodestone::MapTool *tool);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void addItemFor(MapLayer *layer);
    void removeItemFor(MapLayer *layer);
    void restack();
    void applyScale(double scale);
    void updateSceneRect();
    void scheduleExtentChanged();
    void notifyExtent();
    double minimumScale() const;
    void paintScaleOverlay(QPainter *painter) const;

    QGraphicsScene *m_scene = nullptr;
    QPointer<LayerStack> m_stack;
    QHash<MapLayer *, MapLayerItem *> m_items;
    QPointer<RasterLayer> m_reference;
    GridSpec m_grid;
    CrsInfo m_crs;
    bool m_scaleOverlay = true;
    double m_scale = 1.0;
    double m_aspect = 1.0; ///< height / width of a cell on the screen (aspect())
    bool m_fitOnResize = false;
    PanTool *m_panTool = nullptr;
    QPointer<MapTool> m_tool;
    bool m_middlePanning = false;
    QPoint m_lastPanPos;
    QPointF m_lastMousePos;
    bool m_mouseInside = false;
    QTimer *m_extentTimer = nullptr;
};

} // namespace lodestone
