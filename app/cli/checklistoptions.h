#pragma once

#include "core/cutover/cutover.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>

#include <optional>

class QCommandLineParser;

namespace pgshift::app {

// The command-line options `cutover` and `copy` share for their checklists: how writes stop
// on the source, the sequence margin and the optional checksums, and how each step is printed.
class ChecklistOptions final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::ChecklistOptions)
public:
    // With `confirmOption`, --writes-stopped exists too (copy: the checklist runs only when one
    // of the write options is given; cutover: no option means confirmed by the user).
    explicit ChecklistOptions(bool confirmOption);

    QList<QCommandLineOption> options() const;

    // True when the command line asks for a checklist (always for cutover).
    bool requested(const QCommandLineParser &parser) const;

    // Fills the write block, margin and checksums; an error in words and false when bad.
    bool read(const QCommandLineParser &parser, core::CutoverOptions &options, QString *error) const;

    // "1. title…" when a step starts, its state, time and detail when it ends.
    static void printStep(const core::CutoverStep &step);
    // The checklist as it will run, with each step's SQL.
    static void printPlan(const QList<core::CutoverStep> &steps);
    // The sessions the write block will end, listed before anyone confirms; false (and the
    // error printed) when the source cannot be read.
    static bool printSessions(const core::ConnectionSettings &source, const core::WriteBlockOptions &block, const char *command);
    // Downtime, the target's connection string and how to lift the write block; or the failure
    // and whether writes are allowed again. Returns the exit code.
    static int printOutcome(const core::CutoverReport &report, const core::CutoverOptions &options, const char *command);

private:
    bool m_confirmOption;
    QCommandLineOption m_blockRoles;
    QCommandLineOption m_blockDatabase;
    QCommandLineOption m_stopped;
    QCommandLineOption m_margin;
    QCommandLineOption m_checksums;
};

} // namespace pgshift::app
