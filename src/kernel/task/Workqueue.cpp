// A module's own workqueues (kernel/workqueue.c): alloc_workqueue() and the macros over it
// (create_workqueue, create_singlethread_workqueue, alloc_ordered_workqueue), queueing on
// them, flushing, draining and destroying them. Bound queues feed the per-CPU pools that
// system_wq feeds (kworker/N:0); unbound and ordered ones the unbound pool (kworker/uP:0);
// a WQ_MEM_RECLAIM queue has its rescuer thread, named after the queue.
#include <fmt/format.h>

#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
constexpr uint64_t kDelayedWorkTimer = abi::layout::delayed_work::timer;
constexpr uint64_t kWorkqueueStructSize = 512;   // struct workqueue_struct, from kmalloc-512 here
// The wait key of system_wq's flushers (no struct of its own in kctx: system_wq is NULL).
constexpr uint64_t kSystemWqKey = 0xffffffff83100000ull;

uint64_t flush_key(uint64_t wq) { return wq ? wq : kSystemWqKey; }
}  // namespace

Work& Kernel::work_at(uint64_t w)
{
	Work& work = m.works[w];
	if (work.fn == 0)
		(void)m.kmem.load(w + abi::layout::work_struct::func, work.fn);   // DECLARE_WORK
	return work;
}

bool Kernel::queue_work_item(uint64_t w, uint64_t wq, uint32_t on_cpu, uint32_t from_cpu)
{
	Work& work = work_at(w);
	if (work.pending)
		return false;
	work.pending = true;
	work.wq = wq;
	work.seq = m.time.timer_seq++;
	auto q = m.wq.queues.find(wq);
	bool unbound = q != m.wq.queues.end() && (q->second.flags & WQ_UNBOUND);
	if (!unbound) {
		work.cpu = on_cpu;
		m.cpus[on_cpu].worklist.push_back(w);
		wake_up_process(m.cpus[on_cpu].kworker, from_cpu);
		return true;
	}
	if (m.wq.unbound_worker == kNoTask) {
		// The unbound pool's first worker. Linux starts it at boot, among the pids below
		// those kctx gives user processes: it takes the first pid after the boot threads.
		int32_t pid = 0;
		for (const Task& task : m.tasks)
			if (task.pid < 100)
				pid = std::max(pid, task.pid);
		TaskId k = create_task(fmt::format("kworker/u{}:0", 2 * m.cpus.size()), true, from_cpu, pid + 1);
		set_task_state(k, abi::TASK_INTERRUPTIBLE);
		m.tasks[k].ppid = 2;
		push_native(k, run::Worker{}, StackKind::Task);
		push_native(k, run::Schedule{.resume = run::Schedule::Resume::Switched}, StackKind::Task);
		m.tasks[k].sched.vruntime = m.cpus[from_cpu].sched.min_vruntime;
		sync_task_struct(k);
		m.wq.unbound_worker = k;
	}
	work.cpu = from_cpu;
	m.wq.unbound_worklist.push_back(w);
	wake_up_process(m.wq.unbound_worker, from_cpu);
	return true;
}

void Kernel::workqueue_item_done(uint64_t wq, uint32_t cpu)
{
	wake_waiters(flush_key(wq), abi::TASK_NORMAL, 0, cpu);
}

