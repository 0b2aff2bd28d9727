// The run's summary against its console: the simulated time it reports is never shorter
// than the console's last timestamp (issue 12), also when a panic halts the machine with
// the panicking CPU ahead of the others.
#include <gtest/gtest.h>

#include <cstdio>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

uint64_t last_timestamp_ns(const std::string& console)
{
	uint64_t last = 0;
	for (size_t at = 0; at < console.size(); at = console.find('\n', at) + 1) {
		unsigned long s = 0, us = 0;
		if (std::sscanf(console.c_str() + at, "[%lu.%6lu]", &s, &us) == 2)
			last = s * 1'000'000'000ull + us * 1000;
		if (console.find('\n', at) == std::string::npos)
			break;
	}
	return last;
}

TEST(Summary, APanicsTimeIsThePanickingCpusNotTheSlowestOne)
{
	Code code;
	code.init = testing::compile_unit("init", R"(
#include <stdio.h>
int main(void)
{
	__kctx_insmod(0, "");
	return 0;
}
)", abi::World::User);
	code.modules.push_back(testing::compile_unit("m", R"(
#include <linux/module.h>
static int __init m_init(void)
{
	int i;
	for (i = 0; i < 40; i++)
		pr_info("line %d\n", i);
	panic("stop here");
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)", abi::World::Kernel));
	ASSERT_TRUE(code.init && code.modules.back());
	Config config;
	config.cpus = 4;
	config.end_ns = 1'000'000'000ull;
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	while (k.run_until(config.end_ns)) {
	}
	std::string console = k.take_console();
	ASSERT_NE(console.find("Kernel panic - not syncing: stop here"), std::string::npos) << console;
	ASSERT_TRUE(m.halted);
	uint64_t last = last_timestamp_ns(console);
	EXPECT_GT(last, k.now());   // the other CPUs stayed behind
	EXPECT_GE(k.summary().sim_ns / 1000, last / 1000) << console;
}

}  // namespace
}  // namespace kctx::kernel
