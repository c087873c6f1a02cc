#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "core/checks/preflight.h"
#include "core/checks/reportformat.h"

#include <QCommandLineParser>

#include <cstdio>

namespace pgshift::app {
namespace {

class CheckCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::CheckCommand)
public:
    static int run(const QStringList &arguments);

private:
    static int usage(const QString &message) { return usageError("check", message); }
};

int CheckCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks every prerequisite of a migration and prints the findings with their fixes. "
           "Exit status: 0 no blocker, 1 blockers found, 2 the checks could not run."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption method(QStringLiteral("method"),
                                    tr("dump, logical or dms (default: logical)."),
                                    QStringLiteral("METHOD"), QStringLiteral("logical"));
    const QCommandLineOption format(QStringLiteral("format"), tr("text, json or markdown."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOptions({help, method, format,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "check", arguments))
        return *done;
    const auto chosen = core::methodFromName(parser.value(method));
    if (!chosen)
        return usage(tr("--method must be dump, logical or dms, not '%1'").arg(parser.value(method)));
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json") && fmt != QLatin1String("markdown"))
        return usage(tr("--format must be text, json or markdown, not '%1'").arg(fmt));

    // Every usage error is reported before anything goes over the network.
    core::ConnectionSettings source;
    core::ConnectionSettings target;
    QString error;
    if (!ConnectionOptions::resolveBoth(parser, source, target, &error, stderr))
        return usage(error);
    if (!ConnectionOptions::connectBoth(source, target, &error)) {
        std::fprintf(stderr, "pgshift check: %s\n", qPrintable(error));
        return ExitUsage; // the checks could not run
    }

    core::Preflight::Options options;
    options.method = *chosen;
    core::PreflightReport report;
    try {
        report = core::Preflight::run(source, target, options);
    } catch (const core::PgError &error) {
        std::fprintf(stderr, "pgshift check: %s\n", qPrintable(tr("the checks could not run: %1").arg(error.message())));
        return ExitUsage;
    }
    if (fmt == QLatin1String("json"))
        std::fputs(core::ReportFormat::toJson(report).constData(), stdout);
    else if (fmt == QLatin1String("markdown"))
        std::fputs(qPrintable(core::ReportFormat::toMarkdown(report)), stdout);
    else
        std::fputs(qPrintable(core::ReportFormat::toText(report)), stdout);
    return report.blockers() > 0 ? ExitFailed : ExitOk;
}

} // namespace

int runCheck(const QStringList &arguments)
{
    return CheckCommand::run(arguments);
}

} // namespace pgshift::app
