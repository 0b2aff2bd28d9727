#include "kernel/module/ModuleArea.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

TEST(ModuleArea, FirstFitWithGuardPages)
{
	ModuleArea a;
	EXPECT_EQ(module_area_alloc(a, 0x1800), kModulesVaddr);
	// 0x2000 rounded up, then the guard page.
	EXPECT_EQ(module_area_alloc(a, 0x1000), kModulesVaddr + 0x3000);
	EXPECT_EQ(module_area_alloc(a, 0x1000), kModulesVaddr + 0x5000);
	module_area_free(a, kModulesVaddr + 0x3000);
	// The hole left by the freed range is reused when it fits, skipped when not.
	EXPECT_EQ(module_area_alloc(a, 0x2000), kModulesVaddr + 0x7000);
	EXPECT_EQ(module_area_alloc(a, 0x1000), kModulesVaddr + 0x3000);
}

TEST(ModuleArea, RefusesWhatDoesNotFit)
{
	ModuleArea a;
	EXPECT_EQ(module_area_alloc(a, kModulesLen), std::nullopt);   // no room for the guard
	EXPECT_EQ(module_area_alloc(a, 0), std::nullopt);
	std::optional<uint64_t> big = module_area_alloc(a, kModulesLen - 0x1000);
	ASSERT_EQ(big, kModulesVaddr);
	EXPECT_EQ(module_area_alloc(a, 1), std::nullopt);
	module_area_free(a, *big);
	EXPECT_EQ(module_area_alloc(a, 1), kModulesVaddr);
}

TEST(ModuleArea, ManyCyclesReuseTheSameRange)
{
	ModuleArea a;
	for (int i = 0; i < 5000; i++) {
		std::optional<uint64_t> p = module_area_alloc(a, 3 << 20);
		ASSERT_EQ(p, kModulesVaddr);
		module_area_free(a, *p);
	}
	EXPECT_TRUE(a.used.empty());
}

}  // namespace
}  // namespace kctx::kernel
