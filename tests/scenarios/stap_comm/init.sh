#!kctx cpus=1 seconds=4
# A SystemTap script run as a program: fs/binfmt_script.c runs the interpreter of its
# "#!" line with argv INTERP [ARG] ./NAME.stp ARGS, and keeps the script as the exec's
# filename, so fs/exec.c begin_new_exec() names the task after it: ps and execname()
# say named.stp, ps's command line starts with /usr/bin/stap. Through
# "#! /usr/bin/env stap", env execs stap and that exec names it stap.
./named.stp 100 &
sleep 1.5
ps
wait
./env.stp &
sleep 1.5
ps
wait
