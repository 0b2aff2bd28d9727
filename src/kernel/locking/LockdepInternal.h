// lockdep's internals, after kernel/locking/lockdep_internals.h: what the files that make
// up lockdep share and nothing else may use (the interface is Lockdep.h). The usage bits,
// dependency types and wait types, the breadth-first search over the dependency graph,
// and the Validator, one call into lockdep. Lockdep.cpp's top comment says which file
// holds what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abi/Preempt.h"
#include "kernel/locking/Lockdep.h"
#include "kernel/locking/LockdepState.h"

namespace kctx::kernel::lockdep_detail {

// ---- usage bits (kernel/locking/lockdep_internals.h, lockdep_states.h) ----

enum UsageBit : uint32_t {
	LOCK_USED_IN_HARDIRQ,
	LOCK_USED_IN_HARDIRQ_READ,
	LOCK_ENABLED_HARDIRQ,
	LOCK_ENABLED_HARDIRQ_READ,
	LOCK_USED_IN_SOFTIRQ,
	LOCK_USED_IN_SOFTIRQ_READ,
	LOCK_ENABLED_SOFTIRQ,
	LOCK_ENABLED_SOFTIRQ_READ,
	LOCK_USED,
	LOCK_USED_READ,
};
static_assert(LOCK_USED_READ + 1 == kLockUsageStates);

inline constexpr uint32_t LOCK_USAGE_READ_MASK = 1;
inline constexpr uint32_t LOCK_USAGE_DIR_MASK = 2;
inline constexpr uint32_t LOCK_USAGE_STATE_MASK = ~(LOCK_USAGE_READ_MASK | LOCK_USAGE_DIR_MASK);

constexpr uint32_t lock_flag(uint32_t bit) { return 1u << bit; }
inline constexpr uint32_t LOCKF_USED_IN_IRQ_ALL =
	lock_flag(LOCK_USED_IN_HARDIRQ) | lock_flag(LOCK_USED_IN_HARDIRQ_READ) |
	lock_flag(LOCK_USED_IN_SOFTIRQ) | lock_flag(LOCK_USED_IN_SOFTIRQ_READ);
inline constexpr uint32_t LOCKF_ENABLED_IRQ_ALL =
	lock_flag(LOCK_ENABLED_HARDIRQ) | lock_flag(LOCK_ENABLED_HARDIRQ_READ) |
	lock_flag(LOCK_ENABLED_SOFTIRQ) | lock_flag(LOCK_ENABLED_SOFTIRQ_READ);
inline constexpr uint32_t LOCKF_IRQ = lock_flag(LOCK_USED_IN_HARDIRQ) | lock_flag(LOCK_ENABLED_HARDIRQ) |
				      lock_flag(LOCK_USED_IN_SOFTIRQ) | lock_flag(LOCK_ENABLED_SOFTIRQ);
inline constexpr uint32_t LOCKF_IRQ_READ = LOCKF_IRQ << LOCK_USAGE_READ_MASK;

inline constexpr const char* kUsageStr[kLockUsageStates] = {
	"IN-HARDIRQ-W", "IN-HARDIRQ-R", "HARDIRQ-ON-W", "HARDIRQ-ON-R", "IN-SOFTIRQ-W",
	"IN-SOFTIRQ-R", "SOFTIRQ-ON-W", "SOFTIRQ-ON-R", "INITIAL USE",  "INITIAL READ USE",
};

// state_name(): "HARDIRQ", "SOFTIRQ-READ", …
[[nodiscard]] std::string state_name(uint32_t bit);
// exclusive_bit(): keep the state, flip the direction, strip read.
[[nodiscard]] uint32_t exclusive_bit(uint32_t new_bit);
// exclusive_mask() (and original_mask(), the same in 6.1).
[[nodiscard]] uint32_t exclusive_mask(uint32_t mask);
// find_exclusive_match()
[[nodiscard]] bool find_exclusive_match(uint32_t mask, uint32_t excl_mask, uint32_t& bitp, uint32_t& excl_bitp);

// ---- dependency types (calc_dep(): -(S|E)(R|N)->) ----

inline constexpr uint8_t DEP_SR_MASK = 1;   // shared -> recursive reader
inline constexpr uint8_t DEP_ER_MASK = 2;   // exclusive -> recursive reader
inline constexpr uint8_t DEP_SN_MASK = 4;   // shared -> non-recursive
inline constexpr uint8_t DEP_EN_MASK = 8;   // exclusive -> non-recursive

inline uint8_t calc_dep_bit(const LockdepHeldLock& prev, const LockdepHeldLock& next)
{
	return static_cast<uint8_t>((prev.read == 0) + ((next.read != 2) << 1));
}
inline uint8_t calc_dep(const LockdepHeldLock& prev, const LockdepHeldLock& next)
{
	return static_cast<uint8_t>(1u << calc_dep_bit(prev, next));
}
inline uint8_t calc_depb(const LockdepHeldLock& prev, const LockdepHeldLock& next)
{
	return static_cast<uint8_t>(1u << calc_dep_bit(next, prev));
}

// ---- wait types (enum lockdep_wait_type, !PROVE_RAW_LOCK_NESTING) ----

inline constexpr uint8_t LD_WAIT_INV = 0;
inline constexpr uint8_t LD_WAIT_FREE = 1;
inline constexpr uint8_t LD_WAIT_SPIN = 2;
inline constexpr uint8_t LD_WAIT_CONFIG = LD_WAIT_SPIN;
inline constexpr uint8_t LD_WAIT_SLEEP = 3;
inline constexpr uint8_t LD_WAIT_MAX = 4;

struct WaitTypes {
	uint8_t inner = LD_WAIT_INV;
	uint8_t outer = LD_WAIT_INV;
};

// A lock kind's wait types, as its static initializer sets them.
[[nodiscard]] WaitTypes wait_types(LockKind kind);

inline constexpr uint8_t LOCK_CHAIN_HARDIRQ_CONTEXT = 1;
inline constexpr uint8_t LOCK_CHAIN_SOFTIRQ_CONTEXT = 2;

// lockdep_hardirq_context() and curr->softirq_context, from preempt_count: a hardirq
// that interrupted a softirq still counts as softirq context, as in Linux.
inline uint32_t hardirq_context(const LockContext& cx) { return (cx.preempt_count & abi::HARDIRQ_MASK) ? 1 : 0; }
inline uint32_t softirq_context(const LockContext& cx) { return (cx.preempt_count & abi::SOFTIRQ_OFFSET) ? 1 : 0; }
inline uint8_t task_irq_context(const LockContext& cx)
{
	return static_cast<uint8_t>(LOCK_CHAIN_HARDIRQ_CONTEXT * hardirq_context(cx) +
				    LOCK_CHAIN_SOFTIRQ_CONTEXT * softirq_context(cx));
}

// task_wait_context(): what may be waited on in the current context.
inline uint8_t task_wait_context(const LockContext& cx)
{
	if (hardirq_context(cx))
		return LD_WAIT_SPIN;     // not force-threaded
	if (softirq_context(cx))
		return LD_WAIT_CONFIG;   // "Softirqs are always threaded."
	return LD_WAIT_MAX;
}

// ---- lock classes ----

// register_lock_class(): the class of (key, name), made on first use.
[[nodiscard]] uint32_t register_lock_class(LockdepState& s, uint64_t key, std::string_view name, LockKind kind);

// ---- the breadth-first search over the dependency graph (__bfs()) ----

enum class Dir : uint8_t { Forwards, Backwards };

// A struct lock_list as the search sees it: the class reached, through which dependency
// (-1 for the root, a "helper" entry) and from which entry.
struct BfsNode {
	uint32_t cls = 0;
	int32_t dep = -1;
	int32_t parent = -1;
	bool only_xr = false;   // only -(*R)-> dependencies led here
};

// Breadth-first from q[0], in the order lockdep walks its lists. A class is visited
// once; an entry reached only through a -(*R)-> -(S*)-> pair is not a strong path and is
// dropped (Step 2 of __bfs()). Returns the index in q of the first entry `match` accepts.
template <typename Match>
int32_t bfs(const LockdepState& s, std::vector<BfsNode>& q, Dir dir, Match&& match)
{
	std::vector<char> accessed(s.classes.size(), 0);
	for (size_t i = 0; i < q.size(); i++) {
		BfsNode n = q[i];
		if (accessed[n.cls])
			continue;
		accessed[n.cls] = 1;
		if (n.parent >= 0) {
			const LockdepDep& d = s.deps[static_cast<size_t>(n.dep)];
			uint8_t dep = dir == Dir::Forwards ? d.dep : d.depb;
			// Mask out all -(S*)-> if we only have *R in the previous step.
			if (q[static_cast<size_t>(n.parent)].only_xr)
				dep &= static_cast<uint8_t>(~(DEP_SR_MASK | DEP_SN_MASK));
			if (!dep)
				continue;
			q[i].only_xr = !(dep & (DEP_SN_MASK | DEP_EN_MASK));
		}
		if (match(q[i]))
			return static_cast<int32_t>(i);
		const LockdepClass& c = s.classes[n.cls];
		for (uint32_t id : dir == Dir::Forwards ? c.locks_after : c.locks_before) {
			const LockdepDep& d = s.deps[id];
			q.push_back({dir == Dir::Forwards ? d.next : d.prev, static_cast<int32_t>(id), static_cast<int32_t>(i), false});
		}
	}
	return -1;
}

// get_lock_depth(): how many links from the root q[i] is.
[[nodiscard]] int get_lock_depth(const std::vector<BfsNode>& q, int32_t i);

// usage_match(): on an only-*R path, read usages do not count.
inline uint32_t effective_usage(const LockdepState& s, const BfsNode& n)
{
	uint32_t usage = s.classes[n.cls].usage_mask;
	return n.only_xr ? (usage & LOCKF_IRQ) : usage;
}

// ---- printing without a Validator (LockdepReports.cpp) ----

inline std::string spaces(size_t n) { return std::string(n, ' '); }
// %px %pS of a kernel text address named by its symbol string; print_ip_sym().
[[nodiscard]] std::string ip_sym(const std::string& ip);
// __print_lock_name(), print_lock_name(), print_lock().
[[nodiscard]] std::string class_name_of(const LockdepState& s, uint32_t cls);
[[nodiscard]] std::string lock_name_of(const LockdepState& s, uint32_t cls, const LockFormat& f);
[[nodiscard]] std::string lock_line_of(const LockdepState& s, const LockdepHeldLock& h, const LockFormat& f);
// lockdep_print_held_locks() of a task (`t` null: one lockdep has not seen).
[[nodiscard]] std::vector<std::string> held_lock_lines_of(const LockdepState& s, const LockdepTask* t,
							  std::string_view comm, int32_t pid, const LockFormat& f);
// print_irqtrace_events()
[[nodiscard]] std::vector<std::string> irqtrace_lines(const LockdepIrqTrace& t);

// One call into lockdep: the context, the lazily taken stack trace, and the report once
// one is made (after which every check answers "stop"). The checks are in
// LockdepChecks.cpp, the reports and their pieces in LockdepReports.cpp.
class Validator {
public:
	Validator(LockdepState& s, const LockContext& cx, const StackFn& stack, const KeySymbolFn& key_symbol)
		: s(s), cx(cx), m_stack_fn(stack), m_key_symbol(key_symbol)
	{
	}

