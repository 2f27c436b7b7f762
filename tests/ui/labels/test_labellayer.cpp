// LabelLayer: class colours, crisp cells zoomed in, markers of a few screen pixels zoomed out, updates on
// edits, and its place in the layer panel.
#include "labeldocument.h"
#include "labellayer.h"
#include "labels.h"
#include "layerstack.h"
#include "layertreepanel.h"
#include "testrasters.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace lodestone;

namespace {

/** Renders the layer as the canvas would at scale screen pixels per cell, over white. */
QImage render(LabelLayer &layer, double scale, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setTransform(QTransform::fromScale(scale, scale));
    layer.paint(&painter, QRectF(0, 0, size.width() / scale, size.height() / scale), scale);
    painter.end();
    return image;
}

int countColor(const QImage &image, QColor color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y).rgb() == color.rgb();
    return n;
}

} // namespace

class TestLabelLayer : public QObject {
    Q_OBJECT
private:
    LabelDocument m_doc;

private Q_SLOTS:
    void init()
    {
        m_doc.reset(test::makeGrid(1000, 800));
        m_doc.setAt(500, 400, LabelDeposit);
        m_doc.setAt(100, 700, LabelNonDeposit);
        m_doc.notifyChanged(QRect());
    }

    void depositIsRedNonDepositBlueUnknownTransparent()
    {
        LabelLayer layer(&m_doc, QStringLiteral("Labels"));
        QCOMPARE(layer.extent(), QRectF(0, 0, 1000, 800));
        const QImage image = LabelLayer::imageOf(m_doc.labels(), QRect(100, 400, 401, 301));
        QCOMPARE(image.size(), QSize(401, 301));
        const QColor deposit = image.pixelColor(400, 0), other = image.pixelColor(0, 300);
        QVERIFY(deposit.red() > 200 && deposit.blue() < 60);
        QVERIFY(other.blue() > 200 && other.red() < 60);
        QCOMPARE(image.pixelColor(1, 1).alpha(), 0);
        QCOMPARE(LabelLayer::colorOf(LabelUnknown).alpha(), 0);
        // Clipped to the grid.
        QCOMPARE(LabelLayer::imageOf(m_doc.labels(), QRect(990, 790, 50, 50)).size(), QSize(10, 10));
    }
    void zoomedInCellsAreCrispSquares()
    {
        LabelLayer layer(&m_doc, QStringLiteral("Labels"));
        // 20 screen pixels per cell, the view's top-left at cell (495, 395).
        QImage image(200, 200, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setTransform(QTransform::fromScale(20, 20).translate(-495, -395));
        layer.paint(&painter, QRectF(495, 395, 10, 10), 20);
        painter.end();
        // Cell (500, 400) covers screen [100, 120) x [100, 120): its inside is solid red, its edge white.
        const QColor red = LabelLayer::colorOf(LabelDeposit);
        for (int y = 102; y < 118; ++y)
            for (int x = 102; x < 118; ++x)
                QCOMPARE(image.pixelColor(x, y).rgb(), red.rgb());
        QCOMPARE(image.pixelColor(98, 110).rgb(), QColor(Qt::white).rgb());
        QCOMPARE(image.pixelColor(122, 110).rgb(), QColor(Qt::white).rgb());
        QCOMPARE(countColor(image, red), 19 * 19);
    }
    void zoomedOutLabelsAreMarkersOfAFewPixels()
    {
        LabelLayer layer(&m_doc, QStringLiteral("Labels"));
        // 0.25 screen pixels per cell: a cell is a sixteenth of a screen pixel, the marker 5 x 5.
        const QImage image = render(layer, 0.25, QSize(250, 200));
        const int side = LabelLayer::kMarkerPixels;
        QCOMPARE(countColor(image, LabelLayer::colorOf(LabelDeposit)), side * side);
        QCOMPARE(countColor(image, LabelLayer::colorOf(LabelNonDeposit)), side * side);
        // Centred on the cell: (500.5, 400.5) * 0.25 = (125.1, 100.1).
        QCOMPARE(image.pixelColor(125, 100).rgb(), LabelLayer::colorOf(LabelDeposit).rgb());
        QCOMPARE(image.pixelColor(123, 98).rgb(), LabelLayer::colorOf(LabelDeposit).rgb());
        QCOMPARE(image.pixelColor(127, 102).rgb(), LabelLayer::colorOf(LabelDeposit).rgb());
        // With a white halo around it.
        QCOMPARE(image.pixelColor(122, 100).rgb(), qRgb(255, 255, 255));
    }
    void markersGrowWithTheOutputResolution()
    {
        // A map exported at twice the screen's resolution: 0.25 screen pixels per cell drawn as 0.5 device
        // pixels per cell. The markers cover as many screen pixels as on the canvas: 10 x 10 device pixels.
        LabelLayer layer(&m_doc, QStringLiteral("Labels"));
        QImage image(500, 400, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setTransform(QTransform::fromScale(0.5, 0.5));
        layer.paint(&painter, QRectF(0, 0, 1000, 800), 0.25);
        painter.end();
        const int side = 2 * LabelLayer::kMarkerPixels;
        QCOMPARE(countColor(image, LabelLayer::colorOf(LabelDeposit)), side * side);
        QCOMPARE(countColor(image, LabelLayer::colorOf(LabelNonDeposit)), side * side);
        // Centred on the cell, (500.5, 400.5) * 0.5 = (250.25, 200.25), with a halo two pixels wide.
        QCOMPARE(image.pixelColor(250, 200).rgb(), LabelLayer::colorOf(LabelDeposit).rgb());
        QCOMPARE(image.pixelColor(245, 200).rgb(), LabelLayer::colorOf(LabelDeposit).rgb());
        QCOMPARE(image.pixelColor(244, 200).rgb(), qRgb(255, 255, 255));
        QCOMPARE(image.pixelColor(243, 200).rgb(), qRgb(255, 255, 255));
    }
    void editsAreRedrawn()
    {
        LabelLayer layer(&m_doc, QStringLiteral("Labels"));
        QSignalSpy repaint(&layer, &MapLayer::repaintRequested);
        m_doc.setAt(10, 10, LabelDeposit);
        m_doc.notifyChanged(QRect(10, 10, 1, 1));
        QCOMPARE(repaint.count(), 1);
        const QRect cell(10, 10, 1, 1);
        QVERIFY(LabelLayer::imageOf(m_doc.labels(), cell).pixelColor(0, 0).red() > 200);
        m_doc.setAt(10, 10, LabelUnknown);
        m_doc.notifyChanged(QRect(10, 10, 1, 1));
        QCOMPARE(LabelLayer::imageOf(m_doc.labels(), cell).pixelColor(0, 0).alpha(), 0);
        // Zoomed out, the cached markers follow the edit.
        const QImage before = render(layer, 0.25, QSize(250, 200));
        m_doc.setAt(900, 100, LabelDeposit);
        m_doc.notifyChanged(QRect(900, 100, 1, 1));
        const QImage after = render(layer, 0.25, QSize(250, 200));
        QCOMPARE(countColor(after, LabelLayer::colorOf(LabelDeposit)),
                 countColor(before, LabelLayer::colorOf(LabelDeposit)) + 25);
        QCOMPARE(layer.toolTip(), QStringLiteral("Labels: 2 deposit and 1 non-deposit pixels"));
    }
    void nothingIsDrawnWithoutLabels()
    {
        m_doc.reset(test::makeGrid(50, 50));
        LabelLayer layer(&m_doc, QStringLiteral("Labels"));
        const QImage image = render(layer, 2, QSize(100, 100));
        QCOMPARE(countColor(image, Qt::white), 100 * 100);
    }
    void theLayerPanelListsIt()
    {
        LayerStack stack;
        auto *layer = new LabelLayer(&m_doc, QStringLiteral("Labels"));
        stack.insertLayer(layer);
        LayerTreePanel panel;
        panel.setLayerStack(&stack);
        QCOMPARE(panel.tree()->topLevelItemCount(), 1);
        QCOMPARE(panel.tree()->topLevelItem(0)->text(0), QStringLiteral("Labels"));
        panel.setCurrentLayer(layer);
        panel.opacitySlider()->setValue(40);
        QCOMPARE(layer->opacity(), 0.4);
    }
};

QTEST_MAIN(TestLabelLayer)
#include "test_labellayer.moc"
