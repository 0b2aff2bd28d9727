// Interrupt lines from module code (kernel/irq/manage.c, handle.c, spurious.c, proc.c):
// request_threaded_irq()'s refusals and their genirq messages, delivery through the
// hardirq entry to the handler and the irq/N-name thread, disable/enable with the
// pending replay, free_irq()'s devname and its WARN, /proc/interrupts' format, and the
// "nobody cared" detector.
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

// init loads the module, then raises line 5 through debugfs `count` times, 10 ms apart,
// and prints /proc/interrupts.
constexpr const char* kInitTrigger = R"(
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
static void trigger(const char *path)
{
	int fd = open(path, O_WRONLY);
	long n = write(fd, "trigger\n", 8);
	printf("trigger %s: %ld\n", path, n);
	close(fd);
}
int main(void)
{
	char buf[4096];
	int r = __kctx_insmod(0, "");
	printf("insmod returned %d\n", r);
	trigger("/sys/kernel/debug/irq/irqs/5");
	usleep(10000);
	trigger("/sys/kernel/debug/irq/irqs/5");
	usleep(10000);
	trigger("/sys/kernel/debug/irq/irqs/6");
	int fd = open("/proc/interrupts", O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("%s", buf);
	close(fd);
	printf("rmmod returned %d\n", __kctx_rmmod("m"));
	return 0;
}
)";

constexpr const char* kThreaded = R"(
#include <linux/module.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
static int dev;
static irqreturn_t top(int irq, void *id)
{
	pr_info("m: top irq %d hardirq %d count %#x dev %d\n", irq, in_hardirq() ? 1 : 0, preempt_count(), id == &dev);
	return IRQ_WAKE_THREAD;
}
static irqreturn_t bottom(int irq, void *id)
{
	pr_info("m: bottom %s prio %d in_interrupt %d\n", current->comm, current->prio, in_interrupt() ? 1 : 0);
	msleep(1);
	return IRQ_HANDLED;
}
static int __init m_init(void)
{
	return request_threaded_irq(5, top, bottom, 0, "mydev", &dev);
}
static void __exit m_exit(void)
{
	pr_info("m: freed %s\n", (const char *)free_irq(5, &dev));
}
module_init(m_init);
module_exit(m_exit);
MODULE_LICENSE("GPL");
)";

TEST(IrqLine, ThreadedHandlerRunsInHardirqThenInItsThread)
{
	testing::ModuleRun r = testing::run_with_module(kInitTrigger, kThreaded);
	EXPECT_TRUE(r.has("insmod returned 0\n")) << r.console;
	EXPECT_TRUE(r.has("trigger /sys/kernel/debug/irq/irqs/5: 8\n")) << r.console;
	EXPECT_EQ(testing::count(r.console, "m: top irq 5 hardirq 1 count 0x10000 dev 1\n"), 2u) << r.console;
	// setup_irq_thread(): "irq/%d-%s", SCHED_FIFO 50 (prio 99 - 50).
	EXPECT_EQ(testing::count(r.console, "m: bottom irq/5-mydev prio 49 in_interrupt 0\n"), 2u) << r.console;
	// irq_inject_interrupt() on a line nobody requested: -EINVAL.
	EXPECT_TRUE(r.has("trigger /sys/kernel/debug/irq/irqs/6: -1\n")) << r.console;
	EXPECT_TRUE(r.has("m: freed mydev\n")) << r.console;
	EXPECT_TRUE(r.has("rmmod returned 0\n")) << r.console;
	EXPECT_EQ(r.m.findings.total(), 0u) << r.console;
}

TEST(IrqLine, ProcInterruptsHasLinuxsColumns)
{
	testing::ModuleRun r = testing::run_with_module(kInitTrigger, kThreaded);
	// show_interrupts(): "%*d: " with prec 3, "%10u " per CPU, " %8s" chip, " %*lu" hwirq,
	// "-%-8s" the flow handler's name, "  %s" each action.
	EXPECT_TRUE(r.has("           CPU0       CPU1       \n")) << r.console;
	EXPECT_TRUE(r.has("  0:          0          0   IO-APIC   2-edge      timer\n")) << r.console;
	EXPECT_TRUE(r.has("  5:          2          0   IO-APIC   5-edge      mydev\n")) << r.console;
	EXPECT_TRUE(r.has("ERR:          0\n")) << r.console;
	EXPECT_TRUE(r.has("  Local timer interrupts\n")) << r.console;
}

