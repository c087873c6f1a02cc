#include "core/sandbox/sandbox.h"

#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/sandbox/localserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <chrono>
#include <signal.h>
#include <unistd.h>

namespace pgshift::core {
namespace {

const QString StateFile = QStringLiteral("sandbox.json");
const QString ConnectionsFile = QStringLiteral("connections.env");

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

bool writePrivate(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return file.write(bytes) == bytes.size() && file.commit();
}

// "postgresql://postgres:pw@127.0.0.1:port/shop?sslmode=disable" for both, quoted for a shell.
QByteArray connectionsText(const ConnectionSettings &source, const ConnectionSettings &target)
{
    return QStringLiteral("# pgshift sandbox: throwaway servers on this computer; source it in a shell.\n"
                          "export PGSHIFT_SOURCE='%1'\nexport PGSHIFT_TARGET='%2'\n")
        .arg(source.toUri(ConnectionSettings::Password::Include), target.toUri(ConnectionSettings::Password::Include))
        .toUtf8();
}

ConnectionSettings readUri(const QString &line)
{
    QString uri = line.section(u'=', 1);
    if (uri.startsWith(u'\'') && uri.endsWith(u'\''))
        uri = uri.mid(1, uri.size() - 2);
    QString error;
    return ConnectionSettings::parse(uri, &error).value_or(ConnectionSettings());
}

std::optional<Sandbox::Info> load(const QString &directory)
{
    QFile state(QDir(directory).filePath(StateFile));
    if (!state.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(state.readAll()).object();
    Sandbox::Info info;
    info.directory = directory;
    info.persistent = o.value(QStringLiteral("persistent")).toBool();
    info.ownerPid = qint64(o.value(QStringLiteral("owner_pid")).toDouble());
    info.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODate);
    QFile connections(info.connectionsFile());
    if (connections.open(QIODevice::ReadOnly)) {
        for (QString line : QString::fromUtf8(connections.readAll()).split(u'\n')) {
            line.remove(QRegularExpression(QStringLiteral("^export ")));
            if (line.startsWith(QStringLiteral("PGSHIFT_SOURCE=")))
                info.source = readUri(line);
            else if (line.startsWith(QStringLiteral("PGSHIFT_TARGET=")))
                info.target = readUri(line);
        }
    }
    for (const QString &dir : QDir(directory).entryList({QStringLiteral("source-*"), QStringLiteral("target-*")}, QDir::Dirs)) {
        const bool running = LocalServer::adopt(QDir(directory).filePath(dir)).isRunning();
        (dir.startsWith(QStringLiteral("source")) ? info.sourceRunning : info.targetRunning) = running;
    }
    return info;
}

} // namespace

QString Sandbox::Info::connectionsFile() const
{
    return QDir(directory).filePath(ConnectionsFile);
}

QString Sandbox::root()
{
    const QString dir = qEnvironmentVariable("PGSHIFT_SANDBOX_DIR");
    return dir.isEmpty() ? QDir::temp().filePath(QStringLiteral("pgshift-sandbox-%1").arg(::getuid())) : dir;
}

std::optional<Sandbox::Info> Sandbox::start(bool persistent, QString *error, const std::function<void(const QString &)> &progress)
{
    const auto say = [&](const QString &text) {
        logger()->info("sandbox: {}", text.toStdString());
        if (progress)
            progress(text);
    };
    removeStale();
    if (!QDir().mkpath(root())) {
        *error = tr("Cannot create %1.").arg(root());
        return std::nullopt;
    }
    QFile::setPermissions(root(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                      | QFile::ReadOther | QFile::ExeOther);
    QByteArray pattern = QFile::encodeName(QDir(root()).filePath(QStringLiteral("sandbox-XXXXXX")));
    if (!::mkdtemp(pattern.data())) {
        *error = tr("Cannot create a directory in %1.").arg(root());
        return std::nullopt;
    }
    Info info;
    info.directory = QFile::decodeName(pattern);
    info.persistent = persistent;
    info.ownerPid = QCoreApplication::applicationPid();
    info.created = QDateTime::currentDateTimeUtc();
    // The owner is written first, so a crash from here on leaves something removeStale() finds.
    const QJsonObject state{{QStringLiteral("persistent"), persistent},
                            {QStringLiteral("owner_pid"), double(info.ownerPid)},
                            {QStringLiteral("created"), info.created.toString(Qt::ISODate)}};
    if (!writePrivate(QDir(info.directory).filePath(StateFile), QJsonDocument(state).toJson())) {
        *error = tr("Cannot write in %1.").arg(info.directory);
        QDir(info.directory).removeRecursively();
        return std::nullopt;
    }
    QFile::setPermissions(info.directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                              | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    const auto failed = [&](const QString &why) {
        *error = why;
        QString ignored;
        stop(info.directory, &ignored);
        return std::nullopt;
    };
    LocalServer::Options options;
    options.parentDir = info.directory;
    options.prefix = QStringLiteral("source");
    LocalServer source(options);
    say(tr("Starting the source server…"));
    if (!source.start())
        return failed(tr("The source server did not start: %1").arg(source.error()));
    options.prefix = QStringLiteral("target");
    options.walLevel = QStringLiteral("replica");
    LocalServer target(options);
    say(tr("Starting the target server…"));
    if (!target.start())
        return failed(tr("The target server did not start: %1").arg(target.error()));
    try {
        Connection(source.settings()).exec(QStringLiteral("CREATE DATABASE %1").arg(QString::fromLatin1(Database)));
        Connection(target.settings()).exec(QStringLiteral("CREATE DATABASE %1").arg(QString::fromLatin1(Database)));
        say(tr("Creating the sample shop on the source…"));
        Connection shop(source.settings(QString::fromLatin1(Database)));
        createSampleData(shop);
    } catch (const PgError &e) {
        return failed(tr("The sample data could not be created: %1").arg(e.message()));
    }
    info.source = source.settings(QString::fromLatin1(Database));
    info.target = target.settings(QString::fromLatin1(Database));
    info.sourceRunning = info.targetRunning = true;
    if (!writePrivate(info.connectionsFile(), connectionsText(info.source, info.target)))
        return failed(tr("Cannot write %1.").arg(info.connectionsFile()));
    say(tr("Sandbox ready in %1.").arg(info.directory));
    return info;
}

QList<Sandbox::Info> Sandbox::list()
{
    QList<Info> found;
    const QDir dir(root());
    for (const QString &entry : dir.entryList({QStringLiteral("sandbox-*")}, QDir::Dirs, QDir::Time)) {
        if (auto info = load(dir.filePath(entry)))
            found << *info;
    }
    return found;
}

bool Sandbox::stop(const QString &directory, QString *error)
{
    if (!QFile::exists(QDir(directory).filePath(StateFile))) {
        *error = tr("%1 is not a pgshift sandbox.").arg(directory);
        return false;
    }
    for (const QString &dir : QDir(directory).entryList({QStringLiteral("source-*"), QStringLiteral("target-*")}, QDir::Dirs)) {
        LocalServer server = LocalServer::adopt(QDir(directory).filePath(dir));
        server.stop();
    }
    if (!QDir(directory).removeRecursively()) {
        *error = tr("Could not delete all of %1.").arg(directory);
        return false;
    }
    logger()->info("sandbox: {} stopped and deleted", directory.toStdString());
    return true;
}

int Sandbox::removeStale()
{
    int removed = 0;
    for (const Info &info : list()) {
        if (info.persistent || processAlive(info.ownerPid))
            continue;
        QString error;
        if (stop(info.directory, &error))
            ++removed;
        else
            logger()->warn("sandbox: {}", error.toStdString());
    }
    return removed;
}

SandboxWorkload::SandboxWorkload(const ConnectionSettings &source)
    : m_source(source)
{
}

SandboxWorkload::~SandboxWorkload()
{
    stop();
}

void SandboxWorkload::start(double perSecond)
{
    if (m_thread.joinable())
        return;
    m_rate = perSecond;
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void SandboxWorkload::setRate(double perSecond)
{
    m_rate = perSecond;
}

void SandboxWorkload::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

SandboxWorkload::Counts SandboxWorkload::counts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void SandboxWorkload::run()
{
    QRandomGenerator random(quint32(QCoreApplication::applicationPid()));
    const auto pause = [this](double seconds) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (!m_stop && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    };
    // Named, so a write block's list of ended sessions tells it from pgshift's own.
    ConnectionSettings settings = m_source;
    settings.setValue(QStringLiteral("application_name"), QStringLiteral("sandbox shop"));
    while (!m_stop) {
        try {
            Connection c(settings);
            while (!m_stop) {
                const int pick = random.bounded(100);
                qint64 *counter = nullptr;
                if (pick < 50) {
                    // A new order with two lines and its payment, as one transaction.
                    c.exec(QStringLiteral("BEGIN"));
                    const qint64 order = c.exec(QStringLiteral("INSERT INTO public.orders (customer_id, status) VALUES ($1, 'paid') RETURNING id"),
                                                {QString::number(1 + random.bounded(5000))})
                                             .toInt64(0, 0);
                    c.exec(QStringLiteral("INSERT INTO public.order_lines (order_id, line_no, product_id, quantity, price)"
                                          " SELECT $1, l, p.id, l, p.price FROM generate_series(1, 2) l"
                                          " JOIN public.products p ON p.id = 1 + ($1::bigint * 7 + l) % 500"),
                           {QString::number(order)});
                    c.exec(QStringLiteral("UPDATE public.orders SET total = (SELECT sum(quantity * price) FROM public.order_lines WHERE order_id = $1)"
                                          " WHERE id = $1"),
                           {QString::number(order)});
                    c.exec(QStringLiteral("INSERT INTO public.payments (order_id, paid_at, amount, method)"
                                          " SELECT id, now(), total, 'card' FROM public.orders WHERE id = $1"),
                           {QString::number(order)});
                    c.exec(QStringLiteral("COMMIT"));
                    counter = &m_counts.inserted;
                } else if (pick < 80) {
                    c.exec(QStringLiteral("UPDATE public.orders SET status = 'shipped' WHERE id = (SELECT max(id) - $1 FROM public.orders)"),
                           {QString::number(random.bounded(1000))});
                    counter = &m_counts.updated;
                } else if (pick < 90) {
                    c.exec(QStringLiteral("DELETE FROM public.order_lines WHERE (order_id, line_no) IN"
                                          " (SELECT order_id, line_no FROM public.order_lines WHERE line_no = 2 ORDER BY order_id LIMIT 1)"));
                    counter = &m_counts.deleted;
                } else {
                    c.exec(QStringLiteral("INSERT INTO public.audit_log (who, what) VALUES ('app', 'stock checked')"));
                    counter = &m_counts.inserted;
                }
                {
                    std::lock_guard lock(m_mutex);
                    ++*counter;
                }
                pause(1.0 / std::max(0.1, m_rate.load()));
            }
        } catch (const PgError &e) {
            {
                std::lock_guard lock(m_mutex);
                ++m_counts.refused;
                m_counts.lastError = e.message();
            }
            pause(1.0); // ended or read-only (a cutover): try again, as an application would
        }
    }
}

} // namespace pgshift::core