	LockdepState& s;
	LockContext cx;
	std::optional<LockdepReport> report;

	LockdepTask& task() { return s.tasks[cx.task]; }

	const LockdepTrace& stack()
	{
		if (!m_stack)
			m_stack = m_stack_fn ? m_stack_fn() : LockdepTrace{};
		return *m_stack;
	}

	bool lock_acquire(LockdepHeldLock h);
	bool mark_held_locks(uint32_t base_bit);
	[[nodiscard]] std::vector<std::string> held_lock_lines() const;
	void print_unlock_imbalance_bug(const std::string& name);

private:
	// Checks: true = fine, go on; false = a report was made (or lockdep is off).
	bool check_wait_context(const LockdepHeldLock& next);
	bool mark_usage(const LockdepHeldLock& h);
	bool mark_lock(const LockdepHeldLock& h, uint32_t new_bit);
	bool mark_lock_irq(const LockdepHeldLock& h, uint32_t new_bit);
	bool check_usage_forwards(const LockdepHeldLock& h, uint32_t bit);
	bool check_usage_backwards(const LockdepHeldLock& h, uint32_t bit);
	bool check_deadlock(const LockdepHeldLock& next);
	bool check_prevs_add(const LockdepHeldLock& next);
	bool check_prev_add(const LockdepHeldLock& prev, const LockdepHeldLock& next);
	bool check_irq_usage(const LockdepHeldLock& prev, const LockdepHeldLock& next);

