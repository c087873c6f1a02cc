#include "widgets/lagchart.h"

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
    m_samples.append({at, bytes, seconds});
    // Bounded: a day of samples at most, whatever the rate.
    const QDateTime oldest = at.addMSecs(-KeptMs);
    qsizetype drop = 0;
    while (drop < m_samples.size() && (m_samples.size() - drop > MaxSamples || m_samples[drop].at < oldest))
        ++drop;
    if (drop > 0)
        m_samples.remove(0, drop);
    if (!m_paused)
        refresh();
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
    m_samples.clear();
    refresh();
}

int LagChart::shownPoints() const
{
    return int(m_bytes->count());
}

void LagChart::refresh()
{
    QList<QPointF> bytes;
    QList<QPointF> seconds;
    const QDateTime end = m_samples.isEmpty() ? QDateTime::currentDateTime() : m_samples.last().at;
    // The window, or less while there is less to show (at least a minute).
    QDateTime start = end.addSecs(-m_windowSeconds);
    if (!m_samples.isEmpty() && m_samples.first().at > start)
        start = std::min(m_samples.first().at, end.addSecs(-60));
    qreal topBytes = 0;
    qreal topSeconds = 0;
    for (const Sample &s : std::as_const(m_samples)) {
        if (s.at < start)
            continue;
        const qreal x = qreal(s.at.toMSecsSinceEpoch());
        if (s.bytes >= 0) {
            bytes << QPointF(x, qreal(s.bytes) / 1024.0);
            topBytes = std::max(topBytes, qreal(s.bytes) / 1024.0);
        }
        if (s.seconds >= 0) {
            seconds << QPointF(x, s.seconds);
            topSeconds = std::max(topSeconds, qreal(s.seconds));
        }
    }
    m_bytes->replace(bytes);
    m_seconds->replace(seconds);
    m_time->setRange(start, end);
    // Round ticks; at least 10 KiB and 1 s tall, so tiny lags do not repeat a rounded label.
    m_bytesAxis->setRange(0, std::max(topBytes * 1.1, 10.0));
    m_bytesAxis->applyNiceNumbers();
    m_secondsAxis->setRange(0, std::max(topSeconds * 1.1, 1.0));
    m_secondsAxis->applyNiceNumbers();
}

QString LagChart::toCsv() const
{
    QStringList lines{QStringLiteral("time,lag_bytes,lag_seconds")};
    for (const Sample &s : m_samples)
        lines << QStringLiteral("%1,%2,%3")
                     .arg(s.at.toUTC().toString(Qt::ISODateWithMs), s.bytes >= 0 ? QString::number(s.bytes) : QString(),
                          s.seconds >= 0 ? QString::number(s.seconds, 'f', 3) : QString());
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

} // namespace pgshift::widgets
