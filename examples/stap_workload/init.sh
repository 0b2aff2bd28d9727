#!kctx cpus=2 seconds=6
# Something for SystemTap scripts to see: system calls, sleeps and wake-ups, and a CPU
# busy in user mode. Run a script on it with `kctx stap SCRIPT --run examples/stap_workload`.
./chatter &
./napper &
./spinner &
sleep 6
