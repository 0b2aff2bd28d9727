// The trace layer's attachment to the kernel: a kernel::Hooks that turns each tracepoint
// into an Event, filled in from the machine as it is at that moment, and hands it to the
// sinks. It only reads the machine (ARCHITECTURE.md: trace observes the kernel).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernel/core/Config.h"
#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"
#include "trace/Event.h"
#include "trace/Sink.h"

namespace kctx::trace {

// x86 vectors (arch/x86/include/asm/irq_vectors.h) of the kernel's interrupts, which the
// Hooks number 0 (local APIC timer) and 1 (reschedule IPI).
inline constexpr uint32_t kLocalTimerVector = 0xec;
inline constexpr uint32_t kRescheduleVector = 0xfd;

class Recorder final : public kernel::Hooks {
public:
	// `config` is not owned and must outlive the recorder.
	explicit Recorder(const kernel::Config& config);
	// The kernel's image table (Kernel::images()), which names module functions for
	// timer_expire_entry; without it they print as addresses. Not owned.
	void set_images(const std::vector<vm::Image>* images) { m_images = images; }

	// Sinks are not owned. Add them before start().
	void add_sink(Sink* sink);
	// Tell the sinks what each CPU is running now, as tracing begins.
	void start(const kernel::Machine& m);
	// Tell the sinks where each CPU's clock ended.
	void finish(const kernel::Machine& m);

	void sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
			  kernel::TaskId next, uint32_t prev_state) override;
	void sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t,
			  uint32_t target_cpu) override;
	void sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
		       std::span<const uint64_t> args) override;
	void sys_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
		      int64_t ret) override;
	void irq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_handler_entry(const kernel::Machine& m, uint32_t cpu, uint32_t irq, const std::string& name) override;
	void irq_handler_exit(const kernel::Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret) override;
	void softirq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void softirq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void timer_expire_entry(const kernel::Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn) override;
	void timer_expire_exit(const kernel::Machine& m, uint32_t cpu, uint64_t timer) override;
	void printk(const kernel::Machine& m, uint32_t cpu, const kernel::LogRecord& record) override;
	// Context and Report events (kCategoryContext), from the state each step left.
	void cpu_stepped(const kernel::Machine& m, uint32_t cpu) override;

private:
	[[nodiscard]] bool wanted(EventKind kind) const { return m_categories & category_of(kind); }
	// An event of `kind` on `cpu`, recorded in the context of task `current`.
	[[nodiscard]] Event make(const kernel::Machine& m, EventKind kind, uint32_t cpu,
				 kernel::TaskId current) const;
	void emit(const Event& e);
	[[nodiscard]] std::string function_name(const kernel::Machine& m, uint64_t address) const;

	void observe_context(const kernel::Machine& m, uint32_t cpu);
	void observe_reports(const kernel::Machine& m, uint32_t cpu);

	// What a CPU was last seen running, and a cheap key of it: the bands are derived
	// again only when the key moves.
	struct SeenContext {
		kernel::TaskId curr = kernel::kNoTask;
		size_t frames = ~size_t{0};
		uint32_t top = ~0u;   // the top frame's kind and, for the frames whose band
		                      // depends on it, its resume point
		uint32_t preempt_count = 0;
		bool irqs_enabled = true;
		std::vector<ContextLevel> levels;
	};

	const kernel::Config& m_config;
	const std::vector<vm::Image>* m_images = nullptr;
	std::vector<Sink*> m_sinks;
	uint32_t m_categories = 0;
	std::vector<SeenContext> m_seen;   // by CPU
	kernel::Findings m_findings;       // the report counters as last seen
	uint64_t m_console_mark = 0;       // the console's length after the last step
};

[[nodiscard]] TaskInfo task_info(const kernel::Task& t);
[[nodiscard]] ContextFlags context_flags(const kernel::Cpu& c, const kernel::Task* current);

}  // namespace kctx::trace
