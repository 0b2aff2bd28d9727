#!kctx cpus=2 seconds=1
# Something for probes on the scenario's own code: a module whose timer callback calls a
# helper (module("sumdev").statement()), and a program with a recursive function
# (process("crunch").function()).
insmod sumdev.ko
sleep 0.2
./crunch
sleep 0.5
