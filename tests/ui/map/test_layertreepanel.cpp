// LayerTreePanel: rows follow the stack (top first); checkbox, opacity slider and up/down edit the layers.
#include "layerstack.h"
#include "layertreepanel.h"
#include "testlayer.h"

#include <QSlider>
#include <QStyle>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace lodestone;

class TestLayerTreePanel : public QObject {
    Q_OBJECT
private:
    LayerStack *m_stack = nullptr;
    LayerTreePanel *m_panel = nullptr;
    MapLayer *m_a = nullptr;
    MapLayer *m_b = nullptr;

    QStringList rowNames() const
    {
        QStringList names;
        for (int i = 0; i < m_panel->tree()->topLevelItemCount(); ++i)
            names << m_panel->tree()->topLevelItem(i)->text(0);
        return names;
    }

private Q_SLOTS:
    void init()
    {
        m_stack = new LayerStack;
        m_panel = new LayerTreePanel;
        m_panel->setLayerStack(m_stack);
        m_a = new test::SolidLayer(QStringLiteral("survey"), Qt::red);
        m_b = new test::SolidLayer(QStringLiteral("labels"), Qt::green);
        m_stack->insertLayer(m_a);
        m_stack->insertLayer(m_b);
        m_panel->show();
    }
    void cleanup()
    {
        delete m_panel;
        delete m_stack;
    }

    void rowsListLayersTopFirst()
    {
        QCOMPARE(rowNames(), (QStringList{QStringLiteral("labels"), QStringLiteral("survey")}));
        QCOMPARE(m_panel->currentLayer(), m_b); // the newest layer is selected
    }
    void checkboxTogglesVisibility()
    {
        QTreeWidgetItem *survey = m_panel->tree()->topLevelItem(1);
        survey->setCheckState(0, Qt::Unchecked);
        QVERIFY(!m_a->isVisible());
        m_a->setVisible(true); // and back from the layer to the panel
        QCOMPARE(m_panel->tree()->topLevelItem(1)->checkState(0), Qt::Checked);
    }
    void aClickOnACheckBoxKeepsTheItemItEdits()
    {
        // Qt edits the clicked item after its itemChanged handlers return: hiding the layer must not delete that
        // item (the panel once rebuilt its rows there, a use-after-free that crashed the application), and a layer
        // the hidden one removes or adds meanwhile appears once the edit has returned.
        QTreeWidget *tree = m_panel->tree();
        QTreeWidgetItem *survey = tree->topLevelItem(1);
        const int marker = Qt::UserRole + 77; // survives only on this very item, whatever its address
        survey->setData(0, marker, QStringLiteral("the clicked item"));
        MapLayer *extra = nullptr;
        connect(m_a, &MapLayer::visibilityChanged, this, [&] {
            if (!extra) {
                extra = new test::SolidLayer(QStringLiteral("added"), Qt::blue);
                m_stack->insertLayer(extra);
            }
        });
        const QRect row = tree->visualItemRect(survey);
        // The check box sits at the start of the row; a press and release there toggles it through the delegate.
        const QPoint box(row.left() + tree->style()->pixelMetric(QStyle::PM_IndicatorWidth) / 2 + 4, row.center().y());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, box);
        QVERIFY(!m_a->isVisible());
        // The same item, not a new one in its place: no rebuild inside the edit.
        QCOMPARE(tree->topLevelItem(1)->data(0, marker).toString(), QStringLiteral("the clicked item"));
        QVERIFY(extra);
        QTRY_COMPARE(rowNames().size(), 3); // the added layer's row, once the edit has returned
        QCOMPARE(rowNames().front(), QStringLiteral("added"));
        QCOMPARE(m_panel->currentLayer(), extra); // the newest layer is selected, as when added outside an edit
        QCOMPARE(tree->topLevelItem(2)->checkState(0), Qt::Unchecked);
    }
    void sliderSetsTheOpacityOfTheSelectedLayer()
    {
        m_panel->setCurrentLayer(m_a);
        m_panel->opacitySlider()->setValue(40);
        QCOMPARE(m_a->opacity(), 0.4);
        QCOMPARE(m_b->opacity(), 1.0);
        m_panel->setCurrentLayer(m_b);
        QCOMPARE(m_panel->opacitySlider()->value(), 100);
    }
    void upAndDownReorderTheStack()
    {
        m_panel->setCurrentLayer(m_a);
        QVERIFY(m_panel->upButton()->isEnabled());
        QVERIFY(!m_panel->downButton()->isEnabled());
        m_panel->upButton()->click();
        QCOMPARE(m_stack->layers().front(), m_a);
        QCOMPARE(rowNames().front(), QStringLiteral("survey"));
        QCOMPARE(m_panel->currentLayer(), m_a); // the selection follows the layer
        m_panel->downButton()->click();
        QCOMPARE(m_stack->layers().back(), m_a);
    }
    void removedLayersDisappear()
    {
        m_stack->removeLayer(m_b);
        QCOMPARE(rowNames(), QStringList{QStringLiteral("survey")});
        QCOMPARE(m_panel->currentLayer(), m_a);
        m_stack->clear();
        QCOMPARE(m_panel->tree()->topLevelItemCount(), 0);
        QVERIFY(!m_panel->opacitySlider()->isEnabled());
    }
};

QTEST_MAIN(TestLayerTreePanel)
#include "test_layertreepanel.moc"
