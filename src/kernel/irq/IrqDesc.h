// Interrupt lines as plain data in the Machine (kernel/irq/irqdesc.c's irq_desc and
// manage.c's irqaction). The simulated machine's IO-APIC has 24 pins, irqs 0-23, each
// delivered through handle_edge_irq(); irq 0 is the PIT's, which the kernel keeps, so
// modules get 1-23 (a real PC's legacy lines, free here: kctx has no i8042 or RTC).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kctx::kernel {

inline constexpr uint32_t kIoapicPins = 24;   // one IO-APIC's redirection entries: irqs 0-23

// include/linux/interrupt.h
inline constexpr uint64_t IRQF_TRIGGER_MASK = 0x0f;
inline constexpr uint64_t IRQF_SHARED = 0x80;
inline constexpr uint64_t IRQF_PROBE_SHARED = 0x100;
inline constexpr uint64_t IRQF_ONESHOT = 0x2000;
inline constexpr uint64_t IRQF_NO_AUTOEN = 0x80000;
// include/linux/irqreturn.h
inline constexpr uint64_t IRQ_NONE = 0, IRQ_HANDLED = 1, IRQ_WAKE_THREAD = 2;

// struct irqaction: one request_irq() on a line.
struct IrqAction {
	uint64_t handler = 0;     // the primary handler (hardirq context); for a threaded request
				  // without one, irq_default_primary_handler (0 here)
	uint64_t thread_fn = 0;   // the threaded handler, run by `thread`; 0: none
	uint64_t dev_id = 0;
	uint64_t flags = 0;       // IRQF_*
	uint64_t name_addr = 0;   // devname as the module passed it: free_irq() returns it
	std::string name;         // what /proc/interrupts lists
	uint32_t thread = ~0u;    // irq/N-name (TaskId), for a threaded request
	bool run_thread = false;  // IRQTF_RUNTHREAD: the thread has an interrupt to handle
	bool operator==(const IrqAction&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(handler, thread_fn, dev_id, flags, name_addr, name, thread, run_thread); }
};

// struct irq_desc of one line.
struct IrqDesc {
	std::vector<IrqAction> actions;   // desc->action and its ->next chain, in request order
	uint32_t depth = 0;               // disable_irq() nesting: 0 is enabled
	bool pending = false;             // IRQS_PENDING: it came while disabled; enable_irq() replays it
	bool spurious_disabled = false;   // IRQS_SPURIOUS_DISABLED: note_interrupt() turned it off
	uint32_t cpu = 0;                 // its effective affinity: the CPU its vector was allocated on
	std::vector<uint64_t> kstat;      // deliveries per CPU (kstat_irqs)
	uint32_t irq_count = 0;           // note_interrupt()'s window of 100,000
	uint32_t irqs_unhandled = 0;
	uint64_t last_unhandled = 0;      // jiffies of the last IRQ_NONE
	bool operator==(const IrqDesc&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(actions, depth, pending, spurious_disabled, cpu, kstat, irq_count, irqs_unhandled, last_unhandled);
	}
};

// irq_cpustat_t (arch/x86/include/asm/hardirq.h): the system vectors /proc/interrupts
// counts per CPU (arch_show_interrupts()).
struct IrqCpuStats {
	uint64_t nmi = 0;   // __nmi_count: the perf NMI watchdog's
	uint64_t loc = 0;   // apic_timer_irqs: the local APIC timer (the tick, hrtimers)
	uint64_t res = 0;   // irq_resched_count: reschedule IPIs
	bool operator==(const IrqCpuStats&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(nmi, loc, res); }
};

// A CPU's interrupt-side state: irq_stack's use (hardirq_stack_inuse), the softirqs
// raised (irq_stat.__softirq_pending), the tasklet_vec list, and interrupts taken.
struct CpuIrq {
	bool stack_inuse = false;         // hardirq_stack_inuse: on the hardirq stack
	uint32_t softirq_pending = 0;     // bit per abi::Softirq
	std::vector<uint64_t> tasklets;   // scheduled tasklets, in order
	uint64_t count = 0;               // interrupts taken (the summary's figure)
	bool operator==(const CpuIrq&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(stack_inuse, softirq_pending, tasklets, count); }
};

struct IrqState {
	std::vector<IrqDesc> descs;       // by irq number, kIoapicPins of them once seeded
	std::vector<uint32_t> irr;        // per CPU: the lines raised and not yet taken (the local APIC's IRR)
	uint64_t next_periodic = ~0ull;   // the scenario's periodic line (irq=N:PERIOD): its next raise, ns
	uint32_t bad_reports = 0;         // report_bad_irq()'s count: bogus return values reported
	std::vector<IrqCpuStats> stats;   // per CPU, from boot

	// early_irq_init() and the IO-APIC's setup: a descriptor for each pin, shut down
	// (depth 1) until a request starts it; once (irq/IrqState.cpp).
	void seed(uint32_t ncpus);
	// x86's vector matrix allocator (arch/x86/kernel/apic/vector.c irq_matrix_alloc()):
	// the CPU with the fewest lines in use, so requests spread out.
	[[nodiscard]] uint32_t pick_cpu(uint32_t ncpus) const;
	// When the scenario's periodic `line` is next raised on `cpu` (its target: the CPU
	// of its vector, or CPU 0 until a driver requests it), ~0 on other CPUs.
	[[nodiscard]] uint64_t next_periodic_on(uint32_t cpu, uint32_t line) const;

	bool operator==(const IrqState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(descs, irr, next_periodic, bad_reports, stats); }
};

// True when `path` is /sys/kernel/debug/irq/irqs/N for an IO-APIC line N (its "trigger"
// injects an interrupt; irq/Proc.cpp), with N in *irq.
[[nodiscard]] bool irq_debug_file(std::string_view path, uint32_t* irq);

}  // namespace kctx::kernel
