// printf-family formatting (Format.cpp) against what glibc's printf prints; each case
// is a bug the tests/lang corpus found.
#include <gtest/gtest.h>

#include <bit>
#include <vector>

#include "kernel/Format.h"

namespace kctx::kernel {
namespace {

std::string libc(std::string_view fmt, std::vector<uint64_t> args)
{
	FormatContext cx;
	cx.flavor = FormatFlavor::Libc;
	return format_printf(fmt, args, cx);
}

uint64_t i64(int64_t v) { return static_cast<uint64_t>(v); }

TEST(Format, NegativeStarWidthLeftJustifies)
{
	// C11 7.21.6.1p5: "A negative field width argument is taken as a - flag followed
	// by a positive field width." (tests/lang/printf_percent_and_star.c)
	EXPECT_EQ(libc("[%*d]", {i64(-6), 42}), "[42    ]");
	EXPECT_EQ(libc("[%*s]", {i64(-3), 0}), "[(null)]");
	EXPECT_EQ(libc("[%*d]", {6, 42}), "[    42]");
}

}  // namespace
}  // namespace kctx::kernel
