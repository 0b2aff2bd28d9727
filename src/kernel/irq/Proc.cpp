// What user space sees of interrupt lines: /proc/interrupts (kernel/irq/proc.c
// show_interrupts(), arch/x86/kernel/irq.c arch_show_interrupts()) and the debugfs file
// /sys/kernel/debug/irq/irqs/N whose "trigger" injects an interrupt (kernel/irq/debugfs.c,
// CONFIG_GENERIC_IRQ_INJECTION): the way a scenario raises a line from init.sh or a program.
#include <charconv>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {

// kernel/irq/proc.c: the width of the irq column. x86's arch_probe_nr_irqs() gives
// nr_irqs = gsi_top + nr_legacy_irqs + 8 * nr_cpu_ids + gsi_top * 16 (PCI_MSI), under
// 1000 for kctx's one IO-APIC and at most 64 CPUs: prec stays at 3.
constexpr int kPrec = 3;

// The system vectors' lines, in arch_show_interrupts()'s order (Debian's 6.1 config:
// LOCAL_APIC, SMP, THERMAL_VECTOR, MCE_THRESHOLD, MCE_AMD, MCE, KVM).
struct ArchLine {
	std::string_view name;
	std::string_view what;
	uint64_t IrqCpuStats::*count;   // null: kctx has none of these
};
constexpr ArchLine kArchLines[] = {
	{"NMI", "Non-maskable interrupts", &IrqCpuStats::nmi},
	{"LOC", "Local timer interrupts", &IrqCpuStats::loc},
	{"SPU", "Spurious interrupts", nullptr},
	{"PMI", "Performance monitoring interrupts", &IrqCpuStats::nmi},   // the watchdog's perf NMI
	{"IWI", "IRQ work interrupts", nullptr},
	{"RTR", "APIC ICR read retries", nullptr},
	{"RES", "Rescheduling interrupts", &IrqCpuStats::res},
	{"CAL", "Function call interrupts", nullptr},
	{"TLB", "TLB shootdowns", nullptr},
	{"TRM", "Thermal event interrupts", nullptr},
	{"THR", "Threshold APIC interrupts", nullptr},
	{"DFR", "Deferred Error APIC interrupts", nullptr},
	{"MCE", "Machine check exceptions", nullptr},
	{"MCP", "Machine check polls", nullptr},
};
constexpr ArchLine kKvmLines[] = {
	{"PIN", "Posted-interrupt notification event", nullptr},
	{"NPI", "Nested posted-interrupt event", nullptr},
	{"PIW", "Posted-interrupt wakeup event", nullptr},
};

}  // namespace

std::string Kernel::proc_interrupts() const
{
	auto ncpus = static_cast<uint32_t>(m.cpus.size());
	std::string s = fmt::format("{:{}}", "", kPrec + 8);
	for (uint32_t j = 0; j < ncpus; j++)
		s += fmt::format("CPU{:<8}", j);
	s += '\n';
	// show_interrupts() for each descriptor with an action or a count: the counts per
	// CPU, the chip's name, the hwirq, the flow handler's name, the actions' names.
	for (uint32_t irq = 0; irq < kIoapicPins; irq++) {
		const IrqDesc* d = irq < m.irq.descs.size() ? &m.irq.descs[irq] : nullptr;
		uint64_t any = 0;
		for (uint32_t j = 0; d && j < d->kstat.size(); j++)
			any += d->kstat[j];
		bool timer = irq == 0;   // the PIT's line: the ISA override puts it on pin 2
		if (!timer && (!d || (d->actions.empty() && !any)))
			continue;
		s += fmt::format("{:>{}}: ", irq, kPrec);
		for (uint32_t j = 0; j < ncpus; j++)
			s += fmt::format("{:>10} ", d && j < d->kstat.size() ? d->kstat[j] : 0);
		s += fmt::format(" {:>8} {:>{}}-{:<8}", "IO-APIC", timer ? 2 : irq, kPrec, "edge");
		if (timer) {
			s += "  timer\n";
			continue;
		}
		for (size_t i = 0; i < d->actions.size(); i++)
			s += fmt::format("{}{}", i == 0 ? "  " : ", ", d->actions[i].name);
		s += '\n';
	}
	auto arch_line = [&](const ArchLine& l) {
		s += fmt::format("{:>{}}: ", l.name, kPrec);
		for (uint32_t j = 0; j < ncpus; j++)
			s += fmt::format("{:>10} ", l.count && j < m.irq.stats.size() ? m.irq.stats[j].*l.count : 0);
		s += fmt::format("  {}\n", l.what);
	};
	for (const ArchLine& l : kArchLines)
		arch_line(l);
	s += fmt::format("{:>{}}: {:>10}\n", "ERR", kPrec, 0);
	s += fmt::format("{:>{}}: {:>10}\n", "MIS", kPrec, 0);
	for (const ArchLine& l : kKvmLines)
		arch_line(l);
	return s;
}

bool irq_debug_file(std::string_view path, uint32_t* irq)
{
	// irq_debugfs_init() and irq_add_debugfs_entry(): a file per allocated descriptor.
	constexpr std::string_view kDir = "/sys/kernel/debug/irq/irqs/";
	if (!path.starts_with(kDir))
		return false;
	std::string_view n = path.substr(kDir.size());
	uint32_t v = 0;
	auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
	if (n.empty() || ec != std::errc() || end != n.data() + n.size() || (n.size() > 1 && n[0] == '0') || v >= kIoapicPins)
		return false;
	*irq = v;
	return true;
}

int64_t Kernel::irq_debug_write(uint32_t cpu, uint32_t irq, const std::string& data)
{
	// irq_debug_write(): up to 7 bytes compared with "trigger" (strncmp over what was
	// written, so "trigger\n" matches); anything else is accepted and ignored.
	// irq_inject_interrupt() needs an activated line: one a driver requested.
	std::string_view head = std::string_view(data).substr(0, 7);
	if (std::string_view("trigger").substr(0, head.size()) != head)
		return static_cast<int64_t>(data.size());
	m.irq.seed(static_cast<uint32_t>(m.cpus.size()));
	if (irq == 0 || m.irq.descs[irq].actions.empty())
		return -abi::kEINVAL;
	raise_irq(cpu, irq);
	return static_cast<int64_t>(data.size());
}

}  // namespace kctx::kernel
