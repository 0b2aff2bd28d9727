#include "probe/run/Interp.h"
#include "probe/run/Stack.h"

#include <algorithm>
#include <fmt/format.h>
#include <regex>

#include "probe/Errors.h"
#include "probe/Printer.h"
#include "probe/run/Format.h"
#include "probe/run/PrettyPrint.h"
#include "probe/run/Session.h"

namespace kctx::probe {

namespace {

constexpr int kMaxNesting = 10;   // translate.cxx: MAXNESTING

// What a statement hands back to the loop or function around it.
enum class Flow { Normal, Next, Break, Continue, Return };

struct Frame {
	std::map<std::string, Value> locals;
	Value ret;
};

int64_t wrap_add(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }
int64_t wrap_sub(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b)); }
int64_t wrap_mul(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b)); }

class Interp {
public:
	Interp(Session& s, const ProbeSite& site, const ProbeContext& ctx) : m_s(s), m_site(site), m_ctx(ctx) {}

	void run()
	{
		const Probe& probe = m_s.script().probes[m_site.handler];
		m_frames.emplace_back();
		for (auto& [name, v] : m_ctx.alias_locals())
			m_frames.back().locals[name] = v;
		const ProbePoint& pt = probe.points[m_site.point];
		if (pt.condition && !truth(eval(*pt.condition)))
			return;
		if (!m_failed)
			exec(*probe.body);
	}

private:
	// A runtime error: stap's "ERROR: MESSAGE near TOKEN at FILE:LINE:COL".
	void fail(const std::string& message, const Token& tok)
	{
		if (m_failed)
			return;
		m_failed = true;
		if (m_try_depth > 0) {
			m_caught = message;
			return;
		}
		std::string where = tok.source ? fmt::format(" near {} at {}:{}:{}", describe_token(tok), tok.source->name,
							     tok.line, tok.col)
					       : "";
		m_s.runtime_error(message + where);
	}

	std::string clip(std::string s) const
	{
		size_t max = static_cast<size_t>(std::max<int64_t>(1, m_s.limits().maxstringlen) - 1);
		if (s.size() > max)
			s.resize(max);
		return s;
	}

	static bool truth(const Value& v) { return v.is_string() ? !v.s.empty() : v.num() != 0; }

	Frame& frame() { return m_frames.back(); }

	// ---- statements ----

	Flow exec(const Stmt& st)
	{
		if (m_failed)
			return Flow::Return;
		if (++m_actions > m_s.limits().maxaction) {
			fail("MAXACTION exceeded", st.tok);
			return Flow::Return;
		}
		switch (st.kind) {
		case StmtKind::Block:
			for (const StmtPtr& b : st.body) {
				Flow f = exec(*b);
				if (f != Flow::Normal)
					return f;
			}
			return Flow::Normal;
		case StmtKind::Null: return Flow::Normal;
		case StmtKind::Expr: (void)eval(*st.expr); return m_failed ? Flow::Return : Flow::Normal;
		case StmtKind::If: {
			bool c = truth(eval(*st.expr));
			if (m_failed)
				return Flow::Return;
			size_t branch = c ? 0 : 1;
			if (branch < st.body.size() && st.body[branch])
				return exec(*st.body[branch]);
			return Flow::Normal;
		}
		case StmtKind::For: return exec_for(st);
		case StmtKind::Foreach: return exec_foreach(st);
		case StmtKind::Return:
			if (st.expr)
				frame().ret = eval(*st.expr);
			return Flow::Return;
		case StmtKind::Delete: exec_delete(*st.expr); return m_failed ? Flow::Return : Flow::Normal;
		case StmtKind::Next: return Flow::Next;
		case StmtKind::Break: return Flow::Break;
		case StmtKind::Continue: return Flow::Continue;
		case StmtKind::Try: {
			m_try_depth++;
			Flow f = exec(*st.body[0]);
			m_try_depth--;
			if (!m_failed)
				return f;
			// try/catch: the error is the catch variable's value, and the handler goes on.
			m_failed = false;
			std::string msg = std::move(m_caught);
			if (!st.catch_var.empty())
				frame().locals[st.catch_var] = Value::of(msg);
			return st.body.size() > 1 && st.body[1] ? exec(*st.body[1]) : Flow::Normal;
		}
		}
		return Flow::Normal;
	}

