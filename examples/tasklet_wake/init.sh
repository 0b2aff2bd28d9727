#!kctx cpus=2 seconds=1
# tasklet_schedule() from process context (a write() handler) and from hardirq context
# (an hrtimer in HRTIMER_MODE_REL_HARD): where and how soon each tasklet runs.
insmod tasklet_wake.ko
echo go > /dev/tasklet_wake
sleep 0.1
rmmod tasklet_wake
