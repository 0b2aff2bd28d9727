#include "cli/CommandLine.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/Output.h"
#include "cli/Suggest.h"
#include "trace/Category.h"

namespace kctx::cli {

namespace {

constexpr int kExitBadInput = 2;

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

// A bad category list fails the parse with a message naming it.
void add_trace_options(CLI::App& run, TraceOptions& opts)
{
	CLI::Option* trace =
		run.add_option(
			   "--trace", opts.categories,
			   "Print ftrace-style trace lines: a comma-separated list of sched, syscalls, irq, "
			   "timer, printk, or all")
			->type_name("LIST")
			->check(CLI::Validator(
				[](std::string& list) {
					auto set = trace::parse_categories(list);
					return set.ok() ? std::string() : set.error().message;
				},
				""));
	run.add_option("--trace-out", opts.out,
		       "Write the --trace lines to FILE instead of interleaving them with the console")
		->type_name("FILE")
		->needs(trace);
	run.add_option("--perfetto", opts.perfetto,
		       "Write a Chrome JSON trace (CPU tracks of running tasks, interrupts, syscalls) for "
		       "ui.perfetto.dev")
		->type_name("FILE");
	run.add_option("--html", opts.html,
		       "Write one self-contained HTML page: a timeline per CPU of the contexts that ran "
		       "(user, kernel, softirq, hardirq, idle, spinning), preempt_count, irqs off, task "
		       "states and the reports, beside the console")
		->type_name("FILE");
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

// The `stap` subcommand, for `kctx stap` and for stap inside the machine alike.
CLI::App* add_stap_command(CLI::App& app, StapOptions& opts)
{
	CLI::App* stap = app.add_subcommand(
		"stap", "Run a SystemTap 4.8 script on a scenario (--run DIR); -p1 prints its parse tree as stap -p1 "
			"does, -p2 its resolved probe points");
	stap->add_option("-p", opts.pass, "Stop after pass N: 1 parse, 2 resolve probe points")->check(CLI::Range(1, 5));
	stap->add_option("-e", opts.script_text, "The script text itself instead of a file")
		->each([&opts](const std::string&) { opts.has_script_text = true; });
	stap->add_option("-l", opts.list, "List the probe points matching PATTERN (a glob) and exit")
		->type_name("PATTERN");
	stap->add_option("-L", opts.list_vars, "As -l, with each probe point's target variables and locals")
		->type_name("PATTERN");
	stap->add_option("--run", opts.run_dir, "The scenario directory to boot with the script attached")
		->type_name("DIR");
	stap->add_option("-o", opts.output, "Write the script's output to FILE instead of stdout")->type_name("FILE");
	stap->add_flag("-v", opts.verbose, "Say how many probe hits the session ran and how long it ran (stderr)");
	stap->add_flag("-w", opts.no_warnings, "Do not print the script's warn() messages");
	stap->add_flag("--console", opts.console, "Print the machine's console too, interleaved with the output");
	stap->add_option("-D", opts.defines, "NAME=VALUE: MAXACTION, MAXMAPENTRIES or MAXSTRINGLEN")
		->type_name("NAME=VALUE")->allow_extra_args(false);
	stap->add_option("-G", opts.globals, "NAME=VALUE: the initial value of global NAME")->type_name("NAME=VALUE")->allow_extra_args(false);
	stap->add_option("--seconds", opts.seconds, "Simulated seconds the run may last (as kctx run)")->type_name("S");
	stap->add_option("--seed", opts.seed, "Seed for the machine's timing jitter (as kctx run)")->type_name("N");
	stap->add_option("--cpus", opts.cpus, "Number of CPUs (as kctx run)")->type_name("N");
	stap->add_option("SCRIPT_AND_ARGS", opts.rest,
			 "The script file (- for stdin) unless -e is given, then the arguments $1/@1, $2/@2 ... "
			 "(put -- before arguments that start with '-')");
	return stap;
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

std::variant<CommandLine, int> parse_command_line(int argc, char** argv)
{
	CommandLine cl;
	CLI::App app{"kctx: a simulator of Linux 6.1 kernel execution contexts.\n"
		     "Runs a kernel module and user programs written in kernel C on a simulated SMP machine\n"
		     "and prints the console a real machine prints.\n"
		     "Exit status: 0 clean, 1 the kernel reported a problem, 2 bad input or an unwritable\n"
		     "output, 3 stopped by --max-wall or --max-host-memory.",
		     "kctx"};
	app.set_version_flag("--version", kVersion);
	app.require_subcommand(1);

	CLI::App* run = app.add_subcommand("run", "Boot the simulated machine and run a scenario directory (DIR/init.sh)");
	run->add_option("DIR", cl.dir, "Scenario directory holding init.sh and its .c files (or its init.sh)")->required();
	add_run_options(*run, cl.run);

	CLI::App* check = app.add_subcommand(
		"check", "Explore every interleaving and interrupt arrival of a scenario: the shortest run that breaks a\n"
			 "rule, or the bounds within which none does. Exit status: 0 none within the bounds, 1 a violation,\n"
			 "2 bad input, 3 --max-states or --time-limit reached first");
	check->add_option("DIR", cl.dir, "Scenario directory holding init.sh and its .c files (or its init.sh)")->required();
	add_check_options(*check, cl.check);

	CLI::App* disasm = app.add_subcommand("disasm", "Compile a kernel-C file and print its bytecode");
	disasm->add_option("FILE", cl.disasm.file, "A module or program source file")->required();
	disasm->add_option("--world", cl.disasm.world, "kernel, user or auto (a file that includes <linux/...> is a module)")
		->check(CLI::IsMember({"kernel", "user", "auto"}));
	add_color_option(*disasm, cl.disasm.color);

	CLI::App* api = app.add_subcommand(
		"api", "List the functions, macros and headers modules (or, with --user, programs) can use");
	api->add_option("PATTERN", cl.api.pattern, "A glob (spin_*) or a substring (kstrto) of the names to list");
	api->add_flag("--user", cl.api.user, "The user programs' libc instead of the kernel's API");
	api->add_flag("--headers", cl.api.headers, "List the headers #include accepts instead");
	api->add_flag("--markdown", cl.api.markdown, "Print a Markdown table");
	CLI::App* stap = add_stap_command(app, cl.stap);
	cl.crash.kctx_version = kVersion;
	CLI::App* crash_cmd = app.add_subcommand(
		"crash", "Inspect a vmcore (kctx run --vmcore) with crash 8.0.2's commands: sys, ps, bt, log, ...");
	crash_cmd->add_option("FILE", cl.crash.dumpfile, "The vmcore")->required();
	crash_cmd->add_option("--json", cl.crash.json,
			      "Print the answer of one command (ps, bt, task, log, runq, with its arguments) as JSON and exit");
	crash_cmd->add_option("-i", cl.crash.input, "Run the commands in this file first, as crash -i does")
		->type_name("FILE");
	CLI::App* new_cmd = app.add_subcommand(
		"new", "Write a starter scenario into a new directory DIR (init.sh, a module, a program, a README)");
	new_cmd->add_option("DIR", cl.dir, "The directory to create; kctx new never overwrites one")->required();

	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError& e) {
		if (std::string hint = suggest_for_bad_command_line(declared_names(app), argc, argv); !hint.empty()) {
			// As every message about the input: its control bytes escaped.
			std::string shown = escape_controls(hint);
			if (!shown.empty() && shown.back() != '\n')
				shown += '\n';
			std::fputs(shown.c_str(), stderr);
			return kExitBadInput;
		}
		int code = app.exit(e);
		return code == 0 ? 0 : kExitBadInput;
	}
	if (run->parsed()) {
		RunOptions& o = cl.run;
		o.outputs = named_outputs(*run, o.trace);
		o.flags.warnings = o.warning_option == "error" ? WarningPolicy::Error
				   : o.no_warnings	       ? WarningPolicy::Ignore
							       : WarningPolicy::Report;
		cl.command = run->count("--replay") ? Command::Replay : Command::Run;
	} else if (check->parsed()) {
		cl.command = Command::Check;
	} else if (disasm->parsed()) {
		cl.command = Command::Disasm;
	} else if (api->parsed()) {
		cl.command = Command::Api;
	} else if (new_cmd->parsed()) {
		cl.command = Command::New;
	} else if (stap->parsed()) {
		cl.command = Command::Stap;
	} else if (crash_cmd->parsed()) {
		cl.command = Command::Crash;
	} else {
		return kExitBadInput;
	}
	return cl;
}

Result<StapOptions> parse_stap_arguments(std::span<const std::string> args)
{
	CLI::App app;
	StapOptions opts;
	add_stap_command(app, opts);
	std::vector<std::string> argv{"stap"};
	argv.insert(argv.end(), args.begin(), args.end());
	std::reverse(argv.begin(), argv.end());   // CLI11 takes its arguments last first
	try {
		app.parse(argv);
	} catch (const CLI::ParseError& e) {
		return Error{e.what()};
	}
	return opts;
}

}  // namespace kctx::cli
