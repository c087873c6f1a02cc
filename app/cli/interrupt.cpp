#include "app/cli/interrupt.h"

#include <atomic>
#include <csignal>

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

} // namespace pgshift::app
