#include "kernel/module/ModuleList.h"

#include <fmt/format.h>

namespace kctx::kernel {

std::string modules_linked_in(const std::vector<Module>& modules, const std::string& last_unloaded)
{
	std::string line = "Modules linked in:";
	// Newest first: load_module() list_add()s at the head.
	for (auto it = modules.rbegin(); it != modules.rend(); ++it) {
		if (it->state == ModuleState::Gone)
			continue;
		std::string flags = "OE";
		if (it->state == ModuleState::Coming)
			flags += '+';
		if (it->state == ModuleState::Going)
			flags += '-';
		line += fmt::format(" {}({})", it->name, flags);
	}
	if (!last_unloaded.empty())
		line += fmt::format(" [last unloaded: {}(OE)]", last_unloaded);
	return line;
}

void release_module_uses(std::vector<Module>& modules, Module& mod)
{
	for (uint32_t used : mod.uses)
		if (modules[used].refcnt > 0)
			modules[used].refcnt--;
	mod.uses.clear();
}

}  // namespace kctx::kernel
