// mod (kernel.c cmd_mod()): MODULE (its struct module, __this_module), NAME, BASE (its
// text), SIZE (core size, as /proc/modules counts it) and OBJECT FILE. kctx has each
// module's debuginfo (its types, from the dump's sources), yet crash says "(not
// loaded)" until `mod -s` loads a .ko's: the column says where the symbols come from.
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "crash/Commands.h"
#include "vm/Memory.h"

namespace kctx::crash {

namespace {

uint64_t core_size(const Target& t, const kernel::Module& m)
{
	const vm::Image& img = t.images[m.image];
	uint64_t data = (img.program->data_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
	return img.data_base - img.text_base + std::max<uint64_t>(data, vm::kPageSize);
}

uint64_t module_struct(const Target& t, const kernel::Module& m)
{
	const vm::Image& img = t.images[m.image];
	const vm::Global* g = img.program->find_global("__this_module");
	return img.data_base + (g ? g->offset : 0);
}

}  // namespace

std::string cmd_mod(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "t", p))
		return usage_error("mod", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	std::vector<const kernel::Module*> mods;
	size_t width = 4;
	for (const kernel::Module& m : t.machine.modules)
		if (m.state != kernel::ModuleState::Gone) {
			mods.push_back(&m);
			width = std::max(width, m.name.size());
		}
	if (has_flag(p, 't')) {
		// -t: each module's taint flags; kctx's are all out-of-tree and unsigned.
		std::string out = fmt::format("{:<{}}  TAINT\n", "NAME", width);
		for (const kernel::Module* m : mods)
			out += fmt::format("{:<{}}  OE\n", m->name, width);
		return out;
	}
	if (mods.empty())
		return "mod: no modules loaded\n";
	std::string out = fmt::format("{:^16}  {:<{}}  {:^16}  {:>6}  OBJECT FILE\n", "MODULE", "NAME", width, "BASE", "SIZE");
	for (const kernel::Module* m : mods)
		out += fmt::format("{:16x}  {:<{}}  {:16x}  {:>6}  (not loaded)  [CONFIG_KALLSYMS]\n", module_struct(t, *m),
				   m->name, width, t.images[m->image].text_base, core_size(t, *m));
	return out;
}

}  // namespace kctx::crash
