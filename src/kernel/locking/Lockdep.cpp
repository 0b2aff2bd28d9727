// lockdep, after kernel/locking/lockdep.c (6.1). The structure follows lockdep's own:
// __lock_acquire() -> check_wait_context(), mark_usage(), validate_chain() ->
// check_deadlock(), check_prevs_add() -> check_prev_add() -> check_noncircular(),
// check_irq_usage(); mark_lock() -> mark_lock_irq() -> valid_state(),
// check_usage_{forwards,backwards}(); and one print_* function per report, each
// emitting the lines its printk()s would.
#include "kernel/locking/Lockdep.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "abi/Preempt.h"
#include "kernel/debug/CallTrace.h"
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

// %px %pS of a kernel text address named by its symbol string; print_ip_sym().
std::string ip_sym(const std::string& ip)
{
	if (ip.empty())
		return "[<0000000000000000>] 0x0";
	return fmt::format("[<{:016x}>] {}", kernel_symbol_address(ip), ip);
}

// ---- printing a lock (print_lock_name(), print_lock()) ----

// __print_lock_name()
std::string class_name_of(const LockdepState& s, uint32_t cls)
{
	const LockdepClass& c = s.classes[cls];
	if (c.name_version > 1)
		return fmt::format("{}#{}", c.name, c.name_version);
	return c.name;
}

namespace {

// get_usage_chars(): per state, the write then the read character.
std::string usage_chars(uint32_t usage)
{
	std::string out;
	for (uint32_t state = 0; state < 2; state++) {
		for (uint32_t read = 0; read < 2; read++) {
			uint32_t bit = (state << 2) | read;
			char c = '.';
			if (usage & lock_flag(bit + LOCK_USAGE_DIR_MASK)) {
				c = '+';   // irq enabled and not in irq context
				if (usage & lock_flag(bit))
					c = '?';   // both: already inconsistent
			} else if (usage & lock_flag(bit)) {
				c = '-';   // in irq context, irq disabled
			}
			out += c;
		}
	}
	return out;
}

}  // namespace

// print_lock_name(): " (name){usage}-{outer:inner}"
std::string lock_name_of(const LockdepState& s, uint32_t cls)
{
	const LockdepClass& c = s.classes[cls];
	return fmt::format(" ({}){{{}}}-{{{}:{}}}", class_name_of(s, cls), usage_chars(c.usage_mask),
			   c.wait_type_outer ? c.wait_type_outer : c.wait_type_inner, c.wait_type_inner);
}

// print_lock(): "%px" of the instance, the name, ", at: %pS" of the acquire site.
std::string lock_line_of(const LockdepState& s, const LockdepHeldLock& h)
{
	return fmt::format("{:016x}{}, at: {}", h.instance, lock_name_of(s, h.class_idx), h.acquire_ip);
}

// ---- printing without a Validator ----

std::vector<std::string> held_lock_lines_of(const LockdepState& s, const LockdepTask* t, std::string_view comm, int32_t pid)
{
	size_t depth = t ? t->held.size() : 0;
	if (!depth)
		return {fmt::format("no locks held by {}/{}.", comm, pid)};
	std::vector<std::string> out = {fmt::format("{} lock{} held by {}/{}:", depth, depth > 1 ? "s" : "", comm, pid)};
	for (size_t i = 0; i < depth; i++)
		out.push_back(fmt::format(" #{}: {}", i, lock_line_of(s, t->held[i])));
	return out;
}

std::vector<std::string> irqtrace_lines(const LockdepIrqTrace& t)
{
	return {
		fmt::format("irq event stamp: {}", t.irq_events),
		fmt::format("hardirqs last  enabled at ({}): {}", t.hardirq_enable_event, ip_sym(t.hardirq_enable_ip)),
		fmt::format("hardirqs last disabled at ({}): {}", t.hardirq_disable_event, ip_sym(t.hardirq_disable_ip)),
		fmt::format("softirqs last  enabled at ({}): {}", t.softirq_enable_event, ip_sym(t.softirq_enable_ip)),
		fmt::format("softirqs last disabled at ({}): {}", t.softirq_disable_event, ip_sym(t.softirq_disable_ip)),
	};
}

// ---- printing ----

std::string Validator::class_name(uint32_t cls) const { return class_name_of(s, cls); }
std::string Validator::lock_name(uint32_t cls) const { return lock_name_of(s, cls); }
std::string Validator::lock_line(const LockdepHeldLock& h) const { return lock_line_of(s, h); }

std::string Validator::key_symbol(uint64_t key) const
{
	if (m_key_symbol)
		return m_key_symbol(key);
	return fmt::format("{:#x}", key);
}

