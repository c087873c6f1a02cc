#include "core/dms/dmsplan.h"

#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/migration/copyrun.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace pgshift::core {
namespace {

// A word for the shell: single-quoted, a quote inside closed, escaped and reopened.
QString shellWord(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// libpq's sslmode in DMS's words; prefer and allow may end up unencrypted in libpq, DMS
// is told to require encryption.
QString dmsSslMode(const QString &sslmode)
{
    if (sslmode == QLatin1String("disable"))
        return QStringLiteral("none");
    if (sslmode == QLatin1String("verify-ca") || sslmode == QLatin1String("verify-full"))
        return sslmode;
    return QStringLiteral("require");
}

QJsonObject logComponent(const char *id)
{
    return {{QStringLiteral("Id"), QString::fromLatin1(id)},
            {QStringLiteral("Severity"), QStringLiteral("LOGGER_SEVERITY_DEFAULT")}};
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = DmsPlan::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

std::optional<QString> DmsSettings::problem() const
{
    // DMS identifiers: letters, digits and hyphens, a letter first, no "--", no "-" last.
    static const QRegularExpression taskPattern(
        QStringLiteral("^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*(?<!-)$"));
    static const QRegularExpression slotPattern(QStringLiteral("^[a-z0-9_]{1,63}$"));
    if (taskId.size() > 255 || !taskPattern.match(taskId).hasMatch())
        return DmsPlan::tr("The task identifier '%1' is not one DMS accepts: letters, digits and "
                           "single hyphens, starting "
                           "with a letter and not ending with a hyphen.")
            .arg(taskId);
    if (changeCapture && !slotPattern.match(slotName).hasMatch())
        return DmsPlan::tr("The slot name '%1' is not a PostgreSQL replication slot name: "
                           "lower-case letters, digits and "
                           "underscores, at most 63.")
            .arg(slotName);
    if (maxFullLoadSubTasks < 1 || maxFullLoadSubTasks > 49)
        return DmsPlan::tr("DMS loads 1 to 49 tables at a time, not %1.").arg(maxFullLoadSubTasks);
    if (lobChunkKb < 1 || lobMaxSizeKb < 1 || commitRate < 1)
        return DmsPlan::tr("LOB sizes and the commit rate must be 1 or more.");
    return std::nullopt;
}

QJsonObject DmsPlan::taskSettings(const DmsSettings &s)
{
    const bool full = s.lobs == DmsSettings::Lobs::Full;
    const QJsonObject target {{QStringLiteral("TargetSchema"), QString()},
                              {QStringLiteral("SupportLobs"), true},
                              {QStringLiteral("FullLobMode"), full},
                              {QStringLiteral("LobChunkSize"), s.lobChunkKb},
                              {QStringLiteral("LimitedSizeLobMode"), !full},
                              {QStringLiteral("LobMaxSize"), full ? 0 : s.lobMaxSizeKb},
                              {QStringLiteral("InlineLobMaxSize"), full ? 32 : 0},
                              {QStringLiteral("BatchApplyEnabled"), s.batchApply},
                              {QStringLiteral("TaskRecoveryTableEnabled"), false}};
    const QJsonObject fullLoad {{QStringLiteral("TargetTablePrepMode"),
                                 QStringLiteral("DO_NOTHING")}, // pgshift made the schema
                                {QStringLiteral("CreatePkAfterFullLoad"), false},
                                {QStringLiteral("StopTaskCachedChangesApplied"), false},
                                {QStringLiteral("MaxFullLoadSubTasks"), s.maxFullLoadSubTasks},
                                {QStringLiteral("TransactionConsistencyTimeout"), 600},
                                {QStringLiteral("CommitRate"), s.commitRate},
                                {QStringLiteral("FullLoadIgnoreConflicts"), true}};
    const QJsonObject validation {{QStringLiteral("EnableValidation"), s.validation},
                                  {QStringLiteral("ValidationMode"), QStringLiteral("ROW_LEVEL")},
                                  {QStringLiteral("ThreadCount"), 5},
                                  {QStringLiteral("FailureMaxCount"), 10000},
                                  {QStringLiteral("TableFailureMaxCount"), 1000}};
    const QJsonObject tuning {{QStringLiteral("StatementCacheSize"), 50},
                              {QStringLiteral("CommitTimeout"), 5},
                              {QStringLiteral("BatchApplyPreserveTransaction"), true},
                              {QStringLiteral("BatchApplyTimeoutMin"), 1},
                              {QStringLiteral("BatchApplyTimeoutMax"), 30},
                              {QStringLiteral("MinTransactionSize"), 5000},
                              {QStringLiteral("MemoryKeepTime"), 60},
                              {QStringLiteral("BatchApplyMemoryLimit"), 1000},
                              {QStringLiteral("MemoryLimitTotal"), 2048}};
    QJsonArray components;
    for (const char *id :
         {"TRANSFORMATION", "SOURCE_UNLOAD", "TARGET_LOAD", "SOURCE_CAPTURE", "TARGET_APPLY"})
        components << logComponent(id);
    const QJsonObject control {{QStringLiteral("historyTimeslotInMinutes"), 5},
                               {QStringLiteral("ControlSchema"), QString()},
                               {QStringLiteral("HistoryTableEnabled"), false},
                               {QStringLiteral("SuspendedTablesTableEnabled"), false},
                               {QStringLiteral("StatusTableEnabled"), false},
                               {QStringLiteral("FullLoadExceptionTableEnabled"), false}};
    return {{QStringLiteral("TargetMetadata"), target},
            {QStringLiteral("FullLoadSettings"), fullLoad},
            {QStringLiteral("ValidationSettings"), validation},
            {QStringLiteral("ChangeProcessingTuning"), tuning},
            {QStringLiteral("Logging"),
             QJsonObject {{QStringLiteral("EnableLogging"), true},
                          {QStringLiteral("LogComponents"), components}}},
            {QStringLiteral("ControlTablesSettings"), control}};
}

QString DmsPlan::literalPattern(const QString &name)
{
    QString pattern;
    pattern.reserve(name.size());
    for (const QChar c : name) {
        if (c == u'%' || c == u'_' || c == u'[')
            pattern += u'[' + QString(c) + u']';
        else
            pattern += c;
    }
    return pattern;
}

QJsonObject DmsPlan::tableMapping(const QList<DmsTable> &tables)
{
    QJsonArray rules;
    int id = 0;
    for (const DmsTable &t : tables) {
        ++id;
        rules << QJsonObject {
            {QStringLiteral("rule-type"), QStringLiteral("selection")},
            {QStringLiteral("rule-id"), QString::number(id)},
            {QStringLiteral("rule-name"), QString::number(id)},
            {QStringLiteral("object-locator"),
             QJsonObject {{QStringLiteral("schema-name"), literalPattern(t.schema)},
                          {QStringLiteral("table-name"), literalPattern(t.name)}}},
            {QStringLiteral("rule-action"), QStringLiteral("include")},
            {QStringLiteral("filters"), QJsonArray()}};
    }
    return {{QStringLiteral("rules"), rules}};
}

QString DmsPlan::sourceEndpointAttributes(const DmsSettings &s)
{
    QStringList attributes {QStringLiteral("pluginName=test_decoding")};
    if (s.changeCapture)
        attributes << QStringLiteral("slotName=") + s.slotName;
    attributes << QStringLiteral("captureDDLs=false") << QStringLiteral("maxFileSize=32768");
    return attributes.join(u';');
}

QString DmsPlan::targetEndpointAttributes()
{
    return QStringLiteral("afterConnectScript=SET session_replication_role='replica'");
}

QString DmsPlan::awsCommands(const DmsPlanOptions &o)
{
    const DmsSettings &s = o.settings;
    const auto endpoint = [&](const QString &kind, const ConnectionSettings &c,
                              const QString &passwordVariable, const QString &attributes) {
        QStringList lines {
            QStringLiteral("aws dms create-endpoint --endpoint-identifier %1 --endpoint-type %2 "
                           "--engine-name postgres \\")
                .arg(shellWord(s.taskId + u'-' + kind), kind),
            QStringLiteral("    --server-name %1 --port %2 --database-name %3 --username %4 \\")
                .arg(shellWord(c.host().isEmpty() ? QStringLiteral("<%1 host>").arg(kind)
                                                  : c.host()),
                     c.port().isEmpty() ? QStringLiteral("5432") : c.port(), shellWord(c.dbname()),
                     shellWord(c.user())),
            QStringLiteral("    --password \"$%1\" --ssl-mode %2 \\")
                .arg(passwordVariable, dmsSslMode(c.sslmode())),
            QStringLiteral("    --extra-connection-attributes %1").arg(shellWord(attributes))};
        return lines.join(u'\n');
    };
    const QString task = shellWord(s.taskId);
    QStringList out {
        QStringLiteral(
            "# AWS DMS commands for task %1, written by pgshift. Run them one section at a time,")
            .arg(s.taskId),
        QStringLiteral("# filling in the <...> values first. pgshift never handles AWS "
                       "credentials: the aws CLI"),
        QStringLiteral("# uses your own profile. The target's schema is already in place (foreign "
                       "keys held back)."),
        QString(),
        QStringLiteral("REPLICATION_INSTANCE_ARN='<replication instance ARN>'"),
        QStringLiteral("SOURCE_PASSWORD='<source password>'"),
        QStringLiteral("TARGET_PASSWORD='<target password>'"),
        QString(),
        QStringLiteral("# 1. Endpoints (DMS must reach both hosts from its VPC), then test them."),
        endpoint(QStringLiteral("source"), o.source, QStringLiteral("SOURCE_PASSWORD"),
                 sourceEndpointAttributes(s)),
        endpoint(QStringLiteral("target"), o.target, QStringLiteral("TARGET_PASSWORD"),
                 targetEndpointAttributes()),
        QStringLiteral("SOURCE_ENDPOINT_ARN='<source endpoint ARN from the first command>'"),
        QStringLiteral("TARGET_ENDPOINT_ARN='<target endpoint ARN from the second command>'"),
        QStringLiteral("aws dms test-connection --replication-instance-arn "
                       "\"$REPLICATION_INSTANCE_ARN\" --endpoint-arn \"$SOURCE_ENDPOINT_ARN\""),
        QStringLiteral("aws dms test-connection --replication-instance-arn "
                       "\"$REPLICATION_INSTANCE_ARN\" --endpoint-arn \"$TARGET_ENDPOINT_ARN\""),
        QString(),
        QStringLiteral("# 2. The task, from the two JSON files beside this one, and its start."),
        QStringLiteral("aws dms create-replication-task --replication-task-identifier %1 \\")
            .arg(task),
        QStringLiteral("    --source-endpoint-arn \"$SOURCE_ENDPOINT_ARN\" --target-endpoint-arn "
                       "\"$TARGET_ENDPOINT_ARN\" \\"),
        QStringLiteral(
            "    --replication-instance-arn \"$REPLICATION_INSTANCE_ARN\" --migration-type %1 \\")
            .arg(s.changeCapture ? QStringLiteral("full-load-and-cdc")
                                 : QStringLiteral("full-load")),
        QStringLiteral("    --table-mappings file://table-mappings.json "
                       "--replication-task-settings file://task-settings.json"),
        QStringLiteral("TASK_ARN='<task ARN from the command above>'"),
        QStringLiteral("aws dms start-replication-task --replication-task-arn \"$TASK_ARN\" "
                       "--start-replication-task-type start-replication"),
        QString(),
        QStringLiteral("# 3. While it runs (pgshift shows the row counts and the slot's lag from "
                       "the databases)."),
        QStringLiteral("aws dms describe-replication-tasks --filters "
                       "Name=replication-task-arn,Values=\"$TASK_ARN\" \\"),
        QStringLiteral("    --query "
                       "'ReplicationTasks[0].{Status:Status,Progress:ReplicationTaskStats."
                       "FullLoadProgressPercent}'"),
        QStringLiteral("aws dms describe-table-statistics --replication-task-arn \"$TASK_ARN\""),
        QString(),
        QStringLiteral(
            "# 4. After pgshift dms finish: stop and delete the task and the endpoints (and the"),
        QStringLiteral("#    replication instance, if it was made for this move)."),
        QStringLiteral("aws dms stop-replication-task --replication-task-arn \"$TASK_ARN\""),
        QStringLiteral("aws dms delete-replication-task --replication-task-arn \"$TASK_ARN\""),
        QStringLiteral("aws dms delete-endpoint --endpoint-arn \"$SOURCE_ENDPOINT_ARN\""),
        QStringLiteral("aws dms delete-endpoint --endpoint-arn \"$TARGET_ENDPOINT_ARN\""),
        QStringLiteral("# aws dms delete-replication-instance --replication-instance-arn "
                       "\"$REPLICATION_INSTANCE_ARN\"")};
    // DMS connects from AWS: a loopback or socket address of this computer means nothing there.
    const qsizetype endpoints
        = out.indexOf(QStringLiteral(
              "# 1. Endpoints (DMS must reach both hosts from its VPC), then test them."))
        + 1;
    for (const auto &[kind, c] : {std::pair {QStringLiteral("target"), o.target},
                                  std::pair {QStringLiteral("source"), o.source}}) {
        const QString host = c.host();
        if (host.isEmpty() || host.startsWith(u'/') || host == QLatin1String("localhost")
            || host == QLatin1String("::1") || host.startsWith(QLatin1String("127.")))
            out.insert(endpoints,
                       QStringLiteral("# The %1's host (%2) is this computer's own: put the "
                                      "address DMS reaches it at.")
                           .arg(kind, host.isEmpty() ? QStringLiteral("a local socket") : host));
    }
    if (s.changeCapture)
        out << QStringLiteral("# If slot %1 is still on the source afterwards: SELECT "
                              "pg_catalog.pg_drop_replication_slot('%1');")
                   .arg(s.slotName);
    return out.join(u'\n') + u'\n';
}

QList<DmsTable> DmsPlan::tables(Connection &source, const CopyScope &scope)
{
    const Result r
        = source.exec(QStringLiteral("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                                     "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                     " WHERE c.relkind = 'r' AND %1 AND %2 ORDER BY 1, 2")
                          .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1)),
                      {scope.schemasJson(), scope.tablesJson()});
    QList<DmsTable> list;
    for (int row = 0; row < r.rowCount(); ++row)
        list << DmsTable {r.text(row, 0), r.text(row, 1)};
    return list;
}

bool DmsPlan::writeFiles(const DmsPlanOptions &o, const QList<DmsTable> &tables,
                         const QList<ForeignKey> &heldBack, const QString &folder,
                         QStringList *written, QString *error)
{
    if (!QDir().mkpath(folder)) {
        *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const QDir dir(folder);
    const QList<std::pair<QString, QByteArray>> files {
        {QStringLiteral("task-settings.json"), QJsonDocument(taskSettings(o.settings)).toJson()},
        {QStringLiteral("table-mappings.json"), QJsonDocument(tableMapping(tables)).toJson()},
        {QStringLiteral("source-endpoint.txt"),
         (sourceEndpointAttributes(o.settings) + u'\n').toUtf8()},
        {QStringLiteral("target-endpoint.txt"), (targetEndpointAttributes() + u'\n').toUtf8()},
        {QStringLiteral("aws-commands.sh"), awsCommands(o).toUtf8()},
        {QStringLiteral("held-foreign-keys.sql"),
         (QStringLiteral("-- Foreign keys pgshift held back for the load; pgshift dms finish adds "
                         "them once the data obeys them.\n")
          + ForeignKeys::script(heldBack))
             .toUtf8()}};
    for (const auto &[name, data] : files) {
        if (!writeFile(dir.filePath(name), data, error))
            return false;
        *written << dir.filePath(name);
    }
    return true;
}

DmsPlan::Outcome DmsPlan::prepare(const DmsPlanOptions &o, const QString &folder,
                                  CopyProgressTracker &tracker, Cancellation &cancellation)
{
    Outcome outcome;
    if (const auto problem = o.settings.problem()) {
        outcome.error = *problem;
        return outcome;
    }
    CopyOptions copy;
    copy.source = o.source;
    copy.target = o.target;
    copy.scope = o.scope;
    copy.jobs = o.jobs;
    outcome.schema = CopyRun::perform(
        copy, tracker, cancellation,
        [&](CopyRun &run, CopyReport &) {
            if (!run.prepare(false) || run.cancelled())
                return;
            Connection source(o.source);
            outcome.heldBack = ForeignKeys::read(source, o.scope);
            outcome.tables = tables(source, o.scope);
            if (!run.applyPreData() || run.cancelled())
                return;
            QSet<quint32> held;
            for (const ForeignKey &k : std::as_const(outcome.heldBack))
                held.insert(k.oid);
            run.restorePostData(held);
        },
        QStringLiteral("DMS schema copy"));
    if (outcome.schema.cancelled) {
        outcome.error = tr("Cancelled.");
        return outcome;
    }
    if (!outcome.schema.succeeded()) {
        outcome.error = outcome.schema.failures.join(u'\n');
        return outcome;
    }
    if (!writeFiles(o, outcome.tables, outcome.heldBack, folder, &outcome.files, &outcome.error))
        return outcome;
    logger()->info("dms plan: schema on the target, {} foreign key(s) held back, {} table(s) "
                   "mapped, files in {}",
                   outcome.heldBack.size(), outcome.tables.size(), folder.toStdString());
    return outcome;
}

} // namespace pgshift::core
