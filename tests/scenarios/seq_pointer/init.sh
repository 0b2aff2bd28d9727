#!kctx cpus=1 seconds=1
# %p in module code that runs for a process: hashed, NULL as zeros.
insmod where.ko
cat /proc/where
cat /proc/where | grep -c 0xffff
rmmod where
