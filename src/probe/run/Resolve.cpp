#include "probe/run/Resolve.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fnmatch.h>
#include <functional>
#include <set>

#include "probe/Errors.h"
#include "probe/Printer.h"
#include "probe/run/CodeSites.h"
#include "probe/run/Functions.h"

namespace kctx::probe {

namespace {

// include/trace/events/{sched,irq,timer}.h and raw_syscalls.h: the tracepoints whose
// hooks kctx's kernel calls, with the arguments TP_PROTO gives them.
constexpr std::array kTracepoints{
	TracepointInfo{"sched_switch", "sched", Event::SchedSwitch},
	TracepointInfo{"sched_wakeup", "sched", Event::SchedWakeup},
	TracepointInfo{"sched_migrate_task", "sched", Event::SchedMigrate},
	TracepointInfo{"sched_process_exec", "sched", Event::SchedProcessExec},
	TracepointInfo{"sched_process_exit", "sched", Event::SchedProcessExit},
	TracepointInfo{"sys_enter", "raw_syscalls", Event::SysEnter},
	TracepointInfo{"sys_exit", "raw_syscalls", Event::SysExit},
	TracepointInfo{"irq_handler_entry", "irq", Event::IrqEntry},
	TracepointInfo{"irq_handler_exit", "irq", Event::IrqExit},
	TracepointInfo{"softirq_entry", "irq", Event::SoftirqEntry},
	TracepointInfo{"softirq_exit", "irq", Event::SoftirqExit},
	TracepointInfo{"timer_expire_entry", "timer", Event::TimerExpireEntry},
	TracepointInfo{"timer_expire_exit", "timer", Event::TimerExpireExit},
};

constexpr std::array kSwitchVars{TargetVarInfo{"preempt", false, "bool"},
				 TargetVarInfo{"prev", true, "struct task_struct*"},
				 TargetVarInfo{"next", true, "struct task_struct*"},
				 TargetVarInfo{"prev_state", false, "unsigned int"}};
constexpr std::array kWakeupVars{TargetVarInfo{"p", true, "struct task_struct*"}};
// TP_PROTO(struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm): kctx has no
// linux_binprm to offer.
constexpr std::array kExecVars{TargetVarInfo{"p", true, "struct task_struct*"},
			       TargetVarInfo{"old_pid", false, "pid_t"}};
constexpr std::array kMigrateVars{TargetVarInfo{"p", true, "struct task_struct*"},
				  TargetVarInfo{"dest_cpu", false, "int"}};
constexpr std::array kSysEnterVars{TargetVarInfo{"id", false, "long int"}};
constexpr std::array kSysExitVars{TargetVarInfo{"ret", false, "long int"}};
constexpr std::array kIrqEntryVars{TargetVarInfo{"irq", false, "int"}};
constexpr std::array kIrqExitVars{TargetVarInfo{"irq", false, "int"}, TargetVarInfo{"ret", false, "int"}};
constexpr std::array kSoftirqVars{TargetVarInfo{"vec_nr", false, "unsigned int"}};
constexpr std::array kTimerEntryVars{TargetVarInfo{"timer", false, "struct timer_list*"},
				     TargetVarInfo{"baseclk", false, "long unsigned int"}};
constexpr std::array kTimerExitVars{TargetVarInfo{"timer", false, "struct timer_list*"}};
// process.syscall: the call's number and its six argument registers; .return: its value.
constexpr std::array kProcessSyscallVars{
	TargetVarInfo{"syscall", false, "long"}, TargetVarInfo{"arg1", false, "long"}, TargetVarInfo{"arg2", false, "long"},
	TargetVarInfo{"arg3", false, "long"},    TargetVarInfo{"arg4", false, "long"}, TargetVarInfo{"arg5", false, "long"},
	TargetVarInfo{"arg6", false, "long"}};
constexpr std::array kProcessSyscallReturnVars{TargetVarInfo{"syscall", false, "long"},
					       TargetVarInfo{"return", false, "long"}};

// The task_struct members a `$task->member` may read (include/linux/sched.h).
constexpr std::array<std::string_view, 7> kTaskMembers{"pid", "tgid", "comm", "prio", "__state", "on_cpu",
							  "in_iowait"};

// tapset/*.stp in SystemTap 4.8 (context.stp, timestamp.stp, string.stp, …): the
// functions kctx provides, each implemented in run/Builtins.cpp.
constexpr std::array<std::string_view, 61> kTapsetFunctions{
	"backtrace", "print_backtrace", "sprint_backtrace", "print_syms", "caller", "caller_addr",
	"ubacktrace", "print_ubacktrace", "sprint_ubacktrace",
	"task_pid", "task_tid", "task_execname", "task_prio", "task_state", "task_cpu", "task_parent",
	"execname", "pid", "tid", "ppid", "uid", "gid", "cpu", "pp", "pn", "probefunc", "ppfunc",
	"gettimeofday_s", "gettimeofday_ms", "gettimeofday_us", "gettimeofday_ns", "local_clock_ns",
	"local_clock_us", "local_clock_ms", "local_clock_s", "cpu_clock_ns", "cpu_clock_us", "jiffies", "HZ",
	"exit", "error", "warn", "log", "strlen", "substr", "isinstr", "strtol", "str_replace", "is_return",
	"in_interrupt", "thread_indent", "task_current", "user_mode", "num_online_cpus",
	"kernel_string", "pexecname", "target", "target_set_pid", "syscall_name", "user_string", "user_string_n",
};

struct Point {
	const ProbePoint& pp;
	std::string functor(size_t i) const { return i < pp.components.size() ? pp.components[i].functor : ""; }
	size_t size() const { return pp.components.size(); }
	const Expr* param(size_t i) const
	{
		return i < pp.components.size() && pp.components[i].param && *pp.components[i].param
			       ? pp.components[i].param->get()
			       : nullptr;
	}
};

std::string semantic_error(const std::string& message, const Token& tok)
{
	std::string out = "semantic error: " + message;
	if (!tok.source)
		return out + "\n\n";
	out += fmt::format(": {} at {}:{}:{}\n", describe_token(tok), tok.source->name, tok.line, tok.col);
	const std::string& text = tok.source->text;
	size_t begin = tok.offset == 0 ? 0 : text.rfind('\n', tok.offset - 1);
	begin = begin == std::string::npos || tok.offset == 0 ? 0 : begin + 1;
	size_t end = text.find('\n', tok.offset);
	std::string line = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
	out += "        source: " + line + "\n";
	std::string pad;
	for (uint32_t i = 0; i + 1 < tok.col && i < line.size(); ++i)
		pad += line[i] == '\t' ? '\t' : ' ';
	return out + "                " + pad + "^\n\n";
}

}  // namespace

bool target_exists(const Expr& x, const ProbeSite& site)
{
	if (x.kind != ExprKind::Target || x.base != TargetBase::Dollar)
		return false;
	std::span<const TargetVarInfo> vars = site_vars(site);
	auto it = std::find_if(vars.begin(), vars.end(),
			       [&](const TargetVarInfo& v) { return "$" + std::string(v.name) == x.name; });
	if (it == vars.end())
		return false;
	if (x.components.empty())
		return true;
	if (std::optional<MemberCheck> members = code_members(x, site, it->type))
		return members->error.empty();
	const Component& c = x.components.front();
	return it->task && x.components.size() == 1 && c.kind == Component::Kind::Field &&
	       std::find(kTaskMembers.begin(), kTaskMembers.end(), c.name) != kTaskMembers.end();
}

const Component* pretty_suffix(const Expr& x)
{
	return !x.components.empty() && x.components.back().kind == Component::Kind::Pretty ? &x.components.back()
											 : nullptr;
}

std::vector<Access> member_chain(const Expr& x)
{
	std::vector<Access> chain;
	for (const Component& c : x.components) {
		if (c.kind == Component::Kind::Field)
			chain.push_back({false, c.name, 0});
		else if (c.kind == Component::Kind::Index)
			chain.push_back({true, c.index && c.index->kind == ExprKind::Number ? std::to_string(c.index->value) : "...", 0});
	}
	return chain;
}

std::optional<MemberCheck> code_members(const Expr& x, const ProbeSite& site, std::string_view type)
{
	if (!site.module_vars || !site.module_vars->ctypes || type.empty())
		return std::nullopt;
	// A trailing $ or $$ pretty-prints what the chain leads to, a whole struct too.
	return check_members(*site.module_vars->ctypes, std::string(type), member_chain(x), pretty_suffix(x) != nullptr);
}

bool target_exists(const Expr& x, Event e)
{
	ProbeSite site;
	site.event = e;
	return target_exists(x, site);
}

std::span<const TargetVarInfo> site_vars(const ProbeSite& site)
{
	// A module function: its parameters, named from the module's source, and $return.
	if (!site.module_function.empty())
		return site.module_vars ? std::span<const TargetVarInfo>(site.module_vars->vars)
					: std::span<const TargetVarInfo>();
	if (site.function < 0)
		return target_vars(site.event);
	const KernelFunction& f = kernel_functions()[static_cast<size_t>(site.function)];
	return site.event == Event::FunctionReturn ? f.with_return : f.params;
}

namespace {

// What @defined(x) is at a site: a target variable the site has.
bool defined_here(const Expr& defined, const ProbeSite& site)
{
	return target_exists(*defined.operands[0], site);
}

// What a condition built of @defined(...), numbers, `!`, `&&` and `||` is at a site, as
// stap's elaboration folds it (@defined becomes 1 or 0, then the constant folder drops
// the dead branch before its target variables are checked); nullopt: only the run knows.
bool mentions_defined(const Expr& x)
{
	if (x.kind == ExprKind::Defined)
		return true;
	return std::any_of(x.operands.begin(), x.operands.end(),
			   [](const ExprPtr& o) { return o && mentions_defined(*o); });
}

std::optional<bool> fold_defined(const Expr& x, const ProbeSite& site)
{
	switch (x.kind) {
	case ExprKind::Defined: return defined_here(x, site);
	case ExprKind::Number: return x.value != 0;
	case ExprKind::Unary:
		if (x.op == "!")
			if (std::optional<bool> v = fold_defined(*x.operands[0], site))
				return !*v;
		return std::nullopt;
	case ExprKind::Binary: {
		if (x.op != "&&" && x.op != "||")
			return std::nullopt;
		std::optional<bool> a = fold_defined(*x.operands[0], site), b = fold_defined(*x.operands[1], site);
		bool stop = x.op == "||";   // the value that decides alone
		if ((a && *a == stop) || (b && *b == stop))
			return stop;
		if (a && b)
			return !stop;
		return std::nullopt;
	}
	default: return std::nullopt;
	}
}

// @cast(ptr, "struct task_struct")->member: the task_struct members kctx mirrors.
bool task_cast(const Expr& x)
{
	return (x.text == "task_struct" || x.text == "struct task_struct") && x.components.size() == 1 &&
	       x.components[0].kind == Component::Kind::Field &&
	       std::find(kTaskMembers.begin(), kTaskMembers.end(), x.components[0].name) != kTaskMembers.end();
}

std::string members_list()
{
	std::string out;
	for (std::string_view m : kTaskMembers)
		out += (out.empty() ? "" : " ") + std::string(m);
	return out;
}

// kctx's .return events carry the parameters' values from the call, so @entry(expr)
// is expr over them; anything else (a clock, a global) would be read at return.
bool entry_operand_ok(const Expr& x)
{
	switch (x.kind) {
	case ExprKind::Number:
	case ExprKind::String: return true;
	case ExprKind::Target: return x.base == TargetBase::Dollar && x.components.empty();
	case ExprKind::Unary:
	case ExprKind::Binary:
	case ExprKind::Ternary:
		for (const ExprPtr& o : x.operands)
			if (o && !entry_operand_ok(*o))
				return false;
		return true;
	default: return false;
	}
}

// A module function's parameters by name only (no code: -p2 without a scenario's build).
std::shared_ptr<const ModuleVars> names_only(const ModuleFunctionInfo& f, Event e)
{
	auto vars = std::make_shared<ModuleVars>();
	vars->names = f.params;
	if (e == Event::FunctionReturn && f.returns_value)
		vars->names.emplace_back("return");
	for (const std::string& n : vars->names)
		vars->vars.push_back(TargetVarInfo{n, false, "long"});
	return vars;
}

class Resolver {
public:
	Resolver(const Script& script, uint32_t hz, std::span<const std::string_view> syscalls,
		 std::span<const ModuleFunctionInfo> module_functions, std::span<const ModuleGlobalInfo> module_globals)
		: m_script(script), m_hz(hz), m_syscalls(syscalls), m_module_functions(module_functions),
		  m_module_globals(module_globals)
	{
	}

