#!kctx cpus=1 seconds=4
# Two victims on one CPU: the task the timer hits has a runnable rival, so schedule()
# really switches it out (its nivcsw grows) and the rival runs inside the hit task's
# unfinished softirq.
./cst_test &
./cst_test &
insmod cst_switch.ko
sleep 3
rmmod cst_switch
