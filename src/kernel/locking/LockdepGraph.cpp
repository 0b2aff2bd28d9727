// lockdep's lock classes and the helpers behind LockdepInternal.h (kernel/locking/lockdep.c
// and lockdep_internals.h): register_lock_class(), the usage-bit arithmetic the checks and
// reports use, the wait types of each kind of lock, and the depth of a search entry.
#include <algorithm>
#include <utility>

#include "kernel/locking/LockdepInternal.h"

namespace kctx::kernel::lockdep_detail {

// state_name(): "HARDIRQ", "SOFTIRQ-READ", …
std::string state_name(uint32_t bit)
{
	static constexpr const char* kStates[] = {"HARDIRQ", "SOFTIRQ"};
	std::string s = kStates[bit >> LOCK_USAGE_DIR_MASK];
	if (bit & LOCK_USAGE_READ_MASK)
		s += "-READ";
	return s;
}

// exclusive_bit(): keep the state, flip the direction, strip read.
uint32_t exclusive_bit(uint32_t new_bit)
{
	uint32_t state = new_bit & LOCK_USAGE_STATE_MASK;
	uint32_t dir = new_bit & LOCK_USAGE_DIR_MASK;
	return state | (dir ^ LOCK_USAGE_DIR_MASK);
}

namespace {

uint32_t invert_dir_mask(uint32_t mask)
{
	uint32_t excl = 0;
	excl |= (mask & LOCKF_ENABLED_IRQ_ALL) >> LOCK_USAGE_DIR_MASK;
	excl |= (mask & LOCKF_USED_IN_IRQ_ALL) << LOCK_USAGE_DIR_MASK;
	return excl;
}

}  // namespace

// exclusive_mask() and original_mask() are the same computation in 6.1: invert the
// direction, then let a read usage stand for the write one and the other way round.
uint32_t exclusive_mask(uint32_t mask)
{
	uint32_t excl = invert_dir_mask(mask);
	excl |= (excl & LOCKF_IRQ_READ) >> LOCK_USAGE_READ_MASK;
	excl |= (excl & LOCKF_IRQ) << LOCK_USAGE_READ_MASK;
	return excl;
}

// find_exclusive_match()
bool find_exclusive_match(uint32_t mask, uint32_t excl_mask, uint32_t& bitp, uint32_t& excl_bitp)
{
	for (uint32_t bit = 0; bit < LOCK_USED; bit++) {
		if (!(mask & lock_flag(bit)))
			continue;
		uint32_t excl = exclusive_bit(bit);
		uint32_t excl_read = excl | LOCK_USAGE_READ_MASK;
		if (excl_mask & lock_flag(excl)) {
			bitp = bit;
			excl_bitp = excl;
			return true;
		}
		if (excl_mask & lock_flag(excl_read)) {
			bitp = bit;
			excl_bitp = excl_read;
			return true;
		}
	}
	return false;
}

WaitTypes wait_types(LockKind kind)
{
	switch (kind) {
	case LockKind::Spin:        // SPIN_DEP_MAP_INIT: .wait_type_inner = LD_WAIT_CONFIG
	case LockKind::ReadLock:    // RW_DEP_MAP_INIT: the same
	case LockKind::WriteLock:
		return {LD_WAIT_CONFIG, LD_WAIT_INV};
	case LockKind::Mutex:       // __DEP_MAP_MUTEX_INITIALIZER: LD_WAIT_SLEEP
		return {LD_WAIT_SLEEP, LD_WAIT_INV};
	case LockKind::RcuRead:     // rcu_lock_map: outer LD_WAIT_FREE, inner LD_WAIT_CONFIG
		return {LD_WAIT_CONFIG, LD_WAIT_FREE};
	case LockKind::Semaphore:   // never registered
	case LockKind::Map:         // lockdep_init_map(): no wait type
		return {};
	}
	return {};
}

int get_lock_depth(const std::vector<BfsNode>& q, int32_t i)
{
	int depth = 0;
	while (q[static_cast<size_t>(i)].parent >= 0) {
		i = q[static_cast<size_t>(i)].parent;
		depth++;
	}
	return depth;
}

uint32_t register_lock_class(LockdepState& s, uint64_t key, std::string_view name, LockKind kind)
{
	auto k = std::make_pair(key, std::string(name));
	if (auto it = s.class_index.find(k); it != s.class_index.end())
		return it->second;
	LockdepClass c;
	c.key = key;
	c.name = std::string(name);
	// count_matching_names(): one more than the newest class of the same name.
	uint32_t count = 0;
	for (const LockdepClass& o : s.classes)
		if (o.name == c.name)
			count = std::max(count, o.name_version);
	c.name_version = count + 1;
	WaitTypes w = wait_types(kind);
	c.wait_type_inner = w.inner;
	c.wait_type_outer = w.outer;
	auto idx = static_cast<uint32_t>(s.classes.size());
	s.classes.push_back(std::move(c));
	s.class_index.emplace(std::move(k), idx);
	return idx;
}

}  // namespace kctx::kernel::lockdep_detail
