// The driver side of interrupt lines (kernel/irq/manage.c): request_threaded_irq() and
// request_irq(), free_irq(), disable_irq()/disable_irq_nosync()/enable_irq(), and the
// irq/N-name threads of threaded handlers (irq_thread()). Delivery is in irq/Handle.cpp.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

constexpr uint64_t kIrqNotConnected = 1ull << 31;   // include/linux/interrupt.h IRQ_NOTCONNECTED
constexpr uint32_t kIrqThreadPriority = 50;         // sched_set_fifo(): MAX_RT_PRIO / 2
// The PIT's line, which the kernel requested at boot (arch/x86/kernel/time.c
// setup_default_timer_irq(): IRQF_NOBALANCING | IRQF_IRQPOLL | IRQF_TIMER).
constexpr uint64_t kTimerIrqFlags = 0x15a00;
}  // namespace

int64_t Kernel::request_threaded_irq(uint32_t cpu, TaskId t, const IrqRequest& req)
{
	// include/linux/interrupt.h and kernel/irq/manage.c request_threaded_irq(): the
	// argument checks, then __setup_irq().
	std::vector<std::string> callee = {"kmem_cache_alloc_trace+0x4e/0x2f0", "request_threaded_irq+0x6b/0x170"};
	might_sleep(cpu, t, "include/linux/sched/mm.h", 274, callee);   // kzalloc(GFP_KERNEL)
	if (req.irq == kIrqNotConnected)
		return -107;   // -ENOTCONN (include/uapi/asm-generic/errno.h)
	if (req.flags & IRQF_SHARED && !req.dev_id)
		return -abi::kEINVAL;
	if ((req.flags & IRQF_SHARED) && (req.flags & IRQF_NO_AUTOEN))
		return -abi::kEINVAL;
	if (req.irq >= kIoapicPins)
		return -abi::kEINVAL;   // irq_to_desc(): no such descriptor
	if (!req.handler && !req.thread_fn)
		return -abi::kEINVAL;
	std::string name = read_kstring(req.devname);
	if (req.irq == 0) {
		// __setup_irq(): the timer's action is not IRQF_SHARED, so any new one mismatches.
		printk(cpu, fmt::format("\0013genirq: Flags mismatch irq 0. {:08x} ({}) vs. {:08x} (timer)\n", req.flags, name,
					kTimerIrqFlags));
		return -abi::kEBUSY;
	}
	IrqDesc& desc = m.irq.descs[req.irq];
	if (!req.handler && !(req.flags & IRQF_ONESHOT)) {
		// irq_default_primary_handler() returns IRQ_WAKE_THREAD with the line unmasked:
		// a level interrupt would storm, so a chip that is not ONESHOT_SAFE (the IO-APIC)
		// refuses it.
		printk(cpu, fmt::format("\0013genirq: Threaded irq requested with handler=NULL and !ONESHOT for {} (irq {})\n",
					name, req.irq));
		return -abi::kEINVAL;
	}
	if (!desc.actions.empty()) {
		// Sharing needs IRQF_SHARED on both, the same trigger type and the same ONESHOT.
		const IrqAction& old = desc.actions.front();
		bool ok = (old.flags & req.flags & IRQF_SHARED) && (old.flags & IRQF_TRIGGER_MASK) == (req.flags & IRQF_TRIGGER_MASK) &&
			  !((old.flags ^ req.flags) & IRQF_ONESHOT);
		if (!ok) {
			if (!(req.flags & IRQF_PROBE_SHARED))
				printk(cpu, fmt::format("\0013genirq: Flags mismatch irq {}. {:08x} ({}) vs. {:08x} ({})\n", req.irq,
							req.flags, name, old.flags, old.name));
			return -abi::kEBUSY;
		}
	}
	IrqAction a;
	a.handler = req.handler;
	a.thread_fn = req.thread_fn;
	a.dev_id = req.dev_id;
	a.flags = req.flags;
	a.name_addr = req.devname;
	a.name = name;
	if (req.thread_fn) {
		// setup_irq_thread(): kthread_create(irq_thread, new, "irq/%d-%s", irq, new->name),
		// sched_set_fifo(); it is woken at the end of __setup_irq() and goes to sleep in
		// irq_wait_for_interrupt().
		if (int64_t err = fork_limits_check())
			return err;
		uint32_t target = desc.actions.empty() ? m.irq.pick_cpu(static_cast<uint32_t>(m.cpus.size())) : desc.cpu;
		TaskId k = create_task(fmt::format("irq/{}-{}", req.irq, name), true, target);
		Task& kt = m.tasks[k];
		kt.ppid = 2;
		kt.sched.rt_priority = kIrqThreadPriority;
		set_task_state(k, abi::TASK_UNINTERRUPTIBLE);
		push_native(k, run::IrqThread{.irq = req.irq, .dev_id = req.dev_id}, StackKind::Task);
		push_native(k, run::RetFromFork{}, StackKind::Task);
		kt.sched.vruntime = m.cpus[cpu].sched.min_vruntime;
		sync_task_struct(k);
		a.thread = k;
	}
	if (desc.actions.empty()) {
		// The first action starts the line (irq_startup(): depth 0), unless IRQF_NO_AUTOEN.
		desc.cpu = m.irq.pick_cpu(static_cast<uint32_t>(m.cpus.size()));
		desc.depth = (req.flags & IRQF_NO_AUTOEN) ? 1 : 0;
		desc.pending = false;
		desc.spurious_disabled = false;
	} else if (desc.spurious_disabled) {
		// A new sharer gets the line another chance after note_interrupt() disabled it.
		desc.spurious_disabled = false;
		if (desc.depth > 0)
			desc.depth--;
	}
	// "Reset broken irq detection when installing new handler".
	desc.irq_count = 0;
	desc.irqs_unhandled = 0;
	TaskId thread = a.thread;
	desc.actions.push_back(std::move(a));
	if (thread != kNoTask)
		wake_up_process(thread, cpu, abi::TASK_NORMAL);
	return 0;
}

