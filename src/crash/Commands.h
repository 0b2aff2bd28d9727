// The crash commands (Commands.def), each a function from its arguments to its output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crash/Target.h"

namespace kctx::crash {

// A session's state that commands read and change.
struct SessionState {
	const Target* target = nullptr;
	kernel::TaskId context = kernel::kNoTask;   // `set`'s task: what bt and the banner show
	bool quit = false;                          // `q`/`exit` was entered
};

using Args = std::vector<std::string>;

#define KCTX_CRASH_COMMAND(name, handler, synopsis, summary) \
	[[nodiscard]] std::string handler(SessionState& s, const Args& args);
#include "crash/Commands.def"
#undef KCTX_CRASH_COMMAND

struct CommandInfo {
	std::string_view name;
	std::string (*handler)(SessionState&, const Args&);
	std::string_view synopsis;
	std::string_view summary;
};
[[nodiscard]] const CommandInfo* find_command(std::string_view name);
[[nodiscard]] std::span<const CommandInfo> all_commands();

// crash's answer to an option a command does not take (getopt's message, then usage).
[[nodiscard]] std::string usage_error(std::string_view command, std::string_view why);

// Options as getopt reads them: "-af" is -a and -f; the first argument not starting with
// '-' and everything after it are operands. Returns the unknown option, if any.
struct ParsedArgs {
	std::string flags;                 // every option letter seen, in order
	std::vector<std::string> operands;
};
[[nodiscard]] std::optional<char> parse_flags(const Args& args, std::string_view allowed, ParsedArgs& out);

}  // namespace kctx::crash
