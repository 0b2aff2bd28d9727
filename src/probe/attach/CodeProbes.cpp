// Probes on the scenario's bytecode: module("M").statement("FN@FILE:LINE") (a kprobe on a
// line's first instruction) and process("PATH").function("FN")[.return] /
// .statement(...) (uprobes). The kernel runs watched code one instruction at a time and
// calls vm_insn before each (Hooks::watches); a site fires before each of its pcs.
#include "kernel/core/NativeFrame.h"
#include "probe/attach/EventContext.h"
#include "probe/attach/HitCost.h"

namespace kctx::probe {

int32_t KernelProbes::code_program(const vm::Program* p) const
{
	for (size_t i = 0; i < m_code_programs.size(); i++)
		if (m_code_programs[i] == p)
			return static_cast<int32_t>(i);
	return -1;
}

void KernelProbes::index_code()
{
	for (size_t i = 0; i < m_session.sites().size(); i++) {
		const ProbeSite& s = m_session.sites()[i];
		// process("PATH").begin and its kin name a program too, but watch no code.
		bool on_code = s.event == Event::FunctionEntry || s.event == Event::FunctionReturn ||
			       s.event == Event::Statement;
		if (!s.program || !on_code)
			continue;
		int32_t p = code_program(s.program);
		if (p < 0) {
			p = static_cast<int32_t>(m_code_programs.size());
			m_code_programs.push_back(s.program);
		}
		for (uint32_t pc : s.pcs)
			m_code_sites[code_key(p, s.func, pc)].push_back(i);
		// A .return site reads the parameters as they were at the call.
		if (s.event == Event::FunctionReturn)
			m_capture.insert(code_key(p, s.func, 0));
		(s.user ? m_watch_user : m_watch_module) = true;
	}
}

void KernelProbes::capture_entry(kernel::TaskId t, const vm::Thread& thread, const vm::Program& p, bool user)
{
	const vm::Frame& fr = thread.frames.back();
	const kernel::Task& task = m_kernel.machine().tasks[t];
	const vm::Memory* mem = user ? (task.user ? &task.user->mm : nullptr) : &m_kernel.machine().kmem;
	CodeCall call{thread.frames.size(), {}};
	if (fr.func < p.function_vars.size())
		for (const vm::VarInfo& v : p.function_vars[fr.func])
			if (v.param)
				if (std::optional<Value> val = read_frame_var(thread, p, mem, true, v.name))
					call.params.emplace_back(v.name, val->num());
	m_code_calls[t].push_back(std::move(call));
}

void KernelProbes::vm_insn(const kernel::Machine&, uint32_t cpu, kernel::TaskId t, const vm::Thread& thread, bool user)
{
	if (thread.frames.empty() || !m_session.running())
		return;
	const vm::Frame& fr = thread.frames.back();
	const std::vector<vm::Image>& images = m_kernel.images();
	if (fr.image >= images.size() || !images[fr.image].program)
		return;
	const vm::Program& p = *images[fr.image].program;
	int32_t pi = code_program(&p);
	if (pi < 0)
		return;
	// An instruction that faulted (a first touch of a page) is announced again when it
	// runs again: one hit per execution, so the retry is not one. (The one instruction
	// this also passes over is a jump to itself: `for (;;);`.)
	std::pair<uint64_t, size_t> here{code_key(pi, fr.func, fr.pc), thread.frames.size()};
	auto [last, fresh] = m_last_insn.try_emplace(t, here);
	if (!fresh && last->second == here)
		return;
	last->second = here;
	if (fr.pc == 0 && m_capture.contains(code_key(pi, fr.func, 0)))
		capture_entry(t, thread, p, user);
	auto it = m_code_sites.find(code_key(pi, fr.func, fr.pc));
	if (it == m_code_sites.end())
		return;
	for (size_t i : it->second) {
		const ProbeSite& s = m_session.sites()[i];
		EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
		ctx.function(s.module_function, std::nullopt, false);
		if (s.event != Event::FunctionReturn) {
			ctx.code_frame(&thread, &p, user, s.event == Event::FunctionEntry);
			hit(i, ctx);
			continue;
		}
		// Before a RET: the value it returns, and the parameters captured at the call
		// (a frame deeper than this one returned without a probe seeing it: longjmp).
		auto& calls = m_code_calls[t];
		while (!calls.empty() && calls.back().depth > thread.frames.size())
			calls.pop_back();
		if (!calls.empty() && calls.back().depth == thread.frames.size())
			for (const auto& [name, v] : calls.back().params)
				ctx.arg(name, v);
		const vm::Insn& insn = p.functions[fr.func].code[fr.pc];
		if (insn.op == vm::Op::RET && size_t{fr.base} + insn.a < thread.regs.size())
			ctx.arg("return", static_cast<int64_t>(thread.regs[fr.base + insn.a]));
		hit(i, ctx);
	}
	// The captured call ends with its frame (after every .return site at this RET ran).
	const vm::Insn& insn = p.functions[fr.func].code[fr.pc];
	if ((insn.op == vm::Op::RET || insn.op == vm::Op::RETV) && m_capture.contains(code_key(pi, fr.func, 0))) {
		auto& calls = m_code_calls[t];
		if (!calls.empty() && calls.back().depth == thread.frames.size())
			calls.pop_back();
	}
}

void KernelProbes::hit(size_t i, const EventContext& ctx)
{
	if (!m_session.running())
		return;
	m_session.fire(i, ctx);
	auto cpu = static_cast<size_t>(ctx.cpu());
	if (cpu >= m_cost.size())
		m_cost.resize(cpu + 1, 0);
	m_cost[cpu] += hit_cost_ns(m_session.sites()[i]);
}

uint64_t KernelProbes::take_cost_ns(uint32_t cpu)
{
	return cpu < m_cost.size() ? std::exchange(m_cost[cpu], 0) : 0;
}

}  // namespace kctx::probe
