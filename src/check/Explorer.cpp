// The search. A state of the search is a Machine plus its budget (the interrupts each CPU
// has taken, and under --preemption-bound the preemptions so far and the CPU that moved
// last); its identity is the Abstractor's bytes of the Machine and that budget. A node
// remembers only its parent and the choice that led to it: a counterexample is replayed
// from boot, which also yields the console a real machine prints on that run.
//
// Speed: one Machine is kept for the successor being built and one Kernel bound to it,
// reused from transition to transition (a copy-assignment reuses the tables' storage);
// a successor is copied into the frontier only when it is new, and a fused continuation
// taken back is undone by taking the transition's steps again from the expanded state,
// not by a copy made before each continuation. States are hashed with
// their clocks scrubbed in place (check/Abstraction.h), and steps are taken without the
// schedule's descriptions, which only a counterexample's replay prints.
#include "check/Explorer.h"

#include <algorithm>
#include <array>
#include <deque>
#include <span>

#include "base/Hash.h"
#include "check/Abstraction.h"
#include "check/MachineCopy.h"
#include "check/Reduction.h"
#include "check/Verdict.h"

namespace kctx::check {

using kernel::Choice;
using kernel::Kernel;
using kernel::Machine;

namespace {

constexpr uint8_t kNoCpu = 0xff;

// A node of the path tree, packed: 8 bytes a node.
struct Node {
	uint32_t parent = 0;
	uint8_t kind = 0;
	uint8_t cpu = 0;
	uint16_t value = 0;
	[[nodiscard]] Choice choice() const
	{
		return Choice{static_cast<kernel::ChoiceKind>(kind), cpu, value};
	}
};
static_assert(sizeof(Node) == 8);

// What a state has used of its bounds: part of its identity.
struct Budget {
	std::array<uint8_t, 64> irqs{};   // interrupts taken, per CPU (--cpus is at most 64)
	uint16_t preemptions = 0;
	uint8_t last_cpu = kNoCpu;         // the CPU whose Run was taken last
};

struct Item {
	Machine m;
	Budget budget;
	uint32_t node = 0;
	uint32_t depth = 0;
	// The kernel reported a problem in this state, met at the end of a reduced transition
	// of several steps: breadth-first search returns it only when its depth comes up, so a
	// shorter counterexample still in the frontier wins.
	bool reported = false;
};

bool reported(const Machine& m) { return m.findings.total() > 0 || m.findings.panicked; }

std::vector<Choice> path_to(const std::vector<Node>& nodes, uint32_t node)
{
	std::vector<Choice> out;
	for (; node != 0; node = nodes[node].parent)
		out.push_back(nodes[node].choice());
	return {out.rbegin(), out.rend()};
}

// The frontier: FIFO by depth for breadth-first search (a bucket per depth, since a
// reduced transition may span several steps), LIFO for depth-first.
class Frontier {
public:
	explicit Frontier(bool lifo) : m_lifo(lifo) {}
	void push(Item&& item)
	{
		m_size++;
		if (m_lifo) {
			m_stack.push_back(std::move(item));
			return;
		}
		if (item.depth >= m_buckets.size())
			m_buckets.resize(item.depth + 1);
		m_buckets[item.depth].push_back(std::move(item));
	}
	Item pop()
	{
		m_size--;
		if (m_lifo) {
			Item it = std::move(m_stack.back());
			m_stack.pop_back();
			return it;
		}
		while (m_buckets[m_low].empty())
			m_low++;
		Item it = std::move(m_buckets[m_low].front());
		m_buckets[m_low].pop_front();
		return it;
	}
	[[nodiscard]] bool empty() const { return m_size == 0; }
	[[nodiscard]] uint64_t size() const { return m_size; }

private:
	bool m_lifo;
	uint64_t m_size = 0;
	std::vector<Item> m_stack;
	std::vector<std::deque<Item>> m_buckets;
	size_t m_low = 0;
};

class Explorer {
public:
	Explorer(const kernel::Config& config, const kernel::Code& code, const Options& opts)
		: m_config(config), m_code(code), m_opts(opts),
		  m_store(opts.hash, opts.bitstate_log2, opts.search == Search::Iterative),
		  m_abstractor(opts.hash != HashMode::Exact, &code, Abstractor::Tasks::Memo),
		  m_kernel(config, code, m_work), m_cur_kernel(config, code, m_cur), m_copier(m_work, m_cur)
	{
		if (opts.por) {
			m_fig.por_off = reduction_blocker(code);
			m_fig.por = m_fig.por_off.empty();
		}
	}

