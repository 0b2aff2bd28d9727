#include <gtest/gtest.h>

#include "trace/Category.h"

namespace kctx::trace {
namespace {

TEST(Category, ParsesAList)
{
	auto r = parse_categories("sched,syscalls,irq");
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(*r, kCategorySched | kCategorySyscalls | kCategoryIrq);
	EXPECT_EQ(*parse_categories("timer"), kCategoryTimer);
	EXPECT_EQ(*parse_categories("printk,printk"), kCategoryPrintk);
}

TEST(Category, AllIsEveryCategory)
{
	EXPECT_EQ(*parse_categories("all"), kCategoryAll);
	EXPECT_EQ(*parse_categories("sched,all"), kCategoryAll);
	EXPECT_EQ(kCategoryAll,
		  kCategorySched | kCategorySyscalls | kCategoryIrq | kCategoryTimer | kCategoryPrintk);
}

TEST(Category, UnknownNameIsAnErrorThatNamesIt)
{
	auto r = parse_categories("sched,sycalls");
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().message,
		  "unknown category 'sycalls' (expected sched, syscalls, irq, timer, printk or all)");
	EXPECT_FALSE(parse_categories("Sched").ok());
}

TEST(Category, EmptyNamesAreErrors)
{
	EXPECT_FALSE(parse_categories("").ok());
	EXPECT_FALSE(parse_categories("sched,").ok());
	EXPECT_FALSE(parse_categories(",irq").ok());
	auto r = parse_categories("sched,,irq");
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.error().message.find("'sched,,irq'"), std::string::npos) << r.error().message;
}

TEST(Category, ListRoundTrips)
{
	EXPECT_EQ(category_list(kCategorySched | kCategoryIrq), "sched,irq");
	EXPECT_EQ(category_list(kCategoryAll), "all");
	for (uint32_t set = 1; set <= kCategoryAll; set++)
		EXPECT_EQ(*parse_categories(category_list(set)), set);
}

}  // namespace
}  // namespace kctx::trace
