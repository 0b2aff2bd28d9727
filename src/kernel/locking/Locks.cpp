// Spinlocks and rwlocks (include/linux/spinlock_api_smp.h) and the spinning native
// (queued_spin_lock_slowpath()); preempt_count's checked add and sub and the
// might_sleep() check (kernel/sched/core.c __might_resched) that every sleeping lock uses.
// Mutexes are in Mutex.cpp, semaphores in Semaphore.cpp.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

struct SpinOp {
	LockFlavor flavor;
	LockVariant variant;
	bool acquire;
};

std::optional<SpinOp> spin_op(BuiltinId id)
{
	switch (id) {
	case BuiltinId::spin_lock: return SpinOp{LockFlavor::Spin, LockVariant::Plain, true};
	case BuiltinId::spin_unlock: return SpinOp{LockFlavor::Spin, LockVariant::Plain, false};
	case BuiltinId::spin_lock_irq: return SpinOp{LockFlavor::Spin, LockVariant::Irq, true};
	case BuiltinId::spin_unlock_irq: return SpinOp{LockFlavor::Spin, LockVariant::Irq, false};
	case BuiltinId::__kctx_spin_lock_irqsave: return SpinOp{LockFlavor::Spin, LockVariant::IrqSave, true};
	case BuiltinId::spin_unlock_irqrestore: return SpinOp{LockFlavor::Spin, LockVariant::IrqSave, false};
	case BuiltinId::spin_lock_bh: return SpinOp{LockFlavor::Spin, LockVariant::Bh, true};
	case BuiltinId::spin_unlock_bh: return SpinOp{LockFlavor::Spin, LockVariant::Bh, false};
	case BuiltinId::read_lock: return SpinOp{LockFlavor::Read, LockVariant::Plain, true};
	case BuiltinId::read_unlock: return SpinOp{LockFlavor::Read, LockVariant::Plain, false};
	case BuiltinId::write_lock: return SpinOp{LockFlavor::Write, LockVariant::Plain, true};
	case BuiltinId::write_unlock: return SpinOp{LockFlavor::Write, LockVariant::Plain, false};
	case BuiltinId::read_lock_irq: return SpinOp{LockFlavor::Read, LockVariant::Irq, true};
	case BuiltinId::read_unlock_irq: return SpinOp{LockFlavor::Read, LockVariant::Irq, false};
	case BuiltinId::write_lock_irq: return SpinOp{LockFlavor::Write, LockVariant::Irq, true};
	case BuiltinId::write_unlock_irq: return SpinOp{LockFlavor::Write, LockVariant::Irq, false};
	case BuiltinId::__kctx_read_lock_irqsave: return SpinOp{LockFlavor::Read, LockVariant::IrqSave, true};
	case BuiltinId::read_unlock_irqrestore: return SpinOp{LockFlavor::Read, LockVariant::IrqSave, false};
	case BuiltinId::__kctx_write_lock_irqsave: return SpinOp{LockFlavor::Write, LockVariant::IrqSave, true};
	case BuiltinId::write_unlock_irqrestore: return SpinOp{LockFlavor::Write, LockVariant::IrqSave, false};
	case BuiltinId::read_lock_bh: return SpinOp{LockFlavor::Read, LockVariant::Bh, true};
	case BuiltinId::read_unlock_bh: return SpinOp{LockFlavor::Read, LockVariant::Bh, false};
	case BuiltinId::write_lock_bh: return SpinOp{LockFlavor::Write, LockVariant::Bh, true};
	case BuiltinId::write_unlock_bh: return SpinOp{LockFlavor::Write, LockVariant::Bh, false};
	default: return std::nullopt;
	}
}

const char* flavor_name(LockFlavor flavor)
{
	switch (flavor) {
	case LockFlavor::Spin: return "spin";
	case LockFlavor::Read: return "read";
	case LockFlavor::Write: return "write";
	}
	KCTX_UNREACHABLE();
}