	Resolved run()
	{
		for (const Function& f : m_script.functions)
			m_functions.insert(f.name);
		for (size_t h = 0; h < m_script.probes.size(); h++) {
			const Probe& probe = m_script.probes[h];
			if (probe.alias != AliasKind::None) {
				fail(semantic_error("probe aliases defined in a script are not supported by kctx yet",
						    probe.tok));
				continue;
			}
			size_t before = m_out.sites.size();
			for (size_t p = 0; p < probe.points.size(); p++) {
				// `point!` is sufficient: when it resolves, the points after it are not tried.
				if (resolve_point(h, p) && probe.points[p].sufficient)
					break;
			}
			for (size_t i = before; i < m_out.sites.size(); i++)
				check_body(*probe.body, m_out.sites[i]);
		}
		ProbeSite never;
		never.event = Event::Never;
		for (const Function& f : m_script.functions)
			check_body(*f.body, never);
		m_out.ok = m_out.err.empty();
		if (!m_out.ok)
			m_out.err += "Pass 2: analysis failed.  [man error::pass2]\n";
		return std::move(m_out);
	}

private:
	void fail(std::string msg)
	{
		if (m_seen.insert(msg).second)
			m_out.err += msg;
	}

	void add(size_t h, size_t p, Event e, std::string pp, std::function<void(ProbeSite&)> fill = {})
	{
		ProbeSite site;
		site.event = e;
		site.handler = h;
		site.point = p;
		site.pp = std::move(pp);
		if (fill)
			fill(site);
		m_out.listing += fmt::format("{} /* <- {} */\n", site.pp, print_point(m_script.probes[h].points[p]));
		m_out.sites.push_back(std::move(site));
	}

