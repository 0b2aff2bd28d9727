#!kctx cpus=1 seconds=1
insmod irq_lock.ko
sleep 0.1
