// Deferred work and the threads behind it: kthreads (kernel/kthread.c), workqueues
// (kernel/workqueue.c, the system "events" queue served by kworker/N:0) and the per-CPU
// stopper (migration/N), which runs the soft-lockup watchdog's stop work
// (debug/Watchdog.cpp). Tasklets are in irq/Tasklet.cpp.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/printk/Format.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
// &dwork->timer: the key of a delayed work's timer in m.timers.
constexpr uint64_t kDelayedWorkTimer = abi::layout::delayed_work::timer;
}  // namespace

void Kernel::step_kthread(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// kthread(): sleep until first woken, then threadfn(data), then do_exit(its result).
	Task& task = m.tasks[t];
	auto& r = f.as<run::Kthread>();
	using R = run::Kthread::Resume;
	switch (r.resume) {
	case R::Start:
		if (r.threadfn == 0) {
			// A thread kctx gives no work (a queue's rescuer): it goes when stopped.
			if (task.kthread_should_stop) {
				do_exit(cpu, t, 0);
				return;
			}
			set_task_state(t, abi::TASK_INTERRUPTIBLE);
			push_schedule(t);
			return;
		}
		if (task.kthread_should_stop) {
			do_exit(cpu, t, -abi::kEINTR);
			return;
		}
		r.resume = R::Returned;
		push_vm_call(t, r.threadfn, std::vector<uint64_t>{r.data}, StackKind::Task);
		return;
	case R::Returned: do_exit(cpu, t, static_cast<int32_t>(f.ret)); return;
	}
	KCTX_UNREACHABLE();
}

void trace_kthread(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("kthread+0xda/0x100");
	add("ret_from_fork+0x22/0x30");
}

void Kernel::step_kthread_stop(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// kthread_stop(): wait_for_completion(&kthread->exited), then the thread's result.
	const auto& r = f.as<run::KthreadStop>();
	TaskId thread = r.thread;
	const Task& target = m.tasks[thread];
	if (target.exited) {
		int64_t status = target.exit_status;
		if (r.free_irq)
			status = static_cast<int64_t>(r.devname);
		m.tasks[thread].usage--;   // put_task_struct(k): kthread_stop() held it
		put_task_struct(thread);
		pop_frame(t, status);
		return;
	}
	prepare_to_wait(t, target.task_struct_addr, WaitMode::Shared, abi::TASK_UNINTERRUPTIBLE);
	push_schedule(t);
	(void)cpu;
}

void trace_kthread_stop(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("kthread_stop+0x6e/0x1c0");
	if (f.as<run::KthreadStop>().free_irq)
		add("free_irq+0x32/0x70");   // __free_irq() is inlined into it
}

void Kernel::step_stopper(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// migration/N: runs queued stop work, here the soft-lockup watchdog's softlockup_fn().
	Cpu& c = m.cpus[cpu];
	if (c.watchdog.softlockup_queued) {
		c.watchdog.softlockup_queued = false;
		softlockup_fn(cpu);
	}
	set_task_state(t, abi::TASK_INTERRUPTIBLE);
	push_schedule(t);
	(void)f;
}

void trace_stopper(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("smpboot_thread_fn+0xb7/0x1e0");
	add("kthread+0xda/0x100");
	add("ret_from_fork+0x22/0x30");
}

