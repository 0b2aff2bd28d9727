#include "cli/Main.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "cli/Scenario.h"
#include "cli/TraceOptions.h"
#include "kernel/core/Kernel.h"
#include "lang/Compiler.h"
#include "vm/Disassembler.h"

namespace kctx::cli {

namespace {

constexpr const char* kVersion = "kctx 0.1.0 (Linux 6.1 x86-64 execution contexts)";

// Exit statuses: 0 clean, 1 the kernel reported a problem, 2 bad input.
constexpr int kExitClean = 0;
constexpr int kExitReported = 1;
constexpr int kExitBadInput = 2;

int run_command(const std::string& dir, const RunFlags& flags, bool quiet, const TraceOptions& trace_opts)
{
	auto scenario = load_scenario(dir, flags);
	if (!scenario.ok()) {
		std::string msg = scenario.error().message;
		std::fputs(msg.c_str(), stderr);
		if (!msg.empty() && msg.back() != '\n')
			std::fputc('\n', stderr);
		return kExitBadInput;
	}
	Scenario& sc = *scenario;
	auto session = TraceSession::open(trace_opts, sc.config, sc.code);
	if (!session.ok()) {
		std::fprintf(stderr, "%s\n", session.error().message.c_str());
		return kExitBadInput;
	}
	std::unique_ptr<TraceSession> trace = std::move(*session);
	kernel::Machine machine;
	kernel::Kernel k(sc.config, sc.code, machine);
	k.boot();
	if (trace)
		trace->attach(k);
	auto wall_start = std::chrono::steady_clock::now();
	// Stream the console every simulated 10 ms, so a long run shows progress as it goes.
	constexpr uint64_t kSliceNs = 10'000'000;
	for (;;) {
		bool more = k.run_until(k.now() + kSliceNs);
		std::string out = k.take_console();
		// With --trace and no --trace-out, the trace lines go out with the console.
		if (trace)
			out = trace->drain(std::move(out), !quiet);
		else if (quiet)
			out.clear();
		if (!out.empty()) {
			std::fwrite(out.data(), 1, out.size(), stdout);
			std::fflush(stdout);
		}
		if (!more)
			break;
	}
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
	kernel::Summary s = k.summary();
	if (trace ? trace->stdout_mid_line() : !quiet && !machine.console_at_line_start)
		std::fputc('\n', stdout);
	std::fflush(stdout);
	if (trace) {
		if (auto written = trace->finish(machine); !written.ok()) {
			std::fprintf(stderr, "%s\n", written.error().message.c_str());
			return kExitBadInput;
		}
	}
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
	std::fprintf(stderr, "kctx: %.6f s simulated in %.2f s, %llu context switches, %llu interrupts%s\n",
		     static_cast<double>(s.sim_ns) / 1e9, wall, static_cast<unsigned long long>(s.context_switches),
		     static_cast<unsigned long long>(s.interrupts), reports.empty() ? ", no reports" : reports.c_str());
	return s.findings.total() > 0 || s.findings.panicked ? kExitReported : kExitClean;
}

int disasm_command(const std::string& path, const std::string& world_name)
{
	auto text = read_file(path);
	if (!text.ok()) {
		std::fprintf(stderr, "%s\n", text.error().message.c_str());
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
	std::fputs(rendered.c_str(), stderr);
	if (!program)
		return kExitBadInput;
	std::string listing = vm::disassemble(*program);
	std::fwrite(listing.data(), 1, listing.size(), stdout);
	return kExitClean;
}

}  // namespace

int main(int argc, char** argv)
{
	CLI::App app{"kctx: a simulator of Linux 6.1 kernel execution contexts.\n"
		     "Runs a kernel module and user programs written in kernel C on a simulated SMP machine\n"
		     "and prints the console a real machine prints.",
		     "kctx"};
	app.set_version_flag("--version", kVersion);
	app.require_subcommand(1);

	std::string dir;
	RunFlags flags;
	bool quiet = false;
	CLI::App* run = app.add_subcommand("run", "Boot the simulated machine and run a scenario directory (DIR/init.sh)");
	run->add_option("DIR", dir, "Scenario directory holding init.sh and its .c files")->required();
	run->add_option("--cpus", flags.cpus, "Number of CPUs (1-64; default 4, or the init.sh header)");
	run->add_option("--seconds", flags.seconds, "Simulated seconds after which the run stops (default 10)");
	run->add_option("--seed", flags.seed, "Seed for the machine's timing jitter (default 1)");
	run->add_option("--hz", flags.hz, "Timer tick frequency: 100, 250, 300 or 1000 (default 250)");
	run->add_option("--preempt", flags.preempt, "Preemption model: none, voluntary or full (default voluntary)");
	run->add_option("--config", flags.config,
			"Kernel profile: debug (DEBUG_ATOMIC_SLEEP, PROVE_LOCKING, DEBUG_PREEMPT) or debian (default debug)");
	run->add_flag("-q,--quiet", quiet, "Do not print the console; only the summary line");
	run->add_flag("--mem-pressure", flags.mem_pressure,
		      "Memory pressure: GFP_KERNEL allocations sleep in direct reclaim, GFP_ATOMIC ones may fail");
	TraceOptions trace_opts;
	add_trace_options(*run, trace_opts);

	std::string file;
	std::string world = "auto";
	CLI::App* disasm = app.add_subcommand("disasm", "Compile a kernel-C file and print its bytecode");
	disasm->add_option("FILE", file, "A module or program source file")->required();
	disasm->add_option("--world", world, "kernel, user or auto (a file that includes <linux/...> is a module)")
		->check(CLI::IsMember({"kernel", "user", "auto"}));

	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError& e) {
		int code = app.exit(e);
		return code == 0 ? 0 : kExitBadInput;
	}
	if (run->parsed())
		return run_command(dir, flags, quiet, trace_opts);
	if (disasm->parsed())
		return disasm_command(file, world);
	return kExitBadInput;
}

}  // namespace kctx::cli
