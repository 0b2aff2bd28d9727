// The init script: a scenario's init.sh, compiled to the C program that pid 1 runs.
//
// kctx boots a simulated machine whose pid 1 runs the scenario's init.sh. Rather than
// interpret shell, the shell layer parses the script once and generates a user-world
// kernel-C program from it; the C front end compiles that like any other program, and
// what the script does (start programs, load modules, wait, kill) happens through
// builtins the kernel implements (abi/Builtins.def, "the init script's primitives").
// Keeping pid 1 an ordinary program means it blocks, is scheduled, receives signals
// and is snapshotted like every other task, with no shell interpreter inside the kernel.
//
// The generated program relies on this contract with the kernel:
//   int __kctx_spawn(int program, int argc, const char **argv)
//       starts programs[program] as a child of pid 1 with argv (argv[0] as typed,
//       "./cst_test"; argv[argc] is NULL); returns its pid or a negative errno.
//   int __kctx_wait(int pid)
//       waits for child pid (any child for -1) to end and reaps it; returns its wait
//       status as waitpid() encodes it (exit code << 8, or the signal number, | 0x80 if
//       it dumped core), or a negative errno: -ECHILD when there is no such child.
//   int __kctx_insmod(int module, const char *params)
//       loads modules[module] with params ("a=1 b=\"x y\""); 0 or a negative errno.
//   int __kctx_rmmod(const char *name)     unloads a module: 0 or a negative errno.
//   int __kctx_ps(void), __kctx_dmesg(void)  print the task list / the kernel log: 0 or
//       a negative errno.
// When the script ends, pid 1 keeps reaping children (as busybox init does once its rc
// script is done) and exits only when it has none left.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/Diagnostic.h"
#include "base/Result.h"

namespace kctx::shell {

// The machine settings of the '#!kctx key=value ...' header line. Unset keys take the
// defaults; command-line flags override what the header says.
struct Settings {
	std::optional<uint32_t> cpus, hz;
	std::optional<double> seconds;
	std::optional<uint64_t> seed;
	std::optional<uint64_t> mem;          // bytes of RAM (mem=)
	std::optional<std::string> preempt;   // none|voluntary|full
	std::optional<std::string> config;    // debug|debian
	std::optional<std::string> kernel;    // a release of kernel/release/Releases.def: 4.4|6.1
	std::optional<bool> panic_on_warn, softlockup_panic, mem_pressure, kasan_multi_shot;
	// kernel.pid_max, kernel.threads-max and the log_buf_len= boot parameter (bytes).
	std::optional<uint32_t> pid_max, threads_max;
	std::optional<uint64_t> log_buf_len;
	// irq=N:PERIOD: interrupt line N (1-23) raised every PERIOD (ns) of simulated time.
	std::optional<uint32_t> irq_line;
	std::optional<uint64_t> irq_period_ns;
	bool operator==(const Settings&) const = default;
};

// The range of `seconds`: from a microsecond (shorter runs end before the first tick
// and would report nothing) to one simulated day (a run's simulated nanoseconds stay
// far from overflow, and an idle day takes minutes of host time, not hours).
inline constexpr double kMinSeconds = 0.000001;
inline constexpr double kMaxSeconds = 86400;

// The keys a '#!kctx' line may set.
[[nodiscard]] const std::vector<std::string_view>& setting_keys();

// Sets one key from its text, checked as the header line checks it (cpus 1..64, hz one
// of 100 250 300 1000, seconds > 0, ...), so that command-line flags get the same rules
// and messages. The error says what is wrong, with a "did you mean" for a misspelt key.
[[nodiscard]] Result<void> apply_setting(Settings& settings, std::string_view key, std::string_view value);

// Where the script first names a program or module ("./prog", "mod.ko").
struct NameUse {
	SourceLoc loc;
	uint32_t length = 1;
	bool operator==(const NameUse&) const = default;
};

struct InitScript {
	Settings settings;
	std::vector<std::string> programs;   // "cst_test" for ./cst_test: index = __kctx_spawn's program
	std::vector<std::string> modules;    // "cst" for insmod cst.ko: index = __kctx_insmod's module
	// Where the script first names each program and module (parallel to programs and
	// modules), for a message about its source at the script's line and column.
	std::vector<NameUse> program_uses, module_uses;
	// SystemTap scripts run as programs (./test.stp, a "#!/usr/bin/stap" first line: the
	// loader checks it), and where each is first named; the stap applet runs them.
	// __kctx_spawn's program programs.size() + applets.size() + i is stap_scripts[i]
	// (kernel::Code::scripts).
	std::vector<std::string> stap_scripts;
	std::vector<NameUse> stap_script_uses;
	uint32_t commands = 0;   // simple commands in the script: none is worth a warning
	// busybox applets the script runs as child processes (dd, lsmod), as C the shell layer
	// provides: __kctx_spawn's program programs.size() + i is applets[i].
	struct Applet {
		std::string name;       // "dd": its comm
		std::string c_source;   // a user-world program
	};
	std::vector<Applet> applets;
	std::string c_source;                // the generated program for pid 1 (user world)
};

// Parses sources.file(file) (an init.sh) and generates pid 1's program. On errors returns
// nullopt, with every error found reported at file:line:col.
[[nodiscard]] std::optional<InitScript> compile_init_script(const SourceSet& sources, uint32_t file,
							    DiagnosticSink& diags);

}   // namespace kctx::shell
