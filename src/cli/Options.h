// What each subcommand's flags say, as plain data: cli/CommandLine.cpp fills these from
// argv (it alone includes CLI11, whose header costs seconds of compile time per file),
// and every other file of the layer takes them filled in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/Diagnostic.h"
#include "cli/Color.h"
#include "cli/Output.h"

namespace kctx::cli {

// Command-line settings; they override the init.sh header.
// Numbers are kept as typed and checked by shell::apply_setting, so that "-5" or "1e30"
// gets the header's message with its limits rather than a wrapped value.
struct RunFlags {
	std::optional<std::string> cpus, hz, seconds, seed;
	std::optional<std::string> preempt, config, kernel, mem;
	bool mem_pressure = false;
	// Keep each module's typed AST (Scenario::module_units): crash reads the types there.
	bool keep_types = false;
	WarningPolicy warnings = WarningPolicy::Report;   // -w: Ignore, -Werror: Error
};

// --max-wall SECONDS and --max-host-memory MB (cli/HostGuard.h checks and enforces them).
struct HostLimits {
	std::optional<std::string> max_wall;          // seconds, as typed
	std::optional<std::string> max_host_memory;   // MB (MiB), as typed
};

// `kctx run`'s tracing flags (cli/TraceOptions.h opens what they name).
struct TraceOptions {
	std::string categories;   // --trace LIST
	std::string out;          // --trace-out FILE
	std::string perfetto;     // --perfetto FILE
	std::string html;         // --html FILE
};

// `kctx run DIR`.
struct RunOptions {
	RunFlags flags;
	bool quiet = false;
	TraceOptions trace;
	HostLimits limits;
	std::vector<NamedOutput> outputs;   // the output-file flags given, in order
	std::string replay;                 // --replay FILE: a counterexample of kctx check
	bool schedule = false;              // --schedule: the replay's steps on stderr
	bool no_warnings = false;           // -w
	ColorMode color = ColorMode::Auto;  // --color
	std::string warning_option;         // -Werror: "error"
	std::string vmcore;                 // --vmcore FILE: where kdump writes the dump
	std::optional<double> dump_at;      // --dump-at SECONDS: take it then, not at the panic or the end
	std::string resume;                 // --resume FILE: continue the machine a vmcore holds
};

// `kctx check DIR`.
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

// `kctx disasm FILE`.
struct DisasmOptions {
	std::string file;
	std::string world = "auto";   // kernel, user or auto
	ColorMode color = ColorMode::Auto;
};

// `kctx api [PATTERN]`.
struct ApiOptions {
	std::string pattern;     // a glob (spin_*) or a substring (kstrto)
	bool user = false;       // the programs' libc instead of the kernel's API
	bool headers = false;    // list the #include names instead
	bool markdown = false;   // one Markdown table (docs/api.md is this for both worlds)
};

// `kctx stap`, and stap run inside the machine (cli/StapHost.h).
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
};

// `kctx crash FILE`.
struct CrashOptions {
	std::string dumpfile;
	std::string input;   // -i FILE: commands to run first
	std::string json;    // --json CMD: print CMD's answer as JSON, no session
	std::string kctx_version;
};

}  // namespace kctx::cli
