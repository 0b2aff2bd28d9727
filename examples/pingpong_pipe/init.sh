#!kctx cpus=1 seconds=1
# ping and pong pass a byte back and forth through two named pipes, beside a CPU-bound
# task: every wait is a sleep in pipe_read() that the other side's write() ends. Run it
# with --trace=sched,syscalls,irq (see README.md).
mkfifo /tmp/ping /tmp/pong
./ping &
./pong &
./hog &
wait
