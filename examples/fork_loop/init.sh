#!kctx cpus=2 seconds=100 pid_max=1000
# 20,000 fork/exit/waitpid rounds: reaped tasks free their slots and pids wrap at pid_max.
./forkloop 20000
