// The explorer's side of the choice points (core/Choice.h): which choices a state
// enables, and taking one. The timeline's side is the event loop (core/Step.cpp), which
// stays as it was: `kctx run` never comes here unless it replays a counterexample.
//
// A Run step is everything a CPU does up to and through its next *visible* operation:
// a kernel API call of module code (locks, atomics, wake-ups, sleeps, printk …), a
// system call or libc call of a program, a context switch, or one retry of a contended
// spinlock. What lies between — module code's local computation, a program's user-mode
// code, the kernel's own paths between two such calls — runs as one block: no other CPU
// can observe it (processes share no memory; module code's plain loads and stores of
// globals are not interleaving points, docs/check.md says so).
#include <fmt/format.h>
#include <utility>

#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
// How far a CPU's clock may move within one step of explore mode (the spin and delay
// loops jump to this limit; nothing else depends on it).
constexpr uint64_t kExploreQuantumNs = 50'000;
// A Run step that reaches no visible operation in this many iterations ends anyway, so a
// step always terminates (a program's endless user-mode loop is a sequence of steps).
constexpr uint32_t kMaxIterations = 4096;

std::string_view context_name(uint32_t pc)
{
	if (abi::in_hardirq(pc))
		return "hardirq";
	if (abi::in_serving_softirq(pc))
		return "softirq";
	return "task";
}

// A reschedule IPI is in flight to a CPU that runs its idle task, with interrupts on. The
// IPI lands now, before the idle task's next move. x86's default idle halts with
// interrupts on (default_idle() -> raw_safe_halt(), "sti; hlt", arch/x86/kernel/process.c)
// and a halted CPU resumes only by an interrupt; an idle task still on its way into the
// idle loop (switched in, interrupts just back on) takes the IPI latched in its APIC as
// soon as IF is set. The timeline does the same: resched_curr() makes an idle CPU's IPI
// due at once, and run_cpu() delivers a due interrupt before the next step. So the CPU's
// Run step takes the IPI first, and the IPI is no choice of its own. On an idle task the
// IPI's whole effect is the schedule() the idle loop would make anyway; offering the
// idle task's moves without it let it switch to the woken task first and leave the IPI in
// flight, stale, a state per later place it could land (docs/check.md).
bool wakes_by_ipi(const Machine& m, uint32_t cpu)
{
	if (!m.cpus[cpu].irqs_enabled || m.cpus[cpu].sched.wakeup_at == ~0ull)
		return false;
	const Cpu& c = m.cpus[cpu];
	return c.curr == c.idle && !std::as_const(m.tasks)[c.curr].kstack.empty();
}
}  // namespace

std::string_view choice_kind_name(ChoiceKind k)
{
	switch (k) {
#define KCTX_X(name, text) \
	case ChoiceKind::name: return text;
		KCTX_CHOICE_KINDS(KCTX_X)
#undef KCTX_X
	}
	KCTX_UNREACHABLE();
}

bool parse_choice_kind(std::string_view text, ChoiceKind& out)
{
#define KCTX_X(name, str)                  \
	if (text == str) {                 \
		out = ChoiceKind::name;    \
		return true;               \
	}
	KCTX_CHOICE_KINDS(KCTX_X)
#undef KCTX_X
	return false;
}

bool Kernel::cpu_has_work(uint32_t cpu) const
{
	const Cpu& c = m.cpus[cpu];
	const Task& task = std::as_const(m.tasks)[c.curr];
	if (c.curr != c.idle || task.kstack.empty())
		return true;
	const auto* top = std::get_if<NativeFrame>(&task.kstack.back());
	if (!top || top->fn() != NativeFn::Idle)
		return true;
	return task.sched.need_resched || !c.sched.rq.empty() || !c.tick.stopped;
}

