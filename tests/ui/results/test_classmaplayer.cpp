// ClassMapLayer: deposit red, non-deposit blue, nodata transparent, the colours of the exported GeoTIFF.
#include "classmaplayer.h"
#include "pipeline.h"
#include "resultfixture.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace lodestone;

class TestClassMapLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paletteIsCoresColourTable()
    {
        for (const ColorEntry &e : classColorTable())
            QCOMPARE(ClassMapLayer::colorOf(e.value), QColor(e.r, e.g, e.b, e.a));
        QVERIFY(ClassMapLayer::colorOf(1).red() > 200);   // deposit red
        QVERIFY(ClassMapLayer::colorOf(0).blue() > 150);  // non-deposit blue
        QCOMPARE(ClassMapLayer::colorOf(255).alpha(), 0); // nodata transparent
    }
    void rendersEveryCell()
    {
        ClassMapLayer layer(test::fixtureResult(), QStringLiteral("Class map"));
        QSignalSpy rendered(&layer, &ClassMapLayer::renderFinished);
        QVERIFY(rendered.wait(5000));
        const QImage &img = layer.image().image;
        QCOMPARE(img.size(), QSize(20, 10));
        QCOMPARE(qAlpha(img.pixel(0, 0)), 0);
        QCOMPARE(QColor::fromRgba(img.pixel(19, 9)), ClassMapLayer::colorOf(1));
        QCOMPARE(QColor::fromRgba(img.pixel(3, 9)), ClassMapLayer::colorOf(0));
        QCOMPARE(layer.classAt(19, 9), 1);
        QCOMPARE(layer.classAt(0, 0), 255);
        QCOMPARE(layer.extent(), QRectF(0, 0, 20, 10));
        // Columns 10..19 are deposit (probability > 0.5): 100 cells; 96 valid cells are non-deposit.
        QCOMPARE(layer.counts()[1], std::size_t(100));
        QCOMPARE(layer.counts()[0], std::size_t(96));
        QVERIFY(layer.toolTip().contains(QStringLiteral("51.0 %")));
    }
    void paintsCellsUnblendedWhenZoomedIn()
    {
        ClassMapLayer layer(test::fixtureResult(), QStringLiteral("Class map"));
        QSignalSpy rendered(&layer, &ClassMapLayer::renderFinished);
        QVERIFY(rendered.wait(5000));
        QImage canvas(200, 100, QImage::Format_ARGB32);
        canvas.fill(Qt::white);
        {
            QPainter painter(&canvas);
            painter.scale(10, 10); // 10 screen pixels per cell
            layer.paint(&painter, layer.extent(), 10.0);
        }
        if (!qEnvironmentVariableIsEmpty("LODESTONE_TEST_IMAGES"))
            canvas.save(qEnvironmentVariable("LODESTONE_TEST_IMAGES") + QStringLiteral("/classmap-zoomed.png"));
        QCOMPARE(canvas.pixel(0, 0), QColor(Qt::white).rgba()); // nodata cell: the background shows
        // The edge between non-deposit column 9 and deposit column 10 stays sharp.
        QCOMPARE(QColor::fromRgba(canvas.pixel(99, 95)), ClassMapLayer::colorOf(0));
        QCOMPARE(QColor::fromRgba(canvas.pixel(100, 95)), ClassMapLayer::colorOf(1));
    }
    void decimatedRenderingKeepsCategories()
    {
        const auto r = test::fixtureResult();
        const QImage img = ClassMapLayer::render(*r, 4);
        QCOMPARE(img.size(), QSize(5, 3));
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) {
                const QRgb c = img.pixel(x, y);
                QVERIFY(qAlpha(c) == 0 || c == ClassMapLayer::colorOf(0).rgba() ||
                        c == ClassMapLayer::colorOf(1).rgba());
            }
    }
};

QTEST_MAIN(TestClassMapLayer)
#include "test_classmaplayer.moc"