// The suffix of a lock entry point's name for the variant (an unlock's _irqsave is
// _irqrestore).
const char* variant_suffix(LockVariant variant)
{
	switch (variant) {
	case LockVariant::Plain: return "";
	case LockVariant::Irq: return "_irq";
	case LockVariant::IrqSave: return "_irqsave";
	case LockVariant::Bh: return "_bh";
	}
	KCTX_UNREACHABLE();
}

// The _raw_* entry point a trace shows for each flavour and variant.
std::string raw_entry(LockFlavor flavor, LockVariant variant, bool acquire)
{
	std::string name = fmt::format("_raw_{}_{}{}", flavor_name(flavor), acquire ? "lock" : "unlock",
				       variant == LockVariant::IrqSave && !acquire ? "_irqrestore" : variant_suffix(variant));
	return name + (acquire ? "+0x25/0x30" : "+0x1d/0x40");
}

}  // namespace

// ---- preempt_count with DEBUG_PREEMPT ----

void Kernel::preempt_count_inc(uint32_t cpu, uint32_t val, std::string_view site)
{
	Cpu& c = m.cpus[cpu];
	// preempt_latency_start(): remember where preemption was first disabled.
	if ((c.preempt_count & 0x7fffffff) == 0)
		c.preempt_disable_ip = std::string(site);
	c.preempt_count += val;
}

void Kernel::preempt_count_dec(uint32_t cpu, uint32_t val, std::string_view site)
{
	Cpu& c = m.cpus[cpu];
	uint32_t count = c.preempt_count & 0x7fffffff;
	if (m_config.debug_preempt()) {
		// kernel/sched/core.c preempt_count_sub(): DEBUG_LOCKS_WARN_ON() warns while
		// debug_locks is on (and turns it off), and either way skips the decrement.
		const char* what = nullptr;
		if (val > count)
			what = "val > preempt_count()";
		else if (val < abi::PREEMPT_MASK && !(count & abi::PREEMPT_MASK))
			what = "(val < PREEMPT_MASK) && !(preempt_count() & PREEMPT_MASK)";
		if (what) {
			if (m.lockdep.debug_locks) {
				m.lockdep.debug_locks = false;
				std::vector<std::string> top;
				if (!site.empty())
					top.push_back(std::string(site));
				warn(cpu, "kernel/sched/core.c", 5735, "preempt_count_sub+0x8a/0xca",
				     fmt::format("DEBUG_LOCKS_WARN_ON({})\n", what), top);
			}
			return;
		}
	}
	// Without DEBUG_PREEMPT the count simply wraps (x86's per-CPU __preempt_count).
	c.preempt_count -= val;
}

// ---- might_sleep ----

void Kernel::might_sleep(uint32_t cpu, TaskId t, std::string_view file, int line, std::span<const std::string> callee)
{
	Cpu& c = m.cpus[cpu];
	uint32_t count = c.preempt_count & 0x7fffffff;
	bool ok = count == 0 && c.irqs_enabled && t != c.idle && m.tasks[t].rcu_read_lock_nesting == 0;
	if (ok || !m_config.debug_atomic_sleep())
		return;
	// One report per second for the whole system (the static prev_jiffy).
	uint64_t now = jiffies(cpu);
	if (m.might_sleep_prev_jiffy && now < m.might_sleep_prev_jiffy + m_config.hz)
		return;
	m.might_sleep_prev_jiffy = now;
	const Task& task = m.tasks[t];
	m.findings.bugs++;
	printk(cpu, fmt::format("\0013BUG: sleeping function called from invalid context at {}:{}\n", file, line));
	printk(cpu, fmt::format("\0013in_atomic(): {}, irqs_disabled(): {}, non_block: 0, pid: {}, name: {}\n", count != 0 ? 1 : 0,
				c.irqs_enabled ? 0 : 1, task.pid, task.comm));
	printk(cpu, fmt::format("\0013preempt_count: {:x}, expected: 0\n", count));
	printk(cpu, fmt::format("\0013RCU nest depth: {}, expected: 0\n", task.rcu_read_lock_nesting));
	show_held_locks(cpu, t);
	if (count != 0)
		print_preempt_disable_ip(cpu);
	std::vector<std::string> top = {"__might_resched.cold+0xcc/0xf9"};
	top.insert(top.end(), callee.begin(), callee.end());
	dump_stack(cpu, top);
	add_taint(abi::TAINT_WARN);
}

