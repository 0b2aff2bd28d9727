// timer (kernel.c cmd_timer(), the timer_bases[] walk of kernels since 4.8): JIFFIES,
// then each CPU's timer base with its pending timer_lists: EXPIRES (timer->expires),
// TTE (expires - jiffies), the timer_list's address and its function. -r: each CPU's
// hrtimer bases, with the tick's own tick_sched_timer while the tick runs.
#include <fmt/format.h>

#include "crash/Addresses.h"
#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::crash {

namespace {

// include/linux/timer.h: a deferrable timer sits in its CPU's BASE_DEF.
constexpr uint32_t kTimerDeferrable = 0x00080000;
constexpr const char* kBaseNames[] = {"BASE_STD", "BASE_DEF"};
// The hrtimer clock bases crash lists, with their get_time functions.
constexpr const char* kClockGetTime[] = {"ktime_get", "ktime_get_real", "ktime_get_boottime", "ktime_get_clocktai"};

// include/linux/jiffies.h INITIAL_JIFFIES, then one a tick (as kernel::Kernel::jiffies_at).
uint64_t jiffies_at(const Target& t, uint64_t ns)
{
	uint64_t initial = static_cast<uint32_t>(-300 * static_cast<int32_t>(t.config.hz));
	return initial + ns / t.config.tick_ns();
}

// A function pointer as crash shows it: "ADDR  <name>".
std::string function_column(const Target& t, uint64_t fn)
{
	if (auto s = symbol_at(t, fn))
		return fmt::format("{:16x}  <{}>", fn, symbol_offset(*s, fn));
	return fmt::format("{:16x}", fn);
}

std::string kernel_function(std::string_view name)
{
	return fmt::format("{:16x}  <{}>", kernel::kernel_symbol_address(name), name);
}

std::string timer_function(const Target& t, const kernel::Timer& tm)
{
	switch (tm.kind) {
	case kernel::TimerKind::Module: return function_column(t, tm.fn);
	case kernel::TimerKind::ProcessTimeout: return kernel_function("process_timeout");
	case kernel::TimerKind::DelayedWork: return kernel_function("delayed_work_timer_fn");
	}
	return {};
}

std::string hrtimer_function(const Target& t, const kernel::Hrtimer& h)
{
	switch (h.kind) {
	case kernel::HrtimerKind::Module: return function_column(t, h.fn);
	case kernel::HrtimerKind::Sleeper: return kernel_function("hrtimer_wakeup");
	case kernel::HrtimerKind::Alarm: return kernel_function("it_real_fn");
	case kernel::HrtimerKind::Watchdog: return kernel_function("watchdog_timer_fn");
	}
	return {};
}

std::string timer_wheel(const Target& t)
{
	const kernel::Machine& m = t.machine;
	uint64_t jiffies = jiffies_at(t, t.meta.taken_ns);
	std::string out = fmt::format("JIFFIES\n{}\n", jiffies);
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++) {
		for (uint32_t base = 0; base < 2; base++) {
			out += fmt::format("TIMER_BASES[{}][{}]: {:x}\n", cpu, kBaseNames[base],
					   addr::per_cpu(cpu, addr::kTimerBases + base * addr::kTimerBaseStride));
			out += "  EXPIRES        TTE         TIMER_LIST     FUNCTION\n";
			for (const kernel::TimerQueueKey& k : m.time.timer_queue) {
				auto it = m.time.timers.find(k.addr);
				if (k.cpu != cpu || it == m.time.timers.end())
					continue;
				const kernel::Timer& tm = it->second;
				if (((tm.flags & kTimerDeferrable) ? 1u : 0u) != base)
					continue;
				int64_t tte = static_cast<int64_t>(tm.expires - jiffies);
				out += fmt::format("  {:<10}  {:>7}  {:16x}  {}\n", tm.expires, tte, k.addr, timer_function(t, tm));
			}
		}
	}
	return out;
}

std::string hrtimer_bases(const Target& t)
{
	const kernel::Machine& m = t.machine;
	uint64_t now = t.meta.taken_ns;
	std::string out;
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++) {
		uint64_t base = addr::per_cpu(cpu, addr::kHrtimerBases);
		out += fmt::format("{}CPU: {}  HRTIMER_CPU_BASE: {:x}\n", cpu ? "\n" : "", cpu, base);
		for (uint32_t clock = 0; clock < 4; clock++) {
			out += fmt::format("  CLOCK: {}  HRTIMER_CLOCK_BASE: {:x}  [{}]\n", clock,
					   base + addr::kHrtimerClockBase + clock * addr::kHrtimerClockBaseStride, kClockGetTime[clock]);
			std::vector<std::string> rows;
			auto row = [&](uint64_t expires, uint64_t at, const std::string& fn) {
				rows.push_back(fmt::format("  {:<13}  {:<13}  {:>10}  {:16x}  {}\n", expires, expires,
							   static_cast<int64_t>(expires - now), at, fn));
			};
			if (clock == 0) {
				// kernel/time/tick-sched.c: the periodic tick is tick_cpu_sched's hrtimer.
				const kernel::Cpu& c = m.cpus[cpu];
				bool tick_first = !c.tick.stopped;
				for (const kernel::TimerQueueKey& k : m.time.hrtimer_queue) {
					auto it = m.time.hrtimers.find(k.addr);
					if (k.cpu != cpu || it == m.time.hrtimers.end())
						continue;
					if (tick_first && c.tick.next <= it->second.expires) {
						row(c.tick.next, base + 0x900, kernel_function("tick_sched_timer"));
						tick_first = false;
					}
					row(it->second.expires, k.addr, hrtimer_function(t, it->second));
				}
				if (tick_first)
					row(c.tick.next, base + 0x900, kernel_function("tick_sched_timer"));
			}
			if (rows.empty()) {
				out += "  (empty)\n";
				continue;
			}
			out += fmt::format("     CURRENT\n  {}\n", clock == 1 ? now + static_cast<uint64_t>(kBootEpoch) * 1'000'000'000ull : now);
			out += "   SOFTEXPIRES      EXPIRES         TTE         HRTIMER           FUNCTION\n";
			for (const std::string& r : rows)
				out += r;
		}
	}
	return out;
}

}  // namespace

std::string cmd_timer(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "r", p))
		return usage_error("timer", fmt::format("invalid option -- '{}'", *bad));
	return has_flag(p, 'r') ? hrtimer_bases(*s.target) : timer_wheel(*s.target);
}

}  // namespace kctx::crash
