// Deferred work and the threads behind it: kthreads (kernel/kthread.c), workqueues
// (kernel/workqueue.c, the system "events" queue served by kworker/N:0), tasklets
// (kernel/softirq.c), the per-CPU stopper (migration/N) and the lockup detectors that
// depend on it (kernel/watchdog.c, kernel/hung_task.c).
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
// kernel/watchdog.c: watchdog_thresh 10, softlockup threshold 2 * 10, sample period 4 s.
constexpr uint64_t kSoftlockupThresh = 20;
constexpr uint64_t kWatchdogPeriodNs = 4'000'000'000ull;
// kernel/hung_task.c: CONFIG_DEFAULT_HUNG_TASK_TIMEOUT 120, at most 10 reports.
constexpr uint64_t kHungTaskTimeoutSecs = 120;
// get_timestamp(): running_clock() >> 30, about 1.07 s per unit.
uint64_t watchdog_ts(uint64_t ns) { return ns >> 30; }
// &dwork->timer: the key of a delayed work's timer in m.timers.
constexpr uint64_t kDelayedWorkTimer = abi::layout::delayed_work::timer;
}  // namespace

void Kernel::step_kthread(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// kthread(): a new thread sleeps until first woken, then runs threadfn(data) and
	// exits with its result. a[0] threadfn (0 for the boot threads kctx does not model:
	// they sleep for good), a[1] data.
	Task& task = m.tasks[t];
	switch (f.state) {
	case 0:
		if (f.a[0] == 0) {
			task.state = abi::TASK_INTERRUPTIBLE;
			push_schedule(t);
			return;
		}
		if (task.kthread_should_stop) {
			do_exit(cpu, t, -abi::kEINTR);
			return;
		}
		f.state = 1;
		{
			uint64_t fn = f.a[0], data = f.a[1];
			push_vm_call(t, fn, std::vector<uint64_t>{data}, StackKind::Task);
		}
		return;
	case 1: do_exit(cpu, t, static_cast<int32_t>(f.ret)); return;
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
	// kthread_stop(): a[0] the thread; wait for it to exit, return its result.
	const Task& target = m.tasks[f.a[0]];
	if (target.exited) {
		pop_frame(t, target.exit_status);
		return;
	}
	m.tasks[t].state = abi::TASK_UNINTERRUPTIBLE;
	sync_task_struct(t);
	m.waiters[m.tasks[f.a[0]].task_struct_addr].push_back({t, false, false});
	push_schedule(t);
	(void)cpu;
}

void trace_kthread_stop(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("kthread_stop+0x6e/0x1c0");
}

void Kernel::step_stopper(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// migration/N (smpboot_thread_fn + cpu_stopper_thread): runs queued stop work, here
	// the soft-lockup watchdog's softlockup_fn(), which touches the CPU's timestamps.
	Cpu& c = m.cpus[cpu];
	if (c.softlockup_queued) {
		c.softlockup_queued = false;
		c.watchdog_touch_ts = c.watchdog_report_ts = watchdog_ts(c.now);
	}
	m.tasks[t].state = abi::TASK_INTERRUPTIBLE;
	sync_task_struct(t);
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

void Kernel::watchdog_timer_fn(uint32_t cpu)
{
	// kernel/watchdog.c watchdog_timer_fn(), in hardirq every sample period.
	Cpu& c = m.cpus[cpu];
	c.hrtimer_interrupts++;   // watchdog_interrupt_count(): kicks the hard-lockup detector
	if (!c.softlockup_queued && c.stopper != kNoTask) {
		c.softlockup_queued = true;   // stop_one_cpu_nowait(softlockup_fn)
		wake_up_process(c.stopper, cpu);
	}
	uint64_t now = watchdog_ts(c.now);
	if (now <= c.watchdog_report_ts + kSoftlockupThresh)
		return;
	uint64_t duration = now - c.watchdog_touch_ts;
	c.watchdog_report_ts = now;   // update_report_ts(): the next report a period later
	softlockup_report(cpu, c.curr, duration);
}

void Kernel::softlockup_report(uint32_t cpu, TaskId t, uint64_t duration)
{
	// The report shows the interrupted context: its registers (show_regs) and the stack
	// below the watchdog interrupt.
	m.findings.lockups++;
	Task interrupted = m.tasks[t];
	for (size_t i = interrupted.kstack.size(); i-- > 0;) {
		const auto* nf = std::get_if<NativeFrame>(&interrupted.kstack[i]);
		if (nf && nf->fn() == NativeFn::Interrupt) {
			interrupted.kstack.resize(i);
			break;
		}
	}
	printk(cpu, fmt::format("\0010watchdog: BUG: soft lockup - CPU#{} stuck for {}s! [{}:{}]\n", cpu, duration,
				interrupted.comm, interrupted.pid));
	printk(cpu, modules_linked_in() + "\n");
	dump_header(cpu);
	std::vector<TraceLine> lines = build_trace(m, m_images, interrupted, {});
	if (interrupted.kstack.empty() || lines.empty()) {
		printk(cpu, fmt::format("RIP: 0033:{:#x}\n", user_pc(interrupted, m_images)));
	} else {
		printk(cpu, fmt::format("RIP: 0010:{}\n", lines.front().text));
		printk(cpu, fmt::format("RSP: 0018:{:016x} EFLAGS: {:08x}\n", interrupted.stack_base + 0x3e98,
					m.cpus[cpu].irqs_enabled ? 0x202 : 0x202));
		lines.erase(lines.begin());
		print_trace_lines(cpu, lines);
	}
	add_taint(abi::TAINT_SOFTLOCKUP);
	if (m_config.softlockup_panic)
		panic(cpu, "softlockup: hung tasks\n", std::vector<std::string>{"watchdog_timer_fn.cold+0x3d/0x9f"});
}

void Kernel::watchdog_nmi(uint32_t cpu)
{
	// kernel/watchdog_hld.c watchdog_overflow_callback(): an NMI, so it comes even with
	// irqs off. If the watchdog hrtimer has not ticked since the last NMI, this CPU has
	// had interrupts off for a whole period: a hard lockup, reported once per episode.
	Cpu& c = m.cpus[cpu];
	c.next_nmi += 10'000'000'000ull;
	if (c.hrtimer_interrupts != c.hrtimer_interrupts_saved) {
		c.hrtimer_interrupts_saved = c.hrtimer_interrupts;
		c.hard_watchdog_warned = false;
		return;
	}
	if (c.hard_watchdog_warned)
		return;
	c.hard_watchdog_warned = true;
	m.findings.lockups++;
	printk(cpu, fmt::format("\0010NMI watchdog: Watchdog detected hard LOCKUP on cpu {}\n", cpu));
	printk(cpu, modules_linked_in() + "\n");
	show_held_locks(cpu, c.curr);
	dump_header(cpu);
	std::vector<TraceLine> lines = build_trace(m, m_images, c.curr, {});
	if (!lines.empty()) {
		printk(cpu, fmt::format("RIP: 0010:{}\n", lines.front().text));
		printk(cpu, fmt::format("RSP: 0018:{:016x} EFLAGS: 00000046\n", m.tasks[c.curr].stack_base + 0x3f10));
		lines.erase(lines.begin());
		print_trace_lines(cpu, lines);
	}
}

void Kernel::check_hung_tasks(uint32_t cpu)
{
	// kernel/hung_task.c check_hung_uninterruptible_tasks(): a task in D state that has
	// not been scheduled since the last scan, and for more than the timeout.
	uint64_t j = jiffies(cpu);
	for (TaskId i = 0; i < m.tasks.size(); i++) {
		Task& task = m.tasks[i];
		if (task.exited || task.state != abi::TASK_UNINTERRUPTIBLE || m.hung_task_warnings == 0)
			continue;
		uint64_t switches = task.nvcsw + task.nivcsw;
		if (!switches)
			continue;
		if (switches != task.hung_last_switch_count) {
			task.hung_last_switch_count = switches;
			task.hung_last_switch_time = j;
			continue;
		}
		if (j < task.hung_last_switch_time + kHungTaskTimeoutSecs * m_config.hz)
			continue;
		m.hung_task_warnings--;
		m.findings.lockups++;
		printk(cpu, fmt::format("\0013INFO: task {}:{} blocked for more than {} seconds.\n", task.comm, task.pid,
					(j - task.hung_last_switch_time) / m_config.hz));
		printk(cpu, fmt::format("\0013      {} {} {}\n", print_tainted(), m_config.release(), m_config.version_word()));
		printk(cpu, "\0013\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n");
		printk(cpu, fmt::format("\0016task:{:<15.15} state:D stack:0     pid:{:<5} ppid:{:<6} flags:0x{:08x}\n", task.comm,
					task.pid, task.ppid, task.kthread ? 0x00004000 : 0x00000000));
		std::vector<std::string> top = {"__schedule+0x34d/0xa00"};
		print_trace_lines(cpu, build_trace(m, m_images, task, top));
	}
}

bool Kernel::work_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	vm::AddressSpace mem{task.user ? &task.user->mm : nullptr, &m.kmem};
	auto queue_work = [&](uint64_t w, uint32_t on_cpu) {
		Work& work = m.works[w];
		if (work.pending)
			return false;
		work.pending = true;
		work.cpu = on_cpu;
		work.seq = m.timer_seq++;
		m.cpus[on_cpu].worklist.push_back(w);
		wake_up_process(m.cpus[on_cpu].kworker, cpu);
		return true;
	};
	switch (call.id) {
	case BuiltinId::kthread_create:
	case BuiltinId::kthread_run: {
		// kthread_create_on_node(): kthreadd forks the thread, which sleeps in kthread()
		// until woken; kthread_run() wakes it at once.
		std::string name = printk_format(cpu, read_kstring(arg(2)), args.subspan(std::min<size_t>(3, args.size())), mem);
		TaskId k = create_task(name, true, cpu);
		Task& kt = m.tasks[k];
		kt.ppid = 2;
		kt.state = abi::TASK_UNINTERRUPTIBLE;
		NativeFrame body;
		body.set_fn(NativeFn::Kthread);
		body.a[0] = arg(0);
		body.a[1] = arg(1);
		kt.kstack.push_back(std::move(body));
		kt.kstack.push_back(NativeFrame{NativeFn::RetFromFork});
		kt.vruntime = c.min_vruntime;
		sync_task_struct(k);
		uint64_t ts = kt.task_struct_addr;
		finish_builtin(t, ts);
		if (call.id == BuiltinId::kthread_run)
			wake_up_process(k, cpu, abi::TASK_NORMAL);
		return true;
	}
	case BuiltinId::kthread_should_stop: finish_builtin(t, task.kthread_should_stop ? 1 : 0); return true;
	case BuiltinId::kthread_stop: {
		might_sleep(cpu, t, "kernel/kthread.c", 711);
		for (TaskId k = 0; k < m.tasks.size(); k++) {
			if (m.tasks[k].task_struct_addr != arg(0))
				continue;
			m.tasks[k].kthread_should_stop = true;
			wake_up_process(k, cpu, abi::TASK_NORMAL);
			NativeFrame& f = push_native(t, NativeFn::KthreadStop, stack);
			f.a[0] = k;
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
		(void)m.kmem.store(arg(0) + 24, arg(1));   // work_struct.func
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::schedule_work:
	case BuiltinId::queue_work: {
		uint64_t w = call.id == BuiltinId::queue_work ? arg(1) : arg(0);
		if (!m.works.count(w)) {
			uint64_t fn = 0;
			(void)m.kmem.load(w + 24, fn);
			m.works[w].fn = fn;
		}
		finish_builtin(t, queue_work(w, cpu) ? 1 : 0);
		return true;
	}
	case BuiltinId::schedule_delayed_work: {
		uint64_t w = arg(0);
		Work& work = m.works[w];
		if (work.pending || (m.timers.count(w + kDelayedWorkTimer) && m.timers[w + kDelayedWorkTimer].pending)) {
			finish_builtin(t, 0);
			return true;
		}
		finish_builtin(t, 1);
		if (arg(1) == 0) {
			queue_work(w, cpu);
			return true;
		}
		mod_timer(w + kDelayedWorkTimer, TimerKind::DelayedWork, 0, 0, jiffies(cpu) + arg(1), cpu, kNoTask);
		return true;
	}
	case BuiltinId::cancel_delayed_work:
	case BuiltinId::cancel_delayed_work_sync:
	case BuiltinId::cancel_work_sync: {
		uint64_t w = arg(0);
		bool was = false;
		if (call.id != BuiltinId::cancel_work_sync)
			was = del_timer(w + kDelayedWorkTimer);
		auto it = m.works.find(w);
		if (it != m.works.end() && it->second.pending) {
			it->second.pending = false;
			std::erase(m.cpus[it->second.cpu].worklist, w);
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
	case BuiltinId::tasklet_setup:
	case BuiltinId::tasklet_init: {
		// struct tasklet_struct: next 0, state 8, count 16, use_callback 20, func 24, data 32
		(void)m.kmem.store(arg(0) + 20, static_cast<uint8_t>(call.id == BuiltinId::tasklet_setup));
		(void)m.kmem.store(arg(0) + 24, arg(1));
		(void)m.kmem.store(arg(0) + 32, arg(2));
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::tasklet_schedule:
	case BuiltinId::tasklet_hi_schedule: {
		uint64_t state = 0;
		(void)m.kmem.load(arg(0) + 8, state);
		finish_builtin(t, 0);
		if (state & 1)   // TASKLET_STATE_SCHED
			return true;
		(void)m.kmem.store(arg(0) + 8, state | 1);
		c.tasklets.push_back(arg(0));
		raise_softirq(cpu, call.id == BuiltinId::tasklet_schedule ? abi::TASKLET_SOFTIRQ : abi::HI_SOFTIRQ);
		return true;
	}
	case BuiltinId::tasklet_kill: {
		if (abi::in_interrupt(c.preempt_count))
			printk(cpu, "\0014Attempt to kill tasklet from interrupt\n");
		(void)m.kmem.store(arg(0) + 8, uint64_t{0});
		for (Cpu& other : m.cpus)
			std::erase(other.tasklets, arg(0));
		finish_builtin(t, 0);
		return true;
	}
	default: return false;
	}
}

void Kernel::step_worker(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// worker_thread() -> process_one_work(): run this CPU's queued work items in order,
	// in process context; sleep when there are none. a[0] the item being run.
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	if (f.state == 1) {
		auto it = m.works.find(f.a[0]);
		if (it != m.works.end())
			it->second.running = false;
		lockdep_release(cpu, t, task.stack_base + 0x3e00, "process_one_work+0x262/0x380");
		lockdep_release(cpu, t, 0xffffffff83100000ull, "process_one_work+0x262/0x380");
		task.current_work = 0;
		f.state = 0;
	}
	if (c.worklist.empty()) {
		task.state = abi::TASK_INTERRUPTIBLE;
		sync_task_struct(t);
		push_schedule(t);
		return;
	}
	uint64_t w = c.worklist.front();
	c.worklist.erase(c.worklist.begin());
	Work& work = m.works[w];
	work.pending = false;
	work.running = true;
	task.current_work = w;
	f.a[0] = w;
	f.state = 1;
	uint64_t fn = work.fn;
	// process_one_work(): lockdep maps for the workqueue and the work item.
	std::string name = work.name.empty() ? "(work_completion)(work)" : work.name;
	lockdep_acquire(cpu, t, 0xffffffff83100000ull, "(wq_completion)events", 0xffffffff83100000ull, LockKind::Map, false,
			"process_one_work+0x1f1/0x380", "");
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

void Kernel::step_tasklets(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// tasklet_action_common(): one tasklet per step, callback(t) or func(data).
	Cpu& c = m.cpus[cpu];
	if (c.tasklets.empty()) {
		pop_frame(t, 0);
		return;
	}
	uint64_t tl = c.tasklets.front();
	c.tasklets.erase(c.tasklets.begin());
	uint64_t state = 0, fn = 0, data = 0;
	uint8_t use_callback = 0;
	(void)m.kmem.load(tl + 8, state);
	(void)m.kmem.store(tl + 8, state & ~1ull);
	(void)m.kmem.load(tl + 20, use_callback);
	(void)m.kmem.load(tl + 24, fn);
	(void)m.kmem.load(tl + 32, data);
	StackKind stack = f.stack;
	push_vm_call(t, fn, std::vector<uint64_t>{use_callback ? tl : data}, stack);
}

void trace_tasklets(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("tasklet_action_common.constprop.0+0xb6/0x1a0");
}

}  // namespace kctx::kernel
