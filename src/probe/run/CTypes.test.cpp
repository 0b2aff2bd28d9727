// The member walk of stap's $var->a->b over a hand-made type table: what it accepts, stap's
// words for what it refuses, and what it reads through pointers and embedded structs.
#include "probe/run/CTypes.h"

#include <cstring>
#include <gtest/gtest.h>
#include <map>

namespace kctx::probe {
namespace {

// struct node { long key; struct node *next; struct { int lo, hi; } range (anonymous,
// flattened); struct inner in; } and struct inner { unsigned char tag; }.
CTypes table()
{
	CTypes t;
	t["long"] = {CType::Kind::Scalar, 8, true, {}, {}};
	t["int"] = {CType::Kind::Scalar, 4, true, {}, {}};
	t["unsigned char"] = {CType::Kind::Scalar, 1, false, {}, {}};
	t["struct inner"] = {CType::Kind::Record, 1, false, {}, {{"tag", 0, "unsigned char"}}};
	t["struct node"] = {CType::Kind::Record, 32, false, {},
			    {{"key", 0, "long"}, {"next", 8, "struct node *"}, {"lo", 16, "int"}, {"hi", 20, "int"},
			     {"in", 24, "struct inner"}}};
	t["struct node *"] = {CType::Kind::Pointer, 8, false, "struct node", {}};
	t["void *"] = {CType::Kind::Pointer, 8, false, "", {}};
	return t;
}

TEST(CTypes, ChecksChainsAsStapDoes)
{
	CTypes t = table();
	std::vector<Access> ok = {{false, "next", 0}, {false, "next", 0}, {false, "in", 0}, {false, "tag", 0}};
	MemberCheck c = check_members(t, "struct node *", ok);
	EXPECT_EQ(c.error, "");
	ASSERT_NE(c.last, nullptr);
	EXPECT_EQ(c.last->size, 1u);

	std::vector<Access> missing = {{false, "nxt", 0}};
	EXPECT_EQ(check_members(t, "struct node *", missing).error,
		  "unable to find member 'nxt' for struct node (alternatives: key next lo hi in)");
	std::vector<Access> whole = {{false, "in", 0}};
	EXPECT_EQ(check_members(t, "struct node *", whole).error, "'struct inner' is being accessed instead of a member");
	std::vector<Access> through_void = {{false, "x", 0}};
	EXPECT_EQ(check_members(t, "void *", through_void).error, "invalid access '->x' vs 'void *'");
	std::vector<Access> index_struct = {{true, "2", 0}};
	EXPECT_EQ(check_members(t, "struct node", index_struct).error, "invalid access '[2]' vs 'struct node'");
	std::vector<Access> of_scalar = {{false, "key", 0}, {false, "x", 0}};
	EXPECT_EQ(check_members(t, "struct node *", of_scalar).error, "invalid access '->x' vs 'long'");
}

TEST(CTypes, ReadsThroughPointersAndEmbeddedStructs)
{
	CTypes t = table();
	// Two nodes in a fake memory: A at 0x1000 -> B at 0x2000 -> NULL.
	std::map<uint64_t, std::vector<uint8_t>> mem;
	auto node = [&](uint64_t at, int64_t key, uint64_t next, int32_t lo, uint8_t tag) {
		std::vector<uint8_t> b(32, 0);
		std::memcpy(&b[0], &key, 8);
		std::memcpy(&b[8], &next, 8);
		std::memcpy(&b[16], &lo, 4);
		b[24] = tag;
		mem[at] = b;
	};
	node(0x1000, 7, 0x2000, -3, 0xf0);
	node(0x2000, -9, 0, 5, 0x0f);
	node(0x1020, 11, 0, 0, 0);   // A's neighbour: A is the first of an array of two
	MemoryRead read = [&](uint64_t addr, void* out, size_t size) {
		for (const auto& [base, bytes] : mem)
			if (addr >= base && addr + size <= base + bytes.size()) {
				std::memcpy(out, &bytes[addr - base], size);
				return true;
			}
		return false;
	};
	std::vector<Access> key2 = {{false, "next", 0}, {false, "key", 0}};
	EXPECT_EQ(read_members(t, "struct node *", 0x1000, key2, read).value, -9);
	std::vector<Access> lo = {{false, "lo", 0}};
	EXPECT_EQ(read_members(t, "struct node *", 0x1000, lo, read).value, -3);   // sign-extended int
	std::vector<Access> tag = {{false, "in", 0}, {false, "tag", 0}};
	EXPECT_EQ(read_members(t, "struct node", 0x1000, tag, read).value, 0xf0);   // an aggregate: its address
	std::vector<Access> past = {{false, "next", 0}, {false, "next", 0}, {false, "key", 0}};
	MemberRead fault = read_members(t, "struct node *", 0x1000, past, read);
	EXPECT_FALSE(fault.value.has_value());
	EXPECT_EQ(fault.fault, 0u);   // B's next is NULL: the read of its key faults at 0 + 0
	// [i] through a pointer: the i-th element after the address it holds.
	std::vector<Access> second = {{true, "1", 1}, {false, "key", 0}};
	EXPECT_EQ(read_members(t, "struct node *", 0x1000, second, read).value, 11);
	std::vector<Access> in = {{false, "in", 0}};
	EXPECT_EQ(read_members(t, "struct node *", 0x2000, in, read).value, 0x2018);   // an embedded struct: its address
}

TEST(CTypes, ReadsBitFieldsFromTheirStorageUnit)
{
	// struct flags { unsigned int on : 1; int level : 3; unsigned int code : 12; } at 0x100.
	CTypes t;
	t["unsigned int"] = {CType::Kind::Scalar, 4, false, {}, {}};
	t["int"] = {CType::Kind::Scalar, 4, true, {}, {}};
	t["struct flags"] = {CType::Kind::Record, 4, false, {},
			     {{"on", 0, "unsigned int", 0, 1}, {"level", 0, "int", 1, 3}, {"code", 0, "unsigned int", 4, 12}}};
	uint32_t unit = 1u | (0b110u << 1) | (0xabcu << 4);   // on 1, level -2, code 0xabc
	MemoryRead read = [&](uint64_t addr, void* out, size_t size) {
		if (addr != 0x100 || size > 4)
			return false;
		std::memcpy(out, &unit, size);
		return true;
	};
	auto field = [&](const char* name) {
		std::vector<Access> chain = {{false, name, 0}};
		return read_members(t, "struct flags", 0x100, chain, read).value;
	};
	EXPECT_EQ(field("on"), 1);
	EXPECT_EQ(field("level"), -2);
	EXPECT_EQ(field("code"), 0xabc);
	EXPECT_EQ(extract_bits(0xffu, 4, 4, false), 0xf);
	EXPECT_EQ(extract_bits(0x80u, 7, 1, true), -1);
}

}  // namespace
}  // namespace kctx::probe
