#include "widgets/lagchart.h"
#include "widgets/statuscolor.h"

#include "widgets/chartexport.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace pgshift::widgets {

LagChart::LagChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("lagChart"));
    m_bytes = new QLineSeries;
    m_bytes->setName(tr("Lag (KiB)"));
    m_seconds = new QLineSeries;
    m_seconds->setName(tr("Lag (seconds)"));
    m_chart = new QChart;
    if (isDarkPalette(palette()))
        m_chart->setTheme(QChart::ChartThemeDark); // a white chart glares on a dark desktop
    m_chart->setTitle(tr("Replication lag"));
    m_chart->addSeries(m_bytes);
    m_chart->addSeries(m_seconds);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_time = new QDateTimeAxis;
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(5);
    m_bytesAxis = new QValueAxis;
    m_bytesAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_bytesAxis->setTitleText(tr("KiB"));
    m_secondsAxis = new QValueAxis;
    m_secondsAxis->setLabelFormat(QStringLiteral("%g"));
    m_secondsAxis->setTitleText(tr("s"));
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_bytesAxis, Qt::AlignLeft);
    m_chart->addAxis(m_secondsAxis, Qt::AlignRight);
    m_bytes->attachAxis(m_time);
    m_bytes->attachAxis(m_bytesAxis);
    m_seconds->attachAxis(m_time);
    m_seconds->attachAxis(m_secondsAxis);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    refresh();
}

void LagChart::addSample(const QDateTime &at, qint64 bytes, double seconds)
{
    const Stored sample{at.toMSecsSinceEpoch(), bytes, seconds};
    if (m_ring.capacity() < size_t(MaxSamples))
        m_ring.reserve(size_t(MaxSamples));
    if (m_count < qsizetype(m_ring.size())) { // a free slot after age-based drops
        m_ring[size_t((m_head + m_count) % qsizetype(m_ring.size()))] = sample;
        ++m_count;
    } else if (qsizetype(m_ring.size()) < MaxSamples) { // still filling
        std::rotate(m_ring.begin(), m_ring.begin() + m_head, m_ring.end());
        m_head = 0;
        m_ring.push_back(sample);
        ++m_count;
    } else { // full: the oldest makes room
        m_ring[size_t(m_head)] = sample;
        m_head = (m_head + 1) % MaxSamples;
    }
    // A day at most, whatever the rate.
    while (m_count > 1 && stored(0).ms < sample.ms - KeptMs) {
        m_head = (m_head + 1) % qsizetype(m_ring.size());
        --m_count;
    }
    if (!m_paused)
        refresh();
}

QList<LagChart::Sample> LagChart::samples() const
{
    QList<Sample> list;
    list.reserve(m_count);
    for (qsizetype i = 0; i < m_count; ++i) {
        const Stored &s = stored(i);
        list << Sample{QDateTime::fromMSecsSinceEpoch(s.ms), s.bytes, s.seconds};
    }
    return list;
}

void LagChart::setWindow(int seconds)
{
    m_windowSeconds = std::max(10, seconds);
    refresh();
}

void LagChart::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        refresh();
}

void LagChart::clear()
{
    m_ring.clear();
    m_head = 0;
    m_count = 0;
    refresh();
}

int LagChart::shownPoints() const
{
    return int(m_bytes->count());
}

QList<QPointF> LagChart::shownBytes() const
{
    return m_bytes->points();
}

void LagChart::refresh()
{
    const qint64 end = m_count > 0 ? stored(m_count - 1).ms : QDateTime::currentMSecsSinceEpoch();
    // The window, or less while there is less to show (at least a minute).
    qint64 start = end - qint64(m_windowSeconds) * 1000;
    if (m_count > 0 && stored(0).ms > start)
        start = std::min(stored(0).ms, end - 60000);
    // Samples arrive in time order: the window is a tail found by binary search.
    qsizetype lo = 0;
    qsizetype hi = m_count;
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (stored(mid).ms < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    // One point per time slice when the window holds more than MaxShownPoints: the slice's
    // largest lag, at its last sample's time.
    const qsizetype inWindow = m_count - lo;
    const qint64 slice = inWindow > MaxShownPoints ? std::max<qint64>(1, (end - start) / MaxShownPoints + 1) : 0;
    QList<QPointF> bytes;
    QList<QPointF> seconds;
    bytes.reserve(std::min<qsizetype>(inWindow, MaxShownPoints + 1));
    seconds.reserve(std::min<qsizetype>(inWindow, MaxShownPoints + 1));
    qreal topBytes = 0;
    qreal topSeconds = 0;
    qint64 currentSlice = -1;
    for (qsizetype i = lo; i < m_count; ++i) {
        const Stored &s = stored(i);
        const qreal x = qreal(s.ms);
        const bool sameSlice = slice > 0 && (s.ms - start) / slice == currentSlice;
        currentSlice = slice > 0 ? (s.ms - start) / slice : -1;
        const auto add = [sameSlice, x](QList<QPointF> &series, qreal y) {
            if (sameSlice && !series.isEmpty())
                series.last() = QPointF(x, std::max(series.last().y(), y));
            else
                series << QPointF(x, y);
        };
        if (s.bytes >= 0) {
            add(bytes, qreal(s.bytes) / 1024.0);
            topBytes = std::max(topBytes, qreal(s.bytes) / 1024.0);
        }
        if (s.seconds >= 0) {
            add(seconds, s.seconds);
            topSeconds = std::max(topSeconds, qreal(s.seconds));
        }
    }
    m_bytes->replace(bytes);
    m_seconds->replace(seconds);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(start), QDateTime::fromMSecsSinceEpoch(end));
    // Round ticks; at least 10 KiB and 1 s tall, so tiny lags do not repeat a rounded label.
    m_bytesAxis->setRange(0, std::max(topBytes * 1.1, 10.0));
    m_bytesAxis->applyNiceNumbers();
    m_secondsAxis->setRange(0, std::max(topSeconds * 1.1, 1.0));
    m_secondsAxis->applyNiceNumbers();
}

QString LagChart::toCsv() const
{
    QStringList lines{QStringLiteral("time,lag_bytes,lag_seconds")};
    for (qsizetype i = 0; i < m_count; ++i) {
        const Stored &s = stored(i);
        lines << QStringLiteral("%1,%2,%3")
                     .arg(QDateTime::fromMSecsSinceEpoch(s.ms, Qt::UTC).toString(Qt::ISODateWithMs),
                          s.bytes >= 0 ? QString::number(s.bytes) : QString(),
                          s.seconds >= 0 ? QString::number(s.seconds, 'f', 3) : QString());
    }
    return lines.join(u'\n') + u'\n';
}

bool LagChart::exportCsv(const QString &path, QString *error) const
{
    return writeTextFile(path, toCsv(), error);
}

bool LagChart::exportPng(const QString &path) const
{
    return m_view->grab().save(path, "PNG");
}

QByteArray LagChart::toPng() const
{
    return widgetPng(m_view);
}

} // namespace pgshift::widgets
