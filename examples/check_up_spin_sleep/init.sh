#!kctx cpus=1 seconds=1
insmod spin_sleep.ko
sleep 0.1
