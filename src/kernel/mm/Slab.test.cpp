// The kmalloc caches and generic KASAN's shadow and quarantine (Slab.h), checked
// against Linux 6.1's rules: mm/kasan/{common,generic,report_generic,quarantine}.c,
// mm/slub.c, mm/slab_common.c.
#include "kernel/mm/Slab.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

constexpr uint64_t kBase = 0xffff888104a3c000ull;
constexpr uint64_t kBigQuarantine = 1ull << 30;

struct Heap {
	SlabState s;
	vm::Memory mem;
	explicit Heap(bool kasan, uint64_t quarantine_max = kBigQuarantine) { slab_init(s, kasan, kBase, quarantine_max); }
	uint64_t alloc(uint64_t size, int32_t pid = 100) { return slab_alloc(s, mem, size, KasanTrack{pid, {"a"}}); }
	FreeResult free(uint64_t p, int32_t pid = 100) { return slab_free(s, mem, p, KasanTrack{pid, {"f"}}); }
	const SlabCache& cache_of(uint64_t size) { return s.caches[kmalloc_cache_index(s, size)]; }
};

TEST(Slab, KmallocSizeClassesFollowKmallocInfo)
{
	Heap h(false);
	EXPECT_EQ(h.cache_of(1).name, "kmalloc-8");
	EXPECT_EQ(h.cache_of(9).name, "kmalloc-16");
	EXPECT_EQ(h.cache_of(64).name, "kmalloc-64");
	EXPECT_EQ(h.cache_of(65).name, "kmalloc-96");
	EXPECT_EQ(h.cache_of(100).name, "kmalloc-128");
	EXPECT_EQ(h.cache_of(129).name, "kmalloc-192");
	EXPECT_EQ(h.cache_of(1000).name, "kmalloc-1k");
	EXPECT_EQ(h.cache_of(8192).name, "kmalloc-8k");
}

TEST(Slab, KasanSlotsHoldTheRedzoneAndMetadata)
{
	// kasan_cache_create(): 64 + alloc meta 16 = 80 < 64 + optimal_redzone(64) 32 = 96,
	// then create_boot_cache()'s natural alignment of a power-of-two cache: 128.
	Heap h(true);
	EXPECT_EQ(h.cache_of(64).size, 128u);
	EXPECT_EQ(h.cache_of(96).size, 128u);     // 96 + 32, 8-aligned
	EXPECT_EQ(h.cache_of(8).size, 40u);       // 8 + 16 + free meta 16 (does not fit in 8 bytes)
	EXPECT_EQ(h.cache_of(16).size, 32u);
	EXPECT_EQ(h.cache_of(128).size, 256u);    // 128 + 64, aligned to 128
	Heap plain(false);
	EXPECT_EQ(plain.cache_of(64).size, 64u);
	EXPECT_EQ(plain.cache_of(96).size, 96u);
}

TEST(Slab, ShadowUnpoisonsExactlyTheRequestedSize)
{
	Heap h(true);
	uint64_t p = h.alloc(13);   // kmalloc-16
	EXPECT_EQ(p, kBase);
	EXPECT_EQ(kasan_shadow(h.s, p), 0);
	EXPECT_EQ(kasan_shadow(h.s, p + 8), 5);   // 13 - 8 bytes of the second granule
	EXPECT_EQ(kasan_shadow(h.s, p + 16), KASAN_SLAB_REDZONE);
	EXPECT_TRUE(kasan_access_ok(h.s, p, 13));
	EXPECT_TRUE(kasan_access_ok(h.s, p + 12, 1));
	EXPECT_FALSE(kasan_access_ok(h.s, p + 13, 1));
	EXPECT_FALSE(kasan_access_ok(h.s, p + 10, 4));   // straddles the end
	// The neighbour slot was never allocated: all redzone.
	EXPECT_EQ(kasan_shadow(h.s, p + 32), KASAN_SLAB_REDZONE);
	// Outside the slabs nothing is tracked.
	EXPECT_EQ(kasan_shadow(h.s, kBase - 8), 0);
}

