// A counterexample's schedule on disk: one choice a line ("run 0", "tick 1", "timer 0",
// "ipi 1"; "run 0 2" when the step's prandom_u32_max() returned 2), '#' comments, and a "cpus N" line that must match the machine it replays on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/Result.h"
#include "kernel/core/Choice.h"

namespace kctx::check {

struct ReplayFile {
	uint32_t cpus = 0;
	std::vector<kernel::Choice> choices;
	std::vector<uint32_t> lines;   // each choice's line in the file, for messages
};

// `name` is the file's name for messages (name:line:col: error: …).
[[nodiscard]] Result<ReplayFile> parse_replay(std::string_view name, std::string_view text);
// `comment` goes first, each of its lines prefixed with "# ".
[[nodiscard]] std::string format_replay(const ReplayFile& r, std::string_view comment);

}  // namespace kctx::check