	Flow exec_for(const Stmt& st)
	{
		if (st.init)
			(void)eval(*st.init);
		while (!m_failed && (!st.expr || truth(eval(*st.expr)))) {
			Flow f = exec(*st.body[0]);
			if (f == Flow::Break)
				break;
			if (f == Flow::Return || f == Flow::Next)
				return f;
			if (st.step)
				(void)eval(*st.step);
			if (++m_actions > m_s.limits().maxaction) {
				fail("MAXACTION exceeded", st.tok);
				return Flow::Return;
			}
		}
		return m_failed ? Flow::Return : Flow::Normal;
	}

	Flow exec_foreach(const Stmt& st)
	{
		const Expr& arr = *st.array;
		GlobalVar* g = arr.kind == ExprKind::Symbol ? m_s.global(arr.name) : nullptr;
		if (!g) {
			fail("foreach over something that is not a global array", st.tok);
			return Flow::Return;
		}
		bool stats = !g->stats.empty();
		struct Row {
			Key key;
			Value value;
		};
		std::vector<Row> rows;
		if (stats) {
			for (const auto& [k, stat] : g->stats)
				rows.push_back({k, Value::of(stat_value(stat, st.sort_stat.empty() ? "count" : st.sort_stat))});
		} else {
			for (const auto& [k, v] : g->array)
				rows.push_back({k, v});
		}
		// Sorted by value (arr+ / arr-) or by one index column ([a+, b]); rows come in key
		// order, so ties keep it.
		if (st.value_sort != 0)
			std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
				return st.value_sort > 0 ? a.value < b.value : b.value < a.value;
			});
		for (size_t c = 0; c < st.indexes.size(); c++) {
			int dir = st.indexes[c].sort;
			if (dir == 0)
				continue;
			std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
				return dir > 0 ? a.key.at(c) < b.key.at(c) : b.key.at(c) < a.key.at(c);
			});
		}
		int64_t limit = INT64_MAX;
		if (st.limit)
			limit = eval(*st.limit).num();
		int64_t done = 0;
		for (const Row& r : rows) {
			if (done++ >= limit || m_failed)
				break;
			for (size_t c = 0; c < st.indexes.size() && c < r.key.size(); c++)
				frame().locals[st.indexes[c].name] = r.key[c];
			if (!st.value_var.empty())
				frame().locals[st.value_var] = r.value;
			Flow f = exec(*st.body[0]);
			if (f == Flow::Break)
				break;
			if (f == Flow::Return || f == Flow::Next)
				return f;
		}
		return m_failed ? Flow::Return : Flow::Normal;
	}

	void exec_delete(const Expr& e)
	{
		if (e.kind == ExprKind::Symbol) {
			if (GlobalVar* g = m_s.global(e.name)) {
				*g = GlobalVar{.max_entries = g->max_entries, .wrap = g->wrap};
				return;
			}
			frame().locals.erase(e.name);
			return;
		}
		if (e.kind == ExprKind::ArrayIndex && std::any_of(e.operands.begin() + 1, e.operands.end(),
								 [](const ExprPtr& o) { return !o; })) {
			delete_slice(e);
			return;
		}
		if (e.kind == ExprKind::ArrayIndex) {
			GlobalVar* g = array_of(e);
			if (!g)
				return;
			Key k = key_of(e);
			g->array.erase(k);
			g->stats.erase(k);
			std::erase(g->order, k);
			return;
		}
		fail("delete of something that is not a variable or array element", e.tok);
	}

	// delete a[k, *]: the elements whose keys match the given ones, `*` matching any.
	void delete_slice(const Expr& e)
	{
		GlobalVar* g = array_of(e);
		if (!g)
			return;
		std::vector<std::optional<Value>> pattern;
		for (size_t i = 1; i < e.operands.size(); i++)
			pattern.push_back(e.operands[i] ? std::optional<Value>(eval(*e.operands[i])) : std::nullopt);
		auto matches = [&](const Key& k) {
			if (k.size() != pattern.size())
				return false;
			for (size_t i = 0; i < k.size(); i++)
				if (pattern[i] && !(k[i] == *pattern[i]))
					return false;
			return true;
		};
		std::erase_if(g->array, [&](const auto& kv) { return matches(kv.first); });
		std::erase_if(g->stats, [&](const auto& kv) { return matches(kv.first); });
		std::erase_if(g->order, matches);
	}

	// ---- storage ----

	GlobalVar* array_of(const Expr& e)
	{
		const Expr& base = *e.operands[0];
		GlobalVar* g = base.kind == ExprKind::Symbol ? m_s.global(base.name) : nullptr;
		if (!g)
			fail("arrays must be global variables", e.tok);
		return g;
	}

	Key key_of(const Expr& e)
	{
		Key k;
		for (size_t i = 1; i < e.operands.size(); i++) {
			if (!e.operands[i]) {
				fail("kctx does not support `*` array slices yet", e.tok);
				return k;
			}
			k.push_back(eval(*e.operands[i]));
		}
		return k;
	}

	// Makes room for a new key: MAXMAPENTRIES (or the declared size) is a runtime error,
	// unless the array wraps (`global a%[N]`), when the oldest entry goes.
	bool room_for(GlobalVar& g, const Key& k, bool stats, const Token& tok)
	{
		size_t size = stats ? g.stats.size() : g.array.size();
		bool present = stats ? g.stats.contains(k) : g.array.contains(k);
		if (present)
			return true;
		int64_t max = g.max_entries > 0 ? g.max_entries : m_s.limits().maxmapentries;
		if (static_cast<int64_t>(size) >= max) {
			if (!g.wrap || g.order.empty()) {
				fail("Array overflow, check " + std::string(g.max_entries > 0 ? "size limit (" + std::to_string(max) + ")" : "MAXMAPENTRIES"), tok);
				return false;
			}
			g.array.erase(g.order.front());
			g.stats.erase(g.order.front());
			g.order.erase(g.order.begin());
		}
		g.order.push_back(k);
		return true;
	}

	// The slot an assignment writes; null after an error.
	Value* slot(const Expr& e)
	{
		if (e.kind == ExprKind::Symbol) {
			if (GlobalVar* g = m_s.global(e.name); g && !frame().locals.contains(e.name))
				return &g->scalar;
			return &frame().locals[e.name];
		}
		if (e.kind == ExprKind::ArrayIndex) {
			GlobalVar* g = array_of(e);
			if (!g)
				return nullptr;
			Key k = key_of(e);
			if (m_failed || !room_for(*g, k, false, e.tok))
				return nullptr;
			return &g->array[k];
		}
		fail("cannot assign to this expression", e.tok);
		return nullptr;
	}

	Value read(const Expr& e)
	{
		if (e.kind == ExprKind::Symbol) {
			if (auto it = frame().locals.find(e.name); it != frame().locals.end())
				return it->second;
			if (GlobalVar* g = m_s.global(e.name))
				return g->scalar;
			return Value{};
		}
		GlobalVar* g = array_of(e);
		if (!g)
			return Value{};
		Key k = key_of(e);
		auto it = g->array.find(k);
		return it == g->array.end() ? Value{} : it->second;
	}

	Stat* stat_of(const Expr& e, bool create)
	{
		if (e.kind == ExprKind::Symbol) {
			GlobalVar* g = m_s.global(e.name);
			if (!g) {
				fail("statistics must be global variables", e.tok);
				return nullptr;
			}
			return &g->stat;
		}
		if (e.kind != ExprKind::ArrayIndex) {
			fail("not a statistic", e.tok);
			return nullptr;
		}
		GlobalVar* g = array_of(e);
		if (!g)
			return nullptr;
		Key k = key_of(e);
		if (m_failed)
			return nullptr;
		if (!create) {
			auto it = g->stats.find(k);
			m_empty_stat = Stat{};
			return it == g->stats.end() ? &m_empty_stat : &it->second;
		}
		if (!room_for(*g, k, true, e.tok))
			return nullptr;
		return &g->stats[k];
	}

	static int64_t stat_value(const Stat& s, const std::string& op)
	{
		if (op == "count")
			return s.count;
		if (op == "sum")
			return s.sum;
		if (op == "min")
			return s.min;
		if (op == "max")
			return s.max;
		if (op == "avg")
			return s.avg();
		if (op == "variance")
			return s.variance();
		return 0;
	}

	// ---- expressions ----

	Value eval(const Expr& e)
	{
		if (m_failed)
			return Value{};
		switch (e.kind) {
		case ExprKind::Number: return Value::of(e.value);
		case ExprKind::String: return Value::of(unescape(e.text));
		case ExprKind::Symbol:
		case ExprKind::ArrayIndex: return read(e);
		case ExprKind::Target: return target(e);
		case ExprKind::Call: return call(e);
		case ExprKind::Print: return print(e);
		case ExprKind::Stat: {
			Stat* s = stat_of(*e.operands[0], false);
			if (!s)
				return Value{};
			// runtime/stat.h: @min/@max/@avg of an empty statistic is an error.
			if (s->count == 0 && e.name != "count" && e.name != "sum") {
				fail("empty aggregate", e.tok);
				return Value{};
			}
			return Value::of(stat_value(*s, e.name));
		}
		case ExprKind::HistOp: fail("a histogram can only be printed", e.tok); return Value{};
		case ExprKind::Unary: return unary(e);
		case ExprKind::PreCrement:
		case ExprKind::PostCrement: {
			Value* v = slot(*e.operands[0]);
			if (!v)
				return Value{};
			int64_t old = v->num();
			*v = Value::of(e.op == "++" ? wrap_add(old, 1) : wrap_sub(old, 1));
			return e.kind == ExprKind::PreCrement ? *v : Value::of(old);
		}
		case ExprKind::Binary: return binary(e);
		case ExprKind::Assign: return assign(e);
		case ExprKind::Regex: {
			std::string subject = eval(*e.operands[0]).str();
			// std::regex reports a malformed expression by throwing; kctx turns that into
			// the script's runtime error rather than a crash.
			std::optional<std::regex> re;
			try {
				re.emplace(unescape(e.text), std::regex::extended | std::regex::nosubs);
			} catch (const std::regex_error&) {
				fail("invalid regular expression", e.tok);
				return Value{};
			}
			bool match = std::regex_search(subject, *re);
			return Value::of(int64_t{e.op == "=~" ? match : !match});
		}
		case ExprKind::Ternary:
			return truth(eval(*e.operands[0])) ? eval(*e.operands[1]) : eval(*e.operands[2]);
		case ExprKind::ArrayIn: {
			const Expr& base = *e.operands[0];
			GlobalVar* g = base.kind == ExprKind::Symbol ? m_s.global(base.name) : nullptr;
			if (!g) {
				fail("`in` needs a global array", e.tok);
				return Value{};
			}
			Key k;
			for (size_t i = 1; i < e.operands.size(); i++)
				k.push_back(e.operands[i] ? eval(*e.operands[i]) : Value{});
			return Value::of(int64_t{g->array.contains(k) || g->stats.contains(k)});
		}
		case ExprKind::Defined: return Value::of(int64_t{target_exists(*e.operands[0], m_site)});
		// The parameters of a .return event are their values at entry (run/Resolve.cpp
		// allows @entry only over them).
		case ExprKind::Entry: return eval(*e.operands[0]);
		case ExprKind::Perf:
		case ExprKind::Probewrite: fail("not supported by kctx", e.tok); return Value{};
		}
		return Value{};
	}

	Value target(const Expr& e)
	{
		if (e.base == TargetBase::Var) {
			const ModuleGlobalInfo* g = m_s.atvar(&e);
			std::optional<Value> v = g ? m_ctx.module_global(*g) : std::nullopt;
			if (!v) {
				// kctx's wording: the module that holds it is not loaded (any more).
				fail(fmt::format("@var '{}': module '{}' is not loaded", e.text, g ? g->module : ""), e.tok);
				return Value{};
			}
			if (!e.components.empty() && g->ctypes)
				return members(*g->ctypes, g->type, *v, e);
			return *v;
		}
		if (e.base == TargetBase::Cast) {
			// @cast(ptr, "struct T")->member on a type of the scenario's code.
			if (const CTypes* types = m_s.cast_types(&e))
				return members(*types, e.text, eval(*e.operands[0]), e);
			// @cast(ptr, "struct task_struct")->member (resolution checked the member).
			int64_t addr = eval(*e.operands[0]).num();
			std::optional<Value> v =
				e.components.empty() ? std::nullopt : m_ctx.task_member(addr, e.components[0].name);
			if (!v) {
				// What stap's runtime says of an address no task_struct is at.
				fail(fmt::format("kernel read fault at {:#018x}", static_cast<uint64_t>(addr)), e.tok);
				return Value{};
			}
			return *v;
		}
		std::string name = e.name.empty() ? std::string() : e.name.substr(1);
		if (name.starts_with("$")) {
			// $$parms / $$vars / $$locals: "name=0x… name=0x…", as stap formats them.
			std::string out;
			for (const TargetVarInfo& v : site_vars(m_site)) {
				// In a .return probe $$parms leaves out $return, and $$return has only it.
				// $$locals has only the locals, $$parms only the parameters.
				if ((name == "$parms" && (v.name == "return" || v.local)) ||
				    (name == "$return" && v.name != "return") || (name == "$locals" && !v.local))
					continue;
				std::optional<Value> val = m_ctx.target(std::string(v.name), {});
				std::optional<std::string> shown;
				// $$parms$ / $$vars$$: each variable pretty-printed, where its type is known.
				if (const Component* pretty = pretty_suffix(e); pretty && val && !v.type.empty() &&
									     m_site.module_vars && m_site.module_vars->ctypes)
					shown = pretty_text(*m_site.module_vars->ctypes, std::string(v.type), *val, pretty->name == "$$",
							    e.tok);
				out += fmt::format("{}{}={}", out.empty() ? "" : " ", v.name,
						   shown ? *shown : fmt::format("{:#x}", static_cast<uint64_t>(val ? val->num() : 0)));
			}
			return Value::of(clip(out));
		}
		std::vector<std::string> fields;
		for (const Component& c : e.components)
			fields.push_back(c.name);
		if (!e.components.empty() && m_site.module_vars && m_site.module_vars->ctypes) {
			std::span<const TargetVarInfo> vars = site_vars(m_site);
			auto it = std::find_if(vars.begin(), vars.end(), [&](const TargetVarInfo& v) { return v.name == name; });
			std::optional<Value> start = m_ctx.target(name, {});
			if (it != vars.end() && start)
				return members(*m_site.module_vars->ctypes, std::string(it->type), *start, e);
		}
		std::optional<Value> v = m_ctx.target(name, fields);
		if (!v) {
			fail("target variable not available here", e.tok);
			return Value{};
		}
		return *v;
	}

	// A value of C type `type` pretty-printed (PrettyPrint.h); nullopt after a read fault,
	// which is stap's deref error.
	std::optional<std::string> pretty_text(const CTypes& types, const std::string& type, const Value& v, bool full,
					       const Token& tok)
	{
		MemoryRead read = [&](uint64_t addr, void* out, size_t size) { return m_ctx.read_memory(addr, out, size); };
		StringRead read_string = [&](uint64_t addr, uint64_t max) {
			return m_ctx.user_code() ? m_ctx.user_string(addr, max) : m_ctx.kernel_string(addr, max);
		};
		auto max = static_cast<uint64_t>(std::max<int64_t>(1, m_s.limits().maxstringlen));
		Pretty p = pretty_print(types, type, v.num(), full, read, read_string, max);
		if (!p.text)
			read_fault(p.fault, tok);
		return p.text;
	}

	// stap's deref fault (runtime/loc2c-runtime.h) at `addr`.
	void read_fault(uint64_t addr, const Token& tok)
	{
		fail(fmt::format("{} read fault at {:#018x} (addr)", m_ctx.user_code() ? "user" : "kernel", addr), tok);
	}

	// $var->a->b and @var("x")->a: the chain read from the probed context's memory; a
	// pointer that leads nowhere is stap's deref fault (runtime/loc2c-runtime.h).
	Value members(const CTypes& types, const std::string& type, const Value& start, const Expr& e)
	{
		std::vector<Access> chain = member_chain(e);
		size_t at = 0;
		for (const Component& c : e.components) {
			if (c.kind == Component::Kind::Index && c.index)
				chain[at].index = eval(*c.index).num();
			at += c.kind != Component::Kind::Pretty;
		}
		MemoryRead read = [&](uint64_t addr, void* out, size_t size) { return m_ctx.read_memory(addr, out, size); };
		MemberRead r = read_members(types, type, start.num(), chain, read);
		if (const Component* pretty = pretty_suffix(e); r.value && pretty) {
			// $var->a$: what the chain leads to, pretty-printed.
			std::string at = check_members(types, type, chain, true).last_type;
			if (std::optional<std::string> text = pretty_text(types, at, Value::of(*r.value), pretty->name == "$$", e.tok))
				return Value::of(clip(*text));
			return Value{};
		}
		if (!r.value) {
			read_fault(r.fault, e.tok);
			return Value{};
		}
		return Value::of(*r.value);
	}

	Value unary(const Expr& e)
	{
		Value v = eval(*e.operands[0]);
		if (e.op == "!")
			return Value::of(int64_t{!truth(v)});
		if (e.op == "-")
			return Value::of(wrap_sub(0, v.num()));
		if (e.op == "~")
			return Value::of(~v.num());
		return Value::of(v.num());
	}

	Value arith(const std::string& op, const Value& a, const Value& b, const Token& tok)
	{
		if (op == ".")
			return Value::of(clip(a.str() + b.str()));
		int64_t x = a.num(), y = b.num();
		if (op == "+")
			return Value::of(wrap_add(x, y));
		if (op == "-")
			return Value::of(wrap_sub(x, y));
		if (op == "*")
			return Value::of(wrap_mul(x, y));
		if (op == "/" || op == "%") {
			if (y == 0) {
				fail("division by 0", tok);
				return Value{};
			}
			if (x == INT64_MIN && y == -1)
				return Value::of(op == "/" ? x : 0);
			return Value::of(op == "/" ? x / y : x % y);
		}
		if (op == "<<")
			return Value::of(static_cast<int64_t>(static_cast<uint64_t>(x) << (y & 63)));
		if (op == ">>")
			return Value::of(x >> (y & 63));
		if (op == ">>>")
			return Value::of(static_cast<int64_t>(static_cast<uint64_t>(x) >> (y & 63)));
		if (op == "&")
			return Value::of(x & y);
		if (op == "|")
			return Value::of(x | y);
		if (op == "^")
			return Value::of(x ^ y);
		fail("unknown operator " + op, tok);
		return Value{};
	}

	Value binary(const Expr& e)
	{
		const std::string& op = e.op;
		if (op == "&&")
			return Value::of(int64_t{truth(eval(*e.operands[0])) && truth(eval(*e.operands[1]))});
		if (op == "||")
			return Value::of(int64_t{truth(eval(*e.operands[0])) || truth(eval(*e.operands[1]))});
		Value a = eval(*e.operands[0]);
		Value b = eval(*e.operands[1]);
		if (op == "<" || op == ">" || op == "<=" || op == ">=" || op == "==" || op == "!=") {
			std::strong_ordering c = a <=> b;
			bool r = op == "<" ? c < 0 : op == ">" ? c > 0 : op == "<=" ? c <= 0 : op == ">=" ? c >= 0
				 : op == "==" ? c == 0 : c != 0;
			return Value::of(int64_t{r});
		}
		return arith(op, a, b, e.tok);
	}

	Value assign(const Expr& e)
	{
		const Expr& lhs = *e.operands[0];
		if (e.op == "<<<") {
			Value v = eval(*e.operands[1]);
			Stat* s = stat_of(lhs, true);
			if (s)
				s->add(v.num());
			return v;
		}
		Value rhs = eval(*e.operands[1]);
		if (m_failed)
			return Value{};
		Value* dst = slot(lhs);
		if (!dst)
			return Value{};
		if (e.op == "=") {
			*dst = rhs.is_string() ? Value::of(clip(rhs.s)) : rhs;
			return *dst;
		}
		Value result = arith(e.op.substr(0, e.op.size() - 1), *dst, rhs, e.tok);
		if (m_failed)
			return Value{};
		// arith may not have touched storage, but a slot in a map stays valid.
		*dst = result;
		return result;
	}

	// ---- printing ----

	std::string text_of(const Expr& arg)
	{
		if (arg.kind == ExprKind::HistOp) {
			Stat* s = stat_of(*arg.operands[0], false);
			if (!s)
				return {};
			if (arg.name != "hist_log") {
				fail("kctx does not print @" + arg.name + " yet", arg.tok);
				return {};
			}
			return print_hist_log(*s);
		}
		return eval(arg).str();
	}

	Value print(const Expr& e)
	{
		const std::string& name = e.name;
		bool to_string = name.starts_with("s");
		std::string base = to_string ? name.substr(1) : name;
		std::string out;
		if (base == "printf") {
			std::vector<Value> args;
			for (const ExprPtr& a : e.operands)
				args.push_back(eval(*a));
			if (m_failed)
				return Value{};
			std::string err;
			std::optional<std::string> s = format_printf(unescape(e.text), args, err);
			if (!s) {
				fail(err, e.tok);
				return Value{};
			}
			out = *s;
		} else if (base == "printd" || base == "printdln") {
			std::string delim = unescape(e.text);
			for (size_t i = 0; i < e.operands.size(); i++)
				out += (i ? delim : "") + text_of(*e.operands[i]);
			if (base == "printdln")
				out += "\n";
		} else {
			for (const ExprPtr& a : e.operands)
				out += text_of(*a);
			if (base == "println")
				out += "\n";
		}
		if (m_failed)
			return Value{};
		if (to_string)
			return Value::of(clip(out));
		m_s.print(out);
		return Value{};
	}

	// ---- calls ----

	Value call(const Expr& e)
	{
		std::vector<Value> args;
		for (const ExprPtr& a : e.operands)
			args.push_back(eval(*a));
		if (m_failed)
			return Value{};
		if (const Function* f = m_s.function(e.name))
			return call_function(*f, args, e.tok);
		return builtin(e, args);
	}

	Value call_function(const Function& f, const std::vector<Value>& args, const Token& tok)
	{
		if (m_frames.size() > kMaxNesting) {
			fail("MAXNESTING exceeded", tok);
			return Value{};
		}
		Frame fr;
		for (size_t i = 0; i < f.params.size() && i < args.size(); i++)
			fr.locals[f.params[i].name] = args[i];
		m_frames.push_back(std::move(fr));
		(void)exec(*f.body);
		Value ret = std::move(m_frames.back().ret);
		m_frames.pop_back();
		return ret;
	}

	Value builtin(const Expr& e, const std::vector<Value>& a)
	{
		const std::string& n = e.name;
		auto arg = [&](size_t i) { return i < a.size() ? a[i] : Value{}; };
		uint64_t ns = m_ctx.now_ns();
		if (n == "execname")
			return Value::of(m_ctx.execname());
		if (n == "pid")
			return Value::of(m_ctx.pid());
		if (n == "tid")
			return Value::of(m_ctx.tid());
		if (n == "ppid")
			return Value::of(m_ctx.ppid());
		if (n == "pexecname") {
			int64_t current = m_ctx.target("$current", {}).value_or(Value::of(int64_t{0})).num();
			int64_t parent = m_ctx.task_member(current, "parent").value_or(Value::of(int64_t{0})).num();
			return m_ctx.task_member(parent, "comm").value_or(Value::of(std::string()));
		}
		// The pid of -x/-c and its descendants (tapset/target_set.stp), which kctx's stap
		// does not take: no target, and no pid in the target set.
		if (n == "target" || n == "target_set_pid")
			return Value::of(int64_t{0});
		if (n == "uid" || n == "gid")
			return Value::of(int64_t{0});   // everything in kctx runs as root
		if (n == "cpu")
			return Value::of(m_ctx.cpu());
		if (n == "pp")
			return Value::of(m_site.pp);
		if (n == "pn")
			return Value::of(print_point(m_s.script().probes[m_site.handler].points[m_site.point]));
		if (n == "probefunc" || n == "ppfunc")
			return Value::of(m_ctx.probefunc());   // "" for tracepoints and timers
		if (n == "is_return")
			return Value::of(int64_t{m_site.event == Event::SysExit || m_site.event == Event::FunctionReturn});
		std::string printed;
		if (std::optional<Value> v = stack_builtin(n, a, m_ctx, static_cast<size_t>(std::max<int64_t>(1, m_s.limits().maxstringlen)), printed)) {
			if (!printed.empty())
				m_s.print(printed);
			return *v;
		}
		if (n == "gettimeofday_s" || n == "local_clock_s")
			return Value::of(static_cast<int64_t>(ns / 1'000'000'000));
		if (n == "gettimeofday_ms" || n == "local_clock_ms")
			return Value::of(static_cast<int64_t>(ns / 1'000'000));
		if (n == "gettimeofday_us" || n == "local_clock_us" || n == "cpu_clock_us")
			return Value::of(static_cast<int64_t>(ns / 1000));
		if (n == "gettimeofday_ns" || n == "local_clock_ns" || n == "cpu_clock_ns")
			return Value::of(static_cast<int64_t>(ns));
		if (n == "jiffies")
			return Value::of(m_ctx.jiffies());
		if (n == "HZ")
			return Value::of(m_ctx.hz());
		if (n == "in_interrupt")
			return Value::of(int64_t{m_ctx.in_irq()});
		if (n == "user_mode")
			return Value::of(int64_t{m_ctx.user_mode()});
		if (n == "task_current")
			return Value::of(m_ctx.target("$current", {}).value_or(Value::of(int64_t{0})).num());
		if (n == "num_online_cpus")
			return Value::of(m_ctx.online_cpus());
		if (n == "exit") {
			m_s.request_exit();
			return Value{};
		}
		if (n == "error") {
			// error(msg): stap prints only the message, with no source position.
			fail(arg(0).str(), Token{});
			return Value{};
		}
		if (n == "warn") {
			m_s.warn(arg(0).str());
			return Value{};
		}
		if (n == "log") {
			m_s.print(arg(0).str() + "\n");
			return Value{};
		}
		if (n == "strlen")
			return Value::of(static_cast<int64_t>(arg(0).str().size()));
		if (n == "substr") {
			std::string s = arg(0).str();
			int64_t start = std::clamp<int64_t>(arg(1).num(), 0, static_cast<int64_t>(s.size()));
			int64_t len = std::clamp<int64_t>(arg(2).num(), 0, static_cast<int64_t>(s.size()) - start);
			return Value::of(s.substr(static_cast<size_t>(start), static_cast<size_t>(len)));
		}
		if (n == "isinstr")
			return Value::of(int64_t{arg(0).str().find(arg(1).str()) != std::string::npos});
		if (n == "strtol") {
			int base = static_cast<int>(arg(1).num());
			std::string s = arg(0).str();
			return Value::of(static_cast<int64_t>(std::strtoll(s.c_str(), nullptr, base >= 2 && base <= 36 ? base : 10)));
		}
		if (n == "str_replace") {
			std::string s = arg(0).str(), from = arg(1).str(), to = arg(2).str(), out;
			if (from.empty())
				return Value::of(s);
			size_t pos = 0;
			for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size())
				out += s.substr(pos, hit - pos) + to;
			return Value::of(clip(out + s.substr(pos)));
		}
		if (n.starts_with("task_") && n != "task_current")
			return task_function(n, arg(0).num());
		if (n == "syscall_name")
			return Value::of(m_ctx.syscall_name(arg(0).num()));
		if (n == "kernel_string") {
			// tapset/linux/conversions.stp: the string at a kernel address, clipped at
			// MAXSTRINGLEN; a fault is an error unless the second argument says what to
			// return instead.
			auto len = static_cast<uint64_t>(std::max<int64_t>(1, m_s.limits().maxstringlen));
			if (std::optional<std::string> s = m_ctx.kernel_string(static_cast<uint64_t>(arg(0).num()), len))
				return Value::of(clip(*s));
			if (a.size() > 1)
				return arg(1);
			fail(fmt::format("kernel string copy fault at {:#018x} [man error::fault]",
					 static_cast<uint64_t>(arg(0).num())),
			     e.tok);
			return Value{};
		}
		if (n == "user_string" || n == "user_string_n") {
			// tapset/linux/uconversions.stp: the same from the current task's user
			// memory; user_string_n stops after its second argument's bytes.
			bool counted = n == "user_string_n";
			int64_t max = m_s.limits().maxstringlen;
			if (counted)
				max = std::min(max, arg(1).num());
			std::optional<std::string> s;
			if (max > 0)
				s = m_ctx.user_string(static_cast<uint64_t>(arg(0).num()), static_cast<uint64_t>(max));
			else if (max == 0)
				s = std::string();
			if (s)
				return Value::of(clip(*s));
			if (a.size() > (counted ? 2u : 1u))
				return arg(counted ? 2 : 1);
			fail(fmt::format("user string copy fault -14 at {:#018x} [man error::fault]",
					 static_cast<uint64_t>(arg(0).num())),
			     e.tok);
			return Value{};
		}
		if (n == "thread_indent")
			return Value::of(clip(m_s.thread_indent(m_ctx, arg(0).num())));
		fail("unresolved function call", e.tok);
		return Value{};
	}

	// tapset/linux/task.stp: what a task_struct pointer says about its task.
	Value task_function(const std::string& n, int64_t task)
	{
		struct Row {
			const char* fn;
			const char* member;
		};
		static constexpr Row kRows[] = {{"task_pid", "tgid"},  {"task_tid", "pid"},     {"task_execname", "comm"},
						{"task_prio", "prio"}, {"task_state", "__state"}, {"task_cpu", "on_cpu"},
						{"task_parent", "parent"}};
		for (const Row& r : kRows) {
			if (n != r.fn)
				continue;
			std::optional<Value> v = m_ctx.task_member(task, r.member);
			if (!v)
				return n == "task_execname" ? Value::of(std::string()) : Value::of(int64_t{0});
			// task_prio() is the priority as user space sees it: prio - MAX_RT_PRIO.
			return n == "task_prio" ? Value::of(v->num() - 100) : *v;
		}
		fail("unresolved function call", Token{});
		return Value{};
	}

	Session& m_s;
	const ProbeSite& m_site;
	const ProbeContext& m_ctx;
	std::vector<Frame> m_frames;
	int64_t m_actions = 0;
	bool m_failed = false;
	int m_try_depth = 0;
	std::string m_caught;   // the message of an error a try block caught
	Stat m_empty_stat;      // what reading a statistic nothing was added to sees
};

}  // namespace

void run_handler(Session& session, const ProbeSite& site, const ProbeContext& ctx)
{
	Interp(session, site, ctx).run();
}

}  // namespace kctx::probe
