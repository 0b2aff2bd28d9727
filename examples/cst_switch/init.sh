#!kctx cpus=2 seconds=4
# Three victims on two CPUs: the task the timer hits has a runnable rival on its CPU,
# so schedule() really switches it out (its nivcsw grows).
./cst_test &
./cst_test &
./cst_test &
insmod cst_switch.ko
sleep 3
rmmod cst_switch
