#!kctx cpus=1 seconds=1
# mutex_lock() from a timer callback: might_sleep() reports it (debug profile), and
# lockdep sees a sleeping lock taken in softirq context.
insmod timer_sleep.ko mode=mutex
sleep 0.5
rmmod timer_sleep
