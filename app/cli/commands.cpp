#include "app/cli/command.h"

#include <array>

namespace pgshift::app {
namespace {

// Each later command adds one row here and one file in app/cli.
constexpr std::array<Command, 0> Commands{};

} // namespace

std::span<const Command> commands()
{
    return Commands;
}

const Command *findCommand(const QString &name)
{
    for (const Command &command : Commands) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

} // namespace pgshift::app
