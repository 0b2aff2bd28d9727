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

// `kctx run DIR --resume FILE`: the dump's machine and the run flags it was made with,
// once the dump is checked against DIR (the same sources, every index in range).
struct ResumePoint {
	RunFlags flags;
	kernel::Machine machine;
	uint64_t taken_ns = 0;
};
[[nodiscard]] Result<ResumePoint> load_resume_point(const std::string& path, const std::string& dir);
// The machine of `point` against the scenario compiled again: refused if the dump does
// not match it (crash::open_target's checks).
[[nodiscard]] Result<void> check_resume_point(const ResumePoint& point, const Scenario& sc, const std::string& path);

// `kctx crash FILE`: the banner, then commands from -i FILE, then from the terminal
// (readline, with history) or standard input. Returns the exit status.
[[nodiscard]] int run_crash_command(const CrashOptions& opts);

}  // namespace kctx::cli
