// kernel.function("NAME")[.call|.return] probes: KernelProbes as kernel::Hooks' function
// observer (wants_functions). A kprobe fires on a function's first instruction, a
// kretprobe when it returns (kernel/kprobes.c); kctx's kernel tells this observer when a native frame
// steps and returns and when module code calls a builtin and gets its value back.
#include <fmt/format.h>

#include "abi/Builtins.h"
#include "kernel/core/NativeFrame.h"
#include "kernel/debug/CallTrace.h"
#include "probe/attach/EventContext.h"
#include "probe/run/Functions.h"

namespace kctx::probe {

void KernelProbes::index_functions()
{
	std::span<const KernelFunction> fns = kernel_functions();
	m_entry_sites.assign(fns.size(), {});
	m_return_sites.assign(fns.size(), {});
	m_native_fn.assign(static_cast<size_t>(kernel::NativeFn::Count), -1);
	m_builtin_fn.assign(static_cast<size_t>(abi::BuiltinId::Count), -1);
	for (size_t i = 0; i < fns.size(); i++) {
		(fns[i].kind == FunctionKind::Native ? m_native_fn : m_builtin_fn)[fns[i].index] = static_cast<int32_t>(i);
		if (fns[i].native >= 0)
			m_native_fn[static_cast<size_t>(fns[i].native)] = static_cast<int32_t>(i);
	}
	for (size_t i = 0; i < m_session.sites().size(); i++) {
		const ProbeSite& s = m_session.sites()[i];
		if (!s.module_function.empty() && !s.program) {
			m_module_sites.push_back(i);
			m_wants_functions = true;
		}
		if (s.function < 0 || s.program)
			continue;
		auto& by = s.event == Event::FunctionReturn ? m_return_sites : m_entry_sites;
		by[static_cast<size_t>(s.function)].push_back(i);
		// Only a session with function probes asks the kernel for function events.
		m_wants_functions = true;
	}
}

void KernelProbes::fire_function(Event e, uint32_t cpu, kernel::TaskId t, int32_t fn, std::span<const uint64_t> args,
				 std::optional<int64_t> ret, bool native)
{
	const std::vector<size_t>& sites = (e == Event::FunctionReturn ? m_return_sites : m_entry_sites)[static_cast<size_t>(fn)];
	if (sites.empty() || !m_session.running())
		return;
	const KernelFunction& f = kernel_functions()[static_cast<size_t>(fn)];
	EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
	for (size_t i = 0; i < f.params.size() && i < args.size(); i++)
		ctx.arg(std::string(f.params[i].name), static_cast<int64_t>(args[i]));
	if (ret)
		ctx.arg("return", *ret);
	// At entry the stack starts with the function itself at +0x0 (the kprobe's address);
	// a native's own frame is already pushed, and stands for it. A kretprobe's stack
	// starts at the caller the function returned to.
	std::optional<StackFrame> top;
	bool drop_top = false;
	if (e == Event::FunctionEntry && (native || f.native >= 0)) {
		// A builtin that kctx also runs as a native (schedule, wait_for_completion) has
		// the native's symbol, as the console's traces name it.
		uint32_t nf = f.kind == FunctionKind::Native ? f.index : static_cast<uint32_t>(f.native);
		top = StackFrame{kernel::kernel_symbol_address(f.name + "+0x0"), f.name, 0, native_function_size(nf), "kernel"};
		// From a builtin call the module's frame is on top, the native not pushed yet.
		drop_top = native;
	} else if (e == Event::FunctionEntry) {
		uint64_t addr = vm::kBuiltinTextBase + static_cast<uint64_t>(f.index) * vm::kBuiltinTextStride;
		top = StackFrame{addr, f.name, 0, vm::kBuiltinTextStride, "kernel"};
	}
	ctx.function(f.name, top, drop_top);
	for (size_t i : sites)
		hit(i, ctx);
}

bool KernelProbes::builtin_own_frame(const kernel::Machine& m, kernel::TaskId t, int32_t fn, size_t depth) const
{
	// Module code called schedule() (a builtin) and its handler pushed the native
	// schedule frame at `depth`, right above the module's frame: one call, which the
	// builtin's entry and return already report.
	auto it = m_pending_builtins.find(t);
	const auto& kstack = m.tasks[t].kstack;
	return it != m_pending_builtins.end() && !it->second.empty() && it->second.back().fn == fn && depth > 0 &&
	       depth - 1 < kstack.size() && std::holds_alternative<kernel::VmFrame>(kstack[depth - 1]);
}

void KernelProbes::native_step(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t)
{
	const auto& kstack = m.tasks[t].kstack;
	auto& seen = m_seen_natives[t];
	// Forget frames that are gone: popped without a return the kernel announced (a
	// syscall's or an interrupt's frame), or replaced by another native.
	size_t keep = 0;
	while (keep < seen.size()) {
		auto [depth, fn] = seen[keep];
		const auto* nf = depth < kstack.size() ? std::get_if<kernel::NativeFrame>(&kstack[depth]) : nullptr;
		if (!nf || static_cast<uint32_t>(nf->fn()) != fn)
			break;
		keep++;
	}
	seen.resize(keep);
	size_t top = kstack.size() - 1;
	const auto fn = static_cast<uint32_t>(std::get<kernel::NativeFrame>(kstack[top]).fn());
	if (!seen.empty() && seen.back().first == top)
		return;
	while (!seen.empty() && seen.back().first >= top)
		seen.pop_back();
	seen.emplace_back(top, fn);
	int32_t f = m_native_fn[fn];
	if (f >= 0 && !builtin_own_frame(m, t, f, top))
		fire_function(Event::FunctionEntry, cpu, t, f, {}, std::nullopt, true);
}

void KernelProbes::native_return(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t fn, int64_t ret)
{
	auto& seen = m_seen_natives[t];
	size_t depth = m.tasks[t].kstack.size();
	while (!seen.empty() && seen.back().first >= depth)
		seen.pop_back();
	int32_t f = m_native_fn[fn];
	if (f >= 0 && !builtin_own_frame(m, t, f, depth))
		fire_function(Event::FunctionReturn, cpu, t, f, {}, ret, true);
}

void KernelProbes::builtin_entry(const kernel::Machine&, uint32_t cpu, kernel::TaskId t, uint32_t id,
				 std::span<const uint64_t> args)
{
	int32_t f = m_builtin_fn[id];
	// Every call is remembered, probed or not, so that returns pair with their calls.
	m_pending_builtins[t].push_back(PendingCall{f, std::vector<uint64_t>(args.begin(), args.end())});
	if (f >= 0)
		fire_function(Event::FunctionEntry, cpu, t, f, args, std::nullopt, false);
}

void KernelProbes::builtin_return(const kernel::Machine&, uint32_t cpu, kernel::TaskId t, uint64_t value)
{
	auto& pending = m_pending_builtins[t];
	if (pending.empty())
		return;
	PendingCall call = std::move(pending.back());
	pending.pop_back();
	if (call.fn >= 0)
		fire_function(Event::FunctionReturn, cpu, t, call.fn, call.args, static_cast<int64_t>(value), false);
}

void KernelProbes::fire_module(Event e, uint32_t cpu, kernel::TaskId t, const ModuleCall& call,
			       std::optional<int64_t> ret, const vm::Thread* thread, const vm::Program* program)
{
	size_t z = call.key.find('\0');
	if (z == std::string::npos || !m_session.running())
		return;
	std::string mod = call.key.substr(0, z), fn = call.key.substr(z + 1);
	EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
	if (ret)
		ctx.arg("return", *ret);
	// On entry the module's frame is on top at +0x0: the Call Trace names it already;
	// its variables are read from it (the locals of its outermost block too).
	ctx.function(fn, std::nullopt, false);
	if (thread && program)
		ctx.code_frame(thread, program, false, true);
	bool named = false;
	for (size_t i : m_module_sites) {
		const ProbeSite& s = m_session.sites()[i];
		if (s.event != e || s.module != mod || s.module_function != fn)
			continue;
		// The parameters by name, as the call passed them (at entry, for a .return too).
		if (!named && s.module_vars) {
			const std::vector<std::string>& names = s.module_vars->names;
			for (size_t a = 0; a < names.size() && a < call.args.size(); a++)
				if (names[a] != "return" && !s.module_vars->vars[a].local)
					ctx.arg(names[a], static_cast<int64_t>(call.args[a]));
			named = true;
		}
		hit(i, ctx);
	}
}

void KernelProbes::vm_entry(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, std::span<const uint64_t> args)
{
	// The module and function of the frame just pushed (its outermost bytecode frame).
	const auto& vf = std::get<kernel::VmFrame>(m.tasks[t].kstack.back());
	std::string key;
	const vm::Program* program = nullptr;
	if (!vf.thread.frames.empty() && m_code) {
		const vm::Frame& fr = vf.thread.frames.front();
		const kernel::ImageSlot& slot = m.images[fr.image];
		if (slot.kind == kernel::ImageSlot::Kind::Module && slot.index < m_code->modules.size()) {
			const vm::Program& p = *m_code->modules[slot.index];
			if (fr.func < p.functions.size())
				key = p.name + '\0' + p.functions[fr.func].name;
			program = &p;
		}
	}
	ModuleCall call{std::move(key), {}};
	if (!call.key.empty())
		call.args.assign(args.begin(), args.end());
	fire_module(Event::FunctionEntry, cpu, t, call, std::nullopt, &vf.thread, program);
	m_module_calls[t].push_back(std::move(call));
}

void KernelProbes::vm_return(const kernel::Machine&, uint32_t cpu, kernel::TaskId t, int64_t ret)
{
	auto& calls = m_module_calls[t];
	if (calls.empty())
		return;
	ModuleCall call = std::move(calls.back());
	calls.pop_back();
	fire_module(Event::FunctionReturn, cpu, t, call, ret, nullptr, nullptr);
}

}  // namespace kctx::probe
