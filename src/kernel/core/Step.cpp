// The event loop. Each CPU has its own clock; the CPU that is furthest behind runs next,
// for at most a quantum past the others, so the CPUs interleave closely and always in
// the same order (runs are deterministic). Within its turn a CPU runs user code in
// batches up to its next event; idle CPUs jump straight to theirs.
#include <algorithm>
#include <utility>

#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
// How far one CPU may run ahead of the slowest: bounds how much the CPUs' timelines
// (and so printk timestamps on the console) can disagree.
constexpr uint64_t kQuantumNs = 50'000;

// Runs bytecode an observer watches (Hooks::watches: a stap .statement() or process()
// probe) one instruction at a time, telling it before each, up to the same budget and
// exits as one vm::run() would.
vm::RunResult run_watched(Hooks& hooks, const Machine& m, uint32_t cpu, TaskId t, vm::Thread& thread, bool user,
			  vm::ImageTable images, vm::NativeContext& cx, const vm::NativeTable& natives, uint64_t budget)
{
	uint64_t done = 0;
	for (;;) {
		hooks.vm_insn(m, cpu, t, thread, user);
		vm::RunResult r = vm::run(thread, images, cx, natives, 1);
		done += r.executed;
		if (r.exit != vm::Exit::Budget || done >= budget) {
			r.executed = done;
			return r;
		}
	}
}
}  // namespace

uint64_t Kernel::now() const
{
	uint64_t lowest = ~0ull;
	for (const Cpu& c : m.cpus)
		lowest = std::min(lowest, c.now);
	return lowest;
}

bool Kernel::finished() const { return m.halted || now() >= m_config.end_ns; }

Summary Kernel::summary() const
{
	Summary s;
	// A halted machine (a panic) stopped when its panicking CPU did, which may have run
	// ahead of the others (kQuantumNs) and then printed the panic's lines on its own
	// clock: the console's last timestamps are that clock's, so the summary says its time
	// (it said the slowest CPU's, shorter than the console's last line).
	uint64_t stopped = now();
	if (m.halted)
		for (const Cpu& c : m.cpus)
			stopped = std::max(stopped, c.now);
	s.sim_ns = std::min(stopped, m_config.end_ns);
	for (const Cpu& c : m.cpus) {
		s.context_switches += c.sched.nr_switches;
		s.interrupts += c.irq.count;
	}
	s.findings = m.findings;
	return s;
}

bool Kernel::halted_in_idle(uint32_t cpu) const
{
	const Cpu& c = m.cpus[cpu];
	const Task& task = std::as_const(m.tasks)[c.curr];
	if (c.curr != c.idle || task.in_user_mode() || task.kstack.empty())
		return false;
	const auto* top = std::get_if<NativeFrame>(&task.kstack.back());
	return top && top->fn() == NativeFn::Idle && c.sched.rq.empty() && !task.sched.need_resched && c.tick.stopped &&
	       c.irqs_enabled && next_event(cpu) > c.now;
}

uint64_t Kernel::quiet_until() const
{
	uint64_t earliest = ~0ull;
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++) {
		if (!halted_in_idle(cpu))
			return now();
		earliest = std::min(earliest, next_event(cpu));
	}
	return m.halted ? now() : earliest;
}

bool Kernel::run_until(uint64_t until_ns)
{
	until_ns = std::min(until_ns, m_config.end_ns);
	attach_shmem();   // the Machine may have been copied, moved or restored since the last run
	// NO_HZ idle: with every CPU halted until an event at or past until_ns, stepping them
	// would only leapfrog their clocks a quantum at a time until each reaches until_ns
	// (none can wake another before its own event); move them there at once.
	if (!m.halted && quiet_until() >= until_ns) {
		for (Cpu& c : m.cpus)
			c.now = std::max(c.now, until_ns);
		return !finished();
	}
	while (!m.halted) {
		uint32_t cpu = 0;
		for (uint32_t c = 1; c < m.cpus.size(); c++)
			if (m.cpus[c].now < m.cpus[cpu].now)
				cpu = c;
		if (m.cpus[cpu].now >= until_ns)
			break;
		uint64_t others = until_ns;
		for (uint32_t c = 0; c < m.cpus.size(); c++)
			if (c != cpu)
				others = std::min(others, m.cpus[c].now);
		uint64_t limit = std::min(until_ns, std::max(others, m.cpus[cpu].now) + kQuantumNs);
		run_cpu(cpu, limit);
	}
	return !finished();
}

bool Kernel::interrupt_due(uint32_t cpu) const
{
	const Cpu& c = m.cpus[cpu];
	if (!c.irqs_enabled)
		return false;
	if (c.sched.wakeup_at <= c.now)
		return true;
	if (!c.tick.stopped && c.tick.next <= c.now)
		return true;
	if (m.time.next_hrtimer_ns(cpu) <= c.now)
		return true;
	if (cpu < m.irq.irr.size() && m.irq.irr[cpu])
		return true;   // a device line's vector in the IRR (irq/Handle.cpp)
	return c.tick.stopped && next_timer_ns(cpu) <= c.now;
}

