#include "cli/Stap.h"

#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/Output.h"
#include "cli/Scenario.h"
#include "cli/StapHost.h"
#include "cli/StapSession.h"
#include "kernel/core/Kernel.h"

namespace kctx::cli {

namespace {

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

// Boots the scenario with the session attached and runs until the session or the run
// ends. Returns the exit status.
// `host`: the probe host for a stap that the scenario's init.sh runs (null: none does).
int run_session(StapRun& run, kernel::Kernel& k, const StapOptions& opts, OutputStream& out, StapHost* host)
{
	k.boot();
	k.set_hooks(&run.hooks());
	if (host)
		host->set_base_hooks(&run.hooks());
	auto flush = [&] {
		std::string console = k.take_console();
		if (opts.console)
			out.write(console);
		out.write(run.take_output());
		std::string err = run.take_errors();
		std::fputs(err.c_str(), stderr);
	};
	run.start(0, kernel::kNoTask);
	flush();
	// Slices end at the next timer probe, so each fires between two slices at its time.
	constexpr uint64_t kSliceNs = 10'000'000;
	while (run.running()) {
		uint64_t until = std::min(k.now() + kSliceNs, run.next_timer());
		if (host)
			until = std::min(until, host->next_timer());
		bool more = k.run_until(until);
		run.fire_timers(k.now());
		if (host)
			host->fire_timers(k.now());
		flush();
		if (out.failed() || !more)
			break;
	}
	run.stop();
	// The machine's own stap sessions end with this one; what they print is console.
	std::string tail = host ? host->finish() : std::string();
	k.set_hooks(nullptr);
	flush();
	if (opts.console)
		out.write(tail);
	if (opts.verbose) {
		uint64_t hits = run.session().hits();
		std::fprintf(stderr, "kctx stap: %llu probe hits (%.0f ns of host time each), %.6f s simulated\n",
			     static_cast<unsigned long long>(hits),
			     hits ? static_cast<double>(run.session().host_ns()) / static_cast<double>(hits) : 0.0,
			     static_cast<double>(k.now()) / 1e9);
	}
	if (auto written = out.finish(); !written.ok()) {
		std::fprintf(stderr, "%s\n", written.error().message.c_str());
		return kBadUsage;
	}
	return run.status();
}

}  // namespace

int run_stap_command(const StapOptions& opts)
{
	std::optional<Scenario> scenario;
	auto machine = [&]() -> Result<StapMachine> {
		if (opts.run_dir.empty())
			return StapMachine{};
		RunFlags flags;
		if (!opts.seconds.empty())
			flags.seconds = opts.seconds;
		if (!opts.seed.empty())
			flags.seed = opts.seed;
		if (!opts.cpus.empty())
			flags.cpus = opts.cpus;
		flags.keep_types = true;   // the modules' sources name their functions' parameters
		auto loaded = load_scenario(opts.run_dir, flags);
		if (!loaded.ok())
			return loaded.error();
		scenario = std::move(*loaded);
		return StapMachine{scenario->config.hz, &scenario->code, {scenario->module_units, scenario->program_units}};
	};
	StapPrepared prepared = prepare_stap(opts, read_script, machine, "kctx stap");
	std::fwrite(prepared.out.data(), 1, prepared.out.size(), stdout);
	std::fwrite(prepared.err.data(), 1, prepared.err.size(), stderr);
	if (!prepared.session)
		return prepared.status;
	if (!scenario)
		return usage_error("running a script needs --run DIR, the scenario to attach it to (or -p1/-p2)");

	std::FILE* file = stdout;
	if (!opts.output.empty()) {
		file = std::fopen(opts.output.c_str(), "w");
		if (!file)
			return usage_error(fmt::format("cannot create '{}'", opts.output));
	}
	OutputStream out(file, opts.output.empty() ? "the output" : "'" + opts.output + "'");
	kernel::Machine machine_value;
	kernel::Kernel k(scenario->config, scenario->code, machine_value);
	StapRun run(std::move(prepared.session), k, &scenario->code);
	// init.sh may run stap itself: its sessions run beside this one.
	std::unique_ptr<StapHost> host = install_stap_host(k, scenario->code, scenario->stap_scripts,
							      {scenario->module_units, scenario->program_units});
	int status = run_session(run, k, opts, out, host.get());
	if (file != stdout)
		std::fclose(file);
	return status;
}

}  // namespace kctx::cli