// stack_trace_print(): "%*c%pS" with width 1 + spaces.
void Validator::add_trace(std::vector<std::string>& out, const LockdepTrace& trace, size_t indent)
{
	for (const std::string& frame : trace)
		out.push_back(spaces(1 + indent) + frame);
}

// A search entry's trace: the dependency's, or for the root (a helper entry whose trace
// the report saves just before printing) the current one.
const LockdepTrace& Validator::node_trace(const std::vector<BfsNode>& q, int32_t i)
{
	const BfsNode& n = q[static_cast<size_t>(i)];
	if (n.dep < 0)
		return stack();
	return s.deps[static_cast<size_t>(n.dep)].trace;
}

std::vector<std::string> Validator::held_lock_lines() const
{
	auto it = s.tasks.find(cx.task);
	return held_lock_lines_of(s, it == s.tasks.end() ? nullptr : &it->second, cx.comm, cx.pid);
}

void Validator::print_irqtrace_events(std::vector<std::string>& out)
{
	std::vector<std::string> lines = irqtrace_lines(task().irqtrace);
	out.insert(out.end(), lines.begin(), lines.end());
}

// "[HC%u[%lu]:SC%u[%lu]:HE%u:SE%u]"
std::string Validator::ctx_brackets() const
{
	return fmt::format("[HC{}[{}]:SC{}[{}]:HE{}:SE{}]", hardirq_context(cx), (cx.preempt_count & abi::HARDIRQ_MASK) >> 16,
			   softirq_context(cx), (cx.preempt_count & abi::SOFTIRQ_MASK) >> 8, cx.hardirqs_enabled ? 1 : 0,
			   cx.softirqs_enabled ? 1 : 0);
}

// debug_locks_off() and the header every report starts with: the rules are Linux's own
// literal strings (for the safe -> unsafe report they are shorter than its title).
std::vector<std::string>& Validator::begin_report(std::string_view rule, std::string_view title)
{
	s.debug_locks = false;
	report.emplace();
	report->lines = {std::string(rule.size(), '='), std::string(title), cx.ident, std::string(rule.size(), '-')};
	return report->lines;
}

// print_lock_class_header(): the class, every usage it has with where it was first seen,
// and its key. Indents follow printk()'s return values, as lockdep computes them.
void Validator::print_lock_class_header(std::vector<std::string>& out, uint32_t cls, int depth)
{
	const LockdepClass& c = s.classes[cls];
	size_t d = static_cast<size_t>(depth);
	out.push_back(spaces(d) + "->" + lock_name(cls) + " {");
	for (uint32_t bit = 0; bit < kLockUsageStates; bit++) {
		if (!(c.usage_mask & lock_flag(bit)))
			continue;
		std::string head = spaces(d) + "   " + kUsageStr[bit];
		size_t len = d + head.size() + 4;   // + printk(KERN_CONT " at:\n") == 4
		out.push_back(head + " at:");
		add_trace(out, c.usage_traces[bit], len);
	}
	out.push_back(spaces(d) + " }");
	out.push_back(fmt::format("{} ... key      at: [<{:016x}>] {}", spaces(d), c.key, key_symbol(c.key)));
}

// print_shortest_lock_dependencies(): from the leaf back to the root, each class with
// the trace of the dependency that reached it.
void Validator::print_shortest_lock_dependencies(std::vector<std::string>& out, const std::vector<BfsNode>& q,
						 int32_t leaf)
{
	int depth = get_lock_depth(q, leaf);
	int32_t entry = leaf;
	do {
		print_lock_class_header(out, q[static_cast<size_t>(entry)].cls, depth);
		out.push_back(spaces(static_cast<size_t>(depth)) + " ... acquired at:");
		add_trace(out, node_trace(q, entry), 2);
		out.push_back("");
		entry = q[static_cast<size_t>(entry)].parent;
		depth--;
	} while (entry >= 0 && depth >= 0);
}

// print_shortest_lock_dependencies_backwards(): the path of a backwards search printed
// in lock order; each class is shown with the trace of the dependency before it.
void Validator::print_shortest_lock_dependencies_backwards(std::vector<std::string>& out,
							   const std::vector<BfsNode>& q, int32_t leaf)
{
	int depth = get_lock_depth(q, leaf);
	int32_t entry = leaf;
	const LockdepTrace* trace = nullptr;
	do {
		print_lock_class_header(out, q[static_cast<size_t>(entry)].cls, depth);
		if (trace) {
			out.push_back(spaces(static_cast<size_t>(depth)) + " ... acquired at:");
			add_trace(out, *trace, 2);
			out.push_back("");
		}
		trace = q[static_cast<size_t>(entry)].dep >= 0 ? &s.deps[static_cast<size_t>(q[static_cast<size_t>(entry)].dep)].trace
							       : nullptr;
		entry = q[static_cast<size_t>(entry)].parent;
		depth--;
	} while (entry >= 0 && depth >= 0);
}