TEST(Slab, BugTypesUse61Wording)
{
	Heap h(true);
	uint64_t p = h.alloc(10);
	uint64_t bad = kasan_first_bad_addr(h.s, p + 10, 1);
	EXPECT_EQ(bad, p + 10);
	EXPECT_STREQ(kasan_bug_type(h.s, bad), "slab-out-of-bounds");   // partial granule: look at the next
	EXPECT_EQ(h.free(p), FreeResult::Freed);
	EXPECT_EQ(kasan_shadow(h.s, p), KASAN_SLAB_FREETRACK);
	EXPECT_EQ(kasan_shadow(h.s, p + 8), KASAN_SLAB_FREE);   // the whole object_size is poisoned
	EXPECT_STREQ(kasan_bug_type(h.s, kasan_first_bad_addr(h.s, p + 4, 4)), "use-after-free");
	// A range whose first granule is fine names the first bad one.
	uint64_t q = h.alloc(64);
	EXPECT_EQ(kasan_first_bad_addr(h.s, q + 32, 64), q + 64);
}

TEST(Slab, KasanQuarantinesFreedObjectsInsteadOfReusingThem)
{
	Heap h(true);
	uint64_t p = h.alloc(64);
	ASSERT_EQ(h.free(p), FreeResult::Freed);
	EXPECT_TRUE(h.s.objects.at(p).quarantined);
	uint64_t q = h.alloc(64);
	EXPECT_NE(q, p);   // still in quarantine: a use-after-free keeps being caught
	EXPECT_EQ(h.s.objects.at(p).free.pid, 100);
}

TEST(Slab, KasanTracksKeepEachStackOnceInTheDepot)
{
	// kasan_save_stack() -> stack_depot_save(): a loop allocating from one place makes
	// one stack, whatever the number of objects; the tracks give the frames back.
	Heap h(true);
	std::vector<uint64_t> objects;
	for (int i = 0; i < 1000; i++)
		objects.push_back(slab_alloc(h.s, h.mem, 8, KasanTrack{100 + i % 3, {"kmalloc_trace+0x27/0x50", "fz_init+0x1d/0x40 [fz]"}}));
	EXPECT_EQ(h.s.depot.size(), 1u);
	ASSERT_EQ(h.free(objects[7], 300), FreeResult::Freed);
	EXPECT_EQ(h.s.depot.size(), 2u);   // the free stack: {"f"}
	const SlabObject& o = h.s.objects.at(objects[7]);
	KasanTrack alloc = slab_track(h.s, o.alloc), freed = slab_track(h.s, o.free);
	EXPECT_EQ(alloc.pid, 101);
	EXPECT_EQ(alloc.stack, (std::vector<std::string>{"kmalloc_trace+0x27/0x50", "fz_init+0x1d/0x40 [fz]"}));
	EXPECT_EQ(freed.pid, 300);
	EXPECT_EQ(freed.stack, std::vector<std::string>{"f"});
	// No stack saved (debian's allocations, a slot never handed out): no frames.
	EXPECT_TRUE(slab_track(h.s, SlabTrack{}).stack.empty());
}

TEST(Slab, TheQuarantineReleasesItsOldestObjectsPastItsLimit)
{
	Heap h(true, 256);   // room for two kmalloc-64 slots of 128 bytes
	uint64_t a = h.alloc(64), b = h.alloc(64), c = h.alloc(64);
	ASSERT_EQ(h.free(a), FreeResult::Freed);
	ASSERT_EQ(h.free(b), FreeResult::Freed);
	EXPECT_EQ(h.s.quarantine.size(), 2u);
	ASSERT_EQ(h.free(c), FreeResult::Freed);
	EXPECT_EQ(h.s.quarantine, (std::vector<uint64_t>{b, c}));
	EXPECT_FALSE(h.s.objects.at(a).quarantined);
	// Released objects stay poisoned until reused, and are reused first.
	EXPECT_EQ(kasan_shadow(h.s, a), KASAN_SLAB_FREETRACK);
	EXPECT_EQ(h.alloc(40), a);
	EXPECT_EQ(kasan_shadow(h.s, a + 40), KASAN_SLAB_REDZONE);
}

TEST(Slab, KasanDoubleAndInvalidFree)
{
	Heap h(true);
	uint64_t p = h.alloc(32);
	EXPECT_EQ(h.free(p + 8), FreeResult::InvalidFree);
	EXPECT_EQ(h.free(p), FreeResult::Freed);
	EXPECT_EQ(h.free(p), FreeResult::DoubleFree);
	EXPECT_EQ(h.free(kBase - 64), FreeResult::NotSlab);
	EXPECT_EQ(h.s.quarantine.size(), 1u);   // a refused free changes nothing
}

