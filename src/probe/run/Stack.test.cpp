// The tapset's stack functions in SystemTap 4.8's runtime formats (runtime/sym.c
// _stp_snprint_addr with _STP_SYM_FULL, _STP_SYM_SIMPLE and _STP_SYM_NONE; runtime/
// stack.c _stp_stack_kernel_sprint's strlcpy, which drops the last character).
#include <gtest/gtest.h>

#include "probe/run/Stack.h"

namespace kctx::probe {
namespace {

class StackContext final : public ProbeContext {
public:
	std::string execname() const override { return "cst_test"; }
	int64_t pid() const override { return 1; }
	int64_t tid() const override { return 1; }
	int64_t ppid() const override { return 0; }
	int64_t cpu() const override { return 0; }
	uint64_t now_ns() const override { return 0; }
	int64_t jiffies() const override { return 0; }
	int64_t hz() const override { return 250; }
	int64_t online_cpus() const override { return 1; }
	bool in_irq() const override { return true; }
	bool user_mode() const override { return false; }
	std::optional<Value> target(const std::string&, std::span<const std::string>) const override { return {}; }
	std::optional<Value> task_member(int64_t, const std::string&) const override { return {}; }
	std::vector<StackFrame> backtrace() const override { return frames; }
	StackFrame symbol_at(uint64_t a) const override
	{
		for (const StackFrame& f : frames)
			if (f.address == a)
				return f;
		return StackFrame{a, {}, 0, 0, {}};
	}
	std::vector<StackFrame> ubacktrace() const override { return uframes; }
	std::vector<StackFrame> uframes{
		{0x401000, "fib", 0, 0x2c, "/crunch"},
		{0x401044, "main", 0x14, 0x30, "/crunch"},
	};
	std::vector<StackFrame> frames{
		{0xffffffff82266530, "schedule", 0, 0xd0, "kernel"},
		{0xffffffffc0000050, "cst_timer_handler", 0x50, 0x6c, "cst"},
		{0xffffffff82ad1d27, "call_timer_fn", 0x27, 0x130, "kernel"},
	};
};

std::string call(const std::string& fn, std::vector<Value> args = {}, size_t maxstringlen = 128)
{
	StackContext ctx;
	std::string printed;
	std::optional<Value> v = stack_builtin(fn, args, ctx, maxstringlen, printed);
	EXPECT_TRUE(v.has_value());
	return printed.empty() ? v->str() : printed;
}

TEST(Stack, PrintBacktraceIsSymFull)
{
	EXPECT_EQ(call("print_backtrace"), " 0xffffffff82266530 : schedule+0x0/0xd0 [kernel]\n"
					   " 0xffffffffc0000050 : cst_timer_handler+0x50/0x6c [cst]\n"
					   " 0xffffffff82ad1d27 : call_timer_fn+0x27/0x130 [kernel]\n");
}

TEST(Stack, UserBacktracesAreTheProgramsFramesInTheSameFormats)
{
	// %p pads a user address to 16 digits as it does a kernel one; the module is the
	// program's path.
	EXPECT_EQ(call("print_ubacktrace"), " 0x0000000000401000 : fib+0x0/0x2c [/crunch]\n"
					    " 0x0000000000401044 : main+0x14/0x30 [/crunch]\n");
	EXPECT_EQ(call("sprint_ubacktrace"), "fib+0x0 [/crunch]\nmain+0x14 [/crunch]");
	EXPECT_EQ(call("ubacktrace"), "0x401000 0x401044");
}

TEST(Stack, BacktraceIsHexWithoutTheLastSpace)
{
	EXPECT_EQ(call("backtrace"), "0xffffffff82266530 0xffffffffc0000050 0xffffffff82ad1d27");
	// Clipped to MAXSTRINGLEN - 1 bytes, as strlcpy() into the result leaves it.
	EXPECT_EQ(call("backtrace", {}, 20), "0xffffffff82266530 ");
}

TEST(Stack, SprintBacktraceIsSymSimple)
{
	EXPECT_EQ(call("sprint_backtrace"), "schedule+0x0 [kernel]\ncst_timer_handler+0x50 [cst]\ncall_timer_fn+0x27 [kernel]");
}

TEST(Stack, PrintSymsSymbolizesEachAddress)
{
	EXPECT_EQ(call("print_syms", {Value::of(std::string("0xffffffffc0000050 0x1234"))}),
		  " 0xffffffffc0000050 : cst_timer_handler+0x50/0x6c [cst]\n 0x0000000000001234\n");
}

TEST(Stack, CallerIsTheReturnAddress)
{
	EXPECT_EQ(call("caller"), "cst_timer_handler 0xffffffffc0000050");
	EXPECT_EQ(call("caller_addr"), std::to_string(static_cast<int64_t>(0xffffffffc0000050)));
	StackContext ctx;
	std::string printed;
	EXPECT_FALSE(stack_builtin("execname", {}, ctx, 128, printed).has_value());
}

}  // namespace
}  // namespace kctx::probe
