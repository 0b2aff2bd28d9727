// SystemTap started inside the machine (issue 13): the kernel's ProbeHost
// (kernel/core/ProbeHost.h), which the `stap` program in init.sh reaches through
// __kctx_stap(). It owns the sessions — host-side observer state, never part of the
// Machine — keyed by their stap process; while any is attached the kernel's Hooks is a
// fan-out to the trace (if any) and every attached session.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/StapSession.h"
#include "kernel/core/HookFanout.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/ProbeHost.h"

namespace kctx::cli {

// Whether a script's first line makes the kernel run it with stap, as binfmt_script
// (fs/binfmt_script.c) reads it: "#!", blanks, the interpreter, blanks, one optional
// argument. "#!/usr/bin/stap" and "#! /usr/bin/env stap" do.
[[nodiscard]] bool is_stap_shebang(std::string_view first_line);
// The same line as the kernel runs it: its interpreter and argument (interpreter, the
// program's index, is the caller's to fill in); nullopt when it does not run stap.
[[nodiscard]] std::optional<kernel::ScriptFile> stap_shebang(std::string_view first_line);

class StapHost final : public kernel::ProbeHost {
public:
	// `scripts`: the scenario's *.stp files by name, which stap reads as its files.
	// `units`: the modules' and programs' parsed sources, for parameter names and types.
	StapHost(kernel::Kernel& k, const kernel::Code& code, std::map<std::string, std::string> scripts, CodeUnits units);
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

	kernel::Kernel& m_kernel;
	const kernel::Code& m_code;
	std::map<std::string, std::string> m_scripts;
	CodeUnits m_units;
	kernel::Hooks* m_base = nullptr;
	// The base and every attached session, while any session is attached.
	kernel::HookFanout m_fanout;
	std::vector<std::unique_ptr<Live>> m_live;
};

// The probe host for a scenario whose init.sh runs stap, installed in `k`; null (and
// nothing installed, so the run is as without stap) when it does not.
[[nodiscard]] std::unique_ptr<StapHost> install_stap_host(kernel::Kernel& k, const kernel::Code& code,
							  const std::map<std::string, std::string>& scripts, CodeUnits units);

}  // namespace kctx::cli
