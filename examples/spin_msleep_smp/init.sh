#!kctx cpus=2 seconds=1
insmod spin_msleep.ko
