#!kctx cpus=1 seconds=1
# BUG_ON() in a module's init: the oops kills insmod; the line after it never runs.
insmod bugon.ko
echo insmod-done
