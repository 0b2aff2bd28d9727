// The crash commands (Commands.def), each a function from its arguments to its output.
#pragma once

#include <optional>
#include <span>
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
	uint32_t print_count = 0;                   // gdb's value history: p's "$N"
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
// parse_flags for a command whose options may follow its operands (rd ADDR -e END,
// struct NAME ADDR -x): every word starting with '-' is an option, except a lone "-N"
// size of rd, which `sizes` accepts as a whole word ("-8", "-16", ...).
[[nodiscard]] std::optional<std::string> parse_anywhere(const Args& args, std::string_view allowed,
							 std::span<const std::string_view> words, ParsedArgs& out);
[[nodiscard]] inline bool has_flag(const ParsedArgs& p, char c) { return p.flags.find(c) != std::string::npos; }

// The tasks a command names: pids (decimal) or task addresses (hex); the current
// context when there are none. Unknown ones add "CMD: invalid task or pid value: X".
[[nodiscard]] std::vector<kernel::TaskId> named_tasks(const SessionState& s, std::string_view command,
						      const std::vector<std::string>& operands, std::string& errors);

}  // namespace kctx::crash
