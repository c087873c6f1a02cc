// The lag chart: the rolling window, 24 hours of samples at most (bounded memory), pause,
// and the CSV export.
#include "widgets/lagchart.h"

#include <QTemporaryDir>
#include <QTest>

using pgshift::widgets::LagChart;

class TestLagChart : public QObject
{
    Q_OBJECT

private slots:
    void windowShowsTheRecentSamples();
    void keepsADayAtMost();
    void longWindowKeepsSpikes();
    void pauseFreezesTheView();
    void exportsCsv();
};

void TestLagChart::windowShowsTheRecentSamples()
{
    LagChart chart;
    chart.setWindow(60);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 300; ++i)
        chart.addSample(t0.addSecs(i), i * 1024, i * 0.1);
    QCOMPARE(chart.samples().size(), 300);
    QCOMPARE(chart.shownPoints(), 61); // the last minute, both ends included
}

void TestLagChart::keepsADayAtMost()
{
    LagChart chart;
    chart.setPaused(true); // recording only: redrawing 90,000 times is not what is measured
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    const int samples = 25 * 3600; // a day and an hour, one a second
    for (int i = 0; i < samples; ++i)
        chart.addSample(t0.addSecs(i), 100, 0.5);
    QVERIFY(chart.samples().size() <= LagChart::MaxSamples + 1);
    QVERIFY(chart.samples().first().at >= t0.addSecs(samples - 1).addMSecs(-LagChart::KeptMs));
    // Faster than one a second: the count bound holds too.
    LagChart fast;
    fast.setPaused(true);
    for (int i = 0; i < LagChart::MaxSamples + 5000; ++i)
        fast.addSample(t0.addMSecs(i * 100), 1, 0);
    QCOMPARE(fast.samples().size(), LagChart::MaxSamples);
}

void TestLagChart::longWindowKeepsSpikes()
{
    LagChart chart;
    chart.setWindow(3600); // an hour at one a second: 3,600 samples, more than can be drawn
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 3600; ++i)
        chart.addSample(t0.addSecs(i), i == 1234 ? 50 * 1024 * 1024 : 1024, 0.1);
    QCOMPARE(chart.sampleCount(), 3600);
    QVERIFY2(chart.shownPoints() <= LagChart::MaxShownPoints + 1, qPrintable(QString::number(chart.shownPoints())));
    QVERIFY(chart.shownPoints() >= LagChart::MaxShownPoints - 10);
    qreal top = 0;
    qreal previousX = 0;
    for (const QPointF &p : chart.shownBytes()) {
        top = std::max(top, p.y());
        QVERIFY(p.x() > previousX); // in time order
        previousX = p.x();
    }
    QCOMPARE(top, 50.0 * 1024); // the one spike, in KiB, not averaged away
    QCOMPARE(qint64(chart.shownBytes().last().x()), t0.addSecs(3599).toMSecsSinceEpoch());
}

void TestLagChart::pauseFreezesTheView()
{
    LagChart chart;
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    chart.addSample(t0, 10, 0);
    chart.addSample(t0.addSecs(1), 20, 0);
    QCOMPARE(chart.shownPoints(), 2);
    chart.setPaused(true);
    chart.addSample(t0.addSecs(2), 30, 0);
    QCOMPARE(chart.shownPoints(), 2);
    QCOMPARE(chart.samples().size(), 3); // still recorded
    chart.setPaused(false);
    QCOMPARE(chart.shownPoints(), 3);
}

void TestLagChart::exportsCsv()
{
    LagChart chart;
    const QDateTime t0 = QDateTime::fromString("2026-01-02T03:04:05.000Z", Qt::ISODateWithMs);
    chart.addSample(t0, 2048, 1.25);
    chart.addSample(t0.addSecs(1), -1, -1); // a server unreachable: empty cells
    QCOMPARE(chart.toCsv(), QString("time,lag_bytes,lag_seconds\n2026-01-02T03:04:05.000Z,2048,1.250\n"
                                    "2026-01-02T03:04:06.000Z,,\n"));
    QTemporaryDir dir;
    QVERIFY(chart.exportCsv(dir.filePath("lag.csv")));
    QVERIFY(chart.exportPng(dir.filePath("lag.png")));
    QVERIFY(QFileInfo(dir.filePath("lag.png")).size() > 1000);
    QString error;
    QVERIFY(!chart.exportCsv("/nonexistent/dir/lag.csv", &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestLagChart)
#include "tst_lagchart.moc"
