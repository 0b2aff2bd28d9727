// The trace's one event stream: what a tracepoint recorded, as plain data. The Recorder
// fills these in from the machine at the moment of the event, so the sinks that render
// them (ftrace text, Perfetto JSON) never look at the machine themselves.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "trace/Category.h"
#include "trace/Context.h"

namespace kctx::trace {

enum class EventKind : uint8_t {
	SchedSwitch,   // sched:sched_switch: `task` (prev) gave the CPU to `other` (next)
	SchedWakeup,   // sched:sched_wakeup: `other` was woken, queued on target_cpu
	SysEnter,      // syscalls:sys_enter_NAME: `task` came into the kernel (mode switch)
	SysExit,       // syscalls:sys_exit_NAME: and is about to go back to user mode
	IrqEntry,      // irq_vectors:*_entry (x86 vector) on top of `task`
	IrqExit,
	SoftirqEntry,   // irq:softirq_entry
	SoftirqExit,
	TimerExpireEntry,   // timer:timer_expire_entry: a timer_list callback starts
	TimerExpireExit,
	Console,   // printk:console: one printk record
	// Not tracepoints (kCategoryContext):
	Context,   // what runs on the CPU changed: `context`, `preempt_count`, flags.irqs_off
	Report,    // the kernel reported a problem: `report`, printed as console bytes
	           // [console_start, console_pos)
};

// The kernel's reports, as its counters (kernel::Findings) tell them apart.
enum class ReportKind : uint8_t { Bug, Warning, Oops, Lockup, Panic };

[[nodiscard]] uint32_t category_of(EventKind kind);

// A task as an event names it. pid 0 is the CPU's idle task (swapper/N).
struct TaskInfo {
	std::string comm;
	int32_t pid = 0;
	int32_t tgid = 0;
	int32_t prio = 120;   // every kctx task is SCHED_NORMAL at nice 0
	bool operator==(const TaskInfo&) const = default;
};

// The context column of an ftrace line, recorded as tracing_gen_ctx_irq_test()
// (kernel/trace/trace.c) records it.
struct ContextFlags {
	bool irqs_off = false;       // EFLAGS.IF clear
	bool bh_off = false;         // softirqs disabled by local_bh_disable (count >> 9)
	bool need_resched = false;   // TIF_NEED_RESCHED of current
	bool nmi = false;
	bool hardirq = false;        // preempt_count & HARDIRQ_MASK
	bool softirq = false;        // serving a softirq (SOFTIRQ_OFFSET)
	uint8_t preempt_depth = 0;   // preempt_count & 0xff, at most 15
	uint8_t migrate_disable = 0;
	bool operator==(const ContextFlags&) const = default;
};

struct Event {
	EventKind kind = EventKind::Console;
	uint32_t cpu = 0;
	uint64_t ts = 0;            // ns on the CPU's clock
	uint64_t console_pos = 0;   // bytes the console had printed before the event
	TaskInfo task;              // current on the CPU (prev, for sched_switch)
	ContextFlags flags;

	TaskInfo other;              // sched_switch: next; sched_wakeup: the woken task
	uint32_t prev_state = 0;     // sched_switch: the TASK_* state prev left in
	bool preempted = false;      // sched_switch: prev was preempted (shows as R+)
	bool prev_exiting = false;   // sched_switch: prev is a zombie (exit_state)
	uint32_t target_cpu = 0;     // sched_wakeup

	uint32_t syscall = 0;             // sys_enter/exit: the kernel's op (BuiltinId or internal)
	std::array<uint64_t, 6> args{};   // sys_enter: the builtin's arguments
	int64_t ret = 0;                  // sys_exit

	uint32_t vector = 0;   // irq: the x86 vector (236 local timer…); softirq: vec

	uint64_t timer = 0;      // timer_expire_*: the struct timer_list address
	uint64_t function = 0;   // timer_expire_entry: the callback's address
	std::string symbol;      // … and its name as %ps prints it
	uint64_t now = 0;        // timer_expire_entry: jiffies
	uint64_t baseclk = 0;

	std::string text;   // console: the record's text, without the newline

	std::vector<ContextLevel> context;   // context: bottom first
	uint32_t preempt_count = 0;          // context: the whole count, not flags' depth
	ReportKind report = ReportKind::Bug;
	uint64_t console_start = 0;          // report: where its console lines begin
};

}  // namespace kctx::trace
