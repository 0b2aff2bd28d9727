#include <gtest/gtest.h>

#include <set>

#include "abi/Builtins.h"
#include "trace/Syscalls.h"

namespace kctx::trace {
namespace {

TEST(Syscalls, EveryEntryIsAUserBuiltinOrAnInternalNumber)
{
	std::set<uint32_t> seen;
	for (const SyscallInfo& s : syscall_table()) {
		EXPECT_TRUE(seen.insert(s.op).second) << "two lines for op " << s.op;
		EXPECT_FALSE(s.name.empty());
		EXPECT_LE(s.nargs(), 6u);
		if (s.op >= 1000)
			continue;
		ASSERT_LT(s.op, static_cast<uint32_t>(abi::BuiltinId::Count));
		EXPECT_NE(abi::builtin(static_cast<abi::BuiltinId>(s.op)).world, abi::World::Kernel)
			<< s.name;
	}
}

TEST(Syscalls, GlibcNames)
{
	auto name = [](abi::BuiltinId id) {
		const SyscallInfo* s = find_syscall(static_cast<uint32_t>(id));
		return s ? std::string(s->name) : std::string("?");
	};
	EXPECT_EQ(name(abi::BuiltinId::write), "write");
	EXPECT_EQ(name(abi::BuiltinId::sleep), "clock_nanosleep");
	EXPECT_EQ(name(abi::BuiltinId::nanosleep), "clock_nanosleep");
	EXPECT_EQ(name(abi::BuiltinId::open), "openat");
	EXPECT_EQ(name(abi::BuiltinId::exit), "exit_group");
	EXPECT_EQ(name(abi::BuiltinId::sigaction), "rt_sigaction");
	EXPECT_EQ(name(abi::BuiltinId::signal), "rt_sigaction");
	EXPECT_EQ(name(abi::BuiltinId::__kctx_spawn), "clone");
	EXPECT_EQ(name(abi::BuiltinId::__kctx_wait), "wait4");
	EXPECT_EQ(name(abi::BuiltinId::sched_yield), "sched_yield");
	EXPECT_EQ(find_syscall(1000)->name, "finit_module");
	EXPECT_EQ(find_syscall(static_cast<uint32_t>(abi::BuiltinId::printk)), nullptr);
}

TEST(Syscalls, ArgumentsComeFromTheBuiltinOrGlibc)
{
	const SyscallInfo* s = find_syscall(static_cast<uint32_t>(abi::BuiltinId::nanosleep));
	ASSERT_NE(s, nullptr);
	ASSERT_EQ(s->nargs(), 4u);
	std::vector<uint64_t> args = {0x1000, 0x2000};
	auto v = syscall_args(*s, args, 7, 8);
	EXPECT_EQ(v[0], 0u);
	EXPECT_EQ(v[2], 0x1000u);
	EXPECT_EQ(v[3], 0x2000u);
	s = find_syscall(static_cast<uint32_t>(abi::BuiltinId::abort));
	v = syscall_args(*s, {}, 7, 8);
	EXPECT_EQ(v[0], 7u);
	EXPECT_EQ(v[1], 8u);
	EXPECT_EQ(v[2], 6u);
}

}  // namespace
}  // namespace kctx::trace