constexpr const char* kRefusals = R"(
#include <linux/module.h>
#include <linux/interrupt.h>
static int a, b;
static irqreturn_t h(int irq, void *id) { return IRQ_HANDLED; }
static irqreturn_t t(int irq, void *id) { return IRQ_HANDLED; }
static int __init m_init(void)
{
	pr_info("m: no such line %d\n", request_irq(24, h, 0, "x", &a));
	pr_info("m: shared without dev_id %d\n", request_irq(3, h, IRQF_SHARED, "x", NULL));
	pr_info("m: no handlers %d\n", request_threaded_irq(3, NULL, NULL, 0, "x", &a));
	pr_info("m: null primary %d\n", request_threaded_irq(3, NULL, t, 0, "nothread", &a));
	pr_info("m: timer line %d\n", request_irq(0, h, 0, "tick", &a));
	pr_info("m: first %d\n", request_irq(4, h, 0, "one", &a));
	pr_info("m: second %d\n", request_irq(4, h, IRQF_SHARED, "two", &b));
	pr_info("m: oneshot %d\n", request_threaded_irq(3, NULL, t, IRQF_ONESHOT, "ok", &b));
	pr_info("m: free unrequested %ld\n", (long)free_irq(6, &a));
	pr_info("m: free wrong dev %ld\n", (long)free_irq(4, &b));
	free_irq(4, &a);
	free_irq(3, &b);
	enable_irq(4);   // a shut-down line: irq_startup(), no warning
	request_irq(4, h, 0, "three", &a);
	enable_irq(4);   // already enabled: "Unbalanced enable"
	free_irq(4, &a);
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(IrqLine, RequestsLinuxRefusesAreRefusedWithItsMessages)
{
	testing::ModuleRun r = testing::run_with_module(kInitTrigger, kRefusals);
	EXPECT_TRUE(r.has("m: no such line -22\n")) << r.console;
	EXPECT_TRUE(r.has("m: shared without dev_id -22\n")) << r.console;
	EXPECT_TRUE(r.has("m: no handlers -22\n")) << r.console;
	EXPECT_TRUE(r.has("genirq: Threaded irq requested with handler=NULL and !ONESHOT for nothread (irq 3)\n")) << r.console;
	EXPECT_TRUE(r.has("m: null primary -22\n")) << r.console;
	EXPECT_TRUE(r.has("genirq: Flags mismatch irq 0. 00000000 (tick) vs. 00015a00 (timer)\n")) << r.console;
	EXPECT_TRUE(r.has("m: timer line -16\n")) << r.console;
	EXPECT_TRUE(r.has("m: first 0\n")) << r.console;
	EXPECT_TRUE(r.has("genirq: Flags mismatch irq 4. 00000080 (two) vs. 00000000 (one)\n")) << r.console;
	EXPECT_TRUE(r.has("m: second -16\n")) << r.console;
	EXPECT_TRUE(r.has("m: oneshot 0\n")) << r.console;
	// __free_irq(): WARN(1, "Trying to free already-free IRQ %d\n"), and free_irq() NULL.
	EXPECT_TRUE(r.has("Trying to free already-free IRQ 6\n")) << r.console;
	EXPECT_TRUE(r.has("WARNING: CPU: ")) << r.console;
	EXPECT_TRUE(r.has("at kernel/irq/manage.c:1893 __free_irq+0x1d4/0x330\n")) << r.console;
	EXPECT_TRUE(r.has("m: free unrequested 0\n")) << r.console;
	EXPECT_TRUE(r.has("Trying to free already-free IRQ 4\n")) << r.console;
	EXPECT_TRUE(r.has("m: free wrong dev 0\n")) << r.console;
	// __enable_irq() on a line that is not disabled.
	EXPECT_EQ(testing::count(r.console, "Unbalanced enable for IRQ 4\n"), 1u) << r.console;
	EXPECT_EQ(r.m.findings.warnings, 3u) << r.console;
}

constexpr const char* kSleepsInHandler = R"(
#include <linux/module.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
static int dev;
static irqreturn_t h(int irq, void *id)
{
	msleep(1);
	return IRQ_HANDLED;
}
static int __init m_init(void) { return request_irq(5, h, 0, "sleepy", &dev); }
static void __exit m_exit(void) { free_irq(5, &dev); }
module_init(m_init);
module_exit(m_exit);
MODULE_LICENSE("GPL");
)";

