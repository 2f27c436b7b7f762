// The layer panel: one row per map layer, top layer first, with a visibility checkbox; below the list an
// opacity slider and buttons to move the selected layer up or down; a context menu of actions on the layer
// under the mouse, made current first. Works on any MapLayer.
//
// Thread: GUI thread.
#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QSlider;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace lodestone {

class LayerStack;
class MapLayer;

/** \brief Shows and edits the visibility, opacity and order of the layers of a LayerStack. */
class LayerTreePanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerTreePanel(QWidget *parent = nullptr);

    void setLayerStack(LayerStack *stack);
    /** \brief The selected layer, or nullptr. */
    MapLayer *currentLayer() const;
    void setCurrentLayer(MapLayer *layer);

    /** \brief Actions shown by a right click on a layer (which becomes the current layer first); they act on
     *  currentLayer(). */
    void setContextActions(const QList<QAction *> &actions);

    QTreeWidget *tree() const { return m_tree; }
    QSlider *opacitySlider() const { return m_opacity; }
    QToolButton *upButton() const { return m_up; }
    QToolButton *downButton() const { return m_down; }

Q_SIGNALS:
    void currentLayerChanged(lodestone::MapLayer *layer);

private:
    void rebuild();
    void syncItems(); ///< names, tooltips and check states from the layers, in place
    void updateControls();
    MapLayer *layerOf(QTreeWidgetItem *item) const;
    QTreeWidgetItem *itemOf(MapLayer *layer) const;

    QPointer<LayerStack> m_stack;
    QTreeWidget *m_tree = nullptr;
    QSlider *m_opacity = nullptr;
    QLabel *m_opacityValue = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QList<QAction *> m_contextActions;
    bool m_updating = false;
    bool m_inItemChange = false;   ///< inside the itemChanged handler (the tree is editing an item)
    bool m_rebuildPending = false; ///< a rebuild deferred until that edit returned
    QPointer<MapLayer> m_newest;   ///< the layer added last, selected once its row exists
};

} // namespace lodestone
