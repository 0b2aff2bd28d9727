// lockdep, after kernel/locking/lockdep.c (6.1). The structure follows lockdep's own:
// __lock_acquire() -> check_wait_context(), mark_usage(), validate_chain() ->
// check_deadlock(), check_prevs_add() -> check_prev_add() -> check_noncircular(),
// check_irq_usage(); mark_lock() -> mark_lock_irq() -> valid_state(),
// check_usage_{forwards,backwards}(); and one print_* function per report, each
// emitting the lines its printk()s would.
//
// Which file holds what:
//  - Lockdep.cpp (this file): the entry points of Lockdep.h: lock_acquire() up to the
//    held_lock, lock_release() with find_held_lock() and reacquire_held_locks(),
//    lockdep_{hardirqs,softirqs}_{on,off}(), debug_show_held_locks(), lock_is_held();
//  - LockdepInternal.h: what the other files share, as lockdep_internals.h: the usage
//    bits, dependency types and wait types, __bfs() over the dependency graph, and the
//    Validator, one call into lockdep;
//  - LockdepGraph.cpp: lock classes (register_lock_class()), the usage-bit helpers
//    (exclusive_bit(), exclusive_mask(), find_exclusive_match()), wait_types();
//  - LockdepChecks.cpp: the Validator's checks, __lock_acquire() from the held_lock on,
//    through validate_chain() and mark_lock(), and mark_held_locks();
//  - LockdepReports.cpp: the reports, print_usage_bug(), print_irq_inversion_bug(),
//    print_bad_irq_dependency(), print_deadlock_bug(), print_circular_bug(),
//    print_lock_invalid_wait_context(), print_unlock_imbalance_bug() and "BUG:
//    MAX_LOCK_DEPTH too low!", and the pieces they print with.
#include "kernel/locking/Lockdep.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "abi/Preempt.h"
#include "kernel/locking/LockdepInternal.h"

