// printf-family formatting (Format.cpp) against what glibc's printf prints: the fast
// path for plain %d/%i/%u/%x, and each bug the tests/lang corpus found.
#include "kernel/printk/Format.h"

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

std::string f(const char* fmt, uint64_t v)
{
	FormatContext libc;
	return format_printf(fmt, std::vector<uint64_t>{v}, libc);
}

TEST(FormatFastPath, WidthsTruncateAndSignExtendLikeLibc)
{
	EXPECT_EQ(f("%hhd", 0x1ff), "-1");
	EXPECT_EQ(f("%hhu", 0x1ff), "255");
	EXPECT_EQ(f("%hd", 0x18000), "-32768");
	EXPECT_EQ(f("%hu", 0x1ffff), "65535");
	EXPECT_EQ(f("%d", 0x80000000), "-2147483648");
	EXPECT_EQ(f("%i", 0xffffffff00000007), "7");
	EXPECT_EQ(f("%u", ~0ull), "4294967295");
	EXPECT_EQ(f("%x", ~0ull), "ffffffff");
	EXPECT_EQ(f("%hhx", 0xabc), "bc");
	EXPECT_EQ(f("%lx", 0xdeadbeefcafeull), "deadbeefcafe");
	EXPECT_EQ(f("%ld", static_cast<uint64_t>(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
	EXPECT_EQ(f("%lu", ~0ull), "18446744073709551615");
	EXPECT_EQ(f("%zu", 0), "0");
}

TEST(FormatFastPath, AgreesWithLibcOnEveryPlainConversion)
{
	const char* specs[] = {"%d", "%i", "%u", "%x", "%hd", "%hu", "%hx", "%hhd", "%hhu", "%ld", "%lu", "%lx", "%lld", "%llx"};
	const uint64_t values[] = {0, 1, 42, 99, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
				   0xffffffff, 0x100000000, ~0ull, 0x8000000000000000ull};
	for (const char* spec : specs) {
		for (uint64_t v : values) {
			std::string s(spec);
			bool is64 = s.find('l') != std::string::npos;
			bool is16 = s.find("h") != std::string::npos && s.find("hh") == std::string::npos;
			bool is8 = s.find("hh") != std::string::npos;
			bool is_signed = s.back() == 'd' || s.back() == 'i';
			char want[64];
			uint64_t u = is64 ? v : is16 ? static_cast<uint16_t>(v) : is8 ? static_cast<uint8_t>(v) : static_cast<uint32_t>(v);
			if (is_signed) {
				int64_t sv = is64 ? static_cast<int64_t>(v)
					   : is16 ? static_cast<int16_t>(v)
					   : is8  ? static_cast<int8_t>(v)
						  : static_cast<int32_t>(v);
				std::snprintf(want, sizeof want, "%lld", static_cast<long long>(sv));
			} else {
				std::snprintf(want, sizeof want, s.back() == 'x' ? "%llx" : "%llu", static_cast<unsigned long long>(u));
			}
			EXPECT_EQ(f(spec, v), want) << spec << " " << v;
		}
	}
}

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

// lib/vsprintf.c ptr_to_id() and pointer_string(): a plain %p is 16 zero-filled hex digits
// (the low 32 bits of a hash, or NULL / an error pointer as it is); a field width given
// in the format replaces that padding, as for %x.
TEST(Format, KernelPointerIsHashedAndTakesTheFormatsWidth)
{
	FormatContext kernel;
	kernel.flavor = FormatFlavor::Kernel;
	auto k = [&](const char* fmt, uint64_t v) { return format_printf(fmt, std::vector<uint64_t>{v}, kernel); };
	EXPECT_EQ(k("%p", 0), "0000000000000000");
	EXPECT_EQ(k("[%8p]", 0), "[       0]");
	EXPECT_EQ(k("[%-4p]", 0), "[0   ]");
	EXPECT_EQ(k("%p", static_cast<uint64_t>(-12)), "fffffffffffffff4");   // ERR_PTR(-ENOMEM)
	std::string hashed = k("%p", 0xffff888104a40040ull);
	ASSERT_EQ(hashed.size(), 16u);
	EXPECT_EQ(hashed.substr(0, 8), "00000000");
	EXPECT_EQ(k("%8p", 0xffff888104a40040ull), hashed.substr(8));
	EXPECT_EQ(f("%p", 0), "(nil)");   // glibc's, for programs
}

}  // namespace
}  // namespace kctx::kernel
