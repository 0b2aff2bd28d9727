// lockdep's reports (kernel/locking/lockdep.c print_*()): one function per report, each
// emitting the lines its printk()s would, and the pieces they share: a lock, a class with
// its usage traces, a path through the dependency graph, an irq scenario, the held locks.
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/locking/LockdepInternal.h"

namespace kctx::kernel::lockdep_detail {

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

// get_usage_chars(): per state, the write then the read character. 4.4's lockdep_states.h
// has a third state, RECLAIM_FS, which kctx does not track ("..": never used in reclaim).
std::string usage_chars(uint32_t usage, const LockFormat& f)
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
	if (f.ip_sym)
		out += "..";
	return out;
}

}  // namespace

// print_lock_name(): " (name){usage}-{outer:inner}"; up to 4.x " (name){usage}"
// (kernel/locking/lockdep.c (4.4): printk(" ("); __print_lock_name(class);
// printk("){%s}", usage);).
std::string lock_name_of(const LockdepState& s, uint32_t cls, const LockFormat& f)
{
	const LockdepClass& c = s.classes[cls];
	if (f.ip_sym)
		return fmt::format(" ({}){{{}}}", class_name_of(s, cls), usage_chars(c.usage_mask, f));
	return fmt::format(" ({}){{{}}}-{{{}:{}}}", class_name_of(s, cls), usage_chars(c.usage_mask, f),
			   c.wait_type_outer ? c.wait_type_outer : c.wait_type_inner, c.wait_type_inner);
}

// print_lock(): "%px" of the instance, the name, ", at: %pS" of the acquire site; up to
// 4.x no instance, and the site by print_ip_sym() (4.4: print_lock_name(hlock_class(hlock));
// printk(", at: "); print_ip_sym(hlock->acquire_ip);).
std::string lock_line_of(const LockdepState& s, const LockdepHeldLock& h, const LockFormat& f)
{
	if (f.ip_sym) {
		uint64_t address = f.site_address ? f.site_address(h.acquire_ip) : kernel_symbol_address(h.acquire_ip);
		return fmt::format("{}, at: [<{:016x}>] {}", lock_name_of(s, h.class_idx, f), address, h.acquire_ip);
	}
	return fmt::format("{:016x}{}, at: {}", h.instance, lock_name_of(s, h.class_idx, f), h.acquire_ip);
}

// ---- printing without a Validator ----

std::vector<std::string> held_lock_lines_of(const LockdepState& s, const LockdepTask* t, std::string_view comm, int32_t pid,
					    const LockFormat& f)
{
	size_t depth = t ? t->held.size() : 0;
	if (!depth)
		return {fmt::format("no locks held by {}/{}.", comm, pid)};
	std::vector<std::string> out = {fmt::format("{} lock{} held by {}/{}:", depth, depth > 1 ? "s" : "", comm, pid)};
	for (size_t i = 0; i < depth; i++)
		out.push_back(fmt::format(" #{}: {}", i, lock_line_of(s, t->held[i], f)));
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

// ---- the Validator: pieces of reports, then the reports ----

std::string Validator::class_name(uint32_t cls) const { return class_name_of(s, cls); }
std::string Validator::lock_name(uint32_t cls) const { return lock_name_of(s, cls, cx.lock_format); }
std::string Validator::lock_line(const LockdepHeldLock& h) const { return lock_line_of(s, h, cx.lock_format); }

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
	return held_lock_lines_of(s, it == s.tasks.end() ? nullptr : &it->second, cx.comm, cx.pid, cx.lock_format);
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
namespace {

// Up to 4.14, lockdep titled its reports in brackets, each between rules of its own
// length, from kernel/locking/lockdep.c (4.4):
//   printk("[ INFO: possible circular locking dependency detected ]\n");
// with one '=' fewer above it than the title is long (print_circular_bug_header()).
struct BracketedTitle {
	std::string_view title;     // 4.15+'s title, which the reports below pass
	std::string_view bracketed;
	size_t equals, dashes;
};
constexpr BracketedTitle kBracketedTitles[] = {
	{"WARNING: possible circular locking dependency detected", "[ INFO: possible circular locking dependency detected ]", 54, 55},
	{"WARNING: possible recursive locking detected", "[ INFO: possible recursive locking detected ]", 45, 45},
	{"WARNING: inconsistent lock state", "[ INFO: inconsistent lock state ]", 33, 33},
	{"WARNING: possible irq lock inversion dependency detected", "[ INFO: possible irq lock inversion dependency detected ]", 57, 57},
	{"WARNING: bad unlock balance detected!", "[ BUG: bad unlock balance detected! ]", 37, 37},
};

}  // namespace

std::vector<std::string>& Validator::begin_report(std::string_view rule, std::string_view title)
{
	s.debug_locks = false;
	report.emplace();
	size_t equals = rule.size(), dashes = rule.size();
	std::string shown(title);
	if (cx.bracketed_titles) {
		for (const BracketedTitle& b : kBracketedTitles)
			if (b.title == title) {
				shown = b.bracketed;
				equals = b.equals;
				dashes = b.dashes;
			}
		// "WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected" (4.4: "[ INFO: … ]")
		if (shown == title && title.starts_with("WARNING: ") && title.ends_with("lock order detected")) {
			shown = "[ INFO: " + std::string(title.substr(9)) + " ]";
			equals = dashes = shown.size();
		}
	}
	report->lines = {std::string(equals, '='), shown, cx.ident, std::string(dashes, '-')};
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

}  // namespace kctx::kernel::lockdep_detail