uint64_t Kernel::next_timer_expiry(uint32_t cpu) const
{
	// The earliest armed timer_list (at the tick that runs it) or hrtimer of this CPU,
	// leaving out the lockup detector's own hrtimer: a watchdog is a timing claim.
	uint64_t next = next_timer_ns(cpu);
	for (auto it = m.time.hrtimer_queue.lower_bound(TimerQueueKey{cpu, 0, 0, 0});
	     it != m.time.hrtimer_queue.end() && it->cpu == cpu; ++it) {
		if (m.time.hrtimers.at(it->addr).kind == HrtimerKind::Watchdog)
			continue;
		next = std::min(next, it->when);
		break;
	}
	return next;
}

bool Kernel::ipi_would_be_noop(uint32_t cpu) const
{
	// The reschedule IPI's handler (scheduler_ipi(), kernel/sched/core.c) does nothing
	// itself; what its arrival can cause is on the way out of the interrupt: a preemption
	// (the current task's TIF_NEED_RESCHED), a signal's delivery (the kick of
	// signal_wake_up), softirqs (irq_exit_rcu() -> invoke_softirq()). And
	// deliver_interrupt() takes the timer or a device vector instead if one is due. A
	// wake-up's IPI often finds none of these: the CPU has switched to the woken task
	// already (schedule() on its own), and the IPI that asked for it is stale.
	const Cpu& c = m.cpus[cpu];
	const Task& cur = std::as_const(m.tasks)[c.curr];
	if (cur.sched.need_resched || cur.signal.pending || c.irq.softirq_pending)
		return false;
	if (cpu < m.irq.irr.size() && m.irq.irr[cpu])
		return false;
	return !timer_interrupt_due(cpu);
}

std::vector<Choice> Kernel::choices() const
{
	std::vector<Choice> out;
	if (m.halted || now() >= m_config.end_ns)
		return out;
	// A no-op IPI is not offered while a CPU can run: it stays in flight and is offered
	// once its arrival could do something (docs/check.md). When nothing runs it is, so
	// that a machine waiting only for it is not judged blocked.
	bool any_run = false;
	for (uint32_t cpu = 0; cpu < m.cpus.size() && !any_run; cpu++)
		any_run = cpu_has_work(cpu);
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++) {
		const Cpu& c = m.cpus[cpu];
		if (cpu_has_work(cpu) || wakes_by_ipi(m, cpu))
			out.push_back({ChoiceKind::Run, cpu});
		if (!c.irqs_enabled)
			continue;
		if (c.sched.wakeup_at != ~0ull && !(any_run && ipi_would_be_noop(cpu)) && !wakes_by_ipi(m, cpu))
			out.push_back({ChoiceKind::Ipi, cpu});
		if (!c.tick.stopped)
			out.push_back({ChoiceKind::Tick, cpu});
		if (next_timer_expiry(cpu) != ~0ull)
			out.push_back({ChoiceKind::Timer, cpu});
	}
	return out;
}

std::string Kernel::lock_name(uint64_t addr) const
{
	// A module's global or static (its data segment's symbol table), as &name or
	// &name+off; else a function's symbol; else the number.
	for (const vm::Image& img : m_images) {
		if (img.unloaded || !img.program || addr < img.data_base)
			continue;
		for (const vm::Global& g : img.program->globals) {
			uint64_t start = img.data_base + g.offset;
			if (addr >= start && addr < start + std::max<uint64_t>(g.size, 1))
				return addr == start ? "&" + g.name : fmt::format("&{}+{}", g.name, addr - start);
		}
	}
	std::string s = symbolize(addr);
	if (size_t plus = s.find('+'); plus != std::string::npos && s.compare(plus, 5, "+0x0/") == 0)
		return "&" + s.substr(0, plus);
	return s;
}

std::string Kernel::task_label(TaskId t) const
{
	const Task& task = std::as_const(m.tasks)[t];
	return fmt::format("{}/{}", task.comm, task.pid);
}

