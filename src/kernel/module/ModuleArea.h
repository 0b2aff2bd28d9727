// The module area: the window of vmalloc space module_alloc() draws every module's
// memory from (arch/x86/kernel/module.c module_alloc(): __vmalloc_node_range() between
// MODULES_VADDR and MODULES_END). Plain data, part of the Machine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

namespace kctx::kernel {

// arch/x86/include/asm/pgtable_64_types.h: MODULES_VADDR is __START_KERNEL_map +
// KERNEL_IMAGE_SIZE (1 GiB with CONFIG_RANDOMIZE_BASE, as on debian) and MODULES_END
// 0xffffffffff000000, the start of the fixmap: MODULES_LEN is 1008 MiB.
inline constexpr uint64_t kModulesVaddr = 0xffffffffc0000000ull;
inline constexpr uint64_t kModulesEnd = 0xffffffffff000000ull;
inline constexpr uint64_t kModulesLen = kModulesEnd - kModulesVaddr;

struct ModuleArea {
	std::map<uint64_t, uint64_t> used;   // start -> bytes reserved (with the guard page)

	bool operator==(const ModuleArea&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(used); }
};

// The lowest free range of `size` bytes (page-rounded) in the area, reserved, or nullopt
// when none is left: mm/vmalloc.c alloc_vmap_area() takes the lowest-address fit, and
// each vm_struct is followed by a guard page (no VM_NO_GUARD).
[[nodiscard]] std::optional<uint64_t> module_area_alloc(ModuleArea& area, uint64_t size);
// Frees what module_area_alloc returned at `start` (vfree() of the module's memory).
void module_area_free(ModuleArea& area, uint64_t start);

}  // namespace kctx::kernel
