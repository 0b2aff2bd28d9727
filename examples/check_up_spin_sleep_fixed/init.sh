#!kctx cpus=1 seconds=1
insmod spin_sleep.ko fixed=1
sleep 0.1
