#include "cli/Main.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <fmt/format.h>
#include <map>
#include <unistd.h>

#include "cli/Api.h"
#include "cli/Check.h"
#include "cli/Color.h"
#include "cli/HostGuard.h"
#include "cli/New.h"
#include "cli/Output.h"
#include "cli/Progress.h"
#include "cli/Scenario.h"
#include "cli/StapHost.h"
#include "cli/Suggest.h"
#include "cli/Stap.h"
#include "cli/TraceOptions.h"
#include "cli/LiveCrash.h"
#include "cli/Vmcore.h"
#include "kernel/core/Kernel.h"
#include "lang/Compiler.h"
#include "vm/Disassembler.h"

namespace kctx::cli {

namespace {

constexpr const char* kVersion = "kctx 0.1.0 (Linux 6.1 x86-64 execution contexts)";

// Exit statuses: 0 clean, 1 the kernel reported a problem, 2 bad input or an output
// that could not be written, 3 (kExitHostLimit) a host limit stopped the run.
constexpr int kExitClean = 0;
constexpr int kExitReported = 1;
constexpr int kExitBadInput = 2;

// Every message about the input goes out through here: control bytes it quotes from
// the input (ESC, BEL) are escaped so that they cannot drive the terminal; colour, if
// asked for, is added after that.
void print_error(const std::string& msg, bool color = false)
{
	std::string shown = escape_controls(msg);
	if (color)
		shown = color_diagnostics(shown);
	if (!shown.empty() && shown.back() != '\n')
		shown += '\n';
	std::fputs(shown.c_str(), stderr);
}

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

// When and where the run writes its vmcore (--vmcore, --dump-at).
struct DumpPlan {
	std::string path;
	std::optional<uint64_t> at_ns;
	bool written = false;
	const Scenario* scenario = nullptr;
	const RunFlags* flags = nullptr;
};

Result<void> write_dump(DumpPlan& plan, const kernel::Kernel& k, crash::DumpReason reason)
{
	plan.written = true;
	crash::DumpImage img = KCTX_TRY(make_dump_image(*plan.scenario, *plan.flags, k.machine(), reason, k.now(), kVersion));
	return crash::write_dump_file(plan.path, img);
}

// Without `wall` (the HTML page's copy) it names no host time, so a run's page is the
// same bytes every time.
// `stopped_by` names the signal that interrupted the run, if one did.
std::string summary_line(const kernel::Summary& s, std::optional<double> wall, const char* stopped_by = nullptr)
{
	std::string reports;
	auto add = [&](uint32_t n, const char* what, const char* plural = "s") {
		if (n)
			reports += fmt::format(", {} {}{}", n, what, n == 1 ? "" : plural);
	};
	add(s.findings.bugs, "BUG");
	add(s.findings.warnings, "WARNING");
	add(s.findings.oopses, "Oops", "es");
	add(s.findings.lockups, "lockup");
	if (s.findings.panicked)
		reports += ", panic";
	std::string interrupted = stopped_by ? fmt::format("interrupted by {}: ", stopped_by) : "";
	return fmt::format("kctx: {}{:.6f} s simulated{}, {} context switches, {} interrupts{}\n", interrupted,
			   static_cast<double>(s.sim_ns) / 1e9, wall ? fmt::format(" in {:.2f} s", *wall) : "",
			   s.context_switches, s.interrupts,
			   reports.empty() ? ", no reports" : reports);
}

// Boots and runs the machine, streaming the console to `console`. Returns kExitClean if
// it ran to its end, kExitHostLimit if the guard stopped it, kExitBadInput if the
// console could not be written, 128 + the signal if SIGINT or SIGTERM stopped it.
int simulate(kernel::Kernel& k, TraceSession* trace, bool quiet, OutputStream& console, HostGuard& guard,
	     ProgressLine& progress, uint64_t end_ns, bool color, DumpPlan* dump, StapHost* stap)
{
	// Stream the console every simulated 10 ms, so a long run shows progress as it goes.
	constexpr uint64_t kSliceNs = 10'000'000;
	// The progress line waits for the end of a console line only where both share a
	// terminal; a console that goes elsewhere may stop mid-line (cst's dots).
	bool shared_terminal = stdout_shares_stderr();
	bool at_line_start = true;
	for (;;) {
		// An idle machine's slices up to its next event only move its clocks: take them at once.
		uint64_t slices = std::max<uint64_t>(1, (k.quiet_until() - k.now()) / kSliceNs);
		uint64_t until = k.now() + slices * kSliceNs;
		bool dump_due = dump && dump->at_ns && !dump->written && *dump->at_ns <= until;
		if (dump_due)
			until = *dump->at_ns;
		// A stap session's timer probes fire between slices, each slice ending at the next.
		if (stap)
			until = std::min(until, stap->next_timer());
		bool more = k.run_until(until);
		if (stap)
			stap->fire_timers(k.now());
		if (dump_due && k.now() >= *dump->at_ns) {
			if (auto written = write_dump(*dump, k, crash::DumpReason::Requested); !written.ok()) {
				print_error(written.error().message);
				return kExitBadInput;
			}
		}
		std::string out = k.take_console();
		// With --trace and no --trace-out, the trace lines go out with the console.
		if (trace)
			out = trace->drain(std::move(out), !quiet);
		else if (quiet)
			out.clear();
		if (!out.empty()) {
			// Only a console on the same terminal has to get past the progress line.
			if (shared_terminal)
				progress.erase();
			console.write(color ? color_console(out) : out);
			at_line_start = !shared_terminal || out.back() == '\n';
		}
		if (console.failed())
			return kExitBadInput;
		if (guard.tripped())
			return kExitHostLimit;
		if (!more)
			return kExitClean;
		if (int sig = stop_requested())
			return 128 + sig;
		kernel::Summary s = k.summary();
		progress.update({s.sim_ns, end_ns, s.findings.total() + (s.findings.panicked ? 1u : 0u)},
				at_line_start);
	}
}

// `kctx run` on a directory that has no init.sh but subdirectories that do (examples/)
// lists them rather than failing; true if it did.
bool listed_scenarios(const std::string& dir)
{
	std::error_code ec;
	if (!std::filesystem::is_directory(dir, ec) || std::filesystem::exists(std::filesystem::path(dir) / "init.sh", ec))
		return false;
	std::vector<ScenarioEntry> entries = list_scenarios(dir);
	if (entries.empty())
		return false;
	std::fputs(escape_controls(render_scenario_list(dir, entries)).c_str(), stdout);
	return true;
}

int new_command(const std::string& dir)
{
	Result<std::string> created = write_starter(dir);
	if (!created.ok()) {
		print_error(created.error().message);
		return kExitBadInput;
	}
	std::fputs(escape_controls(*created).c_str(), stdout);
	std::fputs(escape_controls(fmt::format("run it with: kctx run {}\n", dir)).c_str(), stdout);
	return kExitClean;
}

int run_command(const std::string& dir, const RunOptions& opts)
{
	if (listed_scenarios(dir))
		return kExitClean;
	Result<CheckedLimits> limits = check_host_limits(opts.limits);
	if (!limits.ok()) {
		print_error(limits.error().message);
		return kExitBadInput;
	}
	if (opts.dump_at && opts.vmcore.empty()) {
		print_error("--dump-at takes the dump --vmcore FILE names: give --vmcore too");
		return kExitBadInput;
	}
	// --resume: the run flags are the dump's (they shaped its machine); --seconds may
	// move the end.
	std::optional<ResumePoint> resume;
	RunFlags flags = opts.flags;
	if (!opts.resume.empty()) {
		Result<ResumePoint> point = load_resume_point(opts.resume, dir);
		if (!point.ok()) {
			print_error(point.error().message);
			return kExitBadInput;
		}
		resume = std::move(*point);
		std::optional<std::string> seconds = flags.seconds;
		WarningPolicy warnings = flags.warnings;
		flags = resume->flags;
		flags.warnings = warnings;
		if (seconds)
			flags.seconds = seconds;
	}
	// The limits cover compiling the scenario too: its sources are untrusted as well.
	HostGuard guard(*limits);
	bool color_stderr = color_enabled(opts.color, STDERR_FILENO);
	auto scenario = load_scenario(dir, flags);
	if (!scenario.ok()) {
		print_error(scenario.error().message, color_stderr);
		return kExitBadInput;
	}
	Scenario& sc = *scenario;
	if (!sc.warnings.text.empty())
		print_error(sc.warnings.text, color_stderr);
	if (Result<void> outputs_ok = check_output_paths(opts.outputs, sc.inputs); !outputs_ok.ok()) {
		print_error(outputs_ok.error().message);
		return kExitBadInput;
	}
	auto session = TraceSession::open(opts.trace, sc.config);
	if (!session.ok()) {
		print_error(session.error().message);
		return kExitBadInput;
	}
	std::unique_ptr<TraceSession> trace = std::move(*session);
	if (resume)
		if (Result<void> ok = check_resume_point(*resume, sc, opts.resume); !ok.ok()) {
			print_error(ok.error().message);
			return kExitBadInput;
		}
	DumpPlan plan{opts.vmcore, std::nullopt, false, &sc, &flags};
	if (opts.dump_at)
		plan.at_ns = static_cast<uint64_t>(*opts.dump_at * 1e9 + 0.5);
	// A crash kernel loaded (kexec -p), as kdump sets a machine up to write a vmcore.
	sc.config.crash_kexec = !opts.vmcore.empty();
	kernel::Machine machine;
	if (resume) {
		// A checkpoint: the machine as the dump holds it. What its console had printed by
		// then is the dumped run's; the resumed run prints from the dump's time on.
		machine = std::move(resume->machine);
		machine.printk.console_flushed += machine.printk.console.size();
		machine.printk.console.clear();
	}
	kernel::Kernel k(sc.config, sc.code, machine);
	if (!resume)
		k.boot();
	// A script that runs `crash` gets the live sessions' inspector (issue 14).
	std::unique_ptr<LiveCrash> live_crash;
	for (const vm::ProgramRef& p : sc.code.programs)
		if (p && p->name == "crash" && !live_crash) {
			Result<crash::DumpImage> img =
				make_dump_image(sc, flags, kernel::Machine{}, crash::DumpReason::Requested, 0, kVersion);
			live_crash = std::make_unique<LiveCrash>(img.ok() ? std::move(img->sources) : std::vector<crash::DumpSource>{},
								 kVersion);
			k.set_inspector(live_crash.get());
		}
	// A script that runs `stap` gets the probe host (issue 13): the sessions it starts.
	std::unique_ptr<StapHost> stap = install_stap_host(k, sc.code, sc.stap_scripts, sc.module_units);
	if (trace)
		trace->attach(k);
	if (stap)
		stap->set_base_hooks(trace ? trace->hooks() : nullptr);
	auto wall_start = std::chrono::steady_clock::now();
	OutputStream console(stdout, "the console");
	install_stop_signals();
	ProgressLine progress(stderr, stderr_is_terminal());
	int status = simulate(k, trace.get(), opts.quiet, console, guard, progress, sc.config.end_ns,
			      color_enabled(opts.color, STDOUT_FILENO), opts.vmcore.empty() ? nullptr : &plan, stap.get());
	progress.erase();
	if (status == kExitClean && !opts.vmcore.empty() && !plan.written) {
		auto reason = machine.findings.panicked ? crash::DumpReason::Panic : crash::DumpReason::EndOfRun;
		if (auto written = write_dump(plan, k, reason); !written.ok()) {
			print_error(written.error().message);
			status = kExitBadInput;
		}
	}
	guard.stopped();
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
	kernel::Summary s = k.summary();
	bool mid_line = trace ? trace->stdout_mid_line() : !opts.quiet && !machine.printk.console_at_line_start;
	// The sessions still running when the run ends: their probe end runs now, and what
	// no stap process was left to copy goes to the console, as its stdout.
	if (std::string tail = stap ? stap->finish() : std::string(); !tail.empty() && !opts.quiet) {
		if (mid_line)
			console.write("\n");
		console.write(tail);
		mid_line = !tail.ends_with('\n');
	}
	if (mid_line)
		console.write("\n");
	if (auto written = console.finish(); !written.ok()) {
		print_error(written.error().message);
		return kExitBadInput;
	}
	if (status == kExitHostLimit) {
		print_error(fmt::format("{} (at {:.6f} s simulated)", guard.reason(), static_cast<double>(s.sim_ns) / 1e9));
		return kExitHostLimit;
	}
	if (trace) {
		if (auto written = trace->finish(machine, dir, summary_line(s, std::nullopt)); !written.ok()) {
			print_error(written.error().message);
			return kExitBadInput;
		}
	}
	if (status > 128) {
		// The summary so far, marked: what ran before the signal is all there is.
		std::fputs(summary_line(s, wall, signal_name(status - 128)).c_str(), stderr);
		return status;
	}
	std::fputs(summary_line(s, wall).c_str(), stderr);
	return s.findings.total() > 0 || s.findings.panicked ? kExitReported : kExitClean;
}

int disasm_command(const std::string& path, const std::string& world_name, ColorMode color)
{
	auto text = read_file(path);
	if (!text.ok()) {
		print_error(text.error().message);
		return kExitBadInput;
	}
	abi::World world = abi::World::User;
	if (world_name == "kernel" || (world_name == "auto" && text->find("<linux/") != std::string::npos))
		world = abi::World::Kernel;
	SourceSet sources;
	uint32_t file = sources.add(path, *text);
	lang::CompileOptions opts;
	opts.world = world;
	opts.program_name = std::filesystem::path(path).stem().string();
	opts.defines = {{"HZ", "250"}};
	if (world == abi::World::Kernel)
		opts.defines.push_back({"KBUILD_MODNAME", "\"" + opts.program_name + "\""});
	DiagnosticSink diags;
	auto program = lang::compile(sources, file, opts, diags);
	std::string rendered = diags.render_all(sources);
	if (!rendered.empty())
		print_error(rendered, color_enabled(color, STDERR_FILENO));
	if (!program)
		return kExitBadInput;
	OutputStream out(stdout, "the listing");
	out.write(vm::disassemble(*program));
	if (auto written = out.finish(); !written.ok()) {
		print_error(written.error().message);
		return kExitBadInput;
	}
	return kExitClean;
}

// --color=WHEN, as gcc and ls spell it.
void add_color_option(CLI::App& cmd, ColorMode& mode)
{
	std::map<std::string, ColorMode> when{
		{"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};
	cmd.add_option("--color", mode,
		       "Colour diagnostics and the console: auto (on a terminal, unless NO_COLOR is set), always or never")
		->type_name("WHEN")
		->transform(CLI::CheckedTransformer(when, CLI::ignore_case));
}

void add_run_options(CLI::App& run, RunOptions& o)
{
	RunFlags& flags = o.flags;
	run.add_option("--cpus", flags.cpus, "Number of CPUs (1-64; default 4, or the init.sh header)")->type_name("N");
	run.add_option("--seconds", flags.seconds,
		       "Simulated seconds after which the run stops (0.000001-86400; default 10)")
		->type_name("S");
	run.add_option("--seed", flags.seed, "Seed for the machine's timing jitter (0-2^64-1; default 1)")
		->type_name("N");
	run.add_option("--hz", flags.hz, "Timer tick frequency: 100, 250, 300 or 1000 (default 250)")->type_name("N");
	run.add_option("--preempt", flags.preempt, "Preemption model: none, voluntary or full (default voluntary)");
	run.add_option("--config", flags.config,
		       "Kernel profile: debug (DEBUG_ATOMIC_SLEEP, PROVE_LOCKING, DEBUG_PREEMPT) or debian (default debug)");
	run.add_option("--kernel", flags.kernel,
		       "Linux release: 4.4 or 6.1 (default 6.1, or the init.sh header's kernel=)")
		->type_name("RELEASE");
	run.add_option("--mem", flags.mem, "RAM size, as mem= on a kernel command line: 32M to 16G (default 512M)")
		->type_name("SIZE");
	run.add_flag("-q,--quiet", o.quiet, "Do not print the console; only the summary line");
	run.add_flag("--mem-pressure", flags.mem_pressure,
		     "Memory pressure: GFP_KERNEL allocations sleep in direct reclaim, GFP_ATOMIC ones may fail");
	run.add_option("--max-wall", o.limits.max_wall,
		       "Stop the run (exit status 3) after SECONDS of host wall time: for untrusted scenarios")
		->type_name("SECONDS");
	run.add_option("--max-host-memory", o.limits.max_host_memory,
		       "Stop the run (exit status 3) when kctx's resident memory exceeds MB mebibytes (16 or more)")
		->type_name("MB");
	run.add_flag("-w", o.no_warnings, "Do not print the compiler's warnings");
	run.add_option("-W", o.warning_option, "-Werror: the compiler's warnings are errors (exit status 2)")
		->check(CLI::IsMember({"error"}));
	run.add_option("--vmcore", o.vmcore,
		       "Load a crash kernel (kdump) and write the machine's vmcore to FILE when it panics, at "
		       "--dump-at, or at the end of the run; read it with `kctx crash FILE`")
		->type_name("FILE");
	run.add_option("--resume", o.resume,
		       "Continue the machine a vmcore holds (a dump is a checkpoint) from the time it was taken; "
		       "DIR must be the scenario it was taken of")
		->type_name("FILE");
	run.add_option("--dump-at", o.dump_at, "With --vmcore: take the dump at this simulated time instead (0-86400)")
		->type_name("SECONDS")
		->check(CLI::Range(0.0, 86400.0));
	run.add_option("--replay", o.replay,
		       "Take the choices of a replay file `kctx check` saved (its interleaving and interrupts) and print that console")
		->type_name("FILE");
	run.add_flag("--schedule", o.schedule, "With --replay: print each replayed step (CPU, task, context, preempt_count) on stderr");
	add_trace_options(run, o.trace);
	add_color_option(run, o.color);
}

void add_check_options(CLI::App& check, CheckOptions& o)
{
	RunFlags& flags = o.flags;
	check.add_option("--cpus", flags.cpus, "Number of CPUs (1-64; default the init.sh header, else 4)")->type_name("N");
	check.add_option("--config", flags.config, "Kernel profile: debug or debian (default debug)");
	check.add_option("--preempt", flags.preempt, "Preemption model: none, voluntary or full (default voluntary)");
	check.add_option("--max-irqs", o.max_irqs, "Timer interrupts (ticks and timer expiries) per CPU (default 2)")
		->type_name("N")->check(CLI::Range(0, 255));
	check.add_option("--depth", o.depth, "Steps from boot beyond which no state is expanded (default 10000)")
		->type_name("N")->check(CLI::Range(1, 100'000'000));
	check.add_option("--max-states", o.max_states, "Stop (exit status 3) after storing N states (default 200000)")
		->type_name("N")->check(CLI::Range(1ull, 1'000'000'000ull));
	check.add_option("--time-limit", o.time_limit, "Stop (exit status 3) after SECONDS of host time (default none)")
		->type_name("SECONDS")->check(CLI::Range(0.0, 1e6));
	check.add_option("--search", o.search,
			 "bfs (the shortest counterexample; default), dfs, or iterative (depth-first passes with a growing "
			 "depth bound: the shortest counterexample in a depth-first search's memory)")
		->check(CLI::IsMember({"bfs", "dfs", "iterative"}));
	check.add_option("--hash", o.hash,
			 "compact (64-bit hashes; default), exact (every state's abstraction) or bitstate (Spin's "
			 "supertrace: 3 bits a state in a 2^W-bit array)")
		->check(CLI::IsMember({"exact", "compact", "bitstate"}));
	check.add_option("-w,--bitstate-bits", o.bitstate_log2, "--hash bitstate's array: 2^W bits, as Spin's -w (default 27: 16 MiB)")
		->type_name("W")->check(CLI::Range(10, 40));
	check.add_option("--preemption-bound", o.preemption_bound,
			 "At most K preemptions (switches away from a CPU that could go on), as CHESS (default none)")
		->type_name("K")->check(CLI::Range(0, 10'000));
	check.add_flag("--no-por", o.no_por, "No partial-order reduction (to measure it; docs/check.md)");
	check.add_option("--replay-out", o.replay_out,
			 "Where to save a counterexample's replay file (default kctx-check.replay; '' for none)")
		->type_name("FILE");
	check.add_flag("-q,--quiet", o.quiet, "No progress line on stderr");
}

// The subcommands and their options as typed ("--cpus", "-q"), for "did you mean".
std::vector<SubcommandNames> declared_names(const CLI::App& app)
{
	std::vector<SubcommandNames> subs;
	for (const CLI::App* sub : app.get_subcommands({})) {
		SubcommandNames names{sub->get_name(), {}};
		for (const CLI::Option* o : sub->get_options()) {
			for (const std::string& l : o->get_lnames())
				names.options.push_back("--" + l);
			for (const std::string& s : o->get_snames())
				names.options.push_back("-" + s);
		}
		subs.push_back(std::move(names));
	}
	return subs;
}

// The output files named on the command line, each with its flag, for the path checks.
std::vector<NamedOutput> named_outputs(const CLI::App& run, const TraceOptions& t)
{
	std::vector<NamedOutput> outs;
	if (run.count("--trace-out"))
		outs.push_back({"--trace-out", t.out});
	if (run.count("--perfetto"))
		outs.push_back({"--perfetto", t.perfetto});
	if (run.count("--vmcore"))
		outs.push_back({"--vmcore", run.get_option("--vmcore")->as<std::string>()});
	if (run.count("--html"))
		outs.push_back({"--html", t.html});
	return outs;
}

}  // namespace

int main(int argc, char** argv)
{
	install_out_of_memory_handler();
	CLI::App app{"kctx: a simulator of Linux 6.1 kernel execution contexts.\n"
		     "Runs a kernel module and user programs written in kernel C on a simulated SMP machine\n"
		     "and prints the console a real machine prints.\n"
		     "Exit status: 0 clean, 1 the kernel reported a problem, 2 bad input or an unwritable\n"
		     "output, 3 stopped by --max-wall or --max-host-memory.",
		     "kctx"};
	app.set_version_flag("--version", kVersion);
	app.require_subcommand(1);

	std::string dir;
	RunOptions run_opts;
	CLI::App* run = app.add_subcommand("run", "Boot the simulated machine and run a scenario directory (DIR/init.sh)");
	run->add_option("DIR", dir, "Scenario directory holding init.sh and its .c files (or its init.sh)")->required();
	add_run_options(*run, run_opts);

	CheckOptions check_opts;
	CLI::App* check = app.add_subcommand(
		"check", "Explore every interleaving and interrupt arrival of a scenario: the shortest run that breaks a\n"
			 "rule, or the bounds within which none does. Exit status: 0 none within the bounds, 1 a violation,\n"
			 "2 bad input, 3 --max-states or --time-limit reached first");
	check->add_option("DIR", dir, "Scenario directory holding init.sh and its .c files (or its init.sh)")->required();
	add_check_options(*check, check_opts);

	std::string file;
	std::string world = "auto";
	CLI::App* disasm = app.add_subcommand("disasm", "Compile a kernel-C file and print its bytecode");
	disasm->add_option("FILE", file, "A module or program source file")->required();
	disasm->add_option("--world", world, "kernel, user or auto (a file that includes <linux/...> is a module)")
		->check(CLI::IsMember({"kernel", "user", "auto"}));
	ColorMode disasm_color = ColorMode::Auto;
	add_color_option(*disasm, disasm_color);

	// CLI11 is header-only and costly to compile: every subcommand is declared here, in
	// the one file that includes it.
	ApiOptions api_opts;
	CLI::App* api = app.add_subcommand(
		"api", "List the functions, macros and headers modules (or, with --user, programs) can use");
	api->add_option("PATTERN", api_opts.pattern, "A glob (spin_*) or a substring (kstrto) of the names to list");
	api->add_flag("--user", api_opts.user, "The user programs' libc instead of the kernel's API");
	api->add_flag("--headers", api_opts.headers, "List the headers #include accepts instead");
	api->add_flag("--markdown", api_opts.markdown, "Print a Markdown table");
	StapOptions stap;
	add_stap_command(app, stap);
	CrashOptions crash_opts;
	crash_opts.kctx_version = kVersion;
	CLI::App* crash_cmd = app.add_subcommand(
		"crash", "Inspect a vmcore (kctx run --vmcore) with crash 8.0.2's commands: sys, ps, bt, log, ...");
	crash_cmd->add_option("FILE", crash_opts.dumpfile, "The vmcore")->required();
	crash_cmd->add_option("--json", crash_opts.json,
			      "Print the answer of one command (ps, bt, task, log, runq, with its arguments) as JSON and exit");
	crash_cmd->add_option("-i", crash_opts.input, "Run the commands in this file first, as crash -i does")
		->type_name("FILE");
	std::string new_dir;
	CLI::App* new_cmd = app.add_subcommand(
		"new", "Write a starter scenario into a new directory DIR (init.sh, a module, a program, a README)");
	new_cmd->add_option("DIR", new_dir, "The directory to create; kctx new never overwrites one")->required();

	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError& e) {
		if (std::string hint = suggest_for_bad_command_line(declared_names(app), argc, argv); !hint.empty()) {
			print_error(hint);
			return kExitBadInput;
		}
		int code = app.exit(e);
		return code == 0 ? 0 : kExitBadInput;
	}
	if (run->parsed()) {
		run_opts.outputs = named_outputs(*run, run_opts.trace);
		run_opts.flags.warnings = run_opts.warning_option == "error" ? WarningPolicy::Error
					  : run_opts.no_warnings	     ? WarningPolicy::Ignore
								     : WarningPolicy::Report;
		if (run->count("--replay"))
			return replay_command(dir, run_opts.flags, run_opts.replay, run_opts.schedule);
		return run_command(dir, run_opts);
	}
	if (check->parsed())
		return check_command(dir, check_opts);
	if (disasm->parsed())
		return disasm_command(file, world, disasm_color);
	if (api->parsed())
		return api_command(api_opts);
	if (new_cmd->parsed())
		return new_command(new_dir);
	if (stap.command->parsed())
		return run_stap_command(stap);
	if (crash_cmd->parsed())
		return run_crash_command(crash_opts);
	return kExitBadInput;
}

}  // namespace kctx::cli
