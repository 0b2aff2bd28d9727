#include "trace/Context.h"

#include <array>

#include <fmt/format.h>

#include "kernel/core/Machine.h"
#include "kernel/core/NativeFrame.h"
#include "trace/Ftrace.h"
#include "trace/Syscalls.h"

namespace kctx::trace {

namespace {

constexpr std::array kKindNames = {
#define KCTX_EXEC_KIND(name, text) std::string_view(text),
	KCTX_EXEC_KINDS(KCTX_EXEC_KIND)
#undef KCTX_EXEC_KIND
};

// The natives' symbols, as a call trace prints them (core/Natives.def).
constexpr std::string_view kNativeSymbols[] = {
#define KCTX_NATIVE(name, symbol, size, step, trace) symbol,
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE
};

std::string syscall_label(const kernel::run::Syscall& r)
{
	const SyscallInfo* info = find_syscall(static_cast<uint32_t>(r.syscall));
	return info ? fmt::format("syscall {}", info->name) : std::string("syscall");
}

// A native frame's band, if it opens one; `top` is the kind of the band below it.
// Frames that open none run in the band below (module code, msleep, __run_timers…).
bool native_band(const kernel::NativeFrame& f, ExecKind top, ContextLevel& out)
{
	using kernel::NativeFn;
	switch (f.fn()) {
	case NativeFn::Syscall:
		// entry_SYSCALL_64: the mode switch into the kernel.
		out = {ExecKind::Kernel, syscall_label(f.as<kernel::run::Syscall>())};
		return true;
	case NativeFn::Interrupt: {
		// The handler runs in hardirq until __irq_exit_rcu(); after it the frame is only
		// the entry code, and the softirqs it runs get their own band.
		const auto& r = f.as<kernel::run::Interrupt>();
		using R = kernel::run::Interrupt::Resume;
		if (r.resume != R::Enter && r.resume != R::Hrtimers)
			return false;
		out = {ExecKind::Hardirq, r.vector == kernel::IrqVector::Timer ? "local timer" : "reschedule IPI"};
		return true;
	}
	case NativeFn::Softirqs: {
		const auto& r = f.as<kernel::run::Softirqs>();
		// Between a vector's handler being called and its return, next_nr is one past it.
		bool serving = r.resume == kernel::run::Softirqs::Resume::Handled && r.next_nr > 0;
		out = {ExecKind::Softirq,
		       serving ? fmt::format("softirq {}", softirq_name(r.next_nr - 1)) : std::string("softirq")};
		return true;
	}
	case NativeFn::Spin: out = {ExecKind::Spinning, "spinning on a lock"}; return true;
	case NativeFn::Schedule:
		// Its own band, so that a schedule() from softirq shows on top of the softirq.
		out = {ExecKind::Kernel, "schedule()"};
		return true;
	case NativeFn::FaultIn:
	case NativeFn::PageFault:
		if (top != ExecKind::User)
			return false;
		out = {ExecKind::Kernel, "page fault"};
		return true;
	default:
		// Any other kernel function entered from user mode is still a kernel entry.
		if (top != ExecKind::User)
			return false;
		out = {ExecKind::Kernel, std::string(kNativeSymbols[static_cast<size_t>(f.fn())])};
		return true;
	}
}

}  // namespace

std::string_view exec_kind_name(ExecKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::vector<std::string_view> exec_kind_names() { return {kKindNames.begin(), kKindNames.end()}; }

std::vector<ContextLevel> context_stack(const kernel::Machine& m, uint32_t cpu)
{
	const kernel::Cpu& c = m.cpus[cpu];
	std::vector<ContextLevel> levels;
	if (c.curr >= m.tasks.size()) {
		levels.push_back({ExecKind::Idle, fmt::format("swapper/{}", cpu)});
		return levels;
	}
	const kernel::Task& t = m.tasks[c.curr];
	if (c.curr == c.idle)
		levels.push_back({ExecKind::Idle, fmt::format("swapper/{}", cpu)});
	else if (t.user)
		levels.push_back({ExecKind::User, fmt::format("{}/{}", t.comm, t.pid)});
	else
		levels.push_back({ExecKind::Kernel, fmt::format("{}/{}", t.comm, t.pid)});
	for (const kernel::KFrame& frame : t.kstack) {
		const auto* nf = std::get_if<kernel::NativeFrame>(&frame);
		ContextLevel level;
		if (nf && native_band(*nf, levels.back().kind, level)) {
			levels.push_back(std::move(level));
			continue;
		}
		// Module code called straight from user mode (it cannot be) or from the idle loop
		// (an initcall never is): any frame on an idle or user band is kernel code.
		if (!nf && levels.back().kind == ExecKind::User)
			levels.push_back({ExecKind::Kernel, "kernel"});
	}
	return levels;
}

}  // namespace kctx::trace
