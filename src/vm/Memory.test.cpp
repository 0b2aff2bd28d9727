#include "vm/Memory.h"

#include <gtest/gtest.h>

#include "base/Serialize.h"

namespace kctx::vm {
namespace {

constexpr uint64_t kBase = 0x10000;

Memory mapped()
{
	Memory m;
	m.map(kBase, 4 * kPageSize, "heap");
	return m;
}

uint64_t peek(const Memory& m, uint64_t addr)
{
	uint64_t v = 0;
	EXPECT_TRUE(m.load(addr, v));
	return v;
}

TEST(Memory, PagesAreZeroFilledOnFirstTouch)
{
	Memory m = mapped();
	EXPECT_FALSE(m.is_resident(kBase));
	EXPECT_EQ(peek(m, kBase + 8), 0u);
	EXPECT_FALSE(m.is_resident(kBase));   // a read only looks
	uint64_t v = 1;
	EXPECT_TRUE(m.read_fault_in(kBase + 8, &v, sizeof v));   // the running program's read
	EXPECT_EQ(v, 0u);
	EXPECT_TRUE(m.is_resident(kBase));
	EXPECT_TRUE(m.store(kBase + 2 * kPageSize, uint64_t{5}));
	EXPECT_TRUE(m.is_resident(kBase + 2 * kPageSize));
	EXPECT_FALSE(m.is_resident(kBase + kPageSize));
}

TEST(Memory, ReadingUnmappedAddressLeavesHashUnchanged)
{
	Memory m = mapped();
	m.map(0x40000, kPageSize, "none");
	ASSERT_TRUE(m.protect(0x40000, kPageSize, false, false));
	ASSERT_TRUE(m.store(kBase + 16, uint64_t{42}));
	const Memory before = m;
	const uint64_t hash = state_hash(m);
	// Resident, mapped but untouched, PROT_NONE, unmapped, and ranges across them.
	for (uint64_t a : {kBase + 16, kBase + kPageSize + 8, kBase + 4 * kPageSize - 4, uint64_t{0x40000},
			   kBase - 8, uint64_t{0x90000}}) {
		uint64_t v = 0;
		(void)m.load(a, v);
		char buf[64];
		(void)m.read(a, buf, sizeof buf);
		std::string s;
		(void)m.read_string(a, s, 32);
	}
	EXPECT_EQ(peek(m, kBase + kPageSize + 8), 0u);   // untouched reads as zeros
	EXPECT_EQ(peek(m, kBase + 16), 42u);
	EXPECT_TRUE(m == before);
	EXPECT_EQ(state_hash(m), hash);
	EXPECT_EQ(m.resident_pages(0, kKernelSpaceStart), 1u);
	// A write after reads of the same page still allocates it, and reads see the write.
	ASSERT_TRUE(m.store(kBase + kPageSize + 8, uint64_t{7}));
	EXPECT_EQ(peek(m, kBase + kPageSize + 8), 7u);
	EXPECT_FALSE(m == before);
}

TEST(Memory, UnmappedAndReadOnly)
{
	Memory m = mapped();
	m.map(0x40000, kPageSize, "rodata", false);
	uint32_t v = 0;
	EXPECT_FALSE(m.load(kBase - 4, v));
	EXPECT_FALSE(m.load(kBase + 4 * kPageSize, v));
	EXPECT_FALSE(m.load(kBase + 4 * kPageSize - 2, v));   // straddles the end
	EXPECT_FALSE(m.store(kBase - 1, uint8_t{1}));
	EXPECT_TRUE(m.load(0x40000, v));
	EXPECT_FALSE(m.store(0x40000, uint32_t{1}));
	EXPECT_FALSE(m.write(0x40000 - 2, "abcd", 4));
	ASSERT_NE(m.region_at(0x40010), nullptr);
	EXPECT_EQ(m.region_at(0x40010)->name, "rodata");
	EXPECT_EQ(m.region_at(0x30000), nullptr);
}

TEST(Memory, CopyIsCopyOnWrite)
{
	Memory a = mapped();
	ASSERT_TRUE(a.store<uint64_t>(kBase, 1));
	ASSERT_TRUE(a.store<uint64_t>(kBase + kPageSize, 10));
	Memory b = a;
	EXPECT_TRUE(a == b);

	// Writing the original leaves the copy alone, through the cached page pointer too.
	ASSERT_TRUE(a.store<uint64_t>(kBase, 2));
	EXPECT_EQ(peek(a, kBase), 2u);
	EXPECT_EQ(peek(b, kBase), 1u);
	ASSERT_TRUE(a.store<uint64_t>(kBase, 3));
	EXPECT_EQ(peek(b, kBase), 1u);
	EXPECT_FALSE(a == b);

	// And the other way round.
	ASSERT_TRUE(b.store<uint64_t>(kBase + kPageSize, 20));
	EXPECT_EQ(peek(a, kBase + kPageSize), 10u);
	EXPECT_EQ(peek(b, kBase + kPageSize), 20u);

	// Assignment shares as well.
	Memory c;
	c = b;
	ASSERT_TRUE(b.store<uint64_t>(kBase + kPageSize, 30));
	EXPECT_EQ(peek(c, kBase + kPageSize), 20u);
	ASSERT_TRUE(c.fill(kBase, 0xff, 8));
	EXPECT_EQ(peek(b, kBase), 1u);
	EXPECT_EQ(peek(c, kBase), ~uint64_t{0});
}

// The region list is shared between copies until one of them changes it: a map, unmap
// or protect in the copy leaves the original's regions as they were, and the other way.
TEST(Memory, CopiesShareRegionsUntilOneChangesThem)
{
	Memory a = mapped();
	Memory b = a;
	EXPECT_EQ(&a.regions(), &b.regions());   // shared, not copied
	b.map(kBase + 16 * kPageSize, kPageSize, "more");
	EXPECT_NE(&a.regions(), &b.regions());
	EXPECT_EQ(a.regions().size(), 1u);
	EXPECT_EQ(b.regions().size(), 2u);
	EXPECT_FALSE(a == b);
	Memory c = b;
	ASSERT_TRUE(c.protect(kBase, kPageSize, true, false));
	EXPECT_TRUE(b.region_at(kBase)->writable);
	EXPECT_FALSE(c.region_at(kBase)->writable);
	Memory d = c;
	d.unmap(kBase + 16 * kPageSize, kPageSize);
	EXPECT_NE(c.region_at(kBase + 16 * kPageSize), nullptr);
	EXPECT_EQ(d.region_at(kBase + 16 * kPageSize), nullptr);
	// Equal lists compare equal though not shared; a round trip keeps them.
	Memory e = mapped();
	EXPECT_TRUE(e == a);
	Result<Memory> back = deserialize_from_bytes<Memory>(serialize_to_bytes(b));
	ASSERT_TRUE(back.ok());
	EXPECT_TRUE(back.value() == b);
	Memory moved = std::move(e);
	EXPECT_TRUE(e.regions().empty());   // a moved-from memory maps nothing
	EXPECT_FALSE(e.write(kBase, "x", 1));
}

TEST(Memory, SnapshotAfterCachedWrite)
{
	// The write cache points into a page; a snapshot taken while it does must not see later
	// writes, whichever side makes them.
	Memory a = mapped();
	ASSERT_TRUE(a.store<uint32_t>(kBase + 100, 7));
	for (int round = 0; round < 3; round++) {
		Memory snap = a;
		ASSERT_TRUE(a.store<uint32_t>(kBase + 100, 8 + round));
		uint32_t v = 0;
		ASSERT_TRUE(snap.load(kBase + 100, v));
		EXPECT_EQ(v, static_cast<uint32_t>(7 + round));
		ASSERT_TRUE(snap.store<uint32_t>(kBase + 100, 99));
		ASSERT_TRUE(a.load(kBase + 100, v));
		EXPECT_EQ(v, static_cast<uint32_t>(8 + round));
	}
}

TEST(Memory, ReadWriteAcrossPages)
{
	Memory m = mapped();
	std::string text(3 * kPageSize / 2, 'x');
	for (size_t i = 0; i < text.size(); i++)
		text[i] = static_cast<char>('a' + i % 26);
	ASSERT_TRUE(m.write(kBase + 100, text.data(), text.size()));
	std::string back(text.size(), '\0');
	ASSERT_TRUE(m.read(kBase + 100, back.data(), back.size()));
	EXPECT_EQ(back, text);
	ASSERT_TRUE(m.store<uint64_t>(kBase + kPageSize - 3, 0x0102030405060708));
	EXPECT_EQ(peek(m, kBase + kPageSize - 3), 0x0102030405060708u);
}

TEST(Memory, ReadString)
{
	Memory m = mapped();
	ASSERT_TRUE(m.write(kBase + kPageSize - 3, "hello", 6));
	std::string s;
	ASSERT_TRUE(m.read_string(kBase + kPageSize - 3, s));
	EXPECT_EQ(s, "hello");
	ASSERT_TRUE(m.read_string(kBase + kPageSize - 3, s, 3));
	EXPECT_EQ(s, "hel");
	ASSERT_TRUE(m.fill(kBase + 4 * kPageSize - 4, 'z', 4));
	EXPECT_FALSE(m.read_string(kBase + 4 * kPageSize - 4, s));   // runs off the mapping
}

TEST(Memory, DiscardAndUnmap)
{
	Memory m = mapped();
	ASSERT_TRUE(m.store<uint64_t>(kBase, 5));
	ASSERT_TRUE(m.store<uint64_t>(kBase + kPageSize, 6));
	m.discard(kBase, kPageSize);
	EXPECT_FALSE(m.is_resident(kBase));
	EXPECT_EQ(peek(m, kBase), 0u);
	EXPECT_EQ(peek(m, kBase + kPageSize), 6u);
	m.unmap(kBase, 4 * kPageSize);
	uint64_t v = 0;
	EXPECT_FALSE(m.load(kBase + kPageSize, v));
	EXPECT_TRUE(m.regions().empty());
}

TEST(Memory, UnmapCutsTheRegionsItStraddles)
{
	// munmap() of the middle of a mapping leaves two mappings around a hole.
	Memory m = mapped();
	ASSERT_TRUE(m.store<uint64_t>(kBase, 1));
	ASSERT_TRUE(m.store<uint64_t>(kBase + kPageSize, 2));
	ASSERT_TRUE(m.store<uint64_t>(kBase + 3 * kPageSize, 4));
	m.unmap(kBase + kPageSize, 2 * kPageSize);
	ASSERT_EQ(m.regions().size(), 2u);
	EXPECT_EQ(m.regions()[0].end, kBase + kPageSize);
	EXPECT_EQ(m.regions()[1].start, kBase + 3 * kPageSize);
	EXPECT_EQ(m.regions()[1].name, "heap");
	uint64_t v = 0;
	EXPECT_FALSE(m.load(kBase + kPageSize, v));
	EXPECT_EQ(peek(m, kBase), 1u);
	EXPECT_EQ(peek(m, kBase + 3 * kPageSize), 4u);
	EXPECT_EQ(m.resident_pages(kBase, 4 * kPageSize), 2u);
}

TEST(Memory, ProtectKeepsContentsAndRefusesAccess)
{
	Memory m = mapped();
	ASSERT_TRUE(m.store<uint64_t>(kBase + kPageSize, 7));
	ASSERT_TRUE(m.protect(kBase + kPageSize, kPageSize, false, false));   // PROT_NONE
	ASSERT_EQ(m.regions().size(), 3u);
	uint64_t v = 0;
	EXPECT_FALSE(m.load(kBase + kPageSize, v));
	EXPECT_FALSE(m.store<uint64_t>(kBase + kPageSize, 8));
	EXPECT_EQ(peek(m, kBase), 0u);                     // the neighbours are untouched
	ASSERT_TRUE(m.protect(kBase + kPageSize, kPageSize, true, false));    // PROT_READ
	EXPECT_EQ(peek(m, kBase + kPageSize), 7u);
	EXPECT_FALSE(m.store<uint64_t>(kBase + kPageSize, 8));
	// A range with a hole is refused as a whole.
	EXPECT_FALSE(m.protect(kBase, 8 * kPageSize, true, true));
	EXPECT_FALSE(m.store<uint64_t>(kBase + kPageSize, 8));
	// The flags survive a copy and a round trip.
	Memory copy = m;
	EXPECT_FALSE(copy.load(kBase + kPageSize, v) && copy.store<uint64_t>(kBase + kPageSize, 1));
	Result<Memory> back = deserialize_from_bytes<Memory>(serialize_to_bytes(m));
	ASSERT_TRUE(back.ok());
	ASSERT_TRUE(back->protect(kBase + kPageSize, kPageSize, false, false));
	EXPECT_FALSE(back->load(kBase + kPageSize, v));
}

TEST(Memory, EqualityComparesContents)
{
	Memory a = mapped();
	Memory b = mapped();
	EXPECT_TRUE(a == b);
	ASSERT_TRUE(a.store<uint8_t>(kBase, 1));
	ASSERT_TRUE(b.store<uint8_t>(kBase, 1));
	EXPECT_TRUE(a == b);   // different pages, same bytes
	ASSERT_TRUE(b.store<uint8_t>(kBase + 1, 1));
	EXPECT_FALSE(a == b);
}

TEST(Memory, SerializationRoundTrip)
{
	Memory m = mapped();
	m.map(0x80000, kPageSize, "ro", false);
	ASSERT_TRUE(m.store<uint64_t>(kBase + 8, 0xdeadbeef));
	ASSERT_TRUE(m.store<uint64_t>(kBase + 3 * kPageSize, 42));
	std::string bytes = serialize_to_bytes(m);
	Result<Memory> back = deserialize_from_bytes<Memory>(bytes);
	ASSERT_TRUE(back.ok());
	EXPECT_TRUE(*back == m);
	EXPECT_EQ(peek(*back, kBase + 8), 0xdeadbeefu);
	EXPECT_EQ(back->regions(), m.regions());
	EXPECT_FALSE(back->store<uint8_t>(0x80000, 1));
	EXPECT_EQ(state_hash(*back), state_hash(m));
	// The copy is independent of the original.
	ASSERT_TRUE(back->store<uint64_t>(kBase + 8, 1));
	EXPECT_EQ(peek(m, kBase + 8), 0xdeadbeefu);
	EXPECT_FALSE(deserialize_from_bytes<Memory>(bytes.substr(0, bytes.size() - 10)).ok());
}

}  // namespace
}  // namespace kctx::vm

