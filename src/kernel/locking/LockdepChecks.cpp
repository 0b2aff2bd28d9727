// lockdep's checks (kernel/locking/lockdep.c), from __lock_acquire() down: the wait
// context, the usage bits (mark_usage(), mark_lock() and the irq-inversion searches), and
// validate_chain() (check_deadlock(), check_prevs_add(), check_prev_add() with
// check_noncircular() and check_irq_usage()). Each returns false once it has made a
// report, which LockdepReports.cpp prints.
#include <algorithm>
#include <utility>

#include "kernel/locking/LockdepInternal.h"

namespace kctx::kernel::lockdep_detail {

// check_wait_context(): the new lock's outer wait type may not exceed what the current
// context and the locks held in it allow (no mutex under a spinlock or in softirq).
bool Validator::check_wait_context(const LockdepHeldLock& next)
{
	const LockdepClass& c = s.classes[next.class_idx];
	uint8_t next_inner = c.wait_type_inner;
	uint8_t next_outer = c.wait_type_outer;
	if (!next_inner || next.trylock)
		return true;
	if (!next_outer)
		next_outer = next_inner;
	const std::vector<LockdepHeldLock>& held = task().held;
	// Find the start of the current irq context.
	size_t depth = held.size();
	while (depth > 0 && held[depth - 1].irq_context == next.irq_context)
		depth--;
	uint8_t curr_inner = task_wait_context(cx);
	for (; depth < held.size(); depth++) {
		uint8_t prev_inner = s.classes[held[depth].class_idx].wait_type_inner;
		if (prev_inner)
			curr_inner = std::min(curr_inner, prev_inner);
	}
	if (next_outer > curr_inner) {
		print_lock_invalid_wait_context(next);
		return false;
	}
	return true;
}

// mark_usage()
bool Validator::mark_usage(const LockdepHeldLock& h)
{
	if (h.check) {
		// A non-trylock use in hardirq or softirq context marks the lock used there.
		if (!h.trylock) {
			uint32_t read = h.read ? LOCK_USAGE_READ_MASK : 0;
			if (hardirq_context(cx) && !mark_lock(h, LOCK_USED_IN_HARDIRQ + read))
				return false;
			if (softirq_context(cx) && !mark_lock(h, LOCK_USED_IN_SOFTIRQ + read))
				return false;
		}
		if (!h.hardirqs_off) {
			uint32_t read = h.read ? LOCK_USAGE_READ_MASK : 0;
			if (!mark_lock(h, LOCK_ENABLED_HARDIRQ + read))
				return false;
			if (cx.softirqs_enabled && !mark_lock(h, LOCK_ENABLED_SOFTIRQ + read))
				return false;
		}
	}
	return mark_lock(h, LOCK_USED);
}

// mark_lock(): set a usage bit once, remembering where; irq bits are then validated.
bool Validator::mark_lock(const LockdepHeldLock& h, uint32_t new_bit)
{
	if (new_bit == LOCK_USED && h.read)
		new_bit = LOCK_USED_READ;
	LockdepClass& c = s.classes[h.class_idx];
	if (c.usage_mask & lock_flag(new_bit))
		return true;
	c.usage_mask = static_cast<uint16_t>(c.usage_mask | lock_flag(new_bit));
	c.usage_traces[new_bit] = stack();
	if (new_bit < LOCK_USED)
		return mark_lock_irq(h, new_bit);
	return true;
}

// mark_lock_irq()
bool Validator::mark_lock_irq(const LockdepHeldLock& h, uint32_t new_bit)
{
	uint32_t excl_bit = exclusive_bit(new_bit);
	uint32_t read = new_bit & LOCK_USAGE_READ_MASK;
	uint32_t dir = new_bit & LOCK_USAGE_DIR_MASK;
	uint32_t usage = s.classes[h.class_idx].usage_mask;
	// valid_state(): this lock must not have the conflicting usage...
	if (usage & lock_flag(excl_bit)) {
		print_usage_bug(h, excl_bit, new_bit);
		return false;
	}
	// ...nor, for a write usage, its read variant.
	if (!read && (usage & lock_flag(excl_bit + LOCK_USAGE_READ_MASK))) {
		print_usage_bug(h, excl_bit + LOCK_USAGE_READ_MASK, new_bit);
		return false;
	}
	// Marking ENABLED looks backwards for a USED_IN lock taken before this one; marking
	// USED_IN looks forwards for an ENABLED lock taken after it.
	if (dir)
		return check_usage_backwards(h, excl_bit);
	return check_usage_forwards(h, excl_bit);
}

bool Validator::check_usage_forwards(const LockdepHeldLock& h, uint32_t bit)
{
	uint32_t read_bit = bit + LOCK_USAGE_READ_MASK;
	uint32_t mask = lock_flag(bit) | lock_flag(read_bit);
	std::vector<BfsNode> q = {{h.class_idx, -1, -1, h.read == 2}};   // bfs_init_root()
	int32_t found = bfs(s, q, Dir::Forwards, [&](const BfsNode& n) { return (effective_usage(s, n) & mask) != 0; });
	if (found < 0)
		return true;
	bool write = s.classes[q[static_cast<size_t>(found)].cls].usage_mask & lock_flag(bit);
	print_irq_inversion_bug(q, found, h, true, state_name(write ? bit : read_bit));
	return false;
}

bool Validator::check_usage_backwards(const LockdepHeldLock& h, uint32_t bit)
{
	uint32_t read_bit = bit + LOCK_USAGE_READ_MASK;
	uint32_t mask = lock_flag(bit) | lock_flag(read_bit);
	std::vector<BfsNode> q = {{h.class_idx, -1, -1, h.read != 0}};   // bfs_init_rootb()
	int32_t found = bfs(s, q, Dir::Backwards, [&](const BfsNode& n) { return (effective_usage(s, n) & mask) != 0; });
	if (found < 0)
		return true;
	bool write = s.classes[q[static_cast<size_t>(found)].cls].usage_mask & lock_flag(bit);
	print_irq_inversion_bug(q, found, h, false, state_name(write ? bit : read_bit));
	return false;
}

// check_deadlock(): the same class already held, other than read after read where the
// new acquisition is a recursive read.
bool Validator::check_deadlock(const LockdepHeldLock& next)
{
	for (const LockdepHeldLock& prev : task().held) {
		if (prev.class_idx != next.class_idx)
			continue;
		// Allow read-after-read recursion of the same class.
		if (next.read == 2 && prev.read)
			continue;
		print_deadlock_bug(prev, next);
		return false;
	}
	return true;
}

// check_prevs_add(): a dependency from each held lock, newest first, through the first
// one that is not a trylock (the older ones already have their own dependency on it),
// without crossing into another irq context. The caller has checked that the newest
// held lock is in the current irq context.
bool Validator::check_prevs_add(const LockdepHeldLock& next)
{
	std::vector<LockdepHeldLock> held = task().held;   // copied: a report reads the task
	size_t depth = held.size();
	for (;;) {
		const LockdepHeldLock& prev = held[depth - 1];
		if (prev.check) {
			if (!check_prev_add(prev, next))
				return false;
			if (!prev.trylock)
				break;
		}
		depth--;
		if (!depth)
			break;
		if (held[depth].irq_context != held[depth - 1].irq_context)
			break;
	}
	return true;
}

// check_prev_add()
bool Validator::check_prev_add(const LockdepHeldLock& prev, const LockdepHeldLock& next)
{
	// check_noncircular(): can <next> already reach <prev> through a strong path?
	// (hlock_conflict(): a path of only -(*R)-> links conflicts with a writer only.)
	std::vector<BfsNode> q = {{next.class_idx, -1, -1, next.read == 2}};
	int32_t found = bfs(s, q, Dir::Forwards, [&](const BfsNode& n) {
		return n.cls == prev.class_idx && (prev.read == 0 || !n.only_xr);
	});
	if (found >= 0) {
		print_circular_bug(q, found, next, prev);
		return false;
	}
	if (!check_irq_usage(prev, next))
		return false;
	// Is the <prev> -> <next> dependency already present?
	for (uint32_t id : s.classes[prev.class_idx].locks_after) {
		LockdepDep& d = s.deps[id];
		if (d.next != next.class_idx)
			continue;
		d.dep = static_cast<uint8_t>(d.dep | calc_dep(prev, next));
		d.depb = static_cast<uint8_t>(d.depb | calc_depb(prev, next));
		return true;
	}
	auto id = static_cast<uint32_t>(s.deps.size());
	s.deps.push_back({prev.class_idx, next.class_idx, calc_dep(prev, next), calc_depb(prev, next), stack()});
	s.classes[prev.class_idx].locks_after.push_back(id);
	s.classes[next.class_idx].locks_before.push_back(id);
	return true;
}

// check_irq_usage(): would prev -> next connect a lock used in some irq context (prev or
// one taken before it) to a lock taken with that irq enabled (next or one after it)?
bool Validator::check_irq_usage(const LockdepHeldLock& prev, const LockdepHeldLock& next)
{
	// Step 1: gather all hard/soft irq usages backwards.
	std::vector<BfsNode> back = {{prev.class_idx, -1, -1, prev.read != 0}};
	uint32_t usage_mask = 0;
	bfs(s, back, Dir::Backwards, [&](const BfsNode& n) {
		usage_mask |= effective_usage(s, n);
		return false;
	});
	usage_mask &= LOCKF_USED_IN_IRQ_ALL;
	if (!usage_mask)
		return true;
	// Step 2: find exclusive uses forwards.
	uint32_t forward_mask = exclusive_mask(usage_mask);
	std::vector<BfsNode> fwd = {{next.class_idx, -1, -1, next.read == 2}};
	int32_t f = bfs(s, fwd, Dir::Forwards, [&](const BfsNode& n) { return (effective_usage(s, n) & forward_mask) != 0; });
	if (f < 0)
		return true;
	// Step 3: a lock backwards whose usage that lock's ENABLED bits conflict with.
	uint32_t unsafe_usage = s.classes[fwd[static_cast<size_t>(f)].cls].usage_mask;
	uint32_t backward_mask = exclusive_mask(unsafe_usage & LOCKF_ENABLED_IRQ_ALL);
	std::vector<BfsNode> back2 = {{prev.class_idx, -1, -1, prev.read != 0}};
	int32_t b = bfs(s, back2, Dir::Backwards, [&](const BfsNode& n) { return (effective_usage(s, n) & backward_mask) != 0; });
	if (b < 0)
		return true;
	// Step 4: narrow down to a pair of incompatible usage bits and report it.
	uint32_t bit1 = 0;
	uint32_t bit2 = 0;
	if (!find_exclusive_match(s.classes[back2[static_cast<size_t>(b)].cls].usage_mask, unsafe_usage, bit1, bit2))
		return true;
	print_bad_irq_dependency(back2, b, fwd, f, prev, next, bit1, bit2, state_name(bit1));
	return false;
}

// __lock_acquire() from the held_lock on: the wait-context check, the usage bits,
// validate_chain() (without the chain cache), then the push.
bool Validator::lock_acquire(LockdepHeldLock h)
{
	if (!check_wait_context(h))
		return false;
	if (!mark_usage(h))
		return false;
	const std::vector<LockdepHeldLock>& held = task().held;
	// separate_irq_context(): the first lock of an irq context depends on nothing held.
	bool chain_head = held.empty() || held.back().irq_context != h.irq_context;
	// A trylock keeps the stack of held locks but adds no dependencies: trylocks can be
	// taken in any order.
	if (!h.trylock && h.check) {
		if (!check_deadlock(h))
			return false;
		if (!chain_head && !check_prevs_add(h))
			return false;
	}
	task().held.push_back(std::move(h));
	if (task().held.size() >= kLockdepMaxDepth) {
		print_max_lock_depth();
		return false;
	}
	return true;
}

// mark_held_locks()
bool Validator::mark_held_locks(uint32_t base_bit)
{
	std::vector<LockdepHeldLock> held = task().held;
	for (const LockdepHeldLock& h : held) {
		if (!h.check)
			continue;
		if (!mark_lock(h, base_bit + (h.read ? LOCK_USAGE_READ_MASK : 0)))
			return false;
	}
	return true;
}

}  // namespace kctx::kernel::lockdep_detail
