# issue 3: processes and memory of user programs (fork, wait, signals, itimers, mmap) and a
# driver whose mode is a module parameter.
kctx_golden(drivermodes examples/drivermodes 0)
