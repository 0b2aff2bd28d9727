#!kctx seconds=1
insmod tick.ko
sleep 1
rmmod tick
