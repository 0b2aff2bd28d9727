#include "kernel/module/Params.h"

#include <gtest/gtest.h>

#include "abi/Errno.h"

namespace kctx::kernel {
namespace {

// A page of kernel memory holding one parameter's variable (at kVar), the pointer
// module_param() leaves to it (at kPtr), a module_param_array() descriptor (at kDesc)
// and a kmalloc area for charp copies; printk lines are collected.
struct ParamsTest : ::testing::Test {
	static constexpr uint64_t kBase = 0xffffffffc0000000ull;
	static constexpr uint64_t kPtr = kBase, kVar = kBase + 0x100, kDesc = kBase + 0x200, kNum = kBase + 0x300;
	vm::Memory kmem;
	std::vector<std::string> log;
	uint64_t next_alloc = kBase + 0x800;
	ParamEnv env{kmem, [this](std::string_view s) { log.emplace_back(s); },
		     [this](uint64_t size) { uint64_t p = next_alloc; next_alloc += (size + 15) & ~15ull; return p; }};

	ParamsTest()
	{
		kmem.map(kBase, 0x1000, "module");
		EXPECT_TRUE(kmem.store(kPtr, kVar));
	}
	int set(std::string_view type, std::optional<std::string> value)
	{
		return set_module_param(env, "n", value, type, Param::Kind::Scalar, kPtr);
	}
	std::string show(std::string_view type) { return show_module_param(kmem, type, Param::Kind::Scalar, kPtr); }
};

TEST_F(ParamsTest, IntegersTakeTheirKstrtoRange)
{
	// kstrtoint(): base 0, and 2147483648 is out of int's range (-ERANGE), not a wrap.
	EXPECT_EQ(set("int", "0x7fffffff"), 0);
	EXPECT_EQ(show("int"), "2147483647\n");
	EXPECT_EQ(set("int", "2147483648"), -abi::kERANGE);
	EXPECT_EQ(show("int"), "2147483647\n");
	EXPECT_EQ(set("int", "-010"), 0);
	EXPECT_EQ(show("int"), "-8\n");
	EXPECT_EQ(set("uint", "-1"), -abi::kEINVAL);   // no sign for the unsigned kstrto*()
	EXPECT_EQ(set("byte", "256"), -abi::kERANGE);
	EXPECT_EQ(set("short", "-32768"), 0);
	EXPECT_EQ(show("short"), "-32768\n");
	EXPECT_EQ(set("hexint", "255"), 0);
	EXPECT_EQ(show("hexint"), "0x0000ff\n");   // param_get_hexint(): "%#08x"
	EXPECT_EQ(set("int", "12abc"), -abi::kEINVAL);
	EXPECT_EQ(set("int", std::nullopt), -abi::kEINVAL);   // only bools take a bare name
}

TEST_F(ParamsTest, NarrowTypesWriteOnlyTheirBytes)
{
	ASSERT_TRUE(kmem.store(kVar, ~0ull));
	EXPECT_EQ(set("ushort", "1"), 0);
	uint64_t v = 0;
	ASSERT_TRUE(kmem.load(kVar, v));
	EXPECT_EQ(v, 0xffffffffffff0001ull);
	EXPECT_EQ(show("ushort"), "1\n");
}

TEST_F(ParamsTest, BoolsAndCharp)
{
	EXPECT_EQ(set("bool", std::nullopt), 0);   // a bare name is "y"
	EXPECT_EQ(show("bool"), "Y\n");
	EXPECT_EQ(show("invbool"), "N\n");
	EXPECT_EQ(set("invbool", "on"), 0);
	EXPECT_EQ(show("bool"), "N\n");
	EXPECT_EQ(set("bool", "maybe"), -abi::kEINVAL);
	EXPECT_EQ(set("charp", "hello"), 0);
	EXPECT_EQ(show("charp"), "hello\n");
	EXPECT_EQ(set("charp", std::string(1025, 'x')), -abi::kENOSPC);
	ASSERT_EQ(log.size(), 1u);
	EXPECT_EQ(log[0], "\0013n: string parameter too long\n");
}

TEST_F(ParamsTest, ArraysCountWhatTheyGotUpToTheirSize)
{
	// struct __kctx_param_array {elem, num, max}: three ints, the count in *num.
	ASSERT_TRUE(kmem.store(kDesc, kVar));
	ASSERT_TRUE(kmem.store(kDesc + 8, kNum));
	ASSERT_TRUE(kmem.store(kDesc + 16, uint64_t{3}));
	EXPECT_EQ(set_module_param(env, "a", "1,-2", "int", Param::Kind::Array, kDesc), 0);
	EXPECT_EQ(show_module_param(kmem, "int", Param::Kind::Array, kDesc), "1,-2\n");
	EXPECT_EQ(set_module_param(env, "a", "1,2,3,4", "int", Param::Kind::Array, kDesc), -abi::kEINVAL);
	ASSERT_EQ(log.size(), 1u);
	EXPECT_EQ(log[0], "\0013a: can only take 3 arguments\n");
}

TEST(ParamTypes, TheTableHasKernelParamsTypes)
{
	EXPECT_EQ(param_type("ullong").size, 8u);
	EXPECT_FALSE(param_type("ullong").is_signed);
	EXPECT_EQ(param_type("short").size, 2u);
	EXPECT_EQ(param_type("no_such_type").name, "int");
}

}  // namespace
}  // namespace kctx::kernel
