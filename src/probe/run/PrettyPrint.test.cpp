// stap's $var$ and $var$$ over a hand-made type table and memory: the shapes stap's
// dwarf_pretty_print gives each kind of C type.
#include "probe/run/PrettyPrint.h"

#include <cstring>
#include <gtest/gtest.h>
#include <map>

namespace kctx::probe {
namespace {

// struct rec { int n; unsigned char c; char name[4]; struct pair in; struct rec *next;
// void (*fn)(void); double d; }, struct pair { int a; int b; }.
CTypes table()
{
	CTypes t;
	t["int"] = {CType::Kind::Scalar, 4, true, {}, {}};
	t["unsigned int"] = {CType::Kind::Scalar, 4, false, {}, {}};
	t["char"] = {CType::Kind::Scalar, 1, true, {}, {}};
	t["unsigned char"] = {CType::Kind::Scalar, 1, false, {}, {}};
	t["double"] = {CType::Kind::Scalar, 8, true, {}, {}, true};
	t["char[4]"] = {CType::Kind::Array, 4, false, "char", {}};
	t["int[3]"] = {CType::Kind::Array, 12, false, "int", {}};
	t["char *"] = {CType::Kind::Pointer, 8, false, "char", {}};
	t["void (void)"] = {CType::Kind::Function, 0, false, {}, {}};
	t["void (*)(void)"] = {CType::Kind::Pointer, 8, false, "void (void)", {}};
	t["struct pair"] = {CType::Kind::Record, 8, false, {}, {{"a", 0, "int"}, {"b", 4, "int"}}};
	t["struct rec"] = {CType::Kind::Record, 48, false, {},
			   {{"n", 0, "int"},
			    {"c", 4, "unsigned char"},
			    {"name", 5, "char[4]"},
			    {"in", 12, "struct pair"},
			    {"next", 24, "struct rec *"},
			    {"fn", 32, "void (*)(void)"},
			    {"d", 40, "double"}}};
	t["struct rec *"] = {CType::Kind::Pointer, 8, false, "struct rec", {}};
	return t;
}

struct Mem {
	std::map<uint64_t, uint8_t> bytes;
	void put(uint64_t at, const void* p, size_t n)
	{
		for (size_t i = 0; i < n; i++)
			bytes[at + i] = static_cast<const uint8_t*>(p)[i];
	}
	MemoryRead reader()
	{
		return [this](uint64_t addr, void* out, size_t size) {
			for (size_t i = 0; i < size; i++) {
				auto it = bytes.find(addr + i);
				if (it == bytes.end())
					return false;
				static_cast<uint8_t*>(out)[i] = it->second;
			}
			return true;
		};
	}
	StringRead strings()
	{
		return [this](uint64_t addr, uint64_t max) -> std::optional<std::string> {
			std::string s;
			for (uint64_t i = 0; i < max; i++) {
				auto it = bytes.find(addr + i);
				if (it == bytes.end())
					return std::nullopt;
				if (it->second == 0)
					break;
				s += static_cast<char>(it->second);
			}
			return s;
		};
	}
};

// A struct rec at 0x1000: n=-3, c='\n', name "ab", in {7, 8}, next 0, fn 0xffffffffc0000030.
Mem rec_memory()
{
	Mem m;
	int32_t n = -3;
	uint8_t c = '\n';
	char name[4] = {'a', 'b', 0, 0};
	int32_t pair[2] = {7, 8};
	uint64_t next = 0, fn = 0xffffffffc0000030ull;
	double d = 1.5;
	m.put(0x1000, &n, 4);
	m.put(0x1004, &c, 1);
	m.put(0x1005, name, 4);
	m.put(0x100c, pair, 8);
	m.put(0x1018, &next, 8);
	m.put(0x1020, &fn, 8);
	m.put(0x1028, &d, 8);
	return m;
}

TEST(PrettyPrint, OneDollarShowsTheTopLevelAndFollowsATopPointer)
{
	CTypes t = table();
	Mem m = rec_memory();
	Pretty p = pretty_print(t, "struct rec *", 0x1000, false, m.reader(), m.strings(), 256);
	ASSERT_TRUE(p.text);
	EXPECT_EQ(*p.text, "{.n=-3, .c='\\n', .name=[...], .in={...}, .next=0x0000000000000000, "
			   ".fn=<function>:0xffffffffc0000030, .d=?}");
}

TEST(PrettyPrint, TwoDollarsExpandNestedStructsAndCharArrays)
{
	CTypes t = table();
	Mem m = rec_memory();
	Pretty p = pretty_print(t, "struct rec", 0x1000, true, m.reader(), m.strings(), 256);
	ASSERT_TRUE(p.text);
	EXPECT_EQ(*p.text, "{.n=-3, .c='\\n', .name=\"ab\", .in={.a=7, .b=8}, .next=0x0000000000000000, "
			   ".fn=<function>:0xffffffffc0000030, .d=?}");
}

TEST(PrettyPrint, ScalarsArraysAndStrings)
{
	CTypes t = table();
	Mem m = rec_memory();
	int32_t three[3] = {4, 5, 6};
	m.put(0x2000, three, 12);
	EXPECT_EQ(*pretty_print(t, "int", -1, false, m.reader(), m.strings(), 256).text, "-1");
	EXPECT_EQ(*pretty_print(t, "unsigned int", -1, false, m.reader(), m.strings(), 256).text, "4294967295");
	EXPECT_EQ(*pretty_print(t, "char", 0, false, m.reader(), m.strings(), 256).text, "'\\000'");
	// An array shows its first element only: stap does not know its length.
	EXPECT_EQ(*pretty_print(t, "int[3]", 0x2000, false, m.reader(), m.strings(), 256).text, "[4, ...]");
	EXPECT_EQ(*pretty_print(t, "char *", 0x1005, false, m.reader(), m.strings(), 256).text, "\"ab\"");
	// A string that cannot be read is kernel_string2()'s "<unknown>", not an error.
	EXPECT_EQ(*pretty_print(t, "char *", 0x9000, false, m.reader(), m.strings(), 256).text, "\"<unknown>\"");
}

TEST(PrettyPrint, AFaultIsReportedWithItsAddress)
{
	CTypes t = table();
	Mem m;
	Pretty p = pretty_print(t, "struct rec *", 0, false, m.reader(), m.strings(), 256);
	EXPECT_FALSE(p.text);
	EXPECT_EQ(p.fault, 0u);
	Pretty q = pretty_print(t, "struct rec *", 0x5000, false, m.reader(), m.strings(), 256);
	EXPECT_FALSE(q.text);
	EXPECT_EQ(q.fault, 0x5000u);
}

TEST(PrettyPrint, AtMostThirtyTwoValues)
{
	CTypes t;
	t["int"] = {CType::Kind::Scalar, 4, true, {}, {}};
	CType wide{CType::Kind::Record, 160, false, {}, {}};
	for (int i = 0; i < 40; i++)
		wide.members.push_back({"m" + std::to_string(i), static_cast<uint64_t>(i) * 4, "int"});
	t["struct wide"] = wide;
	Mem m;
	for (int i = 0; i < 40; i++)
		m.put(0x3000 + static_cast<uint64_t>(i) * 4, &i, 4);
	std::string text = *pretty_print(t, "struct wide", 0x3000, false, m.reader(), m.strings(), 256).text;
	EXPECT_NE(text.find(".m31=31, ...}"), std::string::npos) << text;
	EXPECT_EQ(text.find(".m32="), std::string::npos) << text;
}

}  // namespace
}  // namespace kctx::probe
