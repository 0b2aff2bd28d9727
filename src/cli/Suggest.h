// "Did you mean" for a mistyped command line: `kctx runn` → run, `--cpu 2` → --cpus.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace kctx::cli {

// After CLI11 refused argv: a message naming the unknown subcommand or option and the
// nearest known one; empty when the mistake is of another kind (CLI11's message is then
// the one to print).
[[nodiscard]] std::string suggest_for_bad_command_line(const CLI::App& app, int argc, char** argv);

}  // namespace kctx::cli