namespace kctx::kernel {

using lockdep_detail::held_lock_lines_of;
using lockdep_detail::irqtrace_lines;
using lockdep_detail::LOCK_ENABLED_HARDIRQ;
using lockdep_detail::LOCK_ENABLED_SOFTIRQ;
using lockdep_detail::register_lock_class;
using lockdep_detail::task_irq_context;
using lockdep_detail::Validator;

// ---- the API ----

std::optional<LockdepReport> Lockdep::acquire(const LockContext& cx, uint64_t instance, std::string_view class_name,
					      uint64_t class_key, LockKind kind, bool trylock, const StackFn& stack)
{
	if (!m_state.debug_locks)
		return std::nullopt;
	// 6.1's struct semaphore has no lockdep_map: down()/up() are invisible to lockdep.
	if (kind == LockKind::Semaphore) {
		m_state.maps[instance] = {std::string(class_name), true};
		return std::nullopt;
	}
	// lockdep_enabled() is false in NMI context.
	if (cx.preempt_count & abi::NMI_MASK)
		return std::nullopt;
	LockdepHeldLock h;
	h.instance = instance;
	h.class_idx = register_lock_class(m_state, class_key, class_name, kind);
	h.acquire_ip = cx.ip;
	if (kind == LockKind::ReadLock)   // rwlock_acquire_read(): read_lock_is_recursive()
		h.read = abi::in_interrupt(cx.preempt_count) ? 2 : 1;
	else if (kind == LockKind::RcuRead)
		h.read = 2;
	h.trylock = trylock;
	h.check = kind != LockKind::RcuRead;
	h.hardirqs_off = !cx.hardirqs_enabled;
	h.irq_context = task_irq_context(cx);
	m_state.maps[instance] = {std::string(class_name), false};
	Validator v(m_state, cx, stack, m_key_symbol);
	v.lock_acquire(std::move(h));
	return std::move(v.report);
}

std::optional<LockdepReport> Lockdep::release(const LockContext& cx, uint64_t instance, const StackFn& stack)
{
	return release(cx, instance, std::string_view{}, stack);
}

std::optional<LockdepReport> Lockdep::release(const LockContext& cx, uint64_t instance, std::string_view class_name,
					      const StackFn& stack)
{
	if (!m_state.debug_locks || (cx.preempt_count & abi::NMI_MASK))
		return std::nullopt;
	auto map = m_state.maps.find(instance);
	if (map != m_state.maps.end() && map->second.untracked)
		return std::nullopt;
	Validator v(m_state, cx, stack, m_key_symbol);
	std::vector<LockdepHeldLock>& held = v.task().held;
	// find_held_lock(): the innermost match, not crossing into another irq context.
	std::optional<size_t> idx;
	for (size_t i = held.size(); i-- > 0;) {
		if (held[i].instance == instance) {
			idx = i;
			break;
		}
		if (i > 0 && held[i - 1].irq_context != held[i].irq_context)
			break;
	}
	if (!idx) {
		std::string name(class_name);
		if (name.empty())
			name = map != m_state.maps.end() ? map->second.name : fmt::format("{:#x}", instance);
		v.print_unlock_imbalance_bug(name);
		return std::move(v.report);
	}
	// Remove it and take the locks above it again (reacquire_held_locks()), which
	// records their dependencies on the locks now below them, with this trace.
	std::vector<LockdepHeldLock> rest(held.begin() + static_cast<std::ptrdiff_t>(*idx) + 1, held.end());
	held.resize(*idx);
	if (rest.empty())
		return std::nullopt;
	std::optional<LockdepTrace> trace;
	StackFn once = [&] {
		if (!trace)
			trace = stack ? stack() : LockdepTrace{};
		return *trace;
	};
	LockContext rcx = cx;
	for (LockdepHeldLock& h : rest) {
		h.irq_context = task_irq_context(cx);
		rcx.hardirqs_enabled = !h.hardirqs_off;
		Validator r(m_state, rcx, once, m_key_symbol);
		if (!r.lock_acquire(std::move(h)))
			return std::move(r.report);
	}
	return std::nullopt;
}

std::optional<LockdepReport> Lockdep::hardirqs_on(const LockContext& cx, const StackFn& stack)
{
	if (!m_state.debug_locks)
		return std::nullopt;
	// Not in NMI, and never from a hardirq handler (lockdep_hardirqs_on_prepare()).
	if (cx.preempt_count & (abi::NMI_MASK | abi::HARDIRQ_MASK))
		return std::nullopt;
	// __trace_hardirqs_on_caller() marks the held locks before the per-CPU state says
	// enabled: a report from here prints HE0.
	LockContext mcx = cx;
	mcx.hardirqs_enabled = false;
	Validator v(m_state, mcx, stack, m_key_symbol);
	if (!v.mark_held_locks(LOCK_ENABLED_HARDIRQ))
		return std::move(v.report);
	// If softirqs are enabled too, the held locks are now softirq-unsafe as well.
	if (cx.softirqs_enabled && !v.mark_held_locks(LOCK_ENABLED_SOFTIRQ))
		return std::move(v.report);
	LockdepIrqTrace& t = m_state.tasks[cx.task].irqtrace;
	t.hardirq_enable_ip = cx.ip;
	t.hardirq_enable_event = ++t.irq_events;
	return std::nullopt;
}

std::optional<LockdepReport> Lockdep::softirqs_on(const LockContext& cx, const StackFn& stack)
{
	if (!m_state.debug_locks || (cx.preempt_count & abi::NMI_MASK))
		return std::nullopt;
	// lockdep_softirqs_on(): the event first, then (with hardirqs on) mark_held_locks.
	LockdepIrqTrace& t = m_state.tasks[cx.task].irqtrace;
	t.softirq_enable_ip = cx.ip;
	t.softirq_enable_event = ++t.irq_events;
	if (!cx.hardirqs_enabled)
		return std::nullopt;
	LockContext mcx = cx;
	mcx.softirqs_enabled = true;
	Validator v(m_state, mcx, stack, m_key_symbol);
	if (!v.mark_held_locks(LOCK_ENABLED_SOFTIRQ))
		return std::move(v.report);
	return std::nullopt;
}

void Lockdep::hardirqs_off(const LockContext& cx)
{
	if (!m_state.debug_locks)
		return;
	LockdepIrqTrace& t = m_state.tasks[cx.task].irqtrace;
	t.hardirq_disable_ip = cx.ip;
	t.hardirq_disable_event = ++t.irq_events;
}

void Lockdep::softirqs_off(const LockContext& cx)
{
	if (!m_state.debug_locks || (cx.preempt_count & abi::NMI_MASK))
		return;
	LockdepIrqTrace& t = m_state.tasks[cx.task].irqtrace;
	t.softirq_disable_ip = cx.ip;
	t.softirq_disable_event = ++t.irq_events;
}

std::vector<std::string> Lockdep::held_locks(TaskId task, std::string_view comm, int32_t pid, const LockFormat& format) const
{
	if (!m_state.debug_locks)
		return {"INFO: lockdep is turned off."};
	auto it = m_state.tasks.find(task);
	return held_lock_lines_of(m_state, it == m_state.tasks.end() ? nullptr : &it->second, comm, pid, format);
}

std::vector<std::string> Lockdep::irqtrace_events(TaskId task) const
{
	auto it = m_state.tasks.find(task);
	return irqtrace_lines(it == m_state.tasks.end() ? LockdepIrqTrace{} : it->second.irqtrace);
}

bool Lockdep::holds(TaskId task, uint64_t instance) const
{
	auto it = m_state.tasks.find(task);
	if (it == m_state.tasks.end())
		return false;
	return std::any_of(it->second.held.begin(), it->second.held.end(),
			   [&](const LockdepHeldLock& h) { return h.instance == instance; });
}

uint32_t Lockdep::depth(TaskId task) const
{
	auto it = m_state.tasks.find(task);
	return it == m_state.tasks.end() ? 0 : static_cast<uint32_t>(it->second.held.size());
}

void Lockdep::task_gone(TaskId task) { m_state.tasks.erase(task); }


}  // namespace kctx::kernel
