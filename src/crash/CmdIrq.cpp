// irq (kernel.c cmd_irq()): the irq_desc table (generic_dump_irq(): each line's
// descriptor and its irqaction chain, "(unused)" for a line without one), -u the lines
// that have a descriptor, -b the softirq vectors with their actions (kernel/softirq.c
// open_softirq() callers in 6.1), -a each in-use line's affinity, -s [-c cpus] the
// per-CPU counts as /proc/interrupts has them (generic_show_interrupts()), -d the IDT.
// kctx keeps no irq_desc or irqaction structs in memory: their addresses are
// crash/Addresses.h's, one per line and per action.
#include <charconv>
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "crash/Addresses.h"
#include "crash/Commands.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::crash {

namespace {

// Each vector's handler, in abi::Softirq order.
constexpr const char* kSoftirqActions[] = {
	"tasklet_hi_action",      // HI_SOFTIRQ: kernel/softirq.c softirq_init()
	"run_timer_softirq",      // TIMER_SOFTIRQ: kernel/time/timer.c init_timers()
	"net_tx_action",          // NET_TX_SOFTIRQ: net/core/dev.c net_dev_init()
	"net_rx_action",          // NET_RX_SOFTIRQ
	"blk_done_softirq",       // BLOCK_SOFTIRQ: block/blk-mq.c
	"irq_poll_softirq",       // IRQ_POLL_SOFTIRQ: lib/irq_poll.c
	"tasklet_action",         // TASKLET_SOFTIRQ: kernel/softirq.c
	"run_rebalance_domains",  // SCHED_SOFTIRQ: kernel/sched/fair.c
	"hrtimer_run_softirq",    // HRTIMER_SOFTIRQ: kernel/time/hrtimer.c
	"rcu_core_si",            // RCU_SOFTIRQ: kernel/rcu/tree.c
};
static_assert(std::size(kSoftirqActions) == abi::NR_SOFTIRQS);

std::string bottom_halves()
{
	std::string out = "SOFTIRQ_VEC      ACTION\n";
	for (size_t i = 0; i < std::size(kSoftirqActions); i++)
		out += fmt::format("    [{}]     {:16x}  <{}>\n", i, kernel::kernel_symbol_address(kSoftirqActions[i]),
				   kSoftirqActions[i]);
	return out;
}

// A line with at least one action, crash's "in use": its actions' names joined by ','.
struct InUse {
	uint32_t irq = 0;
	std::string names;
	const kernel::IrqDesc* desc = nullptr;   // null: not seeded yet (no counts)
};

std::vector<InUse> lines_in_use(const kernel::Machine& m)
{
	std::vector<InUse> lines;
	for (uint32_t irq = 0; irq < kernel::kIoapicPins; irq++) {
		const kernel::IrqDesc* d = irq < m.irq.descs.size() ? &m.irq.descs[irq] : nullptr;
		InUse l{irq, {}, d};
		// arch/x86/kernel/time.c setup_default_timer_irq(): request_irq(0, timer_interrupt,
		// ..., "timer", NULL) at boot; kctx keeps that line for itself (as /proc/interrupts shows it).
		if (irq == 0)
			l.names = "timer";
		for (size_t i = 0; d && i < d->actions.size(); i++)
			l.names += (l.names.empty() ? "" : ",") + d->actions[i].name;
		if (!l.names.empty())
			lines.push_back(std::move(l));
	}
	return lines;
}

// display_cpu_affinity(): runs of CPUs as "0-3,6".
std::string cpu_list(const std::vector<bool>& mask)
{
	std::string out;
	for (size_t c = 0; c < mask.size();) {
		if (!mask[c]) {
			c++;
			continue;
		}
		size_t end = c;
		while (end + 1 < mask.size() && mask[end + 1])
			end++;
		out += (out.empty() ? "" : ",") + (end == c ? std::to_string(c) : fmt::format("{}-{}", c, end));
		c = end + 1;
	}
	return out;
}

// -a (generic_get_irq_affinity()): irq_common_data.affinity. 6.1 starts every line at
// irq_default_affinity (all CPUs) and request_irq()'s irq_setup_affinity() keeps the
// online ones; kctx has no /proc/irq/N/smp_affinity to narrow it, so it is every CPU.
std::string affinity(const Target& t)
{
	std::string out = "IRQ NAME                 AFFINITY\n";
	std::vector<bool> all(t.machine.cpus.size(), true);
	for (const InUse& l : lines_in_use(t.machine))
		out += fmt::format("{:3} {:<20} {}\n", l.irq, l.names, cpu_list(all));
	return out;
}

// make_cpumask(): "1,3,5", "1-3", "all" or "a"; a CPU the machine lacks is refused.
std::optional<std::vector<bool>> cpu_mask(std::string_view spec, size_t ncpus)
{
	std::vector<bool> mask(ncpus, spec == "all" || spec == "a");
	if (mask.empty() || mask[0])
		return mask;
	auto number = [&](std::string_view s, size_t& v) {
		auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
		return !s.empty() && ec == std::errc() && end == s.data() + s.size() && v < ncpus;
	};
	while (true) {
		size_t comma = spec.find(',');
		std::string_view item = spec.substr(0, comma);
		size_t dash = item.find('-'), lo = 0, hi = 0;
		if (!number(item.substr(0, dash), lo) || !number(dash == item.npos ? item : item.substr(dash + 1), hi) || hi < lo)
			return std::nullopt;
		for (size_t c = lo; c <= hi; c++)
			mask[c] = true;
		if (comma == spec.npos)
			return mask;
		spec.remove_prefix(comma + 1);
	}
}

// -s (generic_show_interrupts()): "%3d: ", "%10u " per chosen CPU, the chip's name
// ("%8s", the IO-APIC's), "-%-8s" irq_desc.name (6.1's mp_register_handler() names the
// edge flow "edge") and the actions' names. crash prints neither the hwirq nor the
// arch lines (NMI, LOC, ...) that /proc/interrupts adds.
std::string statistics(const Target& t, const std::vector<bool>& cpus)
{
	std::string out = "     ";
	for (size_t c = 0; c < cpus.size(); c++)
		if (cpus[c])
			out += fmt::format("{:>10} ", fmt::format("CPU{}", c));
	out += '\n';
	for (const InUse& l : lines_in_use(t.machine)) {
		out += fmt::format("{:3}: ", l.irq);
		for (size_t c = 0; c < cpus.size(); c++)
			if (cpus[c])
				out += fmt::format("{:10} ", l.desc && c < l.desc->kstat.size() ? l.desc->kstat[c] : 0);
		out += fmt::format("{:>8}-{:<8} {}\n", "IO-APIC", "edge", l.names);
	}
	return out;
}

constexpr std::string_view kIrqHeader = " IRQ   IRQ_DESC/_DATA      IRQACTION      NAME\n";

// generic_dump_irq() for one line: "%3d   desc  action  \"name\"", further actions of
// a shared line under the first; a column with nothing in it says "(unused)", centred
// in the address's 16 places. kctx's IO-APIC lines have their descriptors from boot.
std::string irq_row(const kernel::Machine& m, uint32_t irq)
{
	constexpr std::string_view kUnused = "    (unused)    ";
	std::string out = fmt::format("{:3}   {:016x}  ", irq, addr::kIrqDescs + irq * addr::kIrqDescStride);
	std::vector<std::string> names;
	// irq 0's "timer" (arch/x86/kernel/time.c setup_default_timer_irq()) is kctx's own.
	if (irq == 0)
		names.push_back("timer");
	if (irq < m.irq.descs.size())
		for (const kernel::IrqAction& a : m.irq.descs[irq].actions)
			names.push_back(a.name);
	if (names.empty())
		return out + fmt::format("{}  \n", kUnused);
	for (size_t i = 0; i < names.size(); i++) {
		if (i)
			out += std::string(24, ' ');
		out += fmt::format("{:016x}  \"{}\"\n", addr::irq_action(irq, i), names[i]);
	}
	return out;
}

}  // namespace

