// sys (kernel.c display_sys_stats()): labels right-aligned to 12 columns.
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Tasks.h"

namespace kctx::crash {

namespace {

std::string date_at(uint64_t ns) { return wall_clock(ns, "%a %b %e %H:%M:%S UTC %Y"); }

// crash's MEMORY: whole units as "512 MB", else one decimal.
std::string memory_size(uint64_t bytes)
{
	constexpr uint64_t kMB = 1ull << 20, kGB = 1ull << 30;
	if (bytes >= kGB)
		return bytes % kGB ? fmt::format("{:.1f} GB", static_cast<double>(bytes) / kGB)
				   : fmt::format("{} GB", bytes / kGB);
	return bytes % kMB ? fmt::format("{:.1f} MB", static_cast<double>(bytes) / kMB) : fmt::format("{} MB", bytes / kMB);
}

}  // namespace

// kernel.c get_panicmsg(): the first log line that says why the machine went down.
std::string panic_message(const Target& t)
{
	const kernel::Machine& m = t.machine;
	auto line = [&](size_t i) {
		std::string_view text = m.printk.log[i].text;
		return text.ends_with('\n') ? text.substr(0, text.size() - 1) : text;
	};
	for (size_t i = m.printk.head; i < m.printk.log.size(); i++)
		if (line(i).starts_with("Kernel panic - not syncing: "))
			return std::string(line(i));
	for (size_t i = m.printk.head; i < m.printk.log.size(); i++)
		if (line(i).find("Oops: ") != std::string_view::npos)
			return std::string(line(i)) + " (check log for details)";
	return {};
}

std::string cmd_sys(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "", p))
		return usage_error("sys", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	const kernel::Machine& m = t.machine;
	uint64_t now = t.meta.taken_ns;
	std::string out;
	auto line = [&](std::string_view label, const std::string& value) {
		out += fmt::format("{:>12}: {}\n", label, value);
	};
	line("KERNEL", fmt::format("vmlinux-{}  [kctx: symbols from the dump's sources]", t.config.release()));
	line("DUMPFILE", t.dumpfile);
	line("CPUS", std::to_string(m.cpus.size()));
	line("DATE", date_at(now));
	// kernel.c get_uptime(): jiffies_64 less INITIAL_JIFFIES, through convert_time().
	line("UPTIME", convert_time(now / t.config.tick_ns(), t.config.hz));
	// kernel/sched/loadavg.c: avenrun is first folded LOAD_FREQ (5 s + 1 tick) after boot;
	// kctx keeps no avenrun, so a later dump says so rather than guess.
	line("LOAD AVERAGE", now < 5'000'000'000ull + t.config.tick_ns() ? "0.00, 0.00, 0.00" : "(not simulated)");
	line("TASKS", std::to_string(tasks_in_order(t).size()));
	line("NODENAME", "(none)");
	line("RELEASE", std::string(t.config.release()));
	// init_uts_ns.name.version, which uname(2) and /proc/version print too: the release's.
	line("VERSION", std::string(t.config.spec().uts_version));
	line("MACHINE", "x86_64  (2000 Mhz)");
	line("MEMORY", memory_size(t.config.mem_bytes));
	// A live system has not panicked: crash prints no PANIC line for its memory source.
	if (!t.live)
		line("PANIC", fmt::format("\"{}\"", panic_message(t)));
	return out;
}

}  // namespace kctx::crash
