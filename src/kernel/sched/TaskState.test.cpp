// Task::state and its mirror in the simulated task_struct (include/linux/sched.h
// __state), which module code reads through `current`: one value, whatever path
// changed it. abi/Layout.h first: glibc's <signal.h> (which gtest includes) defines
// sa_handler as a macro.
#include "abi/Layout.h"

#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

// init writes 8 bytes it has just filled (a resident page) to /dev/kt.
constexpr const char* kInit = R"(
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
int main(void)
{
	char buf[8] = "abcdefg";
	int fd;
	printf("insmod returned %d\n", __kctx_insmod(0, ""));
	fd = open("/dev/kt", O_RDWR);
	if (fd < 0)
		return 0;
	printf("write returned %d\n", (int)write(fd, buf, 8));
	return 0;
}
)";

// The prepare-to-wait pattern around a copy from user space: a copy that takes no fault
// does not touch the task's state (mm/memory.c: only a fault that sleeps does), so
// the schedule_timeout() after it sleeps its whole timeout.
constexpr const char* kCopyInInterruptibleState = R"(
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
static ssize_t m_write(struct file *f, const char __user *ubuf, size_t len, loff_t *pos)
{
	char kbuf[8];
	unsigned long n;
	unsigned int state;
	long left;
	set_current_state(TASK_INTERRUPTIBLE);
	n = copy_from_user(kbuf, ubuf, 8);
	state = current->__state;
	left = schedule_timeout(HZ / 10);
	pr_info("m: copy left %lu, state %u, then %u, timeout left %ld\n", n, state, current->__state, left);
	return len;
}
static const struct file_operations m_fops = { .owner = THIS_MODULE, .write = m_write };
static struct miscdevice m_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "kt", .fops = &m_fops };
static int __init m_init(void)
{
	return misc_register(&m_dev);
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(TaskState, TaskStateSetBeforeCopyFromUserIsSeenAndKept)
{
	testing::ModuleRun r = testing::run_with_module(kInit, kCopyInInterruptibleState);
	EXPECT_TRUE(r.has("m: copy left 0, state 1, then 0, timeout left 0\n")) << r.console;
	EXPECT_TRUE(r.has("write returned 8\n")) << r.console;
	// And every task's task_struct says what the kernel has (a freed slot is no task).
	for (const Task& t : r.m.tasks) {
		if (t.unused)
			continue;
		uint32_t mirror = ~0u;
		ASSERT_TRUE(r.m.kmem.load(t.task_struct_addr + abi::layout::task_struct::state, mirror));
		EXPECT_EQ(mirror, t.state) << t.comm;
	}
}

}  // namespace
}  // namespace kctx::kernel