bool Kernel::free_irq(uint32_t cpu, TaskId t, uint32_t irq, uint64_t dev_id)
{
	// free_irq() -> __free_irq(): mutex_lock(&desc->request_mutex) may sleep; an action
	// with this dev_id must be there; the last one shuts the line down; a threaded one's
	// thread is stopped (kthread_stop() waits for it). Returns the devname, or NULL.
	if (irq >= kIoapicPins) {
		finish_builtin(t, 0);   // irq_to_desc(): NULL
		return true;
	}
	bool lockdep = m_config.prove_locking();
	std::vector<std::string> callee = {"__mutex_lock+0x5a/0x9a0"};
	if (lockdep)
		callee.push_back("mutex_lock_nested+0x1b/0x30");
	callee.push_back("free_irq+0x32/0x70");
	might_sleep(cpu, t, "kernel/locking/mutex.c", lockdep ? 580 : 283, callee);
	IrqDesc& desc = m.irq.descs[irq];
	auto it = std::find_if(desc.actions.begin(), desc.actions.end(), [&](const IrqAction& a) { return a.dev_id == dev_id; });
	if (irq == 0 || it == desc.actions.end()) {
		std::vector<std::string> top = {"free_irq+0x32/0x70"};
		warn(cpu, "kernel/irq/manage.c", 1893, "__free_irq+0x1d4/0x330",
		     fmt::format("Trying to free already-free IRQ {}\n", irq), top);
		finish_builtin(t, 0);
		return true;
	}
	IrqAction action = *it;
	desc.actions.erase(it);
	if (desc.actions.empty()) {
		desc.depth = 1;   // irq_shutdown()
		desc.pending = false;
		m.irq.irr[desc.cpu] &= ~(1u << irq);
	}
	if (action.thread == kNoTask) {
		finish_builtin(t, action.name_addr);
		return true;
	}
	// kthread_stop(action->thread): it exits from irq_wait_for_interrupt().
	m.tasks[action.thread].kthread_should_stop = true;
	m.tasks[action.thread].usage++;
	wake_up_process(action.thread, cpu, abi::TASK_NORMAL);
	push_native(t, run::KthreadStop{.thread = action.thread, .free_irq = true, .devname = action.name_addr},
		    current_stack_kind(t));
	return true;
}

void Kernel::enable_irq(uint32_t cpu, uint32_t irq)
{
	// __enable_irq(): depth 0 is a driver bug; the last enable restarts the line (even a
	// shut-down one: irq_startup()) and replays an interrupt that came while it was
	// disabled (check_irq_resend()).
	if (irq >= kIoapicPins)
		return;
	IrqDesc& desc = m.irq.descs[irq];
	if (desc.depth == 0) {
		std::vector<std::string> top = {"enable_irq+0x4b/0x90"};
		warn(cpu, "kernel/irq/manage.c", 774, "__enable_irq+0x4f/0x80", fmt::format("Unbalanced enable for IRQ {}\n", irq),
		     top);
		return;
	}
	if (--desc.depth > 0 || !desc.pending)
		return;
	desc.pending = false;
	raise_irq(cpu, irq);
}

