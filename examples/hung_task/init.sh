#!kctx cpus=1 seconds=250
insmod hung.ko
sleep 250
