#include "abi/ApiIndex.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kctx::abi {
namespace {

const ApiEntry* find(const std::vector<ApiEntry>& index, std::string_view name)
{
	auto it = std::find_if(index.begin(), index.end(), [&](const ApiEntry& e) { return e.name == name; });
	return it == index.end() ? nullptr : &*it;
}

TEST(ApiIndex, BuiltinsCarryTheirSleepAndContextColumns)
{
	auto index = api_index(World::Kernel);
	const ApiEntry* m = find(index, "mutex_lock");
	ASSERT_NE(m, nullptr);
	EXPECT_EQ(m->kind, ApiKind::Builtin);
	EXPECT_EQ(api_sleeps_text(*m), "yes");
	EXPECT_EQ(api_context_text(*m), "process");
	const ApiEntry* k = find(index, "kmalloc");
	ASSERT_NE(k, nullptr);
	EXPECT_EQ(api_sleeps_text(*k), "if gfp allows");
	EXPECT_EQ(k->signature, "void *kmalloc(size_t size, gfp_t flags)");
	const ApiEntry* s = find(index, "spin_lock");
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(api_sleeps_text(*s), "no");
}

TEST(ApiIndex, LibraryFunctionsWrittenInThePreludeAreListedWithTheirPrototype)
{
	auto index = api_index(World::Kernel);
	const ApiEntry* l = find(index, "list_add");
	ASSERT_NE(l, nullptr);
	EXPECT_EQ(l->kind, ApiKind::Library);
	EXPECT_EQ(l->signature, "void list_add(struct list_head *new, struct list_head *head)");
	const ApiEntry* o = find(index, "single_open");
	ASSERT_NE(o, nullptr);
	EXPECT_EQ(o->signature, "int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)");
	EXPECT_NE(find(index, "kstrtoint"), nullptr);
	EXPECT_NE(find(index, "seq_printf"), nullptr);
}

TEST(ApiIndex, MacrosAndConstantsAreListedPlumbingIsNot)
{
	auto index = api_index(World::Kernel);
	const ApiEntry* t = find(index, "timer_setup");
	ASSERT_NE(t, nullptr);
	EXPECT_EQ(t->kind, ApiKind::Macro);
	EXPECT_EQ(t->signature.rfind("#define timer_setup(", 0), 0u) << t->signature;
	EXPECT_NE(find(index, "GFP_KERNEL"), nullptr);
	for (const ApiEntry& e : index)
		EXPECT_NE(e.name.front(), '_') << e.name;
	EXPECT_TRUE(std::is_sorted(index.begin(), index.end(),
				   [](const ApiEntry& a, const ApiEntry& b) { return a.name < b.name; }));
}

TEST(ApiIndex, EachWorldSeesItsOwnApi)
{
	auto user = api_index(World::User);
	EXPECT_NE(find(user, "printf"), nullptr);
	EXPECT_NE(find(user, "fork"), nullptr);
	EXPECT_EQ(find(user, "mutex_lock"), nullptr);
	EXPECT_EQ(find(api_index(World::Kernel), "fork"), nullptr);
}

}  // namespace
}  // namespace kctx::abi
