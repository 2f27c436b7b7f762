// LayerStack: order (index 0 on top), raise/lower, removal with signals, ownership.
#include "layerstack.h"
#include "testlayer.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace lodestone;

class TestLayerStack : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void insertsOnTopByDefaultAndAtTheBottomWithMinusOne()
    {
        LayerStack stack;
        QSignalSpy added(&stack, &LayerStack::layerAdded);
        auto *a = new test::SolidLayer(QStringLiteral("a"), Qt::red);
        auto *b = new test::SolidLayer(QStringLiteral("b"), Qt::green);
        auto *c = new test::SolidLayer(QStringLiteral("c"), Qt::blue);
        stack.insertLayer(a);
        stack.insertLayer(b);
        stack.insertLayer(c, -1);
        QCOMPARE(added.count(), 3);
        QCOMPARE(stack.layers(), (QList<MapLayer *>{b, a, c}));
        QCOMPARE(a->parent(), &stack);
    }
    void raiseAndLowerStopAtTheEnds()
    {
        LayerStack stack;
        auto *a = new test::SolidLayer(QStringLiteral("a"), Qt::red);
        auto *b = new test::SolidLayer(QStringLiteral("b"), Qt::green);
        stack.insertLayer(a);
        stack.insertLayer(b); // b on top
        QSignalSpy order(&stack, &LayerStack::orderChanged);
        QVERIFY(!stack.raise(b));
        QVERIFY(stack.raise(a));
        QCOMPARE(stack.layers(), (QList<MapLayer *>{a, b}));
        QVERIFY(!stack.lower(b));
        QVERIFY(stack.lower(a));
        QCOMPARE(stack.layers(), (QList<MapLayer *>{b, a}));
        QCOMPARE(order.count(), 2);
    }
    void removeDeletesTheLayer()
    {
        LayerStack stack;
        QPointer<MapLayer> a = new test::SolidLayer(QStringLiteral("a"), Qt::red);
        stack.insertLayer(a);
        QSignalSpy aboutToRemove(&stack, &LayerStack::layerAboutToBeRemoved);
        stack.removeLayer(a);
        QCOMPARE(aboutToRemove.count(), 1);
        QVERIFY(a.isNull());
        QCOMPARE(stack.count(), 0);
    }
    void layerPropertiesSignalChanges()
    {
        test::SolidLayer layer(QStringLiteral("a"), Qt::red);
        QSignalSpy visible(&layer, &MapLayer::visibilityChanged);
        QSignalSpy opacity(&layer, &MapLayer::opacityChanged);
        layer.setVisible(false);
        layer.setVisible(false);
        layer.setOpacity(2.0); // clamped to 1, no change
        layer.setOpacity(0.25);
        QCOMPARE(visible.count(), 1);
        QCOMPARE(opacity.count(), 1);
        QCOMPARE(layer.opacity(), 0.25);
    }
};

QTEST_GUILESS_MAIN(TestLayerStack)
#include "test_layerstack.moc"
