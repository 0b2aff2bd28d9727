// lockdep driven directly: each report kind with its exact lines, the usage rules per
// context, held-lock listings, debug_locks_off() after the first report, and the state
// as a value.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "base/Serialize.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/locking/Lockdep.h"

namespace kctx::kernel {
namespace {

constexpr const char* kIdent = "6.1.0-kctx-debug #1 Tainted: G           O";

constexpr uint64_t kDevLock = 0xffff888004a1b520;
constexpr uint64_t kDevLockKey = 0xffffffffc0a02000;
constexpr uint64_t kA = 0xffff888004a1b600;
constexpr uint64_t kB = 0xffff888004a1b700;
constexpr uint64_t kC = 0xffff888004a1b800;
constexpr uint64_t kKeyA = 0xffffffffc0a03000;
constexpr uint64_t kKeyB = 0xffffffffc0a03100;
constexpr uint64_t kKeyC = 0xffffffffc0a03200;

constexpr TaskId kInsmod = 7;
constexpr TaskId kOther = 8;

StackFn frames(std::vector<std::string> f)
{
	return [f = std::move(f)] { return f; };
}

// Process context, irqs and bh enabled.
LockContext process(std::string ip, TaskId task = kInsmod, std::string comm = "insmod", int32_t pid = 240)
{
	LockContext cx;
	cx.task = task;
	cx.pid = pid;
	cx.comm = std::move(comm);
	cx.ip = std::move(ip);
	cx.ident = kIdent;
	return cx;
}

// spin_lock_irqsave(): irqs off, one preempt_disable.
LockContext irqsave(std::string ip, TaskId task = kInsmod, std::string comm = "insmod", int32_t pid = 240)
{
	LockContext cx = process(std::move(ip), task, std::move(comm), pid);
	cx.preempt_count = 1;
	cx.hardirqs_enabled = false;
	return cx;
}

// spin_lock_bh(): bh disabled, irqs on.
LockContext bh(std::string ip)
{
	LockContext cx = process(std::move(ip));
	cx.preempt_count = 0x201;
	cx.softirqs_enabled = false;
	return cx;
}

// A hardirq handler interrupting `task` (current stays the interrupted task).
LockContext hardirq(std::string ip, TaskId task = kInsmod, std::string comm = "insmod", int32_t pid = 240)
{
	LockContext cx = process(std::move(ip), task, std::move(comm), pid);
	cx.preempt_count = 0x10000;
	cx.hardirqs_enabled = false;
	return cx;
}

// A timer callback in the idle task's softirq.
LockContext softirq(std::string ip)
{
	LockContext cx = process(std::move(ip), 1, "swapper/1", 0);
	cx.preempt_count = 0x101;
	cx.softirqs_enabled = false;
	return cx;
}

std::string sym(const std::string& ip) { return fmt::format("[<{:016x}>] {}", kernel_symbol_address(ip), ip); }

std::vector<std::string> indent(const std::vector<std::string>& f, size_t n)
{
	std::vector<std::string> out;
	for (const std::string& s : f)
		out.push_back(std::string(n, ' ') + s);
	return out;
}

std::vector<std::string> cat(std::initializer_list<std::vector<std::string>> parts)
{
	std::vector<std::string> out;
	for (const auto& p : parts)
		out.insert(out.end(), p.begin(), p.end());
	return out;
}

bool has_line(const LockdepReport& r, const std::string& line)
{
	return std::find(r.lines.begin(), r.lines.end(), line) != r.lines.end();
}

struct LockdepTest : ::testing::Test {
	LockdepState st;
	Lockdep ld{st};