	std::optional<int64_t> number(const Expr* e) const
	{
		if (!e || e->kind != ExprKind::Number)
			return std::nullopt;
		return e->value;
	}

	// One probe point; false when it matched nothing.
	bool match(size_t h, size_t p)
	{
		Point pt{m_script.probes[h].points[p]};
		const std::string first = pt.functor(0);
		auto priority = [&](ProbeSite& s) { s.priority = number(pt.param(0)).value_or(0); };
		if (pt.size() == 1 && (first == "begin" || first == "end" || first == "error")) {
			Event e = first == "begin" ? Event::Begin : first == "end" ? Event::End : Event::Error;
			add(h, p, e, print_point(pt.pp), priority);
			return true;
		}
		if (pt.size() == 1 && first == "never") {
			add(h, p, Event::Never, "never");
			return true;
		}
		// The tapset's `prometheus` probe runs when its procfs file is read; kctx has no
		// procfs probes, so nothing reads it: it never fires (its $value is not checked).
		if (pt.size() == 1 && first == "prometheus") {
			add(h, p, Event::Never, "prometheus");
			return true;
		}
		if (pt.size() == 1 && first == "oneshot") {
			add(h, p, Event::Begin, "begin", [](ProbeSite& s) { s.oneshot = true; });
			return true;
		}
		if (first == "timer")
			return match_timer(h, p, pt);
		if (first == "kernel" && pt.functor(1) == "trace" && pt.size() == 2)
			return match_tracepoint(h, p, pt);
		if (first == "kernel" && pt.functor(1) == "function" && (pt.size() == 2 || pt.size() == 3))
			return match_function(h, p, pt);
		if (first == "module" && pt.functor(1) == "function" && (pt.size() == 2 || pt.size() == 3))
			return match_module_function(h, p, pt);
		if (first == "process" && (pt.functor(1) != "function" && pt.functor(1) != "statement"))
			return match_process(h, p, pt);
		if ((first == "module" && pt.functor(1) == "statement" && pt.size() == 2) ||
		    (first == "process" && (pt.functor(1) == "function" || pt.functor(1) == "statement") &&
		     (pt.size() == 2 || pt.size() == 3)))
			return match_code(h, p, pt);
		if (first == "syscall_any" || first == "nd_syscall_any" || first == "syscall" || first == "nd_syscall")
			return match_syscall(h, p, pt);
		return match_alias(h, p, pt);
	}

