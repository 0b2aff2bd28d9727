#include "cli/Stap.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/Output.h"
#include "cli/Scenario.h"
#include "kernel/core/Kernel.h"
#include "probe/FrontEnd.h"
#include "probe/attach/KernelProbes.h"
#include "probe/run/Resolve.h"
#include "probe/run/Session.h"
#include "trace/Syscalls.h"

namespace kctx::cli {

namespace {

constexpr int kStapFailed = 1;  // stap's own status for a failed pass or run
constexpr int kBadUsage = 2;

bool read_script(const std::string& path, std::string& text)
{
	if (path == "-") {
		text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
		return true;
	}
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	std::ostringstream s;
	s << in.rdbuf();
	text = s.str();
	return true;
}

int usage_error(const std::string& msg)
{
	std::fprintf(stderr, "kctx stap: %s\n", msg.c_str());
	return kBadUsage;
}

// -D NAME=VALUE for the limits stap's runtime reads; other names are accepted and have no
// effect, as a -D the generated module never tests.
Result<probe::Limits> parse_defines(const std::vector<std::string>& defines)
{
	probe::Limits limits;
	for (const std::string& d : defines) {
		size_t eq = d.find('=');
		std::string name = d.substr(0, eq);
		if (eq == std::string::npos || eq == 0)
			return Error{fmt::format("-D {}: expected NAME=VALUE", d)};
		std::string value = d.substr(eq + 1);
		char* end = nullptr;
		long long n = std::strtoll(value.c_str(), &end, 0);
		// The caps keep a script's host time and memory bounded: a hit runs at most 10M
		// statements, an array holds at most 1M entries, a string 64 KiB.
		struct Limit {
			const char* name;
			int64_t* into;
			long long max;
		};
		const Limit table[] = {{"MAXACTION", &limits.maxaction, 10'000'000},
				       {"MAXMAPENTRIES", &limits.maxmapentries, 1'000'000},
				       {"MAXSTRINGLEN", &limits.maxstringlen, 65'536}};
		const Limit* lim = nullptr;
		for (const Limit& l : table)
			if (name == l.name)
				lim = &l;
		if (!lim)
			continue;
		if (value.empty() || *end != '\0' || n < 1 || n > lim->max)
			return Error{fmt::format("-D {}: {} must be a number from 1 to {}", d, name, lim->max)};
		int64_t* into = lim->into;
		*into = n;
	}
	return limits;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_globals(const std::vector<std::string>& globals)
{
	std::vector<std::pair<std::string, std::string>> out;
	for (const std::string& g : globals) {
		size_t eq = g.find('=');
		if (eq == std::string::npos || eq == 0)
			return Error{fmt::format("-G {}: expected NAME=VALUE", g)};
		out.emplace_back(g.substr(0, eq), g.substr(eq + 1));
	}
	return out;
}

std::vector<std::string_view> syscall_names()
{
	std::vector<std::string_view> names;
	for (const trace::SyscallInfo& s : trace::syscall_table())
		names.push_back(s.name);
	return names;
}

// Boots the scenario with the session attached and runs until the session or the run
// ends. Returns the exit status.
int run_session(probe::Session& session, kernel::Kernel& k, const kernel::Code& code, const StapOptions& opts,
		OutputStream& out)
{
	probe::KernelProbes probes(session, k, &code);
	k.boot();
	k.set_hooks(&probes);
	auto flush = [&] {
		std::string console = k.take_console();
		if (opts.console)
			out.write(console);
		out.write(session.take_output());
		std::string err = session.take_errors();
		std::fputs(err.c_str(), stderr);
	};
	probes.start();
	flush();
	// Slices end at the next timer probe, so each fires between two slices at its time.
	constexpr uint64_t kSliceNs = 10'000'000;
	while (session.running()) {
		uint64_t until = std::min(k.now() + kSliceNs, probes.next_timer());
		bool more = k.run_until(until);
		probes.fire_timers(k.now());
		flush();
		if (out.failed() || !more)
			break;
	}
	probes.stop();
	k.set_hooks(nullptr);
	flush();
	if (opts.verbose) {
		uint64_t hits = session.hits();
		std::fprintf(stderr, "kctx stap: %llu probe hits (%.0f ns of host time each), %.6f s simulated\n",
			     static_cast<unsigned long long>(hits),
			     hits ? static_cast<double>(session.host_ns()) / static_cast<double>(hits) : 0.0,
			     static_cast<double>(k.now()) / 1e9);
	}
	if (auto written = out.finish(); !written.ok()) {
		std::fprintf(stderr, "%s\n", written.error().message.c_str());
		return kBadUsage;
	}
	return session.errors() > 0 ? kStapFailed : 0;
}

}  // namespace

void add_stap_command(CLI::App& app, StapOptions& opts)
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
	opts.command = stap;
}

int run_stap_command(const StapOptions& opts)
{
	if (!opts.list.empty() || !opts.list_vars.empty()) {
		std::vector<std::string_view> syscalls = syscall_names();
		bool vars = !opts.list_vars.empty();
		std::string out = probe::list_probe_points(vars ? opts.list_vars : opts.list, vars, syscalls);
		std::fwrite(out.data(), 1, out.size(), stdout);
		return 0;
	}
	probe::ScriptInput input;
	std::vector<std::string> rest = opts.rest;
	if (opts.has_script_text) {
		input.name = "<input>";
		input.text = opts.script_text;
	} else {
		if (rest.empty())
			return usage_error("a script file or -e SCRIPT is required");
		input.name = rest.front() == "-" ? "<input>" : rest.front();
		if (!read_script(rest.front(), input.text)) {
			std::fprintf(stderr, "Input file '%s' can't be opened for reading.\n", rest.front().c_str());
			return kStapFailed;
		}
		rest.erase(rest.begin());
	}
	input.args = std::move(rest);
	probe::Pass1 pass1 = probe::run_pass1(input);
	if (opts.pass == 1 || !pass1.ok) {
		std::fwrite(pass1.out.data(), 1, pass1.out.size(), stdout);
		std::fwrite(pass1.err.data(), 1, pass1.err.size(), stderr);
		return pass1.ok ? 0 : kStapFailed;
	}
	Result<probe::Limits> limits = parse_defines(opts.defines);
	if (!limits.ok())
		return usage_error(limits.error().message);
	auto globals = parse_globals(opts.globals);
	if (!globals.ok())
		return usage_error(globals.error().message);

	std::optional<Scenario> scenario;
	if (!opts.run_dir.empty()) {
		RunFlags flags;
		if (!opts.seconds.empty())
			flags.seconds = opts.seconds;
		if (!opts.seed.empty())
			flags.seed = opts.seed;
		if (!opts.cpus.empty())
			flags.cpus = opts.cpus;
		auto loaded = load_scenario(opts.run_dir, flags);
		if (!loaded.ok()) {
			std::string msg = loaded.error().message;
			std::fprintf(stderr, "%s%s", msg.c_str(), msg.ends_with("\n") ? "" : "\n");
			return kBadUsage;
		}
		scenario = std::move(*loaded);
	}
	uint32_t hz = scenario ? scenario->config.hz : 250;
	std::vector<std::string_view> syscalls = syscall_names();
	// module("NAME").function(): the functions of the scenario's modules (none without --run).
	std::vector<probe::ModuleFunctionInfo> module_functions;
	if (scenario)
		for (const vm::ProgramRef& mod : scenario->code.modules)
			for (const vm::Function& f : mod->functions)
				module_functions.push_back({mod->name, f.name, f.returns_value});
	probe::Resolved resolved = probe::resolve(pass1.script, hz, syscalls, module_functions);
	if (!resolved.ok) {
		std::fputs(resolved.err.c_str(), stderr);
		return kStapFailed;
	}
	if (opts.pass == 2) {
		std::string listing = "# probes\n" + resolved.listing;
		std::fwrite(listing.data(), 1, listing.size(), stdout);
		return 0;
	}
	if (opts.pass >= 3)
		return usage_error("passes 3 and 4 (translate, compile) do not exist in kctx: the script is interpreted");
	if (!scenario)
		return usage_error("running a script needs --run DIR, the scenario to attach it to (or -p1/-p2)");

	std::FILE* file = stdout;
	if (!opts.output.empty()) {
		file = std::fopen(opts.output.c_str(), "w");
		if (!file)
			return usage_error(fmt::format("cannot create '{}'", opts.output));
	}
	OutputStream out(file, opts.output.empty() ? "the output" : "'" + opts.output + "'");
	probe::SessionOptions so{*limits, std::move(*globals), opts.no_warnings};
	probe::Session session(std::move(pass1), std::move(resolved), std::move(so));
	kernel::Machine machine;
	kernel::Kernel k(scenario->config, scenario->code, machine);
	int status = run_session(session, k, scenario->code, opts, out);
	if (file != stdout)
		std::fclose(file);
	return status;
}

}  // namespace kctx::cli
