#!kctx cpus=1 seconds=1 mem=64M
insmod atomic.ko
sleep 0.5
rmmod atomic
