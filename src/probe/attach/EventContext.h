#pragma once
// One event as a probe handler sees it (KernelProbes' and FunctionProbes' events): the
// CPU it happened on, the task it ran in, the tracepoint's or function's arguments, the
// tapset alias's locals and the kernel stack.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "probe/attach/Backtrace.h"
#include "probe/attach/CodeVars.h"
#include "probe/attach/KernelProbes.h"
#include "probe/run/Context.h"
#include "trace/Syscalls.h"

namespace kctx::probe {

// One event as a handler sees it: the CPU it happened on, the task it ran in, the
// tracepoint's arguments and the tapset alias's locals.
class KernelProbes::EventContext final : public ProbeContext {
public:
	EventContext(const kernel::Kernel& k, uint32_t cpu, kernel::TaskId task, const kernel::Code* code = nullptr,
		     std::map<uint64_t, StackFrame>* symbols = nullptr)
		: m_k(k), m_m(k.machine()), m_cpu(cpu), m_task(task == kernel::kNoTask ? m_m.cpus[cpu].curr : task),
		  m_code(code), m_symbols(symbols)
	{
	}

	// A kernel.function() event: the function's name, and how its stack starts (the
	// probed function at +0x0 on entry; `drop_top` leaves out the frame of a native
	// that is already on the stack).
	void function(std::string name, std::optional<StackFrame> top, bool drop_top)
	{
		m_func = std::move(name);
		m_top = std::move(top);
		m_drop_top = drop_top;
	}
	std::string probefunc() const override { return m_func; }
	std::vector<StackFrame> backtrace() const override
	{
		std::vector<StackFrame> frames = kernel_backtrace(m_m, images(), m_task, m_top, m_drop_top);
		if (m_symbols)
			for (const StackFrame& f : frames)
				m_symbols->emplace(f.address, f);
		return frames;
	}
	// The kernel's own symbols have addresses made from their names (CallTrace.cpp
	// kernel_symbol_address): the frames this session's backtraces met name them.
	StackFrame symbol_at(uint64_t address) const override
	{
		if (m_symbols)
			if (auto it = m_symbols->find(address); it != m_symbols->end())
				return it->second;
		return kernel_symbol_at(m_m, images(), address);
	}

	// A probe on bytecode (a .statement(), a process() function's entry, a module
	// function's entry): the thread it stopped in, whose top frame's variables are its
	// target variables; at a function's entry (`at_entry`) its outermost block's.
	void code_frame(const vm::Thread* thread, const vm::Program* program, bool user, bool at_entry)
	{
		m_thread = thread;
		m_program = program;
		m_user_code = user;
		m_at_entry = at_entry;
	}
	void arg(std::string name, int64_t v) { m_args.emplace_back(std::move(name), Value::of(v)); }
	void task_arg(std::string name, kernel::TaskId t)
	{
		m_tasks.emplace_back(name, t);
		arg(std::move(name), static_cast<int64_t>(m_m.tasks[t].task_struct_addr));
	}
	void local(std::string name, Value v) { m_locals.emplace_back(std::move(name), std::move(v)); }

