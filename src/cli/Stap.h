// `kctx stap`: SystemTap scripts. So far pass 1 only (`-p1`: parse and print the
// parse tree exactly as stap 4.8 does); see docs/stap.md.
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
	CLI::App* command = nullptr;
};

// Registers the `stap` subcommand on `app`.
void add_stap_command(CLI::App& app, StapOptions& opts);

// Runs a parsed `kctx stap`; returns the process exit status (stap's: 1 on a parse error).
[[nodiscard]] int run_stap_command(const StapOptions& opts);

}  // namespace kctx::cli