bool Kernel::work_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	vm::AddressSpace mem{task.user ? &task.user->mm : nullptr, &m.kmem};
	auto queue_work = [&](uint64_t w, uint32_t on_cpu) { return queue_work_item(w, 0, on_cpu, cpu); };
	switch (call.id) {
	case BuiltinId::kthread_create:
	case BuiltinId::kthread_run: {
		// kthread_create_on_node(): kthreadd forks the thread, which sleeps in kthread()
		// until woken; kthread_run() wakes it at once.
		if (int64_t err = fork_limits_check()) {
			finish_builtin(t, static_cast<uint64_t>(err));   // ERR_PTR(-EAGAIN) from kernel_thread()
			return true;
		}
		std::string name = printk_format(cpu, read_kstring(arg(2)), args.subspan(std::min<size_t>(3, args.size())), mem);
		TaskId k = create_task(name, true, cpu);
		Task& kt = m.tasks[k];
		kt.ppid = 2;
		set_task_state(k, abi::TASK_UNINTERRUPTIBLE);
		push_native(k, run::Kthread{.threadfn = arg(0), .data = arg(1)}, StackKind::Task);
		push_native(k, run::RetFromFork{}, StackKind::Task);
		kt.sched.vruntime = c.sched.min_vruntime;
		sync_task_struct(k);
		uint64_t ts = kt.task_struct_addr;
		finish_builtin(t, ts);
		if (call.id == BuiltinId::kthread_run)
			wake_up_process(k, cpu, abi::TASK_NORMAL);
		return true;
	}
	case BuiltinId::kthread_should_stop: finish_builtin(t, task.kthread_should_stop ? 1 : 0); return true;
	case BuiltinId::kthread_complete_and_exit:
		// kernel/kthread.c: complete(comp) if given, then kthread_exit(code); 4.4's
		// complete_and_exit() (kernel/exit.c) is the same, through do_exit(code).
		if (arg(0)) {
			uint32_t done = 0;
			(void)m.kmem.load(arg(0), done);
			if (done != ~0u)
				(void)m.kmem.store(arg(0), done + 1);
			wake_waiters(arg(0) + abi::layout::completion::wait, abi::TASK_NORMAL, 1, cpu);
		}
		[[fallthrough]];
	case BuiltinId::kthread_exit: {
		// kthread_exit(): the result kthread_stop() returns, then do_exit(), which never
		// returns: the thread function's frames stay below, never resumed.
		int64_t code = static_cast<int64_t>(call.id == BuiltinId::kthread_exit ? arg(0) : arg(1));
		do_exit(cpu, t, static_cast<int32_t>(code));
		return true;
	}
	case BuiltinId::kthread_stop: {
		might_sleep(cpu, t, "kernel/kthread.c", 711);
		if (std::optional<TaskId> k = task_by_struct(arg(0))) {
			m.tasks[*k].kthread_should_stop = true;
			m.tasks[*k].usage++;   // get_task_struct(k) until it has exited
			wake_up_process(*k, cpu, abi::TASK_NORMAL);
			push_native(t, run::KthreadStop{.thread = *k}, stack);
			return true;
		}
		finish_builtin(t, static_cast<uint64_t>(-int64_t{abi::kESRCH}));
		return true;
	}
	case BuiltinId::__kctx_init_work:
	case BuiltinId::__kctx_init_delayed_work: {
		Work& w = m.works[arg(0)];
		w = Work{};
		w.fn = arg(1);
		w.name = read_kstring(arg(2));
		w.delayed = call.id == BuiltinId::__kctx_init_delayed_work;
		(void)m.kmem.store(arg(0) + abi::layout::work_struct::func, arg(1));
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::schedule_work:
	case BuiltinId::queue_work: {
		// queue_work(wq, w) on the caller's CPU (WORK_CPU_UNBOUND picks the local one).
		uint64_t w = call.id == BuiltinId::queue_work ? arg(1) : arg(0);
		uint64_t wq = call.id == BuiltinId::queue_work ? arg(0) : 0;
		finish_builtin(t, queue_work_item(w, wq, cpu, cpu) ? 1 : 0);
		return true;
	}
	case BuiltinId::schedule_delayed_work: {
		uint64_t w = arg(0);
		Work& work = work_at(w);
		if (work.pending || (m.time.timers.count(w + kDelayedWorkTimer) && m.time.timers[w + kDelayedWorkTimer].pending)) {
			finish_builtin(t, 0);
			return true;
		}
		finish_builtin(t, 1);
		work.wq = 0;   // system_wq
		if (arg(1) == 0) {
			queue_work(w, cpu);
			return true;
		}
		m.time.mod_timer(w + kDelayedWorkTimer, TimerKind::DelayedWork, 0, 0, jiffies(cpu) + arg(1), jiffies(cpu), cpu, kNoTask);
		return true;
	}
	case BuiltinId::cancel_delayed_work:
	case BuiltinId::cancel_delayed_work_sync:
	case BuiltinId::cancel_work_sync: {
		uint64_t w = arg(0);
		bool was = false;
		if (call.id != BuiltinId::cancel_work_sync)
			was = m.time.del_timer(w + kDelayedWorkTimer);
		auto it = m.works.find(w);
		if (it != m.works.end() && it->second.pending) {
			it->second.pending = false;
			std::erase(m.cpus[it->second.cpu].worklist, w);
			std::erase(m.wq.unbound_worklist, w);
			was = true;
		}
		finish_builtin(t, was ? 1 : 0);
		return true;
	}
	case BuiltinId::flush_work:
	case BuiltinId::flush_scheduled_work: {
		// Sleep until the work (or all work) has run: poll with short sleeps, as a
		// barrier work item would let the caller sleep.
		might_sleep(cpu, t, "kernel/workqueue.c", 3017);
		auto busy = [&] {
			for (const auto& [addr, w] : m.works)
				if ((w.pending || w.running) && (call.id == BuiltinId::flush_scheduled_work || addr == arg(0)))
					return true;
			return false;
		};
		finish_builtin(t, busy() ? 1 : 0);
		if (busy()) {
			push_native(t, run::Msleep{.jiffies_left = 1}, stack);
		}
		return true;
	}
	default: return false;
	}
}

