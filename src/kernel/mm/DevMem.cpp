#include "kernel/mm/DevMem.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>
#include <string_view>

namespace kctx::kernel::physmem {

namespace {

constexpr std::array<E820Entry, 8> kE820 = {{
	{0x0000000000000000ull, 0x000000000009fbffull, E820Type::Usable},
	{0x000000000009fc00ull, 0x000000000009ffffull, E820Type::Reserved},
	{0x00000000000f0000ull, 0x00000000000fffffull, E820Type::Reserved},
	{0x0000000000100000ull, 0x00000000bffdffffull, E820Type::Usable},
	{0x00000000bffe0000ull, 0x00000000bfffffffull, E820Type::Reserved},
	{0x00000000feffc000ull, 0x00000000feffffffull, E820Type::Reserved},
	{0x00000000fffc0000ull, 0x00000000ffffffffull, E820Type::Reserved},
	{0x0000000100000000ull, 0x000000023fffffffull, E820Type::Usable},
}};

// The iomem resource tree, flattened in /proc/iomem order. e820 entries below 1 MiB
// are inserted busy (e820.c do_mark_busy); reserved ranges above it are not, and
// neither are the PCI windows. The kernel itself sits at CONFIG_PHYSICAL_START
// (16 MiB, no KASLR), where __START_KERNEL_map's 0xffffffff81000000 points.
struct Resource {
	uint64_t start;
	uint64_t end;
	std::string_view name;
	int depth;
	bool ram;
	bool busy;
};

constexpr std::array<Resource, 23> kIomem = {{
	{0x00000000, 0x00000fff, "Reserved", 0, false, true},   // e820: update usable ==> reserved (page 0)
	{0x00001000, 0x0009fbff, "System RAM", 0, true, true},
	{0x0009fc00, 0x0009ffff, "Reserved", 0, false, true},
	{0x000a0000, 0x000bffff, "PCI Bus 0000:00", 0, false, false},
	{0x000c0000, 0x000c97ff, "Video ROM", 0, false, true},
	{0x000c9800, 0x000ca1ff, "Adapter ROM", 0, false, true},
	{0x000f0000, 0x000fffff, "Reserved", 0, false, true},
	{0x000f0000, 0x000fffff, "System ROM", 1, false, true},
	{0x00100000, 0xbffdffff, "System RAM", 0, true, true},
	{0x01000000, 0x01e0257f, "Kernel code", 1, true, true},
	{0x02000000, 0x0289efff, "Kernel rodata", 1, true, true},
	{0x02a00000, 0x02d6c6bf, "Kernel data", 1, true, true},
	{0x02fb4000, 0x033fffff, "Kernel bss", 1, true, true},
	{0xbffe0000, 0xbfffffff, "Reserved", 0, false, false},
	{0xc0000000, 0xfebfffff, "PCI Bus 0000:00", 0, false, false},
	{0xfd000000, 0xfdffffff, "0000:00:02.0", 1, false, false},
	{0xfec00000, 0xfec003ff, "IOAPIC 0", 0, false, true},
	{0xfed00000, 0xfed003ff, "HPET 0", 0, false, true},
	{0xfee00000, 0xfee00fff, "Local APIC", 0, false, true},
	{0xfeffc000, 0xfeffffff, "Reserved", 0, false, false},
	{0xfffc0000, 0xffffffff, "Reserved", 0, false, false},
	{0x100000000ull, 0x23fffffffull, "System RAM", 0, true, true},
	{0x240000000ull, 0x2bfffffffull, "PCI Bus 0000:00", 0, false, false},
}};

bool overlaps(const Resource& r, uint64_t start, uint64_t end) { return r.start <= end && r.end >= start; }

// The real-mode interrupt vector table SeaBIOS leaves: every vector at the default
// IRET (f000:ff53), the IBM-compatible entry points at their fixed addresses.
uint32_t ivt_entry(uint32_t vector)
{
	switch (vector) {
	case 0x02: return 0xf000e2c3;   // NMI
	case 0x05: return 0xf000ff54;   // print screen
	case 0x08: return 0xf000fea5;   // timer
	case 0x09: return 0xf000e987;   // keyboard
	case 0x0e: return 0xf000ef57;   // diskette
	case 0x10: return 0xc0000055;   // the VGA BIOS
	case 0x11: return 0xf000f84d;
	case 0x12: return 0xf000f841;
	case 0x13: return 0xf000e3fe;
	case 0x14: return 0xf000e739;
	case 0x15: return 0xf000f859;
	case 0x16: return 0xf000e82e;
	case 0x17: return 0xf000efd2;
	case 0x19: return 0xf000e6f2;
	case 0x1a: return 0xf000fe6e;
	case 0x1e: return 0xf000efc7;
	default: return 0xf000ff53;
	}
}

// The last 16 bytes of the system ROM: jmp f000:e05b, the BIOS date, the model byte.
constexpr std::array<uint8_t, 16> kResetVector = {0xea, 0x5b, 0xe0, 0x00, 0xf0, '0',  '6',  '/',
						  '2',  '3',  '/',  '9',  '9',  0x00, 0xfc, 0x00};

uint8_t firmware_byte(uint64_t a)
{
	if (a < 0x400) {
		uint32_t v = ivt_entry(static_cast<uint32_t>(a / 4));
		return static_cast<uint8_t>(v >> (8 * (a % 4)));
	}
	if (a < 0x500) {
		// BIOS data area: COM1 at 0x3f8, the EBDA at 9fc0:0000, 639 KiB of base memory.
		switch (a) {
		case 0x400: return 0xf8;
		case 0x401: return 0x03;
		case 0x40e: return 0xc0;
		case 0x40f: return 0x9f;
		case 0x413: return 0x7f;
		case 0x414: return 0x02;
		default: return 0;
		}
	}
	if (a >= 0xc0000 && a < 0xc9800) {
		// The VGA option ROM: signature, size in 512-byte blocks, "IBM" at 0x1e.
		uint64_t off = a - 0xc0000;
		static constexpr std::string_view kHead = "\x55\xaa\x4c";
		if (off < kHead.size())
			return static_cast<uint8_t>(kHead[off]);
		if (off >= 0x1e && off < 0x21)
			return static_cast<uint8_t>("IBM"[off - 0x1e]);
		return 0;
	}
	if (a >= 0xffff0 && a < 0x100000)
		return kResetVector[a - 0xffff0];
	if (a >= 0xfffffff0ull && a <= 0xffffffffull)
		return kResetVector[a - 0xfffffff0ull];   // the flash alias of the same ROM
	if (a >= 0xc0000000ull && a < 0x100000000ull && !(a >= 0xfffc0000ull))
		return 0xff;   // unclaimed MMIO reads all ones
	if (a >= kHighMemory)
		return 0xff;
	return 0;
}

}   // namespace

std::span<const E820Entry> e820_table() { return kE820; }

bool page_is_ram(uint64_t pfn)
{
	uint64_t start = pfn * kPageSize;
	uint64_t end = start + kPageSize - 1;
	for (const Resource& r : kIomem)
		if (r.ram && r.depth == 0 && r.start <= start && r.end >= end)
			return true;
	return false;
}

bool pfn_valid(uint64_t pfn)
{
	constexpr uint64_t kSection = 128ull << 20;   // SECTION_SIZE_BITS 27
	uint64_t section = pfn * kPageSize / kSection;
	for (const E820Entry& e : kE820)
		if (e.type == E820Type::Usable && e.start / kSection <= section &&
		    e.end / kSection >= section)
			return true;
	return false;
}

int devmem_is_allowed(uint64_t pfn)
{
	uint64_t start = pfn * kPageSize;
	uint64_t end = start + kPageSize - 1;
	// region_intersects(..., IORESOURCE_SYSTEM_RAM, ...) != REGION_DISJOINT
	for (const Resource& r : kIomem)
		if (r.ram && overlaps(r, start, end))
			return pfn < 256 ? 2 : 0;
	// iomem_is_exclusive(): with CONFIG_IO_STRICT_DEVMEM every busy resource is.
	for (const Resource& r : kIomem)
		if (r.busy && overlaps(r, start, end))
			return pfn < 256 ? 1 : 0;
	return 1;
}

bool valid_phys_addr_range(uint64_t addr, uint64_t count)
{
	return addr + count <= kHighMemory && addr + count >= addr;
}

void firmware_bytes(uint64_t addr, std::span<uint8_t> out)
{
	for (size_t i = 0; i < out.size(); i++)
		out[i] = firmware_byte(addr + i);
}

std::string proc_iomem()
{
	std::string s;
	for (const Resource& r : kIomem)
		s += fmt::format("{:{}}{:08x}-{:08x} : {}\n", "", r.depth * 2, r.start, r.end, r.name);
	return s;
}

}   // namespace kctx::kernel::physmem
