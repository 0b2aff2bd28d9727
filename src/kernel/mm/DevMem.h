// Physical memory as /dev/mem and /dev/crash see it: the firmware's e820 map of a QEMU
// machine with 8 GiB (SeaBIOS), the iomem resource tree the kernel builds from it
// (arch/x86/kernel/e820.c, kernel/resource.c), CONFIG_STRICT_DEVMEM's
// devmem_is_allowed() (arch/x86/mm/init.c), and what the non-RAM pages hold.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace kctx::kernel::physmem {

inline constexpr uint64_t kPageSize = 4096;
inline constexpr uint64_t kPageOffset = 0xffff888000000000ull;   // the direct map (no KASLR)
inline constexpr uint64_t kHighMemory = 0x240000000ull;          // __pa(high_memory): the end of RAM

enum class E820Type : uint8_t { Usable, Reserved };

struct E820Entry {
	uint64_t start = 0;
	uint64_t end = 0;   // inclusive, as the kernel prints it
	E820Type type = E820Type::Usable;
};

// The BIOS-e820 table SeaBIOS hands a QEMU guest started with -m 8G.
[[nodiscard]] std::span<const E820Entry> e820_table();

// page_is_ram(): the page lies in "System RAM" (page 0 is reserved by the kernel).
[[nodiscard]] bool page_is_ram(uint64_t pfn);
// pfn_valid() with SPARSEMEM: the pfn's 128 MiB section holds some RAM.
[[nodiscard]] bool pfn_valid(uint64_t pfn);
// devmem_is_allowed() under CONFIG_STRICT_DEVMEM and CONFIG_IO_STRICT_DEVMEM:
// 0 refused, 1 readable, 2 readable as zeros (RAM in the first megabyte).
[[nodiscard]] int devmem_is_allowed(uint64_t pfn);
// drivers/char/mem.c valid_phys_addr_range()
[[nodiscard]] bool valid_phys_addr_range(uint64_t addr, uint64_t count);

// The bytes of non-RAM physical memory: the real-mode interrupt vectors and BIOS data
// area, the option ROMs, the system ROM (reset vector and BIOS date), and 0xff for
// unclaimed MMIO. RAM is read through the kernel's direct map, not here.
void firmware_bytes(uint64_t addr, std::span<uint8_t> out);

// /proc/iomem as root sees it.
[[nodiscard]] std::string proc_iomem();

}   // namespace kctx::kernel::physmem