// ---- the builtins ----

bool Kernel::spinlock_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	std::string site = caller_site(t);

	if (auto op = spin_op(call.id)) {
		uint64_t lock = arg(0);
		if (op->acquire) {
			uint64_t flags = 0;
			if (op->variant == LockVariant::IrqSave)
				flags = c.irqs_enabled ? 0x246 : 0x46;
			if (op->variant == LockVariant::Irq || op->variant == LockVariant::IrqSave)
				set_irqs(cpu, t, false, site);
			if (op->variant == LockVariant::Bh) {
				preempt_count_inc(cpu, abi::SOFTIRQ_DISABLE_OFFSET, site);
				lockdep_softirqs(cpu, t, false, site);
			}
			preempt_count_inc(cpu, 1, site);
			auto [name, key] = lock_class(lock);
			lockdep_acquire(cpu, t, lock, name, key,
					op->flavor == LockFlavor::Spin ? LockKind::Spin : op->flavor == LockFlavor::Read ? LockKind::ReadLock : LockKind::WriteLock,
					false, site, raw_entry(op->flavor, op->variant, true));
			push_native(t, run::Spin{.lock = lock, .flavor = op->flavor, .variant = op->variant, .flags = flags}, stack);
			return true;
		}
		// Release: the lock word, then irqs, then preemption (__raw_spin_unlock*).
		if (op->flavor == LockFlavor::Spin) {
			// The owner goes with the lock word: an unlocked lock reads as one that was
			// never taken, as debug_spin_unlock() (kernel/locking/spinlock_debug.c) puts
			// owner_cpu back to its unlocked value. Nothing reads it while unlocked; left
			// stale, it split `kctx check`'s states by the last CPU that held the lock.
			(void)m.kmem.store(lock + abi::layout::spinlock::locked, uint32_t{0});
			(void)m.kmem.store(lock + abi::layout::spinlock::owner_cpu, uint32_t{0});
		} else if (op->flavor == LockFlavor::Read) {
			int32_t readers = 0;
			(void)m.kmem.load(lock, readers);
			(void)m.kmem.store(lock, readers > 0 ? readers - 1 : 0);
		} else {
			(void)m.kmem.store(lock + abi::layout::rwlock::writer, uint32_t{0});
		}
		lockdep_release(cpu, t, lock, site);
		if (op->variant == LockVariant::IrqSave)
			set_irqs(cpu, t, (arg(1) & 0x200) != 0, site);
		if (op->variant == LockVariant::Irq)
			set_irqs(cpu, t, true, site);
		std::string entry = raw_entry(op->flavor, op->variant, false);
		if (op->variant == LockVariant::Bh)
			lockdep_softirqs(cpu, t, true, site);
		if (op->variant == LockVariant::Bh)
			preempt_count_dec(cpu, abi::SOFTIRQ_DISABLE_OFFSET, entry);
		preempt_count_dec(cpu, 1, entry);
		finish_builtin(t, 0);
		uint32_t count = c.preempt_count & 0x7fffffff;
		if (op->variant == LockVariant::Bh && !abi::in_interrupt(count) && c.irq.softirq_pending) {
			// __local_bh_enable_ip(): pending softirqs run right here (on the irq stack).
			push_native(t, run::Softirqs{}, StackKind::Irq);
			return true;
		}
		if (m_config.preempt == PreemptModel::Full && count == 0 && task.sched.need_resched && c.irqs_enabled) {
			push_native(t, run::Schedule{.mode = run::Schedule::Mode::Preempt}, stack);
		}
		return true;
	}

	switch (call.id) {
	case BuiltinId::__kctx_spin_lock_init:
	case BuiltinId::__kctx_rwlock_init:
	case BuiltinId::__kctx_mutex_init: {
		uint64_t name = alloc_kernel(64, "lock name");
		std::string text = read_kstring(arg(1)).substr(0, 63);
		(void)m.kmem.write(name, text.c_str(), text.size() + 1);
		(void)m.kmem.fill(arg(0), 0, 8);
		(void)m.kmem.store(arg(0) + abi::layout::spinlock::name, name);   // the same offset in rwlock_t and mutex
		// a static lock_class_key per init call site
		const vm::Thread& th = std::get<VmFrame>(m.tasks[t].kstack.back()).thread;
		(void)m.kmem.store(arg(0) + abi::layout::spinlock::key, vm::frame_address(m_images, th.frames.back()));
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::spin_trylock: {
		uint32_t locked = 0;
		(void)m.kmem.load(arg(0) + abi::layout::spinlock::locked, locked);
		if (locked) {
			finish_builtin(t, 0);
			return true;
		}
		preempt_count_inc(cpu, 1, site);
		(void)m.kmem.store(arg(0) + abi::layout::spinlock::locked, uint32_t{1});
		(void)m.kmem.store(arg(0) + abi::layout::spinlock::owner_cpu, cpu);
		auto [name, key] = lock_class(arg(0));
		lockdep_acquire(cpu, t, arg(0), name, key, LockKind::Spin, true, site, "_raw_spin_trylock+0x45/0x60");
		finish_builtin(t, 1);
		return true;
	}
	default: return false;
	}
}

