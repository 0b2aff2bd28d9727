// The starter scenario `kctx new` writes: the files and their text. It must run cleanly
// (exit 0, no report): tests/cli.cmake runs it.
#include "cli/New.h"

namespace kctx::cli {

const std::vector<StarterFile>& starter_files()
{
	static const std::vector<StarterFile> files = {
		{"init.sh", R"starter(#!kctx cpus=2 seconds=1
# init.sh runs as pid 1 on the simulated machine. Line 1 sets the machine with
# key=value pairs; flags of `kctx run` override them.
#
#   cpus=N              CPUs, 1-64 (default 4)
#   seconds=S           simulated seconds before the run stops (default 10)
#   hz=N                timer ticks per second: 100, 250, 300 or 1000 (default 250)
#   seed=N              the timing jitter's seed (default 1)
#   preempt=MODEL       none, voluntary or full (default voluntary)
#   config=PROFILE      debug or debian (default debug)
#   mem=SIZE            RAM, as mem= on a kernel command line (default 512M)
#   mem_pressure=1      GFP_KERNEL sleeps in reclaim, GFP_ATOMIC may fail
#   panic_on_warn=1     a WARN panics (the sysctl kernel.panic_on_warn)
#   softlockup_panic=1  a soft lockup panics
#   kasan_multi_shot=1  KASAN reports every bad access, not only the first
#   pid_max=N           kernel.pid_max
#   threads_max=N       kernel.threads-max
#   log_buf_len=SIZE    the printk ring buffer (log_buf_len= boot parameter)
#   irq=N:PERIOD        raise interrupt line N (1-23) every PERIOD (10ms, 50us...)
#
# Then one command per line, as a shell runs them: ./NAME runs NAME.c (a program; add
# & to run it in the background), insmod NAME.ko loads the module NAME.c, rmmod NAME
# unloads it, sleep, wait and echo do what they do in sh.
./counter &
insmod hello.ko
sleep 0.5
rmmod hello
wait
)starter"},
		{"hello.c", R"starter(// hello.ko: a module whose timer ticks a few times, showing the context a timer_list
// callback runs in (softirq: in_softirq() is true, it must not sleep).
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>

static struct timer_list tick_timer;
static int ticks;

static void tick(struct timer_list *t)
{
	ticks++;
	pr_info("hello: tick %d, in_softirq() %d, in_task() %d\n", ticks, in_softirq() ? 1 : 0, in_task() ? 1 : 0);
	if (ticks < 3)
		mod_timer(&tick_timer, jiffies + msecs_to_jiffies(100));
}

static int __init hello_init(void)
{
	pr_info("hello: loaded by %s (pid %d)\n", current->comm, current->pid);
	timer_setup(&tick_timer, tick, 0);
	mod_timer(&tick_timer, jiffies + msecs_to_jiffies(100));
	return 0;
}

static void __exit hello_exit(void)
{
	del_timer_sync(&tick_timer);
	pr_info("hello: unloaded after %d ticks\n", ticks);
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
)starter"},
		{"counter.c", R"starter(// counter: a user program that counts while the module's timer ticks beside it.
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	for (int i = 1; i <= 3; i++) {
		printf("counter: %d (pid %d)\n", i, getpid());
		usleep(150000);
	}
	return 0;
}
)starter"},
		{"README.md", R"starter(# A starter scenario: a module's timer beside a user program

Written by `kctx new`. Run it with `kctx run DIR`; change it and run it again.

- `init.sh` runs as pid 1: its first line sets the machine (`#!kctx cpus=2 seconds=1`),
  then it starts `./counter` in the background, loads `hello.ko`, waits and unloads it.
- `hello.c` is the module: `hello_init` runs in process context (insmod's), and its
  timer_list callback `tick` in softirq context, as `call_timer_fn()` in
  kernel/time/timer.c calls it: `in_softirq()` is 1 there and the callback must not sleep.
- `counter.c` is a user program (libc, not the kernel's API).

What to try: call `msleep(1)` (from <linux/delay.h>) in `tick` and the console shows Linux's
`BUG: scheduling while atomic`; `kctx run --trace=irq,sched DIR` shows which context
runs when; `kctx api timer` lists the timer functions a module can call.
)starter"},
	};
	return files;
}

}  // namespace kctx::cli