bool Kernel::irq_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto ret = [&](int64_t v) {
		finish_builtin(t, static_cast<uint64_t>(v));
		return true;
	};
	m.irq.seed(static_cast<uint32_t>(m.cpus.size()));
	switch (call.id) {
	case BuiltinId::request_irq:
		return ret(request_threaded_irq(cpu, t, IrqRequest{static_cast<uint32_t>(arg(0)), arg(1), 0, arg(2), arg(3), arg(4)}));
	case BuiltinId::request_threaded_irq:
		return ret(request_threaded_irq(cpu, t, IrqRequest{static_cast<uint32_t>(arg(0)), arg(1), arg(2), arg(3), arg(4), arg(5)}));
	case BuiltinId::free_irq: return free_irq(cpu, t, static_cast<uint32_t>(arg(0)), arg(1));
	case BuiltinId::disable_irq:
	case BuiltinId::disable_irq_nosync: {
		// __disable_irq(): nesting depth; the line is masked lazily, so an interrupt that
		// comes meanwhile is only marked pending by handle_edge_irq(). disable_irq() then
		// waits for running handlers (synchronize_irq(), which may sleep).
		if (call.id == BuiltinId::disable_irq)
			might_sleep(cpu, t, "kernel/irq/manage.c", 137, std::vector<std::string>{"synchronize_irq+0x3a/0xa0"});
		auto irq = static_cast<uint32_t>(arg(0));
		if (irq < kIoapicPins)
			m.irq.descs[irq].depth++;
		return ret(0);
	}
	case BuiltinId::enable_irq: enable_irq(cpu, static_cast<uint32_t>(arg(0))); return ret(0);
	case BuiltinId::synchronize_irq:
		// Handlers run to completion on their CPU before another step of this one can
		// observe them half-done in kctx's interleaving, except a thread that sleeps:
		// kctx does not make synchronize_irq() wait for one.
		might_sleep(cpu, t, "kernel/irq/manage.c", 137, std::vector<std::string>{"synchronize_irq+0x3a/0xa0"});
		return ret(0);
	default: break;
	}
	KCTX_UNREACHABLE();
}

void Kernel::step_irq_thread(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// irq_thread(): while (!irq_wait_for_interrupt(action)) { irq_thread_fn(); }
	auto& r = f.as<run::IrqThread>();
	using R = run::IrqThread::Resume;
	Task& task = m.tasks[t];
	if (r.resume == R::Returned)
		r.resume = R::Wait;   // the result only feeds threads_handled (spurious accounting)
	// irq_wait_for_interrupt(): set_current_state(TASK_INTERRUPTIBLE), then stop, run, or sleep.
	if (task.kthread_should_stop) {
		do_exit(cpu, t, 0);
		return;
	}
	IrqDesc& desc = m.irq.descs[r.irq];
	auto it = std::find_if(desc.actions.begin(), desc.actions.end(), [&](const IrqAction& a) { return a.dev_id == r.dev_id && a.thread == t; });
	if (it == desc.actions.end() || !it->run_thread) {
		set_task_state(t, abi::TASK_INTERRUPTIBLE);
		push_schedule(t);
		return;
	}
	it->run_thread = false;   // test_and_clear_bit(IRQTF_RUNTHREAD)
	r.resume = R::Returned;
	push_vm_call(t, it->thread_fn, std::vector<uint64_t>{r.irq, r.dev_id}, StackKind::Task);
}

void trace_irq_thread(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	// Asleep in irq_wait_for_interrupt()'s schedule(); running the handler, in irq_thread_fn().
	TraceAdder add{out, f.stack};
	if (f.as<run::IrqThread>().resume == run::IrqThread::Resume::Returned) {
		add("irq_thread_fn+0x20/0x60");
		add("irq_thread+0xe4/0x190");
	} else {
		add("irq_thread+0xc5/0x190");
	}
	add("kthread+0xda/0x100");
	add("ret_from_fork+0x22/0x30");
}

}  // namespace kctx::kernel
