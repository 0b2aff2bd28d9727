#!kctx cpus=2 seconds=2 kernel=4.4 config=debian
# Two oopses as a 4.4 kernel reports them: a NULL dereference in process context with a
# spinlock held (insmod is killed; 4.4's do_exit() leaves the leaked preempt_count for
# schedule() to report), then one in a timer callback (softirq: the kernel panics).
insmod badlock.ko
sleep 1
insmod badtimer.ko
sleep 1
