#!kctx cpus=2 seconds=1
insmod items.ko
sleep 0.1
rmmod items
