// The lag chart over a long replication: 48 hours of one-second samples fed in (paused, so
// that feeding takes seconds; a refresh only draws the 15-minute window), then 1,000 more
// with the chart drawing, each timed. Goals: it
// keeps exactly 24 hours (86,400 samples), its memory stops growing once full (resident size
// after 48 h within 2 MiB of the size after 24 h), and adding a sample to a full chart costs
// under 1% of a core at one sample a second (10 ms).
#include "widgets/lagchart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    pgshift::widgets::LagChart chart;
    chart.resize(800, 400);
    chart.show();
    const QDateTime start = QDateTime::currentDateTime();
    constexpr int Day = 24 * 3600;
    qint64 afterDay = 0;
    double fullAddMs = 0;
    const qint64 before = residentBytes();
    QElapsedTimer feeding;
    feeding.start();
    chart.setPaused(true);
    for (int i = 0; i < 2 * Day; ++i) {
        if (i == 2 * Day - 1000)
            chart.setPaused(false);
        // A lag that moves: a slow wave with a spike every ten minutes.
        const qint64 bytes = 200000 + qint64(150000 * std::sin(i / 900.0)) + (i % 600 == 0 ? 5000000 : 0);
        if (i >= 2 * Day - 1000) {
            QElapsedTimer one;
            one.start();
            chart.addSample(start.addSecs(i), bytes, bytes / 1e6);
            fullAddMs += one.nsecsElapsed() / 1e6;
        } else {
            chart.addSample(start.addSecs(i), bytes, bytes / 1e6);
        }
        if (i == Day - 1) {
            QCoreApplication::processEvents();
            afterDay = residentBytes();
        }
    }
    QCoreApplication::processEvents();
    const qint64 afterTwoDays = residentBytes();
    const double perAddMs = fullAddMs / 1000;
    const qsizetype kept = chart.samples().size();
    say(QStringLiteral("Lag chart, 48 h of 1 s samples fed in %1 s:").arg(feeding.elapsed() / 1000.0, 0, 'f', 1));
    say(QStringLiteral("  samples kept: %1 (goal 86400), points shown: %2 (15 min window)").arg(kept).arg(chart.shownPoints()));
    say(QStringLiteral("  resident: %1 MiB before, %2 MiB after 24 h, %3 MiB after 48 h (growth over the 2nd day %4 KiB, goal < 2048)")
            .arg(before / 1048576.0, 0, 'f', 1).arg(afterDay / 1048576.0, 0, 'f', 1).arg(afterTwoDays / 1048576.0, 0, 'f', 1)
            .arg((afterTwoDays - afterDay) / 1024));
    say(QStringLiteral("  adding a sample to a full chart: %1 ms (goal < 10 ms, 1% of a core at 1 Hz)").arg(perAddMs, 0, 'f', 3));
    const bool met = kept == Day && afterTwoDays - afterDay < 2 * 1048576 && perAddMs < 10;
    say(QStringLiteral("Goal: %1").arg(met ? QStringLiteral("met") : QStringLiteral("MISSED")));
    return met ? 0 : 1;
}
