#!kctx cpus=2 irq=30:1ms
sleep 1
