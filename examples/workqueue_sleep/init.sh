#!kctx cpus=2 seconds=1
insmod wq.ko
sleep 0.2
rmmod wq
