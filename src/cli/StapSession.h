// A stap session from its command line to its end, shared by the two ways to start one:
// `kctx stap SCRIPT --run DIR` from the host (cli/Stap.cpp) and the `stap` program inside
// the machine (cli/StapHost.cpp). prepare_stap() runs passes 1 and 2 of the options'
// script; StapRun is the session attached to a kernel: its begin probes, its timers fired
// between slices of the run, its end probes. Both paths run the same code after start.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>

#include "base/Result.h"
#include "cli/Stap.h"
#include "kernel/core/Kernel.h"
#include "probe/attach/KernelProbes.h"
#include "probe/run/Session.h"

namespace kctx::lang {
struct ParsedUnit;
}

namespace kctx::cli {

// Reads a script file by the name stap was given; false when it cannot be opened.
using StapScriptReader = std::function<bool(const std::string& path, std::string& text)>;

struct StapPrepared {
	std::unique_ptr<probe::Session> session;   // null: nothing to run (see status)
	int status = 0;          // without a session: 0 (-p1, -p2, -l done), 1 (stap failed), 2 (usage)
	std::string out, err;    // what stap printed (its stdout, its stderr)
};

// The scenario's parsed sources (Scenario::module_units and program_units), the debuginfo
// pass 2 reads: functions' parameter names and the C types `$var->member` walks. A
// missing unit: no parameters, no members.
struct CodeUnits {
	std::span<const std::shared_ptr<const lang::ParsedUnit>> modules;    // by Code::modules index
	std::span<const std::shared_ptr<const lang::ParsedUnit>> programs;   // by Code::programs index
};

// The machine pass 2 resolves against: its ticks a second, and its code's functions.
struct StapMachine {
	uint32_t hz = 250;
	const kernel::Code* code = nullptr;   // none: no module or program functions
	CodeUnits units;
};
// Called after pass 1 (a scenario is loaded only for a script that parsed); an error
// ends the command with kctx's usage status.
using StapMachineFn = std::function<Result<StapMachine>()>;

// stap's passes 1 and 2 for `opts`. Usage errors start with `prefix` ("kctx stap" on
// the host, "stap" inside the machine).
[[nodiscard]] StapPrepared prepare_stap(const StapOptions& opts, const StapScriptReader& read,
					const StapMachineFn& machine, const std::string& prefix);

class StapRun {
public:
	StapRun(std::unique_ptr<probe::Session> session, const kernel::Kernel& k, const kernel::Code* code);
	// The module is loaded: begin probes run in the context of `task` on `cpu` (the
	// stap process, or CPU 0's current task for a session attached at boot).
	void start(uint32_t cpu, kernel::TaskId task);
	[[nodiscard]] bool running() const { return m_session->running(); }
	[[nodiscard]] uint64_t next_timer() const { return m_probes.next_timer(); }
	void fire_timers(uint64_t now) { m_probes.fire_timers(now); }
	// Ends the session: end (or error) probes; once.
	void stop();
	[[nodiscard]] bool stopped() const { return m_stopped; }
	[[nodiscard]] std::string take_output() { return m_session->take_output(); }
	[[nodiscard]] std::string take_errors() { return m_session->take_errors(); }
	// stap's exit status once stopped: 1 when the script had errors.
	[[nodiscard]] int status() const { return m_session->errors() > 0 ? 1 : 0; }
	[[nodiscard]] kernel::Hooks& hooks() { return m_probes; }
	[[nodiscard]] const probe::Session& session() const { return *m_session; }

private:
	std::unique_ptr<probe::Session> m_session;
	probe::KernelProbes m_probes;
	bool m_stopped = false;
};

}  // namespace kctx::cli