void Validator::print_irq_lock_scenario(std::vector<std::string>& out, uint32_t safe, uint32_t unsafe,
					uint32_t prev_class, uint32_t next_class)
{
	uint32_t middle = prev_class;
	if (middle == safe)
		middle = next_class;
	// A chain from the safe lock through another one to the unsafe lock is shown as a
	// chain rather than one CPU case per link.
	if (middle != unsafe) {
		out.push_back("Chain exists of:");
		out.push_back(fmt::format("  {} --> {} --> {}", class_name(safe), class_name(middle), class_name(unsafe)));
		out.push_back("");
	}
	out.push_back(" Possible interrupt unsafe locking scenario:");
	out.push_back("");
	out.push_back("       CPU0                    CPU1");
	out.push_back("       ----                    ----");
	out.push_back(fmt::format("  lock({});", class_name(unsafe)));
	out.push_back("                               local_irq_disable();");
	out.push_back(fmt::format("                               lock({});", class_name(safe)));
	out.push_back(fmt::format("                               lock({});", class_name(middle)));
	out.push_back("  <Interrupt>");
	out.push_back(fmt::format("    lock({});", class_name(safe)));
	out.push_back("");
	out.push_back(" *** DEADLOCK ***");
	out.push_back("");
}

// print_usage_bug()
void Validator::print_usage_bug(const LockdepHeldLock& h, uint32_t prev_bit, uint32_t new_bit)
{
	auto& out = begin_report("================================", "WARNING: inconsistent lock state");
	out.push_back(fmt::format("inconsistent {{{}}} -> {{{}}} usage.", kUsageStr[prev_bit], kUsageStr[new_bit]));
	out.push_back(fmt::format("{}/{} {} takes:", cx.comm, cx.pid, ctx_brackets()));
	out.push_back(lock_line(h));
	out.push_back(fmt::format("{{{}}} state was registered at:", kUsageStr[prev_bit]));
	add_trace(out, s.classes[h.class_idx].usage_traces[prev_bit], 1);
	print_irqtrace_events(out);
	out.push_back("");
	out.push_back("other info that might help us debug this:");
	// print_usage_bug_scenario()
	std::string name = class_name(h.class_idx);
	out.push_back(" Possible unsafe locking scenario:");
	out.push_back("");
	out.push_back("       CPU0");
	out.push_back("       ----");
	out.push_back(fmt::format("  lock({});", name));
	out.push_back("  <Interrupt>");
	out.push_back(fmt::format("    lock({});", name));
	out.push_back("");
	out.push_back(" *** DEADLOCK ***");
	out.push_back("");
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("");
}

// print_irq_inversion_bug(): q[0] is the lock whose state changed, q[other] the lock
// found with the conflicting usage.
void Validator::print_irq_inversion_bug(const std::vector<BfsNode>& q, int32_t other, const LockdepHeldLock& h,
					bool forwards, const std::string& irqclass)
{
	auto& out = begin_report("========================================================",
				 "WARNING: possible irq lock inversion dependency detected");
	out.push_back(fmt::format("{}/{} just changed the state of lock:", cx.comm, cx.pid));
	out.push_back(lock_line(h));
	if (forwards)
		out.push_back(fmt::format("but this lock took another, {}-unsafe lock in the past:", irqclass));
	else
		out.push_back(fmt::format("but this lock was taken by another, {}-safe lock in the past:", irqclass));
	out.push_back(lock_name(q[static_cast<size_t>(other)].cls));
	out.push_back("");
	out.push_back("");
	out.push_back("and interrupts could create inverse lock ordering between them.");
	out.push_back("");
	out.push_back("");
	out.push_back("other info that might help us debug this:");

	// Find a middle lock (if one exists).
	int32_t entry = other;
	int32_t middle = -1;
	int depth = get_lock_depth(q, other);
	do {
		if (depth == 0 && entry != 0)
			break;   // "bad path found in chain graph": cannot happen with our parents
		middle = entry;
		entry = q[static_cast<size_t>(entry)].parent;
		depth--;
	} while (entry >= 0 && entry != 0 && depth >= 0);
	uint32_t root_cls = q[0].cls;
	uint32_t other_cls = q[static_cast<size_t>(other)].cls;
	if (forwards)
		print_irq_lock_scenario(out, root_cls, other_cls, middle >= 0 ? q[static_cast<size_t>(middle)].cls : root_cls,
					other_cls);
	else
		print_irq_lock_scenario(out, other_cls, root_cls, middle >= 0 ? q[static_cast<size_t>(middle)].cls : other_cls,
					root_cls);

	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("");
	out.push_back("the shortest dependencies between 2nd lock and 1st lock:");
	print_shortest_lock_dependencies(out, q, other);
	out.push_back("");
}

