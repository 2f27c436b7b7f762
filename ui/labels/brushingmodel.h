// The brushing model of label painting (after ilastik's BrushingModel): the brush's size and class, and the
// rasterisation of a stroke into grid cells. It knows nothing of the canvas or the labels: the interpreter
// (LabelPaintTool) feeds it grid positions, the controller (LabelPaintController) writes what it emits.
//
// A brush of size s covers the cells whose centres lie within s/2 cells of the brush centre. The centre is
// the centre of the cell under the cursor for odd sizes and the cell corner nearest the cursor for even
// sizes, so that size 1 is one cell, 2 a 2 x 2 block, 3 a 3 x 3 block and larger sizes are discs. Between two
// successive positions the centre walks a Bresenham line, one cell at a time, so a fast drag leaves no gaps.
//
// Thread: GUI thread.
#pragma once

#include <QObject>
#include <QPainterPath>
#include <QPoint>
#include <QPointF>
#include <QVector>

#include <cstdint>

namespace lodestone {

/** \brief Brush state and stroke rasterisation. */
class BrushingModel : public QObject {
    Q_OBJECT
public:
    static constexpr int kMinSize = 1;
    static constexpr int kMaxSize = 99;

    explicit BrushingModel(QObject *parent = nullptr);

    /** \brief Brush diameter in grid cells. */
    int brushSize() const { return m_size; }
    /** \brief The label value the brush writes: LabelDeposit, LabelNonDeposit or LabelUnknown (the eraser). */
    uint8_t brushClass() const { return m_class; }
    bool isErasing() const;

    /** \brief Offsets of the cells a brush of size covers, relative to the anchor (see anchorOf). */
    static QVector<QPoint> footprint(int size);
    /** \brief Outline of the footprint relative to the anchor, in grid units. */
    static QPainterPath outline(int size);
    /** \brief The brush anchor for a fractional grid position: the cell under it for odd sizes, the nearest
     *  cell corner (as the index of the cell below-right of it) for even sizes. */
    static QPoint anchorOf(const QPointF &pixel, int size);
    /** \brief Anchors visited from a to b inclusive (Bresenham). */
    static QVector<QPoint> line(const QPoint &a, const QPoint &b);

    /** \brief The outline of the brush at a grid position, in grid coordinates. */
    QPainterPath outlineAt(const QPointF &pixel) const;

    /** \brief Starts a stroke at a grid position; emits strokeStarted() and the first cells. */
    void beginStroke(const QPointF &pixel);
    /** \brief Extends the stroke to a grid position; emits the cells between the last position and this one. */
    void continueStroke(const QPointF &pixel);
    /** \brief Ends the stroke; emits strokeFinished(). Does nothing when no stroke is running. */
    void endStroke();
    bool isStroking() const { return m_stroking; }

public Q_SLOTS:
    void setBrushSize(int size);
    void setBrushClass(uint8_t value);

Q_SIGNALS:
    void brushSizeChanged(int size);
    void brushClassChanged(uint8_t value);
    void strokeStarted(uint8_t value);
    /** \brief Cells (column, row) under the brush along the last stretch of the stroke; may include cells
     *  outside the grid or already emitted, which the controller skips. */
    void strokeCells(const QVector<QPoint> &cells, uint8_t value);
    void strokeFinished();

private:
    void stamp(const QVector<QPoint> &anchors);

    int m_size = 1;
    uint8_t m_class;
    bool m_stroking = false;
    QPoint m_lastAnchor;
    QVector<QPoint> m_footprint;
};

} // namespace lodestone
