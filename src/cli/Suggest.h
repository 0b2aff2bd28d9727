// "Did you mean" for a mistyped command line: `kctx runn` → run, `--cpu 2` → --cpus.
// Free of CLI11 (costly to compile): CommandLine.cpp passes the names its parser declares.
#pragma once

#include <string>
#include <vector>

namespace kctx::cli {

struct SubcommandNames {
	std::string name;                   // "run"
	std::vector<std::string> options;   // "--cpus", "-q", ...
};

// After the parser refused argv: a message naming the unknown subcommand or option and
// the nearest known one; empty when the mistake is of another kind (the parser's own
// message is then the one to print).
[[nodiscard]] std::string suggest_for_bad_command_line(const std::vector<SubcommandNames>& subcommands, int argc,
						       char** argv);

}  // namespace kctx::cli