// ---- the waiting frames ----

void Kernel::step_spin(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// queued_spin_lock_slowpath() and friends. A CPU spinning on a lock does nothing else
	// until the lock is free or an interrupt comes, so its clock jumps to whichever is next.
	const auto& r = f.as<run::Spin>();
	uint64_t lock = r.lock;
	Cpu& c = m.cpus[cpu];
	bool taken = false;
	if (r.flavor == LockFlavor::Spin) {
		uint32_t locked = 0;
		(void)m.kmem.load(lock + abi::layout::spinlock::locked, locked);
		if (!locked) {
			taken = m.kmem.store(lock + abi::layout::spinlock::locked, uint32_t{1}) &&
				m.kmem.store(lock + abi::layout::spinlock::owner_cpu, cpu);
		}
	} else {
		int32_t readers = 0;
		uint32_t writer = 0;
		(void)m.kmem.load(lock, readers);
		(void)m.kmem.load(lock + abi::layout::rwlock::writer, writer);
		if (r.flavor == LockFlavor::Read && !writer)
			taken = m.kmem.store(lock, readers + 1);
		else if (r.flavor == LockFlavor::Write && !writer && readers == 0)
			taken = m.kmem.store(lock + abi::layout::rwlock::writer, uint32_t{1});
	}
	if (taken) {
		pop_frame(t, static_cast<int64_t>(r.flags));
		return;
	}
	// It spins until the next interrupt, or for ever with irqs off; step_native() stops
	// the clock at the step loop's limit.
	uint64_t next = next_event(cpu);
	c.now = std::max<uint64_t>(c.now + 1, (c.irqs_enabled && next > c.now) ? next : ~0ull);
}

void trace_spin(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	const auto& r = f.as<run::Spin>();
	switch (r.flavor) {
	case LockFlavor::Spin: add("native_queued_spin_lock_slowpath+0x30/0x2a0"); break;
	case LockFlavor::Read: add("queued_read_lock_slowpath+0x54/0x110"); break;
	case LockFlavor::Write: add("queued_write_lock_slowpath+0x72/0x130"); break;
	}
	add(fmt::format("_raw_{}_lock{}+0x25/0x30", flavor_name(r.flavor), variant_suffix(r.variant)));
}

}  // namespace kctx::kernel
