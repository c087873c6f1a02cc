#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace pgshift::widgets {

// Replication lag over time: bytes (left axis) and seconds (right axis) in a rolling window
// (15 minutes by default). It keeps at most 24 hours of samples in a ring allocated once, so
// its memory is fixed however long it runs. A window with more samples than MaxShownPoints is
// drawn from the largest value of each time slice (a spike is never averaged away). Pause
// freezes the view while samples are still recorded; the samples export as CSV and the chart
// as PNG.
class LagChart final : public QWidget
{
    Q_OBJECT
public:
    struct Sample
    {
        QDateTime at;
        qint64 bytes = -1;   // -1: unknown (a server unreachable)
        double seconds = -1;
    };

    static constexpr qint64 KeptMs = 24LL * 3600 * 1000;
    static constexpr qsizetype MaxSamples = 24 * 3600; // one a second for a day
    static constexpr int MaxShownPoints = 300;          // per series; more is finer than the pixels

    explicit LagChart(QWidget *parent = nullptr);

    void addSample(const QDateTime &at, qint64 bytes, double seconds);
    void setWindow(int seconds);
    int window() const { return m_windowSeconds; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void clear();

    // Oldest first.
    QList<Sample> samples() const;
    qsizetype sampleCount() const { return m_count; }
    // Points the chart shows now (the window, as of the last refresh).
    int shownPoints() const;
    // The byte series as drawn: x in ms since the epoch, y in KiB.
    QList<QPointF> shownBytes() const;
    QString toCsv() const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    bool exportPng(const QString &path) const;
    QByteArray toPng() const; // the chart as shown, for reports

private:
    struct Stored
    {
        qint64 ms; // since the epoch
        qint64 bytes;
        double seconds;
    };
    const Stored &stored(qsizetype i) const { return m_ring[size_t((m_head + i) % qsizetype(m_ring.size()))]; }
    void refresh();

    std::vector<Stored> m_ring; // capacity MaxSamples, reserved at the first sample
    qsizetype m_head = 0;       // the oldest sample's slot
    qsizetype m_count = 0;
    int m_windowSeconds = 15 * 60;
    bool m_paused = false;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLineSeries *m_bytes = nullptr;
    QLineSeries *m_seconds = nullptr;
    QDateTimeAxis *m_time = nullptr;
    QValueAxis *m_bytesAxis = nullptr;
    QValueAxis *m_secondsAxis = nullptr;
};

} // namespace pgshift::widgets