void Kernel::step_worker(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// worker_thread() -> process_one_work(): the queued items in order, in process
	// context; sleep when there are none.
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	auto& r = f.as<run::Worker>();
	using R = run::Worker::Resume;
	// The unbound pool's worker serves the unbound list; a per-CPU kworker its CPU's.
	std::vector<uint64_t>& worklist = t == m.wq.unbound_worker ? m.wq.unbound_worklist : c.worklist;
	if (r.resume == R::Returned) {
		auto it = m.works.find(r.work);
		uint64_t wq = 0;
		if (it != m.works.end()) {
			it->second.running = false;
			wq = it->second.wq;
		}
		lockdep_release(cpu, t, task.stack_base + 0x3e00, "process_one_work+0x262/0x380");
		lockdep_release(cpu, t, wq ? wq : 0xffffffff83100000ull, "process_one_work+0x262/0x380");
		task.current_work = 0;
		r.resume = R::Next;
		workqueue_item_done(wq, cpu);
	}
	if (worklist.empty()) {
		set_task_state(t, abi::TASK_INTERRUPTIBLE);
		push_schedule(t);
		return;
	}
	uint64_t w = worklist.front();
	worklist.erase(worklist.begin());
	Work& work = m.works[w];
	work.pending = false;
	work.running = true;
	task.current_work = w;
	r.work = w;
	r.resume = R::Returned;
	uint64_t fn = work.fn;
	// process_one_work(): lockdep maps for the workqueue and the work item.
	std::string name = work.name.empty() ? "(work_completion)(work)" : work.name;
	// The queue's map is "(wq_completion)" and its name (system_wq: "events").
	uint64_t wq_key = work.wq ? work.wq : 0xffffffff83100000ull;
	auto q = m.wq.queues.find(work.wq);
	std::string wq_name = "(wq_completion)" + (q != m.wq.queues.end() ? q->second.name : std::string("events"));
	lockdep_acquire(cpu, t, wq_key, wq_name, wq_key, LockKind::Map, false, "process_one_work+0x1f1/0x380", "");
	lockdep_acquire(cpu, t, task.stack_base + 0x3e00, name, w, LockKind::Map, false, "process_one_work+0x1f1/0x380", "");
	push_vm_call(t, fn, std::vector<uint64_t>{w}, StackKind::Task);
}

void trace_worker(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("process_one_work+0x1c7/0x380");
	add("worker_thread+0x4d/0x380");
	add("kthread+0xda/0x100");
	add("ret_from_fork+0x22/0x30");
}

}  // namespace kctx::kernel
