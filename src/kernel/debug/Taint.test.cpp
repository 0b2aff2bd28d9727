#include "kernel/debug/Taint.h"

#include <gtest/gtest.h>

#include "abi/Preempt.h"

namespace kctx::kernel {
namespace {

const ReleaseSpec& v44() { return release_spec(KernelRelease::Linux4_4); }
const ReleaseSpec& v61() { return release_spec(KernelRelease::Linux6_1); }

TEST(Taint, OneColumnPerFlagOfTheRelease)
{
	EXPECT_EQ(print_tainted(v61(), 0), "Not tainted");
	// An out-of-tree unsigned module that warned: 6.1 has 19 columns, 4.4 16; an
	// untainted P column is 'G'.
	uint32_t t = (1u << abi::TAINT_WARN) | (1u << abi::TAINT_OOT_MODULE) | (1u << abi::TAINT_UNSIGNED_MODULE);
	EXPECT_EQ(print_tainted(v61(), t), "Tainted: G        W  OE     ");
	EXPECT_EQ(print_tainted(v44(), t), "Tainted: G        W  OE  ");
	EXPECT_EQ(print_tainted(v61(), 1u << abi::TAINT_PROPRIETARY_MODULE), "Tainted: P                  ");
}

TEST(Taint, OnlyTheOldReleaseDrawsAnOopsId)
{
	EXPECT_EQ(oops_id(v61(), 1), 0u);
	EXPECT_NE(oops_id(v44(), 1), 0u);
	EXPECT_EQ(oops_id(v44(), 1), oops_id(v44(), 1));   // a run repeats
	EXPECT_NE(oops_id(v44(), 1), oops_id(v44(), 2));
}

}  // namespace
}  // namespace kctx::kernel
