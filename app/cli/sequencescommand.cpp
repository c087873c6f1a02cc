#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"

#include "core/cutover/sequencesync.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <QCommandLineParser>
#include <QThread>

#include <cstdio>

namespace pgshift::app {
namespace {

// `pgshift sequences`: the setval statements that put every target sequence ahead of its
// source, printed as a script; with --apply, run on the target and verified.
class SequencesCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::SequencesCommand)
public:
    static int run(const QStringList &arguments);

private:
    static constexpr int RateSampleSeconds = 5;
    static int usage(const QString &message) { return usageError("sequences", message); }
};

int SequencesCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The setval() statements that move every sequence of the target past its source, read from the "
           "source's pg_sequences (nextval() is never called there). A sequence moves a margin of increments "
           "ahead (down for descending ones), never past its MINVALUE/MAXVALUE; never-used ones stay at their "
           "start. Prints the script; --apply runs it on the target in one transaction and checks that every "
           "target sequence is ahead.\n"
           "Exit status: 0 done (and, with --apply, every sequence ahead), 1 failed, 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption margin(QStringLiteral("margin"), tr("Increments ahead of the source (default %1).")
                                                                  .arg(core::SequenceSync::DefaultMargin),
                                    QStringLiteral("N"));
    const QCommandLineOption rateWindow(QStringLiteral("rate-window"),
                                        tr("Instead of --margin: read the sequences twice %1 s apart and allow for "
                                           "SECONDS of cutover at the fastest rate seen, three times over.")
                                            .arg(RateSampleSeconds),
                                        QStringLiteral("SECONDS"));
    const QCommandLineOption apply(QStringLiteral("apply"), tr("Run the statements on the target, then verify."));
    const QCommandLineOption schema(QStringLiteral("schema"), tr("Only this schema's sequences (repeatable)."), QStringLiteral("S"));
    const QCommandLineOption table(QStringLiteral("table"), tr("Only the sequences this table owns (repeatable)."), QStringLiteral("T"));
    parser.addOptions({help, margin, rateWindow, apply, schema, table,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "sequences", arguments))
        return *done;
    if (parser.isSet(margin) && parser.isSet(rateWindow))
        return usage(tr("give --margin or --rate-window, not both"));
    bool ok = true;
    qint64 marginValue = core::SequenceSync::DefaultMargin;
    if (parser.isSet(margin)) {
        marginValue = parser.value(margin).toLongLong(&ok);
        if (!ok || marginValue < 0)
            return usage(tr("--margin must be a whole number of increments, 0 or more, not '%1'").arg(parser.value(margin)));
    }
    int windowSeconds = 0;
    if (parser.isSet(rateWindow)) {
        windowSeconds = parser.value(rateWindow).toInt(&ok);
        if (!ok || windowSeconds < 1 || windowSeconds > 86400)
            return usage(tr("--rate-window must be a number of seconds from 1 to 86400, not '%1'").arg(parser.value(rateWindow)));
    }
    QString error;
    const auto scope = core::CopyScope::parse(parser.values(schema), parser.values(table), &error);
    if (!scope)
        return usage(error);
    const auto source = ConnectionOptions::resolve(parser, ConnectionOptions::Endpoint::Source, &error, stderr);
    if (!error.isEmpty() || !source)
        return usage(error.isEmpty() ? tr("give --source (or set PGSHIFT_SOURCE)") : error);
    const auto target = ConnectionOptions::resolve(parser, ConnectionOptions::Endpoint::Target, &error, stderr);
    if (!error.isEmpty())
        return usage(error);
    if (parser.isSet(apply) && !target)
        return usage(tr("--apply needs --target (or PGSHIFT_TARGET)"));

    try {
        const core::ConnectionTestResult tested = ConnectionOptions::test(*source, ConnectionOptions::Endpoint::Source);
        if (!tested.ok())
            throw *tested.error;
        core::Connection src(tested.settings);
        QList<core::SequenceInfo> sequences = core::SequenceSync::read(src, *scope);
        if (windowSeconds > 0) {
            std::fprintf(stderr, "%s\n", qPrintable(tr("Reading the sequences again in %1 s to measure their rate…").arg(RateSampleSeconds)));
            QThread::sleep(RateSampleSeconds);
            const QList<core::SequenceInfo> later = core::SequenceSync::read(src, *scope);
            marginValue = core::SequenceSync::marginFromRate(sequences, later, RateSampleSeconds, windowSeconds);
            sequences = later;
        }
        QList<core::SequencePlan> plans = core::SequenceSync::plan(sequences, marginValue);
        std::printf("-- %s\n", qPrintable(tr("%n sequence(s) of %1, margin %2 increments", nullptr, int(sequences.size()))
                                               .arg(source->redacted())
                                               .arg(marginValue)));
        if (!parser.isSet(apply)) {
            std::fputs(qPrintable(core::SequenceSync::script(plans)), stdout);
            return ExitOk;
        }
        const core::ConnectionTestResult testedTarget = ConnectionOptions::test(*target, ConnectionOptions::Endpoint::Target);
        if (!testedTarget.ok())
            throw *testedTarget.error;
        core::Connection tgt(testedTarget.settings);
        const int set = core::SequenceSync::apply(tgt, plans);
        std::fputs(qPrintable(core::SequenceSync::script(plans)), stdout);
        std::printf("%s\n", qPrintable(tr("Set %n sequence(s) on the target.", nullptr, set)));
        const QStringList behind = core::SequenceSync::behind(src, tgt, *scope);
        for (const QString &line : behind)
            std::fprintf(stderr, "  %s\n", qPrintable(line));
        if (!behind.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(tr("%n target sequence(s) are not ahead of the source.", nullptr, int(behind.size()))));
            return ExitFailed;
        }
        std::printf("%s\n", qPrintable(tr("Verified: every target sequence is ahead of its source.")));
        return ExitOk;
    } catch (const core::PgError &e) {
        const QString plain = e.explanation();
        std::fprintf(stderr, "pgshift sequences: %s\n", qPrintable(plain.isEmpty() ? e.message() : plain + u'\n' + e.message()));
        return ExitFailed;
    }
}

} // namespace

int runSequences(const QStringList &arguments)
{
    return SequencesCommand::run(arguments);
}

} // namespace pgshift::app