	// Reports.
	std::vector<std::string>& begin_report(std::string_view rule, std::string_view title);
	void print_usage_bug(const LockdepHeldLock& h, uint32_t prev_bit, uint32_t new_bit);
	void print_irq_inversion_bug(const std::vector<BfsNode>& q, int32_t other, const LockdepHeldLock& h,
				     bool forwards, const std::string& irqclass);
	void print_bad_irq_dependency(const std::vector<BfsNode>& back_q, int32_t back, const std::vector<BfsNode>& fwd_q,
				      int32_t fwd, const LockdepHeldLock& prev, const LockdepHeldLock& next,
				      uint32_t bit1, uint32_t bit2, const std::string& irqclass);
	void print_deadlock_bug(const LockdepHeldLock& prev, const LockdepHeldLock& next);
	void print_circular_bug(const std::vector<BfsNode>& q, int32_t target, const LockdepHeldLock& src,
				const LockdepHeldLock& tgt);
	void print_lock_invalid_wait_context(const LockdepHeldLock& h);
	void print_max_lock_depth();

	// Pieces of reports.
	[[nodiscard]] std::string class_name(uint32_t cls) const;   // __print_lock_name()
	[[nodiscard]] std::string lock_name(uint32_t cls) const;    // print_lock_name()
	[[nodiscard]] std::string lock_line(const LockdepHeldLock& h) const;   // print_lock()
	[[nodiscard]] std::string key_symbol(uint64_t key) const;
	void add_trace(std::vector<std::string>& out, const LockdepTrace& trace, size_t indent);   // print_lock_trace()
	const LockdepTrace& node_trace(const std::vector<BfsNode>& q, int32_t i);
	void print_irqtrace_events(std::vector<std::string>& out);
	void print_lock_class_header(std::vector<std::string>& out, uint32_t cls, int depth);
	void print_shortest_lock_dependencies(std::vector<std::string>& out, const std::vector<BfsNode>& q, int32_t leaf);
	void print_shortest_lock_dependencies_backwards(std::vector<std::string>& out, const std::vector<BfsNode>& q,
							int32_t leaf);
	void print_irq_lock_scenario(std::vector<std::string>& out, uint32_t safe, uint32_t unsafe, uint32_t prev_class,
				     uint32_t next_class);
	[[nodiscard]] std::string ctx_brackets() const;

	const StackFn& m_stack_fn;
	const KeySymbolFn& m_key_symbol;
	std::optional<LockdepTrace> m_stack;
};

}  // namespace kctx::kernel::lockdep_detail
