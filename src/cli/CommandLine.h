// kctx's command line: the subcommands, their flags and help texts, parsed into the plain
// option structs of cli/Options.h. CommandLine.cpp is the one file that includes CLI11
// (header-only and costly to compile); the rest of the layer never sees it.
#pragma once

#include <span>
#include <string>
#include <variant>

#include "base/Result.h"
#include "cli/Options.h"

namespace kctx::cli {

inline constexpr const char* kVersion = "kctx 0.1.0 (Linux 6.1 x86-64 execution contexts)";

enum class Command { Run, Replay, Check, Disasm, Api, New, Stap, Crash };

// A command line parsed: which subcommand, with its options filled in.
struct CommandLine {
	Command command = Command::Run;
	std::string dir;   // run, check, new: the scenario (or new) directory
	RunOptions run;    // run, and replay (run --replay)
	CheckOptions check;
	DisasmOptions disasm;
	ApiOptions api;
	StapOptions stap;
	CrashOptions crash;
};

// Parses argv. When it asks for --help or --version, or is refused, what the user is to
// see (the help, the version, the parser's message or a "did you mean") is printed and
// the result is the exit status: 0 for help and version, 2 for a bad command line.
[[nodiscard]] std::variant<CommandLine, int> parse_command_line(int argc, char** argv);

// The arguments of a stap program run inside the machine (after argv[0]), read as
// `kctx stap` reads its own; an error holds the parser's message.
[[nodiscard]] Result<StapOptions> parse_stap_arguments(std::span<const std::string> args);

}  // namespace kctx::cli
