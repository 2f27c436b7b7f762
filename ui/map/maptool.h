// Base class of interactive canvas tools (pan now; label painting later), after QgsMapTool: the canvas
// forwards mouse and key events to the active tool as MapMouseEvents with map and grid coordinates.
// The middle button always pans and the wheel always zooms, whatever tool is active.
//
// Thread: GUI thread.
#pragma once

#include <QCursor>
#include <QObject>
#include <QPointer>

class QAction;
class QKeyEvent;

namespace lodestone {

class MapCanvas;
class MapMouseEvent;

/** \brief An interactive tool of a MapCanvas. */
class MapTool : public QObject {
    Q_OBJECT
public:
    explicit MapTool(MapCanvas *canvas);
    ~MapTool() override;

    MapCanvas *canvas() const;

    virtual void canvasPressEvent(MapMouseEvent *event);
    virtual void canvasMoveEvent(MapMouseEvent *event);
    virtual void canvasReleaseEvent(MapMouseEvent *event);
    virtual void keyPressEvent(QKeyEvent *event);
    virtual void keyReleaseEvent(QKeyEvent *event);

    /** \brief Called by the canvas when the tool becomes / stops being the active tool. */
    virtual void activate();
    virtual void deactivate();
    bool isActive() const { return m_active; }

    QCursor cursor() const { return m_cursor; }
    void setCursor(const QCursor &cursor);

    /** \brief A checkable action kept checked while the tool is active (optional). */
    QAction *action() const;
    void setAction(QAction *action);

Q_SIGNALS:
    void activated();
    void deactivated();

private:
    QPointer<MapCanvas> m_canvas;
    QPointer<QAction> m_action;
    QCursor m_cursor;
    bool m_active = false;
};

} // namespace lodestone
