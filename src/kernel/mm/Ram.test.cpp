// mm/Ram.h's pure helpers: %pGg names and get_order().
#include "kernel/mm/Ram.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

TEST(Ram, GfpNamesAsLinuxPrintsThem)
{
	// The composite names win over their bits, in mmflags.h's order.
	EXPECT_EQ(gfp_flag_names(0xcc0), "GFP_KERNEL");
	EXPECT_EQ(gfp_flag_names(0xdc0), "GFP_KERNEL|__GFP_ZERO");
	EXPECT_EQ(gfp_flag_names(0xa20), "GFP_ATOMIC");
	EXPECT_EQ(gfp_flag_names(0x40a20), "GFP_ATOMIC|__GFP_COMP");
	EXPECT_EQ(gfp_flag_names(0x800), "GFP_NOWAIT");
	EXPECT_EQ(gfp_flag_names(0x2cc2), "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN");
	EXPECT_EQ(gfp_flag_names(kGfpUserFault), "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	EXPECT_EQ(gfp_flag_names(0x100cc0), "GFP_USER");
	EXPECT_EQ(gfp_flag_names(0), "0x0");
	EXPECT_EQ(gfp_flag_names(0x80000000), "0x80000000");
}

TEST(Ram, PageOrder)
{
	EXPECT_EQ(page_order(1), 0u);
	EXPECT_EQ(page_order(4096), 0u);
	EXPECT_EQ(page_order(4097), 1u);
	EXPECT_EQ(page_order(8192 + 1), 2u);
	EXPECT_EQ(page_order(kKmallocMaxSize), kMaxOrder - 1);
	EXPECT_EQ(page_order(kKmallocMaxSize + 1), kMaxOrder);
}

}  // namespace
}  // namespace kctx::kernel
