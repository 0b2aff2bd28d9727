#include "base/CowVector.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace kctx {
namespace {

struct Item {
	std::string name;
	uint64_t value = 0;
	bool operator==(const Item&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(name, value); }
};

CowVector<Item> three()
{
	CowVector<Item> v;
	v.push_back({"a", 1});
	v.push_back({"b", 2});
	v.emplace_back(Item{"c", 3});
	return v;
}

TEST(CowVector, ACopySharesEveryElementUntilOneIsWritten)
{
	CowVector<Item> a = three();
	CowVector<Item> b = a;
	for (size_t i = 0; i < a.size(); i++)
		EXPECT_EQ(&std::as_const(a)[i], &std::as_const(b)[i]);
	b[1].value = 20;   // clones element 1 of b alone
	EXPECT_EQ(std::as_const(a)[1].value, 2u);
	EXPECT_EQ(std::as_const(b)[1].value, 20u);
	EXPECT_NE(&std::as_const(a)[1], &std::as_const(b)[1]);
	EXPECT_EQ(&std::as_const(a)[0], &std::as_const(b)[0]);
	EXPECT_EQ(&std::as_const(a)[2], &std::as_const(b)[2]);
	EXPECT_FALSE(b.is_shared(1));
	EXPECT_TRUE(b.is_shared(0));
	EXPECT_FALSE(a == b);
	b[1].value = 2;
	EXPECT_TRUE(a == b);   // equal by value, though no longer the same object
}

TEST(CowVector, AnUnsharedElementIsWrittenInPlace)
{
	CowVector<Item> a = three();
	const Item* before = &std::as_const(a)[0];
	a[0].value = 10;
	EXPECT_EQ(&std::as_const(a)[0], before);
}

TEST(CowVector, IterationOnlyReads)
{
	CowVector<Item> a = three();
	CowVector<Item> b = a;
	uint64_t sum = 0;
	for (const Item& it : b)   // a non-const vector: still no clone
		sum += it.value;
	EXPECT_EQ(sum, 6u);
	EXPECT_TRUE(b.is_shared(0) && b.is_shared(1) && b.is_shared(2));
}

TEST(CowVector, TheCloneHookSeesEachCloneAndNotAMovedOrCopiedOwner)
{
	CowVector<Item> a = three();
	std::vector<std::string> cloned;
	a.set_clone_hook([](Item& it, void* ctx) { static_cast<std::vector<std::string>*>(ctx)->push_back(it.name); },
			 &cloned);
	CowVector<Item> b = a;   // a keeps its hook; b (a copy) has none
	a[2].value = 30;
	b[0].value = 10;
	EXPECT_EQ(cloned, std::vector<std::string>{"c"});
	CowVector<Item> c = b;
	CowVector<Item> moved = std::move(a);   // the hook's context is a's owner's: dropped
	moved[0].value = 11;
	EXPECT_EQ(cloned, std::vector<std::string>{"c"});
}

TEST(CowVector, SerializesAsAVectorOfItsElements)
{
	CowVector<Item> a = three();
	std::vector<Item> plain{{"a", 1}, {"b", 2}, {"c", 3}};
	EXPECT_EQ(serialize_to_bytes(a), serialize_to_bytes(plain));
	Result<CowVector<Item>> back = deserialize_from_bytes<CowVector<Item>>(serialize_to_bytes(a));
	ASSERT_TRUE(back.ok());
	EXPECT_TRUE(*back == a);
}

}  // namespace
}  // namespace kctx
