#!kctx cpus=1 seconds=30
insmod irq_lock.ko mode=plain
sleep 30
