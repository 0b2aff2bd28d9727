// `kctx check DIR`: explores every interleaving and interrupt arrival of a scenario
// (src/check) and prints the shortest counterexample, or the bounds it verified.
#pragma once

#include <string>

#include "cli/Scenario.h"

namespace kctx::cli {

// Exit status: 0 no violation within the bounds, 1 a violation, 2 bad input, 3 a limit
// (--max-states, --time-limit) ended the search first.
[[nodiscard]] int check_command(const std::string& dir, const CheckOptions& opts);

// `kctx run DIR --replay FILE`: boots, takes the file's choices and prints the console;
// with `show_schedule`, each step's schedule line on stderr as it is taken.
[[nodiscard]] int replay_command(const std::string& dir, const RunFlags& flags, const std::string& file,
				 bool show_schedule);

}  // namespace kctx::cli
