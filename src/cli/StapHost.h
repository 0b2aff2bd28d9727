// SystemTap started inside the machine (issue 13): the kernel's ProbeHost
// (kernel/core/ProbeHost.h), which the `stap` program in init.sh reaches through
// __kctx_stap(). It owns the sessions — host-side observer state, never part of the
// Machine — keyed by their stap process, and while any is attached it is the kernel's
// Hooks, passing each event to the trace (if any) and to every attached session.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/StapSession.h"
#include "kernel/core/Hooks.h"
#include "kernel/core/ProbeHost.h"

namespace kctx::cli {

// Whether a script's first line makes the kernel run it with stap, as binfmt_script
// (fs/binfmt_script.c) reads it: "#!", blanks, the interpreter, blanks, one optional
// argument. "#!/usr/bin/stap" and "#! /usr/bin/env stap" do.
[[nodiscard]] bool is_stap_shebang(std::string_view first_line);

class StapHost final : public kernel::ProbeHost, public kernel::Hooks {
public:
	// `scripts`: the scenario's *.stp files by name, which stap reads as its files.
	// `units`: each module's parsed source (Scenario::module_units), for parameter names.
	StapHost(kernel::Kernel& k, const kernel::Code& code, std::map<std::string, std::string> scripts,
		 std::span<const std::shared_ptr<const lang::ParsedUnit>> units);
	// The observer the kernel had before (the trace's), which keeps every event.
	void set_base_hooks(kernel::Hooks* base) { m_base = base; }

	Reply stap_request(const kernel::Machine& m, uint32_t cpu, kernel::TaskId self, kernel::StapOp op,
			   std::span<const std::string> argv, uint64_t max) override;
	// The earliest timer probe of the attached sessions (~0: none), and firing them.
	[[nodiscard]] uint64_t next_timer() const;
	void fire_timers(uint64_t now);
	// The end of the run: each session still attached ends (its probe end runs); what the
	// sessions printed and no stap process read, for the console.
	[[nodiscard]] std::string finish();

	void sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
			  kernel::TaskId next, uint32_t prev_state) override;
	void sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t target_cpu) override;
	void sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
		       std::span<const uint64_t> args) override;
	void sys_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall, int64_t ret) override;
	void irq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_handler_entry(const kernel::Machine& m, uint32_t cpu, uint32_t irq, const std::string& name) override;
	void irq_handler_exit(const kernel::Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret) override;
	void softirq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void softirq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void timer_expire_entry(const kernel::Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn) override;
	void timer_expire_exit(const kernel::Machine& m, uint32_t cpu, uint64_t timer) override;
	void printk(const kernel::Machine& m, uint32_t cpu, const kernel::LogRecord& record) override;
	void cpu_stepped(const kernel::Machine& m, uint32_t cpu) override;
	void native_step(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t) override;
	void native_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t fn, int64_t ret) override;
	void builtin_entry(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t id,
			   std::span<const uint64_t> args) override;
	void builtin_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint64_t value) override;
	void vm_entry(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, std::span<const uint64_t> args) override;
	void vm_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, int64_t ret) override;

private:
	// One stap process's session: null `run` when passes 1-2 ended the command.
	struct Live {
		kernel::TaskId task = kernel::kNoTask;
		int32_t pid = 0;
		std::unique_ptr<StapRun> run;
		bool attached = false;
		bool done = false;    // Stop was asked: the process is only reading what is left
		int status = 0;       // stap's exit status, for Stop
		std::string out, err;
	};
	[[nodiscard]] Live* find(const kernel::Machine& m, kernel::TaskId self);
	Reply start(const kernel::Machine& m, kernel::TaskId self, std::span<const std::string> argv);
	void collect(Live& l);
	// The kernel's hooks: the base alone with no session attached, else this.
	void rehook();
	template <class F> void each(F f);
	template <class F> void each_function(F f);

	kernel::Kernel& m_kernel;
	const kernel::Code& m_code;
	std::map<std::string, std::string> m_scripts;
	std::span<const std::shared_ptr<const lang::ParsedUnit>> m_units;
	kernel::Hooks* m_base = nullptr;
	std::vector<std::unique_ptr<Live>> m_live;
};

// The probe host for a scenario whose init.sh runs stap, installed in `k`; null (and
// nothing installed, so the run is as without stap) when it does not.
[[nodiscard]] std::unique_ptr<StapHost> install_stap_host(kernel::Kernel& k, const kernel::Code& code,
							  const std::map<std::string, std::string>& scripts,
							  std::span<const std::shared_ptr<const lang::ParsedUnit>> units);

}  // namespace kctx::cli
