#include "check/Reduction.h"

#include <fmt/format.h>

#include "abi/Builtins.h"
#include "kernel/core/Images.h"
#include "vm/Program.h"

namespace kctx::check {

namespace {
// The builtins that read a spinlock's state without waiting for it.
bool observes_lock_word(abi::BuiltinId id) { return id == abi::BuiltinId::spin_trylock; }

std::string blocker_in(const vm::Program& p)
{
	for (const vm::Function& f : p.functions)
		for (size_t i = 0; i + 1 < f.code.size(); i++)
			if (f.code[i].op == vm::Op::CALLB && f.code[i + 1].bx() < static_cast<uint32_t>(abi::BuiltinId::Count)) {
				auto id = static_cast<abi::BuiltinId>(f.code[i + 1].bx());
				if (observes_lock_word(id))
					return fmt::format("{} calls {}()", p.name, abi::builtin(id).name);
			}
	for (const vm::Relocation& r : p.relocations)
		if (r.kind == vm::Relocation::Kind::Builtin && r.target < static_cast<uint32_t>(abi::BuiltinId::Count) &&
		    observes_lock_word(static_cast<abi::BuiltinId>(r.target)))
			return fmt::format("{} takes the address of {}()", p.name,
					   abi::builtin(static_cast<abi::BuiltinId>(r.target)).name);
	return "";
}
}  // namespace

std::string reduction_blocker(const kernel::Code& code)
{
	for (const vm::ProgramRef& p : code.modules)
		if (std::string why = blocker_in(*p); !why.empty())
			return why;
	return "";
}

bool released_lock(const kernel::Machine& m, const kernel::Code& code, uint32_t cpu)
{
	if (cpu >= m.cpus.size() || m.cpus[cpu].curr >= m.tasks.size())
		return false;
	const kernel::Task& task = m.tasks[m.cpus[cpu].curr];
	if (task.kstack.empty())
		return false;
	const auto* vf = std::get_if<kernel::VmFrame>(&task.kstack.back());
	if (!vf || vf->thread.frames.empty())
		return false;
	const vm::Frame& f = vf->thread.frames.back();
	if (f.image >= m.images.size())
		return false;
	const vm::Program* p = kernel::slot_program(m.images[f.image], code);
	if (!p || f.func >= p->functions.size())
		return false;
	// The step ended right after the call (its result written): the call's first word
	// is two words back (a superinstruction never ends in a call's own word: a call is
	// always a group's last part and keeps its words).
	const std::vector<vm::Insn>& c = p->functions[f.func].code;
	if (f.pc < 2 || f.pc > c.size() || c[f.pc - 2].op != vm::Op::CALLB)
		return false;
	auto id = static_cast<abi::BuiltinId>(c[f.pc - 1].bx());
	return id == abi::BuiltinId::spin_unlock || id == abi::BuiltinId::read_unlock || id == abi::BuiltinId::write_unlock;
}

bool may_continue(uint32_t cpu, std::span<const kernel::Choice> enabled, std::span<const uint8_t> irqs, uint32_t max_irqs)
{
	bool run = false;
	for (const kernel::Choice& c : enabled) {
		if (c.cpu != cpu)
			continue;
		if (c.kind == kernel::ChoiceKind::Run)
			run = true;
		else if (c.kind == kernel::ChoiceKind::Ipi || irqs[cpu] < max_irqs)
			return false;
	}
	return run;
}

}  // namespace kctx::check
