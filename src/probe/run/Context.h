#pragma once
// What a probe handler can ask of the event it runs for: the task and CPU it runs on,
// the clocks, and the probe point's target variables. The attach layer implements it
// over the kernel's machine; tests implement it by hand.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "probe/run/Value.h"

namespace kctx::probe {

struct ModuleGlobalInfo;

// One frame of a kernel backtrace: its address and what the kernel's symbol table
// says of it ("schedule", offset 0x5a, size 0xd0, module "kernel" or the module's name).
struct StackFrame {
	uint64_t address = 0;
	std::string symbol;   // empty: no symbol (printed as the bare address)
	uint64_t offset = 0;
	uint64_t size = 0;
	std::string module;
};

class ProbeContext {
public:
	virtual ~ProbeContext() = default;
	[[nodiscard]] virtual std::string execname() const = 0;
	[[nodiscard]] virtual int64_t pid() const = 0;
	[[nodiscard]] virtual int64_t tid() const = 0;
	[[nodiscard]] virtual int64_t ppid() const = 0;
	[[nodiscard]] virtual int64_t cpu() const = 0;
	[[nodiscard]] virtual uint64_t now_ns() const = 0;   // the event CPU's clock
	[[nodiscard]] virtual int64_t jiffies() const = 0;
	[[nodiscard]] virtual int64_t hz() const = 0;
	[[nodiscard]] virtual int64_t online_cpus() const = 0;
	// Whether the event runs in hard or soft interrupt context (preempt_count's bits).
	[[nodiscard]] virtual bool in_irq() const = 0;
	// Whether the CPU was running user code when the event came (timer.profile's ticks).
	[[nodiscard]] virtual bool user_mode() const = 0;
	// `$name->f1->f2`: the target variable's value, nullopt if the probe point has no
	// such variable or member (the semantic pass refused scripts that ask for one).
	[[nodiscard]] virtual std::optional<Value> target(const std::string& name,
							  std::span<const std::string> fields) const = 0;
	// `size` bytes of the probed code's memory at `addr` (a module's: kernel memory; a
	// process()'s: its user memory); false where nothing is mapped.
	[[nodiscard]] virtual bool read_memory(uint64_t /*addr*/, void* /*out*/, size_t /*size*/) const { return false; }
	// Whether the probe stopped in a user program's code (process()), not the kernel's.
	[[nodiscard]] virtual bool user_code() const { return false; }
	// A member of the task whose task_struct is at `task` (task_pid() and friends), nullopt
	// when no task is there.
	[[nodiscard]] virtual std::optional<Value> task_member(int64_t task, const std::string& field) const = 0;
	// The locals a tapset alias (syscall.*, scheduler.ctxswitch …) defines before the
	// handler runs: `name`, `argstr`, `prev_pid` …
	[[nodiscard]] virtual std::vector<std::pair<std::string, Value>> alias_locals() const { return {}; }
	// The kernel stack where the probe fired, innermost first: the probed function
	// itself at +0x0 for a kernel.function() entry, then the frames the console's Call
	// Trace shows (tapset backtrace(), print_backtrace() …).
	[[nodiscard]] virtual std::vector<StackFrame> backtrace() const { return {}; }
	// The user program's stack of the task the event ran in, innermost first (the
	// current pc, then each caller's return address): print_ubacktrace() and friends.
	// Empty for a kernel thread.
	[[nodiscard]] virtual std::vector<StackFrame> ubacktrace() const { return {}; }
	// A module's object with static storage (@var), read from the loaded module's data;
	// nullopt when the module is not loaded.
	[[nodiscard]] virtual std::optional<Value> module_global(const ModuleGlobalInfo& g) const
	{
		return std::nullopt;
	}
	// The symbol at a kernel address (print_syms()); no symbol leaves `symbol` empty.
	[[nodiscard]] virtual StackFrame symbol_at(uint64_t address) const { return StackFrame{address, {}, 0, 0, {}}; }
	// The NUL-terminated string at kernel address `addr`, up to `max` bytes
	// (kernel_string()); nullopt when it is not mapped.
	[[nodiscard]] virtual std::optional<std::string> kernel_string(uint64_t addr, uint64_t max) const
	{
		return std::nullopt;
	}
	// The same in the current task's user memory (user_string()): nullopt when the task
	// has none or the address is not mapped there.
	[[nodiscard]] virtual std::optional<std::string> user_string(uint64_t addr, uint64_t max) const
	{
		return std::nullopt;
	}
	// The name of x86-64 system call `nr` (tapset syscall_name()), "" when kctx has none.
	[[nodiscard]] virtual std::string syscall_name(int64_t nr) const { return {}; }
	// The function the probe point is in (probefunc(), ppfunc()): "" for tracepoints.
	[[nodiscard]] virtual std::string probefunc() const { return {}; }
};

}  // namespace kctx::probe