// print_bad_irq_dependency()
void Validator::print_bad_irq_dependency(const std::vector<BfsNode>& back_q, int32_t back,
					 const std::vector<BfsNode>& fwd_q, int32_t fwd, const LockdepHeldLock& prev,
					 const LockdepHeldLock& next, uint32_t bit1, uint32_t bit2,
					 const std::string& irqclass)
{
	uint32_t safe_cls = back_q[static_cast<size_t>(back)].cls;
	uint32_t unsafe_cls = fwd_q[static_cast<size_t>(fwd)].cls;
	auto& out = begin_report("=====================================================",
				 fmt::format("WARNING: {}-safe -> {}-unsafe lock order detected", irqclass, irqclass));
	out.push_back(fmt::format("{}/{} {} is trying to acquire:", cx.comm, cx.pid, ctx_brackets()));
	out.push_back(lock_line(next));
	out.push_back("");
	out.push_back("and this task is already holding:");
	out.push_back(lock_line(prev));
	out.push_back("which would create a new lock dependency:");
	out.push_back(lock_name(prev.class_idx) + " ->" + lock_name(next.class_idx));
	out.push_back("");
	out.push_back(fmt::format("but this new dependency connects a {}-irq-safe lock:", irqclass));
	out.push_back(lock_name(safe_cls));
	out.push_back("");
	out.push_back(fmt::format("... which became {}-irq-safe at:", irqclass));
	add_trace(out, s.classes[safe_cls].usage_traces[bit1], 1);
	out.push_back("");
	out.push_back(fmt::format("to a {}-irq-unsafe lock:", irqclass));
	out.push_back(lock_name(unsafe_cls));
	out.push_back("");
	out.push_back(fmt::format("... which became {}-irq-unsafe at:", irqclass));
	out.push_back("...");
	add_trace(out, s.classes[unsafe_cls].usage_traces[bit2], 1);
	out.push_back("");
	out.push_back("other info that might help us debug this:");
	out.push_back("");
	print_irq_lock_scenario(out, safe_cls, unsafe_cls, prev.class_idx, next.class_idx);
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("");
	out.push_back(fmt::format("the dependencies between {}-irq-safe lock and the holding lock:", irqclass));
	print_shortest_lock_dependencies_backwards(out, back_q, back);
	out.push_back("");
	out.push_back("the dependencies between the lock to be acquired");
	out.push_back(fmt::format(" and {}-irq-unsafe lock:", irqclass));
	print_shortest_lock_dependencies(out, fwd_q, fwd);
	out.push_back("");
}

// print_deadlock_bug() + print_deadlock_scenario()
void Validator::print_deadlock_bug(const LockdepHeldLock& prev, const LockdepHeldLock& next)
{
	auto& out = begin_report("============================================",
				 "WARNING: possible recursive locking detected");
	out.push_back(fmt::format("{}/{} is trying to acquire lock:", cx.comm, cx.pid));
	out.push_back(lock_line(next));
	out.push_back("");
	out.push_back("but task is already holding lock:");
	out.push_back(lock_line(prev));
	out.push_back("");
	out.push_back("other info that might help us debug this:");
	out.push_back(" Possible unsafe locking scenario:");
	out.push_back("");
	out.push_back("       CPU0");
	out.push_back("       ----");
	out.push_back(fmt::format("  lock({});", class_name(prev.class_idx)));
	out.push_back(fmt::format("  lock({});", class_name(next.class_idx)));
	out.push_back("");
	out.push_back(" *** DEADLOCK ***");
	out.push_back("");
	out.push_back(" May be due to missing lock nesting notation");
	out.push_back("");
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("");
}