bool Kernel::workqueue_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	vm::AddressSpace mem{task.user ? &task.user->mm : nullptr, &m.kmem};
	auto queue_delayed = [&](uint64_t wq, uint64_t w, uint64_t delay, uint32_t on_cpu) {
		Work& work = work_at(w);
		work.delayed = true;
		work.wq = wq;
		if (delay == 0)
			return queue_work_item(w, wq, on_cpu, cpu);
		m.time.mod_timer(w + kDelayedWorkTimer, TimerKind::DelayedWork, 0, 0, jiffies(cpu) + delay, jiffies(on_cpu), on_cpu, kNoTask);
		return true;
	};
	auto delayed_pending = [&](uint64_t w) {
		auto it = m.time.timers.find(w + kDelayedWorkTimer);
		return (it != m.time.timers.end() && it->second.pending) || work_at(w).pending;
	};
	switch (call.id) {
	case BuiltinId::alloc_workqueue: {
		// alloc_workqueue(): the name is formatted like printk; an ordered queue has
		// max_active 1; WQ_MEM_RECLAIM makes the rescuer (kthread_create(rescuer_thread,
		// ..., "%s", wq->name)), which sleeps until memory pressure needs it.
		might_sleep(cpu, t, "include/linux/sched/mm.h", 274, std::vector<std::string>{"__kmalloc+0x4b/0x150"});
		Workqueue q;
		q.name = printk_format(cpu, read_kstring(arg(0)), args.subspan(std::min<size_t>(3, args.size())), mem);
		q.flags = static_cast<uint32_t>(arg(1));
		q.max_active = static_cast<int32_t>(arg(2));
		if (q.flags & WQ_ORDERED)
			q.max_active = 1;
		uint64_t handle = slab_alloc(m.slab, m.kmem, kWorkqueueStructSize, {});
		(void)m.kmem.fill(handle, 0, kWorkqueueStructSize);
		if (q.flags & WQ_MEM_RECLAIM) {
			TaskId k = create_task(q.name, true, cpu);
			m.tasks[k].ppid = 2;
			set_task_state(k, abi::TASK_UNINTERRUPTIBLE);
			push_native(k, run::Kthread{}, StackKind::Task);
			push_native(k, run::RetFromFork{}, StackKind::Task);
			m.tasks[k].sched.vruntime = m.cpus[cpu].sched.min_vruntime;
			sync_task_struct(k);
			wake_up_process(k, cpu, abi::TASK_NORMAL);
			q.rescuer = k;
		}
		m.wq.queues[handle] = std::move(q);
		finish_builtin(t, handle);
		return true;
	}
	case BuiltinId::queue_work_on: {
		uint32_t on = arg(0) < m.cpus.size() ? static_cast<uint32_t>(arg(0)) : cpu;
		finish_builtin(t, queue_work_item(arg(2), arg(1), on, cpu) ? 1 : 0);
		return true;
	}
	case BuiltinId::queue_delayed_work:
	case BuiltinId::queue_delayed_work_on: {
		bool on = call.id == BuiltinId::queue_delayed_work_on;
		uint64_t wq = arg(on ? 1 : 0), w = arg(on ? 2 : 1), delay = arg(on ? 3 : 2);
		uint32_t target = on && arg(0) < m.cpus.size() ? static_cast<uint32_t>(arg(0)) : cpu;
		if (delayed_pending(w)) {
			finish_builtin(t, 0);
			return true;
		}
		finish_builtin(t, queue_delayed(wq, w, delay, target) ? 1 : 0);
		return true;
	}
	case BuiltinId::mod_delayed_work: {
		// mod_delayed_work_on(): steal the pending work (timer or queue), queue it anew.
		uint64_t wq = arg(0), w = arg(1);
		bool was = m.time.del_timer(w + kDelayedWorkTimer);
		Work& work = work_at(w);
		if (work.pending) {
			work.pending = false;
			std::erase(m.cpus[work.cpu].worklist, w);
			std::erase(m.wq.unbound_worklist, w);
			was = true;
		}
		(void)queue_delayed(wq, w, arg(2), cpu);
		finish_builtin(t, was ? 1 : 0);
		return true;
	}
	case BuiltinId::work_pending: finish_builtin(t, work_at(arg(0)).pending ? 1 : 0); return true;
	case BuiltinId::delayed_work_pending: finish_builtin(t, delayed_pending(arg(0)) ? 1 : 0); return true;
	case BuiltinId::flush_delayed_work: {
		// flush_delayed_work(): a pending timer is cut short (its work queued now), then
		// flush_work(). kctx's flush_work() is the existing builtin's wait.
		uint64_t w = arg(0);
		if (m.time.del_timer(w + kDelayedWorkTimer))
			(void)queue_work_item(w, work_at(w).wq, cpu, cpu);
		bool busy = work_at(w).pending || work_at(w).running;
		finish_builtin(t, busy ? 1 : 0);
		if (busy)
			push_native(t, run::FlushWorkqueue{.mode = run::FlushWorkqueue::Mode::Flush, .wq = work_at(w).wq}, stack);
		return true;
	}
	case BuiltinId::flush_workqueue:
	case BuiltinId::drain_workqueue:
	case BuiltinId::destroy_workqueue: {
		might_sleep(cpu, t, "kernel/workqueue.c", 2812);
		using Mode = run::FlushWorkqueue::Mode;
		Mode mode = call.id == BuiltinId::flush_workqueue ? Mode::Flush
			    : call.id == BuiltinId::drain_workqueue ? Mode::Drain : Mode::Destroy;
		if (auto q = m.wq.queues.find(arg(0)); q != m.wq.queues.end() && mode != Mode::Flush)
			q->second.draining = true;
		finish_builtin(t, 0);
		push_native(t, run::FlushWorkqueue{.mode = mode, .wq = arg(0)}, stack);
		return true;
	}
	default: return false;
	}
}

void Kernel::step_flush_workqueue(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::FlushWorkqueue>();
	bool busy = false;
	for (const auto& [addr, w] : m.works)
		if (w.wq == r.wq && (w.pending || w.running))
			busy = true;
	if (busy) {
		prepare_to_wait(t, flush_key(r.wq), WaitMode::Shared, abi::TASK_UNINTERRUPTIBLE);
		push_schedule(t);
		return;
	}
	finish_wait(flush_key(r.wq), t);
	auto q = m.wq.queues.find(r.wq);
	if (q != m.wq.queues.end() && r.mode != run::FlushWorkqueue::Mode::Flush)
		q->second.draining = false;
	if (q != m.wq.queues.end() && r.mode == run::FlushWorkqueue::Mode::Destroy) {
		// destroy_workqueue(): the rescuer is kthread_stop()ped, the queue freed.
		if (q->second.rescuer != kNoTask) {
			m.tasks[q->second.rescuer].kthread_should_stop = true;
			wake_up_process(q->second.rescuer, cpu, abi::TASK_NORMAL);
		}
		(void)slab_free(m.slab, m.kmem, r.wq, {});
		m.wq.queues.erase(q);
	}
	pop_frame(t, 0);
}

void trace_flush_workqueue(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	const auto& r = f.as<run::FlushWorkqueue>();
	add("__flush_workqueue+0x13a/0x4a0");
	if (r.mode != run::FlushWorkqueue::Mode::Flush)
		add("drain_workqueue+0x9d/0x140");
	if (r.mode == run::FlushWorkqueue::Mode::Destroy)
		add("destroy_workqueue+0x2f/0x2c0");
}

}  // namespace kctx::kernel
