#!kctx cpus=2 seconds=4
# One victim per CPU: schedule() picks the hit task again, so its nivcsw does not move.
./cst_test &
./cst_test &
insmod cst_switch.ko
sleep 3
rmmod cst_switch