	bool match_timer(size_t h, size_t p, const Point& pt)
	{
		std::string unit = pt.functor(1);
		bool randomize = pt.size() == 3 && pt.functor(2) == "randomize";
		if (unit == "profile" && pt.size() == 2) {
			add(h, p, Event::Profile, "timer.profile");
			return true;
		}
		if (pt.size() != 2 && !randomize)
			return false;
		std::optional<int64_t> n = number(pt.param(1));
		uint64_t tick = 1'000'000'000ull / m_hz;
		uint64_t per = unit == "s" ? 1'000'000'000ull : unit == "ms" ? 1'000'000ull : unit == "us" ? 1'000ull
			       : unit == "ns" ? 1 : unit == "jiffies" ? tick : 0;
		if ((per == 0 && unit != "hz") || !n)
			return false;
		if (*n <= 0) {
			fail(semantic_error("invalid period for timer." + unit, pt.pp.tok));
			return true;
		}
		uint64_t period = unit == "hz" ? 1'000'000'000ull / static_cast<uint64_t>(*n)
					       : static_cast<uint64_t>(*n) * per;
		// The timers stap uses (hrtimers, or jiffies for .jiffies and .s) cannot fire faster
		// than kctx's simulation slices them; stap itself refuses periods under 100 µs.
		if (period < 100'000) {
			fail(semantic_error("timer period too small (kctx's limit, as stap's, is 100us)", pt.pp.tok));
			return true;
		}
		add(h, p, Event::Timer, print_point(pt.pp), [period](ProbeSite& s) { s.period_ns = period; });
		return true;
	}

	bool match_tracepoint(size_t h, size_t p, const Point& pt)
	{
		const Expr* arg = pt.param(1);
		if (!arg || arg->kind != ExprKind::String)
			return false;
		// kernel.trace("sched_switch") and kernel.trace("sched:sched_switch") both match.
		std::string pattern = arg->text;
		size_t colon = pattern.find(':');
		std::string system = colon == std::string::npos ? "*" : pattern.substr(0, colon);
		std::string name = colon == std::string::npos ? pattern : pattern.substr(colon + 1);
		bool any = false;
		for (const TracepointInfo& tp : kTracepoints) {
			if (fnmatch(system.c_str(), std::string(tp.system).c_str(), 0) != 0 ||
			    fnmatch(name.c_str(), std::string(tp.name).c_str(), 0) != 0)
				continue;
			add(h, p, tp.event, fmt::format("kernel.trace(\"{}:{}\")", tp.system, tp.name));
			any = true;
		}
		return any;
	}

	// kernel.function("PATTERN")[.call|.return]: every kernel function whose name the glob
	// matches (a "@file" part is accepted and ignored: kctx's functions have no files).
	bool match_function(size_t h, size_t p, const Point& pt)
	{
		const Expr* arg = pt.param(1);
		std::string suffix = pt.functor(2);
		if (!arg || arg->kind != ExprKind::String || pt.param(2) ||
		    !(suffix.empty() || suffix == "call" || suffix == "return"))
			return false;
		std::string glob = arg->text.substr(0, arg->text.find('@'));
		bool any = false;
		std::span<const KernelFunction> fns = kernel_functions();
		for (size_t i = 0; i < fns.size(); i++) {
			if (fnmatch(glob.c_str(), fns[i].name.c_str(), 0) != 0)
				continue;
			Event e = suffix == "return" ? Event::FunctionReturn : Event::FunctionEntry;
			add(h, p, e, fmt::format("kernel.function(\"{}\"){}", fns[i].name, suffix.empty() ? "" : "." + suffix),
			    [i](ProbeSite& s) { s.function = static_cast<int32_t>(i); });
			any = true;
		}
		return any;
	}

	// module("NAME").function("PATTERN")[.call|.return]: the scenario's module functions
	// the kernel calls into (callbacks, kthread functions, init/exit, file operations).
	bool match_module_function(size_t h, size_t p, const Point& pt)
	{
		const Expr* mod = pt.param(0);
		const Expr* fn = pt.param(1);
		std::string suffix = pt.functor(2);
		if (!mod || !fn || mod->kind != ExprKind::String || fn->kind != ExprKind::String || pt.param(2) ||
		    !(suffix.empty() || suffix == "call" || suffix == "return"))
			return false;
		std::string glob = fn->text.substr(0, fn->text.find('@'));
		bool any = false;
		for (const ModuleFunctionInfo& f : m_module_functions) {
			if (fnmatch(mod->text.c_str(), f.module.c_str(), 0) != 0 || fnmatch(glob.c_str(), f.function.c_str(), 0) != 0)
				continue;
			Event e = suffix == "return" ? Event::FunctionReturn : Event::FunctionEntry;
			// Parameters are read at entry (a .return probe sees the values they had
			// then, as stap's implicit @entry does); a C parameter is a long here.
			// With the module's code known, its variable records give the parameters
			// and, at entry, the locals of the function's outermost block.
			std::shared_ptr<const ModuleVars> vars = f.program ? vars_at(f, std::nullopt, e == Event::FunctionReturn)
									   : names_only(f, e);
			add(h, p, e,
			    fmt::format("module(\"{}\").function(\"{}\"){}", f.module, f.function, suffix.empty() ? "" : "." + suffix),
			    [&](ProbeSite& s) {
				    s.module = f.module;
				    s.module_function = f.function;
				    s.module_returns = f.returns_value;
				    s.module_vars = vars;
			    });
			any = true;
		}
		return any;
	}

