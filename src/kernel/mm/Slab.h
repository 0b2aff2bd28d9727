// The kmalloc caches (mm/slub.c, mm/slab_common.c) and generic KASAN's view of them
// (mm/kasan/generic.c, common.c, quarantine.c), as plain data in the Machine and pure
// functions over it, so that the shadow and quarantine rules are unit-tested without a
// running kernel (Slab.test.cpp).
//
// What is modelled:
// - kmalloc-8 … kmalloc-8k, objects carved out of slabs (page blocks in the direct map),
//   handed out LIFO from one freelist per cache (SLUB's per-CPU freelists merged: kctx's
//   simplification; CONFIG_SLAB_FREELIST_RANDOM's shuffled order is not modelled).
// - with KASAN (the debug profile): each slot is the object plus KASAN's redzone and
//   metadata (kasan_cache_create(): alloc meta after the object, optimal_redzone()),
//   aligned as create_boot_cache() aligns power-of-two caches; the shadow says which
//   bytes are addressable: exactly the requested size (kasan_kmalloc() unpoisons `size`,
//   not the cache's object size); freed objects wait in the quarantine before the
//   freelist gets them back.
// - without KASAN (debian): slots are the object size; a freed object goes straight back
//   to the freelist head with SLUB's hardened free pointer written in its middle, and
//   freeing the object that already is the head hits set_freepointer()'s BUG_ON.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kernel/mm/StackDepot.h"
#include "vm/Memory.h"