TEST(IrqLine, SleepingInTheHandlerIsTheHardirqBug)
{
	testing::ModuleRun r = testing::run_with_module(kInitTrigger, kSleepsInHandler);
	// The handler runs through the hardirq entry: preempt_count 0x10000 (+1 for schedule());
	// msleep() has no might_sleep(), so schedule_debug() is what reports it.
	EXPECT_TRUE(r.has("BUG: scheduling while atomic: init/1/0x00010001\n")) << r.console;
	// schedule() came back with interrupts on: __handle_irq_event_percpu()'s WARN_ONCE.
	EXPECT_EQ(testing::count(r.console, "irq 5 handler h+0x0/0x14 [m] enabled interrupts\n"), 1u) << r.console;
	EXPECT_TRUE(r.has("h+0x")) << r.console;
	EXPECT_TRUE(r.has("__handle_irq_event_percpu+0x43/0x180\n")) << r.console;
	EXPECT_TRUE(r.has("handle_edge_irq+0x9f/0x240\n")) << r.console;
	EXPECT_TRUE(r.has("common_interrupt+0xb3/0xd0\n")) << r.console;
	EXPECT_TRUE(r.has("asm_common_interrupt+0x22/0x40\n")) << r.console;
}

constexpr const char* kJiffies = R"(
#include <linux/module.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
struct sample { unsigned long jiffies; u64 stamp; };
static unsigned long *jp = (unsigned long *)&jiffies;
static int __init m_init(void)
{
	struct sample s = { .jiffies = jiffies, .stamp = get_jiffies_64() };
	unsigned long jiffies_local = jiffies;
	msleep(100);
	pr_info("m: member %d local %d alias %d\n", s.jiffies == s.stamp, jiffies_local == s.jiffies, *jp == jiffies);
	pr_info("m: advanced %d\n", time_after(jiffies, s.jiffies) && jiffies - s.jiffies >= 25);
	pr_info("m: initial %d\n", s.jiffies - (unsigned long)(unsigned int)(-300 * HZ) < 2 * HZ);
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(Jiffies, IsAVariableAStructMemberMayBeNamedAfter)
{
	testing::ModuleRun r = testing::run_with_module(kInitTrigger, kJiffies);
	EXPECT_TRUE(r.has("m: member 1 local 1 alias 1\n")) << r.console;
	EXPECT_TRUE(r.has("m: advanced 1\n")) << r.console;
	EXPECT_TRUE(r.has("m: initial 1\n")) << r.console;
}

constexpr const char* kKthreadExit = R"(
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
static DECLARE_COMPLETION(done);
static struct task_struct *t2;
static int worker(void *data)
{
	pr_info("m: worker runs\n");
	kthread_complete_and_exit(&done, 7);
	pr_info("m: never printed\n");
	return 0;
}
static int stopper(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	kthread_exit(42);
	return 1;
}
static int __init m_init(void)
{
	kthread_run(worker, NULL, "worker");
	wait_for_completion(&done);
	pr_info("m: completed\n");
	t2 = kthread_run(stopper, NULL, "stopper");
	return 0;
}
static void __exit m_exit(void)
{
	pr_info("m: kthread_stop %d\n", kthread_stop(t2));
}
module_init(m_init);
module_exit(m_exit);
MODULE_LICENSE("GPL");
)";

TEST(Kthread, CompleteAndExitAndKthreadExit)
{
	testing::ModuleRun r = testing::run_with_module(kInitTrigger, kKthreadExit);
	size_t runs = r.console.find("m: worker runs\n"), completed = r.console.find("m: completed\n");
	EXPECT_TRUE(runs != std::string::npos && completed != std::string::npos && runs < completed) << r.console;
	EXPECT_FALSE(r.has("never printed")) << r.console;
	EXPECT_TRUE(r.has("m: kthread_stop 42\n")) << r.console;
	EXPECT_EQ(r.m.findings.total(), 0u) << r.console;
}

}  // namespace
}  // namespace kctx::kernel
