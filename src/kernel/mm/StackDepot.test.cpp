// The stack depot (StackDepot.h): one copy per distinct stack, handles from 1, and an
// index that is a cache: a depot read back from its serialized form, or copied, finds
// the stacks it already holds.
#include "kernel/mm/StackDepot.h"

#include <gtest/gtest.h>

#include "base/Serialize.h"

namespace kctx::kernel {
namespace {

const std::vector<std::string> kA = {"kmalloc_trace+0x27/0x50", "a_init+0x12/0x30 [a]"};
const std::vector<std::string> kB = {"kmalloc_trace+0x27/0x50", "b_init+0x12/0x30 [b]"};

TEST(StackDepot, SavesEachDistinctStackOnce)
{
	StackDepot d;
	StackHandle a = d.save(kA), b = d.save(kB);
	EXPECT_NE(a, 0u);
	EXPECT_NE(a, b);
	EXPECT_EQ(d.save(kA), a);
	EXPECT_EQ(d.save(kB), b);
	EXPECT_EQ(d.size(), 2u);
	EXPECT_EQ(d.fetch(a), kA);
	EXPECT_EQ(d.fetch(b), kB);
}

TEST(StackDepot, NoFramesIsHandleZero)
{
	StackDepot d;
	EXPECT_EQ(d.save({}), 0u);
	EXPECT_EQ(d.size(), 0u);
	EXPECT_TRUE(d.fetch(0).empty());
	EXPECT_TRUE(d.fetch(42).empty());   // a handle it never gave
}

TEST(StackDepot, AReadBackDepotFindsTheStacksItHolds)
{
	StackDepot d;
	StackHandle a = d.save(kA);
	auto restored = deserialize_from_bytes<StackDepot>(serialize_to_bytes(d));
	ASSERT_TRUE(restored.ok());
	EXPECT_TRUE(*restored == d);
	EXPECT_EQ(restored->save(kA), a);   // not a second copy
	EXPECT_EQ(restored->size(), 1u);
	StackDepot copy = *restored;
	EXPECT_EQ(copy.save(kB), 2u);
	EXPECT_EQ(copy.save(kA), a);
}

}  // namespace
}  // namespace kctx::kernel