std::optional<Kernel::SpinWait> Kernel::spin_wait(uint32_t cpu) const
{
	const Cpu& c = m.cpus[cpu];
	const Task& task = std::as_const(m.tasks)[c.curr];
	if (task.kstack.empty())
		return std::nullopt;
	const auto* top = std::get_if<NativeFrame>(&task.kstack.back());
	if (!top || top->fn() != NativeFn::Spin)
		return std::nullopt;
	const auto& spin = top->as<run::Spin>();
	SpinWait w;
	w.cpu = cpu;
	w.lock = spin.lock;
	// Only a lock someone else holds makes the CPU spin (step_spin takes a free one).
	if (spin.flavor == LockFlavor::Spin) {
		uint32_t locked = 0;
		(void)m.kmem.load(w.lock + abi::layout::spinlock::locked, locked);
		if (!locked)
			return std::nullopt;
	} else {
		int32_t readers = 0;
		uint32_t writer = 0;
		(void)m.kmem.load(w.lock, readers);
		(void)m.kmem.load(w.lock + abi::layout::rwlock::writer, writer);
		if (!writer && (spin.flavor == LockFlavor::Read || readers == 0))
			return std::nullopt;
	}
	uint32_t owner = 0;
	(void)m.kmem.load(w.lock + abi::layout::spinlock::owner_cpu, owner);
	w.owner_cpu = owner;
	// The holder: the task whose lockdep stack holds the lock (a lock taken in interrupt
	// context is held by the task it interrupted), else whoever runs on the owner CPU.
	w.holder = m.cpus[owner < m.cpus.size() ? owner : 0].curr;
	for (const auto& [i, lt] : m.lockdep.tasks)
		for (const LockdepHeldLock& h : lt.held)
			if (h.instance == w.lock && i != c.curr && i < m.tasks.size())
				w.holder = i;
	return w;
}

std::string Kernel::describe_call(const vm::Thread& thread, const vm::BuiltinCall& call) const
{
	// Arguments that point into the kernel's data read as the symbol's address ("&lock");
	// the rest as numbers. Enough to tell which lock or wait queue an operation is on.
	std::string out = fmt::format("{}(", abi::builtin(call.id).name);
	auto args = vm::builtin_args(thread, call);
	for (size_t i = 0; i < args.size() && i < 3; i++) {
		if (i)
			out += ", ";
		uint64_t a = args[i];
		out += a >= vm::kKernelSpaceStart ? lock_name(a) : fmt::format("{}", static_cast<int64_t>(a));
	}
	if (args.size() > 3)
		out += ", ...";
	return out + ")";
}

StepNote Kernel::take(const Choice& ch, bool describe)
{
	uint32_t cpu = ch.cpu;
	KCTX_CHECK(cpu < m.cpus.size());
	attach_shmem();
	m_exploring = true;
	m_random_value = ch.value;
	m_random_range = 0;
	m_local_call = false;
	Cpu& c = m.cpus[cpu];
	StepNote note;
	switch (ch.kind) {
	case ChoiceKind::Run: note = explore_run(cpu, describe); break;
	case ChoiceKind::Ipi:
		// The IPI's time is the waker's: the receiving CPU takes it now.
		c.sched.wakeup_at = std::min(c.sched.wakeup_at, c.now);
		note.what = "reschedule IPI";
		deliver_interrupt(cpu);
		break;
	case ChoiceKind::Tick:
		c.now = std::max(c.now, c.tick.next);
		note.what = "timer irq (tick)";
		deliver_interrupt(cpu);
		break;
	case ChoiceKind::Timer: {
		uint64_t when = next_timer_expiry(cpu);
		KCTX_CHECK(when != ~0ull);
		c.now = std::max(c.now, when);
		note.what = "timer irq (timer expiry)";
		deliver_interrupt(cpu);
		break;
	}
	}
	m_exploring = false;
	if (!describe)
		return note;
	if (m_random_range)
		note.what += fmt::format(" = {}", std::min(ch.value, m_random_range - 1));
	const Cpu& after = m.cpus[cpu];
	note.preempt_count = preempt_count(cpu);
	note.context = std::string(context_name(note.preempt_count));
	if (note.who.empty())
		note.who = task_label(after.curr);
	return note;
}

