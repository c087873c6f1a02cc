#pragma once

#include "core/dms/foreignkeys.h"
#include "core/migration/copyprogress.h"
#include "core/migration/copyscope.h"
#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pgshift::core {

class Cancellation;
class Connection;

// What the user picks for the DMS task; the rest follows the schema-first recipe.
struct DmsSettings
{
    enum class Lobs { Full, Limited };

    QString taskId = QStringLiteral("pgshift-dms");
    QString slotName = QStringLiteral("pgshift_dms"); // DMS's logical slot on the source
    bool changeCapture = true; // full load and ongoing changes
    Lobs lobs = Lobs::Full;
    int lobChunkKb = 64; // full LOB mode: the piece size
    int lobMaxSizeKb = 32; // limited LOB mode: larger values are cut
    int maxFullLoadSubTasks = 8;
    int commitRate = 10000;
    bool validation = true; // row-level validation
    bool batchApply = true;

    // What is wrong with the settings, in words (task id or slot name DMS would refuse, a
    // number out of range); nullopt when fine.
    std::optional<QString> problem() const;
};

struct DmsPlanOptions
{
    ConnectionSettings source;
    ConnectionSettings target;
    CopyScope scope;
    DmsSettings settings;
    int jobs = 2; // pg_restore's for the schema's post-data
};

// One table DMS loads: plain tables and partitions (a partitioned parent holds no rows).
struct DmsTable
{
    QString schema;
    QString name;
};

// The AWS DMS method, schema first: pgshift creates the schema on the target with the
// foreign keys held back (so DMS can load tables in any order) and writes what DMS needs,
// the task settings, the table mapping, the endpoints' extra connection attributes and the
// aws CLI commands with placeholders for what only the user has (ARNs, passwords). It never
// handles AWS credentials.
class DmsPlan final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::DmsPlan)
public:
    // Task settings JSON: TargetTablePrepMode DO_NOTHING (the schema is there), the LOB mode,
    // row-level validation, batch apply, logging of the five components.
    static QJsonObject taskSettings(const DmsSettings &settings);
    // Table mapping JSON: one selection rule per table, names matched literally.
    static QJsonObject tableMapping(const QList<DmsTable> &tables);
    // A name as a table-mapping pattern that matches only itself: DMS reads % and _ as
    // wildcards and [..] as a set, so those characters go inside a set of their own.
    static QString literalPattern(const QString &name);
    // Extra connection attributes: the source's (test_decoding, the slot, no DDL capture)
    // and the target's (no triggers or foreign keys fired by DMS's sessions).
    static QString sourceEndpointAttributes(const DmsSettings &settings);
    static QString targetEndpointAttributes();
    // A shell script of aws CLI commands: endpoints, task, start, status, and the cleanup;
    // ARNs and passwords are placeholders the user fills in.
    static QString awsCommands(const DmsPlanOptions &options);

    // The tables DMS loads, from the source: plain tables and partitions in the scope.
    static QList<DmsTable> tables(Connection &source, const CopyScope &scope);

    struct Outcome
    {
        CopyReport schema; // the schema copy (tables empty, no data)
        QList<ForeignKey> heldBack; // not created: `dms finish` adds them after the load
        QList<DmsTable> tables; // what the mapping selects
        QStringList files; // written to the folder, full paths
        QString error; // set when it failed (the schema copy's failures too)
        bool succeeded() const { return error.isEmpty(); }
    };

    // Creates the schema on the target without its foreign keys, then writes the files into
    // `folder` (created if missing): task-settings.json, table-mappings.json,
    // source-endpoint.txt, target-endpoint.txt, aws-commands.sh, held-foreign-keys.sql.
    static Outcome prepare(const DmsPlanOptions &options, const QString &folder,
                           CopyProgressTracker &tracker, Cancellation &cancellation);
    // Only the files, for a target whose schema is already there (or to preview them).
    static bool writeFiles(const DmsPlanOptions &options, const QList<DmsTable> &tables,
                           const QList<ForeignKey> &heldBack, const QString &folder,
                           QStringList *written, QString *error);
};

} // namespace pgshift::core
