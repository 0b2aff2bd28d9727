#pragma once
// A stap session attached to the simulated kernel: a kernel::Hooks observer that runs the
// handlers of the sites each tracepoint matches, and the session's timers, which the
// driver fires between slices of the run (fire_timers). It reads the machine and never
// changes it.

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"
#include "probe/run/Session.h"

namespace kctx::probe {

class KernelProbes final : public kernel::Hooks {
public:
	// `code` is the scenario's (for the symbols of module frames in backtraces).
	KernelProbes(Session& session, const kernel::Kernel& k, const kernel::Code* code = nullptr);

	// Runs the begin probes, in the context of `task` on `cpu` (kNoTask: the CPU's current
	// task); the timers start now.
	void start(uint32_t cpu = 0, kernel::TaskId task = kernel::kNoTask);
	// The earliest time a timer probe is due (~0 when there is none).
	[[nodiscard]] uint64_t next_timer() const;
	// Fires every timer probe due at or before `now`, in time order.
	void fire_timers(uint64_t now);
	// Ends the session: end (or error) probes.
	void stop();

	void sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
			  kernel::TaskId next, uint32_t prev_state) override;
	void sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t target_cpu) override;
	void sched_migrate_task(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t dest_cpu) override;
	void sched_process_exec(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t) override;
	void sched_process_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t) override;
	void sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
		       std::span<const uint64_t> args) override;
	void sys_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall, int64_t ret) override;
	void irq_handler_entry(const kernel::Machine& m, uint32_t cpu, uint32_t irq, const std::string& name) override;
	void irq_handler_exit(const kernel::Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret) override;
	void softirq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void softirq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void timer_expire_entry(const kernel::Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn) override;
	void timer_expire_exit(const kernel::Machine& m, uint32_t cpu, uint64_t timer) override;

	// kernel.function() probes (FunctionProbes.cpp).
	void native_step(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t) override;
	void native_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t fn, int64_t ret) override;
	void builtin_entry(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t id,
			   std::span<const uint64_t> args) override;
	void builtin_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint64_t value) override;
	void vm_entry(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, std::span<const uint64_t> args) override;
	void vm_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, int64_t ret) override;
	// .statement() and process() probes (CodeProbes.cpp).
	void vm_insn(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, const vm::Thread& thread,
		     bool user) override;
	// Only the user programs a process() probe is on (the kernel runs the others
	// unwatched, at full speed).
	[[nodiscard]] bool watches_program(const vm::Program* program) const override
	{
		return program && code_program(program) >= 0;
	}
	// What this session's hits cost each CPU since the kernel last asked (HitCost.h).
	[[nodiscard]] uint64_t take_cost_ns(uint32_t cpu) override;

private:
	struct Timer {
		size_t site;
		uint64_t next;
		uint64_t period;
		bool profile;
	};
	class EventContext;
	void dispatch(Event e, const EventContext& ctx, const std::string& syscall = {});
	// process[("PATH"|PID)].*: the sites of `e` that watch task t's process.
	void dispatch_process(Event e, const EventContext& ctx, kernel::TaskId t);
	void switch_out(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev, kernel::TaskId next,
			uint32_t prev_state);
	[[nodiscard]] bool watches_process(const ProbeSite& s, kernel::TaskId t) const;

	Session& m_session;
	const kernel::Kernel& m_kernel;
	std::vector<Timer> m_timers;
	// Sites by event, so a hook finds its handlers at once.
	std::vector<std::vector<size_t>> m_by_event;
	// Whether a tapset alias's site listens to the event: only then are its locals made.
	std::vector<bool> m_has_alias;

	// kernel.function() sites by function (kernel_functions() index), entry and return,
	// and each native's and builtin's function index (-1: none).
	void index_functions();
	[[nodiscard]] bool builtin_own_frame(const kernel::Machine& m, kernel::TaskId t, int32_t fn, size_t depth) const;
	void fire_function(Event e, uint32_t cpu, kernel::TaskId t, int32_t fn, std::span<const uint64_t> args,
			   std::optional<int64_t> ret, bool native);
	std::vector<std::vector<size_t>> m_entry_sites, m_return_sites;
	std::vector<int32_t> m_native_fn, m_builtin_fn;
	// What this observer knows of each task's stack: the native frames it saw entered
	// (depth, NativeFn), and the builtins called and not yet returned (their function
	// index and arguments, for .return probes' parameters).
	struct PendingCall {
		int32_t fn;
		std::vector<uint64_t> args;
	};
	std::map<kernel::TaskId, std::vector<std::pair<size_t, uint32_t>>> m_seen_natives;
	std::map<kernel::TaskId, std::vector<PendingCall>> m_pending_builtins;
	// module().function() sites, and each task's module entries not yet returned
	// ("module\0function", or empty for an unprobed module frame) with their arguments.
	struct ModuleCall {
		std::string key;
		std::vector<uint64_t> args;
	};
	std::vector<size_t> m_module_sites;
	std::map<kernel::TaskId, std::vector<ModuleCall>> m_module_calls;
	void fire_module(Event e, uint32_t cpu, kernel::TaskId t, const ModuleCall& call, std::optional<int64_t> ret,
			 const vm::Thread* thread, const vm::Program* program);
	const kernel::Code* m_code;
	std::map<uint64_t, StackFrame> m_symbols;   // every frame a backtrace met, by address

	// Runs site i's handler for one event and charges the hit to the event's CPU.
	void hit(size_t i, const EventContext& ctx);
	std::vector<uint64_t> m_cost;   // simulated ns owed, by CPU

	// Probes on bytecode: sites by (program, function, pc), the programs numbered in
	// m_code_programs; the functions whose entries a .return site needs captured; each
	// task's captured calls (frame depth, parameters) not yet returned.
	void index_code();
	[[nodiscard]] int32_t code_program(const vm::Program* p) const;
	static uint64_t code_key(int32_t program, uint32_t func, uint32_t pc)
	{
		return (static_cast<uint64_t>(program) << 48) | (static_cast<uint64_t>(func) << 24) | pc;
	}
	void capture_entry(kernel::TaskId t, const vm::Thread& thread, const vm::Program& p, bool user);
	std::vector<const vm::Program*> m_code_programs;
	std::unordered_map<uint64_t, std::vector<size_t>> m_code_sites;
	std::unordered_set<uint64_t> m_capture;
	struct CodeCall {
		size_t depth;
		std::vector<std::pair<std::string, int64_t>> params;
	};
	std::map<kernel::TaskId, std::vector<CodeCall>> m_code_calls;
	// The irq action each CPU is running (irq_handler.exit's locals).
	std::map<uint32_t, kernel::IrqAction> m_irq_actions;
	// Each task's last watched instruction (its key and frame depth).
	std::map<kernel::TaskId, std::pair<uint64_t, size_t>> m_last_insn;
};

}  // namespace kctx::probe
