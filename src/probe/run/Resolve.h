#pragma once
// Pass 2 of a stap session: every probe point of the script resolved against what the
// simulated kernel offers (begin/end/error/never, timers, tracepoints and kctx's tapset
// aliases), every function call and target variable checked. Errors come out as stap's
// "semantic error:" messages.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "probe/Ast.h"
#include "probe/run/CTypes.h"
#include "vm/Program.h"

namespace kctx::probe {

// The kernel events a probe can attach to.
enum class Event {
	Begin,             // begin[(N)]: when the session starts
	End,               // end[(N)]: when it ends normally
	Error,             // error[(N)]: when it ends after a runtime error
	Never,             // never: parsed and checked, never run
	Timer,             // timer.s/ms/us/ns/jiffies/hz(N): every period, on CPU 0
	Profile,           // timer.profile: every tick on every CPU, in its current task
	SchedSwitch,       // sched:sched_switch
	SchedWakeup,       // sched:sched_wakeup
	SchedMigrate,      // sched:sched_migrate_task
	SchedProcessExec,  // sched:sched_process_exec
	SchedProcessExit,  // sched:sched_process_exit
	SysEnter,          // raw_syscalls:sys_enter
	SysExit,           // raw_syscalls:sys_exit
	IrqEntry,          // irq:irq_handler_entry
	IrqExit,           // irq:irq_handler_exit
	SoftirqEntry,      // irq:softirq_entry
	SoftirqExit,       // irq:softirq_exit
	TimerExpireEntry,  // timer:timer_expire_entry
	TimerExpireExit,   // timer:timer_expire_exit
	FunctionEntry,     // kernel.function("NAME")[.call]: a kprobe on its first instruction
	FunctionReturn,    // kernel.function("NAME").return: a kretprobe
	Statement,         // module("M").statement("FN@FILE:LINE"): a kprobe at a line's first instruction
	CpuOn,             // scheduler.cpu_on: after a context switch, in the task switched to
	ProcessBegin,      // process[("PATH"|PID)].begin: a process starts (or is running when the session starts)
	ProcessEnd,        // process[("PATH"|PID)].end: a process exits
	ThreadBegin,       // process[("PATH"|PID)].thread.begin: a thread starts
	ThreadEnd,         // process[("PATH"|PID)].thread.end: a thread exits
	ProcessSyscall,    // process[("PATH"|PID)].syscall: a system call of the process, on entry
	ProcessSyscallReturn,   // process[("PATH"|PID)].syscall.return: on its return
};
// How many events there are: the size of a table indexed by Event.
inline constexpr size_t kEventCount = static_cast<size_t>(Event::ProcessSyscallReturn) + 1;

// The tapset alias a probe point came from: which locals its handler sees.
enum class Alias { None, Syscall, SyscallReturn, Ctxswitch, CpuOff, Wakeup, Migrate, ProcessExit, IrqHandler, Softirq };

struct ProbeSite {
	Event event = Event::Begin;
	Alias alias = Alias::None;
	std::string pp;           // what pp() returns
	size_t handler = 0;       // index into Script::probes
	size_t point = 0;         // index into its points (for its `if` condition)
	uint64_t period_ns = 0;   // Timer
	int64_t priority = 0;     // begin/end/error(N): lower runs first
	std::string syscall;      // SysEnter/SysExit through syscall.NAME: a glob; "*" for any
	bool oneshot = false;     // `oneshot`: exit() after the handler
	int32_t function = -1;    // FunctionEntry/Return: index into kernel_functions()
	std::string module;       // module("NAME").function("FN"): NAME and FN
	std::string module_function;
	bool module_returns = false;   // that function returns a value ($return in .return)
	// Its target variables: the parameters (by name, from the module's source), then
	// $return in .return. Shared by the site's copies, which point into it.
	std::shared_ptr<const struct ModuleVars> module_vars;
	// A probe on an instruction of the scenario's bytecode (run/CodeSites.cpp): a
	// .statement() line, or a process() function's entry or return. The kernel runs
	// that code watched (Hooks::vm_insn) and the site fires before each of `pcs`
	// (a function's RET instructions, for .return) of function `func` of `program`.
	const vm::Program* program = nullptr;
	uint32_t func = 0;
	std::vector<uint32_t> pcs;
	bool user = false;         // process(): a user program; else a module
	// The process events (ProcessBegin … ProcessSyscallReturn): the process they watch, by
	// its program (`program`, from process("PATH")) or its pid (process(PID)); neither:
	// every process.
	int32_t target_pid = -1;
};

// A function of the scenario's modules, for module("NAME").function("PATTERN").
struct ModuleFunctionInfo {
	std::string module;     // "cst"
	std::string function;   // "cst_timer_handler"
	bool returns_value = false;
	std::vector<std::string> params;   // its parameters' names (empty: not known)
	// Its bytecode, line table and variables (vm::Program::function_vars): null when the
	// scenario's code is not known.
	const vm::Program* program = nullptr;
	uint32_t index = 0;
	bool user = false;      // a user program's function (process("PATH")), not a module's
	std::string path;       // process(): the program's path in the machine ("/cst_test")
	std::shared_ptr<const CTypes> ctypes;   // its unit's C types (null: not known)
};

// An object with static storage of a module (a global or a static, "fn.var" for a
// function's static), for @var("name@file", "module").
struct ModuleGlobalInfo {
	std::string module;       // "cst"
	std::string name;         // "hits"
	const vm::Program* program = nullptr;
	uint32_t offset = 0;      // in the module's data segment
	uint8_t size = 8;         // bytes of its value (scalars)
	bool is_signed = false;
	bool scalar = true;       // false: an array or a struct, read as its address
	std::string type;         // its C type ("struct timer_list"), a key of ctypes
	std::shared_ptr<const CTypes> ctypes;   // its unit's C types (null: not known)
};

struct Resolved {
	bool ok = false;
	// What each @var of the script names.
	std::map<const Expr*, ModuleGlobalInfo> atvars;
	// What each @cast to a type of the scenario's code reads its members with.
	std::map<const Expr*, std::shared_ptr<const CTypes>> casts;
	std::vector<ProbeSite> sites;
	std::string err;      // stap's semantic errors
	std::string listing;  // -p2: the resolved probes
};

// The target variables an event offers; `task` ones are task_struct pointers whose
// members (task_members) can be read with ->.
struct TargetVarInfo {
	std::string_view name;
	bool task = false;
	std::string_view type;   // the C type TP_PROTO gives it, as -L prints it
	bool local = false;      // a function's local ($$locals), not a parameter ($$parms)
};
[[nodiscard]] std::span<const TargetVarInfo> target_vars(Event e);
// A module function probe's target variables: `vars` views `names`.
struct ModuleVars {
	std::vector<std::string> names;
	std::vector<std::string> types;   // beside names, when known
	std::vector<TargetVarInfo> vars;
	std::shared_ptr<const CTypes> ctypes;   // what `$var->member` walks (null: not known)
};
[[nodiscard]] std::span<const std::string_view> task_members();
// `$var->a[i]->b` on a variable of the scenario's code whose C type is `type`: the chain
// (indexes as 0: pass 2 does not know them), and stap's verdict on it (nullopt: the site has no C types to check against).
[[nodiscard]] std::vector<Access> member_chain(const Expr& x);
// The `$` or `$$` that ends `$var->a$` (pretty-printing, PrettyPrint.h), if any.
[[nodiscard]] const Component* pretty_suffix(const Expr& x);
[[nodiscard]] std::optional<MemberCheck> code_members(const Expr& x, const ProbeSite& site, std::string_view type);
// The tracepoint names kctx has, as kernel.trace() matches them: "sched:sched_switch" …
struct TracepointInfo {
	std::string_view name;   // "sched_switch"
	std::string_view system; // "sched"
	Event event;
};
[[nodiscard]] std::span<const TracepointInfo> tracepoints();

// Whether target expression `x` ($var or $var->member) exists at event e (@defined).
[[nodiscard]] bool target_exists(const Expr& x, Event e);
// The target variables of one site: its event's, or its function's parameters (and
// $return in a .return probe); and whether `x` exists there.
[[nodiscard]] std::span<const TargetVarInfo> site_vars(const ProbeSite& site);
[[nodiscard]] bool target_exists(const Expr& x, const ProbeSite& site);
// Whether `name` is a tapset function kctx provides (execname, pid, gettimeofday_ns …).
[[nodiscard]] bool is_tapset_function(std::string_view name);

// `syscalls` names the system calls syscall.NAME may match.
// -l / -L PATTERN: the probe points kctx offers that match the glob PATTERN, one a line,
// sorted; with `vars`, each with its target variables (`$prev:struct task_struct*`) or a
// tapset alias's locals (`name:string`).
// With the scenario's code (`--run`), its modules' functions (`module("cst").function(
// "cst_timer_handler")`) and its programs' (`process("/crunch").function("fib")`) too,
// each with its parameters and body's locals, and `.return` with $return.
[[nodiscard]] std::string list_probe_points(const std::string& pattern, bool vars,
					    std::span<const std::string_view> syscalls,
					    std::span<const ModuleFunctionInfo> module_functions = {});

[[nodiscard]] Resolved resolve(const Script& script, uint32_t hz, std::span<const std::string_view> syscalls,
			       std::span<const ModuleFunctionInfo> module_functions = {},
			       std::span<const ModuleGlobalInfo> module_globals = {});

}  // namespace kctx::probe
