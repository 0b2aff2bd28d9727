// The machine's RAM (mem=): how many pages it has, who uses them, and what the page
// allocator does when none are left (mm/page_alloc.c, mm/oom_kill.c, mm/vmalloc.c).
//
// Pages are counted as Linux counts them when they are really used: slab pages when a
// cache grows, a large kmalloc's and vmalloc's pages when they are allocated, a process's
// anonymous pages when its first touch faults them in, shmem pages, kernel stacks.
// Page tables are not counted. The count is derived where it can be (a process's
// resident pages, the slabs' pages) so it cannot drift; only the page blocks handed out
// by kmalloc_large and vmalloc are recorded here, by address.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kctx::kernel {

// include/linux/gfp_types.h (6.1): the bits kctx reads and prints.
inline constexpr uint64_t kGfpDma = 0x01, kGfpHighmem = 0x02, kGfpDma32 = 0x04, kGfpMovable = 0x08,
			  kGfpReclaimable = 0x10, kGfpHigh = 0x20, kGfpIo = 0x40, kGfpFs = 0x80, kGfpZeroBit = 0x100,
			  kGfpAtomicBit = 0x200, kGfpDirectReclaimBit = 0x400, kGfpKswapdReclaim = 0x800,
			  kGfpWrite = 0x1000, kGfpNowarn = 0x2000, kGfpRetryMayfail = 0x4000, kGfpNofail = 0x8000,
			  kGfpNoretry = 0x10000, kGfpMemalloc = 0x20000, kGfpComp = 0x40000, kGfpNomemalloc = 0x80000,
			  kGfpHardwall = 0x100000, kGfpThisnode = 0x200000, kGfpAccount = 0x400000;
inline constexpr uint64_t kGfpKernel = 0xcc0;            // __GFP_RECLAIM | __GFP_IO | __GFP_FS
// The page an anonymous fault allocates: vma_alloc_zeroed_movable_folio() asks for
// GFP_HIGHUSER_MOVABLE | __GFP_ZERO, and a folio adds __GFP_COMP (mm/memory.c, 6.1).
inline constexpr uint64_t kGfpUserFault = 0x140dca;
// include/linux/mmzone.h: MAX_ORDER 11; include/linux/mmzone.h PAGE_ALLOC_COSTLY_ORDER 3.
inline constexpr uint32_t kMaxOrder = 11;
inline constexpr uint32_t kCostlyOrder = 3;
// include/linux/slab.h: KMALLOC_MAX_SIZE = 1 << (MAX_ORDER + PAGE_SHIFT - 1), 4 MiB.
inline constexpr uint64_t kKmallocMaxSize = 1ull << (kMaxOrder + 12 - 1);

// mem= bounds and default. The kernel itself (its image, the boot allocations) keeps
// kRamReservedBytes, which is why mem= cannot go below kRamMinBytes.
inline constexpr uint64_t kRamDefaultBytes = 512ull << 20;
inline constexpr uint64_t kRamMinBytes = 32ull << 20;
inline constexpr uint64_t kRamMaxBytes = 16ull << 30;
inline constexpr uint64_t kRamReservedBytes = 16ull << 20;

struct RamState {
	uint64_t total_pages = 0;                 // mem= / PAGE_SIZE ("pages RAM")
	uint64_t reserved_pages = 0;              // the kernel's own ("pages reserved")
	std::map<uint64_t, uint64_t> blocks;      // kmalloc_large / vmalloc: address -> pages
	uint64_t block_pages = 0;                 // their sum
	std::set<uint32_t> oom_victims;           // TaskIds the OOM killer killed (MMF_OOM_SKIP: not chosen again)
	// warn_alloc()'s nopage_rs: DEFAULT_RATELIMIT_INTERVAL (5 s), burst 10.
	uint64_t warn_window_start = 0;
	uint32_t warn_printed = 0;
	uint32_t warn_missed = 0;
	bool operator==(const RamState&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(total_pages, reserved_pages, blocks, block_pages, oom_victims, warn_window_start, warn_printed, warn_missed);
	}
};

// One request to the page allocator: `pages` pages, as an order-`order` allocation with
// `gfp`; `callee` are the frames between __alloc_pages() and the caller (allocate_slab,
// kmalloc_large, ...), innermost first, for the traces a failure prints.
struct PageRequest {
	uint64_t pages = 1;
	uint32_t order = 0;
	uint64_t gfp = 0;
	std::vector<std::string> callee;
};

// %pGg (lib/vsprintf.c flags_string() over include/trace/events/mmflags.h's gfp names):
// "GFP_KERNEL|__GFP_ZERO". The names are tried in the table's order; leftover bits print
// as a hex number.
[[nodiscard]] std::string gfp_flag_names(uint64_t gfp);

// get_order(): the smallest order whose 2^order pages hold `bytes`.
[[nodiscard]] uint32_t page_order(uint64_t bytes);

}  // namespace kctx::kernel
