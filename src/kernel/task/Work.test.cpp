// Workqueues from module code: a struct delayed_work's timer is the timer_list at
// offsetof(struct delayed_work, timer) (include/linux/workqueue.h), the one
// delayed_work_timer_fn() finds the work from (kernel/workqueue.c).
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

constexpr const char* kInit = R"(
#include <stdio.h>
int main(void)
{
	int r = __kctx_insmod(0, "");
	printf("insmod returned %d\n", r);
	return 0;
}
)";

// The queued work's timer, seen and stopped through &dw.timer as drivers do.
constexpr const char* kDelayedWorkTimer = R"(
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
static void m_fn(struct work_struct *w)
{
	pr_info("m: work ran\n");
}
static DECLARE_DELAYED_WORK(dw, m_fn);
static int __init m_init(void)
{
	pr_info("m: queued %d\n", schedule_delayed_work(&dw, HZ / 10));
	pr_info("m: timer_pending %d\n", timer_pending(&dw.timer));
	pr_info("m: del_timer %d\n", del_timer(&dw.timer));
	pr_info("m: timer_pending after %d\n", timer_pending(&dw.timer));
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(Work, DelayedWorkTimerIsTheTimerAtItsOffsetInTheStruct)
{
	testing::ModuleRun r = testing::run_with_module(kInit, kDelayedWorkTimer);
	EXPECT_TRUE(r.has("m: queued 1\n")) << r.console;
	EXPECT_TRUE(r.has("m: timer_pending 1\n")) << r.console;
	EXPECT_TRUE(r.has("m: del_timer 1\n")) << r.console;
	EXPECT_TRUE(r.has("m: timer_pending after 0\n")) << r.console;
	// Its timer deleted, the work is never queued.
	EXPECT_FALSE(r.has("m: work ran")) << r.console;
}

}  // namespace
}  // namespace kctx::kernel
