#include "probe/attach/CodeVars.h"

#include "probe/run/CTypes.h"
#include "probe/run/CodeSites.h"

namespace kctx::probe {

namespace {

int64_t extend(uint64_t raw, const vm::VarInfo& v)
{
	return extend_value(raw, v.size, v.is_signed);
}

}  // namespace

std::optional<Value> read_frame_var(const vm::Thread& thread, const vm::Program& program, const vm::Memory* mem,
				    bool at_entry, const std::string& name)
{
	const vm::Frame& fr = thread.frames.back();
	const vm::VarInfo* v = find_var(program, fr.func, at_entry ? std::nullopt : std::optional<uint32_t>(fr.pc), name);
	if (!v)
		return std::nullopt;
	if (v->where == vm::VarInfo::Where::Reg) {
		size_t r = size_t{fr.base} + v->at;
		return r < thread.regs.size() ? std::optional<Value>(Value::of(extend(thread.regs[r], *v))) : std::nullopt;
	}
	uint64_t addr = fr.fp + v->at;
	if (!v->scalar)
		return Value::of(static_cast<int64_t>(addr));
	uint64_t raw = 0;
	if (!mem || !mem->read(addr, &raw, v->size))
		return std::nullopt;
	return Value::of(extend(raw, *v));
}

std::optional<Value> read_module_global(const kernel::Machine& m, const std::vector<vm::Image>& images,
					const ModuleGlobalInfo& g)
{
	for (const vm::Image& img : images) {
		if (img.program != g.program || img.unloaded)
			continue;
		uint64_t addr = img.data_base + g.offset;
		if (!g.scalar)
			return Value::of(static_cast<int64_t>(addr));
		uint64_t raw = 0;
		if (!m.kmem.read(addr, &raw, g.size))
			return std::nullopt;
		return Value::of(extend_value(raw, g.size, g.is_signed));
	}
	return std::nullopt;
}

std::string program_path(const std::string& name)
{
	return "/" + name;
}

std::vector<StackFrame> user_backtrace(const kernel::Machine& m, const std::vector<vm::Image>& images, kernel::TaskId t)
{
	std::vector<StackFrame> out;
	const kernel::Task& task = m.tasks[t];
	if (!task.user)
		return out;
	const std::vector<vm::Frame>& frames = task.user->thread.frames;
	for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
		if (it->image >= images.size() || !images[it->image].program)
			continue;
		const vm::Program& p = *images[it->image].program;
		if (it->func >= p.functions.size())
			continue;
		const vm::Function& fn = p.functions[it->func];
		uint64_t addr = vm::frame_address(images, *it);
		uint64_t start = images[it->image].text_base + fn.text_offset;
		out.push_back(StackFrame{addr, fn.name, addr - start, fn.text_size(), program_path(p.name)});
	}
	return out;
}

}  // namespace kctx::probe
