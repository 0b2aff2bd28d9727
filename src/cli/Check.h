// `kctx check DIR`: explores every interleaving and interrupt arrival of a scenario
// (src/check) and prints the shortest counterexample, or the bounds it verified.
#pragma once

#include <string>

#include "cli/Scenario.h"

namespace kctx::cli {

struct CheckOptions {
	RunFlags flags;
	uint32_t max_irqs = 2;
	uint32_t depth = 10'000;
	uint64_t max_states = 200'000;
	double time_limit = 0;
	std::string search = "bfs";
	std::string hash = "compact";
	uint32_t bitstate_log2 = 27;   // --hash bitstate's array: 2^w bits (Spin's -w)
	int32_t preemption_bound = -1; // -1: none
	bool no_por = false;
	std::string replay_out = "kctx-check.replay";
	bool quiet = false;   // no progress line
};

// Exit status: 0 no violation within the bounds, 1 a violation, 2 bad input, 3 a limit
// (--max-states, --time-limit) ended the search first.
[[nodiscard]] int check_command(const std::string& dir, const CheckOptions& opts);

// `kctx run DIR --replay FILE`: boots, takes the file's choices and prints the console;
// with `show_schedule`, each step's schedule line on stderr as it is taken.
[[nodiscard]] int replay_command(const std::string& dir, const RunFlags& flags, const std::string& file,
				 bool show_schedule);

}  // namespace kctx::cli
