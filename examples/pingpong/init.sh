#!kctx cpus=1 seconds=1
# Mode switch vs context switch: two tasks ping-pong through sched_yield() on one CPU,
# beside a CPU-bound task. Run it with --trace=sched,syscalls,irq (see README.md).
./ping &
./pong &
./hog &
wait
