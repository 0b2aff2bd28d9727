#include "check/Store.h"

#include <gtest/gtest.h>

namespace kctx::check {
namespace {

TEST(Store, CompactGrowsAndKeepsEveryHash)
{
	Store s(HashMode::Compact, 0);
	for (uint64_t i = 0; i < 100'000; i++)
		ASSERT_TRUE(s.insert("", i * 0x9e3779b97f4a7c15ull));
	for (uint64_t i = 0; i < 100'000; i++)
		ASSERT_FALSE(s.insert("", i * 0x9e3779b97f4a7c15ull));
	EXPECT_EQ(s.size(), 100'000u);
	// At most half full, 8 bytes a slot: at most 32 bytes a state, at least 16.
	EXPECT_LE(s.bytes(), 32u * 100'000u);
	EXPECT_GE(s.bytes(), 16u * 100'000u);
}

TEST(Store, DepthTrackingReexpandsAShallowerArrival)
{
	Store s(HashMode::Compact, 0, true);
	EXPECT_TRUE(s.insert("", 42, 10));
	EXPECT_FALSE(s.insert("", 42, 10));
	EXPECT_FALSE(s.insert("", 42, 12));
	EXPECT_TRUE(s.insert("", 42, 7));
	EXPECT_EQ(s.size(), 1u);
	Store e(HashMode::Exact, 0, true);
	EXPECT_TRUE(e.insert("abc", 0, 5));
	EXPECT_FALSE(e.insert("abc", 0, 5));
	EXPECT_TRUE(e.insert("abc", 0, 4));
	EXPECT_EQ(e.bytes(), 3u);
}

TEST(Store, BitstateHasFixedMemory)
{
	Store s(HashMode::Bitstate, 20);   // 2^20 bits: 128 KiB
	EXPECT_EQ(s.bytes(), 128u * 1024u);
	uint64_t fresh = 0;
	for (uint64_t i = 1; i <= 10'000; i++)
		fresh += s.insert("", i * 0xbf58476d1ce4e5b9ull);
	EXPECT_GT(fresh, 9'900u);   // few losses while the array is sparse
	EXPECT_FALSE(s.insert("", 1 * 0xbf58476d1ce4e5b9ull));
	EXPECT_EQ(s.bytes(), 128u * 1024u);
}

TEST(Store, ClearForgets)
{
	Store s(HashMode::Compact, 0);
	EXPECT_TRUE(s.insert("", 7));
	s.clear();
	EXPECT_TRUE(s.insert("", 7));
}

}  // namespace
}  // namespace kctx::check
