#include "core/replication/replicationstate.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace pgshift::core {
namespace {

QJsonObject endpoint(const ConnectionSettings &settings)
{
    return QJsonObject{{QStringLiteral("conninfo"), settings.toKeywordValue(ConnectionSettings::Password::Omit)}};
}

ConnectionSettings endpointFrom(const QJsonValue &value)
{
    return ConnectionSettings::parse(value.toObject().value(QStringLiteral("conninfo")).toString()).value_or(ConnectionSettings());
}

} // namespace

ReplicationState ReplicationState::from(const ReplicationOptions &options, const QString &phase)
{
    ReplicationState state;
    state.names = options.names;
    state.source = options.copy.source;
    state.source.setPassword(QString());
    state.target = options.copy.target;
    state.target.setPassword(QString());
    state.scope = options.copy.scope;
    state.deferSecondaryIndexes = options.deferSecondaryIndexes;
    state.phase = phase;
    state.startedAt = QDateTime::currentDateTimeUtc();
    return state;
}

ReplicationOptions ReplicationState::options() const
{
    ReplicationOptions o;
    o.names = names;
    o.copy.source = source;
    o.copy.target = target;
    o.copy.scope = scope;
    o.deferSecondaryIndexes = deferSecondaryIndexes;
    return o;
}

QString ReplicationState::path(const QString &dir)
{
    QString base = dir;
    if (base.isEmpty())
        base = qEnvironmentVariable("PGSHIFT_STATE_DIR");
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(base).filePath(QStringLiteral("replication.json"));
}

bool ReplicationState::save(const QString &dir, QString *error) const
{
    QJsonArray tables;
    for (const CopyScope::Table &t : scope.tables)
        tables.append(QJsonArray{t.schema, t.name});
    const QJsonObject json{
        {QStringLiteral("publication"), names.publication},
        {QStringLiteral("subscription"), names.subscription},
        {QStringLiteral("slot"), names.slot},
        {QStringLiteral("source"), endpoint(source)},
        {QStringLiteral("target"), endpoint(target)},
        {QStringLiteral("schemas"), QJsonArray::fromStringList(scope.schemas)},
        {QStringLiteral("tables"), tables},
        {QStringLiteral("defer_secondary_indexes"), deferSecondaryIndexes},
        {QStringLiteral("phase"), phase},
        {QStringLiteral("started_at"), startedAt.toString(Qt::ISODate)},
    };
    const QString file = path(dir);
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(json).toJson()) < 0 || !out.commit()) {
        if (error)
            *error = out.errorString();
        return false;
    }
    return true;
}

std::optional<ReplicationState> ReplicationState::load(const QString &dir, QString *error)
{
    QFile in(path(dir));
    if (!in.exists())
        return std::nullopt;
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = in.errorString();
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonObject json = QJsonDocument::fromJson(in.readAll(), &parse).object();
    if (parse.error != QJsonParseError::NoError) {
        if (error)
            *error = LogicalReplication::tr("%1 is not valid JSON (%2 at offset %3)").arg(path(dir), parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    ReplicationState state;
    state.names.publication = json.value(QStringLiteral("publication")).toString();
    state.names.subscription = json.value(QStringLiteral("subscription")).toString();
    state.names.slot = json.value(QStringLiteral("slot")).toString();
    state.source = endpointFrom(json.value(QStringLiteral("source")));
    state.target = endpointFrom(json.value(QStringLiteral("target")));
    for (const QJsonValue &s : json.value(QStringLiteral("schemas")).toArray())
        state.scope.schemas << s.toString();
    for (const QJsonValue &t : json.value(QStringLiteral("tables")).toArray())
        state.scope.tables << CopyScope::Table{t.toArray().at(0).toString(), t.toArray().at(1).toString()};
    state.deferSecondaryIndexes = json.value(QStringLiteral("defer_secondary_indexes")).toBool(true);
    state.phase = json.value(QStringLiteral("phase")).toString();
    state.startedAt = QDateTime::fromString(json.value(QStringLiteral("started_at")).toString(), Qt::ISODate);
    if (state.names.problem() || state.source.toKeywordValue().isEmpty()
        || state.target.toKeywordValue().isEmpty()) {
        if (error)
            *error = LogicalReplication::tr("The saved replication state in %1 is incomplete.").arg(path(dir));
        return std::nullopt;
    }
    return state;
}

bool ReplicationState::clear(const QString &dir)
{
    const QString file = path(dir);
    return !QFile::exists(file) || QFile::remove(file);
}

} // namespace pgshift::core
