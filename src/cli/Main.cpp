#include "cli/Main.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/Api.h"
#include "cli/Check.h"
#include "cli/Color.h"
#include "cli/CommandLine.h"
#include "cli/HostGuard.h"
#include "cli/New.h"
#include "cli/Output.h"
#include "cli/Progress.h"
#include "cli/Scenario.h"
#include "cli/StapHost.h"
#include "cli/Stap.h"
#include "cli/TraceOptions.h"
#include "cli/LiveCrash.h"
#include "cli/Vmcore.h"
#include "kernel/core/Kernel.h"
#include "lang/Compiler.h"
#include "vm/Disassembler.h"

namespace kctx::cli {

namespace {

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
	std::unique_ptr<StapHost> stap = install_stap_host(k, sc.code, sc.stap_scripts, {sc.module_units, sc.program_units});
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

}  // namespace

int main(int argc, char** argv)
{
	install_out_of_memory_handler();
	std::variant<CommandLine, int> parsed = parse_command_line(argc, argv);
	if (const int* status = std::get_if<int>(&parsed))
		return *status;
	CommandLine& cl = std::get<CommandLine>(parsed);
	switch (cl.command) {
	case Command::Run:
		return run_command(cl.dir, cl.run);
	case Command::Replay:
		return replay_command(cl.dir, cl.run.flags, cl.run.replay, cl.run.schedule);
	case Command::Check:
		return check_command(cl.dir, cl.check);
	case Command::Disasm:
		return disasm_command(cl.disasm.file, cl.disasm.world, cl.disasm.color);
	case Command::Api:
		return api_command(cl.api);
	case Command::New:
		return new_command(cl.dir);
	case Command::Stap:
		return run_stap_command(cl.stap);
	case Command::Crash:
		return run_crash_command(cl.crash);
	}
	return kExitBadInput;
}

}  // namespace kctx::cli