bool Kernel::take_free_spinlock(uint32_t cpu, TaskId t)
{
	// A spinlock that is free is taken in the same step as its call, so the next step
	// starts with the lock held (an interrupt may arrive there).
	const Task& task = std::as_const(m.tasks)[t];
	if (m.cpus[cpu].curr != t || task.kstack.empty())
		return false;
	const auto* top = std::get_if<NativeFrame>(&task.kstack.back());
	if (top && top->fn() == NativeFn::Spin && !spin_wait(cpu)) {
		step_native(cpu, t, m.cpus[cpu].now + kExploreQuantumNs);
		charge(cpu, m_config.costs.native_ns);
		return true;
	}
	return false;
}

StepNote Kernel::explore_run(uint32_t cpu, bool describe)
{
	StepNote note;
	Findings before = m.findings;
	for (uint32_t i = 0; i < kMaxIterations && !m.halted; i++) {
		Cpu& c = m.cpus[cpu];
		if (wakes_by_ipi(m, cpu)) {
			c.sched.wakeup_at = std::min(c.sched.wakeup_at, c.now);
			deliver_interrupt(cpu);
		}
		TaskId t = c.curr;
		uint64_t limit = c.now + kExploreQuantumNs;
		if (describe) {
			note.who = task_label(t);
			note.context = std::string(context_name(preempt_count(cpu)));
		}
		// Read through the const view: a mutable access clones a task that the state
		// being expanded shares (base/CowVector.h), and an idle CPU's step writes nothing.
		const Task& peek = std::as_const(m.tasks)[t];
		if (peek.in_user_mode() || std::holds_alternative<VmFrame>(peek.kstack.back())) {
			Task& task = m.tasks[t];
			bool user = task.in_user_mode();
			vm::Thread& thread = user ? task.user->thread : std::get<VmFrame>(task.kstack.back()).thread;
			vm::RunResult r = run_vm(cpu, t, thread, user, limit, describe ? &note.what : nullptr);
			if (r.exit == vm::Exit::Builtin) {
				note.acquired = take_free_spinlock(cpu, t);
				note.local = m_local_call && !note.acquired;
				return note;
			}
		} else {
			NativeFn fn = std::get<NativeFrame>(peek.kstack.back()).fn();
			if (fn == NativeFn::Idle && !cpu_has_work(cpu)) {
				note.what = "idle";
				note.progressed = false;
				return note;
			}
			if (auto waiting = fn == NativeFn::Spin ? spin_wait(cpu) : std::nullopt) {
				SpinWait w = *waiting;
				step_native(cpu, t, limit);
				charge(cpu, m_config.costs.native_ns);
				bool still = spin_wait(cpu).has_value();
				if (describe)
					note.what = still ? fmt::format("spins on {} (held by {} on CPU{})", lock_name(w.lock),
									task_label(w.holder), w.owner_cpu)
							  : fmt::format("takes {} after spinning", lock_name(w.lock));
				note.progressed = !still;
				note.acquired = !still;
				return note;
			}
			step_native(cpu, t, limit);
			charge(cpu, m_config.costs.native_ns);
			note.after_native = true;   // StepNote::after_native
		}
		if (m.cpus[cpu].curr != t) {
			if (describe)
				note.what = fmt::format("context switch {} -> {}", task_label(t), task_label(m.cpus[cpu].curr));
			return note;
		}
		if (!(m.findings == before)) {
			if (describe)
				note.what = "the kernel reports a problem";
			return note;
		}
	}
	if (describe && note.what.empty())
		note.what = "runs";
	return note;
}

}  // namespace kctx::kernel
