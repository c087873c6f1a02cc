#include "core/pg/connectiontest.h"

#include "core/pg/connection.h"

#include <QElapsedTimer>

#include <algorithm>

namespace pgshift::core {

ConnectionTestResult testConnection(const ConnectionSettings &settings)
{
    ConnectionTestResult result;
    result.settings = settings;
    QElapsedTimer timer;
    timer.start();
    try {
        Connection connection(settings);
        result.connectMs = timer.elapsed();
        double best = -1;
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer trip;
            trip.start();
            connection.exec(QStringLiteral("SELECT 1"));
            const double ms = double(trip.nsecsElapsed()) / 1e6;
            best = best < 0 ? ms : std::min(best, ms);
        }
        result.roundTripMs = best;
        result.facts = readServerFacts(connection);
    } catch (const PgError &error) {
        result.connectMs = timer.elapsed();
        result.error = error;
    }
    return result;
}

} // namespace pgshift::core