std::string cmd_irq(SessionState& s, const Args& args)
{
	// getopt("dbuasc:"): -d, -b and -a answer at once, in the order given; -c takes a value.
	const Target& t = *s.target;
	bool stats = false;
	std::optional<std::string> cpus;
	std::vector<uint32_t> indices;
	for (size_t i = 1; i < args.size(); i++) {
		std::string_view a = args[i];
		if (a.size() < 2 || a[0] != '-') {
			uint32_t irq = 0;
			auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), irq);
			if (ec != std::errc() || end != a.data() + a.size())
				return fmt::format("irq: not a valid number: {}\n", a);
			if (irq >= kernel::kIoapicPins)
				return fmt::format("irq: invalid IRQ value: {}  ({} max)\n", irq, kernel::kIoapicPins - 1);
			indices.push_back(irq);
			continue;
		}
		for (size_t j = 1; j < a.size(); j++) {
			switch (a[j]) {
			case 'd':
				// x86_64_display_idt_table() reads idt_table's gates; kctx keeps no IDT
				// in memory, so it answers as crash does where there is none to read.
				return "irq: -d option not supported or applicable on this architecture or kernel\n";
			case 'b': return bottom_halves();
			case 'a': return affinity(t);
			case 's': stats = true; break;
			case 'u': break;
			case 'c':
				if (j + 1 < a.size())
					cpus = std::string(a.substr(j + 1));
				else if (i + 1 < args.size())
					cpus = args[++i];
				else
					return usage_error("irq", "option requires an argument -- 'c'");
				j = a.size();
				break;
			default: return usage_error("irq", fmt::format("invalid option -- '{}'", a[j]));
			}
		}
	}
	if (stats) {
		auto mask = cpu_mask(cpus.value_or("all"), t.machine.cpus.size());
		if (!mask)
			return fmt::format("irq: invalid cpu specification: {}\n", *cpus);
		return statistics(t, *mask);
	}
	// Every line, or those named; -u (only lines with a descriptor) is every line here.
	if (indices.empty())
		for (uint32_t irq = 0; irq < kernel::kIoapicPins; irq++)
			indices.push_back(irq);
	std::string out(kIrqHeader);
	for (uint32_t irq : indices)
		out += irq_row(t.machine, irq);
	return out;
}

}  // namespace kctx::crash
