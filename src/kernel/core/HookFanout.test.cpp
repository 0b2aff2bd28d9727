// One kernel Hooks, several observers: each event to each, in order; the function events
// only to those that want them.
#include "kernel/core/HookFanout.h"
#include "vm/Program.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
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

// An observer of bytecode instructions that owes simulated time per event.
struct Watcher : Hooks {
	std::vector<std::string>* log;
	uint64_t owed = 0;
	Watcher(std::vector<std::string>* l, bool module, bool user) : log(l)
	{
		m_watch_module = module;
		m_watch_user = user;
	}
	void vm_insn(const Machine&, uint32_t, TaskId, const vm::Thread& thread, bool user) override
	{
		log->push_back(std::string(user ? "user" : "module") + " pc " + std::to_string(thread.frames.back().pc));
		owed += 100;
	}
	uint64_t take_cost_ns(uint32_t) override { return std::exchange(owed, 0); }
};

TEST(HookFanout, InstructionsOnlyToThoseWatchingThatCodeAndTheirCostsSummed)
{
	Machine m;
	std::vector<std::string> module_log, user_log;
	Watcher modules(&module_log, true, false), users(&user_log, false, true);
	HookFanout fan;
	fan.set({&modules});
	EXPECT_TRUE(fan.watches(false));
	EXPECT_FALSE(fan.watches(true));
	fan.set({&modules, &users});
	EXPECT_TRUE(fan.watches(true));
	vm::Thread t;
	t.frames.push_back(vm::Frame{});
	t.frames.back().pc = 7;
	fan.vm_insn(m, 0, TaskId{1}, t, false);
	fan.vm_insn(m, 0, TaskId{1}, t, true);
	fan.vm_insn(m, 0, TaskId{1}, t, true);
	EXPECT_EQ(module_log, (std::vector<std::string>{"module pc 7"}));
	EXPECT_EQ(user_log, (std::vector<std::string>{"user pc 7", "user pc 7"}));
	EXPECT_EQ(fan.take_cost_ns(0), 300u);
	EXPECT_EQ(fan.take_cost_ns(0), 0u);   // taken once
	fan.set({});
	EXPECT_FALSE(fan.watches(false));
}

// A uprobe session watches one program: the fan-out says a program runs watched when an
// observer that watches user code watches it.
struct ProgramWatcher : Hooks {
	const vm::Program* probed;
	explicit ProgramWatcher(const vm::Program* p) : probed(p) { m_watch_user = true; }
	bool watches_program(const vm::Program* p) const override { return p == probed; }
};

TEST(HookFanout, WatchesOnlyTheProgramsItsObserversProbe)
{
	vm::Program crunch, spinner;
	ProgramWatcher session(&crunch);
	std::vector<std::string> log;
	Watcher modules(&log, true, false);   // watches module code only
	HookFanout fan;
	fan.set({&modules, &session});
	EXPECT_TRUE(fan.watches(true));
	EXPECT_TRUE(fan.watches_program(&crunch));
	EXPECT_FALSE(fan.watches_program(&spinner));
	EXPECT_FALSE(fan.watches_program(nullptr));
	// A module watcher's default (every program) does not count: it watches no user code.
	fan.set({&modules});
	EXPECT_FALSE(fan.watches_program(&spinner));
}

}  // namespace
}  // namespace kctx::kernel
