// LayerTreePanel: rebuilt from the stack on every order change; item <-> layer through a pointer stored in
// the item's data.
#include "layertreepanel.h"

#include "layerstack.h"
#include "maplayer.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace lodestone {

namespace {
constexpr int kLayerRole = Qt::UserRole + 1;
}

LayerTreePanel::LayerTreePanel(QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(1);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Layers"));

    auto *opacityLabel = new QLabel(tr("Opacity"), this);
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setToolTip(tr("Opacity of the selected layer"));
    opacityLabel->setBuddy(m_opacity);
    m_opacityValue = new QLabel(this);
    m_opacityValue->setMinimumWidth(m_opacityValue->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    m_opacityValue->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_up = new QToolButton(this);
    m_up->setArrowType(Qt::UpArrow);
    m_up->setToolTip(tr("Move the selected layer up"));
    m_up->setAccessibleName(tr("Move layer up"));
    m_down = new QToolButton(this);
    m_down->setArrowType(Qt::DownArrow);
    m_down->setToolTip(tr("Move the selected layer down"));
    m_down->setAccessibleName(tr("Move layer down"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(opacityLabel);
    controls->addWidget(m_opacity, 1);
    controls->addWidget(m_opacityValue);
    controls->addWidget(m_up);
    controls->addWidget(m_down);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree, 1);
    layout->addLayout(controls);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        updateControls();
        Q_EMIT currentLayerChanged(currentLayer());
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_updating)
            return;
        // The tree is inside the item's own edit (a click on its check box) while the layer reacts: nothing may
        // delete the item until the edit returns (rebuild() defers itself meanwhile).
        m_inItemChange = true;
        if (MapLayer *layer = layerOf(item))
            layer->setVisible(item->checkState(0) == Qt::Checked);
        m_inItemChange = false;
    });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        m_opacityValue->setText(tr("%1 %").arg(value));
        if (m_updating)
            return;
        if (MapLayer *layer = currentLayer())
            layer->setOpacity(value / 100.0);
    });
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QTreeWidgetItem *item = m_tree->itemAt(pos);
        if (!item || m_contextActions.isEmpty())
            return;
        m_tree->setCurrentItem(item);
        QMenu menu(this);
        menu.addActions(m_contextActions);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_up, &QToolButton::clicked, this, [this] {
        if (m_stack && currentLayer())
            m_stack->raise(currentLayer());
    });
    connect(m_down, &QToolButton::clicked, this, [this] {
        if (m_stack && currentLayer())
            m_stack->lower(currentLayer());
    });
    updateControls();
}

void LayerTreePanel::setLayerStack(LayerStack *stack)
{
    if (m_stack)
        disconnect(m_stack, nullptr, this, nullptr);
    m_stack = stack;
    if (m_stack) {
        connect(m_stack, &LayerStack::orderChanged, this, &LayerTreePanel::rebuild);
        connect(m_stack, &LayerStack::layerAdded, this, [this](MapLayer *layer) {
            connect(layer, &MapLayer::visibilityChanged, this, &LayerTreePanel::syncItems);
            connect(layer, &MapLayer::nameChanged, this, &LayerTreePanel::syncItems);
            connect(layer, &MapLayer::opacityChanged, this, &LayerTreePanel::updateControls);
            m_newest = layer; // the newest layer is the one the user wants to adjust
            rebuild();
            if (!m_rebuildPending) // (else the deferred rebuild selects it)
                setCurrentLayer(layer);
        });
        for (MapLayer *layer : m_stack->layers()) {
            connect(layer, &MapLayer::visibilityChanged, this, &LayerTreePanel::syncItems);
            connect(layer, &MapLayer::nameChanged, this, &LayerTreePanel::syncItems);
            connect(layer, &MapLayer::opacityChanged, this, &LayerTreePanel::updateControls);
        }
    }
    rebuild();
}

void LayerTreePanel::setContextActions(const QList<QAction *> &actions)
{
    for (QAction *a : std::as_const(m_contextActions))
        m_tree->removeAction(a);
    m_contextActions = actions;
    // Their shortcuts (e.g. Delete) work while the list has the focus.
    for (QAction *a : actions) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_tree->addAction(a);
    }
}

void LayerTreePanel::syncItems()
{
    // In place, never clearing the tree: a layer's visibility changes while the tree edits that layer's item.
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (MapLayer *layer = layerOf(item)) {
            item->setText(0, layer->name());
            item->setToolTip(0, layer->toolTip());
            item->setCheckState(0, layer->isVisible() ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_updating = false;
}

void LayerTreePanel::rebuild()
{
    if (m_inItemChange) { // a layer added, removed or moved while the tree edits an item: once the edit returns
        if (!m_rebuildPending) {
            m_rebuildPending = true;
            QTimer::singleShot(0, this, [this] {
                m_rebuildPending = false;
                rebuild();
                if (m_newest)
                    setCurrentLayer(m_newest);
            });
        }
        return;
    }
    MapLayer *current = currentLayer();
    m_updating = true;
    m_tree->clear();
    if (m_stack) {
        for (MapLayer *layer : m_stack->layers()) {
            auto *item = new QTreeWidgetItem(m_tree);
            item->setText(0, layer->name());
            item->setToolTip(0, layer->toolTip());
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(0, layer->isVisible() ? Qt::Checked : Qt::Unchecked);
            item->setData(0, kLayerRole, QVariant::fromValue(quintptr(layer)));
        }
    }
    m_updating = false;
    QTreeWidgetItem *item = itemOf(current);
    if (!item && m_tree->topLevelItemCount() > 0)
        item = m_tree->topLevelItem(0);
    m_tree->setCurrentItem(item);
    updateControls();
}

void LayerTreePanel::updateControls()
{
    MapLayer *layer = currentLayer();
    const int index = (m_stack && layer) ? m_stack->indexOf(layer) : -1;
    m_updating = true;
    m_opacity->setEnabled(layer != nullptr);
    m_opacity->setValue(layer ? int(std::lround(layer->opacity() * 100)) : 100);
    m_opacityValue->setText(tr("%1 %").arg(m_opacity->value()));
    m_up->setEnabled(index > 0);
    m_down->setEnabled(index >= 0 && index + 1 < m_stack->count());
    m_updating = false;
}

MapLayer *LayerTreePanel::currentLayer() const
{
    return layerOf(m_tree->currentItem());
}

void LayerTreePanel::setCurrentLayer(MapLayer *layer)
{
    if (QTreeWidgetItem *item = itemOf(layer))
        m_tree->setCurrentItem(item);
}

MapLayer *LayerTreePanel::layerOf(QTreeWidgetItem *item) const
{
    if (!item || !m_stack)
        return nullptr;
    // Compared, never dereferenced: the item may outlive its layer until the next rebuild.
    const auto key = item->data(0, kLayerRole).value<quintptr>();
    for (MapLayer *layer : m_stack->layers()) {
        if (quintptr(layer) == key)
            return layer;
    }
    return nullptr;
}

QTreeWidgetItem *LayerTreePanel::itemOf(MapLayer *layer) const
{
    if (!layer)
        return nullptr;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(0, kLayerRole).value<quintptr>() == quintptr(layer))
            return item;
    }
    return nullptr;
}

} // namespace lodestone
