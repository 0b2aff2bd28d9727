// Shared memory objects seen through Memory: two address spaces mapping one object see
// each other's stores, each keeps its own PTEs (RSS) and protections, a split mapping
// keeps its page offset, and a copied table or Memory shares nothing with the original.
#include "vm/Shmem.h"

#include <gtest/gtest.h>

#include "base/Serialize.h"

namespace kctx::vm {
namespace {

constexpr uint64_t kA = 0x40000;   // where the first address space maps the object
constexpr uint64_t kB = 0x90000;   // the second, elsewhere

// A load by the program running in `m`: it maps the page (a plain read only looks).
uint64_t peek(Memory& m, uint64_t addr)
{
	uint64_t v = 0;
	EXPECT_TRUE(m.read_fault_in(addr, &v, sizeof v));
	return v;
}

struct TwoSpaces {
	ShmemTable table;
	Memory a, b;
	uint32_t id = 0;
	TwoSpaces()
	{
		id = table.create(4);
		a.attach_shmem(&table);
		b.attach_shmem(&table);
		a.map_shmem(kA, 4 * kPageSize, "shared", true, id);
		b.map_shmem(kB, 4 * kPageSize, "shared", true, id);
	}
};

TEST(Shmem, TwoMappingsSeeEachOthersStores)
{
	TwoSpaces s;
	ASSERT_TRUE(s.a.store<uint64_t>(kA + 8, 0x1111));
	EXPECT_EQ(peek(s.b, kB + 8), 0x1111u);
	// Both have the page cached now: a store through either reaches the other's cache.
	ASSERT_TRUE(s.b.store<uint64_t>(kB + 8, 0x2222));
	EXPECT_EQ(peek(s.a, kA + 8), 0x2222u);
	ASSERT_TRUE(s.a.write(kA + kPageSize - 4, "spans", 6));   // across pages 0 and 1
	std::string out;
	ASSERT_TRUE(s.b.read_string(kB + kPageSize - 4, out));
	EXPECT_EQ(out, "spans");
	ASSERT_NE(s.table.find(s.id), nullptr);
	EXPECT_EQ(s.table.find(s.id)->data.size(), 2u);
}

TEST(Shmem, EachSpaceCountsOnlyThePagesItTouched)
{
	TwoSpaces s;
	ASSERT_TRUE(s.a.fill(kA, 1, 3 * kPageSize));
	EXPECT_EQ(s.a.resident_pages(0, kKernelSpaceStart), 3u);
	EXPECT_EQ(s.a.resident_shmem_pages(0, kKernelSpaceStart), 3u);
	EXPECT_EQ(s.b.resident_pages(0, kKernelSpaceStart), 0u);
	EXPECT_FALSE(s.b.is_resident(kB));
	EXPECT_EQ(peek(s.b, kB + kPageSize) & 0xff, 1u);   // a read maps the page here too
	EXPECT_TRUE(s.b.is_resident(kB + kPageSize));
	EXPECT_EQ(s.b.resident_pages(0, kKernelSpaceStart), 1u);
}

TEST(Shmem, DiscardUnmapsThePageButTheObjectKeepsIt)
{
	TwoSpaces s;
	ASSERT_TRUE(s.a.store<uint64_t>(kA, 77));
	s.a.discard(kA, 4 * kPageSize);   // MADV_DONTNEED
	EXPECT_EQ(s.a.resident_pages(0, kKernelSpaceStart), 0u);
	EXPECT_EQ(peek(s.a, kA), 77u);
	EXPECT_EQ(s.a.resident_pages(0, kKernelSpaceStart), 1u);
}

TEST(Shmem, UnmapInOneSpaceLeavesTheOther)
{
	TwoSpaces s;
	ASSERT_TRUE(s.a.store<uint64_t>(kA, 5));
	s.a.unmap(kA, 4 * kPageSize);
	uint64_t v = 0;
	EXPECT_FALSE(s.a.load(kA, v));
	EXPECT_EQ(s.a.resident_pages(0, kKernelSpaceStart), 0u);
	EXPECT_EQ(peek(s.b, kB), 5u);
	ASSERT_TRUE(s.b.store<uint64_t>(kB, 6));
	EXPECT_EQ(peek(s.b, kB), 6u);
}

TEST(Shmem, ASplitMappingKeepsItsPageOffset)
{
	TwoSpaces s;
	s.a.unmap(kA, kPageSize);   // the rest maps the object's pages 1..3
	const Region* r = s.a.region_at(kA + kPageSize);
	ASSERT_NE(r, nullptr);
	EXPECT_EQ(r->pgoff, 1u);
	ASSERT_TRUE(s.a.store<uint64_t>(kA + 2 * kPageSize, 42));
	EXPECT_EQ(peek(s.b, kB + 2 * kPageSize), 42u);
	// An mprotect() split in the middle: the tail's offset moves with it.
	ASSERT_TRUE(s.b.protect(kB + 3 * kPageSize, kPageSize, true, false));
	EXPECT_EQ(s.b.region_at(kB + 3 * kPageSize)->pgoff, 3u);
	EXPECT_FALSE(s.b.store<uint64_t>(kB + 3 * kPageSize, 1));   // read-only here…
	ASSERT_TRUE(s.a.store<uint64_t>(kA + 3 * kPageSize, 9));   // …writable there
	EXPECT_EQ(peek(s.b, kB + 3 * kPageSize), 9u);
}

TEST(Shmem, ACopiedTableSharesNoPageWithTheOriginal)
{
	TwoSpaces s;
	ASSERT_TRUE(s.a.store<uint64_t>(kA, 1));
	EXPECT_EQ(peek(s.b, kB), 1u);   // b caches the page now
	ShmemTable snapshot = s.table;
	Memory copy = s.a;   // unbound: it belongs to whoever binds it
	copy.attach_shmem(&snapshot);
	EXPECT_TRUE(snapshot == s.table);
	EXPECT_TRUE(copy == s.a);
	ASSERT_TRUE(s.b.store<uint64_t>(kB, 2));   // through a pointer cached before the copy
	EXPECT_EQ(peek(copy, kA), 1u);
	EXPECT_EQ(peek(s.a, kA), 2u);
	EXPECT_FALSE(snapshot == s.table);
	ASSERT_TRUE(copy.store<uint64_t>(kA, 3));
	EXPECT_EQ(peek(s.a, kA), 2u);
}

TEST(Shmem, TableAndMemoryRoundTripThroughSerialization)
{
	TwoSpaces s;
	ASSERT_TRUE(s.a.store<uint64_t>(kA + kPageSize, 123));
	EXPECT_EQ(peek(s.b, kB + kPageSize), 123u);
	auto table = deserialize_from_bytes<ShmemTable>(serialize_to_bytes(s.table));
	ASSERT_TRUE(table.ok()) << table.error().message;
	auto b = deserialize_from_bytes<Memory>(serialize_to_bytes(s.b));
	ASSERT_TRUE(b.ok()) << b.error().message;
	EXPECT_TRUE(*table == s.table);
	EXPECT_TRUE(*b == s.b);
	EXPECT_EQ(b->resident_shmem_pages(0, kKernelSpaceStart), 1u);
	b->attach_shmem(&*table);
	EXPECT_EQ(peek(*b, kB + kPageSize), 123u);
	// Ids are not reused after a restore either.
	EXPECT_EQ(table->create(1), s.table.create(1));
}

TEST(Shmem, PtesAreState)
{
	TwoSpaces s;
	Memory before = s.b;
	EXPECT_EQ(peek(s.b, kB), 0u);   // maps page 0 in b: b is not what it was
	EXPECT_FALSE(before == s.b);
	s.b.drop_shmem_ptes();
	EXPECT_TRUE(before == s.b);
}

TEST(Shmem, DestroyedObjectsAreGone)
{
	ShmemTable t;
	uint32_t a = t.create(1), b = t.create(2);
	EXPECT_NE(a, b);
	t.destroy(a);
	EXPECT_EQ(t.find(a), nullptr);
	ASSERT_NE(t.find(b), nullptr);
	EXPECT_EQ(t.find(b)->pages, 2u);
	EXPECT_NE(t.create(1), a);
}

}  // namespace
}  // namespace kctx::vm