uint64_t Kernel::next_event(uint32_t cpu) const
{
	const Cpu& c = m.cpus[cpu];
	uint64_t next = std::min({c.sched.wakeup_at, m.time.next_hrtimer_ns(cpu), c.watchdog.next_nmi, m.irq.next_periodic_on(cpu, m_config.irq_line)});
	next = std::min(next, c.tick.stopped ? next_timer_ns(cpu) : c.tick.next);
	// A pending device vector is due now, once interrupts are on to take it (with them
	// off, the builtin that turns them on ends the run anyway).
	if (c.irqs_enabled && cpu < m.irq.irr.size() && m.irq.irr[cpu])
		next = std::min(next, c.now);
	return next;
}

void Kernel::run_cpu(uint32_t cpu, uint64_t limit)
{
	bool stepped = false;
	while (!m.halted && m.cpus[cpu].now < limit) {
		// Each pass below is one step; the observers see the state it left, and what
		// their own work in it cost is charged (stap's probe hits).
		if (stepped && m_hooks) {
			m_hooks->cpu_stepped(m, cpu);
			charge(cpu, m_hooks->take_cost_ns(cpu));
		}
		stepped = true;
		if (m.cpus[cpu].now >= m.cpus[cpu].watchdog.next_nmi) {
			watchdog_nmi(cpu);
			continue;
		}
		if (m.cpus[cpu].now >= m.irq.next_periodic_on(cpu, m_config.irq_line)) {
			raise_periodic_irq(cpu);
			continue;
		}
		if (interrupt_due(cpu)) {
			deliver_interrupt(cpu);
			continue;
		}
		Cpu& c = m.cpus[cpu];
		TaskId t = c.curr;
		Task& task = m.tasks[t];
		uint64_t stop = std::min(limit, next_event(cpu));
		if (task.in_user_mode()) {
			run_vm(cpu, t, task.user->thread, true, stop);
			continue;
		}
		KCTX_CHECK(!task.kstack.empty());
		if (auto* vf = std::get_if<VmFrame>(&task.kstack.back())) {
			run_vm(cpu, t, vf->thread, false, stop);
			continue;
		}
		const NativeFrame& top = std::get<NativeFrame>(task.kstack.back());
		bool halted_idle = top.fn() == NativeFn::Idle && c.sched.rq.empty() && !task.sched.need_resched;
		step_native(cpu, t, limit);
		if (halted_idle) {
			// hlt: nothing happens on this CPU until its next event.
			Cpu& ci = m.cpus[cpu];
			ci.now = std::max(ci.now, std::min(limit, next_event(cpu)));
		} else {
			charge(cpu, m_config.costs.native_ns);
		}
	}
	if (stepped && m_hooks) {
		m_hooks->cpu_stepped(m, cpu);
		charge(cpu, m_hooks->take_cost_ns(cpu));
	}
}

vm::RunResult Kernel::run_vm(uint32_t cpu, TaskId t, vm::Thread& thread, bool user, uint64_t limit, std::string* visible)
{
	Cpu& c = m.cpus[cpu];
	uint64_t insn = m_config.costs.insn_ns;
	uint64_t budget = limit > c.now ? (limit - c.now + insn - 1) / insn : 1;
	Task& task = m.tasks[t];
	NativeHost host{this, cpu, t};
	vm::NativeContext cx;
	cx.host = &host;
	cx.mem.kernel = &m.kmem;
	cx.mem.user = task.user ? &task.user->mm : nullptr;
	if (!user)
		cx.mem.check = kasan_access_check();   // module code is KASAN-instrumented (Kasan.cpp)
	if (!user && m.kernel_data_live)
		update_jiffies(cpu);
	// User code's first touches may take only the pages that are free (mm/Ram.cpp).
	if (user)
		page_count().set_user_page_budget(t, true);
	// A user task runs one program's code for the whole run (its frames' image).
	bool watched = m_hooks && m_hooks->watches(user) &&
		       (!user || m_hooks->watches_program(thread.frames.empty() || thread.frames.back().image >= m_images.size()
								  ? nullptr
								  : m_images[thread.frames.back().image].program));
	vm::RunResult r = watched
				  ? run_watched(*m_hooks, m, cpu, t, thread, user, m_images, cx, m_natives, budget)
				  : vm::run(thread, m_images, cx, m_natives, budget);
	if (user)
		page_count().set_user_page_budget(t, false);
	charge(cpu, (r.executed + cx.extra_cost) * insn);
	switch (r.exit) {
	case vm::Exit::Budget: return r;
	case vm::Exit::Builtin:
		if (visible)
			*visible = describe_call(thread, r.call);
		if (user && cx.fault != vm::NativeContext::Fault::None) {
			// A libc function (a native) touched memory the program may not: the fault
			// its own instructions take there, after which the call runs again.
			vm::rewind_builtin(thread);
			r.exit = vm::Exit::Fault;
			r.fault = cx.fault == vm::NativeContext::Fault::Store ? vm::FaultKind::Write : vm::FaultKind::Read;
			r.fault_address = cx.fault_address;
			handle_fault(cpu, t, true, r);
			return r;
		}
		if (user)
			user_builtin(cpu, t, r.call);
		else
			kernel_builtin(cpu, t, r.call);
		return r;
	case vm::Exit::Return:
		if (user) {
			// main() returned: libc's exit(status).
			uint64_t status = r.value;
			start_syscall(cpu, t, abi::BuiltinId::exit, std::vector<uint64_t>{status});
			return r;
		}
		pop_frame(t, static_cast<int64_t>(r.value));
		return r;
	case vm::Exit::Fault:
		handle_fault(cpu, t, user, r);
		return r;
	}
	return r;
}

}  // namespace kctx::kernel
