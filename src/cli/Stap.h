// `kctx stap`: SystemTap scripts on the simulated kernel. -p1 parses and prints the parse
// tree as stap 4.8 does; -p2 resolves the probe points; otherwise the script runs,
// attached to the scenario `--run DIR` boots. See docs/stap.md.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kctx::cli {

struct StapOptions {
	int pass = 0;                   // -p N
	std::string script_text;        // -e SCRIPT
	bool has_script_text = false;
	std::vector<std::string> rest;  // SCRIPT [ARGS...], or ARGS... with -e
	std::string run_dir;            // --run DIR
	std::string list, list_vars;    // -l PATTERN, -L PATTERN
	std::string output;             // -o FILE
	bool verbose = false;           // -v
	bool no_warnings = false;       // -w
	bool console = false;           // --console: the machine's console too
	std::vector<std::string> defines;   // -D NAME=VALUE
	std::vector<std::string> globals;   // -G NAME=VALUE
	std::string seconds, seed, cpus;    // the run's settings, as kctx run takes them
	CLI::App* command = nullptr;
};

// Registers the `stap` subcommand on `app`.
void add_stap_command(CLI::App& app, StapOptions& opts);

// Runs a parsed `kctx stap`; returns the process exit status (stap's: 1 when a pass or the
// run failed; 2 for kctx's own usage errors).
[[nodiscard]] int run_stap_command(const StapOptions& opts);

}  // namespace kctx::cli