	// Probes on instructions of the scenario's bytecode (CodeSites.cpp): module
	// statements, user programs' functions and statements.
	bool match_code(size_t h, size_t p, const Point& pt)
	{
		const Expr* target = pt.param(0);
		const Expr* pattern = pt.param(1);
		std::string suffix = pt.functor(2);
		bool statement = pt.functor(1) == "statement";
		if (!target || !pattern || target->kind != ExprKind::String || pattern->kind != ExprKind::String ||
		    pt.param(2) || (statement && !suffix.empty()) || !(suffix.empty() || suffix == "call" || suffix == "return"))
			return false;
		CodePoint cp{pt.functor(0) == "module" ? CodePoint::Target::Module : CodePoint::Target::Process, target->text,
			     statement ? CodePoint::Kind::Statement : CodePoint::Kind::Function, pattern->text, suffix};
		CodeResolution r = resolve_code_point(cp, m_module_functions);
		m_point_error = r.error;
		for (CodeMatch& m : r.matches)
			add(h, p, m.event, m.pp, [&](ProbeSite& s) {
				s.module = m.fn->module;
				s.module_function = m.fn->function;
				s.module_returns = m.fn->returns_value;
				s.module_vars = m.vars;
				s.program = m.fn->program;
				s.func = m.fn->index;
				s.pcs = m.pcs;
				s.user = m.fn->user;
			});
		return !r.matches.empty();
	}

	// The process lifecycle and its system calls (stapprobes(3stap), "USER-SPACE"):
	// process.begin, process("PATH").end, process(PID).thread.begin, process.syscall.return …
	bool match_process(size_t h, size_t p, const Point& pt)
	{
		struct Row {
			std::string_view a, b;   // the components after process[(…)]
			Event event;
		};
		static constexpr std::array kRows{
			Row{"begin", "", Event::ProcessBegin},
			Row{"end", "", Event::ProcessEnd},
			Row{"thread", "begin", Event::ThreadBegin},
			Row{"thread", "end", Event::ThreadEnd},
			Row{"syscall", "", Event::ProcessSyscall},
			Row{"syscall", "return", Event::ProcessSyscallReturn},
		};
		const Row* row = std::find_if(kRows.begin(), kRows.end(), [&](const Row& r) {
			return pt.functor(1) == r.a && pt.functor(2) == r.b && pt.size() == (r.b.empty() ? 2u : 3u);
		});
		if (row == kRows.end() || pt.param(1) || pt.param(2))
			return false;
		const Expr* target = pt.param(0);
		const ModuleFunctionInfo* program = nullptr;
		int32_t pid = -1;
		std::string name = "process";
		if (target && target->kind == ExprKind::String) {
			program = find_program(target->text, m_module_functions);
			if (!program)
				return false;
			name = fmt::format("process(\"{}\")", program->path);
		} else if (target && target->kind == ExprKind::Number) {
			pid = static_cast<int32_t>(target->value);
			name = fmt::format("process({})", pid);
		} else if (target) {
			return false;
		}
		std::string pp = name + "." + std::string(row->a) + (row->b.empty() ? "" : "." + std::string(row->b));
		add(h, p, row->event, pp, [&](ProbeSite& s) {
			s.program = program ? program->program : nullptr;
			s.user = program != nullptr;
			s.target_pid = pid;
		});
		return true;
	}

	bool match_syscall(size_t h, size_t p, const Point& pt)
	{
		bool any_form = pt.functor(0).ends_with("syscall_any");
		size_t ret_at = any_form ? 1 : 2;
		bool is_return = pt.size() == ret_at + 1 && pt.functor(ret_at) == "return";
		if (pt.size() != ret_at && !is_return)
			return false;
		std::string glob = any_form ? "*" : pt.functor(1);
		if (!any_form && std::none_of(m_syscalls.begin(), m_syscalls.end(), [&](std::string_view s) {
			    return fnmatch(glob.c_str(), std::string(s).c_str(), 0) == 0;
		    }))
			return false;
		Event e = is_return ? Event::SysExit : Event::SysEnter;
		add(h, p, e, fmt::format("kernel.trace(\"raw_syscalls:{}\")", is_return ? "sys_exit" : "sys_enter"),
		    [&](ProbeSite& s) {
			    s.syscall = glob;
			    s.alias = is_return ? Alias::SyscallReturn : Alias::Syscall;
		    });
		return true;
	}

