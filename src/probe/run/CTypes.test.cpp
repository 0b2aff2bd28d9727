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
	std::vector<std::string> ok = {"next", "next", "in", "tag"};
	MemberCheck c = check_members(t, "struct node *", ok);
	EXPECT_EQ(c.error, "");
	ASSERT_NE(c.last, nullptr);
	EXPECT_EQ(c.last->size, 1u);

	std::vector<std::string> missing = {"nxt"};
	EXPECT_EQ(check_members(t, "struct node *", missing).error,
		  "unable to find member 'nxt' for struct node (alternatives: key next lo hi in)");
	std::vector<std::string> whole = {"in"};
	EXPECT_EQ(check_members(t, "struct node *", whole).error, "'struct inner' is being accessed instead of a member");
	std::vector<std::string> through_void = {"x"};
	EXPECT_EQ(check_members(t, "void *", through_void).error, "invalid access '->x' vs 'void *'");
	std::vector<std::string> of_scalar = {"key", "x"};
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
	MemoryRead read = [&](uint64_t addr, void* out, size_t size) {
		for (const auto& [base, bytes] : mem)
			if (addr >= base && addr + size <= base + bytes.size()) {
				std::memcpy(out, &bytes[addr - base], size);
				return true;
			}
		return false;
	};
	std::vector<std::string> key2 = {"next", "key"};
	EXPECT_EQ(read_members(t, "struct node *", 0x1000, key2, read).value, -9);
	std::vector<std::string> lo = {"lo"};
	EXPECT_EQ(read_members(t, "struct node *", 0x1000, lo, read).value, -3);   // sign-extended int
	std::vector<std::string> tag = {"in", "tag"};
	EXPECT_EQ(read_members(t, "struct node", 0x1000, tag, read).value, 0xf0);   // an aggregate: its address
	std::vector<std::string> past = {"next", "next", "key"};
	MemberRead fault = read_members(t, "struct node *", 0x1000, past, read);
	EXPECT_FALSE(fault.value.has_value());
	EXPECT_EQ(fault.fault, 0u);   // B's next is NULL: the read of its key faults at 0 + 0
	std::vector<std::string> in = {"in"};
	EXPECT_EQ(read_members(t, "struct node *", 0x2000, in, read).value, 0x2018);   // an embedded struct: its address
}

}  // namespace
}  // namespace kctx::probe
