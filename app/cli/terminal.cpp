#include "app/cli/terminal.h"

#include "core/migration/cancellation.h"

#include <QThread>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

namespace pgshift::app {
namespace {

std::atomic<bool> requested{false};

extern "C" void pgshiftOnInterrupt(int)
{
    requested.store(true);
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

void catchInterrupt()
{
    requested.store(false);
    std::signal(SIGINT, pgshiftOnInterrupt);
}

bool interruptRequested()
{
    return requested.load();
}

void clearInterrupt()
{
    requested.store(false);
}

void releaseInterrupt()
{
    std::signal(SIGINT, SIG_DFL);
}

bool askYesNo(const QString &question)
{
    std::fprintf(stderr, "%s", qPrintable(question));
    std::fflush(stderr);
    std::string answer;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        answer.push_back(char(c));
    return answer == "y" || answer == "Y" || answer == "yes";
}

void runInterruptible(core::Cancellation &cancellation, const QString &cancelling, const std::function<void()> &work)
{
    catchInterrupt();
    std::atomic<bool> done{false};
    std::thread worker([&] {
        work();
        done = true;
    });
    while (!done) {
        if (interruptRequested() && !cancellation.isCancelled()) {
            std::fprintf(stderr, "%s\n", qPrintable(cancelling));
            cancellation.cancel();
        }
        QThread::msleep(50);
    }
    worker.join();
    releaseInterrupt();
}

} // namespace pgshift::app