	// kctx's tapset aliases over the tracepoints (tapset/linux/scheduler.stp, irq.stp).
	bool match_alias(size_t h, size_t p, const Point& pt)
	{
		struct AliasRow {
			std::string_view a, b;
			Event event;
			Alias alias;
			std::string_view pp;
		};
		static constexpr std::array kRows{
			AliasRow{"scheduler", "ctxswitch", Event::SchedSwitch, Alias::Ctxswitch, "sched:sched_switch"},
			AliasRow{"scheduler", "cpu_off", Event::SchedSwitch, Alias::CpuOff, "sched:sched_switch"},
			AliasRow{"scheduler", "wakeup", Event::SchedWakeup, Alias::Wakeup, "sched:sched_wakeup"},
			AliasRow{"scheduler", "migrate", Event::SchedMigrate, Alias::Migrate, "sched:sched_migrate_task"},
			AliasRow{"scheduler", "process_exit", Event::SchedProcessExit, Alias::ProcessExit,
				 "sched:sched_process_exit"},
			AliasRow{"irq_handler", "entry", Event::IrqEntry, Alias::IrqHandler, "irq:irq_handler_entry"},
			AliasRow{"irq_handler", "exit", Event::IrqExit, Alias::IrqHandler, "irq:irq_handler_exit"},
			AliasRow{"softirq", "entry", Event::SoftirqEntry, Alias::Softirq, "irq:softirq_entry"},
			AliasRow{"softirq", "exit", Event::SoftirqExit, Alias::Softirq, "irq:softirq_exit"},
		};
		if (pt.size() != 2)
			return false;
		for (const AliasRow& r : kRows) {
			if (pt.functor(0) != r.a || pt.functor(1) != r.b)
				continue;
			add(h, p, r.event, fmt::format("kernel.trace(\"{}\")", r.pp), [&](ProbeSite& s) { s.alias = r.alias; });
			return true;
		}
		// scheduler.cpu_on is kernel.function("finish_task_switch") in stap's tapset: it
		// runs in the task switched to, after the switch.
		if (pt.functor(0) == "scheduler" && pt.functor(1) == "cpu_on") {
			add(h, p, Event::CpuOn, "kernel.function(\"finish_task_switch\")");
			return true;
		}
		return false;
	}

	// Whether the point resolved to at least one site.
	bool resolve_point(size_t h, size_t p)
	{
		const ProbePoint& pp = m_script.probes[h].points[p];
		m_point_error.clear();
		if (match(h, p))
			return true;
		// A sufficient point (`!`) is optional too (stapprobes(3stap)).
		if (pp.optional || pp.sufficient)
			return false;
		// stap names the probe point's first token, then says what went wrong.
		std::string why = m_point_error.empty() ? "no match" : m_point_error;
		fail(semantic_error("while resolving probe point", pp.tok) + "semantic error: " + why + "\n\n");
		return false;
	}

	// Every call names a function; every `$var` is one the probe's event has.
	void check_body(const Stmt& s, const ProbeSite& e)
	{
		std::function<void(const Expr&, bool)> expr = [&](const Expr& x, bool guarded) {
			if (x.kind == ExprKind::Call && !m_functions.contains(x.name) && !is_tapset_function(x.name))
				fail(semantic_error("unresolved function call", x.tok));
			if (x.kind == ExprKind::Target && x.base == TargetBase::Dollar && !guarded && e.event != Event::Never)
				check_target(x, e);
			if (x.kind == ExprKind::Target && x.base == TargetBase::Cast && !task_cast(x) && !resolve_cast(x, e))
				fail(semantic_error("kctx resolves @cast to a struct task_struct member it mirrors (" +
							    members_list() + ") or to a type of the scenario's code",
						    x.tok));
			if (x.kind == ExprKind::Target && x.base == TargetBase::Var)
				resolve_atvar(x, e);
			if (x.kind == ExprKind::Entry && e.event != Event::FunctionReturn)
				fail(semantic_error("@entry is only valid in .return probes", x.tok));
			else if (x.kind == ExprKind::Entry && !entry_operand_ok(*x.operands[0]))
				fail(semantic_error("kctx's @entry takes target variables and operators only", x.tok));
			if (x.kind == ExprKind::Perf || x.kind == ExprKind::Probewrite)
				fail(semantic_error("kctx does not support @" +
							    std::string(x.kind == ExprKind::Perf ? "perf" : "probewrite") + " yet",
						    x.tok));
			// @defined(...) ? a : b keeps only the branch it chooses, as stap's elaboration does.
			if (x.kind == ExprKind::Ternary && x.operands[0]->kind == ExprKind::Defined) {
				expr(*x.operands[defined_here(*x.operands[0], e) ? 1 : 2], guarded);
				return;
			}
			bool inner_guard = guarded || x.kind == ExprKind::Defined;
			for (const ExprPtr& o : x.operands)
				if (o)
					expr(*o, inner_guard);
			for (const Component& c : x.components)
				if (c.index)
					expr(*c.index, inner_guard);
		};
		std::function<void(const Stmt&)> stmt = [&](const Stmt& st) {
			std::optional<bool> folded = st.kind == StmtKind::If ? fold_defined(*st.expr, e) : std::nullopt;
			if (folded && (st.expr->kind == ExprKind::Defined || mentions_defined(*st.expr))) {
				size_t branch = *folded ? 0 : 1;
				if (branch < st.body.size() && st.body[branch])
					stmt(*st.body[branch]);
				return;
			}
			for (const ExprPtr* e2 : {&st.expr, &st.init, &st.step, &st.array, &st.limit})
				if (*e2)
					expr(**e2, false);
			for (const StmtPtr& b : st.body)
				if (b)
					stmt(*b);
		};
		stmt(s);
	}