	CheckResult run(const Machine& initial);

private:
	// One search pass; `depth_limit` is the depth bound of this pass.
	CheckResult pass(const Machine& initial, uint32_t depth_limit, bool& cut);
	// Expands m_cur (popped as `item`) into the frontier. A violation ends the search.
	std::optional<CheckResult> expand(const Item& item, const Machine& initial, uint32_t depth_limit, bool& cut,
					  Frontier& frontier);
	// Takes `ch` on m_work (already a copy of the state), then, under the reduction, the
	// same CPU's next steps while each took a spinlock. Appends each step's node.
	bool take(std::span<const Choice> path, Budget& budget, uint32_t& node, uint32_t& depth, uint32_t depth_limit,
		  std::vector<std::vector<Choice>>& more, bool& violated);
	std::string_view key(Machine& m, const Budget& b);
	// Puts m_work back to the state after `chain`, the steps of the transition so far.
	void take_back(std::span<const Choice> chain);
	// Ends the search with a violation found at the state reached by `choices`.
	CheckResult violation(ViolationKind kind, std::string message, const Machine& initial, std::vector<Choice> choices);
	[[nodiscard]] bool out_of_time() const;
	CheckResult finish(CheckResult r);
	void progress(uint64_t queued);

	const kernel::Config& m_config;
	const kernel::Code& m_code;
	const Options& m_opts;
	Store m_store;
	Abstractor m_abstractor;
	std::string m_key;
	Machine m_work;          // the successor being built
	bool m_work_moved = false;    // m_work was moved into the frontier: its tables are empty
	Kernel m_kernel;         // bound to m_work
	Budget m_checkpoint_budget;   // the budget before a fused continuation (taken back if it acquires)
	Machine m_cur;           // the state being expanded
	Kernel m_cur_kernel;     // bound to m_cur
	MachineCopier m_copier;  // m_work = m_cur, copying only the tables that differ
	std::vector<Node> m_nodes;
	Figures m_fig;
	std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
	std::chrono::steady_clock::time_point m_last_progress = m_start;
};

bool Explorer::out_of_time() const
{
	if (m_opts.bounds.time_limit_s <= 0)
		return false;
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count() >= m_opts.bounds.time_limit_s;
}

std::string_view Explorer::key(Machine& m, const Budget& b)
{
	m_key.assign(reinterpret_cast<const char*>(b.irqs.data()), m.cpus.size());
	if (m_opts.bounds.preemption_bound >= 0) {
		m_key.append(reinterpret_cast<const char*>(&b.preemptions), sizeof b.preemptions);
		m_key.push_back(static_cast<char>(b.last_cpu));
	}
	return m_abstractor.bytes(m, m_key);
}

CheckResult Explorer::violation(ViolationKind kind, std::string message, const Machine& initial, std::vector<Choice> choices)
{
	CheckResult r;
	r.outcome = Outcome::Violation;
	r.kind = kind;
	r.message = std::move(message);
	Machine m = initial;
	std::vector<kernel::StepNote> notes;
	std::string console;
	(void)replay(m_config, m_code, m, choices, &notes, &console);
	for (size_t i = 0; i < choices.size(); i++)
		r.trace.push_back({choices[i], i < notes.size() ? notes[i] : kernel::StepNote{}});
	if (kind == ViolationKind::Report && r.message.empty())
		r.message = report_headline(console);
	return r;
}

bool Explorer::take(std::span<const Choice> path, Budget& budget, uint32_t& node, uint32_t& depth, uint32_t depth_limit,
		    std::vector<std::vector<Choice>>& more, bool& violated)
{
	// `path` is one step, or (a value of a prandom_u32_max() met inside a reduced
	// transition) the steps of that transition up to it, replayed as they were.
	std::vector<Choice> chain;
	Choice ch = path[0];
	bool continuing = false;   // `ch` is a fused continuation, not the transition's first step
	bool left = false;         // a lock release is in the transition: only left movers may follow
	for (;;) {
		bool replaying = chain.size() + 1 < path.size();
		if (continuing && !replaying)
			m_checkpoint_budget = budget;
		kernel::StepNote note = m_kernel.take(ch, false);
		m_fig.transitions++;
		// Only a transition's first step may block (Lipton: every later action of a
		// reduced transition must be non-blocking, or a deadlock between two transitions
		// is lost). A continuation that took a spinlock is a blocking action that
		// happened not to block: another CPU could have taken the lock first; one that
		// spins would cost a retry step a shorter run does not need. Either is taken
		// back, and the transition ends before it (its state is stored; the acquisition
		// is a transition of its own from there).
		// A release is a left mover, a task-local call a both-mover; neither when the step
		// first finished a native frame (StepNote::after_native: it did something else).
		bool release = m_fig.por && !note.after_native && released_lock(m_work, m_code, ch.cpu);
		bool local = note.local && !note.after_native;
		// After a release only left movers and both-movers may join (Lipton's R* N L*):
		// any other continuation is taken back too.
		bool out_of_order = left && !(release || local);
		if (continuing && !replaying && (note.acquired || m_kernel.spin_wait(ch.cpu) || out_of_order)) {
			take_back(chain);
			budget = m_checkpoint_budget;
			m_fig.transitions--;
			m_fig.fused--;
			m_fig.undone++;
			return true;
		}
		chain.push_back(ch);
		if (!replaying && ch.kind == kernel::ChoiceKind::Run && ch.value == 0)
			for (uint32_t v = 1; v < m_kernel.random_range(); v++) {
				more.push_back(chain);
				more.back().back().value = v;
			}
		// A spin retry or an idle step may still change what the abstraction keeps (so it
		// is hashed like any step), but it is no move of the CPU for the preemption bound.
		if (ch.kind == kernel::ChoiceKind::Run && note.progressed)
			budget.last_cpu = static_cast<uint8_t>(ch.cpu);
		m_nodes.push_back(Node{node, static_cast<uint8_t>(ch.kind), static_cast<uint8_t>(ch.cpu),
				       static_cast<uint16_t>(ch.value)});
		node = static_cast<uint32_t>(m_nodes.size() - 1);
		depth++;
		if (reported(m_work)) {
			violated = true;
			return true;
		}
		if (replaying) {
			ch = path[chain.size()];
			continue;
		}
		// Lipton's reduction: a step that took a spinlock is a right mover, one that only
		// its own task observes a both-mover, one that released a spinlock a left mover;
		// go on with the same CPU while nothing of its own could come between
		// (check/Reduction.h). A step that first finished a native frame did something
		// else too (StepNote::after_native): it ends its transition.
		left = left || release;
		if (!m_fig.por || !(note.acquired || local || release) || note.after_native || depth >= depth_limit)
			return true;
		std::vector<Choice> enabled = m_kernel.choices();
		if (!may_continue(ch.cpu, enabled, std::span(budget.irqs.data(), m_work.cpus.size()), m_opts.bounds.max_irqs))
			return true;
		ch = Choice{kernel::ChoiceKind::Run, ch.cpu, 0};
		continuing = true;
		m_fig.fused++;
	}
}

void Explorer::take_back(std::span<const Choice> chain)
{
	// Most continuations are taken back (they acquire), so the machine before one is not
	// copied aside each time: it is rebuilt from the state being expanded by taking the
	// transition's steps again (a step is deterministic, and cheaper than a copy).
	m_copier.copy();
	m_kernel.machine_replaced();
	for (const Choice& c : chain)
		(void)m_kernel.take(c, false);
}

std::optional<CheckResult> Explorer::expand(const Item& item, const Machine& initial, uint32_t depth_limit, bool& cut,
					    Frontier& frontier)
{
	const Bounds& b = m_opts.bounds;
	Kernel& k = m_cur_kernel;
	if (auto v = spinning_forever(k))
		return violation(v->kind, v->message, initial, path_to(m_nodes, item.node));
	std::vector<Choice> enabled = k.choices();
	if (auto v = blocked_forever(k, enabled))
		return violation(v->kind, v->message, initial, path_to(m_nodes, item.node));
	if (item.depth >= depth_limit) {
		cut = cut || !enabled.empty();
		return std::nullopt;
	}
	// Whether the CPU that moved last could go on (CHESS: switching away from it is a
	// preemption; from a spinning or idle CPU it is not).
	bool last_can_run = false;
	if (b.preemption_bound >= 0 && item.budget.last_cpu != kNoCpu)
		for (const Choice& c : enabled)
			if (c.kind == kernel::ChoiceKind::Run && c.cpu == item.budget.last_cpu && !k.spin_wait(c.cpu))
				last_can_run = true;
	std::vector<std::vector<Choice>> more;
	for (size_t i = 0; i < enabled.size() + more.size(); i++) {
		std::vector<Choice> one;
		if (i < enabled.size())
			one.push_back(enabled[i]);
		const std::vector<Choice> path = i < enabled.size() ? std::move(one) : more[i - enabled.size()];
		const Choice ch = path[0];
		Budget budget = item.budget;
		if (ch.is_interrupt()) {
			if (budget.irqs[ch.cpu] >= b.max_irqs) {
				m_fig.irq_bound_hit = true;
				continue;
			}
			budget.irqs[ch.cpu]++;
		}
		if (ch.kind == kernel::ChoiceKind::Run && last_can_run && ch.cpu != item.budget.last_cpu) {
			if (budget.preemptions >= static_cast<uint32_t>(b.preemption_bound)) {
				m_fig.preemption_bound_hit = true;
				continue;
			}
			budget.preemptions++;
		}
		m_copier.copy();   // m_work = m_cur
		m_kernel.machine_replaced();
		uint32_t node = item.node, depth = item.depth;
		size_t nodes_before = m_nodes.size();
		bool violated = false;
		if (!take(path, budget, node, depth, depth_limit, more, violated))
			continue;
		if (violated && m_opts.search == Search::Bfs && depth > item.depth + 1) {
			frontier.push(Item{std::move(m_work), budget, node, depth, true});
			m_work_moved = true;
			continue;
		}
		if (violated)
			return violation(ViolationKind::Report, "", initial, path_to(m_nodes, node));
		std::string_view bytes = key(m_work, budget);
		if (!m_store.insert(bytes, m_opts.hash == HashMode::Exact ? 0 : hash_bytes(bytes.data(), bytes.size()), depth)) {
			m_nodes.resize(nodes_before);   // a state seen before: its path is not needed
			continue;
		}
		m_fig.states++;
		m_fig.max_depth = std::max(m_fig.max_depth, depth);
		// Moved, not copied: m_work is assigned afresh before the next successor.
		frontier.push(Item{std::move(m_work), budget, node, depth, false});
		m_work_moved = true;
	}
	return std::nullopt;
}

CheckResult Explorer::pass(const Machine& initial, uint32_t depth_limit, bool& cut)
{
	const Bounds& b = m_opts.bounds;
	m_store.clear();
	m_nodes.assign(1, Node{});
	m_fig.states = 1;
	Frontier frontier(m_opts.search != Search::Bfs);
	Item root{initial, Budget{}, 0, 0, false};
	std::string_view root_key = key(root.m, root.budget);
	(void)m_store.insert(root_key, m_opts.hash == HashMode::Exact ? 0 : hash_bytes(root_key.data(), root_key.size()), 0);
	if (reported(root.m))
		return violation(ViolationKind::Report, "", initial, {});
	frontier.push(std::move(root));
	CheckResult result;
	while (!frontier.empty()) {
		if (m_fig.states >= b.max_states || out_of_time()) {
			result.outcome = Outcome::Limit;
			result.limit = m_fig.states >= b.max_states ? "--max-states" : "--time-limit";
			return result;
		}
		Item item = frontier.pop();
		if (item.reported)
			return violation(ViolationKind::Report, "", initial, path_to(m_nodes, item.node));
		// The state expanded last goes to m_work if a successor was moved out of it (the
		// frontier holds that one now): it is most often the parent or a sibling of the
		// state expanded next, so the field-wise copy finds its tables equal and copies
		// few (a moved-from m_work has none: every table would be copied again).
		std::swap(m_cur, item.m);
		if (m_work_moved) {
			m_work = std::move(item.m);
			m_work_moved = false;
		}
		m_cur_kernel.machine_replaced();
		if (auto v = expand(item, initial, depth_limit, cut, frontier))
			return std::move(*v);
		if (m_opts.progress && std::chrono::steady_clock::now() - m_last_progress > std::chrono::milliseconds(500))
			progress(frontier.size());
	}
	return result;
}

void Explorer::progress(uint64_t queued)
{
	m_last_progress = std::chrono::steady_clock::now();
	m_fig.seconds = std::chrono::duration<double>(m_last_progress - m_start).count();
	m_fig.store_bytes = m_store.bytes() + m_nodes.size() * sizeof(Node);
	m_opts.progress(m_fig, queued);
}

CheckResult Explorer::run(const Machine& initial)
{
	uint32_t max_depth = m_opts.bounds.depth;
	if (m_opts.search != Search::Iterative) {
		bool cut = false;
		CheckResult r = pass(initial, max_depth, cut);
		m_fig.depth_bound_hit = cut;
		return finish(std::move(r));
	}
	// Iterative deepening: a depth-first pass per depth bound, 1, 2, 3 …; the first pass
	// that meets a violation meets one at the shortest depth (the store keeps each
	// state's least depth, so every state within the bound is expanded). A pass that cuts
	// nothing at its bound has seen the whole space.
	for (uint32_t limit = 1;; limit++) {
		bool cut = false;
		m_fig.iterations++;
		CheckResult r = pass(initial, limit, cut);
		if (r.outcome != Outcome::Clean || !cut || limit >= max_depth) {
			m_fig.depth_bound_hit = cut;
			return finish(std::move(r));
		}
	}
}

CheckResult Explorer::finish(CheckResult r)
{
	m_fig.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
	m_fig.store_bytes = m_store.bytes() + m_nodes.size() * sizeof(Node);
	r.figures = m_fig;
	return r;
}

}  // namespace

CheckResult explore(const kernel::Config& config, const kernel::Code& code, const Machine& initial, const Options& options)
{
	Explorer e(config, code, options);
	return e.run(initial);
}

bool replay(const kernel::Config& config, const kernel::Code& code, Machine& m, const std::vector<Choice>& choices,
	    std::vector<kernel::StepNote>* notes, std::string* console)
{
	Kernel k(config, code, m);
	for (const Choice& ch : choices) {
		std::vector<Choice> enabled = k.choices();
		if (std::none_of(enabled.begin(), enabled.end(), [&](const Choice& e) { return e.same_step(ch); }))
			return false;
		kernel::StepNote note = k.take(ch);
		if (notes)
			notes->push_back(std::move(note));
		if (console)
			*console += k.take_console();
	}
	return true;
}

}  // namespace kctx::check
