// The x86-64 restart decision table (reference kernel-6.1.md §6.4), row by row.
#include "kernel/task/Restart.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

constexpr int64_t kSys = -abi::kERESTARTSYS;
constexpr int64_t kNoIntr = -abi::kERESTARTNOINTR;
constexpr int64_t kNoHand = -abi::kERESTARTNOHAND;
constexpr int64_t kBlock = -abi::kERESTART_RESTARTBLOCK;
constexpr int64_t kEintr = -abi::kEINTR;
constexpr uint32_t kRestart = abi::kSA_RESTART;

using A = RestartAction;
using O = SignalOutcome;

TEST(SyscallRestart, ErestartsysRestartsOnlyWithSaRestartOrWithoutAHandler)
{
	EXPECT_EQ(syscall_restart_action(kSys, O::Handler, kRestart), A::Restart);
	EXPECT_EQ(syscall_restart_action(kSys, O::Handler, 0), A::Eintr);
	EXPECT_EQ(syscall_restart_action(kSys, O::Handler, abi::kSA_RESETHAND | abi::kSA_NODEFER), A::Eintr);
	EXPECT_EQ(syscall_restart_action(kSys, O::NoHandler), A::Restart);
}

TEST(SyscallRestart, ErestartnointrAlwaysRestarts)
{
	EXPECT_EQ(syscall_restart_action(kNoIntr, O::Handler, kRestart), A::Restart);
	EXPECT_EQ(syscall_restart_action(kNoIntr, O::Handler, 0), A::Restart);
	EXPECT_EQ(syscall_restart_action(kNoIntr, O::NoHandler), A::Restart);
}

TEST(SyscallRestart, ErestartnohandRestartsOnlyWhenNoHandlerRuns)
{
	EXPECT_EQ(syscall_restart_action(kNoHand, O::Handler, kRestart), A::Eintr);
	EXPECT_EQ(syscall_restart_action(kNoHand, O::Handler, 0), A::Eintr);
	EXPECT_EQ(syscall_restart_action(kNoHand, O::NoHandler), A::Restart);
}

TEST(SyscallRestart, ErestartRestartblockGoesThroughRestartSyscall)
{
	EXPECT_EQ(syscall_restart_action(kBlock, O::Handler, kRestart), A::Eintr);
	EXPECT_EQ(syscall_restart_action(kBlock, O::Handler, 0), A::Eintr);
	EXPECT_EQ(syscall_restart_action(kBlock, O::NoHandler), A::RestartBlock);
}

TEST(SyscallRestart, EintrAndOtherValuesPassThrough)
{
	for (int64_t v :
	     {kEintr, int64_t{0}, int64_t{12}, int64_t{-abi::kEAGAIN}, int64_t{-abi::kENOIOCTLCMD}}) {
		EXPECT_EQ(syscall_restart_action(v, O::Handler, kRestart), A::PassThrough) << v;
		EXPECT_EQ(syscall_restart_action(v, O::Handler, 0), A::PassThrough) << v;
		EXPECT_EQ(syscall_restart_action(v, O::NoHandler), A::PassThrough) << v;
	}
}

TEST(SyscallRestart, NothingPendingLeaksTheRestartCode)
{
	// TIF_SIGPENDING clear: user space sees errno 512 ("Unknown error 512").
	for (int64_t v : {kSys, kNoIntr, kNoHand, kBlock})
		EXPECT_EQ(syscall_restart_action(v, O::NoSignal), A::PassThrough) << v;
}

}   // namespace
}   // namespace kctx::kernel