namespace kctx::kernel {

// Generic KASAN's shadow values (mm/kasan/kasan.h, 6.1).
inline constexpr uint8_t KASAN_PAGE_FREE = 0xff;
inline constexpr uint8_t KASAN_PAGE_REDZONE = 0xfe;
inline constexpr uint8_t KASAN_SLAB_REDZONE = 0xfc;
inline constexpr uint8_t KASAN_SLAB_FREE = 0xfb;
inline constexpr uint8_t KASAN_SLAB_FREETRACK = 0xfa;
inline constexpr uint64_t KASAN_GRANULE_SIZE = 8;

// KMALLOC_MAX_CACHE_SIZE on SLUB: 2 pages. Larger kmallocs go to the page allocator.
inline constexpr uint64_t kKmallocMaxCacheSize = 8192;

// A stack saved by kasan_save_stack(): who, and the frames as stack_depot_print shows them.
struct KasanTrack {
	int32_t pid = 0;
	std::vector<std::string> stack;
	// SLUB's struct track has them too (mm/slub.c set_track(): cpu, when = jiffies),
	// which 4.4's "INFO: Allocated in … age=… cpu=… pid=…" prints.
	uint32_t cpu = 0;
	uint64_t jiffies = 0;
	bool operator==(const KasanTrack&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(pid, stack, cpu, jiffies); }
};

// struct kasan_track as an object keeps it: the pid and the stack's handle in the
// SlabState's depot (StackDepot.h).
struct SlabTrack {
	int32_t pid = 0;
	StackHandle stack = 0;
	uint32_t cpu = 0;
	uint64_t jiffies = 0;
	bool operator==(const SlabTrack&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(pid, stack, cpu, jiffies); }
};

// An object that has been handed out at least once.
struct SlabObject {
	uint32_t cache = 0;
	uint64_t size = 0;          // what kmalloc was asked for
	bool freed = false;         // kfree'd (quarantined, or back on the freelist)
	bool quarantined = false;
	SlabTrack alloc;
	SlabTrack free;
	bool operator==(const SlabObject&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(cache, size, freed, quarantined, alloc, free); }
};

struct SlabCache {
	std::string name;           // "kmalloc-64"
	uint32_t object_size = 0;   // cache->object_size
	uint32_t size = 0;          // the slot: object + redzone + metadata, aligned
	uint32_t order = 0;         // slab = PAGE_SIZE << order
	uint64_t random = 0;        // s->random, CONFIG_SLAB_FREELIST_HARDENED's key
	std::vector<uint64_t> freelist;   // back() is the head
	bool operator==(const SlabCache&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(name, object_size, size, order, random, freelist); }
	[[nodiscard]] uint64_t slab_bytes() const { return vm::kPageSize << order; }
	[[nodiscard]] uint32_t objects() const { return static_cast<uint32_t>(slab_bytes() / size); }
	[[nodiscard]] uint32_t free_offset() const { return (object_size / 2) & ~7u; }   // s->offset
};

struct SlabState {
	bool kasan = false;
	uint64_t base = 0;                         // where the first slab goes
	std::vector<SlabCache> caches;
	std::map<uint64_t, uint32_t> slabs;        // slab start -> cache
	std::map<uint64_t, SlabObject> objects;    // by address
	std::vector<uint64_t> quarantine;          // oldest first
	uint64_t quarantine_bytes = 0;
	uint64_t quarantine_max = 0;               // quarantine.c: 1/32 of RAM
	uint64_t next_slab = 0;                    // bump pointer for new slabs
	uint64_t pages = 0;                        // pages all slabs hold (slab_unreclaimable)
	bool kasan_reported = false;               // KASAN_BIT_REPORTED: one report unless multi-shot
	uint64_t kasan_pass = 0;                   // an access just reported runs once unchecked (addr+1)
	std::map<uint64_t, uint32_t> kmem_caches;  // kmem_cache_create()'s caches: struct kmem_cache address -> cache
	StackDepot depot;                          // the stacks the objects' tracks name
	bool operator==(const SlabState&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(kasan, base, caches, slabs, objects, quarantine, quarantine_bytes, quarantine_max, next_slab, pages, kasan_reported,
		   kasan_pass, kmem_caches, depot);
	}
};

// Where an address lies among the slabs.
struct SlabLocation {
	uint32_t cache = 0;
	uint64_t slab = 0;      // the slab's first byte
	uint64_t object = 0;    // nearest_obj(): the slot the address falls in
	bool in_slot = true;    // false: the slab's tail, past its last slot
};

enum class FreeResult : uint8_t {
	Freed,
	NotSlab,            // not a slab object at all (kfree of a large kmalloc, or garbage)
	InvalidFree,        // inside a slab but not an object's start (KASAN: invalid-free)
	DoubleFree,         // KASAN: the object is not allocated (double-free)
	FreelistHeadBug,    // no KASAN: the object already is the freelist head (BUG_ON)
};

// Builds the kmalloc caches. `base` is where slabs are carved from.
void slab_init(SlabState& s, bool kasan, uint64_t base, uint64_t quarantine_max);
// kmalloc_index(): the cache for `size` (1..kKmallocMaxCacheSize).
[[nodiscard]] uint32_t kmalloc_cache_index(const SlabState& s, uint64_t size);
// slab_alloc(): an object for `size` bytes, mapping a new slab in `mem` when the
// freelist is empty.
uint64_t slab_alloc(SlabState& s, vm::Memory& mem, uint64_t size, KasanTrack track);
// kmem_cache_create(): a cache of `object_size`-byte objects named `name`, after the
// kmalloc caches (SLUB would merge it with a kmalloc cache of the same size on debian;
// kctx keeps it apart, as KASAN's SLAB_KASAN does). Returns its index.
uint32_t slab_create_cache(SlabState& s, std::string name, uint32_t object_size, uint32_t align);
// slab_alloc() from cache `ci` (a kmem_cache_alloc()): `size` is what KASAN unpoisons.
uint64_t slab_alloc_from(SlabState& s, vm::Memory& mem, uint32_t ci, uint64_t size, KasanTrack track);
// The pages a slab_alloc_from(ci) takes from the page allocator: a new slab's when the
// cache's freelist is empty, else none.
[[nodiscard]] uint64_t slab_pages_needed(const SlabState& s, uint32_t ci);
// How many objects of cache `ci` are allocated (not freed).
[[nodiscard]] uint32_t slab_objects_in_use(const SlabState& s, uint32_t ci);
// An object's track with its stack, as the KASAN report prints it.
[[nodiscard]] KasanTrack slab_track(const SlabState& s, const SlabTrack& t);
// slab_free(): with KASAN, checks (____kasan_slab_free) and quarantines; without, puts
// the object back on the freelist and writes SLUB's free pointer into it.
FreeResult slab_free(SlabState& s, vm::Memory& mem, uint64_t addr, KasanTrack track);
[[nodiscard]] std::optional<SlabLocation> slab_locate(const SlabState& s, uint64_t addr);
// The shadow byte of the granule holding addr (0 outside the slabs).
[[nodiscard]] uint8_t kasan_shadow(const SlabState& s, uint64_t addr);
// check_region_inline(): may [addr, addr+size) be accessed?
[[nodiscard]] bool kasan_access_ok(const SlabState& s, uint64_t addr, uint64_t size);
// kasan_find_first_bad_addr() and kasan_get_bug_type() for generic KASAN (6.1 wording).
[[nodiscard]] uint64_t kasan_first_bad_addr(const SlabState& s, uint64_t addr, uint64_t size);
[[nodiscard]] const char* kasan_bug_type(const SlabState& s, uint64_t first_bad_addr);
// The window of kernel memory the slabs use so far, for the interpreter's AccessCheck.
[[nodiscard]] uint64_t slab_area_start(const SlabState& s);
[[nodiscard]] uint64_t slab_area_end(const SlabState& s);

}  // namespace kctx::kernel
