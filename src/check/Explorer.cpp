// The search. A state of the search is a Machine plus the interrupts each CPU has taken
// (the budget); its identity is abstract_bytes() of the Machine and that count. A node
// remembers only its parent and the choice that led to it: a counterexample is replayed
// from boot, which also yields the console a real machine prints on that run.
#include "check/Explorer.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "base/Hash.h"
#include "check/Abstraction.h"
#include "check/Verdict.h"

namespace kctx::check {

using kernel::Choice;
using kernel::Kernel;
using kernel::Machine;

namespace {

struct Node {
	uint32_t parent = 0;
	Choice choice;
};

struct Item {
	Machine m;
	std::vector<uint8_t> irqs;   // interrupts taken, per CPU
	uint32_t node = 0;
	uint32_t depth = 0;
};

bool reported(const Machine& m) { return m.findings.total() > 0 || m.findings.panicked; }

// The visited set, exact or compacted.
class Store {
public:
	explicit Store(HashMode mode) : m_mode(mode) {}
	// True if `key` is new (and now stored).
	bool insert(std::string key)
	{
		if (m_mode == HashMode::Compact) {
			if (!m_hashes.insert(hash_bytes(key.data(), key.size())).second)
				return false;
			m_bytes += sizeof(uint64_t);
			return true;
		}
		size_t n = key.size();
		if (!m_exact.insert(std::move(key)).second)
			return false;
		m_bytes += n;
		return true;
	}
	[[nodiscard]] uint64_t bytes() const { return m_bytes; }

private:
	HashMode m_mode;
	std::unordered_set<uint64_t> m_hashes;
	std::unordered_set<std::string> m_exact;
	uint64_t m_bytes = 0;
};

std::string state_key(const Machine& m, const std::vector<uint8_t>& irqs)
{
	std::string key = abstract_bytes(m);
	key.append(reinterpret_cast<const char*>(irqs.data()), irqs.size());
	return key;
}

std::vector<Choice> path_to(const std::vector<Node>& nodes, uint32_t node)
{
	std::vector<Choice> out;
	for (; node != 0; node = nodes[node].parent)
		out.push_back(nodes[node].choice);
	return {out.rbegin(), out.rend()};
}

class Explorer {
public:
	Explorer(const kernel::Config& config, const kernel::Code& code, const Options& opts)
		: m_config(config), m_code(code), m_opts(opts), m_store(opts.hash)
	{
	}

	CheckResult run(const Machine& initial);

private:
	// Ends the search with a violation found at the state reached by `choices`.
	CheckResult violation(ViolationKind kind, std::string message, const Machine& initial, std::vector<Choice> choices);
	[[nodiscard]] bool out_of_time() const;
	CheckResult finish(CheckResult r);

	const kernel::Config& m_config;
	const kernel::Code& m_code;
	const Options& m_opts;
	Store m_store;
	std::vector<Node> m_nodes;
	Figures m_fig;
	std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

bool Explorer::out_of_time() const
{
	if (m_opts.bounds.time_limit_s <= 0)
		return false;
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count() >= m_opts.bounds.time_limit_s;
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

CheckResult Explorer::run(const Machine& initial)
{
	const Bounds& b = m_opts.bounds;
	std::deque<Item> frontier;
	Item root{initial, std::vector<uint8_t>(initial.cpus.size(), 0), 0, 0};
	m_nodes.push_back({});
	m_store.insert(state_key(root.m, root.irqs));
	m_fig.states = 1;
	if (reported(root.m))
		return violation(ViolationKind::Report, "", initial, {});
	frontier.push_back(std::move(root));
	auto last_progress = std::chrono::steady_clock::now();
	CheckResult result;
	while (!frontier.empty()) {
		if (m_fig.states >= b.max_states || out_of_time()) {
			result.outcome = Outcome::Limit;
			result.limit = m_fig.states >= b.max_states ? "--max-states" : "--time-limit";
			break;
		}
		Item item = std::move(m_opts.search == Search::Bfs ? frontier.front() : frontier.back());
		if (m_opts.search == Search::Bfs)
			frontier.pop_front();
		else
			frontier.pop_back();
		Machine here = item.m;   // the Kernel may touch caches; keep item.m as it was
		Kernel k(m_config, m_code, here);
		if (auto v = spinning_forever(k))
			return finish(violation(v->kind, v->message, initial, path_to(m_nodes, item.node)));
		std::vector<Choice> enabled = k.choices();
		if (auto v = blocked_forever(k, enabled))
			return finish(violation(v->kind, v->message, initial, path_to(m_nodes, item.node)));
		if (item.depth >= b.depth) {
			m_fig.depth_bound_hit = m_fig.depth_bound_hit || !enabled.empty();
			continue;
		}
		std::string here_key = state_key(item.m, item.irqs);
		for (const Choice& ch : enabled) {
			std::vector<uint8_t> irqs = item.irqs;
			if (ch.is_interrupt()) {
				if (irqs[ch.cpu] >= b.max_irqs) {
					m_fig.irq_bound_hit = true;
					continue;
				}
				irqs[ch.cpu]++;
			}
			Machine next = item.m;
			Kernel kn(m_config, m_code, next);
			(void)kn.take(ch);
			m_fig.transitions++;
			if (reported(next) && !reported(item.m)) {
				std::vector<Choice> path = path_to(m_nodes, item.node);
				path.push_back(ch);
				return finish(violation(ViolationKind::Report, "", initial, std::move(path)));
			}
			std::string key = state_key(next, irqs);
			if (key == here_key || !m_store.insert(std::move(key)))
				continue;
			m_nodes.push_back({item.node, ch});
			m_fig.states++;
			m_fig.max_depth = std::max(m_fig.max_depth, item.depth + 1);
			frontier.push_back(Item{std::move(next), std::move(irqs), static_cast<uint32_t>(m_nodes.size() - 1), item.depth + 1});
		}
		if (m_opts.progress && std::chrono::steady_clock::now() - last_progress > std::chrono::milliseconds(500)) {
			last_progress = std::chrono::steady_clock::now();
			m_fig.seconds = std::chrono::duration<double>(last_progress - m_start).count();
			m_fig.store_bytes = m_store.bytes();
			m_opts.progress(m_fig, frontier.size());
		}
	}
	return finish(std::move(result));
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
		if (std::find(enabled.begin(), enabled.end(), ch) == enabled.end())
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
