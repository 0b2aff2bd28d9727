#!kctx cpus=2 seconds=1
insmod abba.ko
sleep 0.1
