#!kctx cpus=1 seconds=1
insmod irq_lock.ko mode=irqsave
sleep 0.5
