// One kernel Hooks, several observers: each event to each, in order; the function events
// only to those that want them.
#include "kernel/core/HookFanout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kctx::kernel {
namespace {

struct Recording : Hooks {
	std::string name;
	std::vector<std::string>* log;
	Recording(std::string n, std::vector<std::string>* l, bool functions) : name(std::move(n)), log(l)
	{
		m_wants_functions = functions;
	}
	void irq_entry(const Machine&, uint32_t cpu, uint32_t vector) override
	{
		log->push_back(name + " irq_entry " + std::to_string(cpu) + " " + std::to_string(vector));
	}
	void builtin_return(const Machine&, uint32_t, TaskId, uint64_t value) override
	{
		log->push_back(name + " builtin_return " + std::to_string(value));
	}
};

TEST(HookFanout, EveryObserverInOrderAndFunctionEventsOnlyToThoseThatWantThem)
{
	Machine m;
	std::vector<std::string> log;
	Recording trace("trace", &log, false), stap("stap", &log, true);
	HookFanout fan;
	EXPECT_TRUE(fan.empty());
	fan.set({&trace, nullptr, &stap});
	EXPECT_TRUE(fan.wants_functions());
	fan.irq_entry(m, 1, 0);
	fan.builtin_return(m, 1, TaskId{3}, 42);
	EXPECT_EQ(log, (std::vector<std::string>{"trace irq_entry 1 0", "stap irq_entry 1 0", "stap builtin_return 42"}));
	// Without a session that wants them, the kernel is told not to make function events.
	fan.set({&trace});
	EXPECT_FALSE(fan.wants_functions());
	EXPECT_FALSE(fan.empty());
}

}  // namespace
}  // namespace kctx::kernel