	// @var("name[@file]"[, "module"]): an object with static storage of a module (the
	// one named, else the probe's, else the only module that has it). Members and
	// indexes after it are not resolved (kctx reads the variable itself).
	void resolve_atvar(const Expr& x, const ProbeSite& e)
	{
		size_t at = x.text.find('@');
		std::string name = x.text.substr(0, at);
		std::string file = at == std::string::npos ? "" : x.text.substr(at + 1);
		std::string module = !x.module.empty() ? x.module : e.module;
		std::vector<const ModuleGlobalInfo*> found;
		for (const ModuleGlobalInfo& g : m_module_globals) {
			if (g.name != name || (!module.empty() && g.module != module))
				continue;
			bool in_file = file.empty() || std::any_of(g.program->files.begin(), g.program->files.end(),
								   [&](const std::string& f) {
									   std::string base = f.substr(f.rfind('/') + 1);
									   return fnmatch(file.c_str(), f.c_str(), 0) == 0 ||
										  fnmatch(file.c_str(), base.c_str(), 0) == 0;
								   });
			if (in_file)
				found.push_back(&g);
		}
		if (found.size() == 1 && x.components.empty()) {
			m_out.atvars[&x] = *found.front();
			return;
		}
		if (found.size() == 1) {
			const ModuleGlobalInfo& g = *found.front();
			if (!g.ctypes) {
				fail(semantic_error("kctx reads @var's variable itself, not its members or elements", x.tok));
				return;
			}
			MemberCheck members = check_members(*g.ctypes, g.type, member_chain(x), pretty_suffix(x) != nullptr);
			if (!members.error.empty()) {
				fail(semantic_error(members.error, x.tok));
				return;
			}
			m_out.atvars[&x] = g;
			return;
		}
		// kctx's wording: the variable, the file and the module it looked in.
		std::string where = module.empty() ? "the scenario's modules" : "module '" + module + "'";
		fail(semantic_error(fmt::format("unable to find global '{}'{} in {}", name,
						file.empty() ? "" : " in " + file, where),
				    x.tok));
	}

	void check_target(const Expr& x, const ProbeSite& e)
	{
		// $$parms, $$locals, $$vars: whatever the event has.
		if (!x.name.starts_with("$$") && !target_exists(x, e))
			report_missing(x, e);
	}

	// @cast(ptr, "struct T"[, "NAME"]) on a type of the scenario's code: module or program
	// NAME's (its name or path, as stap takes a module or an executable), else the probed
	// code's own. False when no such type is known there.
	bool resolve_cast(const Expr& x, const ProbeSite& e)
	{
		std::shared_ptr<const CTypes> types;
		if (!x.module.empty()) {
			for (const ModuleFunctionInfo& f : m_module_functions)
				if (f.ctypes && (f.user ? find_program(x.module, std::span(&f, 1)) != nullptr
							: f.module == x.module)) {
					types = f.ctypes;
					break;
				}
		} else if (e.module_vars) {
			types = e.module_vars->ctypes;
		}
		if (!types || !types->contains(x.text))
			return false;
		MemberCheck c = check_members(*types, x.text, member_chain(x), pretty_suffix(x) != nullptr);
		if (!c.error.empty())
			fail(semantic_error(c.error, x.tok));
		else
			m_out.casts[&x] = types;
		return true;
	}

	void report_missing(const Expr& x, const ProbeSite& e)
	{
		std::span<const TargetVarInfo> vars = site_vars(e);
		auto it = std::find_if(vars.begin(), vars.end(),
				       [&](const TargetVarInfo& v) { return "$" + std::string(v.name) == x.name; });
		if (it == vars.end()) {
			std::string alts;
			for (const TargetVarInfo& v : vars)
				alts += fmt::format("{}${}", alts.empty() ? "" : " ", v.name);
			// stap's words for a tracepoint's arguments, and for a DWARF function's locals.
			std::string what = e.function < 0 && e.module_function.empty() ? "tracepoint variable '" + x.name + "'"
							  : "local '" + x.name.substr(1) + "'";
			fail(semantic_error(fmt::format("unable to find {} (alternatives: {})", what, alts),
					    x.tok));
			return;
		}
		std::optional<MemberCheck> members = code_members(x, e, it->type);
		fail(semantic_error(members ? members->error : fmt::format("kctx knows no such member of {}'s type", x.name),
				    x.tok));
	}