	std::optional<LockdepReport> lock(const LockContext& cx, uint64_t inst, std::string_view name, uint64_t key,
					  std::vector<std::string> stack = {}, LockKind kind = LockKind::Spin)
	{
		return ld.acquire(cx, inst, name, key, kind, false, frames(std::move(stack)));
	}
	std::optional<LockdepReport> unlock(const LockContext& cx, uint64_t inst) { return ld.release(cx, inst, frames({})); }
	void ok(const std::optional<LockdepReport>& r)
	{
		ASSERT_FALSE(r.has_value()) << (r ? ::testing::PrintToString(r->lines) : "");
	}
};

const std::vector<std::string> kProcStack = {"lock_acquire+0xc4/0x2d0", "_raw_spin_lock+0x2c/0x40",
					     "my_read+0x1c/0x50 [mymod]", "vfs_read+0x9c/0x1a0"};
const std::vector<std::string> kIrqStack = {"lock_acquire+0xc4/0x2d0", "_raw_spin_lock+0x2c/0x40",
					    "my_irq_handler+0x14/0x40 [mymod]", "__handle_irq_event_percpu+0x4a/0x1a0"};

// ---- A: recursive locking ----

TEST_F(LockdepTest, RecursiveLockingReport)
{
	ok(lock(process("foo+0x1c/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kProcStack));
	auto r = lock(process("bar+0x10/0x60 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kProcStack);
	ASSERT_TRUE(r);
	EXPECT_TRUE(r->backtrace);
	EXPECT_TRUE(r->blank_line);
	EXPECT_TRUE(r->backtrace_title);
	std::vector<std::string> want = {
		"============================================",
		"WARNING: possible recursive locking detected",
		kIdent,
		"--------------------------------------------",
		"insmod/240 is trying to acquire lock:",
		"ffff888004a1b520 (&dev->lock){+.+.}-{2:2}, at: bar+0x10/0x60 [mymod]",
		"",
		"but task is already holding lock:",
		"ffff888004a1b520 (&dev->lock){+.+.}-{2:2}, at: foo+0x1c/0x40 [mymod]",
		"",
		"other info that might help us debug this:",
		" Possible unsafe locking scenario:",
		"",
		"       CPU0",
		"       ----",
		"  lock(&dev->lock);",
		"  lock(&dev->lock);",
		"",
		" *** DEADLOCK ***",
		"",
		" May be due to missing lock nesting notation",
		"",
		"1 lock held by insmod/240:",
		" #0: ffff888004a1b520 (&dev->lock){+.+.}-{2:2}, at: foo+0x1c/0x40 [mymod]",
		"",
	};
	EXPECT_EQ(r->lines, want);
}

TEST_F(LockdepTest, TwoInstancesOfOneClassAreRecursiveLocking)
{
	ok(lock(process("f+0x1/0x2"), kA, "&dev->lock", kDevLockKey));
	auto r = lock(process("f+0x3/0x4"), kB, "&dev->lock", kDevLockKey);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[1], "WARNING: possible recursive locking detected");
}

TEST_F(LockdepTest, LockdepIsOffAfterTheFirstReport)
{
	ok(lock(process("foo+0x1c/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey));
	ASSERT_TRUE(lock(process("bar+0x10/0x60 [mymod]"), kDevLock, "&dev->lock", kDevLockKey));
	EXPECT_FALSE(ld.enabled());
	EXPECT_FALSE(st.debug_locks);
	// An ABBA now goes unreported, as does everything else.
	ok(lock(process("x+0x1/0x10"), kA, "A", kKeyA));
	ok(lock(process("x+0x2/0x10"), kB, "B", kKeyB));
	ok(unlock(process("x+0x3/0x10"), kB));
	ok(unlock(process("x+0x3/0x10"), kA));
	ok(lock(process("y+0x1/0x10", kOther, "t2", 300), kB, "B", kKeyB));
	ok(lock(process("y+0x2/0x10", kOther, "t2", 300), kA, "A", kKeyA));
	ok(unlock(process("z+0x1/0x10"), 0xdead));
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240), std::vector<std::string>{"INFO: lockdep is turned off."});
}

// ---- B: circular dependency ----

TEST_F(LockdepTest, CircularDependencyAcrossTwoTasks)
{
	const std::vector<std::string> t1_b = {"lock_acquire+0xc4/0x2d0", "_raw_spin_lock+0x2c/0x40",
					       "t1_fn+0x30/0x80 [mymod]", "kthread+0xe8/0x110"};
	const std::vector<std::string> t2_a = {"lock_acquire+0xc4/0x2d0", "_raw_spin_lock+0x2c/0x40",
					       "t2_fn+0x38/0x80 [mymod]", "kthread+0xe8/0x110"};
	LockContext t1 = process("t1_fn+0x18/0x80 [mymod]", kInsmod, "t1", 101);
	ok(lock(t1, kA, "A", kKeyA, t1_b));
	t1.ip = "t1_fn+0x30/0x80 [mymod]";
	ok(lock(t1, kB, "B", kKeyB, t1_b));
	ok(unlock(t1, kB));
	ok(unlock(t1, kA));
	ASSERT_EQ(st.deps.size(), 1u);
	EXPECT_EQ(st.deps[0].trace, t1_b);

	LockContext t2 = process("t2_fn+0x20/0x80 [mymod]", kOther, "t2", 102);
	ok(lock(t2, kB, "B", kKeyB, t2_a));
	t2.ip = "t2_fn+0x38/0x80 [mymod]";
	auto r = lock(t2, kA, "A", kKeyA, t2_a);
	ASSERT_TRUE(r);
	std::vector<std::string> want = cat({
		{
			"======================================================",
			"WARNING: possible circular locking dependency detected",
			kIdent,
			"------------------------------------------------------",
			"t2/102 is trying to acquire lock:",
			"ffff888004a1b600 (A){+.+.}-{2:2}, at: t2_fn+0x38/0x80 [mymod]",
			"",
			"but task is already holding lock:",
			"ffff888004a1b700 (B){+.+.}-{2:2}, at: t2_fn+0x20/0x80 [mymod]",
			"",
			"which lock already depends on the new lock.",
			"",
			"",
			"the existing dependency chain (in reverse order) is:",
			"",
			"-> #1 (B){+.+.}-{2:2}:",
		},
		indent(t1_b, 7),
		{
			"",
			"-> #0 (A){+.+.}-{2:2}:",
		},
		indent(t2_a, 7),
		{
			"",
			"other info that might help us debug this:",
			"",
			" Possible unsafe locking scenario:",
			"",
			"       CPU0                    CPU1",
			"       ----                    ----",
			"  lock(B);",
			"                               lock(A);",
			"                               lock(B);",
			"  lock(A);",
			"",
			" *** DEADLOCK ***",
			"",
			"1 lock held by t2/102:",
			" #0: ffff888004a1b700 (B){+.+.}-{2:2}, at: t2_fn+0x20/0x80 [mymod]",
			"",
		},
	});
	EXPECT_EQ(r->lines, want);
}

TEST_F(LockdepTest, CircularChainOfThree)
{
	LockContext t = process("f+0x1/0x10");
	ok(lock(t, kA, "A", kKeyA, {"ab"}));
	ok(lock(t, kB, "B", kKeyB, {"ab"}));
	ok(unlock(t, kB));
	ok(unlock(t, kA));
	ok(lock(t, kB, "B", kKeyB, {"bc"}));
	ok(lock(t, kC, "C", kKeyC, {"bc"}));
	ok(unlock(t, kC));
	ok(unlock(t, kB));
	ok(lock(t, kC, "C", kKeyC, {"ca"}));
	auto r = lock(t, kA, "A", kKeyA, {"ca"});
	ASSERT_TRUE(r);
	auto at = [&](const std::string& s) { return std::find(r->lines.begin(), r->lines.end(), s) - r->lines.begin(); };
	EXPECT_LT(at("-> #2 (C){+.+.}-{2:2}:"), at("-> #1 (B){+.+.}-{2:2}:"));
	EXPECT_LT(at("-> #1 (B){+.+.}-{2:2}:"), at("-> #0 (A){+.+.}-{2:2}:"));
	EXPECT_EQ(r->lines[static_cast<size_t>(at("-> #2 (C){+.+.}-{2:2}:")) + 1], "       bc");
	EXPECT_EQ(r->lines[static_cast<size_t>(at("-> #1 (B){+.+.}-{2:2}:")) + 1], "       ab");
	EXPECT_EQ(r->lines[static_cast<size_t>(at("-> #0 (A){+.+.}-{2:2}:")) + 1], "       ca");
	size_t chain = static_cast<size_t>(at("Chain exists of:"));
	ASSERT_LT(chain, r->lines.size());
	EXPECT_EQ(r->lines[chain + 1], "  A --> B --> C");
	EXPECT_EQ(r->lines[chain + 7], "  lock(C);");
	EXPECT_EQ(r->lines[chain + 8], "                               lock(B);");
	EXPECT_EQ(r->lines[chain + 9], "                               lock(C);");
	EXPECT_EQ(r->lines[chain + 10], "  lock(A);");
}

TEST_F(LockdepTest, TrylockAddsNoDependency)
{
	LockContext t1 = process("f+0x1/0x10");
	ok(lock(t1, kA, "A", kKeyA));
	ok(ld.acquire(t1, kB, "B", kKeyB, LockKind::Spin, true, frames({})));
	ok(unlock(t1, kB));
	ok(unlock(t1, kA));
	EXPECT_TRUE(st.deps.empty());
	LockContext t2 = process("g+0x1/0x10", kOther, "t2", 300);
	ok(lock(t2, kB, "B", kKeyB));
	ok(lock(t2, kA, "A", kKeyA));
	EXPECT_EQ(st.deps.size(), 1u);
}

TEST_F(LockdepTest, ReleasingAMiddleLockReacquiresTheOnesAbove)
{
	LockContext t = process("f+0x1/0x10");
	ok(lock(t, kA, "A", kKeyA));
	ok(lock(t, kB, "B", kKeyB));
	ok(lock(t, kC, "C", kKeyC));
	ASSERT_EQ(st.deps.size(), 2u);   // A -> B, B -> C
	ok(unlock(t, kB));
	EXPECT_EQ(ld.depth(kInsmod), 2u);
	EXPECT_TRUE(ld.holds(kInsmod, kC));
	EXPECT_FALSE(ld.holds(kInsmod, kB));
	ASSERT_EQ(st.deps.size(), 3u);   // + A -> C
	EXPECT_EQ(st.classes[st.deps[2].prev].name, "A");
	EXPECT_EQ(st.classes[st.deps[2].next].name, "C");
}

// ---- C: inconsistent lock state ----

TEST_F(LockdepTest, HardirqOnThenInHardirqIsInconsistent)
{
	LockContext p = process("my_read+0x1c/0x50 [mymod]");
	// Some irq history on the task: irqsave/irqrestore, then an interrupt.
	ld.hardirqs_off(irqsave("_raw_spin_lock_irqsave+0x4c/0x60"));
	ok(ld.hardirqs_on(process("_raw_spin_unlock_irqrestore+0x30/0x50"), frames({})));
	ok(lock(p, kDevLock, "&dev->lock", kDevLockKey, kProcStack));
	ok(unlock(p, kDevLock));
	ld.hardirqs_off(hardirq("asm_common_interrupt+0x22/0x40"));
	auto r = lock(hardirq("my_irq_handler+0x14/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kIrqStack);
	ASSERT_TRUE(r);
	std::vector<std::string> want = cat({
		{
			"================================",
			"WARNING: inconsistent lock state",
			kIdent,
			"--------------------------------",
			"inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.",
			"insmod/240 [HC1[1]:SC0[0]:HE0:SE1] takes:",
			"ffff888004a1b520 (&dev->lock){?.+.}-{2:2}, at: my_irq_handler+0x14/0x40 [mymod]",
			"{HARDIRQ-ON-W} state was registered at:",
		},
		indent(kProcStack, 2),
		{
			"irq event stamp: 3",
			"hardirqs last  enabled at (2): " + sym("_raw_spin_unlock_irqrestore+0x30/0x50"),
			"hardirqs last disabled at (3): " + sym("asm_common_interrupt+0x22/0x40"),
			"softirqs last  enabled at (0): [<0000000000000000>] 0x0",
			"softirqs last disabled at (0): [<0000000000000000>] 0x0",
			"",
			"other info that might help us debug this:",
			" Possible unsafe locking scenario:",
			"",
			"       CPU0",
			"       ----",
			"  lock(&dev->lock);",
			"  <Interrupt>",
			"    lock(&dev->lock);",
			"",
			" *** DEADLOCK ***",
			"",
			"no locks held by insmod/240.",
			"",
		},
	});
	EXPECT_EQ(r->lines, want);
}

TEST_F(LockdepTest, InHardirqThenHardirqOnIsInconsistent)
{
	ok(lock(hardirq("my_irq_handler+0x14/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kIrqStack));
	ok(unlock(hardirq("my_irq_handler+0x30/0x40 [mymod]"), kDevLock));
	auto r = lock(process("my_read+0x1c/0x50 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kProcStack);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[4], "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.");
	EXPECT_EQ(r->lines[5], "insmod/240 [HC0[0]:SC0[0]:HE1:SE1] takes:");
	EXPECT_EQ(r->lines[6], "ffff888004a1b520 (&dev->lock){?...}-{2:2}, at: my_read+0x1c/0x50 [mymod]");
	EXPECT_EQ(r->lines[7], "{IN-HARDIRQ-W} state was registered at:");
	EXPECT_EQ(r->lines[8], "  lock_acquire+0xc4/0x2d0");
}

TEST_F(LockdepTest, IrqsaveInProcessContextIsConsistent)
{
	ok(lock(irqsave("my_read+0x1c/0x50 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kProcStack));
	ok(unlock(irqsave("my_read+0x40/0x50 [mymod]"), kDevLock));
	ok(lock(hardirq("my_irq_handler+0x14/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kIrqStack));
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240),
		  (std::vector<std::string>{"1 lock held by insmod/240:",
					    " #0: ffff888004a1b520 (&dev->lock){-...}-{2:2}, at: my_irq_handler+0x14/0x40 [mymod]"}));
	ok(unlock(hardirq("my_irq_handler+0x30/0x40 [mymod]"), kDevLock));
	EXPECT_TRUE(ld.enabled());
}

TEST_F(LockdepTest, SoftirqOnThenInSoftirqIsInconsistent)
{
	ok(lock(process("my_read+0x1c/0x50 [mymod]"), kDevLock, "my_lock", kDevLockKey, kProcStack));
	ok(unlock(process("my_read+0x40/0x50 [mymod]"), kDevLock));
	auto r = lock(softirq("my_timer_fn+0x15/0x50 [mymod]"), kDevLock, "my_lock", kDevLockKey);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[4], "inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.");
	EXPECT_EQ(r->lines[5], "swapper/1/0 [HC0[0]:SC1[1]:HE1:SE0] takes:");
	EXPECT_EQ(r->lines[6], "ffff888004a1b520 (my_lock){+.?.}-{2:2}, at: my_timer_fn+0x15/0x50 [mymod]");
	EXPECT_EQ(r->lines[7], "{SOFTIRQ-ON-W} state was registered at:");
	EXPECT_TRUE(has_line(*r, "no locks held by swapper/1/0."));
}

TEST_F(LockdepTest, SpinLockBhThenSoftirqIsConsistent)
{
	ok(lock(bh("my_read+0x1c/0x50 [mymod]"), kDevLock, "my_lock", kDevLockKey));
	ok(unlock(bh("my_read+0x40/0x50 [mymod]"), kDevLock));
	ok(lock(softirq("my_timer_fn+0x15/0x50 [mymod]"), kDevLock, "my_lock", kDevLockKey));
	EXPECT_EQ(ld.held_locks(1, "swapper/1", 0)[1],
		  " #0: ffff888004a1b520 (my_lock){+.-.}-{2:2}, at: my_timer_fn+0x15/0x50 [mymod]");
}

TEST_F(LockdepTest, EnablingIrqsWithALockHeldMarksIt)
{
	// spin_lock_irq(A); local_irq_enable(); -> A is HARDIRQ-ON-W (and SOFTIRQ-ON-W).
	ok(lock(hardirq("my_irq_handler+0x14/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey, kIrqStack));
	ok(unlock(hardirq("my_irq_handler+0x30/0x40 [mymod]"), kDevLock));
	ok(lock(irqsave("my_ioctl+0x10/0x80 [mymod]"), kDevLock, "&dev->lock", kDevLockKey));
	auto r = ld.hardirqs_on(process("my_ioctl+0x24/0x80 [mymod]"), frames({"trace_hardirqs_on+0x3a/0xd0"}));
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[4], "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.");
	EXPECT_EQ(r->lines[5], "insmod/240 [HC0[0]:SC0[0]:HE0:SE1] takes:");
	EXPECT_EQ(r->lines[6], "ffff888004a1b520 (&dev->lock){?...}-{2:2}, at: my_ioctl+0x10/0x80 [mymod]");
	EXPECT_TRUE(has_line(*r, "1 lock held by insmod/240:"));
}

// ---- D: irq lock inversion ----

TEST_F(LockdepTest, IrqInversionBackwards)
{
	const std::vector<std::string> irq_a = {"irq_a"};
	const std::vector<std::string> ab = {"ab_1", "ab_2"};
	const std::vector<std::string> now = {"now_b"};
	ok(lock(hardirq("h+0x1/0x10"), kA, "A", kKeyA, irq_a));
	ok(unlock(hardirq("h+0x2/0x10"), kA));
	ok(lock(irqsave("p+0x10/0x40 [mymod]"), kA, "A", kKeyA, ab));
	ok(lock(irqsave("p+0x20/0x40 [mymod]"), kB, "B", kKeyB, ab));
	ok(unlock(irqsave("p+0x30/0x40 [mymod]"), kB));
	ok(unlock(irqsave("p+0x38/0x40 [mymod]"), kA));
	auto r = lock(process("q+0x10/0x40 [mymod]"), kB, "B", kKeyB, now);
	ASSERT_TRUE(r);
	std::vector<std::string> want = cat({
		{
			"========================================================",
			"WARNING: possible irq lock inversion dependency detected",
			kIdent,
			"--------------------------------------------------------",
			"insmod/240 just changed the state of lock:",
			"ffff888004a1b700 (B){+...}-{2:2}, at: q+0x10/0x40 [mymod]",
			"but this lock was taken by another, HARDIRQ-safe lock in the past:",
			" (A){-...}-{2:2}",
			"",
			"",
			"and interrupts could create inverse lock ordering between them.",
			"",
			"",
			"other info that might help us debug this:",
			" Possible interrupt unsafe locking scenario:",
			"",
			"       CPU0                    CPU1",
			"       ----                    ----",
			"  lock(B);",
			"                               local_irq_disable();",
			"                               lock(A);",
			"                               lock(B);",
			"  <Interrupt>",
			"    lock(A);",
			"",
			" *** DEADLOCK ***",
			"",
			"no locks held by insmod/240.",
			"",
			"the shortest dependencies between 2nd lock and 1st lock:",
			" -> (A){-...}-{2:2} {",
			"    IN-HARDIRQ-W at:",
		},
		indent(irq_a, 22),
		{"    INITIAL USE at:"},
		indent(irq_a, 21),
		{
			"  }",
			"  ... key      at: [<ffffffffc0a03000>] 0xffffffffc0a03000",
			"  ... acquired at:",
		},
		indent(ab, 3),
		{
			"",
			"-> (B){+...}-{2:2} {",
			"   HARDIRQ-ON-W at:",
		},
		indent(now, 20),
		{"   INITIAL USE at:"},
		indent(ab, 19),
		{
			" }",
			" ... key      at: [<ffffffffc0a03100>] 0xffffffffc0a03100",
			" ... acquired at:",
		},
		indent(now, 3),
		{"", ""},
	});
	EXPECT_EQ(r->lines, want);
}

TEST_F(LockdepTest, IrqInversionForwards)
{
	ok(lock(process("p+0x1/0x40"), kB, "B", kKeyB));
	ok(unlock(process("p+0x2/0x40"), kB));
	ok(lock(irqsave("p+0x10/0x40"), kA, "A", kKeyA));
	ok(lock(irqsave("p+0x20/0x40"), kB, "B", kKeyB));
	ok(unlock(irqsave("p+0x30/0x40"), kB));
	ok(unlock(irqsave("p+0x38/0x40"), kA));
	auto r = lock(hardirq("h+0x1/0x10"), kA, "A", kKeyA);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[1], "WARNING: possible irq lock inversion dependency detected");
	EXPECT_EQ(r->lines[5], "ffff888004a1b600 (A){-...}-{2:2}, at: h+0x1/0x10");
	EXPECT_EQ(r->lines[6], "but this lock took another, HARDIRQ-unsafe lock in the past:");
	EXPECT_EQ(r->lines[7], " (B){+.+.}-{2:2}");
	EXPECT_TRUE(has_line(*r, "  lock(B);"));
	EXPECT_TRUE(has_line(*r, "    lock(A);"));
	EXPECT_TRUE(has_line(*r, " -> (B){+.+.}-{2:2} {"));
	EXPECT_TRUE(has_line(*r, "-> (A){-...}-{2:2} {"));
}

TEST_F(LockdepTest, SoftirqInversionThroughAChain)
{
	// A is softirq-safe; A -> X -> B with bh disabled; then B is taken with bh enabled.
	constexpr uint64_t kX = 0xffff888004a1b900;
	ok(lock(softirq("t+0x1/0x10"), kA, "A", kKeyA));
	ok(unlock(softirq("t+0x2/0x10"), kA));
	ok(lock(bh("p+0x10/0x40"), kA, "A", kKeyA));
	ok(lock(bh("p+0x14/0x40"), kX, "X", 0xffffffffc0a03300));
	ok(lock(bh("p+0x18/0x40"), kB, "B", kKeyB));
	ok(unlock(bh("p+0x30/0x40"), kB));
	ok(unlock(bh("p+0x34/0x40"), kX));
	ok(unlock(bh("p+0x38/0x40"), kA));
	auto r = lock(process("q+0x10/0x40"), kB, "B", kKeyB);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[6], "but this lock was taken by another, SOFTIRQ-safe lock in the past:");
	EXPECT_TRUE(has_line(*r, "Chain exists of:"));
	EXPECT_TRUE(has_line(*r, "  A --> X --> B"));
	EXPECT_TRUE(has_line(*r, "                               lock(X);"));
}

// ---- E: safe -> unsafe order ----

TEST_F(LockdepTest, HardirqSafeToUnsafeOrder)
{
	ok(lock(hardirq("h+0x1/0x10"), kA, "A", kKeyA, {"irq_a"}));
	ok(unlock(hardirq("h+0x2/0x10"), kA));
	ok(lock(process("p+0x1/0x40"), kB, "B", kKeyB, {"proc_b"}));
	ok(unlock(process("p+0x2/0x40"), kB));
	ok(lock(irqsave("p+0x10/0x40"), kA, "A", kKeyA, {"ab"}));
	auto r = lock(irqsave("p+0x20/0x40"), kB, "B", kKeyB, {"ab"});
	ASSERT_TRUE(r);
	std::vector<std::string> head = {
		"=====================================================",
		"WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected",
		kIdent,
		"-----------------------------------------------------",
		"insmod/240 [HC0[0]:SC0[0]:HE0:SE1] is trying to acquire:",
		"ffff888004a1b700 (B){+.+.}-{2:2}, at: p+0x20/0x40",
		"",
		"and this task is already holding:",
		"ffff888004a1b600 (A){-...}-{2:2}, at: p+0x10/0x40",
		"which would create a new lock dependency:",
		" (A){-...}-{2:2} -> (B){+.+.}-{2:2}",
		"",
		"but this new dependency connects a HARDIRQ-irq-safe lock:",
		" (A){-...}-{2:2}",
		"",
		"... which became HARDIRQ-irq-safe at:",
		"  irq_a",
		"",
		"to a HARDIRQ-irq-unsafe lock:",
		" (B){+.+.}-{2:2}",
		"",
		"... which became HARDIRQ-irq-unsafe at:",
		"...",
		"  proc_b",
		"",
		"other info that might help us debug this:",
		"",
		" Possible interrupt unsafe locking scenario:",
	};
	ASSERT_GE(r->lines.size(), head.size());
	EXPECT_EQ(std::vector<std::string>(r->lines.begin(), r->lines.begin() + static_cast<std::ptrdiff_t>(head.size())),
		  head);
	std::vector<std::string> tail = {
		"1 lock held by insmod/240:",
		" #0: ffff888004a1b600 (A){-...}-{2:2}, at: p+0x10/0x40",
		"",
		"the dependencies between HARDIRQ-irq-safe lock and the holding lock:",
		"-> (A){-...}-{2:2} {",
		"   IN-HARDIRQ-W at:",
		"                    irq_a",
		"   INITIAL USE at:",
		"                   irq_a",
		" }",
		" ... key      at: [<ffffffffc0a03000>] 0xffffffffc0a03000",
		"",
		"the dependencies between the lock to be acquired",
		" and HARDIRQ-irq-unsafe lock:",
		"-> (B){+.+.}-{2:2} {",
		"   HARDIRQ-ON-W at:",
		"                    proc_b",
		"   SOFTIRQ-ON-W at:",
		"                    proc_b",
		"   INITIAL USE at:",
		"                   proc_b",
		" }",
		" ... key      at: [<ffffffffc0a03100>] 0xffffffffc0a03100",
		" ... acquired at:",
		"   ab",
		"",
		"",
	};
	ASSERT_GE(r->lines.size(), tail.size());
	EXPECT_EQ(std::vector<std::string>(r->lines.end() - static_cast<std::ptrdiff_t>(tail.size()), r->lines.end()), tail);
}

// ---- other reports ----

TEST_F(LockdepTest, BadUnlockBalance)
{
	ok(lock(process("foo+0x1c/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey));
	ok(unlock(process("foo+0x30/0x40 [mymod]"), kDevLock));
	auto r = unlock(process("baz+0x8/0x20 [mymod]"), kDevLock);
	ASSERT_TRUE(r);
	std::vector<std::string> want = {
		"=====================================",
		"WARNING: bad unlock balance detected!",
		kIdent,
		"-------------------------------------",
		"insmod/240 is trying to release lock (&dev->lock) at:",
		sym("baz+0x8/0x20 [mymod]"),
		"but there are no more locks to release!",
		"",
		"other info that might help us debug this:",
		"no locks held by insmod/240.",
		"",
	};
	EXPECT_EQ(r->lines, want);
	EXPECT_FALSE(ld.enabled());
}

TEST_F(LockdepTest, UnlockOfALockNeverTakenUsesTheGivenName)
{
	auto r = ld.release(process("baz+0x8/0x20 [mymod]"), kDevLock, "my_lock", frames({}));
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[4], "insmod/240 is trying to release lock (my_lock) at:");
}

TEST_F(LockdepTest, UnlockInAnotherIrqContextIsUnbalanced)
{
	// find_held_lock() matches the innermost lock whatever its context, but does not
	// look below it into another context.
	ok(lock(process("p+0x1/0x10"), kA, "A", kKeyA));
	ok(lock(hardirq("h+0x1/0x10"), kC, "C", kKeyC));
	auto r = unlock(hardirq("h+0x2/0x10"), kA);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[1], "WARNING: bad unlock balance detected!");
	EXPECT_TRUE(has_line(*r, "2 locks held by insmod/240:"));
}

TEST_F(LockdepTest, SemaphoresAreInvisible)
{
	ok(ld.acquire(process("p+0x1/0x10"), kA, "&sem", kKeyA, LockKind::Semaphore, false, frames({})));
	ok(ld.acquire(process("p+0x2/0x10"), kA, "&sem", kKeyA, LockKind::Semaphore, false, frames({})));
	EXPECT_EQ(ld.depth(kInsmod), 0u);
	ok(unlock(process("p+0x3/0x10"), kA));
	ok(unlock(process("p+0x4/0x10"), kA));
	EXPECT_TRUE(ld.enabled());
}

TEST_F(LockdepTest, MutexUnderSpinlockIsAnInvalidWaitContext)
{
	ok(lock(process("foo+0x10/0x80 [mymod]"), kA, "&dev->lock", kKeyA));
	auto r = lock(process("foo+0x20/0x80 [mymod]"), kB, "&dev->mutex", kKeyB, {}, LockKind::Mutex);
	ASSERT_TRUE(r);
	std::vector<std::string> want = {
		"=============================",
		"[ BUG: Invalid wait context ]",
		kIdent,
		"-----------------------------",
		"insmod/240 is trying to lock:",
		"ffff888004a1b700 (&dev->mutex){....}-{3:3}, at: foo+0x20/0x80 [mymod]",
		"other info that might help us debug this:",
		"context-{4:4}",
		"1 lock held by insmod/240:",
		" #0: ffff888004a1b600 (&dev->lock){+.+.}-{2:2}, at: foo+0x10/0x80 [mymod]",
	};
	EXPECT_EQ(r->lines, want);
}

TEST_F(LockdepTest, MutexInATimerCallbackIsAnInvalidWaitContext)
{
	ok(lock(softirq("call_timer_fn+0x9a/0x2a0"), kC, "(&t->timer)", kKeyC, {}, LockKind::Map));
	auto r = lock(softirq("my_timer_fn+0x15/0x50 [mymod]"), kB, "my_mutex", kKeyB, {}, LockKind::Mutex);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[7], "context-{2:2}");
	EXPECT_EQ(r->lines[9], " #0: ffff888004a1b800 ((&t->timer)){+.-.}-{0:0}, at: call_timer_fn+0x9a/0x2a0");
}

TEST_F(LockdepTest, MaxLockDepth)
{
	std::optional<LockdepReport> r;
	for (uint64_t i = 0; i < kLockdepMaxDepth && !r; i++)
		r = lock(process(fmt::format("f+0x{:x}/0x100", i)), kA + i * 0x40, fmt::format("l{}", i), kKeyA + i * 0x40);
	ASSERT_TRUE(r);
	EXPECT_EQ(ld.depth(kInsmod), kLockdepMaxDepth);
	EXPECT_FALSE(r->blank_line);
	EXPECT_FALSE(r->backtrace_title);
	EXPECT_TRUE(r->backtrace);
	EXPECT_EQ(r->lines[0], "\0017BUG: MAX_LOCK_DEPTH too low!");
	EXPECT_EQ(r->lines[1], "\0017turning off the locking correctness validator.");
	EXPECT_EQ(r->lines[2], "\0017depth: 48  max: 48!");
	EXPECT_EQ(r->lines[3], "48 locks held by insmod/240:");
	EXPECT_EQ(r->lines[4], " #0: ffff888004a1b600 (l0){+.+.}-{2:2}, at: f+0x0/0x100");
	EXPECT_EQ(r->lines.back(), "INFO: lockdep is turned off.");
}

// ---- read locks ----

TEST_F(LockdepTest, RecursiveReadInInterruptIsFine)
{
	ok(lock(softirq("t+0x1/0x10"), kA, "&rw", kKeyA, {}, LockKind::ReadLock));
	ok(lock(softirq("t+0x2/0x10"), kA, "&rw", kKeyA, {}, LockKind::ReadLock));
	EXPECT_EQ(ld.held_locks(1, "swapper/1", 0)[1], " #0: ffff888004a1b600 (&rw){.+.-}-{2:2}, at: t+0x1/0x10");
}

TEST_F(LockdepTest, ReadAfterReadInProcessContextIsRecursiveLocking)
{
	// x86 rwlocks are queued: a process-context reader waits behind a queued writer.
	ok(lock(process("p+0x1/0x10"), kA, "&rw", kKeyA, {}, LockKind::ReadLock));
	auto r = lock(process("p+0x2/0x10"), kA, "&rw", kKeyA, {}, LockKind::ReadLock);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[1], "WARNING: possible recursive locking detected");
	EXPECT_EQ(r->lines[5], "ffff888004a1b600 (&rw){.+.+}-{2:2}, at: p+0x2/0x10");
}

TEST_F(LockdepTest, RcuReadLockIsListedButAddsNoDependencies)
{
	constexpr uint64_t kRcu = 0xffffffff82b5c0a0;
	ok(lock(process("r+0x1/0x10"), kRcu, "rcu_read_lock", 0xffffffff82b5c0c0, {}, LockKind::RcuRead));
	ok(lock(process("r+0x2/0x10"), kA, "A", kKeyA));
	EXPECT_TRUE(st.deps.empty());
	auto held = ld.held_locks(kInsmod, "insmod", 240);
	ASSERT_EQ(held.size(), 3u);
	EXPECT_EQ(held[1], " #0: ffffffff82b5c0a0 (rcu_read_lock){....}-{1:2}, at: r+0x1/0x10");
	ok(unlock(process("r+0x3/0x10"), kA));
	auto r = lock(process("r+0x4/0x10"), kB, "&m", kKeyB, {}, LockKind::Mutex);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->lines[1], "[ BUG: Invalid wait context ]");
}

// ---- listings, naming, state ----

TEST_F(LockdepTest, HeldLocksLines)
{
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240), std::vector<std::string>{"no locks held by insmod/240."});
	ok(lock(process("foo+0x1c/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey));
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240),
		  (std::vector<std::string>{"1 lock held by insmod/240:",
					    " #0: ffff888004a1b520 (&dev->lock){+.+.}-{2:2}, at: foo+0x1c/0x40 [mymod]"}));
	ok(unlock(process("foo+0x2c/0x40 [mymod]"), kDevLock));
	ok(lock(process("foo+0x30/0x40 [mymod]"), kB, "&dev->mutex", kKeyB, {}, LockKind::Mutex));
	ok(lock(process("foo+0x34/0x40 [mymod]"), kDevLock, "&dev->lock", kDevLockKey));
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240),
		  (std::vector<std::string>{"2 locks held by insmod/240:",
					    " #0: ffff888004a1b700 (&dev->mutex){+.+.}-{3:3}, at: foo+0x30/0x40 [mymod]",
					    " #1: ffff888004a1b520 (&dev->lock){+.+.}-{2:2}, at: foo+0x34/0x40 [mymod]"}));
	EXPECT_EQ(ld.held_locks(kOther, "cat", 241), std::vector<std::string>{"no locks held by cat/241."});
	ld.task_gone(kInsmod);
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240), std::vector<std::string>{"no locks held by insmod/240."});
}

// kernel/locking/lockdep.c (4.4): print_lock() is print_lock_name() (" (name){usage}",
// six usage characters with RECLAIM_FS's, no wait types), ", at: " and print_ip_sym() of
// the site, without the instance; lockdep_print_held_locks() puts " #%d: " before it.
TEST_F(LockdepTest, HeldLocksLinesIn44Format)
{
	LockContext cx = process("foo+0x1c/0x40 [mymod]");
	cx.lock_format = {.ip_sym = true, .site_address = [](std::string_view) -> uint64_t { return 0xffffffffc000001c; }};
	ok(lock(cx, kDevLock, "&dev->lock", kDevLockKey));
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240, cx.lock_format),
		  (std::vector<std::string>{"1 lock held by insmod/240:",
					    " #0:  (&dev->lock){+.+...}, at: [<ffffffffc000001c>] foo+0x1c/0x40 [mymod]"}));
	// Without a site function, the address is kernel_symbol_address()'s.
	EXPECT_EQ(ld.held_locks(kInsmod, "insmod", 240, {.ip_sym = true}).back(),
		  " #0:  (&dev->lock){+.+...}, at: " + sym("foo+0x1c/0x40 [mymod]"));
}

// 4.4's circular report: the lock lines in 4.4's format (the chain's traces are the
// kernel's, already print_ip_sym() lines on 4.4).
TEST_F(LockdepTest, CircularReportIn44Format)
{
	auto v44 = [](LockContext cx) {
		cx.bracketed_titles = true;
		cx.lock_format = {.ip_sym = true, .site_address = [](std::string_view) -> uint64_t { return 0xffffffffc0000010; }};
		return cx;
	};
	ok(lock(v44(process("ab+0x10/0x40 [m]")), kA, "lock_a", kKeyA));
	ok(lock(v44(process("ab+0x10/0x40 [m]")), kB, "lock_b", kKeyB));
	ok(unlock(v44(process("ab+0x20/0x40 [m]")), kB));
	ok(unlock(v44(process("ab+0x20/0x40 [m]")), kA));
	ok(lock(v44(process("ba+0x10/0x40 [m]")), kB, "lock_b", kKeyB));
	auto r = lock(v44(process("ba+0x10/0x40 [m]")), kA, "lock_a", kKeyA);
	ASSERT_TRUE(r.has_value());
	EXPECT_TRUE(has_line(*r, "[ INFO: possible circular locking dependency detected ]")) << ::testing::PrintToString(r->lines);
	EXPECT_TRUE(has_line(*r, " (lock_a){+.+...}, at: [<ffffffffc0000010>] ba+0x10/0x40 [m]")) << ::testing::PrintToString(r->lines);
	EXPECT_TRUE(has_line(*r, "-> #1 (lock_b){+.+...}:")) << ::testing::PrintToString(r->lines);
	EXPECT_TRUE(has_line(*r, " #0:  (lock_b){+.+...}, at: [<ffffffffc0000010>] ba+0x10/0x40 [m]")) << ::testing::PrintToString(r->lines);
}

TEST_F(LockdepTest, SecondClassOfTheSameNameIsNumbered)
{
	ok(lock(process("a+0x1/0x10"), kA, "&dev->lock", kKeyA));
	ok(lock(process("b+0x1/0x10"), kB, "&dev->lock", kKeyB));   // another init site
	auto held = ld.held_locks(kInsmod, "insmod", 240);
	EXPECT_EQ(held[1], " #0: ffff888004a1b600 (&dev->lock){+.+.}-{2:2}, at: a+0x1/0x10");
	EXPECT_EQ(held[2], " #1: ffff888004a1b700 (&dev->lock#2){+.+.}-{2:2}, at: b+0x1/0x10");
}

TEST_F(LockdepTest, IrqtraceEvents)
{
	ld.hardirqs_off(irqsave("a+0x1/0x10"));
	ld.softirqs_off(bh("b+0x1/0x10"));
	ok(ld.softirqs_on(process("c+0x1/0x10"), frames({})));
	std::vector<std::string> want = {
		"irq event stamp: 3",
		"hardirqs last  enabled at (0): [<0000000000000000>] 0x0",
		"hardirqs last disabled at (1): " + sym("a+0x1/0x10"),
		"softirqs last  enabled at (3): " + sym("c+0x1/0x10"),
		"softirqs last disabled at (2): " + sym("b+0x1/0x10"),
	};
	EXPECT_EQ(ld.irqtrace_events(kInsmod), want);
}

TEST_F(LockdepTest, StateSerializesAndCompares)
{
	LockContext t1 = process("t1+0x1/0x10", kInsmod, "t1", 101);
	ok(lock(t1, kA, "A", kKeyA, kProcStack));
	ok(lock(t1, kB, "B", kKeyB, kProcStack));
	ld.hardirqs_off(irqsave("x+0x1/0x10"));
	ok(lock(hardirq("h+0x1/0x10", kOther, "t2", 102), kC, "C", kKeyC, kIrqStack));
	ok(lock(softirq("s+0x1/0x10"), kDevLock, "(&t->timer)", kDevLockKey, {}, LockKind::Map));

	LockdepState copy = st;
	EXPECT_EQ(copy, st);
	std::string bytes = serialize_to_bytes(st);
	auto back = deserialize_from_bytes<LockdepState>(bytes);
	ASSERT_TRUE(back.ok());
	EXPECT_EQ(*back, st);
	EXPECT_EQ(state_hash(*back), state_hash(st));

	// The copy is a value: more activity on the original leaves it as it was.
	ok(unlock(t1, kB));
	EXPECT_NE(copy, st);
	EXPECT_EQ(*back, copy);

	// ...and a report (lockdep off) is part of the value too.
	LockContext t2 = process("t2+0x1/0x10", kOther, "t2", 102);
	ok(unlock(t1, kA));
	ok(lock(t2, kB, "B", kKeyB));
	ASSERT_TRUE(lock(t2, kA, "A", kKeyA));
	auto after = deserialize_from_bytes<LockdepState>(serialize_to_bytes(st));
	ASSERT_TRUE(after.ok());
	EXPECT_EQ(*after, st);
	EXPECT_FALSE(after->debug_locks);
}

}  // namespace
}  // namespace kctx::kernel
