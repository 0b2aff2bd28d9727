// `kctx new DIR`: a starter scenario that runs cleanly; and the list of the scenarios a
// directory holds, for `kctx run` on a directory of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/Result.h"

namespace kctx::cli {

// One file of the starter scenario: its name in DIR and its text.
struct StarterFile {
	std::string_view name;
	std::string_view text;
};

// The starter scenario's files (init.sh, a module, a program, README.md).
[[nodiscard]] const std::vector<StarterFile>& starter_files();

// Creates DIR (its parent must exist) and writes the starter into it. Refuses a DIR that
// already exists, file or directory, so nothing is ever overwritten. Returns what was
// written, one "created DIR/FILE" line per file.
[[nodiscard]] Result<std::string> write_starter(const std::string& dir);

// A scenario found in a directory of scenarios: its subdirectory and its README's first
// line (the title, '#' and blanks stripped; empty without a README).
struct ScenarioEntry {
	std::string dir;
	std::string title;
};

// The subdirectories of `dir` that hold an init.sh, sorted by name.
[[nodiscard]] std::vector<ScenarioEntry> list_scenarios(const std::string& dir);

// The listing `kctx run` prints for a directory of scenarios.
[[nodiscard]] std::string render_scenario_list(const std::string& dir, const std::vector<ScenarioEntry>& entries);

}  // namespace kctx::cli