	const Script& m_script;
	uint32_t m_hz;
	std::span<const std::string_view> m_syscalls;
	std::span<const ModuleFunctionInfo> m_module_functions;
	std::span<const ModuleGlobalInfo> m_module_globals;
	std::set<std::string> m_functions;
	std::set<std::string> m_seen;
	std::string m_point_error;   // why the last point matched nothing, when not "no match"
	Resolved m_out;
};

}  // namespace

std::span<const TargetVarInfo> target_vars(Event e)
{
	switch (e) {
	case Event::SchedSwitch: return kSwitchVars;
	case Event::SchedWakeup: return kWakeupVars;
	case Event::SchedMigrate: return kMigrateVars;
	case Event::SchedProcessExec: return kExecVars;
	case Event::SchedProcessExit: return kWakeupVars;   // TP_PROTO(struct task_struct *p)
	case Event::SysEnter: return kSysEnterVars;
	case Event::SysExit: return kSysExitVars;
	case Event::IrqEntry: return kIrqEntryVars;
	case Event::IrqExit: return kIrqExitVars;
	case Event::SoftirqEntry:
	case Event::SoftirqExit: return kSoftirqVars;
	case Event::TimerExpireEntry: return kTimerEntryVars;
	case Event::TimerExpireExit: return kTimerExitVars;
	case Event::ProcessSyscall: return kProcessSyscallVars;
	case Event::ProcessSyscallReturn: return kProcessSyscallReturnVars;
	default: return {};
	}
}

std::span<const std::string_view> task_members()
{
	return kTaskMembers;
}

std::span<const TracepointInfo> tracepoints()
{
	return kTracepoints;
}

bool is_tapset_function(std::string_view name)
{
	return std::find(kTapsetFunctions.begin(), kTapsetFunctions.end(), name) != kTapsetFunctions.end();
}

std::string list_probe_points(const std::string& pattern, bool vars, std::span<const std::string_view> syscalls,
			      std::span<const ModuleFunctionInfo> module_functions)
{
	struct Entry {
		std::string point;
		std::string locals;
	};
	std::vector<Entry> all{{"begin", ""}, {"end", ""}, {"error", ""}, {"never", ""}, {"timer.profile", ""}};
	auto typed = [](std::span<const TargetVarInfo> v) {
		std::string out;
		for (const TargetVarInfo& t : v)
			out += fmt::format(" ${}:{}", t.name, t.type);
		return out;
	};
	for (const TracepointInfo& tp : kTracepoints)
		all.push_back({fmt::format("kernel.trace(\"{}:{}\")", tp.system, tp.name), typed(target_vars(tp.event))});
	for (const KernelFunction& f : kernel_functions()) {
		all.push_back({fmt::format("kernel.function(\"{}\")", f.name), typed(f.params)});
		all.push_back({fmt::format("kernel.function(\"{}\").return", f.name), typed(f.with_return)});
	}
	for (const ModuleFunctionInfo& f : module_functions) {
		std::string point = f.user ? fmt::format("process(\"{}\").function(\"{}\")", f.path, f.function)
					   : fmt::format("module(\"{}\").function(\"{}\")", f.module, f.function);
		for (bool ret : {false, true}) {
			if (!vars) {
				all.push_back({point + (ret ? ".return" : ""), ""});
				continue;
			}
			Event e = ret ? Event::FunctionReturn : Event::FunctionEntry;
			std::shared_ptr<const ModuleVars> mv = f.program ? vars_at(f, std::nullopt, ret) : names_only(f, e);
			std::string locals;
			// stap -L writes a pointer or array type without the blank before its
			// '*' or '[' ("unsigned char*", "int[4]").
			for (size_t i = 0; i < mv->names.size(); i++) {
				std::string type = i < mv->types.size() ? mv->types[i] : "long";
				for (size_t at; (at = type.find(" *")) != std::string::npos || (at = type.find(" [")) != std::string::npos;)
					type.erase(at, 1);
				locals += fmt::format(" ${}:{}", mv->names[i], type);
			}
			all.push_back({point + (ret ? ".return" : ""), locals});
		}
	}
	for (std::string_view sc : syscalls) {
		all.push_back({fmt::format("syscall.{}", sc), " name:string syscall_nr:long argstr:string"});
		all.push_back({fmt::format("syscall.{}.return", sc), " name:string retval:long retstr:string"});
	}
	const char* ctx = " prev_task:long next_task:long prev_pid:long prev_tid:long prev_task_name:string "
			  "prev_priority:long prevtsk_state:long next_pid:long next_tid:long next_task_name:string "
			  "next_priority:long nexttsk_state:long";
	all.push_back({"scheduler.ctxswitch", ctx});
	all.push_back({"scheduler.cpu_off", " task_prev:long task_next:long idle:long"});
	all.push_back({"scheduler.cpu_on", " task_prev:long idle:long"});
	std::vector<std::string> processes{"process"};
	for (const ModuleFunctionInfo& f : module_functions)
		if (f.user && std::find(processes.begin(), processes.end(), fmt::format("process(\"{}\")", f.path)) == processes.end())
			processes.push_back(fmt::format("process(\"{}\")", f.path));
	for (const std::string& proc : processes) {
		for (const char* ev : {".begin", ".end", ".thread.begin", ".thread.end"})
			all.push_back({proc + ev, ""});
		all.push_back({proc + ".syscall", typed(kProcessSyscallVars)});
		all.push_back({proc + ".syscall.return", typed(kProcessSyscallReturnVars)});
	}
	all.push_back({"scheduler.wakeup", " task:long task_pid:long task_tid:long task_priority:long task_cpu:long "
					   "task_state:long"});
	all.push_back({"scheduler.process_exit", " task:long pid:long priority:long"});
	all.push_back({"scheduler.migrate", " task:long pid:long priority:long cpu_from:long cpu_to:long"});
	all.push_back({"irq_handler.entry", " irq:long dev_name:long dev_id:long handler:long flags:long"});
	all.push_back({"irq_handler.exit", " irq:long ret:long dev_name:long dev_id:long handler:long flags:long"});
	all.push_back({"softirq.entry", " vec_nr:long"});
	all.push_back({"softirq.exit", " vec_nr:long"});
	std::vector<std::string> lines;
	for (const Entry& e : all) {
		// kernel.trace("sched_switch") names a tracepoint without its system, as stap allows.
		std::string bare = e.point;
		if (size_t q = bare.find("(\""), colon = bare.find(':'); q != std::string::npos && colon != std::string::npos)
			bare.erase(q + 2, colon - q - 1);
		if (fnmatch(pattern.c_str(), e.point.c_str(), 0) != 0 && fnmatch(pattern.c_str(), bare.c_str(), 0) != 0)
			continue;
		lines.push_back(e.point + (vars ? e.locals : ""));
	}
	std::sort(lines.begin(), lines.end());
	std::string out;
	for (const std::string& l : lines)
		out += l + "\n";
	return out;
}

Resolved resolve(const Script& script, uint32_t hz, std::span<const std::string_view> syscalls,
		 std::span<const ModuleFunctionInfo> module_functions, std::span<const ModuleGlobalInfo> module_globals)
{
	return Resolver(script, hz, syscalls, module_functions, module_globals).run();
}

}  // namespace kctx::probe