// print_circular_bug(): the chain from the lock being acquired (q[0], #0) to the held lock
// (q[target]), printed from the held end, each link with the trace of when it was added.
void Validator::print_circular_bug(const std::vector<BfsNode>& q, int32_t target, const LockdepHeldLock& src,
				   const LockdepHeldLock& tgt)
{
	auto& out = begin_report("======================================================",
				 "WARNING: possible circular locking dependency detected");
	out.push_back(fmt::format("{}/{} is trying to acquire lock:", cx.comm, cx.pid));
	out.push_back(lock_line(src));
	out.push_back("");
	out.push_back("but task is already holding lock:");
	out.push_back(lock_line(tgt));
	out.push_back("");
	out.push_back("which lock already depends on the new lock.");
	out.push_back("");
	out.push_back("");
	out.push_back("the existing dependency chain (in reverse order) is:");
	int depth = get_lock_depth(q, target);
	auto entry = [&](int32_t i, int d) {
		out.push_back("");
		out.push_back(fmt::format("-> #{}{}:", d, lock_name(q[static_cast<size_t>(i)].cls)));
		add_trace(out, node_trace(q, i), 6);
	};
	entry(target, depth);
	int32_t parent = q[static_cast<size_t>(target)].parent;
	int32_t first_parent = parent;
	while (parent >= 0) {
		entry(parent, --depth);
		parent = q[static_cast<size_t>(parent)].parent;
	}
	out.push_back("");
	out.push_back("other info that might help us debug this:");
	out.push_back("");
	// print_circular_lock_scenario()
	uint32_t source = src.class_idx;
	uint32_t tclass = tgt.class_idx;
	uint32_t pclass = q[static_cast<size_t>(first_parent)].cls;
	if (pclass != source) {
		out.push_back("Chain exists of:");
		out.push_back(fmt::format("  {} --> {} --> {}", class_name(source), class_name(pclass), class_name(tclass)));
		out.push_back("");
	}
	out.push_back(" Possible unsafe locking scenario:");
	out.push_back("");
	out.push_back("       CPU0                    CPU1");
	out.push_back("       ----                    ----");
	out.push_back(fmt::format("  lock({});", class_name(tclass)));
	out.push_back(fmt::format("                               lock({});", class_name(pclass)));
	out.push_back(fmt::format("                               lock({});", class_name(tclass)));
	out.push_back(fmt::format("  lock({});", class_name(source)));
	out.push_back("");
	out.push_back(" *** DEADLOCK ***");
	out.push_back("");
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("");
}

// print_lock_invalid_wait_context(): no empty line before "stack backtrace:" here.
void Validator::print_lock_invalid_wait_context(const LockdepHeldLock& h)
{
	auto& out = begin_report("=============================", "[ BUG: Invalid wait context ]");
	out.push_back(fmt::format("{}/{} is trying to lock:", cx.comm, cx.pid));
	out.push_back(lock_line(h));
	out.push_back("other info that might help us debug this:");
	uint8_t curr_inner = task_wait_context(cx);
	out.push_back(fmt::format("context-{{{}:{}}}", curr_inner, curr_inner));
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
}

// __lock_acquire()'s "BUG: MAX_LOCK_DEPTH too low!": print_lockdep_off() at KERN_DEBUG,
// the held locks, debug_show_all_locks() (which finds lockdep already off) and a bare
// dump_stack().
void Validator::print_max_lock_depth()
{
	s.debug_locks = false;
	report.emplace();
	report->blank_line = false;
	report->backtrace_title = false;
	auto& out = report->lines;
	out.push_back("\0017BUG: MAX_LOCK_DEPTH too low!");
	out.push_back("\0017turning off the locking correctness validator.");
	out.push_back(fmt::format("\0017depth: {}  max: {}!", task().held.size(), kLockdepMaxDepth));
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("INFO: lockdep is turned off.");
}

// print_unlock_imbalance_bug()
void Validator::print_unlock_imbalance_bug(const std::string& name)
{
	auto& out = begin_report("=====================================", "WARNING: bad unlock balance detected!");
	out.push_back(fmt::format("{}/{} is trying to release lock ({}) at:", cx.comm, cx.pid, name));
	out.push_back(ip_sym(cx.ip));
	out.push_back("but there are no more locks to release!");
	out.push_back("");
	out.push_back("other info that might help us debug this:");
	std::vector<std::string> held = held_lock_lines();
	out.insert(out.end(), held.begin(), held.end());
	out.push_back("");
}

// ---- the checks ----

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

std::vector<std::string> Lockdep::held_locks(TaskId task, std::string_view comm, int32_t pid) const
{
	if (!m_state.debug_locks)
		return {"INFO: lockdep is turned off."};
	auto it = m_state.tasks.find(task);
	return held_lock_lines_of(m_state, it == m_state.tasks.end() ? nullptr : &it->second, comm, pid);
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