namespace kctx::vm {
namespace {

TEST(Memory, PageBudgetRefusesFirstTouchesPastIt)
{
	// The kernel's RAM limit: a touch that would create a page past the budget fails and
	// leaves nothing behind; pages already resident are written as usual; a copy starts
	// unlimited.
	Memory mem;
	mem.map(0x10000, 4 * kPageSize, "anon");
	mem.set_page_budget(1);
	EXPECT_TRUE(mem.store<uint32_t>(0x10000, 1));
	EXPECT_FALSE(mem.store<uint32_t>(0x11000, 2));
	uint32_t v = 0;
	EXPECT_FALSE(mem.read_fault_in(0x12000, &v, sizeof v));
	EXPECT_TRUE(mem.store<uint32_t>(0x10004, 3));
	EXPECT_EQ(mem.private_pages(), 1u);
	Memory copy = mem;
	EXPECT_TRUE(copy.store<uint32_t>(0x11000, 2));
	mem.set_page_budget(Memory::kNoPageLimit);
	EXPECT_TRUE(mem.store<uint32_t>(0x13000, 4));
	EXPECT_EQ(mem.private_pages(), 2u);
	EXPECT_EQ(mem.mapped_pages(), 4u);
	EXPECT_EQ(mem.page_table_pages(), 4u);   // PGD, PUD, PMD, one PTE page
	mem.drop_private_pages();
	EXPECT_EQ(mem.private_pages(), 0u);
	EXPECT_TRUE(mem.load<uint32_t>(0x10000, v));
	EXPECT_EQ(v, 0u);
}

}  // namespace
}  // namespace kctx::vm
