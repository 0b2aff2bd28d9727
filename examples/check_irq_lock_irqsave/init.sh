#!kctx cpus=1 seconds=1
insmod irq_lock.ko irqsave=1
sleep 0.1
