// KASAN, the oops and the slab allocator in a running kernel: a module compiled from C
// and loaded by init. The report formats themselves are pinned by the goldens
// (tests/kasan.cmake); these tests pin the rules around them (mm/kasan/report.c
// report_enabled(), end_report(); kernel/exit.c make_task_dead()).
#include <gtest/gtest.h>

#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Diagnostic.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"
#include "lang/Compiler.h"

namespace kctx::kernel {
namespace {

// init loads the module and prints what insmod gave back.
constexpr const char* kInit = R"(
#include <stdio.h>
int main(void)
{
	int r = __kctx_insmod(0, "");
	printf("insmod returned %d\n", r);
	return 0;
}
)";

using Outcome = testing::ModuleRun;
using testing::count;

Outcome run(const std::string& module_source, Config config = {})
{
	return testing::run_with_module(kInit, module_source, config);
}

// Two reads of a freed object, then a read of the last byte in bounds.
constexpr const char* kTwoUseAfterFrees = R"(
#include <linux/module.h>
#include <linux/slab.h>
static int __init m_init(void)
{
	int *p = kmalloc(64, GFP_KERNEL);
	int a, b;
	p[0] = 7;
	kfree(p);
	a = p[0];
	b = p[15];
	pr_info("m: read %d %d\n", a, b);
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(Kasan, OnlyTheFirstBadAccessIsReportedAndTheAccessGoesAhead)
{
	Outcome r = run(kTwoUseAfterFrees);
	EXPECT_EQ(count(r.console, "BUG: KASAN: use-after-free in m_init"), 1u) << r.console;
	EXPECT_EQ(r.m.findings.bugs, 1u);
	EXPECT_NE(r.console.find("m: read "), std::string::npos);   // the module went on
	EXPECT_NE(r.console.find("insmod returned 0"), std::string::npos);
	EXPECT_TRUE(r.m.tainted & (1u << abi::TAINT_BAD_PAGE));
	EXPECT_EQ(count(r.console, "Disabling lock debugging due to kernel taint"), 1u);
}

TEST(Kasan, MultiShotReportsEveryBadAccess)
{
	Config c;
	c.kasan_multi_shot = true;
	Outcome r = run(kTwoUseAfterFrees, c);
	EXPECT_EQ(count(r.console, "BUG: KASAN: use-after-free in m_init"), 2u) << r.console;
	EXPECT_EQ(r.m.findings.bugs, 2u);
}

TEST(Kasan, PanicOnWarnPanicsAfterTheReport)
{
	Config c;
	c.panic_on_warn = true;
	Outcome r = run(kTwoUseAfterFrees, c);
	EXPECT_TRUE(r.m.findings.panicked);
	EXPECT_NE(r.console.find("Kernel panic - not syncing: panic_on_warn set ...\n"), std::string::npos);
	EXPECT_EQ(r.console.find("m: read "), std::string::npos);
	EXPECT_FALSE(r.m.tainted & (1u << abi::TAINT_BAD_PAGE));   // end_report() panics before add_taint()
}

TEST(Kasan, NoKasanInTheDebianProfile)
{
	Config c;
	c.profile = Profile::Debian;
	Outcome r = run(kTwoUseAfterFrees, c);
	EXPECT_EQ(r.console.find("KASAN"), std::string::npos);
	EXPECT_EQ(r.m.findings.total(), 0u);
	// SLUB put its (hardened) free pointer in the middle of the object; p[0] is stale.
	EXPECT_NE(r.console.find("m: read 7 "), std::string::npos) << r.console;
}

TEST(Kasan, AccessesInBoundsAreSilentAndKmallocZeroIsZeroSizePtr)
{
	Outcome r = run(R"(
#include <linux/module.h>
#include <linux/slab.h>
static int __init m_init(void)
{
	char *p = kzalloc(13, GFP_KERNEL);
	void *z = kmalloc(0, GFP_KERNEL);
	int i, sum = 0;
	for (i = 0; i < 13; i++)
		sum += p[i] + 1;
	kfree(p);
	kfree(z);
	kfree(NULL);
	pr_info("m: sum %d zero %lx\n", sum, (unsigned long)z);
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)");
	EXPECT_NE(r.console.find("m: sum 13 zero 10"), std::string::npos) << r.console;
	EXPECT_EQ(r.m.findings.total(), 0u);
}

TEST(Oops, ANullDereferenceInProcessContextKillsTheTaskWithSigkill)
{
	Outcome r = run(R"(
#include <linux/module.h>
#include <linux/mutex.h>
static DEFINE_MUTEX(lock);
static int *nothing;
static int __init m_init(void)
{
	mutex_lock(&lock);
	return *nothing;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)");
	EXPECT_EQ(r.m.findings.oopses, 1u) << r.console;
	EXPECT_NE(r.console.find("BUG: kernel NULL pointer dereference, address: 0000000000000000"), std::string::npos);
	EXPECT_TRUE(r.m.tainted & (1u << abi::TAINT_DIE));
	// insmod died of SIGKILL (page_fault_oops()'s signal): __kctx_insmod hands init its
	// wait status (9), and init reaped it, so no insmod task is left.
	for (const Task& t : r.m.tasks)
		EXPECT_TRUE(t.unused || t.comm != "insmod") << "insmod is still a task";
	EXPECT_NE(r.console.find("insmod returned 9"), std::string::npos) << r.console;
	EXPECT_FALSE(r.m.findings.panicked);
}

}  // namespace
}  // namespace kctx::kernel
