#include "cli/Check.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check/Explorer.h"
#include "check/ReplayFile.h"
#include "cli/Output.h"

namespace kctx::cli {

namespace {
constexpr int kExitClean = 0;
constexpr int kExitViolation = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitLimit = 3;

void say(const std::string& s) { std::fputs(escape_controls(s).c_str(), stderr); }

double peak_rss_mb()
{
	rusage u{};
	getrusage(RUSAGE_SELF, &u);
	return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::string figures_line(const check::Figures& f)
{
	double rate = f.seconds > 0 ? static_cast<double>(f.states) / f.seconds : 0;
	std::string por = f.por ? fmt::format("partial-order reduction on ({} steps fused, {} taken back)", f.fused, f.undone)
			  : f.por_off.empty() ? std::string("partial-order reduction off")
					      : fmt::format("partial-order reduction off ({})", f.por_off);
	return fmt::format("kctx check: {} states, {} transitions, max depth {}, {:.2f} s, {:.0f} states/s, "
			   "{:.1f} bytes/state stored, peak RSS {:.1f} MB{}; {}\n",
			   f.states, f.transitions, f.max_depth, f.seconds, rate,
			   f.states ? static_cast<double>(f.store_bytes) / static_cast<double>(f.states) : 0.0, peak_rss_mb(),
			   f.iterations ? fmt::format(", {} iterative-deepening passes", f.iterations) : "", por);
}

std::string schedule_line(size_t i, const kernel::Choice& c, const kernel::StepNote& n)
{
	return fmt::format("{:5}  CPU{} {:<18} {:<7} {:#010x}  {}\n", i + 1, c.cpu, n.who, n.context, n.preempt_count, n.what);
}

std::string schedule_text(const check::CheckResult& r)
{
	std::string out = fmt::format("schedule ({} steps from boot; CPU, task, context, preempt_count, operation):\n",
				      r.trace.size());
	for (size_t i = 0; i < r.trace.size(); i++)
		out += schedule_line(i, r.trace[i].choice, r.trace[i].note);
	return out;
}

Result<kernel::Machine> boot(const Scenario& sc)
{
	kernel::Machine m;
	kernel::Kernel k(sc.config, sc.code, m);
	k.boot();
	return m;
}
}  // namespace

int check_command(const std::string& dir, const CheckOptions& opts)
{
	auto scenario = load_scenario(dir, opts.flags);
	if (!scenario.ok()) {
		say(scenario.error().message + "\n");
		return kExitBadInput;
	}
	Scenario& sc = *scenario;
	check::Options o;
	o.search = opts.search == "dfs" ? check::Search::Dfs : opts.search == "iterative" ? check::Search::Iterative : check::Search::Bfs;
	o.hash = opts.hash == "exact" ? check::HashMode::Exact : opts.hash == "bitstate" ? check::HashMode::Bitstate : check::HashMode::Compact;
	if (o.hash == check::HashMode::Bitstate && o.search == check::Search::Iterative) {
		say("kctx check: --search iterative keeps each state's depth, which --hash bitstate cannot: use compact or exact\n");
		return kExitBadInput;
	}
	o.bitstate_log2 = opts.bitstate_log2;
	o.por = !opts.no_por;
	o.bounds.preemption_bound = opts.preemption_bound;
	o.bounds.max_irqs = opts.max_irqs;
	o.bounds.depth = opts.depth;
	o.bounds.max_states = opts.max_states;
	o.bounds.time_limit_s = opts.time_limit;
	if (!opts.quiet && isatty(STDERR_FILENO)) {
		o.progress = [](const check::Figures& f, uint64_t queued) {
			std::fprintf(stderr, "\r%llu states, %.0f states/s, depth %u, queue %llu, %.1f MB   ",
				     static_cast<unsigned long long>(f.states), f.seconds > 0 ? f.states / f.seconds : 0.0,
				     f.max_depth, static_cast<unsigned long long>(queued), peak_rss_mb());
		};
	}
	auto machine = boot(sc);
	check::CheckResult r = check::explore(sc.config, sc.code, *machine, o);
	if (o.progress)
		std::fputs("\r\033[K", stderr);
	OutputStream out(stdout, "the report");
	std::string bounds = fmt::format("{} CPUs, at most {} timer interrupts per CPU, depth {}", sc.config.cpus,
					 opts.max_irqs, opts.depth);
	if (opts.preemption_bound >= 0)
		bounds += fmt::format(", at most {} preemptions", opts.preemption_bound);
	int status = kExitClean;
	switch (r.outcome) {
	case check::Outcome::Clean:
		out.write(fmt::format("kctx check: no violation in any interleaving within the bounds ({}; {}{}{})\n", bounds,
				      r.figures.irq_bound_hit ? "the interrupt budget was reached" : "the interrupt budget was not reached",
				      r.figures.depth_bound_hit ? ", the depth bound was reached" : "",
				      r.figures.preemption_bound_hit ? ", the preemption bound was reached" : ""));
		break;
	case check::Outcome::Limit:
		out.write(fmt::format("kctx check: {} reached before the search ended: no violation among the states explored\n",
				      r.limit));
		status = kExitLimit;
		break;
	case check::Outcome::Violation: {
		std::string msg = r.message.empty() ? "the kernel reported a problem" : r.message;
		if (msg.back() != '\n')
			msg += '\n';
		out.write("kctx check: violation: " + msg);
		out.write(schedule_text(r));
		kernel::Machine m = *machine;
		std::vector<kernel::Choice> choices;
		for (const auto& s : r.trace)
			choices.push_back(s.choice);
		std::string console;
		(void)check::replay(sc.config, sc.code, m, choices, nullptr, &console);
		out.write("console on this interleaving:\n" + console);
		if (!console.empty() && console.back() != '\n')
			out.write("\n");
		check::ReplayFile file{sc.config.cpus, choices, {}};
		std::string text = check::format_replay(file, fmt::format("kctx check {}: {}", dir, msg.substr(0, msg.find('\n'))));
		if (!opts.replay_out.empty()) {
			if (std::FILE* f = std::fopen(opts.replay_out.c_str(), "w")) {
				bool ok = std::fputs(text.c_str(), f) >= 0;
				ok = std::fclose(f) == 0 && ok;
				if (!ok) {
					say(fmt::format("kctx: cannot write {}\n", opts.replay_out));
					return kExitBadInput;
				}
				out.write(fmt::format("replay saved to {}: kctx run {} --replay {}\n", opts.replay_out, dir,
						      opts.replay_out));
			} else {
				say(fmt::format("kctx: cannot write {}\n", opts.replay_out));
				return kExitBadInput;
			}
		}
		status = kExitViolation;
		break;
	}
	}
	if (auto written = out.finish(); !written.ok()) {
		say(written.error().message + "\n");
		return kExitBadInput;
	}
	say(figures_line(r.figures));
	return status;
}

int replay_command(const std::string& dir, const RunFlags& flags, const std::string& file, bool show_schedule)
{
	auto scenario = load_scenario(dir, flags);
	if (!scenario.ok()) {
		say(scenario.error().message + "\n");
		return kExitBadInput;
	}
	Scenario& sc = *scenario;
	auto text = read_file(file);
	if (!text.ok()) {
		say(text.error().message + "\n");
		return kExitBadInput;
	}
	auto parsed = check::parse_replay(file, *text);
	if (!parsed.ok()) {
		say(parsed.error().message + "\n");
		return kExitBadInput;
	}
	if (parsed->cpus != sc.config.cpus) {
		say(fmt::format("{}: error: recorded on {} CPUs, the scenario has {} (give --cpus {})\n", file, parsed->cpus,
				sc.config.cpus, parsed->cpus));
		return kExitBadInput;
	}
	auto machine = boot(sc);
	kernel::Machine& m = *machine;
	kernel::Kernel k(sc.config, sc.code, m);
	OutputStream out(stdout, "the console");
	out.write(k.take_console());
	for (size_t i = 0; i < parsed->choices.size(); i++) {
		std::vector<kernel::Choice> enabled = k.choices();
		const kernel::Choice& ch = parsed->choices[i];
		if (std::none_of(enabled.begin(), enabled.end(), [&](const kernel::Choice& e) { return e.same_step(ch); })) {
			(void)out.finish();
			say(fmt::format("{}:{}:1: error: '{} {}' is not enabled at step {} of this scenario (another scenario's replay?)\n",
					file, parsed->lines[i], kernel::choice_kind_name(ch.kind), ch.cpu, i + 1));
			return kExitBadInput;
		}
		kernel::StepNote note = k.take(ch);
		if (show_schedule)
			say(schedule_line(i, ch, note));
		out.write(k.take_console());
	}
	if (!m.printk.console_at_line_start)
		out.write("\n");
	if (auto written = out.finish(); !written.ok()) {
		say(written.error().message + "\n");
		return kExitBadInput;
	}
	kernel::Summary s = k.summary();
	say(fmt::format("kctx: replayed {} choices, {}\n", parsed->choices.size(),
			s.findings.total() || s.findings.panicked ? "the kernel reported a problem" : "no reports"));
	return s.findings.total() > 0 || s.findings.panicked ? 1 : 0;
}

}  // namespace kctx::cli
