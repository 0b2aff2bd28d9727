#include "kernel/module/ModuleArea.h"

#include "vm/Memory.h"

namespace kctx::kernel {

std::optional<uint64_t> module_area_alloc(ModuleArea& area, uint64_t size)
{
	uint64_t need = ((size + vm::kPageSize - 1) & ~(vm::kPageSize - 1)) + vm::kPageSize;
	if (size == 0 || need > kModulesLen)
		return std::nullopt;
	uint64_t start = kModulesVaddr;
	for (const auto& [used_start, used_size] : area.used) {
		if (used_start - start >= need)
			break;
		start = used_start + used_size;
	}
	if (kModulesEnd - start < need)
		return std::nullopt;
	area.used.emplace(start, need);
	return start;
}

void module_area_free(ModuleArea& area, uint64_t start) { area.used.erase(start); }

}  // namespace kctx::kernel