	std::string execname() const override { return task().comm; }
	int64_t pid() const override { return task().tgid; }
	int64_t tid() const override { return task().pid; }
	int64_t ppid() const override { return task().ppid; }
	int64_t cpu() const override { return m_cpu; }
	uint64_t now_ns() const override { return m_m.cpus[m_cpu].now; }
	int64_t jiffies() const override { return static_cast<int64_t>(m_k.cpu_jiffies(m_cpu)); }
	int64_t hz() const override { return m_k.config().hz; }
	int64_t online_cpus() const override { return static_cast<int64_t>(m_m.cpus.size()); }
	bool in_irq() const override
	{
		return (m_m.cpus[m_cpu].preempt_count & (abi::HARDIRQ_MASK | abi::SOFTIRQ_MASK | abi::NMI_MASK)) != 0;
	}
	// A task with nothing on its kernel stack is running its user program.
	bool user_mode() const override { return !task().kthread && task().kstack.empty(); }
	std::optional<Value> target(const std::string& name, std::span<const std::string> fields) const override
	{
		if (name == "$current")
			return Value::of(static_cast<int64_t>(task().task_struct_addr));
		if (!fields.empty()) {
			auto it = std::find_if(m_tasks.begin(), m_tasks.end(), [&](const auto& p) { return p.first == name; });
			if (it == m_tasks.end() || fields.size() != 1)
				return std::nullopt;
			return member(m_m.tasks[it->second], fields[0]);
		}
		for (const auto& [n, v] : m_args)
			if (n == name)
				return v;
		return frame_var(name);
	}
	bool read_memory(uint64_t addr, void* out, size_t size) const override
	{
		const vm::Memory* mem = m_user_code ? (task().user ? &task().user->mm : nullptr) : &m_m.kmem;
		return mem && mem->read(addr, out, size);
	}
	bool user_code() const override { return m_user_code; }
	std::optional<Value> module_global(const ModuleGlobalInfo& g) const override
	{
		return read_module_global(m_m, m_k.images(), g);
	}
	// The task's user program's frames, innermost first (print_ubacktrace()).
	std::vector<StackFrame> ubacktrace() const override
	{
		return user_backtrace(m_m, m_k.images(), m_task);
	}
	std::vector<std::pair<std::string, Value>> alias_locals() const override { return m_locals; }
	std::string syscall_name(int64_t nr) const override
	{
		for (const trace::SyscallInfo& s : trace::syscall_table())
			if (s.nr == nr)
				return std::string(s.name);
		return {};
	}
	std::optional<std::string> kernel_string(uint64_t addr, uint64_t max) const override
	{
		std::string s;
		if (!m_m.kmem.read_string(addr, s, max))
			return std::nullopt;
		return s;
	}
	std::optional<std::string> user_string(uint64_t addr, uint64_t max) const override
	{
		std::string s;
		if (m_task == kernel::kNoTask || !task().user || !task().user->mm.read_string(addr, s, max))
			return std::nullopt;
		return s;
	}
	std::optional<Value> task_member(int64_t addr, const std::string& field) const override
	{
		for (const kernel::Task& t : m_m.tasks) {
			if (t.unused || addr == 0 || t.task_struct_addr != static_cast<uint64_t>(addr))
				continue;
			if (field == "parent") {
				for (const kernel::Task& p : m_m.tasks)
					if (!p.unused && p.pid == t.ppid)
						return Value::of(static_cast<int64_t>(p.task_struct_addr));
				return Value::of(int64_t{0});
			}
			return member(t, field);
		}
		return std::nullopt;
	}

	// include/linux/sched.h: the task_struct members kctx mirrors.
	static std::optional<Value> member(const kernel::Task& t, const std::string& f)
	{
		if (f == "pid")
			return Value::of(int64_t{t.pid});
		if (f == "tgid")
			return Value::of(int64_t{t.tgid});
		if (f == "comm")
			return Value::of(t.comm);
		if (f == "prio")
			return Value::of(int64_t{prio(t)});
		if (f == "__state")
			return Value::of(int64_t{t.state});
		if (f == "on_cpu")
			return Value::of(int64_t{t.cpu});
		// No kctx task sleeps in io_schedule() (kernel/sched/core.c), so none is in iowait.
		if (f == "in_iowait")
			return Value::of(int64_t{0});
		return std::nullopt;
	}
	// kctx runs every task at nice 0 (prio 120), the stoppers in the stop class.
	static int32_t prio(const kernel::Task& t) { return t.sched.stop_class ? 0 : 120; }

	const kernel::Task& task_of(kernel::TaskId t) const { return m_m.tasks[t]; }

private:
	const kernel::Task& task() const { return m_m.tasks[m_task]; }
	// A variable of the code frame, read where the compiler put it (CodeVars.cpp).
	std::optional<Value> frame_var(const std::string& name) const
	{
		if (!m_thread || !m_program || m_thread->frames.empty())
			return std::nullopt;
		const vm::Memory* mem = m_user_code ? (task().user ? &task().user->mm : nullptr) : &m_m.kmem;
		return read_frame_var(*m_thread, *m_program, mem, m_at_entry, name);
	}

	// The kernel's image table, when the session knows the scenario's code.
	[[nodiscard]] const ImageTable* images() const { return m_code ? &m_k.images() : nullptr; }
	const kernel::Kernel& m_k;
	const kernel::Machine& m_m;
	uint32_t m_cpu;
	kernel::TaskId m_task;
	std::vector<std::pair<std::string, Value>> m_args;
	std::vector<std::pair<std::string, kernel::TaskId>> m_tasks;
	std::vector<std::pair<std::string, Value>> m_locals;
	const kernel::Code* m_code;
	std::string m_func;
	std::optional<StackFrame> m_top;
	bool m_drop_top = false;
	std::map<uint64_t, StackFrame>* m_symbols;
	const vm::Thread* m_thread = nullptr;
	const vm::Program* m_program = nullptr;
	bool m_user_code = false;
	bool m_at_entry = false;
};

}  // namespace kctx::probe