TEST(Slab, WithoutKasanTheFreedObjectIsReusedAtOnce)
{
	Heap h(false);
	uint64_t p = h.alloc(64);
	uint64_t q = h.alloc(64);
	EXPECT_EQ(q, p + 64);
	ASSERT_EQ(h.free(p), FreeResult::Freed);
	// SLUB's hardened free pointer sits in the middle of the freed object.
	const SlabCache& c = h.cache_of(64);
	uint64_t fp = 0;
	ASSERT_TRUE(h.mem.load(p + 32, fp));
	uint64_t next = p + 128;   // the freelist head before the free
	EXPECT_EQ(fp, next ^ c.random ^ __builtin_bswap64(p + 32));
	EXPECT_EQ(h.alloc(50), p);   // LIFO
}

TEST(Slab, WithoutKasanFreeingTheFreelistHeadIsTheHardenedBugOn)
{
	Heap h(false);
	uint64_t p = h.alloc(64), q = h.alloc(64);
	ASSERT_EQ(h.free(p), FreeResult::Freed);
	EXPECT_EQ(h.free(p), FreeResult::FreelistHeadBug);
	// Not the head any more: the double free goes unnoticed and corrupts the freelist,
	// so two allocations return the same object.
	ASSERT_EQ(h.free(q), FreeResult::Freed);
	ASSERT_EQ(h.free(p), FreeResult::Freed);
	uint64_t x = h.alloc(64), y = h.alloc(64), z = h.alloc(64);
	EXPECT_EQ(x, p);
	EXPECT_EQ(y, q);
	EXPECT_EQ(z, p);
}

TEST(Slab, WithoutKasanTheNextObjectIsWhatTheFreePointerDecodesTo)
{
	// mm/slub.c (6.1) slab_alloc_node() -> get_freepointer_safe() -> freelist_ptr():
	// the popped object's free pointer, XORed with s->random and swab(ptr_addr), is the
	// next head. Intact, it is the object kctx expects; overwritten after kfree() (a
	// use after free), it decodes to an address no slab holds, which the next
	// allocation then loads from (the general protection fault, Mem.cpp).
	Heap h(false);
	uint64_t p = h.alloc(64);
	ASSERT_EQ(h.free(p), FreeResult::Freed);
	EXPECT_EQ(h.alloc(64), p);
	EXPECT_TRUE(slab_locate(h.s, h.cache_of(64).freelist.back()).has_value());   // intact: p + 64

	ASSERT_EQ(h.free(p), FreeResult::Freed);
	const SlabCache& c = h.cache_of(64);
	uint64_t at = p + c.free_offset();
	ASSERT_TRUE(h.mem.store<uint64_t>(at, 0x4141414141414141ull));
	EXPECT_EQ(h.alloc(64), p);   // the object itself is handed out again
	uint64_t head = c.freelist.back();
	EXPECT_EQ(head, 0x4141414141414141ull ^ c.random ^ __builtin_bswap64(at));
	EXPECT_FALSE(slab_locate(h.s, head).has_value());

	// A free pointer overwritten with its own encoding of NULL ends the list: the next
	// allocation takes a new slab.
	Heap g(false);
	uint64_t q = g.alloc(32);
	ASSERT_EQ(g.free(q), FreeResult::Freed);
	const SlabCache& d = g.cache_of(32);
	ASSERT_TRUE(g.mem.store<uint64_t>(q + d.free_offset(), 0 ^ d.random ^ __builtin_bswap64(q + d.free_offset())));
	EXPECT_EQ(g.alloc(32), q);
	EXPECT_TRUE(d.freelist.empty());
}

TEST(Slab, NewSlabsAreAlignedToTheirSize)
{
	Heap h(true);
	uint64_t small = h.alloc(8);
	uint64_t big = h.alloc(2048);   // kmalloc-2k: 4 KiB slots, order 3
	EXPECT_EQ(small, kBase);
	EXPECT_EQ(big % (vm::kPageSize << 3), 0u);
	std::optional<SlabLocation> loc = slab_locate(h.s, big + 4000);
	ASSERT_TRUE(loc.has_value());
	EXPECT_EQ(loc->object, big);
	EXPECT_EQ(h.s.caches[loc->cache].name, "kmalloc-2k");
}

}  // namespace
}  // namespace kctx::kernel
