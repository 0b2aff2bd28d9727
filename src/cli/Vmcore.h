// The cli's side of dumps: making a DumpImage of a run (its scenario's sources and
// flags, so a reader compiles the same code again), and opening one as a crash Target.
#pragma once

#include <string>

#include "base/Result.h"
#include "cli/Scenario.h"
#include "crash/Dump.h"
#include "crash/Target.h"
#include "kernel/core/Machine.h"

namespace kctx::cli {

// A dump of `machine`, taken at `now_ns` for `reason`, of the scenario `sc` run with `flags`.
[[nodiscard]] Result<crash::DumpImage> make_dump_image(const Scenario& sc, const RunFlags& flags,
						       const kernel::Machine& machine, crash::DumpReason reason,
						       uint64_t now_ns, std::string kctx_version);

// Reads `path`, compiles the scenario it carries again (in a private temporary
// directory, removed after) and restores its machine.
[[nodiscard]] Result<crash::Target> load_target(const std::string& path);

struct CrashOptions {
	std::string dumpfile;
	std::string input;   // -i FILE: commands to run first
	std::string kctx_version;
};

// `kctx crash FILE`: the banner, then commands from -i FILE, then from the terminal
// (readline, with history) or standard input. Returns the exit status.
[[nodiscard]] int run_crash_command(const CrashOptions& opts);

}  // namespace kctx::cli
